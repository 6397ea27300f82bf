/*
 * translator/discover.c — block discovery: which guest instructions make
 * up the block that starts at cpu->pc.
 *
 * Step 1 of a block's path (see translate.c): decode guest instructions
 * from pc until one that ends a block (a jump, a backward branch, a
 * system/CSR instruction), a page boundary, or the length cap.  A forward
 * branch does not end it: it becomes a side exit and the block goes on
 * with the fall-through path (a "superblock").  Nothing is emitted here.
 */
#include "cpu/interp.h"
#include "mmu/mmu.h"
#include "translator/tx_internal.h"

/* Decodes the block's instructions into insns[]; returns how many (0 if the
 * first one traps: cpu->trap_* set). */
int tx_discover(struct cpu *cpu, struct rv_insn *insns, uint8_t *end_reason, bool fflags_inline)
{
    uint64_t saved_pc = cpu->pc, pc = cpu->pc;
    int n = 0, side_exits = 0;
    *end_reason = TX_END_LENGTH;
    while (n < TX_MAX_BLOCK_INSNS) {
        cpu->pc = pc;
        if (!cpu_fetch_decode(cpu, &insns[n])) {
            *end_reason = TX_END_UNDECODABLE;
            break;
        }
        pc += insns[n].len;
        /* A forward branch becomes a side exit and the block goes on with
         * the fall-through path; a backward branch (a loop) ends the block,
         * so the loop body can be a block of its own and a self-loop. */
        if ((rv_insn_info[insns[n].op].flags & RV_F_BRANCH) && insns[n].imm > 0 &&
            side_exits < TX_MAX_SIDE_EXITS && n + 1 < TX_MAX_BLOCK_INSNS) {
            side_exits++;
            n++;
        } else if (tx_ends_block(&insns[n++], fflags_inline)) {
            const struct rv_insn *last = &insns[n - 1];
            *end_reason = last->op == RV_OP_JALR ? TX_END_INDIRECT
                          : (rv_insn_info[last->op].flags & RV_F_JUMP) ? TX_END_JUMP
                          : (rv_insn_info[last->op].flags & RV_F_BRANCH) ? TX_END_BRANCH : TX_END_SYSTEM;
            break;
        }
        /* Stop at a page boundary: the next page may be unmapped or
         * remapped independently of this one. */
        if ((pc & ~MMU_PAGE_MASK) != (saved_pc & ~MMU_PAGE_MASK)) {
            *end_reason = TX_END_PAGE;
            break;
        }
    }
    cpu->pc = saved_pc;
    if (n == 0) return 0; /* the trap of the first instruction is left in cpu->trap_* */
    return n;
}
