/*
 * cpu/decode.c — the decoder: compressed expansion and table matching.
 *
 * Decoding has two steps.  A compressed (16-bit) instruction is rewritten into
 * the 32-bit instruction the RVC chapter defines it as ("c.addi rd, imm
 * expands to addi rd, rd, imm"); reserved encodings expand to 0.  Then the
 * 32-bit word is matched against the instruction table (cpu/insn_table.h):
 * the first entry with (word & mask) == match wins.  To keep that fast the
 * table is split into 256 buckets by the major opcode (bits 6:2) and funct3
 * (bits 14:12), built once: an entry goes into every bucket whose words it
 * can match.  (With the major opcode alone, an instruction of the OP bucket
 * was found after some 30 compares: decoding was 12 % of the host
 * instructions of a cold program start.)
 */
#include "cpu/decode.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

const struct rv_insn_info rv_insn_info[RV_OP_COUNT] = {
    [RV_OP_ILLEGAL] = {"illegal", "", 0, 0, RV_EXT_I, RV_IMM_NONE, 0},
#define X(name, mn, ext, match_, mask_, ops, imm, flags_) \
    [RV_OP_##name] = {mn, ops, match_, mask_, RV_EXT_##ext, RV_IMM_##imm, flags_},
    RV_INSN_TABLE(X)
#undef X
};

/* ---- 32-bit encoders used by the compressed expansion ------------------- */

static uint32_t enc_r(uint32_t opcode, uint32_t f3, uint32_t f7, uint32_t rd, uint32_t rs1, uint32_t rs2)
{
    return opcode | rd << 7 | f3 << 12 | rs1 << 15 | rs2 << 20 | f7 << 25;
}

static uint32_t enc_i(uint32_t opcode, uint32_t f3, uint32_t rd, uint32_t rs1, int32_t imm)
{
    return opcode | rd << 7 | f3 << 12 | rs1 << 15 | ((uint32_t)imm & 0xfff) << 20;
}

static uint32_t enc_s(uint32_t opcode, uint32_t f3, uint32_t rs1, uint32_t rs2, int32_t imm)
{
    uint32_t u = (uint32_t)imm;
    return opcode | (u & 0x1f) << 7 | f3 << 12 | rs1 << 15 | rs2 << 20 | ((u >> 5) & 0x7f) << 25;
}

static uint32_t enc_b(uint32_t f3, uint32_t rs1, uint32_t rs2, int32_t imm)
{
    uint32_t u = (uint32_t)imm;
    return 0x63 | ((u >> 11) & 1) << 7 | ((u >> 1) & 0xf) << 8 | f3 << 12 | rs1 << 15 | rs2 << 20 |
           ((u >> 5) & 0x3f) << 25 | ((u >> 12) & 1) << 31;
}

static uint32_t enc_j(uint32_t rd, int32_t imm)
{
    uint32_t u = (uint32_t)imm;
    return 0x6f | rd << 7 | ((u >> 12) & 0xff) << 12 | ((u >> 11) & 1) << 20 | ((u >> 1) & 0x3ff) << 21 |
           ((u >> 20) & 1) << 31;
}

/* Sign-extends the low `bits` bits of v. */
static int32_t sext(uint32_t v, int bits)
{
    return (int32_t)(v << (32 - bits)) >> (32 - bits);
}

/* ---- compressed expansion ------------------------------------------------ */

enum { OPC_LOAD = 0x03, OPC_LOAD_FP = 0x07, OPC_OP_IMM = 0x13, OPC_OP_IMM_32 = 0x1b, OPC_STORE = 0x23,
       OPC_STORE_FP = 0x27, OPC_OP = 0x33, OPC_LUI = 0x37, OPC_OP_32 = 0x3b, OPC_JALR = 0x67 };

enum { REG_ZERO = 0, REG_RA = 1, REG_SP = 2 };

/* Zcb's byte and halfword loads and stores (quadrant 0, funct3 100): a
 * 2-bit unsigned offset, uimm[0] in bit 6 and uimm[1] in bit 5. */
static uint32_t expand_zcb_mem(uint16_t c, uint32_t rd_p, uint32_t rs1_p)
{
    int32_t off_b = (int32_t)(((c >> 6) & 1) | ((c >> 4) & 2));
    int32_t off_h = (int32_t)((c >> 4) & 2);
    bool bit6 = c & 0x40;
    switch ((c >> 10) & 7) {
    case 0: return enc_i(OPC_LOAD, 4, rd_p, rs1_p, off_b);                /* c.lbu */
    case 1: return enc_i(OPC_LOAD, bit6 ? 1 : 5, rd_p, rs1_p, off_h);     /* c.lh / c.lhu */
    case 2: return enc_s(OPC_STORE, 0, rs1_p, rd_p, off_b);               /* c.sb */
    case 3: return bit6 ? 0 : enc_s(OPC_STORE, 1, rs1_p, rd_p, off_h);    /* c.sh */
    default: return 0;
    }
}

/* Zcb's register forms (quadrant 1, funct6 100111, bits 6:5 = 10 or 11). */
static uint32_t expand_zcb_alu(uint16_t c, uint32_t rd_p, uint32_t rs2_p)
{
    if (((c >> 5) & 3) == 2) return enc_r(OPC_OP, 0, 0x01, rd_p, rd_p, rs2_p); /* c.mul */
    switch ((c >> 2) & 7) {
    case 0: return enc_i(OPC_OP_IMM, 7, rd_p, rd_p, 0xff);             /* c.zext.b: andi rd,rd,255 */
    case 1: return 0x60401013 | rd_p << 7 | rd_p << 15;                 /* c.sext.b */
    case 2: return 0x0800403b | rd_p << 7 | rd_p << 15;                 /* c.zext.h */
    case 3: return 0x60501013 | rd_p << 7 | rd_p << 15;                 /* c.sext.h */
    case 4: return enc_r(OPC_OP_32, 0, 0x04, rd_p, rd_p, REG_ZERO);     /* c.zext.w: add.uw rd,rd,zero */
    case 5: return enc_i(OPC_OP_IMM, 4, rd_p, rd_p, -1);               /* c.not: xori rd,rd,-1 */
    default: return 0;
    }
}

static uint32_t expand_quadrant0(uint16_t c)
{
    uint32_t rd_p = 8 + ((c >> 2) & 7);  /* rd' / rs2' */
    uint32_t rs1_p = 8 + ((c >> 7) & 7); /* rs1' */
    uint32_t off_w = ((c >> 7) & 0x38) | ((c << 1) & 0x40) | ((c >> 4) & 0x4);
    uint32_t off_d = ((c >> 7) & 0x38) | ((c << 1) & 0xc0);
    switch (c >> 13) {
    case 0: { /* c.addi4spn -> addi rd', sp, nzuimm */
        uint32_t imm = ((c >> 7) & 0x30) | ((c >> 1) & 0x3c0) | ((c >> 4) & 0x4) | ((c >> 2) & 0x8);
        return imm ? enc_i(OPC_OP_IMM, 0, rd_p, REG_SP, (int32_t)imm) : 0; /* also catches 0x0000 */
    }
    case 1: return enc_i(OPC_LOAD_FP, 3, rd_p, rs1_p, (int32_t)off_d);  /* c.fld */
    case 2: return enc_i(OPC_LOAD, 2, rd_p, rs1_p, (int32_t)off_w);     /* c.lw */
    case 3: return enc_i(OPC_LOAD, 3, rd_p, rs1_p, (int32_t)off_d);     /* c.ld */
    case 5: return enc_s(OPC_STORE_FP, 3, rs1_p, rd_p, (int32_t)off_d); /* c.fsd */
    case 6: return enc_s(OPC_STORE, 2, rs1_p, rd_p, (int32_t)off_w);    /* c.sw */
    case 7: return enc_s(OPC_STORE, 3, rs1_p, rd_p, (int32_t)off_d);    /* c.sd */
    default: return rv_ext_on(RV_EXT_ZCB) ? expand_zcb_mem(c, rd_p, rs1_p) : 0; /* 4: Zcb, else reserved */
    }
}

static uint32_t expand_quadrant1(uint16_t c)
{
    uint32_t rd = (c >> 7) & 0x1f;
    uint32_t rd_p = 8 + ((c >> 7) & 7);
    uint32_t rs2_p = 8 + ((c >> 2) & 7);
    int32_t imm6 = sext(((c >> 7) & 0x20) | ((c >> 2) & 0x1f), 6);
    uint32_t shamt = ((c >> 7) & 0x20) | ((c >> 2) & 0x1f);
    switch (c >> 13) {
    case 0: return enc_i(OPC_OP_IMM, 0, rd, rd, imm6);                  /* c.addi (c.nop when rd = 0) */
    case 1: return rd ? enc_i(OPC_OP_IMM_32, 0, rd, rd, imm6) : 0;     /* c.addiw; rd = 0 reserved */
    case 2: return enc_i(OPC_OP_IMM, 0, rd, REG_ZERO, imm6);            /* c.li */
    case 3:
        if (rd == REG_SP) { /* c.addi16sp */
            int32_t imm = sext(((c >> 3) & 0x200) | ((c >> 2) & 0x10) | ((c << 1) & 0x40) | ((c << 4) & 0x180) |
                                   ((c << 3) & 0x20), 10);
            return imm ? enc_i(OPC_OP_IMM, 0, REG_SP, REG_SP, imm) : 0;
        }
        /* c.lui: nzimm = 0 is reserved, except that Zcmop makes c.lui xN,0 with
         * N odd and below 16 a "may-be-operation" that does nothing (c.mop.N):
         * it expands to a nop (addi x0,x0,0) */
        if (!imm6 && rv_ext_on(RV_EXT_ZCMOP) && (rd & 0x11) == 1) return enc_i(OPC_OP_IMM, 0, REG_ZERO, REG_ZERO, 0);
        return imm6 ? (OPC_LUI | rd << 7 | ((uint32_t)imm6 << 12)) : 0;
    case 4:
        switch ((c >> 10) & 3) {
        case 0: return enc_i(OPC_OP_IMM, 5, rd_p, rd_p, (int32_t)shamt);          /* c.srli */
        case 1: return enc_i(OPC_OP_IMM, 5, rd_p, rd_p, (int32_t)(shamt | 0x400)); /* c.srai */
        case 2: return enc_i(OPC_OP_IMM, 7, rd_p, rd_p, imm6);                     /* c.andi */
        default:
            if (c & 0x1000) { /* c.subw, c.addw; the other two are Zcb's (reserved without it) */
                switch ((c >> 5) & 3) {
                case 0: return enc_r(OPC_OP_32, 0, 0x20, rd_p, rd_p, rs2_p);
                case 1: return enc_r(OPC_OP_32, 0, 0x00, rd_p, rd_p, rs2_p);
                default: return rv_ext_on(RV_EXT_ZCB) ? expand_zcb_alu(c, rd_p, rs2_p) : 0;
                }
            }
            switch ((c >> 5) & 3) {
            case 0: return enc_r(OPC_OP, 0, 0x20, rd_p, rd_p, rs2_p); /* c.sub */
            case 1: return enc_r(OPC_OP, 4, 0x00, rd_p, rd_p, rs2_p); /* c.xor */
            case 2: return enc_r(OPC_OP, 6, 0x00, rd_p, rd_p, rs2_p); /* c.or */
            default: return enc_r(OPC_OP, 7, 0x00, rd_p, rd_p, rs2_p); /* c.and */
            }
        }
    case 5: { /* c.j -> jal x0 */
        int32_t imm = sext(((c >> 1) & 0x800) | ((c >> 7) & 0x10) | ((c >> 1) & 0x300) | ((c << 2) & 0x400) |
                               ((c >> 1) & 0x40) | ((c << 1) & 0x80) | ((c >> 2) & 0xe) | ((c << 3) & 0x20), 12);
        return enc_j(REG_ZERO, imm);
    }
    default: { /* 6: c.beqz, 7: c.bnez */
        int32_t imm = sext(((c >> 4) & 0x100) | ((c >> 7) & 0x18) | ((c << 1) & 0xc0) | ((c >> 2) & 0x6) |
                               ((c << 3) & 0x20), 9);
        return enc_b((c >> 13) == 6 ? 0 : 1, rd_p, REG_ZERO, imm);
    }
    }
}

static uint32_t expand_quadrant2(uint16_t c)
{
    uint32_t rd = (c >> 7) & 0x1f;
    uint32_t rs2 = (c >> 2) & 0x1f;
    uint32_t shamt = ((c >> 7) & 0x20) | ((c >> 2) & 0x1f);
    uint32_t off_lw = ((c >> 7) & 0x20) | ((c >> 2) & 0x1c) | ((c << 4) & 0xc0);
    uint32_t off_ld = ((c >> 7) & 0x20) | ((c >> 2) & 0x18) | ((c << 4) & 0x1c0);
    uint32_t off_sw = ((c >> 7) & 0x3c) | ((c >> 1) & 0xc0);
    uint32_t off_sd = ((c >> 7) & 0x38) | ((c >> 1) & 0x1c0);
    switch (c >> 13) {
    case 0: return enc_i(OPC_OP_IMM, 1, rd, rd, (int32_t)shamt);                  /* c.slli */
    case 1: return enc_i(OPC_LOAD_FP, 3, rd, REG_SP, (int32_t)off_ld);            /* c.fldsp */
    case 2: return rd ? enc_i(OPC_LOAD, 2, rd, REG_SP, (int32_t)off_lw) : 0;      /* c.lwsp */
    case 3: return rd ? enc_i(OPC_LOAD, 3, rd, REG_SP, (int32_t)off_ld) : 0;      /* c.ldsp */
    case 4:
        if (!(c & 0x1000)) {
            if (rs2 == 0) return rd ? enc_i(OPC_JALR, 0, REG_ZERO, rd, 0) : 0;  /* c.jr */
            return enc_r(OPC_OP, 0, 0, rd, REG_ZERO, rs2);                       /* c.mv */
        }
        if (rs2 == 0) return rd ? enc_i(OPC_JALR, 0, REG_RA, rd, 0) : 0x00100073; /* c.jalr / c.ebreak */
        return enc_r(OPC_OP, 0, 0, rd, rd, rs2);                                 /* c.add */
    case 5: return enc_s(OPC_STORE_FP, 3, REG_SP, rs2, (int32_t)off_sd);        /* c.fsdsp */
    case 6: return enc_s(OPC_STORE, 2, REG_SP, rs2, (int32_t)off_sw);           /* c.swsp */
    default: return enc_s(OPC_STORE, 3, REG_SP, rs2, (int32_t)off_sd);          /* c.sdsp */
    }
}

uint32_t rv_expand_compressed(uint16_t c)
{
    switch (c & 3) {
    case 0: return expand_quadrant0(c);
    case 1: return expand_quadrant1(c);
    case 2: return expand_quadrant2(c);
    default: return 0; /* not a compressed instruction */
    }
}

/* ---- table matching ------------------------------------------------------ */

#define BUCKETS 256       /* major opcode (5 bits) x funct3 (3 bits) */
#define MAX_PER_BUCKET 96 /* the largest opcode groups, OP and OP-FP, hold about 60 */

static uint16_t bucket_ops[BUCKETS][MAX_PER_BUCKET];
static uint8_t bucket_len[BUCKETS];

/* The bucket of a 32-bit word: bits 6:2 and 14:12. */
static unsigned bucket_of(uint32_t w) { return ((w >> 2) & 0x1f) << 3 | ((w >> 12) & 7); }
static bool buckets_ready;
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

/* Each bucket lists its entries by decreasing mask specificity (bits set),
 * in table order among equals: a HINT (pause: all 32 bits fixed) is tried
 * before the instruction whose encoding it reuses (fence).  An entry whose
 * mask leaves funct3 (or some of its bits) free goes into each bucket of a
 * funct3 it can match. */
static void build_buckets(void)
{
    for (int op = 1; op < RV_OP_COUNT; op++) {
        uint32_t match = rv_insn_info[op].match, mask = rv_insn_info[op].mask;
        for (uint32_t f3 = 0; f3 < 8; f3++) {
            if (((f3 << 12) ^ match) & mask & 0x7000) continue; /* it needs another funct3 */
            unsigned b = bucket_of((match & ~0x7000u) | f3 << 12);
            if (bucket_len[b] == MAX_PER_BUCKET) abort(); /* table grew: raise MAX_PER_BUCKET */
            int bits = __builtin_popcount(mask), i = bucket_len[b]++;
            for (; i > 0 && __builtin_popcount(rv_insn_info[bucket_ops[b][i - 1]].mask) < bits; i--)
                bucket_ops[b][i] = bucket_ops[b][i - 1];
            bucket_ops[b][i] = (uint16_t)op;
        }
    }
    __atomic_store_n(&buckets_ready, true, __ATOMIC_RELEASE);
}

/* Immediate of a 32-bit instruction, in the format its table entry names. */
static int64_t extract_imm(uint32_t w, enum rv_imm_fmt fmt)
{
    switch (fmt) {
    case RV_IMM_I: return (int32_t)w >> 20;
    case RV_IMM_S: return sext(((w >> 20) & 0xfe0) | ((w >> 7) & 0x1f), 12);
    case RV_IMM_B:
        return sext(((w >> 19) & 0x1000) | ((w << 4) & 0x800) | ((w >> 20) & 0x7e0) | ((w >> 7) & 0x1e), 13);
    case RV_IMM_U: return (int32_t)(w & 0xfffff000);
    case RV_IMM_J:
        return sext(((w >> 11) & 0x100000) | (w & 0xff000) | ((w >> 9) & 0x800) | ((w >> 20) & 0x7fe), 21);
    case RV_IMM_SH6: return (w >> 20) & 0x3f;
    case RV_IMM_SH5: return (w >> 20) & 0x1f;
    case RV_IMM_U12: return w >> 20;
    case RV_IMM_PF: return ((int32_t)w >> 20) & ~31;
    case RV_IMM_NONE: break;
    }
    return 0;
}

bool rv_decode(uint32_t bits, struct rv_insn *out)
{
    *out = (struct rv_insn){0};
    uint32_t w = bits;
    if ((bits & 3) != 3) {
        out->len = 2;
        out->raw = bits & 0xffff;
        w = rv_expand_compressed((uint16_t)bits);
    } else {
        out->len = 4;
        out->raw = bits;
    }
    if ((w & 3) != 3) return false; /* includes an illegal compressed form (w = 0) */
    /* (once for the process: with parallel harts two threads may decode their first instruction together) */
    if (!__atomic_load_n(&buckets_ready, __ATOMIC_ACQUIRE)) pthread_once(&buckets_once, build_buckets);

    unsigned b = bucket_of(w);
    int op = 0;
    for (int i = 0; i < bucket_len[b]; i++) {
        const struct rv_insn_info *info = &rv_insn_info[bucket_ops[b][i]];
        /* an entry of a disabled extension is skipped: the word is then
         * illegal, or (for a HINT such as pause) the base instruction */
        if ((w & info->mask) == info->match && rv_ext_on((enum rv_ext)info->ext)) {
            op = bucket_ops[b][i];
            break;
        }
    }
    if (!op) return false;
    uint8_t rm = (w >> 12) & 7;
    if ((rv_insn_info[op].flags & RV_F_RM) && (rm == 5 || rm == 6)) return false; /* reserved rounding modes */

    out->op = (uint16_t)op;
    out->rd = (w >> 7) & 0x1f;
    out->rs1 = (w >> 15) & 0x1f;
    out->rs2 = (w >> 20) & 0x1f;
    out->rs3 = (w >> 27) & 0x1f;
    out->rm = rm;
    out->imm = extract_imm(w, (enum rv_imm_fmt)rv_insn_info[op].imm_fmt);
    return true;
}
