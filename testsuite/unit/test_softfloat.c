/*
 * testsuite/unit/test_softfloat.c — cpu/softfloat.c against references that
 * do not share its code.
 *
 * - The host FPU as an oracle.  x86-64 SSE arithmetic is IEEE-754 with the
 *   same choices RISC-V makes (tininess after rounding, UF only when also
 *   inexact), and glibc's fma()/fmaf() are correctly rounded, so for the
 *   four rounding modes the host has, every result bit and every flag must
 *   agree: add, sub, mul, div, sqrt, fused multiply-add, both format
 *   conversions and all integer-to-float conversions.  The only adjustments:
 *   a NaN result must be the canonical NaN (x86 propagates payloads), and
 *   0*inf+qNaN must raise NV (RISC-V's choice; IEEE leaves it open).
 * - Float-to-integer conversions against a reference built from
 *   nearbyint() (round() for RMM) and range checks in double, since the
 *   host's cvt instructions do not saturate the RISC-V way.
 * - RMM, which the host lacks, by direct construction: RMM must equal RNE
 *   except at exact ties, which are detected with exact integer arithmetic;
 *   at a tie it must equal the RTZ result moved one step away from zero.
 * - Hand-worked vectors for everything else the specification fixes: RMM
 *   ties, saturation, fmin/fmax, comparisons and their flags, fclass,
 *   signed zeros, tininess after rounding.  Each expected value was worked
 *   out from the specification, not by running the code under test.
 *
 * Operands come from a deterministic generator heavy in special values.
 * RVDBT_QUICK=1 divides the iteration counts by ten; RVDBT_SEED changes
 * the seed.
 */
#include <fenv.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cpu/softfloat.h"

__extension__ typedef unsigned __int128 u128;

#ifndef ORACLE_ITERATIONS /* per oracle test; -D to soak */
#define ORACLE_ITERATIONS 300000
#endif
#define MAX_REPORTED 8

/* ---- random numbers -------------------------------------------------------- */

static uint64_t rng_state;

static uint64_t rnd(void) /* splitmix64 */
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
static uint64_t rnd_below(uint64_t n) { return rnd() % n; }
static int rnd_between(int lo, int hi) { return lo + (int)rnd_below((uint64_t)(hi - lo + 1)); }

static int iterations(void)
{
    const char *quick = getenv("RVDBT_QUICK");
    return quick && *quick && strcmp(quick, "0") ? ORACLE_ITERATIONS / 10 : ORACLE_ITERATIONS;
}

static int reseed(void **state)
{
    (void)state;
    const char *s = getenv("RVDBT_SEED");
    rng_state = s ? strtoull(s, NULL, 0) : 0x5eed5eedull;
    return 0;
}

/* ---- formats, described independently of the code under test ------------ */

struct tfmt {
    bool dbl;
    int frac_bits, exp_bits;
    const char *name;
};
static const struct tfmt T32 = {false, 23, 8, "f32"};
static const struct tfmt T64 = {true, 52, 11, "f64"};

static int t_field_max(const struct tfmt *f) { return (1 << f->exp_bits) - 1; }
static int t_bias(const struct tfmt *f) { return (1 << (f->exp_bits - 1)) - 1; }
static uint64_t t_frac_mask(const struct tfmt *f) { return (1ull << f->frac_bits) - 1; }
static uint64_t t_sign(const struct tfmt *f) { return 1ull << (f->frac_bits + f->exp_bits); }
static int t_field(const struct tfmt *f, uint64_t v) { return (int)(v >> f->frac_bits) & t_field_max(f); }
static uint64_t t_canonical_nan(const struct tfmt *f)
{
    return f->dbl ? SF_F64_CANONICAL_NAN : SF_F32_CANONICAL_NAN;
}

static bool t_is_nan(const struct tfmt *f, uint64_t v)
{
    return t_field(f, v) == t_field_max(f) && (v & t_frac_mask(f)) != 0;
}
static bool t_is_inf(const struct tfmt *f, uint64_t v)
{
    return t_field(f, v) == t_field_max(f) && (v & t_frac_mask(f)) == 0;
}
static bool t_is_zero(const struct tfmt *f, uint64_t v) { return (v & ~t_sign(f)) == 0; }

static uint64_t t_make(const struct tfmt *f, bool sign, int field, uint64_t frac)
{
    if (field < 0) field = 0;
    if (field > t_field_max(f)) field = t_field_max(f);
    return (sign ? t_sign(f) : 0) | (uint64_t)field << f->frac_bits | (frac & t_frac_mask(f));
}

static float f32_of(uint32_t v)
{
    float x;
    memcpy(&x, &v, sizeof x);
    return x;
}
static uint32_t bits_of_f32(float x)
{
    uint32_t v;
    memcpy(&v, &x, sizeof v);
    return v;
}
static double f64_of(uint64_t v)
{
    double x;
    memcpy(&x, &v, sizeof x);
    return x;
}
static uint64_t bits_of_f64(double x)
{
    uint64_t v;
    memcpy(&v, &x, sizeof v);
    return v;
}

/* ---- operand generators ---------------------------------------------------- */

/* A random fraction, sometimes with only its top few bits set (products and
 * sums of such values hit exact results and exact ties often). */
static uint64_t gen_frac(const struct tfmt *f)
{
    switch (rnd_below(4)) {
    case 0: return t_frac_mask(f) & ~(t_frac_mask(f) >> rnd_between(0, 6));
    case 1: return rnd_below(2) ? t_frac_mask(f) : 0;
    default: return rnd();
    }
}

static uint64_t gen_value(const struct tfmt *f)
{
    bool sign = rnd() & 1;
    int fmax = t_field_max(f), bias = t_bias(f);
    uint64_t quiet = 1ull << (f->frac_bits - 1);

    switch (rnd_below(24)) {
    case 0: return t_make(f, sign, 0, 0);
    case 1: return t_make(f, sign, fmax, 0);
    case 2: return t_make(f, sign, fmax, quiet | rnd()); /* qNaN, random payload */
    case 3: {                                            /* sNaN */
        uint64_t payload = rnd() & (quiet - 1);
        return t_make(f, sign, fmax, payload ? payload : 1);
    }
    case 4: return t_make(f, sign, 0, rnd() | 1); /* subnormal */
    case 5: return t_make(f, sign, 0, rnd_below(2) ? rnd_below(16) + 1 : t_frac_mask(f) - rnd_below(16));
    case 6: return t_make(f, sign, rnd_between(1, 3), gen_frac(f)); /* near the smallest normal */
    case 7: return t_make(f, sign, fmax - rnd_between(1, 3), gen_frac(f)); /* near overflow */
    case 8: return rnd() & (t_sign(f) | (t_sign(f) - 1));                   /* anything */
    case 9: return t_make(f, sign, rnd_between(1, fmax - 1), gen_frac(f));
    case 10: /* tiny-ish: products and quotients land in the subnormals */
        return t_make(f, sign, rnd_between(1, bias / 2), gen_frac(f));
    case 11: /* huge-ish: products land near overflow */
        return t_make(f, sign, rnd_between(bias + bias / 2, fmax - 1), gen_frac(f));
    default: /* ordinary numbers around 1 */
        return t_make(f, sign, bias + rnd_between(-f->frac_bits - 4, f->frac_bits + 4), gen_frac(f));
    }
}

/* A second operand related to the first, so that sums cancel, operands sit
 * one ulp apart, or one operand falls right at the other's rounding point. */
static uint64_t gen_related(const struct tfmt *f, uint64_t a)
{
    bool sign = rnd() & 1;
    int field = t_field(f, a);

    switch (rnd_below(10)) {
    case 0:
    case 1:
    case 2: return gen_value(f);
    case 3: return (a + (uint64_t)rnd_between(-3, 3)) ^ (sign ? t_sign(f) : 0); /* a few ulps apart */
    case 4: return a ^ (sign ? t_sign(f) : 0);
    case 5: return t_make(f, sign, field + rnd_between(-3, 3), gen_frac(f)); /* cancellation */
    case 6: /* around the rounding point of a */
        return t_make(f, sign, field + (rnd_below(2) ? 1 : -1) * (f->frac_bits + rnd_between(-2, 3)), gen_frac(f));
    case 7: return t_make(f, sign, field + rnd_between(-80, 80), gen_frac(f));
    default: return t_make(f, sign, 2 * t_bias(f) - field + rnd_between(-3, 3), gen_frac(f)); /* ~1/a */
    }
}

/* An addend for a*b+c: independent, related to a, or close to -(a*b) so
 * that the fused sum cancels massively. */
static uint64_t gen_addend(const struct tfmt *f, uint64_t a, uint64_t b)
{
    switch (rnd_below(4)) {
    case 0: return gen_value(f);
    case 1: return gen_related(f, a);
    default: {
        uint64_t p = f->dbl ? bits_of_f64(-(f64_of(a) * f64_of(b)))
                            : bits_of_f32(-(f32_of((uint32_t)a) * f32_of((uint32_t)b)));
        if (t_is_nan(f, p) || t_is_inf(f, p)) return gen_value(f);
        return p + (uint64_t)rnd_between(-2, 2);
    }
    }
}

/* An integer heavy in boundaries: small, near powers of two, extremes, and
 * low bits chosen to make exact ties when converted. */
static uint64_t gen_int(void)
{
    int k = rnd_between(0, 63);
    uint64_t p = 1ull << k;
    switch (rnd_below(8)) {
    case 0: return (uint64_t)rnd_between(-100, 100);
    case 1: return p + (uint64_t)rnd_between(-3, 3);
    case 2: return 0 - p + (uint64_t)rnd_between(-3, 3);
    case 3: {
        static const uint64_t extremes[] = {0, 1, UINT64_MAX, INT64_MAX, (uint64_t)INT64_MIN, INT32_MAX,
                                            (uint64_t)(int64_t)INT32_MIN, UINT32_MAX, 1ull << 32, 1ull << 31};
        return extremes[rnd_below(sizeof extremes / sizeof extremes[0])];
    }
    case 4: return (rnd() >> k) << k | (p >> 1); /* a one then zeros: ties */
    case 5: return rnd() >> rnd_between(0, 63);
    case 6: return (uint64_t)(int64_t)(int32_t)rnd();
    default: return rnd();
    }
}

/* ---- the host as an oracle ------------------------------------------------- */

static const int host_mode[4] = {[SF_RNE] = FE_TONEAREST, [SF_RTZ] = FE_TOWARDZERO, [SF_RDN] = FE_DOWNWARD,
                                 [SF_RUP] = FE_UPWARD};

/* Operands and results pass through volatile variables so the compiler
 * cannot move the host operation outside the begin/end pair (gcc ignores
 * FENV_ACCESS, and -frounding-math is not among the project's flags). */
static void host_begin(int rm)
{
    fesetround(host_mode[rm]);
    feclearexcept(FE_ALL_EXCEPT);
}

static uint32_t host_end(void)
{
    int e = fetestexcept(FE_ALL_EXCEPT);
    fesetround(FE_TONEAREST);
    return (e & FE_INEXACT ? SF_NX : 0) | (e & FE_UNDERFLOW ? SF_UF : 0) | (e & FE_OVERFLOW ? SF_OF : 0) |
           (e & FE_DIVBYZERO ? SF_DZ : 0) | (e & FE_INVALID ? SF_NV : 0);
}

enum op { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_MULADD };
static const char *const op_name[] = {"add", "sub", "mul", "div", "sqrt", "muladd"};

static uint64_t host_f32(enum op op, uint32_t a, uint32_t b, uint32_t c, int rm, uint32_t *flags)
{
    volatile float x = f32_of(a), y = f32_of(b), z = f32_of(c);
    volatile float r = 0;
    host_begin(rm);
    switch (op) {
    case OP_ADD: r = x + y; break;
    case OP_SUB: r = x - y; break;
    case OP_MUL: r = x * y; break;
    case OP_DIV: r = x / y; break;
    case OP_SQRT: r = sqrtf(x); break;
    case OP_MULADD: r = fmaf(x, y, z); break;
    }
    *flags = host_end();
    return bits_of_f32(r);
}

static uint64_t host_f64(enum op op, uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *flags)
{
    volatile double x = f64_of(a), y = f64_of(b), z = f64_of(c);
    volatile double r = 0;
    host_begin(rm);
    switch (op) {
    case OP_ADD: r = x + y; break;
    case OP_SUB: r = x - y; break;
    case OP_MUL: r = x * y; break;
    case OP_DIV: r = x / y; break;
    case OP_SQRT: r = sqrt(x); break;
    case OP_MULADD: r = fma(x, y, z); break;
    }
    *flags = host_end();
    return bits_of_f64(r);
}

static uint64_t soft_op(const struct tfmt *f, enum op op, uint64_t a, uint64_t b, uint64_t c, int rm,
                        uint32_t *flags)
{
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b, c32 = (uint32_t)c;
    switch (op) {
    case OP_ADD: return f->dbl ? f64_add(a, b, rm, flags) : f32_add(a32, b32, rm, flags);
    case OP_SUB: return f->dbl ? f64_sub(a, b, rm, flags) : f32_sub(a32, b32, rm, flags);
    case OP_MUL: return f->dbl ? f64_mul(a, b, rm, flags) : f32_mul(a32, b32, rm, flags);
    case OP_DIV: return f->dbl ? f64_div(a, b, rm, flags) : f32_div(a32, b32, rm, flags);
    case OP_SQRT: return f->dbl ? f64_sqrt(a, rm, flags) : f32_sqrt(a32, rm, flags);
    default: return f->dbl ? f64_muladd(a, b, c, rm, flags) : f32_muladd(a32, b32, c32, rm, flags);
    }
}

static const char *const rm_name[] = {"rne", "rtz", "rdn", "rup", "rmm"};

/* Counts a mismatch, printing the first few. */
static int mismatch(int *count, const char *what, int rm, uint64_t a, uint64_t b, uint64_t c, uint64_t want,
                    uint32_t want_flags, uint64_t got, uint32_t got_flags)
{
    if (++*count <= MAX_REPORTED)
        print_error("%s %s a=%#llx b=%#llx c=%#llx: want %#llx flags %#x, got %#llx flags %#x\n", what,
                    rm_name[rm], (unsigned long long)a, (unsigned long long)b, (unsigned long long)c,
                    (unsigned long long)want, want_flags, (unsigned long long)got, got_flags);
    return *count;
}

/* For sqrt, half the operands are squares of short values (exact roots). */
static uint64_t gen_radicand(const struct tfmt *f)
{
    uint64_t a = gen_value(f);
    if (rnd_below(2)) return a;
    uint64_t s = t_make(f, false, t_bias(f) + rnd_between(-40, 40), t_frac_mask(f) & ~(t_frac_mask(f) >> 10));
    return f->dbl ? bits_of_f64(f64_of(s) * f64_of(s)) : bits_of_f32(f32_of((uint32_t)s) * f32_of((uint32_t)s));
}

static void oracle_run(const struct tfmt *f, enum op op)
{
    int errors = 0, n = iterations();
    char what[32];
    snprintf(what, sizeof what, "%s_%s", f->name, op_name[op]);

    for (int i = 0; i < n; i++) {
        int rm = (int)rnd_below(4);
        uint64_t a = op == OP_SQRT ? gen_radicand(f) : gen_value(f);
        uint64_t b = gen_related(f, a);
        uint64_t c = op == OP_MULADD ? gen_addend(f, a, b) : 0;
        uint32_t want_flags, got_flags = 0;
        uint64_t want = f->dbl ? host_f64(op, a, b, c, rm, &want_flags)
                               : host_f32(op, (uint32_t)a, (uint32_t)b, (uint32_t)c, rm, &want_flags);
        if (t_is_nan(f, want)) want = t_canonical_nan(f);
        if (op == OP_MULADD && ((t_is_zero(f, a) && t_is_inf(f, b)) || (t_is_inf(f, a) && t_is_zero(f, b))))
            want_flags |= SF_NV; /* 0*inf+qNaN: RISC-V raises NV */
        uint64_t got = soft_op(f, op, a, b, c, rm, &got_flags);
        if (got != want || got_flags != want_flags)
            mismatch(&errors, what, rm, a, b, c, want, want_flags, got, got_flags);
    }
    assert_int_equal(errors, 0);
}

static void test_oracle_f32_add(void **state) { (void)state; oracle_run(&T32, OP_ADD); }
static void test_oracle_f32_sub(void **state) { (void)state; oracle_run(&T32, OP_SUB); }
static void test_oracle_f32_mul(void **state) { (void)state; oracle_run(&T32, OP_MUL); }
static void test_oracle_f32_div(void **state) { (void)state; oracle_run(&T32, OP_DIV); }
static void test_oracle_f32_sqrt(void **state) { (void)state; oracle_run(&T32, OP_SQRT); }
static void test_oracle_f32_muladd(void **state) { (void)state; oracle_run(&T32, OP_MULADD); }
static void test_oracle_f64_add(void **state) { (void)state; oracle_run(&T64, OP_ADD); }
static void test_oracle_f64_sub(void **state) { (void)state; oracle_run(&T64, OP_SUB); }
static void test_oracle_f64_mul(void **state) { (void)state; oracle_run(&T64, OP_MUL); }
static void test_oracle_f64_div(void **state) { (void)state; oracle_run(&T64, OP_DIV); }
static void test_oracle_f64_sqrt(void **state) { (void)state; oracle_run(&T64, OP_SQRT); }
static void test_oracle_f64_muladd(void **state) { (void)state; oracle_run(&T64, OP_MULADD); }

/* f32 <-> f64 against the host's cvtss2sd / cvtsd2ss. */
static void test_oracle_f32_f64_conversions(void **state)
{
    (void)state;
    int errors = 0, n = iterations();
    for (int i = 0; i < n; i++) {
        int rm = (int)rnd_below(4);
        uint32_t want_flags, got_flags = 0;

        uint32_t s = (uint32_t)gen_value(&T32);
        volatile float vs = f32_of(s);
        volatile double wide;
        host_begin(rm);
        wide = vs;
        want_flags = host_end();
        uint64_t want = t_is_nan(&T64, bits_of_f64(wide)) ? SF_F64_CANONICAL_NAN : bits_of_f64(wide);
        uint64_t got = f32_to_f64(s, &got_flags);
        if (got != want || got_flags != want_flags)
            mismatch(&errors, "f32_to_f64", rm, s, 0, 0, want, want_flags, got, got_flags);

        /* Narrowing: doubles from everywhere, including the f32 overflow and
         * subnormal ranges, and widened floats nudged by a few ulps. */
        uint64_t d = rnd_below(2) ? gen_value(&T64)
                                  : t_make(&T64, rnd() & 1, 1023 + rnd_between(-160, 130), gen_frac(&T64));
        if (rnd_below(4) == 0) d = f32_to_f64(s, &got_flags) + (uint64_t)rnd_between(-2, 2);
        volatile double vd = f64_of(d);
        volatile float narrow;
        host_begin(rm);
        narrow = (float)vd;
        want_flags = host_end();
        uint32_t want32 = t_is_nan(&T32, bits_of_f32(narrow)) ? SF_F32_CANONICAL_NAN : bits_of_f32(narrow);
        got_flags = 0;
        uint32_t got32 = f64_to_f32(d, rm, &got_flags);
        if (got32 != want32 || got_flags != want_flags)
            mismatch(&errors, "f64_to_f32", rm, d, 0, 0, want32, want_flags, got32, got_flags);
    }
    assert_int_equal(errors, 0);
}

/* Integer to float: all eight conversions against the host's cvtsi2ss/sd. */
static void test_oracle_int_to_float(void **state)
{
    (void)state;
    int errors = 0, n = iterations();
    for (int i = 0; i < n; i++) {
        int rm = (int)rnd_below(4);
        uint64_t v = gen_int();
        volatile int32_t vi32 = (int32_t)v;
        volatile uint32_t vu32 = (uint32_t)v;
        volatile int64_t vi64 = (int64_t)v;
        volatile uint64_t vu64 = v;
        volatile float rf[4];
        volatile double rd[4];
        uint32_t want_flags[8];

        host_begin(rm);
        rf[0] = (float)vi32;
        want_flags[0] = host_end();
        host_begin(rm);
        rf[1] = (float)vu32;
        want_flags[1] = host_end();
        host_begin(rm);
        rf[2] = (float)vi64;
        want_flags[2] = host_end();
        host_begin(rm);
        rf[3] = (float)vu64;
        want_flags[3] = host_end();
        host_begin(rm);
        rd[0] = (double)vi32;
        want_flags[4] = host_end();
        host_begin(rm);
        rd[1] = (double)vu32;
        want_flags[5] = host_end();
        host_begin(rm);
        rd[2] = (double)vi64;
        want_flags[6] = host_end();
        host_begin(rm);
        rd[3] = (double)vu64;
        want_flags[7] = host_end();

        uint32_t fl[8] = {0};
        uint64_t got[8] = {
            i32_to_f32((int32_t)v, rm, &fl[0]), u32_to_f32((uint32_t)v, rm, &fl[1]),
            i64_to_f32((int64_t)v, rm, &fl[2]), u64_to_f32(v, rm, &fl[3]),
            i32_to_f64((int32_t)v, rm, &fl[4]), u32_to_f64((uint32_t)v, rm, &fl[5]),
            i64_to_f64((int64_t)v, rm, &fl[6]), u64_to_f64(v, rm, &fl[7]),
        };
        static const char *const names[8] = {"i32_to_f32", "u32_to_f32", "i64_to_f32", "u64_to_f32",
                                              "i32_to_f64", "u32_to_f64", "i64_to_f64", "u64_to_f64"};
        for (int k = 0; k < 8; k++) {
            uint64_t want = k < 4 ? bits_of_f32(rf[k]) : bits_of_f64(rd[k - 4]);
            if (got[k] != want || fl[k] != want_flags[k])
                mismatch(&errors, names[k], rm, v, 0, 0, want, want_flags[k], got[k], fl[k]);
        }
    }
    assert_int_equal(errors, 0);
}

/* ---- float to integer against a nearbyint()-based reference --------------- */

/* RISC-V's conversion of x: round with the mode (nearbyint under the host
 * mode, or round(), which is ties-away, for RMM), then saturate.  Returns
 * the two's complement bit pattern of the result. */
static uint64_t ref_to_int(double x, int rm, bool is_signed, int width, uint32_t *flags)
{
    double lo = is_signed ? -ldexp(1, width - 1) : 0;
    double hi = ldexp(1, is_signed ? width - 1 : width); /* first value too large */
    uint64_t max = is_signed ? (1ull << (width - 1)) - 1 : width == 64 ? UINT64_MAX : (1ull << width) - 1;
    uint64_t min = is_signed ? (uint64_t)0 - (1ull << (width - 1)) : 0;
    double r;

    if (isnan(x)) {
        *flags = SF_NV;
        return max;
    }
    if (rm == SF_RMM) {
        r = round(x);
    } else {
        fesetround(host_mode[rm]);
        r = nearbyint(x);
        fesetround(FE_TONEAREST);
    }
    if (r < lo) {
        *flags = SF_NV;
        return min;
    }
    if (r >= hi) {
        *flags = SF_NV;
        return max;
    }
    *flags = r != x ? SF_NX : 0;
    return r < 0 ? (uint64_t)(int64_t)r : (uint64_t)r;
}

/* Values near integers, halfway points and the limits of every type. */
static uint64_t gen_convertible(const struct tfmt *f)
{
    if (rnd_below(3) == 0) return gen_value(f);
    static const double fractions[] = {0, 0.5, -0.5, 0.25, 0.75, 1e-9, -1e-9};
    double i = (double)(int64_t)gen_int();
    if (rnd_below(4) == 0) i = (double)gen_int();
    if (rnd_below(4) == 0) i = (double)rnd_between(-5, 5);
    double x = i + fractions[rnd_below(sizeof fractions / sizeof fractions[0])];
    return f->dbl ? bits_of_f64(x) : bits_of_f32((float)x);
}

static void test_float_to_int_reference(void **state)
{
    (void)state;
    static const char *const names[] = {"to_i32", "to_u32", "to_i64", "to_u64"};
    int errors = 0, n = iterations();
    for (int i = 0; i < n; i++) {
        const struct tfmt *f = rnd_below(2) ? &T64 : &T32;
        int rm = (int)rnd_below(5);
        uint64_t a = gen_convertible(f);
        double x = f->dbl ? f64_of(a) : (double)f32_of((uint32_t)a);
        uint32_t a32 = (uint32_t)a, fl[4] = {0}, want_flags[4];
        uint64_t got[4], want[4];

        if (f->dbl) {
            got[0] = (uint64_t)(int64_t)f64_to_i32(a, rm, &fl[0]);
            got[1] = f64_to_u32(a, rm, &fl[1]);
            got[2] = (uint64_t)f64_to_i64(a, rm, &fl[2]);
            got[3] = f64_to_u64(a, rm, &fl[3]);
        } else {
            got[0] = (uint64_t)(int64_t)f32_to_i32(a32, rm, &fl[0]);
            got[1] = f32_to_u32(a32, rm, &fl[1]);
            got[2] = (uint64_t)f32_to_i64(a32, rm, &fl[2]);
            got[3] = f32_to_u64(a32, rm, &fl[3]);
        }
        want[0] = ref_to_int(x, rm, true, 32, &want_flags[0]);
        want[1] = ref_to_int(x, rm, false, 32, &want_flags[1]);
        want[2] = ref_to_int(x, rm, true, 64, &want_flags[2]);
        want[3] = ref_to_int(x, rm, false, 64, &want_flags[3]);
        for (int k = 0; k < 4; k++) {
            if (got[k] != want[k] || fl[k] != want_flags[k]) {
                char what[32];
                snprintf(what, sizeof what, "%s_%s", f->name, names[k]);
                mismatch(&errors, what, rm, a, 0, 0, want[k], want_flags[k], got[k], fl[k]);
            }
        }
    }
    assert_int_equal(errors, 0);
}

/* ---- RMM by direct construction ------------------------------------------ */

/* An exact value m * 2^e, reduced so that m is odd (or zero): two exact
 * values are equal exactly when their reduced forms are. */
struct exact {
    u128 m;
    int e;
};

static struct exact reduce(u128 m, int e)
{
    while (m && !(m & 1)) {
        m >>= 1;
        e++;
    }
    return (struct exact){m, m ? e : 0};
}

/* The value of a finite bit pattern as (significand, exponent); the sign
 * is ignored.  Zero decomposes with the subnormal exponent, which is what
 * midpoint() needs for a result that underflowed to zero. */
static struct exact decompose(const struct tfmt *f, uint64_t v)
{
    int field = t_field(f, v);
    uint64_t frac = v & t_frac_mask(f);
    if (field == 0) return (struct exact){frac, 1 - t_bias(f) - f->frac_bits};
    return (struct exact){frac | 1ull << f->frac_bits, field - t_bias(f) - f->frac_bits};
}

/* Halfway between the finite pattern v and the next larger magnitude. */
static struct exact midpoint(const struct tfmt *f, uint64_t v)
{
    struct exact d = decompose(f, v);
    return reduce(2 * d.m + 1, d.e - 1);
}

/* Checks one RMM result given the exact (reduced) value it rounds. */
static void check_rmm(const struct tfmt *f, const char *what, uint64_t a, uint64_t b, struct exact exact,
                      uint64_t rne, uint32_t rne_flags, uint64_t rtz, uint64_t rmm, uint32_t rmm_flags, int *errors,
                      int *ties)
{
    struct exact mid = midpoint(f, rtz);
    bool tie = exact.m == mid.m && exact.e == mid.e;
    if (tie) {
        ++*ties;
        uint64_t away = rtz + 1; /* next magnitude; max finite + 1 is inf */
        if (rmm != away || !(rmm_flags & SF_NX))
            mismatch(errors, what, SF_RMM, a, b, 1, away, SF_NX, rmm, rmm_flags);
    } else if (rmm != rne || rmm_flags != rne_flags) {
        mismatch(errors, what, SF_RMM, a, b, 0, rne, rne_flags, rmm, rmm_flags);
    }
}

/* A normal operand whose significand has exactly `bits` significant bits
 * (hidden bit included, lowest one set), or now and then anything.  Two
 * factors whose widths add up to the precision plus one or two make an
 * exact product that ties often. */
static uint64_t gen_short(const struct tfmt *f, int bits)
{
    if (rnd_below(8) == 0) return gen_value(f);
    if (bits < 1) bits = 1;
    if (bits > f->frac_bits + 1) bits = f->frac_bits + 1;
    uint64_t frac = rnd() & t_frac_mask(f) & ~(t_frac_mask(f) >> (bits - 1));
    if (bits > 1) frac |= 1ull << (f->frac_bits - bits + 1);
    int field = rnd_below(4) ? t_bias(f) + rnd_between(-20, 20) : rnd_between(1, t_field_max(f) - 1);
    return t_make(f, rnd() & 1, field, frac);
}

static bool finite_nonzero(const struct tfmt *f, uint64_t v)
{
    return !t_is_zero(f, v) && t_field(f, v) != t_field_max(f);
}

static void test_rmm_by_construction(void **state)
{
    (void)state;
    int errors = 0, ties = 0, n = iterations() / 2;
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < 2; k++) { /* multiplication, f32 then f64 */
            const struct tfmt *f = k ? &T64 : &T32;
            int bits = rnd_between(1, f->frac_bits + 1);
            uint64_t a = gen_short(f, bits), b = gen_short(f, f->frac_bits + 2 - bits + rnd_between(0, 1));
            uint32_t fl_rne = 0, fl_rtz = 0, fl_rmm = 0;
            uint64_t rne = soft_op(f, OP_MUL, a, b, 0, SF_RNE, &fl_rne);
            uint64_t rtz = soft_op(f, OP_MUL, a, b, 0, SF_RTZ, &fl_rtz);
            uint64_t rmm = soft_op(f, OP_MUL, a, b, 0, SF_RMM, &fl_rmm);
            struct exact exact = {0, 0}; /* never matches a midpoint */
            if (finite_nonzero(f, a) && finite_nonzero(f, b)) {
                struct exact da = decompose(f, a), db = decompose(f, b);
                exact = reduce(da.m * db.m, da.e + db.e);
            }
            check_rmm(f, k ? "f64_mul" : "f32_mul", a, b, exact, rne, fl_rne, rtz, rmm, fl_rmm, &errors, &ties);
        }

        /* f64 -> f32: the exact value is the double itself. */
        uint64_t d = rnd_below(2) ? gen_short(&T64, rnd_between(24, 27)) : gen_value(&T64);
        if (rnd_below(2)) d = t_make(&T64, rnd() & 1, 1023 + rnd_between(-155, 130), d);
        uint32_t fl_rne = 0, fl_rtz = 0, fl_rmm = 0;
        uint32_t rne = f64_to_f32(d, SF_RNE, &fl_rne), rtz = f64_to_f32(d, SF_RTZ, &fl_rtz);
        uint32_t rmm = f64_to_f32(d, SF_RMM, &fl_rmm);
        struct exact exact = {0, 0};
        if (finite_nonzero(&T64, d)) {
            struct exact dd = decompose(&T64, d);
            exact = reduce(dd.m, dd.e);
        }
        check_rmm(&T32, "f64_to_f32", d, 0, exact, rne, fl_rne, rtz, rmm, fl_rmm, &errors, &ties);

        /* i64 -> f32 and i64 -> f64: the exact value is the integer. */
        int64_t v = (int64_t)gen_int();
        uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
        struct exact iv = reduce(mag, 0);
        fl_rne = fl_rtz = fl_rmm = 0;
        rne = i64_to_f32(v, SF_RNE, &fl_rne);
        rtz = i64_to_f32(v, SF_RTZ, &fl_rtz);
        rmm = i64_to_f32(v, SF_RMM, &fl_rmm);
        check_rmm(&T32, "i64_to_f32", (uint64_t)v, 0, iv, rne, fl_rne, rtz, rmm, fl_rmm, &errors, &ties);
        fl_rne = fl_rtz = fl_rmm = 0;
        uint64_t rne64 = i64_to_f64(v, SF_RNE, &fl_rne), rtz64 = i64_to_f64(v, SF_RTZ, &fl_rtz);
        uint64_t rmm64 = i64_to_f64(v, SF_RMM, &fl_rmm);
        check_rmm(&T64, "i64_to_f64", (uint64_t)v, 0, iv, rne64, fl_rne, rtz64, rmm64, fl_rmm, &errors, &ties);
    }
    print_message("    %d exact ties among %d RMM checks\n", ties, 5 * n);
    assert_int_equal(errors, 0);
    assert_true(ties > n / 4); /* the generator must actually produce ties */
}

/* ---- hand-worked vectors -------------------------------------------------- */

enum vop {
    ADD32, SUB32, MUL32, DIV32, SQRT32, FMA32, MIN32, MAX32, EQ32, LT32, LE32, CLASS32,
    F32_I32, F32_U32, F32_I64, F32_U64, I32_F32, U32_F32, I64_F32, U64_F32, F32_F64,
    ADD64, SUB64, MUL64, DIV64, SQRT64, FMA64, MIN64, MAX64, EQ64, LT64, LE64, CLASS64,
    F64_I32, F64_U32, F64_I64, F64_U64, I32_F64, U32_F64, I64_F64, U64_F64, F64_F32,
};

struct vec {
    enum vop op;
    uint64_t a, b, c;
    int rm;
    uint64_t want; /* integer results as their 64-bit two's complement */
    uint32_t flags;
    const char *why;
};

#define I64(x) ((uint64_t)(int64_t)(x))
#define QNAN32 0x7fc00000u
#define SNAN32 0x7f800001u
#define QNAN64 0x7ff8000000000000ull
#define SNAN64 0x7ff0000000000001ull
#define ONE32 0x3f800000u
#define ONE64 0x3ff0000000000000ull
#define INF32 0x7f800000u
#define NINF32 0xff800000u
#define INF64 0x7ff0000000000000ull
#define NINF64 0xfff0000000000000ull
#define FMAX32 0x7f7fffffu
#define FMAX64 0x7fefffffffffffffull
#define NZ32 0x80000000u
#define NZ64 0x8000000000000000ull
#define NX SF_NX
#define UF SF_UF
#define OF SF_OF
#define DZ SF_DZ
#define NV SF_NV
#define RNE SF_RNE
#define RTZ SF_RTZ
#define RDN SF_RDN
#define RUP SF_RUP
#define RMM SF_RMM

static const struct vec vectors[] = {
    /* RMM and the other modes on an exact tie: 1 + 2^-24 is halfway
     * between 1 and 1 + 2^-23 (the ulp of 1). */
    {ADD32, ONE32, 0x33800000, 0, RNE, 0x3f800000, NX, "1+2^-24 rne: tie to even (down)"},
    {ADD32, ONE32, 0x33800000, 0, RMM, 0x3f800001, NX, "1+2^-24 rmm: tie away (up)"},
    {ADD32, ONE32, 0x33800000, 0, RTZ, 0x3f800000, NX, "1+2^-24 rtz"},
    {ADD32, ONE32, 0x33800000, 0, RDN, 0x3f800000, NX, "1+2^-24 rdn"},
    {ADD32, ONE32, 0x33800000, 0, RUP, 0x3f800001, NX, "1+2^-24 rup"},
    {ADD32, 0xbf800000, 0xb3800000, 0, RMM, 0xbf800001, NX, "-1-2^-24 rmm: away from zero"},
    {ADD32, 0xbf800000, 0xb3800000, 0, RNE, 0xbf800000, NX, "-1-2^-24 rne"},
    {ADD32, 0xbf800000, 0xb3800000, 0, RDN, 0xbf800001, NX, "-1-2^-24 rdn"},
    {ADD32, 0xbf800000, 0xb3800000, 0, RUP, 0xbf800000, NX, "-1-2^-24 rup"},
    {ADD32, 0x3f800001, 0x33800000, 0, RNE, 0x3f800002, NX, "(1+2^-23)+2^-24 rne: odd, tie rounds up"},
    {ADD32, 0x3f800001, 0x33800000, 0, RMM, 0x3f800002, NX, "(1+2^-23)+2^-24 rmm"},
    {ADD32, 0x3f800001, 0x33800000, 0, RTZ, 0x3f800001, NX, "(1+2^-23)+2^-24 rtz"},
    {ADD64, ONE64, 0x3ca0000000000000, 0, RNE, ONE64, NX, "1+2^-53 rne"},
    {ADD64, ONE64, 0x3ca0000000000000, 0, RMM, 0x3ff0000000000001, NX, "1+2^-53 rmm"},
    {ADD64, 0xbff0000000000000, 0xbca0000000000000, 0, RMM, 0xbff0000000000001, NX, "-1-2^-53 rmm"},

    /* Overflow: infinity or the largest finite number by mode and sign. */
    {ADD32, FMAX32, FMAX32, 0, RNE, INF32, OF | NX, "max+max rne"},
    {ADD32, FMAX32, FMAX32, 0, RMM, INF32, OF | NX, "max+max rmm"},
    {ADD32, FMAX32, FMAX32, 0, RTZ, FMAX32, OF | NX, "max+max rtz"},
    {ADD32, FMAX32, FMAX32, 0, RDN, FMAX32, OF | NX, "max+max rdn"},
    {ADD32, FMAX32, FMAX32, 0, RUP, INF32, OF | NX, "max+max rup"},
    {ADD32, 0xff7fffff, 0xff7fffff, 0, RNE, NINF32, OF | NX, "-max-max rne"},
    {ADD32, 0xff7fffff, 0xff7fffff, 0, RTZ, 0xff7fffff, OF | NX, "-max-max rtz"},
    {ADD32, 0xff7fffff, 0xff7fffff, 0, RDN, NINF32, OF | NX, "-max-max rdn"},
    {ADD32, 0xff7fffff, 0xff7fffff, 0, RUP, 0xff7fffff, OF | NX, "-max-max rup"},
    /* max + half an ulp (2^103) ties between max and 2^128. */
    {ADD32, FMAX32, 0x73000000, 0, RNE, INF32, OF | NX, "max+ulp/2 rne: odd max rounds up, overflows"},
    {ADD32, FMAX32, 0x73000000, 0, RMM, INF32, OF | NX, "max+ulp/2 rmm: overflows"},
    {ADD32, FMAX32, 0x73000000, 0, RTZ, FMAX32, NX, "max+ulp/2 rtz: rounds to max, no overflow"},
    {ADD32, FMAX32, 0x73000000, 0, RDN, FMAX32, NX, "max+ulp/2 rdn"},
    {ADD32, FMAX32, 0x72800000, 0, RMM, FMAX32, NX, "max+ulp/4 rmm: below half"},
    {ADD32, FMAX32, 0x72800000, 0, RUP, INF32, OF | NX, "max+ulp/4 rup"},
    {ADD64, FMAX64, FMAX64, 0, RNE, INF64, OF | NX, "f64 max+max rne"},
    {ADD64, FMAX64, FMAX64, 0, RTZ, FMAX64, OF | NX, "f64 max+max rtz"},
    {ADD64, 0xffefffffffffffff, 0xffefffffffffffff, 0, RUP, 0xffefffffffffffff, OF | NX, "f64 -max-max rup"},
    {DIV32, FMAX32, 0x3f000000, 0, RNE, INF32, OF | NX, "max/0.5 rne"},
    {DIV32, FMAX32, 0x3f000000, 0, RTZ, FMAX32, OF | NX, "max/0.5 rtz"},

    /* Signed zeros of exact sums: +0 except rounding down. */
    {ADD32, 0, NZ32, 0, RNE, 0, 0, "+0 + -0 rne"},
    {ADD32, 0, NZ32, 0, RDN, NZ32, 0, "+0 + -0 rdn"},
    {ADD32, NZ32, NZ32, 0, RNE, NZ32, 0, "-0 + -0"},
    {ADD32, NZ32, NZ32, 0, RUP, NZ32, 0, "-0 + -0 rup"},
    {ADD32, ONE32, 0xbf800000, 0, RNE, 0, 0, "1 + -1 rne"},
    {ADD32, ONE32, 0xbf800000, 0, RUP, 0, 0, "1 + -1 rup"},
    {ADD32, ONE32, 0xbf800000, 0, RDN, NZ32, 0, "1 + -1 rdn"},
    {SUB32, ONE32, ONE32, 0, RNE, 0, 0, "1 - 1 rne"},
    {SUB32, ONE32, ONE32, 0, RDN, NZ32, 0, "1 - 1 rdn"},
    {SUB32, NZ32, 0, 0, RNE, NZ32, 0, "-0 - +0"},
    {SUB32, 0, 0, 0, RNE, 0, 0, "+0 - +0 rne"},
    {SUB32, 0, 0, 0, RDN, NZ32, 0, "+0 - +0 rdn"},
    {SUB64, ONE64, ONE64, 0, RDN, NZ64, 0, "f64 1 - 1 rdn"},
    {MUL32, NZ32, 0x40a00000, 0, RNE, NZ32, 0, "-0 * 5"},

    /* NaNs: always canonical; NV only for signalling operands or invalid ops. */
    {ADD32, 0x7fc12345, ONE32, 0, RNE, QNAN32, 0, "qNaN payload not propagated"},
    {ADD32, 0xffc00000, ONE32, 0, RNE, QNAN32, 0, "negative qNaN -> positive canonical"},
    {ADD32, SNAN32, ONE32, 0, RNE, QNAN32, NV, "sNaN + 1"},
    {ADD32, ONE32, 0xff800001, 0, RNE, QNAN32, NV, "1 + negative sNaN"},
    {ADD32, INF32, NINF32, 0, RNE, QNAN32, NV, "inf + -inf"},
    {SUB32, INF32, INF32, 0, RNE, QNAN32, NV, "inf - inf"},
    {ADD32, INF32, ONE32, 0, RNE, INF32, 0, "inf + 1"},
    {MUL32, 0, INF32, 0, RNE, QNAN32, NV, "0 * inf"},
    {MUL32, INF32, 0xbf800000, 0, RNE, NINF32, 0, "inf * -1"},
    {DIV32, 0, 0, 0, RNE, QNAN32, NV, "0/0"},
    {DIV32, INF32, INF32, 0, RNE, QNAN32, NV, "inf/inf"},
    {SQRT32, 0xbf800000, 0, 0, RNE, QNAN32, NV, "sqrt(-1)"},
    {SQRT32, NINF32, 0, 0, RNE, QNAN32, NV, "sqrt(-inf)"},
    {SQRT32, SNAN32, 0, 0, RNE, QNAN32, NV, "sqrt(sNaN)"},
    {SQRT32, 0xffc00000, 0, 0, RNE, QNAN32, 0, "sqrt(-qNaN): no NV"},
    {ADD64, 0x7ff8000000000123, ONE64, 0, RNE, QNAN64, 0, "f64 qNaN payload"},
    {ADD64, SNAN64, ONE64, 0, RNE, QNAN64, NV, "f64 sNaN"},
    {MUL64, INF64, 0, 0, RNE, QNAN64, NV, "f64 inf * 0"},

    /* Division by zero. */
    {DIV32, ONE32, 0, 0, RNE, INF32, DZ, "1/+0"},
    {DIV32, 0xbf800000, 0, 0, RNE, NINF32, DZ, "-1/+0"},
    {DIV32, ONE32, NZ32, 0, RNE, NINF32, DZ, "1/-0"},
    {DIV32, INF32, 0, 0, RNE, INF32, 0, "inf/0: not a division by zero"},
    {DIV32, 0, INF32, 0, RNE, 0, 0, "0/inf"},
    {DIV64, ONE64, 0, 0, RNE, INF64, DZ, "f64 1/0"},
    {DIV64, NZ64, ONE64, 0, RNE, NZ64, 0, "f64 -0/1"},

    /* Division and square root rounding. 1/3 = 0x1.555555...p-2. */
    {DIV32, ONE32, 0x40400000, 0, RNE, 0x3eaaaaab, NX, "1/3 rne (round bit 1)"},
    {DIV32, ONE32, 0x40400000, 0, RTZ, 0x3eaaaaaa, NX, "1/3 rtz"},
    {DIV32, ONE32, 0x40400000, 0, RDN, 0x3eaaaaaa, NX, "1/3 rdn"},
    {DIV32, ONE32, 0x40400000, 0, RUP, 0x3eaaaaab, NX, "1/3 rup"},
    {DIV32, ONE32, 0x40400000, 0, RMM, 0x3eaaaaab, NX, "1/3 rmm"},
    {DIV32, 0xbf800000, 0x40400000, 0, RDN, 0xbeaaaaab, NX, "-1/3 rdn"},
    {DIV32, 0xbf800000, 0x40400000, 0, RUP, 0xbeaaaaaa, NX, "-1/3 rup"},
    {DIV64, ONE64, 0x4008000000000000, 0, RNE, 0x3fd5555555555555, NX, "f64 1/3 rne (round bit 0)"},
    {DIV64, ONE64, 0x4008000000000000, 0, RUP, 0x3fd5555555555556, NX, "f64 1/3 rup"},
    {DIV64, ONE64, 0x4008000000000000, 0, RMM, 0x3fd5555555555555, NX, "f64 1/3 rmm"},
    {SQRT32, 0x40800000, 0, 0, RNE, 0x40000000, 0, "sqrt(4) exact"},
    {SQRT32, 0x40000000, 0, 0, RNE, 0x3fb504f3, NX, "sqrt(2) rne (1.41421353... < sqrt 2)"},
    {SQRT32, 0x40000000, 0, 0, RMM, 0x3fb504f3, NX, "sqrt(2) rmm"},
    {SQRT32, 0x40000000, 0, 0, RTZ, 0x3fb504f3, NX, "sqrt(2) rtz"},
    {SQRT32, 0x40000000, 0, 0, RUP, 0x3fb504f4, NX, "sqrt(2) rup"},
    {SQRT32, NZ32, 0, 0, RNE, NZ32, 0, "sqrt(-0) = -0"},
    {SQRT32, INF32, 0, 0, RNE, INF32, 0, "sqrt(inf)"},
    {SQRT32, 0x00000002, 0, 0, RNE, 0x1a800000, 0, "sqrt(2^-148) = 2^-74 exact"},
    {SQRT64, 0x4000000000000000, 0, 0, RNE, 0x3ff6a09e667f3bcd, NX, "f64 sqrt(2) rne (rounded up)"},
    {SQRT64, 0x4000000000000000, 0, 0, RTZ, 0x3ff6a09e667f3bcc, NX, "f64 sqrt(2) rtz"},
    {SQRT64, 0x4000000000000000, 0, 0, RMM, 0x3ff6a09e667f3bcd, NX, "f64 sqrt(2) rmm"},
    {SQRT64, NZ64, 0, 0, RNE, NZ64, 0, "f64 sqrt(-0)"},

    /* Subnormals, underflow, tininess after rounding. */
    {ADD32, 0x00000001, 0x00000001, 0, RNE, 0x00000002, 0, "exact subnormal sum: no UF"},
    {SUB32, 0x00800000, 0x00000001, 0, RNE, 0x007fffff, 0, "min normal - min subnormal: exact"},
    {MUL32, 0x00000001, ONE32, 0, RNE, 0x00000001, 0, "exact subnormal product"},
    {MUL32, 0x00000001, 0x3f000000, 0, RNE, 0, UF | NX, "2^-150 rne: tie to even zero"},
    {MUL32, 0x00000001, 0x3f000000, 0, RMM, 0x00000001, UF | NX, "2^-150 rmm: away"},
    {MUL32, 0x00000001, 0x3f000000, 0, RUP, 0x00000001, UF | NX, "2^-150 rup"},
    {MUL32, 0x00000001, 0x3f000000, 0, RDN, 0, UF | NX, "2^-150 rdn"},
    {MUL32, 0x00000001, 0x3f000000, 0, RTZ, 0, UF | NX, "2^-150 rtz"},
    {MUL32, 0x80000001, 0x3f000000, 0, RDN, 0x80000001, UF | NX, "-2^-150 rdn"},
    {MUL32, 0x80000001, 0x3f000000, 0, RNE, NZ32, UF | NX, "-2^-150 rne: -0"},
    {DIV32, 0x00000001, 0x40000000, 0, RMM, 0x00000001, UF | NX, "min subnormal/2 rmm"},
    /* 2^-126 * (1 - 2^-24) = 2^-126 - 2^-150: exactly representable with
     * 24 bits and unbounded exponent, so tiny; subnormal rounding ties. */
    {MUL32, 0x00800000, 0x3f7fffff, 0, RNE, 0x00800000, UF | NX, "tiny, rounds to min normal: still UF"},
    {MUL32, 0x00800000, 0x3f7fffff, 0, RMM, 0x00800000, UF | NX, "same, rmm"},
    {MUL32, 0x00800000, 0x3f7fffff, 0, RTZ, 0x007fffff, UF | NX, "same, rtz"},
    {MUL64, 0x0000000000000001, 0x3fe0000000000000, 0, RNE, 0, UF | NX, "f64 2^-1075 rne"},
    {MUL64, 0x0000000000000001, 0x3fe0000000000000, 0, RMM, 1, UF | NX, "f64 2^-1075 rmm"},
    /* 2^-126 - 2^-151 (the double 0x380ffffff0000000): rounded to 24 bits
     * with unbounded exponent it ties and goes up to 2^-126 in rne and rmm,
     * so it is not tiny there: NX without UF. */
    {F64_F32, 0x380ffffff0000000, 0, 0, RNE, 0x00800000, NX, "tininess after rounding: not tiny"},
    {F64_F32, 0x380ffffff0000000, 0, 0, RMM, 0x00800000, NX, "not tiny, rmm"},
    {F64_F32, 0x380ffffff0000000, 0, 0, RUP, 0x00800000, NX, "not tiny, rup"},
    {F64_F32, 0x380ffffff0000000, 0, 0, RTZ, 0x007fffff, UF | NX, "tiny, rtz"},
    {F64_F32, 0x380ffffff0000000, 0, 0, RDN, 0x007fffff, UF | NX, "tiny, rdn"},
    {F64_F32, 0x380fffffe0000000, 0, 0, RNE, 0x00800000, UF | NX, "2^-126-2^-150 -> f32 rne"},
    {F64_F32, 0x380fffffe0000000, 0, 0, RUP, 0x00800000, UF | NX, "2^-126-2^-150 -> f32 rup"},
    {F64_F32, 0x3600000000000000, 0, 0, RNE, 0, UF | NX, "2^-159 -> f32 rne"},
    {F64_F32, 0x3600000000000000, 0, 0, RUP, 0x00000001, UF | NX, "2^-159 -> f32 rup"},
    {F64_F32, 0xb600000000000000, 0, 0, RDN, 0x80000001, UF | NX, "-2^-159 -> f32 rdn"},

    /* Fused multiply-add. */
    {FMA32, 0, INF32, QNAN32, RNE, QNAN32, NV, "0*inf+qNaN raises NV"},
    {FMA32, INF32, NZ32, QNAN32, RNE, QNAN32, NV, "inf*-0+qNaN raises NV"},
    {FMA32, 0, INF32, ONE32, RNE, QNAN32, NV, "0*inf+1"},
    {FMA32, QNAN32, 0, ONE32, RNE, QNAN32, 0, "qNaN*0+1: no NV"},
    {FMA32, ONE32, ONE32, SNAN32, RNE, QNAN32, NV, "1*1+sNaN"},
    {FMA32, ONE32, INF32, NINF32, RNE, QNAN32, NV, "1*inf-inf"},
    {FMA32, INF32, ONE32, INF32, RNE, INF32, 0, "inf*1+inf"},
    {FMA32, ONE32, ONE32, NINF32, RNE, NINF32, 0, "1*1-inf"},
    {FMA32, 0x40000000, 0x40400000, ONE32, RNE, 0x40e00000, 0, "2*3+1 = 7"},
    {FMA32, 0x3f800800, 0x3f800800, 0xbf800000, RNE, 0x3a000400, 0,
     "(1+2^-12)^2-1 = 2^-11+2^-24 exactly: single rounding"},
    {FMA32, 0x3f800800, 0x3f7ff000, 0x34000000, RNE, ONE32, NX, "(1+2^-12)(1-2^-12)+2^-23 = 1+2^-24: tie, rne"},
    {FMA32, 0x3f800800, 0x3f7ff000, 0x34000000, RMM, 0x3f800001, NX, "same tie, rmm"},
    {FMA32, ONE32, ONE32, 0xbf800000, RNE, 0, 0, "1*1-1 rne = +0"},
    {FMA32, ONE32, ONE32, 0xbf800000, RDN, NZ32, 0, "1*1-1 rdn = -0"},
    {FMA32, 0, ONE32, NZ32, RNE, 0, 0, "+0*1 + -0 rne"},
    {FMA32, 0, ONE32, NZ32, RDN, NZ32, 0, "+0*1 + -0 rdn"},
    {FMA32, NZ32, ONE32, NZ32, RNE, NZ32, 0, "-0*1 + -0"},
    {FMA32, 0x00000001, 0x00000001, ONE32, RNE, ONE32, NX, "tiny product + 1: NX only"},
    {FMA32, 0x00000001, 0x00000001, 0, RUP, 0x00000001, UF | NX, "2^-298 + 0 rup"},
    {FMA32, 0x00000001, 0x00000001, 0, RNE, 0, UF | NX, "2^-298 + 0 rne"},
    {FMA64, 0, INF64, QNAN64, RNE, QNAN64, NV, "f64 0*inf+qNaN raises NV"},
    {FMA64, 0x3ff0000002000000, 0x3ff0000002000000, 0xbff0000000000000, RNE, 0x3e50000001000000, 0,
     "f64 (1+2^-27)^2-1 exactly"},
    {FMA64, ONE64, ONE64, 0xbff0000000000000, RDN, NZ64, 0, "f64 1*1-1 rdn"},

    /* fmin/fmax. */
    {MIN32, 0, NZ32, 0, RNE, NZ32, 0, "min(+0,-0) = -0"},
    {MIN32, NZ32, 0, 0, RNE, NZ32, 0, "min(-0,+0) = -0"},
    {MAX32, NZ32, 0, 0, RNE, 0, 0, "max(-0,+0) = +0"},
    {MAX32, 0, NZ32, 0, RNE, 0, 0, "max(+0,-0) = +0"},
    {MIN32, QNAN32, ONE32, 0, RNE, ONE32, 0, "min(qNaN,1) = 1"},
    {MIN32, ONE32, 0x7fc12345, 0, RNE, ONE32, 0, "min(1,qNaN) = 1"},
    {MAX32, 0xffc00000, ONE32, 0, RNE, ONE32, 0, "max(-qNaN,1) = 1"},
    {MIN32, SNAN32, ONE32, 0, RNE, ONE32, NV, "min(sNaN,1) = 1 with NV"},
    {MAX32, SNAN32, 0xbf800000, 0, RNE, 0xbf800000, NV, "max(sNaN,-1) = -1 with NV"},
    {MIN32, QNAN32, QNAN32, 0, RNE, QNAN32, 0, "min(qNaN,qNaN)"},
    {MIN32, 0x7fc12345, 0xffc00000, 0, RNE, QNAN32, 0, "min of two qNaNs: canonical"},
    {MAX32, SNAN32, QNAN32, 0, RNE, QNAN32, NV, "max(sNaN,qNaN)"},
    {MIN32, NINF32, ONE32, 0, RNE, NINF32, 0, "min(-inf,1)"},
    {MAX32, NINF32, ONE32, 0, RNE, ONE32, 0, "max(-inf,1)"},
    {MIN32, ONE32, 0x40000000, 0, RNE, ONE32, 0, "min(1,2)"},
    {MAX32, ONE32, 0x40000000, 0, RNE, 0x40000000, 0, "max(1,2)"},
    {MIN32, 0xbf800000, 0xc0000000, 0, RNE, 0xc0000000, 0, "min(-1,-2) = -2"},
    {MAX32, 0xbf800000, 0xc0000000, 0, RNE, 0xbf800000, 0, "max(-1,-2) = -1"},
    {MIN32, 0x80000001, 0x00000001, 0, RNE, 0x80000001, 0, "min of subnormals"},
    {MIN64, 0, NZ64, 0, RNE, NZ64, 0, "f64 min(+0,-0)"},
    {MAX64, NZ64, 0, 0, RNE, 0, 0, "f64 max(-0,+0)"},
    {MIN64, SNAN64, ONE64, 0, RNE, ONE64, NV, "f64 min(sNaN,1)"},
    {MAX64, QNAN64, 0x7ff8000000000001, 0, RNE, QNAN64, 0, "f64 max(qNaN,qNaN)"},
    {MAX64, ONE64, QNAN64, 0, RNE, ONE64, 0, "f64 max(1,qNaN)"},

    /* Comparisons: feq quiet, flt/fle signalling. */
    {EQ32, QNAN32, ONE32, 0, RNE, 0, 0, "feq qNaN: no flag"},
    {EQ32, QNAN32, QNAN32, 0, RNE, 0, 0, "feq qNaN,qNaN"},
    {EQ32, SNAN32, ONE32, 0, RNE, 0, NV, "feq sNaN"},
    {EQ32, ONE32, SNAN32, 0, RNE, 0, NV, "feq 1,sNaN"},
    {LT32, QNAN32, ONE32, 0, RNE, 0, NV, "flt qNaN"},
    {LT32, ONE32, QNAN32, 0, RNE, 0, NV, "flt 1,qNaN"},
    {LE32, QNAN32, ONE32, 0, RNE, 0, NV, "fle qNaN"},
    {LE32, SNAN32, ONE32, 0, RNE, 0, NV, "fle sNaN"},
    {EQ32, 0, NZ32, 0, RNE, 1, 0, "+0 == -0"},
    {LT32, NZ32, 0, 0, RNE, 0, 0, "-0 < +0 is false"},
    {LT32, 0, NZ32, 0, RNE, 0, 0, "+0 < -0 is false"},
    {LE32, NZ32, 0, 0, RNE, 1, 0, "-0 <= +0"},
    {LE32, 0, NZ32, 0, RNE, 1, 0, "+0 <= -0"},
    {LT32, 0xbf800000, ONE32, 0, RNE, 1, 0, "-1 < 1"},
    {LT32, ONE32, 0xbf800000, 0, RNE, 0, 0, "1 < -1"},
    {LT32, ONE32, ONE32, 0, RNE, 0, 0, "1 < 1"},
    {LE32, ONE32, ONE32, 0, RNE, 1, 0, "1 <= 1"},
    {LT32, 0xc0000000, 0xbf800000, 0, RNE, 1, 0, "-2 < -1"},
    {LT32, 0xbf800000, 0xc0000000, 0, RNE, 0, 0, "-1 < -2"},
    {LT32, NINF32, INF32, 0, RNE, 1, 0, "-inf < inf"},
    {LT32, INF32, INF32, 0, RNE, 0, 0, "inf < inf"},
    {LE32, INF32, INF32, 0, RNE, 1, 0, "inf <= inf"},
    {EQ32, INF32, INF32, 0, RNE, 1, 0, "inf == inf"},
    {LT32, 0x00000001, 0x00000002, 0, RNE, 1, 0, "subnormal order"},
    {LT32, 0x80000002, 0x80000001, 0, RNE, 1, 0, "negative subnormal order"},
    {EQ64, QNAN64, QNAN64, 0, RNE, 0, 0, "f64 feq qNaN"},
    {EQ64, SNAN64, ONE64, 0, RNE, 0, NV, "f64 feq sNaN"},
    {LT64, QNAN64, ONE64, 0, RNE, 0, NV, "f64 flt qNaN"},
    {LE64, ONE64, QNAN64, 0, RNE, 0, NV, "f64 fle qNaN"},
    {EQ64, NZ64, 0, 0, RNE, 1, 0, "f64 -0 == +0"},
    {LE64, 0xbff0000000000000, NZ64, 0, RNE, 1, 0, "f64 -1 <= -0"},
    {LT64, NZ64, 0, 0, RNE, 0, 0, "f64 -0 < +0 false"},

    /* fclass: one bit per class. */
    {CLASS32, NINF32, 0, 0, RNE, 1 << 0, 0, "-inf"},
    {CLASS32, 0xbf800000, 0, 0, RNE, 1 << 1, 0, "-normal"},
    {CLASS32, 0x80000001, 0, 0, RNE, 1 << 2, 0, "-subnormal"},
    {CLASS32, NZ32, 0, 0, RNE, 1 << 3, 0, "-0"},
    {CLASS32, 0, 0, 0, RNE, 1 << 4, 0, "+0"},
    {CLASS32, 0x007fffff, 0, 0, RNE, 1 << 5, 0, "+subnormal (largest)"},
    {CLASS32, 0x00800000, 0, 0, RNE, 1 << 6, 0, "+normal (smallest)"},
    {CLASS32, INF32, 0, 0, RNE, 1 << 7, 0, "+inf"},
    {CLASS32, SNAN32, 0, 0, RNE, 1 << 8, 0, "sNaN"},
    {CLASS32, 0xffbfffff, 0, 0, RNE, 1 << 8, 0, "negative sNaN"},
    {CLASS32, QNAN32, 0, 0, RNE, 1 << 9, 0, "qNaN"},
    {CLASS32, 0xffc00001, 0, 0, RNE, 1 << 9, 0, "negative qNaN"},
    {CLASS64, NINF64, 0, 0, RNE, 1 << 0, 0, "f64 -inf"},
    {CLASS64, 0xbff0000000000000, 0, 0, RNE, 1 << 1, 0, "f64 -normal"},
    {CLASS64, 0x800fffffffffffff, 0, 0, RNE, 1 << 2, 0, "f64 -subnormal"},
    {CLASS64, NZ64, 0, 0, RNE, 1 << 3, 0, "f64 -0"},
    {CLASS64, 0, 0, 0, RNE, 1 << 4, 0, "f64 +0"},
    {CLASS64, 1, 0, 0, RNE, 1 << 5, 0, "f64 +subnormal"},
    {CLASS64, FMAX64, 0, 0, RNE, 1 << 6, 0, "f64 +normal (largest)"},
    {CLASS64, INF64, 0, 0, RNE, 1 << 7, 0, "f64 +inf"},
    {CLASS64, SNAN64, 0, 0, RNE, 1 << 8, 0, "f64 sNaN"},
    {CLASS64, QNAN64, 0, 0, RNE, 1 << 9, 0, "f64 qNaN"},

    /* Float to integer: rounding, saturation, NV without NX. */
    {F32_I32, QNAN32, 0, 0, RNE, I64(INT32_MAX), NV, "NaN -> max"},
    {F32_I32, 0xffc00000, 0, 0, RNE, I64(INT32_MAX), NV, "negative NaN -> max too"},
    {F32_I32, SNAN32, 0, 0, RNE, I64(INT32_MAX), NV, "sNaN -> max"},
    {F32_I32, INF32, 0, 0, RNE, I64(INT32_MAX), NV, "+inf"},
    {F32_I32, NINF32, 0, 0, RNE, I64(INT32_MIN), NV, "-inf"},
    {F32_I32, 0x4f000000, 0, 0, RNE, I64(INT32_MAX), NV, "2^31"},
    {F32_I32, 0xcf000000, 0, 0, RNE, I64(INT32_MIN), 0, "-2^31 fits"},
    {F32_I32, 0x4effffff, 0, 0, RNE, 2147483520, 0, "largest float below 2^31"},
    {F32_I32, NZ32, 0, 0, RNE, 0, 0, "-0"},
    {F32_I32, 0x3fc00000, 0, 0, RNE, 2, NX, "1.5 rne"},
    {F32_I32, 0x40200000, 0, 0, RNE, 2, NX, "2.5 rne: to even"},
    {F32_I32, 0x40200000, 0, 0, RMM, 3, NX, "2.5 rmm"},
    {F32_I32, 0xc0200000, 0, 0, RMM, I64(-3), NX, "-2.5 rmm"},
    {F32_I32, 0xc0200000, 0, 0, RNE, I64(-2), NX, "-2.5 rne"},
    {F32_I32, 0xc0200000, 0, 0, RDN, I64(-3), NX, "-2.5 rdn"},
    {F32_I32, 0xc0200000, 0, 0, RUP, I64(-2), NX, "-2.5 rup"},
    {F32_I32, 0xc0200000, 0, 0, RTZ, I64(-2), NX, "-2.5 rtz"},
    {F32_I32, 0x3f000000, 0, 0, RNE, 0, NX, "0.5 rne"},
    {F32_I32, 0x3f000000, 0, 0, RMM, 1, NX, "0.5 rmm"},
    {F32_I32, 0x00000001, 0, 0, RUP, 1, NX, "min subnormal rup"},
    {F32_I32, 0x80000001, 0, 0, RDN, I64(-1), NX, "-min subnormal rdn"},
    {F32_U32, 0xbf000000, 0, 0, RNE, 0, NX, "-0.5 rne -> -0: valid"},
    {F32_U32, 0xbf000000, 0, 0, RTZ, 0, NX, "-0.5 rtz"},
    {F32_U32, 0xbf000000, 0, 0, RUP, 0, NX, "-0.5 rup"},
    {F32_U32, 0xbf000000, 0, 0, RDN, 0, NV, "-0.5 rdn -> -1: invalid"},
    {F32_U32, 0xbf000000, 0, 0, RMM, 0, NV, "-0.5 rmm -> -1: invalid"},
    {F32_U32, 0xbf800000, 0, 0, RNE, 0, NV, "-1"},
    {F32_U32, NZ32, 0, 0, RNE, 0, 0, "-0"},
    {F32_U32, QNAN32, 0, 0, RNE, UINT32_MAX, NV, "NaN -> max"},
    {F32_U32, INF32, 0, 0, RNE, UINT32_MAX, NV, "+inf"},
    {F32_U32, NINF32, 0, 0, RNE, 0, NV, "-inf"},
    {F32_U32, 0x4f800000, 0, 0, RNE, UINT32_MAX, NV, "2^32"},
    {F32_U32, 0x4f7fffff, 0, 0, RNE, 0xffffff00, 0, "largest float below 2^32"},
    {F32_I64, QNAN32, 0, 0, RNE, I64(INT64_MAX), NV, "NaN"},
    {F32_I64, 0x5f000000, 0, 0, RNE, I64(INT64_MAX), NV, "2^63"},
    {F32_I64, 0xdf000000, 0, 0, RNE, I64(INT64_MIN), 0, "-2^63 fits"},
    {F32_I64, 0x5effffff, 0, 0, RNE, 0x7fffff8000000000, 0, "largest float below 2^63"},
    {F32_I64, NINF32, 0, 0, RNE, I64(INT64_MIN), NV, "-inf"},
    {F32_U64, 0x5f800000, 0, 0, RNE, UINT64_MAX, NV, "2^64"},
    {F32_U64, 0x5f7fffff, 0, 0, RNE, 0xffffff0000000000, 0, "largest float below 2^64"},
    {F32_U64, QNAN32, 0, 0, RNE, UINT64_MAX, NV, "NaN"},
    {F32_U64, NINF32, 0, 0, RNE, 0, NV, "-inf"},
    {F64_I32, 0xc1e0000000200000, 0, 0, RNE, I64(INT32_MIN), NV, "-2^31-1"},
    {F64_I32, 0xc1e0000000100000, 0, 0, RTZ, I64(INT32_MIN), NX, "-2^31-0.5 rtz"},
    {F64_I32, 0xc1e0000000100000, 0, 0, RNE, I64(INT32_MIN), NX, "-2^31-0.5 rne: to even"},
    {F64_I32, 0xc1e0000000100000, 0, 0, RUP, I64(INT32_MIN), NX, "-2^31-0.5 rup"},
    {F64_I32, 0xc1e0000000100000, 0, 0, RMM, I64(INT32_MIN), NV, "-2^31-0.5 rmm: away, invalid"},
    {F64_I32, 0xc1e0000000100000, 0, 0, RDN, I64(INT32_MIN), NV, "-2^31-0.5 rdn: invalid"},
    {F64_I32, 0x41dfffffffe00000, 0, 0, RNE, I64(INT32_MAX), NV, "2^31-0.5 rne: to even 2^31, invalid"},
    {F64_I32, 0x41dfffffffe00000, 0, 0, RTZ, I64(INT32_MAX), NX, "2^31-0.5 rtz"},
    {F64_I32, 0x41dfffffffe00000, 0, 0, RDN, I64(INT32_MAX), NX, "2^31-0.5 rdn"},
    {F64_I32, 0x41dfffffffe00000, 0, 0, RUP, I64(INT32_MAX), NV, "2^31-0.5 rup"},
    {F64_I32, 0x41dfffffffe00000, 0, 0, RMM, I64(INT32_MAX), NV, "2^31-0.5 rmm"},
    {F64_I32, QNAN64, 0, 0, RNE, I64(INT32_MAX), NV, "f64 NaN"},
    {F64_U32, 0x41effffffff00000, 0, 0, RNE, UINT32_MAX, NV, "2^32-0.5 rne: to even 2^32"},
    {F64_U32, 0x41effffffff00000, 0, 0, RTZ, UINT32_MAX, NX, "2^32-0.5 rtz"},
    {F64_U32, 0xbfe8000000000000, 0, 0, RUP, 0, NX, "-0.75 rup"},
    {F64_U32, 0xbfe8000000000000, 0, 0, RNE, 0, NV, "-0.75 rne -> -1"},
    {F64_I64, 0x43e0000000000000, 0, 0, RNE, I64(INT64_MAX), NV, "2^63"},
    {F64_I64, 0xc3e0000000000000, 0, 0, RNE, I64(INT64_MIN), 0, "-2^63"},
    {F64_I64, QNAN64, 0, 0, RNE, I64(INT64_MAX), NV, "NaN"},
    {F64_I64, NINF64, 0, 0, RNE, I64(INT64_MIN), NV, "-inf"},
    {F64_U64, 0x43efffffffffffff, 0, 0, RNE, 0xfffffffffffff800, 0, "largest double below 2^64"},
    {F64_U64, 0x43f0000000000000, 0, 0, RNE, UINT64_MAX, NV, "2^64"},
    {F64_U64, 0xbfe8000000000000, 0, 0, RTZ, 0, NX, "-0.75 rtz"},
    {F64_U64, 0xbfe8000000000000, 0, 0, RDN, 0, NV, "-0.75 rdn"},
    {F64_U64, 0xbfe8000000000000, 0, 0, RMM, 0, NV, "-0.75 rmm"},
    {F64_U64, 0xbfd0000000000000, 0, 0, RMM, 0, NX, "-0.25 rmm: rounds to -0"},

    /* Integer to float. */
    {I32_F32, 16777217, 0, 0, RNE, 0x4b800000, NX, "2^24+1 rne: tie to even"},
    {I32_F32, 16777217, 0, 0, RMM, 0x4b800001, NX, "2^24+1 rmm"},
    {I32_F32, 16777217, 0, 0, RUP, 0x4b800001, NX, "2^24+1 rup"},
    {I32_F32, 16777217, 0, 0, RTZ, 0x4b800000, NX, "2^24+1 rtz"},
    {I32_F32, I64(-16777217), 0, 0, RDN, 0xcb800001, NX, "-(2^24+1) rdn"},
    {I32_F32, I64(-16777217), 0, 0, RMM, 0xcb800001, NX, "-(2^24+1) rmm"},
    {I32_F32, 0, 0, 0, RDN, 0, 0, "0 -> +0 even in rdn"},
    {U32_F32, UINT32_MAX, 0, 0, RNE, 0x4f800000, NX, "2^32-1 rne"},
    {U32_F32, UINT32_MAX, 0, 0, RTZ, 0x4f7fffff, NX, "2^32-1 rtz"},
    {I64_F32, I64(-1), 0, 0, RNE, 0xbf800000, 0, "-1"},
    {I64_F32, I64(INT64_MIN), 0, 0, RNE, 0xdf000000, 0, "-2^63"},
    {U64_F32, UINT64_MAX, 0, 0, RNE, 0x5f800000, NX, "2^64-1 rne"},
    {U64_F32, UINT64_MAX, 0, 0, RTZ, 0x5f7fffff, NX, "2^64-1 rtz"},
    {I32_F64, I64(INT32_MIN), 0, 0, RNE, 0xc1e0000000000000, 0, "-2^31 exact"},
    {U32_F64, UINT32_MAX, 0, 0, RNE, 0x41efffffffe00000, 0, "2^32-1 exact"},
    {I64_F64, I64(INT64_MIN), 0, 0, RNE, 0xc3e0000000000000, 0, "-2^63 exact"},
    {I64_F64, 9007199254740993, 0, 0, RNE, 0x4340000000000000, NX, "2^53+1 rne"},
    {I64_F64, 9007199254740993, 0, 0, RMM, 0x4340000000000001, NX, "2^53+1 rmm"},
    {U64_F64, UINT64_MAX, 0, 0, RNE, 0x43f0000000000000, NX, "2^64-1 rne"},
    {U64_F64, UINT64_MAX, 0, 0, RTZ, 0x43efffffffffffff, NX, "2^64-1 rtz"},

    /* Between formats. */
    {F32_F64, SNAN32, 0, 0, RNE, QNAN64, NV, "sNaN widened: canonical, NV"},
    {F32_F64, 0xffc00001, 0, 0, RNE, QNAN64, 0, "qNaN widened: canonical"},
    {F32_F64, ONE32, 0, 0, RNE, ONE64, 0, "1.0"},
    {F32_F64, 0x00000001, 0, 0, RNE, 0x36a0000000000000, 0, "2^-149 becomes normal"},
    {F32_F64, NINF32, 0, 0, RNE, NINF64, 0, "-inf"},
    {F32_F64, NZ32, 0, 0, RNE, NZ64, 0, "-0"},
    {F64_F32, SNAN64, 0, 0, RNE, QNAN32, NV, "f64 sNaN narrowed"},
    {F64_F32, 0xfff8000000000001, 0, 0, RNE, QNAN32, 0, "f64 qNaN narrowed"},
    {F64_F32, FMAX64, 0, 0, RNE, INF32, OF | NX, "DBL_MAX rne"},
    {F64_F32, FMAX64, 0, 0, RTZ, FMAX32, OF | NX, "DBL_MAX rtz"},
    {F64_F32, 0x3ff0000010000000, 0, 0, RNE, ONE32, NX, "1+2^-24 narrowed rne"},
    {F64_F32, 0x3ff0000010000000, 0, 0, RMM, 0x3f800001, NX, "1+2^-24 narrowed rmm"},
};

static uint64_t run_vector(const struct vec *v, uint32_t *fl)
{
    uint32_t a = (uint32_t)v->a, b = (uint32_t)v->b, c = (uint32_t)v->c;
    int rm = v->rm;
    switch (v->op) {
    case ADD32: return f32_add(a, b, rm, fl);
    case SUB32: return f32_sub(a, b, rm, fl);
    case MUL32: return f32_mul(a, b, rm, fl);
    case DIV32: return f32_div(a, b, rm, fl);
    case SQRT32: return f32_sqrt(a, rm, fl);
    case FMA32: return f32_muladd(a, b, c, rm, fl);
    case MIN32: return f32_min(a, b, fl);
    case MAX32: return f32_max(a, b, fl);
    case EQ32: return (uint64_t)f32_eq(a, b, fl);
    case LT32: return (uint64_t)f32_lt(a, b, fl);
    case LE32: return (uint64_t)f32_le(a, b, fl);
    case CLASS32: return f32_classify(a);
    case F32_I32: return I64(f32_to_i32(a, rm, fl));
    case F32_U32: return f32_to_u32(a, rm, fl);
    case F32_I64: return I64(f32_to_i64(a, rm, fl));
    case F32_U64: return f32_to_u64(a, rm, fl);
    case I32_F32: return i32_to_f32((int32_t)a, rm, fl);
    case U32_F32: return u32_to_f32(a, rm, fl);
    case I64_F32: return i64_to_f32((int64_t)v->a, rm, fl);
    case U64_F32: return u64_to_f32(v->a, rm, fl);
    case F32_F64: return f32_to_f64(a, fl);
    case ADD64: return f64_add(v->a, v->b, rm, fl);
    case SUB64: return f64_sub(v->a, v->b, rm, fl);
    case MUL64: return f64_mul(v->a, v->b, rm, fl);
    case DIV64: return f64_div(v->a, v->b, rm, fl);
    case SQRT64: return f64_sqrt(v->a, rm, fl);
    case FMA64: return f64_muladd(v->a, v->b, v->c, rm, fl);
    case MIN64: return f64_min(v->a, v->b, fl);
    case MAX64: return f64_max(v->a, v->b, fl);
    case EQ64: return (uint64_t)f64_eq(v->a, v->b, fl);
    case LT64: return (uint64_t)f64_lt(v->a, v->b, fl);
    case LE64: return (uint64_t)f64_le(v->a, v->b, fl);
    case CLASS64: return f64_classify(v->a);
    case F64_I32: return I64(f64_to_i32(v->a, rm, fl));
    case F64_U32: return f64_to_u32(v->a, rm, fl);
    case F64_I64: return I64(f64_to_i64(v->a, rm, fl));
    case F64_U64: return f64_to_u64(v->a, rm, fl);
    case I32_F64: return i32_to_f64((int32_t)a, rm, fl);
    case U32_F64: return u32_to_f64(a, rm, fl);
    case I64_F64: return i64_to_f64((int64_t)v->a, rm, fl);
    case U64_F64: return u64_to_f64(v->a, rm, fl);
    case F64_F32: return f64_to_f32(v->a, rm, fl);
    }
    return 0;
}

static void test_hand_vectors(void **state)
{
    (void)state;
    int errors = 0;
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        const struct vec *v = &vectors[i];
        uint32_t fl = 0;
        uint64_t got = run_vector(v, &fl);
        if (got != v->want || fl != v->flags) {
            errors++;
            print_error("vector %zu (%s, %s): want %#llx flags %#x, got %#llx flags %#x\n", i, v->why,
                        rm_name[v->rm], (unsigned long long)v->want, v->flags, (unsigned long long)got, fl);
        }
    }
    assert_int_equal(errors, 0);
}

/* Flags accumulate: a function never clears a flag it did not raise. */
static void test_flags_accumulate(void **state)
{
    (void)state;
    uint32_t fl = SF_DZ | SF_UF;
    assert_int_equal(f32_add(ONE32, ONE32, SF_RNE, &fl), 0x40000000);
    assert_int_equal(fl, SF_DZ | SF_UF);
    assert_int_equal(f64_div(ONE64, 0x4008000000000000, SF_RNE, &fl), 0x3fd5555555555555);
    assert_int_equal(fl, SF_DZ | SF_UF | SF_NX);
    assert_int_equal(f32_eq(SNAN32, 0, &fl), 0);
    assert_int_equal(fl, SF_DZ | SF_UF | SF_NX | SF_NV);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_vectors),
        cmocka_unit_test(test_flags_accumulate),
        cmocka_unit_test_setup(test_oracle_f32_add, reseed),
        cmocka_unit_test_setup(test_oracle_f32_sub, reseed),
        cmocka_unit_test_setup(test_oracle_f32_mul, reseed),
        cmocka_unit_test_setup(test_oracle_f32_div, reseed),
        cmocka_unit_test_setup(test_oracle_f32_sqrt, reseed),
        cmocka_unit_test_setup(test_oracle_f32_muladd, reseed),
        cmocka_unit_test_setup(test_oracle_f64_add, reseed),
        cmocka_unit_test_setup(test_oracle_f64_sub, reseed),
        cmocka_unit_test_setup(test_oracle_f64_mul, reseed),
        cmocka_unit_test_setup(test_oracle_f64_div, reseed),
        cmocka_unit_test_setup(test_oracle_f64_sqrt, reseed),
        cmocka_unit_test_setup(test_oracle_f64_muladd, reseed),
        cmocka_unit_test_setup(test_oracle_f32_f64_conversions, reseed),
        cmocka_unit_test_setup(test_oracle_int_to_float, reseed),
        cmocka_unit_test_setup(test_float_to_int_reference, reseed),
        cmocka_unit_test_setup(test_rmm_by_construction, reseed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
