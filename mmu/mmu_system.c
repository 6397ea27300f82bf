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
    s->hart_bit = 1;
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
        if (bus->ram[i].writable && (!(s->code_pages[i] = calloc((bus->ram[i].size + MMU_PAGE_MASK) >> MMU_PAGE_SHIFT, 1)) ||
                                     !(s->write_tagged[i] = calloc((bus->ram[i].size + MMU_PAGE_MASK) >> MMU_PAGE_SHIFT, 1)) ||
                                     !(s->write_index[i] = calloc((bus->ram[i].size + MMU_PAGE_MASK) >> MMU_PAGE_SHIFT, 2)))) {
            mmu_sys_destroy(m);
            return NULL;
        }
    mmu_flush_tlb(m);
    return m;
}

void mmu_sys_destroy(struct mmu *m)
{
    free(m->sys->log_dirty);
    for (int i = 0; i < BUS_MAX_RAM; i++) free(m->sys->write_tagged[i]), free(m->sys->write_index[i]);
    if (!m->sys->shares_code_pages)
        for (int i = 0; i < BUS_MAX_RAM; i++) free(m->sys->code_pages[i]);
    for (int i = 1; i < MMU_SYS_TLB_SETS; i++) free(m->sys->sets[i].tlb);
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

/* Empties one set (only the entries filled since it was last emptied). */
static void flush_set(struct mmu_tlb_set *t)
{
    if (t->n_filled > MMU_SYS_FILLED_MAX) {
        for (int i = 0; i < MMU_TLB_SIZE; i++) entry_set(&t->tlb[i], MMU_NO_TAG, MMU_NO_TAG, MMU_NO_TAG, 0);
    } else {
        for (unsigned i = 0; i < t->n_filled; i++) entry_set(&t->tlb[t->filled[i]], MMU_NO_TAG, MMU_NO_TAG, MMU_NO_TAG, 0);
    }
    t->n_filled = 0;
    t->big_lo = UINT64_MAX;
    t->big_hi = 0;
}

void mmu_sys_flush_tlb(struct mmu *m)
{
    struct mmu_system *s = m->sys;
    for (unsigned i = 0; i < MMU_SYS_TLB_SETS; i++) flush_set(&s->sets[i]);
    /* no write tag is left: a peer marking a code page need not scan this TLB
     * (the tags are gone before the bytes are cleared; a new fill sets its byte first).
     * One thread leaves them: they may name sets and indices that hold no tag
     * (a mark then looks for nothing), and with harts taking turns this runs
     * at every switch to a hart with another satp, too often for a pass over
     * every page. */
    if (!s->peers) return;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    for (int i = 0; i < s->bus->n_ram; i++)
        if (s->write_tagged[i])
            for (uint64_t p = 0; p < (s->bus->ram[i].size + MMU_PAGE_MASK) >> MMU_PAGE_SHIFT; p++)
                if (__atomic_load_n(&s->write_tagged[i][p], __ATOMIC_RELAXED)) {
                    __atomic_store_n(&s->write_tagged[i][p], 0, __ATOMIC_RELAXED);
                    __atomic_store_n(&s->write_index[i][p], 0, __ATOMIC_RELAXED);
                }
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
    if (MMU_RELAXED_LOAD(&e->tag_read) == page || MMU_RELAXED_LOAD(&e->tag_write) == page || MMU_RELAXED_LOAD(&e->tag_exec) == page)
        entry_set(e, MMU_NO_TAG, MMU_NO_TAG, MMU_NO_TAG, 0);
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

/* The byte of `per_page` (code_pages or write_tagged) for the page holding
 * host address p, or NULL if p is not in writable memory. */
static uint8_t *page_byte(const struct mmu_system *s, uint8_t *const per_page[BUS_MAX_RAM], const uint8_t *p)
{
    for (int i = 0; i < s->bus->n_ram; i++) {
        const struct bus_ram *r = &s->bus->ram[i];
        if (per_page[i] && p >= r->host && (uint64_t)(p - r->host) < r->size)
            return &per_page[i][(uint64_t)(p - r->host) >> MMU_PAGE_SHIFT];
    }
    return NULL;
}

/* Which writable RAM region (*ram) and page of it (*page) host address p
 * is in; false if none (then it has no write_tagged byte). */
static bool tagged_page_of(const struct mmu_system *s, const uint8_t *p, int *ram, uint64_t *page)
{
    for (int i = 0; i < s->bus->n_ram; i++) {
        const struct bus_ram *r = &s->bus->ram[i];
        if (s->write_tagged[i] && p >= r->host && (uint64_t)(p - r->host) < r->size) {
            *ram = i;
            *page = (uint64_t)(p - r->host) >> MMU_PAGE_SHIFT;
            return true;
        }
    }
    return false;
}

/* A write tag for host page `host` goes into the current set at va's index:
 * record the set (write_tagged) and the index (write_index) first, so that
 * a hart marking the page as code finds the tag (see mmu_sys_mark_code).
 * Only this thread writes these; an index once MANY stays so. */
static void note_write_tag(struct mmu_system *s, const uint8_t *host, uint64_t va)
{
    int i;
    uint64_t p;
    if (!tagged_page_of(s, host, &i, &p)) return;
    uint16_t *ix = &s->write_index[i][p], want = (uint16_t)(((va >> MMU_PAGE_SHIFT) & (MMU_TLB_SIZE - 1)) + 1);
    uint16_t had_ix = __atomic_load_n(ix, __ATOMIC_RELAXED);
    if (had_ix != want && had_ix != MMU_SYS_INDEX_MANY) __atomic_store_n(ix, had_ix ? MMU_SYS_INDEX_MANY : want, __ATOMIC_RELAXED);
    uint8_t *tagged = &s->write_tagged[i][p], set_bit = (uint8_t)(1u << (s->cur - s->sets));
    uint8_t had = __atomic_load_n(tagged, __ATOMIC_RELAXED);
    if (!(had & set_bit)) __atomic_store_n(tagged, had | set_bit, __ATOMIC_RELAXED);
}

/* The mark byte of the code page holding host address p, or NULL if p is
 * not in writable memory. */
static uint8_t *code_mark(const struct mmu_system *s, const uint8_t *p)
{
    return page_byte(s, s->code_pages, p);
}

/* Drops every write tag of m's TLB (the sets in the bit mask `sets`,
 * whichever thread owns m) that reaches host page `page`: only the entry at
 * `index` - 1 of each set if the page's write tags were all filled there
 * (write_index), else every entry. */
static void drop_write_tags(struct mmu *m, uintptr_t page, unsigned sets, unsigned index)
{
    bool one = index >= 1 && index <= MMU_TLB_SIZE;
    int lo = one ? (int)index - 1 : 0, hi = one ? (int)index : MMU_TLB_SIZE;
    for (unsigned j = 0; j < MMU_SYS_TLB_SETS; j++)
        for (int i = lo; (sets >> j & 1) && i < hi; i++) {
            struct tlb_entry *e = &m->sys->sets[j].tlb[i];
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
    /* Look only at the TLBs that ever got a write tag for the page, and
     * there only at the index it was filled at (their write_tagged byte and
     * write_index are set before the tag, and a fill re-checks the mark
     * after a fence: either these loads see them or that fill sees the
     * mark).  One thread alone is its only peer. */
    struct mmu *alone[1] = {m};
    struct mmu **peers = s->peers ? s->peers : alone;
    unsigned n_peers = s->peers ? s->n_peers : 1;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    for (unsigned h = 0; h < n_peers; h++) {
        struct mmu_system *ps = peers[h]->sys;
        int r;
        uint64_t p;
        bool known = tagged_page_of(ps, host, &r, &p);
        unsigned sets = known ? __atomic_load_n(&ps->write_tagged[r][p], __ATOMIC_RELAXED) : 0xff;
        if (!sets) continue;
        s->peer_scans++;
        /* (not RAM with a byte map: every entry of every set) */
        unsigned index = known ? __atomic_load_n(&ps->write_index[r][p], __ATOMIC_RELAXED) : 0;
        drop_write_tags(peers[h], page, sets, index);
    }
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
            uint64_t tag = MMU_RELAXED_LOAD(&e->tag_write);
            if (tag != MMU_NO_TAG && dirty_mark(s, (const uint8_t *)(uintptr_t)(tag + MMU_RELAXED_LOAD(&e->addend))))
                MMU_RELAXED_STORE(&e->tag_write, MMU_NO_TAG);
        });
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
    uint64_t r = MMU_RELAXED_LOAD(&e->tag_read), w = MMU_RELAXED_LOAD(&e->tag_write), x = MMU_RELAXED_LOAD(&e->tag_exec);
    if (MMU_RELAXED_LOAD(&e->addend) != addend) r = w = x = MMU_NO_TAG;
    if (r != page) r = MMU_NO_TAG;
    if (w != page) w = MMU_NO_TAG;
    if (x != page) x = MMU_NO_TAG;
    if (kind == MMU_READ) r = page;
    if (kind == MMU_WRITE) w = page;
    if (kind == MMU_EXEC) x = page;
    /* (another hart's thread may clear a write tag meanwhile: whole-word
     * relaxed atomics; only the entry's own thread fills it) */
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
        uint64_t pa, page_size;
        int r = walk_sized(s, &s->data, va, MMU_WRITE, &pa, &page_size);
        if (r) return r;
        uint8_t *host = ram_page(s, pa, true);
        /* no write tag while stores are logged, on the HTIF page, or on a page of translated code */
        uint8_t *mark = host ? code_mark(s, host) : NULL;
        if (host && !m->store_log && !watched_page(s, pa) && !(mark && __atomic_load_n(mark, __ATOMIC_RELAXED))) {
            note_write_tag(s, host, va);
            tlb_fill(m, va, host, MMU_WRITE, page_size);
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
    uint64_t pa, page_size;
    int r = walk_sized(s, &s->fetch, va, MMU_EXEC, &pa, &page_size);
    if (r) return r;
    uint8_t *host = ram_page(s, pa, false);
    if (!host) return MMU_FAULT_ACCESS; /* code runs from memory only */
    tlb_fill(m, va, host, MMU_EXEC, page_size);
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
