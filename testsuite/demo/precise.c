/* testsuite/demo/precise.c — a precise exception in the middle of a hot translated block
 * (docs/tour.md, section 10).
 *
 * The loop below counts in a0, sums in a1 and loads through t0 each iteration; on the
 * 1000th the pointer moves to a page mapped PROT_NONE, and the load faults.  By then
 * the block is translated and self-looping, with a0 and a1 living in host registers.
 * The guest's SIGSEGV handler prints what the kernel (here: rvdbt) put in its ucontext:
 * the pc must be the load's, a0 and a1 their values after the instructions before the
 * load and not the `addi` after it: a0 = 1000, a1 = 1+2+...+1000 + 100*999 = 600400.
 * Checked against qemu-riscv64 under every engine by testsuite/tests/60-explain.sh. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

extern char the_load[]; /* the label of the load, in the asm below */

static void on_segv(int sig, siginfo_t *si, void *context)
{
    (void)sig;
    const unsigned long *g = ((ucontext_t *)context)->uc_mcontext.__gregs; /* g[0] = pc, g[n] = xn */
    printf("SIGSEGV: pc %s the load, fault address %s the guard page\n",
           g[0] == (unsigned long)the_load ? "==" : "!=", si->si_addr == (void *)g[5] ? "==" : "!=");
    printf("a0 = %lu (iterations), a1 = %lu (sum), a2 = %lu (loaded)\n", g[10], g[11], g[12]);
    fflush(stdout);
    _exit(0);
}

int main(void)
{
    static long good = 7;
    char *guard = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (guard == MAP_FAILED) return 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    long delta = guard - (char *)&good;
    __asm__ volatile(
        "  li a0, 0\n"
        "  li a1, 0\n"
        "  li a2, 0\n"
        "1: addi a0, a0, 1\n"
        "  add a1, a1, a0\n"
        "  sltiu t1, a0, 1000\n"   /* t1 = a0 < 1000 */
        "  addi t1, t1, -1\n"      /* 0, or all ones from the 1000th on */
        "  and t1, t1, %1\n"       /* 0, or delta */
        "  add t0, %0, t1\n"       /* &good, or the guard page */
        "  .globl the_load\n"
        "the_load:\n"
        "  ld a2, 0(t0)\n"
        "  addi a1, a1, 100\n"
        "  j 1b\n"
        :
        : "r"(&good), "r"(delta)
        : "a0", "a1", "a2", "t0", "t1", "memory");
    return 1; /* not reached */
}
