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
 * Allocation is a bump pointer, and only this file moves it.  The
 * translator reserves the free space (a block's size is known only once its
 * code is written), writes its code there, then commits the bytes it used.
 * What is committed before code_cache_pin (the trampolines) survives a
 * reset.  When the cache is full the translator resets it (drops every
 * block) and starts again: simple, and the cost is amortised because a
 * flush is rare once the working set fits.
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
    size_t used;      /* committed bytes, from the start */
    size_t pinned;    /* the first `pinned` bytes survive code_cache_reset */
    uint64_t flushes;
    size_t backed;    /* both views are backed up to here (code_cache_commit) */
    bool back_ahead;  /* back them ahead of the code at all (--no-huge-pages: not) */
};

/* Creates a cache of `size` bytes (rounded up to pages); false on failure. */
bool code_cache_init(struct code_cache *cc, size_t size);
void code_cache_destroy(struct code_cache *cc);
/* Fork.  The cache's memory is shared memory, so after a fork parent and
 * child would write each other's code; worse, the parent keeps translating
 * and chaining blocks in it while the child starts.  So BEFORE the fork the
 * parent makes `copy`, new memory holding the used bytes (code_cache_copy);
 * after it the child moves `copy` over its own two views (code_cache_adopt:
 * same addresses, so every block, pointer and chained jump stays valid) and
 * the parent drops its mapping of `copy` (code_cache_destroy).  Adopt
 * returns false if a move failed: the views may then show different memory
 * and the caller must destroy the cache. */
bool code_cache_copy(const struct code_cache *cc, struct code_cache *copy);
bool code_cache_adopt(struct code_cache *cc, struct code_cache *copy);

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

/* Where the next code goes (write view), with *room set to the free bytes.
 * Nothing is allocated until code_cache_commit; writing nothing is fine. */
uint8_t *code_cache_reserve(const struct code_cache *cc, size_t *room);
/* The last reservation's first `len` bytes hold code now: they are
 * allocated, and the next reservation starts at the next 16-byte boundary
 * (aligned code starts help the host's instruction fetch). */
void code_cache_commit(struct code_cache *cc, size_t len);
/* Everything committed so far survives resets (the trampolines). */
static inline void code_cache_pin(struct code_cache *cc) { cc->pinned = cc->used; }
/* Forgets all code after the pinned part (the caller drops its block table
 * at the same time), and tells valgrind.  Returns false if there was none. */
bool code_cache_reset(struct code_cache *cc);

#endif
