/* testsuite/faults/fault_jump_null.S — jumps to address 0 (nothing mapped there):
 * an instruction fetch fault, SIGSEGV. */
    .globl _start
_start:
    li t0, 0
    jr t0
