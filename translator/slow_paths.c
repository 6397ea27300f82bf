/*
 * translator/slow_paths.c — the out-of-line paths of a block.
 *
 * The main path of a block is the common case: a TLB hit, RNE rounding, a
 * branch not taken.  Every rarer case jumps out of it to a "slow path"
 * emitted after the main path (step 4 of a block's path, translate.c): a
 * load or store through the C helper (TLB miss, host fault), an
 * instruction the inline code leaves to the interpreter, the exit request,
 * a taken side exit, a self-loop's inner jump.  The lowering registers
 * them as it goes (add_slow_path, with the state at that point: dirty
 * registers, pending instret); emit_slow_paths emits each with the
 * function its kind names in slow_kinds[].  Each path ends by jumping back
 * to the main path (resume) or by leaving the block with precise state.
 */
#include <stddef.h>

#include "cpu/interp.h"
#include "translator/cold_stubs.h"
#include "translator/helpers.h"
#include "translator/lower.h"

struct slow_path *add_slow_path(struct lower_ctx *c, enum slow_kind kind, struct x86_label entry)
{
    if (c->n_slow == MAX_SLOW_PATHS) {
        c->buf.overflow = true; /* never (see MAX_SLOW_PATHS); better a failed block than a jump to nowhere */
        return NULL;
    }
    struct slow_path *s = &c->slow[c->n_slow++];
    *s = (struct slow_path){.kind = kind, .entry = entry, .pc = c->pc, .insn_index = c->index,
                            .pending_instret = c->pending_instret, .dirty_mask = rc_dirty_mask(c),
                            .volatile_mask = rc_volatile_mask(c), .target_index = -1, .xmm = -1};
    fc_set_entry(s, &c->fc);
    return s;
}

/* An inner jump needs no out-of-line code when its target's instret is
 * up to date (translate() flushes it there) and nothing is counted. */
static bool inner_jump_is_direct(const struct lower_ctx *c, const struct slow_path *s)
{
    return s->pending_instret == c->pending_at[s->target_index] && !c->tx->opt.explain_hot && !c->tx->opt.count &&
           !s->fc_dirty;
}

/* The FP registers dirty where the path was entered, to struct cpu. */
static void fc_store_entry(struct lower_ctx *c, const struct slow_path *s)
{
    fc_writeback_state(c, s->fc_entry, s->fc_dirty, s->fc_nan);
}

/* A self-loop's branch to its own later code: no write-back. */
static void emit_slow_inner_jump(struct lower_ctx *c, struct slow_path *s)
{
    struct tx_block *b = c->blk;
    int j = s->target_index;
    struct x86_label target = x86_label_at(&c->buf, c->buf.start + b->host_offset[j]);
    if (inner_jump_is_direct(c, s)) { /* nothing to do on the way: the branch goes there itself */
        x86_bind_to(&c->buf, &s->entry, c->buf.start + b->host_offset[j]);
        return;
    }
    x86_bind(&c->buf, &s->entry);
    if ((c->tx->opt.explain_hot || c->tx->opt.count) && b->n_inner < TX_MAX_SIDE_EXITS) {
        int k = b->n_inner++;
        b->inner_skipped[k] = (uint32_t)(j - s->insn_index - 1);
        b->inner_at[k] = (uint16_t)s->insn_index;
        for (int m = s->insn_index + 1; m < j; m++) b->inner_skipped_mem[k] += tx_is_memory_access(&b->insns[m]);
        emit_count(c, &b->inner_count[k], HR_T0);
    }
    fc_store_entry(c, s); /* (the target starts with an empty FP cache) */
    /* the main path counts the skipped instructions when it reaches the next update: uncount them */
    emit_instret_update(c, s->pending_instret - c->pending_at[j]);
    x86_jmp_label(&c->buf, &target);
}

/* A branch in the middle of the block was taken: write back, count, leave. */
static void emit_slow_side_exit(struct lower_ctx *c, struct slow_path *s)
{
    x86_bind(&c->buf, &s->entry);
    rc_writeback_mask(c, s->dirty_mask);
    fc_store_entry(c, s);
    emit_instret_update(c, s->pending_instret);
    struct tx_exit *e = &c->blk->exits[c->blk->n_exits];
    if ((c->tx->opt.explain_hot || c->tx->opt.count) && c->blk->n_exits < TX_MAX_EXITS) {
        e->skipped_insns = (uint32_t)(c->blk->n_insns - 1 - s->insn_index);
        for (int k = s->insn_index + 1; k < c->blk->n_insns; k++)
            if (tx_is_memory_access(&c->blk->insns[k])) e->skipped_mem++;
        emit_count(c, &e->hot_count, HR_T0);
    }
    emit_direct_exit(c, s->pc);
}

/* The exit request: at the entry nothing has run yet; at a loop's back edge
 * registers may be dirty: write them back, say where we are. */
static void emit_slow_exit_request(struct lower_ctx *c, struct slow_path *s)
{
    x86_bind(&c->buf, &s->entry);
    rc_writeback_mask(c, s->dirty_mask);
    fc_store_entry(c, s);
    if (cold_stubs_on(c)) {
        emit_cold_exit_request(c); /* (s->pc is the block's start) */
        return;
    }
    emit_set_pc(c, s->pc);
    emit_return(c, TX_RET_PLAIN);
}

/* A case the inline code does not cover: the interpreter runs the
 * instruction, then the main path goes on (or, on a trap, we leave). */
static void emit_slow_interp(struct lower_ctx *c, struct slow_path *s)
{
    if (s->fault_at && c->n_fault_sites < TX_MAX_BLOCK_INSNS) /* (an inline AMO: a host fault continues here) */
        c->fault_sites[c->n_fault_sites++] =
            (struct tx_fault_site){(uint32_t)(s->fault_at - c->buf.start), (uint32_t)(c->buf.cur - c->buf.start)};
    x86_bind(&c->buf, &s->entry);
    rc_writeback_mask(c, s->dirty_mask); /* it may read integer registers from struct cpu */
    fc_store_entry(c, s);                /* ... and FP registers */
    emit_set_pc(c, s->pc);
    rc_save_volatile(c, s->volatile_mask); /* (before rdi, a cache register, becomes the argument) */
    x86_mov_r64_r64(&c->buf, HR_ARG0, HR_CPU);
    x86_mov_r64_imm64(&c->buf, HR_ADDR, (uint64_t)(uintptr_t)s->insn);
    emit_call_syncing_instret(c, (const void *)tx_helper_exec);
    rc_restore_volatile(c, s->volatile_mask); /* (before rd is reloaded below) */
    x86_movzx_r32_r8(&c->buf, HR_T0, HR_T0);
    x86_test_r32_r32(&c->buf, HR_T0, HR_T0);
    struct x86_label trap = x86_label();
    x86_jcc_label(&c->buf, X86_CC_E, &trap);
    emit_instret_update(c, -1); /* the helper counted it; so does the main path */
    /* an integer result went to struct cpu: the main path expects it in its cache register */
    if (rv_insn_info[s->insn->op].operands[0] == 'd') rc_reload(c, s->insn->rd);
    if (s->fc_at_resume) fc_reload(c, s->fc_resume); /* (C clobbered the xmm registers) */
    x86_jmp_label(&c->buf, &s->resume);
    x86_bind(&c->buf, &trap);
    emit_instret_update(c, s->pending_instret); /* registers were written back above */
    emit_return(c, TX_RET_TRAP);
}

/* A load or store the inline code did not do (TLB miss, outside the guest
 * space, a host fault, --no-inline-tlb): the C helper, then back to the main
 * path, or a precise trap. */
static void emit_slow_access(struct lower_ctx *c, struct slow_path *s)
{
    uint8_t *here = c->buf.cur;
    if (s->fault_at && c->n_fault_sites < TX_MAX_BLOCK_INSNS) /* a host fault there continues here */
        c->fault_sites[c->n_fault_sites++] =
            (struct tx_fault_site){(uint32_t)(s->fault_at - c->buf.start), (uint32_t)(here - c->buf.start)};
    x86_bind(&c->buf, &s->entry);
    /* The short form: a record and shared code (cold_stubs.c).  It saves every
     * register and restores them after, and on a fault writes the dirty FP
     * registers back from what it saved: no stores here. */
    if (c->blk->cold && cold_access_path(s)) {
        emit_cold_access_stub(c, s);
        return;
    }
    /* dirty FP registers to f[]: the C call clobbers the xmm registers (they are
     * reloaded from f[] after it) */
    fc_store_entry(c, s);
    /* rsi = the guest address (first: its base may be in rdi, which becomes the cpu argument) */
    x86_lea_r64_m(&c->buf, HR_ADDR, x86_mem_base_disp(s->addr_base, s->addr_imm));
    rc_save_volatile(c, s->volatile_mask); /* r9/r11/rdi/r8 cache registers: the helper may clobber them */
    if (s->kind == SLOW_LOAD) {
        x86_mov_r64_r64(&c->buf, HR_ARG0, HR_CPU); /* rdi = cpu; rsi = the address, already there */
        x86_mov_r64_imm64(&c->buf, X86_RDX, s->size | (s->sign ? TX_LOAD_SIGNED : 0));
        emit_call(c, (const void *)tx_helper_load);
        /* the value comes back in rax, where the fast path leaves it too */
    } else {
        if (s->xmm >= 0) x86_movq_r64_x(&c->buf, X86_RDX, (enum x86_xmm)s->xmm); /* fsd from its xmm register */
        else x86_mov_r64_r64(&c->buf, X86_RDX, s->value_reg); /* first: the value may be in rdi */
        x86_mov_r64_r64(&c->buf, HR_ARG0, HR_CPU);
        x86_mov_r64_imm64(&c->buf, X86_RCX, s->size);
        emit_call(c, (const void *)tx_helper_store);
    }
    rc_restore_volatile(c, s->volatile_mask); /* (movs: rax, rdx and the flags are left alone) */
    x86_test_r64_r64(&c->buf, X86_RDX, X86_RDX);
    struct x86_label fault = x86_label();
    x86_jcc_label(&c->buf, X86_CC_NE, &fault);
    if (s->kind == SLOW_LOAD && s->load_dest != HR_T0) x86_mov_r64_r64(&c->buf, s->load_dest, HR_T0);
    if (s->fc_at_resume) fc_reload(c, s->fc_resume); /* (C clobbered the xmm registers) */
    /* fld into an xmm register: the value, after the reload (which loaded rd's
     * old value from struct cpu: the main path stores the new one after resume) */
    if (s->kind == SLOW_LOAD && s->xmm >= 0) x86_movq_x_r64(&c->buf, (enum x86_xmm)s->xmm, HR_T0);
    x86_jmp_label(&c->buf, &s->resume);
    /* Fault: make the state exactly the interpreter's before this instruction. */
    x86_bind(&c->buf, &fault);
    rc_writeback_mask(c, s->dirty_mask);
    emit_instret_update(c, s->pending_instret);
    emit_set_pc(c, s->pc);
    emit_return(c, TX_RET_TRAP);
}

/* Each kind of out-of-line path: how it is emitted, and its --explain label. */
static const struct {
    void (*emit)(struct lower_ctx *c, struct slow_path *s);
    enum tx_note_kind note;
} slow_kinds[] = {
    [SLOW_LOAD] = {emit_slow_access, TX_NOTE_SLOW_LOAD},
    [SLOW_STORE] = {emit_slow_access, TX_NOTE_SLOW_STORE},
    [SLOW_EXIT_REQUEST] = {emit_slow_exit_request, TX_NOTE_SLOW_EXIT_REQUEST},
    [SLOW_INTERP] = {emit_slow_interp, TX_NOTE_SLOW_INTERP},
    [SLOW_SIDE_EXIT] = {emit_slow_side_exit, TX_NOTE_SIDE_EXIT},
    [SLOW_INNER_JUMP] = {emit_slow_inner_jump, TX_NOTE_INNER_JUMP},
};

/* The slow paths, emitted after the block's main path. */
void emit_slow_paths(struct lower_ctx *c)
{
    /* (out of memory for the records: the full slow paths) */
    if (cold_stubs_on(c) && !cold_prepare_block(c)) c->blk->cold = NULL;
    for (int i = 0; i < c->n_slow; i++) {
        struct slow_path *s = &c->slow[i];
        enum tx_note_kind kind = c->blk->cold && cold_access_path(s) ? TX_NOTE_COLD_ACCESS : slow_kinds[s->kind].note;
        int note = note_begin(c, kind, s->pc,
                              s->size | (s->kind == SLOW_STORE ? TX_NOTE_STORE : 0) | (s->fault_at ? TX_NOTE_HOST_FAULT : 0));
        slow_kinds[s->kind].emit(c, s);
        note_end(c, note);
    }
}
