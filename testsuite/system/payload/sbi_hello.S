/*
 * testsuite/system/payload/sbi_hello.S — an S-mode payload for OpenSBI at 0x80200000.
 *
 * Prints a line through the SBI debug console's legacy putchar (SBI v0.1,
 * a7 = 1), then asks the firmware to power off through the SBI system
 * reset extension (SRST, a7 = 0x53525354, a6 = 0: reset, a0 = 0: shutdown).
 * Proves the boot flow: ROM -> OpenSBI (M) -> payload (S) -> SBI calls.
 */
    .section .text
    .globl _start
_start:
    la s0, message
1:  lbu a0, 0(s0)
    beqz a0, 2f
    li a7, 1             /* legacy console_putchar */
    ecall
    addi s0, s0, 1
    j 1b
2:  li a7, 0x53525354    /* SRST */
    li a6, 0
    li a0, 0             /* shutdown */
    li a1, 0             /* no reason */
    ecall
3:  wfi
    j 3b

    .section .rodata
message:
    .asciz "payload: hello from S-mode through SBI\n"
