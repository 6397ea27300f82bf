/*
 * translator/block_arena.c — the bump allocator for block records (see block_arena.h).
 */
#include "translator/block_arena.h"

#include <sys/mman.h>

/* Under AddressSanitizer what a reset frees is poisoned, so a use of a block
 * after a flush is still reported, as it was with malloc/free.  (Memory
 * never handed out is not: poisoning all the address space would write
 * its whole shadow.) */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define HUGE_PAGE (2u << 20)

bool block_arena_create(struct block_arena *a, size_t size, bool huge_pages)
{
    *a = (struct block_arena){0};
    a->huge_pages = huge_pages;
    size = (size + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
    /* (MAP_NORESERVE: address space only; one huge page of slack to align) */
    size_t len = size + HUGE_PAGE;
    uint8_t *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return false;
    a->mapping = p;
    a->mapping_size = len;
    a->base = (uint8_t *)(((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
    a->size = size;
    return true;
}

void block_arena_destroy(struct block_arena *a)
{
    if (a->mapping) {
        /* (the shadow outlives the mapping: a reservation's trimmed tail may
         * lie past the most ever used) */
        UNPOISON(a->base, a->reached);
        munmap(a->mapping, a->mapping_size);
    }
    *a = (struct block_arena){0};
}

void *block_arena_reserve(struct block_arena *a, size_t bytes, size_t align)
{
    size_t at = (a->used + align - 1) & ~(align - 1);
    if (!a->base || at > a->size || bytes > a->size - at) return NULL;
    UNPOISON(a->base + at, bytes);
    a->reserved_end = at + bytes;
    if (a->reserved_end > a->reached) a->reached = a->reserved_end;
    return a->base + at;
}

void block_arena_commit(struct block_arena *a, const void *start, size_t bytes)
{
    size_t at = (size_t)((const uint8_t *)start - a->base);
    a->used = at + bytes;
    if (a->used > a->high) {
        /* Past its first MiB the arena holds a big translation (a kernel, a
         * large program): it asks for huge pages from its second 2 MiB on
         * (not yet touched), one fault and one clearing per 2 MiB.  Not
         * before: every guest thread has a translator of its own, and a huge
         * page each would be 2 MiB of memory for a few blocks.  (Only advice:
         * without transparent huge pages the host gives 4 KiB pages.) */
        if (a->huge_pages && a->high <= HUGE_PAGE / 2 && a->used > HUGE_PAGE / 2)
            (void)madvise(a->base + HUGE_PAGE, a->size - HUGE_PAGE, MADV_HUGEPAGE);
        a->high = a->used;
    }
    /* (the reserved bytes not kept are poisoned again) */
    if (a->reserved_end > a->used) POISON(a->base + a->used, a->reserved_end - a->used);
}

void *block_arena_alloc(struct block_arena *a, size_t bytes, size_t align)
{
    void *p = block_arena_reserve(a, bytes, align);
    if (p) block_arena_commit(a, p, bytes);
    return p;
}

void block_arena_reset(struct block_arena *a)
{
    if (a->base) POISON(a->base, a->used);
    a->used = 0;
}
