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
 * Whatever changes what a virtual address means — the privilege, satp,
 * mstatus.MPRV/SUM/MXR (pushed in by the CPU as a "context"), sfence.vma —
 * empties the TLB.
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

struct mmu_system {
    struct bus *bus;
    /* Indices of the TLB entries filled since the last flush, so a flush
     * (every trap, every privilege change) rewrites only those, not all
     * 8192; past MMU_SYS_FILLED_MAX the next flush is a full one. */
    uint16_t filled[MMU_SYS_FILLED_MAX];
    unsigned n_filled;
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

/* Empties the TLB (only the entries filled since the last flush). */
void mmu_sys_flush_tlb(struct mmu *m);
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
