/*
 * cpu/priv.c — privilege modes, trap entry, interrupts, mret/sret/wfi/sfence.vma.
 *
 * Written against the privileged specification (version 20211203):
 * section 3.1.6.1 for the interrupt-enable stack (xIE, xPIE, xPP), 3.1.8-9
 * for delegation and priorities, 3.3 for the trap-return and wait
 * instructions, 4.2.1 for sfence.vma.
 */
#include "cpu/priv.h"

#include "mmu/mmu_system.h"

void cpu_priv_reset(struct cpu *cpu, uint64_t pc, uint64_t hartid)
{
    cpu->system = true;
    cpu->priv = (struct cpu_priv){.mode = RV_PRIV_M, .mhartid = hartid, .mstatus = MSTATUS_UXL | MSTATUS_SXL};
    cpu->priv.stimecmp = ~0ull;
    cpu->pc = pc;
    cpu->reservation_valid = false;
    cpu_priv_sync_mmu(cpu);
}

void cpu_priv_sync_mmu(struct cpu *cpu)
{
    const struct cpu_priv *p = &cpu->priv;
    int data_priv = p->mode;
    /* MPRV: M-mode loads and stores use the privilege in MPP */
    if (p->mode == RV_PRIV_M && (p->mstatus & MSTATUS_MPRV)) data_priv = (int)((p->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
    bool sum = p->mstatus & MSTATUS_SUM, mxr = p->mstatus & MSTATUS_MXR;
    struct sv39_ctx fetch = {p->satp, p->mode, sum, mxr};
    struct sv39_ctx data = {p->satp, data_priv, sum, mxr};
    mmu_sys_set_context(cpu->mmu, &fetch, &data);
}

/* The common part of exceptions and interrupts. */
static void enter_trap(struct cpu *cpu, uint64_t cause, uint64_t tval)
{
    struct cpu_priv *p = &cpu->priv;
    bool interrupt = cause & RV_CAUSE_INTERRUPT;
    unsigned code = (unsigned)(cause & 63);
    uint64_t deleg = interrupt ? p->mideleg : p->medeleg;
    /* vectored mode (tvec bit 0) applies to interrupts only */
    if (p->mode <= RV_PRIV_S && (deleg >> code) & 1) {
        p->scause = cause;
        p->sepc = cpu->pc;
        p->stval = tval;
        uint64_t s = p->mstatus & ~(MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE);
        if (p->mode == RV_PRIV_S) s |= MSTATUS_SPP;
        if (p->mstatus & MSTATUS_SIE) s |= MSTATUS_SPIE;
        p->mstatus = s;
        p->mode = RV_PRIV_S;
        cpu->pc = (p->stvec & ~3ull) + ((p->stvec & 1) && interrupt ? 4ull * code : 0);
    } else {
        p->mcause = cause;
        p->mepc = cpu->pc;
        p->mtval = tval;
        uint64_t s = p->mstatus & ~(MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE);
        s |= (uint64_t)p->mode << MSTATUS_MPP_SHIFT;
        if (p->mstatus & MSTATUS_MIE) s |= MSTATUS_MPIE;
        p->mstatus = s;
        p->mode = RV_PRIV_M;
        cpu->pc = (p->mtvec & ~3ull) + ((p->mtvec & 1) && interrupt ? 4ull * code : 0);
    }
    p->wfi = false;
    cpu->reservation_valid = false; /* a trap breaks an LR/SC pair */
    cpu_priv_sync_mmu(cpu);
}

void cpu_take_trap(struct cpu *cpu)
{
    enter_trap(cpu, cpu->trap_cause, cpu->trap_tval);
}

void cpu_take_interrupt(struct cpu *cpu, int irq)
{
    enter_trap(cpu, RV_CAUSE_INTERRUPT | (uint64_t)irq, 0);
}

int cpu_pending_interrupt(const struct cpu *cpu)
{
    const struct cpu_priv *p = &cpu->priv;
    uint64_t pending = cpu_mip(cpu) & p->mie;
    if (!pending) return -1;
    /* An interrupt for M (not delegated) is enabled below M, or in M with
     * MIE; one delegated to S is enabled in U, or in S with SIE, never in M. */
    bool m_on = p->mode < RV_PRIV_M || (p->mstatus & MSTATUS_MIE);
    bool s_on = p->mode == RV_PRIV_U || (p->mode == RV_PRIV_S && (p->mstatus & MSTATUS_SIE));
    uint64_t take = m_on ? pending & ~p->mideleg : 0;
    if (!take && s_on) take = pending & p->mideleg;
    static const int priority[] = {RV_IRQ_MEI, RV_IRQ_MSI, RV_IRQ_MTI, RV_IRQ_SEI, RV_IRQ_SSI, RV_IRQ_STI};
    for (int i = 0; i < 6; i++)
        if (take & (1ull << priority[i])) return priority[i];
    return -1;
}

static bool illegal(struct cpu *cpu, const struct rv_insn *in)
{
    return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
}

/* After mret/sret: the new privilege, interrupt enables and MMU context. */
static bool trap_return(struct cpu *cpu, int new_mode, uint64_t new_pc)
{
    struct cpu_priv *p = &cpu->priv;
    if (new_mode != RV_PRIV_M) p->mstatus &= ~MSTATUS_MPRV;
    p->mode = (uint8_t)new_mode;
    cpu->pc = new_pc;
    cpu->instret++;
    cpu_priv_sync_mmu(cpu);
    cpu_set_exit_request(cpu, 1); /* interrupts may be enabled now: let the machine loop look */
    return true;
}

bool cpu_exec_priv(struct cpu *cpu, const struct rv_insn *in)
{
    struct cpu_priv *p = &cpu->priv;
    switch (in->op) {
    case RV_OP_MRET: {
        if (p->mode != RV_PRIV_M) return illegal(cpu, in);
        int mpp = (int)((p->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT);
        uint64_t s = p->mstatus & ~(MSTATUS_MIE | MSTATUS_MPP);
        if (p->mstatus & MSTATUS_MPIE) s |= MSTATUS_MIE;
        p->mstatus = s | MSTATUS_MPIE; /* MPP becomes U, the least-privileged mode */
        return trap_return(cpu, mpp, p->mepc);
    }
    case RV_OP_SRET: {
        if (p->mode == RV_PRIV_U || (p->mode == RV_PRIV_S && (p->mstatus & MSTATUS_TSR))) return illegal(cpu, in);
        int spp = (p->mstatus & MSTATUS_SPP) ? RV_PRIV_S : RV_PRIV_U;
        uint64_t s = p->mstatus & ~(MSTATUS_SIE | MSTATUS_SPP);
        if (p->mstatus & MSTATUS_SPIE) s |= MSTATUS_SIE;
        p->mstatus = s | MSTATUS_SPIE;
        return trap_return(cpu, spp, p->sepc);
    }
    case RV_OP_WFI:
        /* U-mode wfi is illegal (S is implemented); TW makes S-mode wfi illegal too */
        if (p->mode == RV_PRIV_U || (p->mode == RV_PRIV_S && (p->mstatus & MSTATUS_TW))) return illegal(cpu, in);
        p->wfi = true; /* the machine loop sleeps until an interrupt is pending */
        cpu_set_exit_request(cpu, 1);
        cpu->pc += in->len;
        cpu->instret++;
        return true;
    case RV_OP_SFENCE_VMA:
        if (p->mode == RV_PRIV_U || (p->mode == RV_PRIV_S && (p->mstatus & MSTATUS_TVM))) return illegal(cpu, in);
        /* All translations, whatever rs1/rs2 select: correct, if not frugal. */
        mmu_sys_flush_translations(cpu->mmu);
        cpu->pc += in->len;
        cpu->instret++;
        return true;
    default:
        return illegal(cpu, in);
    }
}
