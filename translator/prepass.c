/*
 * translator/prepass.c — a small pass over a decoded block before anything
 * is emitted (translate.c runs it after block discovery; --no-bounds-reuse
 * turns it off).
 *
 * What it finds today: user mode's host-MMU loads and stores whose bounds
 * check (`lea rdx,[base+imm]; shr rdx,35; jne slow`, lower_mem.c) an earlier
 * access of the same block already made.  An access that passed the check
 * proved base+imm1 in [0, 32 GiB); if base is not written in between, a later
 * base+imm2 with |imm2 - imm1| <= 2 KiB lies in [-2 KiB, 32 GiB + 2 KiB + 8),
 * and the guest space has a PROT_NONE guard page on each side (mmu/mmu.c), so
 * an address outside it faults on the host like an unmapped guest page and
 * the host-fault path (host_fault.c) sends it to the access's slow path,
 * which raises the guest's fault precisely.  So the later access needs no
 * check: only the host access itself.
 * With the base-only check (--no-base-bounds to turn it off: lower_mem.c)
 * the first access proved base itself in [0, 32 GiB), so every 12-bit offset
 * from it is covered the same way, without the 2 KiB window.
 *
 * The walk is linear over insns[]: any write to a register forgets what was
 * proved about it, and an inner jump's target (a self-loop's forward branch
 * lands there from a point where other accesses were skipped) forgets
 * everything.  A self-loop's iterations start at the block's start, where
 * nothing is known yet.
 */
#include "mmu/mmu.h"
#include "translator/lower.h"

#define REUSE_WINDOW 2048 /* at most half the guard page below the guest space */

static bool is_plain_access(const struct rv_insn *in)
{
    switch (in->op) {
    case RV_OP_LB: case RV_OP_LH: case RV_OP_LW: case RV_OP_LD: case RV_OP_LBU: case RV_OP_LHU: case RV_OP_LWU:
    case RV_OP_SB: case RV_OP_SH: case RV_OP_SW: case RV_OP_SD:
    case RV_OP_FLW: case RV_OP_FLD: case RV_OP_FSW: case RV_OP_FSD:
        return true;
    default:
        return false;
    }
}

void prepass_bounds(struct lower_ctx *c)
{
    const struct tx_block *b = c->blk;
    memset(c->bounds_known, 0, sizeof c->bounds_known);
    if (!c->tx->opt.bounds_reuse || !c->tx->opt.host_mmu || !c->tx->opt.inline_tlb || c->cpu->mmu->sys) return;
    bool have[32] = {false};
    int64_t checked_imm[32];
    for (int i = 0; i < b->n_insns; i++) {
        const struct rv_insn *in = &b->insns[i];
        if (c->inner_target[i]) memset(have, 0, sizeof have);
        if (is_plain_access(in)) {
            unsigned r = in->rs1;
            int64_t d = have[r] ? (int64_t)in->imm - checked_imm[r] : 0;
            /* (--base-bounds checks the base alone: then any imm of the same base is covered) */
            if (have[r] && (c->tx->opt.base_bounds || (d >= -REUSE_WINDOW && d <= REUSE_WINDOW))) {
                c->bounds_known[i] = true;
            } else {
                have[r] = true; /* this access makes the check */
                checked_imm[r] = in->imm;
            }
        }
        /* a register written here is no longer what was checked (rd of any instruction:
         * an FP or store rd field only forgets more than needed) */
        have[in->rd] = false;
    }
}
