/*
 * translator/translate.c — the driver: from a guest pc to a block of host code.
 *
 * The path of one block, which is what a student should follow:
 *   1. discover: decode guest instructions from pc until one that ends a
 *      block (a branch, jump, system/CSR instruction), a page boundary, or
 *      the length cap;
 *   2. plan: the register cache picks which guest registers to keep in
 *      host registers (regcache.c);
 *   3. emit the entry check (return to the dispatcher if asked to), then
 *      lower each instruction (lower_alu.c, lower_mem.c, lower_control.c,
 *      or a call into the interpreter for everything else), recording the
 *      host offset of each in the side table;
 *   4. emit the out-of-line slow paths (a memory access's TLB miss or
 *      fault, interpreter fallbacks, taken side exits, the exit request);
 *   5. the block is done: its code is already in the cache (written through
 *      the write view, executed through the execute view); commit its size
 *      to the code cache (code_cache.c).
 * With --explain or --explain-hot, each piece of code is also labelled as it
 * is emitted (note_begin/note_end: "inline TLB check", "exit to ...") so
 * translator/explain.c can say what every host instruction is for.
 * Between 2 and 3, prepass.c looks over the decoded block once (which
 * accesses need no bounds check).
 * The steps live in: discover.c (1), regcache.c (2), this file (3, the
 * driver), lower_*.c (the instructions), slow_paths.c (4); trampolines.c
 * holds the way in and out of translated code and chaining, emit_helpers.c
 * the small helpers the lowering files share.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/interp.h"
#include "cpu/priv.h"
#include "mmu/mmu.h"
#include "translator/lower.h"

/* Entry check: return to the dispatcher at once if it asked us to (a signal
 * arrived); without it, a chained loop would never come back.  A self-loop
 * has it at its loop head, after the preloads, so that every iteration
 * passes it and the back edge is one conditional jump; its exit path then
 * writes back the registers the loop may have changed. */
static void emit_entry_check(struct lower_ctx *c)
{
    int note = note_begin(c, TX_NOTE_ENTRY_CHECK, c->blk->pc, c->self_loop);
    x86_cmp_m8_imm8(&c->buf, cpu_field((int32_t)offsetof(struct cpu, exit_request)), 0);
    struct x86_label out = x86_label();
    x86_jcc_label(&c->buf, X86_CC_NE, &out);
    struct slow_path *s = add_slow_path(c, SLOW_EXIT_REQUEST, out);
    if (s) s->pc = c->blk->pc;
    note_end(c, note);
}

/* The tail of the two checks below, each a guard at the block's entry on an
 * assumption of its inline FP code: unless the flags say `holds`, leave at
 * once with TX_RET_INTERPRET, nothing executed, and the dispatcher
 * interprets the basic block (dispatch.c). */
static void interpret_block_unless(struct lower_ctx *c, enum x86_cond holds)
{
    struct x86_label ok = x86_label();
    x86_jcc_label(&c->buf, holds, &ok);
    emit_set_pc(c, c->blk->pc);
    emit_return(c, TX_RET_INTERPRET);
    x86_bind(&c->buf, &ok);
}

/* The per-block frm check (opt.hoist_frm): the inline FP code of a block
 * with a dynamic rounding mode assumes RNE, so it is checked once, first
 * thing at the entry (before a self-loop's preloads and loop head: frm cannot
 * change while the block runs, since an fcsr/frm write ends a block).  Any
 * other frm leaves at once with TX_RET_INTERPRET, nothing executed, and the
 * dispatcher interprets the basic block (dispatch.c). */
static bool needs_frm_check(const struct lower_ctx *c)
{
    if (!c->tx->opt.hoist_frm || (c->cpu->system && !c->tx->opt.sys_fp)) return false; /* (FP to the interpreter) */
    for (int i = 0; i < c->blk->n_insns; i++)
        if ((rv_insn_info[c->blk->insns[i].op].flags & RV_F_RM) && c->blk->insns[i].rm == RV_RM_DYN) return true;
    return false;
}

static void emit_frm_check(struct lower_ctx *c)
{
    struct x86_buf *b = &c->buf;
    int note = note_begin(c, TX_NOTE_FRM_CHECK, c->blk->pc, 0);
    x86_cmp_m32_imm32(b, cpu_field((int32_t)offsetof(struct cpu, frm)), RV_RM_RNE);
    interpret_block_unless(c, X86_CC_E);
    note_end(c, note);
    c->frm_is_rne = true;
}

/* System mode (opt.sys_fp): a block with FP instructions runs inline only
 * while mstatus.FS is Dirty.  Off must make each FP instruction illegal and
 * Initial or Clean must become Dirty at the first one: the interpreter does
 * both, so any other FS leaves at once with TX_RET_INTERPRET (nothing
 * executed) and the dispatcher interprets the basic block, whose first FP
 * instruction traps or makes FS Dirty.  FS cannot change while the block
 * runs: only a CSR instruction or a trap changes mstatus, and both end it
 * (except the CSR instructions on fflags, inline: a write leaves FS Dirty).
 * One compare per block entry, before a self-loop's preloads. */
static bool needs_fs_check(const struct lower_ctx *c)
{
    if (!c->cpu->system || !c->tx->opt.sys_fp) return false;
    for (int i = 0; i < c->blk->n_insns; i++)
        if ((rv_insn_info[c->blk->insns[i].op].flags & RV_F_FP) || tx_is_fflags_csr(&c->blk->insns[i])) return true;
    return false;
}

static void emit_fs_check(struct lower_ctx *c)
{
    struct x86_buf *b = &c->buf;
    int note = note_begin(c, TX_NOTE_FS_CHECK, c->blk->pc, 0);
    x86_mov_r32_m32(b, HR_T0, cpu_field((int32_t)offsetof(struct cpu, priv.mstatus))); /* (FS: bits 13-14) */
    x86_and_r32_imm32(b, HR_T0, (int32_t)MSTATUS_FS);
    x86_cmp_r32_imm32(b, HR_T0, (int32_t)MSTATUS_FS_DIRTY);
    interpret_block_unless(c, X86_CC_E);
    note_end(c, note);
}

/* --explain-hot: the block counts its own executions, chained ones
 * included, with one memory increment.  Emitted only when asked for, so
 * normal translated code pays nothing for the feature. */
static void emit_hot_counter(struct lower_ctx *c)
{
    int note = note_begin(c, TX_NOTE_HOT_COUNTER, c->blk->pc, 0);
    emit_count(c, &c->blk->hot_count, HR_T0);
    note_end(c, note);
}

/* A self-loop's back edge: the registers stay in host registers, and
 * control goes straight to the loop head (where the exit check is).  Only
 * registers an interpreter call made stale are loaded again first. */
void emit_loop_back(struct lower_ctx *c)
{
    int note = note_begin(c, TX_NOTE_LOOP_BACK, c->blk->pc, 0);
    rc_load_stale(c);
    fc_restore_loop_state(c);
    emit_instret_update(c, c->pending_instret);
    x86_jmp_label(&c->buf, &c->loop_head);
    note_end(c, note);
}

bool loop_back_is_direct(const struct lower_ctx *c)
{
    return !rc_has_stale(c) && c->pending_instret == 0 && fc_loop_state_intact(c);
}
/* Does the block end by jumping back to its own first instruction?  Only
 * with chaining on: a self-loop is a block chained to itself (and the check
 * engine, which turns chaining off, needs one block per dispatch). */
static bool is_self_loop(const struct tx_block *b, const struct rv_insn *last, uint64_t last_pc, bool chain)
{
    if (!chain) return false;
    int flags = rv_insn_info[last->op].flags;
    if (!(flags & RV_F_BRANCH) && last->op != RV_OP_JAL) return false;
    return last_pc + (uint64_t)last->imm == b->pc;
}

/* In a self-loop, the forward branches that go to an instruction further
 * down the same block, and those instructions: the candidates for inner
 * jumps (make_inner_jumps decides).  Both ends bring instret up to date, so
 * that such a jump needs no code of its own. */
static void find_inner_jumps(struct lower_ctx *c)
{
    const struct tx_block *b = c->blk;
    memset(c->inner_source, 0, sizeof c->inner_source);
    memset(c->inner_target, 0, sizeof c->inner_target);
    if (!c->self_loop) return;
    uint64_t pc = b->pc;
    for (int i = 0; i + 1 < b->n_insns; pc = tx_next_pc(b->insns, b->follow_mask, i, pc), i++) {
        if (!(rv_insn_info[b->insns[i].op].flags & RV_F_BRANCH)) continue;
        /* (a followed branch's side exit goes to its fall-through) */
        uint64_t to = tx_followed(b->follow_mask, i) ? pc + b->insns[i].len : pc + (uint64_t)b->insns[i].imm;
        uint64_t at = tx_next_pc(b->insns, b->follow_mask, i, pc);
        for (int j = i + 1; j < b->n_insns; at = tx_next_pc(b->insns, b->follow_mask, j, at), j++)
            if (at == to) c->inner_source[i] = c->inner_target[j] = true;
    }
}

/* Turns the side exits of a self-loop whose target is an instruction further
 * down the same block into inner jumps (see lower.h), unless an interpreter
 * call made the cache state differ from one instruction to the next. */
static void make_inner_jumps(struct lower_ctx *c)
{
    if (!c->self_loop || c->forgot) return;
    for (int i = 0; i < c->n_slow; i++) {
        struct slow_path *s = &c->slow[i];
        if (s->kind != SLOW_SIDE_EXIT) continue;
        uint64_t pc = c->blk->pc;
        for (int j = 0; j < c->blk->n_insns; pc = tx_next_pc(c->blk->insns, c->blk->follow_mask, j, pc), j++) {
            if (pc != s->pc) continue;
            if (j > s->insn_index && c->pending_at[j] >= 0) {
                s->kind = SLOW_INNER_JUMP;
                s->target_index = j;
            }
            break;
        }
    }
}

/* Instruction i has no code of its own: the second of a fused pair, the
 * second and third of a quiet compare (their code is listed under the
 * first).  Its host offset is where the next code goes, and it is not a
 * target for an inner jump. */
static void no_code_of_its_own(struct lower_ctx *c, int i)
{
    c->pending_at[i] = -1;
    c->blk->host_offset[i] = (uint32_t)(c->buf.cur - c->buf.start);
}

/* Lowers one instruction: a family that emits it inline, or the interpreter. */
static void lower_one(struct lower_ctx *c, const struct rv_insn *in)
{
    if (tx_ends_block(in, tx_csr_rules(c->tx, c->cpu))) {
        if (!lower_control(c, in)) lower_via_interpreter(c, in, true);
        return;
    }
    /* System mode: FP instructions must check mstatus.FS and mark it Dirty,
     * which the interpreter's semantics do; inline FP code relies on the
     * block's FS check (opt.sys_fp, needs_fs_check). */
    if (c->cpu->system && !c->tx->opt.sys_fp && (rv_insn_info[in->op].flags & RV_F_FP)) {
        lower_via_interpreter(c, in, false);
        return;
    }
    /* -smp: pause ends the hart's turn (the interpreter's semantics set exit_request) */
    if (in->op == RV_OP_PAUSE && c->cpu->yield_on_pause) {
        lower_via_interpreter(c, in, false);
        return;
    }
    if (lower_alu(c, in) || lower_bitmanip(c, in) || lower_muldiv(c, in) || lower_mem(c, in) || lower_fp(c, in)) {
        c->pending_instret++;
        return;
    }
    if (lower_amo(c, in)) return;
    if ((tx_csr_rules(c->tx, c->cpu) & TX_CSR_IN_BLOCK) && tx_csr_in_block(in)) {
        lower_csr_in_block(c, in);
        return;
    }
    lower_via_interpreter(c, in, false);
}

struct tx_block *tx_translate(struct translator *tx, struct cpu *cpu, bool *trap)
{
    struct rv_insn insns[TX_MAX_BLOCK_INSNS];
    uint8_t end_reason;
    *trap = false;
    uint64_t follow_mask = 0;
    int n = tx_discover(cpu, insns, &end_reason, tx_csr_rules(tx, cpu), tx->opt.follow_jumps,
                        tx->opt.follow_branches, tx->opt.follow_calls, &follow_mask);
    if (n == 0) {
        *trap = true;
        return NULL;
    }
    /* (64-byte aligned: the dispatcher's fields share the first cache line, tx_internal.h) */
    _Static_assert(offsetof(struct tx_block, host_page) + sizeof(uintptr_t) <= 64, "dispatcher fields in one line");
    /* Its decoded instructions and code offsets first, then the record at
     * the arena's top with room for every exit it may have: only those it
     * made are kept (block_arena.h).  Each is NULL when the arena is full:
     * the dispatcher then flushes, which empties it. */
    struct rv_insn *insn_copy = block_arena_alloc(&tx->arena, sizeof(struct rv_insn) * (size_t)n, 8);
    uint32_t *host_offset = block_arena_alloc(&tx->arena, sizeof(uint32_t) * ((size_t)n + 1), 4);
    const size_t most = sizeof(struct tx_block) + TX_MAX_EXITS * sizeof(struct tx_exit);
    struct tx_block *b = insn_copy && host_offset ? block_arena_reserve(&tx->arena, most, 64) : NULL;
    if (!b) return NULL;
    memset(b, 0, most);
    b->pc = cpu->pc;
    b->mode = cpu->priv.mode;
    b->n_insns = (uint16_t)n;
    b->end_reason = end_reason;
    b->follow_mask = follow_mask;
    b->n_followed = (uint8_t)__builtin_popcountll(follow_mask);
    b->insns = insn_copy;
    b->host_offset = host_offset;
    memcpy(b->insns, insns, sizeof(struct rv_insn) * (size_t)n);

    /* The lowering context is big (the slow-path and label tables): it is
     * allocated once per translator, and only its small head is cleared. */
    if (!tx->ctx && !(tx->ctx = malloc(sizeof *tx->ctx))) {
        tx_free_block(b);
        return NULL;
    }
    struct lower_ctx *c = tx->ctx;
    memset(c, 0, offsetof(struct lower_ctx, slow));
    c->n_slow = 0;
    c->n_notes = 0;
    c->n_fault_sites = 0;
    c->loop_head = x86_label(); /* (bound below, in a self-loop only) */
    c->tx = tx;
    c->cpu = cpu;
    c->blk = b;
    size_t room;
    uint8_t *start = code_cache_reserve(&tx->cc, &room); /* committed below, once the size is known */
    c->buf = (struct x86_buf){start, start, start + room, false};
    uint64_t last_pc = b->pc;
    for (int i = 0; i + 1 < n; i++) last_pc = tx_next_pc(b->insns, b->follow_mask, i, last_pc);
    c->self_loop = is_self_loop(b, &b->insns[n - 1], last_pc, tx->opt.chain);
    rc_init(c, b->insns, n);
    fc_reset(c);
    if (needs_fs_check(c)) emit_fs_check(c);
    if (needs_frm_check(c)) emit_frm_check(c);

    if (c->self_loop) {
        int note = note_begin(c, TX_NOTE_LOOP_PRELOAD, b->pc, 0);
        rc_preload_for_loop(c, b->insns, n);
        fc_preload_for_loop(c, b->insns, n);
        note_end(c, note);
        c->loop_head = x86_label_here(&c->buf);
        b->loop_head_offset = (uint32_t)(c->buf.cur - start);
    }
    bool check_first = c->buf.cur == start && !c->self_loop;
    emit_entry_check(c);
    if (check_first && tx->opt.forward_skip && tx->opt.chain) b->entry_skip = (uint32_t)(c->buf.cur - start);
    find_inner_jumps(c);
    prepass_bounds(c); /* (after find_inner_jumps: it forgets at inner-jump targets) */
    /* (after the loop head, so that a self-loop counts every iteration) */
    if (tx->opt.explain_hot || tx->opt.count) emit_hot_counter(c);
    for (int i = 0; i < n; i++) b->mem_insns += tx_is_memory_access(&b->insns[i]);
    uint64_t pc = b->pc;
    b->code_lo = b->pc;
    for (int i = 0; i < n; pc = tx_next_pc(b->insns, b->follow_mask, i, pc), i++) { /* (followed jumps: not one run) */
        if (pc < b->code_lo) b->code_lo = pc;
        if (pc + b->insns[i].len > b->code_end) b->code_end = pc + b->insns[i].len;
        b->guest_size += b->insns[i].len;
    }
    pc = b->pc;
    for (int i = 0; i < n; i++) {
        c->index = i;
        c->pc = pc;
        if (c->inner_target[i]) { /* so that the inner jumps here need no correction */
            emit_instret_update(c, c->pending_instret);
            c->pending_instret = 0;
            fc_writeback(c); /* (an inner jump here skipped the FP cache's loads in between: */
            fc_reset(c);     /*  it arrives with an empty one, and stored its dirty registers) */
        }
        c->pending_at[i] = c->pending_instret;
        b->host_offset[i] = (uint32_t)(c->buf.cur - start);
        int quiet = lower_quiet_compare(c, &b->insns[i], n - i); /* (3 instructions: lower_quiet_cmp.c) */
        if (quiet) {
            c->pending_instret += quiet;
            for (int k = 1; k < quiet; k++) {
                pc += b->insns[i].len;
                no_code_of_its_own(c, ++i);
            }
            pc += b->insns[i].len;
            continue;
        }
        int note = i + 1 < n ? note_begin(c, TX_NOTE_FUSED, pc, pc + b->insns[i].len) : -1;
        int fused = i + 1 < n ? lower_fused(c, &b->insns[i], &b->insns[i + 1]) : 0;
        if (note >= 0 && !fused) c->n_notes--; /* (the last note: nothing was emitted under it) */
        note_end(c, fused ? note : -1);
        if (fused) {
            /* the pair's code is listed under its first instruction */
            if (!tx_ends_block(&b->insns[i + 1], tx_csr_rules(tx, cpu))) c->pending_instret += 2;
            pc += b->insns[i].len;
            no_code_of_its_own(c, ++i);
            pc += b->insns[i].len;
            continue;
        }
        if (b->insns[i].op == RV_OP_JAL && tx_followed(b->follow_mask, i)) { /* a followed jump (discover.c): no code */
            rc_write_const(c, b->insns[i].rd, pc + b->insns[i].len); /* (a followed call: the link) */
            c->pending_instret++; /* (--explain says so: explain.c) */
            pc = tx_next_pc(b->insns, b->follow_mask, i, pc);
            continue;
        }
        lower_one(c, &b->insns[i]);
        pc = tx_next_pc(b->insns, b->follow_mask, i, pc); /* (a followed branch: its target) */
    }
    if (!tx_ends_block(&b->insns[n - 1], tx_csr_rules(tx, cpu))) { /* page boundary, length cap, undecodable next */
        rc_writeback(c);
        fc_writeback(c);
        emit_instret_update(c, c->pending_instret);
        emit_direct_exit(c, pc);
    }
    b->host_offset[n] = (uint32_t)(c->buf.cur - start);
    make_inner_jumps(c);
    emit_slow_paths(c);

    bool overflow = c->buf.overflow;
    size_t size = (size_t)(c->buf.cur - start);
    /* The exits are known now: keep the record's used part, then copy the
     * side tables written in the lowering context next to it. */
    block_arena_commit(&tx->arena, b, sizeof *b + (size_t)b->n_exits * sizeof(struct tx_exit));
    if (!overflow && c->n_notes && (b->notes = block_arena_alloc(&tx->arena, sizeof *b->notes * (size_t)c->n_notes, 8))) {
        memcpy(b->notes, c->notes, sizeof *b->notes * (size_t)c->n_notes);
        b->n_notes = (uint16_t)c->n_notes;
    }
    if (!overflow && c->n_fault_sites) {
        b->fault_sites = block_arena_alloc(&tx->arena, sizeof *b->fault_sites * (size_t)c->n_fault_sites, 8);
        if (b->fault_sites) memcpy(b->fault_sites, c->fault_sites, sizeof *b->fault_sites * (size_t)c->n_fault_sites);
        else overflow = true; /* (the arena is full: the dispatcher flushes and retries) */
        b->n_fault_sites = (uint16_t)c->n_fault_sites;
    }
    if (!overflow && b->n_cold) {
        b->cold = block_arena_alloc(&tx->arena, sizeof *b->cold * b->n_cold, 8);
        if (b->cold) memcpy(b->cold, c->cold, sizeof *b->cold * b->n_cold);
        else overflow = true;
    } else if (!b->n_cold) {
        b->cold = NULL;
    }
    if (overflow) {
        tx_free_block(b);
        return NULL; /* the dispatcher flushes and retries */
    }
    mmu_note_translated(cpu->mmu, b->code_lo, b->code_end - b->code_lo);
    b->host = code_cache_rx(&tx->cc, start);
    b->host_size = (uint32_t)size;
    code_cache_commit(&tx->cc, size);
    tx->stats.blocks_translated++;
    tx->stats.guest_bytes += b->guest_size;
    tx->stats.host_bytes += size;
    tx->stats.counter_bytes += c->counter_bytes;
    tx->stats.guest_insns_translated += (uint64_t)n;
    return b;
}

