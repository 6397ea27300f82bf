/*
 * translator/check.c — the `check` engine: translated code versus the interpreter, block by block.
 *
 * For every block: remember the hart's state, run the block's translation
 * (translated exactly as for --engine=jit, but never chained to another,
 * so it returns after one block, and a store log
 * attached to the MMU, which routes every store through the logging slow
 * path), then undo its stores,
 * restore the state, run the same number of instructions in the
 * interpreter, and compare.  The first difference stops the run with a
 * report: the block, its guest code, both register files, what differs.
 * Because the interpreter is the reference semantics, a difference is a
 * translator bug (or an interpreter bug the translator does not share).
 *
 * Memory is compared at every address either side stored to.  A block with
 * more stores than the log holds is not compared for memory.  A user-mode
 * block that stored to shared memory (MAP_SHARED: another process may
 * write it between the two runs, and undoing the block's stores would undo
 * theirs too) is not replayed: its translated run stands, unchecked.  And
 * once the process has shared memory, a difference between the two runs
 * may be another process's store between them (a load, an LR, a failed SC
 * saw different values), not a translator bug: the interpreter's run then
 * stands, counted as unchecked.  (Such programs are checked less strictly.)
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/disasm.h"
#include "cpu/interp.h"
#include "cpu/priv.h"
#include "mmu/mmu.h"
#include "mmu/mmu_system.h"
#include "translator/check.h"
#include "translator/tx_internal.h"

static struct mmu_store_log log_buf;

static void print_regs(FILE *out, const char *title, const struct cpu *c)
{
    fprintf(out, "  %s: pc=0x%llx instret=%llu fflags=0x%x%s\n", title, (unsigned long long)c->pc,
            (unsigned long long)c->instret, c->fflags, c->trap_cause != UINT64_MAX ? " (trapped)" : "");
    for (int i = 0; i < 32; i++)
        fprintf(out, "    %-4s %016llx%s", rv_xreg_name((unsigned)i), (unsigned long long)c->x[i], i % 4 == 3 ? "\n" : "");
}

static bool same_state(const struct cpu *a, const struct cpu *b, bool trapped)
{
    if (memcmp(a->x, b->x, sizeof a->x) || memcmp(a->f, b->f, sizeof a->f)) return false;
    if (a->pc != b->pc || a->fflags != b->fflags || a->frm != b->frm || a->instret != b->instret) return false;
    if (a->reservation_valid != b->reservation_valid) return false;
    if (trapped && (a->trap_cause != b->trap_cause || a->trap_tval != b->trap_tval)) return false;
    if (a->system) { /* the privileged state: mode, wfi, and every CSR (all uint64_t from mstatus on) */
        const struct cpu_priv *p = &a->priv, *q = &b->priv;
        if (p->mode != q->mode || p->wfi != q->wfi) return false;
        size_t from = offsetof(struct cpu_priv, mstatus);
        if (memcmp((const char *)p + from, (const char *)q + from, sizeof *p - from)) return false;
    }
    return true;
}

static void report(struct translator *tx, const struct tx_block *b, const struct cpu *jit, const struct cpu *ref,
                   const char *what)
{
    FILE *out = stderr;
    fprintf(out, "rvdbt: check: translated code and interpreter differ in the block at 0x%llx (%s)\n",
            (unsigned long long)b->pc, what);
    uint64_t pc = b->pc;
    for (int i = 0; i < b->n_insns; i++) {
        char text[96];
        rv_disasm(&b->insns[i], pc, text, sizeof text);
        fprintf(out, "    %llx: %s\n", (unsigned long long)pc, text);
        pc = tx_next_pc(b->insns, b->follow_mask, i, pc);
    }
    print_regs(out, "translated", jit);
    print_regs(out, "interpreter", ref);
    for (int i = 0; i < 32; i++)
        if (jit->x[i] != ref->x[i])
            fprintf(out, "  differs: %s translated %016llx, interpreter %016llx\n", rv_xreg_name((unsigned)i),
                    (unsigned long long)jit->x[i], (unsigned long long)ref->x[i]);
    for (int i = 0; i < 32; i++)
        if (jit->f[i] != ref->f[i])
            fprintf(out, "  differs: f%d translated %016llx, interpreter %016llx\n", i, (unsigned long long)jit->f[i],
                    (unsigned long long)ref->f[i]);
    if (jit->fflags != ref->fflags)
        fprintf(out, "  differs: fflags translated 0x%x, interpreter 0x%x\n", jit->fflags, ref->fflags);
    if (jit->frm != ref->frm) fprintf(out, "  differs: frm translated %u, interpreter %u\n", jit->frm, ref->frm);
    if (jit->pc != ref->pc) fprintf(out, "  differs: pc\n");
    (void)tx;
}

/* Is `addr` among the first n records? */
static bool logged(const struct mmu_store_record *rec, int n, uint64_t addr)
{
    for (int i = 0; i < n; i++)
        if (rec[i].addr == addr) return true;
    return false;
}

static uint64_t mmio_count(const struct cpu *cpu)
{
    return cpu->mmu->sys ? cpu->mmu->sys->mmio_accesses : 0;
}

/* Runs exactly `count` instruction attempts in the interpreter.  An exit
 * request (a host signal or timer tick arriving now, or an instruction
 * that asks the machine loop to look at interrupts) must not cut the
 * replay short; it is kept for the caller. */
static bool replay(struct cpu *cpu, uint64_t count)
{
    uint64_t base = cpu->instret;
    uint8_t request = 0;
    bool trapped = false;
    for (;;) {
        request |= __atomic_exchange_n(&cpu->exit_request, 0, __ATOMIC_RELAXED);
        trapped = cpu_run_interp(cpu, count - (cpu->instret - base));
        if (trapped || cpu->instret - base >= count || !cpu_exit_requested(cpu)) break;
    }
    __atomic_fetch_or(&cpu->exit_request, request, __ATOMIC_RELAXED);
    return trapped;
}

/* Puts the hart back to `start`, except exit_request: a host signal (or
 * another thread) that asked while the block ran, or while this copy runs,
 * wants the run loop to deliver something, and the request must survive the
 * rewind, or a guest spinning in a loop would never see the signal.  The
 * byte itself is never written here, so no request can be lost in between. */
static void rewind_cpu(struct cpu *cpu, const struct cpu *start)
{
    const size_t at = offsetof(struct cpu, exit_request), after = at + sizeof cpu->exit_request;
    memcpy((char *)cpu, (const char *)start, at);
    memcpy((char *)cpu + after, (const char *)start + after, sizeof *cpu - after);
}

/* A copy of the hart's state to compare or rewind to later, without reading
 * exit_request: another thread (linux_serial_enter, a signal's sender) may
 * set it at this moment, and the copy's value would not be used anyway
 * (rewind_cpu keeps the live one).  A plain struct copy was a data race. */
static void snapshot_cpu(struct cpu *copy, const struct cpu *cpu)
{
    rewind_cpu(copy, cpu);
    copy->exit_request = 0;
}

/* User mode: does memory still hold the code the block was translated
 * from?  Another thread may have rewritten it without this hart executing
 * fence.i; RISC-V then allows either the old or the new code to run, so the
 * two engines may both be right and differ (the interpreter always fetches
 * afresh). */
static bool block_code_stale(const struct tx_block *b, struct cpu *cpu)
{
    uint64_t pc = b->pc;
    for (int i = 0; i < b->n_insns; i++) {
        uint32_t now = 0;
        if (mmu_read_bytes(cpu->mmu, pc, &now, b->insns[i].len, 0) != MMU_OK) return true;
        if (now != b->insns[i].raw) return true;
        pc = tx_next_pc(b->insns, b->follow_mask, i, pc);
    }
    return false;
}

static int check_blocks(struct translator *tx, struct cpu *cpu)
{
    static struct mmu_store_record jit_rec[MMU_STORE_LOG_SIZE];
    static uint64_t jit_final[MMU_STORE_LOG_SIZE];
    for (;;) {
        if (cpu_exit_requested(cpu)) return TX_CHECK_EXIT;
        cpu->time_frozen = true; /* both runs of the block must read the same time */
        cpu->time_value = cpu_time_ticks();
        struct cpu start;
        snapshot_cpu(&start, cpu);
        log_buf.n = 0;
        log_buf.overflow = false;
        cpu->trap_cause = UINT64_MAX;
        struct tx_block *b = NULL;
        uint64_t device_accesses = mmio_count(cpu);
        int r = tx_run_one(tx, cpu, &b);
        if (!b) return TX_CHECK_TRAP; /* the first instruction could not even be fetched */
        struct cpu jit;
        snapshot_cpu(&jit, cpu);
        bool jit_trapped = r == TX_CHECK_TRAP;
        /* System mode: a block that touched a device cannot be replayed (the
         * UART would print twice, a claim would be claimed twice): keep the
         * translated run's result unchecked. */
        if (mmio_count(cpu) != device_accesses) {
            tx->stats.unchecked_blocks++;
            if (jit_trapped) return TX_CHECK_TRAP;
            continue;
        }
        /* what memory holds after the translated block, at every address it
         * stored to (an address stored twice must be compared with its last value) */
        int n_jit = log_buf.n;
        bool overflow = log_buf.overflow;
        bool shared = false;
        for (int i = 0; i < n_jit && !cpu->system && !shared; i++)
            shared = mmu_range_shared(cpu->mmu, log_buf.rec[i].addr, log_buf.rec[i].size);
        if (shared) {
            tx->stats.unchecked_blocks++;
            if (jit_trapped) return TX_CHECK_TRAP;
            continue;
        }
        memcpy(jit_rec, log_buf.rec, sizeof jit_rec[0] * (size_t)n_jit);
        for (int i = 0; i < n_jit; i++) {
            jit_final[i] = 0;
            (void)mmu_read_bytes(cpu->mmu, jit_rec[i].addr, &jit_final[i], jit_rec[i].size, 0);
        }
        /* undo the block's stores (newest first), then replay it in the interpreter */
        for (int i = n_jit - 1; i >= 0; i--)
            (void)mmu_write_bytes(cpu->mmu, jit_rec[i].addr, &jit_rec[i].old_value, jit_rec[i].size, 0);
        rewind_cpu(cpu, &start);
        if (cpu->system) cpu_priv_sync_mmu(cpu); /* the MMU's context follows the restored privilege */
        cpu->trap_cause = UINT64_MAX;
        log_buf.n = 0;
        uint64_t n = jit.instret - start.instret;
        bool ref_trapped = replay(cpu, n + (jit_trapped ? 1 : 0));
        bool may_race = !cpu->system && cpu->mmu->any_shared; /* (see the top of the file) */
        bool differs = ref_trapped != jit_trapped || !same_state(&jit, cpu, jit_trapped);
        if (differs && !cpu->system && block_code_stale(b, cpu)) {
            tx_flush(tx); /* keep the interpreter's run (it read the code as it is now) */
            if (ref_trapped) return TX_CHECK_TRAP;
            continue;
        }
        if (differs && may_race) {
            tx->stats.unchecked_blocks++;
            if (ref_trapped) return TX_CHECK_TRAP;
            continue;
        }
        if (differs) {
            report(tx, b, &jit, cpu, ref_trapped != jit_trapped ? "one of them trapped" : "state differs");
            return TX_CHECK_DIVERGED;
        }
        for (int i = 0; i < n_jit && !overflow && !log_buf.overflow; i++) {
            uint64_t v = 0;
            if ((mmu_read_bytes(cpu->mmu, jit_rec[i].addr, &v, jit_rec[i].size, 0) != MMU_OK || v != jit_final[i]) &&
                !may_race) {
                report(tx, b, &jit, cpu, "memory differs");
                fprintf(stderr, "  at 0x%llx: translated code left %llx, interpreter left %llx\n",
                        (unsigned long long)jit_rec[i].addr, (unsigned long long)jit_final[i], (unsigned long long)v);
                return TX_CHECK_DIVERGED;
            }
        }
        for (int i = 0; i < log_buf.n && !overflow && !log_buf.overflow; i++) {
            if (!logged(jit_rec, n_jit, log_buf.rec[i].addr) && !may_race) {
                report(tx, b, &jit, cpu, "memory differs");
                fprintf(stderr, "  at 0x%llx: the interpreter stored, translated code did not\n",
                        (unsigned long long)log_buf.rec[i].addr);
                return TX_CHECK_DIVERGED;
            }
        }
        if (jit_trapped) return TX_CHECK_TRAP;
        if (cpu->code_changed && !cpu->system) tx_flush(tx), cpu->code_changed = 0;
    }
}

int tx_run_check(struct translator *tx, struct cpu *cpu)
{
    /* The blocks are translated with the options the default engine would
     * use (chaining too: the same exits, self-loops and jump-cache probes),
     * and entered through the same code (enter_block in dispatch.c).  What
     * differs: tx_run_one never patches an exit to a successor nor fills the
     * jump cache, so after every block (a self-loop: after the whole loop)
     * translated code comes back here to be compared. */
    tx->checking = true; /* stores keep the TLB check, for the store log */
    /* A self-loop runs until it ends or exit_request is set: set it before the
     * store log overflows, so every store of the loop can be undone. */
    log_buf.nearly_full = &cpu->exit_request;
    /* While the log is attached no TLB entry allows writes, so every store
     * (translated or interpreted) takes the logging slow path. */
    mmu_set_store_log(cpu->mmu, &log_buf);
    int r = check_blocks(tx, cpu);
    mmu_set_store_log(cpu->mmu, NULL);
    cpu->time_frozen = false;
    return r;
}
