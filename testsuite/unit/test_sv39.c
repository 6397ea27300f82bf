/*
 * testsuite/unit/test_sv39.c — the Sv39 page-table walk (mmu/sv39.c) on hand-built tables.
 *
 * A 64 KiB "RAM" at 0x80000000 holds the page tables; each case builds the
 * PTEs it needs and checks the translation, the fault kind, and the A/D
 * bits the walk leaves behind, against the privileged spec (section 4.3-4.4).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cpu/priv_state.h"
#include "mmu/bus.h"
#include "mmu/mmu.h"
#include "mmu/sv39.h"

#define RAM 0x80000000ull
#define RAM_SIZE 0x10000ull
#define ROOT (RAM + 0x0000)
#define L1 (RAM + 0x1000)
#define L0 (RAM + 0x2000)
#define SATP_SV39 ((8ull << 60) | (ROOT >> 12))

static uint8_t ram[RAM_SIZE];
static struct bus bus;

static uint64_t *pte_at(uint64_t table, unsigned index) { return (uint64_t *)(ram + (table - RAM) + 8 * index); }
static uint64_t leaf(uint64_t pa, uint64_t flags) { return (pa >> 12) << 10 | flags; }
static uint64_t table(uint64_t pa) { return (pa >> 12) << 10 | PTE_V; }

static int setup(void **state)
{
    (void)state;
    memset(ram, 0, sizeof ram);
    memset(&bus, 0, sizeof bus);
    bus_add_ram(&bus, RAM, RAM_SIZE, ram, true);
    /* VA 0x0000_0000 .. : root[0] -> L1, L1[0] -> L0 */
    *pte_at(ROOT, 0) = table(L1);
    *pte_at(L1, 0) = table(L0);
    return 0;
}

static struct sv39_ctx ctx(int priv) { return (struct sv39_ctx){SATP_SV39, priv, false, false}; }

static void bare_and_machine_mode_do_not_translate(void **state)
{
    (void)state;
    uint64_t pa;
    struct sv39_ctx bare = {0, RV_PRIV_S, false, false};
    assert_int_equal(sv39_translate(&bus, &bare, 0x1234567, MMU_READ, &pa, NULL), MMU_OK);
    assert_int_equal(pa, 0x1234567);
    struct sv39_ctx m = ctx(RV_PRIV_M);
    assert_int_equal(sv39_translate(&bus, &m, 0xdead000, MMU_WRITE, &pa, NULL), MMU_OK);
    assert_int_equal(pa, 0xdead000);
}

static void page_4k_sets_accessed_then_dirty(void **state)
{
    (void)state;
    *pte_at(L0, 5) = leaf(0x80008000, PTE_V | PTE_R | PTE_W);
    struct sv39_ctx c = ctx(RV_PRIV_S);
    uint64_t pa, size;
    assert_int_equal(sv39_translate(&bus, &c, 0x5abc, MMU_READ, &pa, &size), MMU_OK);
    assert_int_equal(pa, 0x80008abc);
    assert_int_equal(size, 4096);
    assert_true(*pte_at(L0, 5) & PTE_A);
    assert_false(*pte_at(L0, 5) & PTE_D);
    assert_int_equal(sv39_translate(&bus, &c, 0x5abc, MMU_WRITE, &pa, NULL), MMU_OK);
    assert_true(*pte_at(L0, 5) & PTE_D);
}

static void superpages_2m_and_1g(void **state)
{
    (void)state;
    *pte_at(L1, 1) = leaf(0x80200000, PTE_V | PTE_R | PTE_A); /* VA 0x200000 */
    *pte_at(ROOT, 2) = leaf(0x80000000, PTE_V | PTE_R | PTE_X | PTE_A); /* VA 0x80000000 */
    struct sv39_ctx c = ctx(RV_PRIV_S);
    uint64_t pa, size;
    assert_int_equal(sv39_translate(&bus, &c, 0x2f1234, MMU_READ, &pa, &size), MMU_OK);
    assert_int_equal(pa, 0x802f1234);
    assert_int_equal(size, 2u << 20);
    assert_int_equal(sv39_translate(&bus, &c, 0x9abcdef0, MMU_EXEC, &pa, &size), MMU_OK);
    assert_int_equal(pa, 0x9abcdef0);
    assert_int_equal(size, 1u << 30);
}

static void misaligned_superpage_faults(void **state)
{
    (void)state;
    *pte_at(L1, 1) = leaf(0x80201000, PTE_V | PTE_R | PTE_A); /* PPN[0] != 0 */
    struct sv39_ctx c = ctx(RV_PRIV_S);
    uint64_t pa;
    assert_int_equal(sv39_translate(&bus, &c, 0x200000, MMU_READ, &pa, NULL), MMU_FAULT_PROT);
}

static void permission_faults_leave_the_pte_alone(void **state)
{
    (void)state;
    uint64_t ro = leaf(0x80008000, PTE_V | PTE_R | PTE_A);
    *pte_at(L0, 1) = ro;
    struct sv39_ctx c = ctx(RV_PRIV_S);
    uint64_t pa;
    assert_int_equal(sv39_translate(&bus, &c, 0x1000, MMU_WRITE, &pa, NULL), MMU_FAULT_PROT);
    assert_int_equal(*pte_at(L0, 1), ro); /* no D set by a failed store */
    assert_int_equal(sv39_translate(&bus, &c, 0x1000, MMU_EXEC, &pa, NULL), MMU_FAULT_PROT);
}

static void mxr_makes_execute_only_readable(void **state)
{
    (void)state;
    *pte_at(L0, 2) = leaf(0x80008000, PTE_V | PTE_X | PTE_A);
    struct sv39_ctx c = ctx(RV_PRIV_S);
    uint64_t pa;
    assert_int_equal(sv39_translate(&bus, &c, 0x2000, MMU_READ, &pa, NULL), MMU_FAULT_PROT);
    c.mxr = true;
    assert_int_equal(sv39_translate(&bus, &c, 0x2000, MMU_READ, &pa, NULL), MMU_OK);
}

static void user_pages_sum_and_privilege(void **state)
{
    (void)state;
    *pte_at(L0, 3) = leaf(0x80008000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D);
    *pte_at(L0, 4) = leaf(0x80009000, PTE_V | PTE_R | PTE_A);
    struct sv39_ctx s = ctx(RV_PRIV_S), u = ctx(RV_PRIV_U);
    uint64_t pa;
    assert_int_equal(sv39_translate(&bus, &s, 0x3000, MMU_READ, &pa, NULL), MMU_FAULT_PROT);
    s.sum = true;
    assert_int_equal(sv39_translate(&bus, &s, 0x3000, MMU_READ, &pa, NULL), MMU_OK);
    assert_int_equal(sv39_translate(&bus, &s, 0x3000, MMU_EXEC, &pa, NULL), MMU_FAULT_PROT); /* never, even with SUM */
    assert_int_equal(sv39_translate(&bus, &u, 0x3000, MMU_EXEC, &pa, NULL), MMU_OK);
    assert_int_equal(sv39_translate(&bus, &u, 0x4000, MMU_READ, &pa, NULL), MMU_FAULT_PROT);
}

static void malformed_ptes_fault(void **state)
{
    (void)state;
    struct sv39_ctx c = ctx(RV_PRIV_S);
    uint64_t pa;
    *pte_at(L0, 6) = leaf(0x80008000, PTE_R | PTE_A); /* V clear */
    assert_int_equal(sv39_translate(&bus, &c, 0x6000, MMU_READ, &pa, NULL), MMU_FAULT_PROT);
    *pte_at(L0, 7) = leaf(0x80008000, PTE_V | PTE_W | PTE_A); /* W without R */
    assert_int_equal(sv39_translate(&bus, &c, 0x7000, MMU_READ, &pa, NULL), MMU_FAULT_PROT);
    *pte_at(L0, 8) = leaf(0x80008000, PTE_V | PTE_R | PTE_A) | (1ull << 62); /* PBMT: not implemented */
    assert_int_equal(sv39_translate(&bus, &c, 0x8000, MMU_READ, &pa, NULL), MMU_FAULT_PROT);
    *pte_at(L0, 9) = table(L0); /* a pointer at level 0 */
    assert_int_equal(sv39_translate(&bus, &c, 0x9000, MMU_READ, &pa, NULL), MMU_FAULT_PROT);
}

static void non_canonical_address_faults(void **state)
{
    (void)state;
    struct sv39_ctx c = ctx(RV_PRIV_S);
    uint64_t pa;
    assert_int_equal(sv39_translate(&bus, &c, 0x0000004000000000ull, MMU_READ, &pa, NULL), MMU_FAULT_PROT);
    assert_int_equal(sv39_translate(&bus, &c, 0xffffff0000000000ull, MMU_READ, &pa, NULL), MMU_FAULT_PROT);
}

static void page_table_outside_memory_is_an_access_fault(void **state)
{
    (void)state;
    struct sv39_ctx c = {(8ull << 60) | (0x1000 >> 12), RV_PRIV_S, false, false}; /* root at 0x1000: no RAM */
    uint64_t pa;
    assert_int_equal(sv39_translate(&bus, &c, 0x5000, MMU_READ, &pa, NULL), MMU_FAULT_ACCESS);
}

/* The debugger's walk (SV39_DEBUG): a U page from S without SUM, an
 * execute-only page, a clean page — all translate, and the PTE keeps its A
 * and D bits clear; an invalid PTE still does not translate. */
static void debug_walk_ignores_permissions_and_leaves_ad_alone(void **state)
{
    (void)state;
    *pte_at(L0, 1) = leaf(0x80009000, PTE_V | PTE_R | PTE_W | PTE_U);
    *pte_at(L0, 2) = leaf(0x8000a000, PTE_V | PTE_X);
    *pte_at(L0, 3) = leaf(0x8000b000, PTE_R | PTE_W); /* not valid */
    struct sv39_ctx c = ctx(RV_PRIV_S);
    uint64_t pa;
    assert_int_equal(sv39_translate(&bus, &c, 0x1010, SV39_DEBUG, &pa, NULL), MMU_OK);
    assert_int_equal(pa, 0x80009010);
    assert_int_equal(sv39_translate(&bus, &c, 0x2020, SV39_DEBUG, &pa, NULL), MMU_OK);
    assert_int_equal(pa, 0x8000a020);
    assert_false(*pte_at(L0, 1) & (PTE_A | PTE_D));
    assert_false(*pte_at(L0, 2) & (PTE_A | PTE_D));
    assert_int_equal(sv39_translate(&bus, &c, 0x3000, SV39_DEBUG, &pa, NULL), MMU_FAULT_PROT);
    assert_int_equal(sv39_translate(&bus, &c, 0x1010, MMU_READ, &pa, NULL), MMU_FAULT_PROT); /* the guest itself may not */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(bare_and_machine_mode_do_not_translate, setup),
        cmocka_unit_test_setup(page_4k_sets_accessed_then_dirty, setup),
        cmocka_unit_test_setup(superpages_2m_and_1g, setup),
        cmocka_unit_test_setup(misaligned_superpage_faults, setup),
        cmocka_unit_test_setup(permission_faults_leave_the_pte_alone, setup),
        cmocka_unit_test_setup(mxr_makes_execute_only_readable, setup),
        cmocka_unit_test_setup(user_pages_sum_and_privilege, setup),
        cmocka_unit_test_setup(malformed_ptes_fault, setup),
        cmocka_unit_test_setup(non_canonical_address_faults, setup),
        cmocka_unit_test_setup(page_table_outside_memory_is_an_access_fault, setup),
        cmocka_unit_test_setup(debug_walk_ignores_permissions_and_leaves_ad_alone, setup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
