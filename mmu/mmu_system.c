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

static const struct tlb_entry empty_entry = {MMU_NO_TAG, MMU_NO_TAG, MMU_NO_TAG, 0};

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
    m->sys = s;
    m->tlbp = m->tlb;
    s->sets[0].tlb = m->tlb;
    for (int i = 0; i < MMU_SYS_TLB_SETS; i++) s->sets[i].big_lo = UINT64_MAX;
    for (int i = 1; i < MMU_SYS_TLB_SETS; i++) {
        if (!(s->sets[i].tlb = aligned_alloc(64, MMU_TLB_SIZE * sizeof(struct tlb_entry)))) {
            mmu_sys_destroy(m);
            return NULL;
        }
        for (int j = 0; j < MMU_TLB_SIZE; j++) s->sets[i].tlb[j] = empty_entry;
    }
    s->n_sets = MMU_SYS_TLB_SETS;
    s->cur = &s->sets[0];
    s->cur->keyed = true; /* (machine mode, as reset leaves it) */
    s->cur->fetch = s->cur->data = (struct sv39_ctx){0, 3, false, false};
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
    for (int i = 0; i < BUS_MAX_RAM; i++) free(m->sys->code_pages[i]);
    for (int i = 1; i < MMU_SYS_TLB_SETS; i++) free(m->sys->sets[i].tlb);
    free(m->sys);
    free(m);
}

/* Empties one set (only the entries filled since it was last emptied). */
static void flush_set(struct mmu_tlb_set *t)
{
    if (t->n_filled > MMU_SYS_FILLED_MAX) {
        for (int i = 0; i < MMU_TLB_SIZE; i++) t->tlb[i] = empty_entry;
    } else {
        for (unsigned i = 0; i < t->n_filled; i++) t->tlb[t->filled[i]] = empty_entry;
    }
    t->n_filled = 0;
    t->big_lo = UINT64_MAX;
    t->big_hi = 0;
}

void mmu_sys_flush_tlb(struct mmu *m)
{
    struct mmu_system *s = m->sys;
    for (unsigned i = 0; i < MMU_SYS_TLB_SETS; i++) flush_set(&s->sets[i]);
}

void mmu_sys_set_tlb_sets(struct mmu *m, unsigned n)
{
    struct mmu_system *s = m->sys;
    s->n_sets = n < 1 ? 1 : n > MMU_SYS_TLB_SETS ? MMU_SYS_TLB_SETS : n;
    mmu_sys_flush_tlb(m);
    for (unsigned i = 1; i < MMU_SYS_TLB_SETS; i++) s->sets[i].keyed = false;
    s->cur = &s->sets[0];
    s->cur->fetch = s->fetch;
    s->cur->data = s->data;
    s->cur->keyed = false; /* the next context change keys it */
    m->tlbp = s->cur->tlb;
}

static bool same_ctx(const struct sv39_ctx *a, const struct sv39_ctx *b)
{
    return a->satp == b->satp && a->priv == b->priv && a->sum == b->sum && a->mxr == b->mxr;
}

/* A context as a TLB set's key: only what changes the translation.  Without
 * translation (machine mode, or satp bare) every context is the same
 * identity map; SUM matters to S-mode loads and stores only, MXR to loads
 * and stores only. */
static struct sv39_ctx key_of(const struct sv39_ctx *c, bool fetch)
{
    if (c->priv == RV_PRIV_M || (c->satp >> SATP_MODE_SHIFT) == SATP_MODE_BARE)
        return (struct sv39_ctx){0, RV_PRIV_M, false, false};
    return (struct sv39_ctx){c->satp, c->priv, !fetch && c->priv == RV_PRIV_S && c->sum, !fetch && c->mxr};
}

/* Whether a set's entries come from page tables (so sfence.vma concerns it). */
static bool set_translates(const struct mmu_tlb_set *t)
{
    return t->fetch.priv != RV_PRIV_M || t->data.priv != RV_PRIV_M;
}

void mmu_sys_set_context(struct mmu *m, const struct sv39_ctx *fetch, const struct sv39_ctx *data)
{
    struct mmu_system *s = m->sys;
    if (same_ctx(&s->fetch, fetch) && same_ctx(&s->data, data)) return;
    s->fetch = *fetch;
    s->data = *data;
    struct sv39_ctx kf = key_of(fetch, true), kd = key_of(data, false);
    struct mmu_tlb_set *t = s->cur;
    if (t->keyed && same_ctx(&t->fetch, &kf) && same_ctx(&t->data, &kd)) return;
    struct mmu_tlb_set *victim = NULL;
    for (unsigned i = 0; i < s->n_sets; i++) {
        t = &s->sets[i];
        if (t->keyed && same_ctx(&t->fetch, &kf) && same_ctx(&t->data, &kd)) break;
        if (!victim || (victim->keyed && (!t->keyed || t->last_used < victim->last_used))) victim = t;
        t = NULL;
    }
    if (t) {
        s->set_switches++;
    } else { /* a new context: empty the least recently used set for it */
        t = victim;
        flush_set(t);
        t->keyed = true;
        t->fetch = kf;
        t->data = kd;
        s->set_refills++;
    }
    t->last_used = ++s->use_clock;
    s->cur = t;
    m->tlbp = t->tlb;
}

/* Drops a set's translations of the page holding va, including every page
 * of a superpage that may hold va (the set's entries are 4 KiB pieces of it). */
static void flush_set_page(struct mmu_tlb_set *t, uint64_t va)
{
    if (va >= t->big_lo && va < t->big_hi) {
        flush_set(t);
        return;
    }
    uint64_t page = va & ~MMU_PAGE_MASK;
    struct tlb_entry *e = &t->tlb[(va >> MMU_PAGE_SHIFT) & (MMU_TLB_SIZE - 1)];
    if (e->tag_read == page || e->tag_write == page || e->tag_exec == page) *e = empty_entry;
}

void mmu_sys_sfence(struct mmu *m, bool has_va, uint64_t va, bool has_asid, uint64_t asid)
{
    struct mmu_system *s = m->sys;
    (void)has_asid, (void)asid; /* ASIDLEN 0: every address space is ASID 0 */
    s->sfences++;
    if (has_va) s->sfences_page++;
    if (s->n_sets == 1) has_va = false; /* --no-tlb-sets: every translation goes, as before */
    for (unsigned i = 0; i < s->n_sets; i++) {
        struct mmu_tlb_set *t = &s->sets[i];
        if (s->n_sets > 1 && !set_translates(t)) continue; /* identity maps do not change */
        if (has_va) flush_set_page(t, va);
        else flush_set(t);
    }
    /* the jump cache holds translations too */
    if (has_va && s->n_sets > 1 && s->n_sfence_pages < MMU_SYS_SFENCE_PAGES)
        s->sfence_pages[s->n_sfence_pages++] = va & ~MMU_PAGE_MASK;
    else
        m->exec_generation++;
}

void mmu_sys_flush_translations(struct mmu *m)
{
    mmu_sys_flush_tlb(m);
    m->exec_generation++;
}

/* Calls fn on every entry of a set that may be non-empty. */
#define FOR_EACH_FILLED(t, e, body)                                                              \
    do {                                                                                         \
        if ((t)->n_filled > MMU_SYS_FILLED_MAX) {                                                \
            for (int i_ = 0; i_ < MMU_TLB_SIZE; i_++) {                                          \
                struct tlb_entry *e = &(t)->tlb[i_];                                             \
                body;                                                                            \
            }                                                                                    \
        } else {                                                                                 \
            for (unsigned i_ = 0; i_ < (t)->n_filled; i_++) {                                    \
                struct tlb_entry *e = &(t)->tlb[(t)->filled[i_]];                                \
                body;                                                                            \
            }                                                                                    \
        }                                                                                        \
    } while (0)

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

bool mmu_sys_mark_code(struct mmu *m, const void *host)
{
    struct mmu_system *s = m->sys;
    uint8_t *mark = code_mark(s, host);
    if (!mark) return false;
    if (*mark) return true;
    *mark = 1;
    /* Any virtual page may map this physical page: drop every write tag that reaches it. */
    uintptr_t page = (uintptr_t)host & ~(uintptr_t)MMU_PAGE_MASK;
    for (unsigned i = 0; i < MMU_SYS_TLB_SETS; i++)
        FOR_EACH_FILLED(&s->sets[i], e, {
            if (e->tag_write != MMU_NO_TAG && (uintptr_t)(e->tag_write + e->addend) == page) e->tag_write = MMU_NO_TAG;
        });
    return true;
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
    mmu_sys_flush_tlb(m); /* no write tag may predate the log */
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
    for (unsigned i = 0; i < MMU_SYS_TLB_SETS; i++)
        FOR_EACH_FILLED(&s->sets[i], e, {
            if (e->tag_write != MMU_NO_TAG && dirty_mark(s, (const uint8_t *)(uintptr_t)(e->tag_write + e->addend)))
                e->tag_write = MMU_NO_TAG;
        });
}

void mmu_sys_clear_code_marks(struct mmu *m)
{
    struct mmu_system *s = m->sys;
    for (int i = 0; i < s->bus->n_ram; i++)
        if (s->code_pages[i]) memset(s->code_pages[i], 0, (s->bus->ram[i].size + MMU_PAGE_MASK) >> MMU_PAGE_SHIFT);
}

/* Installs the `kind` tag (MMU_READ/WRITE/EXEC) for va's page, whose host
 * address is `host_page`.  Tags of the other kinds survive only if they
 * map the same page to the same host address. */
static void tlb_fill(struct mmu *m, uint64_t va, uint8_t *host_page, int kind, uint64_t page_size)
{
    struct tlb_entry *e = mmu_tlb_entry(m, va);
    uint64_t page = va & ~MMU_PAGE_MASK;
    uintptr_t addend = (uintptr_t)host_page - (uintptr_t)page;
    struct mmu_tlb_set *t = m->sys->cur;
    if (t->n_filled < MMU_SYS_FILLED_MAX) t->filled[t->n_filled] = (uint16_t)(e - t->tlb);
    if (t->n_filled <= MMU_SYS_FILLED_MAX) t->n_filled++; /* MAX + 1: too many to list, flush all */
    if (page_size > MMU_PAGE_SIZE) {
        uint64_t lo = va & ~(page_size - 1), hi = lo + page_size;
        if (lo < t->big_lo) t->big_lo = lo;
        if (hi > t->big_hi || hi == 0) t->big_hi = hi ? hi : UINT64_MAX; /* (the top superpage ends at 2^64) */
    }
    if (e->addend != addend) *e = (struct tlb_entry){MMU_NO_TAG, MMU_NO_TAG, MMU_NO_TAG, addend};
    if (e->tag_read != page) e->tag_read = MMU_NO_TAG;
    if (e->tag_write != page) e->tag_write = MMU_NO_TAG;
    if (e->tag_exec != page) e->tag_exec = MMU_NO_TAG;
    if (kind == MMU_READ) e->tag_read = page;
    if (kind == MMU_WRITE) e->tag_write = page;
    if (kind == MMU_EXEC) e->tag_exec = page;
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
    return bus_read(s->bus, pa, size, val);
}

static int device_write(struct mmu_system *s, uint64_t pa, unsigned size, uint64_t val)
{
    s->mmio_accesses++;
    int r = bus_write(s->bus, pa, size, val);
    if (s->kick) *s->kick = 1; /* the device may now raise an interrupt: let the system loop look */
    return r;
}

/* A page walk on a TLB miss, shown to the -d mmu observer when translation is on. */
static int walk_sized(const struct mmu_system *s, const struct sv39_ctx *ctx, uint64_t va, int access, uint64_t *pa,
                      uint64_t *page_size)
{
    const struct sv39_observer *o = sv39_observer;
    *page_size = MMU_PAGE_SIZE;
    if (!o || ctx->priv == RV_PRIV_M || (ctx->satp >> SATP_MODE_SHIFT) == SATP_MODE_BARE)
        return sv39_translate(s->bus, ctx, va, access, pa, page_size);
    o->begin(o->arg, ctx, va, access);
    int r = sv39_translate(s->bus, ctx, va, access, pa, page_size);
    o->end(o->arg, r, r == MMU_OK ? *pa : 0);
    return r;
}

static int walk(const struct mmu_system *s, const struct sv39_ctx *ctx, uint64_t va, int access, uint64_t *pa)
{
    uint64_t size;
    return walk_sized(s, ctx, va, access, pa, &size);
}

int mmu_sys_load(struct mmu *m, uint64_t va, unsigned size, uint64_t *val)
{
    struct mmu_system *s = m->sys;
    if ((va & (size - 1)) == 0) {
        uint64_t pa, page_size;
        int r = walk_sized(s, &s->data, va, MMU_READ, &pa, &page_size);
        if (r) return r;
        uint8_t *host = ram_page(s, pa, false);
        if (!host) return device_read(s, pa, size, val);
        tlb_fill(m, va, host, MMU_READ, page_size);
        uint64_t v = 0;
        memcpy(&v, host + (pa & MMU_PAGE_MASK), size);
        *val = v;
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
    if (m->store_log) {
        uint64_t old = 0;
        memcpy(&old, p, size);
        mmu_log_store(m, pa, size, old, val);
    }
    memcpy(p, &val, size);
    uint8_t *dirty = dirty_mark(s, p);
    if (dirty) *dirty = 1; /* before any write tag for this page exists (see mmu_sys_store) */
    if (watched(s, pa, size)) s->watch(s->watch_opaque, s->watch_pa);
    uint8_t *mark = code_mark(s, p);
    if (mark && *mark) { /* translated code was just overwritten */
        *mark = 0;
        if (s->code_write) s->code_write(s->code_opaque, (uintptr_t)p & ~(uintptr_t)MMU_PAGE_MASK);
    }
    return MMU_OK;
}

int mmu_sys_store(struct mmu *m, uint64_t va, unsigned size, uint64_t val)
{
    struct mmu_system *s = m->sys;
    if ((va & (size - 1)) == 0) {
        uint64_t pa, page_size;
        int r = walk_sized(s, &s->data, va, MMU_WRITE, &pa, &page_size);
        if (r) return r;
        uint8_t *host = ram_page(s, pa, true);
        /* no write tag while stores are logged, on the HTIF page, or on a page of translated code */
        uint8_t *mark = host ? code_mark(s, host) : NULL;
        if (host && !m->store_log && !watched_page(s, pa) && !(mark && *mark)) tlb_fill(m, va, host, MMU_WRITE, page_size);
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
    uint64_t pa, page_size;
    int r = walk_sized(s, &s->fetch, va, MMU_EXEC, &pa, &page_size);
    if (r) return r;
    uint8_t *host = ram_page(s, pa, false);
    if (!host) return MMU_FAULT_ACCESS; /* code runs from memory only */
    tlb_fill(m, va, host, MMU_EXEC, page_size);
    memcpy(half, host + (pa & MMU_PAGE_MASK), 2);
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
        if (mark && *mark) {
            *mark = 0;
            if (s->code_write) s->code_write(s->code_opaque, page);
        }
    }
    return MMU_OK;
}
