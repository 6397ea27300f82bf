/* testsuite/faults/fault_misaligned_amo.S — an AMO on a misaligned address:
 * the A extension requires natural alignment, Linux answers with SIGBUS. */
    .globl _start
_start:
    la t0, buf
    addi t0, t0, 1
    amoadd.w a0, a0, (t0)
    li a7, 93
    ecall
    .data
    .align 3
buf: .dword 0
