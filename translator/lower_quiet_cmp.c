/*
 * translator/lower_quiet_cmp.c — the quiet comparison idiom as one piece
 * of host code (--no-quiet-compare turns it off).
 *
 * flt.d and fle.d raise NV for any NaN operand.  C's isless()/isgreater()
 * and glibc's sqrt() wrapper (its "x < 0" errno test) must not, so GCC
 * brackets the comparison with a save and a restore of fflags:
 *
 *     frflags rX              rX = fflags
 *     flt.d   rY, fa, fb      (feq.d / fle.d too)
 *     fsflags rX              fflags = rX: whatever the compare raised is gone
 *
 * Lowered one instruction at a time (lower_fp.c's lower_fflags_csr), each
 * CSR access reads MXCSR (stmxcsr) and clears its flags (ldmxcsr): two
 * MXCSR round trips per comparison, which wait for every FP operation in
 * flight and were a quarter of n-body's time (testsuite/bench/fpmath.c).
 * The three together only need fflags' value once:
 *
 *   - rX = cpu->fflags | MXCSR's flags (through the table); MXCSR is left as
 *     it is (its flags are still counted: the fold happens later, as after
 *     any FP instruction);
 *   - ucomisd, which raises nothing for ordered operands (DE, a denormal
 *     input, has no RISC-V flag) and sets PF for unordered ones;
 *   - ordered: rY = the condition, and fflags is already what fsflags would
 *     write: nothing to do;
 *   - unordered (a NaN; the ordered case jumps over this): rY = 0; a signalling NaN may have
 *     set IE, so do what fsflags does: cpu->fflags = rX, MXCSR's flags
 *     cleared.
 *
 * Wherever the CSR instructions on fflags are inline (tx_fflags_inline: user
 * mode, and system mode behind the block's mstatus.FS check), and only when
 * the three are exactly this shape: the same rX in both CSR instructions,
 * fsflags' rd = x0, rY != rX.  (An inner jump to the second or third becomes
 * a side exit: they have no code of their own.)
 */
#include "translator/lower.h"

static bool is_fflags_access(const struct rv_insn *in, enum rv_op op)
{
    return in->op == op && tx_is_fflags_csr(in);
}

int lower_quiet_compare(struct lower_ctx *c, const struct rv_insn *in, int left)
{
    if (!c->tx->opt.quiet_compare || left < 3 || !tx_fflags_inline(c->tx, c->cpu)) return 0;
    const struct rv_insn *rd_flags = &in[0], *cmp = &in[1], *wr_flags = &in[2];
    unsigned rx = rd_flags->rd;
    if (!is_fflags_access(rd_flags, RV_OP_CSRRS) || rd_flags->rs1 != 0 || rx == 0) return 0;
    if (cmp->op != RV_OP_FEQ_D && cmp->op != RV_OP_FLT_D && cmp->op != RV_OP_FLE_D) return 0;
    if (cmp->rd == rx) return 0;
    if (!is_fflags_access(wr_flags, RV_OP_CSRRW) || wr_flags->rd != 0 || wr_flags->rs1 != rx) return 0;

    struct x86_buf *b = &c->buf;
    int note = note_begin(c, TX_NOTE_QUIET_COMPARE, c->pc, 0);
    /* Operands first (a cache load after a branch would be skipped by it).
     * a < b is b > a: "above" is false when unordered. */
    bool eq = cmp->op == RV_OP_FEQ_D;
    x86_movapd_x_x(b, X86_XMM0, fc_read(c, eq ? cmp->rs1 : cmp->rs2));
    enum x86_xmm other = fc_read(c, eq ? cmp->rs2 : cmp->rs1);

    /* ecx = fflags with what MXCSR has accrued (not folded: MXCSR keeps it) */
    struct x86_mem slot = x86_mem_base(X86_RSP); /* (the trampoline's free slot, as lower_fp.c) */
    x86_stmxcsr_m32(b, slot);
    x86_mov_r32_m32(b, HR_T0, slot);
    x86_and_r32_imm32(b, HR_T0, 0x3f);
    x86_mov_r64_imm64(b, HR_T2, (uint64_t)(uintptr_t)mxcsr_to_fflags);
    x86_movzx_r32_m8(b, HR_T1, x86_mem_base_index(HR_T2, HR_T0, 1, 0));
    struct x86_mem fflags = cpu_field((int32_t)offsetof(struct cpu, fflags));
    x86_mov_r32_m32(b, HR_T0, fflags);
    x86_or_r32_r32(b, HR_T1, HR_T0);

    x86_ucomisd_x_x(b, X86_XMM0, other);
    struct x86_label ordered = x86_label(), done = x86_label();
    x86_jcc_label(b, X86_CC_NP, &ordered);
    /* unordered (a NaN operand; rare, so the short way round): the result is
     * false; fflags = the value read, as fsflags would set it, and MXCSR's
     * flags (IE from a signalling NaN) cleared */
    x86_mov_m32_r32(b, fflags, HR_T1);
    x86_stmxcsr_m32(b, slot);
    x86_mov_r32_m32(b, HR_T0, slot);
    x86_and_r32_imm32(b, HR_T0, ~0x3f);
    x86_mov_m32_r32(b, slot, HR_T0);
    x86_ldmxcsr_m32(b, slot);
    x86_xor_r32_r32(b, HR_T0, HR_T0);
    x86_jmp_label(b, &done);
    x86_bind(b, &ordered); /* nothing raised: fflags is already what fsflags would write */
    x86_setcc_r8(b, eq ? X86_CC_E : cmp->op == RV_OP_FLT_D ? X86_CC_A : X86_CC_AE, HR_T0);
    x86_movzx_r32_r8(b, HR_T0, HR_T0);
    x86_bind(b, &done);
    rc_write(c, rx, HR_T1);
    rc_write(c, cmp->rd, HR_T0);
    note_end(c, note);
    return 3;
}
