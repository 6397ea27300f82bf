/*
 * testsuite/usermode/timeclock.c — time through the system calls:
 * clock_gettime (REALTIME, MONOTONIC, PROCESS_CPUTIME_ID), clock_getres,
 * gettimeofday, time, nanosleep, clock_nanosleep (relative and TIMER_ABSTIME),
 * and their errors (EINVAL for a bad clock or a bad timespec).  Times differ
 * from run to run, so it prints only facts that must hold (monotonic never
 * goes back, a 20 ms sleep takes at least 20 ms, the clocks agree with each
 * other to within a second); compared with qemu-riscv64 by the tests.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static double seconds(struct timespec t) { return (double)t.tv_sec + (double)t.tv_nsec / 1e9; }

int main(void)
{
    struct timespec real, mono1, mono2, cpu, res;
    printf("realtime %d\n", clock_gettime(CLOCK_REALTIME, &real));
    printf("after 2020: %s\n", real.tv_sec > 1577836800 ? "yes" : "no");
    printf("nsec in range: %s\n", real.tv_nsec >= 0 && real.tv_nsec < 1000000000 ? "yes" : "no");
    struct timeval tv;
    printf("gettimeofday %d\n", gettimeofday(&tv, NULL));
    printf("gettimeofday agrees: %s\n", tv.tv_sec - real.tv_sec <= 1 && tv.tv_sec >= real.tv_sec ? "yes" : "no");
    time_t t = time(NULL);
    /* glibc's time() reads CLOCK_REALTIME_COARSE, which may still be in the previous
     * second for a few milliseconds after CLOCK_REALTIME has moved on (Linux does that
     * too): one second either way */
    printf("time agrees: %s\n", t - real.tv_sec <= 1 && real.tv_sec - t <= 1 ? "yes" : "no");
    printf("monotonic %d\n", clock_gettime(CLOCK_MONOTONIC, &mono1));
    printf("res %d, fine: %s\n", clock_getres(CLOCK_MONOTONIC, &res), res.tv_sec == 0 && res.tv_nsec <= 1000000 ? "yes" : "no");
    struct timespec nap = {0, 20 * 1000 * 1000}, rem;
    printf("nanosleep %d\n", nanosleep(&nap, &rem));
    clock_gettime(CLOCK_MONOTONIC, &mono2);
    double slept = seconds(mono2) - seconds(mono1);
    printf("slept >= 20 ms: %s, < 2 s: %s\n", slept >= 0.020 ? "yes" : "no", slept < 2 ? "yes" : "no");
    struct timespec until = mono2;
    until.tv_nsec += 10 * 1000 * 1000;
    if (until.tv_nsec >= 1000000000) until.tv_sec++, until.tv_nsec -= 1000000000;
    printf("clock_nanosleep abs %d\n", clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL));
    clock_gettime(CLOCK_MONOTONIC, &mono1);
    printf("woke after deadline: %s\n", seconds(mono1) >= seconds(until) ? "yes" : "no");
    printf("clock_nanosleep rel %d\n", clock_nanosleep(CLOCK_MONOTONIC, 0, &nap, NULL));
    volatile double x = 0;
    for (int i = 0; i < 3000000; i++) x += i;
    printf("cputime %d, positive: %s\n", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu), seconds(cpu) > 0 ? "yes" : "no");
    errno = 0;
    printf("bad clock: %d %s\n", clock_gettime((clockid_t)1234, &real), strerror(errno));
    struct timespec bad = {0, 2000000000};
    errno = 0;
    printf("bad timespec: %d %s\n", nanosleep(&bad, NULL), strerror(errno));
    printf("clock_nanosleep bad: %s\n", strerror(clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL)));
    return 0;
}
