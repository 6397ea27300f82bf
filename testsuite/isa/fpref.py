#!/usr/bin/env python3
"""fpref.py — an exact reference model of RISC-V F/D arithmetic, written from the
IEEE 754-2008 rules and the RISC-V F/D chapters: exact rational arithmetic
(fractions.Fraction), rounding to the destination format in the five RISC-V
rounding modes, tininess detected after rounding, canonical NaN results,
NV for signalling NaN inputs and invalid operations (including inf*0 + qNaN in
FMA), saturating float->int conversions.  Used to cross-check the expected values
written into the rv64f*/rv64d*/rv64fd* tests; nothing here comes from an emulator.
"""
from fractions import Fraction as Fr
import math, sys

NX, UF, OF, DZ, NV = 1, 2, 4, 8, 16
RNE, RTZ, RDN, RUP, RMM = range(5)
RMNAMES = ['rne', 'rtz', 'rdn', 'rup', 'rmm']


class Fmt:
    def __init__(self, ebits, mbits):
        self.e, self.m = ebits, mbits
        self.bias = (1 << (ebits - 1)) - 1
        self.emin = 1 - self.bias
        self.emax = self.bias
        self.width = 1 + ebits + mbits
        self.qnan = ((1 << ebits) - 1) << mbits | 1 << (mbits - 1)
        self.inf = ((1 << ebits) - 1) << mbits
        self.maxfin = ((1 << ebits) - 2) << mbits | ((1 << mbits) - 1)
        self.sign = 1 << (ebits + mbits)


S = Fmt(8, 23)
D = Fmt(11, 52)


def decode(f, bits):
    """-> ('nan', is_snan) | ('inf', sign) | ('num', sign, Fraction magnitude)"""
    s = (bits >> (f.e + f.m)) & 1
    e = (bits >> f.m) & ((1 << f.e) - 1)
    m = bits & ((1 << f.m) - 1)
    if e == (1 << f.e) - 1:
        if m == 0:
            return ('inf', s)
        return ('nan', not (m >> (f.m - 1)) & 1)
    if e == 0:
        v = Fr(m, 1) * Fr(2) ** (f.emin - f.m)
    else:
        v = Fr((1 << f.m) | m) * Fr(2) ** (e - f.bias - f.m)
    return ('num', s, v)


def ilog2(x):
    """floor(log2(x)) for a positive Fraction"""
    e = x.numerator.bit_length() - x.denominator.bit_length()
    while Fr(2) ** e > x:
        e -= 1
    while Fr(2) ** (e + 1) <= x:
        e += 1
    return e


def round_int(q, sign, rm):
    """round the nonnegative Fraction q to an integer (magnitude), sign given"""
    n = q.numerator // q.denominator
    r = q - n
    if r == 0:
        return n
    if rm == RNE:
        if r > Fr(1, 2) or (r == Fr(1, 2) and n & 1):
            n += 1
    elif rm == RMM:
        if r >= Fr(1, 2):
            n += 1
    elif rm == RTZ:
        pass
    elif rm == RDN:
        if sign:
            n += 1
    elif rm == RUP:
        if not sign:
            n += 1
    return n


def encode_mag(f, sign, x, rm):
    """round magnitude x (Fraction > 0) to format f -> (bits, flags)"""
    flags = 0
    e = ilog2(x)
    # tininess after rounding: round with unbounded exponent range
    qu = Fr(2) ** (e - f.m)
    nu = round_int(x / qu, sign, rm)
    ru = nu * qu
    tiny = ru < Fr(2) ** f.emin
    q = Fr(2) ** (max(e, f.emin) - f.m)
    n = round_int(x / q, sign, rm)
    r = n * q
    if r != x:
        flags |= NX
    if r == 0:
        return (f.sign if sign else 0), flags | (UF if flags & NX else 0)
    if tiny and flags & NX:
        flags |= UF
    er = ilog2(r)
    if er > f.emax:
        flags |= OF | NX
        toinf = rm in (RNE, RMM) or (rm == RUP and not sign) or (rm == RDN and sign)
        b = f.inf if toinf else f.maxfin
        return b | (f.sign if sign else 0), flags
    if r < Fr(2) ** f.emin:
        bits = int(r / Fr(2) ** (f.emin - f.m))
    else:
        bits = ((er + f.bias) << f.m) | (int(r / Fr(2) ** (er - f.m)) - (1 << f.m))
    return bits | (f.sign if sign else 0), flags


def encode_exact(f, sign, x, rm, zero_sign=None):
    if x == 0:
        return (f.sign if zero_sign else 0), 0
    return encode_mag(f, sign, x, rm)


def val(t):
    return (-t[2] if t[1] else t[2])


def nan_check(f, ops, extra_nv=False):
    ds = [decode(f, o) for o in ops]
    nv = any(d[0] == 'nan' and d[1] for d in ds)
    if any(d[0] == 'nan' for d in ds):
        return ds, (f.qnan, NV if (nv or extra_nv) else 0)
    return ds, None


def from_value(f, v, rm, zero_sign_if_exact_zero):
    if v == 0:
        return (f.sign if zero_sign_if_exact_zero else 0), 0
    return encode_mag(f, v < 0, abs(v), rm)


def add(f, a, b, rm, negb=False):
    ds, r = nan_check(f, [a, b])
    if r:
        return r
    da, db = ds
    if negb:
        db = (db[0], 1 - db[1]) + db[2:]
    if da[0] == 'inf' and db[0] == 'inf':
        if da[1] != db[1]:
            return f.qnan, NV
        return f.inf | (f.sign if da[1] else 0), 0
    if da[0] == 'inf':
        return f.inf | (f.sign if da[1] else 0), 0
    if db[0] == 'inf':
        return f.inf | (f.sign if db[1] else 0), 0
    v = val(da) + val(db)
    if v == 0:
        if da[2] == 0 and db[2] == 0 and da[1] == db[1]:
            zs = da[1]
        else:
            zs = (rm == RDN)
        return (f.sign if zs else 0), 0
    return encode_mag(f, v < 0, abs(v), rm)


def mul(f, a, b, rm):
    ds, r = nan_check(f, [a, b])
    if r:
        return r
    da, db = ds
    s = da[1] ^ db[1]
    if da[0] == 'inf' or db[0] == 'inf':
        if (da[0] == 'num' and da[2] == 0) or (db[0] == 'num' and db[2] == 0):
            return f.qnan, NV
        return f.inf | (f.sign if s else 0), 0
    v = da[2] * db[2]
    if v == 0:
        return (f.sign if s else 0), 0
    return encode_mag(f, s, v, rm)


def div(f, a, b, rm):
    ds, r = nan_check(f, [a, b])
    if r:
        return r
    da, db = ds
    s = da[1] ^ db[1]
    if da[0] == 'inf':
        if db[0] == 'inf':
            return f.qnan, NV
        return f.inf | (f.sign if s else 0), 0
    if db[0] == 'inf':
        return (f.sign if s else 0), 0
    if db[2] == 0:
        if da[2] == 0:
            return f.qnan, NV
        return f.inf | (f.sign if s else 0), DZ
    v = da[2] / db[2]
    if v == 0:
        return (f.sign if s else 0), 0
    return encode_mag(f, s, v, rm)


def sqrt(f, a, rm):
    ds, r = nan_check(f, [a])
    if r:
        return r
    (da,) = ds
    if da[0] == 'inf':
        return (f.qnan, NV) if da[1] else (f.inf, 0)
    if da[2] == 0:
        return (f.sign if da[1] else 0), 0
    if da[1]:
        return f.qnan, NV
    x = da[2]
    # exact sqrt to enough bits: scale by 4^k so the integer sqrt has >= m+3 bits
    k = max(0, (2 * (f.m + 8) - ilog2(x)) // 2 + 1)
    num = x * Fr(4) ** k
    n = num.numerator // num.denominator
    s = math.isqrt(n)
    exact = (s * s == n) and (num.denominator == 1)
    # represent sqrt as s/2^k with sticky: if not exact add a tiny bit (below all rounding points)
    v = Fr(s, 2 ** k)
    if not exact:
        v += Fr(1, 2 ** (k + 1))
    return encode_mag(f, False, v, rm)


def fma(f, a, b, c, rm, negprod=False, negc=False):
    da, db, dc = decode(f, a), decode(f, b), decode(f, c)
    inf_zero = ((da[0] == 'inf' and db[0] == 'num' and db[2] == 0) or
                (db[0] == 'inf' and da[0] == 'num' and da[2] == 0))
    ds, r = nan_check(f, [a, b, c], extra_nv=inf_zero)
    if r:
        return r
    if inf_zero:
        return f.qnan, NV
    ps = da[1] ^ db[1] ^ (1 if negprod else 0)
    cs = dc[1] ^ (1 if negc else 0)
    if da[0] == 'inf' or db[0] == 'inf':
        if dc[0] == 'inf' and cs != ps:
            return f.qnan, NV
        return f.inf | (f.sign if ps else 0), 0
    if dc[0] == 'inf':
        return f.inf | (f.sign if cs else 0), 0
    p = da[2] * db[2]
    v = (-p if ps else p) + (-dc[2] if cs else dc[2])
    if v == 0:
        if p == 0 and dc[2] == 0 and ps == cs:
            zs = ps
        else:
            zs = (rm == RDN)
        return (f.sign if zs else 0), 0
    return encode_mag(f, v < 0, abs(v), rm)


def f2i(f, a, rm, bits, signed):
    d = decode(f, a)
    lo = -(1 << (bits - 1)) if signed else 0
    hi = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
    if d[0] == 'nan':
        r = hi
        fl = NV
    elif d[0] == 'inf':
        r = lo if d[1] else hi
        fl = NV
    else:
        n = round_int(d[2], d[1], rm)
        v = -n if d[1] else n
        if v < lo:
            r, fl = lo, NV
        elif v > hi:
            r, fl = hi, NV
        else:
            r, fl = v, (NX if n != d[2] else 0)
    # result register: sign-extend the 32-bit value for W forms
    r &= (1 << bits) - 1
    if bits == 32 and r >> 31:
        r |= 0xffffffff00000000
    return r, fl


def i2f(f, x, rm, bits, signed):
    x &= (1 << bits) - 1
    if signed and x >> (bits - 1):
        x -= 1 << bits
    if x == 0:
        return 0, 0
    return encode_mag(f, x < 0, Fr(abs(x)), rm)


def cvt_f2f(fs, fd, a, rm):
    d = decode(fs, a)
    if d[0] == 'nan':
        return fd.qnan, NV if d[1] else 0
    if d[0] == 'inf':
        return fd.inf | (fd.sign if d[1] else 0), 0
    if d[2] == 0:
        return (fd.sign if d[1] else 0), 0
    return encode_mag(fd, d[1], d[2], rm)


def show(f, b):
    d = decode(f, b)
    if d[0] == 'nan':
        return 'sNaN' if d[1] else 'qNaN'
    if d[0] == 'inf':
        return '-inf' if d[1] else '+inf'
    v = float(d[2]) if f is D else float(d[2])
    return ('-' if d[1] else '') + repr(v)


if __name__ == '__main__':
    # quick self-check
    one = 0x3f800000
    for rm in range(5):
        print(RMNAMES[rm], [hex(x) for x in add(S, one, 0x33800000, rm)])


# ---- the non-rounding operations, for completeness of the model -----------------

def is_snan(f, b):
    d = decode(f, b)
    return d[0] == 'nan' and d[1]


def fminmax(f, a, b, is_max):
    da, db = decode(f, a), decode(f, b)
    flags = NV if (is_snan(f, a) or is_snan(f, b)) else 0
    if da[0] == 'nan' and db[0] == 'nan':
        return f.qnan, flags
    if da[0] == 'nan':
        return b, flags
    if db[0] == 'nan':
        return a, flags
    def key(d, bits):
        if d[0] == 'inf':
            v = Fr(10) ** 400
        else:
            v = d[2]
        v = -v if d[1] else v
        # -0 < +0 for fmin/fmax
        return (v, 1 if not d[1] else 0)
    ka, kb = key(da, a), key(db, b)
    if is_max:
        return (a if ka >= kb else b), flags
    return (a if ka <= kb else b), flags


def fcmp(f, a, b, op):
    da, db = decode(f, a), decode(f, b)
    anynan = da[0] == 'nan' or db[0] == 'nan'
    if op == 'eq':
        flags = NV if (is_snan(f, a) or is_snan(f, b)) else 0
    else:
        flags = NV if anynan else 0
    if anynan:
        return 0, flags
    def v(d):
        x = Fr(10) ** 400 if d[0] == 'inf' else d[2]
        return -x if d[1] else x
    x, y = v(da), v(db)
    return int({'eq': x == y, 'lt': x < y, 'le': x <= y}[op]), flags


def fclass(f, a):
    d = decode(f, a)
    if d[0] == 'nan':
        return (1 << 8) if d[1] else (1 << 9), 0
    if d[0] == 'inf':
        return (1 << 0) if d[1] else (1 << 7), 0
    e = (a >> f.m) & ((1 << f.e) - 1)
    if d[2] == 0:
        return (1 << 3) if d[1] else (1 << 4), 0
    if e == 0:
        return (1 << 2) if d[1] else (1 << 5), 0
    return (1 << 1) if d[1] else (1 << 6), 0


def fsgnj(f, a, b, kind):
    sa = a & f.sign
    sb = b & f.sign
    s = {'j': sb, 'n': sb ^ f.sign, 'x': sa ^ sb}[kind]
    return (a & ~f.sign) | s, 0
