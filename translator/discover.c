/*
 * translator/discover.c — block discovery: which guest instructions make
 * up the block that starts at cpu->pc.
 *
 * Step 1 of a block's path (see translate.c): decode guest instructions
 * from pc until one that ends a block (a jump, a backward branch, a
 * system/CSR instruction), a page boundary, or the length cap.  A forward
 * branch does not end it: it becomes a side exit and the block goes on
 * with the fall-through path (a "superblock").  Nothing is emitted here.
 *
 * opt.follow_jumps: a direct jump that does not link (jal x0, c.j) does not
 * end the block either when its target is near (system mode: on the
 * block's first page; user mode: within TX_FOLLOW_REACH of its start): the
 * block goes on at the target, and the jump itself emits no code
 * (translate.c).  A threaded interpreter (lua's bytecode handlers, each
 * ending in `j dispatch`) so gets a copy of the shared dispatch code in
 * every handler's block, each with an indirect jump of its own that the
 * host predicts per handler.  Each run of instructions still stops at the
 * end of its page, as a block does.  In system mode, staying on the first
 * page keeps what the code cache knows about a block true: every byte it
 * was decoded from is on that page, except the tail of a last instruction
 * that crosses into the next one (filed under both: sys_code.c), so a
 * store to any of them drops it, and one virtual page is one physical
 * page.  In user mode fence.i drops every block anyway, and a change of
 * mapping drops them if it touches a page marked as translated, which
 * covers the whole span a block was decoded from (translate.c).  A
 * target already in the block (a loop) ends it, so nothing is unrolled and
 * every instruction of a block has a pc of its own.
 *
 * opt.follow_branches: a backward conditional branch is followed the same
 * way, as if taken (a loop's back edge usually is), its fall-through path
 * becoming a side exit.  Lua's handlers end in `beqz s5, dispatch` (the
 * hook check), so they need this to get their own copy of the dispatch.
 */
#include "cpu/interp.h"
#include "mmu/mmu.h"
#include "translator/tx_internal.h"

/* Is there an instruction at `at` among the block's first n?  pcs[i] is
 * where insns[i] was decoded (what tx_next_pc gives, recorded as we go:
 * this is asked at every instruction after a followed jump). */
static bool in_block(const uint64_t *pcs, int n, uint64_t at)
{
    for (int i = 0; i < n; i++)
        if (pcs[i] == at) return true;
    return false;
}

/* Is a jump or branch from the block's instructions so far to `target` one to follow? */
static bool may_follow(const uint64_t *pcs, int n, uint64_t mask, uint64_t block_pc, uint64_t target, bool system)
{
    if (__builtin_popcountll(mask) >= TX_MAX_FOLLOWED || n + 1 >= TX_MAX_BLOCK_INSNS) return false;
    if (system ? (target & ~MMU_PAGE_MASK) != (block_pc & ~MMU_PAGE_MASK)
               : target - block_pc + TX_FOLLOW_REACH > 2 * TX_FOLLOW_REACH) /* (|target - block_pc| > reach) */
        return false;
    return !in_block(pcs, n, target); /* (a loop) */
}

static int discover(struct cpu *cpu, struct rv_insn *insns, uint8_t *end_reason, unsigned csr_rules, bool follow,
                    bool follow_branches, bool follow_calls, uint64_t *follow_mask)
{
    uint64_t saved_pc = cpu->pc, pc = cpu->pc, mask = 0, run_start = pc;
    uint64_t pcs[TX_MAX_BLOCK_INSNS];
    int n = 0, side_exits = 0;
    *end_reason = TX_END_LENGTH;
    while (n < TX_MAX_BLOCK_INSNS) {
        /* After a followed jump backwards, straight-line code may run into
         * the instructions the block started with: it ends there instead
         * (an exit to that pc), so no pc is in a block twice. */
        if (mask && in_block(pcs, n, pc)) {
            *end_reason = TX_END_REPEAT;
            break;
        }
        cpu->pc = pcs[n] = pc;
        if (!cpu_fetch_decode(cpu, &insns[n])) {
            *end_reason = TX_END_UNDECODABLE;
            break;
        }
        uint64_t at = pc, target = at + (uint64_t)insns[n].imm;
        bool branch = rv_insn_info[insns[n].op].flags & RV_F_BRANCH;
        pc += insns[n].len;
        /* A followed jump: the block goes on at its target (see the top) */
        if (follow && insns[n].op == RV_OP_JAL && (insns[n].rd == 0 || follow_calls) &&
            may_follow(pcs, n, mask, saved_pc, target, cpu->system)) {
            mask |= 1ull << n++;
            pc = run_start = target;
            continue;
        }
        /* A followed backward branch (opt.follow_branches: see the top): the
         * block goes on at its target, the fall-through is the side exit */
        if (follow_branches && branch && insns[n].imm < 0 && side_exits < TX_MAX_SIDE_EXITS &&
            may_follow(pcs, n, mask, saved_pc, target, cpu->system)) {
            side_exits++;
            mask |= 1ull << n++;
            pc = run_start = target;
            continue;
        }
        /* A forward branch becomes a side exit and the block goes on with
         * the fall-through path; a backward branch (a loop) ends the block,
         * so the loop body can be a block of its own and a self-loop. */
        if (branch && insns[n].imm > 0 && side_exits < TX_MAX_SIDE_EXITS && n + 1 < TX_MAX_BLOCK_INSNS) {
            side_exits++;
            n++;
        } else if (tx_ends_block(&insns[n++], csr_rules)) {
            const struct rv_insn *last = &insns[n - 1];
            *end_reason = last->op == RV_OP_JALR ? TX_END_INDIRECT
                          : (rv_insn_info[last->op].flags & RV_F_JUMP) ? TX_END_JUMP
                          : (rv_insn_info[last->op].flags & RV_F_BRANCH) ? TX_END_BRANCH : TX_END_SYSTEM;
            break;
        }
        /* Stop at a page boundary: the next page may be unmapped or
         * remapped independently of this one. */
        if ((pc & ~MMU_PAGE_MASK) != (run_start & ~MMU_PAGE_MASK)) {
            *end_reason = TX_END_PAGE;
            break;
        }
    }
    cpu->pc = saved_pc;
    if (n == 0) return 0; /* the trap of the first instruction is left in cpu->trap_* */
    /* A followed jump or branch whose target could not be fetched is the
     * last instruction after all, translated as an ordinary one */
    if (mask >> (n - 1)) {
        mask &= ~(1ull << (n - 1));
        const struct rv_insn *last = &insns[n - 1];
        *end_reason = last->op == RV_OP_JAL ? TX_END_JUMP : TX_END_BRANCH;
    }
    *follow_mask = mask;
    return n;
}

/* Decodes the block's instructions into insns[]; returns how many (0 if the
 * first one traps: cpu->trap_* set).  *follow_mask: which were followed.
 * A followed branch that leads round a loop back into the block (a loop's
 * back edge seen from inside the loop) would make the block a copy of the
 * loop that is not a self-loop, so the block is decoded again without
 * following branches: the loop keeps its own block. */
int tx_discover(struct cpu *cpu, struct rv_insn *insns, uint8_t *end_reason, unsigned csr_rules, bool follow,
                bool follow_branches, bool follow_calls, uint64_t *follow_mask)
{
    int n = discover(cpu, insns, end_reason, csr_rules, follow, follow_branches, follow_calls, follow_mask);
    if (n == 0 || *end_reason != TX_END_REPEAT) return n;
    for (int i = 0; i < n; i++)
        if (tx_followed(*follow_mask, i) && (rv_insn_info[insns[i].op].flags & RV_F_BRANCH))
            return discover(cpu, insns, end_reason, csr_rules, follow, false, follow_calls, follow_mask);
    return n;
}
