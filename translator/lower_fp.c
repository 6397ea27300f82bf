/*
 * translator/lower_fp.c — F and D instructions on SSE2.
 *
 * The common double-precision operations map to one SSE2 instruction each
 * (addsd, subsd, mulsd, divsd, sqrtsd, ucomisd/comisd, cvtsi2sd), and with
 * round-to-nearest-even they give bit-identical results to RISC-V except
 * for NaNs: x86 produces a *negative* default NaN or passes an input NaN's
 * payload through, while RISC-V always produces the canonical NaN
 * 0x7ff8000000000000.  So every arithmetic result is checked (ucomisd with
 * itself sets PF only for a NaN) and replaced.
 *
 * Exception flags: SSE accumulates them in MXCSR exactly as RISC-V
 * accumulates fflags (same five conditions; tininess after rounding for
 * both), so translated code lets them pile up in MXCSR and the runtime
 * folds them into cpu->fflags whenever C code needs fflags (after each
 * return to the dispatcher, and before a CSR instruction) — see
 * tx_fold_host_fp_flags().  No flag work per instruction.
 *
 * Operands come from the FP cache (translator/fpcache.c): copies of recent
 * FP registers in xmm2..xmm15, so a chain of dependent operations does not
 * go through memory; every result is still stored to struct cpu as well.
 *
 * What is not inline (fused multiply-add, min/max, conversions that involve
 * single precision, arithmetic in a rounding mode other than RNE, and
 * conversions to integers other than RTZ/RNE) runs through the interpreter.  A dynamic rounding mode is checked at run time: if frm
 * is not RNE, an out-of-line path runs the instruction in the interpreter.
 */
#include "translator/helpers.h"
#include "translator/lower.h"

#define CANONICAL_NAN_D 0x7ff8000000000000ull
#define CANONICAL_NAN_S 0x7fc00000u

static struct x86_mem freg(unsigned r)
{
    return x86_mem_base_disp(HR_CPU, (int32_t)(offsetof(struct cpu, f) + 8 * r));
}

/* Registers an out-of-line "run this instruction in the interpreter" path,
 * entered through the rel32 at `jcc`, resuming at the current position of
 * the main path once it is set by the caller. */
static struct slow_path *add_interp_path(struct lower_ctx *c, const struct rv_insn *in, uint8_t *jcc)
{
    if (c->n_slow == MAX_SLOW_PATHS) return NULL;
    struct slow_path *s = &c->slow[c->n_slow++];
    *s = (struct slow_path){.kind = SLOW_INTERP, .jcc_rel32 = jcc, .insn = in, .pc = c->pc, .insn_index = c->index,
                            .pending_instret = c->pending_instret, .dirty_mask = rc_dirty_mask(c),
                            .volatile_mask = rc_volatile_mask(c)};
    return s;
}

/* With rm = dyn, RNE can only be assumed after checking frm at run time. */
static bool rounding_ok(struct lower_ctx *c, const struct rv_insn *in, uint8_t **to_interp)
{
    *to_interp = NULL;
    if (in->rm == RV_RM_RNE) return true;
    if (in->rm != RV_RM_DYN) return false;
    x86_cmp_m32_imm32(&c->buf, x86_mem_base_disp(HR_CPU, (int32_t)offsetof(struct cpu, frm)), RV_RM_RNE);
    *to_interp = x86_jcc_rel32(&c->buf, X86_CC_NE);
    return true;
}

/* xmm0 := canonical NaN if it is a NaN (double or single). */
static void canonicalize_nan(struct x86_buf *b, bool single)
{
    if (single) x86_ucomiss_x_x(b, X86_XMM0, X86_XMM0);
    else x86_ucomisd_x_x(b, X86_XMM0, X86_XMM0);
    uint8_t *not_nan = x86_jcc_rel32(b, X86_CC_NP);
    x86_mov_r64_imm64(b, HR_T0, single ? CANONICAL_NAN_S : CANONICAL_NAN_D);
    x86_movq_x_r64(b, X86_XMM0, HR_T0);
    if (not_nan) x86_patch_rel32(not_nan, not_nan, b->cur); /* rel32 is position independent */
}

/* A single-precision input is only valid NaN-boxed: if the upper half of
 * f[r] is not all ones, the interpreter handles the instruction (it reads
 * the value as the canonical NaN).  Returns the jump to patch. */
static uint8_t *check_boxed(struct lower_ctx *c, unsigned r)
{
    x86_cmp_m32_imm32(&c->buf, x86_mem_base_disp(HR_CPU, (int32_t)(offsetof(struct cpu, f) + 8 * r + 4)), -1);
    return x86_jcc_rel32(&c->buf, X86_CC_NE);
}

/* f[rd] = NaN-boxed xmm0 (single) */
static void store_single(struct lower_ctx *c, unsigned rd)
{
    struct x86_mem f = freg(rd);
    x86_movss_m32_x(&c->buf, f, X86_XMM0);
    f.disp += 4;
    x86_mov_m32_imm32(&c->buf, f, -1);
}

static bool lower_arith_d(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    uint8_t *to_interp;
    if (!rounding_ok(c, in, &to_interp)) return false;
    /* the operands come from the FP cache (xmm2..15); xmm0 = rs1 first, as
     * reading rs2 may reuse rs1's cache register */
    x86_movapd_x_x(b, X86_XMM0, fc_read(c, in->rs1));
    enum x86_xmm src2 = in->op != RV_OP_FSQRT_D ? fc_read(c, in->rs2) : X86_XMM0;
    switch (in->op) {
    case RV_OP_FADD_D:
        if (c->tx->test_fault == TX_TEST_FAULT_FADD) x86_subsd_x_x(b, X86_XMM0, src2); /* planted: tx_internal.h */
        else x86_addsd_x_x(b, X86_XMM0, src2);
        break;
    case RV_OP_FSUB_D: x86_subsd_x_x(b, X86_XMM0, src2); break;
    case RV_OP_FMUL_D: x86_mulsd_x_x(b, X86_XMM0, src2); break;
    case RV_OP_FDIV_D: x86_divsd_x_x(b, X86_XMM0, src2); break;
    default: x86_sqrtsd_x_x(b, X86_XMM0, X86_XMM0); break;
    }
    canonicalize_nan(b, false);
    x86_movsd_m64_x(b, freg(in->rd), X86_XMM0);
    fc_wrote_xmm(c, in->rd, X86_XMM0);
    if (to_interp) {
        struct slow_path *s = add_interp_path(c, in, to_interp);
        if (s) s->resume = b->cur, fc_snapshot(c, s);
    }
    return true;
}

static bool lower_arith_s(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    uint8_t *to_interp[3] = {NULL, NULL, NULL};
    if (!rounding_ok(c, in, &to_interp[0])) return false;
    to_interp[1] = check_boxed(c, in->rs1);
    if (in->op != RV_OP_FSQRT_S) to_interp[2] = check_boxed(c, in->rs2);
    x86_movss_x_m32(b, X86_XMM0, freg(in->rs1));
    if (in->op != RV_OP_FSQRT_S) x86_movss_x_m32(b, X86_XMM1, freg(in->rs2));
    switch (in->op) {
    case RV_OP_FADD_S:
        if (c->tx->test_fault == TX_TEST_FAULT_FADD) x86_subss_x_x(b, X86_XMM0, X86_XMM1); /* planted: tx_internal.h */
        else x86_addss_x_x(b, X86_XMM0, X86_XMM1);
        break;
    case RV_OP_FSUB_S: x86_subss_x_x(b, X86_XMM0, X86_XMM1); break;
    case RV_OP_FMUL_S: x86_mulss_x_x(b, X86_XMM0, X86_XMM1); break;
    case RV_OP_FDIV_S: x86_divss_x_x(b, X86_XMM0, X86_XMM1); break;
    default: x86_sqrtss_x_x(b, X86_XMM0, X86_XMM0); break;
    }
    canonicalize_nan(b, true);
    store_single(c, in->rd);
    fc_forget(c, in->rd); /* (singles are not cached) */
    for (int i = 0; i < 3; i++) {
        if (!to_interp[i]) continue;
        struct slow_path *s = add_interp_path(c, in, to_interp[i]);
        if (s) s->resume = b->cur, fc_snapshot(c, s);
    }
    return true;
}

/* fcvt.w.d / fcvt.l.d: x86 truncates (rtz) or rounds with MXCSR (rne), but on
 * NaN or overflow it returns the "integer indefinite" INT_MIN where RISC-V
 * saturates: that value goes to the interpreter, which also handles a true
 * INT_MIN correctly (x86 raised IE for the invalid cases, which folds into
 * NV, the flag RISC-V raises too). */
static bool lower_cvt_to_int(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    bool word = in->op == RV_OP_FCVT_W_D;
    if (in->rm != RV_RM_RTZ && in->rm != RV_RM_RNE) return false;
    x86_movsd_x_m64(b, X86_XMM0, freg(in->rs1));
    if (in->rm == RV_RM_RTZ) word ? x86_cvttsd2si_r32_x(b, HR_T0, X86_XMM0) : x86_cvttsd2si_r64_x(b, HR_T0, X86_XMM0);
    else word ? x86_cvtsd2si_r32_x(b, HR_T0, X86_XMM0) : x86_cvtsd2si_r64_x(b, HR_T0, X86_XMM0);
    if (word) {
        x86_cmp_r32_imm32(b, HR_T0, INT32_MIN);
        x86_movsxd_r64_r32(b, HR_T0, HR_T0);
    } else {
        x86_mov_r64_imm64(b, HR_T1, 0x8000000000000000ull);
        x86_cmp_r64_r64(b, HR_T0, HR_T1);
    }
    uint8_t *indefinite = x86_jcc_rel32(b, X86_CC_E);
    rc_write(c, in->rd, HR_T0);
    struct slow_path *s = add_interp_path(c, in, indefinite);
    if (s) s->resume = b->cur, fc_snapshot(c, s);
    return true;
}

/* feq (quiet: ucomisd), flt and fle (signalling: comisd), into an integer register. */
static void lower_compare_d(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    /* (the first operand goes to xmm0: reading the second may reuse its cache register) */
    if (in->op == RV_OP_FEQ_D) {
        x86_movapd_x_x(b, X86_XMM0, fc_read(c, in->rs1));
        x86_ucomisd_x_x(b, X86_XMM0, fc_read(c, in->rs2));
        x86_setcc_r8(b, X86_CC_E, HR_T0);   /* equal, or unordered ... */
        x86_setcc_r8(b, X86_CC_NP, HR_T1);  /* ... so also require "ordered" */
        x86_and_r32_r32(b, HR_T0, HR_T1);
    } else { /* a < b is b > a: "above" is false when unordered (CF=1) */
        x86_movapd_x_x(b, X86_XMM0, fc_read(c, in->rs2));
        x86_comisd_x_x(b, X86_XMM0, fc_read(c, in->rs1));
        x86_setcc_r8(b, in->op == RV_OP_FLT_D ? X86_CC_A : X86_CC_AE, HR_T0);
    }
    x86_movzx_r32_r8(b, HR_T0, HR_T0);
    rc_write(c, in->rd, HR_T0);
}

/* fsgnj.d family on the bit patterns (fmv.d, fneg.d, fabs.d are its aliases). */
static void lower_sign_inject_d(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    x86_mov_r64_m64(b, HR_T0, freg(in->rs1));
    if (in->rs1 != in->rs2 || in->op != RV_OP_FSGNJ_D) {
        x86_mov_r64_m64(b, HR_T1, freg(in->rs2));
        x86_mov_r64_imm64(b, HR_T2, 0x8000000000000000ull);
        if (in->op == RV_OP_FSGNJN_D) x86_not_r64(b, HR_T1);
        if (in->op == RV_OP_FSGNJX_D) x86_xor_r64_r64(b, HR_T1, HR_T0);
        x86_and_r64_r64(b, HR_T1, HR_T2);   /* the new sign bit */
        x86_not_r64(b, HR_T2);
        x86_and_r64_r64(b, HR_T0, HR_T2);   /* rs1 without its sign */
        x86_or_r64_r64(b, HR_T0, HR_T1);
    }
    x86_mov_m64_r64(b, freg(in->rd), HR_T0);
    fc_wrote_gpr(c, in->rd, HR_T0);
}

bool lower_fp(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    switch (in->op) {
    case RV_OP_FADD_D: case RV_OP_FSUB_D: case RV_OP_FMUL_D: case RV_OP_FDIV_D: case RV_OP_FSQRT_D:
        return lower_arith_d(c, in);
    case RV_OP_FADD_S: case RV_OP_FSUB_S: case RV_OP_FMUL_S: case RV_OP_FDIV_S: case RV_OP_FSQRT_S:
        return lower_arith_s(c, in);
    case RV_OP_FCVT_W_D: case RV_OP_FCVT_L_D:
        return lower_cvt_to_int(c, in);
    case RV_OP_FEQ_D: case RV_OP_FLT_D: case RV_OP_FLE_D:
        lower_compare_d(c, in);
        return true;
    case RV_OP_FSGNJ_D: case RV_OP_FSGNJN_D: case RV_OP_FSGNJX_D:
        lower_sign_inject_d(c, in);
        return true;
    case RV_OP_FMV_X_D:
        x86_mov_r64_m64(b, HR_T0, freg(in->rs1));
        rc_write(c, in->rd, HR_T0);
        return true;
    case RV_OP_FMV_D_X: {
        enum x86_reg a = rc_read(c, in->rs1, HR_T0);
        x86_mov_m64_r64(b, freg(in->rd), a);
        fc_wrote_gpr(c, in->rd, a);
        return true;
    }
    case RV_OP_FMV_X_W: /* the low word, sign-extended, boxed or not */
        x86_movsxd_r64_m32(b, HR_T0, freg(in->rs1));
        rc_write(c, in->rd, HR_T0);
        return true;
    case RV_OP_FMV_W_X: {
        enum x86_reg a = rc_read(c, in->rs1, HR_T0);
        struct x86_mem f = freg(in->rd);
        x86_mov_m32_r32(b, f, a);
        f.disp += 4;
        x86_mov_m32_imm32(b, f, -1); /* NaN-box */
        fc_forget(c, in->rd);
        return true;
    }
    case RV_OP_FCVT_D_W: case RV_OP_FCVT_D_L: { /* int -> double: exact for W; L rounds (RNE only) */
        uint8_t *to_interp = NULL;
        if (in->op == RV_OP_FCVT_D_L && in->rm != RV_RM_RNE && in->rm != RV_RM_DYN) return false;
        /* Read the source before any branch to an out-of-line path: a register
         * first loaded into its cache slot after such a branch would not be
         * loaded on the path that skips it and resumes below. */
        enum x86_reg a = rc_read(c, in->rs1, HR_T0);
        if (in->op == RV_OP_FCVT_D_L && !rounding_ok(c, in, &to_interp)) return false;
        if (in->op == RV_OP_FCVT_D_W && in->rm == RV_RM_DYN) {
            /* exact, so any valid frm gives the same result; an invalid frm
             * still makes it an illegal instruction, which the interpreter raises */
            x86_cmp_m32_imm32(b, x86_mem_base_disp(HR_CPU, (int32_t)offsetof(struct cpu, frm)), RV_RM_RMM);
            to_interp = x86_jcc_rel32(b, X86_CC_A);
        }
        if (in->op == RV_OP_FCVT_D_W) x86_cvtsi2sd_x_r32(b, X86_XMM0, a);
        else x86_cvtsi2sd_x_r64(b, X86_XMM0, a);
        x86_movsd_m64_x(b, freg(in->rd), X86_XMM0);
        fc_wrote_xmm(c, in->rd, X86_XMM0);
        if (to_interp) {
            struct slow_path *s = add_interp_path(c, in, to_interp);
            if (s) s->resume = b->cur, fc_snapshot(c, s);
        }
        return true;
    }
    default:
        return false;
    }
}
