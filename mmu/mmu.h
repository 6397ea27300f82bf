/*
 * mmu/mmu.h — a guest address space and the software TLB in front of it.
 *
 * User mode: the guest's whole virtual space [0, MMU_SPACE_SIZE) is one
 * reserved host region (PROT_NONE until mapped).  Guest address g lives at
 * host address base + g, and base is MMU_GUEST_OFFSET bytes after the
 * struct mmu itself (both share one reservation), so generated code that
 * holds &tlb[0] reaches guest memory as [tlb + g + MMU_GUEST_OFFSET]: no
 * per-entry addend to load.  The guest never touches it directly: every
 * access goes through the TLB, whose entries only exist for pages the guest
 * has mapped with the needed permission.  A miss consults the page
 * permission table; no permission means a guest fault, never a host access.
 * So a guest can only ever reach its own mapped pages.
 *
 * The TLB follows TinyEMU/QEMU: one tag per access kind and an `addend`
 * (host - guest).  The tag compare also rejects misaligned accesses, so the
 * fast path is one compare and one host load, exactly what a translator can
 * inline.  Misaligned and page-crossing accesses take the slow path.
 *
 * Threads (user mode): all guest threads share one struct mmu, TLB
 * included.  That is safe because in user mode an entry's addend is always
 * `base` (even in an empty entry), so a reader that sees a tag from one
 * fill and an addend from another still computes the right host address,
 * and each tag is one 64-bit word, read and written whole (relaxed atomics
 * below; plain movs on x86-64).  A fill racing with a mapping change is
 * undone by tlb_fill itself (map_generation, mmu.c), and every host page
 * carries the guest's protection anyway, so a stale entry can never let an
 * access through that the host would not fault.
 */
#ifndef RVDBT_MMU_MMU_H
#define RVDBT_MMU_MMU_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define MMU_PAGE_SHIFT 12
#define MMU_PAGE_SIZE (1ull << MMU_PAGE_SHIFT)
#define MMU_PAGE_MASK (MMU_PAGE_SIZE - 1)
/* 32 GiB of guest virtual space: well inside what Sv39 user space allows
 * (256 GiB), and small enough to reserve even under valgrind (which caps
 * a single mapping near 32 GiB), so callgrind can measure rvdbt. */
#define MMU_SPACE_SHIFT 35
#define MMU_SPACE_SIZE (1ull << MMU_SPACE_SHIFT)
#define MMU_TLB_SIZE 8192 /* 32 MiB of reach: pointer-chasing over a few MiB stays on the fast path */
/* User mode: host address of guest address 0, minus the struct mmu's (a
 * page multiple past the struct, plus a PROT_NONE guard page right below the
 * guest space; checked in mmu.c). */
#define MMU_GUEST_OFFSET 0x42000

enum mmu_prot { MMU_READ = 1, MMU_WRITE = 2, MMU_EXEC = 4 };

/* Result of an access: MMU_OK, or why the guest faults. */
enum mmu_result { MMU_OK = 0, MMU_FAULT_UNMAPPED, MMU_FAULT_PROT, MMU_FAULT_MISALIGNED,
                  MMU_FAULT_ACCESS /* system mode: no memory or device at the physical address */ };

#define MMU_NO_TAG (~0ull) /* never equals an address masked by the fast-path check */

struct tlb_entry {
    uint64_t tag_read;  /* guest page address, or MMU_NO_TAG */
    uint64_t tag_write;
    uint64_t tag_exec;
    uintptr_t addend;   /* host address = guest address + addend (user mode: always base) */
};

/* A record of guest stores, kept while a log is attached (the check engine
 * uses it to undo a block's stores and compare them). */
#define MMU_STORE_LOG_SIZE 512
struct mmu_store_record {
    uint64_t addr, old_value, new_value;
    unsigned size;
};
/* When the log has fewer free records than this, *nearly_full is set (the
 * check engine points it at cpu->exit_request, so that a translated loop
 * stops at its next loop head while every store can still be undone: one
 * iteration of a block stores at most 64 times, twice for page crossers). */
#define MMU_STORE_LOG_MARGIN 160
struct mmu_store_log {
    struct mmu_store_record rec[MMU_STORE_LOG_SIZE];
    int n;
    bool overflow;
    volatile uint8_t *nearly_full;
};

struct mmu {
    struct tlb_entry tlb[MMU_TLB_SIZE];
    /* The TLB in use: &tlb[0] in user mode; in system mode the array of the
     * current translation context (mmu/mmu_system.c keeps one per context,
     * tlb[] being the first).  Generated code loads it into r10. */
    struct tlb_entry *tlbp;
    uint8_t *base;      /* host address of guest address 0 */
    uint8_t *page_prot; /* one byte of enum mmu_prot per guest page (lazily zero) */
    uint64_t tlb_misses; /* slow-path entries, for --stats (atomic: threads share it) */
    /* Incremented whenever a page the translator made code from is unmapped,
     * remapped or re-protected: that code may be stale (the translator
     * compares this with the value it saw last). */
    uint64_t exec_generation;
    /* Incremented (atomically) by every change of mappings or protections:
     * a TLB fill that raced with one drops what it installed (mmu.c). */
    uint64_t map_generation;
    /* User mode: held by whoever changes the mappings (the memory system
     * calls) and by a translator while it reads guest code, so that the
     * pages it marks as translated are the pages it read. */
    pthread_mutex_t lock;
    /* While set, no TLB entry allows writes, so every store takes the slow
     * path and is recorded here. */
    struct mmu_store_log *store_log;
    /* System mode (mmu/mmu_system.c): the physical machine behind the TLB
     * and the translation context.  NULL in user mode. */
    struct mmu_system *sys;
    /* User mode: some page was ever mapped shared (mmu_map_shared), so another
     * process may change memory between two runs of a block (the check engine). */
    bool any_shared;
    /* User mode: MMU_SPACE_SIZE, for translated code's one-instruction bounds
     * check of a base register (cmp base, [r10 + this]; jae slow: see
     * translator/lower_mem.c, --no-base-bounds). */
    uint64_t space_limit;
};

/* Attaches (or with NULL detaches) a store log. */
void mmu_set_store_log(struct mmu *m, struct mmu_store_log *log);

/* Creates an empty address space; returns NULL (with errno) if the host
 * cannot reserve it. */
struct mmu *mmu_create(void);
void mmu_destroy(struct mmu *m);

/* Maps [addr, addr+len) (page-aligned) with `prot`, zero-filled.
 * Returns false if the range is outside the guest space. */
bool mmu_map(struct mmu *m, uint64_t addr, uint64_t len, int prot);
/* User mode: the same, but the pages hold the file `fd` from `offset`
 * (page-aligned), as a host MAP_PRIVATE mapping: the host shares the page
 * cache's pages until one is written, and backs only the pages the guest
 * touches (the ELF loader: a program's whole pages of code and data).
 * False (nothing changed) if the host refuses. */
bool mmu_map_file_private(struct mmu *m, uint64_t addr, uint64_t len, int prot, int fd, uint64_t offset);
/* User mode: maps [addr, addr+len) as host MAP_SHARED memory with `prot`:
 * the file `fd` from `offset`, or (fd < 0) anonymous memory, so that writes
 * reach the file and a forked child shares the pages.  `read_only`: the
 * file is not open for writing (the pages can never be made writable).
 * On failure (errno set) the range is left unmapped. */
bool mmu_map_shared(struct mmu *m, uint64_t addr, uint64_t len, int prot, int fd, uint64_t offset, bool read_only);
/* Whether some page of [addr, addr+len) is mapped by mmu_map_shared. */
bool mmu_range_shared(const struct mmu *m, uint64_t addr, uint64_t len);
/* Changes the protection of mapped pages; unmapped pages stay unmapped.
 * False with errno EACCES for write access to a read-only file's shared pages. */
bool mmu_protect(struct mmu *m, uint64_t addr, uint64_t len, int prot);
/* Unmaps and discards the contents. */
bool mmu_unmap(struct mmu *m, uint64_t addr, uint64_t len);
/* Guest permissions of the page holding addr (0 if unmapped or PROT_NONE). */
int mmu_page_prot(const struct mmu *m, uint64_t addr);
bool mmu_is_mapped(const struct mmu *m, uint64_t addr);
/* The end of the run of pages from addr (page-aligned) up to at most `end`
 * that are all mapped with the same permissions as addr's page, or all
 * unmapped (it may end sooner, never later): loaders walk big ranges by
 * runs, not page by page. */
uint64_t mmu_same_prot_end(const struct mmu *m, uint64_t addr, uint64_t end);
/* Finds the highest page-aligned range of `len` bytes, entirely unmapped,
 * inside [low, high); returns its address, or UINT64_MAX if none (the
 * user-mode mmap allocator). */
uint64_t mmu_find_free(const struct mmu *m, uint64_t len, uint64_t low, uint64_t high);
/* User mode, for /proc/self/maps: the first run of mapped pages at or after
 * `from` that share one permission (mapped pages without any permission
 * make runs too, with *prot 0).  Returns its start and sets *end and *prot,
 * or returns UINT64_MAX when nothing is mapped at or above `from`. */
uint64_t mmu_next_run(const struct mmu *m, uint64_t from, uint64_t *end, int *prot);
void mmu_flush_tlb(struct mmu *m);
/* Backs [p, p + len) with writable host pages in one system call (when the
 * kernel can), before code that writes all of it: see mmu.c. */
void prefault_for_writing(void *p, size_t len);
/* The translator made code from [addr, addr+len): from now on, unmapping,
 * re-mapping or re-protecting those pages bumps exec_generation (changes to
 * pages no translation came from do not). */
void mmu_note_translated(struct mmu *m, uint64_t addr, uint64_t len);

/* Host-side copies used by loaders and system calls.  (In system mode,
 * with need == 0, addr is a physical address: loaders and the check engine
 * work on guest RAM, not through the page tables.)  They check guest
 * permissions like a guest access of kind `need` would (MMU_READ/MMU_WRITE),
 * except that the loader may pass 0 to ignore protections (still only
 * mapped pages).  Return MMU_OK or the fault. */
int mmu_write_bytes(struct mmu *m, uint64_t addr, const void *src, size_t len, int need);
int mmu_read_bytes(struct mmu *m, uint64_t addr, void *dst, size_t len, int need);
/* Returns a host pointer to `len` guest bytes if all are mapped with `need`,
 * else NULL.  The host pages have the guest's protections (mmu/mmu.c): with
 * need = 0, access through the pointer only as the guest may. */
void *mmu_host_ptr(struct mmu *m, uint64_t addr, size_t len, int need);

/* Slow paths (mmu/mmu.c): fill the TLB or handle misaligned/page-crossing. */
int mmu_load_slow(struct mmu *m, uint64_t addr, unsigned size, uint64_t *val);
int mmu_store_slow(struct mmu *m, uint64_t addr, unsigned size, uint64_t val);
int mmu_fetch_slow(struct mmu *m, uint64_t addr, uint16_t *half);

static inline struct tlb_entry *mmu_tlb_entry(struct mmu *m, uint64_t addr)
{
    return &m->tlbp[(addr >> MMU_PAGE_SHIFT) & (MMU_TLB_SIZE - 1)];
}

/* The fast-path tag: the address with its in-page bits cleared except those
 * that must be zero for an aligned access of `size` bytes. */
static inline uint64_t mmu_tag_of(uint64_t addr, unsigned size)
{
    return addr & ~(MMU_PAGE_MASK & ~(uint64_t)(size - 1));
}

/* Loads `size` (1, 2, 4, 8) bytes, zero-extended into *val. */
/* TLB words and guest memory may be written by another thread at any time:
 * read and write them whole (relaxed: on x86-64 these are plain movs). */
#define MMU_RELAXED_LOAD(ptr) __atomic_load_n((ptr), __ATOMIC_RELAXED)
#define MMU_RELAXED_STORE(ptr, v) __atomic_store_n((ptr), (v), __ATOMIC_RELAXED)

static inline int mmu_load(struct mmu *m, uint64_t addr, unsigned size, uint64_t *val)
{
    struct tlb_entry *e = mmu_tlb_entry(m, addr);
    if (MMU_RELAXED_LOAD(&e->tag_read) == mmu_tag_of(addr, size)) {
        /* (the tag matched: the access is naturally aligned) */
        uintptr_t p = (uintptr_t)addr + MMU_RELAXED_LOAD(&e->addend);
        switch (size) {
        case 1: *val = MMU_RELAXED_LOAD((const uint8_t *)p); break;
        case 2: *val = MMU_RELAXED_LOAD((const uint16_t *)p); break;
        case 4: *val = MMU_RELAXED_LOAD((const uint32_t *)p); break;
        default: *val = MMU_RELAXED_LOAD((const uint64_t *)p); break;
        }
        return MMU_OK;
    }
    return mmu_load_slow(m, addr, size, val);
}

static inline int mmu_store(struct mmu *m, uint64_t addr, unsigned size, uint64_t val)
{
    struct tlb_entry *e = mmu_tlb_entry(m, addr);
    if (MMU_RELAXED_LOAD(&e->tag_write) == mmu_tag_of(addr, size)) {
        uintptr_t p = (uintptr_t)addr + MMU_RELAXED_LOAD(&e->addend);
        switch (size) {
        case 1: MMU_RELAXED_STORE((uint8_t *)p, (uint8_t)val); break;
        case 2: MMU_RELAXED_STORE((uint16_t *)p, (uint16_t)val); break;
        case 4: MMU_RELAXED_STORE((uint32_t *)p, (uint32_t)val); break;
        default: MMU_RELAXED_STORE((uint64_t *)p, val); break;
        }
        return MMU_OK;
    }
    return mmu_store_slow(m, addr, size, val);
}

/* Fetches the 16-bit parcel at addr (instructions are 2-byte aligned). */
static inline int mmu_fetch16(struct mmu *m, uint64_t addr, uint16_t *half)
{
    struct tlb_entry *e = mmu_tlb_entry(m, addr);
    if (MMU_RELAXED_LOAD(&e->tag_exec) == mmu_tag_of(addr, 2)) {
        *half = MMU_RELAXED_LOAD((const uint16_t *)((uintptr_t)addr + MMU_RELAXED_LOAD(&e->addend)));
        return MMU_OK;
    }
    return mmu_fetch_slow(m, addr, half);
}

#endif
