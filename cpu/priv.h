/*
 * cpu/priv.h — the privileged architecture of a system-mode hart.
 *
 * Traps are still values (cpu->trap_cause/trap_tval, see cpu/cpu.h): an
 * instruction that cannot complete records them and the engine returns.
 * In system mode the machine's loop then calls cpu_take_trap(), which does
 * what hardware does: pick M or S (medeleg/mideleg), save pc, cause, tval
 * and the interrupt-enable stack in mstatus, switch privilege and jump to
 * the vector.  Interrupts are checked by the loop between engine runs.
 *
 * In user mode (cpu->system false) none of this is used and ecall, the
 * CSRs and the privileged instructions behave exactly as before.
 */
#ifndef RVDBT_CPU_PRIV_H
#define RVDBT_CPU_PRIV_H

#include "cpu/cpu.h"
#include "cpu/decode.h"

/* mstatus fields (RV64) */
#define MSTATUS_SIE (1ull << 1)
#define MSTATUS_MIE (1ull << 3)
#define MSTATUS_SPIE (1ull << 5)
#define MSTATUS_MPIE (1ull << 7)
#define MSTATUS_SPP (1ull << 8)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP (3ull << MSTATUS_MPP_SHIFT)
#define MSTATUS_FS (3ull << 13)
#define MSTATUS_FS_DIRTY (3ull << 13)
#define MSTATUS_MPRV (1ull << 17)
#define MSTATUS_SUM (1ull << 18)
#define MSTATUS_MXR (1ull << 19)
#define MSTATUS_TVM (1ull << 20)
#define MSTATUS_TW (1ull << 21)
#define MSTATUS_TSR (1ull << 22)
#define MSTATUS_UXL (2ull << 32) /* XLEN of U and S: 64, read-only */
#define MSTATUS_SXL (2ull << 34)
#define MSTATUS_SD (1ull << 63)

/* mip/mie bits */
#define MIP_SSIP (1ull << RV_IRQ_SSI)
#define MIP_MSIP (1ull << RV_IRQ_MSI)
#define MIP_STIP (1ull << RV_IRQ_STI)
#define MIP_MTIP (1ull << RV_IRQ_MTI)
#define MIP_SEIP (1ull << RV_IRQ_SEI)
#define MIP_MEIP (1ull << RV_IRQ_MEI)

#define MENVCFG_STCE (1ull << 63) /* Sstc: stimecmp drives STIP */
/* menvcfg and senvcfg: what the next lower privilege may do with Zicbom/Zicboz */
#define ENVCFG_FIOM 1ull
#define ENVCFG_CBIE_SHIFT 4
#define ENVCFG_CBIE (3ull << ENVCFG_CBIE_SHIFT) /* cbo.inval: 00 illegal, 01 as flush, 11 inval (10 reserved) */
#define ENVCFG_CBCFE (1ull << 6)                /* cbo.clean, cbo.flush allowed */
#define ENVCFG_CBZE (1ull << 7)                 /* cbo.zero allowed */

/* Makes `cpu` a system-mode hart in machine mode at `pc` (reset state). */
void cpu_priv_reset(struct cpu *cpu, uint64_t pc, uint64_t hartid);

/* Pushes the translation context (privilege, MPRV, SUM, MXR, satp) into
 * the MMU.  Called after anything that changes it. */
void cpu_priv_sync_mmu(struct cpu *cpu);

/* Delivers the exception recorded in cpu->trap_cause/trap_tval, raised by
 * the instruction at cpu->pc, to M or S mode. */
void cpu_take_trap(struct cpu *cpu);

/* The interrupt to take now (RV_IRQ_*), or -1: pending, enabled in mie,
 * and globally enabled for the target privilege, in the spec's priority
 * order MEI, MSI, MTI, SEI, SSI, STI. */
int cpu_pending_interrupt(const struct cpu *cpu);
void cpu_take_interrupt(struct cpu *cpu, int irq);

/* The value of mip: software-written bits OR device-driven bits. */
static inline uint64_t cpu_mip(const struct cpu *cpu) { return cpu->priv.mip_sw | cpu->priv.mip_hw; }

/* mret, sret, wfi, sfence.vma (same contract as cpu_exec in interp.h). */
__attribute__((warn_unused_result)) bool cpu_exec_priv(struct cpu *cpu, const struct rv_insn *in);

/* The machine and supervisor CSRs (cpu/csr_priv.c).  Return false if the
 * CSR does not exist (the caller raises an illegal-instruction exception).
 * The access rules — existence in this mode, privilege, read-only, the gate
 * (cpu/csr_table.h) — are checked by the caller, cpu_exec_csr, so the
 * debugger can use these past them. */
bool cpu_priv_csr_read(struct cpu *cpu, unsigned csr, uint64_t *val);
bool cpu_priv_csr_write(struct cpu *cpu, unsigned csr, uint64_t val);
struct rv_csr_info;
/* The table's gate column (FP, COUNTER, TVM, STCE) at the current privilege. */
bool cpu_priv_csr_gate_open(const struct cpu *cpu, const struct rv_csr_info *csr);
/* May the current privilege read counter CSR 0xc00 + index (mcounteren/scounteren)? */
bool cpu_priv_counter_allowed(const struct cpu *cpu, unsigned index);

/* The counters as the guest sees them (cycle, instret and their m-mode
 * names): one per retired instruction, plus what software wrote. */
static inline uint64_t cpu_cycle_counter(const struct cpu *cpu)
{
    return cpu->instret + (cpu->system ? cpu->priv.mcycle_offset : 0);
}
static inline uint64_t cpu_instret_counter(const struct cpu *cpu)
{
    return cpu->instret + (cpu->system ? cpu->priv.minstret_offset : 0);
}

/* FP state: usable unless mstatus.FS is Off (always usable in user mode). */
static inline bool cpu_fp_enabled(const struct cpu *cpu)
{
    return !cpu->system || (cpu->priv.mstatus & MSTATUS_FS);
}
/* Marks the FP state dirty (system mode), as any FP instruction may change it. */
static inline void cpu_fp_dirty(struct cpu *cpu)
{
    if (cpu->system) cpu->priv.mstatus |= MSTATUS_FS_DIRTY;
}

#endif
