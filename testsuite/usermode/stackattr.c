/*
 * testsuite/usermode/stackattr.c — pthread_getattr_np on the main thread.
 *
 * glibc finds the main thread's stack by reading /proc/self/maps for the
 * mapping that holds it; under an emulator that showed its own maps (host
 * addresses) the call failed.  Prints whether it succeeds and whether the
 * stack it reports holds a local variable and the program's arguments.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    (void)argc;
    pthread_attr_t attr;
    int r = pthread_getattr_np(pthread_self(), &attr);
    printf("pthread_getattr_np: %s\n", r == 0 ? "ok" : "failed");
    if (r) return 1;
    void *addr;
    size_t size;
    pthread_attr_getstack(&attr, &addr, &size);
    int local = 0;
    uintptr_t lo = (uintptr_t)addr, hi = lo + size;
    printf("the stack holds a local: %s\n", (uintptr_t)&local >= lo && (uintptr_t)&local < hi ? "yes" : "no");
    printf("the stack holds argv: %s\n", (uintptr_t)argv >= lo && (uintptr_t)argv < hi ? "yes" : "no");
    printf("size is at least 64 KiB: %s\n", size >= 65536 ? "yes" : "no");
    pthread_attr_destroy(&attr);
    return 0;
}
