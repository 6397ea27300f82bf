/*
 * testsuite/unit/test_priv.c — trap entry, delegation, interrupt priority and the
 * trap-return instructions (cpu/priv.c), on a system-mode hart with a
 * small RAM.  Expected values come from the privileged specification
 * (sections 3.1.6.1, 3.1.8, 3.1.9, 3.3.2).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cpu/interp.h"
#include "cpu/priv.h"
#include "mmu/bus.h"
#include "mmu/mmu_system.h"

#define RAM 0x80000000ull
static uint8_t ram[0x4000];
static struct bus bus;
static struct cpu cpu;

static int setup(void **state)
{
    (void)state;
    memset(&bus, 0, sizeof bus);
    memset(&cpu, 0, sizeof cpu);
    bus_add_ram(&bus, RAM, sizeof ram, ram, true);
    cpu.mmu = mmu_create_system(&bus);
    if (!cpu.mmu) return -1;
    cpu_priv_reset(&cpu, RAM, 0);
    cpu.priv.mtvec = RAM + 0x100;
    cpu.priv.stvec = RAM + 0x200;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    mmu_destroy(cpu.mmu);
    return 0;
}

/* Executes one 32-bit instruction word at the current pc. */
static bool exec_word(uint32_t word)
{
    struct rv_insn in;
    assert_true(rv_decode(word, &in));
    return cpu_exec(&cpu, &in);
}

static void exception_in_m_goes_to_mtvec(void **state)
{
    (void)state;
    cpu.pc = RAM + 0x40;
    cpu.priv.mstatus |= MSTATUS_MIE;
    cpu_trap(&cpu, RV_CAUSE_ILLEGAL_INSN, 0x1234);
    cpu_take_trap(&cpu);
    assert_int_equal(cpu.pc, RAM + 0x100);
    assert_int_equal(cpu.priv.mepc, RAM + 0x40);
    assert_int_equal(cpu.priv.mcause, 2);
    assert_int_equal(cpu.priv.mtval, 0x1234);
    assert_int_equal((cpu.priv.mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, RV_PRIV_M);
    assert_true(cpu.priv.mstatus & MSTATUS_MPIE); /* MIE pushed into MPIE */
    assert_false(cpu.priv.mstatus & MSTATUS_MIE);
}

static void delegated_exception_from_u_goes_to_s(void **state)
{
    (void)state;
    cpu.priv.mode = RV_PRIV_U;
    cpu.priv.medeleg = 1u << RV_CAUSE_LOAD_PAGE_FAULT;
    cpu.priv.mstatus |= MSTATUS_SIE;
    cpu.pc = RAM + 0x80;
    cpu_trap(&cpu, RV_CAUSE_LOAD_PAGE_FAULT, 0xdead000);
    cpu_take_trap(&cpu);
    assert_int_equal(cpu.priv.mode, RV_PRIV_S);
    assert_int_equal(cpu.pc, RAM + 0x200);
    assert_int_equal(cpu.priv.scause, 13);
    assert_int_equal(cpu.priv.stval, 0xdead000);
    assert_false(cpu.priv.mstatus & MSTATUS_SPP); /* came from U */
    assert_true(cpu.priv.mstatus & MSTATUS_SPIE);
    assert_false(cpu.priv.mstatus & MSTATUS_SIE);
    /* the same exception taken in M is never delegated */
    cpu.priv.mode = RV_PRIV_M;
    cpu_trap(&cpu, RV_CAUSE_LOAD_PAGE_FAULT, 0);
    cpu_take_trap(&cpu);
    assert_int_equal(cpu.pc, RAM + 0x100);
}

static void interrupt_priority_and_enables(void **state)
{
    (void)state;
    cpu.priv.mip_hw = MIP_MTIP | MIP_MSIP | MIP_MEIP;
    cpu.priv.mie = MIP_MTIP | MIP_MSIP;
    assert_int_equal(cpu_pending_interrupt(&cpu), -1); /* in M with MIE clear */
    cpu.priv.mstatus |= MSTATUS_MIE;
    assert_int_equal(cpu_pending_interrupt(&cpu), RV_IRQ_MSI); /* MEI is not enabled in mie; MSI > MTI */
    cpu.priv.mie |= MIP_MEIP;
    assert_int_equal(cpu_pending_interrupt(&cpu), RV_IRQ_MEI);
    /* below M, M interrupts are taken whatever MIE says */
    cpu.priv.mstatus &= ~MSTATUS_MIE;
    cpu.priv.mode = RV_PRIV_S;
    assert_int_equal(cpu_pending_interrupt(&cpu), RV_IRQ_MEI);
}

static void delegated_interrupts_follow_sie_and_never_interrupt_m(void **state)
{
    (void)state;
    cpu.priv.mideleg = MIP_STIP | MIP_SSIP;
    cpu.priv.mip_sw = MIP_SSIP | MIP_STIP;
    cpu.priv.mie = MIP_SSIP | MIP_STIP;
    cpu.priv.mstatus |= MSTATUS_MIE | MSTATUS_SIE;
    assert_int_equal(cpu_pending_interrupt(&cpu), -1); /* M: delegated ones never */
    cpu.priv.mode = RV_PRIV_S;
    assert_int_equal(cpu_pending_interrupt(&cpu), RV_IRQ_SSI); /* SSI > STI */
    cpu.priv.mstatus &= ~MSTATUS_SIE;
    assert_int_equal(cpu_pending_interrupt(&cpu), -1);
    cpu.priv.mode = RV_PRIV_U; /* in U, S interrupts are taken whatever SIE says */
    assert_int_equal(cpu_pending_interrupt(&cpu), RV_IRQ_SSI);
    cpu_take_interrupt(&cpu, RV_IRQ_SSI);
    assert_int_equal(cpu.priv.scause, RV_CAUSE_INTERRUPT | RV_IRQ_SSI);
    assert_int_equal(cpu.priv.mode, RV_PRIV_S);
}

static void vectored_interrupt_entry(void **state)
{
    (void)state;
    cpu.priv.mtvec = (RAM + 0x100) | 1;
    cpu.priv.mip_hw = MIP_MTIP;
    cpu.priv.mie = MIP_MTIP;
    cpu.priv.mstatus |= MSTATUS_MIE;
    cpu_take_interrupt(&cpu, cpu_pending_interrupt(&cpu));
    assert_int_equal(cpu.pc, RAM + 0x100 + 4 * 7);
    assert_int_equal(cpu.priv.mcause, RV_CAUSE_INTERRUPT | 7);
}

static void mret_and_sret_pop_the_stack(void **state)
{
    (void)state;
    /* mret to S: MIE <- MPIE, MPIE <- 1, MPP <- U, MPRV cleared (leaving M) */
    cpu.priv.mstatus = (cpu.priv.mstatus & ~MSTATUS_MPP) | (1ull << MSTATUS_MPP_SHIFT) | MSTATUS_MPRV;
    cpu.priv.mstatus &= ~MSTATUS_MPIE;
    cpu.priv.mepc = RAM + 0x300;
    assert_true(exec_word(0x30200073)); /* mret */
    assert_int_equal(cpu.priv.mode, RV_PRIV_S);
    assert_int_equal(cpu.pc, RAM + 0x300);
    assert_false(cpu.priv.mstatus & MSTATUS_MIE);
    assert_true(cpu.priv.mstatus & MSTATUS_MPIE);
    assert_int_equal(cpu.priv.mstatus & MSTATUS_MPP, 0);
    assert_false(cpu.priv.mstatus & MSTATUS_MPRV);
    /* mret in S is illegal */
    assert_false(exec_word(0x30200073));
    assert_int_equal(cpu.trap_cause, RV_CAUSE_ILLEGAL_INSN);
    /* sret to U with SPIE set: SIE <- 1 */
    cpu.priv.mstatus |= MSTATUS_SPIE;
    cpu.priv.mstatus &= ~MSTATUS_SPP;
    cpu.priv.sepc = RAM + 0x400;
    assert_true(exec_word(0x10200073)); /* sret */
    assert_int_equal(cpu.priv.mode, RV_PRIV_U);
    assert_int_equal(cpu.pc, RAM + 0x400);
    assert_true(cpu.priv.mstatus & MSTATUS_SIE);
    /* in U: sret, wfi and sfence.vma are illegal; ecall says it came from U */
    assert_false(exec_word(0x10200073));
    assert_false(exec_word(0x10500073));
    assert_false(exec_word(0x12000073));
    assert_false(exec_word(0x00000073));
    assert_int_equal(cpu.trap_cause, RV_CAUSE_ECALL_U);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(exception_in_m_goes_to_mtvec, setup, teardown),
        cmocka_unit_test_setup_teardown(delegated_exception_from_u_goes_to_s, setup, teardown),
        cmocka_unit_test_setup_teardown(interrupt_priority_and_enables, setup, teardown),
        cmocka_unit_test_setup_teardown(delegated_interrupts_follow_sie_and_never_interrupt_m, setup, teardown),
        cmocka_unit_test_setup_teardown(vectored_interrupt_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(mret_and_sret_pop_the_stack, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
