/*
 * frontends/system/mmu_log.c — `-d mmu`, the page-walk log (see mmu_log.h).
 * The MMU calls the three functions below through its observer
 * (mmu/sv39.h): begin starts the line, pte adds a level, end prints it.
 */
#include "frontends/system/mmu_log.h"

#include <stdarg.h>

#include "cpu/priv_state.h"
#include "mmu/mmu.h"

/* Appends to the line (cut, never overflowing, if a walk were ever longer). */
static void add(struct mmu_log *log, const char *fmt, ...)
{
    if (log->len >= sizeof log->line - 1) return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(log->line + log->len, sizeof log->line - log->len, fmt, ap);
    va_end(ap);
    if (n > 0) log->len += (size_t)n;
    if (log->len > sizeof log->line - 1) log->len = sizeof log->line - 1;
}

static void begin(void *arg, const struct sv39_ctx *ctx, uint64_t va, int access)
{
    struct mmu_log *log = arg;
    static const char modes[] = "USHM";
    uint64_t mode = ctx->satp >> SATP_MODE_SHIFT;
    log->len = 0;
    add(log, "mmu: %s va 0x%llx in %c, ", access == MMU_EXEC ? "fetch" : access == MMU_WRITE ? "store" : "load",
        (unsigned long long)va, modes[ctx->priv & 3]);
    /* (named as the spec does; 9 and 10 are what lab 4 and a later Sv57 would add) */
    if (mode >= 8 && mode <= 10) add(log, "sv%d", 39 + 9 * (int)(mode - 8));
    else add(log, "satp mode %llu", (unsigned long long)mode);
    add(log, " root 0x%llx:", (unsigned long long)((ctx->satp & SATP_PPN_MASK) << MMU_PAGE_SHIFT));
}

static void pte(void *arg, int level, uint64_t pte_addr, uint64_t value)
{
    struct mmu_log *log = arg;
    if (!log->len) return; /* (not inside a walk begin announced) */
    add(log, "%s L%d 0x%llx = 0x%llx", log->line[log->len - 1] == ':' ? "" : ",", level,
        (unsigned long long)pte_addr, (unsigned long long)value);
}

static void end(void *arg, int result, uint64_t pa)
{
    struct mmu_log *log = arg;
    if (!log->len) return;
    bool no_pte = log->line[log->len - 1] == ':';
    if (result == MMU_OK) add(log, " -> pa 0x%llx", (unsigned long long)pa);
    else if (result == MMU_FAULT_ACCESS) add(log, " -> access fault (a PTE outside RAM)");
    else add(log, " -> page fault%s", no_pte ? " (the address is not canonical)" : "");
    if (trap_log_take(log->sink, "mmu")) fprintf(log->sink->out, "%s\n", log->line);
    log->len = 0;
}

void mmu_log_start(struct mmu_log *log, struct trap_log *sink)
{
    log->sink = sink;
    log->len = 0;
    log->observer = (struct sv39_observer){begin, pte, end, log};
    sv39_observer = &log->observer;
}

void mmu_log_stop(struct mmu_log *log)
{
    if (sv39_observer == &log->observer) sv39_observer = NULL;
}
