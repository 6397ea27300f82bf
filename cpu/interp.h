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

/* Runs one basic block: instructions until one that does not fall through
 * (a taken jump or branch: the pc moves by other than its length), one
 * that sets cpu->code_changed, an exit request, or `max` of them; the same
 * as calling cpu_run_interp(cpu, 1) that many times, in one loop.  Returns
 * true on a trap.  The translator's cold blocks (tiering) run here. */
bool cpu_run_interp_basic_block(struct cpu *cpu, unsigned max);

/* The same as cpu_run_interp(cpu, UINT64_MAX), faster: it runs blocks of
 * pre-decoded instructions (see cpu/interp.c), checking for an exit request
 * between blocks rather than before every instruction.  The interpreter
 * engine's loop (--no-interp-blocks goes back to the plain one). */
bool cpu_run_interp_blocks(struct cpu *cpu);
/* The size of each host thread's decoded-instruction cache: 4,096 entries
 * (the default, user mode), or 32,768 (system mode, unless
 * --no-big-decode-cache).  Set before the threads decode. */
void cpu_interp_set_decode_cache(bool big);
/* Instructions the interpreter decoded because its cache did not have them
 * (--stats): by the calling thread and by the threads that have ended. */
uint64_t cpu_interp_decodes(void);

/* The time CSR's clock: host monotonic time in 10 MHz ticks. */
uint64_t cpu_time_ticks(void);

/* Does this fence order an earlier store before a later load?  That is the
 * one reordering x86-TSO allows, so only such fences cost a host mfence
 * (pred has W or O, succ has R or I; fence.tso, fm = 8, never does). */
static inline bool rv_fence_needs_store_load(const struct rv_insn *in)
{
    unsigned fm = (unsigned)(in->imm >> 8) & 0xf, pred = (unsigned)(in->imm >> 4) & 0xf, succ = (unsigned)in->imm & 0xf;
    return fm != 8 && (pred & 0x5) && (succ & 0xa);
}

/* Maps an mmu_result of a data access to the RISC-V exception cause. */
uint64_t cpu_mem_fault_cause(int mmu_result, bool is_store);

#endif
