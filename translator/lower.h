/*
 * translator/lower.h — state shared by the lowering of one block.
 *
 * "Lowering" maps each RISC-V instruction to a short x86-64 sequence.  The
 * files lower_*.c each handle one family (integer ALU, memory, control
 * flow, fallback to the interpreter); translate.c drives them over a block.
 * They all emit through translator/x86_64/emit.h and access guest
 * registers only through the register cache (regcache.c), which decides
 * whether a guest register lives in a host register or in struct cpu.
 */
#ifndef RVDBT_TRANSLATOR_LOWER_H
#define RVDBT_TRANSLATOR_LOWER_H

#include <stddef.h>
#include <string.h>

#include "translator/tx_internal.h"
#include "translator/x86_64/emit.h"

/* Host registers with fixed roles (see tx_internal.h for the ABI). */
#define HR_CPU X86_RBP
#define HR_T0 X86_RAX  /* results */
#define HR_T1 X86_RCX  /* second operand, shift counts */
#define HR_T2 X86_RDX
#define HR_ADDR X86_RSI /* guest address of a memory access (also 2nd helper argument) */
#define HR_ARG0 X86_RDI /* first helper argument (also a cache register: see regcache.c) */
#define HR_TLB X86_R10 /* &tlb[0] (cpu->mmu) while generated code runs */

#define HR_INSTRET X86_R15 /* cpu->instret while generated code runs (see trampolines.c) */

/* struct cpu's fields, addressed through rbp */
#define PC_OFF ((int32_t)offsetof(struct cpu, pc))
#define INSTRET_OFF ((int32_t)offsetof(struct cpu, instret))
#define MMU_OFF ((int32_t)offsetof(struct cpu, mmu))

static inline struct x86_mem cpu_field(int32_t off) { return x86_mem_base_disp(HR_CPU, off); }
#define RC_SLOTS 8 /* rbx, r12, r13, r14 (callee-saved), r9, r11, rdi, r8 (saved around helper calls) */
#define RC_FIRST_VOLATILE_SLOT 4
#define RC_MAX_PINNED 4 /* opt.pin_regs: at most the four callee-saved slots (regcache.c) */

/* The register cache's view of the guest registers, one bit per register
 * in each mask.  A cached register is in memory only (neither bit), clean
 * (loaded: its host register holds the value) or dirty (loaded and dirty:
 * newer than struct cpu).  Masks, not a state per register, because the
 * lowering asks "which are dirty / which are in volatile registers" at every
 * slow path, and a mask answers that in one instruction. */
struct regcache {
    bool enabled;
    int8_t slot_of[32];       /* guest reg -> slot, or -1 if never cached in this block */
    uint32_t cached;          /* regs with a slot */
    uint32_t volatile_slots;  /* regs whose slot is r9/r11/rdi/r8 (RC_FIRST_VOLATILE_SLOT and up) */
    uint32_t loaded;          /* clean or dirty */
    uint32_t dirty;
    uint32_t pinned;          /* regs pinned across blocks (opt.pin_regs): cached, always loaded, never dirty */
};

/* An out-of-line piece emitted after the block's main path.  Rule for the
 * lowering: all rc_read() calls of an instruction come before its branch
 * to a slow path, because the slow path resumes after them and a lazy load
 * of a cache register it skipped would be missing. */
enum slow_kind {
    SLOW_LOAD,          /* a load's TLB miss or host fault: the helper, or a precise trap */
    SLOW_STORE,         /* the same for a store */
    SLOW_EXIT_REQUEST,  /* the entry check (or a loop head's) saw exit_request: leave */
    SLOW_INTERP,        /* a case the inline code leaves out: the interpreter runs the instruction */
    SLOW_SIDE_EXIT,     /* a branch in the middle of the block was taken: write back, leave */
    SLOW_INNER_JUMP,    /* a self-loop's branch to its own later code */
};
struct slow_path {
    enum slow_kind kind;
    struct x86_label entry;   /* the fast path's branch(es) to this slow path; bound where it is emitted */
    struct x86_label resume;  /* where to continue on success (bound: a position on the main path) */
    const struct rv_insn *insn;
    uint64_t pc;
    int insn_index;
    int pending_instret;
    uint32_t dirty_mask;      /* guest regs dirty in host registers at this point */
    uint32_t volatile_mask;   /* guest regs held in r9/r11/rdi/r8 at this point (saved around the helper call) */
    enum x86_reg value_reg;   /* store: register holding the value */
    enum x86_reg addr_base;   /* load/store: the guest address is addr_base + addr_imm */
    int32_t addr_imm;
    enum x86_reg load_dest;   /* load: where the main path expects the value (rax or rd's cache register) */
    int xmm;                  /* fld/fsd straight between memory and an xmm register (opt.fp_direct_mem):
                                 that register (a load: where the main path expects the value), else -1 */
    unsigned size;            /* access size in bytes */
    bool sign;                /* load: sign-extend */
    int target_index;         /* inner jump: the instruction it goes to */
    uint8_t *fault_at;        /* host MMU: the host access that may fault (rw address), or NULL */
    bool tlb_check;           /* the main path tried the access through the inline TLB: this path is a miss */
    /* FP cache (fpcache.c): which f register each xmm holds where the path
     * resumes, to reload after its C call (valid if fc_at_resume) */
    bool fc_at_resume;
    int8_t fc_resume[16];
    /* FP cache where the path is entered (opt.fp_writeback): the dirty
     * registers it must store before a C call or an exit */
    int8_t fc_entry[16];
    uint32_t fc_dirty, fc_nan;
};

/* FP registers cached in xmm2..xmm15 (fpcache.c). */
#define FC_SLOTS 14
struct fp_cache {
    int8_t xmm_of[32];        /* f register -> xmm number, or -1 */
    int8_t freg_in[16];       /* xmm number -> f register, or -1 */
    uint8_t next;             /* round-robin allocation */
    /* opt.fp_writeback: f registers whose xmm copy is newer than f[] in
     * struct cpu (stored at exits, helper calls and evictions) */
    uint32_t dirty;
    /* opt.fp_lazy_nan: f registers whose xmm copy may be a NaN that x86
     * made (not RISC-V's canonical one): made canonical before its bits
     * can be seen (stored, moved, sign-injected, written back) */
    uint32_t maybe_nan;
    /* Self-loops (opt.fp_preload): what the xmm registers hold at the loop
     * head, where the preloads left them; the back edge restores it. */
    bool loop_state;
    int8_t head_freg_in[16];
    /* opt.fp_loop_nan: head registers that stay marked maybe_nan across the
     * back edge (fp_loop_nan.c); the back edge leaves them as they are */
    uint32_t head_nan;
};

/* At most three per instruction (fadd.s with a dynamic rounding mode: frm
 * and both operands' NaN-boxing are checked), plus the entry check and the
 * side exits.  (It was two per instruction: a block of 48 such fadd.s lost
 * its last checks, whose jumps then fell through to the inline code.) */
#define MAX_SLOW_PATHS (3 * TX_MAX_BLOCK_INSNS + TX_MAX_SIDE_EXITS + 2)

#define MAX_NOTES (8 * TX_MAX_BLOCK_INSNS)

struct lower_ctx {
    struct translator *tx;
    struct cpu *cpu;
    struct tx_block *blk;
    struct x86_buf buf;
    int index;                /* current instruction's index in the block */
    uint64_t pc;              /* current instruction's guest address */
    int pending_instret;      /* instructions executed inline since instret was last updated */
    struct regcache rc;
    struct fp_cache fc;
    /* A block whose last instruction jumps back to its own start (a loop) is
     * a "self-loop": its back edge jumps to loop_head with the guest
     * registers still in host registers, instead of writing them back and
     * leaving (see translate.c). */
    bool self_loop;
    struct x86_label loop_head; /* right after the preloads, at the exit_request check */
    /* Inside a self-loop, the cache state is the same at every instruction
     * (everything loaded at the head, every written register dirty), so a
     * side exit whose target is further down the same block can jump there
     * directly: an "inner jump".  An interpreter call that makes the cache
     * forget breaks that, so it turns inner jumps back into side exits. */
    bool forgot;
    /* The block checked frm = RNE at its entry (translate.c, opt.hoist_frm):
     * FP instructions with a dynamic rounding mode need no check of their own
     * (frm cannot change inside a block: a write to frm or fcsr ends it). */
    bool frm_is_rne;
    uint32_t counter_bytes;   /* bytes of --stats/--explain-hot counters in this block (emit_count) */
    bool bounds_known[TX_MAX_BLOCK_INSNS]; /* prepass.c: this access needs no host-MMU bounds check */
    int pending_at[TX_MAX_BLOCK_INSNS]; /* pending_instret when each instruction's code starts */
    bool inner_source[TX_MAX_BLOCK_INSNS]; /* this branch may become an inner jump (translate.c) */
    bool inner_target[TX_MAX_BLOCK_INSNS]; /* ... and this instruction is where one lands */
    struct slow_path slow[MAX_SLOW_PATHS];
    int n_slow;
    struct tx_note notes[MAX_NOTES]; /* --explain labels, recorded while explaining */
    int n_notes;
    struct tx_fault_site fault_sites[TX_MAX_BLOCK_INSNS]; /* host MMU: at most one per instruction */
    int n_fault_sites;
    /* The block's cold-stub records while it is written (cold_stubs.c): the
     * block's own copy is made at the end, once its exits are known
     * (block_arena.h: nothing else may be allocated before that). */
    struct tx_cold_access cold[MAX_SLOW_PATHS];
};

/* ---- FP cache (fpcache.c) ---- */
/* Forgets every cached FP register (block start, loop head, inner-jump
 * targets, after an interpreter call). */
void fc_reset(struct lower_ctx *c);
/* f[r] was written in memory only: forget its xmm copy. */
void fc_forget(struct lower_ctx *c, unsigned r);
/* An xmm register holding f[r] (loaded from struct cpu if not cached). */
enum x86_xmm fc_read(struct lower_ctx *c, unsigned r);
/* The xmm register that will cache f[r], which the caller is about to
 * compute into (then stores it to struct cpu): no code is emitted, so any
 * operand read before stays valid in its register until that write. */
enum x86_xmm fc_assign(struct lower_ctx *c, unsigned r);
/* The xmm register caching f[r], or -1. */
int fc_cached(const struct lower_ctx *c, unsigned r);
/* f[r] was just stored to struct cpu from `value`: keep a copy in its xmm. */
void fc_wrote_xmm(struct lower_ctx *c, unsigned r, enum x86_xmm value);
void fc_wrote_gpr(struct lower_ctx *c, unsigned r, enum x86_reg value);
/* An out-of-line path resumes at the current point: remember what the xmm
 * registers must hold there, and (in the slow path, after its C call) load
 * them again. */
static inline void fc_snapshot(const struct lower_ctx *c, struct slow_path *s)
{
    s->fc_at_resume = true;
    memcpy(s->fc_resume, c->fc.freg_in, sizeof s->fc_resume);
}
void fc_reload(struct lower_ctx *c, const int8_t freg_in[16]);
/* opt.fp_writeback: a slow path's state is the cache at the jump into it;
 * add_slow_path records the state at its call, fc_set_entry a state the
 * caller saved before the jump (the code between may have evicted). */
void fc_set_entry(struct slow_path *s, const struct fp_cache *at_jump);
/* Stores the dirty registers of a recorded state (a slow path's entry). */
void fc_writeback_state(struct lower_ctx *c, const int8_t freg_in[16], uint32_t dirty, uint32_t maybe_nan);
/* Stores every dirty register (they stay cached, clean): before leaving
 * the block or calling C from the main path. */
void fc_writeback(struct lower_ctx *c);
/* f[r] in struct cpu made exact (stored if dirty), for code that reads it
 * there (single precision, sign injection, moves to integer registers). */
void fc_sync(struct lower_ctx *c, unsigned r);
/* f[r]'s xmm copy made a canonical NaN if it may be another NaN (lazy NaN). */
void fc_canonicalize(struct lower_ctx *c, unsigned r);
/* rd's new value is in its cache register x (fc_assign'ed, or copied
 * there from `value`): stored to f[rd] (write-through), or marked dirty
 * (opt.fp_writeback); maybe_nan: an x86 result not yet made canonical. */
void fc_result(struct lower_ctx *c, unsigned rd, enum x86_xmm value, bool maybe_nan);
void fc_result_gpr(struct lower_ctx *c, unsigned rd, enum x86_reg value);
/* Lazy NaN canonicalisation is on (it needs write-back). */
bool fc_lazy_nan(const struct lower_ctx *c);
/* xmm := the canonical NaN 0x7ff8000000000000 if it is a NaN (no general register, flags clobbered) */
void fc_emit_canonical(struct lower_ctx *c, enum x86_xmm x);
/* Self-loops (opt.fp_preload): before the loop head, load the FP registers
 * the body's double arithmetic, compares and fsd read, so iterations find
 * them cached; fc_loop_state_intact tells whether the cache still holds that
 * loop-head state, fc_restore_loop_state reloads what differs (back edge). */
void fc_preload_for_loop(struct lower_ctx *c, const struct rv_insn *insns, int n);
bool fc_loop_state_intact(const struct lower_ctx *c);
void fc_restore_loop_state(struct lower_ctx *c);

/* ---- register cache (regcache.c) ---- */
/* Pinned registers (opt.pin_regs; also used by the trampolines): how many,
 * the k-th's guest and host register, and code that loads them all from
 * struct cpu or stores them there. */
enum x86_reg rc_pinned_host(unsigned k); /* (count, guest register: tx_internal.h) */
void rc_emit_load_pinned(const struct translator *tx, struct x86_buf *b);
void rc_emit_store_pinned(const struct translator *tx, struct x86_buf *b);
void rc_init(struct lower_ctx *c, const struct rv_insn *insns, int n);
/* Returns a host register holding guest register r's value: its cache slot,
 * or `scratch` loaded from struct cpu.  x0 reads as zero. */
enum x86_reg rc_read(struct lower_ctx *c, unsigned r, enum x86_reg scratch);
/* Stores host register `src` into guest register r (cache slot or memory). */
void rc_write(struct lower_ctx *c, unsigned r, enum x86_reg src);
/* The cache register of guest register r if it has one (to compute into
 * directly, then rc_mark_written), or -1. */
int rc_slot_reg(const struct lower_ctx *c, unsigned r);
void rc_mark_written(struct lower_ctx *c, unsigned r);
/* For an uncached guest register r (not x0): its struct cpu slot, to use as
 * an x86 memory operand instead of loading it first.  False if r is cached. */
bool rc_memory_operand(const struct lower_ctx *c, unsigned r, struct x86_mem *m);
/* Sets guest register r to a constant. */
void rc_write_const(struct lower_ctx *c, unsigned r, uint64_t value);
/* Stores every dirty cached register back to struct cpu (they stay cached, clean). */
void rc_writeback(struct lower_ctx *c);
/* Emits stores for the registers in `dirty_mask` (used on out-of-line paths). */
void rc_writeback_mask(struct lower_ctx *c, uint32_t dirty_mask);
uint32_t rc_dirty_mask(const struct lower_ctx *c);
/* The guest registers currently held in cache registers a C call clobbers
 * (r9, r11, rdi, r8): slow paths that call a helper and come back save them around
 * the call with rc_save_volatile/rc_restore_volatile. */
uint32_t rc_volatile_mask(const struct lower_ctx *c);
void rc_save_volatile(struct lower_ctx *c, uint32_t mask);
void rc_restore_volatile(struct lower_ctx *c, uint32_t mask);
/* Loads guest register r into its cache register again, if it has one
 * (after an out-of-line helper wrote it in struct cpu). */
void rc_reload(struct lower_ctx *c, unsigned r);
/* After a helper that may have written any guest register: forget cached values. */
void rc_forget(struct lower_ctx *c);
/* Self-loops: at the loop head, load every cached register and consider the
 * ones the block writes dirty (on a later iteration they may be), so any
 * exit writes them back. */
void rc_preload_for_loop(struct lower_ctx *c, const struct rv_insn *insns, int n);
/* Self-loops: at the back edge, load the cached registers a helper made stale,
 * so that every cache register holds its guest register at the loop head again. */
void rc_load_stale(struct lower_ctx *c);
/* True if no cache register is stale (an interpreter call made it forget). */
bool rc_has_stale(const struct lower_ctx *c);
/* Emits the back edge of a self-loop: reloads of stale cache registers,
 * instret, and the jump to the loop head (where the exit_request check
 * is).  The caller has counted the branch itself in pending_instret.
 * When there is nothing to reload or count (loop_back_is_direct), a
 * conditional branch can go to the loop head itself. (translate.c) */
void emit_loop_back(struct lower_ctx *c);
bool loop_back_is_direct(const struct lower_ctx *c);

/* ---- out-of-line paths (slow_paths.c) ---- */
/* Registers a slow path of `kind`, entered through the jump(s) to `entry`,
 * with the state at the current point: the instruction's index and pc,
 * pending instret, dirty and volatile cache registers.  The caller fills
 * in the rest (the instruction, a different pc, resume, access details).
 * The one place slow paths are added: if the table were full it would
 * return NULL and fail the block (buf.overflow) rather than leave a jump
 * to nowhere; MAX_SLOW_PATHS is sized so that it is never full. */
struct slow_path *add_slow_path(struct lower_ctx *c, enum slow_kind kind, struct x86_label entry);
/* Emits every registered slow path, after the block's main path. */
void emit_slow_paths(struct lower_ctx *c);

/* ---- common emission helpers (emit_helpers.c; the exits: trampolines.c) ---- */
/* --stats / --explain-hot: ++*counter in translated code (through `scratch`);
 * its bytes are tallied apart (tx_stats.counter_bytes). */
void emit_count(struct lower_ctx *c, uint64_t *counter, enum x86_reg scratch);
/* Adds the pending instruction count to the instret register. */
void emit_instret_update(struct lower_ctx *c, int count);
/* Sets cpu->pc to a constant. */
void emit_set_pc(struct lower_ctx *c, uint64_t pc);
/* Calls a C function (arguments already in rdi, rsi, rdx, ...).  For helpers
 * that may read or count instret or read or write guest integer registers
 * in struct cpu (the interpreter), use emit_call_syncing_instret: it also
 * stores the pinned registers before the call and loads them after. */
void emit_call(struct lower_ctx *c, const void *fn);
void emit_call_syncing_instret(struct lower_ctx *c, const void *fn);
/* Jumps to the epilogue with rax = code. */
void emit_return(struct lower_ctx *c, uintptr_t code);
/* Ends the block with a direct, chainable exit to guest address `target`.
 * Registers must already be written back. */
void emit_direct_exit(struct lower_ctx *c, uint64_t target);
/* The guest pc in rdx (HR_T2): jump to its block if the jump cache has it,
 * else fall through (clobbers HR_T0 and HR_T1). */
void emit_jump_cache_probe(struct lower_ctx *c);
/* The same, a miss jumping to host code at miss_rx (NULL: falling through). */
void emit_jump_cache_probe_to(struct lower_ctx *c, const uint8_t *miss_rx);
/* The same with the target in `target` (a cache register, not modified);
 * miss_rx must be set: the miss path copies it to rdx first. */
void emit_jump_cache_probe_reg(struct lower_ctx *c, const uint8_t *miss_rx, enum x86_reg target);
/* The --explain value bits of a probe as emit_jump_cache_probe_to makes it:
 * 2 a scaled index (opt.short_probe), 4 the cache's address as the
 * displacement (opt.low_jmp_cache).  (1: cold miss code, 8: an odd target
 * probed as is, opt.odd_target_miss; 16: in its cache register,
 * opt.probe_in_place: lower_control.c.) */
int jump_cache_probe_note(const struct lower_ctx *c);

/* ---- --explain labels (emit_helpers.c) ---- */
/* Starts a labelled range of host code at the current position; returns a
 * handle for note_end, or -1 when not explaining (then note_end ignores it). */
int note_begin(struct lower_ctx *c, enum tx_note_kind kind, uint64_t pc, uint64_t value);
void note_end(struct lower_ctx *c, int note);

/* ---- lowering families; each returns false if it does not handle the insn ---- */
bool lower_alu(struct lower_ctx *c, const struct rv_insn *in);
bool lower_bitmanip(struct lower_ctx *c, const struct rv_insn *in); /* Zba, Zbb, Zbs, Zicond, HINTs */
bool lower_mem(struct lower_ctx *c, const struct rv_insn *in);
bool lower_fp(struct lower_ctx *c, const struct rv_insn *in);
bool lower_muldiv(struct lower_ctx *c, const struct rv_insn *in);
/* AMOs as host atomics (lower_amo.c); counts the instruction itself */
bool lower_amo(struct lower_ctx *c, const struct rv_insn *in);
/* Control flow ends the block: returns true after emitting the block's exits. */
bool lower_control(struct lower_ctx *c, const struct rv_insn *in);
/* Tries to translate the pair (a, b) as one (lower_fusion.c).  Returns how
 * many instructions it consumed: 0 (not fused) or 2. */
int lower_fused(struct lower_ctx *c, const struct rv_insn *a, const struct rv_insn *b);
/* lab 5 (lab5_fusion.c): lui+jalr as one direct exit; 0 as shipped (not optimised). */
int lab5_fuse_lui_jalr(struct lower_ctx *c, const struct rv_insn *a, const struct rv_insn *b);
/* frflags rX; feq/flt/fle.d rY; fsflags rX as one quiet comparison (lower_quiet_cmp.c,
 * --no-quiet-compare): 3 if in[0..2] were lowered so, else 0 (nothing emitted). */
int lower_quiet_compare(struct lower_ctx *c, const struct rv_insn *in, int left);
/* After a self-loop's FP preloads (fp_loop_nan.c, opt.fp_loop_nan): marks the
 * head registers that may stay maybe_nan across the back edge (fc.head_nan),
 * with the run-time check that makes it safe on the first iteration. */
void fc_loop_nan_head(struct lower_ctx *c, const struct rv_insn *insns, int n);
/* MXCSR's six flag bits -> RISC-V fflags (lower_fp.c) */
extern const uint8_t mxcsr_to_fflags[64];
/* The pre-pass over the decoded block (prepass.c): fills bounds_known[]. */
void prepass_bounds(struct lower_ctx *c);
/* Anything: runs the instruction through the interpreter (a helper call). */
void lower_via_interpreter(struct lower_ctx *c, const struct rv_insn *in, bool ends_block);
/* System mode, opt.csr_in_block: a CSR instruction through tx_helper_csr; the
 * block goes on after it unless the helper says leave (tx_csr_in_block). */
void lower_csr_in_block(struct lower_ctx *c, const struct rv_insn *in);

#endif
