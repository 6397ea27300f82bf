/* testsuite/faults/fault_amo_text.S — an AMO on the program's own read-only
 * text: SIGSEGV (a store/AMO page fault).  The translator runs AMOs as host
 * atomic instructions (translator/lower_amo.c): the host fault must come back
 * as the guest's fault at the AMO's pc, with the registers as before it.
 * Also an amoor.d (a lock cmpxchg loop) that is fine first, so the block gets
 * past it before the faulting amoswap.w. */
    .globl _start
_start:
    la t0, buf
    li a1, 6
    amoor.d a0, a1, (t0)
    la t1, _start
    amoswap.w a0, a0, (t1)
    li a7, 93
    ecall
    .data
    .align 3
buf: .dword 1
