/*
 * translator/lower_mem.c — loads and stores with the soft-MMU check inlined.
 *
 * The fast path is the TLB lookup of mmu/mmu.h written in x86.  r10 holds
 * &tlb[0] for as long as translated code runs (loaded on entry, reloaded
 * after every helper call), so a lookup starts from the guest address,
 * rs1 + imm, with rs1 in its cache register (rbx here):
 *
 *     rdx = rs1 + imm                          lea  rdx, [rbx + imm]
 *     rax = byte offset of its entry           mov eax, edx; shr eax, 7; and eax, 0x3ffe0
 *     rdx &= ~(0xfff & ~(size - 1))            (page address, plus the low
 *                                               bits that must be zero if aligned)
 *     cmp  rdx, [r10 + rax + tag]; jne slow    one compare checks page AND alignment
 *     mov  r12d, [r10 + rbx + MMU_GUEST_OFFSET + imm]   user mode: the host access,
 *                                               straight into rd's cache register
 *
 * In user mode guest memory starts a fixed distance after the TLB (see
 * mmu/mmu.h), so the host access needs no addend from the entry: like a
 * native load it depends on the address alone, and the tag compare runs
 * beside it (the branch is predicted).  For pointer-chasing code that takes
 * a dependent load off every step.  System mode has no such layout (guest
 * virtual pages map anywhere in RAM) and loads the entry's addend first:
 *
 *     mov  rax, [r10 + rax + addend]; mov r12d, [rax + rbx + imm]
 *
 * User mode has a shorter way still, the default (--no-host-mmu turns it
 * off): host pages carry the guest's permissions, so the host MMU can do
 * the checking.  The code only makes sure the address is inside the 32 GiB
 * guest space, where nothing but guest memory lives:
 *
 *     lea rdx, [rbx + imm]; shr rdx, 35; jne slow
 *     mov r12d, [r10 + rbx + MMU_GUEST_OFFSET + imm]
 *
 * and if the access is not allowed the host faults; translator/host_fault.c
 * then moves the host pc to the same slow path the TLB check would have
 * taken (each block lists these "fault sites").  Misaligned and
 * page-crossing accesses simply work on x86, as user-mode Linux allows them.
 *
 * Everything unusual — a TLB miss, a misaligned or page-crossing access
 * (TLB check only), an unmapped page — goes to a slow
 * path emitted out of line after the block, which puts the address in rsi
 * and calls a C helper.  If the
 * helper reports a fault, the slow path writes back the registers that were
 * dirty at this instruction, counts the instructions before it, and returns
 * to the dispatcher with the trap: exactly the interpreter's state.
 */
#include "mmu/mmu.h"
#include "translator/lower.h"

_Static_assert(offsetof(struct mmu, tlb) == 0, "generated code takes struct mmu * as &tlb[0]");
_Static_assert(sizeof(struct tlb_entry) == 32, "generated code scales the TLB index by 32");
_Static_assert(offsetof(struct tlb_entry, tag_read) == 0 && offsetof(struct tlb_entry, tag_write) == 8 &&
                   offsetof(struct tlb_entry, addend) == 24, "TLB entry layout used by generated code");

struct mem_op {
    unsigned size;
    bool sign;
    bool store;
    bool fp;    /* the register operand is f[] (flw/fld/fsw/fsd) */
};

static bool classify(const struct rv_insn *in, struct mem_op *m)
{
    switch (in->op) {
    case RV_OP_LB: *m = (struct mem_op){1, true, false, false}; return true;
    case RV_OP_LH: *m = (struct mem_op){2, true, false, false}; return true;
    case RV_OP_LW: *m = (struct mem_op){4, true, false, false}; return true;
    case RV_OP_LD: *m = (struct mem_op){8, false, false, false}; return true;
    case RV_OP_LBU: *m = (struct mem_op){1, false, false, false}; return true;
    case RV_OP_LHU: *m = (struct mem_op){2, false, false, false}; return true;
    case RV_OP_LWU: *m = (struct mem_op){4, false, false, false}; return true;
    case RV_OP_SB: *m = (struct mem_op){1, false, true, false}; return true;
    case RV_OP_SH: *m = (struct mem_op){2, false, true, false}; return true;
    case RV_OP_SW: *m = (struct mem_op){4, false, true, false}; return true;
    case RV_OP_SD: *m = (struct mem_op){8, false, true, false}; return true;
    case RV_OP_FLW: *m = (struct mem_op){4, false, false, true}; return true;
    case RV_OP_FLD: *m = (struct mem_op){8, false, false, true}; return true;
    case RV_OP_FSW: *m = (struct mem_op){4, false, true, true}; return true;
    case RV_OP_FSD: *m = (struct mem_op){8, false, true, true}; return true;
    default: return false;
    }
}

/* Where the fast path's host access goes, once the tag matched (rax = the
 * entry's byte offset; the guest address is base + imm): see the top of
 * the file. */
static struct x86_mem host_address(struct lower_ctx *c, enum x86_reg base, int32_t imm)
{
    if (!c->cpu->mmu->sys) return x86_mem_base_index(HR_TLB, base, 1, MMU_GUEST_OFFSET + imm);
    x86_mov_r64_m64(&c->buf, HR_T0, x86_mem_base_index(HR_TLB, HR_T0, 1, (int32_t)offsetof(struct tlb_entry, addend)));
    return x86_mem_base_index(HR_T0, base, 1, imm);
}

/* The host load of the fast path: dest = [at], extended as RISC-V wants. */
static void emit_host_load(struct x86_buf *b, const struct mem_op *m, enum x86_reg dest, struct x86_mem at)
{
    switch (m->size) {
    case 1: m->sign ? x86_movsx_r64_m8(b, dest, at) : x86_movzx_r32_m8(b, dest, at); break;
    case 2: m->sign ? x86_movsx_r64_m16(b, dest, at) : x86_movzx_r32_m16(b, dest, at); break;
    case 4: m->sign ? x86_movsxd_r64_m32(b, dest, at) : x86_mov_r32_m32(b, dest, at); break;
    default: x86_mov_r64_m64(b, dest, at); break;
    }
}

static void emit_host_store(struct x86_buf *b, const struct mem_op *m, enum x86_reg v, struct x86_mem at)
{
    switch (m->size) {
    case 1: x86_mov_m8_r8(b, at, v); break;
    case 2: x86_mov_m16_r16(b, at, v); break;
    case 4: x86_mov_m32_r32(b, at, v); break;
    default: x86_mov_m64_r64(b, at, v); break;
    }
}

bool lower_mem(struct lower_ctx *c, const struct rv_insn *in)
{
    struct mem_op m;
    if (!classify(in, &m)) return false;
    struct x86_buf *b = &c->buf;

    enum x86_reg value = X86_RAX;
    /* fld/fsd of a double with opt.fp_direct_mem: the access itself moves the
     * value between guest memory and rd's (or rs2's) xmm cache register,
     * instead of going through a general register */
    int xmm = -1;
    if (m.fp && m.store) fc_canonicalize(c, in->rs2); /* (lazy NaN: the bits stored must be RISC-V's) */
    if (m.fp && m.size == 8 && c->tx->opt.fp_direct_mem) {
        if (m.store) xmm = fc_cached(c, in->rs2) >= 0 ? fc_cached(c, in->rs2) : (int)fc_read(c, in->rs2);
        else xmm = (int)fc_assign(c, in->rd);
    }
    if (xmm >= 0) {
        /* (nothing: see below) */
    } else if (m.store && m.fp) { /* f[rs2]: from its FP-cache register or struct cpu; fsw stores the low 32 bits */
        value = HR_T1;
        if (fc_cached(c, in->rs2) >= 0) x86_movq_r64_x(b, HR_T1, (enum x86_xmm)fc_cached(c, in->rs2));
        else x86_mov_r64_m64(b, HR_T1, x86_mem_base_disp(HR_CPU, (int32_t)(offsetof(struct cpu, f) + 8 * in->rs2)));
    } else if (m.store) { /* the value to store: a cache register or rcx (the TLB check leaves it alone) */
        value = rc_read(c, in->rs2, HR_T1);
    }
    /* The address stays as base + imm (base: a cache register, or rsi
     * loaded from struct cpu); only the slow path needs it in one register. */
    enum x86_reg base = rc_read(c, in->rs1, HR_ADDR);
    int32_t imm = (int32_t)in->imm;
    /* a load goes straight into rd's cache register if it has one */
    int rd_reg = (!m.store && !m.fp) ? rc_slot_reg(c, in->rd) : -1;
    enum x86_reg dest = rd_reg >= 0 ? (enum x86_reg)rd_reg : HR_T0;

    struct x86_label to_slow = x86_label();
    uint8_t *fault_at = NULL;
    bool tlb_check = false;
    /* (the check engine logs stores through the TLB's slow path: see tx_internal.h) */
    bool host_mmu = c->tx->opt.host_mmu && !c->cpu->mmu->sys && !(m.store && c->tx->checking);
    if (c->tx->opt.inline_tlb && host_mmu) {
        bool known = c->bounds_known[c->index]; /* an earlier access checked base (prepass.c) */
        if (!known && c->tx->opt.base_bounds) {
            /* the base alone: base in [0, 32 GiB) puts base + imm (imm 12-bit
             * signed) within 2 KiB of the space, where a guard page faults on
             * the host and the host-fault path takes the slow path; a base
             * outside (also one that imm would bring back inside) takes the
             * slow path, which handles any address.  Two instructions, and
             * rdx is left alone. */
            int check = note_begin(c, TX_NOTE_BASE_CHECK, c->pc, m.size | (m.store ? TX_NOTE_STORE : 0));
            x86_cmp_r64_m64(b, base, x86_mem_base_disp(HR_TLB, (int32_t)offsetof(struct mmu, space_limit)));
            x86_jcc_label(b, X86_CC_AE, &to_slow);
            note_end(c, check);
        } else if (!known) {
            int check = note_begin(c, TX_NOTE_BOUNDS_CHECK, c->pc, m.size | (m.store ? TX_NOTE_STORE : 0));
            if (imm) x86_lea_r64_m(b, HR_T2, x86_mem_base_disp(base, imm));
            else x86_mov_r64_r64(b, HR_T2, base);
            x86_shr_r64_imm8(b, HR_T2, MMU_SPACE_SHIFT); /* zero: inside [0, 32 GiB) */
            x86_jcc_label(b, X86_CC_NE, &to_slow);
            note_end(c, check);
        }
        int access = note_begin(c, known ? TX_NOTE_BOUNDS_KNOWN : TX_NOTE_HOST_ACCESS, c->pc, m.size);
        fault_at = b->cur;
        if (xmm >= 0 && m.store) x86_movsd_m64_x(b, host_address(c, base, imm), (enum x86_xmm)xmm);
        else if (xmm >= 0) x86_movsd_x_m64(b, (enum x86_xmm)xmm, host_address(c, base, imm));
        else if (m.store) emit_host_store(b, &m, value, host_address(c, base, imm));
        else emit_host_load(b, &m, dest, host_address(c, base, imm));
        note_end(c, access);
    } else if (c->tx->opt.inline_tlb) {
        int check = note_begin(c, TX_NOTE_TLB_CHECK, c->pc, m.size | (m.store ? TX_NOTE_STORE : 0));
        if (imm) x86_lea_r64_m(b, HR_T2, x86_mem_base_disp(base, imm));
        else x86_mov_r64_r64(b, HR_T2, base);
        /* byte offset of the entry: ((addr >> 12) & (size - 1)) * 32, folded into one shift and mask */
        x86_mov_r32_r32(b, HR_T0, HR_T2);
        x86_shr_r32_imm8(b, HR_T0, MMU_PAGE_SHIFT - 5);
        x86_and_r32_imm32(b, HR_T0, (MMU_TLB_SIZE - 1) << 5);
        /* the entry is at r10 + rax: addressed as [r10 + rax + field] */
        x86_and_r64_imm32(b, HR_T2, (int32_t)~(MMU_PAGE_MASK & ~(uint64_t)(m.size - 1)));
        int32_t tag = m.store ? (int32_t)offsetof(struct tlb_entry, tag_write) : (int32_t)offsetof(struct tlb_entry, tag_read);
        x86_cmp_r64_m64(b, HR_T2, x86_mem_base_index(HR_TLB, HR_T0, 1, tag));
        x86_jcc_label(b, X86_CC_NE, &to_slow);
        note_end(c, check);
        tlb_check = true;
        int hit = note_begin(c, TX_NOTE_TLB_HIT, c->pc, m.size | (c->cpu->mmu->sys ? TX_NOTE_ADDEND : 0));
        if (xmm >= 0 && m.store) x86_movsd_m64_x(b, host_address(c, base, imm), (enum x86_xmm)xmm);
        else if (xmm >= 0) x86_movsd_x_m64(b, (enum x86_xmm)xmm, host_address(c, base, imm));
        else if (m.store) emit_host_store(b, &m, value, host_address(c, base, imm));
        else emit_host_load(b, &m, dest, host_address(c, base, imm));
        note_end(c, hit);
    } else {
        int note = note_begin(c, TX_NOTE_ALWAYS_SLOW, c->pc, m.size);
        x86_jmp_label(b, &to_slow); /* --no-inline-tlb: always the helper */
        note_end(c, note);
    }
    struct slow_path *s = add_slow_path(c, m.store ? SLOW_STORE : SLOW_LOAD, to_slow);
    if (!s) return true; /* (the block fails) */
    s->insn = in;
    s->size = m.size;
    s->sign = m.sign;
    s->value_reg = value;
    s->addr_base = base;
    s->addr_imm = imm;
    s->load_dest = dest;
    s->xmm = xmm;
    s->fault_at = fault_at;
    s->tlb_check = tlb_check;
    s->resume = x86_label_here(b);
    fc_snapshot(c, s);
    if (!m.store && m.fp) {
        struct x86_mem f = x86_mem_base_disp(HR_CPU, (int32_t)(offsetof(struct cpu, f) + 8 * in->rd));
        if (xmm >= 0) {
            fc_result(c, in->rd, (enum x86_xmm)xmm, false); /* (rd's cache register holds it already) */
        } else if (m.size == 8) {
            fc_result_gpr(c, in->rd, HR_T0);
        } else { /* flw NaN-boxes: the upper 32 bits become all ones */
            x86_mov_m32_r32(b, f, HR_T0);
            f.disp += 4;
            x86_mov_m32_imm32(b, f, -1);
            fc_forget(c, in->rd);
        }
    } else if (!m.store) {
        if (rd_reg >= 0) rc_mark_written(c, in->rd);
        else rc_write(c, in->rd, HR_T0);
    }
    return true;
}
