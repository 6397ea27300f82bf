/*
 * testsuite/system/traps.c — exceptions, their cause/epc/tval, mret/sret,
 * delegation to S, CSR privilege checks, ecall from each mode.
 */
#include "rt.h"

static uint64_t in_s_ecall(uint64_t arg)
{
    __asm__ volatile("ecall");
    return arg + 1;
}

static uint64_t in_u_read_mstatus(uint64_t arg)
{
    (void)arg;
    return csr_read(mstatus); /* illegal in U */
}

static uint64_t in_s_read_mscratch(uint64_t arg)
{
    (void)arg;
    return csr_read(mscratch); /* illegal in S */
}

static uint64_t in_u_ecall(uint64_t arg)
{
    __asm__ volatile("ecall");
    return arg * 2;
}

static uint64_t in_s_sstatus(uint64_t arg)
{
    (void)arg;
    return csr_read(sstatus);
}

static uint64_t in_s_wfi_tw(uint64_t arg)
{
    (void)arg;
    __asm__ volatile("wfi"); /* illegal in S with TW */
    return 0;
}

static uint64_t in_s_sret_tsr(uint64_t arg)
{
    (void)arg;
    __asm__ volatile("la t0, 1f; csrw sepc, t0; sret; 1:" ::: "t0"); /* illegal in S with TSR */
    return 0;
}

int main(void)
{
    test_name = "traps";
    uint32_t illegal_bits = 0xffffffff;

    __asm__ volatile("ecall");
    check(1, last_trap.cause == 11 && last_trap.mode == 3, "ecall from M: mcause 11");

    __asm__ volatile(".4byte 0xffffffff");
    check(2, last_trap.cause == 2 && last_trap.tval == illegal_bits, "illegal instruction: mcause 2, mtval = bits");

    uint64_t here;
    __asm__ volatile("auipc %0, 0; ebreak" : "=r"(here));
    check(3, last_trap.cause == 3 && last_trap.epc == here + 4, "ebreak: mcause 3, mepc at the ebreak");

    volatile uintptr_t nothing = 0; /* (a variable, so the compiler cannot see the address) */
    volatile uint64_t v = *(volatile uint64_t *)nothing;
    (void)v;
    check(4, last_trap.cause == 5 && last_trap.tval == 0, "load from nothing: access fault 5, mtval 0");

    nothing = 8;
    *(volatile uint32_t *)nothing = 1;
    check(5, last_trap.cause == 7 && last_trap.tval == 8, "store to nothing: access fault 7, mtval 8");

    __asm__ volatile("la t0, 1f; la t1, resume_at; sd t0, 0(t1); li t2, 0x40; jr t2; 1:" ::: "t0", "t1", "t2", "memory");
    check(6, last_trap.cause == 1 && last_trap.epc == 0x40 && last_trap.tval == 0x40,
          "fetch from nothing: access fault 1, mepc = mtval = target");

    /* mret to S, ecall there comes back to M with cause 9 and MPP = S */
    uint64_t r = run_in_mode(1, in_s_ecall, 41);
    check(7, r == 42 && last_trap.cause == 9, "ecall from S: mcause 9, then return");

    r = run_in_mode(0, in_u_read_mstatus, 0);
    check(8, last_trap.cause == 2 && last_trap.mode == 3, "U reads mstatus: illegal");
    r = run_in_mode(1, in_s_read_mscratch, 0);
    check(9, last_trap.cause == 2, "S reads mscratch: illegal");

    /* delegate ecall-from-U to S: the S handler sees it */
    csr_write(stvec, s_trap_entry);
    csr_write(medeleg, 1 << 8);
    last_trap.count = 0;
    r = run_in_mode(0, in_u_ecall, 21);
    check(10, r == 42 && last_trap.cause == 8 && last_trap.mode == 1 && last_trap.count == 1,
          "ecall from U delegated to S: scause 8");
    csr_write(medeleg, 0);

    /* medeleg/mideleg are WARL: the faults S handles are delegable (whether bit 11,
     * ecall from M, is writable is up to the implementation: QEMU keeps it) */
    csr_write(medeleg, ~0ul);
    uint64_t md = csr_read(medeleg);
    csr_write(medeleg, 0);
    check(11, (md & 0xb1ff) == 0xb1ff, "medeleg: exceptions 0-8, 12, 13, 15 delegable");
    csr_write(mideleg, ~0ul);
    uint64_t mi = csr_read(mideleg);
    csr_write(mideleg, 0);
    check(12, (mi & 0x222) == 0x222 && !(mi & 0x888), "mideleg: S bits writable, M bits not");

    /* mret: MIE <- MPIE, MPIE <- 1, MPP <- U */
    csr_write(mstatus, (1ul << 7) | (3ul << 11));
    __asm__ volatile("la t0, 1f; csrw mepc, t0; mret; 1:" ::: "t0");
    uint64_t ms = csr_read(mstatus);
    csr_clear(mstatus, 1ul << 3);
    check(13, (ms & (1ul << 3)) && (ms & (1ul << 7)) && ((ms >> 11) & 3) == 0, "mret: MIE=MPIE, MPIE=1, MPP=U");

    /* sstatus is a view of mstatus: SUM set in mstatus shows in S */
    csr_set(mstatus, 1ul << 18);
    r = run_in_mode(1, in_s_sstatus, 0);
    csr_clear(mstatus, 1ul << 18);
    check(14, (r & (1ul << 18)) && !(r & (3ul << 11)) && ((r >> 32) & 3) == 2, "sstatus: SUM visible, MPP hidden, UXL=64");

    csr_set(mstatus, 1ul << 21); /* TW */
    r = run_in_mode(1, in_s_wfi_tw, 0);
    csr_clear(mstatus, 1ul << 21);
    check(15, last_trap.cause == 2, "wfi in S with TW: illegal");
    csr_set(mstatus, 1ul << 22); /* TSR */
    r = run_in_mode(1, in_s_sret_tsr, 0);
    csr_clear(mstatus, 1ul << 22);
    check(16, last_trap.cause == 2, "sret in S with TSR: illegal");

    /* misa says RV64 IMAFDC + S + U; mvendorid etc. read */
    uint64_t misa = csr_read(misa);
    check(17, (misa >> 62) == 2 && (misa & 0x14112d) == 0x14112d, "misa: RV64, I M A F D C S U");
    check(18, csr_read(mhartid) == 0, "mhartid 0");

    /* mtvec vectored mode is kept; exceptions still go to the base */
    csr_write(mtvec, (uint64_t)m_trap_entry | 1);
    __asm__ volatile("ecall");
    csr_write(mtvec, m_trap_entry);
    check(19, last_trap.cause == 11, "vectored mtvec: exceptions at the base");

    csr_write(mscratch, 0x1234);
    check(20, csr_read(mscratch) == 0x1234, "mscratch read/write");

    /* FS off: FP instructions are illegal; on: they work and set Dirty (SD) */
    csr_clear(mstatus, 3ul << 13);
    __asm__ volatile("fmv.d.x f1, zero");
    check(21, last_trap.cause == 2, "FS off: FP instruction illegal");
    csr_set(mstatus, 1ul << 13); /* Initial */
    __asm__ volatile("fmv.d.x f1, zero");
    ms = csr_read(mstatus);
    check(22, ((ms >> 13) & 3) == 3 && (ms >> 63), "FP use makes FS Dirty and SD set");
    test_pass(test_name);
}
