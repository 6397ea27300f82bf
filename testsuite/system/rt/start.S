/*
 * testsuite/system/rt/start.S — entry, trap entry points and privilege switching
 * for the bare-metal system tests.
 *
 *   _start        M-mode entry: stack, trap vector, a PMP entry that lets S
 *                 and U reach all memory (QEMU denies them everything
 *                 otherwise), then main(); its return value powers off.
 *                 With -smp N every hart starts here (a0 = its hart id):
 *                 hart 0 runs main(), the others the same set-up on a stack
 *                 of their own, then hart_main(hartid) (rt.c: a wfi loop
 *                 unless the test defines it).
 *   m_trap_entry  saves x1..x31 on the stack, calls
 *                 m_trap(frame, mcause, mepc, mtval), which returns the pc
 *                 to resume at, restores and mrets.
 *   s_trap_entry  the same for traps delegated to S (s_trap, sret).
 *   run_in_mode   run_in_mode(mode, fn, arg): calls fn(arg) in U (0) or S
 *                 (1) mode; when fn returns it ecalls with a7 = 0x5eed and
 *                 the M handler calls return_to_m(value), which resumes
 *                 run_in_mode's caller in M mode with fn's return value.
 */
    .section .text.start
    .globl _start
_start:
    csrr t1, mhartid
    bnez t1, secondary_start
    la sp, stack_top
    la t0, m_trap_entry
    csrw mtvec, t0
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f          /* NAPOT, read/write/execute */
    csrw pmpcfg0, t0
    call main
    call poweroff
1:  j 1b

/* Harts 1..7: stack top at hart_stacks + hartid * HART_STACK. */
#define HART_STACK 0x2000
secondary_start:
    la sp, hart_stacks
    li t2, HART_STACK
    mul t2, t2, t1
    add sp, sp, t2
    la t0, m_trap_entry
    csrw mtvec, t0
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    mv a0, t1
    call hart_main
2:  wfi
    j 2b

    .text
/* A trap frame: 32 slots, slot i holds xi (slot 0 unused). */
.macro SAVE_REGS
    addi sp, sp, -256
    .irp r, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd x\r, (\r*8)(sp)
    .endr
    addi t0, sp, 256
    sd t0, 16(sp)        /* the interrupted sp */
.endm
/* sp comes back from slot 2, so a handler may switch stacks by changing it. */
.macro RESTORE_REGS
    .irp r, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld x\r, (\r*8)(sp)
    .endr
    ld sp, 16(sp)
.endm

    .balign 4
    .globl m_trap_entry
m_trap_entry:
    SAVE_REGS
    mv a0, sp
    csrr a1, mcause
    csrr a2, mepc
    csrr a3, mtval
    call m_trap
    csrw mepc, a0
    RESTORE_REGS
    mret

    .balign 4
    .globl s_trap_entry
s_trap_entry:
    SAVE_REGS
    mv a0, sp
    csrr a1, scause
    csrr a2, sepc
    csrr a3, stval
    call s_trap
    csrw sepc, a0
    RESTORE_REGS
    sret

    .globl run_in_mode
run_in_mode:
    la t0, saved_ctx
    sd ra, 0(t0)
    sd sp, 8(t0)
    .irp i, 0,1,2,3,4,5,6,7,8,9,10,11
    sd s\i, (16+\i*8)(t0)
    .endr
    li t1, 0x1800        /* mstatus.MPP */
    csrc mstatus, t1
    slli t2, a0, 11
    csrs mstatus, t2
    csrw mepc, a1
    mv a0, a2
    la ra, mode_return
    mret
mode_return:
    li a7, 0x5eed
    ecall
1:  j 1b

    .globl return_to_m
return_to_m:
    la t0, saved_ctx
    ld ra, 0(t0)
    ld sp, 8(t0)
    .irp i, 0,1,2,3,4,5,6,7,8,9,10,11
    ld s\i, (16+\i*8)(t0)
    .endr
    ret

    .bss
    .balign 8
saved_ctx:
    .space 8 * 14
    .balign 16
hart_stacks:
    .space HART_STACK * 7
