# testsuite/gdb/tracee.S — a small program without libc for the --trace test:
# its executed-pc sequence is compared with qemu-riscv64's exec log, so it
# mixes what changes control flow (calls, returns, taken and untaken
# branches, compressed jumps) with loads, stores, FP and a system call.
# Exit status: 0 if the sum computed below is right.
    .option norvc
    .text
    .globl _start
_start:
    la      s0, buffer
    li      s1, 5              # five rounds
    li      s2, 0              # running sum
1:  mv      a0, s1
    call    square             # jal + ret
    sd      a0, 0(s0)          # a store the trace lists
    ld      t0, 0(s0)
    add     s2, s2, t0
    addi    s0, s0, 8
    addi    s1, s1, -1
    bnez    s1, 1b             # taken four times, then not
    fcvt.d.l fa0, s2           # 55.0: FP register writes are traced too
    fadd.d  fa1, fa0, fa0      # 110.0
    fcvt.s.d fa2, fa1          # a single, NaN-boxed in the 64-bit register
    fsd     fa1, 0(s0)
    fcvt.l.d t1, fa1           # 110
    .option rvc
    c.li    a0, 1              # write(1, msg, 7)
    la      a1, msg
    c.li    a2, 7
    li      a7, 64
    ecall
    addi    a0, s2, -55        # 25 + 16 + 9 + 4 + 1 = 55
    snez    a0, a0
    li      a7, 93             # exit(a0)
    ecall
    .option norvc
square:
    mul     a0, a0, a0
    ret

    .data
msg: .ascii "traced\n"
    .balign 8
buffer: .zero 40
