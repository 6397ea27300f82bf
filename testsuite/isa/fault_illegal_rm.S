/* testsuite/isa/fault_illegal_rm.S — an illegal-instruction probe, not a PASS/FAIL test.
 * fadd.d with the reserved static rounding mode rm = 5 (funct7 0000001, rm field 101):
 * the spec reserves rm values 101 and 110, so the instruction is illegal even though frm
 * is valid.  Expected outcome: death by SIGILL (signal 4, status 132), nothing printed;
 * otherwise it exits with status 3.
 * EXPECT-SIGNAL: 4 */
    .option norvc
    .text
    .globl _start
_start:
    fsrmi 0
    .insn r 0x53, 5, 0x01, f0, f1, f2      /* fadd.d f0, f1, f2, rm=5 */
    li a0, 3
    li a7, 93
    ecall
