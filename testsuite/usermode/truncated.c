/*
 * testsuite/usermode/truncated.c — a program whose own file is truncated
 * while it runs (rvdbt maps a program's whole pages from its file, as
 * Linux does).
 *
 * Prints "ready", reads a line from stdin (the test truncates the file
 * meanwhile), then calls a function on a page of its own that nothing has
 * touched yet.  Natively the truncation fails (ETXTBSY: a running program's
 * file is not writable); under rvdbt the page is gone and the guest dies
 * of SIGBUS, as a native process does when a library it mapped is
 * truncated.  Run without truncation, it prints "far: 42" and exits 0.
 */
#include <stdio.h>
#include <unistd.h>

/* Its own page, away from main's (and a page of padding after it). */
__attribute__((noinline, aligned(4096), section(".text.far"))) int far_function(int x)
{
    return x * 2;
}

int main(void)
{
    printf("ready\n");
    fflush(stdout);
    char line[16];
    if (read(0, line, sizeof line) < 0) return 2;
    printf("far: %d\n", far_function(21));
    return 0;
}
