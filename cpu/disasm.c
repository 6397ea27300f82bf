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

/* Numbered CSR families, spelled out as string literals so the table stays constant. */
#define CSR_3_TO_31(X) \
    X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) X(16) X(17) X(18) X(19) X(20) \
    X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31)
#define CSR_0_TO_15(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15)
#define CSR_HPM(n) \
    [0xc00 + n] = "hpmcounter" #n, [0xc80 + n] = "hpmcounter" #n "h", \
    [0xb00 + n] = "mhpmcounter" #n, [0xb80 + n] = "mhpmcounter" #n "h", \
    [0x320 + n] = "mhpmevent" #n, [0x720 + n] = "mhpmevent" #n "h",
#define CSR_PMPADDR(n) [0x3b0 + n] = "pmpaddr" #n,

/* Every CSR binutils 2.40 names under privileged spec 1.11 (checked against
 * objdump for all 4096 numbers); NULL means objdump prints the number. */
static const char *const csr_names[4096] = {
    /* unprivileged: floating point, vector, counters, entropy source */
    [0x001] = "fflags", [0x002] = "frm", [0x003] = "fcsr",
    [0x008] = "vstart", [0x009] = "vxsat", [0x00a] = "vxrm", [0x00f] = "vcsr",
    [0xc20] = "vl", [0xc21] = "vtype", [0xc22] = "vlenb", [0x015] = "seed",
    [0xc00] = "cycle", [0xc01] = "time", [0xc02] = "instret",
    [0xc80] = "cycleh", [0xc81] = "timeh", [0xc82] = "instreth",
    CSR_3_TO_31(CSR_HPM)
    /* user-level interrupts (N extension, dropped from later specs) */
    [0x000] = "ustatus", [0x004] = "uie", [0x005] = "utvec", [0x040] = "uscratch", [0x041] = "uepc",
    [0x042] = "ucause", [0x043] = "utval", [0x044] = "uip",
    /* supervisor */
    [0x100] = "sstatus", [0x102] = "sedeleg", [0x103] = "sideleg", [0x104] = "sie", [0x105] = "stvec",
    [0x106] = "scounteren", [0x10c] = "sstateen0", [0x10d] = "sstateen1", [0x10e] = "sstateen2",
    [0x10f] = "sstateen3", [0x114] = "sieh", [0x140] = "sscratch", [0x141] = "sepc", [0x142] = "scause",
    [0x143] = "stval", [0x144] = "sip", [0x14d] = "stimecmp", [0x150] = "siselect", [0x151] = "sireg",
    [0x154] = "siph", [0x15c] = "stopei", [0x15d] = "stimecmph", [0x180] = "satp", [0x5a8] = "scontext",
    [0xda0] = "scountovf", [0xdb0] = "stopi",
    /* hypervisor and virtual supervisor */
    [0x200] = "vsstatus", [0x204] = "vsie", [0x205] = "vstvec", [0x214] = "vsieh", [0x240] = "vsscratch",
    [0x241] = "vsepc", [0x242] = "vscause", [0x243] = "vstval", [0x244] = "vsip", [0x24d] = "vstimecmp",
    [0x250] = "vsiselect", [0x251] = "vsireg", [0x254] = "vsiph", [0x25c] = "vstopei", [0x25d] = "vstimecmph",
    [0x280] = "vsatp", [0x600] = "hstatus", [0x602] = "hedeleg", [0x603] = "hideleg", [0x604] = "hie",
    [0x605] = "htimedelta", [0x606] = "hcounteren", [0x607] = "hgeie", [0x608] = "hvien", [0x609] = "hvictl",
    [0x60a] = "henvcfg", [0x60c] = "hstateen0", [0x60d] = "hstateen1", [0x60e] = "hstateen2",
    [0x60f] = "hstateen3", [0x613] = "hidelegh", [0x615] = "htimedeltah", [0x618] = "hvienh",
    [0x61a] = "henvcfgh", [0x61c] = "hstateen0h", [0x61d] = "hstateen1h", [0x61e] = "hstateen2h",
    [0x61f] = "hstateen3h", [0x643] = "htval", [0x644] = "hip", [0x645] = "hvip", [0x646] = "hviprio1",
    [0x647] = "hviprio2", [0x64a] = "htinst", [0x655] = "hviph", [0x656] = "hviprio1h", [0x657] = "hviprio2h",
    [0x680] = "hgatp", [0x6a8] = "hcontext", [0xe12] = "hgeip", [0xeb0] = "vstopi",
    /* machine */
    [0x300] = "mstatus", [0x301] = "misa", [0x302] = "medeleg", [0x303] = "mideleg", [0x304] = "mie",
    [0x305] = "mtvec", [0x306] = "mcounteren", [0x308] = "mvien", [0x309] = "mvip", [0x30c] = "mstateen0",
    [0x30d] = "mstateen1", [0x30e] = "mstateen2", [0x30f] = "mstateen3", [0x313] = "midelegh",
    [0x314] = "mieh", [0x318] = "mvienh", [0x319] = "mviph", [0x31c] = "mstateen0h", [0x31d] = "mstateen1h",
    [0x31e] = "mstateen2h", [0x31f] = "mstateen3h", [0x320] = "mcountinhibit", [0x340] = "mscratch",
    [0x341] = "mepc", [0x342] = "mcause", [0x343] = "mtval", [0x344] = "mip", [0x350] = "miselect",
    [0x351] = "mireg", [0x354] = "miph", [0x35c] = "mtopei", [0xb00] = "mcycle", [0xb02] = "minstret",
    [0xb80] = "mcycleh", [0xb82] = "minstreth", [0xf11] = "mvendorid", [0xf12] = "marchid",
    [0xf13] = "mimpid", [0xf14] = "mhartid", [0xfb0] = "mtopi",
    [0x3a0] = "pmpcfg0", [0x3a1] = "pmpcfg1", [0x3a2] = "pmpcfg2", [0x3a3] = "pmpcfg3",
    CSR_0_TO_15(CSR_PMPADDR)
    /* debug and trigger */
    [0x7a0] = "tselect", [0x7a1] = "tdata1", [0x7a2] = "tdata2", [0x7a3] = "tdata3", [0x7a4] = "tinfo",
    [0x7a5] = "tcontrol", [0x7a8] = "mcontext", [0x7aa] = "mscontext", [0x7b0] = "dcsr", [0x7b1] = "dpc",
    [0x7b2] = "dscratch0", [0x7b3] = "dscratch1",
};

const char *rv_csr_name(unsigned csr) { return csr < 4096 ? csr_names[csr] : NULL; }

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
    bool fp = csr >= 1 && csr <= 3;
    char uimm[4];
    snprintf(uimm, sizeof uimm, "%u", in->rs1);
    switch (in->op) {
    case RV_OP_CSRRS:
        if (in->rs1 == 0) {
            if (fp) return EMIT("fr%s %s", fp_csr[csr], rd);
            if (csr >= 0xc00 && csr <= 0xc02) return EMIT("%s %s", counters[csr - 0xc00], rd);
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
