/*
 * translator/trampolines.c — how control enters and leaves translated code,
 * and how blocks are chained.
 *
 * The entry trampoline and the epilogue (built once, at the start of the
 * code cache); the ways a block goes back to the dispatcher (emit_return,
 * emit_direct_exit); and tx_chain, which re-points a direct exit's jump at
 * its successor block so the next time it does not go back at all.  These
 * jumps leave the block, so they are patched with executable-view
 * addresses (x86_patch_rel32), unlike the labels used inside a block.
 */
#include <stddef.h>

#include "mmu/mmu.h"
#include "translator/cold_stubs.h"
#include "translator/lower.h"

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
    size_t room;
    uint8_t *start = code_cache_reserve(&tx->cc, &room);
    struct x86_buf b = {start, start, start + room, false};
    static const enum x86_reg saved[] = {X86_RBP, X86_RBX, X86_R12, X86_R13, X86_R14, X86_R15};
    uint8_t *enter = b.cur;
    for (size_t i = 0; i < 6; i++) x86_push_r64(&b, saved[i]);
    /* 8 (return address) + 6*8 pushes = 56: 8 more keeps calls 16-byte aligned */
    x86_sub_r64_imm32(&b, X86_RSP, 8);
    x86_mov_r64_r64(&b, HR_CPU, X86_RDI);
    x86_mov_r64_m64(&b, HR_INSTRET, cpu_field(INSTRET_OFF));
    rc_emit_load_pinned(tx, &b); /* (opt.pin_regs: regcache.c) */
    x86_mov_r64_m64(&b, HR_TLB, cpu_field(MMU_OFF));
    x86_mov_r64_m64(&b, HR_TLB, x86_mem_base_disp(HR_TLB, (int32_t)offsetof(struct mmu, tlbp))); /* (user mode: the same address) */
    x86_jmp_r64(&b, X86_RSI);
    x86_align(&b, 16);
    uint8_t *epilogue = b.cur;
    x86_mov_m64_r64(&b, cpu_field(INSTRET_OFF), HR_INSTRET);
    rc_emit_store_pinned(tx, &b);
    x86_add_r64_imm32(&b, X86_RSP, 8);
    for (int i = 5; i >= 0; i--) x86_pop_r64(&b, saved[i]);
    x86_ret(&b);
    x86_align(&b, 16);
    tx->enter = code_cache_rx(&tx->cc, enter);
    tx->epilogue = code_cache_rx(&tx->cc, epilogue);
    if (!tx_emit_cold_thunks(tx, &b)) tx->cold_exit = tx->cold_exit_request = tx->cold_access = tx->cold_indirect_miss = NULL;
    if (b.overflow) return false;
    code_cache_commit(&tx->cc, (size_t)(b.cur - start));
    code_cache_pin(&tx->cc); /* a flush keeps them */
    return true;
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

/* The jump-cache index of the pc in rdx, ((pc >> 1) % size) * 16, is
 * (pc & (2 * size - 2)) << 3: one instruction less. */
_Static_assert(sizeof(struct tx_jmp_entry) == 16, "the index below scales by 16");
void emit_jump_cache_probe_to(struct lower_ctx *c, const uint8_t *miss_rx) { emit_jump_cache_probe_reg(c, miss_rx, HR_T2); }

void emit_jump_cache_probe_reg(struct lower_ctx *c, const uint8_t *miss_rx, enum x86_reg target)
{
    struct x86_buf *b = &c->buf;
    /* --short-probe (the default): the entry is addressed as [rcx + rax*8]
     * with rax = pc & (2 * size - 2), so neither the shift nor the add is an
     * instruction of its own: 6 instructions from rdx to the jump, not 8 */
    bool scaled = c->tx->opt.short_probe;
    /* --low-jump-cache (the default, when the host gave the cache memory
     * below 2 GiB, dispatch.c): with the scaled index the cache's address
     * is the displacement, [rax*8 + cache], and the movabs goes: 5
     * instructions from rdx to the jump */
    uintptr_t cache = (uintptr_t)tx_jmp_cache_of(c->tx, c->blk->mode);
    bool low = scaled && c->tx->opt.low_jmp_cache && c->tx->jmp_cache_low;
    x86_mov_r32_r32(b, HR_T0, target);
    x86_and_r32_imm32(b, HR_T0, (int32_t)(2 * c->tx->jmp_size - 2));
    if (!scaled) x86_shl_r32_imm8(b, HR_T0, 3);
    if (!low) x86_mov_r64_imm64(b, HR_T1, (uint64_t)cache);
    if (!scaled) x86_add_r64_r64(b, HR_T1, HR_T0);
    struct x86_mem tag = low      ? x86_mem_index_disp(HR_T0, 8, (int32_t)cache)
                         : scaled ? x86_mem_base_index(HR_T1, HR_T0, 8, 0)
                                  : x86_mem_base_disp(HR_T1, 0);
    struct x86_mem code = low      ? x86_mem_index_disp(HR_T0, 8, (int32_t)(cache + 8))
                          : scaled ? x86_mem_base_index(HR_T1, HR_T0, 8, 8)
                                   : x86_mem_base_disp(HR_T1, 8);
    x86_cmp_r64_m64(b, target, tag);
    struct x86_label miss = x86_label();
    if (target != HR_T2) { /* (only with miss_rx) the shared miss code wants the target in rdx */
        x86_jcc_label(b, X86_CC_NE, &miss);
        x86_jmp_m64(b, code);
        x86_bind(b, &miss);
        x86_mov_r64_r64(b, HR_T2, target);
        uint8_t *disp = x86_jmp_rel32(b);
        if (disp) x86_patch_rel32(disp, code_cache_rx(&c->tx->cc, disp), miss_rx);
        return;
    }
    if (miss_rx) {
        uint8_t *disp = x86_jcc_rel32(b, X86_CC_NE);
        if (disp) x86_patch_rel32(disp, code_cache_rx(&c->tx->cc, disp), miss_rx);
    } else {
        x86_jcc_label(b, X86_CC_NE, &miss);
    }
    x86_jmp_m64(b, code);
    if (!miss_rx) x86_bind(b, &miss);
}

void emit_jump_cache_probe(struct lower_ctx *c) { emit_jump_cache_probe_to(c, NULL); }

int jump_cache_probe_note(const struct lower_ctx *c)
{
    const struct translator *tx = c->tx;
    return (tx->opt.short_probe ? 2 : 0) | (tx->opt.short_probe && tx->opt.low_jmp_cache && tx->jmp_cache_low ? 4 : 0);
}

/* A direct exit: `jmp rel32` to a stub right after it that sets pc and
 * returns the exit's address.  Chaining later re-points the jmp at the
 * successor block, skipping the stub.
 *
 * System mode chains only within a page (tx_sys_may_chain: another page's
 * mapping may change under the jump), so an exit to another page — calls
 * and returns between kernel functions, mostly — would come back to the
 * dispatcher every time.  Its stub first probes the jump cache, as an
 * indirect jump does: the dispatcher fills it only with blocks checked
 * against the current mapping and empties it at every sfence.vma, satp
 * write and change of privilege, so a hit is as safe as there.  A miss
 * returns the exit as before. */
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
    struct x86_label stub = x86_label();
    uint8_t *disp = x86_jmp_label(&c->buf, &stub);
    if (!disp) return;
    e->jmp_rel32 = code_cache_rx(&c->tx->cc, disp);
    x86_bind(&c->buf, &stub);
    struct translator *tx = c->tx;
    bool cross_page = tx->system && tx->opt.chain && tx->opt.cross_page && ((target ^ b->pc) & ~(uint64_t)MMU_PAGE_MASK);
    /* (the short stub finds its exit from the return address: worth it for a
     * stub that runs once before chaining patches the jump, not with --no-chain,
     * where every exit runs its stub) */
    if (!cross_page && cold_stubs_on(c) && tx->opt.chain) { /* (cold_stubs.c: pc = e->target_pc there) */
        emit_cold_exit_stub(c);
        note_end(c, note);
        return;
    }
    emit_set_pc(c, target);
    if (cross_page) {
        x86_mov_r64_imm64(&c->buf, HR_T2, target);
        emit_jump_cache_probe(c);
    }
    emit_return(c, (uintptr_t)e);
    note_end(c, note);
}

void tx_chain(struct translator *tx, struct tx_exit *e, struct tx_block *to)
{
    /* opt.forward_skip: a jump forward in the guest code enters past the
     * target's exit-request check.  A cycle of chained blocks cannot only go
     * forward, so it still passes a check on every turn (at a backward jump's
     * target, a self-loop's head, or an indirect jump's target, which the
     * jump cache enters at the start); a request waits at most for the
     * forward run of blocks in between. */
    const uint8_t *entry = to->host + (to->pc > e->block->pc ? to->entry_skip : 0);
    x86_patch_rel32(code_cache_rw(&tx->cc, e->jmp_rel32), e->jmp_rel32, entry);
    code_cache_changed(e->jmp_rel32 - 1, 5);
    e->chained = to;
    tx->stats.chained++;
}
