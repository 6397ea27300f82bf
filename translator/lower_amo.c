/*
 * translator/lower_amo.c — A-extension AMOs as host atomic instructions
 * (opt.inline_amo, --no-inline-amo): user mode with the host MMU, and
 * system mode behind the TLB's write check; and system mode's cbo.zero
 * behind the same check (lower_cbo_zero).
 *
 * Guest threads (and, in system mode, parallel harts) run on host threads
 * (docs/architecture.md, "memory model"), so an AMO must be one atomic host
 * read-modify-write of the guest word, never a load and a store: the
 * interpreter uses the compiler's __atomic builtins on the same host
 * memory, and so do these:
 *   amoswap   xchg [m], r          (a memory xchg is locked by itself)
 *   amoadd    lock xadd [m], r     (r receives the old value)
 *   the rest  a lock cmpxchg loop: from a guess (0) compute the new value,
 *             cmpxchg; on failure eax/rax holds the current value: again.
 * Every x86 locked instruction is a full barrier, at least what .aq/.rl ask.
 * Whatever the inline code cannot do goes to the slow path, where the
 * interpreter runs the AMO and raises the guest's fault precisely:
 *   user mode    an address outside the guest space or misaligned (an AMO
 *                must be naturally aligned), or a host fault (unmapped or
 *                read-only page: host_fault.c sends it there);
 *   system mode  a miss of the TLB's write tag, which is compared with the
 *                address's page and alignment bits as a store's is
 *                (lower_mem.c): a hit means RAM, writable, dirty, and no
 *                translated code on the page (code pages never keep a
 *                write tag: sys_code.c), so nothing else needs checking.
 * LR/SC need nothing from here: SC compares memory with the value LR read
 * (cpu/interp_amo.c).  The W forms operate on 32 bits and sign-extend the
 * old value into rd.
 */
#include <stddef.h>

#include "cpu/priv.h"
#include "mmu/mmu.h"
#include "translator/lower.h"

/* (op, 64-bit?) for the AMOs handled here */
static bool amo_kind(int op, int *kind, bool *w64)
{
    static const int ops[][3] = {
        {RV_OP_AMOSWAP_W, RV_OP_AMOSWAP_D, 0}, {RV_OP_AMOADD_W, RV_OP_AMOADD_D, 1},
        {RV_OP_AMOAND_W, RV_OP_AMOAND_D, 2},   {RV_OP_AMOOR_W, RV_OP_AMOOR_D, 3},
        {RV_OP_AMOXOR_W, RV_OP_AMOXOR_D, 4},   {RV_OP_AMOMIN_W, RV_OP_AMOMIN_D, 5},
        {RV_OP_AMOMAX_W, RV_OP_AMOMAX_D, 6},   {RV_OP_AMOMINU_W, RV_OP_AMOMINU_D, 7},
        {RV_OP_AMOMAXU_W, RV_OP_AMOMAXU_D, 8},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (op == ops[i][0] || op == ops[i][1]) {
            *kind = ops[i][2];
            *w64 = op == ops[i][1];
            return true;
        }
    return false;
}

/* cbo.zero in system mode (opt.inline_cbo_zero, --no-inline-cbo-zero).
 * Linux zeroes every page it hands out with cbo.zero (clear_page): ~340,000
 * interpreter calls in the boot to /init.  Inline, it is eight 8-byte stores
 * of zero at the naturally aligned 64-byte block, which lies in one page, so
 * one TLB write tag covers it (the same guarantees as for an AMO above:
 * RAM, writable, dirty, no translated code on the page).  Whether the
 * privilege may use cbo.zero (cpu/interp.c, cbo_enabled) is read at run
 * time, since menvcfg and senvcfg can change under a translated block:
 * M mode always may; S mode if menvcfg.CBZE; U mode if menvcfg.CBZE and
 * senvcfg.CBZE.  Anything else -- not allowed (the illegal-instruction
 * exception), a TLB miss, a fault -- goes to the interpreter. */
static bool lower_cbo_zero(struct lower_ctx *c, const struct rv_insn *in)
{
    if (!c->cpu->mmu->sys || !c->tx->opt.inline_cbo_zero || !c->tx->opt.inline_tlb || c->tx->checking) return false;
    struct x86_buf *b = &c->buf;
    uint8_t mode = c->blk->mode;
    enum x86_reg base = rc_read(c, in->rs1, HR_ADDR);
    int note = note_begin(c, TX_NOTE_CBO_ZERO, c->pc, mode);
    struct x86_label slow = x86_label();
    if (mode != RV_PRIV_M) { /* (ENVCFG_CBZE is bit 7: the low byte holds it) */
        x86_movzx_r32_m8(b, HR_T0, cpu_field((int32_t)offsetof(struct cpu, priv.menvcfg)));
        if (mode == RV_PRIV_U) {
            x86_movzx_r32_m8(b, HR_T2, cpu_field((int32_t)offsetof(struct cpu, priv.senvcfg)));
            x86_and_r32_r32(b, HR_T0, HR_T2);
        }
        x86_and_r32_imm32(b, HR_T0, ENVCFG_CBZE);
        x86_jcc_label(b, X86_CC_E, &slow);
    }
    /* the TLB entry's write tag for the page, as a store's check (lower_mem.c) */
    x86_mov_r64_r64(b, HR_T2, base);
    x86_mov_r32_r32(b, HR_T0, HR_T2);
    x86_shr_r32_imm8(b, HR_T0, MMU_PAGE_SHIFT - 5);
    x86_and_r32_imm32(b, HR_T0, (MMU_TLB_SIZE - 1) << 5);
    x86_and_r64_imm32(b, HR_T2, (int32_t)~MMU_PAGE_MASK);
    x86_cmp_r64_m64(b, HR_T2, x86_mem_base_index(HR_TLB, HR_T0, 1, (int32_t)offsetof(struct tlb_entry, tag_write)));
    x86_jcc_label(b, X86_CC_NE, &slow);
    /* rdx = the host address of the 64-byte block: the addend + (addr & ~63) */
    x86_mov_r64_r64(b, HR_T1, base);
    x86_and_r64_imm32(b, HR_T1, -64);
    x86_mov_r64_m64(b, HR_T2, x86_mem_base_index(HR_TLB, HR_T0, 1, (int32_t)offsetof(struct tlb_entry, addend)));
    x86_add_r64_r64(b, HR_T2, HR_T1);
    x86_xor_r32_r32(b, HR_T0, HR_T0);
    for (int i = 0; i < 8; i++) x86_mov_m64_r64(b, x86_mem_base_disp(HR_T2, 8 * i), HR_T0);
    note_end(c, note);
    struct slow_path *s = add_slow_path(c, SLOW_INTERP, slow);
    if (!s) return true;
    s->insn = in;
    s->resume = x86_label_here(b);
    fc_snapshot(c, s);
    c->pending_instret++;
    return true;
}

bool lower_amo(struct lower_ctx *c, const struct rv_insn *in)
{
    int kind;
    bool w64;
    if (in->op == RV_OP_CBO_ZERO) return lower_cbo_zero(c, in);
    if (!amo_kind(in->op, &kind, &w64)) return false;
    /* (the check engine logs stores through the TLB's slow path) */
    bool sys = c->cpu->mmu->sys != NULL;
    if (!c->tx->opt.inline_amo || !c->tx->opt.inline_tlb || (!sys && !c->tx->opt.host_mmu) || c->tx->checking)
        return false;
    struct x86_buf *b = &c->buf;
    enum x86_reg base = rc_read(c, in->rs1, HR_ADDR);
    enum x86_reg v = rc_read(c, in->rs2, HR_T1);
    int note = note_begin(c, TX_NOTE_AMO, c->pc, (w64 ? 8 : 4) | (sys ? TX_NOTE_ADDEND : 0));
    struct x86_label slow = x86_label();
    struct x86_mem m;
    /* the cmpxchg loop's new value: rdx, or in system mode (where rdx holds
     * the host address) rsi, free once the address is computed */
    enum x86_reg scratch = HR_T2;
    if (sys) {
        /* the TLB entry's write tag, as a store's check (lower_mem.c) */
        x86_mov_r64_r64(b, HR_T2, base);
        x86_mov_r32_r32(b, HR_T0, HR_T2);
        x86_shr_r32_imm8(b, HR_T0, MMU_PAGE_SHIFT - 5);
        x86_and_r32_imm32(b, HR_T0, (MMU_TLB_SIZE - 1) << 5);
        x86_and_r64_imm32(b, HR_T2, (int32_t)~(MMU_PAGE_MASK & ~(uint64_t)(w64 ? 7 : 3)));
        x86_cmp_r64_m64(b, HR_T2, x86_mem_base_index(HR_TLB, HR_T0, 1, (int32_t)offsetof(struct tlb_entry, tag_write)));
        x86_jcc_label(b, X86_CC_NE, &slow);
        /* rdx = the host address: the entry's addend + the guest address */
        x86_mov_r64_m64(b, HR_T2, x86_mem_base_index(HR_TLB, HR_T0, 1, (int32_t)offsetof(struct tlb_entry, addend)));
        x86_add_r64_r64(b, HR_T2, base);
        m = x86_mem_base_disp(HR_T2, 0);
        scratch = HR_ADDR;
    } else {
        x86_mov_r32_r32(b, HR_T2, base); /* aligned? */
        x86_and_r32_imm32(b, HR_T2, w64 ? 7 : 3);
        x86_jcc_label(b, X86_CC_NE, &slow);
        x86_mov_r64_r64(b, HR_T2, base); /* inside the guest space? */
        x86_shr_r64_imm8(b, HR_T2, MMU_SPACE_SHIFT);
        x86_jcc_label(b, X86_CC_NE, &slow);
        m = x86_mem_base_index(HR_TLB, base, 1, MMU_GUEST_OFFSET);
    }
    if (v != HR_T1) x86_mov_r64_r64(b, HR_T1, v);
    uint8_t *fault_at;
    if (kind <= 1) { /* swap, add: rax = rs2, then old value */
        x86_mov_r64_r64(b, HR_T0, HR_T1);
        fault_at = b->cur;
        kind == 0 ? x86_xchg_m_r(b, w64, m, HR_T0) : x86_lock_xadd_m_r(b, w64, m, HR_T0);
    } else {
        /* the comparisons of min/max on the values as 64-bit numbers: a W
         * form's operands extended as its signedness says */
        bool is_unsigned = kind >= 7;
        if (!w64) is_unsigned ? x86_mov_r32_r32(b, HR_T1, HR_T1) : x86_movsxd_r64_r32(b, HR_T1, HR_T1);
        x86_xor_r32_r32(b, HR_T0, HR_T0); /* the guess: 0 */
        struct x86_label again = x86_label_here(b);
        if (w64) x86_mov_r64_r64(b, scratch, HR_T0);
        else if (is_unsigned || kind < 5) x86_mov_r32_r32(b, scratch, HR_T0);
        else x86_movsxd_r64_r32(b, scratch, HR_T0);
        switch (kind) {
        case 2: x86_and_r64_r64(b, scratch, HR_T1); break;
        case 3: x86_or_r64_r64(b, scratch, HR_T1); break;
        case 4: x86_xor_r64_r64(b, scratch, HR_T1); break;
        default: { /* new = rs2 if it wins the comparison with the old value */
            static const enum x86_cond take_rs2[] = {[5] = X86_CC_G, [6] = X86_CC_L, [7] = X86_CC_A, [8] = X86_CC_B};
            x86_cmp_r64_r64(b, scratch, HR_T1);
            x86_cmovcc_r64_r64(b, take_rs2[kind], scratch, HR_T1);
            break;
        }
        }
        fault_at = b->cur;
        x86_lock_cmpxchg_m_r(b, w64, m, scratch);
        x86_jcc_label(b, X86_CC_NE, &again);
    }
    if (!w64) x86_movsxd_r64_r32(b, HR_T0, HR_T0);
    if (in->rd) rc_write(c, in->rd, HR_T0);
    note_end(c, note);
    struct slow_path *s = add_slow_path(c, SLOW_INTERP, slow);
    if (!s) return true;
    s->insn = in;
    if (!sys) s->fault_at = fault_at; /* a host fault there continues at the slow path too */
    s->resume = x86_label_here(b);
    fc_snapshot(c, s);
    c->pending_instret++;
    return true;
}
