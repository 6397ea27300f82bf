/*
 * testsuite/gdb/threads_bp.c — breakpoints in worker threads, for the GDB stub's
 * all-stop mode (group 85-gdb-trace): two "hitter" threads each call hit(id), where
 * the test puts its breakpoint, while a third thread spins in a tight loop (translated
 * code under the jit, which the stub must kick out to stop it) and main waits in
 * pthread_join.  So each stop must be reported in a worker, every thread must be
 * stopped while gdb looks (the spinner's counter does not move), and `continue` must
 * let the program end as it would without a debugger: "sum 30 spun" and status 3.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static pthread_barrier_t start;
static atomic_int hits_done;
static atomic_long spins;

/* the breakpoint */
__attribute__((noinline)) long hit(int id)
{
    long r = id * 10;
    return r;
}

static void *hitter(void *arg)
{
    pthread_barrier_wait(&start);
    /* (the spinner is in its loop before any stop: under --engine=check,
     * which runs one thread at a time, it might not have had a turn yet) */
    while (atomic_load_explicit(&spins, memory_order_relaxed) == 0) {
    }
    long r = hit((int)(long)arg);
    atomic_fetch_add(&hits_done, 1);
    return (void *)r;
}

static void *spinner(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start);
    while (atomic_load_explicit(&hits_done, memory_order_relaxed) < 2)
        atomic_store_explicit(&spins, atomic_load_explicit(&spins, memory_order_relaxed) + 1, memory_order_relaxed);
    return NULL;
}

int main(void)
{
    pthread_t h1, h2, s;
    pthread_barrier_init(&start, NULL, 4);
    pthread_create(&s, NULL, spinner, NULL);
    pthread_create(&h1, NULL, hitter, (void *)1L);
    pthread_create(&h2, NULL, hitter, (void *)2L);
    pthread_barrier_wait(&start);
    void *r1, *r2;
    pthread_join(h1, &r1);
    pthread_join(h2, &r2);
    pthread_join(s, NULL);
    printf("sum %ld %s\n", (long)r1 + (long)r2, spins > 0 ? "spun" : "did not spin");
    return 3;
}
