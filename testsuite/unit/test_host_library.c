/*
 * testsuite/unit/test_host_library.c — cpu/host_library.c, the one dlopen
 * loader behind capstone_dyn, sdl_dyn, slirp_dyn and curses_dyn.
 *
 * The cases use libraries every Debian system has (libm, libc): a function
 * found and callable, a library that is not installed, a name the library
 * does not export — the two failures must each end in one line that names
 * what a user needs (the package to install, the missing function).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cpu/host_library.h"

static struct {
    double (*cos)(double);
    double (*sqrt)(double);
} libm_table;

static void test_opens_and_fills_every_slot(void **state)
{
    (void)state;
    static struct host_library libm = {"libm.so.6", "test", "libc6", NULL};
    const struct host_symbol symbols[] = {HOST_SYMBOL(libm_table, cos) HOST_SYMBOL(libm_table, sqrt)};
    char err[256] = "";
    assert_true(host_library_open(&libm, symbols, 2, err, sizeof err));
    assert_non_null(libm.handle);
    assert_true(libm_table.cos(0.0) == 1.0);
    assert_true(libm_table.sqrt(16.0) == 4.0);
    /* a second call finds it open and returns at once, slots untouched */
    void *first = libm.handle;
    assert_true(host_library_open(&libm, symbols, 2, err, sizeof err));
    assert_ptr_equal(libm.handle, first);
    assert_string_equal(err, "");
}

static void test_missing_library_names_the_package(void **state)
{
    (void)state;
    struct host_library lib = {"librvdbt-no-such-library.so.9", "-display sdl", "libsdl2-2.0-0", NULL};
    void *slot = NULL;
    const struct host_symbol symbols[] = {{"SDL_Init", &slot}};
    char err[512] = "";
    assert_false(host_library_open(&lib, symbols, 1, err, sizeof err));
    assert_null(lib.handle);
    assert_null(slot);
    assert_non_null(strstr(err, "-display sdl: cannot load librvdbt-no-such-library.so.9"));
    assert_non_null(strstr(err, "(apt-get install libsdl2-2.0-0)"));
    assert_null(strchr(err, '\n'));
}

static void test_missing_function_is_named(void **state)
{
    (void)state;
    struct host_library lib = {"libc.so.6", "--explain", "libc6", NULL};
    void *a = NULL, *b = NULL;
    const struct host_symbol symbols[] = {{"malloc", &a}, {"rvdbt_no_such_function", &b}};
    char err[512] = "";
    assert_false(host_library_open(&lib, symbols, 2, err, sizeof err));
    assert_null(lib.handle); /* not marked open: the next call tries again */
    assert_string_equal(err, "--explain: libc.so.6 has no rvdbt_no_such_function");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_opens_and_fills_every_slot),
        cmocka_unit_test(test_missing_library_names_the_package),
        cmocka_unit_test(test_missing_function_is_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
