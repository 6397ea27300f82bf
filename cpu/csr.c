/*
 * cpu/csr.c — Zicsr: the CSR instructions and the user-level CSRs.
 *
 * User mode has fflags, frm and fcsr (three views of one register) and the
 * read-only counters cycle, time and instret.  Which CSRs exist, who may
 * access them and which extra rule gates them is the CSR table's
 * (cpu/csr_table.h), checked once in cpu_exec_csr; any other CSR, or a
 * write to a read-only one, is an illegal instruction.  The values are
 * here (user level) and in cpu/csr_priv.c (machine and supervisor).
 */
#include <time.h>

#include "cpu/csr_table.h"
#include "cpu/interp.h"
#include "cpu/priv.h"

/* time counts at 10 MHz, like QEMU's virt board timebase. */
uint64_t cpu_time_ticks(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 10000000u + (uint64_t)ts.tv_nsec / 100u;
}

static bool csr_read(struct cpu *cpu, unsigned csr, uint64_t *val)
{
    if (csr >= CSR_HPMCOUNTER3 && csr <= CSR_HPMCOUNTER31) { /* no events, always zero */
        *val = 0;
        return true;
    }
    switch (csr) {
    case CSR_FFLAGS: *val = cpu->fflags; return true;
    case CSR_FRM: *val = cpu->frm; return true;
    case CSR_FCSR: *val = cpu->frm << 5 | cpu->fflags; return true;
    case CSR_CYCLE: *val = cpu_cycle_counter(cpu); return true;
    case CSR_INSTRET: *val = cpu_instret_counter(cpu); return true;
    case CSR_TIME: *val = cpu->time_frozen ? cpu->time_value : cpu_time_ticks(); return true;
    default: return cpu_priv_csr_read(cpu, csr, val);
    }
}

static bool csr_write(struct cpu *cpu, unsigned csr, uint64_t val)
{
    if (csr <= CSR_FCSR) cpu_fp_dirty(cpu);
    switch (csr) {
    case CSR_FFLAGS: cpu->fflags = val & 0x1f; return true;
    case CSR_FRM: cpu->frm = val & 7; return true; /* WARL-free: any 3-bit value is kept; bad ones trap on use */
    case CSR_FCSR: cpu->fflags = val & 0x1f; cpu->frm = (val >> 5) & 7; return true;
    default: return cpu_priv_csr_write(cpu, csr, val);
    }
}

bool cpu_exec_csr(struct cpu *cpu, const struct rv_insn *in)
{
    unsigned csr = (unsigned)in->imm & 0xfff;
    bool imm_form = in->op == RV_OP_CSRRWI || in->op == RV_OP_CSRRSI || in->op == RV_OP_CSRRCI;
    uint64_t src = imm_form ? in->rs1 : cpu->x[in->rs1];
    bool is_write = in->op == RV_OP_CSRRW || in->op == RV_OP_CSRRWI;
    /* csrrs/csrrc with rs1 = x0 (or uimm = 0) do not write, so they may read read-only CSRs. */
    bool writes = is_write || in->rs1 != 0;
    bool reads = !is_write || in->rd != 0; /* csrrw with rd = x0 does not read */

    /* the table's rules: exists in this mode; the privilege, read-only and
     * gate columns bind the guest in system mode (user mode has no
     * privileged state, and its CSRs are URW or URO) */
    const struct rv_csr_info *info = rv_csr_lookup(csr);
    if (!info || info->where == RV_CSR_NAMED || (info->where == RV_CSR_SYSTEM && !cpu->system))
        return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
    if (writes && rv_csr_read_only(info)) return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
    if (cpu->system && (rv_csr_min_priv(info) > cpu->priv.mode || !cpu_priv_csr_gate_open(cpu, info)))
        return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
    uint64_t old = 0;
    if (reads && !csr_read(cpu, csr, &old)) return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
    /* (the enable bits before a write, to see whether it turns one on) */
    uint64_t enables_before = 0;
    bool irq_write = cpu->system && writes && (info->flags & RV_CSRF_IRQ);
    if (irq_write && (csr == CSR_SSTATUS || csr == CSR_MSTATUS || csr == CSR_SIE || csr == CSR_MIE) &&
        !csr_read(cpu, csr, &enables_before))
        return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
    if (writes) {
        uint64_t val = src, base = old;
        /* mip.SEIP reads as the PLIC's line OR a software-writable bit, but
         * only the software bit takes part in csrrs/csrrc (privileged spec,
         * mip).  Otherwise OpenSBI's `csrs mip, SSIP` for an IPI, landing
         * while the line is up, latches SEIP for ever: an endless stream of
         * external interrupts with nothing to claim (Linux -smp 2, issue 18). */
        if (csr == CSR_MIP) base = (old & ~MIP_SEIP) | (cpu->priv.mip_sw & MIP_SEIP);
        if (in->op == RV_OP_CSRRS || in->op == RV_OP_CSRRSI) val = base | src;
        if (in->op == RV_OP_CSRRC || in->op == RV_OP_CSRRCI) val = base & ~src;
        if (!csr_write(cpu, csr, val)) return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
    }
    if (in->rd) cpu->x[in->rd] = old;
    /* A write that may enable or raise an interrupt: the machine loop must
     * look before the next block.  Of sstatus/mstatus only the global
     * enables count, and of sie/mie only bits turned on: Linux clears and
     * sets sstatus.SIE around every critical section and toggles SUM around
     * every copy to or from user space, and leaving translated code for the
     * machine loop at each of those (a locked loop with parallel harts) cost
     * more than the writes.  A write that turns nothing on cannot make an
     * interrupt takeable; mip, sip, mideleg, stimecmp and menvcfg still
     * always end the run (--no-irq-csr-filter: every one does). */
    if (irq_write) {
        uint64_t after = enables_before;
        bool enables = csr == CSR_SSTATUS || csr == CSR_MSTATUS || csr == CSR_SIE || csr == CSR_MIE;
        if (enables && !csr_read(cpu, csr, &after)) after = ~0ull;
        uint64_t turned_on = after & ~enables_before;
        if (csr == CSR_SSTATUS || csr == CSR_MSTATUS) turned_on &= MSTATUS_SIE | MSTATUS_MIE;
        if (!enables || turned_on || cpu->exit_on_every_irq_csr) cpu_set_exit_request(cpu, 1);
    }
    cpu->pc += in->len;
    cpu->instret++;
    return true;
}
