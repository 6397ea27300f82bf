/*
 * cpu/hostfp.h — the interpreter's fast path for F/D arithmetic: the host's
 * SSE unit, used when the rounding mode is round-to-nearest-even.
 *
 * Why it is exact: for add, sub, mul, div, sqrt (and fused multiply-add,
 * where the host has FMA) SSE and RISC-V follow IEEE 754 the same way —
 * same results, same five exception flags, tininess detected after rounding
 * — except for NaN results, which RISC-V makes canonical (hostfp_bits_*),
 * and infinity x zero + quiet NaN in a fused multiply-add, where RISC-V
 * raises invalid and x86 does not (hostfp_inf_times_zero).  The translator relies on the same equivalence.  The
 * other rounding modes (RMM has no SSE equivalent), conversions (SSE
 * saturates differently), min/max and compares stay with cpu/softfloat.c,
 * which is also the oracle the unit tests compare this path with.
 *
 * Each operation runs with MXCSR at its power-on value (round to nearest,
 * all exceptions masked, flags clear), reads the flags it raised, and puts
 * back the MXCSR it found — translated code may have flags pending there
 * (translator/helpers.c folds them in later).
 *
 * Those two MXCSR loads cost more than the arithmetic, so the interpreter
 * engine's block loop (cpu/interp.c) owns MXCSR instead: while
 * hostfp_mxcsr_owned is set, an operation only runs and reads MXCSR.  The
 * flags it reads then include older ones still pending, which is harmless
 * as long as every pending flag is already in the guest's fflags (they are
 * sticky there too): the block loop makes sure of that before each block
 * with FP in it (hostfp_own_mxcsr), and within a block fflags cannot lose
 * bits, since a CSR write is a system instruction, which ends a block.
 */
#ifndef RVDBT_CPU_HOSTFP_H
#define RVDBT_CPU_HOSTFP_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define HOSTFP_MXCSR_DEFAULT 0x1f80u

/* MXCSR flags (IE DE ZE OE UE PE) -> RISC-V fflags (NV DZ OF UF NX); DE has no RISC-V flag. */
static inline uint32_t hostfp_flags(uint32_t mxcsr)
{
    return (mxcsr & 0x01 ? 0x10u : 0) | (mxcsr & 0x04 ? 0x08u : 0) | (mxcsr & 0x08 ? 0x04u : 0) |
           (mxcsr & 0x10 ? 0x02u : 0) | (mxcsr & 0x20 ? 0x01u : 0);
}

/* Set by the interpreter's block loop while it owns MXCSR (see above). */
extern _Thread_local bool hostfp_mxcsr_owned;

/* Block loop: before a block with FP instructions, given the guest's fflags.
 * Keeps MXCSR if it is the power-on value with only flags the guest already
 * has pending (the common case: a loop keeps raising inexact), else loads
 * the power-on value. */
static inline void hostfp_own_mxcsr(uint32_t fflags)
{
    uint32_t m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    if ((m & ~0x3fu) != HOSTFP_MXCSR_DEFAULT || (hostfp_flags(m) & ~fflags)) {
        m = HOSTFP_MXCSR_DEFAULT;
        __asm__ volatile("ldmxcsr %0" : : "m"(m));
    }
}

/* One SSE instruction "INSN b, a" (AT&T: a = a op b) between a fresh MXCSR and the old one
 * (or, while the block loop owns MXCSR, in the one there). */
#define HOSTFP_BINARY(name, type, insn)                                                                      \
    static inline type name(type a, type b, uint32_t *fl)                                                    \
    {                                                                                                        \
        uint32_t saved = 0, m = HOSTFP_MXCSR_DEFAULT;                                                        \
        if (hostfp_mxcsr_owned) {                                                                            \
            __asm__ volatile(insn " %[b], %[a]\n\tstmxcsr %[m]" : [a] "+x"(a), [m] "=m"(m) : [b] "x"(b));    \
            *fl |= hostfp_flags(m);                                                                          \
            return a;                                                                                        \
        }                                                                                                    \
        __asm__ volatile("stmxcsr %[s]\n\tldmxcsr %[m]\n\t" insn " %[b], %[a]\n\tstmxcsr %[m]\n\tldmxcsr %[s]" \
                         : [a] "+x"(a), [m] "+m"(m), [s] "+m"(saved)                                         \
                         : [b] "x"(b));                                                                      \
        *fl |= hostfp_flags(m);                                                                              \
        return a;                                                                                            \
    }
HOSTFP_BINARY(hostfp_add_d, double, "addsd")
HOSTFP_BINARY(hostfp_sub_d, double, "subsd")
HOSTFP_BINARY(hostfp_mul_d, double, "mulsd")
HOSTFP_BINARY(hostfp_div_d, double, "divsd")
HOSTFP_BINARY(hostfp_sqrt_d, double, "sqrtsd") /* (b is the operand; a only receives) */
HOSTFP_BINARY(hostfp_add_s, float, "addss")
HOSTFP_BINARY(hostfp_sub_s, float, "subss")
HOSTFP_BINARY(hostfp_mul_s, float, "mulss")
HOSTFP_BINARY(hostfp_div_s, float, "divss")
HOSTFP_BINARY(hostfp_sqrt_s, float, "sqrtss")
#undef HOSTFP_BINARY

/* a * b + c with one rounding (vfmadd231: c += a * b), only if the host has FMA. */
#define HOSTFP_FMA(name, type, insn)                                                                         \
    static inline type name(type a, type b, type c, uint32_t *fl)                                            \
    {                                                                                                        \
        uint32_t saved = 0, m = HOSTFP_MXCSR_DEFAULT;                                                        \
        if (hostfp_mxcsr_owned) {                                                                            \
            __asm__ volatile(insn " %[b], %[a], %[c]\n\tstmxcsr %[m]"                                        \
                             : [c] "+x"(c), [m] "=m"(m)                                                      \
                             : [a] "x"(a), [b] "x"(b));                                                      \
            *fl |= hostfp_flags(m);                                                                          \
            return c;                                                                                        \
        }                                                                                                    \
        __asm__ volatile("stmxcsr %[s]\n\tldmxcsr %[m]\n\t" insn " %[b], %[a], %[c]\n\tstmxcsr %[m]\n\t"      \
                         "ldmxcsr %[s]"                                                                      \
                         : [c] "+x"(c), [m] "+m"(m), [s] "+m"(saved)                                         \
                         : [a] "x"(a), [b] "x"(b));                                                          \
        *fl |= hostfp_flags(m);                                                                              \
        return c;                                                                                            \
    }
HOSTFP_FMA(hostfp_fma_d, double, "vfmadd231sd")
HOSTFP_FMA(hostfp_fma_s, float, "vfmadd231ss")
#undef HOSTFP_FMA

/* NV (0x10) if one factor is an infinity and the other a zero: RISC-V's fused
 * multiply-add raises invalid then even when the addend is a quiet NaN, and
 * x86's does not. */
static inline uint32_t hostfp_inf_times_zero(double a, double b)
{
    return ((__builtin_isinf(a) && b == 0) || (a == 0 && __builtin_isinf(b))) ? 0x10u : 0;
}

/* Whether the host has FMA (checked once). */
bool hostfp_have_fma(void);

static inline double hostfp_d(uint64_t bits)
{
    double d;
    memcpy(&d, &bits, 8);
    return d;
}
static inline float hostfp_s(uint32_t bits)
{
    float f;
    memcpy(&f, &bits, 4);
    return f;
}
/* Results back to bits, NaN made canonical as RISC-V requires. */
static inline uint64_t hostfp_bits_d(double d)
{
    uint64_t v;
    memcpy(&v, &d, 8);
    return d != d ? 0x7ff8000000000000ull : v;
}
static inline uint32_t hostfp_bits_s(float f)
{
    uint32_t v;
    memcpy(&v, &f, 4);
    return f != f ? 0x7fc00000u : v;
}

#endif
