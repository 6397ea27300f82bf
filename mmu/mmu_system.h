/*
 * mmu/mmu_system.h — the system-mode flavour of struct mmu.
 *
 * The same TLB as user mode serves system mode, so the interpreter and the
 * translator's inlined fast path work unchanged: a TLB entry still maps a
 * guest *virtual* page to a host address.  What differs is the slow path.
 * On a miss it translates the virtual address (Sv39, or identity when
 * translation is off), then:
 *   - memory (RAM, ROM): installs a TLB entry for that page and that kind
 *     of access only (a write tag only after the walk set the PTE's D bit,
 *     so the first store to a clean page comes back here);
 *   - a device: performs the access through the bus, with no TLB entry, so
 *     the next access to that page comes back here too.
 * What a virtual address means depends on the translation context: satp,
 * the privilege, mstatus.MPRV/SUM/MXR (pushed in by the CPU).  As QEMU keeps
 * one TLB per "mmu index", the TLB here has up to MMU_SYS_TLB_SETS arrays,
 * one per context recently used (a "TLB set"), the least recently used one
 * emptied and reused for a new context: a trap into OpenSBI and back, an
 * ecall and sret, a copy_to_user (SUM) or a switch between processes
 * (satp) then finds the entries it had.  mmu->tlbp is the array in use
 * (generated code takes it into r10).  sfence.vma empties what the spec
 * says it must (mmu_sys_sfence): every set whose context translates, only
 * the entries of one page when it names an address; machine mode without
 * MPRV never translates, so its set survives.  --no-tlb-sets (one set)
 * empties the TLB at every context change, as before.
 */
#ifndef RVDBT_MMU_MMU_SYSTEM_H
#define RVDBT_MMU_MMU_SYSTEM_H

#include "mmu/bus.h"
#include "mmu/mmu.h"
#include "mmu/sv39.h"

/* Called after a store to the watched physical address (HTIF tohost). */
typedef void (*mmu_watch_fn)(void *opaque, uint64_t pa);
/* Called after a store into a RAM page marked as holding translated code;
 * host_page is the host address of that page. */
typedef void (*mmu_code_write_fn)(void *opaque, uintptr_t host_page);
/* Parallel harts: a store hit a code page another hart (`hart`) translated from. */
typedef void (*mmu_remote_code_write_fn)(void *opaque, unsigned hart, uintptr_t host_page);

#define MMU_SYS_FILLED_MAX 1024
#define MMU_SYS_TLB_SETS 8
#define MMU_SYS_INDEX_MANY 0xffff /* write_index: tags at several indices */

/* One TLB array and the context it was filled for. */
struct mmu_tlb_set {
    struct tlb_entry *tlb;  /* MMU_TLB_SIZE entries (set 0: struct mmu's own tlb[]) */
    struct sv39_ctx data, fetch;
    bool keyed;             /* holds a context (else free) */
    uint64_t last_used;     /* for the least-recently-used choice */
    /* Indices of the entries filled since the set was last emptied, so
     * emptying rewrites only those, not all 8192; past MMU_SYS_FILLED_MAX the
     * next flush is a full one. */
    uint16_t filled[MMU_SYS_FILLED_MAX];
    unsigned n_filled;
    /* [big_lo, big_hi): every entry filled from a superpage lies in it (its
     * 4 KiB pieces sit at many indices: an sfence.vma of one address in
     * that range empties the whole set).  Empty when big_lo >= big_hi. */
    uint64_t big_lo, big_hi;
};

/* Pages named by sfence.vma since the translator last looked (its jump
 * cache holds translations of pcs too); on overflow exec_generation is
 * bumped instead. */
#define MMU_SYS_SFENCE_PAGES 8

struct mmu_system {
    struct bus *bus;
    struct mmu_tlb_set sets[MMU_SYS_TLB_SETS];
    unsigned n_sets;        /* sets in use: MMU_SYS_TLB_SETS, or 1 (--no-tlb-sets) */
    struct mmu_tlb_set *cur; /* the set of the current context (mmu->tlbp = cur->tlb) */
    uint64_t use_clock;
    uint64_t set_switches, set_refills; /* context changes that found their set / that emptied one (--stats) */
    uint64_t sfences, sfences_page;     /* sfence.vma executed / of those, for one address (--stats) */
    uint64_t sfence_pages[MMU_SYS_SFENCE_PAGES];
    unsigned n_sfence_pages;
    struct sv39_ctx data;   /* context of loads and stores (priv after MPRV) */
    struct sv39_ctx fetch;  /* context of instruction fetches */
    uint64_t mmio_accesses; /* device accesses so far (the check engine cannot replay them) */
    volatile uint8_t *kick; /* set to 1 after a device write: interrupts may have changed */
    uint64_t watch_pa;      /* 0: none */
    mmu_watch_fn watch;
    void *watch_opaque;
    /* Self-modifying code, per page: the translator marks the RAM pages it
     * translated code from; such pages get no TLB write tags, so every store
     * to them takes the slow path, which unmarks the page and tells the
     * translator (code_write) to drop that page's blocks.  Every writable
     * memory region the guest can run code from has marks (main RAM, the
     * framebuffer); read-only ones (the boot ROM) need none. */
    uint8_t *code_pages[BUS_MAX_RAM]; /* per bus->ram[i]: one byte per page, NULL if read-only */
    mmu_code_write_fn code_write;
    void *code_opaque;
    /* Parallel harts (-accel tcg,thread=multi): each hart has its own struct
     * mmu (TLB, context, fill list) on its own host thread; the code marks
     * are shared (harts[0]'s arrays) and each mark byte is a bit mask of the
     * harts that translated code from the page (hart_bit is this hart's
     * bit; 1 with one shared MMU).  Marking a page drops the write tags that
     * reach it in every peer's TLB; a store to a marked page invalidates its
     * own translator's blocks directly and queues the others' through
     * remote_code_write (each hart drops its own blocks on its own thread).
     * Device callbacks run under device_lock (NULL: one thread, no lock),
     * and after a device write device_written (with the lock held) lets the
     * machine recompute and deliver every hart's interrupt lines. */
    uint8_t hart_bit;
    /* Parallel harts, per bus->ram[i] like code_pages but this hart's own:
     * one byte per page, the bit mask of the TLB sets that got a write tag
     * for the page (the bit is set before the tag).  A hart marking a code
     * page scans only those sets of a peer's TLB (8K entries each), so most
     * marks scan nothing.  Cleared only by emptying every set. */
    uint8_t *write_tagged[BUS_MAX_RAM];
    /* Per bus->ram[i] too: where in the sets those write tags are.  The TLB
     * is direct-mapped by virtual page, and a page is nearly always written
     * through one virtual address, so this is that TLB index + 1 (0: none
     * yet; MMU_SYS_INDEX_MANY: several, scan the whole set).  A mark then
     * looks at one entry per set instead of scanning 8K (1,300 scans in
     * Linux's -smp 2 boot were 10 % of the translator's host instructions).
     * Set before the tag, like write_tagged, and kept up in one thread too. */
    uint16_t *write_index[BUS_MAX_RAM];
    uint64_t peer_scans; /* marks that had to scan a peer's TLB (--stats) */
    bool shares_code_pages; /* code_pages belong to another mmu */
    bool parallel;          /* AMOs and SC are host atomics (other threads store concurrently) */
    struct mmu **peers;     /* every hart's mmu (NULL: this one alone) */
    unsigned n_peers;
    mmu_remote_code_write_fn remote_code_write;
    void *remote_opaque;
    pthread_mutex_t *device_lock;
    void (*device_written)(void *opaque);
    void *device_opaque;
    /* Incremented when memory is reloaded behind the guest's back (reset). */
    uint64_t memory_generation;
    /* Dirty logging (the framebuffer), per page of one RAM region: a page
     * gets a TLB write tag only while its dirty byte is set, so the first
     * store to a clean page takes the slow path, which sets the byte.
     * mmu_sys_collect_dirty() hands the bytes over, clears them and drops
     * the write tags, so the next store to each page is seen again.  The
     * cost is one slow-path store per page per collection (60 a second),
     * not one per store. */
    const struct bus_ram *log_ram;
    uint8_t *log_dirty; /* one byte per page of log_ram; 1 = written */
};

/* A system-mode address space over `bus` (which the caller keeps alive). */
struct mmu *mmu_create_system(struct bus *bus);
void mmu_sys_destroy(struct mmu *m);

/* Parallel harts: m uses the code marks of `first` (hart 0's mmu) and is hart `hart`. */
void mmu_sys_share_code_marks(struct mmu *m, struct mmu *first, unsigned hart);
/* Parallel harts: the host address of an aligned guest word for an atomic
 * read-modify-write (AMO, SC) at va, checked as a store (the walk sets A and
 * D; translated code on the page is dropped as by a store; dirty logging and
 * the store log see it).  *host is NULL for a device (no atomics: do a plain
 * load and store).  Returns MMU_OK or the fault. */
int mmu_sys_atomic_ptr(struct mmu *m, uint64_t va, unsigned size, void **host, uint64_t *pa);

/* Empties the TLB, every set (only the entries filled since the last flush). */
void mmu_sys_flush_tlb(struct mmu *m);
/* How many TLB sets to use: MMU_SYS_TLB_SETS (default) or 1 (--no-tlb-sets). */
void mmu_sys_set_tlb_sets(struct mmu *m, unsigned n);
/* sfence.vma: has_va selects one virtual address (rs1 != x0), has_asid one
 * address space (rs2 != x0; with ASIDLEN 0 that is every one).  Drops the
 * TLB entries that may hold such translations, and tells the translator's
 * jump cache (exec_generation, or sfence_pages for one address). */
void mmu_sys_sfence(struct mmu *m, bool has_va, uint64_t va, bool has_asid, uint64_t asid);
/* Sets the translation context; empties the TLB if it changed. */
void mmu_sys_set_context(struct mmu *m, const struct sv39_ctx *fetch, const struct sv39_ctx *data);
/* sfence.vma / satp write: forget every translation, including the
 * translator's code (exec_generation). */
void mmu_sys_flush_translations(struct mmu *m);

/* Marks the RAM page holding host address `host` as translated code and
 * drops TLB write tags that reach it.  False if it is not writable memory. */
bool mmu_sys_mark_code(struct mmu *m, const void *host);
/* Forgets every mark (the translator dropped all its code). */
void mmu_sys_clear_code_marks(struct mmu *m);

/* Starts dirty logging of the RAM region holding physical address `pa`
 * (every page starts dirty).  False if there is no such region or no memory. */
bool mmu_sys_log_dirty(struct mmu *m, uint64_t pa);
/* Copies the dirty bytes (one per page of the logged region) into `out`,
 * clears them and drops the write tags that reach the region.  Call from
 * the thread that runs the guest, between runs of the engine. */
void mmu_sys_collect_dirty(struct mmu *m, uint8_t *out);

/* Slow paths, called from mmu/mmu.c when m->sys is set. */
int mmu_sys_load(struct mmu *m, uint64_t va, unsigned size, uint64_t *val);
int mmu_sys_store(struct mmu *m, uint64_t va, unsigned size, uint64_t val);
int mmu_sys_fetch(struct mmu *m, uint64_t va, uint16_t *half);
/* Physical-memory copies (loaders, check engine): RAM only. */
int mmu_sys_read_bytes(struct mmu *m, uint64_t pa, void *dst, size_t len);
int mmu_sys_write_bytes(struct mmu *m, uint64_t pa, const void *src, size_t len);

/* The debugger's view of memory (frontends/gdb/gdb_memory.c).  Translates va
 * as an instruction fetch at the current privilege would (satp, no MPRV),
 * but with SV39_DEBUG: no permission check, no A/D update, no TLB fill. */
int mmu_sys_debug_translate(struct mmu *m, uint64_t va, uint64_t *pa);
/* Copies [pa, pa+len) of memory (RAM or the boot ROM, never a device: a
 * device read has side effects, e.g. it pops the UART's receive FIFO) to or
 * from buf.  A write drops the translations of the code it overwrites, so
 * the next execution sees the new bytes (breakpoints, `set var`).  Returns
 * MMU_OK or MMU_FAULT_ACCESS (not memory, or it crosses a region's end). */
int mmu_sys_debug_copy(struct mmu *m, uint64_t pa, void *buf, size_t len, bool write);

/* mmu/mmu.c's store log, shared with the system slow path. */
void mmu_log_store(struct mmu *m, uint64_t addr, unsigned size, uint64_t old, uint64_t val);

#endif
