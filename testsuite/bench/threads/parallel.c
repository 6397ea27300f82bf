/* parallel.c — the multi-threaded benchmark: a fixed amount of integer work
 * (a hash chain per item) split over N threads (argv[1], default 1); each
 * thread sums its share locally and adds it to the total with one atomic
 * add.  The checksum does not depend on N, so runs at 1 and 2 threads can
 * be compared, and with native and qemu-riscv64. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define ITEMS 40000000ull

static uint64_t total;
static int nthreads;

static void *work(void *arg)
{
    uint64_t id = (uint64_t)(uintptr_t)arg, sum = 0;
    for (uint64_t i = id; i < ITEMS; i += (uint64_t)nthreads) {
        uint64_t x = i * 0x9e3779b97f4a7c15ull;
        for (int k = 0; k < 12; k++) x = (x ^ (x >> 29)) * 0xbf58476d1ce4e5b9ull + k;
        sum += x >> 40;
    }
    __atomic_fetch_add(&total, sum, __ATOMIC_RELAXED);
    return NULL;
}

int main(int argc, char **argv)
{
    nthreads = argc > 1 ? atoi(argv[1]) : 1;
    if (nthreads < 1 || nthreads > 64) return 2;
    pthread_t th[64];
    for (int i = 0; i < nthreads; i++) pthread_create(&th[i], NULL, work, (void *)(uintptr_t)i);
    for (int i = 0; i < nthreads; i++) pthread_join(th[i], NULL);
    printf("checksum %llu\n", (unsigned long long)total);
    return 0;
}
