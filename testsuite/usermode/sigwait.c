/*
 * testsuite/usermode/sigwait.c — waiting for blocked signals: sigwait,
 * sigwaitinfo and sigtimedwait (all rt_sigtimedwait), which CPython's
 * test_signal uses and rvdbt answered ENOSYS.  Signals raised by the process
 * itself, sent by a forked child (si_pid), a real-time one, an interval
 * timer's SIGALRM, a SIGSEGV sent to itself with a handler installed and
 * blocked (rvdbt keeps those off the host), timeouts (EAGAIN), and bad
 * arguments (EFAULT, EINVAL).  The SIGSEGV case hangs qemu-riscv64 7.2, so
 * it runs only as `sigwait beyond-qemu`, checked against Linux's own answer.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0) printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else printf("%s: %ld\n", what, r);
}

static void on_segv(int sig) { (void)sig; printf("SIGSEGV handler ran (wrong: it was blocked)\n"); }

int main(int argc, char **argv)
{
    int beyond = argc > 1 && !strcmp(argv[1], "beyond-qemu");
    setvbuf(stdout, NULL, _IOLBF, 0);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1), sigaddset(&set, SIGUSR2), sigaddset(&set, SIGALRM);
    sigaddset(&set, SIGRTMIN + 2), sigaddset(&set, SIGSEGV);
    signal(SIGSEGV, on_segv);
    sigprocmask(SIG_BLOCK, &set, NULL);

    int sig = 0;
    raise(SIGUSR1);
    int r = sigwait(&set, &sig);
    printf("sigwait: %d, signal %d\n", r, sig);

    siginfo_t si;
    kill(getpid(), SIGRTMIN + 2);
    kill(getpid(), SIGUSR2);
    show("sigwaitinfo (lowest first)", sigwaitinfo(&set, &si));
    printf("  signo %d, code %d, from me %d\n", si.si_signo, si.si_code, si.si_pid == getpid());
    show("sigwaitinfo (the real-time one)", sigwaitinfo(&set, &si) == SIGRTMIN + 2 ? 1 : -1);
    printf("  code %d\n", si.si_code);

    struct timespec zero = {0, 0}, short_wait = {0, 50 * 1000 * 1000}, long_wait = {5, 0};
    show("sigtimedwait, nothing pending, no wait", sigtimedwait(&set, &si, &zero));
    show("sigtimedwait, 50 ms", sigtimedwait(&set, &si, &short_wait));

    struct itimerval it = {{0, 0}, {0, 100 * 1000}};
    setitimer(ITIMER_REAL, &it, NULL);
    show("sigtimedwait for the timer's SIGALRM", sigtimedwait(&set, &si, &long_wait));
    printf("  code %d (SI_KERNEL %d)\n", si.si_code, SI_KERNEL);

    pid_t child = fork();
    if (child == 0) {
        kill(getppid(), SIGUSR2);
        _exit(0);
    }
    show("sigtimedwait for the child's SIGUSR2", sigtimedwait(&set, &si, &long_wait));
    printf("  from the child %d, code %d\n", si.si_pid == child, si.si_code);
    waitpid(child, NULL, 0);

    if (beyond) {
        kill(getpid(), SIGSEGV);
        show("sigwaitinfo for a SIGSEGV sent to myself", sigwaitinfo(&set, &si));
        printf("  code %d\n", si.si_code);
    }

    show("sigtimedwait bad set", syscall(SYS_rt_sigtimedwait, (void *)8, NULL, &zero, 8));
    show("sigtimedwait bad timeout", syscall(SYS_rt_sigtimedwait, &set, NULL, (void *)8, 8));
    raise(SIGUSR1);
    show("sigtimedwait bad info", syscall(SYS_rt_sigtimedwait, &set, (void *)8, &zero, 8));
    show("sigtimedwait bad size", syscall(SYS_rt_sigtimedwait, &set, NULL, &zero, 16));
    show("sigtimedwait (the SIGUSR1 still pending)", sigtimedwait(&set, NULL, &zero));
    return 0;
}
