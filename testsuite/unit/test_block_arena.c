/*
 * testsuite/unit/test_block_arena.c — the translator's bump allocator for
 * block records (translator/block_arena.c): alignment, reserve and commit,
 * a full arena answering NULL, a reset handing the same memory out again, and
 * the huge-page advice (seen in /proc/self/smaps: "hg" among a mapping's
 * VmFlags) given only past the first MiB, and never with --no-huge-pages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "translator/block_arena.h"

#define MIB (1u << 20)

static void test_alloc_aligns_and_does_not_overlap(void **state)
{
    (void)state;
    struct block_arena a;
    assert_true(block_arena_create(&a, MIB, true));
    assert_int_equal((uintptr_t)a.base % (2 * MIB), 0); /* (huge-page aligned) */
    uint8_t *p = block_arena_alloc(&a, 3, 1);
    uint8_t *q = block_arena_alloc(&a, 100, 64);
    uint8_t *r = block_arena_alloc(&a, 8, 8);
    assert_non_null(p);
    assert_non_null(q);
    assert_non_null(r);
    assert_int_equal((uintptr_t)q % 64, 0);
    assert_int_equal((uintptr_t)r % 8, 0);
    assert_true(q >= p + 3);
    assert_true(r >= q + 100);
    memset(p, 1, 3), memset(q, 2, 100), memset(r, 3, 8);
    assert_int_equal(p[2], 1);
    assert_int_equal(q[99], 2);
    block_arena_destroy(&a);
}

/* A reservation keeps only what is committed: the next allocation starts
 * right after the committed bytes, not after the reservation. */
static void test_reserve_then_commit_gives_back_the_rest(void **state)
{
    (void)state;
    struct block_arena a;
    assert_true(block_arena_create(&a, MIB, true));
    uint8_t *b = block_arena_reserve(&a, 1000, 64);
    assert_non_null(b);
    memset(b, 7, 1000);
    block_arena_commit(&a, b, 200);
    uint8_t *next = block_arena_alloc(&a, 16, 8);
    assert_ptr_equal(next, b + 200);
    assert_int_equal(a.used, (size_t)(next + 16 - a.base));
    block_arena_destroy(&a);
}

/* Full: NULL, never memory past the end; a reset makes room again, at the same address. */
static void test_full_then_reset(void **state)
{
    (void)state;
    struct block_arena a;
    assert_true(block_arena_create(&a, 2 * MIB, true));
    assert_int_equal(a.size, 2 * MIB);
    uint8_t *first = block_arena_alloc(&a, MIB, 64);
    assert_non_null(block_arena_alloc(&a, MIB - 64, 64));
    assert_null(block_arena_alloc(&a, 128, 64));
    assert_null(block_arena_reserve(&a, 65, 1));
    assert_non_null(block_arena_alloc(&a, 64, 64)); /* (exactly what is left) */
    assert_null(block_arena_alloc(&a, 1, 1));
    block_arena_reset(&a);
    assert_int_equal(a.used, 0);
    assert_ptr_equal(block_arena_alloc(&a, 32, 64), first);
    block_arena_destroy(&a);
    assert_null(a.base);
}

/* 1 if the mapping holding p carries MADV_HUGEPAGE, 0 if not, -1 if smaps does not say. */
static int huge_advice(const void *p)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f) return -1;
    char line[512];
    int found = -1;
    bool inside = false;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' ')) {
            inside = (uintptr_t)p >= lo && (uintptr_t)p < hi;
        } else if (inside && !strncmp(line, "VmFlags:", 8)) {
            found = strstr(line, " hg") != NULL;
            break;
        }
    }
    fclose(f);
    return found;
}

static void test_huge_pages_only_past_the_first_mib(void **state)
{
    (void)state;
    if (access("/sys/kernel/mm/transparent_hugepage", F_OK) != 0) skip(); /* (a host kernel without THP) */
    struct block_arena a;
    assert_true(block_arena_create(&a, 8 * MIB, true));
    assert_non_null(block_arena_alloc(&a, MIB / 2, 64));
    assert_int_equal(huge_advice(a.base + 2 * MIB), 0); /* (a small translation: none) */
    assert_non_null(block_arena_alloc(&a, MIB / 2 + 4096, 64));
    assert_int_equal(huge_advice(a.base + 2 * MIB), 1); /* past 1 MiB: from the second 2 MiB on */
    assert_int_equal(huge_advice(a.base + 4 * MIB), 1);
    assert_int_equal(huge_advice(a.base), 0);           /* (already touched: left as it is) */
    block_arena_destroy(&a);

    assert_true(block_arena_create(&a, 8 * MIB, false)); /* --no-huge-pages */
    assert_non_null(block_arena_alloc(&a, 3 * MIB, 64));
    assert_int_equal(huge_advice(a.base + 2 * MIB), 0);
    block_arena_destroy(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_aligns_and_does_not_overlap),
        cmocka_unit_test(test_reserve_then_commit_gives_back_the_rest),
        cmocka_unit_test(test_full_then_reset),
        cmocka_unit_test(test_huge_pages_only_past_the_first_mib),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
