/*
 * translator/translator.h — the dynamic binary translator's public interface.
 *
 * The translator turns a guest basic block into x86-64 code once, keeps it
 * in the code cache, and afterwards runs it directly.  tx_run() is its
 * engine loop (the "dispatcher"): look up the block for cpu->pc (translate
 * it on a miss), enter it, and when it leaves, either chain the exit it
 * left through to its successor (so next time control flows block to block
 * without coming back here) or handle what made it stop (a trap, or a
 * request to return to the caller).
 *
 * Optimisations can each be switched off at run time so their effect can
 * be measured: chaining, the guest-register cache, the inline TLB check and
 * instruction fusion.
 */
#ifndef RVDBT_TRANSLATOR_TRANSLATOR_H
#define RVDBT_TRANSLATOR_TRANSLATOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu/cpu.h"

struct tx_options {
    bool chain;        /* patch block exits into direct jumps */
    bool regcache;     /* keep guest registers in host registers inside a block */
    bool inline_tlb;   /* emit the TLB check for loads/stores inline */
    bool host_mmu;     /* user mode: let host page protections check accesses
                          (translator/host_fault.c); else the inline TLB check */
    bool fusion;       /* fuse lui+addi, auipc+addi, auipc+jalr pairs */
    bool inline_fflags; /* user mode: csrr/csrw/csrs/csrc of fflags (frflags,
                           fsflags) inline, without ending the block */
    bool hoist_frm;    /* check frm = RNE once at a block's entry, not at every FP
                          instruction with a dynamic rounding mode */
    bool fp_avx;       /* with AVX: F/D arithmetic in three-operand form, straight
                          into the destination's cache register */
    bool fp_preload;   /* self-loops: load the FP registers the body reads into their
                          xmm cache registers once, before the loop head */
    bool fp_direct_mem; /* fld/fsd move doubles between guest memory and xmm cache
                           registers directly, not through a general register */
    bool inline_single; /* feq/flt/fle.s, fcvt.d.s and fcvt.s.d inline */
    bool fp_writeback; /* FP results stay in xmm cache registers, stored to struct
                          cpu only at exits, helper calls and evictions */
    bool inline_amo;   /* user mode, host MMU: AMOs as host atomic instructions */
    bool inline_bits;  /* register-form bset/bclr/binv/bext, bit 31+ immediate forms, orc.b inline */
    bool inline_minmax; /* fmin.d/fmax.d inline (NaN operands: the interpreter) */
    bool sys_fp;       /* system mode: FP instructions inline, mstatus.FS = Dirty checked
                          once per block entry (else the interpreter runs them) */
    bool fp_lazy_nan;  /* with fp_writeback: a NaN result is made canonical only
                          where its bits become visible, not after every operation */
    bool inline_fma;   /* fmadd/fmsub/fnmadd/fnmsub (.d, .s) on the host's FMA3
                          unit, if it has one (else the interpreter runs them) */
    bool cross_page;   /* system mode: a direct exit to another page (never chained:
                          the mapping may change) probes the jump cache in
                          translated code instead of returning to the dispatcher */
    bool tiering;      /* user mode: run a block in the interpreter the first
                          TX_TRANSLATE_AFTER - 1 times it is reached, translate it
                          after that (most code of a short run never gets hot) */
    bool tlb_sets;     /* system mode: one soft TLB per translation context (mmu_system.h);
                          read by the machine, whatever the engine */
    bool mode_jmp_caches; /* system mode: one jump cache per privilege (tx_internal.h) */
    bool bounds_reuse; /* user mode, host MMU: no bounds check for an access whose base
                          register an earlier access of the block checked (prepass.c) */
    bool cold_stubs;   /* memory slow paths, exit stubs and exit requests as short
                          stubs into shared code with their details in a side
                          table (cold_stubs.c), not in full in every block */
    bool csr_in_block; /* system mode: a CSR instruction on sstatus, a trap CSR or a
                          counter runs in its block (tx_csr_in_block), which goes on
                          unless the instruction asks to leave; else it ends the block */
    bool inline_cbo_zero; /* system mode: cbo.zero as eight stores of zero behind the
                             TLB's write tag and a run-time check of menvcfg/senvcfg */
    bool peer_hot;     /* system mode, parallel harts: a block another hart translated
                          is translated at once, not interpreted while cold (tx_share_hot) */
    bool late_translate; /* system mode: tiering translates a block on its
                            TX_SYS_TRANSLATE_AFTER-th visit (else TX_TRANSLATE_AFTER) */
    bool huge_pages;   /* the block arena past its first MiB and system mode's block table
                          ask for transparent huge pages, and the code cache is backed
                          ahead of its code (block_arena.h, code_cache.c); system mode's
                          RAM follows it too (machine_options.no_huge_pages) */
    bool sized_tables; /* the block lookup table and system mode's page lists get
                          buckets in proportion to the code cache's size (else
                          fixed sizes, and one list of page-crossing blocks) */
    bool base_bounds;  /* user mode, host MMU: bounds-check the base register alone
                          (cmp + jae against struct mmu's space_limit; the guard
                          pages catch base + imm), not base + imm (lea, shr, jne) */
    bool short_probe;  /* jump-cache probe with a scaled index ([rcx + rax*8]): 6
                          instructions, not 8 with a shift and an add (trampolines.c) */
    bool forward_skip; /* a chained jump to a block further on in the guest code enters
                          past that block's exit-request check (every cycle of blocks
                          still passes one: it has a backward jump) (trampolines.c) */
    bool follow_jumps; /* block discovery follows a direct jump (jal x0, c.j) to a target on
                          the block's first page, so code after it is copied into the block
                          (discover.c): a threaded interpreter's shared dispatch gets one
                          indirect jump per handler */
    bool follow_branches; /* ... and a backward conditional branch as if taken, its
                             fall-through a side exit (lua's `beqz s5, dispatch`) */
    bool follow_calls; /* ... and a direct call (jal ra): the link register gets its value
                          as a constant, the block goes on in the callee */
    bool alu_forms;    /* one-instruction x86 forms where the two-operand pattern (mov, op)
                          needs two: slli by 1-3 as lea, sext.w as movsxd from the source,
                          neg, andi 0xff (zext.b) as movzx; srliw without the movsxd,
                          sraiw as movsxd + sar (lower_alu.c); a branch with x0 first
                          (bgtz, blez) compares the other register with 0 (lower_control.c) */
    bool low_jmp_cache; /* the jump cache lies in the low 2 GiB (mmap MAP_32BIT), so the probe
                           addresses it as [rax*8 + disp32], without a movabs of its address
                           (trampolines.c; if the host gives no low memory: as without) */
    bool odd_target_miss; /* with cold stubs: jalr probes the jump cache with its target's bit 0
                             as computed (no and rdx, -2): an odd target misses (every tag is
                             even), and the shared miss code clears it (cold_stubs.c) */
    bool probe_in_place; /* with odd_target_miss: jalr through a cache register with no offset
                            (ret) probes the jump cache with that register, not a copy in rdx
                            (lower_control.c) */
    unsigned pin_regs; /* with regcache: this many guest registers (a0, a1, a5, sp: at most 4)
                          stay in host registers across blocks, loaded by the enter
                          trampoline and stored by the epilogue (regcache.c); 0: none */
    size_t code_cache_size; /* 0: TX_DEFAULT_CODE_CACHE */
    FILE *explain;     /* if set, print every translated block here */
    unsigned explain_hot; /* if nonzero, count block executions (code emitted in each
                             block) so tx_explain_hot() can show the hottest */
    /* --stats: count block executions, side exits and jump-cache probes in
     * translated code (for the TLB and jump-cache hit rates).  Off, blocks
     * carry no counters at all, which is how to time them. */
    bool count;
    FILE *perf_map;    /* if set, one line per block for Linux perf: "host-address size rv:guest-pc" */
    bool explain_later; /* record --explain's labels, print nothing: `rvdbt tui` shows a
                           block on demand (tx_show_block) */
    bool quiet_compare; /* frflags; feq/flt/fle.d; fsflags as one quiet
                           comparison (lower_quiet_cmp.c) */
    bool fp_loop_nan;  /* with fp_lazy_nan: a self-loop's arithmetic results stay
                          unchecked across the back edge (fp_loop_nan.c) */
};

#define TX_DEFAULT_CODE_CACHE (32u << 20)
/* System mode's default (per hart): a Debian boot with systemd translates
 * ~300 MiB of code; with 32 MiB the cache filled ~30 times and translation
 * took a third of the run.  Memory is only used as code is written (QEMU's
 * default is 1 GiB). */
#define TX_SYSTEM_CODE_CACHE (512u << 20)
#define TX_FIXED_LOOKUP_BUCKETS 65536 /* the block lookup table's size with --no-sized-tables (the fewest otherwise) */
/* Tiering: a block is translated the TX_TRANSLATE_AFTER-th time the
 * dispatcher reaches it (see dispatch.c). */
#define TX_TRANSLATE_AFTER 8
/* ... and in system mode (opt.late_translate).  A kernel's boot runs much
 * code a few dozen times (initcalls, self-tests, probes), and translating a
 * block there costs ~10 us, as much as interpreting it ~60 times: Linux's
 * boot to /init translated 29,500 blocks with 8, 21,400 with 24, for less
 * CPU time.  Measured again once translating a block took 29 % fewer host
 * instructions (best of 4 boots, -smp 1): 12, 16, 32 and 48 each cost more
 * CPU time than 24.  (At most 255: the counters are bytes.) */
#define TX_SYS_TRANSLATE_AFTER 24

struct tx_stats {
    uint64_t blocks_translated;
    uint64_t guest_bytes, host_bytes;
    uint64_t counter_bytes;    /* of host_bytes: the counters --stats and --explain-hot add */
    uint64_t guest_insns_translated;
    uint64_t helper_insns;      /* instructions translated as interpreter calls */
    uint64_t flushes;
    uint64_t chained;           /* exits patched into direct jumps */
    uint64_t dispatches;        /* returns to the dispatcher */
    uint64_t indirect_lookups, indirect_misses; /* jalr jump-cache probes (counted with opt.count) */
    uint64_t unchecked_blocks;  /* check engine, system mode: blocks that touched devices */
    uint64_t page_invalidations; /* system mode: code pages written to, their blocks dropped */
    uint64_t stale_blocks;       /* system mode: blocks dropped because their pc maps elsewhere now */
    uint64_t host_faults;        /* user mode, host MMU: faulting accesses resumed at their slow path */
    uint64_t cold_blocks_interpreted; /* tiering: blocks run in the interpreter while still cold */
    uint64_t peer_hot_blocks;   /* of blocks_translated: translated while cold because a
                                   peer hart had translated that pc (opt.peer_hot) */
    uint64_t frm_blocks_interpreted;  /* blocks whose FP code needs frm = RNE, run in the
                                         interpreter because frm was another mode */
    uint64_t lookups, lookup_steps; /* the dispatcher's block lookups, and the blocks they looked at */
    double translate_seconds;
};

struct translator;

/* Guest loads and stores executed by translated blocks (counted with
 * opt.count; 0 otherwise): the denominator of the TLB hit rate. */
uint64_t tx_memory_accesses(const struct translator *tx);

/* Returns NULL (with a message on stderr) if the code cache cannot be created. */
struct translator *tx_create(const struct tx_options *opt);
void tx_destroy(struct translator *tx);
/* Parallel harts (opt.peer_hot): tiering's "this pc was translated" marks
 * are shared by the harts' translators.  Call with first == tx for the
 * first hart (allocates the marks; false if out of memory), then for every
 * other hart with the first's translator, before any of them runs. */
bool tx_share_hot(struct translator *tx, struct translator *first);
/* Fork (code_cache.h explains the order): tx_before_fork in the parent
 * prepares a copy of the code cache (false: out of memory, no copy); after
 * the fork tx_fork_child keeps every translation and moves the copy in (and
 * starts fresh --stats counters), which is much cheaper than a new
 * translator (~700 KB of tables to clear and everything translated again);
 * false: destroy it and create a new one.  tx_fork_parent drops the copy. */
bool tx_before_fork(struct translator *tx);
bool tx_fork_child(struct translator *tx);
void tx_fork_parent(struct translator *tx);

/* Runs translated code from cpu->pc until an instruction traps (returns true,
 * cpu->trap_cause set, pc at the instruction, state precise) or until
 * cpu->exit_request is set (returns false). */
bool tx_run(struct translator *tx, struct cpu *cpu);

/* Forgets every translation (fence.i, or code pages changed under us). */
void tx_flush(struct translator *tx);
/* Forgets translations of guest code in [start, end). */
void tx_invalidate_range(struct translator *tx, uint64_t start, uint64_t end);

const struct tx_stats *tx_get_stats(const struct translator *tx);
/* Buckets of the block lookup table (opt.sized_tables: grows with the code cache). */
size_t tx_lookup_buckets(const struct translator *tx);

/* What `rvdbt tui` knows of the block that starts at `pc`. */
struct tx_block_info {
    uint64_t pc;
    unsigned n_insns, guest_size;
};
/* The block at `pc` (translated now if it is not yet): its extent in *info,
 * and its --explain view printed on `out` (if not NULL; the labels need
 * opt.explain_later or --explain).  cpu is only read, as the dispatcher
 * would see it at `pc`.  False if its first instruction cannot be fetched. */
bool tx_show_block(struct translator *tx, struct cpu *cpu, uint64_t pc, struct tx_block_info *info, FILE *out);

/* --explain-hot: prints the `n` blocks that executed the most guest
 * instructions (executions x block length), each in the --explain view,
 * as the code cache holds them now (chained exits patched).  `total` is
 * the guest instruction count of the whole run, for percentages. */
void tx_explain_hot(struct translator *tx, unsigned n, uint64_t total, FILE *out);
/* --cfg: the control-flow graph of the n hottest blocks (counted as for
 * --explain-hot) in Graphviz's DOT language (translator/cfg.c). */
void tx_write_cfg(struct translator *tx, unsigned n, FILE *out);
/* --stats-chart DIR: DIR/insn-mix.svg and DIR/hot-blocks.svg drawn by gnuplot
 * from the --stats counters, with their .dat and .gp (translator/stats_chart.c).
 * `instret` is the run's guest instruction count, for the title. */
void tx_write_stats_charts(struct translator *tx, uint64_t instret, const char *dir);

/* User mode, host MMU: the translator's SIGSEGV handler takes the faults of
 * translated guest accesses; a SIGSEGV that is no fault (sent by kill) goes
 * to this hook, which the frontend sets to deliver it to the guest.  Called
 * in the signal handler. */
#include <signal.h>
void tx_set_async_signal_hook(void (*hook)(int sig, siginfo_t *si));

/* Around fork() in a process with threads (host_fault.c): the registry of
 * translators has a lock, which another thread may hold (starting or ending
 * its translator) at the moment of the fork; in the child, whose only
 * thread is the forker, it would stay locked for ever.  So the forker takes
 * it before fork and gives it back in both processes afterwards; the child
 * also forgets the other threads' translators (those threads are gone). */
void tx_lock_for_fork(void);
void tx_unlock_after_fork(bool child);

#endif
