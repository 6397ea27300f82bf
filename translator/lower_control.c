/*
 * translator/lower_control.c — the end of a block: branches, jumps, and the
 * fallback to the interpreter.
 *
 * A conditional branch becomes a compare and two direct exits (taken, not
 * taken), each chainable.  jal is one direct exit.  jalr's target is only
 * known at run time: it is looked up in a small cache of
 * (guest pc -> host code) pairs, and on a hit generated code jumps straight
 * to the successor without returning to the dispatcher — that is what makes
 * function returns cheap.  Before leaving a block, dirty cached registers
 * are written back and instret is brought up to date.
 */
#include "translator/cold_stubs.h"
#include "translator/helpers.h"
#include "translator/lower.h"

static void leave_block_prepare(struct lower_ctx *c, int extra_insns)
{
    rc_writeback(c);
    fc_writeback(c);
    emit_instret_update(c, c->pending_instret + extra_insns);
    c->pending_instret = 0;
}

/* The condition a branch jumps on, after "cmp rs1, rs2" — or after
 * "cmp rs2, rs1" when `swapped` (see lower_branch): rs1 < rs2 is rs2 > rs1. */
static enum x86_cond branch_cond(int op, bool swapped)
{
    switch (op) {
    case RV_OP_BEQ: return X86_CC_E;
    case RV_OP_BNE: return X86_CC_NE;
    case RV_OP_BLT: return swapped ? X86_CC_G : X86_CC_L;
    case RV_OP_BGE: return swapped ? X86_CC_LE : X86_CC_GE;
    case RV_OP_BLTU: return swapped ? X86_CC_A : X86_CC_B;
    default: return swapped ? X86_CC_BE : X86_CC_AE; /* BGEU */
    }
}

/* The back edge of a self-loop (a branch or jal to the block's own start):
 * the registers stay where they are. */
static bool is_loop_back(const struct lower_ctx *c, uint64_t target)
{
    return c->self_loop && target == c->blk->pc;
}

/* cmp rs1, rs2 (or 0), the flags a branch tests: an uncached rs2 is compared
 * where it is, in struct cpu.  Against 0, "test a, a" (--alu-forms): the
 * same flags as "cmp a, 0" (CF and OF 0, ZF and SF from a), one byte
 * shorter. */
static void emit_compare(struct lower_ctx *c, const struct rv_insn *in, enum x86_reg a, enum x86_reg b,
                         bool b_in_memory, struct x86_mem b_mem, bool swapped)
{
    if (swapped) { /* (lower_branch) */
        int note = note_begin(c, TX_NOTE_ALU_FORM, c->pc, 1);
        x86_test_r64_r64(&c->buf, a, a);
        note_end(c, note);
    } else if (in->rs2 == 0 && c->tx->opt.alu_forms) x86_test_r64_r64(&c->buf, a, a);
    else if (in->rs2 == 0) x86_cmp_r64_imm32(&c->buf, a, 0);
    else if (b_in_memory) x86_cmp_r64_m64(&c->buf, a, b_mem);
    else x86_cmp_r64_r64(&c->buf, a, b);
}

static void lower_branch(struct lower_ctx *c, const struct rv_insn *orig)
{
    /* x0 first (blez a0 is bge x0, a0; bgtz, bnez x0-first forms too): the
     * other register is compared with 0 and the condition swapped, instead of
     * making a zero in rax first (--alu-forms; lower_alu.c has the rest) */
    struct rv_insn swapped_insn;
    const struct rv_insn *in = orig;
    bool swapped = c->tx->opt.alu_forms && orig->rs1 == 0 && orig->rs2 != 0;
    if (swapped) {
        swapped_insn = *orig;
        swapped_insn.rs1 = orig->rs2;
        swapped_insn.rs2 = 0;
        in = &swapped_insn;
    }
    enum x86_reg a = rc_read(c, in->rs1, HR_T0);
    struct x86_mem b_mem;
    bool b_in_memory = in->rs2 != in->rs1 && rc_memory_operand(c, in->rs2, &b_mem);
    enum x86_reg b = (in->rs2 && !b_in_memory) ? rc_read(c, in->rs2, HR_T1) : HR_T1;
    uint64_t target = c->pc + (uint64_t)in->imm;
    if (c->index < c->blk->n_insns - 1) {
        /* A side exit (the block goes on after this branch): the taken
         * path is out of line, where it counts the instructions so far,
         * writes back and leaves; the fall-through path continues with the
         * cache state unchanged and counts later.  A branch that may become
         * an inner jump counts first (before the compare: add clobbers
         * flags), so that the jump needs no code of its own. */
        if (c->inner_source[c->index]) {
            emit_instret_update(c, c->pending_instret + 1);
            c->pending_instret = 0;
        } else {
            c->pending_instret++;
        }
        emit_compare(c, in, a, b, b_in_memory, b_mem, swapped);
        struct x86_label taken = x86_label();
        /* A followed branch (discover.c): the block goes on with the taken
         * path, so the side exit is the fall-through, on the opposite
         * condition (x86 conditions come in pairs differing in bit 0). */
        bool followed = tx_followed(c->blk->follow_mask, c->index);
        enum x86_cond cond = branch_cond(in->op, swapped);
        x86_jcc_label(&c->buf, followed ? (enum x86_cond)(cond ^ 1) : cond, &taken);
        /* (translate.c turns it into an inner jump if the target is further down this self-loop) */
        struct slow_path *s = add_slow_path(c, SLOW_SIDE_EXIT, taken);
        if (s) s->pc = followed ? c->pc + in->len : target;
        return;
    }
    if (is_loop_back(c, target)) {
        /* not taken: write back and leave; taken: loop with the registers
         * still cached.  Both paths start from the same cache state. */
        emit_instret_update(c, c->pending_instret + 1); /* before the compare: add clobbers flags */
        c->pending_instret = 0;
        emit_compare(c, in, a, b, b_in_memory, b_mem, swapped);
        bool direct = loop_back_is_direct(c); /* then the branch itself goes to the loop head */
        struct x86_label taken = x86_label();
        x86_jcc_label(&c->buf, branch_cond(in->op, swapped), direct ? &c->loop_head : &taken);
        struct regcache at_branch = c->rc;
        struct fp_cache fc_at_branch = c->fc;
        rc_writeback(c);
        fc_writeback(c);
        emit_direct_exit(c, c->pc + in->len);
        c->rc = at_branch;
        c->fc = fc_at_branch;
        if (direct) return;
        x86_bind(&c->buf, &taken);
        emit_loop_back(c);
        return;
    }
    leave_block_prepare(c, 1); /* flags are set after this: the add would clobber them */
    emit_compare(c, in, a, b, b_in_memory, b_mem, swapped); /* (rs2 = x0: beqz, bnez, bltz, bgez ...) */
    struct x86_label taken = x86_label();
    x86_jcc_label(&c->buf, branch_cond(in->op, swapped), &taken);
    emit_direct_exit(c, c->pc + in->len);
    x86_bind(&c->buf, &taken);
    emit_direct_exit(c, c->pc + (uint64_t)in->imm);
}

/* Indirect jump to the address in rdx (cpu->pc already set): try the jump cache. */
static void emit_indirect_jump(struct lower_ctx *c)
{
    struct translator *tx = c->tx;
    if (!tx->opt.chain) {
        emit_return(c, TX_RET_PLAIN);
        return;
    }
    int note = note_begin(c, TX_NOTE_INDIRECT, c->pc, jump_cache_probe_note(c));
    if (tx->opt.count) emit_count(c, &tx->stats.indirect_lookups, HR_T1);
    emit_jump_cache_probe(c);
    if (tx->opt.count) emit_count(c, &tx->stats.indirect_misses, HR_T1);
    emit_return(c, TX_RET_PLAIN);
    note_end(c, note);
}

bool lower_control(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    uint64_t link = c->pc + in->len;
    switch (in->op) {
    case RV_OP_BEQ: case RV_OP_BNE: case RV_OP_BLT: case RV_OP_BGE: case RV_OP_BLTU: case RV_OP_BGEU:
        lower_branch(c, in);
        return true;
    case RV_OP_JAL:
        rc_write_const(c, in->rd, link);
        if (is_loop_back(c, c->pc + (uint64_t)in->imm)) {
            c->pending_instret++;
            emit_loop_back(c);
            return true;
        }
        leave_block_prepare(c, 1);
        emit_direct_exit(c, c->pc + (uint64_t)in->imm);
        return true;
    case RV_OP_JALR: {
        enum x86_reg a = rc_read(c, in->rs1, HR_T2);
        bool cold = c->tx->opt.chain && cold_stubs_on(c);
        bool odd_miss = cold && c->tx->opt.odd_target_miss;
        /* --probe-in-place: a jalr through a cache register with no offset
         * (ret after ld ra, a threaded interpreter's jr): the probe reads the
         * target where it is, not a copy in rdx; only the miss path copies
         * it.  Not when rd is rs1 (the link overwrites the register) or bit
         * 0 must be cleared first.  (Writing back and counting instret
         * leave every cache register as it is.) */
        bool in_place = odd_miss && c->tx->opt.probe_in_place && !in->imm && a != HR_T2 && in->rd != in->rs1;
        /* the target is computed before rd is written: rd may be rs1 */
        if (in->imm) x86_lea_r64_m(b, HR_T2, x86_mem_base_disp(a, (int32_t)in->imm));
        else if (a != HR_T2 && !in_place) x86_mov_r64_r64(b, HR_T2, a);
        /* --odd-target-miss: no "and rdx, -2" (jalr clears bit 0) before the
         * probe: every tag in the jump cache is an even pc (or an empty
         * entry's odd pc that indexes another entry, tx_jmp_empty_tag), so
         * an odd target misses, and the shared miss code clears the bit
         * before it stores pc.  Odd targets are rare; the and ran at every
         * return.  (Without cold stubs pc is stored before the probe.) */
        if (!odd_miss) x86_and_r64_imm32(b, HR_T2, -2);
        rc_write_const(c, in->rd, link);
        leave_block_prepare(c, 1);
        if (cold) {
            /* (cold_stubs.c: a miss stores pc (and counts it) in shared code; a hit needs no pc) */
            int note = note_begin(c, TX_NOTE_INDIRECT, c->pc,
                                  1 | jump_cache_probe_note(c) | (odd_miss ? 8 : 0) | (in_place ? 16 : 0));
            if (c->tx->opt.count) emit_count(c, &c->tx->stats.indirect_lookups, HR_T1);
            emit_jump_cache_probe_reg(c, c->tx->cold_indirect_miss, in_place ? a : HR_T2);
            note_end(c, note);
            return true;
        }
        x86_mov_m64_r64(b, x86_mem_base_disp(HR_CPU, (int32_t)offsetof(struct cpu, pc)), HR_T2);
        emit_indirect_jump(c);
        return true;
    }
    default:
        return false; /* system instructions: the interpreter does them */
    }
}

/* The common part of running one instruction in C from the middle of a
 * block (lower_via_interpreter, lower_csr_in_block): every cached register
 * goes back to struct cpu first (the C code reads and writes it there),
 * pc and instret are brought up to date, helper(cpu, in) is called, and
 * afterwards the block forgets what its caches held (the instruction may
 * have written any register, and C code clobbers every xmm register).
 * Leaves the helper's 8-bit result zero-extended in HR_T0 (a C bool or
 * uint8_t comes back in al only: the rest of rax is undefined) and returns
 * the --explain note the caller ends after handling it. */
static int emit_insn_helper_call(struct lower_ctx *c, const struct rv_insn *in, const void *helper,
                                 enum tx_note_kind note_kind)
{
    struct x86_buf *b = &c->buf;
    c->tx->stats.helper_insns++;
    leave_block_prepare(c, 0);
    int note = note_begin(c, note_kind, c->pc, 0);
    emit_set_pc(c, c->pc);
    x86_mov_r64_r64(b, HR_ARG0, HR_CPU);
    x86_mov_r64_imm64(b, HR_ADDR, (uint64_t)(uintptr_t)in); /* points into the block's own insns[] */
    emit_call_syncing_instret(c, helper);
    rc_forget(c);
    fc_reset(c);
    c->forgot = true;
    x86_movzx_r32_r8(b, HR_T0, HR_T0);
    return note;
}

void lower_via_interpreter(struct lower_ctx *c, const struct rv_insn *in, bool ends_block)
{
    struct x86_buf *b = &c->buf;
    int note = emit_insn_helper_call(c, in, (const void *)tx_helper_exec, TX_NOTE_HELPER);
    /* the helper counted the instruction itself; on a trap nothing changed */
    x86_test_r32_r32(b, HR_T0, HR_T0);
    struct x86_label ok = x86_label();
    x86_jcc_label(b, X86_CC_NE, &ok);
    emit_return(c, TX_RET_TRAP);
    x86_bind(b, &ok);
    if (ends_block) emit_return(c, TX_RET_PLAIN); /* cpu->pc is wherever the instruction went */
    note_end(c, note);
}

void lower_csr_in_block(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    int note = emit_insn_helper_call(c, in, (const void *)tx_helper_csr, TX_NOTE_CSR_IN_BLOCK);
    /* al: TX_CSR_GO_ON (the usual case: on with the block), TX_CSR_LEAVE
     * (pc is the next instruction's; registers are in struct cpu) or
     * TX_CSR_TRAP */
    x86_cmp_r32_imm32(b, HR_T0, TX_CSR_GO_ON);
    struct x86_label go_on = x86_label();
    x86_jcc_label(b, X86_CC_E, &go_on);
    x86_cmp_r32_imm32(b, HR_T0, TX_CSR_LEAVE);
    struct x86_label leave = x86_label();
    x86_jcc_label(b, X86_CC_E, &leave);
    emit_return(c, TX_RET_TRAP);
    x86_bind(b, &leave);
    emit_return(c, TX_RET_PLAIN);
    x86_bind(b, &go_on);
    note_end(c, note);
}
