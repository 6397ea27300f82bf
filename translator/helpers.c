/*
 * translator/helpers.c — C functions that translated code calls.
 *
 * Generated code handles the common case inline and calls these for the
 * rest: an instruction the translator does not lower (run through the
 * interpreter's own semantics, so both engines agree by construction), and
 * the slow path of a memory access (TLB miss, misaligned or page-crossing
 * access, fault).
 */
#include "translator/helpers.h"

#include <xmmintrin.h>

#include "cpu/interp.h"
#include "cpu/priv.h"
#include "mmu/mmu.h"

/* MXCSR exception flags (bits 0-5: IE DE ZE OE UE PE) -> RISC-V fflags. */
void tx_fold_host_fp_flags(struct cpu *cpu)
{
    unsigned csr = _mm_getcsr();
    if (!(csr & 0x3f)) return;
    uint32_t f = 0;
    if (csr & 0x01) f |= 0x10; /* invalid -> NV */
    if (csr & 0x04) f |= 0x08; /* divide by zero -> DZ */
    if (csr & 0x08) f |= 0x04; /* overflow -> OF */
    if (csr & 0x10) f |= 0x02; /* underflow -> UF */
    if (csr & 0x20) f |= 0x01; /* inexact -> NX (DE, a denormal input, has no RISC-V flag) */
    cpu->fflags |= f;
    _mm_setcsr(csr & ~0x3fu);
}

void tx_clear_host_fp_flags(void)
{
    unsigned csr = _mm_getcsr();
    if (csr & 0x3f) _mm_setcsr(csr & ~0x3fu);
}

void tx_test_dirty_host_fp_flags(void) { _mm_setcsr(_mm_getcsr() | 0x20); }

bool tx_test_clobber_xmm;

/* xmm2..xmm15 = all ones (a NaN), as a C function is allowed to leave them. */
static void clobber_xmm(void)
{
    if (!tx_test_clobber_xmm) return;
    __asm__ volatile("pcmpeqd %%xmm2, %%xmm2\n\tmovdqa %%xmm2, %%xmm3\n\tmovdqa %%xmm2, %%xmm4\n\t"
                     "movdqa %%xmm2, %%xmm5\n\tmovdqa %%xmm2, %%xmm6\n\tmovdqa %%xmm2, %%xmm7\n\t"
                     "movdqa %%xmm2, %%xmm8\n\tmovdqa %%xmm2, %%xmm9\n\tmovdqa %%xmm2, %%xmm10\n\t"
                     "movdqa %%xmm2, %%xmm11\n\tmovdqa %%xmm2, %%xmm12\n\tmovdqa %%xmm2, %%xmm13\n\t"
                     "movdqa %%xmm2, %%xmm14\n\tmovdqa %%xmm2, %%xmm15"
                     ::: "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
                       "xmm12", "xmm13", "xmm14", "xmm15");
}

bool tx_helper_exec(struct cpu *cpu, const struct rv_insn *in)
{
    /* A CSR instruction may read or write fflags: bring in what SSE accrued first. */
    if (rv_insn_info[in->op].ext == RV_EXT_ZICSR) tx_fold_host_fp_flags(cpu);
    bool ok = cpu_exec(cpu, in);
    clobber_xmm();
    return ok;
}

uint8_t tx_helper_csr(struct cpu *cpu, const struct rv_insn *in)
{
    uint64_t fs = cpu->priv.mstatus & MSTATUS_FS;
    if (!tx_helper_exec(cpu, in)) return TX_CSR_TRAP;
    if (cpu_exit_requested(cpu) || (cpu->priv.mstatus & MSTATUS_FS) != fs) return TX_CSR_LEAVE;
    return TX_CSR_GO_ON;
}

struct tx_mem_result tx_helper_load(struct cpu *cpu, uint64_t addr, uint64_t size_sign)
{
    unsigned size = (unsigned)(size_sign & 15);
    uint64_t v = 0;
    int r = mmu_load(cpu->mmu, addr, size, &v);
    clobber_xmm();
    if (r) {
        cpu_trap(cpu, cpu_mem_fault_cause(r, false), addr);
        return (struct tx_mem_result){0, 1};
    }
    if ((size_sign & TX_LOAD_SIGNED) && size < 8) v = (uint64_t)((int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size));
    return (struct tx_mem_result){v, 0};
}

struct tx_mem_result tx_helper_store(struct cpu *cpu, uint64_t addr, uint64_t value, uint64_t size)
{
    int r = mmu_store(cpu->mmu, addr, (unsigned)size, value);
    clobber_xmm();
    if (r) {
        cpu_trap(cpu, cpu_mem_fault_cause(r, true), addr);
        return (struct tx_mem_result){0, 1};
    }
    return (struct tx_mem_result){0, 0};
}
