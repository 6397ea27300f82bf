/*
 * testsuite/usermode/signals_blocked.c — a signal for a thread that sleeps in a blocking
 * system call must run its handler at once, as on Linux, and then the call either
 * restarts (SA_RESTART) or fails with EINTR.  Go's runtime depends on it: an idle
 * thread sleeps in futex() and a signal the kernel hands to that thread must not wait
 * until something else wakes it.
 *
 * Each case: a worker thread sleeps in a call with nothing to wake it but its own
 * handler; every other thread blocks the signal, so a kill() to the process reaches the
 * worker.  The handler ends the wait (sets the futex word / writes to the pipe); the
 * program prints what the sleeping call returned.  A host that restarts the call
 * without running the guest handler never wakes the worker: the test times out.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile unsigned word;
static int pipefd[2];
static volatile int handled;
static volatile int in_call;

static void on_usr1(int sig)
{
    (void)sig;
    handled++;
    word = 1;
    syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    if (write(pipefd[1], "x", 1) != 1) _exit(9);
}

static long futex_result, read_result;
static int futex_errno, read_errno;

static void *futex_waiter(void *arg)
{
    (void)arg;
    in_call = 1;
    /* one call, no loop: with SA_RESTART it comes back to this call, which then
     * sees word == 1 (EAGAIN); without, it returns EINTR */
    futex_result = syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    futex_errno = errno;
    return NULL;
}

static void *pipe_reader(void *arg)
{
    (void)arg;
    char c;
    in_call = 1;
    read_result = read(pipefd[0], &c, 1);
    read_errno = errno;
    return NULL;
}

static void run(const char *name, void *(*fn)(void *), int restart, long *result, int *err)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigaction(SIGUSR1, &sa, NULL);
    word = 0;
    handled = 0;
    in_call = 0;
    if (pipe(pipefd)) return;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* only the worker can take it */
    sigset_t none;
    sigemptyset(&none);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setsigmask_np(&attr, &none);
    pthread_t t;
    pthread_create(&t, &attr, fn, NULL);
    while (!in_call) usleep(1000);
    usleep(50000); /* let it fall asleep in the call */
    kill(getpid(), SIGUSR1);
    pthread_join(t, NULL);
    printf("%s (%s): handler ran %d time(s), the call returned %ld%s%s\n", name,
           restart ? "SA_RESTART" : "no SA_RESTART", handled, *result,
           *result < 0 ? ", errno " : "", *result < 0 ? strerrorname_np(*err) : "");
    close(pipefd[0]);
    close(pipefd[1]);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    run("futex wait", futex_waiter, 1, &futex_result, &futex_errno);
    run("futex wait", futex_waiter, 0, &futex_result, &futex_errno);
    run("pipe read", pipe_reader, 1, &read_result, &read_errno);
    run("pipe read", pipe_reader, 0, &read_result, &read_errno);
    return 0;
}
