/*
 * frontends/system/trap_log.c — `-d int`, the trap and interrupt log (see trap_log.h),
 * and the line budget it shares with `-d mmu`.
 */
#include "frontends/system/trap_log.h"

const char *trap_cause_name(uint64_t cause)
{
    static const char *const exceptions[] = {
        "instruction address misaligned", "instruction access fault", "illegal instruction", "breakpoint",
        "load address misaligned", "load access fault", "store address misaligned", "store access fault",
        "ecall from U", "ecall from S", NULL, "ecall from M", "instruction page fault", "load page fault", NULL,
        "store page fault"};
    static const char *const interrupts[] = {NULL, "supervisor software", NULL, "machine software", NULL,
                                             "supervisor timer", NULL, "machine timer", NULL, "supervisor external",
                                             NULL, "machine external"};
    uint64_t code = cause & ~RV_CAUSE_INTERRUPT;
    const char *name = NULL;
    if (cause & RV_CAUSE_INTERRUPT) name = code < 12 ? interrupts[code] : NULL;
    else name = code < 16 ? exceptions[code] : NULL;
    return name ? name : "reserved";
}

bool trap_log_take(struct trap_log *log, const char *tag)
{
    if (!log->out || log->count > log->limit) return false;
    if (log->count++ == log->limit) {
        fprintf(log->out, "%s: log limit of %llu lines reached (--log-limit N for more)\n", tag,
                (unsigned long long)log->limit);
        return false;
    }
    return true;
}

void trap_log_record(struct trap_log *log, uint64_t cause, uint64_t tval, uint64_t pc, int mode,
                     const struct cpu *cpu)
{
    if (!log->traps || !trap_log_take(log, "int")) return;
    static const char modes[] = "USHM";
    bool irq = (cause & RV_CAUSE_INTERRUPT) != 0;
    fputs("int: ", log->out);
    if (log->harts) fprintf(log->out, "hart %llu: ", (unsigned long long)cpu->priv.mhartid);
    fprintf(log->out, "%s %llu (%s) at pc 0x%llx in %c", irq ? "interrupt" : "exception",
            (unsigned long long)(cause & ~RV_CAUSE_INTERRUPT), trap_cause_name(cause), (unsigned long long)pc,
            modes[mode & 3]);
    if (!irq) fprintf(log->out, ", tval 0x%llx", (unsigned long long)tval);
    fprintf(log->out, " -> %c, handler 0x%llx\n", modes[cpu->priv.mode & 3], (unsigned long long)cpu->pc);
}
