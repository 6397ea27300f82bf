/* testsuite/isa/fault_illegal_rvc.S — an illegal-instruction probe, not a PASS/FAIL test.
 * It executes 0x6101, which would be c.addi16sp sp, 0: the RVC chapter reserves
 * c.addi16sp with nzimm = 0 (likewise c.lui with nzimm = 0), so it must raise an
 * illegal-instruction exception rather than act as a no-op.  Expected outcome: death
 * by SIGILL (signal 4, status 132), nothing printed; otherwise it exits with status 3.
 * EXPECT-SIGNAL: 4 */
    .option norvc
    .text
    .globl _start
_start:
    .2byte 0x6101
    .2byte 0x0001          /* c.nop, keeps the following code 4-byte aligned */
    li a0, 3
    li a7, 93
    ecall
