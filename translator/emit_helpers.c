/*
 * translator/emit_helpers.c — the small emission helpers every lowering
 * file shares: --explain notes, instret updates, setting pc, and calls
 * into C (which must respect the generated code's register conventions,
 * tx_internal.h).
 */
#include <stddef.h>

#include "mmu/mmu.h"
#include "translator/lower.h"

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

void emit_count(struct lower_ctx *c, uint64_t *counter, enum x86_reg scratch)
{
    uint8_t *at = c->buf.cur;
    x86_mov_r64_imm64(&c->buf, scratch, (uint64_t)(uintptr_t)counter);
    x86_add_m64_imm32(&c->buf, x86_mem_base_disp(scratch, 0), 1);
    c->counter_bytes += (uint32_t)(c->buf.cur - at);
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
 * helpers are off the fast paths).  In system mode the helper may have
 * switched the TLB in use (a CSR write, a trap's context): mmu->tlbp. */
void emit_call(struct lower_ctx *c, const void *fn)
{
    x86_mov_r64_imm64(&c->buf, HR_T0, (uint64_t)(uintptr_t)fn);
    x86_call_r64(&c->buf, HR_T0);
    x86_mov_r64_m64(&c->buf, HR_TLB, cpu_field(MMU_OFF));
    if (c->cpu->system) x86_mov_r64_m64(&c->buf, HR_TLB, x86_mem_base_disp(HR_TLB, (int32_t)offsetof(struct mmu, tlbp)));
}

/* The interpreter counts the instruction it runs in cpu->instret (and a CSR
 * read may look at it): hand it the register's value and take it back.  The
 * same for the pinned guest registers (regcache.c): it reads and writes
 * cpu->x[], so they go there before and come back after (the instruction
 * may have written one; on a trap the epilogue stores them again). */
void emit_call_syncing_instret(struct lower_ctx *c, const void *fn)
{
    x86_mov_m64_r64(&c->buf, cpu_field(INSTRET_OFF), HR_INSTRET);
    int note = rc_pinned_count(c->tx) ? note_begin(c, TX_NOTE_PIN_SYNC, c->pc, 0) : -1;
    rc_emit_store_pinned(c->tx, &c->buf);
    note_end(c, note);
    emit_call(c, fn);
    x86_mov_r64_m64(&c->buf, HR_INSTRET, cpu_field(INSTRET_OFF));
    note = rc_pinned_count(c->tx) ? note_begin(c, TX_NOTE_PIN_SYNC, c->pc, 1) : -1;
    rc_emit_load_pinned(c->tx, &c->buf);
    note_end(c, note);
}
