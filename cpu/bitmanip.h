/*
 * cpu/bitmanip.h — the value functions of the bit-manipulation extensions
 * (Zbb, Zbc), written to read like the specification's pseudocode.
 *
 * The interpreter (cpu/interp.c) uses them; they are header-only so the
 * compiler can inline them into the dispatcher.  Each loop form below is
 * the specification's definition; the compiler turns most into one host
 * instruction anyway.
 */
#ifndef RVDBT_CPU_BITMANIP_H
#define RVDBT_CPU_BITMANIP_H

#include <stdint.h>

/* Count leading / trailing zeros; the count of an all-zero value is its width. */
static inline uint64_t rv_clz(uint64_t v, int width) { return v ? (uint64_t)__builtin_clzll(v) - (64 - width) : (uint64_t)width; }
static inline uint64_t rv_ctz(uint64_t v, int width) { return v ? (uint64_t)__builtin_ctzll(v) : (uint64_t)width; }
static inline uint64_t rv_cpop(uint64_t v) { return (uint64_t)__builtin_popcountll(v); }

static inline uint64_t rv_rol64(uint64_t v, unsigned n) { n &= 63; return n ? v << n | v >> (64 - n) : v; }
static inline uint64_t rv_ror64(uint64_t v, unsigned n) { n &= 63; return n ? v >> n | v << (64 - n) : v; }
static inline uint32_t rv_rol32(uint32_t v, unsigned n) { n &= 31; return n ? v << n | v >> (32 - n) : v; }
static inline uint32_t rv_ror32(uint32_t v, unsigned n) { n &= 31; return n ? v >> n | v << (32 - n) : v; }

/* orc.b: each byte becomes 0xff if any of its bits is set, else 0x00. */
static inline uint64_t rv_orc_b(uint64_t v)
{
    uint64_t r = 0;
    for (int i = 0; i < 64; i += 8)
        if ((v >> i) & 0xff) r |= 0xffull << i;
    return r;
}

/* rev8: the bytes in reverse order. */
static inline uint64_t rv_rev8(uint64_t v) { return __builtin_bswap64(v); }

/* Carry-less products of a and b: bits 0..63 (clmul), 64..127 (clmulh),
 * 63..126 (clmulr) of the 128-bit XOR-accumulated product. */
static inline uint64_t rv_clmul(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    for (int i = 0; i < 64; i++)
        if ((b >> i) & 1) r ^= a << i;
    return r;
}
static inline uint64_t rv_clmulh(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    for (int i = 1; i < 64; i++)
        if ((b >> i) & 1) r ^= a >> (64 - i);
    return r;
}
static inline uint64_t rv_clmulr(uint64_t a, uint64_t b)
{
    uint64_t r = 0;
    for (int i = 0; i < 64; i++)
        if ((b >> i) & 1) r ^= a >> (63 - i);
    return r;
}

#endif
