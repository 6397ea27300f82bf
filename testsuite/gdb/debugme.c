/*
 * testsuite/gdb/debugme.c — the guest program the GDB tests (85-gdb-trace.sh)
 * debug: built -O0 -g so every variable lives in memory where GDB finds it.
 * A debugger that sets x to 5 after its initialisation changes both the
 * output and the exit status.
 */
#include <stdio.h>

static int square(int v) { return v * v; }

int main(void)
{
    int x = 3;
    int y = square(x);
    printf("x=%d y=%d\n", x, y);
    return x;
}
