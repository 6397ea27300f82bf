/*
 * testsuite/unit/test_lowering_classes.c — which instruction-table entries
 * the translator lowers inline and which it hands to the interpreter.
 *
 * For every entry of cpu/insn_table.h the test builds one instance (rd = a0,
 * rs1 = a1, rs2 = a2, dynamic rounding mode), translates the block
 * [instruction, ecall] (just [instruction] if it ends the block) in user mode with every optimisation on, and reads
 * the class off the translation: the translator's helper-call count (an
 * instruction "via the interpreter" is one helper call) and the --explain
 * labels (an inline FP instruction may carry an out-of-line interpreter path
 * for the cases its host code leaves out, TX_NOTE_SLOW_INTERP).  It prints
 * the list, so `build/unit/test_lowering_classes` answers "is X inline?",
 * and asserts what must hold: every entry lands in exactly one class, the
 * base integer ISA and M are inline, the system instructions are not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cpu/interp.h"
#include "mmu/mmu.h"
#include "translator/translator.h"
#include "translator/tx_internal.h"

#define CODE 0x10000ull

enum lowering { LOW_INLINE, LOW_INLINE_SLOW, LOW_INTERP, LOW_COUNT };
static const char *const lowering_name[LOW_COUNT] = {"inline", "inline + interpreter slow path", "interpreter"};

/* One instance of table entry `op`: the fixed bits, registers in the free fields. */
static uint32_t instance(int op)
{
    const struct rv_insn_info *i = &rv_insn_info[op];
    uint32_t fields = 10u << 7 | 11u << 15 | 12u << 20 | 13u << 27;
    if (i->flags & RV_F_RM) fields |= 7u << 12; /* dyn: what compilers emit */
    return i->match | (fields & ~i->mask);
}

/* Translates [word, ecall] (or [word] when word ends the block); returns its class. */
static enum lowering classify(struct translator *tx, struct mmu *mmu, int op)
{
    uint32_t code[2] = {instance(op), 0x00000073};
    assert_int_equal(mmu_write_bytes(mmu, CODE, code, sizeof code, 0), MMU_OK);
    struct rv_insn in;
    if (!rv_decode(code[0], &in) || in.op != op)
        fail_msg("%s: its instance %08x does not decode to it", rv_insn_info[op].mnemonic, code[0]);

    struct cpu cpu = {0};
    cpu.mmu = mmu;
    cpu.pc = CODE;
    uint64_t helpers = tx_get_stats(tx)->helper_insns;
    bool trap = false;
    struct tx_block *b = tx_translate(tx, &cpu, &trap);
    if (!b) {
        tx_flush(tx); /* code cache full: start again */
        b = tx_translate(tx, &cpu, &trap);
    }
    assert_non_null(b);
    /* a jump or system instruction ends the block; a branch need not (its
     * taken side leaves through a side exit), and the ecall always does */
    if (b->n_insns < 1 || b->n_insns > 2 || b->insns[0].op != op)
        fail_msg("%s: a block of %u instructions", rv_insn_info[op].mnemonic, b->n_insns);
    uint64_t calls = tx_get_stats(tx)->helper_insns - helpers - (b->n_insns - 1u); /* minus the ecall's */
    int slow = 0;
    for (unsigned i = 0; i < b->n_notes; i++)
        if (b->notes[i].pc == CODE && b->notes[i].kind == TX_NOTE_SLOW_INTERP) slow++;
    tx_free_block(b); /* (its memory is the translator's arena's: reused at the next flush) */
    /* exactly one class: one helper call and nothing inline, or no call */
    if (calls > 1 || (calls == 1 && slow))
        fail_msg("%s: %llu helper calls and %d slow paths", rv_insn_info[op].mnemonic, (unsigned long long)calls,
                 slow);
    return calls ? LOW_INTERP : slow ? LOW_INLINE_SLOW : LOW_INLINE;
}

static void test_every_entry_has_one_class(void **state)
{
    (void)state;
    FILE *devnull = fopen("/dev/null", "w");
    assert_non_null(devnull);
    struct tx_options opt = {.chain = true, .regcache = true, .inline_tlb = true, .host_mmu = true,
                             .fusion = true, .inline_fflags = true, .inline_fma = true, .hoist_frm = true, .fp_avx = true, .fp_preload = true, .fp_direct_mem = true, .inline_single = true, .fp_writeback = true, .fp_lazy_nan = true, .inline_minmax = true, .inline_bits = true, .inline_amo = true,
                             .code_cache_size = 1 << 20, .explain = devnull};
    struct translator *tx = tx_create(&opt);
    if (!tx) {
        fclose(devnull);
        print_message("no translator with --explain labels (capstone missing?)\n");
        skip();
    }
    struct mmu *mmu = mmu_create();
    assert_non_null(mmu);
    assert_true(mmu_map(mmu, CODE, MMU_PAGE_SIZE, MMU_READ | MMU_EXEC));

    static enum lowering cls[RV_OP_COUNT];
    int count[LOW_COUNT] = {0};
    for (int op = 1; op < RV_OP_COUNT; op++) count[cls[op] = classify(tx, mmu, op)]++;

    for (int k = 0; k < LOW_COUNT; k++) {
        print_message("%s (%d):", lowering_name[k], count[k]);
        for (int op = 1; op < RV_OP_COUNT; op++)
            if ((int)cls[op] == k) print_message(" %s", rv_insn_info[op].mnemonic);
        print_message("\n");
    }
    assert_int_equal(count[LOW_INLINE] + count[LOW_INLINE_SLOW] + count[LOW_INTERP], RV_OP_COUNT - 1);

    /* the base integer ISA and M: the translator's reason to exist */
    static const int must_inline[] = {
        RV_OP_LUI, RV_OP_AUIPC, RV_OP_JAL, RV_OP_JALR, RV_OP_BEQ, RV_OP_BNE, RV_OP_BLT, RV_OP_BGE, RV_OP_BLTU,
        RV_OP_BGEU, RV_OP_LB, RV_OP_LH, RV_OP_LW, RV_OP_LD, RV_OP_LBU, RV_OP_LHU, RV_OP_LWU, RV_OP_SB, RV_OP_SH,
        RV_OP_SW, RV_OP_SD, RV_OP_ADDI, RV_OP_SLTI, RV_OP_SLTIU, RV_OP_XORI, RV_OP_ORI, RV_OP_ANDI, RV_OP_SLLI,
        RV_OP_SRLI, RV_OP_SRAI, RV_OP_ADD, RV_OP_SUB, RV_OP_SLL, RV_OP_SLT, RV_OP_SLTU, RV_OP_XOR, RV_OP_SRL,
        RV_OP_SRA, RV_OP_OR, RV_OP_AND, RV_OP_ADDIW, RV_OP_SLLIW, RV_OP_SRLIW, RV_OP_SRAIW, RV_OP_ADDW,
        RV_OP_SUBW, RV_OP_SLLW, RV_OP_SRLW, RV_OP_SRAW, RV_OP_MUL, RV_OP_MULH, RV_OP_MULHSU, RV_OP_MULHU,
        RV_OP_DIV, RV_OP_DIVU, RV_OP_REM, RV_OP_REMU, RV_OP_MULW, RV_OP_DIVW, RV_OP_DIVUW, RV_OP_REMW,
        RV_OP_REMUW, RV_OP_FLD, RV_OP_FSD, RV_OP_FADD_D, RV_OP_FMUL_D,
    };
    for (size_t i = 0; i < sizeof must_inline / sizeof must_inline[0]; i++)
        if (cls[must_inline[i]] == LOW_INTERP) fail_msg("%s goes to the interpreter", rv_insn_info[must_inline[i]].mnemonic);
    /* traps, CSRs, fence.i and the privileged instructions: the interpreter's */
    static const int must_interp[] = {
        RV_OP_ECALL, RV_OP_EBREAK, RV_OP_FENCE_I, RV_OP_CSRRW, RV_OP_CSRRS, RV_OP_CSRRC, RV_OP_CSRRWI,
        RV_OP_CSRRSI, RV_OP_CSRRCI, RV_OP_MRET, RV_OP_SRET, RV_OP_WFI, RV_OP_SFENCE_VMA,
    };
    for (size_t i = 0; i < sizeof must_interp / sizeof must_interp[0]; i++)
        if (cls[must_interp[i]] != LOW_INTERP) fail_msg("%s is lowered inline", rv_insn_info[must_interp[i]].mnemonic);

    mmu_destroy(mmu);
    tx_destroy(tx);
    fclose(devnull);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_entry_has_one_class),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
