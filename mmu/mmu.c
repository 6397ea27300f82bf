/*
 * mmu/mmu.c — user-mode address space: mappings, permissions, TLB refill.
 *
 * See mmu/mmu.h for the model.  The page permission table is a flat byte
 * array over the whole guest space (64 Mi entries) mapped with
 * MAP_NORESERVE: the host only backs the parts the guest actually uses.
 *
 * Host protections mirror guest permissions page by page: read+write for a
 * writable page, read-only for a readable (or executable) one, PROT_NONE
 * for the rest and for everything unmapped.  So a host access the guest
 * may not make faults on the host: that is what lets the translator use
 * the host MMU instead of a software check in user mode (see
 * translator/host_fault.c), and it means even a bug in rvdbt cannot write
 * a page the guest cannot.  rvdbt's own writes that bypass guest
 * permissions (the loaders, a debugger's breakpoints) open the pages for
 * the moment of the copy.
 */
#include "mmu/mmu.h"

#include <errno.h>
#include <sys/mman.h>

#include "mmu/mmu_system.h"

#define PAGE_COUNT (MMU_SPACE_SIZE >> MMU_PAGE_SHIFT)
#define PROT_MAPPED 0x80 /* page_prot bit: mapped, even with no permissions */
#define PAGE_TRANSLATED 0x40 /* page_prot bit: the translator made code from this page */
/* page_prot bit: a shared mapping of a file opened read-only, so the host
 * pages can never become writable (the host refuses; mmu_protect must too) */
#define PAGE_SHARED_RO 0x20
#define PAGE_SHARED 0x10 /* page_prot bit: a host MAP_SHARED page (mmu_map_shared) */

/* The struct, then one guard page (PROT_NONE), then guest address 0. */
#define MMU_STRUCT_AREA (MMU_GUEST_OFFSET - MMU_PAGE_SIZE)
_Static_assert(sizeof(struct mmu) <= MMU_STRUCT_AREA && MMU_GUEST_OFFSET % MMU_PAGE_SIZE == 0,
               "struct mmu must fit in the pages before guest address 0, less a guard page");
/* (plus a guard page after the space: an 8-byte access at the last guest
 * address reaches past the end; and the two guard pages catch the accesses
 * the translator does not bounds-check: translator/prepass.c) */
#define RESERVATION (MMU_GUEST_OFFSET + MMU_SPACE_SIZE + MMU_PAGE_SIZE)

#define PREFAULT_COPY_MIN (64 * 1024) /* (below, a few faults cost less than the call) */

/* Asks the kernel to back [p, p + len) with writable pages in one call, where
 * the next step writes all of it anyway: page by page, each first write is a
 * fault, an exception and a return, which costs ~10 us on a virtual machine
 * (a start of a static hello made 800 of them).  A kernel older than 5.14
 * refuses (EINVAL): then the writes fault as before. */
void prefault_for_writing(void *p, size_t len)
{
    uintptr_t lo = (uintptr_t)p & ~(uintptr_t)MMU_PAGE_MASK;
    uintptr_t hi = ((uintptr_t)p + len + MMU_PAGE_MASK) & ~(uintptr_t)MMU_PAGE_MASK;
#ifdef MADV_POPULATE_WRITE
    (void)madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE);
#else
    (void)lo, (void)hi;
#endif
}

/* One reservation holds the struct mmu (read-write) and, right after it, the
 * guest space (PROT_NONE until mapped): see MMU_GUEST_OFFSET in mmu.h. */
struct mmu *mmu_create(void)
{
    uint8_t *region = mmap(NULL, RESERVATION, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    void *prot = mmap(NULL, PAGE_COUNT, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (region == MAP_FAILED || prot == MAP_FAILED || mprotect(region, MMU_STRUCT_AREA, PROT_READ | PROT_WRITE)) {
        int e = errno;
        if (region != MAP_FAILED) munmap(region, RESERVATION);
        if (prot != MAP_FAILED) munmap(prot, PAGE_COUNT);
        errno = e;
        return NULL;
    }
    struct mmu *m = (struct mmu *)region; /* zero-filled, as calloc would give */
    m->base = region + MMU_GUEST_OFFSET;
    m->space_limit = MMU_SPACE_SIZE;
    m->page_prot = prot;
    m->tlbp = m->tlb;
    pthread_mutex_init(&m->lock, NULL);
    prefault_for_writing(m->tlb, sizeof m->tlb); /* (the flush below writes all 256 KiB of it) */
    mmu_flush_tlb(m);
    return m;
}

void mmu_destroy(struct mmu *m)
{
    if (!m) return;
    if (m->sys) {
        mmu_sys_destroy(m);
        return;
    }
    munmap(m->page_prot, PAGE_COUNT);
    munmap(m, RESERVATION);
}

/* Empties one entry.  In user mode the addend stays `base` (see mmu.h:
 * another thread may be reading the entry right now). */
static void tlb_clear(struct mmu *m, struct tlb_entry *e)
{
    MMU_RELAXED_STORE(&e->tag_read, MMU_NO_TAG);
    MMU_RELAXED_STORE(&e->tag_write, MMU_NO_TAG);
    MMU_RELAXED_STORE(&e->tag_exec, MMU_NO_TAG);
    MMU_RELAXED_STORE(&e->addend, m->sys ? 0 : (uintptr_t)m->base);
}

void mmu_flush_tlb(struct mmu *m)
{
    for (int i = 0; i < MMU_TLB_SIZE; i++) tlb_clear(m, &m->tlb[i]);
}

/* Forgets the TLB entries of [addr, addr+len) only.  The TLB is direct
 * mapped by page number, so a page can only be at one index: a small range
 * costs a few compares, where a full flush writes all 256 KiB of the TLB
 * (the dynamic loader makes dozens of mappings at start-up). */
static void flush_tlb_range(struct mmu *m, uint64_t addr, uint64_t len)
{
    /* First tell fills in progress that they may have read old permissions
     * (tlb_fill), then empty the entries. */
    __atomic_fetch_add(&m->map_generation, 1, __ATOMIC_SEQ_CST);
    if ((len >> MMU_PAGE_SHIFT) >= MMU_TLB_SIZE) {
        mmu_flush_tlb(m);
        return;
    }
    for (uint64_t page = addr; page < addr + len; page += MMU_PAGE_SIZE) {
        struct tlb_entry *e = mmu_tlb_entry(m, page);
        if (MMU_RELAXED_LOAD(&e->tag_read) == page || MMU_RELAXED_LOAD(&e->tag_write) == page ||
            MMU_RELAXED_LOAD(&e->tag_exec) == page)
            tlb_clear(m, e);
    }
}

static bool range_ok(uint64_t addr, uint64_t len)
{
    return (addr & MMU_PAGE_MASK) == 0 && (len & MMU_PAGE_MASK) == 0 && addr <= MMU_SPACE_SIZE &&
           len <= MMU_SPACE_SIZE - addr;
}

/* Notes a change to pages of [addr, addr+len) that held translated code.
 * Only those matter: the dynamic loader maps and re-maps executable pages
 * it never runs, and flushing every translation for each would be waste. */
static void note_exec_change(struct mmu *m, uint64_t addr, uint64_t len)
{
    for (uint64_t p = addr >> MMU_PAGE_SHIFT; p < (addr + len) >> MMU_PAGE_SHIFT; p++)
        if (__atomic_load_n(&m->page_prot[p], __ATOMIC_RELAXED) & PAGE_TRANSLATED) {
            __atomic_fetch_add(&m->exec_generation, 1, __ATOMIC_SEQ_CST);
            return;
        }
}

void mmu_note_translated(struct mmu *m, uint64_t addr, uint64_t len)
{
    if (!m->page_prot || !len || addr >= MMU_SPACE_SIZE || len > MMU_SPACE_SIZE - addr) return;
    for (uint64_t p = addr >> MMU_PAGE_SHIFT; p <= (addr + len - 1) >> MMU_PAGE_SHIFT; p++)
        /* (atomic like every access to page_prot outside the mmu lock's writers:
         * the host-fault path and check_page read it without the lock) */
        if (__atomic_load_n(&m->page_prot[p], __ATOMIC_RELAXED))
            __atomic_fetch_or(&m->page_prot[p], PAGE_TRANSLATED, __ATOMIC_RELAXED);
}

/* Guest permissions as Linux on RISC-V grants them: a writable or executable
 * page is also readable (so are they under QEMU, whose guest loads are host
 * loads).  Both engines see the same rule because it is applied here. */
static int guest_prot(int prot)
{
    prot &= MMU_READ | MMU_WRITE | MMU_EXEC;
    return prot & (MMU_WRITE | MMU_EXEC) ? prot | MMU_READ : prot;
}

/* The host protection that mirrors a page_prot byte. */
static int host_prot(uint8_t p)
{
    if (p & MMU_WRITE) return PROT_READ | PROT_WRITE;
    return p & MMU_READ ? PROT_READ : PROT_NONE;
}

/* Gives the host pages of [addr, addr+len) the protections their guest
 * permissions call for, one mprotect per run of equal protection. */
static void sync_host_prot(struct mmu *m, uint64_t addr, uint64_t len)
{
    uint64_t first = addr >> MMU_PAGE_SHIFT, end = (addr + len + MMU_PAGE_MASK) >> MMU_PAGE_SHIFT;
    while (first < end) {
        int prot = host_prot(m->page_prot[first]);
        uint64_t last = first + 1;
        while (last < end && host_prot(m->page_prot[last]) == prot) last++;
        mprotect(m->base + (first << MMU_PAGE_SHIFT), (last - first) << MMU_PAGE_SHIFT, prot);
        first = last;
    }
}

/* Sets the page_prot bytes of [addr, addr+len).  Byte by byte, as atomic
 * stores: other threads read them without the lock (check_page, tlb_fill). */
static void set_prot_range(struct mmu *m, uint64_t addr, uint64_t len, uint8_t p)
{
    for (uint64_t i = addr >> MMU_PAGE_SHIFT; i < (addr + len) >> MMU_PAGE_SHIFT; i++)
        __atomic_store_n(&m->page_prot[i], p, __ATOMIC_RELAXED);
}

bool mmu_map(struct mmu *m, uint64_t addr, uint64_t len, int prot)
{
    if (!range_ok(addr, len)) return false;
    if (len == 0) return true;
    note_exec_change(m, addr, len);
    uint8_t p = (uint8_t)(PROT_MAPPED | guest_prot(prot));
    /* A fresh MAP_FIXED mapping discards old contents: new guest pages read as zero. */
    if (mmap(m->base + addr, len, host_prot(p), MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) ==
        MAP_FAILED)
        return false;
    set_prot_range(m, addr, len, p);
    flush_tlb_range(m, addr, len);
    return true;
}

bool mmu_map_file_private(struct mmu *m, uint64_t addr, uint64_t len, int prot, int fd, uint64_t offset)
{
    if (!range_ok(addr, len) || len == 0 || (offset & MMU_PAGE_MASK)) return false;
    uint8_t p = (uint8_t)(PROT_MAPPED | guest_prot(prot));
    /* (the loader maps only pages nothing holds yet: the reservation's PROT_NONE) */
    if (mmap(m->base + addr, len, host_prot(p), MAP_PRIVATE | MAP_FIXED | MAP_NORESERVE, fd, (off_t)offset) == MAP_FAILED)
        return false;
    note_exec_change(m, addr, len);
    set_prot_range(m, addr, len, p);
    flush_tlb_range(m, addr, len);
    return true;
}

/* Whether a page of [addr, addr+len) (inside the space) has page_prot bit `flag`. */
static bool any_page_has(const struct mmu *m, uint64_t addr, uint64_t len, uint8_t flag)
{
    for (uint64_t p = addr >> MMU_PAGE_SHIFT; p < (addr + len + MMU_PAGE_MASK) >> MMU_PAGE_SHIFT; p++)
        if (__atomic_load_n(&m->page_prot[p], __ATOMIC_RELAXED) & flag) return true;
    return false;
}

bool mmu_range_shared(const struct mmu *m, uint64_t addr, uint64_t len)
{
    return range_ok(addr & ~MMU_PAGE_MASK, (len + MMU_PAGE_MASK) & ~MMU_PAGE_MASK) && any_page_has(m, addr, len, PAGE_SHARED);
}

bool mmu_map_shared(struct mmu *m, uint64_t addr, uint64_t len, int prot, int fd, uint64_t offset, bool read_only)
{
    if (!range_ok(addr, len) || len == 0) {
        errno = EINVAL;
        return false;
    }
    note_exec_change(m, addr, len);
    uint8_t p = (uint8_t)(PROT_MAPPED | PAGE_SHARED | guest_prot(prot) | (read_only ? PAGE_SHARED_RO : 0));
    int flags = MAP_SHARED | MAP_FIXED | (fd < 0 ? MAP_ANONYMOUS : 0);
    if (mmap(m->base + addr, len, host_prot(p), flags, fd, (off_t)offset) == MAP_FAILED) {
        int e = errno;
        mmu_unmap(m, addr, len); /* whatever was there may be gone: say so consistently */
        errno = e;
        return false;
    }
    set_prot_range(m, addr, len, p);
    flush_tlb_range(m, addr, len);
    m->any_shared = true;
    return true;
}

bool mmu_protect(struct mmu *m, uint64_t addr, uint64_t len, int prot)
{
    if (!range_ok(addr, len)) {
        errno = EINVAL;
        return false;
    }
    if ((prot & MMU_WRITE) && any_page_has(m, addr, len, PAGE_SHARED_RO)) {
        errno = EACCES; /* as Linux: a shared mapping of a read-only file stays read-only */
        return false;
    }
    note_exec_change(m, addr, len);
    for (uint64_t p = addr >> MMU_PAGE_SHIFT; p < (addr + len) >> MMU_PAGE_SHIFT; p++)
        if (m->page_prot[p]) /* (the shared bits stay: they say what the host pages are) */
            __atomic_store_n(&m->page_prot[p],
                             (uint8_t)((m->page_prot[p] & (PAGE_SHARED | PAGE_SHARED_RO)) | PROT_MAPPED | guest_prot(prot)),
                             __ATOMIC_RELAXED);
    sync_host_prot(m, addr, len);
    flush_tlb_range(m, addr, len);
    return true;
}

bool mmu_unmap(struct mmu *m, uint64_t addr, uint64_t len)
{
    if (!range_ok(addr, len)) return false;
    if (len == 0) return true;
    note_exec_change(m, addr, len);
    if (mmap(m->base + addr, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) ==
        MAP_FAILED)
        return false;
    set_prot_range(m, addr, len, 0);
    flush_tlb_range(m, addr, len);
    return true;
}

int mmu_page_prot(const struct mmu *m, uint64_t addr)
{
    if (addr >= MMU_SPACE_SIZE) return 0;
    return __atomic_load_n(&m->page_prot[addr >> MMU_PAGE_SHIFT], __ATOMIC_RELAXED) & 7;
}

/* (relaxed atomic reads, like the table's other readers: another guest
 * thread may be mapping or translating meanwhile — the GDB stub asks) */
bool mmu_is_mapped(const struct mmu *m, uint64_t addr)
{
    return addr < MMU_SPACE_SIZE && __atomic_load_n(&m->page_prot[addr >> MMU_PAGE_SHIFT], __ATOMIC_RELAXED) != 0;
}

uint64_t mmu_same_prot_end(const struct mmu *m, uint64_t addr, uint64_t end)
{
    if (end > MMU_SPACE_SIZE) end = MMU_SPACE_SIZE;
    if (addr >= end) return end;
    uint64_t p = addr >> MMU_PAGE_SHIFT, last = end >> MMU_PAGE_SHIFT;
    /* Whole state bytes are compared, the PAGE_TRANSLATED bit too: a run may
     * end early (one call more for the caller), never late.  memcmp against
     * a pattern goes 512 pages at a time: a 28 GiB segment is 7 M pages. */
    uint8_t first = m->page_prot[p], pattern[512];
    memset(pattern, first, sizeof pattern);
    while (p < last) {
        uint64_t n = last - p < sizeof pattern ? last - p : sizeof pattern;
        if (memcmp(m->page_prot + p, pattern, n) != 0) break;
        p += n;
    }
    while (p < last && m->page_prot[p] == first) p++;
    return p << MMU_PAGE_SHIFT;
}

uint64_t mmu_find_free(const struct mmu *m, uint64_t len, uint64_t low, uint64_t high)
{
    if (high > MMU_SPACE_SIZE) high = MMU_SPACE_SIZE;
    low = (low + MMU_PAGE_MASK) >> MMU_PAGE_SHIFT;
    high >>= MMU_PAGE_SHIFT;
    uint64_t pages = (len + MMU_PAGE_MASK) >> MMU_PAGE_SHIFT;
    if (pages == 0 || high < low || pages > high - low) return UINT64_MAX;
    /* Walk down from the top counting free pages; restart below any mapped one. */
    uint64_t run = 0;
    for (uint64_t p = high; p > low; p--) {
        if (m->page_prot[p - 1]) {
            run = 0;
            continue;
        }
        if (++run == pages) return (p - 1) << MMU_PAGE_SHIFT;
    }
    return UINT64_MAX;
}

uint64_t mmu_next_run(const struct mmu *m, uint64_t from, uint64_t *end, int *prot)
{
    uint64_t p = (from + MMU_PAGE_MASK) >> MMU_PAGE_SHIFT;
    /* skip unmapped pages eight at a time: most of the space is unmapped */
    while (p < PAGE_COUNT && !m->page_prot[p]) {
        uint64_t word;
        if (p % 8 == 0 && p + 8 <= PAGE_COUNT && (memcpy(&word, &m->page_prot[p], 8), word == 0)) p += 8;
        else p++;
    }
    if (p >= PAGE_COUNT) return UINT64_MAX;
    uint8_t kind = m->page_prot[p] & (PROT_MAPPED | 7);
    uint64_t q = p + 1;
    while (q < PAGE_COUNT && (m->page_prot[q] & (PROT_MAPPED | 7)) == kind) q++;
    *end = q << MMU_PAGE_SHIFT;
    *prot = kind & 7;
    return p << MMU_PAGE_SHIFT;
}

/* Checks one page for an access of kind `need`; returns MMU_OK or the fault. */
static int check_page(const struct mmu *m, uint64_t addr, int need)
{
    if (addr >= MMU_SPACE_SIZE) return MMU_FAULT_UNMAPPED;
    uint8_t p = __atomic_load_n(&m->page_prot[addr >> MMU_PAGE_SHIFT], __ATOMIC_RELAXED);
    if (!p) return MMU_FAULT_UNMAPPED;
    if ((p & need) != need) return MMU_FAULT_PROT;
    return MMU_OK;
}

/* Installs a TLB entry for the page containing addr, with a tag for every
 * access kind the page permits. */
static void tlb_fill(struct mmu *m, uint64_t addr)
{
    struct tlb_entry *e = mmu_tlb_entry(m, addr);
    uint64_t page = addr & ~MMU_PAGE_MASK;
    uint64_t generation = __atomic_load_n(&m->map_generation, __ATOMIC_SEQ_CST);
    uint8_t p = __atomic_load_n(&m->page_prot[addr >> MMU_PAGE_SHIFT], __ATOMIC_RELAXED);
    /* Keep other kinds' tags only if they refer to the same page. */
    if (MMU_RELAXED_LOAD(&e->tag_read) != page) MMU_RELAXED_STORE(&e->tag_read, MMU_NO_TAG);
    if (MMU_RELAXED_LOAD(&e->tag_write) != page) MMU_RELAXED_STORE(&e->tag_write, MMU_NO_TAG);
    if (MMU_RELAXED_LOAD(&e->tag_exec) != page) MMU_RELAXED_STORE(&e->tag_exec, MMU_NO_TAG);
    MMU_RELAXED_STORE(&e->addend, (uintptr_t)m->base);
    if (p & MMU_READ) MMU_RELAXED_STORE(&e->tag_read, page);
    if ((p & MMU_WRITE) && !m->store_log) MMU_RELAXED_STORE(&e->tag_write, page);
    if (p & MMU_EXEC) MMU_RELAXED_STORE(&e->tag_exec, page);
    /* Another thread changed mappings meanwhile: what we read may be stale
     * and its flush may have run before our stores.  Drop the entry (the
     * access misses again and refills).  If the change comes after this
     * check, its own flush sees our entry and empties it. */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (__atomic_load_n(&m->map_generation, __ATOMIC_SEQ_CST) != generation) tlb_clear(m, e);
}

/* need = 0 (rvdbt's own copies, which ignore guest permissions): are all of
 * [addr, addr+len) mapped, and does some page's host protection lack
 * `host` (PROT_READ or PROT_WRITE)?  Then those pages are opened for the
 * copy (open_for_copy) and given their protections back after. */
static bool must_open(const struct mmu *m, uint64_t addr, size_t len, int host)
{
    if (addr >= MMU_SPACE_SIZE || len > MMU_SPACE_SIZE - addr || len == 0) return false;
    bool closed = false;
    for (uint64_t p = addr >> MMU_PAGE_SHIFT; p <= (addr + len - 1) >> MMU_PAGE_SHIFT; p++) {
        if (!m->page_prot[p]) return false; /* the copy fails at the unmapped page first */
        if (!(host_prot(m->page_prot[p]) & host)) closed = true;
    }
    return closed;
}

static void open_for_copy(struct mmu *m, uint64_t addr, size_t len, bool to_guest)
{
    uint64_t first = addr & ~MMU_PAGE_MASK, end = (addr + len + MMU_PAGE_MASK) & ~MMU_PAGE_MASK;
    /* (only as far as needed: a read-only file's shared pages cannot be made writable) */
    mprotect(m->base + first, end - first, to_guest ? PROT_READ | PROT_WRITE : PROT_READ);
}

/* The copies themselves, page by page, checking `need` on each: into the
 * guest from `host` (to_guest), or out of the guest into it. */
static int copy_pages(struct mmu *m, uint64_t addr, uint8_t *host, size_t len, int need, bool to_guest)
{
    while (len) {
        int r = check_page(m, addr, need);
        if (r) return r;
        size_t chunk = MMU_PAGE_SIZE - (addr & MMU_PAGE_MASK);
        if (chunk > len) chunk = len;
        if (to_guest) memcpy(m->base + addr, host, chunk);
        else memcpy(host, m->base + addr, chunk);
        host += chunk, addr += chunk, len -= chunk;
    }
    return MMU_OK;
}

/* Either direction.  need = 0 may first have to open pages whose host
 * protection does not allow this copy (see must_open). */
static int copy_guest(struct mmu *m, uint64_t addr, uint8_t *host, size_t len, int need, bool to_guest)
{
    /* rvdbt's own large copies into the guest (a program's segments, at
     * load): their pages in one call rather than a fault each.  Not into
     * shared pages: a write fault there would mark the file's pages dirty. */
    bool prefault = to_guest && need == 0 && len >= PREFAULT_COPY_MIN && addr < MMU_SPACE_SIZE &&
                    len <= MMU_SPACE_SIZE - addr &&
                    !any_page_has(m, addr, len, PAGE_SHARED);
    if (need == 0 && must_open(m, addr, len, to_guest ? PROT_WRITE : PROT_READ)) {
        /* (the host cannot open a read-only file's shared pages for writing) */
        if (to_guest && any_page_has(m, addr, len, PAGE_SHARED_RO)) return MMU_FAULT_PROT;
        open_for_copy(m, addr, len, to_guest);
        if (prefault) prefault_for_writing(m->base + addr, len);
        int r = copy_pages(m, addr, host, len, 0, to_guest);
        sync_host_prot(m, addr, len);
        return r;
    }
    if (prefault) prefault_for_writing(m->base + addr, len);
    return copy_pages(m, addr, host, len, need, to_guest);
}

int mmu_read_bytes(struct mmu *m, uint64_t addr, void *dst, size_t len, int need)
{
    if (m->sys) return mmu_sys_read_bytes(m, addr, dst, len);
    return copy_guest(m, addr, dst, len, need, false);
}

int mmu_write_bytes(struct mmu *m, uint64_t addr, const void *src, size_t len, int need)
{
    if (m->sys) return mmu_sys_write_bytes(m, addr, src, len);
    return copy_guest(m, addr, (uint8_t *)(uintptr_t)src, len, need, true); /* (only read from) */
}

void *mmu_host_ptr(struct mmu *m, uint64_t addr, size_t len, int need)
{
    if (addr >= MMU_SPACE_SIZE || len > MMU_SPACE_SIZE - addr) return NULL;
    for (uint64_t a = addr & ~MMU_PAGE_MASK; a < addr + len; a += MMU_PAGE_SIZE)
        if (check_page(m, a, need)) return NULL;
    return m->base + addr;
}

int mmu_load_slow(struct mmu *m, uint64_t addr, unsigned size, uint64_t *val)
{
    __atomic_fetch_add(&m->tlb_misses, 1, __ATOMIC_RELAXED);
    if (m->sys) return mmu_sys_load(m, addr, size, val);
    uint64_t last = addr + size - 1;
    if ((addr & ~MMU_PAGE_MASK) == (last & ~MMU_PAGE_MASK) && (addr & (size - 1)) == 0) {
        int r = check_page(m, addr, MMU_READ);
        if (r) return r;
        tlb_fill(m, addr);
        return mmu_load(m, addr, size, val);
    }
    /* Misaligned (user-mode Linux allows it) or page-crossing: byte by byte, little-endian. */
    uint8_t bytes[8];
    int r = mmu_read_bytes(m, addr, bytes, size, MMU_READ);
    if (r) return r;
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) v |= (uint64_t)bytes[i] << (8 * i);
    *val = v;
    return MMU_OK;
}

void mmu_set_store_log(struct mmu *m, struct mmu_store_log *log)
{
    m->store_log = log;
    mmu_flush_tlb(m);
}

void mmu_log_store(struct mmu *m, uint64_t addr, unsigned size, uint64_t old, uint64_t val)
{
    struct mmu_store_log *log = m->store_log;
    if (log->n == MMU_STORE_LOG_SIZE) {
        log->overflow = true;
        return;
    }
    uint64_t mask = size == 8 ? ~0ull : (1ull << (8 * size)) - 1;
    log->rec[log->n++] = (struct mmu_store_record){addr, old & mask, val & mask, size};
    if (log->n >= MMU_STORE_LOG_SIZE - MMU_STORE_LOG_MARGIN && log->nearly_full) /* (the hart's exit_request: other threads set it too) */
        __atomic_store_n(log->nearly_full, 1, __ATOMIC_RELAXED);
}

int mmu_store_slow(struct mmu *m, uint64_t addr, unsigned size, uint64_t val)
{
    __atomic_fetch_add(&m->tlb_misses, 1, __ATOMIC_RELAXED);
    if (m->sys) return mmu_sys_store(m, addr, size, val);
    if (m->store_log) {
        uint64_t old = 0;
        int r = mmu_read_bytes(m, addr, &old, size, MMU_WRITE);
        if (r) return r;
        mmu_log_store(m, addr, size, old, val);
        uint8_t bytes[8];
        for (unsigned i = 0; i < size; i++) bytes[i] = (uint8_t)(val >> (8 * i));
        return mmu_write_bytes(m, addr, bytes, size, MMU_WRITE);
    }
    uint64_t last = addr + size - 1;
    if ((addr & ~MMU_PAGE_MASK) == (last & ~MMU_PAGE_MASK) && (addr & (size - 1)) == 0) {
        int r = check_page(m, addr, MMU_WRITE);
        if (r) return r;
        tlb_fill(m, addr);
        return mmu_store(m, addr, size, val);
    }
    uint8_t bytes[8];
    for (unsigned i = 0; i < size; i++) bytes[i] = (uint8_t)(val >> (8 * i));
    /* Check every byte's page first so a faulting store writes nothing. */
    if (check_page(m, addr, MMU_WRITE)) return check_page(m, addr, MMU_WRITE);
    if (check_page(m, last, MMU_WRITE)) return check_page(m, last, MMU_WRITE);
    return mmu_write_bytes(m, addr, bytes, size, MMU_WRITE);
}

int mmu_fetch_slow(struct mmu *m, uint64_t addr, uint16_t *half)
{
    __atomic_fetch_add(&m->tlb_misses, 1, __ATOMIC_RELAXED);
    if (m->sys) return mmu_sys_fetch(m, addr, half);
    /* An odd pc would miss the fast path's tag (it keeps bit 0) forever:
     * refuse it here, whoever the caller. */
    if (addr & 1) return MMU_FAULT_MISALIGNED;
    int r = check_page(m, addr, MMU_EXEC);
    if (r) return r;
    tlb_fill(m, addr);
    return mmu_fetch16(m, addr, half);
}
