/*
 * translator/dispatch.c — the translator's engine loop, block table and flushing.
 *
 * tx_run() is the "dispatcher".  Each iteration: make sure translations are
 * still valid (fence.i, or code pages unmapped/re-protected), find the block
 * for cpu->pc in the hash table or translate it, chain the exit we arrived
 * through to it (so the next time that exit jumps straight here), and enter
 * the block through the trampoline.  Translated code only comes back when it
 * must: an unchained or indirect exit that missed the jump cache, a trap, a
 * helper that changed control flow, or an exit request at a block entry.
 */
#include <pthread.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cpu/interp.h"
#include "mmu/mmu.h"
#include "mmu/mmu_system.h"
#include "translator/capstone_dyn.h"
#include "translator/check.h"
#include "translator/helpers.h"
#include "translator/tx_internal.h"

typedef uintptr_t (*tx_enter_fn)(struct cpu *cpu, const uint8_t *code);

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Empties the indirect-jump cache (an empty entry: tx_jmp_empty_tag). */
static void jmp_empty(struct translator *tx, size_t i)
{
    tx->jmp_cache[i] = (struct tx_jmp_entry){tx_jmp_empty_tag(tx, i), NULL};
}

void tx_jmp_cache_clear(struct translator *tx)
{
    if (tx->system && tx->n_jmp_filled <= TX_JMP_FILLED_MAX) { /* only the entries set since the last clear */
        for (unsigned i = 0; i < tx->n_jmp_filled; i++) jmp_empty(tx, tx->jmp_filled[i]);
    } else if (tx->jmp_cache_used) { /* (an empty entry holds 0, but for entry 0: below) */
        memset(tx->jmp_cache, 0, TX_JMP_MODES * (size_t)tx->jmp_size * sizeof *tx->jmp_cache);
    }
    for (unsigned mode = 0; mode < TX_JMP_MODES; mode++) jmp_empty(tx, (size_t)mode * tx->jmp_size);
    tx->jmp_cache_used = false;
    tx->n_jmp_filled = 0;
    memset(tx->jmp_pages, 0, sizeof tx->jmp_pages);
}

static unsigned jmp_page_bit(uint64_t pc) { return (unsigned)(pc >> MMU_PAGE_SHIFT) & (TX_JMP_CACHE_SIZE - 1); }

/* System mode: sfence.vma of one page: drop the jump-cache entries on it. */
static void jmp_cache_drop_page(struct translator *tx, uint64_t page)
{
    unsigned bit = jmp_page_bit(page);
    if (!(tx->jmp_pages[bit / 64] >> (bit % 64) & 1)) return;
    if (tx->n_jmp_filled > TX_JMP_FILLED_MAX) {
        tx_jmp_cache_clear(tx);
        return;
    }
    for (unsigned i = 0; i < tx->n_jmp_filled; i++) {
        struct tx_jmp_entry *j = &tx->jmp_cache[tx->jmp_filled[i]];
        if ((j->guest_pc & ~MMU_PAGE_MASK) == page) jmp_empty(tx, tx->jmp_filled[i]);
    }
}

/* A block's memory is the arena's (block_arena.h): it is given back when
 * the arena is reset, at the flush that always follows a failed
 * translation, and with every other block at a flush. */
void tx_free_block(struct tx_block *b) { (void)b; }

#define JMP_CACHE_BYTES ((size_t)TX_JMP_MODES * TX_SYS_JMP_CACHE_SIZE * sizeof(struct tx_jmp_entry))

/* The jump cache's memory (1 MiB, backed only where touched).  With
 * opt.low_jmp_cache in the low 2 GiB if the host has room there, so the
 * probe can name it by a sign-extended disp32: one instruction (a 10-byte
 * movabs) less per indirect jump.  MAP_32BIT gives memory below 2 GiB
 * (valgrind honours it too); the end is checked all the same. */
static bool jmp_cache_alloc(struct translator *tx)
{
    void *p = MAP_FAILED;
    if (tx->opt.low_jmp_cache) {
        p = mmap(NULL, JMP_CACHE_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
        if (p != MAP_FAILED && (uintptr_t)p + JMP_CACHE_BYTES > 0x7fffffffu) {
            munmap(p, JMP_CACHE_BYTES);
            p = MAP_FAILED;
        }
    }
    tx->jmp_cache_low = p != MAP_FAILED;
    if (p == MAP_FAILED) p = mmap(NULL, JMP_CACHE_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    tx->jmp_cache = p == MAP_FAILED ? NULL : p;
    return tx->jmp_cache != NULL;
}

/* The block table comes straight from mmap, zeroed, and costs a page fault
 * only where used: calloc may clear it with memset (it did here, once a
 * large free had raised glibc's mmap threshold), which touched all 512 KiB
 * at every start of a program.  (It holds pointers to blocks that all[]
 * holds too, so leak checkers, which do not scan mmap'd memory, still see
 * them.) */
static void *zeroed_pages(size_t bytes, bool huge_pages)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    /* System mode's table is 8 MiB, and a Linux boot's blocks land all over
     * it (1,600 page faults): transparent huge pages where the host gives
     * them, as for the guest RAM.  (User mode's 512 KiB stays small.) */
    if (p != MAP_FAILED && huge_pages && bytes >= (8u << 20)) (void)madvise(p, bytes, MADV_HUGEPAGE);
    return p == MAP_FAILED ? NULL : p;
}

/* Frees the translator and its lookup tables (tx_create's failures, tx_destroy). */
static void free_tables(struct translator *tx)
{
    if (tx->jmp_cache) munmap(tx->jmp_cache, JMP_CACHE_BYTES);
    if (tx->hash) munmap(tx->hash, sizeof *tx->hash * ((size_t)tx->hash_mask + 1));
    free(tx->hash_used);
    free(tx->page_index);
    free(tx->page_hash);
    free(tx->cross_hash);
    if (tx->owns_peer_hot) free(tx->peer_hot);
    block_arena_destroy(&tx->arena);
    free(tx);
}

struct translator *tx_create(const struct tx_options *opt)
{
    char why[256];
    if ((opt->explain || opt->explain_hot || opt->explain_later) && !capstone_dyn_load(why, sizeof why)) {
        fprintf(stderr, "rvdbt: %s\n", why);
        return NULL;
    }
    /* (calloc: the struct holds the only pointers to heap tables, and leak
     * checkers scan the heap but not mmap'd memory; a block this large is
     * mmap'd by glibc anyway, fresh, unless a large free raised its threshold) */
    struct translator *tx = calloc(1, sizeof *tx);
    if (!tx) return NULL;
    tx->opt = *opt;
    if (!tx->opt.code_cache_size) tx->opt.code_cache_size = TX_DEFAULT_CODE_CACHE;
    /* The lookup tables: with opt.sized_tables one pc bucket per
     * TX_BYTES_PER_BUCKET of cache and one page bucket per 4 KiB of it, so a
     * 512 MiB cache holding ~600,000 blocks keeps chains as short as the
     * default 32 MiB one (fixed sizes made a big cache cost more per guest
     * instruction than the retranslation it saved). */
    size_t buckets = TX_HASH_SIZE, page_buckets = TX_PAGE_HASH_SIZE;
    while (tx->opt.sized_tables && buckets * TX_BYTES_PER_BUCKET < tx->opt.code_cache_size) buckets *= 2;
    while (tx->opt.sized_tables && page_buckets * 4096 < tx->opt.code_cache_size) page_buckets *= 2;
    tx->hash_mask = (unsigned)buckets - 1;
    tx->page_mask = (unsigned)page_buckets - 1;
    tx->hash = zeroed_pages(buckets * sizeof *tx->hash, tx->opt.huge_pages);
    tx->hash_used = calloc(buckets / 64, sizeof *tx->hash_used); /* (buckets: a power of 2, >= 65,536) */
    tx->page_hash = calloc(page_buckets, sizeof *tx->page_hash);
    tx->cross_hash = calloc(page_buckets, sizeof *tx->cross_hash);
    if (!tx->hash || !tx->hash_used || !tx->page_hash || !tx->cross_hash || !jmp_cache_alloc(tx) ||
        !block_arena_create(&tx->arena, (size_t)tx->opt.code_cache_size * TX_ARENA_PER_CODE_BYTE, tx->opt.huge_pages)) {
        free_tables(tx);
        return NULL;
    }
    if (!code_cache_init(&tx->cc, tx->opt.code_cache_size)) {
        fprintf(stderr, "rvdbt: cannot create the code cache (mmap/mremap of shared memory failed)\n");
        free_tables(tx);
        return NULL;
    }
    tx->cc.back_ahead = tx->opt.huge_pages;
    if (!tx_emit_trampolines(tx)) {
        fprintf(stderr, "rvdbt: code cache too small for the trampolines\n");
        code_cache_destroy(&tx->cc);
        free_tables(tx);
        return NULL;
    }
    if (!(tx->page_index = calloc((tx->cc.size >> 12) + 1, sizeof *tx->page_index))) {
        code_cache_destroy(&tx->cc);
        free_tables(tx);
        return NULL;
    }
    tx->jmp_size = TX_JMP_CACHE_SIZE;
    tx_jmp_cache_clear(tx);
    const char *fault = getenv("RVDBT_TEST_MISTRANSLATE");
    if (fault)
        tx->test_fault = !strcmp(fault, "fp")        ? TX_TEST_FAULT_FADD
                         : !strcmp(fault, "fpflags") ? TX_TEST_FAULT_FPFLAGS
                                                     : TX_TEST_FAULT_ADDI;
    if (getenv("RVDBT_TEST_CLOBBER_XMM")) tx_test_clobber_xmm = true;
    tx->seen_exec_generation = UINT64_MAX; /* forces a (cheap, empty) flush at first run */
    return tx;
}

bool tx_before_fork(struct translator *tx)
{
    /* Copying costs about what translating again would beyond a few MiB of
     * code (every page of the copy is a fresh fault): a large cache is left
     * behind, and the child starts a new translator. */
    if (tx->cc.used > TX_FORK_COPY_MAX) return false;
    return code_cache_copy(&tx->cc, &tx->fork_copy);
}

bool tx_fork_child(struct translator *tx)
{
    if (!tx->fork_copy.size) return false;
    bool ok = code_cache_adopt(&tx->cc, &tx->fork_copy);
    if (ok) memset(&tx->stats, 0, sizeof tx->stats);
    return ok;
}

void tx_fork_parent(struct translator *tx)
{
    code_cache_destroy(&tx->fork_copy);
}

/* The guest loads and stores a block has executed (its counters, --stats). */
static uint64_t block_memory_accesses(const struct tx_block *b)
{
    uint64_t n = b->hot_count * b->mem_insns;
    for (int i = 0; i < b->n_exits; i++) n -= b->exits[i].hot_count * b->exits[i].skipped_mem;
    for (int i = 0; i < b->n_inner; i++) n -= b->inner_count[i] * b->inner_skipped_mem[i];
    return n;
}

uint64_t tx_memory_accesses(const struct translator *tx)
{
    uint64_t n = tx->memory_accesses_of_flushed_blocks;
    for (size_t i = 0; i < tx->n_all; i++) n += block_memory_accesses(tx->all[i]);
    return n;
}

void tx_flush(struct translator *tx)
{
    for (size_t i = 0; i < tx->n_all; i++) {
        tx->memory_accesses_of_flushed_blocks += block_memory_accesses(tx->all[i]);
        tx_free_block(tx->all[i]);
    }
    /* (every block in the lookup table is in all[]: with none, the table is
     * empty already, and clearing it would only fault its pages in: the
     * flush at a translator's first run, tx_create) */
    if (tx->n_all) {
        memset(tx->hash, 0, sizeof *tx->hash * ((size_t)tx->hash_mask + 1));
        memset(tx->hash_used, 0, sizeof *tx->hash_used * (((size_t)tx->hash_mask + 1) / 64));
        memset(tx->recent, 0, sizeof tx->recent); /* (its entries are of blocks in the table) */
    }
    tx->n_all = 0;
    block_arena_reset(&tx->arena);
    tx->page_index_next = 0;
    tx_jmp_cache_clear(tx);
    if (tx->system) tx_sys_flush(tx);
    /* Keep the trampolines (pinned), drop every block's code. */
    if (code_cache_reset(&tx->cc)) tx->stats.flushes++; /* an empty cache was not flushed */
}

void tx_invalidate_range(struct translator *tx, uint64_t start, uint64_t end)
{
    /* Chained jumps into a dropped block would dangle, so unless nothing
     * overlaps, drop everything.  (Per-page invalidation belongs to system
     * mode, where Linux rewrites code often; user programs rarely do.) */
    for (size_t i = 0; i < tx->n_all; i++) {
        const struct tx_block *b = tx->all[i];
        if (b->code_lo < end && b->code_end > start) {
            tx_flush(tx);
            return;
        }
    }
}

void tx_destroy(struct translator *tx)
{
    if (!tx) return;
    tx_remove_fault_handler(tx);
    for (size_t i = 0; i < tx->n_all; i++) tx_free_block(tx->all[i]);
    free(tx->all);
    free(tx->all_host);
    free(tx->ctx);
    code_cache_destroy(&tx->cc);
    code_cache_destroy(&tx->fork_copy);
    free_tables(tx);
}

bool tx_share_hot(struct translator *tx, struct translator *first)
{
    if (tx == first) {
        if (!tx->peer_hot && !(tx->peer_hot = calloc(1, TX_PEER_HOT_SIZE))) return false;
        tx->owns_peer_hot = true;
    } else {
        tx->peer_hot = first->peer_hot;
    }
    return true;
}

/* Tells the other harts (opt.peer_hot) that the block at pc is hot: load
 * first, so a mark already there costs no write to a shared cache line. */
static inline void mark_peer_hot(struct translator *tx, uint64_t pc)
{
    uint8_t *m = &tx->peer_hot[tx_peer_hot_index(pc)];
    if (!__atomic_load_n(m, __ATOMIC_RELAXED)) __atomic_store_n(m, 1, __ATOMIC_RELAXED);
}

const struct tx_stats *tx_get_stats(const struct translator *tx) { return &tx->stats; }
size_t tx_lookup_buckets(const struct translator *tx) { return (size_t)tx->hash_mask + 1; }

/* Returns the recent-cache entry of the block at pc (filled from the table
 * if it held another), NULL if there is none.  The entry stays valid until
 * the next lookup, translation or unlink.
 * (In user mode every block has mode 0: sys = false drops the compare.) */
static inline __attribute__((always_inline)) struct tx_recent *lookup(struct translator *tx, uint64_t pc, bool sys,
                                                                       uint8_t mode)
{
    tx->stats.lookups++;
    struct tx_recent *r = &tx->recent[(pc >> 1) & (TX_RECENT_SIZE - 1)];
    if (r->pc == pc && (r->tag & 63) == ((sys ? mode : 0u) | TX_RECENT_LIVE)) return r;
    unsigned h = tx_block_hash(tx, pc);
    if (!(tx->hash_used[h / 64] >> (h % 64) & 1)) return NULL;
    for (struct tx_block *b = tx->hash[h]; b; b = b->hash_next) {
        tx->stats.lookup_steps++;
        if (b->pc == pc && (!sys || b->mode == mode)) {
            *r = (struct tx_recent){.pc = pc,
                                    .tag = (uintptr_t)b | (sys ? mode : 0u) | TX_RECENT_LIVE,
                                    .host = b->host,
                                    .host_code = b->host_code};
            return r;
        }
    }
    return NULL;
}

static bool insert(struct translator *tx, struct tx_block *b)
{
    if (tx->n_all == tx->cap_all) {
        size_t cap = tx->cap_all ? tx->cap_all * 2 : 1024;
        struct tx_block **n = realloc(tx->all, cap * sizeof *n);
        if (!n) return false;
        tx->all = n;
        uintptr_t *h = realloc(tx->all_host, cap * sizeof *h);
        if (!h) return false;
        tx->all_host = h;
        tx->cap_all = cap;
    }
    tx->all_host[tx->n_all] = (uintptr_t)b->host;
    /* (blocks are appended in the order of their code: the pages up to the
     * one this block starts on now have their first block) */
    size_t page = (size_t)(b->host - tx->cc.rx) >> 12;
    while (tx->page_index_next <= page) tx->page_index[tx->page_index_next++] = (uint32_t)tx->n_all;
    tx->all[tx->n_all++] = b;
    unsigned h = tx_block_hash(tx, b->pc);
    b->hash_next = tx->hash[h];
    tx->hash[h] = b;
    tx->hash_used[h / 64] |= 1ull << (h % 64);
    return true;
}

/* The miss path of get_block: translate the block at cpu->pc. */
static __attribute__((noinline)) struct tx_block *translate_block(struct translator *tx, struct cpu *cpu)
{
    struct tx_block *b = NULL;
    double t0 = now();
    /* User mode: no other thread may change mappings while we read the code
     * and mark its pages translated (mmu.h: the lock).  If one did so since
     * our last look, start from a clean slate first. */
    bool locked = !cpu->system;
    if (locked) pthread_mutex_lock(&cpu->mmu->lock);
    for (int attempt = 0; attempt < 2; attempt++) {
        bool trap = false;
        b = tx_translate(tx, cpu, &trap);
        if (trap) break;
        if (b && insert(tx, b)) {
            if (tx->system) tx_sys_register_block(tx, cpu, b);
            break;
        }
        if (b) tx_free_block(b);
        b = NULL;
        tx_flush(tx); /* code cache full (or out of memory): start afresh */
    }
    if (locked) pthread_mutex_unlock(&cpu->mmu->lock);
    tx->stats.translate_seconds += now() - t0;
    if (b && tx->opt.explain) tx_explain_block(tx, b, tx->opt.explain);
    if (b && tx->opt.perf_map) { /* perf report then names samples in generated code by guest pc */
        fprintf(tx->opt.perf_map, "%llx %x rv:%llx\n", (unsigned long long)(uintptr_t)b->host, b->host_size,
                (unsigned long long)b->pc);
        fflush(tx->opt.perf_map);
    }
    return b;
}

/* Finds or translates the block at cpu->pc.  NULL means the first
 * instruction traps (cpu->trap_* set).  Inlined: the hit is the hot path. */
static inline __attribute__((always_inline)) struct tx_recent *find_block(struct translator *tx, struct cpu *cpu,
                                                                           bool sys, uint8_t mode)
{
    struct tx_recent *r = lookup(tx, cpu->pc, sys, mode);
    if (r && (!sys || tx_sys_maps_to(cpu, cpu->pc, r->host_code))) return r;
    if (r) { /* system mode: its pc maps elsewhere now */
        tx_sys_unlink(tx, tx_recent_block(r)); /* (empties r) */
        tx->stats.stale_blocks++;
    }
    return NULL;
}

static inline __attribute__((always_inline)) struct tx_block *get_block(struct translator *tx, struct cpu *cpu,
                                                                         bool sys, uint8_t mode)
{
    struct tx_recent *r = find_block(tx, cpu, sys, mode);
    return r ? tx_recent_block(r) : translate_block(tx, cpu);
}

/* Brings the translations up to date with what the guest did since we last
 * looked; returns true if blocks may have gone (no chaining from before).
 * User mode: fence.i or a change to executable mappings flushes everything.
 * System mode (translator/sys_code.c): stores to code pages have already
 * dropped their blocks, so fence.i needs nothing; a translation change
 * (sfence.vma, satp) only empties the jump cache, as blocks are checked
 * against the current mapping when the dispatcher finds them; a reset
 * (memory reloaded) flushes everything. */
static __attribute__((noinline)) bool sync_system(struct translator *tx, struct cpu *cpu)
{
    bool changed = false;
    cpu->code_changed = 0;
    if (cpu->mmu->sys->memory_generation != tx->seen_memory_generation) {
        tx_flush(tx);
        tx->seen_memory_generation = cpu->mmu->sys->memory_generation;
        changed = true;
    }
    struct mmu_system *ms = cpu->mmu->sys;
    if (cpu->mmu->exec_generation != tx->seen_exec_generation) {
        tx_jmp_cache_clear(tx);
        tx->seen_exec_generation = cpu->mmu->exec_generation;
        changed = true;
    } else if (ms->n_sfence_pages) {
        for (unsigned i = 0; i < ms->n_sfence_pages; i++) jmp_cache_drop_page(tx, ms->sfence_pages[i]);
        changed = true; /* (blocks stay; only the cache forgot entries) */
    }
    ms->n_sfence_pages = 0;
    return changed;
}

/* (sys is a constant at each call, so each loop gets only its own half.) */
static inline __attribute__((always_inline)) bool sync_with_guest(struct translator *tx, struct cpu *cpu, bool sys)
{
    if (sys) return sync_system(tx, cpu);
    /* (Another thread may bump the generation: read it whole, once.) */
    uint64_t generation = __atomic_load_n(&cpu->mmu->exec_generation, __ATOMIC_ACQUIRE);
    if (!cpu->code_changed && generation == tx->seen_exec_generation) return false;
    tx_flush(tx);
    cpu->code_changed = 0;
    tx->seen_exec_generation = generation;
    return true;
}

/* Tiering (both modes): whether the block at pc is still cold, counting this visit.
 * Most blocks of a short run (start-up: the dynamic loader, libc's
 * initialisation) execute a handful of times; translating one costs about as
 * much as interpreting it a few hundred times, so a block is interpreted
 * until it has been reached TX_TRANSLATE_AFTER times (system mode:
 * TX_SYS_TRANSLATE_AFTER, opt.late_translate). */
static inline bool still_cold(struct translator *tx, uint64_t pc)
{
    uint8_t *n = &tx->cold_count[tx_hash_pc(pc)];
    unsigned after = tx->system && tx->opt.late_translate ? TX_SYS_TRANSLATE_AFTER : TX_TRANSLATE_AFTER;
    if (*n >= after - 1) return false;
    if (tx->peer_hot && __atomic_load_n(&tx->peer_hot[tx_peer_hot_index(pc)], __ATOMIC_RELAXED)) {
        tx->stats.peer_hot_blocks++;
        return false;
    }
    (*n)++;
    return true;
}

/* Runs one basic block in the interpreter: until an instruction that does
 * not fall through (a taken jump or branch, a trap), at most 64.  Returns
 * true on a trap, like translated code.  Used for cold blocks (tiering) and
 * for a block whose FP code needs frm = RNE when frm is another mode
 * (TX_RET_INTERPRET, translate.c's per-block frm check). */
static bool interpret_block(struct cpu *cpu)
{
    return cpu_run_interp_basic_block(cpu, 64);
}

/* Runs one block (and whatever it chains to) until translated code returns.
 * The one place every dispatcher enters translated code -- run_user,
 * run_system and the check engine's tx_run_one -- so the check engine runs
 * exactly what the default engine runs around a block.
 *
 * Host FP flags: translated FP code lets SSE accrue exception flags in
 * MXCSR (translator/lower_fp.c), so MXCSR must hold only the guest's flags
 * while a block runs: C code since the last block (device models, time
 * arithmetic, the machine loop) may have left some, which would otherwise
 * be folded into fflags by the next CSR instruction or return here.  Both
 * user and system mode need this: system mode once skipped it, and
 * fsflags after an exact fadd.s read NX left by the machine loop. */
static inline __attribute__((always_inline)) uintptr_t enter_block(struct translator *tx, struct cpu *cpu,
                                                                    const uint8_t *host)
{
    tx_enter_fn enter = (tx_enter_fn)(uintptr_t)tx->enter;
    tx->stats.dispatches++;
    if (__builtin_expect(tx->test_fault == TX_TEST_FAULT_FPFLAGS, 0))
        tx_test_dirty_host_fp_flags(); /* the planted bug: stale flags stay (see tx_internal.h) */
    else
        tx_clear_host_fp_flags();
    uintptr_t r = enter(cpu, host);
    tx_fold_host_fp_flags(cpu);
    return r;
}

/* User mode, host MMU: the SIGSEGV handler that sends a faulting guest
 * access to its slow path must be in place before the first block that
 * relies on it is translated.  Installed once, when the translator first
 * runs a user-mode cpu (tx_run or tx_run_one); if the host refuses, blocks
 * are translated with the TLB check instead. */
static void start_user_mode(struct translator *tx)
{
    tx_set_current(tx); /* the host-fault handler looks here first */
    if (tx->opt.host_mmu && !tx->fault_handler_user && !tx_install_fault_handler(tx)) tx->opt.host_mmu = false;
}

/* The user-mode dispatcher loop: see the top of this file. */
static bool run_user(struct translator *tx, struct cpu *cpu)
{
    start_user_mode(tx);
    struct tx_exit *came_from = NULL;
    for (;;) {
        if (cpu_exit_requested(cpu)) return false;
        if (sync_with_guest(tx, cpu, false)) came_from = NULL;
        uint64_t flushes = tx->stats.flushes, pc = cpu->pc;
        struct tx_recent *found = lookup(tx, pc, false, 0);
        if (!found && tx->opt.tiering && still_cold(tx, pc)) {
            tx->stats.cold_blocks_interpreted++;
            if (interpret_block(cpu)) return true;
            came_from = NULL; /* (an interpreted block has no exit to chain) */
            continue;
        }
        /* A hit reads only the recent-cache entry; the block itself only
         * to chain an exit to it. */
        struct tx_block *b = NULL;
        if (!found && !(b = translate_block(tx, cpu))) return true;
        const uint8_t *host = found ? found->host : b->host;
        if (tx->stats.flushes != flushes) came_from = NULL; /* its block is gone */
        if (came_from && tx->opt.chain && came_from->target_pc == pc)
            tx_chain(tx, came_from, b ? b : tx_recent_block(found));
        if (tx->opt.chain) { /* let indirect jumps to this block find it without us */
            struct tx_jmp_entry *j = &tx->jmp_cache[(pc >> 1) & (tx->jmp_size - 1)];
            j->guest_pc = pc;
            j->host = host;
            tx->jmp_cache_used = true;
        }
        uintptr_t r = enter_block(tx, cpu, host);
        if (r == TX_RET_TRAP) return true;
        if (r == TX_RET_INTERPRET) {
            tx->stats.frm_blocks_interpreted++;
            if (interpret_block(cpu)) return true;
            r = TX_RET_PLAIN;
        }
        came_from = r == TX_RET_PLAIN ? NULL : (struct tx_exit *)r;
    }
}

/* The system-mode loop differs in four ways: blocks are looked up for the
 * current privilege (and checked against the current mapping, in
 * get_block); chaining stays within a page (tx_sys_may_chain); the jump
 * cache remembers what it set, to be cleared cheaply at every sfence.vma;
 * and the privilege is fixed for the whole loop. */
static bool run_system(struct translator *tx, struct cpu *cpu)
{
    struct tx_exit *came_from = NULL;
    /* The jump cache is keyed by pc alone: after a privilege change its
     * entries may belong to the other privilege's blocks.  The privilege
     * only changes outside this loop (traps and interrupts are delivered by
     * the machine loop; mret/sret set exit_request, which ends the loop). */
    const uint8_t mode = cpu->priv.mode;
    if (!tx->opt.mode_jmp_caches && mode != tx->jmp_cache_mode) {
        tx_jmp_cache_clear(tx);
        tx->jmp_cache_mode = mode;
    }
    struct tx_jmp_entry *jmp_cache = tx_jmp_cache_of(tx, mode);
    for (;;) {
        if (cpu_exit_requested(cpu)) return false;
        if (sync_with_guest(tx, cpu, true)) came_from = NULL;
        uint64_t flushes = tx->stats.flushes, pc = cpu->pc;
        struct tx_recent *found = find_block(tx, cpu, true, mode);
        if (!found && tx->opt.tiering && still_cold(tx, pc)) {
            tx->stats.cold_blocks_interpreted++;
            if (interpret_block(cpu)) return true;
            came_from = NULL;
            continue;
        }
        struct tx_block *b = NULL; /* (as in run_user: read only to chain) */
        if (!found) {
            if (!(b = translate_block(tx, cpu))) return true;
            if (tx->peer_hot) mark_peer_hot(tx, pc);
        }
        const uint8_t *host = found ? found->host : b->host;
        if (tx->stats.flushes != flushes) came_from = NULL;
        if (came_from && tx->opt.chain && came_from->target_pc == pc) {
            if (!b) b = tx_recent_block(found);
            if (tx_sys_may_chain(came_from->block, b)) tx_chain(tx, came_from, b);
        }
        if (tx->opt.chain) {
            struct tx_jmp_entry *j = &jmp_cache[(pc >> 1) & (tx->jmp_size - 1)];
            j->guest_pc = pc;
            j->host = host;
            tx->jmp_cache_used = true;
            if (tx->n_jmp_filled < TX_JMP_FILLED_MAX) tx->jmp_filled[tx->n_jmp_filled] = (uint16_t)(j - tx->jmp_cache);
            if (tx->n_jmp_filled <= TX_JMP_FILLED_MAX) tx->n_jmp_filled++;
            unsigned bit = jmp_page_bit(pc);
            tx->jmp_pages[bit / 64] |= 1ull << (bit % 64);
        }
        uintptr_t r = enter_block(tx, cpu, host);
        if (r == TX_RET_TRAP) return true;
        if (r == TX_RET_INTERPRET) {
            tx->stats.frm_blocks_interpreted++;
            if (interpret_block(cpu)) return true;
            r = TX_RET_PLAIN;
        }
        came_from = r == TX_RET_PLAIN ? NULL : (struct tx_exit *)r;
    }
}

bool tx_run(struct translator *tx, struct cpu *cpu)
{
    if (!cpu->system) return run_user(tx, cpu);
    if (!tx->system) tx_sys_attach(tx, cpu);
    return run_system(tx, cpu);
}

int tx_run_one(struct translator *tx, struct cpu *cpu, struct tx_block **block)
{
    if (!cpu->system) start_user_mode(tx);
    else tx_set_current(tx);
    if (cpu->system && !tx->system) tx_sys_attach(tx, cpu);
    if (cpu->system) {
        sync_with_guest(tx, cpu, true);
        *block = get_block(tx, cpu, true, cpu->priv.mode);
    } else {
        sync_with_guest(tx, cpu, false);
        *block = get_block(tx, cpu, false, 0);
    }
    if (!*block) return TX_CHECK_TRAP;
    uintptr_t r = enter_block(tx, cpu, (*block)->host);
    if (r == TX_RET_INTERPRET) { /* (the check engine replays as many instructions as ran) */
        tx->stats.frm_blocks_interpreted++;
        return interpret_block(cpu) ? TX_CHECK_TRAP : TX_CHECK_EXIT;
    }
    return r == TX_RET_TRAP ? TX_CHECK_TRAP : TX_CHECK_EXIT;
}

bool tx_show_block(struct translator *tx, struct cpu *cpu, uint64_t pc, struct tx_block_info *info, FILE *out)
{
    /* The dispatcher translates at cpu->pc and may record a trap: both are put back. */
    uint64_t saved_pc = cpu->pc, cause = cpu->trap_cause, tval = cpu->trap_tval;
    if (!cpu->system) start_user_mode(tx); /* (it translates: the fault handler must be there first) */
    else tx_set_current(tx);
    if (cpu->system && !tx->system) tx_sys_attach(tx, cpu);
    bool sys = cpu->system;
    sync_with_guest(tx, cpu, sys);
    cpu->pc = pc;
    struct tx_block *b = get_block(tx, cpu, sys, sys ? cpu->priv.mode : 0);
    cpu->pc = saved_pc, cpu->trap_cause = cause, cpu->trap_tval = tval;
    if (!b) return false;
    *info = (struct tx_block_info){.pc = b->pc, .n_insns = b->n_insns, .guest_size = b->guest_size};
    if (out) tx_explain_block(tx, b, out);
    return true;
}
