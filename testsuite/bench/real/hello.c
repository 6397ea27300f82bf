/*
 * testsuite/bench/real/hello.c — the start-up benchmark: the smallest static
 * program, so its run time is the emulator's own start-up cost (loading,
 * stack set-up, the first translations) plus exit.
 */
#include <stdio.h>

int main(void)
{
    puts("hello");
    return 0;
}
