/*
 * translator/explain.c — `--explain`: each translated block, guest code next to host code.
 *
 * For every guest instruction the block's side table gives the range of
 * host bytes it became; capstone disassembles exactly those bytes from the
 * code cache (what the CPU will execute, not a re-creation).  The tail of
 * the block — out-of-line slow paths and exit stubs — is listed after the
 * last instruction.  This is the view to learn a translator from.
 */
#include <capstone/capstone.h>
#include <string.h>

#include "cpu/disasm.h"
#include "translator/tx_internal.h"

static const char *const end_reason_text[] = {
    [TX_END_BRANCH] = "conditional branch",  [TX_END_JUMP] = "direct jump",
    [TX_END_INDIRECT] = "indirect jump",     [TX_END_SYSTEM] = "system instruction",
    [TX_END_PAGE] = "page boundary",         [TX_END_LENGTH] = "length cap",
    [TX_END_UNDECODABLE] = "next instruction cannot be decoded",
};

static void print_host_range(csh cs, const uint8_t *code, size_t size, uint64_t addr, FILE *out)
{
    cs_insn *insn;
    size_t n = cs_disasm(cs, code, size, addr, 0, &insn);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "        %12llx:  %-8s %s\n", (unsigned long long)insn[i].address, insn[i].mnemonic, insn[i].op_str);
    if (n) cs_free(insn, n);
}

void tx_explain_block(struct translator *tx, const struct tx_block *b, FILE *out)
{
    (void)tx;
    csh cs;
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) return;
    fprintf(out, "== block 0x%llx: %u guest instructions (%u bytes) -> %u host bytes; ends at: %s\n",
            (unsigned long long)b->pc, b->n_insns, b->guest_size, b->host_size, end_reason_text[b->end_reason]);
    fprintf(out, "   [entry check: return to the dispatcher if an exit was requested]\n");
    print_host_range(cs, b->host, b->host_offset[0], (uint64_t)(uintptr_t)b->host, out);
    uint64_t pc = b->pc;
    for (int i = 0; i < b->n_insns; i++) {
        char text[96];
        rv_disasm(&b->insns[i], pc, text, sizeof text);
        fprintf(out, "  %llx: %s\n", (unsigned long long)pc, text);
        const uint8_t *from = b->host + b->host_offset[i];
        print_host_range(cs, from, b->host_offset[i + 1] - b->host_offset[i], (uint64_t)(uintptr_t)from, out);
        pc += b->insns[i].len;
    }
    if (b->host_size > b->host_offset[b->n_insns]) {
        fprintf(out, "   [out of line: memory slow paths, interpreter calls, the entry-check exit]\n");
        const uint8_t *from = b->host + b->host_offset[b->n_insns];
        print_host_range(cs, from, b->host_size - b->host_offset[b->n_insns], (uint64_t)(uintptr_t)from, out);
    }
    fflush(out);
    cs_close(&cs);
}
