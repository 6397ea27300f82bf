/*
 * frontends/tui/tui_history.c — reverse stepping: the last N steps, undoable.
 *
 * Before each instruction the TUI runs one at a time, the registers are
 * saved in a ring; while it runs, the MMU's store log (the one the check
 * engine and --trace use) records the address, size and old value of every
 * store.  Undoing a step writes the old values back, newest first, and
 * restores the registers: the machine is where it was, memory included.
 *
 * What cannot be undone is said, not hidden: a system call's effects
 * outside the registers (what it printed, what it wrote into memory) stay,
 * and a block or a continue run by the translator is not recorded (its
 * stores never reach the log), so the history starts again after it.
 */
#include <stdlib.h>
#include <string.h>

#include "frontends/gdb/gdb_local.h"
#include "frontends/tui/tui_internal.h"

bool tui_history_init(struct tui_history *h, unsigned cap)
{
    *h = (struct tui_history){.cap = cap};
    return (h->ring = calloc(cap, sizeof *h->ring)) != NULL;
}

void tui_history_free(struct tui_history *h) { free(h->ring); }

void tui_history_clear(struct tui_history *h) { h->start = h->count = 0; }

void tui_history_push(struct tui_history *h, const struct cpu *cpu)
{
    if (h->count == h->cap) { /* full: the oldest step goes */
        h->start = (h->start + 1) % h->cap;
        h->count--;
    }
    struct tui_step *s = &h->ring[(h->start + h->count++) % h->cap];
    memcpy(s->x, cpu->x, sizeof s->x);
    memcpy(s->f, cpu->f, sizeof s->f);
    s->pc = cpu->pc, s->instret = cpu->instret, s->fflags = cpu->fflags, s->frm = cpu->frm;
    s->n_stores = 0;
    s->syscall = false;
}

void tui_history_stores(struct tui_history *h, const struct mmu_store_log *log, bool syscall)
{
    if (!h->count) return;
    struct tui_step *s = &h->ring[(h->start + h->count - 1) % h->cap];
    s->syscall = syscall;
    if (log->overflow || log->n > TUI_STORES_PER_STEP) { /* more than we keep: cannot go back past it */
        tui_history_clear(h);
        return;
    }
    for (int i = 0; i < log->n; i++)
        s->stores[i] = (struct tui_store){log->rec[i].addr, log->rec[i].old_value, log->rec[i].size};
    s->n_stores = (uint8_t)log->n;
}

bool tui_history_pop(struct tui *t, struct cpu *cpu, bool *syscall)
{
    struct tui_history *h = &t->hist;
    if (!h->count) return false;
    const struct tui_step *s = &h->ring[(h->start + --h->count) % h->cap];
    for (int i = s->n_stores - 1; i >= 0; i--) { /* newest first: a location stored twice ends oldest */
        uint8_t bytes[8];
        for (unsigned k = 0; k < s->stores[i].size && k < 8; k++) bytes[k] = (uint8_t)(s->stores[i].old >> (8 * k));
        gdb_local_copy(t->dbg, s->stores[i].addr, bytes, s->stores[i].size, true);
    }
    t->store_size = s->n_stores ? s->stores[0].size : 0; /* (the memory pane marks what came back) */
    t->store_addr = s->n_stores ? s->stores[0].addr : 0;
    memcpy(cpu->x, s->x, sizeof s->x);
    memcpy(cpu->f, s->f, sizeof s->f);
    cpu->pc = s->pc, cpu->instret = s->instret, cpu->fflags = s->fflags, cpu->frm = s->frm;
    cpu->reservation_valid = false; /* as a trap would: an LR before this point must be redone */
    *syscall = s->syscall;
    return true;
}
