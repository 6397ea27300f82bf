/* testsuite/isa/fault_illegal_frm.S — an illegal-instruction probe, not a PASS/FAIL test.
 * frm is set to the reserved value 5; the spec says a floating-point instruction with
 * rm = dyn must then raise an illegal-instruction exception (writing the value to frm is
 * itself fine, see zicsr.S).  Expected outcome: death by SIGILL (signal 4, status 132),
 * nothing printed; otherwise it exits with status 3.
 * EXPECT-SIGNAL: 4 */
    .option norvc
    .text
    .globl _start
_start:
    fsrmi 5
    fadd.s f0, f1, f2, dyn
    li a0, 3
    li a7, 93
    ecall
