/*
 * testsuite/usermode/timerstorm.c — POSIX timers and itimers firing faster than a
 * signal can be handled (stress-ng's `timer` stressor does this).
 *
 * A periodic timer with a 1 µs interval (argv[1] sets it in ns) sends SIGRTMIN
 * to a handler that counts and re-arms it, as stress-ng's does, and disarms it
 * after 5000 signals; the main thread sleeps until then and deletes the timer.
 * The handler takes longer than the interval, so on Linux the handlers run back
 * to back (the signal is blocked while its handler runs, and a timer never has
 * more than one signal queued), each one making progress.  An emulator whose
 * own host handler for the timer signal takes longer than 1 µs and returns with
 * the signal unblocked spends all its time in it and never runs the guest's
 * (rvdbt did: stress-ng's `timer` stressor hung).
 * Then a SIGALRM itimer at the same rate wakes sigsuspend 2000 times: a
 * wakeup lost between the emulator's check and its sleep would hang it.
 * Prints only what does not depend on timing; rvdbt must print what
 * qemu-riscv64 prints.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static timer_t timer;
static struct itimerspec rate;
static volatile long fired, alarms;
static volatile sig_atomic_t disarmed;

static void on_timer(int sig)
{
    (void)sig;
    if (disarmed) return; /* (one may have been queued before the timer stopped) */
    timer_getoverrun(timer);
    if (++fired < 5000) {
        timer_settime(timer, 0, &rate, NULL); /* re-armed from the handler, like stress-ng */
        return;
    }
    struct itimerspec off;
    memset(&off, 0, sizeof off);
    timer_settime(timer, 0, &off, NULL);
    disarmed = 1;
}

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    long ns = argc > 1 ? atol(argv[1]) : 1000;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_timer;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGRTMIN, &sa, NULL)) return 1;

    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGRTMIN;
    printf("timer_create: %d\n", timer_create(CLOCK_REALTIME, &ev, &timer));
    rate.it_value.tv_nsec = ns;
    rate.it_interval.tv_nsec = ns;
    printf("timer_settime: %d\n", timer_settime(timer, 0, &rate, NULL));
    struct timespec ms = {0, 1000000};
    while (!disarmed) nanosleep(&ms, NULL);
    printf("timer_delete: %d\n", timer_delete(timer));
    printf("timer signals handled: %ld\n", fired);

    /* sigsuspend woken by a fast SIGALRM itimer, 2000 times */
    sa.sa_handler = on_alarm;
    if (sigaction(SIGALRM, &sa, NULL)) return 1;
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, &old);
    struct itimerval it = {{0, 50}, {0, 50}};
    printf("setitimer: %d\n", setitimer(ITIMER_REAL, &it, NULL));
    int wakeups = 0;
    while (alarms < 2000) {
        sigsuspend(&old);
        wakeups++;
    }
    memset(&it, 0, sizeof it);
    printf("setitimer off: %d\n", setitimer(ITIMER_REAL, &it, NULL));
    printf("sigsuspend woke for every alarm: %s\n", wakeups >= 1 && wakeups <= alarms ? "yes" : "no");
    return 0;
}
