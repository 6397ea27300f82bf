/*
 * translator/fpcache.c — recently used FP registers kept in xmm2..xmm15.
 *
 * FP registers live in struct cpu (f[]).  This cache keeps copies in xmm
 * registers, so that the next instruction reading a value takes it from a
 * register instead of loading what was just stored: a load right after a
 * store to the same address waits for store-to-load forwarding (about five
 * cycles), and FP code is chains of dependent operations.
 *
 * Write-back (opt.fp_writeback, the default): an FP result stays in its
 * xmm register only ("dirty"), as the integer register cache does it, and
 * is stored to f[] where C code or the dispatcher may look: at every exit
 * of the block, before an interpreter or memory helper call (each slow
 * path stores the registers dirty where it was entered), when its xmm
 * register is taken for another f register, and before inline code that
 * reads f[] itself (single precision, sign injection: fc_sync).  With
 * --no-fp-writeback every result is also stored at once (write-through),
 * and memory is always exact.
 *
 * Lazy NaN (opt.fp_lazy_nan, needs write-back): x86 arithmetic gives a NaN
 * that is not RISC-V's canonical 0x7ff8000000000000 (the negative default
 * NaN, or an input's payload).  Inside a chain of arithmetic that does not
 * matter: a NaN operand gives a NaN result on both, with the same flags (an
 * x86-made NaN is always quiet, like the canonical one), and compares treat
 * every quiet NaN alike.  So a result is only marked maybe_nan, and made
 * canonical (ucomisd x,x; jnp; a three-instruction constant) where its bits
 * can be seen: stored (fsd, write-back), moved to an integer register, sign
 * injected, or read by the interpreter.  A self-loop's back edge makes its
 * registers canonical, so that none is marked at the loop head: a value
 * preloaded there came from memory and must be stored bit for bit — except
 * those fp_loop_nan.c proves may stay marked (--no-fp-loop-nan).
 *
 * The cache must forget, or reload, where an xmm register may no longer
 * hold what the translator thinks:
 *   - at the start of a block and at the target of an inner jump (which
 *     skips the allocations in between; the dirty ones are stored first);
 *   - after the interpreter ran an instruction on the main path (it may
 *     have written any f[] and C code clobbers every xmm register): empty;
 *   - on an out-of-line path that calls C and comes back (a memory slow
 *     path, an interpreter fallback): the registers dirty at its entry are
 *     stored first, and every register the main path expects at the point
 *     it resumes is loaded again from f[] (fc_reload).
 * Allocation is round robin over fourteen registers (xmm0 and xmm1 stay
 * scratch for the operations themselves).
 */
#include "translator/cold_stubs.h"
#include "translator/lower.h"

#define FC_FIRST X86_XMM2

static struct x86_mem f_slot(unsigned r)
{
    return x86_mem_base_disp(HR_CPU, (int32_t)(offsetof(struct cpu, f) + 8 * r));
}

void fc_reset(struct lower_ctx *c)
{
    memset(c->fc.xmm_of, -1, sizeof c->fc.xmm_of);
    memset(c->fc.freg_in, -1, sizeof c->fc.freg_in);
    c->fc.dirty = c->fc.maybe_nan = 0; /* (callers have stored the dirty ones) */
}

void fc_forget(struct lower_ctx *c, unsigned r)
{
    int x = c->fc.xmm_of[r];
    c->fc.dirty &= ~(1u << r); /* (f[r] was just written in memory) */
    c->fc.maybe_nan &= ~(1u << r);
    if (x < 0) return;
    c->fc.freg_in[x] = -1;
    c->fc.xmm_of[r] = -1;
}

bool fc_lazy_nan(const struct lower_ctx *c)
{
    return c->tx->opt.fp_writeback && c->tx->opt.fp_lazy_nan;
}

void fc_emit_canonical(struct lower_ctx *c, enum x86_xmm x)
{
    struct x86_buf *b = &c->buf;
    x86_ucomisd_x_x(b, x, x); /* PF: unordered, a NaN */
    if (cold_stubs_on(c)) { /* the constant is built by shared code (cold_stubs.c) */
        x86_jcc_rel8(b, X86_CC_NP, COLD_STUB_SIZE);
        emit_cold_canonical_nan(c, x);
        return;
    }
    struct x86_label not_nan = x86_label();
    x86_jcc_label(b, X86_CC_NP, &not_nan);
    x86_pcmpeqd_x_x(b, x, x);     /* all ones */
    x86_psllq_x_imm8(b, x, 52);   /* 0xfff0000000000000 */
    x86_psrlq_x_imm8(b, x, 1);    /* 0x7ff8000000000000 */
    x86_bind(b, &not_nan);
}

/* Stores f[r] from xmm x (canonical first if marked). */
static void store_one(struct lower_ctx *c, unsigned r, enum x86_xmm x, bool maybe_nan)
{
    if (maybe_nan) fc_emit_canonical(c, x);
    x86_movsd_m64_x(&c->buf, f_slot(r), x);
}

void fc_canonicalize(struct lower_ctx *c, unsigned r)
{
    int x = c->fc.xmm_of[r];
    if (x < 0 || !(c->fc.maybe_nan & (1u << r))) return;
    int note = note_begin(c, TX_NOTE_FP_CANONICAL, c->pc, r);
    fc_emit_canonical(c, (enum x86_xmm)x);
    note_end(c, note);
    c->fc.maybe_nan &= ~(1u << r);
}

void fc_sync(struct lower_ctx *c, unsigned r)
{
    int x = c->fc.xmm_of[r];
    if (x < 0 || !(c->fc.dirty & (1u << r))) return;
    int note = note_begin(c, TX_NOTE_FP_WRITEBACK, c->pc, 1u << r);
    store_one(c, r, (enum x86_xmm)x, c->fc.maybe_nan & (1u << r));
    note_end(c, note);
    c->fc.dirty &= ~(1u << r);
    c->fc.maybe_nan &= ~(1u << r);
}

void fc_writeback_state(struct lower_ctx *c, const int8_t freg_in[16], uint32_t dirty, uint32_t maybe_nan)
{
    uint32_t mask = 0;
    for (int x = FC_FIRST; x < FC_FIRST + FC_SLOTS; x++)
        if (freg_in[x] >= 0 && (dirty & (1u << freg_in[x]))) mask |= 1u << freg_in[x];
    if (!mask) return;
    int note = note_begin(c, TX_NOTE_FP_WRITEBACK, c->pc, mask);
    for (int x = FC_FIRST; x < FC_FIRST + FC_SLOTS; x++) {
        int r = freg_in[x];
        if (r >= 0 && (dirty & (1u << r))) store_one(c, (unsigned)r, (enum x86_xmm)x, maybe_nan & (1u << r));
    }
    note_end(c, note);
}

void fc_writeback(struct lower_ctx *c)
{
    fc_writeback_state(c, c->fc.freg_in, c->fc.dirty, c->fc.maybe_nan);
    c->fc.maybe_nan &= ~c->fc.dirty; /* (a stored one was made canonical in place) */
    c->fc.dirty = 0;
}

void fc_set_entry(struct slow_path *s, const struct fp_cache *at_jump)
{
    memcpy(s->fc_entry, at_jump->freg_in, sizeof s->fc_entry);
    s->fc_dirty = at_jump->dirty;
    s->fc_nan = at_jump->maybe_nan;
}

/* The xmm register assigned to f[r], allocating one (its old holder is
 * forgotten; if it was dirty, it is stored first). */
static enum x86_xmm assign(struct lower_ctx *c, unsigned r)
{
    if (c->fc.xmm_of[r] >= 0) return (enum x86_xmm)c->fc.xmm_of[r];
    int x = FC_FIRST + c->fc.next;
    c->fc.next = (uint8_t)((c->fc.next + 1) % FC_SLOTS);
    int old = c->fc.freg_in[x];
    if (old >= 0) {
        fc_sync(c, (unsigned)old);
        c->fc.xmm_of[old] = -1;
        c->fc.maybe_nan &= ~(1u << old);
    }
    c->fc.freg_in[x] = (int8_t)r;
    c->fc.xmm_of[r] = (int8_t)x;
    c->fc.dirty &= ~(1u << r);
    c->fc.maybe_nan &= ~(1u << r);
    return (enum x86_xmm)x;
}

enum x86_xmm fc_assign(struct lower_ctx *c, unsigned r) { return assign(c, r); }

enum x86_xmm fc_read(struct lower_ctx *c, unsigned r)
{
    if (c->fc.xmm_of[r] >= 0) return (enum x86_xmm)c->fc.xmm_of[r];
    enum x86_xmm x = assign(c, r);
    x86_movsd_x_m64(&c->buf, x, f_slot(r));
    return x;
}

int fc_cached(const struct lower_ctx *c, unsigned r) { return c->fc.xmm_of[r]; }

void fc_wrote_xmm(struct lower_ctx *c, unsigned r, enum x86_xmm value)
{
    enum x86_xmm x = assign(c, r);
    if (x != value) x86_movapd_x_x(&c->buf, x, value);
}

void fc_wrote_gpr(struct lower_ctx *c, unsigned r, enum x86_reg value)
{
    x86_movq_x_r64(&c->buf, assign(c, r), value);
}

void fc_result(struct lower_ctx *c, unsigned rd, enum x86_xmm value, bool maybe_nan)
{
    enum x86_xmm x = assign(c, rd); /* (rd's register: no eviction if the caller assigned it) */
    if (x != value) x86_movapd_x_x(&c->buf, x, value);
    if (!c->tx->opt.fp_writeback) {
        if (maybe_nan) fc_emit_canonical(c, x);
        x86_movsd_m64_x(&c->buf, f_slot(rd), x);
        return;
    }
    c->fc.dirty |= 1u << rd;
    c->fc.maybe_nan &= ~(1u << rd); /* (rd's old value may have been marked: a load's bits are exact) */
    if (maybe_nan) {
        if (fc_lazy_nan(c)) c->fc.maybe_nan |= 1u << rd;
        else fc_emit_canonical(c, x);
    }
}

void fc_result_gpr(struct lower_ctx *c, unsigned rd, enum x86_reg value)
{
    enum x86_xmm x = assign(c, rd);
    x86_movq_x_r64(&c->buf, x, value);
    c->fc.maybe_nan &= ~(1u << rd); /* (exact bits, whatever rd held before) */
    if (c->tx->opt.fp_writeback) c->fc.dirty |= 1u << rd;
    else x86_mov_m64_r64(&c->buf, f_slot(rd), value);
}

/* The FP registers an instruction reads in the lowerings that use the cache. */
static int fp_sources(const struct rv_insn *in, unsigned out[3])
{
    switch (in->op) {
    case RV_OP_FADD_D: case RV_OP_FSUB_D: case RV_OP_FMUL_D: case RV_OP_FDIV_D:
    case RV_OP_FEQ_D: case RV_OP_FLT_D: case RV_OP_FLE_D:
        out[0] = in->rs1, out[1] = in->rs2;
        return 2;
    case RV_OP_FSQRT_D: out[0] = in->rs1; return 1;
    case RV_OP_FSD: out[0] = in->rs2; return 1;
    case RV_OP_FMADD_D: case RV_OP_FMSUB_D: case RV_OP_FNMADD_D: case RV_OP_FNMSUB_D:
        out[0] = in->rs3, out[1] = in->rs1, out[2] = in->rs2;
        return 3;
    default: return 0;
    }
}

void fc_preload_for_loop(struct lower_ctx *c, const struct rv_insn *insns, int n)
{
    if (!c->tx->opt.fp_preload) return;
    int loaded = 0;
    for (int i = 0; i < n && loaded < FC_SLOTS; i++) {
        unsigned src[3];
        int k = fp_sources(&insns[i], src);
        for (int j = 0; j < k && loaded < FC_SLOTS; j++)
            if (fc_cached(c, src[j]) < 0) fc_read(c, src[j]), loaded++;
    }
    if (!loaded) return;
    c->fc.loop_state = true;
    memcpy(c->fc.head_freg_in, c->fc.freg_in, sizeof c->fc.head_freg_in);
    /* With write-back, a later iteration arrives at the head with any of
     * them newer in its register than in memory: count them dirty (an exit
     * stores them; storing an unchanged one is harmless).  None is marked
     * maybe_nan there: the back edge makes them canonical (see the top). */
    if (c->tx->opt.fp_writeback)
        for (int x = FC_FIRST; x < FC_FIRST + FC_SLOTS; x++)
            if (c->fc.head_freg_in[x] >= 0) c->fc.dirty |= 1u << c->fc.head_freg_in[x];
    fc_loop_nan_head(c, insns, n); /* (fp_loop_nan.c: which of them stay marked across the back edge) */
}

/* At the loop head's position in the head state (when there is one). */
static bool at_head(const struct lower_ctx *c, int x)
{
    return c->fc.loop_state && c->fc.head_freg_in[x] >= 0 && c->fc.head_freg_in[x] == c->fc.freg_in[x];
}

bool fc_loop_state_intact(const struct lower_ctx *c)
{
    for (int x = FC_FIRST; x < FC_FIRST + FC_SLOTS; x++) {
        int r = c->fc.freg_in[x];
        /* dirty away from the head state (would be lost), or marked NaN (see
         * the top) unless the head carries it marked (fp_loop_nan.c) */
        if (r >= 0 && (c->fc.dirty & (1u << r)) && !at_head(c, x)) return false;
        if (r >= 0 && (c->fc.maybe_nan & (1u << r)) && !(at_head(c, x) && (c->fc.head_nan & (1u << r)))) return false;
    }
    if (!c->fc.loop_state) return true;
    for (int x = FC_FIRST; x < FC_FIRST + FC_SLOTS; x++)
        if (c->fc.head_freg_in[x] >= 0 && c->fc.xmm_of[c->fc.head_freg_in[x]] != x) return false;
    return true;
}

/* First the registers the head state does not have where they are now are
 * stored if dirty, then those at their head position made canonical if
 * marked; then every head register that is elsewhere (or not cached) is
 * loaded from f[], exact by then: no order to respect among the moves. */
void fc_restore_loop_state(struct lower_ctx *c)
{
    for (int x = FC_FIRST; x < FC_FIRST + FC_SLOTS; x++) {
        int r = c->fc.freg_in[x];
        if (r < 0) continue;
        if (!at_head(c, x)) fc_sync(c, (unsigned)r);
        else if (!(c->fc.head_nan & (1u << r))) fc_canonicalize(c, (unsigned)r); /* (fp_loop_nan.c) */
    }
    if (!c->fc.loop_state) return;
    for (int x = FC_FIRST; x < FC_FIRST + FC_SLOTS; x++) {
        int r = c->fc.head_freg_in[x];
        if (r >= 0 && c->fc.xmm_of[r] != x) x86_movsd_x_m64(&c->buf, (enum x86_xmm)x, f_slot((unsigned)r));
    }
}

void fc_reload(struct lower_ctx *c, const int8_t freg_in[16])
{
    for (int x = FC_FIRST; x < FC_FIRST + FC_SLOTS; x++)
        if (freg_in[x] >= 0) x86_movsd_x_m64(&c->buf, (enum x86_xmm)x, f_slot((unsigned)freg_in[x]));
}
