/*
 * translator/lower_bitmanip.c — Zba, Zbb, Zbs, Zicond and the HINTs to x86-64.
 *
 * Most bit-manipulation instructions have a close x86 relative:
 *   sh1add/sh2add/sh3add (and .uw)  lea rax, [rs2 + rs1*2/4/8]
 *   add.uw, slli.uw                 a 32-bit mov zero-extends rs1 first
 *   andn / orn / xnor               not + and / or, xor + not
 *   min/max/minu/maxu, czero.*      cmp or test, then cmov (no branch)
 *   sext.b/sext.h/zext.h            movsx / movzx
 *   rev8                            bswap
 *   rol/ror/rori (and W forms)      rol/ror, which mask the count as RISC-V does
 *   clz/ctz/cpop (and W forms)      lzcnt/tzcnt/popcnt, only if the host has them
 *   bseti/bclri/binvi/bexti         or/and/xor with an immediate, shr + and
 * (bit index below 31: x86 sign-extends a 32-bit immediate; with
 * opt.inline_bits a 64-bit constant for bits 31 and up)
 *   bset/bclr/binv/bext (registers) 1 shl cl as the mask (x86 masks the count
 *                                   to six bits, as RISC-V takes rs2[5:0]);
 *                                   bext: shr cl, and 1 (opt.inline_bits)
 *   orc.b                           a carry-free byte test (opt.inline_bits)
 * What is left (clmul*) goes to the interpreter (lower_via_interpreter),
 * which is always right.
 */
#include "translator/lower.h"

/* rax = guest register r (all reads of an instruction come first). */
static void to_reg(struct lower_ctx *c, enum x86_reg dst, enum x86_reg src)
{
    if (dst != src) x86_mov_r64_r64(&c->buf, dst, src);
}

/* rd = rs2 + (rs1 or its zero-extended low word) << shift, as one lea. */
static void lower_shadd(struct lower_ctx *c, const struct rv_insn *in, int scale, bool uw)
{
    enum x86_reg a = rc_read(c, in->rs1, HR_T0);
    enum x86_reg b = rc_read(c, in->rs2, HR_T1);
    if (uw) {
        x86_mov_r32_r32(&c->buf, HR_T0, a); /* zero-extends */
        a = HR_T0;
    }
    x86_lea_r64_m(&c->buf, HR_T0, x86_mem_base_index(b, a, scale, 0));
    rc_write(c, in->rd, HR_T0);
}

/* andn / orn: rs1 AND/OR (NOT rs2) */
static void lower_not2(struct lower_ctx *c, const struct rv_insn *in, bool (*op)(struct x86_buf *, enum x86_reg, enum x86_reg))
{
    enum x86_reg a = rc_read(c, in->rs1, HR_T0);
    enum x86_reg b = rc_read(c, in->rs2, HR_T1);
    to_reg(c, HR_T0, a);
    to_reg(c, HR_T1, b);
    x86_not_r64(&c->buf, HR_T1);
    op(&c->buf, HR_T0, HR_T1);
    rc_write(c, in->rd, HR_T0);
}

/* min/max: rax = rs1; cmp rs1, rs2; when rs2 wins (cc), rax = rs2. */
static void lower_minmax(struct lower_ctx *c, const struct rv_insn *in, enum x86_cond take_rs2)
{
    enum x86_reg a = rc_read(c, in->rs1, HR_T0);
    enum x86_reg b = rc_read(c, in->rs2, HR_T1);
    to_reg(c, HR_T0, a);
    x86_cmp_r64_r64(&c->buf, HR_T0, b);
    x86_cmovcc_r64_r64(&c->buf, take_rs2, HR_T0, b);
    rc_write(c, in->rd, HR_T0);
}

/* czero.eqz / czero.nez: rax = rs1; rdx = 0; test rs2; cmov to zero. */
static void lower_czero(struct lower_ctx *c, const struct rv_insn *in, enum x86_cond zero_when)
{
    enum x86_reg a = rc_read(c, in->rs1, HR_T0);
    enum x86_reg b = rc_read(c, in->rs2, HR_T1);
    to_reg(c, HR_T0, a);
    x86_xor_r32_r32(&c->buf, HR_T2, HR_T2); /* before the test: xor changes the flags */
    x86_test_r64_r64(&c->buf, b, b);
    x86_cmovcc_r64_r64(&c->buf, zero_when, HR_T0, HR_T2);
    rc_write(c, in->rd, HR_T0);
}

/* One-operand forms: rax = f(rs1) with a register-to-register instruction. */
static void lower_unary(struct lower_ctx *c, const struct rv_insn *in,
                        bool (*op)(struct x86_buf *, enum x86_reg, enum x86_reg))
{
    enum x86_reg a = rc_read(c, in->rs1, HR_T0);
    op(&c->buf, HR_T0, a);
    rc_write(c, in->rd, HR_T0);
}

/* Rotates by rs2 (count in cl); W forms sign-extend the 32-bit result. */
static void lower_rotate(struct lower_ctx *c, const struct rv_insn *in, bool (*op)(struct x86_buf *, enum x86_reg),
                         bool word)
{
    enum x86_reg a = rc_read(c, in->rs1, HR_T0);
    enum x86_reg b = rc_read(c, in->rs2, HR_T1);
    to_reg(c, HR_T0, a);
    to_reg(c, HR_T1, b);
    op(&c->buf, HR_T0);
    if (word) x86_movsxd_r64_r32(&c->buf, HR_T0, HR_T0);
    rc_write(c, in->rd, HR_T0);
}

static void lower_rotate_imm(struct lower_ctx *c, const struct rv_insn *in, bool word)
{
    enum x86_reg a = rc_read(c, in->rs1, HR_T0);
    to_reg(c, HR_T0, a);
    if (word) {
        x86_ror_r32_imm8(&c->buf, HR_T0, (uint8_t)in->imm);
        x86_movsxd_r64_r32(&c->buf, HR_T0, HR_T0);
    } else {
        x86_ror_r64_imm8(&c->buf, HR_T0, (uint8_t)in->imm);
    }
    rc_write(c, in->rd, HR_T0);
}

/* rax = rs1 with the bit(s) of the mask in rdx set, cleared or inverted. */
static void lower_bit_op(struct lower_ctx *c, int op)
{
    switch (op) {
    case RV_OP_BSET: case RV_OP_BSETI: x86_or_r64_r64(&c->buf, HR_T0, HR_T2); break;
    case RV_OP_BINV: case RV_OP_BINVI: x86_xor_r64_r64(&c->buf, HR_T0, HR_T2); break;
    default: /* bclr */
        x86_not_r64(&c->buf, HR_T2);
        x86_and_r64_r64(&c->buf, HR_T0, HR_T2);
        break;
    }
}

/* bset/bclr/binv/bext rd, rs1, rs2 (opt.inline_bits): the bit index is
 * rs2[5:0], which is what x86's 64-bit shifts take from cl. */
static bool lower_bit_reg(struct lower_ctx *c, const struct rv_insn *in)
{
    if (!c->tx->opt.inline_bits) return false;
    enum x86_reg a = rc_read(c, in->rs1, HR_T0);
    enum x86_reg n = rc_read(c, in->rs2, HR_T1);
    to_reg(c, HR_T0, a);
    to_reg(c, HR_T1, n);
    if (in->op == RV_OP_BEXT) {
        x86_shr_r64_cl(&c->buf, HR_T0);
        x86_and_r64_imm32(&c->buf, HR_T0, 1);
    } else {
        x86_mov_r32_imm32(&c->buf, HR_T2, 1);
        x86_shl_r64_cl(&c->buf, HR_T2);
        lower_bit_op(c, in->op);
    }
    rc_write(c, in->rd, HR_T0);
    return true;
}

/* orc.b (opt.inline_bits): each byte becomes 0xff if it is nonzero, else 0.
 * t = ((x & 0x7f..7f) + 0x7f..7f | x) & 0x80..80 has bit 7 of each byte set
 * exactly for the nonzero bytes (a byte's low seven bits plus 0x7f cannot
 * carry into the next byte); then (t - (t >> 7)) | t turns 0x80 into 0xff. */
static bool lower_orc_b(struct lower_ctx *c, const struct rv_insn *in)
{
    if (!c->tx->opt.inline_bits) return false;
    struct x86_buf *b = &c->buf;
    enum x86_reg a = rc_read(c, in->rs1, HR_T1);
    to_reg(c, HR_T1, a);
    x86_mov_r64_imm64(b, HR_T2, 0x7f7f7f7f7f7f7f7full);
    x86_mov_r64_r64(b, HR_T0, HR_T1);
    x86_and_r64_r64(b, HR_T0, HR_T2);
    x86_add_r64_r64(b, HR_T0, HR_T2);
    x86_or_r64_r64(b, HR_T0, HR_T1);
    x86_not_r64(b, HR_T2);           /* 0x80..80 */
    x86_and_r64_r64(b, HR_T0, HR_T2); /* t */
    x86_mov_r64_r64(b, HR_T2, HR_T0);
    x86_shr_r64_imm8(b, HR_T2, 7);
    x86_mov_r64_r64(b, HR_T1, HR_T0);
    x86_sub_r64_r64(b, HR_T1, HR_T2);
    x86_or_r64_r64(b, HR_T0, HR_T1);
    rc_write(c, in->rd, HR_T0);
    return true;
}

/* bseti/bclri/binvi with a bit index below 31, where the x86 immediate
 * (sign-extended from 32 bits) is exact. */
static bool lower_bit_imm(struct lower_ctx *c, const struct rv_insn *in)
{
    if (in->imm >= 31 && !c->tx->opt.inline_bits) return false;
    enum x86_reg a = rc_read(c, in->rs1, HR_T0);
    to_reg(c, HR_T0, a);
    if (in->imm >= 31 && in->op != RV_OP_BEXTI) { /* the mask as a 64-bit constant in rdx */
        x86_mov_r64_imm64(&c->buf, HR_T2, 1ull << in->imm);
        lower_bit_op(c, in->op);
        rc_write(c, in->rd, HR_T0);
        return true;
    }
    int32_t bit = in->imm < 31 ? (int32_t)1 << in->imm : 0; /* (bexti above 30 uses only the shift) */
    switch (in->op) {
    case RV_OP_BSETI: x86_or_r64_imm32(&c->buf, HR_T0, bit); break;
    case RV_OP_BCLRI: x86_and_r64_imm32(&c->buf, HR_T0, ~bit); break;
    case RV_OP_BINVI: x86_xor_r64_imm32(&c->buf, HR_T0, bit); break;
    default: /* bexti */
        x86_shr_r64_imm8(&c->buf, HR_T0, (uint8_t)in->imm);
        x86_and_r64_imm32(&c->buf, HR_T0, 1);
        break;
    }
    rc_write(c, in->rd, HR_T0);
    return true;
}

static bool bswap_into(struct x86_buf *b, enum x86_reg d, enum x86_reg s)
{
    return (d == s || x86_mov_r64_r64(b, d, s)) && x86_bswap_r64(b, d);
}

static bool lower_bitcount(struct lower_ctx *c, const struct rv_insn *in)
{
    if (!x86_host_has_bitcount()) return false;
    switch (in->op) {
    case RV_OP_CLZ: lower_unary(c, in, x86_lzcnt_r64_r64); return true;
    case RV_OP_CTZ: lower_unary(c, in, x86_tzcnt_r64_r64); return true;
    case RV_OP_CPOP: lower_unary(c, in, x86_popcnt_r64_r64); return true;
    /* the 32-bit forms count in the low word; a result is at most 32, so
     * the zero-extension of a 32-bit x86 result is right */
    case RV_OP_CLZW: lower_unary(c, in, x86_lzcnt_r32_r32); return true;
    case RV_OP_CTZW: lower_unary(c, in, x86_tzcnt_r32_r32); return true;
    case RV_OP_CPOPW: lower_unary(c, in, x86_popcnt_r32_r32); return true;
    default: return false;
    }
}

bool lower_bitmanip(struct lower_ctx *c, const struct rv_insn *in)
{
    switch (in->op) {
    case RV_OP_SH1ADD: lower_shadd(c, in, 2, false); return true;
    case RV_OP_SH2ADD: lower_shadd(c, in, 4, false); return true;
    case RV_OP_SH3ADD: lower_shadd(c, in, 8, false); return true;
    case RV_OP_ADD_UW: lower_shadd(c, in, 1, true); return true;
    case RV_OP_SH1ADD_UW: lower_shadd(c, in, 2, true); return true;
    case RV_OP_SH2ADD_UW: lower_shadd(c, in, 4, true); return true;
    case RV_OP_SH3ADD_UW: lower_shadd(c, in, 8, true); return true;
    case RV_OP_SLLI_UW: {
        enum x86_reg a = rc_read(c, in->rs1, HR_T0);
        x86_mov_r32_r32(&c->buf, HR_T0, a);
        if (in->imm) x86_shl_r64_imm8(&c->buf, HR_T0, (uint8_t)in->imm);
        rc_write(c, in->rd, HR_T0);
        return true;
    }
    case RV_OP_ANDN: lower_not2(c, in, x86_and_r64_r64); return true;
    case RV_OP_ORN: lower_not2(c, in, x86_or_r64_r64); return true;
    case RV_OP_XNOR: {
        enum x86_reg a = rc_read(c, in->rs1, HR_T0);
        enum x86_reg b = rc_read(c, in->rs2, HR_T1);
        to_reg(c, HR_T0, a);
        x86_xor_r64_r64(&c->buf, HR_T0, b);
        x86_not_r64(&c->buf, HR_T0);
        rc_write(c, in->rd, HR_T0);
        return true;
    }
    case RV_OP_MAX: lower_minmax(c, in, X86_CC_L); return true;
    case RV_OP_MAXU: lower_minmax(c, in, X86_CC_B); return true;
    case RV_OP_MIN: lower_minmax(c, in, X86_CC_G); return true;
    case RV_OP_MINU: lower_minmax(c, in, X86_CC_A); return true;
    case RV_OP_CZERO_EQZ: lower_czero(c, in, X86_CC_E); return true;
    case RV_OP_CZERO_NEZ: lower_czero(c, in, X86_CC_NE); return true;
    case RV_OP_SEXT_B: lower_unary(c, in, x86_movsx_r64_r8); return true;
    case RV_OP_SEXT_H: lower_unary(c, in, x86_movsx_r64_r16); return true;
    case RV_OP_ZEXT_H: lower_unary(c, in, x86_movzx_r32_r16); return true;
    case RV_OP_REV8: lower_unary(c, in, bswap_into); return true;
    case RV_OP_ROL: lower_rotate(c, in, x86_rol_r64_cl, false); return true;
    case RV_OP_ROR: lower_rotate(c, in, x86_ror_r64_cl, false); return true;
    case RV_OP_ROLW: lower_rotate(c, in, x86_rol_r32_cl, true); return true;
    case RV_OP_RORW: lower_rotate(c, in, x86_ror_r32_cl, true); return true;
    case RV_OP_RORI: lower_rotate_imm(c, in, false); return true;
    case RV_OP_RORIW: lower_rotate_imm(c, in, true); return true;
    case RV_OP_BSETI: case RV_OP_BCLRI: case RV_OP_BINVI: case RV_OP_BEXTI: return lower_bit_imm(c, in);
    case RV_OP_BSET: case RV_OP_BCLR: case RV_OP_BINV: case RV_OP_BEXT: return lower_bit_reg(c, in);
    case RV_OP_ORC_B: return lower_orc_b(c, in);
    case RV_OP_MOP_R: case RV_OP_MOP_RR: rc_write_const(c, in->rd, 0); return true;
    /* HINTs: nothing to do on this host */
    case RV_OP_PAUSE: case RV_OP_PREFETCH_I: case RV_OP_PREFETCH_R: case RV_OP_PREFETCH_W:
    case RV_OP_NTL_P1: case RV_OP_NTL_PALL: case RV_OP_NTL_S1: case RV_OP_NTL_ALL:
        return true;
    default: return lower_bitcount(c, in);
    }
}
