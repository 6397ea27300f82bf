/*
 * testsuite/system/mmu_log.c — page tables at fixed physical addresses, so that a
 * test can work out every line of `rvdbt system -d mmu` by hand
 * (testsuite/tests/80-system.sh), and three S-mode loads to walk them:
 *
 *   root 0x80800000   root[0] -> l1, root[2] = the program: identity 1 GiB page at 0x80000000
 *   l1   0x80801000   l1[2] -> l0
 *   l0   0x80802000   l0[0] = the data page 0x80803000 (R W A D), l0[1] = 0 (invalid)
 *
 *   load 0x400010      VPN 0/2/0: three levels, pa 0x80803010, reads 0x1234
 *   load 0x401000      VPN 0/2/1: l0[1] is 0, a load page fault (13)
 *   load 0x40000000    VPN 1:     root[1] is 0, a load page fault at the first level
 *   load 0x4000000000  bit 38 set, bits 63:39 clear: not canonical, a page fault
 *                      before any PTE is read
 *
 * (8 MiB into RAM, far above the program and its stack.)  The program checks what it
 * reads and the faults' causes itself; the log's lines are the test's business.
 */
#include "pte.h"
#include "rt.h"


#define ROOT ((volatile uint64_t *)0x80800000ul)
#define L1 ((volatile uint64_t *)0x80801000ul)
#define L0 ((volatile uint64_t *)0x80802000ul)
#define DATA ((volatile uint64_t *)0x80803000ul)

static uint64_t s_load(uint64_t va) { return *(volatile uint64_t *)va; }

static int faulted(uint64_t cause, uint64_t tval, uint64_t count_before)
{
    return last_trap.count == count_before + 1 && last_trap.cause == cause && last_trap.tval == tval;
}

int main(void)
{
    test_name = "mmu_log";
    for (int i = 0; i < 512; i++) ROOT[i] = L1[i] = L0[i] = 0;
    ROOT[2] = LEAF(0x80000000ul, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
    ROOT[0] = TABLE(0x80801000ul);
    L1[2] = TABLE(0x80802000ul);
    L0[0] = LEAF(0x80803000ul, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
    DATA[2] = 0x1234;
    csr_write(satp, (8ul << 60) | (0x80800000ul >> 12));
    __asm__ volatile("sfence.vma" ::: "memory");

    uint64_t n = last_trap.count;
    uint64_t v = run_in_mode(1, s_load, 0x400010);
    check(1, v == 0x1234 && last_trap.count == n, "S load through three levels");
    n = last_trap.count;
    run_in_mode(1, s_load, 0x401000);
    check(2, faulted(13, 0x401000, n), "invalid leaf: load page fault");
    n = last_trap.count;
    run_in_mode(1, s_load, 0x40000000);
    check(3, faulted(13, 0x40000000, n), "invalid first-level PTE: load page fault");
    n = last_trap.count;
    run_in_mode(1, s_load, 0x4000000000);
    check(4, faulted(13, 0x4000000000, n), "non-canonical address: load page fault");
    csr_write(satp, 0);
    test_pass(test_name);
}
