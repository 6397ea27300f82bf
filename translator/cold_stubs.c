/*
 * translator/cold_stubs.c — short cold paths: the rare exits of a block
 * through code shared by every block (opt.cold_stubs; --no-cold-stubs
 * emits them in full, as slow_paths.c and trampolines.c do).
 *
 * Most of a block's host code used to be code that almost never runs: each
 * load or store had its own ~90-byte slow path (save the volatile cache
 * registers, call the helper, restore, and on a fault write back the dirty
 * registers, count instret, set pc, leave); each exit had a 27-byte stub
 * (set pc, rax = the exit, jump to the dispatcher).  In lua5.4 that was two
 * thirds of the 26 host bytes per guest byte.  Here each of those becomes one
 * 5-byte `call` into shared code, and the return address it pushes says
 * which block and which case it is (the blocks lie in tx->all in the order
 * of their code, tx_block_at_host):
 *
 *   memory slow path    call cold_access   (a host-MMU access's fault, or an
 *                       inline TLB check's miss: system mode, --no-host-mmu;
 *                       --no-inline-tlb's always-taken paths stay in full).
 *                       A TLB miss costs ~100 host instructions more this
 *                       way (every register saved and restored, two binary
 *                       searches), but misses are rare (Linux's boot to /init:
 *                       0.18 M of 394 M accesses) and the full path was ~150
 *                       of a system-mode block's ~1,000 bytes per access.
 *       The block's side table has a record for it (struct tx_cold_access,
 *       found by the return address): what the full path had as code — the
 *       address base register and offset, size, sign, value and destination
 *       registers, the guest pc, pending instret and which guest registers
 *       are dirty (and in which host registers, tx_block.cold_reg_of).
 *       cold_access saves every host register into a frame on the stack,
 *       calls tx_cold_access() (C), restores them all — so no cache register
 *       needs saving by the block — and returns to wherever the C function
 *       said: the main path after the access, or, on a guest fault, the
 *       epilogue, the state made precise from the frame first (dirty
 *       registers written back, the FP cache's dirty xmm registers too,
 *       so the stub stores none; instret counted, pc set).
 *   exit stub           call cold_exit
 *       tx_cold_exit() finds the struct tx_exit, sets cpu->pc to its target,
 *       and the thunk returns it to the dispatcher, which chains it as before.
 *   exit request        call cold_exit_request
 *       pc = the block's start (after a self-loop's dirty registers are
 *       written back, as before), back to the dispatcher.
 *   canonical NaN       ucomisd x, x; jnp over; call cold_canonical_nan[x]
 *       An FP result that may hold an x86 NaN is made RISC-V's canonical
 *       NaN where its bits become visible (fpcache.c); the three
 *       instructions that build the constant live here, once per xmm
 *       register, instead of in every block (12 bytes inline, not 24).
 *   indirect jump miss  jne cold_indirect_miss
 *       The jump-cache probe of jalr (lower_control.c) no longer stores pc
 *       first and falls through to a return: its miss branch goes to shared
 *       code that stores pc (rdx, its bit 0 cleared: --odd-target-miss probes
 *       an odd target as it is) and returns to the dispatcher.  A hit
 *       needs no pc in struct cpu: the next block sets it whenever it
 *       leaves.  (--stats counts the lookups in the probe, the misses here.)
 * The hot code is unchanged; the rare paths cost a block lookup more.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mmu/mmu.h"
#include "translator/cold_stubs.h"
#include "translator/helpers.h"
#include "translator/lower.h"

/* The frame cold_access builds on the stack (see emit_cold_access_thunk):
 * xmm0..15 (low 64 bits: FP registers are 64-bit), padding for alignment,
 * rax..r15 by hardware number (gpr[4], rsp's place, is unused), and the
 * return address of the stub's call, which the C side rewrites. */
struct tx_cold_frame {
    uint64_t xmm[16];
    uint64_t pad;
    uint64_t gpr[16];
    const uint8_t *ret;
};
#define COLD_FRAME_BELOW_PUSHES ((int32_t)offsetof(struct tx_cold_frame, gpr))
_Static_assert(offsetof(struct tx_cold_frame, ret) == offsetof(struct tx_cold_frame, gpr) + 16 * 8, "pushes end at ret");
_Static_assert(offsetof(struct tx_cold_frame, gpr) % 16 == 8, "the call into C needs rsp 16-byte aligned");

/* (called from generated code only) */
void tx_cold_access(struct translator *tx, struct cpu *cpu, struct tx_cold_frame *f);
uintptr_t tx_cold_exit(struct translator *tx, uintptr_t stub_end, struct cpu *cpu);
uintptr_t tx_cold_exit_request(struct translator *tx, uintptr_t stub_end, struct cpu *cpu);

/* A stub's block, from the return address of its call; never NULL: a stub
 * runs only inside a block of this translator. */
static const struct tx_block *stub_block(struct translator *tx, uintptr_t stub_end)
{
    const struct tx_block *b = tx_block_at_host(tx, stub_end - 1);
    if (!b) {
        fprintf(stderr, "rvdbt: internal error: a cold stub at %#lx outside every block\n", (unsigned long)stub_end);
        abort();
    }
    return b;
}

/* The memory slow path of the stub whose call returns to f->ret. */
void tx_cold_access(struct translator *tx, struct cpu *cpu, struct tx_cold_frame *f)
{
    const struct tx_block *b = stub_block(tx, (uintptr_t)f->ret);
    uint32_t end = (uint32_t)((uintptr_t)f->ret - (uintptr_t)b->host);
    size_t lo = 0, hi = b->n_cold; /* (the records are in the order of their stubs) */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->cold[mid].stub_end < end) lo = mid + 1;
        else hi = mid;
    }
    if (lo == b->n_cold || b->cold[lo].stub_end != end) {
        fprintf(stderr, "rvdbt: internal error: no record for the cold stub at %#lx\n", (unsigned long)(uintptr_t)f->ret);
        abort();
    }
    /* (copies: a helper may not free the block, but nothing here relies on that) */
    const struct tx_cold_access a = b->cold[lo];
    int8_t reg_of[32];
    memcpy(reg_of, b->cold_reg_of, sizeof reg_of);
    const uint8_t *host = b->host;

    uint64_t addr = f->gpr[a.base] + (uint64_t)(int64_t)a.imm;
    struct tx_mem_result r;
    if (a.store) {
        uint64_t v = a.xmm >= 0 ? f->xmm[a.xmm] : f->gpr[a.value_reg];
        r = tx_helper_store(cpu, addr, v, a.size);
    } else {
        r = tx_helper_load(cpu, addr, a.size | (a.sign ? TX_LOAD_SIGNED : 0));
    }
    /* r10's role: &tlb[0] (system mode: of the current set, which a helper may have changed) */
    f->gpr[HR_TLB] = cpu->mmu->sys ? (uint64_t)(uintptr_t)cpu->mmu->tlbp : (uint64_t)(uintptr_t)cpu->mmu;
    if (!r.fault) {
        if (!a.store) {
            f->gpr[X86_RAX] = r.value; /* the main path finds it where the inline access leaves it */
            f->gpr[a.load_dest] = r.value;
            if (a.xmm >= 0) f->xmm[a.xmm] = r.value;
        }
        f->ret = host + a.resume;
        return;
    }
    /* A guest fault: exactly the interpreter's state before this instruction. */
    for (unsigned g = 1; g < 32; g++)
        if (a.dirty_mask & (1u << g)) cpu->x[g] = f->gpr[reg_of[g]];
    for (unsigned x = 0; x < 16; x++) { /* dirty FP registers, from the saved xmm registers */
        int r = a.fp_freg_in[x];
        if (r < 0 || !(a.fp_dirty & (1u << r))) continue;
        uint64_t v = f->xmm[x];
        /* an x86-made NaN becomes RISC-V's canonical one (fc_emit_canonical) */
        if ((a.fp_nan & (1u << r)) && (v & 0x7ff0000000000000ull) == 0x7ff0000000000000ull && (v << 12))
            v = 0x7ff8000000000000ull;
        cpu->f[r] = v;
    }
    f->gpr[HR_INSTRET] += (uint64_t)(int64_t)a.pending_instret;
    cpu->pc = a.pc;
    f->gpr[X86_RAX] = TX_RET_TRAP;
    f->ret = tx->epilogue;
}

/* A direct exit's stub (its jmp not chained): the exit, for the dispatcher. */
uintptr_t tx_cold_exit(struct translator *tx, uintptr_t stub_end, struct cpu *cpu)
{
    const struct tx_block *b = stub_block(tx, stub_end);
    for (int i = 0; i < b->n_exits; i++) {
        const struct tx_exit *e = &b->exits[i];
        if ((uintptr_t)e->jmp_rel32 + 4 + COLD_STUB_SIZE == stub_end) { /* (the stub follows its jmp) */
            cpu->pc = e->target_pc;
            return (uintptr_t)e;
        }
    }
    fprintf(stderr, "rvdbt: internal error: no exit for the cold stub at %#lx\n", (unsigned long)stub_end);
    abort();
}

/* The entry check saw exit_request: leave at the block's start. */
uintptr_t tx_cold_exit_request(struct translator *tx, uintptr_t stub_end, struct cpu *cpu)
{
    cpu->pc = stub_block(tx, stub_end)->pc;
    return TX_RET_PLAIN;
}

/* cold_access: save every register, call tx_cold_access(tx, cpu, frame),
 * restore every register (with what C wrote into the frame), ret to the
 * address C chose.  At entry rsp is 8 below a 16-byte boundary (the block's
 * stack is aligned; the call pushed 8). */
static void emit_cold_access_thunk(struct translator *tx, struct x86_buf *b)
{
    for (int r = 15; r >= 0; r--) x86_push_r64(b, (enum x86_reg)r); /* (push rsp: a placeholder) */
    x86_sub_r64_imm32(b, X86_RSP, COLD_FRAME_BELOW_PUSHES);
    for (int x = 0; x < 16; x++) x86_movsd_m64_x(b, x86_mem_base_disp(X86_RSP, 8 * x), (enum x86_xmm)x);
    x86_mov_r64_imm64(b, X86_RDI, (uint64_t)(uintptr_t)tx);
    x86_mov_r64_r64(b, X86_RSI, HR_CPU);
    x86_mov_r64_r64(b, X86_RDX, X86_RSP);
    x86_mov_r64_imm64(b, X86_RAX, (uint64_t)(uintptr_t)tx_cold_access);
    x86_call_r64(b, X86_RAX);
    for (int x = 0; x < 16; x++) x86_movsd_x_m64(b, (enum x86_xmm)x, x86_mem_base_disp(X86_RSP, 8 * x));
    x86_add_r64_imm32(b, X86_RSP, COLD_FRAME_BELOW_PUSHES);
    for (int r = 0; r < 16; r++) {
        if (r == X86_RSP) x86_add_r64_imm32(b, X86_RSP, 8); /* (not popped: that would move the stack) */
        else x86_pop_r64(b, (enum x86_reg)r);
    }
    x86_ret(b); /* to the main path after the access, or to the epilogue */
}

/* cold_exit, cold_exit_request: rsi = the stub's return address (popped:
 * the block's registers are written back, rsp is the block's again, 16-byte
 * aligned for the C call), rax = fn(tx, rsi, cpu), to the dispatcher with rax. */
static void emit_exit_thunk(struct translator *tx, struct x86_buf *b, const void *fn)
{
    x86_pop_r64(b, X86_RSI);
    x86_mov_r64_imm64(b, X86_RDI, (uint64_t)(uintptr_t)tx);
    x86_mov_r64_r64(b, X86_RDX, HR_CPU);
    x86_mov_r64_imm64(b, X86_RAX, (uint64_t)(uintptr_t)fn);
    x86_call_r64(b, X86_RAX);
    uint8_t *d = x86_jmp_rel32(b);
    if (d) x86_patch_rel32(d, code_cache_rx(&tx->cc, d), tx->epilogue);
    x86_align(b, 16);
}

bool tx_emit_cold_thunks(struct translator *tx, struct x86_buf *b)
{
    /* cold_indirect_miss: an indirect jump's target (rdx) is not in the jump
     * cache: pc = rdx, back to the dispatcher (which fills the cache) */
    uint8_t *indirect_miss = b->cur;
    if (tx->opt.count) { /* --stats: the probe counted the lookup, this the miss */
        x86_mov_r64_imm64(b, HR_T1, (uint64_t)(uintptr_t)&tx->stats.indirect_misses);
        x86_add_m64_imm32(b, x86_mem_base_disp(HR_T1, 0), 1);
    }
    /* (opt.odd_target_miss: jalr probed with bit 0 as computed; RISC-V's
     * jalr clears it, and every pc the dispatcher sees is even) */
    x86_and_r64_imm32(b, X86_RDX, -2);
    x86_mov_m64_r64(b, cpu_field(PC_OFF), X86_RDX);
    x86_xor_r32_r32(b, X86_RAX, X86_RAX);
    uint8_t *d = x86_jmp_rel32(b);
    if (d) x86_patch_rel32(d, code_cache_rx(&tx->cc, d), tx->epilogue);
    x86_align(b, 16);
    uint8_t *exit = b->cur;
    emit_exit_thunk(tx, b, (const void *)tx_cold_exit);
    uint8_t *exit_request = b->cur;
    emit_exit_thunk(tx, b, (const void *)tx_cold_exit_request);
    uint8_t *access = b->cur;
    emit_cold_access_thunk(tx, b);
    x86_align(b, 16);
    /* canonical NaN, one per xmm register (fc_emit_canonical): the three
     * instructions that build 0x7ff8000000000000 in place, 14-17 bytes that
     * every lazily canonicalised FP result would otherwise carry inline */
    uint8_t *canonical[16];
    for (int x = 0; x < 16; x++) {
        canonical[x] = b->cur;
        x86_pcmpeqd_x_x(b, (enum x86_xmm)x, (enum x86_xmm)x); /* all ones */
        x86_psllq_x_imm8(b, (enum x86_xmm)x, 52);               /* 0xfff0000000000000 */
        x86_psrlq_x_imm8(b, (enum x86_xmm)x, 1);                /* 0x7ff8000000000000 */
        x86_ret(b);
    }
    x86_align(b, 16);
    if (b->overflow) return false;
    for (int x = 0; x < 16; x++) tx->cold_canonical_nan[x] = code_cache_rx(&tx->cc, canonical[x]);
    tx->cold_exit = code_cache_rx(&tx->cc, exit);
    tx->cold_exit_request = code_cache_rx(&tx->cc, exit_request);
    tx->cold_access = code_cache_rx(&tx->cc, access);
    tx->cold_indirect_miss = code_cache_rx(&tx->cc, indirect_miss);
    return true;
}

bool cold_stubs_on(const struct lower_ctx *c)
{
    return c->tx->opt.cold_stubs && c->tx->cold_access;
}

/* call rel32 from the current (rw) position to a thunk (rx). */
static void call_thunk(struct lower_ctx *c, const uint8_t *thunk_rx)
{
    uint8_t *disp = x86_call_rel32(&c->buf);
    if (disp) x86_patch_rel32(disp, code_cache_rx(&c->tx->cc, disp), thunk_rx);
}

void emit_cold_exit_stub(struct lower_ctx *c) { call_thunk(c, c->tx->cold_exit); }

void emit_cold_exit_request(struct lower_ctx *c) { call_thunk(c, c->tx->cold_exit_request); }

void emit_cold_canonical_nan(struct lower_ctx *c, enum x86_xmm x) { call_thunk(c, c->tx->cold_canonical_nan[x]); }

bool cold_access_path(const struct slow_path *s)
{
    /* (not --no-inline-tlb's paths: there every access is one) */
    return (s->kind == SLOW_LOAD || s->kind == SLOW_STORE) && (s->fault_at || s->tlb_check);
}

bool cold_prepare_block(struct lower_ctx *c)
{
    struct tx_block *b = c->blk;
    int n = 0;
    for (int i = 0; i < c->n_slow; i++) n += cold_access_path(&c->slow[i]);
    b->n_cold = 0;
    if (!n) return true;
    b->cold = c->cold; /* (translate.c copies the records it wrote) */
    for (unsigned g = 0; g < 32; g++) {
        int reg = rc_slot_reg(c, g);
        b->cold_reg_of[g] = (int8_t)(reg >= 0 ? reg : X86_RAX);
    }
    return true;
}

void emit_cold_access_stub(struct lower_ctx *c, const struct slow_path *s)
{
    struct tx_block *b = c->blk;
    call_thunk(c, c->tx->cold_access);
    b->cold[b->n_cold++] = (struct tx_cold_access){
        .stub_end = (uint32_t)(c->buf.cur - c->buf.start), .resume = (uint32_t)s->resume.at, .pc = s->pc,
        .dirty_mask = s->dirty_mask, .imm = s->addr_imm, .pending_instret = s->pending_instret,
        .size = (uint8_t)s->size, .sign = s->sign, .store = s->kind == SLOW_STORE, .base = (uint8_t)s->addr_base,
        .value_reg = (uint8_t)s->value_reg, .load_dest = (uint8_t)s->load_dest, .xmm = (int8_t)s->xmm,
        .fp_dirty = s->fc_dirty, .fp_nan = s->fc_nan};
    memcpy(b->cold[b->n_cold - 1].fp_freg_in, s->fc_entry, sizeof b->cold[b->n_cold - 1].fp_freg_in);
}
