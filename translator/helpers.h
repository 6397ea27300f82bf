/*
 * translator/helpers.h — the C functions generated code calls (see helpers.c).
 *
 * They follow the System V calling convention: arguments in rdi, rsi, rdx,
 * rcx; a 16-byte struct comes back in rax:rdx, which is how a load helper
 * returns both the value and whether it faulted.
 */
#ifndef RVDBT_TRANSLATOR_HELPERS_H
#define RVDBT_TRANSLATOR_HELPERS_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "cpu/decode.h"

#define TX_LOAD_SIGNED 16 /* or-ed into a load helper's size argument */

struct tx_mem_result {
    uint64_t value; /* rax */
    uint64_t fault; /* rdx: nonzero if the access trapped (cpu->trap_* set) */
};

/* Translated FP code lets SSE accumulate exception flags in MXCSR; these
 * fold them into cpu->fflags (and clear them), or just clear them. */
void tx_fold_host_fp_flags(struct cpu *cpu);
void tx_clear_host_fp_flags(void);
/* RVDBT_TEST_MISTRANSLATE=fpflags only: sets MXCSR's inexact flag, as C code might leave it. */
void tx_test_dirty_host_fp_flags(void);

/* Test hook (environment RVDBT_TEST_CLOBBER_XMM=1): the helpers below
 * overwrite xmm2..xmm15 before they return, as any C code may, so the test
 * suite can prove that slow paths reload the FP cache (fpcache.c).  Plain C
 * helpers seldom touch those registers, so without the hook a missing reload
 * would go unnoticed.  Never set in normal use. */
extern bool tx_test_clobber_xmm;

/* Executes one instruction with the interpreter's semantics; false = trapped. */
bool tx_helper_exec(struct cpu *cpu, const struct rv_insn *in);
/* A CSR instruction in the middle of a block (opt.csr_in_block, lower_csr_in_block):
 * TX_CSR_TRAP, TX_CSR_GO_ON, or TX_CSR_LEAVE when the block must not go on: an
 * exit request (an interrupt enable turned on, a kick) or mstatus.FS changed
 * (the block's inline FP code assumed the FS it checked at entry). */
enum { TX_CSR_TRAP = 0, TX_CSR_GO_ON = 1, TX_CSR_LEAVE = 2 };
uint8_t tx_helper_csr(struct cpu *cpu, const struct rv_insn *in);
struct tx_mem_result tx_helper_load(struct cpu *cpu, uint64_t addr, uint64_t size_sign);
struct tx_mem_result tx_helper_store(struct cpu *cpu, uint64_t addr, uint64_t value, uint64_t size);

#endif
