/*
 * translator/translate.c — from a guest pc to a block of host code.
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
 *   4. emit the out-of-line slow paths of memory accesses;
 *   5. the block is done: its code is already in the cache (written through
 *      the write view, executed through the execute view).
 * With --explain or --explain-hot, each piece of code is also labelled as it
 * is emitted (note_begin/note_end: "inline TLB check", "exit to ...") so
 * translator/explain.c can say what every host instruction is for.
 * This file also holds the trampolines and the small emission helpers the
 * lowering files share.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/interp.h"
#include "mmu/mmu.h"
#include "translator/helpers.h"
#include "translator/lower.h"

#define PC_OFF ((int32_t)offsetof(struct cpu, pc))
#define INSTRET_OFF ((int32_t)offsetof(struct cpu, instret))
#define MMU_OFF ((int32_t)offsetof(struct cpu, mmu))

static struct x86_mem cpu_field(int32_t off) { return x86_mem_base_disp(HR_CPU, off); }

/* ---- the trampolines -------------------------------------------------------- */

/* enter(cpu, code): save the callee-saved registers the blocks use, point rbp
 * at the cpu, load instret into r15 and the TLB's address into r10 (see
 * lower_mem.c), and jump into the block.  The epilogue
 * stores instret back, undoes the rest and returns rax to the dispatcher.
 *
 * Why instret lives in a register: every block adds its instruction count
 * to it.  As a memory add, that is a load-add-store on one address in every
 * block, a dependency chain through memory that limited short blocks (calls
 * and returns) more than the loss of a fifth cache register costs. */
bool tx_emit_trampolines(struct translator *tx)
{
    struct x86_buf b = {code_cache_top(&tx->cc), code_cache_top(&tx->cc),
                        code_cache_top(&tx->cc) + code_cache_free(&tx->cc), false};
    static const enum x86_reg saved[] = {X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15};
    uint8_t *enter = b.cur;
    for (size_t i = 0; i < 6; i++) x86_push_r64(&b, saved[i]);
    /* 8 (return address) + 6*8 pushes = 56: 8 more keeps calls 16-byte aligned */
    x86_sub_r64_imm32(&b, X86_RSP, 8);
    x86_mov_r64_r64(&b, HR_CPU, X86_RDI);
    x86_mov_r64_m64(&b, HR_INSTRET, cpu_field(INSTRET_OFF));
    x86_mov_r64_m64(&b, HR_TLB, cpu_field(MMU_OFF));
    x86_jmp_r64(&b, X86_RSI);
    x86_align(&b, 16);
    uint8_t *epilogue = b.cur;
    x86_mov_m64_r64(&b, cpu_field(INSTRET_OFF), HR_INSTRET);
    x86_add_r64_imm32(&b, X86_RSP, 8);
    for (int i = 5; i >= 0; i--) x86_pop_r64(&b, saved[i]);
    x86_ret(&b);
    x86_align(&b, 16);
    if (b.overflow) return false;
    tx->enter = code_cache_rx(&tx->cc, enter);
    tx->epilogue = code_cache_rx(&tx->cc, epilogue);
    tx->trampoline_size = (size_t)(b.cur - tx->cc.rw);
    tx->cc.used = tx->trampoline_size;
    return true;
}

/* ---- emission helpers shared by the lowering files ---------------------------- */

int note_begin(struct lower_ctx *c, enum tx_note_kind kind, uint64_t pc, uint64_t value)
{
    if (!tx_explaining(c->tx) || c->n_notes == MAX_NOTES) return -1;
    uint32_t at = (uint32_t)(c->buf.cur - c->buf.start);
    c->notes[c->n_notes] = (struct tx_note){.start = at, .end = at, .kind = (uint8_t)kind, .pc = pc, .value = value};
    return c->n_notes++;
}

void note_end(struct lower_ctx *c, int note)
{
    if (note >= 0) c->notes[note].end = (uint32_t)(c->buf.cur - c->buf.start);
}

void emit_instret_update(struct lower_ctx *c, int count)
{
    if (!count) return;
    int note = note_begin(c, TX_NOTE_INSTRET, c->pc, (uint64_t)(int64_t)count);
    x86_add_r64_imm32(&c->buf, HR_INSTRET, count);
    note_end(c, note);
}

void emit_set_pc(struct lower_ctx *c, uint64_t pc)
{
    x86_mov_r64_imm64(&c->buf, HR_T0, pc);
    x86_mov_m64_r64(&c->buf, cpu_field(PC_OFF), HR_T0);
}

/* A call to a C helper.  r10 is caller-saved in the C ABI but holds the
 * TLB's address in generated code: take it again afterwards (an L1 hit, and
 * helpers are off the fast paths). */
void emit_call(struct lower_ctx *c, const void *fn)
{
    x86_mov_r64_imm64(&c->buf, HR_T0, (uint64_t)(uintptr_t)fn);
    x86_call_r64(&c->buf, HR_T0);
    x86_mov_r64_m64(&c->buf, HR_TLB, cpu_field(MMU_OFF));
}

/* The interpreter counts the instruction it runs in cpu->instret (and a CSR
 * read may look at it): hand it the register's value and take it back. */
void emit_call_syncing_instret(struct lower_ctx *c, const void *fn)
{
    x86_mov_m64_r64(&c->buf, cpu_field(INSTRET_OFF), HR_INSTRET);
    emit_call(c, fn);
    x86_mov_r64_m64(&c->buf, HR_INSTRET, cpu_field(INSTRET_OFF));
}

/* jmp rel32 from the current (rw) position to an rx address. */
static void emit_jmp_to_rx(struct lower_ctx *c, const uint8_t *target_rx)
{
    uint8_t *disp = x86_jmp_rel32(&c->buf);
    if (disp) x86_patch_rel32(disp, code_cache_rx(&c->tx->cc, disp), target_rx);
}

void emit_return(struct lower_ctx *c, uintptr_t code)
{
    x86_mov_r64_imm64(&c->buf, HR_T0, code);
    emit_jmp_to_rx(c, c->tx->epilogue);
}

/* A direct exit: `jmp rel32` to a stub right after it that sets pc and
 * returns the exit's address.  Chaining later re-points the jmp at the
 * successor block, skipping the stub. */
void emit_direct_exit(struct lower_ctx *c, uint64_t target)
{
    struct tx_block *b = c->blk;
    if (b->n_exits == TX_MAX_EXITS) { /* cannot happen: discovery limits the side exits */
        emit_set_pc(c, target);
        emit_return(c, TX_RET_PLAIN);
        return;
    }
    struct tx_exit *e = &b->exits[b->n_exits++];
    e->block = b;
    e->target_pc = target;
    e->chained = NULL;
    int note = note_begin(c, TX_NOTE_EXIT, target, b->n_exits - 1u);
    uint8_t *disp = x86_jmp_rel32(&c->buf);
    if (!disp) return;
    e->jmp_rel32 = code_cache_rx(&c->tx->cc, disp);
    x86_patch_rel32(disp, e->jmp_rel32, code_cache_rx(&c->tx->cc, c->buf.cur)); /* to the stub */
    emit_set_pc(c, target);
    emit_return(c, (uintptr_t)e);
    note_end(c, note);
}

void tx_chain(struct translator *tx, struct tx_exit *e, struct tx_block *to)
{
    x86_patch_rel32(code_cache_rw(&tx->cc, e->jmp_rel32), e->jmp_rel32, to->host);
    code_cache_changed(e->jmp_rel32 - 1, 5);
    e->chained = to;
    tx->stats.chained++;
}

static bool is_memory_access(const struct rv_insn *in)
{
    return rv_insn_info[in->op].flags & (RV_F_LOAD | RV_F_STORE | RV_F_AMO);
}

/* ---- block discovery ------------------------------------------------------------ */

static bool ends_block(const struct rv_insn *in)
{
    return rv_insn_info[in->op].flags & (RV_F_JUMP | RV_F_BRANCH | RV_F_SYSTEM);
}

/* Decodes the block's instructions into insns[]; returns how many (0 if the
 * first one traps: cpu->trap_* set). */
static int discover(struct cpu *cpu, struct rv_insn *insns, uint8_t *end_reason)
{
    uint64_t saved_pc = cpu->pc, pc = cpu->pc;
    int n = 0, side_exits = 0;
    *end_reason = TX_END_LENGTH;
    while (n < TX_MAX_BLOCK_INSNS) {
        cpu->pc = pc;
        if (!cpu_fetch_decode(cpu, &insns[n])) {
            *end_reason = TX_END_UNDECODABLE;
            break;
        }
        pc += insns[n].len;
        /* A forward branch becomes a side exit and the block goes on with
         * the fall-through path; a backward branch (a loop) ends the block,
         * so the loop body can be a block of its own and a self-loop. */
        if ((rv_insn_info[insns[n].op].flags & RV_F_BRANCH) && insns[n].imm > 0 &&
            side_exits < TX_MAX_SIDE_EXITS && n + 1 < TX_MAX_BLOCK_INSNS) {
            side_exits++;
            n++;
        } else if (ends_block(&insns[n++])) {
            const struct rv_insn *last = &insns[n - 1];
            *end_reason = last->op == RV_OP_JALR ? TX_END_INDIRECT
                          : (rv_insn_info[last->op].flags & RV_F_JUMP) ? TX_END_JUMP
                          : (rv_insn_info[last->op].flags & RV_F_BRANCH) ? TX_END_BRANCH : TX_END_SYSTEM;
            break;
        }
        /* Stop at a page boundary: the next page may be unmapped or
         * remapped independently of this one. */
        if ((pc & ~MMU_PAGE_MASK) != (saved_pc & ~MMU_PAGE_MASK)) {
            *end_reason = TX_END_PAGE;
            break;
        }
    }
    cpu->pc = saved_pc;
    if (n == 0) return 0; /* the trap of the first instruction is left in cpu->trap_* */
    return n;
}

/* ---- the block's code --------------------------------------------------------------- */

/* Entry check: return to the dispatcher at once if it asked us to (a signal
 * arrived); without it, a chained loop would never come back.  A self-loop
 * has it at its loop head, after the preloads, so that every iteration
 * passes it and the back edge is one conditional jump; its exit path then
 * writes back the registers the loop may have changed. */
static void emit_entry_check(struct lower_ctx *c)
{
    int note = note_begin(c, TX_NOTE_ENTRY_CHECK, c->blk->pc, c->self_loop);
    x86_cmp_m8_imm8(&c->buf, cpu_field((int32_t)offsetof(struct cpu, exit_request)), 0);
    uint8_t *out = x86_jcc_rel32(&c->buf, X86_CC_NE);
    c->slow[c->n_slow++] = (struct slow_path){.kind = SLOW_EXIT_REQUEST, .jcc_rel32 = out, .pc = c->blk->pc,
                                              .dirty_mask = rc_dirty_mask(c)};
    note_end(c, note);
}

/* --explain-hot: the block counts its own executions, chained ones
 * included, with one memory increment.  Emitted only when asked for, so
 * normal translated code pays nothing for the feature. */
static void emit_hot_counter(struct lower_ctx *c)
{
    int note = note_begin(c, TX_NOTE_HOT_COUNTER, c->blk->pc, 0);
    x86_mov_r64_imm64(&c->buf, HR_T0, (uint64_t)(uintptr_t)&c->blk->hot_count);
    x86_add_m64_imm32(&c->buf, x86_mem_base_disp(HR_T0, 0), 1);
    note_end(c, note);
}

static const uint8_t slow_note_kind[] = {
    [SLOW_LOAD] = TX_NOTE_SLOW_LOAD, [SLOW_STORE] = TX_NOTE_SLOW_STORE,
    [SLOW_EXIT_REQUEST] = TX_NOTE_SLOW_EXIT_REQUEST, [SLOW_INTERP] = TX_NOTE_SLOW_INTERP,
    [SLOW_SIDE_EXIT] = TX_NOTE_SIDE_EXIT, [SLOW_INNER_JUMP] = TX_NOTE_INNER_JUMP,
};

/* An inner jump needs no out-of-line code when its target's instret is
 * up to date (translate() flushes it there) and nothing is counted. */
static bool inner_jump_is_direct(const struct lower_ctx *c, const struct slow_path *s)
{
    return s->pending_instret == c->pending_at[s->target_index] && !c->tx->opt.explain_hot && !c->tx->opt.count;
}

/* One out-of-line path (a memory access's TLB miss or fault, an interpreter
 * call, the entry-check exit), entered from its branch on the main path. */
static void emit_one_slow_path(struct lower_ctx *c, struct slow_path *s)
{
    uint8_t *here = c->buf.cur;
    if (s->fault_at && c->n_fault_sites < TX_MAX_BLOCK_INSNS) /* a host fault there continues here */
        c->fault_sites[c->n_fault_sites++] =
            (struct tx_fault_site){(uint32_t)(s->fault_at - c->buf.start), (uint32_t)(here - c->buf.start)};
    if (s->jcc_rel32) x86_patch_rel32(s->jcc_rel32, code_cache_rx(&c->tx->cc, s->jcc_rel32),
                                      code_cache_rx(&c->tx->cc, here));
    if (s->kind == SLOW_INNER_JUMP) { /* a self-loop's branch to its own later code: no write-back */
        struct tx_block *b = c->blk;
        int j = s->target_index;
        if (inner_jump_is_direct(c, s)) { /* nothing to do on the way: the branch goes there itself */
            x86_patch_rel32(s->jcc_rel32, code_cache_rx(&c->tx->cc, s->jcc_rel32),
                            code_cache_rx(&c->tx->cc, c->buf.start + b->host_offset[j]));
            return;
        }
        if ((c->tx->opt.explain_hot || c->tx->opt.count) && b->n_inner < TX_MAX_SIDE_EXITS) {
            int k = b->n_inner++;
            b->inner_skipped[k] = (uint32_t)(j - s->insn_index - 1);
            for (int m = s->insn_index + 1; m < j; m++) b->inner_skipped_mem[k] += is_memory_access(&b->insns[m]);
            x86_mov_r64_imm64(&c->buf, HR_T0, (uint64_t)(uintptr_t)&b->inner_count[k]);
            x86_add_m64_imm32(&c->buf, x86_mem_base_disp(HR_T0, 0), 1);
        }
        /* the main path counts the skipped instructions when it reaches the next update: uncount them */
        emit_instret_update(c, s->pending_instret - c->pending_at[j]);
        uint8_t *jmp = x86_jmp_rel32(&c->buf);
        if (jmp) x86_patch_rel32(jmp, code_cache_rx(&c->tx->cc, jmp),
                                 code_cache_rx(&c->tx->cc, c->buf.start + b->host_offset[j]));
        return;
    }
    if (s->kind == SLOW_SIDE_EXIT) { /* a branch in the middle of the block was taken */
        rc_writeback_mask(c, s->dirty_mask);
        emit_instret_update(c, s->pending_instret);
        struct tx_exit *e = &c->blk->exits[c->blk->n_exits];
        if ((c->tx->opt.explain_hot || c->tx->opt.count) && c->blk->n_exits < TX_MAX_EXITS) {
            e->skipped_insns = (uint32_t)(c->blk->n_insns - 1 - s->insn_index);
            for (int k = s->insn_index + 1; k < c->blk->n_insns; k++)
                if (is_memory_access(&c->blk->insns[k])) e->skipped_mem++;
            x86_mov_r64_imm64(&c->buf, HR_T0, (uint64_t)(uintptr_t)&e->hot_count);
            x86_add_m64_imm32(&c->buf, x86_mem_base_disp(HR_T0, 0), 1);
        }
        emit_direct_exit(c, s->pc);
        return;
    }
    if (s->kind == SLOW_EXIT_REQUEST) { /* at the entry nothing has run yet; at a loop's back edge
                                         * registers may be dirty: write them back, say where we are */
        rc_writeback_mask(c, s->dirty_mask);
        emit_set_pc(c, s->pc);
        emit_return(c, TX_RET_PLAIN);
        return;
    }
    if (s->kind == SLOW_INTERP) { /* a case the inline code does not cover: the interpreter runs it */
        rc_writeback_mask(c, s->dirty_mask); /* it may read integer registers from struct cpu */
        emit_set_pc(c, s->pc);
        rc_save_volatile(c, s->volatile_mask); /* (before rdi, a cache register, becomes the argument) */
        x86_mov_r64_r64(&c->buf, HR_ARG0, HR_CPU);
        x86_mov_r64_imm64(&c->buf, HR_ADDR, (uint64_t)(uintptr_t)s->insn);
        emit_call_syncing_instret(c, (const void *)tx_helper_exec);
        rc_restore_volatile(c, s->volatile_mask); /* (before rd is reloaded below) */
        x86_movzx_r32_r8(&c->buf, HR_T0, HR_T0);
        x86_test_r32_r32(&c->buf, HR_T0, HR_T0);
        uint8_t *trap = x86_jcc_rel32(&c->buf, X86_CC_E);
        emit_instret_update(c, -1); /* the helper counted it; so does the main path */
        /* an integer result went to struct cpu: the main path expects it in its cache register */
        if (rv_insn_info[s->insn->op].operands[0] == 'd') rc_reload(c, s->insn->rd);
        if (s->fc_at_resume) fc_reload(c, s->fc_resume); /* (C clobbered the xmm registers) */
        uint8_t *back = x86_jmp_rel32(&c->buf);
        if (back) x86_patch_rel32(back, code_cache_rx(&c->tx->cc, back), code_cache_rx(&c->tx->cc, s->resume));
        if (trap) x86_patch_rel32(trap, code_cache_rx(&c->tx->cc, trap), code_cache_rx(&c->tx->cc, c->buf.cur));
        emit_instret_update(c, s->pending_instret); /* registers were written back above */
        emit_return(c, TX_RET_TRAP);
        return;
    }
    /* rsi = the guest address (first: its base may be in rdi, which becomes the cpu argument) */
    x86_lea_r64_m(&c->buf, HR_ADDR, x86_mem_base_disp(s->addr_base, s->addr_imm));
    rc_save_volatile(c, s->volatile_mask); /* r9/r11/rdi/r8 cache registers: the helper may clobber them */
    if (s->kind == SLOW_LOAD) {
        x86_mov_r64_r64(&c->buf, HR_ARG0, HR_CPU); /* rdi = cpu; rsi = the address, already there */
        x86_mov_r64_imm64(&c->buf, X86_RDX, s->size | (s->sign ? TX_LOAD_SIGNED : 0));
        emit_call(c, (const void *)tx_helper_load);
        /* the value comes back in rax, where the fast path leaves it too */
    } else {
        x86_mov_r64_r64(&c->buf, X86_RDX, s->value_reg); /* first: the value may be in rdi */
        x86_mov_r64_r64(&c->buf, HR_ARG0, HR_CPU);
        x86_mov_r64_imm64(&c->buf, X86_RCX, s->size);
        emit_call(c, (const void *)tx_helper_store);
    }
    rc_restore_volatile(c, s->volatile_mask); /* (movs: rax, rdx and the flags are left alone) */
    x86_test_r64_r64(&c->buf, X86_RDX, X86_RDX);
    uint8_t *fault = x86_jcc_rel32(&c->buf, X86_CC_NE);
    if (s->kind == SLOW_LOAD && s->load_dest != HR_T0) x86_mov_r64_r64(&c->buf, s->load_dest, HR_T0);
    if (s->fc_at_resume) fc_reload(c, s->fc_resume); /* (C clobbered the xmm registers) */
    uint8_t *back = x86_jmp_rel32(&c->buf);
    if (back) x86_patch_rel32(back, code_cache_rx(&c->tx->cc, back), code_cache_rx(&c->tx->cc, s->resume));
    /* Fault: make the state exactly the interpreter's before this instruction. */
    if (fault) x86_patch_rel32(fault, code_cache_rx(&c->tx->cc, fault), code_cache_rx(&c->tx->cc, c->buf.cur));
    rc_writeback_mask(c, s->dirty_mask);
    emit_instret_update(c, s->pending_instret);
    emit_set_pc(c, s->pc);
    emit_return(c, TX_RET_TRAP);
}

/* A self-loop's back edge: the registers stay in host registers, and
 * control goes straight to the loop head (where the exit check is).  Only
 * registers an interpreter call made stale are loaded again first. */
void emit_loop_back(struct lower_ctx *c)
{
    int note = note_begin(c, TX_NOTE_LOOP_BACK, c->blk->pc, 0);
    rc_load_stale(c);
    emit_instret_update(c, c->pending_instret);
    uint8_t *back = x86_jmp_rel32(&c->buf);
    if (back) x86_patch_rel32(back, code_cache_rx(&c->tx->cc, back), code_cache_rx(&c->tx->cc, c->loop_head));
    note_end(c, note);
}

bool loop_back_is_direct(const struct lower_ctx *c)
{
    return !rc_has_stale(c) && c->pending_instret == 0;
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
    for (int i = 0; i + 1 < b->n_insns; pc += b->insns[i].len, i++) {
        if (!(rv_insn_info[b->insns[i].op].flags & RV_F_BRANCH)) continue;
        uint64_t to = pc + (uint64_t)b->insns[i].imm, at = pc + b->insns[i].len;
        for (int j = i + 1; j < b->n_insns; at += b->insns[j].len, j++)
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
        for (int j = 0; j < c->blk->n_insns; pc += c->blk->insns[j].len, j++) {
            if (pc != s->pc) continue;
            if (j > s->insn_index && c->pending_at[j] >= 0) {
                s->kind = SLOW_INNER_JUMP;
                s->target_index = j;
            }
            break;
        }
    }
}

/* The slow paths, emitted after the block's main path. */
static void emit_slow_paths(struct lower_ctx *c)
{
    for (int i = 0; i < c->n_slow; i++) {
        struct slow_path *s = &c->slow[i];
        int note = note_begin(c, (enum tx_note_kind)slow_note_kind[s->kind], s->pc,
                              s->size | (s->fault_at ? TX_NOTE_HOST_FAULT : 0));
        emit_one_slow_path(c, s);
        note_end(c, note);
    }
}

/* Lowers one instruction: a family that emits it inline, or the interpreter. */
static void lower_one(struct lower_ctx *c, const struct rv_insn *in)
{
    if (ends_block(in)) {
        if (!lower_control(c, in)) lower_via_interpreter(c, in, true);
        return;
    }
    /* System mode: FP instructions must check mstatus.FS and mark it Dirty,
     * which the interpreter's semantics do; inline FP code would not. */
    if (c->cpu->system && (rv_insn_info[in->op].flags & RV_F_FP)) {
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
    lower_via_interpreter(c, in, false);
}

struct tx_block *tx_translate(struct translator *tx, struct cpu *cpu, bool *trap)
{
    struct rv_insn insns[TX_MAX_BLOCK_INSNS];
    uint8_t end_reason;
    *trap = false;
    int n = discover(cpu, insns, &end_reason);
    if (n == 0) {
        *trap = true;
        return NULL;
    }
    struct tx_block *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    b->pc = cpu->pc;
    b->mode = cpu->priv.mode;
    b->n_insns = (uint16_t)n;
    b->end_reason = end_reason;
    b->insns = malloc(sizeof(struct rv_insn) * (size_t)n);
    b->host_offset = malloc(sizeof(uint32_t) * ((size_t)n + 1));
    if (!b->insns || !b->host_offset) {
        free(b->insns);
        free(b->host_offset);
        free(b);
        return NULL;
    }
    memcpy(b->insns, insns, sizeof(struct rv_insn) * (size_t)n);

    /* The lowering context is big (the slow-path and label tables): it is
     * allocated once per translator, and only its small head is cleared. */
    if (!tx->ctx && !(tx->ctx = malloc(sizeof *tx->ctx))) {
        free(b->insns);
        free(b->host_offset);
        free(b);
        return NULL;
    }
    struct lower_ctx *c = tx->ctx;
    memset(c, 0, offsetof(struct lower_ctx, slow));
    c->n_slow = 0;
    c->n_notes = 0;
    c->n_fault_sites = 0;
    /* user mode, host MMU: a faulting access must find its slow path */
    if (tx->opt.host_mmu && !cpu->mmu->sys && !tx_install_fault_handler(tx)) tx->opt.host_mmu = false;
    c->tx = tx;
    c->cpu = cpu;
    c->blk = b;
    uint8_t *start = code_cache_top(&tx->cc);
    c->buf = (struct x86_buf){start, start, start + code_cache_free(&tx->cc), false};
    uint64_t last_pc = b->pc;
    for (int i = 0; i + 1 < n; i++) last_pc += b->insns[i].len;
    c->self_loop = is_self_loop(b, &b->insns[n - 1], last_pc, tx->opt.chain);
    rc_init(c, b->insns, n);
    fc_reset(c);

    if (c->self_loop) {
        int note = note_begin(c, TX_NOTE_LOOP_PRELOAD, b->pc, 0);
        rc_preload_for_loop(c, b->insns, n);
        note_end(c, note);
        c->loop_head = c->buf.cur;
        b->loop_head_offset = (uint32_t)(c->buf.cur - start);
    }
    emit_entry_check(c);
    find_inner_jumps(c);
    /* (after the loop head, so that a self-loop counts every iteration) */
    if (tx->opt.explain_hot || tx->opt.count) emit_hot_counter(c);
    for (int i = 0; i < n; i++) b->mem_insns += is_memory_access(&b->insns[i]);
    uint64_t pc = b->pc;
    for (int i = 0; i < n; i++) {
        c->index = i;
        c->pc = pc;
        if (c->inner_target[i]) { /* so that the inner jumps here need no correction */
            emit_instret_update(c, c->pending_instret);
            c->pending_instret = 0;
            fc_reset(c); /* (an inner jump here skipped the FP cache's loads in between) */
        }
        c->pending_at[i] = c->pending_instret;
        b->host_offset[i] = (uint32_t)(c->buf.cur - start);
        int note = i + 1 < n ? note_begin(c, TX_NOTE_FUSED, pc, pc + b->insns[i].len) : -1;
        int fused = i + 1 < n ? lower_fused(c, &b->insns[i], &b->insns[i + 1]) : 0;
        if (note >= 0 && !fused) c->n_notes--; /* (the last note: nothing was emitted under it) */
        note_end(c, fused ? note : -1);
        if (fused) {
            /* the pair's code is listed under its first instruction */
            if (!ends_block(&b->insns[i + 1])) c->pending_instret += 2;
            pc += b->insns[i].len;
            i++;
            c->pending_at[i] = -1; /* no code of its own: not a target for an inner jump */
            b->host_offset[i] = (uint32_t)(c->buf.cur - start);
            pc += b->insns[i].len;
            continue;
        }
        lower_one(c, &b->insns[i]);
        pc += b->insns[i].len;
    }
    if (!ends_block(&b->insns[n - 1])) { /* page boundary, length cap, undecodable next */
        rc_writeback(c);
        emit_instret_update(c, c->pending_instret);
        emit_direct_exit(c, pc);
    }
    b->host_offset[n] = (uint32_t)(c->buf.cur - start);
    make_inner_jumps(c);
    emit_slow_paths(c);

    bool overflow = c->buf.overflow;
    size_t size = (size_t)(c->buf.cur - start);
    if (!overflow && c->n_notes && (b->notes = malloc(sizeof *b->notes * (size_t)c->n_notes))) {
        memcpy(b->notes, c->notes, sizeof *b->notes * (size_t)c->n_notes);
        b->n_notes = (uint16_t)c->n_notes;
    }
    if (!overflow && c->n_fault_sites) {
        b->fault_sites = malloc(sizeof *b->fault_sites * (size_t)c->n_fault_sites);
        if (b->fault_sites) memcpy(b->fault_sites, c->fault_sites, sizeof *b->fault_sites * (size_t)c->n_fault_sites);
        else overflow = true; /* (out of memory: the dispatcher flushes and retries) */
        b->n_fault_sites = (uint16_t)c->n_fault_sites;
    }
    if (overflow) {
        free(b->notes);
        free(b->insns);
        free(b->host_offset);
        free(b);
        return NULL; /* the dispatcher flushes and retries */
    }
    b->guest_size = (uint32_t)(pc - b->pc);
    mmu_note_translated(cpu->mmu, b->pc, b->guest_size);
    b->host = code_cache_rx(&tx->cc, start);
    b->host_size = (uint32_t)size;
    tx->cc.used += (size + 15) & ~(size_t)15;
    if (tx->cc.used > tx->cc.size) tx->cc.used = tx->cc.size;
    tx->stats.blocks_translated++;
    tx->stats.guest_bytes += b->guest_size;
    tx->stats.host_bytes += size;
    tx->stats.guest_insns_translated += (uint64_t)n;
    return b;
}
