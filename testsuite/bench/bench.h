/*
 * testsuite/bench/bench.h — the few helpers every benchmark program shares.
 *
 * The benchmarks must run on an emulator that implements only a handful of
 * Linux system calls (write, exit, exit_group, brk, plus whatever glibc's
 * static start-up issues), so they avoid stdio and malloc entirely: data
 * lives in static arrays, and the single output line is formatted here and
 * handed to write(2) directly.
 *
 * Every benchmark:
 *   - takes an optional argv[1], the workload scale in percent (default 100,
 *     so "25" runs a quarter of the work — the checksum changes with it);
 *   - prints exactly one line "checksum <name> <16 hex digits>" and exits 0.
 *
 * Everything here is integer-only and uses fixed-width types, so a program
 * computes the same checksum on riscv64 and on x86-64 (which differ in, for
 * example, whether plain `char` is signed).
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <unistd.h>

/* argv[1] as a percentage (1..100000); 100 when absent or not a number. */
static inline long bench_scale(int argc, char **argv)
{
    if (argc < 2)
        return 100;
    long v = 0;
    for (const char *p = argv[1]; *p; p++) {
        if (*p < '0' || *p > '9' || v > 100000)
            return 100;
        v = v * 10 + (*p - '0');
    }
    return v < 1 ? 1 : v > 100000 ? 100000 : v;
}

/* base * scale / 100, at least 1: the amount of work a benchmark does. */
static inline long bench_scaled(long base, long scale)
{
    long n = base * scale / 100;
    return n < 1 ? 1 : n;
}

/* Mixes a 64-bit value into a running checksum (a multiply-xorshift step,
 * in the spirit of splitmix64, so every input bit affects the result). */
static inline uint64_t bench_mix(uint64_t sum, uint64_t v)
{
    sum ^= v + 0x9e3779b97f4a7c15ull + (sum << 6) + (sum >> 2);
    sum *= 0xbf58476d1ce4e5b9ull;
    return sum ^ (sum >> 31);
}

/* The bit pattern of a double, for checksumming floating-point results
 * exactly (no decimal printing, which would need stdio). */
static inline uint64_t bench_double_bits(double d)
{
    union { double d; uint64_t u; } x = { .d = d };
    return x.u;
}

/* Prints "checksum NAME HEX\n" with one write(2) call. */
static inline void bench_print_checksum(const char *name, uint64_t value)
{
    char line[128];
    int n = 0;
    for (const char *p = "checksum "; *p; p++) line[n++] = *p;
    for (const char *p = name; *p && n < 100; p++) line[n++] = *p;
    line[n++] = ' ';
    for (int shift = 60; shift >= 0; shift -= 4)
        line[n++] = "0123456789abcdef"[(value >> shift) & 15];
    line[n++] = '\n';
    ssize_t ignored = write(1, line, (size_t)n);
    (void)ignored;
}

#endif
