/* testsuite/usermode/spin_signal.c — a signal must reach a loop made of two
 * chained blocks, one jumping forward to the other and that one back.
 *
 * The translator lets a chained jump to a block further on skip that block's
 * exit-request check (translator/trampolines.c, --no-forward-skip), on the
 * argument that every cycle of blocks has a backward jump, whose target keeps
 * its check.  Here the loop is block A (load the flag, leave if set, j
 * forward) and block B (j back to A): if the backward jump skipped the check
 * too, the timer's SIGALRM would never be delivered, the handler never set
 * the flag, and the loop would spin for ever (the test's time limit). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static volatile int flag;

/* spins until *p != 0; returns the number of turns (not printed: it varies) */
unsigned long spin_until(volatile int *p);
__asm__(".text\n"
        ".globl spin_until\n"
        "spin_until:\n"
        "  li a1, 0\n"
        "1:\n"
        "  lw t0, 0(a0)\n"
        "  bnez t0, 3f\n"
        "  addi a1, a1, 1\n"
        "  j 2f\n"
        "  nop\n"
        "2:\n"
        "  addi a1, a1, 1\n"
        "  j 1b\n"
        "3:\n"
        "  mv a0, a1\n"
        "  ret\n");

static void on_alarm(int sig)
{
    (void)sig;
    flag = 1;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    /* three rounds: the loop's blocks are translated (and chained) by the second */
    for (int round = 1; round <= 3; round++) {
        flag = 0;
        struct itimerval it = {{0, 0}, {0, 20000}}; /* once, in 20 ms */
        setitimer(ITIMER_REAL, &it, NULL);
        unsigned long turns = spin_until(&flag);
        printf("round %d: the signal reached the loop (%s)\n", round, turns > 0 ? "after some turns" : "at once");
    }
    return 0;
}
