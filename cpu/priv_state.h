/*
 * cpu/priv_state.h — the privileged state of a system-mode hart (data only).
 *
 * struct cpu embeds one of these after its user-level fields, so copying a
 * struct cpu (the check engine does, to run a block twice) copies the
 * privilege mode and every machine/supervisor CSR with it.  In user mode it
 * stays zero and unused.  The code that gives these fields meaning is in
 * cpu/priv.c (traps, interrupts, mret/sret/wfi/sfence.vma) and
 * cpu/csr_priv.c (the CSR views and their WARL rules).
 */
#ifndef RVDBT_CPU_PRIV_STATE_H
#define RVDBT_CPU_PRIV_STATE_H

#include <stdbool.h>
#include <stdint.h>

enum rv_priv { RV_PRIV_U = 0, RV_PRIV_S = 1, RV_PRIV_M = 3 };

struct cpu_priv {
    uint8_t mode;        /* enum rv_priv: the current privilege */
    bool wfi;            /* stopped in wfi until an interrupt is pending */
    uint64_t mstatus;    /* the one register behind mstatus and sstatus (SD computed on read) */
    uint64_t medeleg, mideleg;
    uint64_t mie;        /* sie is a view of it */
    uint64_t mip_sw;     /* pending bits software wrote (SSIP, STIP, SEIP) */
    uint64_t mip_hw;     /* pending bits devices drive (MSIP, MTIP, MEIP, SEIP; STIP by Sstc) */
    uint64_t mtvec, stvec;
    uint64_t mepc, sepc;
    uint64_t mcause, scause;
    uint64_t mtval, stval;
    uint64_t mscratch, sscratch;
    uint64_t satp;
    uint64_t mcounteren, scounteren;
    uint64_t menvcfg, senvcfg;
    uint64_t stimecmp;   /* Sstc */
    uint64_t mhartid;
    uint64_t pmpcfg[2];  /* pmpcfg0 and pmpcfg2 (RV64 has only the even ones) */
    uint64_t pmpaddr[16];
    /* mcycle and minstret are cpu->instret plus these (rvdbt counts one cycle
     * per instruction); a write sets them, see cpu_priv_csr_write */
    uint64_t mcycle_offset, minstret_offset;
};

#endif
