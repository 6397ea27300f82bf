/*
 * cpu/csr.c — Zicsr: the CSR instructions and the user-level CSRs.
 *
 * User mode has fflags, frm and fcsr (three views of one register) and the
 * read-only counters cycle, time and instret.  Any other CSR, or a write to
 * a read-only one, is an illegal instruction.  A system-mode hart adds
 * the privileged rules here (CSR privilege levels, FS, counter enables)
 * and the machine/supervisor CSRs of cpu/csr_priv.c.
 */
#include <time.h>

#include "cpu/interp.h"
#include "cpu/priv.h"

enum {
    CSR_FFLAGS = 0x001, CSR_FRM = 0x002, CSR_FCSR = 0x003,
    CSR_CYCLE = 0xc00, CSR_TIME = 0xc01, CSR_INSTRET = 0xc02,
};

/* time counts at 10 MHz, like QEMU's virt board timebase. */
uint64_t cpu_time_ticks(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 10000000u + (uint64_t)ts.tv_nsec / 100u;
}

static bool csr_read(struct cpu *cpu, unsigned csr, uint64_t *val)
{
    if (cpu->system) {
        if (csr <= CSR_FCSR && !cpu_fp_enabled(cpu)) return false;
        if (csr >= CSR_CYCLE && csr <= 0xc1f && !cpu_priv_counter_allowed(cpu, csr - CSR_CYCLE)) return false;
        if (csr >= 0xc03 && csr <= 0xc1f) { /* hpmcounter3..31: no events, always zero */
            *val = 0;
            return true;
        }
    }
    switch (csr) {
    case CSR_FFLAGS: *val = cpu->fflags; return true;
    case CSR_FRM: *val = cpu->frm; return true;
    case CSR_FCSR: *val = cpu->frm << 5 | cpu->fflags; return true;
    case CSR_CYCLE: *val = cpu_cycle_counter(cpu); return true;
    case CSR_INSTRET: *val = cpu_instret_counter(cpu); return true;
    case CSR_TIME: *val = cpu->time_frozen ? cpu->time_value : cpu_time_ticks(); return true;
    default: return cpu->system && cpu_priv_csr_read(cpu, csr, val);
    }
}

static bool csr_write(struct cpu *cpu, unsigned csr, uint64_t val)
{
    if (cpu->system && csr <= CSR_FCSR) {
        if (!cpu_fp_enabled(cpu)) return false;
        cpu_fp_dirty(cpu);
    }
    switch (csr) {
    case CSR_FFLAGS: cpu->fflags = val & 0x1f; return true;
    case CSR_FRM: cpu->frm = val & 7; return true; /* WARL-free: any 3-bit value is kept; bad ones trap on use */
    case CSR_FCSR: cpu->fflags = val & 0x1f; cpu->frm = (val >> 5) & 7; return true;
    default: return cpu->system && cpu_priv_csr_write(cpu, csr, val); /* user counters are read-only */
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

    if (cpu->system) {
        /* bits 9:8 of the number: the least privilege that may access it; 11:10 == 3: read-only */
        if (((csr >> 8) & 3) > cpu->priv.mode) return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
        if (writes && (csr >> 10) == 3) return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
    }
    uint64_t old = 0;
    if (reads && !csr_read(cpu, csr, &old)) return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
    if (writes) {
        uint64_t val = src;
        if (in->op == RV_OP_CSRRS || in->op == RV_OP_CSRRSI) val = old | src;
        if (in->op == RV_OP_CSRRC || in->op == RV_OP_CSRRCI) val = old & ~src;
        if (!csr_write(cpu, csr, val)) return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
    }
    if (in->rd) cpu->x[in->rd] = old;
    /* A write that may enable or raise an interrupt: the machine loop must look before the next block. */
    if (cpu->system && writes && cpu_priv_csr_affects_interrupts(csr)) cpu->exit_request = 1;
    cpu->pc += in->len;
    cpu->instret++;
    return true;
}
