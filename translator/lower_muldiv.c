/*
 * translator/lower_muldiv.c — the M extension's high multiplies and divisions.
 *
 * x86's one-operand mul/imul leave the high half of the product in rdx,
 * which is exactly mulh/mulhu.  Division is where the two ISAs disagree:
 * x86 div/idiv raise a #DE exception for division by zero and for
 * INT_MIN / -1, while RISC-V defines results for both (quotient all ones /
 * remainder = dividend; quotient = dividend / remainder 0).  So the
 * lowering tests for those two cases first and only executes the host
 * division when it cannot trap.
 */
#include "translator/lower.h"

/* rax = rs1, rcx = rs2 */
static void load_operands(struct lower_ctx *c, const struct rv_insn *in)
{
    enum x86_reg bsrc = rc_read(c, in->rs2, HR_T1);
    if (bsrc != HR_T1) x86_mov_r64_r64(&c->buf, HR_T1, bsrc);
    enum x86_reg a = rc_read(c, in->rs1, HR_T0);
    if (a != HR_T0) x86_mov_r64_r64(&c->buf, HR_T0, a);
}

static void lower_mulh(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    load_operands(c, in);
    if (in->op == RV_OP_MULH) {
        x86_imul_r64(b, HR_T1);
    } else if (in->op == RV_OP_MULHU) {
        x86_mul_r64(b, HR_T1);
    } else { /* mulhsu: unsigned high product, minus rs2 if rs1 is negative */
        x86_mov_r64_r64(b, HR_ADDR, HR_T0); /* (rsi: free outside memory accesses) */
        x86_mul_r64(b, HR_T1);
        x86_sar_r64_imm8(b, HR_ADDR, 63);
        x86_and_r64_r64(b, HR_ADDR, HR_T1);
        x86_sub_r64_r64(b, HR_T2, HR_ADDR);
    }
    rc_write(c, in->rd, HR_T2);
}

/* rd = rs1 / rs2 or rs1 % rs2, with RISC-V's results for the two special cases. */
static void lower_div(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    bool word = in->op == RV_OP_DIVW || in->op == RV_OP_DIVUW || in->op == RV_OP_REMW || in->op == RV_OP_REMUW;
    bool is_signed = in->op == RV_OP_DIV || in->op == RV_OP_REM || in->op == RV_OP_DIVW || in->op == RV_OP_REMW;
    bool is_rem = in->op == RV_OP_REM || in->op == RV_OP_REMU || in->op == RV_OP_REMW || in->op == RV_OP_REMUW;
    load_operands(c, in);
    struct x86_label done = x86_label(), nonzero = x86_label(), not_minus_one = x86_label();

    /* divisor zero: quotient = all ones, remainder = dividend (already in rax) */
    if (word) x86_test_r32_r32(b, HR_T1, HR_T1);
    else x86_test_r64_r64(b, HR_T1, HR_T1);
    x86_jcc_label(b, X86_CC_NE, &nonzero);
    if (!is_rem) x86_mov_r64_imm64(b, HR_T0, ~0ull);
    x86_jmp_label(b, &done);
    x86_bind(b, &nonzero);

    if (is_signed) { /* divisor -1: quotient = -dividend (wraps for INT_MIN), remainder 0 */
        if (word) x86_cmp_r32_imm32(b, HR_T1, -1);
        else x86_cmp_r64_imm32(b, HR_T1, -1);
        x86_jcc_label(b, X86_CC_NE, &not_minus_one);
        if (is_rem) x86_xor_r32_r32(b, HR_T0, HR_T0);
        else if (word) x86_neg_r32(b, HR_T0);
        else x86_neg_r64(b, HR_T0);
        x86_jmp_label(b, &done);
        x86_bind(b, &not_minus_one);
        if (word) {
            x86_cdq(b);
            x86_idiv_r32(b, HR_T1);
        } else {
            x86_cqo(b);
            x86_idiv_r64(b, HR_T1);
        }
    } else {
        x86_xor_r32_r32(b, HR_T2, HR_T2);
        if (word) x86_div_r32(b, HR_T1);
        else x86_div_r64(b, HR_T1);
    }
    if (is_rem) x86_mov_r64_r64(b, HR_T0, HR_T2);
    x86_bind(b, &done);
    if (word) x86_movsxd_r64_r32(b, HR_T0, HR_T0); /* W forms: sign-extend the 32-bit result */
    rc_write(c, in->rd, HR_T0);
}

bool lower_muldiv(struct lower_ctx *c, const struct rv_insn *in)
{
    switch (in->op) {
    case RV_OP_MULH: case RV_OP_MULHU: case RV_OP_MULHSU:
        lower_mulh(c, in);
        return true;
    case RV_OP_DIV: case RV_OP_DIVU: case RV_OP_REM: case RV_OP_REMU:
    case RV_OP_DIVW: case RV_OP_DIVUW: case RV_OP_REMW: case RV_OP_REMUW:
        lower_div(c, in);
        return true;
    default:
        return false;
    }
}
