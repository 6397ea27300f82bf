/*
 * translator/fpcache.c — recently used FP registers kept in xmm2..xmm15.
 *
 * FP registers live in struct cpu (f[]), and that copy is always up to
 * date: every instruction that writes an FP register still stores it there
 * ("write-through").  What this cache adds is a copy in an xmm register, so
 * that the next instruction reading the value takes it from a register
 * instead of loading what was just stored.  A load right after a store to
 * the same address waits for store-to-load forwarding (about five cycles on
 * current x86 cores), and FP code is chains of dependent operations:
 * z = z*z + c pays that wait at every step.
 *
 * Because memory is always right, the cache never writes anything back: at
 * an exit, a side exit or a fault nothing is to be done.  It only has to
 * forget, or reload, where an xmm register may no longer hold what the
 * translator thinks:
 *   - at the start of a block and at a self-loop's loop head (the back edge
 *     arrives with whatever the end of the body left), and at the target of
 *     an inner jump (which skips the allocations in between): empty;
 *   - after the interpreter ran an instruction on the main path (it may
 *     have written any f[] and C code clobbers every xmm register): empty;
 *   - on an out-of-line path that calls C and comes back (a memory slow
 *     path, an interpreter fallback): every register the main path expects
 *     at the point it resumes is loaded again from f[] (fc_reload).
 * Allocation is round robin over fourteen registers (xmm0 and xmm1 stay
 * scratch for the operations themselves).
 */
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
}

void fc_forget(struct lower_ctx *c, unsigned r)
{
    int x = c->fc.xmm_of[r];
    if (x < 0) return;
    c->fc.freg_in[x] = -1;
    c->fc.xmm_of[r] = -1;
}

/* The xmm register assigned to f[r], allocating one (its old holder is
 * simply forgotten: f[] in memory has its value). */
static enum x86_xmm assign(struct lower_ctx *c, unsigned r)
{
    if (c->fc.xmm_of[r] >= 0) return (enum x86_xmm)c->fc.xmm_of[r];
    int x = FC_FIRST + c->fc.next;
    c->fc.next = (uint8_t)((c->fc.next + 1) % FC_SLOTS);
    if (c->fc.freg_in[x] >= 0) c->fc.xmm_of[c->fc.freg_in[x]] = -1;
    c->fc.freg_in[x] = (int8_t)r;
    c->fc.xmm_of[r] = (int8_t)x;
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
}

bool fc_loop_state_intact(const struct lower_ctx *c)
{
    if (!c->fc.loop_state) return true;
    for (int x = FC_FIRST; x < FC_FIRST + FC_SLOTS; x++)
        if (c->fc.head_freg_in[x] >= 0 && c->fc.xmm_of[c->fc.head_freg_in[x]] != x) return false;
    return true;
}

/* f[] in memory is exact (write-through), so each register that differs is
 * simply loaded again: no order to respect among the moves. */
void fc_restore_loop_state(struct lower_ctx *c)
{
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
