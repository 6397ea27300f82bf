/*
 * testsuite/usermode/memory.c — the guest address space: brk through malloc,
 * anonymous mmap, mprotect (a write to a read-only page is a SIGSEGV the
 * program catches, with SEGV_ACCERR), munmap (then SEGV_MAPERR), mremap
 * growing and moving, madvise(DONTNEED) zeroing, MAP_FIXED.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static sigjmp_buf escape;
static volatile int seen_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    seen_code = si->si_code;
    siglongjmp(escape, 1);
}

static const char *try_write(volatile char *p)
{
    seen_code = 0;
    if (sigsetjmp(escape, 1) == 0) {
        *p = 1;
        return "ok";
    }
    return seen_code == SEGV_ACCERR ? "SEGV_ACCERR" : seen_code == SEGV_MAPERR ? "SEGV_MAPERR" : "SEGV?";
}

int main(void)
{
    struct sigaction sa = {.sa_sigaction = on_segv, .sa_flags = SA_SIGINFO};
    sigaction(SIGSEGV, &sa, NULL);

    /* malloc: small (brk) and large (mmap) blocks */
    void *before = sbrk(0);
    char *small = malloc(1000);
    char *big = malloc(8 << 20);
    memset(small, 1, 1000);
    memset(big, 2, 8 << 20);
    printf("malloc small %d big %d, brk grew %d\n", small != NULL, big != NULL, sbrk(0) > before);
    long sum = 0;
    for (int i = 0; i < (8 << 20); i += 4096) sum += big[i];
    printf("big block sum %ld\n", sum);
    free(big);
    free(small);

    long page = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("anonymous mmap zeroed %d\n", m[0] == 0 && m[4 * page - 1] == 0);
    strcpy(m, "kept");
    mprotect(m, page, PROT_READ);
    printf("write to read-only page: %s, still readable %s\n", try_write(m), m);
    mprotect(m, page, PROT_READ | PROT_WRITE);
    printf("after mprotect rw: %s\n", try_write(m));
    munmap(m + page, page);
    printf("write to unmapped page: %s\n", try_write(m + page));
    printf("neighbours intact: %s\n", try_write(m + 2 * page));

    /* mremap: grow in place or move, contents kept */
    char *r = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(r, "remapped");
    char *r2 = mremap(r, page, 64 * page, MREMAP_MAYMOVE);
    printf("mremap grow: %s, new tail writable %s\n", r2 == MAP_FAILED ? "failed" : r2, try_write(r2 + 63 * page));

    /* madvise(DONTNEED) on private anonymous memory reads back zero */
    memset(r2, 7, 2 * page);
    madvise(r2, 2 * page, MADV_DONTNEED);
    printf("after MADV_DONTNEED zero %d\n", r2[0] == 0 && r2[2 * page - 1] == 0);

    /* MAP_FIXED replaces what was there */
    char *f = mmap(r2, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED at the address %d, read-only now: %s\n", f == r2, try_write(f));
    printf("null page: %s\n", try_write((char *)0));
    return 0;
}
