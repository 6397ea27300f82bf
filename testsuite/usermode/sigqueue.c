/*
 * testsuite/usermode/sigqueue.c — sigqueue (rt_sigqueueinfo): a value and
 * SI_QUEUE reach a SA_SIGINFO handler; real-time signals sent while blocked
 * stay queued, each with its own value, and come out in order
 * (sigwaitinfo); a forked child gets one from its parent.  (stress-ng's
 * `sigrt` stressor failed under rvdbt: rt_sigqueueinfo was ENOSYS.)
 * rvdbt must print what qemu-riscv64 prints.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int got_code, got_value, got_sig;

static void on_rt(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_code = si->si_code;
    got_value = si->si_value.sival_int;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_rt;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGRTMIN, &sa, NULL);
    int r = sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = 42});
    printf("sigqueue to myself: %d, handler: SIGRTMIN+%d, SI_QUEUE %d, value %d\n", r, got_sig - SIGRTMIN,
           got_code == SI_QUEUE, got_value);

    /* three of the same real-time signal while it is blocked: all queued */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    for (int v = 1; v <= 3; v++) sigqueue(getpid(), SIGRTMIN + 1, (union sigval){.sival_int = v * 10});
    for (int i = 0; i < 3; i++) {
        siginfo_t si;
        int s = sigwaitinfo(&set, &si);
        printf("sigwaitinfo: SIGRTMIN+%d value %d code SI_QUEUE %d\n", s - SIGRTMIN, si.si_value.sival_int,
               si.si_code == SI_QUEUE);
    }

    /* to a child, which waits for it */
    pid_t child = fork();
    if (child == 0) {
        siginfo_t si;
        int s = sigwaitinfo(&set, &si);
        printf("child: SIGRTMIN+%d value %d from my parent %d\n", s - SIGRTMIN, si.si_value.sival_int,
               si.si_pid == getppid());
        _exit(0);
    }
    r = sigqueue(child, SIGRTMIN + 1, (union sigval){.sival_int = 77});
    int status;
    waitpid(child, &status, 0);
    printf("sigqueue to the child: %d, child status %d\n", r, WEXITSTATUS(status));

    /* a bad signal number */
    r = sigqueue(getpid(), 65, (union sigval){.sival_int = 0});
    printf("sigqueue of signal 65: %d\n", r);
    return 0;
}
