/* testsuite/isa/fault_illegal.S — an illegal-instruction probe, not a PASS/FAIL test.
 * It executes the all-zero word 0x00000000, which the spec defines as illegal (its low
 * 16 bits 0x0000 are the reserved "defined illegal" compressed encoding).  Expected
 * outcome: the process dies with SIGILL (signal 4; exit status 132 from a shell) and
 * prints nothing.  If execution ever got past it, the program would exit with status 3.
 * EXPECT-SIGNAL: 4 */
    .option norvc
    .text
    .globl _start
_start:
    .word 0x00000000
    li a0, 3
    li a7, 93
    ecall
