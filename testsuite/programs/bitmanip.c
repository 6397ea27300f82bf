/*
 * testsuite/programs/bitmanip.c — ordinary C compiled with -march=rv64gc_zba_zbb_zbs
 * (see the Makefile): GCC 12 then uses sh1add/sh2add/sh3add, add.uw, zext.w, cpop,
 * clz, ctz, rev8, rori, min/max, andn/orn, sext.b/sext.h, zext.h, bset/bclr/binv/bext.
 * Its output must be qemu-riscv64's (QEMU 7.2 has Zba/Zbb/Zbs on by default) under
 * every engine; testsuite/tests/62-extensions.sh checks that --cpu rv64gc makes it
 * die with SIGILL instead, and that the binary really contains those instructions.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t seed = 0x243f6a8885a308d3ull;
static uint64_t next(void) /* xorshift64 */
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

__attribute__((noinline)) static uint64_t rotr(uint64_t v, unsigned n) { return v >> (n & 63) | v << (-n & 63); }
__attribute__((noinline)) static uint32_t rotl32(uint32_t v, unsigned n) { return v << (n & 31) | v >> (-n & 31); }
__attribute__((noinline)) static int64_t smax(int64_t a, int64_t b) { return a > b ? a : b; }
__attribute__((noinline)) static uint64_t umin(uint64_t a, uint64_t b) { return a < b ? a : b; }
__attribute__((noinline)) static uint64_t andnot(uint64_t a, uint64_t b) { return a & ~b; }
__attribute__((noinline)) static uint64_t ornot(uint64_t a, uint64_t b) { return a | ~b; }
__attribute__((noinline)) static uint64_t setbit(uint64_t a, unsigned i) { return a | 1ull << (i & 63); }
__attribute__((noinline)) static uint64_t clrbit(uint64_t a, unsigned i) { return a & ~(1ull << (i & 63)); }
__attribute__((noinline)) static uint64_t flipbit(uint64_t a, unsigned i) { return a ^ 1ull << (i & 63); }
__attribute__((noinline)) static int getbit(uint64_t a, unsigned i) { return (a >> (i & 63)) & 1; }
__attribute__((noinline)) static uint64_t zext32(uint32_t v) { return v; }
__attribute__((noinline)) static int64_t sext8(int64_t v) { return (int8_t)v; }
__attribute__((noinline)) static int64_t sext16(int64_t v) { return (int16_t)v; }
__attribute__((noinline)) static uint64_t zext16(uint64_t v) { return (uint16_t)v; }
__attribute__((noinline)) static uint64_t index3(const uint64_t *p, uint32_t i) { return p[i]; } /* sh3add.uw */

int main(void)
{
    static uint64_t table[1024];
    for (int i = 0; i < 1024; i++) table[i] = next();

    uint64_t h = 0;
    int pop = 0, lead = 0, trail = 0;
    for (int i = 0; i < 100000; i++) {
        uint64_t v = next(), w = next();
        unsigned n = (unsigned)(v >> 58);
        pop += __builtin_popcountll(v);
        lead += v ? __builtin_clzll(v >> (n & 31)) : 64;
        trail += w ? __builtin_ctzll(w << (n & 31)) : 64;
        h ^= rotr(v, n) + __builtin_bswap64(w);
        h += (uint64_t)smax((int64_t)v, (int64_t)w) ^ umin(v, w);
        h ^= andnot(v, w) + ornot(w, v);
        h += setbit(v, n) ^ clrbit(w, n) ^ flipbit(h, n) ^ (uint64_t)getbit(w, n);
        h ^= zext32((uint32_t)v) + (uint64_t)sext8((int64_t)w) + (uint64_t)sext16((int64_t)v) + zext16(w);
        h += rotl32((uint32_t)w, n) + index3(table, (uint32_t)v & 1023) + table[(w >> 3) & 1023];
    }
    printf("popcount %d clz %d ctz %d hash %016llx\n", pop, lead, trail, (unsigned long long)h);

    /* byte-wise work that GCC turns into orc.b-free but zext/sext-heavy code */
    char buf[64];
    snprintf(buf, sizeof buf, "%llx", (unsigned long long)h);
    size_t len = strlen(buf);
    unsigned sum = 0;
    for (size_t i = 0; i < len; i++) sum = sum * 31 + (unsigned char)buf[i];
    printf("digits %zu sum %u\n", len, sum);
    return 0;
}
