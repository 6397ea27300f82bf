/*
 * docs/labs/lab4/lab4_sv48.c — the program lab 4 is checked with: Sv48
 * translation (four levels of page tables, 48-bit virtual addresses) from
 * S-mode, with the values the privileged specification (section 4.5) demands.
 *
 * It passes under qemu-system-riscv64 -M virt -bios none, whose harts have
 * Sv48; rvdbt as shipped has only Sv39, so a write of satp.MODE = 9 is
 * ignored (satp is WARL) and step 1 fails.  The M-mode handler records every
 * fault (nothing is delegated).
 */
#include "pte.h"
#include "rt.h"

#define SATP_SV48 (9ul << 60)
#define SATP_SV39 (8ul << 60)

static uint64_t l3[512] __attribute__((aligned(4096))); /* the root: VPN[3], 512 GiB each */
static uint64_t l2_low[512] __attribute__((aligned(4096)));
static uint64_t l2_high[512] __attribute__((aligned(4096)));
static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l0[512] __attribute__((aligned(4096)));
static uint64_t page[512] __attribute__((aligned(4096)));
static uint64_t sv39_root[512] __attribute__((aligned(4096)));
static volatile uint64_t marker = 0x4c414234; /* "LAB4" */

/* VPN[3] = 1: beyond Sv39's reach (bit 39 set, bits above it clear) */
#define HIGH_VA 0x0000008000000000ul
/* VPN[3] = 2 is a 512 GiB leaf (a "terapage") mapping physical 0 */
#define TERA_VA 0x0000010000000000ul
/* bit 47 set, bits 63:48 clear: not canonical for Sv48 */
#define NONCANON_VA 0x0000800000000000ul

static uint64_t s_load(uint64_t va) { return *(volatile uint64_t *)va; }
static uint64_t s_store(uint64_t va)
{
    *(volatile uint64_t *)va = 0xfeed;
    return 0;
}

static void sfence(void) { __asm__ volatile("sfence.vma" ::: "memory"); }

static int faulted(uint64_t cause, uint64_t tval, uint64_t count_before)
{
    return last_trap.count == count_before + 1 && last_trap.cause == cause && last_trap.tval == tval;
}

int main(void)
{
    test_name = "lab4";
    page[0] = 0x1234;
    /* the program itself: VPN[3] 0 -> a level-2 table whose entry 2 maps
     * 0x80000000 as one identity 1 GiB page, supervisor only */
    l3[0] = TABLE(l2_low);
    l2_low[2] = LEAF(0x80000000ul, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
    /* VPN[3] 1: four levels down to one 4 KiB page, A and D clear */
    l3[1] = TABLE(l2_high);
    l2_high[0] = TABLE(l1);
    l1[0] = TABLE(l0);
    l0[1] = LEAF(page, PTE_V | PTE_R | PTE_W);
    /* VPN[3] 2: a 512 GiB leaf at physical 0; VPN[3] 3: one whose PPN is not 512 GiB-aligned */
    l3[2] = LEAF(0, PTE_V | PTE_R | PTE_A);
    l3[3] = LEAF(0x80000000ul, PTE_V | PTE_R | PTE_A);

    csr_write(satp, SATP_SV48 | ((uint64_t)l3 >> 12));
    sfence();
    check(1, csr_read(satp) == (SATP_SV48 | ((uint64_t)l3 >> 12)), "satp holds Sv48 (MODE 9) and the root");

    uint64_t n = last_trap.count;
    check(2, run_in_mode(1, s_load, (uint64_t)&marker) == 0x4c414234 && last_trap.count == n,
          "S-mode runs and loads through the identity 1 GiB page under VPN[3] 0");

    n = last_trap.count;
    uint64_t v = run_in_mode(1, s_load, HIGH_VA + 0x1000);
    check(3, v == 0x1234 && last_trap.count == n, "a load at 0x8000001000 walks all four levels");
    check(4, (l0[1] & PTE_A) && !(l0[1] & PTE_D), "the load set A, not D, in the leaf PTE");
    run_in_mode(1, s_store, HIGH_VA + 0x1000);
    check(5, page[0] == 0xfeed && (l0[1] & PTE_D), "a store reaches the page and sets D");

    n = last_trap.count;
    v = run_in_mode(1, s_load, TERA_VA + (uint64_t)&marker);
    check(6, v == 0x4c414234 && last_trap.count == n, "a 512 GiB leaf at level 3 maps physical 0");

    n = last_trap.count;
    run_in_mode(1, s_load, 3 * TERA_VA / 2 + 0x10);
    check(7, faulted(13, 3 * TERA_VA / 2 + 0x10, n), "a misaligned 512 GiB leaf is a load page fault");

    n = last_trap.count;
    run_in_mode(1, s_load, NONCANON_VA);
    check(8, faulted(13, NONCANON_VA, n), "bit 47 set without bits 63:48: page fault, tval = the address");

    n = last_trap.count;
    run_in_mode(1, s_load, 0xffff800000000000ul);
    check(9, faulted(13, 0xffff800000000000ul, n), "a canonical address with no mapping: page fault");

    /* back to Sv39: the same program, three levels */
    sv39_root[2] = LEAF(0x80000000ul, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
    csr_write(satp, SATP_SV39 | ((uint64_t)sv39_root >> 12));
    sfence();
    n = last_trap.count;
    run_in_mode(1, s_load, HIGH_VA + 0x1000);
    check(10, faulted(13, HIGH_VA + 0x1000, n), "under Sv39 again, 0x8000001000 is not canonical");
    csr_write(satp, 0);
    test_pass("lab4");
}
