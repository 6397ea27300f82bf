/*
 * testsuite/usermode/timers.c — interval timers and POSIX timers in a user-mode guest.
 *
 * setitimer one-shot and periodic (SIGALRM to a handler), getitimer,
 * alarm(), a read interrupted by a timer (EINTR), timer_create with
 * SIGEV_SIGNAL (sigev_value and SI_TIMER reach the handler), SIGEV_THREAD_ID,
 * SIGEV_NONE, a NULL sigevent, timer_gettime/getoverrun/delete, and a child
 * killed by an unhandled SIGALRM.  Prints only what does not depend on
 * timing; rvdbt must print what qemu-riscv64 prints.
 */
#define _GNU_SOURCE /* strerrorname_np */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Prints a call's result and, when it failed, its errno name (evaluated in
 * that order: a printf argument list has none). */
static void show(const char *what, long r)
{
    printf("%s: %ld %s\n", what, r, r < 0 ? strerrorname_np(errno) : "-");
}

static volatile sig_atomic_t hits[65];
static volatile int last_code, last_value;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    hits[sig]++;
    last_code = si->si_code;
    last_value = si->si_value.sival_int;
}

static void install(int sig, int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* Waits (blocked, then sigsuspend) until signal `sig` has been handled `n`
 * times; not at all if the timer could not be armed (`armed` != 0), so a
 * system without these calls fails the comparison instead of hanging. */
static void wait_for(int sig, int n, int armed)
{
    if (armed != 0) {
        printf("not waiting for signal %d: the timer was not armed\n", sig);
        return;
    }
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, sig);
    sigprocmask(SIG_BLOCK, &block, &old);
    while (hits[sig] < n) sigsuspend(&old);
    sigprocmask(SIG_SETMASK, &old, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    install(SIGALRM, 0);

    /* one-shot setitimer */
    struct itimerval it = {{0, 0}, {0, 30000}};
    int r = setitimer(ITIMER_REAL, &it, NULL);
    printf("setitimer: %d\n", r);
    wait_for(SIGALRM, 1, r);
    printf("one-shot: hits %d, si_code is SI_KERNEL: %d\n", hits[SIGALRM], last_code == SI_KERNEL);

    /* getitimer on a long timer, then disarm it and read back the old value */
    struct itimerval long_it = {{0, 0}, {10, 0}}, cur, old;
    setitimer(ITIMER_REAL, &long_it, NULL);
    getitimer(ITIMER_REAL, &cur);
    printf("getitimer: remaining in (9, 10] s: %d\n",
           cur.it_value.tv_sec == 10 ? cur.it_value.tv_usec == 0 : cur.it_value.tv_sec == 9);
    struct itimerval zero = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &zero, &old);
    printf("disarm returns the old value: %d\n", old.it_value.tv_sec >= 9);
    getitimer(ITIMER_REAL, &cur);
    printf("disarmed: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);

    /* periodic */
    hits[SIGALRM] = 0;
    struct itimerval per = {{0, 5000}, {0, 5000}};
    wait_for(SIGALRM, 3, setitimer(ITIMER_REAL, &per, NULL));
    setitimer(ITIMER_REAL, &zero, NULL);
    printf("periodic: at least 3 ticks: %d\n", hits[SIGALRM] >= 3);

    /* alarm() (setitimer underneath on riscv64) */
    printf("alarm(5) = %u\n", alarm(5));
    unsigned left = alarm(0);
    printf("alarm(0) = 4 or 5: %d\n", left == 4 || left == 5);

    /* a blocking read interrupted by a timer whose handler has no SA_RESTART */
    int pfd[2];
    pipe(pfd);
    hits[SIGALRM] = 0;
    char c;
    ssize_t n = setitimer(ITIMER_REAL, &it, NULL) == 0 ? read(pfd[0], &c, 1) : 0;
    printf("read interrupted: %zd %s, handler ran %d\n", n, n < 0 ? strerrorname_np(errno) : "-", hits[SIGALRM]);

    /* timer_create: SIGEV_SIGNAL with a value */
    install(SIGUSR1, 0);
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGUSR1;
    ev.sigev_value.sival_int = 1234;
    timer_t t;
    printf("timer_create: %d\n", timer_create(CLOCK_MONOTONIC, &ev, &t));
    struct itimerspec ts = {{0, 0}, {0, 20000000}}, got;
    r = timer_settime(t, 0, &ts, NULL);
    printf("timer_settime: %d\n", r);
    wait_for(SIGUSR1, 1, r);
    printf("SIGUSR1: hits %d, SI_TIMER %d, value %d\n", hits[SIGUSR1], last_code == SI_TIMER, last_value);
    printf("timer_getoverrun: %d\n", timer_getoverrun(t));
    struct itimerspec far = {{1, 0}, {30, 0}};
    timer_settime(t, 0, &far, NULL);
    timer_gettime(t, &got);
    printf("timer_gettime: value in (29, 30] s: %d, interval %lld s\n",
           got.it_value.tv_sec == 29 || (got.it_value.tv_sec == 30 && got.it_value.tv_nsec == 0),
           (long long)got.it_interval.tv_sec);
    struct itimerspec prev;
    timer_settime(t, 0, &(struct itimerspec){{0, 0}, {0, 0}}, &prev);
    printf("disarm gives the old interval: %lld\n", (long long)prev.it_interval.tv_sec);
    printf("timer_delete: %d\n", timer_delete(t));

    /* absolute time, SIGEV_THREAD_ID to this thread */
    install(SIGUSR2, 0);
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_THREAD_ID;
    ev.sigev_signo = SIGUSR2;
    ev.sigev_value.sival_int = 77;
    ev._sigev_un._tid = (pid_t)syscall(SYS_gettid);
    printf("timer_create (SIGEV_THREAD_ID): %d\n", timer_create(CLOCK_REALTIME, &ev, &t));
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    now.tv_nsec += 10000000;
    if (now.tv_nsec >= 1000000000) now.tv_sec++, now.tv_nsec -= 1000000000;
    r = timer_settime(t, TIMER_ABSTIME, &(struct itimerspec){{0, 0}, now}, NULL);
    printf("absolute settime: %d\n", r);
    wait_for(SIGUSR2, 1, r);
    printf("SIGUSR2: hits %d, value %d\n", hits[SIGUSR2], last_value);
    timer_delete(t);

    /* SIGEV_NONE: nothing is delivered, but the timer runs down */
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_NONE;
    timer_create(CLOCK_MONOTONIC, &ev, &t);
    timer_settime(t, 0, &(struct itimerspec){{0, 0}, {0, 10000000}}, NULL);
    usleep(30000);
    timer_gettime(t, &got);
    printf("SIGEV_NONE expired: %d\n", got.it_value.tv_sec == 0 && got.it_value.tv_nsec == 0);
    timer_delete(t);

    /* a NULL sigevent means SIGALRM with the timer id as the value */
    hits[SIGALRM] = 0;
    printf("timer_create (NULL sigevent): %d\n", timer_create(CLOCK_MONOTONIC, NULL, &t));
    wait_for(SIGALRM, 1, timer_settime(t, 0, &ts, NULL));
    printf("SIGALRM from timer: SI_TIMER %d\n", last_code == SI_TIMER);
    timer_delete(t);

    /* errors */
    errno = 0;
    show("timer_gettime on a deleted timer", (long)(timer_gettime(t, &got)));
    show("setitimer(99)", (long)(setitimer(99, &it, NULL)));
    show("timer_create(bad clock)", (long)(timer_create(12345, NULL, &t)));

    /* a child with the default SIGALRM disposition is killed by its alarm */
    signal(SIGALRM, SIG_DFL);
    pid_t pid = fork();
    if (pid == 0) {
        if (setitimer(ITIMER_REAL, &it, NULL)) _exit(1);
        for (;;) pause();
    }
    int status;
    waitpid(pid, &status, 0);
    printf("child killed by SIGALRM: %d\n", WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM);
    return 0;
}
