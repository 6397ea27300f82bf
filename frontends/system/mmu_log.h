/*
 * frontends/system/mmu_log.h — `-d mmu`: a log line for every page walk the
 * system-mode MMU makes (on a TLB miss, with translation on):
 *
 *   mmu: load va 0x400010 in S, sv39 root 0x80800000: L2 0x80800000 = 0x20200401, L1 0x80801010 = 0x20200801, L0 0x80802000 = 0x20200cc7 -> pa 0x80803010
 *   mmu: load va 0x401000 in S, sv39 root 0x80800000: L2 0x80800000 = 0x20200401, L1 0x80801010 = 0x20200801, L0 0x80802008 = 0x0 -> page fault
 *
 * The kind of access, the virtual address and the privilege it is made in, satp's
 * mode and root table, then for each level the PTE's physical address and its value
 * as read (before the A/D update), and the result: the physical address or the fault.
 * It shares -D FILE and --log-limit with `-d int` (frontends/system/trap_log.h).
 */
#ifndef RVDBT_FRONTENDS_MMU_LOG_H
#define RVDBT_FRONTENDS_MMU_LOG_H

#include <stddef.h>

#include "frontends/system/trap_log.h"
#include "mmu/sv39.h"

struct mmu_log {
    struct trap_log *sink; /* where lines go, and the shared line count */
    struct sv39_observer observer;
    char line[512];        /* the walk being logged */
    size_t len;
};

/* Starts logging page walks to `sink` (sets the MMU's observer). */
void mmu_log_start(struct mmu_log *log, struct trap_log *sink);
/* Stops it. */
void mmu_log_stop(struct mmu_log *log);

#endif
