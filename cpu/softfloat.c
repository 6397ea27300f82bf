/*
 * cpu/softfloat.c — software IEEE-754 arithmetic for the F and D extensions.
 *
 * The whole module rests on one idea: every operation first computes its
 * result *exactly* (or exactly enough, see below) as an integer significand
 * times a power of two, and then a single routine, round_pack(), rounds that
 * value to the destination format.  round_pack() is the only place that
 * knows about rounding modes, subnormals, overflow, underflow and the
 * inexact flag, so each operation stays a few lines of plain integer
 * arithmetic.
 *
 * Both formats share the code: a struct fp_format (23 or 52 fraction bits,
 * 8 or 11 exponent bits) is passed down and raw values travel as uint64_t.
 * The public f32_* / f64_* functions at the bottom are one-line wrappers.
 *
 * Unpacked form.  A finite nonzero value is (-1)^sign * sig * 2^exp with
 * sig an integer (the hidden bit included for normal numbers).  Significands
 * are kept in unsigned __int128, which is wide enough for the exact product
 * of two binary64 significands (106 bits) plus guard bits.
 *
 * "Exactly enough".  Division, square root and additions whose operands are
 * far apart cannot keep every bit.  They keep at least two bits below the
 * precision of the result and OR any discarded nonzero bits into bit 0 (the
 * sticky bit).  With two spare bits the sticky bit can neither create nor
 * hide a halfway case, so rounding the approximation gives the same answer
 * as rounding the true value.
 *
 * RISC-V choices implemented here: NaN results are always the canonical
 * NaN; tininess is detected after rounding; 0*inf in a fused multiply-add
 * raises NV even if the addend is a quiet NaN; float-to-integer conversions
 * saturate.
 */
#include "cpu/softfloat.h"

#include <stdbool.h>

__extension__ typedef unsigned __int128 u128;

/* Operands are normalised to this many significant bits before an addition
 * or a division: room for a carry out of the top (the sum of two such
 * values is below 2^127) and more than 70 guard bits below a binary64. */
#define NORM_BITS 126

/* ---- formats ------------------------------------------------------------ */

struct fp_format {
    int frac_bits; /* stored fraction bits: 23 or 52 */
    int exp_bits;  /* exponent field bits: 8 or 11 */
};

static const struct fp_format F32 = {23, 8};
static const struct fp_format F64 = {52, 11};

static int fmt_bias(const struct fp_format *f) { return (1 << (f->exp_bits - 1)) - 1; }
static int fmt_field_max(const struct fp_format *f) { return (1 << f->exp_bits) - 1; } /* inf/NaN */
static uint64_t fmt_frac_mask(const struct fp_format *f) { return (1ull << f->frac_bits) - 1; }
static uint64_t fmt_sign_bit(const struct fp_format *f) { return 1ull << (f->frac_bits + f->exp_bits); }

static uint64_t pack(const struct fp_format *f, bool sign, uint64_t field, uint64_t frac)
{
    return (sign ? fmt_sign_bit(f) : 0) | field << f->frac_bits | frac;
}
static uint64_t pack_zero(const struct fp_format *f, bool sign) { return pack(f, sign, 0, 0); }
static uint64_t pack_inf(const struct fp_format *f, bool sign)
{
    return pack(f, sign, (uint64_t)fmt_field_max(f), 0);
}
static uint64_t pack_max_finite(const struct fp_format *f, bool sign)
{
    return pack(f, sign, (uint64_t)fmt_field_max(f) - 1, fmt_frac_mask(f));
}
/* Positive, quiet, zero payload: 0x7fc00000 / 0x7ff8000000000000. */
static uint64_t canonical_nan(const struct fp_format *f)
{
    return pack(f, false, (uint64_t)fmt_field_max(f), 1ull << (f->frac_bits - 1));
}

/* ---- unpacking ------------------------------------------------------------ */

enum fp_kind { FP_ZERO, FP_FINITE, FP_INF, FP_QNAN, FP_SNAN };

struct fp {
    enum fp_kind kind;
    bool sign;
    bool subnormal; /* FP_FINITE with a zero exponent field */
    int exp;        /* FP_FINITE: value = sig * 2^exp */
    u128 sig;       /* FP_FINITE: nonzero; FP_ZERO: 0 */
};

static struct fp unpack(const struct fp_format *f, uint64_t bits)
{
    struct fp x = {.sign = (bits & fmt_sign_bit(f)) != 0};
    int field = (int)(bits >> f->frac_bits) & fmt_field_max(f);
    uint64_t frac = bits & fmt_frac_mask(f);

    if (field == fmt_field_max(f)) {
        /* The quiet bit is the top fraction bit (IEEE 754-2008 6.2.1). */
        if (frac == 0)
            x.kind = FP_INF;
        else
            x.kind = (frac >> (f->frac_bits - 1)) ? FP_QNAN : FP_SNAN;
    } else if (field == 0 && frac == 0) {
        x.kind = FP_ZERO;
    } else if (field == 0) {
        /* Subnormal: no hidden bit, and the exponent of the smallest normal. */
        x.kind = FP_FINITE;
        x.subnormal = true;
        x.sig = frac;
        x.exp = 1 - fmt_bias(f) - f->frac_bits;
    } else {
        x.kind = FP_FINITE;
        x.sig = frac | 1ull << f->frac_bits;
        x.exp = field - fmt_bias(f) - f->frac_bits;
    }
    return x;
}

static bool is_nan(const struct fp *x) { return x->kind == FP_QNAN || x->kind == FP_SNAN; }

static void raise_if_snan(const struct fp *x, uint32_t *flags)
{
    if (x->kind == FP_SNAN) *flags |= SF_NV;
}

/* Result of an operation with a NaN operand (NV if any was signalling). */
static uint64_t nan_result(const struct fp_format *f, const struct fp *a, const struct fp *b, uint32_t *flags)
{
    raise_if_snan(a, flags);
    raise_if_snan(b, flags);
    return canonical_nan(f);
}

/* Result of an invalid operation such as inf-inf or 0/0. */
static uint64_t invalid_result(const struct fp_format *f, uint32_t *flags)
{
    *flags |= SF_NV;
    return canonical_nan(f);
}

/* ---- wide-integer helpers ------------------------------------------------ */

static int bit_length(u128 v)
{
    uint64_t hi = (uint64_t)(v >> 64), lo = (uint64_t)v;
    if (hi) return 128 - __builtin_clzll(hi);
    if (lo) return 64 - __builtin_clzll(lo);
    return 0;
}

/* v >> n, with bit 0 set if any nonzero bit was shifted out. */
static u128 shift_right_jam(u128 v, int n)
{
    if (n <= 0) return v;
    if (n >= 128) return v != 0;
    u128 lost = v & (((u128)1 << n) - 1);
    return (v >> n) | (lost != 0);
}

/* Shift sig left until it has NORM_BITS significant bits, keeping the value
 * sig * 2^exp unchanged.  sig must be nonzero and no wider than that. */
static void normalize(struct fp *x)
{
    int shift = NORM_BITS - bit_length(x->sig);
    x->sig <<= shift;
    x->exp -= shift;
}

/* ---- rounding ------------------------------------------------------------ */

/* sig / 2^shift rounded to an integer in mode rm.  `sign` is the sign of the
 * value, which the directed modes need.  *inexact tells whether anything
 * nonzero was discarded.  sig must be below 2^127. */
static u128 round_shift(u128 sig, int shift, bool sign, int rm, bool *inexact)
{
    if (shift <= 0) {
        *inexact = false;
        return sig << -shift;
    }
    if (shift >= 128) {
        /* All of sig lies below half a unit: keep only the fact that it is
         * nonzero, as a remainder of 1 below a half of 2. */
        sig = sig != 0;
        shift = 2;
    }
    u128 q = sig >> shift;
    u128 rem = sig & (((u128)1 << shift) - 1);
    u128 half = (u128)1 << (shift - 1);
    bool up;

    *inexact = rem != 0;
    switch (rm) {
    case SF_RNE: up = rem > half || (rem == half && (q & 1)); break;
    case SF_RMM: up = rem >= half; break;
    case SF_RDN: up = rem != 0 && sign; break;
    case SF_RUP: up = rem != 0 && !sign; break;
    default: up = false; break; /* SF_RTZ */
    }
    return q + up;
}

/* Tininess after rounding (IEEE 754-2008 7.5, the RISC-V choice): the
 * nonzero result is tiny if, rounded to full precision as though the
 * exponent range were unbounded, it would still be below 2^emin.  `top` is
 * the exponent of the leading bit of sig * 2^exp. */
static bool is_tiny(const struct fp_format *f, bool sign, int exp, u128 sig, int top, int rm)
{
    int emin = 1 - fmt_bias(f);
    if (top >= emin) return false;
    if (top < emin - 1) return true; /* even rounding up stays below 2^emin */
    /* In the binade just below 2^emin: tiny unless rounding carries up. */
    bool unused;
    u128 q = round_shift(sig, top - f->frac_bits - exp, sign, rm, &unused);
    return (q >> (f->frac_bits + 1)) == 0;
}

/* What an overflow delivers: infinity, or the largest finite number when
 * the rounding direction points back towards zero. */
static uint64_t overflow_result(const struct fp_format *f, bool sign, int rm)
{
    bool to_inf = rm == SF_RNE || rm == SF_RMM || (rm == SF_RUP && !sign) || (rm == SF_RDN && sign);
    return to_inf ? pack_inf(f, sign) : pack_max_finite(f, sign);
}

/* Round the value (-1)^sign * sig * 2^exp to format f and pack it.
 *
 * sig must be nonzero and below 2^127.  If sig carries a sticky bit (the
 * true value lies strictly between sig and sig+1 units) it must have at
 * least frac_bits + 3 significant bits, i.e. two spare bits below the
 * precision (see the file comment). */
static uint64_t round_pack(const struct fp_format *f, bool sign, int exp, u128 sig, int rm, uint32_t *flags)
{
    int bias = fmt_bias(f);
    int emin = 1 - bias;                 /* exponent of the smallest normal */
    int top = exp + bit_length(sig) - 1; /* exponent of the leading bit */

    /* The unit in the last place: 2^(top - frac_bits) for a normal result,
     * fixed at 2^(emin - frac_bits) for a subnormal one. */
    int ulp_exp = (top < emin ? emin : top) - f->frac_bits;
    bool inexact;
    u128 q = round_shift(sig, ulp_exp - exp, sign, rm, &inexact);

    /* Rounding 1.11...1 up gives 10.00...0: one bit too many, shift it
     * out (exactly, it is zero) and move to the next binade. */
    if (q >> (f->frac_bits + 1)) {
        q >>= 1;
        ulp_exp++;
    }

    uint64_t field, frac;
    if (q >> f->frac_bits) { /* hidden bit set: a normal number */
        int biased = ulp_exp + f->frac_bits + bias;
        if (biased >= fmt_field_max(f)) {
            *flags |= SF_OF | SF_NX;
            return overflow_result(f, sign, rm);
        }
        field = (uint64_t)biased;
        frac = (uint64_t)q & fmt_frac_mask(f);
    } else { /* subnormal or zero */
        field = 0;
        frac = (uint64_t)q;
    }

    if (inexact) {
        *flags |= SF_NX;
        if (is_tiny(f, sign, exp, sig, top, rm)) *flags |= SF_UF;
    }
    return pack(f, sign, field, frac);
}

/* ---- arithmetic ---------------------------------------------------------- */

/* a + b for zero or finite operands (used by add, sub and muladd, whose
 * product may be up to 106 bits wide). */
static uint64_t add_finite(const struct fp_format *f, struct fp a, struct fp b, int rm, uint32_t *flags)
{
    /* An exact zero sum is +0, or -0 when rounding down; but 0 + 0 of the
     * same sign keeps it (IEEE 754-2008 6.3). */
    if (a.sig == 0 && b.sig == 0) return pack_zero(f, a.sign == b.sign ? a.sign : rm == SF_RDN);
    if (a.sig == 0) return round_pack(f, b.sign, b.exp, b.sig, rm, flags);
    if (b.sig == 0) return round_pack(f, a.sign, a.exp, a.sig, rm, flags);

    normalize(&a);
    normalize(&b);
    if (b.exp > a.exp || (b.exp == a.exp && b.sig > a.sig)) { /* make |a| >= |b| */
        struct fp t = a;
        a = b;
        b = t;
    }
    /* Aligning b may lose bits only if it is at least two places below a;
     * then the difference keeps at least NORM_BITS - 2 bits, far more than
     * round_pack needs around the sticky bit. */
    b.sig = shift_right_jam(b.sig, a.exp - b.exp);
    u128 sig = a.sign == b.sign ? a.sig + b.sig : a.sig - b.sig;
    if (sig == 0) return pack_zero(f, rm == SF_RDN);
    return round_pack(f, a.sign, a.exp, sig, rm, flags);
}

static uint64_t fp_add(const struct fp_format *f, uint64_t abits, uint64_t bbits, bool subtract, int rm,
                       uint32_t *flags)
{
    struct fp a = unpack(f, abits), b = unpack(f, bbits);
    if (is_nan(&a) || is_nan(&b)) return nan_result(f, &a, &b, flags);
    b.sign ^= subtract;
    if (a.kind == FP_INF && b.kind == FP_INF && a.sign != b.sign) return invalid_result(f, flags);
    if (a.kind == FP_INF) return pack_inf(f, a.sign);
    if (b.kind == FP_INF) return pack_inf(f, b.sign);
    return add_finite(f, a, b, rm, flags);
}

static uint64_t fp_mul(const struct fp_format *f, uint64_t abits, uint64_t bbits, int rm, uint32_t *flags)
{
    struct fp a = unpack(f, abits), b = unpack(f, bbits);
    bool sign = a.sign != b.sign;
    if (is_nan(&a) || is_nan(&b)) return nan_result(f, &a, &b, flags);
    if (a.kind == FP_INF || b.kind == FP_INF) {
        if (a.kind == FP_ZERO || b.kind == FP_ZERO) return invalid_result(f, flags);
        return pack_inf(f, sign);
    }
    if (a.kind == FP_ZERO || b.kind == FP_ZERO) return pack_zero(f, sign);
    return round_pack(f, sign, a.exp + b.exp, a.sig * b.sig, rm, flags); /* exact product */
}

static uint64_t fp_div(const struct fp_format *f, uint64_t abits, uint64_t bbits, int rm, uint32_t *flags)
{
    struct fp a = unpack(f, abits), b = unpack(f, bbits);
    bool sign = a.sign != b.sign;
    if (is_nan(&a) || is_nan(&b)) return nan_result(f, &a, &b, flags);
    if (a.kind == FP_INF) return b.kind == FP_INF ? invalid_result(f, flags) : pack_inf(f, sign);
    if (b.kind == FP_INF) return pack_zero(f, sign);
    if (b.kind == FP_ZERO) {
        if (a.kind == FP_ZERO) return invalid_result(f, flags);
        *flags |= SF_DZ; /* finite nonzero / 0 */
        return pack_inf(f, sign);
    }
    if (a.kind == FP_ZERO) return pack_zero(f, sign);

    /* Widen the dividend so the integer quotient has at least
     * NORM_BITS - 53 = 73 bits, then fold the remainder into a sticky bit. */
    normalize(&a);
    u128 q = a.sig / b.sig;
    q |= (a.sig % b.sig) != 0;
    return round_pack(f, sign, a.exp - b.exp, q, rm, flags);
}

/* floor(sqrt(n)) by the binary digit-by-digit method (one result bit per
 * step, like long division); *rem gets n - root^2. */
static u128 isqrt(u128 n, u128 *rem)
{
    u128 root = 0, bit = (u128)1 << 126; /* the largest power of four */
    while (bit > n) bit >>= 2;
    while (bit) {
        if (n >= root + bit) {
            n -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    *rem = n;
    return root;
}

static uint64_t fp_sqrt(const struct fp_format *f, uint64_t abits, int rm, uint32_t *flags)
{
    struct fp a = unpack(f, abits);
    if (is_nan(&a)) return nan_result(f, &a, &a, flags);
    if (a.kind == FP_ZERO) return abits; /* sqrt(-0) = -0 */
    if (a.sign) return invalid_result(f, flags);
    if (a.kind == FP_INF) return abits;

    /* sqrt(sig * 2^exp) = sqrt(sig) * 2^(exp/2) needs an even exponent;
     * take a 125- or 126-bit radicand so the root has 63 bits. */
    normalize(&a);
    if (a.exp % 2 != 0) {
        a.sig >>= 1; /* exact: normalize() shifted in at least 73 zeros */
        a.exp += 1;
    }
    u128 rem;
    u128 root = isqrt(a.sig, &rem);
    root |= rem != 0;
    return round_pack(f, false, a.exp / 2, root, rm, flags);
}

static uint64_t fp_muladd(const struct fp_format *f, uint64_t abits, uint64_t bbits, uint64_t cbits, int rm,
                          uint32_t *flags)
{
    struct fp a = unpack(f, abits), b = unpack(f, bbits), c = unpack(f, cbits);
    bool zero_times_inf = (a.kind == FP_INF && b.kind == FP_ZERO) || (a.kind == FP_ZERO && b.kind == FP_INF);
    bool psign = a.sign != b.sign;

    if (is_nan(&a) || is_nan(&b) || is_nan(&c) || zero_times_inf) {
        raise_if_snan(&a, flags);
        raise_if_snan(&b, flags);
        raise_if_snan(&c, flags);
        if (zero_times_inf) *flags |= SF_NV; /* even when c is a quiet NaN */
        return canonical_nan(f);
    }
    if (a.kind == FP_INF || b.kind == FP_INF) {
        if (c.kind == FP_INF && c.sign != psign) return invalid_result(f, flags);
        return pack_inf(f, psign);
    }
    if (c.kind == FP_INF) return pack_inf(f, c.sign);

    /* The exact product (zero if either factor is), then one rounding. */
    struct fp p = {.kind = FP_FINITE, .sign = psign, .exp = a.exp + b.exp, .sig = a.sig * b.sig};
    return add_finite(f, p, c, rm, flags);
}

/* ---- min, max, comparisons, classification ------------------------------- */

/* a < b for non-NaN bit patterns, with -0 < +0.  Magnitudes of IEEE values
 * order the same way as their bit patterns without the sign. */
static bool ordered_less(const struct fp_format *f, uint64_t a, uint64_t b)
{
    uint64_t s = fmt_sign_bit(f);
    bool sa = (a & s) != 0, sb = (b & s) != 0;
    if (sa != sb) return sa;
    return sa ? (a & ~s) > (b & ~s) : (a & ~s) < (b & ~s);
}

static bool both_zero(const struct fp_format *f, uint64_t a, uint64_t b)
{
    return ((a | b) & ~fmt_sign_bit(f)) == 0;
}

static uint64_t fp_minmax(const struct fp_format *f, uint64_t abits, uint64_t bbits, bool want_max,
                          uint32_t *flags)
{
    struct fp a = unpack(f, abits), b = unpack(f, bbits);
    raise_if_snan(&a, flags);
    raise_if_snan(&b, flags);
    if (is_nan(&a) && is_nan(&b)) return canonical_nan(f);
    if (is_nan(&a)) return bbits;
    if (is_nan(&b)) return abits;
    bool a_less = ordered_less(f, abits, bbits);
    return a_less != want_max ? abits : bbits;
}

/* IEEE 754-2019 minimum/maximum (Zfa): any NaN operand gives the NaN. */
static uint64_t fp_minmax_nan(const struct fp_format *f, uint64_t abits, uint64_t bbits, bool want_max,
                              uint32_t *flags)
{
    struct fp a = unpack(f, abits), b = unpack(f, bbits);
    if (is_nan(&a) || is_nan(&b)) return nan_result(f, &a, &b, flags);
    return fp_minmax(f, abits, bbits, want_max, flags);
}

/* Quiet comparison: only a signalling NaN raises NV. */
static int fp_eq(const struct fp_format *f, uint64_t abits, uint64_t bbits, uint32_t *flags)
{
    struct fp a = unpack(f, abits), b = unpack(f, bbits);
    if (is_nan(&a) || is_nan(&b)) {
        raise_if_snan(&a, flags);
        raise_if_snan(&b, flags);
        return 0;
    }
    return abits == bbits || both_zero(f, abits, bbits);
}

/* Signalling comparisons: any NaN raises NV. */
static int fp_lt(const struct fp_format *f, uint64_t abits, uint64_t bbits, uint32_t *flags)
{
    struct fp a = unpack(f, abits), b = unpack(f, bbits);
    if (is_nan(&a) || is_nan(&b)) {
        *flags |= SF_NV;
        return 0;
    }
    return !both_zero(f, abits, bbits) && ordered_less(f, abits, bbits);
}

static int fp_le(const struct fp_format *f, uint64_t abits, uint64_t bbits, uint32_t *flags)
{
    struct fp a = unpack(f, abits), b = unpack(f, bbits);
    if (is_nan(&a) || is_nan(&b)) {
        *flags |= SF_NV;
        return 0;
    }
    return abits == bbits || both_zero(f, abits, bbits) || ordered_less(f, abits, bbits);
}

/* flt/fle without NV for quiet NaNs (Zfa's fltq/fleq). */
static int fp_cmp_quiet(const struct fp_format *f, uint64_t abits, uint64_t bbits, bool or_equal, uint32_t *flags)
{
    struct fp a = unpack(f, abits), b = unpack(f, bbits);
    if (is_nan(&a) || is_nan(&b)) {
        raise_if_snan(&a, flags);
        raise_if_snan(&b, flags);
        return 0;
    }
    uint32_t unused = 0;
    return or_equal ? fp_le(f, abits, bbits, &unused) : fp_lt(f, abits, bbits, &unused);
}

static uint32_t fp_classify(const struct fp_format *f, uint64_t abits)
{
    struct fp a = unpack(f, abits);
    int bit;
    switch (a.kind) {
    case FP_INF: bit = a.sign ? 0 : 7; break;
    case FP_ZERO: bit = a.sign ? 3 : 4; break;
    case FP_SNAN: bit = 8; break;
    case FP_QNAN: bit = 9; break;
    default:
        if (a.subnormal)
            bit = a.sign ? 2 : 5;
        else
            bit = a.sign ? 1 : 6;
        break;
    }
    return 1u << bit;
}

/* ---- conversions --------------------------------------------------------- */

/* Round to an integer and saturate.  Results in the range
 * [-neg_limit, pos_limit] are returned as a magnitude and *negative; out
 * of range (and NaN, which counts as +large) gives the limit with NV only. */
static uint64_t to_int(const struct fp_format *f, uint64_t bits, uint64_t pos_limit, uint64_t neg_limit, int rm,
                       uint32_t *flags, bool *negative)
{
    struct fp x = unpack(f, bits);
    bool inexact = false;
    u128 mag;

    *negative = false;
    if (is_nan(&x)) {
        *flags |= SF_NV;
        return pos_limit;
    }
    if (x.kind == FP_ZERO) return 0;
    if (x.kind == FP_INF || x.exp > 64)
        mag = (u128)1 << 65; /* beyond any 64-bit limit */
    else
        mag = round_shift(x.sig, -x.exp, x.sign, rm, &inexact);

    uint64_t limit = x.sign ? neg_limit : pos_limit;
    if (mag > limit) {
        *flags |= SF_NV;
        *negative = x.sign;
        return limit;
    }
    if (inexact) *flags |= SF_NX;
    *negative = x.sign;
    return (uint64_t)mag;
}

/* -mag as int64_t without overflowing on mag == 2^63. */
static int64_t apply_sign(uint64_t mag, bool negative)
{
    if (!negative || mag == 0) return (int64_t)mag;
    return -(int64_t)(mag - 1) - 1;
}

static int64_t to_signed(const struct fp_format *f, uint64_t bits, int width, int rm, uint32_t *flags)
{
    uint64_t max = (1ull << (width - 1)) - 1;
    bool negative;
    uint64_t mag = to_int(f, bits, max, max + 1, rm, flags, &negative);
    return apply_sign(mag, negative);
}

static uint64_t to_unsigned(const struct fp_format *f, uint64_t bits, int width, int rm, uint32_t *flags)
{
    uint64_t max = width == 64 ? UINT64_MAX : (1ull << width) - 1;
    bool negative; /* only ever with a zero magnitude */
    return to_int(f, bits, max, 0, rm, flags, &negative);
}

static uint64_t from_int(const struct fp_format *f, bool negative, uint64_t mag, int rm, uint32_t *flags)
{
    if (mag == 0) return pack_zero(f, false);
    return round_pack(f, negative, 0, mag, rm, flags);
}

static uint64_t from_signed(const struct fp_format *f, int64_t v, int rm, uint32_t *flags)
{
    uint64_t mag = v < 0 ? 0 - (uint64_t)v : (uint64_t)v; /* also right for INT64_MIN */
    return from_int(f, v < 0, mag, rm, flags);
}

static uint64_t convert(const struct fp_format *to, const struct fp_format *from, uint64_t bits, int rm,
                        uint32_t *flags)
{
    struct fp x = unpack(from, bits);
    if (is_nan(&x)) return nan_result(to, &x, &x, flags);
    if (x.kind == FP_INF) return pack_inf(to, x.sign);
    if (x.kind == FP_ZERO) return pack_zero(to, x.sign);
    return round_pack(to, x.sign, x.exp, x.sig, rm, flags);
}

/* roundToIntegral in mode rm.  A finite value sig * 2^exp with exp >= 0 is
 * already an integer; otherwise round_shift drops the fraction bits and
 * tells whether any were set. */
static uint64_t round_int(const struct fp_format *f, uint64_t bits, int rm, bool exact, uint32_t *flags)
{
    struct fp x = unpack(f, bits);
    if (is_nan(&x)) return nan_result(f, &x, &x, flags);
    if (x.kind != FP_FINITE || x.exp >= 0) return bits; /* zero, infinity, or no fraction bits */
    bool inexact;
    u128 q = round_shift(x.sig, -x.exp, x.sign, rm, &inexact);
    if (inexact && exact) *flags |= SF_NX;
    if (q == 0) return pack_zero(f, x.sign); /* the sign survives: -0.25 rounds to -0 */
    uint32_t unused = 0; /* q has at most frac_bits + 1 bits: packing it is exact */
    return round_pack(f, x.sign, 0, q, rm, &unused);
}

/* fcvtmod.w.d: the low 32 bits of the truncated value, with fcvt.w.d's flags. */
static int32_t to_i32_mod(uint64_t bits, uint32_t *flags)
{
    (void)to_signed(&F64, bits, 32, SF_RTZ, flags); /* the flags are the same by definition */
    struct fp x = unpack(&F64, bits);
    if (x.kind != FP_FINITE) return 0; /* zero, infinities and NaNs */
    u128 mag;
    if (x.exp <= -64 || x.exp >= 64) mag = 0; /* a fraction below 1, or no bits left in the low 64 */
    else if (x.exp < 0) mag = x.sig >> -x.exp;
    else mag = x.sig << x.exp; /* at most 53 + 63 bits */
    uint32_t low = (uint32_t)mag;
    return (int32_t)(x.sign ? 0u - low : low);
}

/* ---- public interface ---------------------------------------------------- */

uint32_t f32_add(uint32_t a, uint32_t b, int rm, uint32_t *flags)
{
    return (uint32_t)fp_add(&F32, a, b, false, rm, flags);
}
uint32_t f32_sub(uint32_t a, uint32_t b, int rm, uint32_t *flags)
{
    return (uint32_t)fp_add(&F32, a, b, true, rm, flags);
}
uint32_t f32_mul(uint32_t a, uint32_t b, int rm, uint32_t *flags)
{
    return (uint32_t)fp_mul(&F32, a, b, rm, flags);
}
uint32_t f32_div(uint32_t a, uint32_t b, int rm, uint32_t *flags)
{
    return (uint32_t)fp_div(&F32, a, b, rm, flags);
}
uint32_t f32_sqrt(uint32_t a, int rm, uint32_t *flags) { return (uint32_t)fp_sqrt(&F32, a, rm, flags); }
uint32_t f32_muladd(uint32_t a, uint32_t b, uint32_t c, int rm, uint32_t *flags)
{
    return (uint32_t)fp_muladd(&F32, a, b, c, rm, flags);
}

uint64_t f64_add(uint64_t a, uint64_t b, int rm, uint32_t *flags) { return fp_add(&F64, a, b, false, rm, flags); }
uint64_t f64_sub(uint64_t a, uint64_t b, int rm, uint32_t *flags) { return fp_add(&F64, a, b, true, rm, flags); }
uint64_t f64_mul(uint64_t a, uint64_t b, int rm, uint32_t *flags) { return fp_mul(&F64, a, b, rm, flags); }
uint64_t f64_div(uint64_t a, uint64_t b, int rm, uint32_t *flags) { return fp_div(&F64, a, b, rm, flags); }
uint64_t f64_sqrt(uint64_t a, int rm, uint32_t *flags) { return fp_sqrt(&F64, a, rm, flags); }
uint64_t f64_muladd(uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *flags)
{
    return fp_muladd(&F64, a, b, c, rm, flags);
}

uint32_t f32_min(uint32_t a, uint32_t b, uint32_t *flags) { return (uint32_t)fp_minmax(&F32, a, b, false, flags); }
uint32_t f32_max(uint32_t a, uint32_t b, uint32_t *flags) { return (uint32_t)fp_minmax(&F32, a, b, true, flags); }
uint64_t f64_min(uint64_t a, uint64_t b, uint32_t *flags) { return fp_minmax(&F64, a, b, false, flags); }
uint64_t f64_max(uint64_t a, uint64_t b, uint32_t *flags) { return fp_minmax(&F64, a, b, true, flags); }

int f32_eq(uint32_t a, uint32_t b, uint32_t *flags) { return fp_eq(&F32, a, b, flags); }
int f32_lt(uint32_t a, uint32_t b, uint32_t *flags) { return fp_lt(&F32, a, b, flags); }
int f32_le(uint32_t a, uint32_t b, uint32_t *flags) { return fp_le(&F32, a, b, flags); }
int f64_eq(uint64_t a, uint64_t b, uint32_t *flags) { return fp_eq(&F64, a, b, flags); }
int f64_lt(uint64_t a, uint64_t b, uint32_t *flags) { return fp_lt(&F64, a, b, flags); }
int f64_le(uint64_t a, uint64_t b, uint32_t *flags) { return fp_le(&F64, a, b, flags); }

uint32_t f32_classify(uint32_t a) { return fp_classify(&F32, a); }
uint32_t f64_classify(uint64_t a) { return fp_classify(&F64, a); }

int32_t f32_to_i32(uint32_t a, int rm, uint32_t *flags) { return (int32_t)to_signed(&F32, a, 32, rm, flags); }
uint32_t f32_to_u32(uint32_t a, int rm, uint32_t *flags) { return (uint32_t)to_unsigned(&F32, a, 32, rm, flags); }
int64_t f32_to_i64(uint32_t a, int rm, uint32_t *flags) { return to_signed(&F32, a, 64, rm, flags); }
uint64_t f32_to_u64(uint32_t a, int rm, uint32_t *flags) { return to_unsigned(&F32, a, 64, rm, flags); }
int32_t f64_to_i32(uint64_t a, int rm, uint32_t *flags) { return (int32_t)to_signed(&F64, a, 32, rm, flags); }
uint32_t f64_to_u32(uint64_t a, int rm, uint32_t *flags) { return (uint32_t)to_unsigned(&F64, a, 32, rm, flags); }
int64_t f64_to_i64(uint64_t a, int rm, uint32_t *flags) { return to_signed(&F64, a, 64, rm, flags); }
uint64_t f64_to_u64(uint64_t a, int rm, uint32_t *flags) { return to_unsigned(&F64, a, 64, rm, flags); }

uint32_t i32_to_f32(int32_t v, int rm, uint32_t *flags) { return (uint32_t)from_signed(&F32, v, rm, flags); }
uint32_t u32_to_f32(uint32_t v, int rm, uint32_t *flags) { return (uint32_t)from_int(&F32, false, v, rm, flags); }
uint32_t i64_to_f32(int64_t v, int rm, uint32_t *flags) { return (uint32_t)from_signed(&F32, v, rm, flags); }
uint32_t u64_to_f32(uint64_t v, int rm, uint32_t *flags) { return (uint32_t)from_int(&F32, false, v, rm, flags); }
uint64_t i32_to_f64(int32_t v, int rm, uint32_t *flags) { return from_signed(&F64, v, rm, flags); }
uint64_t u32_to_f64(uint32_t v, int rm, uint32_t *flags) { return from_int(&F64, false, v, rm, flags); }
uint64_t i64_to_f64(int64_t v, int rm, uint32_t *flags) { return from_signed(&F64, v, rm, flags); }
uint64_t u64_to_f64(uint64_t v, int rm, uint32_t *flags) { return from_int(&F64, false, v, rm, flags); }

/* Widening is exact, so the rounding mode does not matter. */
uint64_t f32_to_f64(uint32_t a, uint32_t *flags) { return convert(&F64, &F32, a, SF_RNE, flags); }
uint32_t f64_to_f32(uint64_t a, int rm, uint32_t *flags) { return (uint32_t)convert(&F32, &F64, a, rm, flags); }

uint32_t f32_minm(uint32_t a, uint32_t b, uint32_t *flags) { return (uint32_t)fp_minmax_nan(&F32, a, b, false, flags); }
uint32_t f32_maxm(uint32_t a, uint32_t b, uint32_t *flags) { return (uint32_t)fp_minmax_nan(&F32, a, b, true, flags); }
uint64_t f64_minm(uint64_t a, uint64_t b, uint32_t *flags) { return fp_minmax_nan(&F64, a, b, false, flags); }
uint64_t f64_maxm(uint64_t a, uint64_t b, uint32_t *flags) { return fp_minmax_nan(&F64, a, b, true, flags); }
int f32_lt_quiet(uint32_t a, uint32_t b, uint32_t *flags) { return fp_cmp_quiet(&F32, a, b, false, flags); }
int f32_le_quiet(uint32_t a, uint32_t b, uint32_t *flags) { return fp_cmp_quiet(&F32, a, b, true, flags); }
int f64_lt_quiet(uint64_t a, uint64_t b, uint32_t *flags) { return fp_cmp_quiet(&F64, a, b, false, flags); }
int f64_le_quiet(uint64_t a, uint64_t b, uint32_t *flags) { return fp_cmp_quiet(&F64, a, b, true, flags); }
uint32_t f32_round_int(uint32_t a, int rm, int exact, uint32_t *flags)
{
    return (uint32_t)round_int(&F32, a, rm, exact, flags);
}
uint64_t f64_round_int(uint64_t a, int rm, int exact, uint32_t *flags) { return round_int(&F64, a, rm, exact, flags); }
int32_t f64_to_i32_mod(uint64_t a, uint32_t *flags) { return to_i32_mod(a, flags); }
