/* testsuite/usermode/oddpc.c — a pc with bit 0 set, from the places outside the
 * instruction stream that set the pc: a signal handler registered at an odd
 * address, and a handler that makes rt_sigreturn resume at an odd address.
 * (60-user-mode.sh also runs the static build with its ELF entry point made odd.)
 *
 * On Linux the kernel puts such a pc in sepc, whose bit 0 is always zero
 * (privileged spec, "Supervisor Exception Program Counter"), so the hart runs
 * the even address: the handler runs, and the resumed code is the function
 * itself.  qemu-riscv64 decodes at the odd address instead, so the oracle is
 * the specification: testsuite/usermode/oddpc.expected. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <ucontext.h>
#include <unistd.h>

static volatile sig_atomic_t got;

static void on_usr1(int sig) { got = sig; }

/* Where the second handler makes the guest resume (never returns). */
static __attribute__((noinline, noreturn)) void resumed(void)
{
    printf("rt_sigreturn to an odd pc resumed at the function: ok\n");
    exit(0);
}

static void on_usr2(int sig, siginfo_t *si, void *ucv)
{
    (void)sig, (void)si;
    ucontext_t *uc = ucv;
    uc->uc_mcontext.__gregs[REG_PC] = (uintptr_t)resumed | 1;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa = {0};
    sa.sa_handler = (void (*)(int))((uintptr_t)on_usr1 | 1);
    if (sigaction(SIGUSR1, &sa, NULL)) return 2;
    raise(SIGUSR1);
    printf("handler at an odd address ran: signal %d\n", (int)got);

    struct sigaction sa2 = {0};
    sa2.sa_sigaction = on_usr2;
    sa2.sa_flags = SA_SIGINFO;
    if (sigaction(SIGUSR2, &sa2, NULL)) return 2;
    raise(SIGUSR2);
    printf("not reached: rt_sigreturn returned to raise()\n");
    return 1;
}
