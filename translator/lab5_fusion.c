/*
 * translator/lab5_fusion.c — lab 5's place in the translator (docs/labs/lab5-fuse-a-jump.md).
 *
 * `lui rd, %hi(f); jalr rl, %lo(f)(rd)` calls or jumps to the absolute address
 * f (code built with -mcmodel=medlow, hand-written dispatch tables, boot code).
 * Its target is a constant, yet as two separate instructions the jalr is an
 * indirect jump: a probe of the jump cache at run time, and no chaining.
 * The student's task is to translate the pair as one, as lower_fusion.c
 * already does for `auipc rd, hi; jalr rl, lo(rd)`: a direct, chainable exit.
 *
 * lower_fused() asks this function about every instruction pair it does not
 * fuse itself (so --no-fusion turns it off too).  It returns how many
 * instructions it translated: 2 for a fused pair, 0 for "not optimised",
 * which is what it says as shipped: the pair is then translated one
 * instruction at a time, as before.
 */
#include "translator/lower.h"

int lab5_fuse_lui_jalr(struct lower_ctx *c, const struct rv_insn *a, const struct rv_insn *b)
{
    (void)c;
    (void)a;
    (void)b;
    return 0; /* lab 5: not optimised yet */
}
