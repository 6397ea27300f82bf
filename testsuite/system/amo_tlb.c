/*
 * testsuite/system/amo_tlb.c — AMOs under Sv39, as translated code does them.
 *
 * The translator does a system-mode AMO inline when the TLB holds a write
 * tag for its page (translator/lower_amo.c) and leaves the rest to the
 * interpreter.  Each check runs its AMOs in a loop in S mode, often enough
 * that the loop runs as translated code, and says what the privileged
 * specification requires:
 *   1  every AMO kind on a writable page: the values the A extension gives
 *   2  amoadd on a read-only page that S has just read (its TLB entry
 *      allows reads): a store/AMO page fault (cause 15) every time, memory
 *      unchanged
 *   3  amoadd on a writable page whose PTE has D clear: done, and D is set
 *   4  amoswap.w of an instruction into a page of code S has run: after
 *      fence.i the new instruction runs (the page's translations go)
 * Nothing is delegated: every trap goes to the M-mode handler, which
 * records it and resumes after the instruction.
 */
#include "sv39_pages.h"

static uint64_t data[3][512] __attribute__((aligned(4096))); /* at RW_VA, RO_VA, CLEAN_VA */
static uint32_t code[1024] __attribute__((aligned(4096)));

#define CODE_VA VA(3)

#define AMO(insn, addr, v) ({ uint64_t o_; __asm__ volatile(insn " %0, %2, (%1)" : "=r"(o_) : "r"(addr), "r"((uint64_t)(v)) : "memory"); o_; })

/* 1: 200 rounds of each kind on RW_VA (8-byte words 0-3 and the 4-byte
 * words at 32 and 36); returns a checksum of the old values seen. */
static uint64_t s_amo_kinds(uint64_t rounds)
{
    uint64_t *w = (uint64_t *)RW_VA;
    uint32_t *h = (uint32_t *)(RW_VA + 32);
    uint64_t sum = 0;
    for (uint64_t i = 0; i < rounds; i++) {
        sum += AMO("amoadd.d", &w[0], i);
        sum ^= AMO("amoswap.d", &w[1], i * 3);
        sum += AMO("amoor.d", &w[2], 1ul << (i % 64));
        sum += AMO("amomaxu.d", &w[3], i * 7 % 1000);
        sum += AMO("amomin.w", &h[0], -(int64_t)(i % 50));
        sum += AMO("amoxor.w", &h[1], i * 0x01010101u);
        sum += AMO("amoand.d", &w[5], ~(1ul << (i % 64)));
    }
    return sum;
}

/* 2: read RO_VA, then amoadd to it: faults (the handler skips it) */
static uint64_t s_amo_readonly(uint64_t rounds)
{
    uint64_t seen = 0;
    for (uint64_t i = 0; i < rounds; i++) {
        seen += *(volatile uint64_t *)RO_VA;
        AMO("amoadd.d", RO_VA, 1);
    }
    return seen;
}

/* 3: amoadd to a page whose PTE has D clear */
static uint64_t s_amo_clean(uint64_t rounds)
{
    for (uint64_t i = 0; i < rounds; i++) AMO("amoadd.d", CLEAN_VA, 1);
    return *(volatile uint64_t *)CLEAN_VA;
}

/* 4: call CODE_VA 100 times, then amoswap a new first instruction into
 * it, fence.i, and call it 100 times more; returns calls that gave 1 and
 * calls that gave 2 (<< 16) */
static uint64_t s_amo_code(uint64_t unused)
{
    (void)unused;
    uint64_t (*volatile fn)(void) = (uint64_t(*)(void))CODE_VA;
    uint64_t ones = 0, twos = 0;
    for (int i = 0; i < 100; i++) ones += fn() == 1;
    AMO("amoswap.w", CODE_VA, 0x00200513u); /* li a0, 2 */
    __asm__ volatile("fence.i" ::: "memory");
    for (int i = 0; i < 100; i++) twos += fn() == 2;
    return ones | twos << 16;
}

int main(void)
{
    test_name = "amo_tlb";
    sv39_tables();
    sv39_rw_ro_clean(data);
    l0[3] = LEAF(code, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
    code[0] = 0x00100513u; /* li a0, 1 */
    code[1] = 0x00008067u; /* ret */
    data[0][5] = ~0ul;
    data[1][0] = 41;
    __asm__ volatile("fence.i" ::: "memory");
    sv39_on(root);

    /* 1: the expected values, computed here in M mode with plain arithmetic */
    uint64_t w0 = 0, w1 = 0, w2 = 0, w3 = 0, w5 = ~0ul, sum = 0;
    uint32_t h0 = 0, h1 = 0;
    for (uint64_t i = 0; i < 200; i++) {
        sum += w0, w0 += i;
        sum ^= w1, w1 = i * 3;
        sum += w2, w2 |= 1ul << (i % 64);
        sum += w3, w3 = w3 > i * 7 % 1000 ? w3 : i * 7 % 1000;
        int32_t m = -(int32_t)(i % 50);
        sum += (uint64_t)(int64_t)(int32_t)h0, h0 = (int32_t)h0 < m ? h0 : (uint32_t)m;
        sum += (uint64_t)(int64_t)(int32_t)h1, h1 ^= (uint32_t)(i * 0x01010101u);
        sum += w5, w5 &= ~(1ul << (i % 64));
    }
    uint64_t got = run_in_mode(1, s_amo_kinds, 200);
    uint32_t *h = (uint32_t *)&data[0][4];
    check(1, got == sum && data[0][0] == w0 && data[0][1] == w1 && data[0][2] == w2 && data[0][3] == w3 && h[0] == h0 &&
             h[1] == h1 && data[0][5] == w5,
          "200 rounds of amoadd/swap/or/maxu.d, amomin/xor.w, amoand.d: the A extension's values");

    /* 2 */
    uint64_t n = last_trap.count, faults = 0;
    got = 0;
    for (int i = 0; i < 5; i++) {
        uint64_t before = last_trap.count;
        got += run_in_mode(1, s_amo_readonly, 20);
        faults += last_trap.count - before;
        if (last_trap.cause != 15 || last_trap.tval != RO_VA) break;
    }
    check(2, got == 100 * 41 && faults == 100 && last_trap.count - n == 100 && data[1][0] == 41,
          "amoadd to a read-only page just read: a store/AMO page fault each time, memory unchanged");

    /* 3 */
    got = run_in_mode(1, s_amo_clean, 100);
    check(3, got == 100 && data[2][0] == 100 && (l0[2] & PTE_D), "amoadd to a page with D clear: done, and D set");

    /* 4 */
    got = run_in_mode(1, s_amo_code, 0);
    check(4, got == (100 | 100ul << 16), "amoswap.w of an instruction into code S ran, then fence.i: the new code runs");

    csr_write(satp, 0);
    test_pass(test_name);
}
