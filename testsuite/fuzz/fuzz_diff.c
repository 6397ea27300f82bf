/*
 * testsuite/fuzz/fuzz_diff.c — differential fuzzer: random RV64GC code, interpreter versus translator.
 *
 * Each round builds a random but valid instruction sequence — integer ALU,
 * M, loads and stores into a scratch page, A (on an aligned address), F and
 * D in every rounding mode (static, and dynamic with a random frm), CSR
 * accesses to fflags/frm/fcsr, compressed instructions, forward
 * branches, forward jumps (j, c.j: a block follows them,
 * translator/discover.c), forward indirect jumps (auipc + jalr, odd
 * targets too) and a backward branch inside a detour (j over B;
 * B; j past the branch; ...; branch back to B) — ending in ecall.  It runs the sequence from the same random
 * start state under the interpreter and under the translator (alternating
 * its optimisation switches), and compares the complete architectural
 * state afterwards: pc, x and f registers, fflags/frm, instret, the trap
 * (a sequence may fault: a load through a clobbered register, an illegal
 * rounding mode — the fault must then be precise and identical), and the
 * scratch memory.
 *
 * Instructions come from the instruction table, with random operand
 * fields, so new instructions are fuzzed as soon as they are in the table
 * (with every extension on; --emit-asm keeps to what qemu-riscv64 7.2 runs).
 *
 * Usage: fuzz_diff [ROUNDS [SEED [FIRST_ROUND]]]   (exit status 1 on the first
 * difference, after printing the sequence, both states and how to replay it)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/decode.h"
#include "cpu/disasm.h"
#include "cpu/interp.h"
#include "mmu/mmu.h"
#include "translator/translator.h"

#define CODE 0x10000ull
#define SCRATCH 0x20000ull  /* one page of data; x31 and x2 point into it */
#define MAX_INSNS 48

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}
static unsigned rnd_below(unsigned n) { return (unsigned)(rnd() % n); }

/* Interesting values: edges of every width, plus random bits. */
static uint64_t rnd_value(void)
{
    static const uint64_t edges[] = {0, 1, (uint64_t)-1, 0x7fffffff, 0x80000000, 0xffffffff, 0x7fffffffffffffffull,
                                     0x8000000000000000ull, 0x3ff0000000000000ull /* 1.0 */,
                                     0xffffffff3f800000ull /* boxed 1.0f */, 0x7ff8000000000000ull,
                                     0x7ff0000000000001ull /* sNaN */, 0xffffffff7f800001ull, 0x0000000000000001ull};
    switch (rnd_below(4)) {
    case 0: return edges[rnd_below(sizeof edges / sizeof edges[0])];
    case 1: return rnd() & 0xffff;
    case 2: return 0xffffffff00000000ull | (rnd() & 0xffffffff); /* a NaN-boxed single */
    default: return rnd();
    }
}

struct insn_slot {
    uint32_t bits;
    uint8_t len;
    int8_t branch_skip; /* != 0: a branch (or jal x0, c.j, or auipc before a jalr) whose target is this many instructions ahead (< 0: back) */
};

static bool is_candidate(int op)
{
    const struct rv_insn_info *info = &rv_insn_info[op];
    if (info->flags & (RV_F_JUMP | RV_F_BRANCH)) return false; /* branches are added separately */
    if (info->ext == RV_EXT_PRIV || info->ext == RV_EXT_ZIFENCEI) return false;
    if (op == RV_OP_ECALL || op == RV_OP_EBREAK) return false;
    return true;
}

_Static_assert(RV_OP_CBO_ZERO == RV_OP_CBO_INVAL + 3, "random_word treats the cbo.* ops as one range");

/* A random 32-bit instruction built from a table entry (of an enabled extension). */
static uint32_t random_word(void)
{
    for (;;) {
        int op = 1 + (int)rnd_below(RV_OP_COUNT - 1);
        if (!is_candidate(op)) continue;
        const struct rv_insn_info *info = &rv_insn_info[op];
        uint32_t w = info->match | ((uint32_t)rnd() & ~info->mask);
        uint32_t rd = (w >> 7) & 31;
        if (op >= RV_OP_CBO_INVAL && op <= RV_OP_CBO_ZERO) { /* cache-block ops: no offset, base x31 */
            w = (w & ~(31u << 15)) | 31u << 15;
        } else if (info->flags & (RV_F_LOAD | RV_F_STORE)) { /* base x31 (the scratch page), offset within it */
            w = (w & ~(31u << 15)) | 31u << 15;
            int32_t off = (int32_t)rnd_below(2040);
            if (info->flags & RV_F_STORE)
                w = (w & 0x01fff07fu) | ((uint32_t)off & 0x1f) << 7 | ((uint32_t)off >> 5) << 25;
            else
                w = (w & 0x000fffffu) | (uint32_t)off << 20;
        }
        if (info->flags & RV_F_AMO) w = (w & ~(31u << 15)) | 31u << 15; /* aligned: x31 itself */
        if (info->ext == RV_EXT_ZICSR) { /* only the FP CSRs and cycle/instret (time is not deterministic) */
            static const uint32_t csrs[] = {1, 2, 3, 0xc00, 0xc02};
            w = (w & 0x000fffffu) | csrs[rnd_below(5)] << 20;
        }
        if (info->flags & RV_F_RM) { /* every rounding mode; dyn (7) uses a random frm */
            static const uint32_t rms[] = {0, 1, 2, 3, 4, 7, 7};
            w = (w & ~(7u << 12)) | rms[rnd_below(7)] << 12;
        }
        /* immediates the translator has its own form for (lower_alu.c, --no-alu-forms):
         * zext.b (andi 0xff) and sext.w (addiw 0), 1 in 4096 by chance alone */
        if ((op == RV_OP_ANDI || op == RV_OP_ADDIW) && rnd_below(4) == 0)
            w = (w & 0x000fffffu) | (op == RV_OP_ANDI ? 0xffu << 20 : 0);
        struct rv_insn in;
        if (!rv_decode(w, &in)) continue;
        bool writes_x = info->operands[0] == 'd';
        if (writes_x && (rd == 31 || rd == 2 || rd == 30 || rd == 29)) continue; /* keep the base registers (x30: see --emit-asm; x29: the loop count) */
        return w;
    }
}

/* A random legal compressed instruction that is not control flow. */
static uint16_t random_compressed(void)
{
    for (;;) {
        uint16_t h = (uint16_t)rnd();
        if ((h & 3) == 3) continue;
        struct rv_insn in;
        if (!rv_decode(h, &in)) continue;
        const struct rv_insn_info *info = &rv_insn_info[in.op];
        if (info->flags & (RV_F_JUMP | RV_F_BRANCH | RV_F_SYSTEM)) continue;
        if (info->operands[0] == 'd' && (in.rd == 31 || in.rd == 2 || in.rd == 30 || in.rd == 29)) continue;
        return h;
    }
}

static int build_sequence(struct insn_slot *seq)
{
    int n = 4 + (int)rnd_below(MAX_INSNS - 4);
    /* A quarter of the sequences are loops: the body, then addi x29, x29, -1;
     * bnez x29, back to the start (x29, which nothing else writes, starts at
     * 1..8), so the translator sees a self-loop (its back edge, the FP
     * registers carried around it: fp_loop_nan.c) */
    bool loop = rnd_below(4) == 0;
    int body = loop ? n - 2 : n;
    for (int i = 0; i < body; i++) {
        unsigned kind = rnd_below(10);
        if (kind == 0 && i + 6 < body && rnd_below(4) == 0) {
            /* a detour with a backward branch (targets fixed up below):
             * i: j T; i+1 B: x; i+2: j E; i+3 T: y; i+4: bCC back to B; i+5 E: z
             * (the branch either way ends at E: no endless loop) */
            static const uint32_t f3[] = {0, 1, 4, 5, 6, 7};
            seq[i] = (struct insn_slot){0x6fu, 4, 3};
            seq[i + 1] = (struct insn_slot){random_word(), 4, 0};
            seq[i + 2] = rnd_below(2) ? (struct insn_slot){0x6fu, 4, 3} : (struct insn_slot){0xa001u, 2, 3};
            seq[i + 3] = (struct insn_slot){random_compressed(), 2, 0};
            seq[i + 4] = (struct insn_slot){0x63u | f3[rnd_below(6)] << 12 | rnd_below(32) << 15 | rnd_below(32) << 20, 4, -3};
            seq[i + 5] = (struct insn_slot){random_word(), 4, 0};
            i += 5;
        } else if (kind == 0 && i + 1 < body && rnd_below(3) == 0) { /* a forward jal x0 or c.j, target fixed up below */
            /* (a third of the jals link, to x1 or another register: a call the block may follow) */
            uint32_t rd = rnd_below(3) ? 0 : rnd_below(2) ? 1 : 3 + rnd_below(26);
            seq[i] = rnd_below(2) ? (struct insn_slot){0x6fu | rd << 7, 4, (int8_t)(1 + rnd_below(4))}
                                  : (struct insn_slot){0xa001u, 2, (int8_t)(1 + rnd_below(4))};
        } else if (kind == 0 && i + 3 < body && rnd_below(2) == 0) {
            /* an indirect jump forward, auipc rX, 0; jalr rd, off(rX) or
             * auipc rX, 0; addi rX, rX, off; jalr rd, 0(rX) (a ret-like jalr
             * through a register the block holds: --probe-in-place), off
             * fixed up below; one time in four off is one more, an odd
             * address that jalr rounds down (--odd-target-miss); rd: x0, ra,
             * rX itself or another register.  In a loop, later turns find
             * the target in the jump cache. */
            uint32_t rx = 3 + rnd_below(26), odd = rnd_below(4) == 0;
            uint32_t rd = (uint32_t[]){0, 1, rx, 3 + rnd_below(26)}[rnd_below(4)];
            bool zero_offset = rnd_below(2);
            seq[i] = (struct insn_slot){0x17u | rx << 7, 4, (int8_t)((zero_offset ? 3 : 2) + rnd_below(3))}; /* auipc rX, 0 */
            if (zero_offset) seq[++i] = (struct insn_slot){0x13u | rx << 7 | rx << 15 | odd << 20, 4, 0}; /* addi */
            seq[i + 1] = (struct insn_slot){0x67u | rd << 7 | rx << 15 | (zero_offset ? 0 : odd << 20), 4, 0}; /* jalr */
            i++;
        } else if (kind == 0 && i + 1 < body) { /* a forward branch, target fixed up below */
            /* (x0 first one time in four: bgtz, blez, bltu x0 ... have their own lowering, lower_control.c) */
            static const uint32_t f3[] = {0, 1, 4, 5, 6, 7};
            uint32_t rs1 = rnd_below(4) ? rnd_below(32) : 0;
            seq[i] = (struct insn_slot){0x63u | f3[rnd_below(6)] << 12 | rs1 << 15 | rnd_below(32) << 20, 4,
                                        (int8_t)(1 + rnd_below(4))};
        } else if (loop && kind >= 5 && kind <= 7) {
            /* loop bodies lean on double-precision values in f0..f7 carried
             * round the back edge: arithmetic, loads and stores of them
             * (scratch page, x31), moves that look at their bits */
            uint32_t rd = rnd_below(8), r1 = rnd_below(8), r2 = rnd_below(8), off = 8 * rnd_below(16);
            static const uint32_t arith[] = {0x02000053u /* fadd.d */, 0x0a000053u /* fsub.d */,
                                             0x12000053u /* fmul.d */, 0x1a000053u /* fdiv.d */};
            uint32_t w;
            switch (rnd_below(6)) {
            case 0: case 1: w = arith[rnd_below(4)] | r2 << 20 | r1 << 15 | rd << 7; break; /* rm = rne */
            case 2: w = 0x0000b007u | off << 20 | 31u << 15 | rd << 7; break;                /* fld rd, off(x31) */
            case 3: w = 0x0000b027u | (off >> 5) << 25 | r1 << 20 | 31u << 15 | (off & 31) << 7; break; /* fsd */
            case 4: w = 0x22000053u | r2 << 20 | r1 << 15 | rd << 7; break;                  /* fsgnj.d */
            default: w = 0xe2000053u | r1 << 15 | (3 + rnd_below(26)) << 7; break;           /* fmv.x.d */
            }
            seq[i] = (struct insn_slot){w, 4, 0};
        } else if (kind == 9 && rnd_below(4) == 0 && i + 2 < body) {
            /* the quiet comparison idiom: frflags rX; feq/flt/fle.d rY, fa, fb;
             * fsflags rX (translator/lower_quiet_cmp.c); sometimes rY = rX,
             * which is not the idiom (fsflags then writes the result) */
            static const uint32_t f3[] = {2, 1, 0}; /* feq, flt, fle */
            uint32_t rx = 3 + rnd_below(26), ry = rnd_below(3) ? 3 + rnd_below(26) : rx; /* (x3..x28) */
            seq[i++] = (struct insn_slot){0x00102073u | rx << 7, 4, 0};               /* csrrs rX, fflags, x0 */
            seq[i++] = (struct insn_slot){0xa2000053u | f3[rnd_below(3)] << 12 | ry << 7 | rnd_below(32) << 15 |
                                          rnd_below(32) << 20, 4, 0};
            seq[i] = (struct insn_slot){0x00101073u | rx << 15, 4, 0};                /* csrrw x0, fflags, rX */
        } else if (kind <= 3) {
            seq[i] = (struct insn_slot){random_compressed(), 2, 0};
        } else {
            seq[i] = (struct insn_slot){random_word(), 4, 0};
        }
    }
    if (loop) {
        uint32_t back = 4; /* (from the bnez to the start: the body and the addi) */
        for (int i = 0; i < body; i++) back += seq[i].len;
        uint32_t off = (uint32_t)-(int32_t)back;
        seq[body] = (struct insn_slot){0xfffe8e93u, 4, 0}; /* addi x29, x29, -1 */
        seq[body + 1] = (struct insn_slot){0x000e9063u | ((off >> 12) & 1) << 31 | ((off >> 5) & 0x3f) << 25 |
                                               ((off >> 1) & 0xf) << 8 | ((off >> 11) & 1) << 7, 4, 0}; /* bnez x29 */
    }
    seq[n] = (struct insn_slot){0x00000073, 4, 0}; /* ecall: the end */
    /* resolve branch targets to instruction boundaries */
    for (int i = 0; i < n; i++) {
        if (!seq[i].branch_skip) continue;
        int t = i + seq[i].branch_skip;
        if (t > n) t = n;
        if (loop && t == n - 1) t = n - 2; /* (not past the loop count's decrement) */
        uint32_t off = 0;
        for (int k = i; k < t; k++) off += seq[k].len;
        for (int k = t; k < i; k++) off -= seq[k].len; /* (backward) */
        uint32_t w;
        if ((seq[i].bits & 0x7f) == 0x17) { /* auipc: the offset goes into the addi or jalr after it */
            seq[i + 1].bits += off << 20;
            continue;
        }
        if (seq[i].len == 2) /* c.j: offset[11|4|9:8|10|6|7|3:1|5] in bits 12..2 */
            w = 0xa001u | ((off >> 11) & 1) << 12 | ((off >> 4) & 1) << 11 | ((off >> 8) & 3) << 9 |
                ((off >> 10) & 1) << 8 | ((off >> 6) & 1) << 7 | ((off >> 7) & 1) << 6 | ((off >> 1) & 7) << 3 |
                ((off >> 5) & 1) << 2;
        else if ((seq[i].bits & 0x7f) == 0x6f) /* jal: offset[20|10:1|11|19:12] */
            w = (seq[i].bits & 0xfffu) | ((off >> 20) & 1) << 31 | ((off >> 1) & 0x3ff) << 21 | ((off >> 11) & 1) << 20 |
                ((off >> 12) & 0xff) << 12;
        else {
            w = seq[i].bits & 0x01fff07fu;
            w |= ((off >> 12) & 1) << 31 | ((off >> 5) & 0x3f) << 25 | ((off >> 1) & 0xf) << 8 | ((off >> 11) & 1) << 7;
        }
        seq[i].bits = w;
    }
    return n + 1;
}

static size_t write_code(uint8_t *buf, const struct insn_slot *seq, int n)
{
    size_t at = 0;
    for (int i = 0; i < n; i++) {
        memcpy(buf + at, &seq[i].bits, seq[i].len);
        at += seq[i].len;
    }
    return at;
}

struct start_state {
    uint64_t x[32], f[32];
    uint32_t frm;
    uint8_t scratch[MMU_PAGE_SIZE];
};

static void random_start(struct start_state *s)
{
    for (int i = 0; i < 32; i++) s->x[i] = rnd_value(), s->f[i] = rnd_value();
    s->x[0] = 0;
    s->x[31] = SCRATCH + 8 * rnd_below(8);
    s->x[2] = SCRATCH + 1024;
    s->x[29] = 1 + rnd_below(8); /* the loop count (build_sequence) */
    for (int i = 8; i < 16; i++) /* compressed loads/stores use x8-x15 as bases: mostly valid */
        if (rnd_below(4)) s->x[i] = SCRATCH + 8 * rnd_below(256);
    s->frm = rnd_below(10) ? rnd_below(5) : 5; /* sometimes invalid: dynamic-rm instructions then trap */
    for (size_t i = 0; i < sizeof s->scratch; i += 8) {
        uint64_t v = rnd_value();
        memcpy(s->scratch + i, &v, 8);
    }
}

static void load_start(struct cpu *c, struct mmu *m, const struct start_state *s)
{
    memset(c, 0, sizeof *c);
    c->mmu = m;
    c->pc = CODE;
    memcpy(c->x, s->x, sizeof c->x);
    memcpy(c->f, s->f, sizeof c->f);
    c->frm = s->frm;
    (void)mmu_write_bytes(m, SCRATCH, s->scratch, sizeof s->scratch, 0);
}

/* Run until the final ecall or a trap. */
static void run_interp(struct cpu *c) { (void)cpu_run_interp(c, 10000); }
static void run_jit(struct translator *tx, struct cpu *c) { (void)tx_run(tx, c); }

static void dump(const char *title, const struct cpu *c)
{
    fprintf(stderr, "  %s: pc=%llx trap=%llu tval=%llx instret=%llu fflags=%x frm=%u\n", title,
            (unsigned long long)c->pc, (unsigned long long)c->trap_cause, (unsigned long long)c->trap_tval,
            (unsigned long long)c->instret, c->fflags, c->frm);
}

static bool compare(const struct cpu *a, const struct cpu *b, struct mmu *ma, struct mmu *mb)
{
    bool same = a->pc == b->pc && a->trap_cause == b->trap_cause && a->trap_tval == b->trap_tval &&
                a->instret == b->instret && a->fflags == b->fflags && a->frm == b->frm &&
                !memcmp(a->x, b->x, sizeof a->x) && !memcmp(a->f, b->f, sizeof a->f);
    static uint8_t pa[MMU_PAGE_SIZE], pb[MMU_PAGE_SIZE];
    (void)mmu_read_bytes(ma, SCRATCH, pa, sizeof pa, 0);
    (void)mmu_read_bytes(mb, SCRATCH, pb, sizeof pb, 0);
    if (memcmp(pa, pb, sizeof pa)) {
        fprintf(stderr, "  scratch memory differs\n");
        same = false;
    }
    for (int i = 0; i < 32 && !same; i++) {
        if (a->x[i] != b->x[i])
            fprintf(stderr, "  x%d: interp %016llx jit %016llx\n", i, (unsigned long long)a->x[i], (unsigned long long)b->x[i]);
        if (a->f[i] != b->f[i])
            fprintf(stderr, "  f%d: interp %016llx jit %016llx\n", i, (unsigned long long)a->f[i], (unsigned long long)b->f[i]);
    }
    return same;
}

static struct mmu *make_space(void)
{
    struct mmu *m = mmu_create();
    if (!m || !mmu_map(m, CODE, MMU_PAGE_SIZE, MMU_READ | MMU_EXEC) ||
        !mmu_map(m, SCRATCH, MMU_PAGE_SIZE, MMU_READ | MMU_WRITE)) {
        fprintf(stderr, "fuzz_diff: cannot create the guest address space\n");
        exit(2);
    }
    return m;
}

/* Does the sequence read the cycle or instret counter?  Two emulators need
 * not agree on those, so such sequences are not emitted for qemu. */
static bool reads_counters(const struct insn_slot *seq, int n)
{
    for (int i = 0; i < n; i++) {
        struct rv_insn in;
        if (rv_decode(seq[i].bits, &in) && rv_insn_info[in.op].ext == RV_EXT_ZICSR && in.imm >= 0xc00) return true;
    }
    return false;
}

/* Writes sequence k as assembly: load the start state (pointers into its own
 * 4 KiB scratch page), run the sequence, store every register and fcsr, and
 * write them and the scratch page to stdout. */
static void emit_asm_sequence(int k, const struct insn_slot *seq, int n, const struct start_state *st)
{
    printf("    .data\n    .balign 4096\nscratch_%d:\n", k);
    for (size_t i = 0; i < MMU_PAGE_SIZE; i += 8) {
        uint64_t v;
        memcpy(&v, st->scratch + i, 8);
        printf("    .dword 0x%016llx\n", (unsigned long long)v);
    }
    printf("regs_%d:\n", k);
    for (int i = 0; i < 32; i++) {
        bool pointer = i == 2 || i == 31 || (i >= 8 && i < 16 && st->x[i] >= SCRATCH && st->x[i] < SCRATCH + MMU_PAGE_SIZE);
        if (pointer) printf("    .dword scratch_%d + %llu\n", k, (unsigned long long)(st->x[i] - SCRATCH));
        else printf("    .dword 0x%016llx\n", (unsigned long long)st->x[i]);
    }
    for (int i = 0; i < 32; i++) printf("    .dword 0x%016llx\n", (unsigned long long)st->f[i]);
    printf("out_%d:\n    .zero %d\n", k, 8 * 65);
    printf("    .text\nseq_%d:\n    la x30, regs_%d\n", k, k);
    printf("    li x1, %u\n    fsrm x1\n    fsflags zero\n", st->frm);
    for (int i = 0; i < 32; i++) printf("    fld f%d, %d(x30)\n", i, 256 + 8 * i);
    for (int i = 1; i < 32; i++)
        if (i != 30) printf("    ld x%d, %d(x30)\n", i, 8 * i);
    printf("    ld x30, 240(x30)\n");
    for (int i = 0; i < n - 1; i++) printf("    .%s 0x%x\n", seq[i].len == 2 ? "2byte" : "4byte", seq[i].bits);
    /* x30 is never written by a sequence: it is free to address the output */
    printf("    la x30, out_%d\n", k);
    for (int i = 1; i < 32; i++)
        if (i != 30) printf("    sd x%d, %d(x30)\n", i, 8 * i);
    for (int i = 0; i < 32; i++) printf("    fsd f%d, %d(x30)\n", i, 264 + 8 * i);
    printf("    frcsr x1\n    sd x1, 256(x30)\n");
    printf("    li a0, 1\n    mv a1, x30\n    li a2, %d\n    li a7, 64\n    ecall\n", 8 * 65);
    printf("    li a0, 1\n    la a1, scratch_%d\n    li a2, 4096\n    li a7, 64\n    ecall\n", k);
}

static int emit_asm(int count, uint64_t seed)
{
    static struct insn_slot seq[MAX_INSNS + 1];
    static struct start_state st;
    /* qemu-riscv64 7.2 runs these: RV64GC, the bit-manipulation extensions, and
     * HINTs it executes as their base instructions (prefetch, pause, ntl.*) */
    char err[160];
    if (!rv_ext_parse("rv64gc_zba_zbb_zbc_zbs_zicbop_zihintpause_zihintntl", err, sizeof err)) abort();
    struct mmu *m = make_space();
    printf("/* generated by testsuite/fuzz/fuzz_diff --emit-asm %d %llu: random RV64GC+Zb* sequences\n"
           " * whose final states are written to stdout, to compare rvdbt with qemu-riscv64 */\n"
           "    .option norvc\n    .option norelax\n    .text\n    .globl _start\n_start:\n    j seq_0\n",
           count, (unsigned long long)seed);
    int k = 0;
    for (long r = 0; k < count; r++) {
        rng = (seed * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)r * 0xd1b54a32d192ed03ull) ^ 0x2545f4914f6cdd1dull;
        if (!rng) rng = 1;
        int n = build_sequence(seq);
        random_start(&st);
        if (reads_counters(seq, n)) continue;
        static uint8_t code[8 * MAX_INSNS];
        size_t len = write_code(code, seq, n);
        (void)mmu_write_bytes(m, CODE, code, len, 0);
        struct cpu c;
        load_start(&c, m, &st);
        run_interp(&c);
        if (c.trap_cause != RV_CAUSE_ECALL_U) continue; /* only sequences that run to the end */
        emit_asm_sequence(k, seq, n, &st);
        k++;
    }
    printf("seq_%d:\n    li a0, 0\n    li a7, 93\n    ecall\n", k);
    mmu_destroy(m);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--emit-asm"))
        return emit_asm(argc > 2 ? atoi(argv[2]) : 20, argc > 3 ? strtoull(argv[3], NULL, 0) : 1);
    long rounds = argc > 1 ? strtol(argv[1], NULL, 10) : 2000;
    uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 1;
    long first = argc > 3 ? strtol(argv[3], NULL, 10) : 0; /* replay from this round */
    /* mb: the interpreter engine's block loop (cpu_run_interp_blocks), which
     * must agree with the plain loop; every round writes new code at the
     * same address, so its check of the bytes a block was decoded from is
     * exercised every round */
    struct mmu *mi = make_space(), *mj = make_space(), *mb = make_space();
    /* (the host MMU checks the accesses in the first two; the TLB in the last;
     * short cold stubs (cold_stubs.c) in the first and the last, full slow paths in the others;
     * pinned registers (regcache.c, --no-pin-regs): a0 a1 a5 sp in the first, a0 a1 in the
     * last, none in the third (as under --no-pin-regs); huge pages for the block
     * arena and the code cache backed ahead (--no-huge-pages) in the first only) */
    struct tx_options variants[4] = {
        {.chain = true, .regcache = true, .inline_tlb = true, .host_mmu = true, .fusion = true,
         .inline_fflags = true, .inline_fma = true, .hoist_frm = true, .fp_avx = true, .fp_preload = true, .fp_direct_mem = true, .inline_single = true, .fp_writeback = true, .inline_minmax = true, .inline_bits = true, .inline_amo = true, .fp_lazy_nan = true, .cold_stubs = true, .bounds_reuse = true, .quiet_compare = true, .fp_loop_nan = true, .sized_tables = true, .base_bounds = true, .short_probe = true, .forward_skip = true, .follow_jumps = true, .follow_branches = true, .follow_calls = true, .alu_forms = true, .low_jmp_cache = true, .odd_target_miss = true, .probe_in_place = true, .pin_regs = 4, .huge_pages = true, .code_cache_size = 1 << 20},
        {.chain = true, .regcache = false, .inline_tlb = true, .host_mmu = true, .fusion = true,
         .inline_fflags = true, .inline_fma = true, .hoist_frm = true, .fp_avx = true, .fp_preload = true, .fp_direct_mem = true, .inline_single = true, .fp_writeback = true, .inline_minmax = true, .inline_bits = true, .inline_amo = true, .quiet_compare = true, .follow_jumps = true, .alu_forms = true, .pin_regs = 4, .code_cache_size = 1 << 20}, /* (not follow_branches; alu_forms with every result through rax; pin_regs without a cache: none pinned) */
        /* (the FP switches off: fflags CSRs and fused multiply-adds through the interpreter) */
        {.chain = true, .regcache = true, .inline_tlb = false, .fusion = false, .code_cache_size = 1 << 20},
        {.chain = false, .regcache = true, .inline_tlb = true, .fusion = true, .inline_fflags = true, .hoist_frm = true, .fp_avx = true, .fp_preload = true, .fp_direct_mem = true, .inline_single = true, .fp_writeback = true, .inline_minmax = true, .inline_bits = true, .inline_amo = true, .fp_lazy_nan = true,
         .inline_fma = true, .cold_stubs = true, .quiet_compare = true, .fp_loop_nan = true, .follow_jumps = true, .follow_branches = true, .follow_calls = true, .alu_forms = true, .pin_regs = 2, .code_cache_size = 64 << 10}, /* tiny cache: frequent flushes; two pinned */
    };
    struct translator *tx[4];
    for (int v = 0; v < 4; v++)
        if (getenv("FUZZ_EXPLAIN")) variants[v].explain = stderr; /* show the translations while replaying */
    for (int v = 0; v < 4; v++)
        if (!(tx[v] = tx_create(&variants[v]))) return 2;

    static struct insn_slot seq[MAX_INSNS + 1];
    static struct start_state start;
    static uint8_t code[8 * MAX_INSNS];
    long traps = 0;
    for (long r = first; r < first + rounds; r++) {
        /* every round has its own seed, so a failing round can be replayed alone */
        rng = (seed * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)r * 0xd1b54a32d192ed03ull) ^ 0x2545f4914f6cdd1dull;
        if (!rng) rng = 1;
        int n = build_sequence(seq);
        size_t len = write_code(code, seq, n);
        random_start(&start);
        (void)mmu_write_bytes(mi, CODE, code, len, 0);
        (void)mmu_write_bytes(mj, CODE, code, len, 0);
        (void)mmu_write_bytes(mb, CODE, code, len, 0);
        struct translator *t = tx[r % 4];
        tx_flush(t); /* new code at the same address */

        struct cpu ci, cj, cb;
        load_start(&ci, mi, &start);
        load_start(&cj, mj, &start);
        load_start(&cb, mb, &start);
        run_interp(&ci);
        run_jit(t, &cj);
        (void)cpu_run_interp_blocks(&cb);
        traps += ci.trap_cause != RV_CAUSE_ECALL_U;
        bool blocks_differ = !compare(&ci, &cb, mi, mb);
        if (blocks_differ || !compare(&ci, &cj, mi, mj)) {
            if (blocks_differ) cj = cb; /* (what dump shows as "jit") */
            fprintf(stderr, "fuzz_diff: round %ld (translator variant %ld): interpreter and %s differ\n"
                            "  (replay: fuzz_diff 1 %llu %ld)\n", r, r % 4,
                    blocks_differ ? "its block loop (cpu_run_interp_blocks)" : "translator", (unsigned long long)seed, r);
            uint64_t pc = CODE;
            for (int i = 0; i < n; i++) {
                char text[96];
                rv_disasm_bits(seq[i].bits, pc, text, sizeof text);
                fprintf(stderr, "    %llx: %0*x  %s\n", (unsigned long long)pc, seq[i].len * 2, seq[i].bits, text);
                pc += seq[i].len;
            }
            dump("interp", &ci);
            dump("jit", &cj);
            return 1;
        }
    }
    printf("fuzz_diff: %ld random sequences, interpreter, its block loop and translator agree (%ld ended in a trap)\n", rounds, traps);
    for (int v = 0; v < 4; v++) tx_destroy(tx[v]);
    mmu_destroy(mi);
    mmu_destroy(mj);
    mmu_destroy(mb);
    return 0;
}
