/*
 * translator/cfg.c — `--cfg FILE`: the hottest blocks as a control-flow graph in
 * Graphviz's DOT language (the front end turns it into SVG with `dot`).
 *
 * A node a block: its guest address, length, how often it ran and its share of
 * the guest instructions.  An edge a direct exit, labelled with the departures
 * through it: a side exit (a branch taken in the middle of the block) has a counter
 * of its own in the code --explain-hot emits; the departures through the end of the
 * block are its entries less those, the whole count when one exit ends the block,
 * "N in all" on both exits of a final conditional branch (there is no counter per
 * side of it).  A self-loop (a block whose back edge stays in its own code) counts
 * every iteration as an entry: its loop is drawn as an edge to itself with that
 * count, and its exit as "loop exit", uncounted.  Solid when chaining has
 * patched it into a jump straight to the successor, dashed when it still returns
 * to the dispatcher.  A block ending in an indirect jump (jalr) gets a dotted edge
 * to a "jump cache" node: its successor is only known at run time.  Successors
 * outside the hottest n are grey ellipses.
 */
#include <stdlib.h>
#include <string.h>

#include "translator/tx_internal.h"

static int by_executed(const void *x, const void *y)
{
    uint64_t a = tx_block_executed(*(const struct tx_block *const *)x);
    uint64_t b = tx_block_executed(*(const struct tx_block *const *)y);
    return a < b ? 1 : a > b ? -1 : 0;
}

static bool shown(struct tx_block *const *set, size_t n, uint64_t pc)
{
    for (size_t i = 0; i < n; i++)
        if (set[i]->pc == pc) return true;
    return false;
}

void tx_write_cfg(struct translator *tx, unsigned n, FILE *out)
{
    struct tx_block **sorted = malloc(sizeof *sorted * (tx->n_all ? tx->n_all : 1));
    if (!sorted) return;
    memcpy(sorted, tx->all, sizeof *sorted * tx->n_all);
    qsort(sorted, tx->n_all, sizeof *sorted, by_executed);
    size_t count = tx->n_all < n ? tx->n_all : n;
    uint64_t total = 0;
    for (size_t i = 0; i < tx->n_all; i++) total += tx_block_executed(tx->all[i]);
    fprintf(out, "digraph rvdbt {\n  label=\"the %zu hottest of %zu translated blocks (rvdbt --cfg)\";\n"
                 "  node [shape=box, fontname=\"monospace\"];\n", count, tx->n_all);
    bool indirect = false;
    for (size_t i = 0; i < count; i++) {
        const struct tx_block *b = sorted[i];
        fprintf(out, "  \"0x%llx\" [label=\"0x%llx\\n%u instructions\\nran %llu times\\n%.1f%% of translated execution\"];\n",
                (unsigned long long)b->pc, (unsigned long long)b->pc, b->n_insns, (unsigned long long)b->hot_count,
                total ? 100.0 * (double)tx_block_executed(b) / (double)total : 0.0);
    }
    for (size_t i = 0; i < count; i++) {
        const struct tx_block *b = sorted[i];
        uint64_t at_end = b->hot_count; /* departures through the block's end */
        int end_exits = 0;
        for (int j = 0; j < b->n_exits; j++) {
            if (b->exits[j].skipped_insns) at_end -= b->exits[j].hot_count;
            else end_exits++;
        }
        for (int j = 0; j < b->n_exits; j++) {
            const struct tx_exit *e = &b->exits[j];
            uint64_t departures = e->skipped_insns ? e->hot_count : at_end;
            char label[40];
            if (!e->skipped_insns && b->loop_head_offset) snprintf(label, sizeof label, "loop exit");
            else snprintf(label, sizeof label, "%llu%s", (unsigned long long)departures,
                          !e->skipped_insns && end_exits > 1 ? " in all" : "");
            if (!shown(sorted, count, e->target_pc))
                fprintf(out, "  \"0x%llx\" [shape=ellipse, color=grey, fontcolor=grey];\n",
                        (unsigned long long)e->target_pc);
            fprintf(out, "  \"0x%llx\" -> \"0x%llx\" [label=\"%s\", style=%s];\n", (unsigned long long)b->pc,
                    (unsigned long long)e->target_pc, label, e->chained ? "solid" : "dashed");
        }
        if (b->loop_head_offset)
            fprintf(out, "  \"0x%llx\" -> \"0x%llx\" [label=\"%llu runs (it loops inside)\", style=bold];\n",
                    (unsigned long long)b->pc, (unsigned long long)b->pc, (unsigned long long)b->hot_count);
        if (b->end_reason == TX_END_INDIRECT) {
            fprintf(out, "  \"0x%llx\" -> \"jump cache\" [style=dotted];\n", (unsigned long long)b->pc);
            indirect = true;
        }
    }
    if (indirect) fprintf(out, "  \"jump cache\" [shape=diamond];\n");
    fprintf(out, "}\n");
    free(sorted);
}
