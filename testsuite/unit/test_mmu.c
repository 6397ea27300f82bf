/*
 * testsuite/unit/test_mmu.c — the user-mode address space and its software TLB (mmu/).
 *
 * What must hold: mapped pages read back what was written, new mappings are
 * zero, permissions are enforced for every access kind (including after a
 * TLB entry was filled by a more permissive mapping), unmapped addresses and
 * addresses outside the guest space fault instead of touching host memory,
 * misaligned and page-crossing accesses work and fault atomically, an odd
 * fetch address faults (it once made the fetch slow path call itself forever).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "mmu/mmu.h"

#define PAGE MMU_PAGE_SIZE

static int setup(void **state)
{
    *state = mmu_create();
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    mmu_destroy(*state);
    return 0;
}

static void test_map_read_write(void **state)
{
    struct mmu *m = *state;
    uint64_t v = 1;
    assert_true(mmu_map(m, 0x10000, 2 * PAGE, MMU_READ | MMU_WRITE));
    assert_int_equal(mmu_load(m, 0x10008, 8, &v), MMU_OK);
    assert_int_equal(v, 0); /* fresh pages are zero */
    assert_int_equal(mmu_store(m, 0x10008, 8, 0x1122334455667788ull), MMU_OK);
    assert_int_equal(mmu_load(m, 0x10008, 8, &v), MMU_OK);
    assert_int_equal(v, 0x1122334455667788ull);
    assert_int_equal(mmu_load(m, 0x10008, 1, &v), MMU_OK);
    assert_int_equal(v, 0x88); /* little-endian */
    assert_int_equal(mmu_load(m, 0x1000e, 2, &v), MMU_OK);
    assert_int_equal(v, 0x1122);
    assert_int_equal(mmu_load(m, 0x1000c, 4, &v), MMU_OK);
    assert_int_equal(v, 0x11223344);
}

static void test_unmapped_and_outside(void **state)
{
    struct mmu *m = *state;
    uint64_t v;
    assert_int_equal(mmu_load(m, 0x50000, 8, &v), MMU_FAULT_UNMAPPED);
    assert_int_equal(mmu_store(m, 0x50000, 4, 1), MMU_FAULT_UNMAPPED);
    /* beyond the guest space: must fault, not reach host memory */
    assert_int_equal(mmu_load(m, MMU_SPACE_SIZE, 8, &v), MMU_FAULT_UNMAPPED);
    assert_int_equal(mmu_load(m, 0xffffffffffff0000ull, 8, &v), MMU_FAULT_UNMAPPED);
    assert_int_equal(mmu_load(m, (uint64_t)(uintptr_t)&v, 8, &v), MMU_FAULT_UNMAPPED);
    assert_false(mmu_map(m, MMU_SPACE_SIZE - PAGE, 2 * PAGE, MMU_READ));
    assert_null(mmu_host_ptr(m, 0x50000, 1, MMU_READ));
}

static void test_permissions(void **state)
{
    struct mmu *m = *state;
    uint64_t v;
    uint16_t h;
    assert_true(mmu_map(m, 0x20000, PAGE, MMU_READ | MMU_EXEC));
    assert_int_equal(mmu_load(m, 0x20000, 4, &v), MMU_OK);
    assert_int_equal(mmu_fetch16(m, 0x20000, &h), MMU_OK);
    assert_int_equal(mmu_store(m, 0x20000, 4, 1), MMU_FAULT_PROT);

    assert_true(mmu_map(m, 0x30000, PAGE, MMU_READ | MMU_WRITE));
    assert_int_equal(mmu_fetch16(m, 0x30000, &h), MMU_FAULT_PROT); /* not executable */
    /* fill the TLB with a writable entry, then take write away: the TLB must forget it */
    assert_int_equal(mmu_store(m, 0x30000, 8, 7), MMU_OK);
    assert_true(mmu_protect(m, 0x30000, PAGE, MMU_READ));
    assert_int_equal(mmu_store(m, 0x30000, 8, 8), MMU_FAULT_PROT);
    assert_int_equal(mmu_load(m, 0x30000, 8, &v), MMU_OK);
    assert_int_equal(v, 7);
    /* PROT_NONE: mapped but inaccessible */
    assert_true(mmu_protect(m, 0x30000, PAGE, 0));
    assert_true(mmu_is_mapped(m, 0x30000));
    assert_int_equal(mmu_load(m, 0x30000, 8, &v), MMU_FAULT_PROT);
    /* unmap discards contents; a new mapping reads zero */
    assert_true(mmu_unmap(m, 0x30000, PAGE));
    assert_false(mmu_is_mapped(m, 0x30000));
    assert_int_equal(mmu_load(m, 0x30000, 8, &v), MMU_FAULT_UNMAPPED);
    assert_true(mmu_map(m, 0x30000, PAGE, MMU_READ));
    assert_int_equal(mmu_load(m, 0x30000, 8, &v), MMU_OK);
    assert_int_equal(v, 0);
}

static void test_misaligned_and_crossing(void **state)
{
    struct mmu *m = *state;
    uint64_t v;
    assert_true(mmu_map(m, 0x40000, 2 * PAGE, MMU_READ | MMU_WRITE));
    assert_int_equal(mmu_store(m, 0x40003, 8, 0x0102030405060708ull), MMU_OK);
    assert_int_equal(mmu_load(m, 0x40003, 8, &v), MMU_OK);
    assert_int_equal(v, 0x0102030405060708ull);
    assert_int_equal(mmu_load(m, 0x40004, 4, &v), MMU_OK);
    assert_int_equal(v, 0x04050607); /* bytes 0x40004..7 hold 07 06 05 04 */
    /* crossing into the second page */
    assert_int_equal(mmu_store(m, 0x40000 + PAGE - 3, 8, 0xa1a2a3a4a5a6a7a8ull), MMU_OK);
    assert_int_equal(mmu_load(m, 0x40000 + PAGE - 3, 8, &v), MMU_OK);
    assert_int_equal(v, 0xa1a2a3a4a5a6a7a8ull);
    /* crossing into an unmapped page: faults, and writes nothing at all */
    assert_true(mmu_unmap(m, 0x40000 + PAGE, PAGE));
    assert_int_equal(mmu_store(m, 0x40000 + PAGE - 2, 4, 0xffffffff), MMU_FAULT_UNMAPPED);
    assert_int_equal(mmu_load(m, 0x40000 + PAGE - 3, 2, &v), MMU_OK);
    assert_int_equal(v, 0xa7a8); /* the last bytes of the page still hold the earlier store */
}

/* An odd pc is an instruction-address-misaligned fault, on a mapped
 * executable page, with or without its TLB entry filled.  Run in a child
 * with an alarm: the bug this guards against was an endless loop. */
static void test_odd_fetch(void **state)
{
    struct mmu *m = *state;
    assert_true(mmu_map(m, 0x70000, PAGE, MMU_READ | MMU_EXEC));
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(5);
        uint16_t h;
        int cold = mmu_fetch16(m, 0x70001, &h);          /* TLB empty for this page */
        int warm = mmu_fetch16(m, 0x70000, &h);          /* fills it */
        int again = mmu_fetch16(m, 0x70000 + 0x41, &h);  /* odd, entry present */
        _exit(cold == MMU_FAULT_MISALIGNED && warm == MMU_OK && again == MMU_FAULT_MISALIGNED ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status)); /* (killed by SIGALRM: the fetch never returned) */
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* Runs of pages in one state, as the ELF loader walks them: across the
 * eight-pages-at-a-time compare, and stopping at `end`. */
static void test_same_prot_runs(void **state)
{
    struct mmu *m = *state;
    uint64_t a = 0x100000;
    assert_true(mmu_map(m, a, 21 * PAGE, MMU_READ));
    assert_true(mmu_protect(m, a + 19 * PAGE, PAGE, MMU_READ | MMU_WRITE));
    assert_int_equal(mmu_same_prot_end(m, a, a + 64 * PAGE), a + 19 * PAGE);
    assert_int_equal(mmu_same_prot_end(m, a + 3 * PAGE, a + 10 * PAGE), a + 10 * PAGE);
    assert_int_equal(mmu_same_prot_end(m, a + 19 * PAGE, a + 64 * PAGE), a + 20 * PAGE);
    assert_int_equal(mmu_same_prot_end(m, a + 20 * PAGE, a + 64 * PAGE), a + 21 * PAGE);
    assert_int_equal(mmu_same_prot_end(m, a + 21 * PAGE, a + 64 * PAGE), a + 64 * PAGE); /* unmapped */
    assert_true(mmu_protect(m, a, PAGE, 0)); /* mapped with no permissions is not unmapped */
    assert_int_equal(mmu_same_prot_end(m, a - PAGE, a + 64 * PAGE), a);
    assert_int_equal(mmu_same_prot_end(m, a, a + 64 * PAGE), a + PAGE);
    assert_int_equal(mmu_same_prot_end(m, MMU_SPACE_SIZE - PAGE, UINT64_MAX), MMU_SPACE_SIZE);
}

static void test_host_copies(void **state)
{
    struct mmu *m = *state;
    char buf[16] = "hello, guest";
    assert_true(mmu_map(m, 0x60000, PAGE, MMU_READ));
    assert_int_equal(mmu_write_bytes(m, 0x60000, buf, 13, MMU_WRITE), MMU_FAULT_PROT); /* read-only */
    assert_int_equal(mmu_write_bytes(m, 0x60000, buf, 13, 0), MMU_OK);                /* loader bypass */
    char out[16] = {0};
    assert_int_equal(mmu_read_bytes(m, 0x60000, out, 13, MMU_READ), MMU_OK);
    assert_string_equal(out, "hello, guest");
    assert_non_null(mmu_host_ptr(m, 0x60000, 13, MMU_READ));
    assert_null(mmu_host_ptr(m, 0x60000, 13, MMU_WRITE));
    assert_null(mmu_host_ptr(m, 0x60000 + PAGE - 4, 8, MMU_READ)); /* runs into an unmapped page */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_map_read_write, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unmapped_and_outside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_permissions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_misaligned_and_crossing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_odd_fetch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_prot_runs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_host_copies, setup, teardown),
    };
    return cmocka_run_group_tests_name("mmu", tests, NULL, NULL);
}
