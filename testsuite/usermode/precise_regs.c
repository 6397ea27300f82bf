/* testsuite/usermode/precise_regs.c — a guest fault in the middle of a hot
 * translated loop that keeps more guest registers live than the translator
 * has callee-saved cache registers (15 here: a0-a7, t0-t6), so some live in
 * r9/r11/rdi/r8, which a C call clobbers.
 *
 * Each iteration loads from the next page of a buffer: under --no-host-mmu
 * every one is a TLB miss, a slow path that calls C and must come back with
 * every register as it was; the page after the buffer is PROT_NONE, so the
 * load finally faults, and the SIGSEGV handler prints every register the loop
 * uses: pc must be the load's, the registers written before it in this
 * iteration must have their new values, those after it the previous
 * iteration's.  The slow paths are the translator's short cold stubs by
 * default (translator/cold_stubs.c) and full code with --no-cold-stubs;
 * 60-user-mode.sh compares the output with qemu-riscv64's under every engine
 * and switch. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define PAGES 300

extern char the_load[];
void run_loop(char *pages); /* never returns: the load at the end faults */

__asm__(".text\n"
        ".globl run_loop\n"
        "run_loop:\n"
        "  mv t0, a0\n"
        "  li a0, 0\n  li a1, 0\n  li a2, 7\n  li a3, 0\n  li a4, 0\n  li a5, 0\n  li a6, 0\n  li a7, 0\n"
        "  li t1, 0\n  li t2, 0\n  li t3, 0\n  li t4, 0\n  li t5, 0\n  li t6, 0\n"
        "  li s1, 4096\n" /* (the loop never returns: s1 need not be kept) */
        "1:\n"
        "  addi a0, a0, 1\n"
        "  add a1, a1, a0\n"
        "  xor a2, a2, a1\n"
        "  slli a5, a0, 3\n"
        "  add a6, a6, a5\n"
        "  sub a7, a7, a1\n"
        ".globl the_load\n"
        "the_load:\n"
        "  ld t1, 0(t0)\n"
        "  add a3, a3, t1\n"
        "  addi a4, a4, 3\n"
        "  add t2, t2, a4\n"
        "  xor t3, t3, a6\n"
        "  add t4, t4, a2\n"
        "  addi t5, t5, -1\n"
        "  add t6, t6, a7\n"
        "  add t0, t0, s1\n"
        "  j 1b\n");

static char *guard;

static void on_segv(int sig, siginfo_t *si, void *context)
{
    (void)sig;
    const unsigned long *g = ((ucontext_t *)context)->uc_mcontext.__gregs; /* g[0] = pc, g[n] = xn */
    printf("pc %s the load, fault address %s the guard page, t0 %s it\n", g[0] == (unsigned long)the_load ? "==" : "!=",
           si->si_addr == (void *)guard ? "==" : "!=", g[5] == (unsigned long)guard ? "==" : "!=");
    static const int regs[] = {10, 11, 12, 13, 14, 15, 16, 17, 6, 7, 28, 29, 30, 31};
    for (unsigned i = 0; i < sizeof regs / sizeof regs[0]; i++) printf("x%d = %ld\n", regs[i], (long)g[regs[i]]);
    fflush(stdout);
    _exit(0);
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    if (page != 4096) return 2;
    char *buf = mmap(NULL, (PAGES + 1) * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) return 3;
    for (int i = 0; i < PAGES; i++) memcpy(buf + (long)i * 4096, &(long){3L * i + 1}, sizeof(long));
    guard = buf + (long)PAGES * 4096;
    if (mprotect(guard, 4096, PROT_NONE)) return 4;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    run_loop(buf);
    return 1;
}
