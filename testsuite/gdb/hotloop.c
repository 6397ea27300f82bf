/*
 * testsuite/gdb/hotloop.c — a loop that runs (translated, under the jit)
 * until a debugger sets stop_flag: the test interrupts it with Ctrl-C, puts
 * a breakpoint inside the already-translated loop and expects to hit it.
 */
#include <stdio.h>

volatile unsigned long counter;
volatile int stop_flag;

int main(void)
{
    while (!stop_flag)
        counter++; /* the loop body: the breakpoint goes here */
    printf("left the loop after %s iterations\n", counter > 1000 ? "many" : "few");
    return 7;
}
