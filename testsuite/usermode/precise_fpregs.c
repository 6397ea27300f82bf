/* testsuite/usermode/precise_fpregs.c — a guest fault in the middle of a hot
 * translated loop whose FP results live only in xmm registers (the
 * translator's FP cache writes them to struct cpu at exits, not after every
 * operation), one of them a NaN that x86 makes differently from RISC-V.
 *
 * Each iteration loads a double from the next page of a buffer; the page
 * after the buffer is PROT_NONE, so the load finally faults, and the SIGSEGV
 * handler prints the FP registers the loop uses, as bits, and fcsr: those
 * written before the load in this iteration must have their new values,
 * those after it the previous iteration's, and inf - inf must be RISC-V's
 * canonical NaN 0x7ff8000000000000 (x86 computes 0xfff8000000000000).  The
 * load's slow path is a short call into shared code by default, which writes
 * the dirty FP registers back from the registers it saved
 * (translator/cold_stubs.c), and full code with --no-cold-stubs;
 * 60-user-mode.sh compares the output with qemu-riscv64's under every engine
 * and switch. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define PAGES 300

extern char the_fp_load[];
void run_fp_loop(char *pages); /* never returns: the load at the end faults */

__asm__(".text\n"
        ".globl run_fp_loop\n"
        "run_fp_loop:\n"
        "  mv t0, a0\n"
        "  li s1, 4096\n"
        "  li t1, 0x3ff0000000000000\n  fmv.d.x f2, t1\n"  /* 1.0 */
        "  li t1, 0x3fe0000000000000\n  fmv.d.x f4, t1\n"  /* 0.5 */
        "  li t1, 0x7ff0000000000000\n  fmv.d.x f6, t1\n"  /* +inf */
        "  li t1, 0x4008000000000000\n  fmv.d.x f8, t1\n"  /* 3.0 */
        "  fmv.d.x f1, zero\n  fmv.d.x f3, zero\n  fmv.d.x f5, zero\n  fmv.d.x f7, zero\n"
        "  fmv.d.x f9, zero\n  fmv.d.x f10, zero\n  fmv.d.x f11, zero\n"
        "  csrw fflags, zero\n"
        "1:\n"
        "  fadd.d f1, f1, f2\n"  /* the iteration count */
        "  fmul.d f3, f1, f4\n"
        "  fsub.d f5, f6, f6\n"  /* inf - inf: NaN, invalid */
        "  fdiv.d f7, f1, f8\n"  /* inexact from the first iteration */
        ".globl the_fp_load\n"
        "the_fp_load:\n"
        "  fld f9, 0(t0)\n"
        "  fadd.d f10, f10, f9\n"
        "  fmul.d f11, f1, f1\n"
        "  add t0, t0, s1\n"
        "  j 1b\n");

static char *guard;

static void on_segv(int sig, siginfo_t *si, void *context)
{
    (void)sig;
    const mcontext_t *m = &((ucontext_t *)context)->uc_mcontext;
    printf("pc %s the load, fault address %s the guard page\n", m->__gregs[0] == (unsigned long)the_fp_load ? "==" : "!=",
           si->si_addr == (void *)guard ? "==" : "!=");
    static const int regs[] = {1, 3, 5, 7, 9, 10, 11};
    for (unsigned i = 0; i < sizeof regs / sizeof regs[0]; i++)
        printf("f%d = %#llx\n", regs[i], (unsigned long long)m->__fpregs.__d.__f[regs[i]]);
    printf("fcsr = %#x\n", m->__fpregs.__d.__fcsr);
    fflush(stdout);
    _exit(0);
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    if (page != 4096) return 2;
    char *buf = mmap(NULL, (PAGES + 1) * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) return 3;
    for (int i = 0; i < PAGES; i++) memcpy(buf + (long)i * 4096, &(double){0.25 * i + 1}, sizeof(double));
    guard = buf + (long)PAGES * 4096;
    if (mprotect(guard, 4096, PROT_NONE)) return 4;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    run_fp_loop(buf);
    return 1;
}
