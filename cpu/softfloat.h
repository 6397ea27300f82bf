/*
 * cpu/softfloat.h — IEEE-754 binary32/binary64 arithmetic in software, with
 * exactly the semantics the RISC-V F and D extensions require.
 *
 * This module is the reference for every floating-point instruction: the
 * interpreter calls it directly and the translator calls it as a helper for
 * whatever it does not emit inline.  It never touches the host FPU, so the
 * answers (bits and flags) are the same on every host and in every rounding
 * mode, including RMM, which x86 cannot do.
 *
 * Conventions shared by every function:
 *   - values are raw IEEE bit patterns: uint32_t for binary32 ("f32"),
 *     uint64_t for binary64 ("f64");
 *   - `rm` is a RISC-V rounding mode (enum sf_rounding, 0..4); the caller has
 *     already resolved DYN and rejected the reserved encodings;
 *   - exception flags are ORed into *flags, never cleared, so the caller can
 *     accumulate straight into fflags;
 *   - every NaN result is the canonical NaN (RISC-V does not propagate
 *     payloads); a signalling NaN operand raises NV;
 *   - tininess is detected after rounding, and UF is raised only when the
 *     result is both tiny and inexact.
 */
#ifndef RVDBT_CPU_SOFTFLOAT_H
#define RVDBT_CPU_SOFTFLOAT_H

#include <stdint.h>

/* Rounding modes, numbered as the RISC-V rm field / frm CSR. */
enum sf_rounding {
    SF_RNE = 0, /* nearest, ties to even */
    SF_RTZ = 1, /* towards zero */
    SF_RDN = 2, /* towards -infinity */
    SF_RUP = 3, /* towards +infinity */
    SF_RMM = 4, /* nearest, ties away from zero */
};

/* Exception flags, with the bit positions of RISC-V fflags. */
enum sf_flags { SF_NX = 1, SF_UF = 2, SF_OF = 4, SF_DZ = 8, SF_NV = 16 };

#define SF_F32_CANONICAL_NAN 0x7fc00000u
#define SF_F64_CANONICAL_NAN 0x7ff8000000000000ull

/* Arithmetic.  muladd computes a*b+c with a single rounding; the caller
 * builds fmsub/fnmsub/fnmadd by flipping sign bits of the operands.
 * 0*inf raises NV even when c is a quiet NaN. */
uint32_t f32_add(uint32_t a, uint32_t b, int rm, uint32_t *flags);
uint32_t f32_sub(uint32_t a, uint32_t b, int rm, uint32_t *flags);
uint32_t f32_mul(uint32_t a, uint32_t b, int rm, uint32_t *flags);
uint32_t f32_div(uint32_t a, uint32_t b, int rm, uint32_t *flags);
uint32_t f32_sqrt(uint32_t a, int rm, uint32_t *flags);
uint32_t f32_muladd(uint32_t a, uint32_t b, uint32_t c, int rm, uint32_t *flags);

uint64_t f64_add(uint64_t a, uint64_t b, int rm, uint32_t *flags);
uint64_t f64_sub(uint64_t a, uint64_t b, int rm, uint32_t *flags);
uint64_t f64_mul(uint64_t a, uint64_t b, int rm, uint32_t *flags);
uint64_t f64_div(uint64_t a, uint64_t b, int rm, uint32_t *flags);
uint64_t f64_sqrt(uint64_t a, int rm, uint32_t *flags);
uint64_t f64_muladd(uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *flags);

/* fmin/fmax (IEEE 754-2019 minimumNumber/maximumNumber): -0 < +0; if one
 * operand is a NaN the result is the other; if both are, the canonical NaN.
 * NV only for a signalling NaN operand. */
uint32_t f32_min(uint32_t a, uint32_t b, uint32_t *flags);
uint32_t f32_max(uint32_t a, uint32_t b, uint32_t *flags);
uint64_t f64_min(uint64_t a, uint64_t b, uint32_t *flags);
uint64_t f64_max(uint64_t a, uint64_t b, uint32_t *flags);

/* Zfa's fminm/fmaxm (IEEE 754-2019 minimum/maximum): as min/max, except
 * that a NaN operand of either kind gives the canonical NaN. */
uint32_t f32_minm(uint32_t a, uint32_t b, uint32_t *flags);
uint32_t f32_maxm(uint32_t a, uint32_t b, uint32_t *flags);
uint64_t f64_minm(uint64_t a, uint64_t b, uint32_t *flags);
uint64_t f64_maxm(uint64_t a, uint64_t b, uint32_t *flags);

/* Zfa's fround/froundnx (roundToIntegral): a rounded to an integer in mode
 * rm, still a float; zeros and infinities come back unchanged, -0.3 gives
 * -0.  Only a signalling NaN raises NV; `exact` (froundnx) also raises NX
 * when the result differs from a. */
uint32_t f32_round_int(uint32_t a, int rm, int exact, uint32_t *flags);
uint64_t f64_round_int(uint64_t a, int rm, int exact, uint32_t *flags);

/* Zfa's fcvtmod.w.d: a truncated towards zero, then bits 31:0 of that
 * (unbounded) integer, sign-extended; NaN and infinities give 0.  The flags
 * are those of fcvt.w.d in RTZ: NV when out of range, else NX if inexact. */
int32_t f64_to_i32_mod(uint64_t a, uint32_t *flags);

/* Comparisons return 0 or 1.  eq is quiet (NV only for a signalling NaN);
 * lt and le are signalling (NV for any NaN).  A NaN compares false. */
int f32_eq(uint32_t a, uint32_t b, uint32_t *flags);
int f32_lt(uint32_t a, uint32_t b, uint32_t *flags);
int f32_le(uint32_t a, uint32_t b, uint32_t *flags);
int f64_eq(uint64_t a, uint64_t b, uint32_t *flags);
int f64_lt(uint64_t a, uint64_t b, uint32_t *flags);
int f64_le(uint64_t a, uint64_t b, uint32_t *flags);
/* Zfa's fltq/fleq: lt and le, but quiet (NV only for a signalling NaN). */
int f32_lt_quiet(uint32_t a, uint32_t b, uint32_t *flags);
int f32_le_quiet(uint32_t a, uint32_t b, uint32_t *flags);
int f64_lt_quiet(uint64_t a, uint64_t b, uint32_t *flags);
int f64_le_quiet(uint64_t a, uint64_t b, uint32_t *flags);

/* fclass: exactly one bit set — 0 -inf, 1 -normal, 2 -subnormal, 3 -0,
 * 4 +0, 5 +subnormal, 6 +normal, 7 +inf, 8 signalling NaN, 9 quiet NaN. */
uint32_t f32_classify(uint32_t a);
uint32_t f64_classify(uint64_t a);

/* Float to integer, with RISC-V's saturating semantics: a NaN gives the
 * largest value of the target type, +inf or too large the largest, -inf or
 * too small the smallest (0 for unsigned); those raise NV and only NV.
 * Otherwise NX if the value was not an integer.  A negative value that
 * rounds to 0 is valid for the unsigned conversions. */
int32_t f32_to_i32(uint32_t a, int rm, uint32_t *flags);
uint32_t f32_to_u32(uint32_t a, int rm, uint32_t *flags);
int64_t f32_to_i64(uint32_t a, int rm, uint32_t *flags);
uint64_t f32_to_u64(uint32_t a, int rm, uint32_t *flags);
int32_t f64_to_i32(uint64_t a, int rm, uint32_t *flags);
uint32_t f64_to_u32(uint64_t a, int rm, uint32_t *flags);
int64_t f64_to_i64(uint64_t a, int rm, uint32_t *flags);
uint64_t f64_to_u64(uint64_t a, int rm, uint32_t *flags);

/* Integer to float: rounds when the integer needs more bits than the
 * significand has (NX then); zero converts to +0. */
uint32_t i32_to_f32(int32_t v, int rm, uint32_t *flags);
uint32_t u32_to_f32(uint32_t v, int rm, uint32_t *flags);
uint32_t i64_to_f32(int64_t v, int rm, uint32_t *flags);
uint32_t u64_to_f32(uint64_t v, int rm, uint32_t *flags);
uint64_t i32_to_f64(int32_t v, int rm, uint32_t *flags);
uint64_t u32_to_f64(uint32_t v, int rm, uint32_t *flags);
uint64_t i64_to_f64(int64_t v, int rm, uint32_t *flags);
uint64_t u64_to_f64(uint64_t v, int rm, uint32_t *flags);

/* Between formats.  Widening is always exact (a NaN becomes the canonical
 * NaN, NV if it was signalling); narrowing rounds. */
uint64_t f32_to_f64(uint32_t a, uint32_t *flags);
uint32_t f64_to_f32(uint64_t a, int rm, uint32_t *flags);

#endif
