/*
 * translator/lower_fusion.c — translating common instruction pairs as one.
 *
 * RISC-V builds constants and far addresses from two instructions because
 * an instruction holds at most 20 immediate bits.  When the second
 * instruction consumes the first one's result, the pair has a simpler x86
 * equivalent (the idea is rv8's "macro-op fusion"):
 *
 *   lui  rd, hi ; addi(w) rd, rd, lo    ->  rd = constant             (li of a 32-bit value)
 *   auipc rd, hi; addi rd, rd, lo       ->  rd = pc + constant        (la: address of a symbol)
 *   auipc rd, hi; jalr rl, lo(rd)       ->  direct jump to pc + constant (call/tail to a far function):
 *                                           a chainable exit instead of an indirect jump
 *   slli rd, rs, 32; srli rd, rd, 32    ->  rd = zero-extended low word (zext.w)
 *
 * Each rule checks that the second instruction really reads the first's
 * destination, and that the intermediate value is dead or still written.
 */
#include "translator/lower.h"

static void set_constant(struct lower_ctx *c, unsigned rd, uint64_t value) { rc_write_const(c, rd, value); }

int lower_fused(struct lower_ctx *c, const struct rv_insn *a, const struct rv_insn *b)
{
    if (!c->tx->opt.fusion || a->rd == 0) return 0;
    uint64_t pc = c->pc;
    if (a->op == RV_OP_LUI && b->rs1 == a->rd && b->rd == a->rd) {
        if (b->op == RV_OP_ADDI) {
            set_constant(c, a->rd, (uint64_t)a->imm + (uint64_t)b->imm);
            return 2;
        }
        if (b->op == RV_OP_ADDIW) {
            set_constant(c, a->rd, (uint64_t)(int64_t)(int32_t)(uint32_t)((uint64_t)a->imm + (uint64_t)b->imm));
            return 2;
        }
    }
    if (a->op == RV_OP_AUIPC && b->op == RV_OP_ADDI && b->rs1 == a->rd && b->rd == a->rd) {
        set_constant(c, a->rd, pc + (uint64_t)a->imm + (uint64_t)b->imm);
        return 2;
    }
    if (a->op == RV_OP_AUIPC && b->op == RV_OP_JALR && b->rs1 == a->rd) {
        uint64_t target = (pc + (uint64_t)a->imm + (uint64_t)b->imm) & ~1ull;
        /* auipc's result stays visible in rd (unless jalr overwrites it with the link) */
        set_constant(c, a->rd, pc + (uint64_t)a->imm);
        if (b->rd) set_constant(c, b->rd, pc + a->len + b->len);
        rc_writeback(c);
        fc_writeback(c);
        emit_instret_update(c, c->pending_instret + 2);
        c->pending_instret = 0;
        emit_direct_exit(c, target);
        return 2;
    }
    if (a->op == RV_OP_SLLI && b->op == RV_OP_SRLI && a->imm == 32 && b->imm == 32 && b->rs1 == a->rd &&
        b->rd == a->rd) {
        enum x86_reg s = rc_read(c, a->rs1, HR_T0);
        x86_mov_r32_r32(&c->buf, HR_T0, s); /* a 32-bit move zero-extends on x86-64 */
        rc_write(c, a->rd, HR_T0);
        return 2;
    }
    return lab5_fuse_lui_jalr(c, a, b); /* (lab 5: lab5_fusion.c) */
}
