/*
 * translator/code_cache.h — where translated host code lives.
 *
 * W^X: the cache is one block of shared memory mapped twice, once
 * read+write (where the translator writes code) and once read+execute
 * (where the host CPU runs it).  No page is ever writable and executable
 * through the same mapping, so a stray write from anywhere cannot create
 * code, and no mprotect flips are needed.  An address in the write view
 * and the same offset in the execute view are the same byte.
 *
 * Allocation is a bump pointer.  When the cache is full the translator
 * flushes everything (drops every block) and starts again: simple, and the
 * cost is amortised because a flush is rare once the working set fits.
 */
#ifndef RVDBT_TRANSLATOR_CODE_CACHE_H
#define RVDBT_TRANSLATOR_CODE_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct code_cache {
    uint8_t *rw;      /* write view */
    uint8_t *rx;      /* execute view, same memory */
    size_t size;
    size_t used;
    uint64_t flushes;
};

/* Creates a cache of `size` bytes (rounded up to pages); false on failure. */
bool code_cache_init(struct code_cache *cc, size_t size);
void code_cache_destroy(struct code_cache *cc);

/* Tells tools that translate the host's own code — valgrind — that the
 * bytes at [rx, rx+len) of the execute view changed behind their back (we
 * write them through the other view, which they cannot connect to this
 * one).  Without it, callgrind would keep running patched or reused code
 * as it first saw it.  Costs nothing outside valgrind. */
void code_cache_changed(const uint8_t *rx, size_t len);

/* Executable address of a byte in the write view, and back. */
static inline uint8_t *code_cache_rx(const struct code_cache *cc, const uint8_t *rw)
{
    return cc->rx + (rw - cc->rw);
}
static inline uint8_t *code_cache_rw(const struct code_cache *cc, const uint8_t *rx)
{
    return cc->rw + (rx - cc->rx);
}
static inline bool code_cache_contains_rx(const struct code_cache *cc, const void *p)
{
    return (const uint8_t *)p >= cc->rx && (const uint8_t *)p < cc->rx + cc->size;
}

/* Free space, and the write pointer where the next code goes. */
static inline uint8_t *code_cache_top(const struct code_cache *cc) { return cc->rw + cc->used; }
static inline size_t code_cache_free(const struct code_cache *cc) { return cc->size - cc->used; }

/* Forgets all code (the caller drops its block table at the same time). */
void code_cache_reset(struct code_cache *cc);

#endif
