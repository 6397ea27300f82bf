/*
 * translator/code_cache.c — the doubly mapped (W^X) code cache.  See code_cache.h.
 */
#include "translator/code_cache.h"

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif

#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The cache as a memfd mapped twice (the fallback: see code_cache_init). */
static bool map_memfd_twice(size_t size, void **rw_out, void **rx_out)
{
    int fd = memfd_create("rvdbt-code-cache", MFD_CLOEXEC);
    if (fd < 0) return false;
    if (ftruncate(fd, (off_t)size) != 0) {
        close(fd);
        return false;
    }
    void *rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    void *rx = mmap(NULL, size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    close(fd); /* the mappings keep the memory object alive */
    if (rw == MAP_FAILED || rx == MAP_FAILED) {
        if (rw != MAP_FAILED) munmap(rw, size);
        if (rx != MAP_FAILED) munmap(rx, size);
        return false;
    }
    *rw_out = rw;
    *rx_out = rx;
    return true;
}

bool code_cache_init(struct code_cache *cc, size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size = (size + page - 1) & ~(page - 1);
    *cc = (struct code_cache){0};
    /* Shared anonymous memory, then a second view of the same pages made by
     * mremap with old size 0 (which duplicates a shared mapping).  A memfd
     * mapped twice does the same, but Linux perf takes a memfd mapping for a
     * file and never looks the host pc up in --perf-map's /tmp/perf-PID.map;
     * a shared anonymous mapping is "/dev/zero (deleted)" to it, which counts
     * as anonymous.  Valgrind refuses that mremap: then the memfd. */
    void *rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (rw == MAP_FAILED) return false;
    void *rx = mremap(rw, 0, size, MREMAP_MAYMOVE);
    if (rx == MAP_FAILED) {
        munmap(rw, size);
        if (!map_memfd_twice(size, &rw, &rx)) return false;
    } else if (mprotect(rx, size, PROT_READ | PROT_EXEC) != 0) {
        munmap(rw, size);
        munmap(rx, size);
        return false;
    }
    cc->rw = rw;
    cc->rx = rx;
    cc->size = size;
    return true;
}

bool code_cache_copy(const struct code_cache *cc, struct code_cache *copy)
{
    if (!code_cache_init(copy, cc->size)) return false;
    memcpy(copy->rw, cc->rw, cc->used);
    return true;
}

bool code_cache_adopt(struct code_cache *cc, struct code_cache *copy)
{
    bool ok = mremap(copy->rw, cc->size, cc->size, MREMAP_MAYMOVE | MREMAP_FIXED, cc->rw) != MAP_FAILED;
    if (ok) copy->rw = NULL; /* (moved: nothing left to unmap there) */
    ok = ok && mremap(copy->rx, cc->size, cc->size, MREMAP_MAYMOVE | MREMAP_FIXED, cc->rx) != MAP_FAILED;
    if (ok) copy->rx = NULL;
    code_cache_destroy(copy); /* (what was not moved) */
    if (ok) code_cache_changed(cc->rx, cc->used);
    return ok;
}

void code_cache_destroy(struct code_cache *cc)
{
    if (cc->rw) munmap(cc->rw, cc->size);
    if (cc->rx) munmap(cc->rx, cc->size);
    *cc = (struct code_cache){0};
}

uint8_t *code_cache_reserve(const struct code_cache *cc, size_t *room)
{
    *room = cc->size - cc->used;
    return cc->rw + cc->used;
}

/* Each page of the cache would cost two page faults: one when the
 * translator first writes it, one when the host first runs code from it
 * (the execute view is a mapping of its own).  A Linux boot writes 11 MB of
 * code, 2,700 pages.  So the pages ahead of the code are backed in both
 * views a chunk at a time, two system calls per 16 pages. */
#define BACK_AHEAD (64u << 10)
static void back_ahead(struct code_cache *cc)
{
    /* (not in the first 64 KiB: a small program, or a guest thread's own
     * translator, uses no more, and backing it ahead would only add work) */
    if (!cc->back_ahead || cc->used < BACK_AHEAD || cc->used + BACK_AHEAD / 2 <= cc->backed || cc->backed >= cc->size) return;
    size_t from = cc->backed > cc->used ? cc->backed : cc->used & ~(size_t)4095;
    size_t len = cc->size - from < BACK_AHEAD ? cc->size - from : BACK_AHEAD;
#if defined(MADV_POPULATE_WRITE) && defined(MADV_POPULATE_READ)
    (void)madvise(cc->rw + from, len, MADV_POPULATE_WRITE); /* (only advice: without it, faults) */
    (void)madvise(cc->rx + from, len, MADV_POPULATE_READ);
#endif
    cc->backed = from + len;
}

void code_cache_commit(struct code_cache *cc, size_t len)
{
    cc->used += (len + 15) & ~(size_t)15;
    if (cc->used > cc->size) cc->used = cc->size; /* (the last piece may end unaligned at the very end) */
    back_ahead(cc);
}

bool code_cache_reset(struct code_cache *cc)
{
    if (cc->used == cc->pinned) return false;
    code_cache_changed(cc->rx + cc->pinned, cc->used - cc->pinned);
    cc->used = cc->pinned;
    cc->flushes++;
    return true;
}

void code_cache_changed(const uint8_t *rx, size_t len)
{
#ifdef VALGRIND_DISCARD_TRANSLATIONS
    VALGRIND_DISCARD_TRANSLATIONS(rx, len);
#else
    (void)rx, (void)len;
#endif
}
