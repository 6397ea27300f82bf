/*
 * cpu/disasm.c — instruction text, matching GNU objdump (binutils 2.40, default mode).
 *
 * Three layers, tried in this order:
 *
 *  1. objdump's view of what is an instruction.  binutils is stricter than the
 *     decoder in a few places (a fence with reserved fields set, fence.i with a
 *     non-zero immediate, an always-exact conversion with rm != 0): the
 *     decoder executes those as the specification allows, objdump prints
 *     them as ".4byte".  Conversely it still names an instruction whose
 *     rounding mode is reserved (",unknown") and the reserved c.addi16sp 0,
 *     which the decoder rejects.  Compressed HINTs (c.nop 3, c.li zero,5,
 *     c.slli64 a0, ...) keep their "c." names.
 *  2. Aliases: the assembler's pseudo-instructions objdump prefers ("li",
 *     "mv", "ret", "beqz", "csrr", "fmv.d", ...) and, a binutils 2.40
 *     peculiarity, the register-form names it uses for immediate
 *     instructions ("add sp,sp,-16" for addi, "sll" for slli, "and" for andi),
 *     because its opcode table lists those aliases before the real names.
 *  3. The general case: the mnemonic, then the operands the instruction
 *     table's operand string lists (see cpu/insn_table.h for the letters).
 *
 * CSR names are those objdump prints for an ELF whose attributes say
 * privileged spec 1.11, which is what Debian's riscv64 gcc writes into every
 * object (so into our guest programs and the test corpus).
 * testsuite/unit/test_disasm.c compares this file's output with objdump's
 * over every distinct instruction word of Debian's riscv64 libraries and
 * over a generated sweep of every table entry, every compressed halfword
 * and every CSR number.  docs/disassembler.md lists the aliases.
 */
#include "cpu/disasm.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cpu/csr_table.h"

/* ---- register and CSR names ---------------------------------------------------- */

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

/* CSR names come from the CSR table (cpu/csr_table.h): every CSR binutils
 * 2.40 names under privileged spec 1.11 (checked against objdump for all
 * 4096 numbers); for the others (not listed, or a later spec's name such as
 * menvcfg) objdump prints the number, and so do we. */
const char *rv_csr_name(unsigned csr)
{
    const struct rv_csr_info *c = rv_csr_lookup(csr);
    return c && !(c->flags & RV_CSRF_NODIS) ? c->name : NULL;
}

_Static_assert(RV_OP_CSRRSI == RV_OP_CSRRWI + 1 && RV_OP_CSRRCI == RV_OP_CSRRWI + 2,
               "csr_alias indexes its name tables by op - RV_OP_CSRRWI");

static const char *const rm_names[8] = {"rne", "rtz", "rdn", "rup", "rmm", "unknown", "unknown", "dyn"};

/* Zfa's fli constants as the Zfa chapter spells them for the assembler:
 * min, inf and nan by name, the others as decimal (an integer keeps a ".0").
 * binutils 2.40 does not know Zfa; later binutils prints the same values as
 * C hex floats (0x1p-1) and LLVM as these decimals: both assemblers accept
 * either spelling. */
static const char *const fli_names[32] = {
    "-1.0", "min", "1.52587890625e-05", "3.0517578125e-05", "0.00390625", "0.0078125", "0.0625", "0.125",
    "0.25", "0.3125", "0.375", "0.4375", "0.5", "0.625", "0.75", "0.875",
    "1.0", "1.25", "1.5", "1.75", "2.0", "2.5", "3.0", "4.0",
    "8.0", "16.0", "128.0", "256.0", "32768.0", "65536.0", "inf", "nan",
};

/* ---- output ------------------------------------------------------------------------- */

/* A bounded string builder: text past `size - 1` bytes is dropped, the
 * buffer is always NUL-terminated. */
struct out {
    char *buf;
    size_t size, len;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (o->len + 1 < o->size) {
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

/* One side of a fence: any of "iorw", or "unknown" for the empty set. */
static void put_fence_set(struct out *o, unsigned set)
{
    if (set == 0) put(o, "unknown");
    if (set & 8) put(o, "i");
    if (set & 4) put(o, "o");
    if (set & 2) put(o, "r");
    if (set & 1) put(o, "w");
}

/* What objdump prints for bytes it cannot decode. */
static void put_data(struct out *o, const struct rv_insn *in)
{
    put(o, ".%dbyte 0x%x", in->len == 2 ? 2 : 4, (unsigned)in->raw);
}

/* ---- layer 3: mnemonic + operands from the table ---------------------------------- */

static void put_operand(struct out *o, const struct rv_insn *in, uint64_t pc, char letter)
{
    switch (letter) {
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
    case 'L': put(o, "%s", fli_names[in->rs1 & 31]); break;
    case 'M': put(o, "%s", rm_names[in->rm & 7]); break;
    case 'P':
        put_fence_set(o, ((unsigned)in->imm >> 4) & 15);
        put(o, ",");
        put_fence_set(o, (unsigned)in->imm & 15);
        break;
    default: break;
    }
}

/* Conversions that are always exact: binutils gives them no rounding-mode
 * operand and only accepts rm = 0. */
static bool is_exact_conversion(unsigned op)
{
    return op == RV_OP_FCVT_D_W || op == RV_OP_FCVT_D_WU || op == RV_OP_FCVT_D_S;
}

static void put_general(struct out *o, const struct rv_insn *in, uint64_t pc)
{
    const struct rv_insn_info *info = &rv_insn_info[in->op];
    put(o, "%s", info->mnemonic);
    if (info->flags & RV_F_AMO) {
        bool aq = in->raw & (1u << 26), rl = in->raw & (1u << 25);
        put(o, "%s", aq && rl ? ".aqrl" : aq ? ".aq" : rl ? ".rl" : "");
    }
    if (in->op == RV_OP_SFENCE_VMA) { /* operands are optional: "sfence.vma", "sfence.vma a0" */
        if (in->rs2) put(o, " %s,%s", xreg_names[in->rs1], xreg_names[in->rs2]);
        else if (in->rs1) put(o, " %s", xreg_names[in->rs1]);
        return;
    }
    for (const char *p = info->operands; *p; p++) {
        if (p == info->operands) put(o, " ");
        if (*p == ',') put(o, ",");
        else put_operand(o, in, pc, *p);
    }
    /* objdump omits the default (dynamic) rounding mode */
    if ((info->flags & RV_F_RM) && in->rm != 7 && !is_exact_conversion(in->op)) put(o, ",%s", rm_names[in->rm]);
}

/* ---- layer 2: aliases ------------------------------------------------------------- */

/* Appends printf-style text and yields true, so an alias rule reads "return EMIT(...)". */
#define EMIT(...) (put(o, __VA_ARGS__), true)

/* "csrs mstatus,a0": a mnemonic, the CSR, then one more operand. */
static bool emit_csr_op(struct out *o, const char *mnemonic, unsigned csr, const char *last)
{
    put(o, "%s ", mnemonic);
    put_csr(o, csr);
    return EMIT(",%s", last);
}

/* Zicsr: csrr/csrw/csrs/csrc, the floating-point CSR accessors
 * (frflags, fsrm, fscsr, ...) and the counter reads (rdcycle, ...). */
static bool csr_alias(struct out *o, const struct rv_insn *in)
{
    unsigned csr = (unsigned)in->imm;
    const char *rd = xreg_names[in->rd], *rs = xreg_names[in->rs1];
    static const char *const fp_csr[4] = {NULL, "flags", "rm", "csr"}; /* fflags, frm, fcsr */
    static const char *const counters[3] = {"rdcycle", "rdtime", "rdinstret"};
    bool fp = csr >= CSR_FFLAGS && csr <= CSR_FCSR;
    char uimm[4];
    snprintf(uimm, sizeof uimm, "%u", in->rs1);
    switch (in->op) {
    case RV_OP_CSRRS:
        if (in->rs1 == 0) {
            if (fp) return EMIT("fr%s %s", fp_csr[csr], rd);
            if (csr >= CSR_CYCLE && csr <= CSR_INSTRET) return EMIT("%s %s", counters[csr - CSR_CYCLE], rd);
            put(o, "csrr %s,", rd);
            put_csr(o, csr);
            return true;
        }
        return in->rd == 0 && emit_csr_op(o, "csrs", csr, rs);
    case RV_OP_CSRRC:
        return in->rd == 0 && emit_csr_op(o, "csrc", csr, rs);
    case RV_OP_CSRRW:
        if (in->raw == 0xc0001073) return EMIT("unimp"); /* csrrw zero,cycle,zero */
        if (fp) return in->rd ? EMIT("fs%s %s,%s", fp_csr[csr], rd, rs) : EMIT("fs%s %s", fp_csr[csr], rs);
        return in->rd == 0 && emit_csr_op(o, "csrw", csr, rs);
    case RV_OP_CSRRWI:
        /* fsflagsi/fsrmi keep rd even when it is zero; binutils prints the
         * immediate forms of csrrw/csrrs/csrrc without their "i" */
        if (csr == 1 || csr == 2) return EMIT("fs%si %s,%u", fp_csr[csr], rd, in->rs1);
        /* fall through */
    case RV_OP_CSRRSI:
    case RV_OP_CSRRCI: {
        static const char *const short_names[3] = {"csrw", "csrs", "csrc"};
        static const char *const long_names[3] = {"csrrw", "csrrs", "csrrc"};
        int kind = in->op - RV_OP_CSRRWI;
        if (in->rd == 0) return emit_csr_op(o, short_names[kind], csr, uimm);
        put(o, "%s %s,", long_names[kind], rd);
        put_csr(o, csr);
        return EMIT(",%s", uimm);
    }
    default:
        return false;
    }
}

/* Integer register-immediate instructions.  binutils' table lists the
 * register-form mnemonic with an immediate ("add", "sll", ...) before the
 * real one, so that is what objdump prints. */
static bool immediate_alias(struct out *o, const struct rv_insn *in)
{
    const char *rd = xreg_names[in->rd], *rs1 = xreg_names[in->rs1];
    long long imm = (long long)in->imm;
    switch (in->op) {
    case RV_OP_ADDI:
        if (in->rd == 0 && in->rs1 == 0 && imm == 0) return EMIT("nop");
        if (in->rs1 == 0) return EMIT("li %s,%lld", rd, imm);
        if (imm == 0 && in->len == 4) return EMIT("mv %s,%s", rd, rs1); /* c.addi rd,0 stays "add" */
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
    case RV_OP_SLTIU: return imm == 1 && EMIT("seqz %s,%s", rd, rs1);
    case RV_OP_SLLI: return EMIT("sll %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_SRLI: return EMIT("srl %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_SRAI: return EMIT("sra %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_SLLIW: return EMIT("sllw %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_SRLIW: return EMIT("srlw %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_SRAIW: return EMIT("sraw %s,%s,0x%llx", rd, rs1, imm);
    /* the same habit for Zbb's and Zbs's immediate forms */
    case RV_OP_RORI: return EMIT("ror %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_RORIW: return EMIT("rorw %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_BCLRI: return EMIT("bclr %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_BEXTI: return EMIT("bext %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_BINVI: return EMIT("binv %s,%s,0x%llx", rd, rs1, imm);
    case RV_OP_BSETI: return EMIT("bset %s,%s,0x%llx", rd, rs1, imm);
    default: return false;
    }
}

/* Register-register forms with x0 as an operand. */
static bool register_alias(struct out *o, const struct rv_insn *in)
{
    const char *rd = xreg_names[in->rd], *rs1 = xreg_names[in->rs1], *rs2 = xreg_names[in->rs2];
    switch (in->op) {
    case RV_OP_ADD: return in->len == 2 && in->rs1 == 0 && EMIT("mv %s,%s", rd, rs2); /* c.mv only */
    case RV_OP_SUB: return in->rs1 == 0 && EMIT("neg %s,%s", rd, rs2);
    case RV_OP_ADD_UW: return in->rs2 == 0 && EMIT("zext.w %s,%s", rd, rs1);
    case RV_OP_SUBW: return in->rs1 == 0 && EMIT("negw %s,%s", rd, rs2);
    case RV_OP_SLTU: return in->rs1 == 0 && EMIT("snez %s,%s", rd, rs2);
    case RV_OP_SLT:
        if (in->rs2 == 0) return EMIT("sltz %s,%s", rd, rs1);
        return in->rs1 == 0 && EMIT("sgtz %s,%s", rd, rs2);
    default: return false;
    }
}

/* Branches against zero, j/jal without a link register, ret/jr/jalr. */
static bool control_alias(struct out *o, const struct rv_insn *in, uint64_t pc)
{
    const char *rd = xreg_names[in->rd], *rs1 = xreg_names[in->rs1], *rs2 = xreg_names[in->rs2];
    long long imm = (long long)in->imm;
    unsigned long long target = (unsigned long long)(pc + (uint64_t)in->imm);
    switch (in->op) {
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
        return in->rd == 1 && EMIT("jal %llx", target);
    case RV_OP_JALR:
        if (in->rd == 0 && in->rs1 == 1 && imm == 0) return EMIT("ret");
        if (in->rd == 0) return imm ? EMIT("jr %lld(%s)", imm, rs1) : EMIT("jr %s", rs1);
        if (in->rd == 1) return imm ? EMIT("jalr %lld(%s)", imm, rs1) : EMIT("jalr %s", rs1);
        return imm ? EMIT("jalr %s,%lld(%s)", rd, imm, rs1) : EMIT("jalr %s,%s", rd, rs1);
    default: return false;
    }
}

/* fsgnj{,n,x} of a register with itself: fmv, fneg, fabs. */
static bool sign_injection_alias(struct out *o, const struct rv_insn *in)
{
    static const char *const names[3] = {"fmv", "fneg", "fabs"};
    bool d = in->op >= RV_OP_FSGNJ_D && in->op <= RV_OP_FSGNJX_D;
    bool s = in->op >= RV_OP_FSGNJ_S && in->op <= RV_OP_FSGNJX_S;
    if ((!d && !s) || in->rs1 != in->rs2) return false;
    int kind = in->op - (d ? RV_OP_FSGNJ_D : RV_OP_FSGNJ_S);
    return EMIT("%s.%c %s,%s", names[kind], d ? 'd' : 's', freg_names[in->rd], freg_names[in->rs1]);
}

/* Zimop's numbered may-be-operations: the number is spread over the word
 * (binutils 2.42 and later name them; 2.40 does not know Zimop). */
static bool mop_alias(struct out *o, const struct rv_insn *in)
{
    uint32_t w = in->raw;
    const char *rd = xreg_names[in->rd], *rs1 = xreg_names[in->rs1];
    if (in->op == RV_OP_MOP_R) {
        unsigned n = ((w >> 30) & 1) << 4 | ((w >> 26) & 3) << 2 | ((w >> 20) & 3);
        return EMIT("mop.r.%u %s,%s", n, rd, rs1);
    }
    if (in->op == RV_OP_MOP_RR) {
        unsigned n = ((w >> 30) & 1) << 2 | ((w >> 26) & 3);
        return EMIT("mop.rr.%u %s,%s,%s", n, rd, rs1, xreg_names[in->rs2]);
    }
    return false;
}

static bool alias(struct out *o, const struct rv_insn *in, uint64_t pc)
{
    if (in->op == RV_OP_FENCE) {
        unsigned pred = ((unsigned)in->imm >> 4) & 15, succ = (unsigned)in->imm & 15;
        if (in->imm >> 8) return EMIT("fence.tso"); /* the only fm value objdump accepts, see objdump_data */
        return pred == 15 && succ == 15 && EMIT("fence");
    }
    return immediate_alias(o, in) || register_alias(o, in) || control_alias(o, in, pc) ||
           sign_injection_alias(o, in) || csr_alias(o, in) || mop_alias(o, in);
}

/* ---- layer 1: where objdump's idea of an instruction differs from the decoder's ------ */

/* Compressed HINTs (and one reserved encoding) that objdump names with the
 * compressed mnemonic, because no 32-bit alias matches them. */
static bool compressed_hint(struct out *o, const struct rv_insn *in)
{
    unsigned c = in->raw, quadrant = c & 3, funct3 = c >> 13;
    unsigned rd = (c >> 7) & 31, rs2 = (c >> 2) & 31, rd_p = 8 + ((c >> 7) & 7);
    unsigned shamt = ((c >> 7) & 0x20) | ((c >> 2) & 0x1f);
    int imm6 = (int)(((c >> 7) & 0x20) | ((c >> 2) & 0x1f)) - (c & 0x1000 ? 64 : 0);
    if (quadrant == 1) {
        if (funct3 == 0 && rd == 0 && imm6 != 0) return EMIT("c.nop %d", imm6);
        if (funct3 == 2 && rd == 0) return EMIT("c.li zero,%d", imm6);
        if (funct3 == 3 && rd == 0 && imm6 != 0) return EMIT("c.lui zero,0x%x", (unsigned)imm6 & 0xfffff);
        if (funct3 == 3 && rd == 2 && (c & 0x107c) == 0) return EMIT("add sp,sp,0"); /* reserved c.addi16sp 0 */
        if (funct3 == 4 && ((c >> 10) & 3) < 2 && shamt == 0)
            return EMIT("%s %s", c & 0x400 ? "c.srai64" : "c.srli64", xreg_names[rd_p]);
    }
    if (quadrant == 2 && funct3 == 0) {
        if (shamt == 0) return EMIT("c.slli64 %s", xreg_names[rd]);
        if (rd == 0) return EMIT("c.slli zero,0x%x", shamt);
    }
    /* Zcmop: c.lui xN,0 with N odd below 16 (binutils 2.42 and later) */
    if (quadrant == 1 && funct3 == 3 && (c & 0x107c) == 0 && (rd & 0x11) == 1 && rv_ext_on(RV_EXT_ZCMOP))
        return EMIT("c.mop.%u", rd);
    /* Zihintntl: c.add zero,x2..x5 (binutils 2.41 and later) */
    if (quadrant == 2 && funct3 == 4 && (c & 0x1000) && rd == 0 && rs2 >= 2 && rs2 <= 5 && rv_ext_on(RV_EXT_ZIHINTNTL)) {
        static const char *const ntl[4] = {"p1", "pall", "s1", "all"};
        return EMIT("c.ntl.%s", ntl[rs2 - 2]);
    }
    if (quadrant == 2 && funct3 == 4 && rd == 0 && rs2 != 0)
        return EMIT("%s zero,%s", c & 0x1000 ? "c.add" : "c.mv", xreg_names[rs2]);
    return false;
}

/* True when objdump prints this decoded instruction as data: it wants the
 * fields the specification reserves (and the decoder ignores) to be zero. */
static bool objdump_data(const struct rv_insn *in)
{
    uint32_t w = in->raw;
    switch (in->op) {
    case RV_OP_FENCE: /* rd = rs1 = 0, and fm = 0 except for fence.tso */
        if (w & 0x000f8f80) return true;
        return (w >> 28) != 0 && (w >> 20) != 0x833;
    case RV_OP_FENCE_I: return (w & 0xffff8f80) != 0;
    default: return is_exact_conversion(in->op) && in->rm != 0;
    }
}

/* An instruction the decoder rejects only for its reserved rounding mode
 * (5 or 6): objdump still names it, with ",unknown". */
static bool reserved_rounding_mode(struct out *o, const struct rv_insn *in, uint64_t pc)
{
    struct rv_insn dyn;
    unsigned rm = (in->raw >> 12) & 7; /* not decoded: the decoder stopped at it */
    if (in->len != 4 || (rm != 5 && rm != 6)) return false;
    if (!rv_decode(in->raw | 0x7000, &dyn) || !(rv_insn_info[dyn.op].flags & RV_F_RM) || is_exact_conversion(dyn.op))
        return false;
    dyn.rm = (uint8_t)rm;
    put_general(o, &dyn, pc);
    return true;
}

static void put_illegal(struct out *o, const struct rv_insn *in, uint64_t pc)
{
    if (in->len == 2 && in->raw == 0) put(o, "unimp"); /* c.unimp, the all-zero halfword */
    else if (in->len == 2 && compressed_hint(o, in)) return;
    else if (!reserved_rounding_mode(o, in, pc)) put_data(o, in);
}

/* ---- entry points ----------------------------------------------------------------- */

static void put_insn(struct out *o, const struct rv_insn *in, uint64_t pc)
{
    if (in->op == RV_OP_ILLEGAL || in->op >= RV_OP_COUNT) {
        put_illegal(o, in, pc);
        return;
    }
    if (in->len == 2 && compressed_hint(o, in)) return;
    if (objdump_data(in)) put_data(o, in);
    else if (!alias(o, in, pc)) put_general(o, in, pc);
}

int rv_disasm(const struct rv_insn *in, uint64_t pc, char *buf, size_t size)
{
    struct out o = {buf, size, 0};
    if (size == 0) return 0;
    buf[0] = 0;
    put_insn(&o, in, pc);
    return (int)o.len;
}

int rv_disasm_bits(uint32_t bits, uint64_t pc, char *buf, size_t size)
{
    struct rv_insn in;
    rv_decode(bits, &in); /* an illegal word decodes to RV_OP_ILLEGAL with raw and len set */
    return rv_disasm(&in, pc, buf, size);
}
