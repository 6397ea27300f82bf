/*
 * translator/block_arena.h — where the translator keeps what it knows about
 * each block: the block record, its decoded instructions and side tables.
 *
 * Every block lives until the next flush (a block dropped earlier, because
 * its code page was written, only leaves the lookup tables), so all of them
 * die together, as their code in the code cache does.  That lifetime fits a
 * bump allocator: an allocation is a pointer increment, a flush resets the
 * pointer, and the memory is used again without being given back.
 *
 * Why not malloc: a boot of Linux translates ~21,000 blocks, and malloc gave
 * each record room for the most exits a block may have (14; most have 1-3),
 * rounded to 64 bytes, plus a header per array: 41 MB of fresh memory, ten
 * thousand page faults.  Here the record's exits are reserved at the top of
 * the arena and only those used are committed (block_arena_reserve/commit,
 * like code_cache_reserve/commit), and an arena that grows past 1 MiB asks
 * for transparent huge pages: one fault per 2 MiB where the host allows it.
 */
#ifndef RVDBT_TRANSLATOR_BLOCK_ARENA_H
#define RVDBT_TRANSLATOR_BLOCK_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct block_arena {
    uint8_t *base;     /* 2 MiB aligned */
    size_t size;       /* bytes reserved (address space; backed only where used) */
    size_t used;       /* bytes handed out, from base */
    size_t reserved_end; /* the last reservation's end (for AddressSanitizer's poisoning) */
    size_t high;       /* the most ever used */
    size_t reached;    /* the furthest end of any reservation (what destroy unpoisons) */
    bool huge_pages;   /* past its first MiB, ask for transparent huge pages (--no-huge-pages: not) */
    uint8_t *mapping;  /* what mmap returned (base, aligned up) and its length */
    size_t mapping_size;
};

/* Reserves `size` bytes of address space.  False if mmap fails. */
bool block_arena_create(struct block_arena *a, size_t size, bool huge_pages);
void block_arena_destroy(struct block_arena *a);

/* `bytes` at an `align`-aligned address (align: a power of 2), not zeroed
 * (memory used before a reset holds old bytes); NULL when the arena is full
 * (the translator then flushes, as when the code cache is full). */
void *block_arena_alloc(struct block_arena *a, size_t bytes, size_t align);

/* The next allocation, of at most `bytes`, whose size is known only later:
 * nothing else may be allocated until block_arena_commit says how many of
 * those bytes it kept.  NULL when full. */
void *block_arena_reserve(struct block_arena *a, size_t bytes, size_t align);
void block_arena_commit(struct block_arena *a, const void *start, size_t bytes);

/* Frees everything at once (tx_flush). */
void block_arena_reset(struct block_arena *a);

#endif
