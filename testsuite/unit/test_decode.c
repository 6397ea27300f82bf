/*
 * testsuite/unit/test_decode.c — the decoder (cpu/decode.c).
 *
 * - Every instruction format, with words encoded by hand from the ISA
 *   manual's encoding tables (the comment on each vector shows the
 *   assembly it stands for and how the fields were placed).
 * - Every compressed quadrant: expansions to their 32-bit equivalents, and
 *   the reserved encodings the RVC chapter lists.
 * - Exhaustively, all 2^16 halfwords: the set of legal compressed
 *   instructions must equal the set GNU objdump (the oracle, run by the
 *   test) recognises, and the mnemonic each expands to must be the one
 *   objdump's "c.*" name stands for.  The single documented difference:
 *   c.addi16sp with a zero immediate, which the spec reserves and objdump
 *   still decodes.
 * - A large random sample of 32-bit words: no crash, and every answer
 *   consistent with the instruction table (a legal word matches its
 *   entry's mask/match, the most specific one when a HINT entry such as
 *   pause overlaps its base instruction; an illegal one matches no entry,
 *   or has a reserved rounding mode).
 * - Zcb's compressed forms, and --cpu gating: an extension switched off
 *   makes its words illegal again (its HINTs fall back to the base
 *   instruction).
 * The rv64gc tests run with --cpu rv64gc (objdump is the oracle for that
 * CPU), the rest with every extension on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cpu/decode.h"

struct vector {
    uint32_t word;
    int op;
    int rd, rs1, rs2, rs3; /* -1: not checked */
    int64_t imm;
    const char *what;
};

static const struct vector format_vectors[] = {
    /* I: imm[11:0] rs1 funct3 rd opcode */
    {0xfe010113, RV_OP_ADDI, 2, 2, -1, -1, -32, "addi sp,sp,-32"},
    {0x00000513, RV_OP_ADDI, 10, 0, -1, -1, 0, "addi a0,zero,0 (li a0,0)"},
    {0x7ff00793, RV_OP_ADDI, 15, 0, -1, -1, 2047, "li a5,2047 (largest I immediate)"},
    {0x80000793, RV_OP_ADDI, 15, 0, -1, -1, -2048, "li a5,-2048 (smallest I immediate)"},
    {0x00813083, RV_OP_LD, 1, 2, -1, -1, 8, "ld ra,8(sp)"},
    {0x00008067, RV_OP_JALR, 0, 1, -1, -1, 0, "jalr zero,0(ra) (ret)"},
    /* I with shamt: 6-bit for RV64, 5-bit for W forms */
    {0x43f55513, RV_OP_SRAI, 10, 10, -1, -1, 63, "srai a0,a0,63: funct6 0x10, shamt 63"},
    {0x41f5551b, RV_OP_SRAIW, 10, 10, -1, -1, 31, "sraiw a0,a0,31"},
    {0x03f51513, RV_OP_SLLI, 10, 10, -1, -1, 63, "slli a0,a0,63"},
    /* S: imm[11:5] rs2 rs1 funct3 imm[4:0] opcode */
    {0x00112e23, RV_OP_SW, -1, 2, 1, -1, 28, "sw ra,28(sp)"},
    {0xfe113c23, RV_OP_SD, -1, 2, 1, -1, -8, "sd ra,-8(sp)"},
    /* B: imm[12|10:5] rs2 rs1 funct3 imm[4:1|11] opcode */
    {0xfe0718e3, RV_OP_BNE, -1, 14, 0, -1, -16, "bne a4,zero,-16"},
    {0x00b50463, RV_OP_BEQ, -1, 10, 11, -1, 8, "beq a0,a1,+8"},
    /* U */
    {0x000127b7, RV_OP_LUI, 15, -1, -1, -1, 0x12000, "lui a5,0x12"},
    {0xfffff517, RV_OP_AUIPC, 10, -1, -1, -1, -4096, "auipc a0,0xfffff (sign-extended)"},
    /* J: imm[20|10:1|11|19:12] rd opcode */
    {0x0100006f, RV_OP_JAL, 0, -1, -1, -1, 16, "jal zero,+16 (j)"},
    {0xff5ff0ef, RV_OP_JAL, 1, -1, -1, -1, -12, "jal ra,-12"},
    /* R, M, W */
    {0x02b50533, RV_OP_MUL, 10, 10, 11, -1, 0, "mul a0,a0,a1"},
    {0x40b5053b, RV_OP_SUBW, 10, 10, 11, -1, 0, "subw a0,a0,a1"},
    {0x02b5453b, RV_OP_DIVW, 10, 10, 11, -1, 0, "divw a0,a0,a1"},
    /* R4: rs3 fmt rs2 rs1 rm rd opcode */
    {0x6ac5f543, RV_OP_FMADD_D, 10, 11, 12, 13, 0, "fmadd.d fa0,fa1,fa2,fa3 (rm=dyn)"},
    {0x60c5f54f, RV_OP_FNMADD_S, 10, 11, 12, 12, 0, "fnmadd.s fa0,fa1,fa2,fa2"},
    /* AMO: funct5 aq rl rs2 rs1 funct3 rd opcode */
    {0x06b6252f, RV_OP_AMOADD_W, 10, 12, 11, -1, 0, "amoadd.w.aqrl a0,a1,(a2)"},
    {0x1005352f, RV_OP_LR_D, 10, 10, 0, -1, 0, "lr.d a0,(a0)"},
    /* CSR: csr rs1 funct3 rd opcode; imm holds the CSR number */
    {0x00102573, RV_OP_CSRRS, 10, 0, -1, -1, 1, "csrrs a0,fflags,zero (frflags a0)"},
    {0x0022d073, RV_OP_CSRRWI, 0, 5, -1, -1, 2, "csrrwi zero,frm,5 (fsrmi 5)"},
    /* FP */
    {0x02b50553, RV_OP_FADD_D, 10, 10, 11, -1, 0, "fadd.d fa0,fa0,fa1,rne"},
    {0xc2051553, RV_OP_FCVT_W_D, 10, 10, -1, -1, 0, "fcvt.w.d a0,fa0,rtz"},
    {0xe2050553, RV_OP_FMV_X_D, 10, 10, -1, -1, 0, "fmv.x.d a0,fa0"},
    {0x0000100f, RV_OP_FENCE_I, -1, -1, -1, -1, 0, "fence.i"},
    {0x0ff0000f, RV_OP_FENCE, -1, -1, -1, -1, 0x0ff, "fence iorw,iorw (imm = pred|succ)"},
    {0x00000073, RV_OP_ECALL, -1, -1, -1, -1, 0, "ecall"},
    {0x00100073, RV_OP_EBREAK, -1, -1, -1, -1, 0, "ebreak"},
    {0x30200073, RV_OP_MRET, -1, -1, -1, -1, 0, "mret"},
    {0x12000073, RV_OP_SFENCE_VMA, -1, 0, 0, -1, 0, "sfence.vma"},
};

static void check_vector(const struct vector *v, int len)
{
    struct rv_insn in;
    bool ok = rv_decode(v->word, &in);
    if (!ok || in.op != v->op) fail_msg("%08x (%s): decoded as %s", v->word, v->what, rv_insn_info[in.op].mnemonic);
    assert_int_equal(in.len, len);
    if (v->rd >= 0) assert_int_equal(in.rd, v->rd);
    if (v->rs1 >= 0) assert_int_equal(in.rs1, v->rs1);
    if (v->rs2 >= 0) assert_int_equal(in.rs2, v->rs2);
    if (v->rs3 >= 0) assert_int_equal(in.rs3, v->rs3);
    if (in.imm != v->imm) fail_msg("%08x (%s): imm %lld, want %lld", v->word, v->what, (long long)in.imm, (long long)v->imm);
}

static uint32_t saved_exts;

static void use_cpu(const char *cpu)
{
    char err[160];
    saved_exts = rv_ext_enabled;
    if (!rv_ext_parse(cpu, err, sizeof err)) fail_msg("--cpu %s: %s", cpu, err);
}

static void restore_cpu(void) { rv_ext_enabled = saved_exts; }

static void test_formats(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof format_vectors / sizeof format_vectors[0]; i++) check_vector(&format_vectors[i], 4);
}

static void test_illegal_32(void **state)
{
    (void)state;
    use_cpu("rv64gc");
    static const uint32_t words[] = {
        0x00000000, /* all zero: defined illegal */
        0xffffffff, /* all ones: defined illegal */
        0x80001013, /* slli with funct6 != 0 */
        0x02001013, /* slli with funct6 = 0 but bit 25 set: that is shamt bit 5, legal in RV64... */
        0x0200101b, /* slliw with shamt bit 5 set: reserved */
        0x00005053, /* fadd.s with rm = 5: reserved rounding mode */
        0x00006053, /* fadd.s with rm = 6 */
        0x04000053, /* fadd.h: Zfh is not implemented */
        0x0000007f, /* a 64-bit-or-longer instruction encoding */
        0x0000000b, /* custom-0 */
        0x0000200f, /* MISC-MEM funct3 2: not fence or fence.i */
        0x00004073, /* SYSTEM funct3 4: reserved */
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        struct rv_insn in;
        bool ok = rv_decode(words[i], &in);
        if (words[i] == 0x02001013) { /* slli a0... with shamt 32: legal in RV64 */
            assert_true(ok);
            assert_int_equal(in.op, RV_OP_SLLI);
            assert_int_equal(in.imm, 32);
            continue;
        }
        if (ok) fail_msg("%08x should be illegal, decoded as %s", words[i], rv_insn_info[in.op].mnemonic);
        assert_int_equal(in.op, RV_OP_ILLEGAL);
        assert_int_equal(in.raw, words[i] & (((words[i] & 3) == 3) ? 0xffffffffu : 0xffffu));
    }
    restore_cpu();
}

/* Compressed: one or more per quadrant, expansions worked out from the RVC tables. */
static void test_compressed_quadrants(void **state)
{
    (void)state;
    use_cpu("rv64gc");
    static const struct { uint16_t c; uint32_t expanded; const char *what; } v[] = {
        /* quadrant 0 */
        {0x0800, 0x01010413, "c.addi4spn s0,sp,16 -> addi s0,sp,16"},
        {0x6398, 0x0007b703, "c.ld a4,0(a5) -> ld a4,0(a5)"},
        {0xc11c, 0x00f52023, "c.sw a5,0(a0) -> sw a5,0(a0)"},
        {0x2108, 0x00053507, "c.fld fa0,0(a0) -> fld fa0,0(a0)"},
        /* quadrant 1 */
        {0x1141, 0xff010113, "c.addi sp,-16 -> addi sp,sp,-16"},
        {0x4501, 0x00000513, "c.li a0,0 -> addi a0,zero,0"},
        {0x0001, 0x00000013, "c.nop -> addi zero,zero,0"},
        {0x2505, 0x0015051b, "c.addiw a0,1 -> addiw a0,a0,1"},
        {0x6785, 0x000017b7, "c.lui a5,0x1 -> lui a5,0x1"},
        {0x7139, 0xfc010113, "c.addi16sp sp,-64 -> addi sp,sp,-64"},
        {0x8105, 0x00155513, "c.srli a0,1 -> srli a0,a0,1"},
        {0x8d0d, 0x40b50533, "c.sub a0,a1 -> sub a0,a0,a1"},
        {0x9d2d, 0x00b5053b, "c.addw a0,a1 -> addw a0,a0,a1"},
        {0xa001, 0x0000006f, "c.j 0 -> jal zero,0"},
        {0xc119, 0x00050363, "c.beqz a0,6 -> beq a0,zero,6"},
        /* quadrant 2 */
        {0x0506, 0x00151513, "c.slli a0,1 -> slli a0,a0,1"},
        {0x60a2, 0x00813083, "c.ldsp ra,8(sp) -> ld ra,8(sp)"},
        {0xe406, 0x00113423, "c.sdsp ra,8(sp) -> sd ra,8(sp)"},
        {0x8082, 0x00008067, "c.jr ra -> jalr zero,0(ra)"},
        {0x9502, 0x000500e7, "c.jalr a0 -> jalr ra,0(a0)"},
        {0x852e, 0x00b00533, "c.mv a0,a1 -> add a0,zero,a1"},
        {0x952e, 0x00b50533, "c.add a0,a1 -> add a0,a0,a1"},
        {0x9002, 0x00100073, "c.ebreak -> ebreak"},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint32_t got = rv_expand_compressed(v[i].c);
        if (got != v[i].expanded) fail_msg("%04x (%s): expanded to %08x, want %08x", v[i].c, v[i].what, got, v[i].expanded);
        struct rv_insn in;
        assert_true(rv_decode(v[i].c, &in));
        assert_int_equal(in.len, 2);
        assert_int_equal(in.raw, v[i].c);
    }
    /* reserved and illegal compressed encodings (RVC chapter, "reserved" entries) */
    static const uint16_t reserved[] = {
        0x0000, /* all zero: defined illegal */
        0x0004, /* c.addi4spn with nzuimm = 0 */
        0x8000, /* quadrant 0, funct3 100: reserved */
        0x6101, /* c.addi16sp with nzimm = 0 */
        0x6501, /* c.lui a0 with nzimm = 0 */
        0x2001, /* c.addiw with rd = 0 */
        0x9c41, /* quadrant 1, funct3 100, bit 12 = 1, funct2 10: reserved */
        0x9c61, /* ... funct2 11: reserved */
        0x4002, /* c.lwsp with rd = 0 */
        0x6002, /* c.ldsp with rd = 0 */
        0x8002, /* c.jr with rs1 = 0 */
    };
    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++) {
        struct rv_insn in;
        if (rv_decode(reserved[i], &in))
            fail_msg("%04x should be reserved, decoded as %s", reserved[i], rv_insn_info[in.op].mnemonic);
        assert_int_equal(rv_expand_compressed(reserved[i]), 0);
    }
    restore_cpu();
}

/* objdump's no-alias compressed mnemonic -> the 32-bit op it expands to. */
static int expected_op_for(const char *c_name)
{
    static const struct { const char *c; int op; } map[] = {
        {"c.addi4spn", RV_OP_ADDI}, {"c.fld", RV_OP_FLD}, {"c.lw", RV_OP_LW}, {"c.ld", RV_OP_LD},
        {"c.fsd", RV_OP_FSD}, {"c.sw", RV_OP_SW}, {"c.sd", RV_OP_SD}, {"c.addi", RV_OP_ADDI},
        {"c.nop", RV_OP_ADDI}, {"c.addiw", RV_OP_ADDIW}, {"c.li", RV_OP_ADDI}, {"c.addi16sp", RV_OP_ADDI},
        {"c.lui", RV_OP_LUI}, {"c.srli", RV_OP_SRLI}, {"c.srli64", RV_OP_SRLI}, {"c.srai", RV_OP_SRAI},
        {"c.srai64", RV_OP_SRAI}, {"c.andi", RV_OP_ANDI}, {"c.sub", RV_OP_SUB}, {"c.xor", RV_OP_XOR},
        {"c.or", RV_OP_OR}, {"c.and", RV_OP_AND}, {"c.subw", RV_OP_SUBW}, {"c.addw", RV_OP_ADDW},
        {"c.j", RV_OP_JAL}, {"c.beqz", RV_OP_BEQ}, {"c.bnez", RV_OP_BNE}, {"c.slli", RV_OP_SLLI},
        {"c.slli64", RV_OP_SLLI}, {"c.fldsp", RV_OP_FLD}, {"c.lwsp", RV_OP_LW}, {"c.ldsp", RV_OP_LD},
        {"c.jr", RV_OP_JALR}, {"c.mv", RV_OP_ADD}, {"c.ebreak", RV_OP_EBREAK}, {"c.jalr", RV_OP_JALR},
        {"c.add", RV_OP_ADD}, {"c.fsdsp", RV_OP_FSD}, {"c.swsp", RV_OP_SW}, {"c.sdsp", RV_OP_SD},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(map[i].c, c_name)) return map[i].op;
    return -1;
}

static void test_compressed_exhaustive_vs_objdump(void **state)
{
    (void)state;
    use_cpu("rv64gc"); /* objdump -b binary decodes plain RV64GC */
    /* First: no crash, and illegal <=> expansion 0, for all 2^16 halfwords. */
    int legal = 0;
    for (uint32_t h = 0; h < 65536; h++) {
        if ((h & 3) == 3) continue;
        struct rv_insn in;
        bool ok = rv_decode(h, &in);
        assert_int_equal(ok, rv_expand_compressed((uint16_t)h) != 0);
        legal += ok;
    }
    if (system("command -v riscv64-linux-gnu-objdump >/dev/null 2>&1") != 0) {
        print_message("riscv64-linux-gnu-objdump not installed: oracle comparison skipped\n");
        restore_cpu();
        skip();
    }
    char bin[] = "/tmp/rvdbt-c16-XXXXXX";
    int fd = mkstemp(bin);
    assert_true(fd >= 0);
    for (uint32_t h = 0; h < 65536; h++) {
        if ((h & 3) == 3) continue;
        uint8_t b[2] = {(uint8_t)h, (uint8_t)(h >> 8)};
        assert_int_equal(write(fd, b, 2), 2);
    }
    close(fd);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "riscv64-linux-gnu-objdump -D -b binary -m riscv:rv64 -M no-aliases %s", bin);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char line[256];
    int compared = 0, mismatches = 0, objdump_legal = 0;
    while (fgets(line, sizeof line, p)) {
        unsigned addr, half;
        char mnem[64];
        /* "     2:\t0001                \tc.addi\tzero,0": objdump shows the halfword as one number */
        if (sscanf(line, " %x: %x %63s", &addr, &half, mnem) != 3) continue;
        uint16_t h = (uint16_t)half;
        struct rv_insn in;
        bool ours = rv_decode(h, &in);
        bool theirs = strcmp(mnem, ".2byte") != 0 && strcmp(mnem, "c.unimp") != 0;
        objdump_legal += theirs;
        compared++;
        if (h == 0x6101) { /* c.addi16sp sp,0: reserved by the spec, decoded by objdump */
            assert_false(ours);
            continue;
        }
        int want = theirs ? expected_op_for(mnem) : -1;
        if (ours != theirs || (ours && in.op != want)) {
            if (mismatches++ < 10)
                print_message("%04x: objdump '%s', rvdbt %s\n", h, mnem, ours ? rv_insn_info[in.op].mnemonic : "illegal");
        }
    }
    pclose(p);
    unlink(bin);
    print_message("compressed: %d halfwords compared, %d legal for rvdbt, %d for objdump\n", compared, legal,
                  objdump_legal);
    restore_cpu();
    assert_int_equal(compared, 49152);
    assert_int_equal(mismatches, 0);
    assert_int_equal(legal, objdump_legal - 1); /* the one spec-reserved c.addi16sp */
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint32_t rng32(void)
{
    rng_state ^= rng_state << 13, rng_state ^= rng_state >> 7, rng_state ^= rng_state << 17;
    return (uint32_t)rng_state;
}

static void test_table_consistency_random(void **state)
{
    (void)state;
    /* Random words: every answer must agree with a brute-force scan of the table. */
    int legal = 0;
    for (int i = 0; i < 2000000; i++) {
        uint32_t w = rng32() | 3; /* 32-bit encodings */
        struct rv_insn in;
        bool ok = rv_decode(w, &in);
        int match = 0; /* the enabled entry with the most specific mask, the first of equals */
        for (int op = 1; op < RV_OP_COUNT; op++)
            if ((w & rv_insn_info[op].mask) == rv_insn_info[op].match && rv_ext_on((enum rv_ext)rv_insn_info[op].ext) &&
                (!match || __builtin_popcount(rv_insn_info[op].mask) > __builtin_popcount(rv_insn_info[match].mask)))
                match = op;
        uint32_t rm = (w >> 12) & 7;
        bool reserved_rm = match && (rv_insn_info[match].flags & RV_F_RM) && (rm == 5 || rm == 6);
        if (ok) {
            assert_int_equal(in.op, match);
            legal++;
        } else {
            assert_true(match == 0 || reserved_rm);
        }
    }
    print_message("random 32-bit words: %d of 2000000 legal\n", legal);
    /* Words built from each entry (random don't-care bits) decode to that entry. */
    for (int op = 1; op < RV_OP_COUNT; op++) {
        for (int k = 0; k < 2000; k++) {
            uint32_t w = rv_insn_info[op].match | (rng32() & ~rv_insn_info[op].mask);
            if ((rv_insn_info[op].flags & RV_F_RM) && ((w >> 12) & 7) >= 5 && ((w >> 12) & 7) <= 6)
                w &= ~0x7000u; /* keep the rounding mode legal */
            struct rv_insn in;
            bool hint = rv_decode(w, &in) && in.op != op && (w & rv_insn_info[in.op].mask) == rv_insn_info[in.op].match &&
                        __builtin_popcount(rv_insn_info[in.op].mask) > __builtin_popcount(rv_insn_info[op].mask);
            if (hint) continue; /* e.g. an ori with rd = 0 that is a prefetch */
            if (!rv_decode(w, &in) || in.op != op)
                fail_msg("%08x built from %s decoded as %s", w, rv_insn_info[op].mnemonic, rv_insn_info[in.op].mnemonic);
        }
    }
}

/* Zcb (RVA23): the forms reserved in RV64GC, expansions from the Zc* specification's tables. */
static void test_zcb_and_gating(void **state)
{
    (void)state;
    static const struct { uint16_t c; uint32_t expanded; const char *what; } v[] = {
        {0x81c8, 0x0015c503, "c.lbu a0,1(a1) -> lbu a0,1(a1)"},
        {0x85c8, 0x00059503, "c.lh a0,0(a1) -> lh a0,0(a1)"},
        {0x85a8, 0x0025d503, "c.lhu a0,2(a1) -> lhu a0,2(a1)"},
        {0x89c8, 0x00a580a3, "c.sb a0,1(a1) -> sb a0,1(a1)"},
        {0x8da8, 0x00a59123, "c.sh a0,2(a1) -> sh a0,2(a1)"},
        {0x9d61, 0x0ff57513, "c.zext.b a0 -> andi a0,a0,255"},
        {0x9d65, 0x60451513, "c.sext.b a0 -> sext.b a0,a0"},
        {0x9d69, 0x0805453b, "c.zext.h a0 -> zext.h a0,a0"},
        {0x9d6d, 0x60551513, "c.sext.h a0 -> sext.h a0,a0"},
        {0x9d71, 0x0805053b, "c.zext.w a0 -> add.uw a0,a0,zero"},
        {0x9d75, 0xfff54513, "c.not a0 -> xori a0,a0,-1"},
        {0x9d4d, 0x02b50533, "c.mul a0,a1 -> mul a0,a0,a1"},
        {0x6081, 0x00000013, "c.mop.1 -> addi zero,zero,0"},
    };
    use_cpu("max");
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        uint32_t got = rv_expand_compressed(v[i].c);
        if (got != v[i].expanded) fail_msg("%04x (%s): expanded to %08x, want %08x", v[i].c, v[i].what, got, v[i].expanded);
    }
    /* still reserved with Zcb: c.sh with bit 6 set, funct6 100111 with bits 4:2 = 11x */
    assert_int_equal(rv_expand_compressed(0x8de8), 0);
    assert_int_equal(rv_expand_compressed(0x9d79), 0);
    assert_int_equal(rv_expand_compressed(0x9d7d), 0);
    restore_cpu();

    /* rv64gc: the same words are reserved, the 32-bit ones illegal, HINTs the base instruction */
    use_cpu("rv64gc");
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) assert_int_equal(rv_expand_compressed(v[i].c), 0);
    struct rv_insn in;
    assert_false(rv_decode(0x20c5a533, &in)); /* sh1add */
    assert_false(rv_decode(0x0ec5d533, &in)); /* czero.eqz */
    assert_false(rv_decode(0x0046a00f, &in)); /* cbo.zero */
    assert_true(rv_decode(0x0100000f, &in));  /* pause is a fence */
    assert_int_equal(in.op, RV_OP_FENCE);
    restore_cpu();
    use_cpu("rv64,zba=false");
    assert_false(rv_decode(0x20c5a533, &in));
    assert_true(rv_decode(0x6b85d513, &in)); /* rev8: Zbb stays */
    assert_int_equal(in.op, RV_OP_REV8);
    assert_true(rv_decode(0x0100000f, &in));
    assert_int_equal(in.op, RV_OP_PAUSE);
    restore_cpu();
}

/* --cpu strings: accepted forms and one clear message for the rest. */
static void test_cpu_option(void **state)
{
    (void)state;
    char err[160];
    uint32_t saved = rv_ext_enabled;
    assert_true(rv_ext_parse("rv64gc_zba_zbb", err, sizeof err));
    assert_true(rv_ext_on(RV_EXT_ZBA) && rv_ext_on(RV_EXT_ZBB) && !rv_ext_on(RV_EXT_ZBS) && rv_ext_on(RV_EXT_M));
    assert_true(rv_ext_parse("rv64,zbs=false,zicond=off", err, sizeof err));
    assert_true(rv_ext_on(RV_EXT_ZBA) && !rv_ext_on(RV_EXT_ZBS) && !rv_ext_on(RV_EXT_ZICOND));
    assert_false(rv_ext_parse("rv64gc_zfoo", err, sizeof err));
    assert_string_equal(err, "unknown extension 'zfoo'");
    assert_false(rv_ext_parse("rv64,m=false", err, sizeof err));
    assert_false(rv_ext_parse("rv64,zba", err, sizeof err));
    assert_false(rv_ext_parse("rv64gc__zba", err, sizeof err));
    assert_false(rv_ext_parse("x86", err, sizeof err));
    /* what software sees: misa (B = Zba+Zbb+Zbs), riscv,isa, hwprobe bits from the kernel's uapi header */
    assert_true(rv_ext_parse("rv64gc", err, sizeof err));
    char isa[256];
    rv_ext_isa_string(isa, sizeof isa);
    assert_string_equal(isa, "rv64imafdc_zicntr_zicsr_zifencei_sstc");
    assert_int_equal(rv_ext_misa(), 0x800000000014112dull); /* RV64 ACDFIMSU, as before */
    assert_int_equal(rv_ext_hwprobe_ima_ext0(), 3);         /* IMA_FD | IMA_C */
    assert_true(rv_ext_parse("rv64gc_zba_zbb_zbs", err, sizeof err));
    assert_int_equal(rv_ext_misa(), 0x800000000014112full); /* + B */
    assert_int_equal(rv_ext_hwprobe_ima_ext0(), 3 | 1 << 3 | 1 << 4 | 1 << 5);
    /* Zfa: no misa letter; "zfa" after the zi* names (category f follows i);
     * RISCV_HWPROBE_EXT_ZFA is bit 32; fli.d decodes only with it */
    struct rv_insn in;
    assert_false(rv_decode(0xf2160553, &in));
    assert_true(rv_ext_parse("rv64gc_zfa", err, sizeof err));
    assert_true(rv_decode(0xf2160553, &in));
    assert_int_equal(in.op, RV_OP_FLI_D);
    rv_ext_isa_string(isa, sizeof isa);
    assert_string_equal(isa, "rv64imafdc_zicntr_zicsr_zifencei_zfa_sstc");
    char list[256];
    size_t n = rv_ext_isa_list(list, sizeof list);
    assert_int_equal(n, sizeof "i\0m\0a\0f\0d\0c\0zicntr\0zicsr\0zifencei\0zfa\0sstc");
    assert_memory_equal(list, "i\0m\0a\0f\0d\0c\0zicntr\0zicsr\0zifencei\0zfa\0sstc", n);
    assert_int_equal(rv_ext_misa(), 0x800000000014112dull);
    assert_int_equal(rv_ext_hwprobe_ima_ext0(), 3 | 1ull << 32);
    /* the arch attributes test_disasm's sweep gave the assembler and objdump
     * by hand before (readelf -A on gcc's rv64gc objects shows the first one,
     * plus zmmul1p0, which M implies), now made from the extension list */
    char arch[256];
    assert_true(rv_ext_parse("rv64gc", err, sizeof err));
    rv_ext_arch_attribute(arch, sizeof arch);
    assert_string_equal(arch, "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zifencei2p0");
    assert_true(rv_ext_parse("rv64gc_zba_zbb_zbc_zbs_zicbom_zicboz_zicbop_zihintpause", err, sizeof err));
    rv_ext_arch_attribute(arch, sizeof arch);
    assert_string_equal(arch, "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicbom1p0_zicbop1p0_zicboz1p0_zicsr2p0_zifencei2p0_"
                              "zihintpause2p0_zba1p0_zbb1p0_zbc1p0_zbs1p0");
    rv_ext_enabled = saved;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_illegal_32),
        cmocka_unit_test(test_compressed_quadrants),
        cmocka_unit_test(test_compressed_exhaustive_vs_objdump),
        cmocka_unit_test(test_table_consistency_random),
        cmocka_unit_test(test_zcb_and_gating),
        cmocka_unit_test(test_cpu_option),
    };
    return cmocka_run_group_tests_name("decode", tests, NULL, NULL);
}
