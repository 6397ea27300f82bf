/* testsuite/demo/tiny_loop.S — the smallest interesting program: sums 10+9+...+1 in a
 * loop and exits with the sum (55) as its status.  The README uses it to show
 * how to read --explain output. */
    .globl _start
_start:
    li a0, 0
    li a1, 10
loop:
    add a0, a0, a1
    addi a1, a1, -1
    bnez a1, loop
    li a7, 93
    ecall
