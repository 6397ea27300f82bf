/*
 * frontends/gdb/gdb_memory.c — guest memory as the debugger sees it.
 *
 * GDB speaks in the addresses the guest's code uses.  In user mode those
 * are the process's addresses, and any mapped page may be read or patched
 * (code included, permissions aside), nothing else.  In system mode they
 * are virtual addresses under the hart's current translation — satp and
 * the current privilege (an M-mode stop sees physical memory) — walked
 * with SV39_DEBUG: no permission check, no A/D bit set, no TLB entry, so
 * looking at memory never changes the guest and never makes it fault.
 *
 * Device MMIO is deliberately not accessible (GDB prints "Cannot access
 * memory at address ..."): reading a device register has side effects
 * (the UART's receive buffer pops a byte, a PLIC claim acknowledges an
 * interrupt), and a debugger that changes what it looks at misleads.
 * RAM and the boot ROM are; they are host buffers the bus owns, so no
 * address the debugger sends can reach other host memory.
 *
 * Writes drop the translations of code they overwrite: user mode sets
 * cpu->code_changed (the dispatcher flushes), and with guest threads bumps
 * the address space's exec_generation, so every thread's dispatcher does; system mode drops only the
 * blocks of the pages written, through the same per-page mechanism that
 * handles the guest's own self-modifying code (translator/sys_code.c).
 */
#include "frontends/gdb/gdbstub_internal.h"
#include "mmu/mmu.h"
#include "mmu/mmu_system.h"

bool gdb_mem_locate(struct gdb_stub *g, uint64_t addr, uint64_t *loc)
{
    struct mmu *m = g->cpu->mmu;
    if (m->sys) return mmu_sys_debug_translate(m, addr, loc) == MMU_OK;
    *loc = addr;
    return mmu_is_mapped(m, addr);
}

bool gdb_mem_copy_at(struct gdb_stub *g, uint64_t loc, void *buf, size_t len, bool write)
{
    struct mmu *m = g->cpu->mmu;
    if (m->sys) return mmu_sys_debug_copy(m, loc, buf, len, write) == MMU_OK;
    if (!write) return mmu_read_bytes(m, loc, buf, len, 0) == MMU_OK;
    if (loc + len < loc || mmu_write_bytes(m, loc, buf, len, 0) != MMU_OK) return false;
    /* Only a write to executable pages can make translations stale. */
    for (uint64_t page = loc & ~MMU_PAGE_MASK; page < loc + len; page += MMU_PAGE_SIZE)
        if (mmu_page_prot(m, page) & MMU_EXEC) {
            g->cpu->code_changed = 1;
            /* every thread's translator must see it (a breakpoint for a
             * worker thread): the generation each dispatcher compares */
            if (g->threaded) __atomic_fetch_add(&m->exec_generation, 1, __ATOMIC_SEQ_CST);
        }
    return true;
}

size_t gdb_mem_copy(struct gdb_stub *g, uint64_t addr, void *buf, size_t len, bool write)
{
    size_t done = 0;
    while (done < len) {
        uint64_t a = addr + done, loc;
        if (a < addr) break; /* wrapped around the top of the address space */
        size_t chunk = (size_t)(MMU_PAGE_SIZE - (a & MMU_PAGE_MASK));
        if (chunk > len - done) chunk = len - done;
        if (!gdb_mem_locate(g, a, &loc) || !gdb_mem_copy_at(g, loc, (uint8_t *)buf + done, chunk, write)) break;
        done += chunk;
    }
    return done;
}
