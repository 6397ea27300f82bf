/*
 * translator/regcache.c — keeping guest registers in host registers inside a block.
 *
 * Allocation is static per block (as in rv8): before emitting, count how
 * often each guest register is used in the block and give the eight most
 * used ones a host register (rbx, r12-r14, r9, r11, rdi, r8; r15 counts
 * instret, r10 points at the TLB).  A cached register
 * is loaded on its first read, written back only if it was written
 * ("dirty"), at block exits and before helpers that read struct cpu.
 * Because a block is straight-line code, the state of every register is
 * known statically at every instruction, so an out-of-line fault path can
 * write back exactly the registers that were dirty at its instruction.
 *
 * With the cache disabled (--no-regcache) every read loads from struct cpu
 * and every write stores to it, which is what a student can compare with.
 *
 * Pinned registers (opt.pin_regs, --no-pin-regs): a few guest registers
 * (pin_guest[] below) live in fixed callee-saved host registers for as long
 * as translated code runs, across blocks, as instret lives in r15: the enter
 * trampoline loads them, the epilogue stores them (rc_emit_load_pinned,
 * rc_emit_store_pinned), and in between struct cpu's copy is stale.  A
 * block sees them as cached, always loaded, never dirty: no load at its
 * entry, no write-back at its exits.  They take the first slots' host
 * registers (rbx, r12, ...), so fewer remain for the block's own choice.
 * C code that reads or writes guest registers in struct cpu is called only
 * through emit_call_syncing_instret, which stores them before the call and
 * loads them after (helpers that do not touch them, the load/store helpers,
 * keep them in callee-saved registers anyway).
 */
#include <pthread.h>
#include <string.h>

#include "translator/lower.h"

/* The first four are callee-saved: C helpers keep them.  The other four are
 * not, so slow paths that call a helper and then resume save and restore
 * them (rc_save_volatile) — cheaper than not caching four more registers,
 * since slow paths are rare and the main path is what runs.  The most used
 * guest registers get the first slots. */
static const enum x86_reg slot_reg[RC_SLOTS] = {X86_RBX, X86_R12, X86_R13, X86_R14, X86_R9, X86_R11, X86_RDI, X86_R8};

/* Pinned registers: the k-th lives in slot RC_MAX_PINNED - 1 - k (r14, r13,
 * r12, rbx).  Chosen by measurement (callgrind, lua5.4): of the sets tried,
 * a0 a1 a5 sp saved the most (docs/architecture.md, "Pinned registers"). */
static const uint8_t pin_guest[RC_MAX_PINNED] = {10 /* a0 */, 11 /* a1 */, 15 /* a5 */, 2 /* sp */};

static struct x86_mem guest_reg_mem(unsigned r)
{
    return x86_mem_base_disp(HR_CPU, (int32_t)(offsetof(struct cpu, x) + 8 * r));
}

/* How much each instruction's rd, rs1 and rs2 count, by the operands the
 * table names: made once from the operand strings (reading the strings for
 * every instruction of every block was 40 % of rc_init's time). */
static struct { uint8_t rd, rs1, rs2; } op_weight[RV_OP_COUNT];
static pthread_once_t op_weight_once = PTHREAD_ONCE_INIT;

static void make_op_weights(void)
{
    for (int op = 0; op < RV_OP_COUNT; op++)
        for (const char *ops = rv_insn_info[op].operands; *ops; ops++) {
            switch (*ops) {
            case 'd': op_weight[op].rd += 2; break; /* a write costs a store later: weigh it */
            case 's': case 'o': case 'A': op_weight[op].rs1++; break;
            case 't': op_weight[op].rs2++; break;
            default: break;
            }
        }
}

/* Counts uses of each guest register. */
static void count_uses(const struct rv_insn *in, unsigned uses[32])
{
    uses[in->rd] += op_weight[in->op].rd;
    uses[in->rs1] += op_weight[in->op].rs1;
    uses[in->rs2] += op_weight[in->op].rs2;
}

/* The next register of a mask, lowest first (the mask must not be 0). */
static unsigned next_reg(uint32_t m) { return (unsigned)__builtin_ctz(m); }

unsigned rc_pinned_count(const struct translator *tx)
{
    if (!tx->opt.regcache) return 0; /* (pinning is part of the cache) */
    return tx->opt.pin_regs < RC_MAX_PINNED ? tx->opt.pin_regs : RC_MAX_PINNED;
}

unsigned rc_pinned_guest(unsigned k) { return pin_guest[k]; }

enum x86_reg rc_pinned_host(unsigned k) { return slot_reg[RC_MAX_PINNED - 1 - k]; }

unsigned rc_pinned_host_number(unsigned k) { return (unsigned)rc_pinned_host(k); }

void rc_emit_load_pinned(const struct translator *tx, struct x86_buf *b)
{
    for (unsigned k = 0; k < rc_pinned_count(tx); k++)
        x86_mov_r64_m64(b, rc_pinned_host(k), guest_reg_mem(pin_guest[k]));
}

void rc_emit_store_pinned(const struct translator *tx, struct x86_buf *b)
{
    for (unsigned k = 0; k < rc_pinned_count(tx); k++)
        x86_mov_m64_r64(b, guest_reg_mem(pin_guest[k]), rc_pinned_host(k));
}

void rc_init(struct lower_ctx *c, const struct rv_insn *insns, int n)
{
    struct regcache *rc = &c->rc;
    memset(rc->slot_of, -1, sizeof rc->slot_of);
    rc->cached = rc->volatile_slots = rc->loaded = rc->dirty = rc->pinned = 0;
    rc->enabled = c->tx->opt.regcache;
    if (!rc->enabled) return;
    uint32_t pinned_slots = 0;
    for (unsigned k = 0; k < rc_pinned_count(c->tx); k++) {
        unsigned slot = RC_MAX_PINNED - 1 - k;
        rc->slot_of[pin_guest[k]] = (int8_t)slot;
        rc->pinned |= 1u << pin_guest[k];
        pinned_slots |= 1u << slot;
    }
    rc->cached = rc->loaded = rc->pinned;
    pthread_once(&op_weight_once, make_op_weights); /* (translators of parallel harts may start together) */
    unsigned uses[32] = {0};
    for (int i = 0; i < n; i++) count_uses(&insns[i], uses);
    /* The candidates: a single use gains nothing in straight-line code; in a
     * self-loop it is one use per iteration against one load before the
     * loop.  x0 is a constant, never cached. */
    unsigned least = c->self_loop ? 1u : 2u;
    uint32_t candidates = 0;
    for (unsigned r = 1; r < 32; r++)
        if (uses[r] >= least) candidates |= 1u << r;
    candidates &= ~rc->pinned;
    /* The most used first; among equals, the lowest register number */
    for (int slot = 0; slot < RC_SLOTS && candidates; slot++) {
        if (pinned_slots & 1u << slot) continue;
        unsigned best = next_reg(candidates);
        for (uint32_t m = candidates & (candidates - 1); m; m &= m - 1)
            if (uses[next_reg(m)] > uses[best]) best = next_reg(m);
        candidates &= ~(1u << best);
        rc->slot_of[best] = (int8_t)slot;
        rc->cached |= 1u << best;
        if (slot >= RC_FIRST_VOLATILE_SLOT) rc->volatile_slots |= 1u << best;
    }
}

enum x86_reg rc_read(struct lower_ctx *c, unsigned r, enum x86_reg scratch)
{
    if (r == 0) {
        x86_xor_r32_r32(&c->buf, scratch, scratch);
        return scratch;
    }
    int slot = c->rc.slot_of[r];
    if (slot < 0) {
        x86_mov_r64_m64(&c->buf, scratch, guest_reg_mem(r));
        return scratch;
    }
    if (!(c->rc.loaded & 1u << r)) {
        x86_mov_r64_m64(&c->buf, slot_reg[slot], guest_reg_mem(r));
        c->rc.loaded |= 1u << r;
    }
    return slot_reg[slot];
}

void rc_write(struct lower_ctx *c, unsigned r, enum x86_reg src)
{
    if (r == 0) return;
    int slot = c->rc.slot_of[r];
    if (slot < 0) {
        x86_mov_m64_r64(&c->buf, guest_reg_mem(r), src);
        return;
    }
    if (slot_reg[slot] != src) x86_mov_r64_r64(&c->buf, slot_reg[slot], src);
    c->rc.loaded |= 1u << r;
    c->rc.dirty |= (1u << r) & ~c->rc.pinned;
}

bool rc_memory_operand(const struct lower_ctx *c, unsigned r, struct x86_mem *m)
{
    if (r == 0 || c->rc.slot_of[r] >= 0) return false;
    *m = guest_reg_mem(r);
    return true;
}

int rc_slot_reg(const struct lower_ctx *c, unsigned r)
{
    return (r != 0 && c->rc.slot_of[r] >= 0) ? (int)slot_reg[c->rc.slot_of[r]] : -1;
}

void rc_mark_written(struct lower_ctx *c, unsigned r)
{
    if (r == 0) return;
    c->rc.loaded |= 1u << r;
    c->rc.dirty |= (1u << r) & ~c->rc.pinned;
}

void rc_write_const(struct lower_ctx *c, unsigned r, uint64_t value)
{
    if (r == 0) return;
    int slot = c->rc.slot_of[r];
    if (slot >= 0) {
        x86_mov_r64_imm64(&c->buf, slot_reg[slot], value);
        c->rc.loaded |= 1u << r;
        c->rc.dirty |= (1u << r) & ~c->rc.pinned;
    } else if ((int64_t)value == (int32_t)value) {
        x86_mov_m64_imm32(&c->buf, guest_reg_mem(r), (int32_t)value);
    } else {
        x86_mov_r64_imm64(&c->buf, HR_T0, value);
        x86_mov_m64_r64(&c->buf, guest_reg_mem(r), HR_T0);
    }
}

uint32_t rc_dirty_mask(const struct lower_ctx *c) { return c->rc.dirty; }

void rc_writeback_mask(struct lower_ctx *c, uint32_t dirty_mask)
{
    int note = dirty_mask ? note_begin(c, TX_NOTE_WRITEBACK, c->pc, dirty_mask) : -1;
    for (uint32_t m = dirty_mask; m; m &= m - 1) {
        unsigned r = next_reg(m);
        x86_mov_m64_r64(&c->buf, guest_reg_mem(r), slot_reg[c->rc.slot_of[r]]);
    }
    note_end(c, note);
}

void rc_writeback(struct lower_ctx *c)
{
    rc_writeback_mask(c, c->rc.dirty);
    c->rc.dirty = 0; /* (still loaded: now clean) */
}

void rc_reload(struct lower_ctx *c, unsigned r)
{
    if (r != 0 && c->rc.slot_of[r] >= 0) x86_mov_r64_m64(&c->buf, slot_reg[c->rc.slot_of[r]], guest_reg_mem(r));
}

void rc_forget(struct lower_ctx *c)
{
    c->rc.loaded = c->rc.pinned; /* (emit_call_syncing_instret loaded them again) */
    c->rc.dirty = 0;
}

void rc_preload_for_loop(struct lower_ctx *c, const struct rv_insn *insns, int n)
{
    if (!c->rc.enabled) return;
    uint32_t written = 0;
    for (int i = 0; i < n; i++)
        if (rv_insn_info[insns[i].op].operands[0] == 'd') written |= 1u << insns[i].rd;
    for (uint32_t m = c->rc.cached & ~c->rc.pinned; m; m &= m - 1) {
        unsigned r = next_reg(m);
        x86_mov_r64_m64(&c->buf, slot_reg[c->rc.slot_of[r]], guest_reg_mem(r));
    }
    c->rc.loaded |= c->rc.cached;
    c->rc.dirty = (c->rc.dirty & ~c->rc.cached) | (c->rc.cached & written & ~c->rc.pinned);
}

bool rc_has_stale(const struct lower_ctx *c) { return (c->rc.cached & ~c->rc.loaded) != 0; }

void rc_load_stale(struct lower_ctx *c)
{
    for (uint32_t m = c->rc.cached & ~c->rc.loaded; m; m &= m - 1) {
        unsigned r = next_reg(m);
        x86_mov_r64_m64(&c->buf, slot_reg[c->rc.slot_of[r]], guest_reg_mem(r));
        c->rc.loaded |= 1u << r;
    }
}

uint32_t rc_volatile_mask(const struct lower_ctx *c) { return c->rc.volatile_slots & c->rc.loaded; }

static struct x86_mem spill_slot(int slot)
{
    return x86_mem_base_disp(HR_CPU, (int32_t)(offsetof(struct cpu, tx_spill) + 8 * (slot - RC_FIRST_VOLATILE_SLOT)));
}

void rc_save_volatile(struct lower_ctx *c, uint32_t mask)
{
    for (uint32_t m = mask; m; m &= m - 1) {
        unsigned r = next_reg(m);
        x86_mov_m64_r64(&c->buf, spill_slot(c->rc.slot_of[r]), slot_reg[c->rc.slot_of[r]]);
    }
}

void rc_restore_volatile(struct lower_ctx *c, uint32_t mask)
{
    for (uint32_t m = mask; m; m &= m - 1) {
        unsigned r = next_reg(m);
        x86_mov_r64_m64(&c->buf, slot_reg[c->rc.slot_of[r]], spill_slot(c->rc.slot_of[r]));
    }
}
