/* threads_smc.c — a stress test for a translator shared by threads: while
 * one thread keeps rewriting a function (and flushing the instruction cache
 * the way JIT compilers do), other threads call it, run other code, and map,
 * protect and unmap code pages of their own.  What must hold, whatever the
 * schedule:
 *  - a reader that acquires version V and then executes fence.i sees code
 *    at least as new as V (RISC-V: fence.i orders its later fetches after
 *    the stores it has observed);
 *  - a reader that never executes fence.i still reaches the final version
 *    (riscv_flush_icache, which __builtin___clear_cache calls, reaches every
 *    thread of the process on Linux);
 *  - code in pages that are unmapped and mapped again is the new code.
 * Output is fixed by the program, not the schedule. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define VERSIONS 400
#define MAPPINGS 150

typedef long (*fn_t)(void);

static uint32_t *code;             /* li a0, V; ret */
static atomic_int version;         /* the newest version written and flushed */
static atomic_long stale_seen, bad_value, mapper_bad;
static atomic_long reader_calls;

static uint32_t li_a0(int v) { return 0x00000513u | (uint32_t)v << 20; } /* addi a0, zero, v */
#define RET 0x00008067u

static void *writer(void *arg)
{
    (void)arg;
    for (int v = 1; v <= VERSIONS; v++) {
        __atomic_store_n(&code[0], li_a0(v), __ATOMIC_RELAXED);
        __builtin___clear_cache((char *)code, (char *)(code + 2));
        atomic_store_explicit(&version, v, memory_order_release);
        /* let the readers run a little between versions */
        for (volatile int i = 0; i < 2000; i++) {
        }
    }
    return NULL;
}

/* Other code, run between the calls: different blocks in the same cache. */
static long busy(long x)
{
    for (int i = 0; i < 50; i++) x = x * 6364136223846793005L + 1442695040888963407L;
    return x;
}

static void *fenced_reader(void *arg)
{
    long sink = (long)arg;
    for (;;) {
        int v = atomic_load_explicit(&version, memory_order_acquire);
        __asm__ volatile("fence.i" ::: "memory");
        long r = ((fn_t)code)();
        if (r < v) atomic_fetch_add(&stale_seen, 1);
        if (r < 0 || r > VERSIONS) atomic_fetch_add(&bad_value, 1);
        atomic_fetch_add(&reader_calls, 1);
        sink = busy(sink);
        if (v == VERSIONS) break;
    }
    return (void *)(sink & 1);
}

/* Never executes fence.i: relies on the writer's riscv_flush_icache. */
static void *unfenced_reader(void *arg)
{
    (void)arg;
    long r;
    do {
        r = ((fn_t)code)();
        if (r < 0 || r > VERSIONS) atomic_fetch_add(&bad_value, 1);
    } while (r != VERSIONS);
    return NULL;
}

/* Maps a page, writes a function into it, runs it, write-protects it, runs
 * it again, unmaps it; the next round's page may land at the same address
 * with different code. */
static void *mapper(void *arg)
{
    (void)arg;
    for (int i = 1; i <= MAPPINGS; i++) {
        uint32_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (page == MAP_FAILED) {
            atomic_fetch_add(&mapper_bad, 1);
            continue;
        }
        page[0] = li_a0(i);
        page[1] = RET;
        __builtin___clear_cache((char *)page, (char *)(page + 2));
        if (((fn_t)page)() != i) atomic_fetch_add(&mapper_bad, 1);
        mprotect(page, 4096, PROT_READ | PROT_EXEC);
        if (((fn_t)page)() != i) atomic_fetch_add(&mapper_bad, 1);
        munmap(page, 4096);
    }
    return NULL;
}

int main(void)
{
    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) return 1;
    code[0] = li_a0(0);
    code[1] = RET;
    __builtin___clear_cache((char *)code, (char *)(code + 2));

    pthread_t w, r[3], u, m;
    for (long i = 0; i < 3; i++) pthread_create(&r[i], NULL, fenced_reader, (void *)i);
    pthread_create(&u, NULL, unfenced_reader, NULL);
    pthread_create(&m, NULL, mapper, NULL);
    pthread_create(&w, NULL, writer, NULL);
    pthread_join(w, NULL);
    for (int i = 0; i < 3; i++) pthread_join(r[i], NULL);
    pthread_join(u, NULL);
    pthread_join(m, NULL);
    printf("final version %ld\n", ((fn_t)code)());
    printf("fenced readers saw stale code: %s\n", atomic_load(&stale_seen) ? "yes" : "no");
    printf("values out of range: %ld\n", (long)atomic_load(&bad_value));
    printf("readers made calls: %s\n", atomic_load(&reader_calls) >= 3 ? "yes" : "no");
    printf("mapped code wrong: %ld of %d\n", (long)atomic_load(&mapper_bad), 2 * MAPPINGS);
    return 0;
}
