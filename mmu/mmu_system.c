/*
 * mmu/mmu_system.c — system-mode slow paths: translate, then memory or device.
 *
 * See mmu/mmu_system.h for the model.  Aligned accesses (the common case)
 * translate once and, for memory, fill the TLB so the next access to the
 * page is a fast-path hit.  Misaligned accesses are done byte by byte, each
 * byte translated, with every translation checked before the first byte is
 * written, so a faulting store changes nothing (QEMU's virt board also
 * performs misaligned loads and stores rather than trapping).
 */
#include "mmu/mmu_system.h"

#include <stdlib.h>
#include <string.h>

#include "cpu/priv_state.h"

struct mmu *mmu_create_system(struct bus *bus)
{
    struct mmu *m = calloc(1, sizeof *m);
    struct mmu_system *s = calloc(1, sizeof *s);
    if (!m || !s) {
        free(m);
        free(s);
        return NULL;
    }
    s->bus = bus;
    s->data.priv = s->fetch.priv = 3; /* machine mode: no translation */
    s->hart_bit = 1;
    m->sys = s;
    for (int i = 0; i < bus->n_ram; i++) /* (code in the ROM cannot be written: no marks) */
        if (bus->ram[i].writable && !(s->code_pages[i] = calloc((bus->ram[i].size + MMU_PAGE_MASK) >> MMU_PAGE_SHIFT, 1))) {
            mmu_sys_destroy(m);
            return NULL;
        }
    mmu_flush_tlb(m);
    return m;
}

void mmu_sys_destroy(struct mmu *m)
{
    free(m->sys->log_dirty);
    if (!m->sys->shares_code_pages)
        for (int i = 0; i < BUS_MAX_RAM; i++) free(m->sys->code_pages[i]);
    free(m->sys);
    free(m);
}

void mmu_sys_share_code_marks(struct mmu *m, struct mmu *first, unsigned hart)
{
    struct mmu_system *s = m->sys;
    if (!s->shares_code_pages)
        for (int i = 0; i < BUS_MAX_RAM; i++) free(s->code_pages[i]);
    for (int i = 0; i < BUS_MAX_RAM; i++) s->code_pages[i] = first->sys->code_pages[i];
    s->shares_code_pages = true;
    s->hart_bit = (uint8_t)(1u << hart);
}

/* TLB words may be cleared by another hart's thread (a write tag, when it
 * marks a code page): every access to them is a whole-word relaxed atomic. */
static void entry_set(struct tlb_entry *e, uint64_t r, uint64_t w, uint64_t x, uintptr_t addend)
{
    MMU_RELAXED_STORE(&e->tag_read, r);
    MMU_RELAXED_STORE(&e->tag_write, w);
    MMU_RELAXED_STORE(&e->tag_exec, x);
    MMU_RELAXED_STORE(&e->addend, addend);
}

void mmu_sys_flush_tlb(struct mmu *m)
{
    struct mmu_system *s = m->sys;
    if (s->n_filled > MMU_SYS_FILLED_MAX) {
        mmu_flush_tlb(m);
    } else {
        for (unsigned i = 0; i < s->n_filled; i++) entry_set(&m->tlb[s->filled[i]], MMU_NO_TAG, MMU_NO_TAG, MMU_NO_TAG, 0);
    }
    s->n_filled = 0;
}

static bool same_ctx(const struct sv39_ctx *a, const struct sv39_ctx *b)
{
    return a->satp == b->satp && a->priv == b->priv && a->sum == b->sum && a->mxr == b->mxr;
}

void mmu_sys_set_context(struct mmu *m, const struct sv39_ctx *fetch, const struct sv39_ctx *data)
{
    struct mmu_system *s = m->sys;
    if (same_ctx(&s->fetch, fetch) && same_ctx(&s->data, data)) return;
    s->fetch = *fetch;
    s->data = *data;
    mmu_sys_flush_tlb(m);
}

void mmu_sys_flush_translations(struct mmu *m)
{
    mmu_sys_flush_tlb(m);
    m->exec_generation++;
}

/* The mark byte of the code page holding host address p, or NULL if p is
 * not in writable memory. */
static uint8_t *code_mark(const struct mmu_system *s, const uint8_t *p)
{
    for (int i = 0; i < s->bus->n_ram; i++) {
        const struct bus_ram *r = &s->bus->ram[i];
        if (s->code_pages[i] && p >= r->host && (uint64_t)(p - r->host) < r->size)
            return &s->code_pages[i][(uint64_t)(p - r->host) >> MMU_PAGE_SHIFT];
    }
    return NULL;
}

/* Drops every write tag of m's TLB that reaches host page `page`. */
static void drop_write_tags(struct mmu *m, uintptr_t page)
{
    for (int i = 0; i < MMU_TLB_SIZE; i++) {
        struct tlb_entry *e = &m->tlb[i];
        uint64_t tag = MMU_RELAXED_LOAD(&e->tag_write);
        if (tag != MMU_NO_TAG && (uintptr_t)(tag + MMU_RELAXED_LOAD(&e->addend)) == page)
            /* (only if no fill replaced the tag meanwhile; a fill of this page re-checks the mark) */
            __atomic_compare_exchange_n(&e->tag_write, &tag, MMU_NO_TAG, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
    }
}

bool mmu_sys_mark_code(struct mmu *m, const void *host)
{
    struct mmu_system *s = m->sys;
    uint8_t *mark = code_mark(s, host);
    if (!mark) return false;
    if (__atomic_load_n(mark, __ATOMIC_RELAXED) & s->hart_bit) return true;
    /* A page some hart already marked has no write tag in any TLB (the fills
     * check the mark); else any virtual page may map it: drop every write tag
     * that reaches it, in every hart's TLB.  (The seq_cst read-modify-write
     * here and the fence after a write fill make sure that either this scan
     * sees the new tag or that fill sees the mark.) */
    if (__atomic_fetch_or(mark, s->hart_bit, __ATOMIC_SEQ_CST)) return true;
    uintptr_t page = (uintptr_t)host & ~(uintptr_t)MMU_PAGE_MASK;
    if (!s->peers) drop_write_tags(m, page);
    for (unsigned h = 0; s->peers && h < s->n_peers; h++) drop_write_tags(s->peers[h], page);
    return true;
}

/* A store (or DMA) reached a page holding translated code: every hart that
 * translated from it drops those blocks, this one now, the others on their
 * own threads before they next enter translated code. */
static void code_page_written(struct mmu_system *s, uint8_t *mark, uintptr_t host_page, bool local)
{
    uint8_t harts = __atomic_exchange_n(mark, 0, __ATOMIC_SEQ_CST);
    if (local && (harts & s->hart_bit) && s->code_write) s->code_write(s->code_opaque, host_page);
    for (unsigned h = 0; s->remote_code_write && h < 8; h++)
        if ((harts >> h & 1) && (!local || (1u << h) != s->hart_bit)) s->remote_code_write(s->remote_opaque, h, host_page);
}

bool mmu_sys_log_dirty(struct mmu *m, uint64_t pa)
{
    struct mmu_system *s = m->sys;
    const struct bus_ram *r = bus_find_ram(s->bus, pa, 1);
    if (!r) return false;
    uint64_t pages = (r->size + MMU_PAGE_MASK) >> MMU_PAGE_SHIFT;
    uint8_t *d = malloc(pages);
    if (!d) return false;
    memset(d, 1, pages);
    free(s->log_dirty);
    s->log_ram = r;
    s->log_dirty = d;
    mmu_flush_tlb(m); /* no write tag may predate the log */
    return true;
}

/* The dirty byte of the logged page holding host address p, or NULL. */
static uint8_t *dirty_mark(const struct mmu_system *s, const uint8_t *p)
{
    const struct bus_ram *r = s->log_ram;
    if (!r || p < r->host || (uint64_t)(p - r->host) >= r->size) return NULL;
    return &s->log_dirty[(uint64_t)(p - r->host) >> MMU_PAGE_SHIFT];
}

void mmu_sys_collect_dirty(struct mmu *m, uint8_t *out)
{
    struct mmu_system *s = m->sys;
    const struct bus_ram *r = s->log_ram;
    if (!r) return;
    uint64_t pages = (r->size + MMU_PAGE_MASK) >> MMU_PAGE_SHIFT;
    memcpy(out, s->log_dirty, pages);
    memset(s->log_dirty, 0, pages);
    for (int i = 0; i < MMU_TLB_SIZE; i++) {
        struct tlb_entry *e = &m->tlb[i];
        uint64_t tag = MMU_RELAXED_LOAD(&e->tag_write);
        if (tag != MMU_NO_TAG && dirty_mark(s, (const uint8_t *)(uintptr_t)(tag + MMU_RELAXED_LOAD(&e->addend))))
            MMU_RELAXED_STORE(&e->tag_write, MMU_NO_TAG);
    }
}

void mmu_sys_clear_code_marks(struct mmu *m)
{
    struct mmu_system *s = m->sys;
    for (int i = 0; i < s->bus->n_ram; i++) {
        if (!s->code_pages[i]) continue;
        uint64_t n = (s->bus->ram[i].size + MMU_PAGE_MASK) >> MMU_PAGE_SHIFT;
        if (!s->peers) {
            memset(s->code_pages[i], 0, n);
            continue;
        }
        for (uint64_t p = 0; p < n; p++) /* (parallel harts: only this hart's bits) */
            if (__atomic_load_n(&s->code_pages[i][p], __ATOMIC_RELAXED) & s->hart_bit)
                __atomic_fetch_and(&s->code_pages[i][p], (uint8_t)~s->hart_bit, __ATOMIC_RELAXED);
    }
}

/* Installs the `kind` tag (MMU_READ/WRITE/EXEC) for va's page, whose host
 * address is `host_page`.  Tags of the other kinds survive only if they
 * map the same page to the same host address. */
static void tlb_fill(struct mmu *m, uint64_t va, uint8_t *host_page, int kind)
{
    struct tlb_entry *e = mmu_tlb_entry(m, va);
    uint64_t page = va & ~MMU_PAGE_MASK;
    uintptr_t addend = (uintptr_t)host_page - (uintptr_t)page;
    struct mmu_system *s = m->sys;
    if (s->n_filled < MMU_SYS_FILLED_MAX) s->filled[s->n_filled] = (uint16_t)(e - m->tlb);
    if (s->n_filled <= MMU_SYS_FILLED_MAX) s->n_filled++; /* MAX + 1: too many to list, flush all */
    uint64_t r = MMU_RELAXED_LOAD(&e->tag_read), w = MMU_RELAXED_LOAD(&e->tag_write), x = MMU_RELAXED_LOAD(&e->tag_exec);
    if (MMU_RELAXED_LOAD(&e->addend) != addend) r = w = x = MMU_NO_TAG;
    if (r != page) r = MMU_NO_TAG;
    if (w != page) w = MMU_NO_TAG;
    if (x != page) x = MMU_NO_TAG;
    if (kind == MMU_READ) r = page;
    if (kind == MMU_WRITE) w = page;
    if (kind == MMU_EXEC) x = page;
    /* (tags first to NO_TAG, the addend, then the tags: the entry's own
     * thread is the only reader of a half-written entry, and it is here) */
    entry_set(e, r, w, x, addend);
}

/* The host address of the whole physical page holding pa, if it is memory
 * (and writable memory when `write`). */
static uint8_t *ram_page(const struct mmu_system *s, uint64_t pa, bool write)
{
    return bus_ram_ptr(s->bus, pa & ~MMU_PAGE_MASK, MMU_PAGE_SIZE, write);
}

static bool watched(const struct mmu_system *s, uint64_t pa, unsigned size)
{
    return s->watch && s->watch_pa - pa < size;
}

static bool watched_page(const struct mmu_system *s, uint64_t pa)
{
    return s->watch && (s->watch_pa & ~MMU_PAGE_MASK) == (pa & ~MMU_PAGE_MASK);
}

static int device_read(struct mmu_system *s, uint64_t pa, unsigned size, uint64_t *val)
{
    s->mmio_accesses++;
    if (s->device_lock) pthread_mutex_lock(s->device_lock);
    int r = bus_read(s->bus, pa, size, val);
    if (s->device_lock) pthread_mutex_unlock(s->device_lock);
    return r;
}

static int device_write(struct mmu_system *s, uint64_t pa, unsigned size, uint64_t val)
{
    s->mmio_accesses++;
    if (s->device_lock) pthread_mutex_lock(s->device_lock);
    int r = bus_write(s->bus, pa, size, val);
    if (s->device_written) s->device_written(s->device_opaque);
    if (s->device_lock) pthread_mutex_unlock(s->device_lock);
    /* the device may now raise an interrupt: let the system loop look */
    if (s->kick) __atomic_store_n(s->kick, 1, __ATOMIC_RELAXED);
    return r;
}

/* A page walk on a TLB miss, shown to the -d mmu observer when translation is on. */
static int walk(const struct mmu_system *s, const struct sv39_ctx *ctx, uint64_t va, int access, uint64_t *pa)
{
    const struct sv39_observer *o = sv39_observer;
    if (!o || ctx->priv == RV_PRIV_M || (ctx->satp >> SATP_MODE_SHIFT) == SATP_MODE_BARE)
        return sv39_translate(s->bus, ctx, va, access, pa, NULL);
    o->begin(o->arg, ctx, va, access);
    int r = sv39_translate(s->bus, ctx, va, access, pa, NULL);
    o->end(o->arg, r, r == MMU_OK ? *pa : 0);
    return r;
}

int mmu_sys_load(struct mmu *m, uint64_t va, unsigned size, uint64_t *val)
{
    struct mmu_system *s = m->sys;
    if ((va & (size - 1)) == 0) {
        uint64_t pa;
        int r = walk(s, &s->data, va, MMU_READ, &pa);
        if (r) return r;
        uint8_t *host = ram_page(s, pa, false);
        if (!host) return device_read(s, pa, size, val);
        tlb_fill(m, va, host, MMU_READ);
        *val = bus_ram_get(host + (pa & MMU_PAGE_MASK), size);
        return MMU_OK;
    }
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++) {
        uint64_t pa, byte;
        int r = walk(s, &s->data, va + i, MMU_READ, &pa);
        if (!r) r = bus_read(s->bus, pa, 1, &byte);
        if (r) return r;
        v |= byte << (8 * i);
    }
    *val = v;
    return MMU_OK;
}

/* One store to one physical location, logged for the check engine. */
static int store_pa(struct mmu *m, uint64_t pa, unsigned size, uint64_t val)
{
    struct mmu_system *s = m->sys;
    uint8_t *p = bus_ram_ptr(s->bus, pa, size, true);
    if (!p) return device_write(s, pa, size, val);
    if (m->store_log) mmu_log_store(m, pa, size, bus_ram_get(p, size), val);
    bus_ram_put(p, size, val);
    uint8_t *dirty = dirty_mark(s, p);
    if (dirty) *dirty = 1; /* before any write tag for this page exists (see mmu_sys_store) */
    if (watched(s, pa, size)) s->watch(s->watch_opaque, s->watch_pa);
    uint8_t *mark = code_mark(s, p);
    if (mark && __atomic_load_n(mark, __ATOMIC_RELAXED)) /* translated code was just overwritten */
        code_page_written(s, mark, (uintptr_t)p & ~(uintptr_t)MMU_PAGE_MASK, true);
    return MMU_OK;
}

int mmu_sys_store(struct mmu *m, uint64_t va, unsigned size, uint64_t val)
{
    struct mmu_system *s = m->sys;
    if ((va & (size - 1)) == 0) {
        uint64_t pa;
        int r = walk(s, &s->data, va, MMU_WRITE, &pa);
        if (r) return r;
        uint8_t *host = ram_page(s, pa, true);
        /* no write tag while stores are logged, on the HTIF page, or on a page of translated code */
        uint8_t *mark = host ? code_mark(s, host) : NULL;
        if (host && !m->store_log && !watched_page(s, pa) && !(mark && __atomic_load_n(mark, __ATOMIC_RELAXED))) {
            tlb_fill(m, va, host, MMU_WRITE);
            if (s->peers && mark) {
                /* another hart may have marked the page since: see mmu_sys_mark_code */
                __atomic_thread_fence(__ATOMIC_SEQ_CST);
                if (__atomic_load_n(mark, __ATOMIC_RELAXED))
                    MMU_RELAXED_STORE(&mmu_tlb_entry(m, va)->tag_write, MMU_NO_TAG);
            }
        }
        return store_pa(m, pa, size, val);
    }
    uint64_t pa[8];
    for (unsigned i = 0; i < size; i++) {
        int r = walk(s, &s->data, va + i, MMU_WRITE, &pa[i]);
        if (r) return r;
    }
    for (unsigned i = 0; i < size; i++) {
        int r = store_pa(m, pa[i], 1, (val >> (8 * i)) & 0xff);
        if (r) return r;
    }
    return MMU_OK;
}

int mmu_sys_fetch(struct mmu *m, uint64_t va, uint16_t *half)
{
    struct mmu_system *s = m->sys;
    if (va & 1) return MMU_FAULT_MISALIGNED; /* pc is always even (IALGN 16); never read past a page */
    uint64_t pa;
    int r = walk(s, &s->fetch, va, MMU_EXEC, &pa);
    if (r) return r;
    uint8_t *host = ram_page(s, pa, false);
    if (!host) return MMU_FAULT_ACCESS; /* code runs from memory only */
    tlb_fill(m, va, host, MMU_EXEC);
    *half = (uint16_t)bus_ram_get(host + (pa & MMU_PAGE_MASK), 2);
    return MMU_OK;
}

int mmu_sys_read_bytes(struct mmu *m, uint64_t pa, void *dst, size_t len)
{
    const struct bus_ram *r = bus_find_ram(m->sys->bus, pa, len);
    if (!r) return MMU_FAULT_ACCESS;
    memcpy(dst, r->host + (pa - r->base), len);
    return MMU_OK;
}

int mmu_sys_write_bytes(struct mmu *m, uint64_t pa, const void *src, size_t len)
{
    const struct bus_ram *r = bus_find_ram(m->sys->bus, pa, len);
    if (!r) return MMU_FAULT_ACCESS;
    memcpy(r->host + (pa - r->base), src, len);
    return MMU_OK;
}

int mmu_sys_debug_translate(struct mmu *m, uint64_t va, uint64_t *pa)
{
    return sv39_translate(m->sys->bus, &m->sys->fetch, va, SV39_DEBUG, pa, NULL);
}

int mmu_sys_debug_copy(struct mmu *m, uint64_t pa, void *buf, size_t len, bool write)
{
    struct mmu_system *s = m->sys;
    const struct bus_ram *r = bus_find_ram(s->bus, pa, len);
    if (!r) return MMU_FAULT_ACCESS;
    uint8_t *p = r->host + (pa - r->base);
    if (!write) {
        memcpy(buf, p, len);
        return MMU_OK;
    }
    memcpy(p, buf, len);
    if (!s->code_pages[r - s->bus->ram]) { /* the boot ROM: its code is not tracked per page, drop it all */
        s->memory_generation++;
        return MMU_OK;
    }
    for (uintptr_t page = (uintptr_t)p & ~(uintptr_t)MMU_PAGE_MASK; page < (uintptr_t)(p + len);
         page += MMU_PAGE_SIZE) {
        uint8_t *mark = code_mark(s, (const uint8_t *)page);
        /* (parallel harts: DMA runs on any thread, so every hart drops its own blocks) */
        if (mark && __atomic_load_n(mark, __ATOMIC_RELAXED)) code_page_written(s, mark, page, !s->peers);
    }
    return MMU_OK;
}

int mmu_sys_atomic_ptr(struct mmu *m, uint64_t va, unsigned size, void **host, uint64_t *pa)
{
    struct mmu_system *s = m->sys;
    *host = NULL;
    int r = walk(s, &s->data, va, MMU_WRITE, pa);
    if (r) return r;
    uint8_t *p = bus_ram_ptr(s->bus, *pa, size, true);
    if (!p) return bus_find_ram(s->bus, *pa, size) ? MMU_FAULT_ACCESS : MMU_OK; /* the ROM / a device */
    uint8_t *dirty = dirty_mark(s, p);
    if (dirty) *dirty = 1;
    uint8_t *mark = code_mark(s, p);
    if (mark && __atomic_load_n(mark, __ATOMIC_RELAXED))
        code_page_written(s, mark, (uintptr_t)p & ~(uintptr_t)MMU_PAGE_MASK, true);
    *host = p;
    return MMU_OK;
}
