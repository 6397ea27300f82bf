/*
 * translator/tx_internal.h — the translator's private data structures.
 *
 * A translated block (struct tx_block) records where its code is, which
 * guest instructions it covers, and its side table: for each guest
 * instruction, the offset of its host code (used by --explain and to keep
 * faults precise), plus the direct exits that chaining patches.
 *
 * The generated code's conventions (the "ABI" between the dispatcher, the
 * blocks and the helpers):
 *   rbp                 struct cpu * for the whole time translated code runs
 *   rbx, r12..r14       the guest-register cache (callee-saved, so helper
 *                       calls preserve them)
 *   r9, r11, rdi, r8    four more cache registers, saved in cpu->tx_spill
 *                       around the helper calls of slow paths
 *   r15                 cpu->instret (loaded by the entry trampoline, stored
 *                       by the epilogue and around interpreter calls)
 *   r10                 cpu->mmu, i.e. &tlb[0] (loaded by the entry
 *                       trampoline, reloaded after every helper call)
 *   rax rcx rdx rsi     scratch (rsi: the guest address of a memory access)
 *   xmm0, xmm1          FP scratch
 *   xmm2..xmm15         copies of recently used FP registers (fpcache.c;
 *                       struct cpu's f[] stays exact, so they are never
 *                       written back, only reloaded after C calls)
 *   the stack           16-byte aligned at the block's level, so helpers
 *                       can be called directly
 * A block returns to the dispatcher through the epilogue with rax holding
 * TX_RET_PLAIN (cpu->pc is set), TX_RET_TRAP (cpu->trap_* and pc are set,
 * state precise) or the address of the struct tx_exit it left through
 * (cpu->pc is set to that exit's target), which the dispatcher may chain.
 */
#ifndef RVDBT_TRANSLATOR_TX_INTERNAL_H
#define RVDBT_TRANSLATOR_TX_INTERNAL_H

#include "cpu/decode.h"
#include "translator/block_arena.h"
#include "translator/code_cache.h"
#include "translator/translator.h"

/* A block continues past up to TX_MAX_SIDE_EXITS conditional branches (a
 * "superblock"): each becomes a side exit, taken out of line, and the
 * fall-through path stays in the block.  So an if inside a loop body does
 * not cut the loop into three blocks. */
#define TX_MAX_SIDE_EXITS 12
#define TX_MAX_EXITS (TX_MAX_SIDE_EXITS + 2)
#define TX_MAX_BLOCK_INSNS 64   /* length cap: keeps side tables small and translation latency low */
#define TX_MAX_FOLLOWED 4       /* opt.follow_jumps: direct jumps a block follows at most (discover.c) */
#define TX_FOLLOW_REACH (16 << 10) /* user mode: how far from a block's start a followed target may be */
#define TX_RECENT_SIZE 8192 /* the dispatcher's recent-block cache (translator.recent; with 4,096, Linux's boot walked the table 1.7 times as often) */
#define TX_HASH_SIZE TX_FIXED_LOOKUP_BUCKETS /* tiering's counters (by guest pc); the fewest block lookup buckets */
/* The block arena's address space, per byte of code cache (block_arena.h):
 * a Linux boot used 2.5 bytes of records per byte of code.  (When it is full
 * the translator flushes, as when the code cache is.) */
#define TX_ARENA_PER_CODE_BYTE 4
#define TX_BYTES_PER_BUCKET 512  /* opt.sized_tables: one lookup bucket per this much code cache (blocks average ~800 host bytes) */
#define TX_JMP_CACHE_SIZE 4096   /* indirect-jump cache entries (user mode; translator.jmp_size) */
#define TX_SYS_JMP_CACHE_SIZE 16384 /* system mode: per privilege (translator.jmp_size) */
#define TX_PAGE_HASH_SIZE 4096   /* system mode: blocks by physical page (the fewest buckets) */
#define TX_FORK_COPY_MAX (4u << 20) /* a forked child copies at most this much code (tx_before_fork) */
#define TX_JMP_FILLED_MAX 2048   /* system mode: jump-cache entries remembered for a cheap clear */
#define TX_JMP_MODES 4           /* system mode: one jump cache per privilege (tx_jmp_cache_of) */

/* TX_RET_INTERPRET: the block's FP code assumes frm = RNE and frm is not
 * (the per-block check, opt.hoist_frm): cpu->pc is the block's start, nothing
 * ran; the dispatcher interprets one basic block from there. */
enum { TX_RET_PLAIN = 0, TX_RET_TRAP = 1, TX_RET_INTERPRET = 2 };

/* Why a block ended, for --explain. */
enum tx_block_end { TX_END_BRANCH, TX_END_JUMP, TX_END_INDIRECT, TX_END_SYSTEM, TX_END_PAGE, TX_END_LENGTH,
                    TX_END_UNDECODABLE, TX_END_REPEAT };

/* A labelled range of a block's host code, for --explain: which part of
 * the x86 code does what (the inline TLB check, a slow path, an exit...).
 * Recorded only when explaining; purely descriptive. */
enum tx_note_kind {
    TX_NOTE_ENTRY_CHECK,   /* return to the dispatcher if an exit was requested */
    TX_NOTE_HOT_COUNTER,   /* --explain-hot: count this block's executions */
    TX_NOTE_TLB_CHECK,     /* inline TLB lookup: index, tag compare, jump to the slow path */
    TX_NOTE_TLB_HIT,       /* the host access through the TLB entry's addend */
    TX_NOTE_BOUNDS_CHECK,  /* host MMU (user mode): is the address inside the guest space? */
    TX_NOTE_HOST_ACCESS,   /* host MMU: the access itself; a host fault resumes at the slow path */
    TX_NOTE_ALWAYS_SLOW,   /* --no-inline-tlb: straight to the slow path */
    TX_NOTE_WRITEBACK,     /* dirty cached registers back to struct cpu */
    TX_NOTE_INSTRET,       /* instret += instructions retired since the last update */
    TX_NOTE_EXIT,          /* a direct exit: chainable jmp + stub (pc = target) */
    TX_NOTE_INDIRECT,      /* jalr: jump-cache lookup */
    TX_NOTE_HELPER,        /* an instruction run by the interpreter (helper call) */
    TX_NOTE_CSR_IN_BLOCK,  /* system mode: a CSR instruction by the interpreter, the block goes on (--no-csr-in-block) */
    TX_NOTE_FUSED,         /* this instruction and the next translated as one (value: the next's pc) */
    TX_NOTE_SLOW_LOAD,     /* out of line: a load's TLB miss / fault path */
    TX_NOTE_SLOW_STORE,
    TX_NOTE_SLOW_INTERP,   /* out of line: the interpreter for a case the inline code leaves out */
    TX_NOTE_SLOW_EXIT_REQUEST,
    TX_NOTE_LOOP_PRELOAD,  /* self-loop: load the cached registers once, before the loop head */
    TX_NOTE_LOOP_BACK,     /* self-loop back edge: exit check, then jump to the loop head */
    TX_NOTE_SIDE_EXIT,     /* out of line: a side exit's taken branch (write back, leave) */
    TX_NOTE_INNER_JUMP,    /* out of line: a self-loop's forward branch to its own later code */
    TX_NOTE_FFLAGS,        /* a CSR instruction on fflags, inline (--no-inline-fflags) */
    TX_NOTE_FMA,           /* a fused multiply-add on the host's FMA3 unit (--no-inline-fma) */
    TX_NOTE_FRM_CHECK,     /* once per block entry: frm = RNE, else the interpreter (--no-hoist-frm) */
    TX_NOTE_BOUNDS_KNOWN,  /* host MMU: the access alone, its base checked by an earlier one (--no-bounds-reuse) */
    TX_NOTE_COLD_ACCESS,   /* out of line: a load/store slow path as a record + call to shared code (--no-cold-stubs) */
    TX_NOTE_FP_WRITEBACK,  /* dirty FP cache registers to struct cpu (value: the f registers; --no-fp-writeback) */
    TX_NOTE_FP_CANONICAL,  /* a deferred NaN check: canonical NaN where the bits become visible (--no-fp-lazy-nan) */
    TX_NOTE_AMO,           /* an AMO as a host atomic instruction (--no-inline-amo) */
    TX_NOTE_CBO_ZERO,      /* system mode: cbo.zero as eight stores (value: the block's privilege; --no-inline-cbo-zero) */
    TX_NOTE_FS_CHECK,      /* system mode, once per block entry: mstatus.FS Dirty, else the interpreter (--no-sys-fp) */
    TX_NOTE_QUIET_COMPARE, /* frflags; feq/flt/fle.d; fsflags as one quiet compare (--no-quiet-compare) */
    TX_NOTE_FP_LOOP_NAN,   /* self-loop preload: FP registers carried marked maybe-NaN (value: the f registers; --no-fp-loop-nan) */
    TX_NOTE_BASE_CHECK,    /* host MMU: the base register alone inside the guest space? (--no-base-bounds) */
    TX_NOTE_ALU_FORM,      /* an ALU instruction in a shorter x86 form (--no-alu-forms) */
    TX_NOTE_PIN_SYNC,      /* pinned registers to struct cpu before C (value 0) or back after it (1) (--no-pin-regs) */
};

#define TX_NOTE_STORE 0x100       /* or-ed into a TLB note's value (the access size) for a store */
#define TX_NOTE_ADDEND 0x400      /* or-ed into a TLB hit note's value: via the entry's addend (system mode) */
#define TX_NOTE_HOST_FAULT 0x800  /* or-ed into a slow path note's value: entered by a host fault too (host MMU) */

struct tx_note {
    uint32_t start, end;   /* host code offsets in the block, [start, end) */
    uint8_t kind;          /* enum tx_note_kind */
    uint64_t pc;           /* the guest address it concerns (exit target, instruction) */
    uint64_t value;        /* kind-specific: instret count, helper address */
};

/* A direct exit: a jmp rel32 that initially goes to a stub returning to the
 * dispatcher, and that chaining re-points at the successor block. */
struct tx_exit {
    struct tx_block *block;    /* the block this exit belongs to */
    uint64_t target_pc;
    uint8_t *jmp_rel32;        /* rx address of the 4-byte displacement to patch */
    struct tx_block *chained;  /* successor once patched */
    /* --explain-hot: departures through this exit, and how many of the
     * block's instructions a departure skips (side exits leave early) */
    uint64_t hot_count;
    uint32_t skipped_insns;
    uint32_t skipped_mem;      /* ... and how many of its loads/stores */
};

/* One entry of the indirect-jump cache, read by generated code. */
struct tx_jmp_entry {
    uint64_t guest_pc;
    const uint8_t *host;
};
_Static_assert(sizeof(struct tx_jmp_entry) == 16, "generated code indexes the jump cache by 16");
_Static_assert(TX_JMP_MODES * TX_SYS_JMP_CACHE_SIZE <= 65536, "translator.jmp_filled holds 16-bit indices");

/* User mode, host MMU (host_fault.c): a host access that may fault, and
 * where execution continues if it does (offsets in the block's code). */
struct tx_fault_site {
    uint32_t access, slow_path;
};

struct lower_ctx;

/* opt.cold_stubs (cold_stubs.c): one load's or store's slow path, as data
 * instead of code.  Registers are x86 register numbers; offsets are in the
 * block's host code. */
struct tx_cold_access {
    uint32_t stub_end;         /* where its stub's call returns to: how the record is found */
    uint32_t resume;           /* the main path after the access */
    uint64_t pc;               /* the instruction's guest address */
    uint32_t dirty_mask;       /* guest registers dirty in host registers here */
    int32_t imm;               /* the guest address is gpr[base] + imm */
    int32_t pending_instret;   /* instructions before it not yet counted in r15 */
    uint8_t size, sign, store;
    uint8_t base, value_reg, load_dest;
    int8_t xmm;                /* fld/fsd straight to/from this xmm register, or -1 */
    /* The FP cache here (fpcache.c): which f register each xmm register
     * holds (-1: none), which of those are dirty and which may hold an x86
     * NaN.  A fault writes the dirty ones back from the saved frame, so the
     * stub needs no store of its own. */
    int8_t fp_freg_in[16];
    uint32_t fp_dirty, fp_nan;
};

struct tx_block {
    uint64_t pc;               /* guest address of the first instruction */
    uint32_t guest_size;       /* bytes of guest code */
    uint16_t n_insns;
    uint8_t end_reason;        /* enum tx_block_end */
    uint8_t n_exits;
    /* System mode: the privilege the block was translated (and its fetch
     * permission checked) in; a block is only used in that privilege. */
    uint8_t mode;
    const uint8_t *host;       /* rx address of the code */
    uint32_t host_size;
    uint32_t loop_head_offset; /* a self-loop: host offset of its loop head (0: not a self-loop) */
    /* (What the dispatcher reads at every lookup and entry -- pc, mode, host,
     * host_code, host_page -- lies in the block's first 64 bytes, and blocks
     * are 64-byte aligned: one cache line per lookup that misses the recent
     * cache, which holds copies of them: struct tx_recent.) */
    /* (system mode: host_code and host_page, see host_page2 below) */
    uintptr_t host_code;
    uintptr_t host_page;
    struct tx_block *hash_next;
    struct rv_insn *insns;     /* the decoded guest instructions (helpers execute these) */
    uint32_t *host_offset;     /* side table: host code offset of each guest instruction */
    uint32_t mem_insns;        /* guest loads, stores and AMOs in the block */
    /* --explain-hot / --stats: inner jumps taken (see lower.h), and what each skips */
    uint8_t n_inner;
    uint64_t inner_count[TX_MAX_SIDE_EXITS];
    uint32_t inner_skipped[TX_MAX_SIDE_EXITS], inner_skipped_mem[TX_MAX_SIDE_EXITS];
    uint16_t inner_at[TX_MAX_SIDE_EXITS]; /* the jump's index: it skips inner_at+1 .. inner_at+skipped */
    uint64_t hot_count;        /* every entry, chained or not: incremented by the block's own
                                  code, emitted only with --explain-hot */
    struct tx_fault_site *fault_sites; /* host MMU: its accesses that may fault (host_fault.c) */
    uint16_t n_fault_sites;
    struct tx_note *notes;     /* --explain labels (NULL unless explaining) */
    uint16_t n_notes;
    struct tx_cold_access *cold; /* opt.cold_stubs: its memory slow paths' records (cold_stubs.c) */
    uint16_t n_cold;
    int8_t cold_reg_of[32];    /* ... and which host register caches each guest register (rax: none) */
    /* System mode (translator/sys_code.c): where the guest code came from in
     * host memory (RAM), so the dispatcher can check that the block's virtual
     * pc still maps there; the physical page it starts on (the key of the
     * page list it is on); and, for a block whose last instruction crosses
     * into another page, that page too (such blocks are also on a list of
     * their own).  host_page 0: not on any list.  (host_code and host_page
     * are near the top, with the dispatcher's other fields.) */
    uintptr_t host_page2;

    struct tx_block *page_next, *cross_next;
    /* opt.forward_skip: host bytes of the exit-request check at the very start
     * of the code, which a chained jump from a block at a lower pc skips (0:
     * none to skip: a self-loop has its check at the loop head, and a block
     * with an FS or frm check at its entry must run that) */
    uint32_t entry_skip;
    /* The guest bytes it was decoded from lie in [code_lo, code_end): one
     * run from pc, or with followed jumps, branches and calls (discover.c)
     * several runs (system mode: all on pc's page but a last instruction's
     * tail; user mode: within TX_FOLLOW_REACH of pc). */
    uint64_t code_lo, code_end;
    uint8_t n_followed;        /* opt.follow_jumps/_branches/_calls: how many it followed */
    uint64_t follow_mask;      /* bit i: insns[i] was followed (TX_MAX_BLOCK_INSNS <= 64) */
    /* Its exits, n_exits of them: the record is allocated with room for
     * TX_MAX_EXITS, and keeps only those used (block_arena.h).  Last, so
     * that the room not used is given back. */
    struct tx_exit exits[];
};

/* The planted bugs of RVDBT_TEST_MISTRANSLATE=<value>:
 *   addi (or 1, or any other value)  addi translated with an off-by-one immediate;
 *   fp       inline fadd.s/fadd.d subtract instead (a wrong FP translation);
 *   fpflags  the dispatcher leaves stale host FP flags (inexact) in MXCSR
 *            when it enters a block, instead of clearing them: the bug that
 *            once made system mode's fflags wrong while --engine=check,
 *            which entered blocks through its own code, saw nothing. */
enum tx_test_fault { TX_TEST_FAULT_NONE, TX_TEST_FAULT_ADDI, TX_TEST_FAULT_FADD, TX_TEST_FAULT_FPFLAGS };

/* One entry of the dispatcher's recent-block cache (translator.recent):
 * a copy of what a hit needs, so that a hit reads this 32-byte entry and
 * never the block itself (the block's line was a second, dependent cache
 * miss at every return to the dispatcher).  `tag` is the block's address
 * (blocks are 64-byte aligned) | its privilege | TX_RECENT_LIVE: an empty,
 * zeroed entry never matches. */
#define TX_RECENT_LIVE 4u
struct tx_recent {
    uint64_t pc;
    uintptr_t tag;
    const uint8_t *host;       /* the block's code */
    uintptr_t host_code;       /* system mode: where its guest code lies in host memory */
};
static inline struct tx_block *tx_recent_block(const struct tx_recent *r)
{
    return (struct tx_block *)(r->tag & ~(uintptr_t)63);
}

struct translator {
    struct tx_options opt;
    struct code_cache cc;
    struct block_arena arena; /* the blocks' records, decoded instructions and side tables */
    struct code_cache fork_copy; /* made by tx_before_fork, size 0 when none */
    const uint8_t *enter;      /* trampoline: enter(cpu, host_code) -> return code */
    const uint8_t *epilogue;   /* where blocks jump to return to the dispatcher */
    /* opt.cold_stubs: the shared cold code (cold_stubs.c), NULL if not built */
    const uint8_t *cold_exit, *cold_exit_request, *cold_access, *cold_indirect_miss;
    const uint8_t *cold_canonical_nan[16]; /* per xmm register: make it RISC-V's canonical NaN, ret */
    /* Block lookup by guest pc: hash_mask + 1 buckets (tx_block_hash).  With
     * opt.sized_tables the bucket count grows with the code cache, so chains
     * stay short however many blocks a large cache holds; else TX_HASH_SIZE. */
    struct tx_block **hash;
    unsigned hash_mask;
    /* One bit per bucket: set when a block is put in it, cleared only at a
     * flush (a bit left set by an unlinked block just costs a look).  A
     * lookup of a pc with no block -- most of them while code is still
     * cold: ~450,000 in Linux's boot to /init -- reads this (128 KiB for
     * 1,048,576 buckets), not the bucket (8 MiB: a cache miss each). */
    uint64_t *hash_used;
    /* Tiering: how often the dispatcher reached a not-yet-translated pc, by
     * tx_hash_pc.  No tags: two pcs sharing a counter are both translated a
     * little early, which costs nothing but a translation. */
    uint8_t cold_count[TX_HASH_SIZE];
    /* Parallel harts (opt.peer_hot, tx_share_hot): one byte per
     * tx_peer_hot_index of a pc, shared by every hart's translator, set
     * (relaxed atomic) when any hart translates a block at that pc; a hart
     * reaching an untranslated pc whose byte is set translates it at once.
     * Each hart translates the kernel for itself, so without this the
     * second hart also interprets every block for its first 23 visits,
     * code the first has already shown to be hot.  Only a hint: a
     * collision just translates a block early.  NULL: not shared. */
    uint8_t *peer_hot;
    bool owns_peer_hot;
    /* The dispatcher's small cache in front of the lookup table: the block
     * last found for a pc, direct-mapped by pc (TX_RECENT_SIZE entries of
     * 32 bytes, 256 KiB: it stays in the host's L2 cache where the table --
     * 8 MiB with a 512 MiB code cache -- does not).  Only linked blocks are in it: an
     * entry goes when its block leaves the table (tx_sys_unlink, tx_flush).
     * An entry holds what a hit needs (struct tx_recent), so a hit reads
     * one cache line and not the block's. */
    struct tx_recent recent[TX_RECENT_SIZE];
    struct tx_block **all;     /* every live block, to free them at a flush */
    /* all[i]->host, in the same order (the order of the code): the binary
     * search of tx_block_at_host, run at every cold exit, reads this compact
     * array instead of a cache line of each block it passes */
    uintptr_t *all_host;
    size_t n_all, cap_all;
    /* Where tx_block_at_host starts looking, per 4 KiB page of the code
     * cache: the index in all[] of the first block that starts on or after
     * the page's start, for the pages before page_index_next (later pages
     * have no block starting on them yet).  The cold stubs' thunks look up
     * their block at every TLB miss and unchained exit: a binary search
     * over all_host was ~15 steps there, this is one load and a short scan
     * (blocks average ~500 host bytes). */
    uint32_t *page_index;
    size_t page_index_next;
    /* The indirect-jump cache, one per privilege in system mode (U, S, -, M:
     * a block's code probes the one of its own privilege, so a trap or an
     * sret no longer empties it); user mode and --no-mode-jump-caches use
     * the first only. */
    struct tx_jmp_entry *jmp_cache; /* TX_JMP_MODES * TX_SYS_JMP_CACHE_SIZE entries (tx_create) */
    /* opt.low_jmp_cache: jmp_cache got memory in the low 2 GiB (MAP_32BIT),
     * so generated code names it by a disp32 (emit_jump_cache_probe_to).
     * Each translator has its own (user-mode threads, system-mode harts). */
    bool jmp_cache_low;
    /* Some entry was set since the last full clear (dispatch.c): a clear of
     * an unused cache only writes each privilege's entry 0, so creating a
     * translator does not touch the cache's pages. */
    bool jmp_cache_used;
    /* Entries per privilege's cache: TX_JMP_CACHE_SIZE, or in system mode
     * (from tx_sys_attach, before the first block) TX_SYS_JMP_CACHE_SIZE:
     * Linux's boot to /init missed 2.0 % of 12 million indirect jumps with
     * 4,096, 1.5 % with 16,384, and returned to the dispatcher 662,000
     * instead of 791,000 times.  (User mode touches only its part: the
     * cache is mmap'd, so the rest is never backed by memory.) */
    unsigned jmp_size;
    uint64_t seen_exec_generation;
    bool fault_handler_user;   /* counted by host_fault.c's registry */
    uint8_t jmp_cache_mode;    /* --no-mode-jump-caches: the privilege the jump cache's entries belong to */
    /* System mode (translator/sys_code.c) */
    bool system;
    /* Blocks by the physical page they start on (page_next), and blocks that
     * cross into a second page by that page (cross_next): page_mask + 1
     * buckets each (sized with the cache, as hash).  --no-sized-tables: one
     * list of all the crossers (cross_hash[0]), scanned at every code write. */
    struct tx_block **page_hash, **cross_hash;
    unsigned page_mask;
    /* jump-cache entries set since the last clear (sfence.vma clears it often) */
    uint16_t jmp_filled[TX_JMP_FILLED_MAX];
    unsigned n_jmp_filled;
    /* System mode: one bit per hash of a page some jump-cache entry's pc is
     * on, so an sfence.vma of one page mostly finds nothing to drop. */
    uint64_t jmp_pages[TX_JMP_CACHE_SIZE / 64];
    struct mmu *sys_mmu;
    uint64_t seen_memory_generation;
    struct tx_stats stats;
    uint64_t memory_accesses_of_flushed_blocks; /* see tx_memory_accesses() */
    struct lower_ctx *ctx;     /* the lowering context, reused for every block (translate.c) */
    /* The check engine runs: every store must reach the MMU's store log, so
     * stores keep the TLB check even with the host MMU on. */
    bool checking;
    /* Test hook (environment RVDBT_TEST_MISTRANSLATE): a planted bug, so the
     * test suite can prove that the check engine notices a wrong
     * translation.  Never set in normal use.  See enum tx_test_fault. */
    enum tx_test_fault test_fault;
};

#define TX_PEER_HOT_SIZE (1u << 20) /* 1 MiB: kernel text spans a few MiB of pcs */
static inline unsigned tx_peer_hot_index(uint64_t pc) { return (unsigned)((pc >> 1) ^ (pc >> 21)) & (TX_PEER_HOT_SIZE - 1); }
static inline unsigned tx_hash_pc(uint64_t pc) { return (unsigned)((pc >> 1) ^ (pc >> 17)) & (TX_HASH_SIZE - 1); }
/* The lookup bucket of a block at guest pc. */
static inline unsigned tx_block_hash(const struct translator *tx, uint64_t pc)
{
    return (unsigned)((pc >> 1) ^ (pc >> 21)) & tx->hash_mask;
}

/* Does this instruction end a block (a jump, a branch, a system instruction)?
 * (A forward branch may become a side exit instead: discover.c.) */
static inline bool tx_is_fflags_csr(const struct rv_insn *in)
{
    return in->op >= RV_OP_CSRRW && in->op <= RV_OP_CSRRCI && (in->imm & 0xfff) == 0x001; /* fflags */
}
/* opt.csr_in_block (system mode): CSR instructions that run in the middle
 * of a block.  Linux reads and writes sstatus around every critical section
 * (SIE) and user-memory copy (SUM), its trap entry and exit save the trap
 * CSRs, and it reads time often: 0.3 million of these in the boot to /init,
 * each of which ended its block and went back to the dispatcher.  None of
 * them changes what translated code assumes (privilege, satp, frm; FS and
 * the interrupt enables the helper checks after the fact, tx_helper_csr);
 * sstatus's SUM and MXR change the TLB set, which r10 picks up after the
 * helper call as after any other. */
static inline bool tx_csr_in_block(const struct rv_insn *in)
{
    if (in->op < RV_OP_CSRRW || in->op > RV_OP_CSRRCI) return false;
    unsigned csr = (unsigned)in->imm & 0xfff;
    return csr == 0x100 ||                  /* sstatus */
           (csr >= 0x140 && csr <= 0x143) || /* sscratch, sepc, scause, stval */
           (csr >= 0x340 && csr <= 0x343) || /* mscratch, mepc, mcause, mtval */
           (csr >= 0xc00 && csr <= 0xc02);   /* cycle, time, instret */
}
/* What tx_ends_block is told (tx_csr_rules).  TX_CSR_FFLAGS: the translator
 * lowers the CSR instructions on fflags (frflags, fsflags, csrs/csrc fflags)
 * inline (opt.inline_fflags: lower_fp.c), so they do not end the block;
 * system mode too while FP code is inline there (opt.sys_fp): the block's
 * mstatus.FS check (translate.c) then covers them, and a write of fflags
 * leaves a Dirty FS Dirty.  TX_CSR_IN_BLOCK: opt.csr_in_block, above. */
enum { TX_CSR_FFLAGS = 1, TX_CSR_IN_BLOCK = 2 };
static inline bool tx_ends_block(const struct rv_insn *in, unsigned csr_rules)
{
    if ((csr_rules & TX_CSR_FFLAGS) && tx_is_fflags_csr(in)) return false;
    if ((csr_rules & TX_CSR_IN_BLOCK) && tx_csr_in_block(in)) return false;
    return rv_insn_info[in->op].flags & (RV_F_JUMP | RV_F_BRANCH | RV_F_SYSTEM);
}
/* Whether this translator lowers fflags CSR instructions inline for this cpu. */
static inline bool tx_fflags_inline(const struct translator *tx, const struct cpu *cpu)
{
    return tx->opt.inline_fflags && (!cpu->system || tx->opt.sys_fp);
}
/* Which CSR instructions go on in a block for this cpu (tx_ends_block).  Not
 * under the check engine: its replay in the interpreter would read another
 * time than the block did. */
static inline unsigned tx_csr_rules(const struct translator *tx, const struct cpu *cpu)
{
    return (tx_fflags_inline(tx, cpu) ? TX_CSR_FFLAGS : 0u) |
           (cpu->system && tx->opt.csr_in_block && !tx->checking ? TX_CSR_IN_BLOCK : 0u);
}
static inline bool tx_is_memory_access(const struct rv_insn *in)
{
    return rv_insn_info[in->op].flags & (RV_F_LOAD | RV_F_STORE | RV_F_AMO);
}

/* Block discovery (discover.c): decodes the instructions of the block at
 * cpu->pc into insns[] (at most TX_MAX_BLOCK_INSNS); returns how many, 0 if
 * the first one traps (cpu->trap_* set), and why the block ends. */
int tx_discover(struct cpu *cpu, struct rv_insn *insns, uint8_t *end_reason, unsigned csr_rules, bool follow,
                bool follow_branches, bool follow_calls, uint64_t *follow_mask);
/* Whether insns[i] of a block is a followed jump or branch (discover.c):
 * the instruction after it in the block is at its target. */
static inline bool tx_followed(uint64_t follow_mask, int i) { return (follow_mask >> i) & 1; }
/* The pc of the instruction after insns[i] (at pc) in its block: the next
 * one in memory, or for a followed jump or branch its target.  Every walk
 * over a block's instructions must step with this, not with the length. */
static inline uint64_t tx_next_pc(const struct rv_insn *insns, uint64_t follow_mask, int i, uint64_t pc)
{
    return tx_followed(follow_mask, i) ? pc + (uint64_t)insns[i].imm : pc + insns[i].len;
}

/* Builds the entry trampoline and epilogue at the start of the code cache (trampolines.c). */
bool tx_emit_trampolines(struct translator *tx);

/* Translates the block at cpu->pc (translate.c).  Returns NULL with *trap set if its first
 * instruction cannot be fetched or decoded (cpu->trap_* filled), or NULL
 * with *trap clear if the code cache is full. */
struct tx_block *tx_translate(struct translator *tx, struct cpu *cpu, bool *trap);

/* Frees a block's memory (not its code: that goes at the next flush).  The
 * one place that knows what a block owns (dispatch.c). */
void tx_free_block(struct tx_block *b);

/* Points a direct exit's jump at `to` (trampolines.c). */
void tx_chain(struct translator *tx, struct tx_exit *exit, struct tx_block *to);

/* System mode (translator/sys_code.c). */
/* Connects the translator to a system-mode hart's MMU (once). */
void tx_sys_attach(struct translator *tx, struct cpu *cpu);
/* Records where a new block's code lives and marks its pages as code. */
void tx_sys_register_block(struct translator *tx, struct cpu *cpu, struct tx_block *b);
/* Does the block's pc still map (for fetch, in this privilege) to the
 * memory it was translated from?  False also if the fetch would fault. */
bool tx_sys_block_valid(struct cpu *cpu, const struct tx_block *b);
/* The same for a recent-cache entry (its copies of pc and host_code). */
bool tx_sys_maps_to(struct cpu *cpu, uint64_t pc, uintptr_t host_code);
/* Removes a block from the lookup tables (its memory stays until a flush). */
void tx_sys_unlink(struct translator *tx, struct tx_block *b);
/* A full flush: forget the page lists and the MMU's code marks. */
void tx_sys_flush(struct translator *tx);
/* May exit `from` be patched to jump straight into `to`? */
bool tx_sys_may_chain(const struct tx_block *from, const struct tx_block *to);
/* Empties the indirect-jump cache (dispatch.c). */
void tx_jmp_cache_clear(struct translator *tx);
/* What an empty jump-cache entry at index i (of its privilege's cache)
 * holds: a pc no probe of that entry can have.  A probe of pc p looks at
 * entry (p >> 1) & (jmp_size - 1), so only pcs 0 and 1 look at entry 0:
 * every other entry can hold 0, which is what fresh memory holds (a new
 * translator, or a cache grown by tx_sys_attach, costs no page faults
 * until used).  Entry 0 holds 3, odd (so even a probe of an odd target,
 * opt.odd_target_miss, cannot match it) and of entry 1. */
static inline uint64_t tx_jmp_empty_tag(const struct translator *tx, size_t i)
{
    return (i & (tx->jmp_size - 1)) ? 0 : 3;
}
/* The jump cache that code of privilege `mode` uses. */
static inline struct tx_jmp_entry *tx_jmp_cache_of(struct translator *tx, unsigned mode)
{
    return tx->system && tx->opt.mode_jmp_caches ? &tx->jmp_cache[(mode & 3) * tx->jmp_size] : tx->jmp_cache;
}

/* User mode, host MMU (host_fault.c): installs the SIGSEGV handler that
 * sends a faulting guest access of tx's code to its slow path (false if the
 * host refuses: then translate with the TLB check); and forgets tx.
 * dispatch.c installs it when tx first runs a user-mode cpu. */
bool tx_install_fault_handler(struct translator *tx);
void tx_remove_fault_handler(struct translator *tx);
/* The translator the calling thread runs (thread-local): the fault handler's first guess. */
void tx_set_current(struct translator *tx);
/* Where translated code continues after a host fault at `pc`, or NULL if
 * pc is not a guest access of tx's code. */
const uint8_t *tx_fault_resume(struct translator *tx, uintptr_t pc);
/* The block whose host code holds `pc`, or NULL (host_fault.c). */
const struct tx_block *tx_block_at_host(const struct translator *tx, uintptr_t pc);
/* Pinned guest registers (opt.pin_regs, regcache.c): how many this
 * translator pins, the k-th's guest register and its host register's
 * hardware number (for --explain; lower.h has the emitting side). */
unsigned rc_pinned_count(const struct translator *tx);
unsigned rc_pinned_guest(unsigned k);
unsigned rc_pinned_host_number(unsigned k);

/* Prints a block for --explain: guest instructions with their host code. */
void tx_explain_block(struct translator *tx, const struct tx_block *b, FILE *out);

/* True if blocks must keep their --explain labels (--explain or --explain-hot). */
/* --explain-hot, --cfg: guest instructions a block executed (explain.c) */
uint64_t tx_block_executed(const struct tx_block *b);

static inline bool tx_explaining(const struct translator *tx) { return tx->opt.explain || tx->opt.explain_hot || tx->opt.explain_later; }

#endif
