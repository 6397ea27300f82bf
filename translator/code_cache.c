/*
 * translator/code_cache.c — the doubly mapped (W^X) code cache.  See code_cache.h.
 */
#include "translator/code_cache.h"

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif

#include <sys/mman.h>
#include <unistd.h>

bool code_cache_init(struct code_cache *cc, size_t size)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size = (size + page - 1) & ~(page - 1);
    *cc = (struct code_cache){0};
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
    cc->rw = rw;
    cc->rx = rx;
    cc->size = size;
    return true;
}

void code_cache_destroy(struct code_cache *cc)
{
    if (cc->rw) munmap(cc->rw, cc->size);
    if (cc->rx) munmap(cc->rx, cc->size);
    *cc = (struct code_cache){0};
}

void code_cache_reset(struct code_cache *cc)
{
    cc->used = 0;
    cc->flushes++;
}

void code_cache_changed(const uint8_t *rx, size_t len)
{
#ifdef VALGRIND_DISCARD_TRANSLATIONS
    VALGRIND_DISCARD_TRANSLATIONS(rx, len);
#else
    (void)rx, (void)len;
#endif
}
