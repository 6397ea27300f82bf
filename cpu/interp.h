/*
 * cpu/interp.h — the interpreter: the reference semantics of every instruction.
 *
 * Contract for every cpu_exec_* function: given a decoded instruction that
 * sits at cpu->pc, either complete it (registers/memory updated, pc moved to
 * the next instruction or the jump target, instret incremented) and return
 * true, or raise a trap (cpu->trap_cause/trap_tval set, NOTHING else changed,
 * pc still at the instruction) and return false.  That "all or nothing" rule
 * is what lets the translator call these functions as helpers and still
 * deliver precise exceptions.
 */
#ifndef RVDBT_CPU_INTERP_H
#define RVDBT_CPU_INTERP_H

#include "cpu/cpu.h"
#include "cpu/decode.h"

#define WARN_UNUSED __attribute__((warn_unused_result))

/* Executes one instruction (any extension). */
WARN_UNUSED bool cpu_exec(struct cpu *cpu, const struct rv_insn *in);
/* The F/D part, called by cpu_exec for RV_F_FP instructions (cpu/interp_fp.c). */
WARN_UNUSED bool cpu_exec_fp(struct cpu *cpu, const struct rv_insn *in);
/* The A part (cpu/interp_amo.c). */
WARN_UNUSED bool cpu_exec_amo(struct cpu *cpu, const struct rv_insn *in);
/* Zicsr (cpu/csr.c). */
WARN_UNUSED bool cpu_exec_csr(struct cpu *cpu, const struct rv_insn *in);

/* Fetches and decodes the instruction at cpu->pc.  On a fetch fault or an
 * illegal encoding it raises the trap and returns false. */
WARN_UNUSED bool cpu_fetch_decode(struct cpu *cpu, struct rv_insn *out);

/* Runs the interpreter until an instruction traps or `budget` instructions
 * have retired.  Returns true if it stopped because of a trap (then
 * cpu->trap_cause says which), false if the budget ran out. */
bool cpu_run_interp(struct cpu *cpu, uint64_t budget);

/* The time CSR's clock: host monotonic time in 10 MHz ticks. */
uint64_t cpu_time_ticks(void);

/* Maps an mmu_result of a data access to the RISC-V exception cause. */
uint64_t cpu_mem_fault_cause(int mmu_result, bool is_store);

#endif
