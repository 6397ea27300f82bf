/*
 * cpu/disasm.c — instruction text, matching GNU objdump (binutils 2.40, default mode).
 *
 * Two layers.  The general one prints any instruction from the instruction
 * table: mnemonic, then the operands its operand string lists (see
 * cpu/insn_table.h for the letters).  On top, a small set of aliases,
 * checked first, reproduces the names objdump prefers — the assembler's
 * pseudo-instructions ("li", "mv", "ret", "beqz", "csrr", ...) and, a
 * binutils 2.40 peculiarity, the register-form names for immediate
 * instructions ("add sp,sp,-16" for addi, "sll" for slli, "and" for andi).
 * The test in testsuite/unit/test_disasm.c compares this file's output with
 * objdump's over thousands of instruction words from compiled programs.
 */
#include "cpu/disasm.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const xreg_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};
static const char *const freg_names[32] = {
    "ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
    "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

const char *rv_xreg_name(unsigned r) { return xreg_names[r & 31]; }
const char *rv_freg_name(unsigned r) { return freg_names[r & 31]; }

static const struct { unsigned num; const char *name; } csr_names[] = {
    {0x001, "fflags"}, {0x002, "frm"}, {0x003, "fcsr"},
    {0xc00, "cycle"}, {0xc01, "time"}, {0xc02, "instret"},
    {0x100, "sstatus"}, {0x104, "sie"}, {0x105, "stvec"}, {0x106, "scounteren"}, {0x10a, "senvcfg"},
    {0x140, "sscratch"}, {0x141, "sepc"}, {0x142, "scause"}, {0x143, "stval"}, {0x144, "sip"},
    {0x14d, "stimecmp"}, {0x180, "satp"},
    {0x300, "mstatus"}, {0x301, "misa"}, {0x302, "medeleg"}, {0x303, "mideleg"}, {0x304, "mie"},
    {0x305, "mtvec"}, {0x306, "mcounteren"}, {0x30a, "menvcfg"}, {0x320, "mcountinhibit"},
    {0x340, "mscratch"}, {0x341, "mepc"}, {0x342, "mcause"}, {0x343, "mtval"}, {0x344, "mip"},
    {0x3a0, "pmpcfg0"}, {0x3a2, "pmpcfg2"}, {0x3b0, "pmpaddr0"}, {0x3b1, "pmpaddr1"}, {0x3b2, "pmpaddr2"},
    {0x3b3, "pmpaddr3"}, {0xb00, "mcycle"}, {0xb02, "minstret"},
    {0xf11, "mvendorid"}, {0xf12, "marchid"}, {0xf13, "mimpid"}, {0xf14, "mhartid"}, {0xf15, "mconfigptr"},
};

const char *rv_csr_name(unsigned csr)
{
    for (size_t i = 0; i < sizeof csr_names / sizeof csr_names[0]; i++)
        if (csr_names[i].num == csr) return csr_names[i].name;
    if (csr >= 0xc03 && csr <= 0xc1f) { /* hpmcounter3..31 */
        static char name[16];
        snprintf(name, sizeof name, "hpmcounter%u", csr - 0xc00);
        return name;
    }
    return NULL;
}

static const char *const rm_names[8] = {"rne", "rtz", "rdn", "rup", "rmm", NULL, NULL, "dyn"};

/* ---- output helpers ---------------------------------------------------------- */

struct out {
    char *buf;
    size_t size, len;
};

static void put(struct out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (o->len < o->size) {
        int n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
        if (n > 0) o->len += (size_t)n;
        if (o->len >= o->size) o->len = o->size - 1;
    }
    va_end(ap);
}

static void put_csr(struct out *o, unsigned csr)
{
    const char *name = rv_csr_name(csr);
    if (name) put(o, "%s", name);
    else put(o, "0x%x", csr);
}

static void put_fence_set(struct out *o, unsigned set)
{
    if (set & 8) put(o, "i");
    if (set & 4) put(o, "o");
    if (set & 2) put(o, "r");
    if (set & 1) put(o, "w");
}

static int unknown(struct out *o, const struct rv_insn *in)
{
    if (in->len == 2) put(o, ".2byte 0x%x", in->raw);
    else put(o, ".word 0x%08x", in->raw);
    return (int)o->len;
}

/* ---- the general layer: mnemonic + operands from the table ----------------------------- */

static void put_operands(struct out *o, const struct rv_insn *in, uint64_t pc, const char *ops)
{
    for (int k = 0; ops[k]; k++) {
        if (ops[k] == ',') {
            put(o, ",");
            continue;
        }
        switch (ops[k]) {
        case 'd': put(o, "%s", xreg_names[in->rd]); break;
        case 's': put(o, "%s", xreg_names[in->rs1]); break;
        case 't': put(o, "%s", xreg_names[in->rs2]); break;
        case 'D': put(o, "%s", freg_names[in->rd]); break;
        case 'S': put(o, "%s", freg_names[in->rs1]); break;
        case 'T': put(o, "%s", freg_names[in->rs2]); break;
        case 'R': put(o, "%s", freg_names[in->rs3]); break;
        case 'i': put(o, "%lld", (long long)in->imm); break;
        case 'u': put(o, "0x%llx", (unsigned long long)(((uint64_t)in->imm >> 12) & 0xfffff)); break;
        case '>': put(o, "0x%llx", (unsigned long long)in->imm); break;
        case 'o': put(o, "%lld(%s)", (long long)in->imm, xreg_names[in->rs1]); break;
        case 'b': put(o, "%llx", (unsigned long long)(pc + (uint64_t)in->imm)); break;
        case 'A': put(o, "(%s)", xreg_names[in->rs1]); break;
        case 'c': put_csr(o, (unsigned)in->imm); break;
        case 'Z': put(o, "%u", in->rs1); break;
        case 'P':
            put_fence_set(o, ((unsigned)in->imm >> 4) & 15);
            put(o, ",");
            put_fence_set(o, (unsigned)in->imm & 15);
            break;
        default: break;
        }
    }
}

/* ---- the alias layer ------------------------------------------------------------------ */

/* Writes "mnemonic operands" with printf-style operands. */
#define EMIT(...) (put(o, __VA_ARGS__), true)

static bool csr_alias(struct out *o, const struct rv_insn *in)
{
    unsigned csr = (unsigned)in->imm;
    const char *rd = xreg_names[in->rd], *rs = xreg_names[in->rs1];
    static const char *const fp_names[4] = {NULL, "flags", "rm", "csr"}; /* fflags, frm, fcsr */
    bool fp = csr >= 1 && csr <= 3;
    switch (in->op) {
    case RV_OP_CSRRS:
        if (in->rs1 == 0) {
            if (fp) return EMIT("fr%s %s", fp_names[csr], rd);
            if (csr == 0xc00) return EMIT("rdcycle %s", rd);
            if (csr == 0xc01) return EMIT("rdtime %s", rd);
            if (csr == 0xc02) return EMIT("rdinstret %s", rd);
            put(o, "csrr %s,", rd);
            put_csr(o, csr);
            return true;
        }
        if (in->rd == 0) {
            put(o, "csrs ");
            put_csr(o, csr);
            return EMIT(",%s", rs);
        }
        return false;
    case RV_OP_CSRRC:
        if (in->rd != 0) return false;
        put(o, "csrc ");
        put_csr(o, csr);
        return EMIT(",%s", rs);
    case RV_OP_CSRRW:
        if (in->raw == 0xc0001073) return EMIT("unimp");
        if (fp) return in->rd ? EMIT("fs%s %s,%s", fp_names[csr], rd, rs) : EMIT("fs%s %s", fp_names[csr], rs);
        if (in->rd != 0) return false;
        put(o, "csrw ");
        put_csr(o, csr);
        return EMIT(",%s", rs);
    case RV_OP_CSRRWI:
        if (csr == 1 || csr == 2) return EMIT("fs%si %s,%u", fp_names[csr], rd, in->rs1); /* objdump keeps rd */
        if (in->rd != 0) put(o, "csrrw %s,", rd); /* binutils drops the i */
        else put(o, "csrw ");
        put_csr(o, csr);
        return EMIT(",%u", in->rs1);
    case RV_OP_CSRRSI: case RV_OP_CSRRCI:
        put(o, in->rd == 0 ? (in->op == RV_OP_CSRRSI ? "csrs " : "csrc ")
                           : (in->op == RV_OP_CSRRSI ? "csrrs %s," : "csrrc %s,"), rd); /* binutils drops the i */
        put_csr(o, csr);
        return EMIT(",%u", in->rs1);
    default:
        return false;
    }
}

static bool alias(struct out *o, const struct rv_insn *in, uint64_t pc)
{
    const char *rd = xreg_names[in->rd], *rs1 = xreg_names[in->rs1], *rs2 = xreg_names[in->rs2];
    long long imm = (long long)in->imm;
    unsigned long long target = (unsigned long long)(pc + (uint64_t)in->imm);
    switch (in->op) {
    case RV_OP_ADDI:
        if (in->rd == 0 && in->rs1 == 0 && imm == 0) return EMIT("nop");
        if (in->rs1 == 0) return EMIT("li %s,%lld", rd, imm);
        if (imm == 0) return EMIT("mv %s,%s", rd, rs1);
        return EMIT("add %s,%s,%lld", rd, rs1, imm);
    case RV_OP_ADDIW:
        if (imm == 0) return EMIT("sext.w %s,%s", rd, rs1);
        return EMIT("addw %s,%s,%lld", rd, rs1, imm);
    case RV_OP_XORI:
        if (imm == -1) return EMIT("not %s,%s", rd, rs1);
        return EMIT("xor %s,%s,%lld", rd, rs1, imm);
    case RV_OP_ORI: return EMIT("or %s,%s,%lld", rd, rs1, imm);
    case RV_OP_ANDI:
        if (imm == 255) return EMIT("zext.b %s,%s", rd, rs1);
        return EMIT("and %s,%s,%lld", rd, rs1, imm);
    case RV_OP_SLLI: return EMIT("sll %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_SRLI: return EMIT("srl %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_SRAI: return EMIT("sra %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_SLLIW: return EMIT("sllw %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_SRLIW: return EMIT("srlw %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_SRAIW: return EMIT("sraw %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_SLTIU: return imm == 1 && EMIT("seqz %s,%s", rd, rs1);
    case RV_OP_ADD: return in->len == 2 && in->rs1 == 0 && EMIT("mv %s,%s", rd, rs2); /* c.mv */
    case RV_OP_SUB: return in->rs1 == 0 && EMIT("neg %s,%s", rd, rs2);
    case RV_OP_SUBW: return in->rs1 == 0 && EMIT("negw %s,%s", rd, rs2);
    case RV_OP_SLTU: return in->rs1 == 0 && EMIT("snez %s,%s", rd, rs2);
    case RV_OP_SLT:
        if (in->rs2 == 0) return EMIT("sltz %s,%s", rd, rs1);
        return in->rs1 == 0 && EMIT("sgtz %s,%s", rd, rs2);
    case RV_OP_BEQ: return in->rs2 == 0 && EMIT("beqz %s,%llx", rs1, target);
    case RV_OP_BNE: return in->rs2 == 0 && EMIT("bnez %s,%llx", rs1, target);
    case RV_OP_BGE:
        if (in->rs1 == 0) return EMIT("blez %s,%llx", rs2, target);
        return in->rs2 == 0 && EMIT("bgez %s,%llx", rs1, target);
    case RV_OP_BLT:
        if (in->rs2 == 0) return EMIT("bltz %s,%llx", rs1, target);
        return in->rs1 == 0 && EMIT("bgtz %s,%llx", rs2, target);
    case RV_OP_JAL:
        if (in->rd == 0) return EMIT("j %llx", target);
        if (in->rd == 1) return EMIT("jal %llx", target);
        return false;
    case RV_OP_JALR:
        if (in->rd == 0 && in->rs1 == 1 && imm == 0) return EMIT("ret");
        if (in->rd == 0) return imm ? EMIT("jr %lld(%s)", imm, rs1) : EMIT("jr %s", rs1);
        if (in->rd == 1) return imm ? EMIT("jalr %lld(%s)", imm, rs1) : EMIT("jalr %s", rs1);
        return imm ? EMIT("jalr %s,%lld(%s)", rd, imm, rs1) : EMIT("jalr %s,%s", rd, rs1);
    case RV_OP_FENCE: {
        unsigned pred = ((unsigned)imm >> 4) & 15, succ = (unsigned)imm & 15, fm = ((unsigned)imm >> 8) & 15;
        if (fm == 8 && pred == 3 && succ == 3) return EMIT("fence.tso");
        if (fm == 0 && pred == 15 && succ == 15) return EMIT("fence");
        return false;
    }
    case RV_OP_FSGNJ_S: case RV_OP_FSGNJN_S: case RV_OP_FSGNJX_S:
    case RV_OP_FSGNJ_D: case RV_OP_FSGNJN_D: case RV_OP_FSGNJX_D: {
        if (in->rs1 != in->rs2) return false;
        static const char *const names[] = {"fmv", "fneg", "fabs"}; /* fsgnj, fsgnjn, fsgnjx of x with itself */
        bool d = in->op >= RV_OP_FSGNJ_D;
        int kind = in->op - (d ? RV_OP_FSGNJ_D : RV_OP_FSGNJ_S);
        return EMIT("%s.%c %s,%s", names[kind], d ? 'd' : 's', freg_names[in->rd], freg_names[in->rs1]);
    }
    case RV_OP_CSRRW: case RV_OP_CSRRS: case RV_OP_CSRRC:
    case RV_OP_CSRRWI: case RV_OP_CSRRSI: case RV_OP_CSRRCI:
        return csr_alias(o, in);
    default:
        return false;
    }
}

int rv_disasm(const struct rv_insn *in, uint64_t pc, char *buf, size_t size)
{
    struct out o = {buf, size, 0};
    if (size == 0) return 0;
    buf[0] = 0;
    if (in->op == RV_OP_ILLEGAL || in->op >= RV_OP_COUNT) {
        if (in->len == 2 && in->raw == 0) {
            put(&o, "unimp");
            return (int)o.len;
        }
        return unknown(&o, in);
    }
    const struct rv_insn_info *info = &rv_insn_info[in->op];
    /* Conversions that are always exact have no rounding-mode operand in
     * binutils: anything but rm = 0 is printed as data. */
    if ((in->op == RV_OP_FCVT_D_W || in->op == RV_OP_FCVT_D_WU || in->op == RV_OP_FCVT_D_S) && in->rm != 0)
        return unknown(&o, in);
    if (in->op == RV_OP_FENCE && (((unsigned)in->imm & 0xf) == 0 || (((unsigned)in->imm >> 4) & 0xf) == 0))
        return unknown(&o, in); /* a fence ordering nothing (e.g. pause): objdump prints data */
    if (alias(&o, in, pc)) return (int)o.len;

    put(&o, "%s", info->mnemonic);
    if (info->flags & RV_F_AMO) {
        bool aq = in->raw & (1u << 26), rl = in->raw & (1u << 25);
        put(&o, "%s", aq && rl ? ".aqrl" : aq ? ".aq" : rl ? ".rl" : "");
    }
    if (in->op == RV_OP_SFENCE_VMA) { /* operands are optional: "sfence.vma", "sfence.vma a0" */
        if (in->rs2) put(&o, " %s,%s", xreg_names[in->rs1], xreg_names[in->rs2]);
        else if (in->rs1) put(&o, " %s", xreg_names[in->rs1]);
        return (int)o.len;
    }
    if (info->operands[0]) {
        put(&o, " ");
        put_operands(&o, in, pc, info->operands);
    }
    bool exact_conversion = in->op == RV_OP_FCVT_D_W || in->op == RV_OP_FCVT_D_WU || in->op == RV_OP_FCVT_D_S;
    if ((info->flags & RV_F_RM) && in->rm != 7 /* dyn */ && !exact_conversion) put(&o, ",%s", rm_names[in->rm]);
    return (int)o.len;
}

int rv_disasm_bits(uint32_t bits, uint64_t pc, char *buf, size_t size)
{
    struct rv_insn in;
    rv_decode(bits, &in); /* an illegal word decodes to RV_OP_ILLEGAL with raw and len set */
    return rv_disasm(&in, pc, buf, size);
}
