/*
 * translator/lower_alu.c — integer register/immediate instructions to x86-64.
 *
 * Most RISC-V ALU instructions have a one- or two-instruction x86
 * equivalent.  The pattern: fetch operands through the register cache,
 * compute in rax (or set a flag into a byte register), store rax back
 * through the cache.  Two happy coincidences keep it short: x86 masks shift
 * counts exactly like RISC-V (6 bits for 64-bit shifts, 5 for 32-bit), and
 * x86 32-bit operations plus movsxd give RISC-V's W-form semantics
 * (compute on the low 32 bits, sign-extend the result).
 */
#include "cpu/interp.h"
#include "translator/lower.h"

static enum x86_reg into_t0(struct lower_ctx *c, unsigned r)
{
    enum x86_reg a = rc_read(c, r, HR_T0);
    if (a != HR_T0) x86_mov_r64_r64(&c->buf, HR_T0, a);
    return HR_T0;
}

/* For "rd = rs1 OP something": returns the register to compute in, already
 * holding rs1 — rd's cache register when it has one ("srli a5,a5,1" becomes
 * one "shr rbx, 1"), else rax.  finish_dest() then records the result. */
static enum x86_reg into_dest(struct lower_ctx *c, unsigned rd, unsigned rs1)
{
    int d = rc_slot_reg(c, rd);
    if (d < 0) return into_t0(c, rs1);
    enum x86_reg a = rc_read(c, rs1, (enum x86_reg)d);
    if ((int)a != d) x86_mov_r64_r64(&c->buf, (enum x86_reg)d, a);
    return (enum x86_reg)d;
}

static void finish_dest(struct lower_ctx *c, unsigned rd, enum x86_reg d)
{
    if (d == HR_T0) rc_write(c, rd, HR_T0);
    else rc_mark_written(c, rd);
}

typedef bool (*alu_rr_fn)(struct x86_buf *, enum x86_reg, enum x86_reg);
typedef bool (*alu_rm_fn)(struct x86_buf *, enum x86_reg, struct x86_mem);

/* rd = rs1 OP rs2 with an rs2 that is not cached: x86 reads it from struct
 * cpu as the instruction's memory operand ("add rbx, qword ptr [rbp + 0x48]")
 * instead of loading it into a register first.  False if rs2 is cached (or
 * the operation has no memory form): the register forms below then apply. */
static bool lower_rr_mem(struct lower_ctx *c, const struct rv_insn *in, alu_rm_fn op, bool word)
{
    struct x86_mem m;
    if (!op || !rc_memory_operand(c, in->rs2, &m)) return false;
    enum x86_reg d = into_dest(c, in->rd, in->rs1); /* (rd is written only after rs2 is read) */
    op(&c->buf, d, m);
    if (word) x86_movsxd_r64_r32(&c->buf, d, d);
    finish_dest(c, in->rd, d);
    return true;
}

/* rd = rs1 OP rs2, 64-bit.  When rd lives in a cache register (and is not
 * also rs2, which the first move would overwrite) compute right there:
 * "add a0,a0,a1" becomes one "add r12, rbx". */
static void lower_rr(struct lower_ctx *c, const struct rv_insn *in, alu_rr_fn op, alu_rm_fn op_mem)
{
    if (lower_rr_mem(c, in, op_mem, false)) return;
    enum x86_reg b = rc_read(c, in->rs2, HR_T1);
    int d = rc_slot_reg(c, in->rd);
    if (d >= 0 && op == x86_add_r64_r64 && in->rd != in->rs1 && rc_slot_reg(c, in->rs1) >= 0) {
        /* three registers: "add a3,a7,a2" becomes one "lea r14, [r12 + rbx]" */
        enum x86_reg a = rc_read(c, in->rs1, HR_T0);
        x86_lea_r64_m(&c->buf, (enum x86_reg)d, x86_mem_base_index(a, b, 1, 0));
        rc_mark_written(c, in->rd);
        return;
    }
    if (d >= 0 && in->rd != in->rs2) {
        /* (an uncached rs1 is loaded straight into rd's register) */
        enum x86_reg a = rc_read(c, in->rs1, rc_slot_reg(c, in->rs1) < 0 ? (enum x86_reg)d : HR_T0);
        if ((int)a != d) x86_mov_r64_r64(&c->buf, (enum x86_reg)d, a);
        op(&c->buf, (enum x86_reg)d, b);
        rc_mark_written(c, in->rd);
        return;
    }
    into_t0(c, in->rs1);
    op(&c->buf, HR_T0, b);
    rc_write(c, in->rd, HR_T0);
}

/* rd = sext32(rs1 OP rs2), 32-bit */
static void lower_rr_w(struct lower_ctx *c, const struct rv_insn *in, alu_rr_fn op, alu_rm_fn op_mem)
{
    if (lower_rr_mem(c, in, op_mem, true)) return;
    enum x86_reg b = rc_read(c, in->rs2, HR_T1);
    int d = rc_slot_reg(c, in->rd);
    if (d >= 0 && in->rd != in->rs2) { /* compute in rd's cache register */
        enum x86_reg a = rc_read(c, in->rs1, rc_slot_reg(c, in->rs1) < 0 ? (enum x86_reg)d : HR_T0);
        if ((int)a != d) x86_mov_r64_r64(&c->buf, (enum x86_reg)d, a);
        op(&c->buf, (enum x86_reg)d, b);
        x86_movsxd_r64_r32(&c->buf, (enum x86_reg)d, (enum x86_reg)d);
        rc_mark_written(c, in->rd);
        return;
    }
    into_t0(c, in->rs1);
    op(&c->buf, HR_T0, b);
    x86_movsxd_r64_r32(&c->buf, HR_T0, HR_T0);
    rc_write(c, in->rd, HR_T0);
}

/* rd = rs1 OP imm, 64-bit, imm sign-extended (x86 sign-extends imm32 the same way) */
static void lower_ri(struct lower_ctx *c, const struct rv_insn *in,
                     bool (*op)(struct x86_buf *, enum x86_reg, int32_t))
{
    enum x86_reg d = into_dest(c, in->rd, in->rs1);
    op(&c->buf, d, (int32_t)in->imm);
    finish_dest(c, in->rd, d);
}

/* Shifts by a register: the count must be in cl. */
static void lower_shift_reg(struct lower_ctx *c, const struct rv_insn *in,
                            bool (*op)(struct x86_buf *, enum x86_reg), bool word)
{
    enum x86_reg b = rc_read(c, in->rs2, HR_T1);
    if (b != HR_T1) x86_mov_r64_r64(&c->buf, HR_T1, b);
    int d = rc_slot_reg(c, in->rd);
    if (d >= 0) { /* the count is in cl already: shift in rd's cache register */
        enum x86_reg a = rc_read(c, in->rs1, rc_slot_reg(c, in->rs1) < 0 ? (enum x86_reg)d : HR_T0);
        if ((int)a != d) x86_mov_r64_r64(&c->buf, (enum x86_reg)d, a);
        op(&c->buf, (enum x86_reg)d);
        if (word) x86_movsxd_r64_r32(&c->buf, (enum x86_reg)d, (enum x86_reg)d);
        rc_mark_written(c, in->rd);
        return;
    }
    into_t0(c, in->rs1);
    op(&c->buf, HR_T0);
    if (word) x86_movsxd_r64_r32(&c->buf, HR_T0, HR_T0);
    rc_write(c, in->rd, HR_T0);
}

static void lower_shift_imm(struct lower_ctx *c, const struct rv_insn *in,
                            bool (*op)(struct x86_buf *, enum x86_reg, uint8_t), bool word)
{
    enum x86_reg d = into_dest(c, in->rd, in->rs1);
    op(&c->buf, d, (uint8_t)in->imm);
    if (word) x86_movsxd_r64_r32(&c->buf, d, d);
    finish_dest(c, in->rd, d);
}

/* slt/sltu/slti/sltiu: compare, then setcc into dl (rax/rcx may hold operands). */
static void lower_set_less(struct lower_ctx *c, const struct rv_insn *in, bool imm, enum x86_cond cc)
{
    enum x86_reg a = rc_read(c, in->rs1, HR_T0);
    if (imm) {
        x86_cmp_r64_imm32(&c->buf, a, (int32_t)in->imm);
    } else {
        enum x86_reg b = rc_read(c, in->rs2, HR_T1);
        x86_cmp_r64_r64(&c->buf, a, b);
    }
    x86_setcc_r8(&c->buf, cc, HR_T2);
    x86_movzx_r32_r8(&c->buf, HR_T2, HR_T2);
    rc_write(c, in->rd, HR_T2);
}


/* add/or/xor with x0 as one operand (c.mv is "add rd, x0, rs2"), or sub
 * of x0: a plain register move. */
static bool lower_move_form(struct lower_ctx *c, const struct rv_insn *in)
{
    bool commutes = in->op == RV_OP_ADD || in->op == RV_OP_OR || in->op == RV_OP_XOR;
    if (!commutes && in->op != RV_OP_SUB) return false;
    unsigned src;
    if (in->rs2 == 0) src = in->rs1;
    else if (in->rs1 == 0 && commutes) src = in->rs2;
    else return false;
    if (in->rd == 0) return true;
    rc_write(c, in->rd, rc_read(c, src, HR_T0));
    return true;
}

/* x86's ALU instructions have two operands, so "rd = rs1 OP k" with rd not
 * rs1 is "mov rd, rs1; op rd, k".  A few instructions lua's hot loops run
 * have a one-instruction form that reads rs1 and writes rd (--no-alu-forms
 * turns them off):
 *   slli by 1     lea rd, [rs1 + rs1]        slli by 2, 3  lea rd, [rs1*4|8]
 *   sext.w        movsxd rd, rs1d            neg           (mov) neg rd
 *   andi 0xff     movzx rd, rs1b (zext.b)
 * and two W forms lose an instruction whatever the registers:
 *   srliw by k>0  mov, shr r32: bit 31 is 0, so the sign-extension the
 *                 movsxd did is the zero-extension the 32-bit shr already did
 *   sraiw by k    movsxd rd, rs1d; sar rd, k: sign-extending first and
 *                 shifting 64 bits gives the same 64 bits as shifting 32 bits
 *                 and sign-extending after (k < 32)
 * (slliw and addw stay: their result's bit 31 is not known.)  The result is
 * computed into rd's cache register, or rax for an uncached rd. */
static bool lower_alu_form(struct lower_ctx *c, const struct rv_insn *in)
{
    if (!c->tx->opt.alu_forms || in->rd == 0) return false;
    struct x86_buf *b = &c->buf;
    int slot = rc_slot_reg(c, in->rd);
    enum x86_reg d = slot >= 0 ? (enum x86_reg)slot : HR_T0;
    /* an uncached source is loaded straight into d */
    enum x86_reg scratch = rc_slot_reg(c, in->rs1) < 0 ? d : HR_T0;
    unsigned k = (unsigned)in->imm & 63;
    int note;
    switch (in->op) {
    case RV_OP_SLLI:
        if (k < 1 || k > 3) return false;
        if (slot >= 0 && in->rd == in->rs1) return false; /* one shl already */
        note = note_begin(c, TX_NOTE_ALU_FORM, c->pc, 0);
        {
            enum x86_reg a = rc_read(c, in->rs1, scratch);
            if (k == 1) x86_lea_r64_m(b, d, x86_mem_base_index(a, a, 1, 0));
            else x86_lea_r64_index(b, d, a, 1 << k);
        }
        break;
    case RV_OP_ADDIW: /* sext.w */
        if (in->imm != 0) return false;
        note = note_begin(c, TX_NOTE_ALU_FORM, c->pc, 0);
        x86_movsxd_r64_r32(b, d, rc_read(c, in->rs1, scratch));
        break;
    case RV_OP_ANDI: /* zext.b (0xffff does not fit andi's 12 bits: zext.h is Zbb's) */
        if (in->imm != 0xff) return false;
        note = note_begin(c, TX_NOTE_ALU_FORM, c->pc, 0);
        x86_movzx_r32_r8(b, d, rc_read(c, in->rs1, scratch));
        break;
    case RV_OP_SUB: { /* neg: sub rd, x0, rs2 (lower_move_form took rs2 = x0) */
        if (in->rs1 != 0) return false;
        note = note_begin(c, TX_NOTE_ALU_FORM, c->pc, 0);
        enum x86_reg a = rc_read(c, in->rs2, rc_slot_reg(c, in->rs2) < 0 ? d : HR_T0);
        if (a != d) x86_mov_r64_r64(b, d, a);
        x86_neg_r64(b, d);
        break;
    }
    case RV_OP_SRLIW: {
        k &= 31;
        if (k == 0) return false;
        note = note_begin(c, TX_NOTE_ALU_FORM, c->pc, 0);
        enum x86_reg a = rc_read(c, in->rs1, scratch);
        if (a != d) x86_mov_r64_r64(b, d, a);
        x86_shr_r32_imm8(b, d, (uint8_t)k);
        break;
    }
    case RV_OP_SRAIW:
        k &= 31;
        note = note_begin(c, TX_NOTE_ALU_FORM, c->pc, 0);
        x86_movsxd_r64_r32(b, d, rc_read(c, in->rs1, scratch));
        if (k) x86_sar_r64_imm8(b, d, (uint8_t)k);
        break;
    default:
        return false;
    }
    note_end(c, note);
    if (slot >= 0) rc_mark_written(c, in->rd);
    else rc_write(c, in->rd, HR_T0);
    return true;
}

bool lower_alu(struct lower_ctx *c, const struct rv_insn *in)
{
    struct x86_buf *b = &c->buf;
    if (lower_move_form(c, in)) return true;
    if (lower_alu_form(c, in)) return true;
    switch (in->op) {
    case RV_OP_FENCE: /* x86-TSO only lets a later load pass an earlier store (docs/architecture.md) */
        if (rv_fence_needs_store_load(in)) return x86_mfence(b);
        return true;
    case RV_OP_LUI: rc_write_const(c, in->rd, (uint64_t)in->imm); return true;
    case RV_OP_AUIPC: rc_write_const(c, in->rd, c->pc + (uint64_t)in->imm); return true;
    case RV_OP_ADDI: {
        if (in->rd == 0) return true;
        if (in->rs1 == 0) { /* li */
            rc_write_const(c, in->rd, (uint64_t)in->imm);
            return true;
        }
        enum x86_reg a = rc_read(c, in->rs1, HR_T0);
        if (in->imm == 0) { /* mv */
            rc_write(c, in->rd, a);
            return true;
        }
        int d = rc_slot_reg(c, in->rd);
        int32_t imm = (int32_t)in->imm + (c->tx->test_fault == TX_TEST_FAULT_ADDI ? 1 : 0); /* see tx_internal.h */
        x86_lea_r64_m(b, d >= 0 ? (enum x86_reg)d : HR_T0, x86_mem_base_disp(a, imm));
        if (d >= 0) rc_mark_written(c, in->rd);
        else rc_write(c, in->rd, HR_T0);
        return true;
    }
    case RV_OP_XORI: lower_ri(c, in, x86_xor_r64_imm32); return true;
    case RV_OP_ORI: lower_ri(c, in, x86_or_r64_imm32); return true;
    case RV_OP_ANDI: lower_ri(c, in, x86_and_r64_imm32); return true;
    case RV_OP_SLTI: lower_set_less(c, in, true, X86_CC_L); return true;
    case RV_OP_SLTIU: lower_set_less(c, in, true, X86_CC_B); return true;
    case RV_OP_SLT: lower_set_less(c, in, false, X86_CC_L); return true;
    case RV_OP_SLTU: lower_set_less(c, in, false, X86_CC_B); return true;
    case RV_OP_SLLI: lower_shift_imm(c, in, x86_shl_r64_imm8, false); return true;
    case RV_OP_SRLI: lower_shift_imm(c, in, x86_shr_r64_imm8, false); return true;
    case RV_OP_SRAI: lower_shift_imm(c, in, x86_sar_r64_imm8, false); return true;
    case RV_OP_SLLIW: lower_shift_imm(c, in, x86_shl_r32_imm8, true); return true;
    case RV_OP_SRLIW: lower_shift_imm(c, in, x86_shr_r32_imm8, true); return true;
    case RV_OP_SRAIW: lower_shift_imm(c, in, x86_sar_r32_imm8, true); return true;
    case RV_OP_SLL: lower_shift_reg(c, in, x86_shl_r64_cl, false); return true;
    case RV_OP_SRL: lower_shift_reg(c, in, x86_shr_r64_cl, false); return true;
    case RV_OP_SRA: lower_shift_reg(c, in, x86_sar_r64_cl, false); return true;
    case RV_OP_SLLW: lower_shift_reg(c, in, x86_shl_r32_cl, true); return true;
    case RV_OP_SRLW: lower_shift_reg(c, in, x86_shr_r32_cl, true); return true;
    case RV_OP_SRAW: lower_shift_reg(c, in, x86_sar_r32_cl, true); return true;
    case RV_OP_ADD: lower_rr(c, in, x86_add_r64_r64, x86_add_r64_m64); return true;
    case RV_OP_SUB: lower_rr(c, in, x86_sub_r64_r64, x86_sub_r64_m64); return true;
    case RV_OP_XOR: lower_rr(c, in, x86_xor_r64_r64, x86_xor_r64_m64); return true;
    case RV_OP_OR: lower_rr(c, in, x86_or_r64_r64, x86_or_r64_m64); return true;
    case RV_OP_AND: lower_rr(c, in, x86_and_r64_r64, x86_and_r64_m64); return true;
    case RV_OP_MUL: lower_rr(c, in, x86_imul_r64_r64, NULL); return true;
    case RV_OP_ADDW: lower_rr_w(c, in, x86_add_r32_r32, x86_add_r32_m32); return true;
    case RV_OP_SUBW: lower_rr_w(c, in, x86_sub_r32_r32, x86_sub_r32_m32); return true;
    case RV_OP_MULW: lower_rr_w(c, in, x86_imul_r32_r32, NULL); return true;
    case RV_OP_ADDIW: {
        if (in->rd == 0) return true;
        int dc = rc_slot_reg(c, in->rd), ac = rc_slot_reg(c, in->rs1);
        if (dc >= 0 && ac >= 0 && dc != ac && in->imm) { /* lea, then sign-extend the low half */
            x86_lea_r64_m(b, (enum x86_reg)dc, x86_mem_base_disp(rc_read(c, in->rs1, HR_T0), (int32_t)in->imm));
            x86_movsxd_r64_r32(b, (enum x86_reg)dc, (enum x86_reg)dc);
            rc_mark_written(c, in->rd);
            return true;
        }
        enum x86_reg d = into_dest(c, in->rd, in->rs1);
        if (in->imm) x86_add_r32_imm32(b, d, (int32_t)in->imm);
        x86_movsxd_r64_r32(b, d, d);
        finish_dest(c, in->rd, d);
        return true;
    }
    default:
        return false;
    }
}
