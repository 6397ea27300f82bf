/*
 * testsuite/gdb/threads_gdb.c — a pthread program for the GDB stub's thread list
 * (group 85-gdb-trace): main starts 4 workers that each announce themselves and then
 * sleep on a condition variable; once all 4 are asleep, main calls all_started(),
 * where the test's breakpoint is, so `info threads` must show 5 threads.  Then main
 * wakes them and the program prints their sum and exits 0.
 */
#include <pthread.h>
#include <stdio.h>

#define WORKERS 4
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int waiting, go;

static void *worker(void *arg)
{
    pthread_mutex_lock(&lock);
    waiting++;
    pthread_cond_broadcast(&cond);
    while (!go) pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    return (void *)((long)arg * 10);
}

/* the breakpoint: every worker exists and sleeps */
__attribute__((noinline)) void all_started(int n) { __asm__ volatile("" ::"r"(n) : "memory"); }

int main(void)
{
    pthread_t t[WORKERS];
    for (long i = 0; i < WORKERS; i++) pthread_create(&t[i], NULL, worker, (void *)(i + 1));
    pthread_mutex_lock(&lock);
    while (waiting < WORKERS) pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    all_started(WORKERS);
    pthread_mutex_lock(&lock);
    go = 1;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
    long sum = 0;
    for (int i = 0; i < WORKERS; i++) {
        void *r;
        pthread_join(t[i], &r);
        sum += (long)r;
    }
    printf("sum %ld\n", sum);
    return 0;
}
