/*
 * cpu/csr_priv.c — the machine and supervisor CSRs and their WARL rules.
 *
 * Each CSR is a field of struct cpu_priv (cpu/priv_state.h), or a view of
 * one: sstatus, sie and sip show the supervisor's part of mstatus, mie and
 * mip.  Writes keep only the bits this hart implements ("write any, read
 * legal"), e.g. a satp write that selects Sv48 or Sv57 is ignored, which
 * is how Linux finds out that only Sv39 exists.
 */
#include "cpu/csr_table.h"
#include "cpu/interp.h"
#include "cpu/isa_ext.h"
#include "cpu/priv.h"
#include "mmu/mmu_system.h"



#define MSTATUS_WRITABLE (MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP | \
                          MSTATUS_FS | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW |     \
                          MSTATUS_TSR)
#define SSTATUS_VISIBLE (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | MSTATUS_MXR | \
                         MSTATUS_UXL | MSTATUS_SD)
#define SSTATUS_WRITABLE (SSTATUS_VISIBLE & MSTATUS_WRITABLE)
/* exceptions M can hand to S: all but ecall from M (11) and the reserved 10, 14 */
#define MEDELEG_WRITABLE 0xb3ffull
#define MIDELEG_WRITABLE (MIP_SSIP | MIP_STIP | MIP_SEIP)
#define MIE_WRITABLE (MIP_SSIP | MIP_MSIP | MIP_STIP | MIP_MTIP | MIP_SEIP | MIP_MEIP)

/* menvcfg/senvcfg: FIOM always; the cache-block enables when the extension is
 * there (they read as zero without it); CBIE's reserved value 10 keeps the old
 * field, as mstatus.MPP does with its reserved 2. */
static uint64_t write_envcfg(uint64_t old, uint64_t val, uint64_t extra)
{
    uint64_t writable = ENVCFG_FIOM | extra;
    if (rv_ext_on(RV_EXT_ZICBOM)) writable |= ENVCFG_CBIE | ENVCFG_CBCFE;
    if (rv_ext_on(RV_EXT_ZICBOZ)) writable |= ENVCFG_CBZE;
    if ((val & ENVCFG_CBIE) == 2ull << ENVCFG_CBIE_SHIFT) val = (val & ~ENVCFG_CBIE) | (old & ENVCFG_CBIE);
    return val & writable;
}

static uint64_t read_mstatus(const struct cpu_priv *p)
{
    uint64_t s = p->mstatus;
    if ((s & MSTATUS_FS) == MSTATUS_FS_DIRTY) s |= MSTATUS_SD;
    return s;
}

static void write_mstatus(struct cpu *cpu, uint64_t val, uint64_t writable)
{
    struct cpu_priv *p = &cpu->priv;
    /* MPP is WARL: 2 (reserved) keeps the old value */
    if (((val & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT) == 2) val = (val & ~MSTATUS_MPP) | (p->mstatus & MSTATUS_MPP);
    p->mstatus = (p->mstatus & ~writable) | (val & writable);
    cpu_priv_sync_mmu(cpu);
}

bool cpu_priv_counter_allowed(const struct cpu *cpu, unsigned index)
{
    const struct cpu_priv *p = &cpu->priv;
    if (p->mode < RV_PRIV_M && !((p->mcounteren >> index) & 1)) return false;
    if (p->mode < RV_PRIV_S && !((p->scounteren >> index) & 1)) return false;
    return true;
}

bool cpu_priv_csr_gate_open(const struct cpu *cpu, const struct rv_csr_info *csr)
{
    const struct cpu_priv *p = &cpu->priv;
    switch (csr->gate) {
    case RV_CSR_GATE_FP: return cpu_fp_enabled(cpu);
    case RV_CSR_GATE_COUNTER: return cpu_priv_counter_allowed(cpu, csr->num - CSR_CYCLE);
    /* satp (and sfence.vma) trap in S-mode when mstatus.TVM is set */
    case RV_CSR_GATE_TVM: return !(p->mode == RV_PRIV_S && (p->mstatus & MSTATUS_TVM));
    /* stimecmp exists for S only when M enabled Sstc (menvcfg.STCE) and the time counter */
    case RV_CSR_GATE_STCE: return p->mode == RV_PRIV_M || ((p->menvcfg & MENVCFG_STCE) && ((p->mcounteren >> 1) & 1));
    default: return true;
    }
}

bool cpu_priv_csr_read(struct cpu *cpu, unsigned csr, uint64_t *val)
{
    const struct cpu_priv *p = &cpu->priv;
    if (csr >= CSR_PMPCFG0 && csr <= CSR_PMPCFG14) {
        if (csr & 1) return false; /* RV64: only the even pmpcfg registers exist */
        unsigned i = (csr - CSR_PMPCFG0) / 2;
        *val = i < 2 ? p->pmpcfg[i] : 0;
        return true;
    }
    if (csr >= CSR_PMPADDR0 && csr <= CSR_PMPADDR63) {
        unsigned i = csr - CSR_PMPADDR0;
        *val = i < 16 ? p->pmpaddr[i] : 0;
        return true;
    }
    if ((csr >= CSR_MHPMCOUNTER3 && csr <= CSR_MHPMCOUNTER31) || (csr >= CSR_MHPMEVENT3 && csr <= CSR_MHPMEVENT31)) {
        *val = 0; /* no hardware performance events */
        return true;
    }
    switch (csr) {
    case CSR_SSTATUS: *val = read_mstatus(p) & SSTATUS_VISIBLE; return true;
    case CSR_SIE: *val = p->mie & p->mideleg; return true;
    case CSR_STVEC: *val = p->stvec; return true;
    case CSR_SCOUNTEREN: *val = p->scounteren; return true;
    case CSR_SENVCFG: *val = p->senvcfg; return true;
    case CSR_SSCRATCH: *val = p->sscratch; return true;
    case CSR_SEPC: *val = p->sepc; return true;
    case CSR_SCAUSE: *val = p->scause; return true;
    case CSR_STVAL: *val = p->stval; return true;
    case CSR_SIP: *val = cpu_mip(cpu) & p->mideleg; return true;
    case CSR_STIMECMP: *val = p->stimecmp; return true;
    case CSR_SATP: *val = p->satp; return true;
    case CSR_MSTATUS: *val = read_mstatus(p); return true;
    case CSR_MISA: *val = rv_ext_misa(); return true; /* RV64 ACDFIMSU (+B): cpu/isa_ext.c */
    case CSR_MEDELEG: *val = p->medeleg; return true;
    case CSR_MIDELEG: *val = p->mideleg; return true;
    case CSR_MIE: *val = p->mie; return true;
    case CSR_MTVEC: *val = p->mtvec; return true;
    case CSR_MCOUNTEREN: *val = p->mcounteren; return true;
    case CSR_MENVCFG: *val = p->menvcfg; return true;
    case CSR_MCOUNTINHIBIT: *val = 0; return true;
    case CSR_MSCRATCH: *val = p->mscratch; return true;
    case CSR_MEPC: *val = p->mepc; return true;
    case CSR_MCAUSE: *val = p->mcause; return true;
    case CSR_MTVAL: *val = p->mtval; return true;
    case CSR_MIP: *val = cpu_mip(cpu); return true;
    case CSR_MCYCLE: *val = cpu_cycle_counter(cpu); return true;
    case CSR_MINSTRET: *val = cpu_instret_counter(cpu); return true;
    case CSR_MVENDORID: case CSR_MARCHID: case CSR_MIMPID: case CSR_MCONFIGPTR: *val = 0; return true;
    case CSR_MHARTID: *val = p->mhartid; return true;
    default: return false;
    }
}

bool cpu_priv_csr_write(struct cpu *cpu, unsigned csr, uint64_t val)
{
    struct cpu_priv *p = &cpu->priv;
    if (csr >= CSR_PMPCFG0 && csr <= CSR_PMPCFG14) {
        if (csr & 1) return false;
        unsigned i = (csr - CSR_PMPCFG0) / 2;
        /* accepted and remembered (OpenSBI programs them); not enforced */
        if (i < 2) p->pmpcfg[i] = val & 0x9f9f9f9f9f9f9f9full; /* reserved bits 6:5 read zero */
        return true;
    }
    if (csr >= CSR_PMPADDR0 && csr <= CSR_PMPADDR63) {
        unsigned i = csr - CSR_PMPADDR0;
        if (i < 16) p->pmpaddr[i] = val & ((1ull << 54) - 1);
        return true;
    }
    if ((csr >= CSR_MHPMCOUNTER3 && csr <= CSR_MHPMCOUNTER31) || (csr >= CSR_MHPMEVENT3 && csr <= CSR_MHPMEVENT31))
        return true;
    switch (csr) {
    case CSR_SSTATUS: write_mstatus(cpu, val, SSTATUS_WRITABLE); return true;
    case CSR_SIE: p->mie = (p->mie & ~p->mideleg) | (val & p->mideleg); return true;
    case CSR_STVEC: p->stvec = val & ~2ull; return true; /* modes 0 and 1 only */
    case CSR_SCOUNTEREN: p->scounteren = val & 7; return true;
    case CSR_SENVCFG: p->senvcfg = write_envcfg(p->senvcfg, val, 0); return true;
    case CSR_SSCRATCH: p->sscratch = val; return true;
    case CSR_SEPC: p->sepc = val & ~1ull; return true;
    case CSR_SCAUSE: p->scause = val; return true;
    case CSR_STVAL: p->stval = val; return true;
    case CSR_SIP: /* only SSIP, and only when delegated */
        p->mip_sw = (p->mip_sw & ~(p->mideleg & MIP_SSIP)) | (val & p->mideleg & MIP_SSIP);
        return true;
    case CSR_STIMECMP: p->stimecmp = val; return true;
    case CSR_SATP: {
        uint64_t mode = val >> SATP_MODE_SHIFT;
        if (mode != SATP_MODE_BARE && mode != SATP_MODE_SV39) return true; /* Sv48/Sv57: ignored */
        /* no ASIDs (ASIDLEN = 0): the ASID field reads as zero */
        p->satp = (mode << SATP_MODE_SHIFT) | (val & SATP_PPN_MASK);
        cpu_priv_sync_mmu(cpu);
        /* Every translation goes, as QEMU does it (the spec would let them
         * stay until an sfence.vma); machine mode's identity map stays. */
        mmu_sys_sfence(cpu->mmu, false, 0, false, 0);
        cpu->mmu->sys->sfences--; /* (not an sfence.vma in --stats) */
        return true;
    }
    case CSR_MSTATUS: write_mstatus(cpu, val, MSTATUS_WRITABLE); return true;
    case CSR_MISA: return true; /* fixed */
    case CSR_MEDELEG: p->medeleg = val & MEDELEG_WRITABLE; return true;
    case CSR_MIDELEG: p->mideleg = val & MIDELEG_WRITABLE; return true;
    case CSR_MIE: p->mie = val & MIE_WRITABLE; return true;
    case CSR_MTVEC: p->mtvec = val & ~2ull; return true;
    case CSR_MCOUNTEREN: p->mcounteren = val & 7; return true;
    case CSR_MENVCFG: p->menvcfg = write_envcfg(p->menvcfg, val, MENVCFG_STCE); return true;
    case CSR_MCOUNTINHIBIT: return true;
    case CSR_MSCRATCH: p->mscratch = val; return true;
    case CSR_MEPC: p->mepc = val & ~1ull; return true;
    case CSR_MCAUSE: p->mcause = val; return true;
    case CSR_MTVAL: p->mtval = val; return true;
    case CSR_MIP: {
        /* STIP is the timer's when Sstc drives it; MSIP, MTIP, MEIP are the devices' */
        uint64_t writable = MIP_SSIP | MIP_SEIP | ((p->menvcfg & MENVCFG_STCE) ? 0 : MIP_STIP);
        p->mip_sw = (p->mip_sw & ~writable) | (val & writable);
        return true;
    }
    /* The value written is what the next instruction reads: the writing
     * instruction's own increment is suppressed (privileged spec, "Machine
     * Counter/Timers"; riscv-tests rv64mi instret_overflow), so the offset
     * counts the write's instret++ that follows (cpu/csr.c). */
    case CSR_MCYCLE: p->mcycle_offset = val - (cpu->instret + 1); return true;
    case CSR_MINSTRET: p->minstret_offset = val - (cpu->instret + 1); return true;
    default: return false;
    }
}
