/*
 * cpu/cpu.h — the architectural state of one RISC-V hart.
 *
 * struct cpu is what both engines operate on: the interpreter reads and
 * writes it field by field, and translated code (later) addresses it through
 * a pinned host register, which is why the layout of the hot fields is fixed
 * by the _Static_asserts below.  Traps are values: an instruction that
 * cannot complete records (cause, tval) here and leaves pc at itself, so the
 * caller decides what a trap means (a system call in user mode, a signal, or
 * a jump to the trap vector in system mode).
 */
#ifndef RVDBT_CPU_CPU_H
#define RVDBT_CPU_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/priv_state.h"

struct mmu;

/* Exception causes (mcause/scause values, privileged spec table 3.6). */
enum rv_cause {
    RV_CAUSE_MISALIGNED_FETCH = 0,
    RV_CAUSE_FETCH_ACCESS = 1,
    RV_CAUSE_ILLEGAL_INSN = 2,
    RV_CAUSE_BREAKPOINT = 3,
    RV_CAUSE_MISALIGNED_LOAD = 4,
    RV_CAUSE_LOAD_ACCESS = 5,
    RV_CAUSE_MISALIGNED_STORE = 6, /* also AMOs */
    RV_CAUSE_STORE_ACCESS = 7,
    RV_CAUSE_ECALL_U = 8,
    RV_CAUSE_ECALL_S = 9,
    RV_CAUSE_ECALL_M = 11,
    RV_CAUSE_FETCH_PAGE_FAULT = 12,
    RV_CAUSE_LOAD_PAGE_FAULT = 13,
    RV_CAUSE_STORE_PAGE_FAULT = 15,
};

/* Interrupt causes (mcause/scause with the top bit set) */
enum rv_irq {
    RV_IRQ_SSI = 1, RV_IRQ_MSI = 3, RV_IRQ_STI = 5, RV_IRQ_MTI = 7, RV_IRQ_SEI = 9, RV_IRQ_MEI = 11,
};
#define RV_CAUSE_INTERRUPT (1ull << 63)

/* fcsr.frm / instruction rm values */
enum rv_rounding { RV_RM_RNE = 0, RV_RM_RTZ = 1, RV_RM_RDN = 2, RV_RM_RUP = 3, RV_RM_RMM = 4, RV_RM_DYN = 7 };

struct cpu {
    uint64_t x[32];   /* integer registers; x[0] is kept 0 */
    uint64_t f[32];   /* FP registers, raw bits; singles are NaN-boxed */
    uint64_t pc;
    uint32_t fflags;  /* accrued exception flags (fcsr bits 4:0) */
    uint32_t frm;     /* dynamic rounding mode (fcsr bits 7:5) */

    /* LR/SC: the reserved address (and reservation_value below, what LR
     * read there), valid until an SC or a trap.  SC succeeds only if memory
     * still holds that value (cpu/interp_amo.c explains why stores need not
     * break it). */
    uint64_t reservation;
    bool reservation_valid;

    uint64_t instret; /* retired instructions (the instret/cycle counters read this) */

    /* The trap raised by the last instruction that did not complete. */
    uint64_t trap_cause;
    uint64_t trap_tval;

    struct mmu *mmu;  /* the address space this hart executes in */

    /* Set (e.g. from a host signal handler) to make the engines return to
     * their caller at the next block boundary. */
    volatile uint8_t exit_request;
    /* Set by fence.i: translated code must be re-checked against memory. */
    uint8_t code_changed;
    /* When set, the time CSR reads time_value instead of the host clock, so
     * the check engine's two runs of a block see the same time. */
    bool time_frozen;
    uint64_t time_value;

    /* System mode only (false/zero in user mode): this hart has the
     * privileged architecture — M/S/U modes, traps to a vector, the
     * machine and supervisor CSRs — instead of the user-mode Linux layer. */
    bool system;
    struct cpu_priv priv;

    /* Translated code only: where the cache registers a C helper may clobber
     * (r9, r11, rdi, r8) are kept during the call (translator/regcache.c). */
    uint64_t tx_spill[4];

    uint64_t reservation_value; /* (here, not above: it keeps the offsets --explain shows) */
    /* The interpreter does all FP in soft-float, never on the host FPU
     * (cpu/hostfp.h): for the unit tests that compare the two. */
    bool soft_float_only;
    /* System mode with -smp N > 1: `pause` (a spin-wait hint) ends this hart's
     * turn, so a hart spinning on a lock lets the holder run
     * (frontends/system/system.c); `yielded` tells the machine loop. */
    bool yield_on_pause;
    uint8_t yielded;
    /* System mode: every write to a CSR that takes part in interrupts
     * (sstatus, mie, ...) ends the run so the machine loop looks, as before
     * --no-irq-csr-filter's default (cpu/csr.c: only a write that enables an
     * interrupt, or that may raise one, does). */
    bool exit_on_every_irq_csr;
};

/* Generated code will depend on these offsets: keep them pinned. */
_Static_assert(offsetof(struct cpu, x) == 0, "x[] must start struct cpu");
_Static_assert(offsetof(struct cpu, f) == 256, "f[] follows x[]");
_Static_assert(offsetof(struct cpu, pc) == 512, "pc follows f[]");

/* exit_request is set by other threads and signal handlers while this hart
 * runs: read and write it whole (relaxed atomics; plain byte accesses on x86). */
static inline bool cpu_exit_requested(const struct cpu *cpu)
{
    return __atomic_load_n(&cpu->exit_request, __ATOMIC_RELAXED);
}
static inline void cpu_set_exit_request(struct cpu *cpu, uint8_t v)
{
    __atomic_store_n(&cpu->exit_request, v, __ATOMIC_RELAXED);
}

/* A hart's own `pause` (a spin-wait hint, -smp) asks for an exit with this
 * value, and only if nobody else has asked: any other request (a kick, the
 * tick, a device write, a signal) stores 1 over it.  So when the engine
 * returns, "still CPU_EXIT_PAUSE" means the pause was the only reason, and
 * parallel harts go back to the guest without the machine loop and its lock
 * (frontends/system/system.c).  Sequentially consistent, both ways: a
 * request stored after the hart's clear must not be lost. */
#define CPU_EXIT_PAUSE 2
static inline void cpu_request_pause_exit(struct cpu *cpu)
{
    uint8_t none = 0;
    __atomic_compare_exchange_n(&cpu->exit_request, &none, CPU_EXIT_PAUSE, false, __ATOMIC_SEQ_CST,
                                __ATOMIC_SEQ_CST);
}
/* True (and the request cleared) when the pause was the only reason to exit. */
static inline bool cpu_clear_pause_exit(struct cpu *cpu)
{
    uint8_t pause = CPU_EXIT_PAUSE;
    return __atomic_compare_exchange_n(&cpu->exit_request, &pause, 0, false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
}

/* Records a trap in the cpu; always returns false so callers can `return cpu_trap(...)`. */
static inline bool cpu_trap(struct cpu *cpu, uint64_t cause, uint64_t tval)
{
    cpu->trap_cause = cause;
    cpu->trap_tval = tval;
    return false;
}

/* The pc a hart resumes at when something outside the instruction stream
 * sets it: an ELF entry point, a signal handler, rt_sigreturn's saved pc, a
 * debugger's register write.  On hardware such a pc reaches the hart through
 * sepc/mepc, whose bit 0 is always zero (privileged spec, "sepc"), so Linux
 * runs an odd e_entry or handler address with bit 0 cleared; jalr clears it
 * too.  So the pc is never odd (IALIGN is 16 with C). */
static inline uint64_t cpu_entry_pc(uint64_t pc) { return pc & ~1ull; }

#endif
