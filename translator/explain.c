/*
 * translator/explain.c — `--explain` and `--explain-hot`: a block's guest code next to its host code.
 *
 * For every guest instruction the block's side table gives the range of
 * host bytes it became; capstone disassembles exactly those bytes from the
 * code cache (what the CPU executes, not a re-creation), each line showing
 * the address, the raw bytes and the instruction.  Labels recorded while
 * the block was emitted (struct tx_note: the entry check, the inline TLB
 * check and its hit path, register write-backs, instret updates, exits,
 * helper calls, slow paths) are printed above the code they describe, and
 * a short comment follows host instructions whose target means something
 * (the dispatcher, a chained successor, a helper function).  After the last
 * guest instruction comes the out-of-line part: slow paths, which only the
 * branches of the main path reach.
 *
 * Output is coloured when it goes to a terminal, plain otherwise, and never
 * coloured when NO_COLOR is set (https://no-color.org).
 *
 * --explain-hot: at exit, blocks are ranked by guest instructions executed
 * (executions counted by code each block runs on entry, times its number
 * of instructions — an upper bound when a block left early through a trap)
 * and the top N are printed in the same view, as they are in the cache at
 * that moment: chained exits then jump straight to their successors.
 */
#include <capstone/capstone.h>
#define CAPSTONE_DYN_CALLS /* capstone through dlopen: see capstone_dyn.h */
#include "translator/capstone_dyn.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu/disasm.h"
#include "mmu/mmu.h"
#include "translator/helpers.h"
#include "translator/tx_internal.h"

static const char *const end_reason_text[] = {
    [TX_END_BRANCH] = "a conditional branch",  [TX_END_JUMP] = "a direct jump",
    [TX_END_INDIRECT] = "an indirect jump",    [TX_END_SYSTEM] = "a system instruction (the interpreter runs it)",
    [TX_END_PAGE] = "a page boundary",         [TX_END_LENGTH] = "the length cap",
    [TX_END_UNDECODABLE] = "an undecodable next instruction",
    [TX_END_REPEAT] = "reaching an instruction already in it (after a followed jump)",
};

/* ---- colour ------------------------------------------------------------------ */

struct style {
    const char *head, *guest, *label, *comment, *off;
};

static struct style pick_style(FILE *out)
{
    const char *no = getenv("NO_COLOR");
    if ((no && *no) || !isatty(fileno(out))) return (struct style){"", "", "", "", ""};
    /* bold header, bold yellow guest code, green labels, dim comments */
    return (struct style){"\033[1m", "\033[1;33m", "\033[32m", "\033[2m", "\033[0m"};
}

/* ---- what a label says --------------------------------------------------------- */

/* " f3 f7 f12": the FP registers whose bits are set in mask (at most 32 of
 * " fNN", so the buffer always fits). */
#define FP_REG_LIST_LEN (32 * 4 + 1)
static void fp_reg_list(uint64_t mask, char out[FP_REG_LIST_LEN])
{
    size_t at = 0;
    out[0] = 0;
    for (int r = 0; r < 32; r++)
        if (mask & (1ull << r)) at += (size_t)snprintf(out + at, FP_REG_LIST_LEN - at, " f%d", r);
}

static void note_text(const struct translator *tx, const struct tx_note *n, const struct tx_block *b, char *buf, size_t len)
{
    switch ((enum tx_note_kind)n->kind) {
    case TX_NOTE_ENTRY_CHECK:
        snprintf(buf, len, "%s%s", n->value ? "loop head: every iteration comes here; back to the dispatcher if it asked"
                                            : "entry check: back to the dispatcher if it asked (a signal, a stop)",
                 b->entry_skip ? "; a chained jump from a block at a lower pc enters after it (--no-forward-skip)" : "");
        return;
    case TX_NOTE_HOT_COUNTER: snprintf(buf, len, "count this block's executions (--explain-hot)"); return;
    case TX_NOTE_TLB_CHECK:
        snprintf(buf, len, "inline TLB check (%llu-byte %s): tlb[page %% %d]; one compare: page + alignment; miss "
                 "-> slow path", (unsigned long long)(n->value & 0xff),
                 n->value & TX_NOTE_STORE ? "store" : "load", MMU_TLB_SIZE);
        return;
    case TX_NOTE_BOUNDS_CHECK:
        snprintf(buf, len, "host MMU (%llu-byte %s): address >> %d != 0, outside the guest space -> slow path",
                 (unsigned long long)(n->value & 0xff), n->value & TX_NOTE_STORE ? "store" : "load", MMU_SPACE_SHIFT);
        return;
    case TX_NOTE_HOST_ACCESS:
        snprintf(buf, len, "the access at r10 + addr + %#x; host page protections are the guest's: "
                 "a fault resumes at the slow path", MMU_GUEST_OFFSET);
        return;
    case TX_NOTE_TLB_HIT:
        snprintf(buf, len, n->value & TX_NOTE_ADDEND ? "TLB hit: host access at addr + the entry's addend"
                                                     : "TLB hit: host access at r10 + addr + %#x (guest memory follows the TLB)",
                 MMU_GUEST_OFFSET);
        return;
    case TX_NOTE_ALWAYS_SLOW: snprintf(buf, len, "--no-inline-tlb: every access goes to the slow path"); return;
    case TX_NOTE_WRITEBACK: {
        int k = snprintf(buf, len, "write back cached registers:");
        for (unsigned r = 1; r < 32 && k > 0 && (size_t)k < len; r++)
            if (n->value & (1ull << r)) k += snprintf(buf + k, len - (size_t)k, " %s", rv_xreg_name(r));
        return;
    }
    case TX_NOTE_INSTRET:
        snprintf(buf, len, "instret %s= %lld", (int64_t)n->value < 0 ? "-" : "+",
                 (long long)((int64_t)n->value < 0 ? -(int64_t)n->value : (int64_t)n->value));
        return;
    case TX_NOTE_EXIT: {
        const struct tx_exit *e = n->value < b->n_exits ? &b->exits[n->value] : NULL;
        if (e && e->chained)
            snprintf(buf, len, "exit to %llx: CHAINED, the jmp goes straight to that block",
                     (unsigned long long)n->pc);
        else
            snprintf(buf, len, "exit to %llx: jmp to the stub below until chaining points it at that block; "
                     "stub: pc = %llx, to the dispatcher", (unsigned long long)n->pc, (unsigned long long)n->pc);
        return;
    }
    case TX_NOTE_INDIRECT:
        snprintf(buf, len, "indirect jump: jump cache[(pc >> 1) %% %d]%s%s%s; hit -> straight to its block, "
                 "miss -> %s", (int)tx->jmp_size,
                 n->value & 4   ? " at [rax*8 + cache], a scaled index (--no-short-probe: a shift and an add more) "
                                  "and the cache's low address (--no-low-jump-cache: a movabs of it first)"
                 : n->value & 2 ? " at [rcx + rax*8], a scaled index (--no-short-probe: a shift and an add more)"
                                : "",
                 n->value & 8 ? "; bit 0 not cleared: an odd target misses, the miss path clears it "
                                "(--no-odd-target-miss: and rdx, -2 first)" : "",
                 n->value & 16 ? "; the target probed in its cache register, the miss path copies it to rdx "
                                 "(--no-probe-in-place: a mov to rdx first)" : "",
                 n->value & 1 ? "shared cold code: pc = rdx, the dispatcher (--no-cold-stubs: "
                                "pc stored first, the miss path in the block)" : "the dispatcher");
        return;
    case TX_NOTE_HELPER:
        snprintf(buf, len, "not translated inline: the interpreter runs it (helper call), trap -> dispatcher");
        return;
    case TX_NOTE_CSR_IN_BLOCK:
        snprintf(buf, len, "a CSR instruction by the interpreter (helper call); the block goes on unless it asked "
                 "to leave (an exit request, FS changed) -> dispatcher; trap -> dispatcher (--no-csr-in-block: it "
                 "ends the block)");
        return;
    case TX_NOTE_FUSED:
        snprintf(buf, len, "fused: this instruction and the next (%llx) are translated together",
                 (unsigned long long)n->value);
        return;
    case TX_NOTE_SLOW_STORE:
    case TX_NOTE_SLOW_LOAD:
        snprintf(buf, len, "slow path of the %s at %llx: %s -> %s; a fault returns the trap",
                 n->kind == TX_NOTE_SLOW_LOAD ? "load" : "store", (unsigned long long)n->pc,
                 n->value & TX_NOTE_HOST_FAULT ? "outside the guest space, or a host fault (see host_fault.c)"
                                               : "TLB miss, misaligned or fault",
                 n->kind == TX_NOTE_SLOW_LOAD ? "tx_helper_load" : "tx_helper_store");
        return;
    case TX_NOTE_BOUNDS_KNOWN:
        snprintf(buf, len, "the access at r10 + addr + %#x, no bounds check: an earlier access checked this base "
                 "register (pre-pass, --no-bounds-reuse); a guard page or host fault -> the slow path", MMU_GUEST_OFFSET);
        return;
    case TX_NOTE_COLD_ACCESS:
        snprintf(buf, len, "slow path of the %s at %llx: short form (--no-cold-stubs: in full), a call to "
                 "shared code; its return address finds the record, tx_helper_%s runs, a fault returns the trap",
                 n->value & TX_NOTE_STORE ? "store" : "load", (unsigned long long)n->pc,
                 n->value & TX_NOTE_STORE ? "store" : "load");
        return;
    case TX_NOTE_SLOW_INTERP:
        snprintf(buf, len, "slow path of %llx: a case the inline code leaves to the interpreter",
                 (unsigned long long)n->pc);
        return;
    case TX_NOTE_SLOW_EXIT_REQUEST:
        snprintf(buf, len, "exit-request exit: write back, pc = %llx, back to the dispatcher", (unsigned long long)n->pc);
        return;
    case TX_NOTE_SIDE_EXIT:
        snprintf(buf, len, "side exit: the branch before was taken to %llx: write back, leave the block",
                 (unsigned long long)n->pc);
        return;
    case TX_NOTE_INNER_JUMP:
        snprintf(buf, len, "inner jump: the branch before was taken to %llx, further down this loop: "
                 "registers stay cached", (unsigned long long)n->pc);
        return;
    case TX_NOTE_FFLAGS:
        snprintf(buf, len, "fflags inline (--no-inline-fflags turns it off): fold MXCSR's flags into cpu->fflags "
                 "(table), clear them, read/write fflags; the block goes on");
        return;
    case TX_NOTE_FRM_CHECK:
        snprintf(buf, len, "frm check, once per block entry (--no-hoist-frm turns it off): the FP code below "
                 "assumes round-to-nearest-even; any other frm -> the interpreter runs the block");
        return;
    case TX_NOTE_FMA:
        snprintf(buf, len, "fused multiply-add on the host's FMA3 unit (--no-inline-fma turns it off); "
                 "a NaN result -> the interpreter");
        return;
    case TX_NOTE_FP_WRITEBACK: {
        char regs[FP_REG_LIST_LEN];
        fp_reg_list(n->value, regs);
        snprintf(buf, len, "write back FP registers:%s (xmm -> struct cpu; --no-fp-writeback stores every "
                 "result at once)", regs);
        return;
    }
    case TX_NOTE_FP_CANONICAL:
        snprintf(buf, len, "f%d may hold an x86 NaN: make it the canonical NaN before its bits are seen "
                 "(--no-fp-lazy-nan: after every operation)", (int)n->value);
        return;
    case TX_NOTE_AMO:
        if (n->value & TX_NOTE_ADDEND) /* system mode */
            snprintf(buf, len, "%d-byte AMO as one host atomic (xchg, lock xadd or a lock cmpxchg loop; "
                     "--no-inline-amo turns it off) at addr + the TLB entry's addend: no write tag for the page "
                     "(a TLB miss, read-only, not dirty, code or a device) or misaligned -> the interpreter",
                     (int)(n->value & ~(uint64_t)TX_NOTE_ADDEND));
        else
            snprintf(buf, len, "%d-byte AMO as one host atomic (xchg, lock xadd or a lock cmpxchg loop; "
                     "--no-inline-amo turns it off): misaligned or outside the guest space -> the interpreter; "
                     "a host fault resumes there too", (int)n->value);
        return;
    case TX_NOTE_ALU_FORM:
        if (n->value == 1)
            snprintf(buf, len, "x0 first: the other register compared with 0, the condition swapped, "
                     "no zero made in a register (--no-alu-forms)");
        else
            snprintf(buf, len, "one x86 instruction fewer than mov + op (--no-alu-forms)");
        return;
    case TX_NOTE_PIN_SYNC:
        snprintf(buf, len, n->value ? "the pinned registers back from struct cpu (the C code may have written one; --no-pin-regs)"
                                    : "the pinned registers to struct cpu, where the C code reads them (--no-pin-regs)");
        return;
    case TX_NOTE_CBO_ZERO:
        snprintf(buf, len, "cbo.zero as eight stores of zero at the 64-byte block + the TLB entry's addend "
                 "(--no-inline-cbo-zero): %sno write tag for the page (a miss, read-only, clean, code, a device) "
                 "-> the interpreter",
                 n->value == RV_PRIV_M ? "" : n->value == RV_PRIV_S ? "menvcfg.CBZE clear or " : "menvcfg/senvcfg.CBZE clear or ");
        return;
    case TX_NOTE_BASE_CHECK:
        snprintf(buf, len, "host MMU (%llu-byte %s): base register >= %d GiB (space_limit), outside the guest "
                 "space -> slow path; the offset is not checked: a guard page catches base + imm (--no-base-bounds)",
                 (unsigned long long)(n->value & 0xff), n->value & TX_NOTE_STORE ? "store" : "load",
                 (int)(MMU_SPACE_SIZE >> 30));
        return;
    case TX_NOTE_FS_CHECK:
        snprintf(buf, len, "mstatus.FS check, once per block entry (--no-sys-fp: FP through the interpreter): "
                 "the FP code below runs inline only while FS is Dirty; Off or Initial/Clean -> the interpreter "
                 "runs the block (illegal instruction, or FS becomes Dirty)");
        return;
    case TX_NOTE_QUIET_COMPARE:
        snprintf(buf, len, "quiet comparison (--no-quiet-compare: one by one): frflags; compare; fsflags as "
                 "rX = fflags without clearing MXCSR, ucomisd; a NaN operand -> false, fflags = rX, "
                 "MXCSR's flags cleared");
        return;
    case TX_NOTE_FP_LOOP_NAN: {
        char regs[FP_REG_LIST_LEN];
        fp_reg_list(n->value, regs);
        snprintf(buf, len, "self-loop:%s go round the back edge unchecked, marked maybe-NaN (--no-fp-loop-nan: "
                 "made canonical there); a preloaded NaN other than the canonical one -> the interpreter runs "
                 "the block", regs);
        return;
    }
    case TX_NOTE_LOOP_PRELOAD:
        snprintf(buf, len, "self-loop: load the cached registers once; the loop head follows");
        return;
    case TX_NOTE_LOOP_BACK:
        snprintf(buf, len, "loop back to %llx: registers stay cached; leave only if the dispatcher asked",
                 (unsigned long long)n->pc);
        return;
    }
    snprintf(buf, len, "?");
}

/* ---- comments on single host instructions ------------------------------------------ */

static const char *helper_name(uint64_t addr)
{
    if (addr == (uint64_t)(uintptr_t)tx_helper_exec) return "tx_helper_exec (the interpreter)";
    if (addr == (uint64_t)(uintptr_t)tx_helper_load) return "tx_helper_load";
    if (addr == (uint64_t)(uintptr_t)tx_helper_store) return "tx_helper_store";
    return NULL;
}

static const struct tx_block *block_at_host(const struct translator *tx, uint64_t host)
{
    for (size_t i = 0; i < tx->n_all; i++)
        if ((uint64_t)(uintptr_t)tx->all[i]->host == host ||
            (tx->all[i]->entry_skip && (uint64_t)(uintptr_t)tx->all[i]->host + tx->all[i]->entry_skip == host))
            return tx->all[i];
    return NULL;
}

/* The guest instruction whose host code starts at `offset` (inner jump targets). */
static uint64_t guest_pc_at_host(const struct tx_block *b, uint32_t offset)
{
    uint64_t pc = b->pc;
    for (int i = 0; i < b->n_insns; pc = tx_next_pc(b->insns, b->follow_mask, i, pc), i++)
        if (b->host_offset[i] == offset) return pc;
    return 0;
}

/* A comment for one host instruction, or "" (buf). `last_imm` carries the
 * last immediate moved into rax, to name what a following `call rax` calls. */
static void host_comment(const struct translator *tx, const struct tx_block *b, const cs_insn *in, uint64_t *last_imm,
                         char *buf, size_t len)
{
    buf[0] = 0;
    const char *ops = in->op_str;
    if (!strcmp(in->mnemonic, "mov") && !strncmp(ops, "eax, ", 5)) { /* a return code, or a pc */
        *last_imm = strtoull(ops + 5, NULL, 0);
        return;
    }
    if (!strcmp(in->mnemonic, "movabs") && !strncmp(ops, "rsi, 0x", 7)) {
        uint64_t v = strtoull(ops + 5, NULL, 16);
        if (v >= (uint64_t)(uintptr_t)b->insns && v < (uint64_t)(uintptr_t)(b->insns + b->n_insns))
            snprintf(buf, len, "rsi = the decoded instruction (struct rv_insn)");
        return;
    }
    if (!strcmp(in->mnemonic, "movabs") && !strncmp(ops, "rax, 0x", 7)) {
        uint64_t v = strtoull(ops + 5, NULL, 16);
        *last_imm = v;
        for (int i = 0; i < b->n_exits; i++)
            if (v == (uint64_t)(uintptr_t)&b->exits[i]) snprintf(buf, len, "rax = exit %d, for chaining", i);
        if (v == (uint64_t)(uintptr_t)&b->hot_count) snprintf(buf, len, "&this block's execution count");
        return;
    }
    if (!strcmp(in->mnemonic, "call") && !strcmp(ops, "rax")) {
        const char *name = helper_name(*last_imm);
        snprintf(buf, len, "call %s", name ? name : "a C helper");
        return;
    }
    if (!strcmp(in->mnemonic, "jne") && tx->cold_indirect_miss &&
        strtoull(ops, NULL, 16) == (uint64_t)(uintptr_t)tx->cold_indirect_miss) {
        snprintf(buf, len, "miss -> shared cold code: pc = rdx, back to the dispatcher");
        return;
    }
    if (!strcmp(in->mnemonic, "call") && tx->cold_exit && strtoull(ops, NULL, 16) == (uint64_t)(uintptr_t)tx->cold_exit) {
        snprintf(buf, len, "-> shared cold code: pc = this exit's target, to the dispatcher, which chains the exit");
        return;
    }
    if (!strcmp(in->mnemonic, "call") && tx->cold_exit && strtoull(ops, NULL, 16) == (uint64_t)(uintptr_t)tx->cold_exit_request) {
        snprintf(buf, len, "-> shared cold code: pc = this block's start, back to the dispatcher");
        return;
    }
    if (!strcmp(in->mnemonic, "call") && tx->cold_access && strtoull(ops, NULL, 16) == (uint64_t)(uintptr_t)tx->cold_access) {
        snprintf(buf, len, "-> shared cold code: the slow path the record for this return address describes");
        return;
    }
    if (!strcmp(in->mnemonic, "call") && tx->cold_access) {
        uint64_t to = strtoull(ops, NULL, 16);
        for (int x = 0; x < 16; x++)
            if (to == (uint64_t)(uintptr_t)tx->cold_canonical_nan[x]) {
                snprintf(buf, len, "-> shared cold code: xmm%d = the canonical NaN 0x7ff8000000000000", x);
                return;
            }
    }
    if (in->mnemonic[0] != 'j' || strncmp(ops, "0x", 2) != 0) return;
    uint64_t target = strtoull(ops, NULL, 16);
    uint64_t start = (uint64_t)(uintptr_t)b->host;
    const struct tx_block *to;
    if (target == (uint64_t)(uintptr_t)tx->epilogue)
        snprintf(buf, len, "-> the dispatcher%s", *last_imm == TX_RET_TRAP    ? " with a trap"
                                                  : *last_imm == TX_RET_PLAIN ? " (pc is set)"
                                                                              : ", which chains this exit");
    else if (target >= start + b->host_offset[b->n_insns] && target < start + b->host_size &&
             in->address < start + b->host_offset[b->n_insns])
        snprintf(buf, len, "-> out of line");
    else if (b->loop_head_offset && target == start + b->loop_head_offset)
        snprintf(buf, len, "-> the loop head: next iteration, registers stay cached");
    else if (in->address < start + b->host_offset[b->n_insns] && target > in->address &&
             target < start + b->host_offset[b->n_insns] && guest_pc_at_host(b, (uint32_t)(target - start)))
        snprintf(buf, len, "-> %llx further down (inner jump: registers stay cached)",
                 (unsigned long long)guest_pc_at_host(b, (uint32_t)(target - start)));
    else if (in->address >= start + b->host_offset[b->n_insns] && target > start &&
             target < start + b->host_offset[b->n_insns])
        snprintf(buf, len, "-> back to the main path");
    else if (target == start)
        snprintf(buf, len, "-> the start of this block (chained: a loop that stays in host code)");
    else if ((target < start || target >= start + b->host_size) && (to = block_at_host(tx, target)))
        snprintf(buf, len, "-> block %llx (chained%s)", (unsigned long long)to->pc,
                 target != (uint64_t)(uintptr_t)to->host ? ", past its entry check: a forward jump" : "");
}

/* ---- printing --------------------------------------------------------------------- */

struct view {
    const struct translator *tx;
    const struct tx_block *b;
    csh cs;
    FILE *out;
    struct style st;
    uint64_t last_imm;
};

static void print_labels_at(struct view *v, uint32_t offset, uint32_t limit)
{
    char text[768];
    for (int i = 0; i < v->b->n_notes; i++) {
        const struct tx_note *n = &v->b->notes[i];
        if (n->start != offset || n->end <= n->start || offset >= limit) continue;
        note_text(v->tx, n, v->b, text, sizeof text);
        fprintf(v->out, "        %s; %s%s\n", v->st.label, text, v->st.off);
    }
}

/* Disassembles host bytes [from, to) of the block (offsets), with labels. */
static void print_host_range(struct view *v, uint32_t from, uint32_t to)
{
    if (to <= from) return;
    cs_insn *insn;
    const uint8_t *code = v->b->host + from;
    size_t n = cs_disasm(v->cs, code, to - from, (uint64_t)(uintptr_t)code, 0, &insn);
    for (size_t i = 0; i < n; i++) {
        uint32_t off = (uint32_t)(insn[i].address - (uint64_t)(uintptr_t)v->b->host);
        print_labels_at(v, off, to);
        char bytes[3 * 16 + 1] = "", comment[96];
        for (int k = 0; k < insn[i].size && k < 16; k++) snprintf(bytes + 3 * k, 4, "%02x ", insn[i].bytes[k]);
        host_comment(v->tx, v->b, &insn[i], &v->last_imm, comment, sizeof comment);
        char text[200];
        snprintf(text, sizeof text, "%-8s %s", insn[i].mnemonic, insn[i].op_str);
        if (comment[0])
            fprintf(v->out, "        %12llx:  %-30s %-40s %s; %s%s\n", (unsigned long long)insn[i].address, bytes,
                    text, v->st.comment, comment, v->st.off);
        else
            fprintf(v->out, "        %12llx:  %-30s %s\n", (unsigned long long)insn[i].address, bytes, text);
    }
    if (n) cs_free(insn, n);
}

/* True if the instruction at pc is the second of a fused pair. */
static bool fused_into_previous(const struct tx_block *b, uint64_t pc)
{
    for (int i = 0; i < b->n_notes; i++)
        if (b->notes[i].kind == TX_NOTE_FUSED && b->notes[i].value == pc) return true;
    return false;
}

static void explain(const struct translator *tx, const struct tx_block *b, FILE *out)
{
    struct view v = {.tx = tx, .b = b, .out = out, .st = pick_style(out)};
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &v.cs) != CS_ERR_OK) return;
    char followed[64] = "";
    if (b->n_followed)
        snprintf(followed, sizeof followed, "; %u direct jump%s or branch%s followed", b->n_followed,
                 b->n_followed > 1 ? "s" : "", b->n_followed > 1 ? "es" : "");
    fprintf(out, "%s== block 0x%llx: %u guest instructions (%u bytes) -> %u host bytes (%.1fx); ended by %s%s%s\n", v.st.head,
            (unsigned long long)b->pc, b->n_insns, b->guest_size, b->host_size,
            b->guest_size ? (double)b->host_size / b->guest_size : 0.0, end_reason_text[b->end_reason], followed, v.st.off);
    if (rc_pinned_count(tx)) { /* (the same for every block of a run: regcache.c) */
        static const char *const host_name[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                                  "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
        fprintf(out, "        %s; pinned across blocks, never loaded or written back here (--no-pin-regs):", v.st.label);
        for (unsigned k = 0; k < rc_pinned_count(tx); k++)
            fprintf(out, "%s %s in %s", k ? "," : "", rv_xreg_name(rc_pinned_guest(k)), host_name[rc_pinned_host_number(k) & 15]);
        fprintf(out, "%s\n", v.st.off);
    }
    print_host_range(&v, 0, b->host_offset[0]);
    uint64_t pc = b->pc;
    for (int i = 0; i < b->n_insns; i++) {
        char text[96];
        rv_disasm(&b->insns[i], pc, text, sizeof text);
        fprintf(out, "%s  %llx: %s%s\n", v.st.guest, (unsigned long long)pc, text, v.st.off);
        bool follow = tx_followed(b->follow_mask, i); /* (discover.c) */
        if (follow && b->insns[i].op == RV_OP_JAL && b->insns[i].rd)
            fprintf(out, "        %s; a followed call: the link register gets its value, the block goes on in the "
                    "callee (--no-follow-calls)%s\n", v.st.label, v.st.off);
        else if (follow && b->insns[i].op == RV_OP_JAL)
            fprintf(out, "        %s; (no host code of its own: a followed jump, the block goes on at its target "
                    "(--no-follow-jumps))%s\n", v.st.label, v.st.off);
        else if (follow)
            fprintf(out, "        %s; a followed branch: the block goes on at its target, the fall-through is the "
                    "side exit (--no-follow-branches)%s\n", v.st.label, v.st.off);
        else if (fused_into_previous(b, pc)) /* (the block's last instruction too: the exit follows it) */
            fprintf(out, "        %s; (no host code of its own: fused into the instruction above)%s\n", v.st.label,
                    v.st.off);
        else if (b->host_offset[i + 1] == b->host_offset[i])
            fprintf(out, "        %s; (no host code of its own: nothing to do at run time)%s\n", v.st.label, v.st.off);
        print_host_range(&v, b->host_offset[i], b->host_offset[i + 1]);
        pc = tx_next_pc(b->insns, b->follow_mask, i, pc);
    }
    if (b->host_size > b->host_offset[b->n_insns]) {
        fprintf(out, "%s   out of line (reached only through the branches above):%s\n", v.st.head, v.st.off);
        print_host_range(&v, b->host_offset[b->n_insns], b->host_size);
    }
    fflush(out);
    cs_close(&v.cs);
}

void tx_explain_block(struct translator *tx, const struct tx_block *b, FILE *out) { explain(tx, b, out); }

/* ---- --explain-hot ------------------------------------------------------------------ */

/* Entries times length, less what departures through side exits skipped. */
uint64_t tx_block_executed(const struct tx_block *b)
{
    uint64_t n = b->hot_count * b->n_insns;
    for (int i = 0; i < b->n_exits; i++) n -= b->exits[i].hot_count * b->exits[i].skipped_insns;
    for (int i = 0; i < b->n_inner; i++) n -= b->inner_count[i] * b->inner_skipped[i];
    return n;
}

static int by_executed(const void *x, const void *y)
{
    uint64_t a = tx_block_executed(*(const struct tx_block *const *)x), b = tx_block_executed(*(const struct tx_block *const *)y);
    return a < b ? 1 : a > b ? -1 : 0;
}

void tx_explain_hot(struct translator *tx, unsigned n, uint64_t total, FILE *out)
{
    struct style st = pick_style(out);
    struct tx_block **sorted = malloc(sizeof *sorted * (tx->n_all ? tx->n_all : 1));
    if (!sorted) return;
    memcpy(sorted, tx->all, sizeof *sorted * tx->n_all);
    qsort(sorted, tx->n_all, sizeof *sorted, by_executed);
    size_t shown = tx->n_all < n ? tx->n_all : n;
    fprintf(out, "%s== the %zu hottest of %zu blocks, by guest instructions executed (%llu in the whole run)%s\n",
            st.head, shown, tx->n_all, (unsigned long long)total, st.off);
    if (tx->stats.flushes)
        fprintf(out, "   (the code cache was flushed %llu times: blocks translated before the last flush are not "
                "counted)\n", (unsigned long long)tx->stats.flushes);
    for (size_t i = 0; i < shown; i++) {
        const struct tx_block *b = sorted[i];
        fprintf(out, "%s#%zu: block 0x%llx ran %llu times x %u instructions = %llu guest instructions (%.1f%% of the run)%s\n",
                st.head, i + 1, (unsigned long long)b->pc, (unsigned long long)b->hot_count, b->n_insns,
                (unsigned long long)tx_block_executed(b), total ? 100.0 * (double)tx_block_executed(b) / (double)total : 0.0, st.off);
        explain(tx, b, out);
    }
    free(sorted);
}
