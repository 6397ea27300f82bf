/* testsuite/faults/fault_ebreak.S — ebreak with no debugger attached: SIGTRAP. */
    .globl _start
_start:
    ebreak
