/*
 * translator/fp_loop_nan.c — FP results carried unchecked around a
 * self-loop's back edge (--no-fp-loop-nan turns it off).
 *
 * With lazy NaNs (fpcache.c) a double result is only marked maybe_nan: x86
 * may have made a NaN that is not RISC-V's canonical one, and it is made
 * canonical (ucomisd x,x; jnp ...) where its bits can be seen.  A
 * self-loop's back edge made every marked register canonical, because the
 * loop head assumed none was marked: on the first iteration the registers
 * hold what the preloads read from memory, which must be stored bit for bit
 * (a signalling NaN keeps its payload).  So an accumulator (Mandelbrot's z)
 * or a temporary overwritten at the top of the next iteration (matmul's
 * product) paid a check per iteration, and a marked register also kept the
 * back edge from being a direct jump to the loop head.
 *
 * A register may stay marked at the loop head when its *architectural*
 * value there can never be a NaN other than the canonical one — then making
 * it canonical is harmless whenever it happens:
 *   - on later iterations, if the last instruction of the body that writes
 *     it is FP arithmetic with a double result (RISC-V arithmetic only ever
 *     makes the canonical NaN; not a load, a move or a sign injection, which
 *     pass any bits on), and no inner jump can skip that instruction (a
 *     block with an inner branch target is left alone);
 *   - on the first iteration, checked at run time here, once per entry into
 *     the loop: a preloaded value that is a NaN other than the canonical one
 *     sends the block to the interpreter (nothing has run yet), which leaves
 *     an arithmetic result in the register for the next entry.
 * The back edge then leaves such a register as it is (fpcache.c:
 * fc_restore_loop_state, fc_loop_state_intact); exits, stores and helper
 * calls make it canonical as for any other marked register.
 */
#include "translator/lower.h"

#define CANONICAL_NAN_D 0x7ff8000000000000ull

/* Double-precision arithmetic: a NaN result is always the canonical one. */
static bool canonical_result(enum rv_op op)
{
    switch (op) {
    case RV_OP_FADD_D: case RV_OP_FSUB_D: case RV_OP_FMUL_D: case RV_OP_FDIV_D: case RV_OP_FSQRT_D:
    case RV_OP_FMADD_D: case RV_OP_FMSUB_D: case RV_OP_FNMADD_D: case RV_OP_FNMSUB_D:
    case RV_OP_FMIN_D: case RV_OP_FMAX_D: case RV_OP_FCVT_D_S:
    case RV_OP_FCVT_D_W: case RV_OP_FCVT_D_WU: case RV_OP_FCVT_D_L: case RV_OP_FCVT_D_LU:
        return true;
    default:
        return false;
    }
}

/* A branch before the last instruction whose target is inside the block (an
 * inner jump skips instructions: the last write of a register may be one). */
static bool has_inner_target(const struct tx_block *b)
{
    const struct rv_insn *insns = b->insns;
    int n = b->n_insns;
    uint64_t pc = b->pc, mask = b->follow_mask;
    for (int i = 0; i + 1 < n; pc = tx_next_pc(insns, mask, i, pc), i++) {
        if (!(rv_insn_info[insns[i].op].flags & RV_F_BRANCH)) continue;
        /* (a followed branch leaves the block at its fall-through) */
        uint64_t to = tx_followed(mask, i) ? pc + insns[i].len : pc + (uint64_t)insns[i].imm, at = b->pc;
        for (int j = 0; j < n; at = tx_next_pc(insns, mask, j, at), j++) /* (followed jumps: not one run) */
            if (at == to) return true;
    }
    return false;
}

void fc_loop_nan_head(struct lower_ctx *c, const struct rv_insn *insns, int n)
{
    if (!c->tx->opt.fp_loop_nan || !fc_lazy_nan(c) || !c->fc.loop_state) return;
    if (has_inner_target(c->blk)) return;
    int last_writer[32];
    memset(last_writer, -1, sizeof last_writer);
    for (int i = 0; i < n; i++)
        if (rv_insn_info[insns[i].op].operands[0] == 'D') last_writer[insns[i].rd] = i;
    uint32_t mask = 0;
    for (int x = 0; x < 16; x++) {
        int r = c->fc.head_freg_in[x];
        if (r >= 0 && last_writer[r] >= 0 && canonical_result(insns[last_writer[r]].op)) mask |= 1u << r;
    }
    if (!mask) return;

    struct x86_buf *b = &c->buf;
    int note = note_begin(c, TX_NOTE_FP_LOOP_NAN, c->blk->pc, mask);
    struct x86_label bail[32], done = x86_label(); /* (one bail label per register: a label takes 4 jumps) */
    int n_bail = 0;
    /* (integer compares, not ucomisd: a signalling NaN would set MXCSR's
     * invalid flag, and the interpreter's run would then report NV) */
    x86_mov_r64_imm64(b, HR_T2, CANONICAL_NAN_D);
    x86_mov_r64_imm64(b, HR_T1, 0xffe0000000000000ull); /* a NaN's bits shifted left by one are above this */
    for (int r = 0; r < 32; r++) {
        if (!(mask & (1u << r))) continue;
        enum x86_xmm x = (enum x86_xmm)c->fc.xmm_of[r];
        struct x86_label ok = x86_label();
        x86_movq_r64_x(b, HR_T0, x);
        x86_cmp_r64_r64(b, HR_T0, HR_T2);
        x86_jcc_label(b, X86_CC_E, &ok); /* the canonical NaN */
        x86_shl_r64_imm8(b, HR_T0, 1);    /* (without the sign) */
        x86_cmp_r64_r64(b, HR_T0, HR_T1);
        bail[n_bail] = x86_label();
        x86_jcc_label(b, X86_CC_A, &bail[n_bail++]); /* a NaN with other bits: must not be made canonical */
        x86_bind(b, &ok);
    }
    x86_jmp_label(b, &done);
    for (int k = 0; k < n_bail; k++) x86_bind(b, &bail[k]);
    emit_set_pc(c, c->blk->pc);
    emit_return(c, TX_RET_INTERPRET);
    x86_bind(b, &done);
    note_end(c, note);
    c->fc.head_nan = mask;
    c->fc.maybe_nan |= mask;
}
