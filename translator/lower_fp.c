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
 * entered through the jump(s) to `entry`, resuming at the current position of
 * the main path once it is set by the caller. */
static struct slow_path *add_interp_path(struct lower_ctx *c, const struct rv_insn *in, struct x86_label entry)
{
    struct slow_path *s = add_slow_path(c, SLOW_INTERP, entry);
    if (s) s->insn = in;
    return s;
}

/* The same, entered with the FP cache state `at_jump` (saved before the
 * jump: reads and evictions after it change the state but do not run on
 * that path), resuming here. */
static void add_interp_resume(struct lower_ctx *c, const struct rv_insn *in, struct x86_label entry,
                              const struct fp_cache *at_jump)
{
    struct slow_path *s = add_interp_path(c, in, entry);
    if (!s) return;
    fc_set_entry(s, at_jump);
    s->resume = x86_label_here(&c->buf);
    fc_snapshot(c, s);
}

/* With rm = dyn, RNE can only be assumed after checking frm at run time. */
static bool rounding_ok(struct lower_ctx *c, const struct rv_insn *in, struct x86_label *to_interp)
{
    *to_interp = x86_label();
    if (in->rm == RV_RM_RNE) return true;
    if (in->rm != RV_RM_DYN) return false;
    if (c->frm_is_rne) return true;
    x86_cmp_m32_imm32(&c->buf, x86_mem_base_disp(HR_CPU, (int32_t)offsetof(struct cpu, frm)), RV_RM_RNE);
    x86_jcc_label(&c->buf, X86_CC_NE, to_interp);
    return true;
}

/* xmm0 := canonical NaN if it is a NaN (double or single). */
static void canonicalize_nan(struct x86_buf *b, bool single)
{
    if (single) x86_ucomiss_x_x(b, X86_XMM0, X86_XMM0);
    else x86_ucomisd_x_x(b, X86_XMM0, X86_XMM0);
    struct x86_label not_nan = x86_label();
    x86_jcc_label(b, X86_CC_NP, &not_nan);
    x86_mov_r64_imm64(b, HR_T0, single ? CANONICAL_NAN_S : CANONICAL_NAN_D);
    x86_movq_x_r64(b, X86_XMM0, HR_T0);
    x86_bind(b, &not_nan);
}

/* A single-precision input is only valid NaN-boxed: if the upper half of
 * f[r] is not all ones, the interpreter handles the instruction (it reads
 * the value as the canonical NaN): the jump goes to `to_interp`. */
static void check_boxed(struct lower_ctx *c, unsigned r, struct x86_label *to_interp)
{
    /* (f[r] in memory is exact here: callers fc_sync the operands first) */
    x86_cmp_m32_imm32(&c->buf, x86_mem_base_disp(HR_CPU, (int32_t)(offsetof(struct cpu, f) + 8 * r + 4)), -1);
    x86_jcc_label(&c->buf, X86_CC_NE, to_interp);
}

/* f[rd] = NaN-boxed xmm0 (single) */
static void store_single(struct lower_ctx *c, unsigned rd)
{
    struct x86_mem f = freg(rd);
    x86_movss_m32_x(&c->buf, f, X86_XMM0);
    f.disp += 4;
    x86_mov_m32_imm32(&c->buf, f, -1);
}

/* xmm := canonical NaN if it is a NaN (double). */
static void canonicalize_nan_in(struct x86_buf *b, enum x86_xmm x)
{
    x86_ucomisd_x_x(b, x, x);
    struct x86_label not_nan = x86_label();
    x86_jcc_label(b, X86_CC_NP, &not_nan);
    x86_mov_r64_imm64(b, HR_T0, CANONICAL_NAN_D);
    x86_movq_x_r64(b, x, HR_T0);
    x86_bind(b, &not_nan);
}

/* With AVX (opt.fp_avx, a host with FMA3 and AVX): one three-operand
 * instruction computes from the operands' cache registers straight into the
 * destination's (vaddsd d, s1, s2), where SSE needs a copy to xmm0, the
 * two-operand instruction and a copy back to the cache register. */
static void lower_arith_d_avx(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    enum x86_xmm s1 = fc_read(c, in->rs1);
    enum x86_xmm s2 = in->op != RV_OP_FSQRT_D ? fc_read(c, in->rs2) : s1;
    if (fc_cached(c, in->rs1) != (int)s1) { /* reading rs2 took rs1's cache register */
        x86_movsd_x_m64(b, X86_XMM0, freg(in->rs1));
        s1 = X86_XMM0;
    }
    enum x86_xmm d = fc_assign(c, in->rd);
    enum x86_vsse op = X86_VSQRT;
    switch (in->op) {
    case RV_OP_FADD_D: op = c->tx->test_fault == TX_TEST_FAULT_FADD ? X86_VSUB : X86_VADD; break; /* (planted: tx_internal.h) */
    case RV_OP_FSUB_D: op = X86_VSUB; break;
    case RV_OP_FMUL_D: op = X86_VMUL; break;
    case RV_OP_FDIV_D: op = X86_VDIV; break;
    default: break;
    }
    x86_vsse_x_x_x(b, op, true, d, s1, s2);
    if (!c->tx->opt.fp_writeback) {
        canonicalize_nan_in(b, d);
        x86_movsd_m64_x(b, freg(in->rd), d);
    } else {
        fc_result(c, in->rd, d, true);
    }
}

static bool lower_arith_d(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    struct x86_label to_interp;
    struct fp_cache at_jump = c->fc;
    if (!rounding_ok(c, in, &to_interp)) return false;
    if (c->tx->opt.fp_avx && x86_host_has_fma()) {
        lower_arith_d_avx(c, in);
        if (x86_label_used(&to_interp)) add_interp_resume(c, in, to_interp, &at_jump);
        return true;
    }
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
    if (!c->tx->opt.fp_writeback) {
        canonicalize_nan(b, false);
        x86_movsd_m64_x(b, freg(in->rd), X86_XMM0);
        fc_wrote_xmm(c, in->rd, X86_XMM0);
    } else {
        fc_result(c, in->rd, X86_XMM0, true);
    }
    if (x86_label_used(&to_interp)) add_interp_resume(c, in, to_interp, &at_jump);
    return true;
}

static bool lower_arith_s(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    struct x86_label to_interp[3] = {x86_label(), x86_label(), x86_label()};
    fc_sync(c, in->rs1);
    if (in->op != RV_OP_FSQRT_S) fc_sync(c, in->rs2);
    struct fp_cache at_jump = c->fc;
    if (!rounding_ok(c, in, &to_interp[0])) return false;
    check_boxed(c, in->rs1, &to_interp[1]);
    if (in->op != RV_OP_FSQRT_S) check_boxed(c, in->rs2, &to_interp[2]);
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
    for (int i = 0; i < 3; i++)
        if (x86_label_used(&to_interp[i])) add_interp_resume(c, in, to_interp[i], &at_jump);
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
    bool word = in->op == RV_OP_FCVT_W_D || in->op == RV_OP_FCVT_W_S;
    bool single = in->op == RV_OP_FCVT_W_S || in->op == RV_OP_FCVT_L_S;
    if (in->rm != RV_RM_RTZ && in->rm != RV_RM_RNE) return false;
    if (single && !c->tx->opt.inline_single) return false;
    enum x86_xmm src;
    struct x86_label unboxed = x86_label();
    if (single) { /* (opt.inline_single) from f[] in memory; not NaN-boxed -> the interpreter */
        fc_sync(c, in->rs1);
        check_boxed(c, in->rs1, &unboxed);
        x86_movss_x_m32(b, X86_XMM0, freg(in->rs1));
        src = X86_XMM0;
    } else {
        src = fc_read(c, in->rs1); /* (a NaN, canonical or not, gives the indefinite value) */
    }
    struct fp_cache at_jump = c->fc;
    if (single && in->rm == RV_RM_RTZ) word ? x86_cvttss2si_r32_x(b, HR_T0, src) : x86_cvttss2si_r64_x(b, HR_T0, src);
    else if (single) word ? x86_cvtss2si_r32_x(b, HR_T0, src) : x86_cvtss2si_r64_x(b, HR_T0, src);
    else if (in->rm == RV_RM_RTZ) word ? x86_cvttsd2si_r32_x(b, HR_T0, src) : x86_cvttsd2si_r64_x(b, HR_T0, src);
    else word ? x86_cvtsd2si_r32_x(b, HR_T0, src) : x86_cvtsd2si_r64_x(b, HR_T0, src);
    if (word) {
        x86_cmp_r32_imm32(b, HR_T0, INT32_MIN);
        x86_movsxd_r64_r32(b, HR_T0, HR_T0);
    } else {
        x86_mov_r64_imm64(b, HR_T1, 0x8000000000000000ull);
        x86_cmp_r64_r64(b, HR_T0, HR_T1);
    }
    struct x86_label indefinite = x86_label();
    x86_jcc_label(b, X86_CC_E, &indefinite);
    rc_write(c, in->rd, HR_T0);
    add_interp_resume(c, in, indefinite, &at_jump);
    if (x86_label_used(&unboxed)) add_interp_resume(c, in, unboxed, &at_jump);
    return true;
}

/* fcvt.s.w / fcvt.s.l (opt.inline_single): cvtsi2ss rounds as MXCSR does
 * (RNE, so rm must allow it) with the same NX flag; the result is NaN-boxed. */
static bool lower_cvt_int_to_single(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    if (!c->tx->opt.inline_single || (in->rm != RV_RM_RNE && in->rm != RV_RM_DYN)) return false;
    enum x86_reg a = rc_read(c, in->rs1, HR_T0); /* (before any branch to a slow path: see FCVT_D_W) */
    struct fp_cache at_jump = c->fc;
    struct x86_label to_interp;
    if (!rounding_ok(c, in, &to_interp)) return false;
    if (in->op == RV_OP_FCVT_S_W) x86_cvtsi2ss_x_r32(b, X86_XMM0, a);
    else x86_cvtsi2ss_x_r64(b, X86_XMM0, a);
    store_single(c, in->rd);
    fc_forget(c, in->rd);
    if (x86_label_used(&to_interp)) add_interp_resume(c, in, to_interp, &at_jump);
    return true;
}

/* fmin.d / fmax.d (opt.inline_minmax).  x86's minsd/maxsd return the second
 * operand when either is a NaN or both are zeros; RISC-V returns the
 * non-NaN operand (the canonical NaN if both are NaNs) and orders -0 < +0.
 * So: unordered (a NaN) -> the interpreter (it also raises NV for a
 * signalling NaN, as ucomisd did in MXCSR); equal -> the bitwise OR (min:
 * -0 if either is) or AND (max: +0 if either is) of the two, which is the
 * value itself for any other equal pair; else minsd/maxsd. */
static bool lower_minmax_d(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    if (!c->tx->opt.inline_minmax) return false;
    bool min = in->op == RV_OP_FMIN_D;
    x86_movapd_x_x(b, X86_XMM0, fc_read(c, in->rs1)); /* (first: reading rs2 may reuse rs1's register) */
    enum x86_xmm s2 = fc_read(c, in->rs2);
    struct fp_cache at_jump = c->fc;
    struct x86_label nan = x86_label(), differ = x86_label(), done = x86_label();
    x86_ucomisd_x_x(b, X86_XMM0, s2);
    x86_jcc_label(b, X86_CC_P, &nan);
    x86_jcc_label(b, X86_CC_NE, &differ);
    min ? x86_orpd_x_x(b, X86_XMM0, s2) : x86_andpd_x_x(b, X86_XMM0, s2);
    x86_jmp_label(b, &done);
    x86_bind(b, &differ);
    min ? x86_minsd_x_x(b, X86_XMM0, s2) : x86_maxsd_x_x(b, X86_XMM0, s2);
    x86_bind(b, &done);
    fc_result(c, in->rd, X86_XMM0, false);
    add_interp_resume(c, in, nan, &at_jump);
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

/* Single precision with opt.inline_single: feq.s/flt.s/fle.s as the double
 * compares (ucomiss/comiss), fcvt.d.s (cvtss2sd: exact) and fcvt.s.d
 * (cvtsd2ss: rounds as MXCSR does, to nearest even; same flags, tininess
 * after rounding on both).  An operand that is not NaN-boxed (RISC-V reads it
 * as the canonical NaN) sends the instruction to the interpreter; a NaN
 * result of a conversion is made canonical. */
static bool lower_single_more(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    if (!c->tx->opt.inline_single) return false;
    struct x86_label to_interp = x86_label();
    if (in->op != RV_OP_FCVT_S_D) { /* (reads f[] in memory) */
        fc_sync(c, in->rs1);
        if (in->op != RV_OP_FCVT_D_S) fc_sync(c, in->rs2);
    }
    struct fp_cache at_jump = c->fc;
    switch (in->op) {
    case RV_OP_FEQ_S: case RV_OP_FLT_S: case RV_OP_FLE_S:
        check_boxed(c, in->rs1, &to_interp);
        if (in->rs2 != in->rs1) check_boxed(c, in->rs2, &to_interp);
        if (in->op == RV_OP_FEQ_S) {
            x86_movss_x_m32(b, X86_XMM0, freg(in->rs1));
            x86_movss_x_m32(b, X86_XMM1, freg(in->rs2));
            x86_ucomiss_x_x(b, X86_XMM0, X86_XMM1);
            x86_setcc_r8(b, X86_CC_E, HR_T0);  /* equal, or unordered ... */
            x86_setcc_r8(b, X86_CC_NP, HR_T1); /* ... so also require "ordered" */
            x86_and_r32_r32(b, HR_T0, HR_T1);
        } else { /* a < b is b > a: "above" is false when unordered (CF=1) */
            x86_movss_x_m32(b, X86_XMM0, freg(in->rs2));
            x86_movss_x_m32(b, X86_XMM1, freg(in->rs1));
            x86_comiss_x_x(b, X86_XMM0, X86_XMM1);
            x86_setcc_r8(b, in->op == RV_OP_FLT_S ? X86_CC_A : X86_CC_AE, HR_T0);
        }
        x86_movzx_r32_r8(b, HR_T0, HR_T0);
        rc_write(c, in->rd, HR_T0);
        break;
    case RV_OP_FCVT_D_S:
        if (!rounding_ok(c, in, &to_interp)) return false; /* (exact; an invalid frm is still illegal) */
        check_boxed(c, in->rs1, &to_interp);
        x86_movss_x_m32(b, X86_XMM0, freg(in->rs1));
        x86_cvtss2sd_x_x(b, X86_XMM0, X86_XMM0);
        fc_result(c, in->rd, X86_XMM0, true);
        break;
    case RV_OP_FCVT_S_D:
        if (!rounding_ok(c, in, &to_interp)) return false;
        x86_cvtsd2ss_x_x(b, X86_XMM0, fc_read(c, in->rs1));
        canonicalize_nan(b, true);
        store_single(c, in->rd);
        fc_forget(c, in->rd);
        break;
    default:
        return false;
    }
    if (x86_label_used(&to_interp)) add_interp_resume(c, in, to_interp, &at_jump);
    return true;
}

/* fsgnj.d family on the bit patterns (fmv.d, fneg.d, fabs.d are its aliases). */
static void lower_sign_inject_d(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    fc_sync(c, in->rs1); /* (the bits in memory, a NaN made canonical) */
    fc_sync(c, in->rs2);
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
    fc_result_gpr(c, in->rd, HR_T0);
}

/* fmadd/fmsub/fnmadd/fnmsub .d and .s on the host's FMA3 unit (opt.inline_fma
 * and a host with FMA3; otherwise the interpreter runs them, which uses the
 * host FMA from C or soft-float).  With RNE, vfmadd231 and RISC-V's fused
 * multiply-add agree bit for bit and flag for flag (one rounding, tininess
 * after rounding: cpu/hostfp.h) except when the result is a NaN: RISC-V's
 * is canonical, and infinity x zero + quiet NaN raises NV on RISC-V only.
 * So a NaN result goes to the interpreter, which computes the instruction
 * again from f[] (rd is not written yet) with the right NaN and flags; the
 * flags the host raised on the way are a subset of RISC-V's for that case.
 * RISC-V's fnmadd is -(a*b) - c, x86's vfnmsub; fnmsub is -(a*b) + c,
 * x86's vfnmadd. */
static bool lower_fma(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    bool dbl = in->op == RV_OP_FMADD_D || in->op == RV_OP_FMSUB_D || in->op == RV_OP_FNMADD_D ||
               in->op == RV_OP_FNMSUB_D;
    if (!c->tx->opt.inline_fma || !x86_host_has_fma()) return false;
    struct x86_label to_interp = x86_label(), nan = x86_label();
    if (!dbl) { /* singles are read from f[] in memory */
        fc_sync(c, in->rs1);
        fc_sync(c, in->rs2);
        fc_sync(c, in->rs3);
    }
    struct fp_cache at_check = c->fc;
    if (!rounding_ok(c, in, &to_interp)) return false;
    int note = note_begin(c, TX_NOTE_FMA, c->pc, 0);
    enum x86_xmm f1, f2;
    if (dbl) {
        x86_movapd_x_x(b, X86_XMM0, fc_read(c, in->rs3)); /* the addend: the 231 form's destination */
        f1 = fc_read(c, in->rs1);
        f2 = fc_read(c, in->rs2);
        if (fc_cached(c, in->rs1) != (int)f1) { /* reading rs2 took rs1's cache register */
            x86_movsd_x_m64(b, X86_XMM1, freg(in->rs1));
            f1 = X86_XMM1;
        }
    } else { /* singles are not cached: boxed operands from f[] */
        check_boxed(c, in->rs1, &to_interp);
        check_boxed(c, in->rs2, &to_interp);
        check_boxed(c, in->rs3, &to_interp);
        x86_movss_x_m32(b, X86_XMM0, freg(in->rs3));
        x86_movss_x_m32(b, X86_XMM1, freg(in->rs1));
        f1 = X86_XMM1;
        f2 = fc_read(c, in->rs2); /* (any xmm register holding the low 32 bits will do) */
    }
    switch (in->op) {
    case RV_OP_FMADD_D: case RV_OP_FMADD_S: x86_vfmadd231_x_x_x(b, dbl, X86_XMM0, f1, f2); break;
    case RV_OP_FMSUB_D: case RV_OP_FMSUB_S: x86_vfmsub231_x_x_x(b, dbl, X86_XMM0, f1, f2); break;
    case RV_OP_FNMADD_D: case RV_OP_FNMADD_S: x86_vfnmsub231_x_x_x(b, dbl, X86_XMM0, f1, f2); break;
    default: x86_vfnmadd231_x_x_x(b, dbl, X86_XMM0, f1, f2); break;
    }
    if (dbl) x86_ucomisd_x_x(b, X86_XMM0, X86_XMM0);
    else x86_ucomiss_x_x(b, X86_XMM0, X86_XMM0);
    struct fp_cache at_nan = c->fc;
    x86_jcc_label(b, X86_CC_P, &nan);
    if (dbl) {
        fc_result(c, in->rd, X86_XMM0, false);
    } else {
        store_single(c, in->rd);
        fc_forget(c, in->rd);
    }
    note_end(c, note);
    if (x86_label_used(&to_interp)) add_interp_resume(c, in, to_interp, &at_check);
    if (x86_label_used(&nan)) add_interp_resume(c, in, nan, &at_nan);
    return true;
}

/* MXCSR's six flag bits (IE DE ZE OE UE PE) -> RISC-V fflags (NV DZ OF UF NX;
 * DE, a denormal input, has no RISC-V flag), as a 64-byte table so that
 * translated code folds them with one load. */
#define MX(x) (((x) & 1 ? 0x10 : 0) | ((x) & 4 ? 0x08 : 0) | ((x) & 8 ? 0x04 : 0) | ((x) & 16 ? 0x02 : 0) | ((x) & 32 ? 0x01 : 0))
#define MX4(x) MX(x), MX((x) + 1), MX((x) + 2), MX((x) + 3)
#define MX16(x) MX4(x), MX4((x) + 4), MX4((x) + 8), MX4((x) + 12)
const uint8_t mxcsr_to_fflags[64] = {MX16(0), MX16(16), MX16(32), MX16(48)};
#undef MX
#undef MX4
#undef MX16

/* csrrw/csrrs/csrrc[i] on fflags (frflags, fsflags, ...) (opt.inline_fflags;
 * user mode, and system mode behind the block's FS check: tx_fflags_inline).  The interpreter would need a helper call, and a CSR
 * instruction ends the block: glibc's sqrt() wrapper and every `x < y` on
 * doubles that must not raise NV (frflags; flt.d; fsflags) sent each call
 * back to the dispatcher.  Inline, it does what tx_fold_host_fp_flags()
 * does in C: flags that translated FP code left in MXCSR are moved into
 * cpu->fflags (through the table) and cleared in MXCSR, and then fflags is
 * read and written like a register.  The 4 bytes at [rsp] are the entry
 * trampoline's alignment slot (trampolines.c), free while a block runs. */
static void lower_fflags_csr(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    struct x86_mem slot = x86_mem_base(X86_RSP);
    struct x86_mem fflags = cpu_field((int32_t)offsetof(struct cpu, fflags));
    bool imm_form = in->op == RV_OP_CSRRWI || in->op == RV_OP_CSRRSI || in->op == RV_OP_CSRRCI;
    bool is_write = in->op == RV_OP_CSRRW || in->op == RV_OP_CSRRWI;
    bool writes = is_write || in->rs1 != 0;
    int note = note_begin(c, TX_NOTE_FFLAGS, c->pc, 0);
    x86_stmxcsr_m32(b, slot);
    x86_mov_r32_m32(b, HR_T0, slot);
    x86_mov_r32_r32(b, HR_T1, HR_T0);
    x86_and_r32_imm32(b, HR_T1, 0x3f);
    x86_and_r32_imm32(b, HR_T0, ~0x3f);
    x86_mov_m32_r32(b, slot, HR_T0);
    x86_ldmxcsr_m32(b, slot);
    x86_mov_r64_imm64(b, HR_T2, (uint64_t)(uintptr_t)mxcsr_to_fflags);
    x86_movzx_r32_m8(b, HR_T1, x86_mem_base_index(HR_T2, HR_T1, 1, 0));
    x86_mov_r32_m32(b, HR_T0, fflags);
    x86_or_r32_r32(b, HR_T1, HR_T0); /* ecx = fflags with everything accrued so far: the old value */
    if (writes) {
        if (imm_form) {
            x86_mov_r32_imm32(b, HR_T0, in->rs1);
        } else {
            enum x86_reg src = rc_read(c, in->rs1, HR_T2);
            x86_mov_r32_r32(b, HR_T0, src);
        }
        if (in->op == RV_OP_CSRRS || in->op == RV_OP_CSRRSI) x86_or_r32_r32(b, HR_T0, HR_T1);
        if (in->op == RV_OP_CSRRC || in->op == RV_OP_CSRRCI) {
            x86_not_r32(b, HR_T0);
            x86_and_r32_r32(b, HR_T0, HR_T1);
        }
        x86_and_r32_imm32(b, HR_T0, 0x1f);
        x86_mov_m32_r32(b, fflags, HR_T0);
    } else {
        x86_mov_m32_r32(b, fflags, HR_T1);
    }
    if (in->rd) rc_write(c, in->rd, HR_T1);
    note_end(c, note);
}

bool lower_fp(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    if (tx_is_fflags_csr(in)) {
        if (!tx_fflags_inline(c->tx, c->cpu)) return false;
        lower_fflags_csr(c, in);
        return true;
    }
    switch (in->op) {
    case RV_OP_FADD_D: case RV_OP_FSUB_D: case RV_OP_FMUL_D: case RV_OP_FDIV_D: case RV_OP_FSQRT_D:
        return lower_arith_d(c, in);
    case RV_OP_FMADD_D: case RV_OP_FMSUB_D: case RV_OP_FNMADD_D: case RV_OP_FNMSUB_D:
    case RV_OP_FMADD_S: case RV_OP_FMSUB_S: case RV_OP_FNMADD_S: case RV_OP_FNMSUB_S:
        return lower_fma(c, in);
    case RV_OP_FADD_S: case RV_OP_FSUB_S: case RV_OP_FMUL_S: case RV_OP_FDIV_S: case RV_OP_FSQRT_S:
        return lower_arith_s(c, in);
    case RV_OP_FCVT_W_D: case RV_OP_FCVT_L_D: case RV_OP_FCVT_W_S: case RV_OP_FCVT_L_S:
        return lower_cvt_to_int(c, in);
    case RV_OP_FCVT_S_W: case RV_OP_FCVT_S_L:
        return lower_cvt_int_to_single(c, in);
    case RV_OP_FMIN_D: case RV_OP_FMAX_D:
        return lower_minmax_d(c, in);
    case RV_OP_FEQ_D: case RV_OP_FLT_D: case RV_OP_FLE_D:
        lower_compare_d(c, in);
        return true;
    case RV_OP_FEQ_S: case RV_OP_FLT_S: case RV_OP_FLE_S: case RV_OP_FCVT_D_S: case RV_OP_FCVT_S_D:
        return lower_single_more(c, in);
    case RV_OP_FSGNJ_D: case RV_OP_FSGNJN_D: case RV_OP_FSGNJX_D:
        lower_sign_inject_d(c, in);
        return true;
    case RV_OP_FMV_X_D:
        fc_sync(c, in->rs1);
        x86_mov_r64_m64(b, HR_T0, freg(in->rs1));
        rc_write(c, in->rd, HR_T0);
        return true;
    case RV_OP_FMV_D_X: {
        enum x86_reg a = rc_read(c, in->rs1, HR_T0);
        fc_result_gpr(c, in->rd, a);
        return true;
    }
    case RV_OP_FMV_X_W: /* the low word, sign-extended, boxed or not */
        fc_sync(c, in->rs1);
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
        struct x86_label to_interp = x86_label();
        if (in->op == RV_OP_FCVT_D_L && in->rm != RV_RM_RNE && in->rm != RV_RM_DYN) return false;
        /* Read the source before any branch to an out-of-line path: a register
         * first loaded into its cache slot after such a branch would not be
         * loaded on the path that skips it and resumes below. */
        enum x86_reg a = rc_read(c, in->rs1, HR_T0);
        struct fp_cache at_jump = c->fc;
        if (in->op == RV_OP_FCVT_D_L && !rounding_ok(c, in, &to_interp)) return false;
        if (in->op == RV_OP_FCVT_D_W && in->rm == RV_RM_DYN && !c->frm_is_rne) {
            /* exact, so any valid frm gives the same result; an invalid frm
             * still makes it an illegal instruction, which the interpreter raises */
            x86_cmp_m32_imm32(b, x86_mem_base_disp(HR_CPU, (int32_t)offsetof(struct cpu, frm)), RV_RM_RMM);
            x86_jcc_label(b, X86_CC_A, &to_interp);
        }
        if (in->op == RV_OP_FCVT_D_W) x86_cvtsi2sd_x_r32(b, X86_XMM0, a);
        else x86_cvtsi2sd_x_r64(b, X86_XMM0, a);
        fc_result(c, in->rd, X86_XMM0, false);
        if (x86_label_used(&to_interp)) add_interp_resume(c, in, to_interp, &at_jump);
        return true;
    }
    default:
        return false;
    }
}
