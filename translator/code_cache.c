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

void code_cache_commit(struct code_cache *cc, size_t len)
{
    cc->used += (len + 15) & ~(size_t)15;
    if (cc->used > cc->size) cc->used = cc->size; /* (the last piece may end unaligned at the very end) */
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
