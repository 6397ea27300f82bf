/* testsuite/faults/fault_store_text.S — stores into its own code, which is mapped
 * read+execute only: must die with SIGSEGV (and the code must stay unchanged). */
    .globl _start
_start:
    la t0, _start
    sw zero, 0(t0)
    li a7, 93
    ecall
