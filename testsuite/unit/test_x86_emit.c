/*
 * testsuite/unit/test_x86_emit.c — the x86-64 encoder (translator/x86_64/emit.c)
 * checked against an independent decoder, capstone.
 *
 * Every case emits one instruction (or a short sequence) into a fresh buffer,
 * disassembles it with capstone (x86-64, Intel syntax, the default) and
 * compares the text with what we meant, and usually the length too: the
 * length is what shows that the encoder picked the short form (no needless
 * REX, disp8 rather than disp32, imm8 rather than imm32).  Capstone must
 * also consume exactly the bytes we emitted, so trailing garbage fails.
 *
 * Capstone is the oracle for the text.  Where its spelling is surprising the
 * case says so; the bytes were checked by hand against the Intel manual:
 *   - logical immediates (and/or/xor) print as unsigned numbers of the
 *     operand width ("and rax, 0xffffffff80000000", "and eax, 0xffffffff"),
 *     arithmetic ones (add/sub/cmp/mov/imul) as signed ("add rax, -0x80") —
 *     except the 32-bit imm32 forms ("add eax, 0xffffff7f" for 81 /0 with
 *     -129, but "add eax, -1" for 83 /0), "mov dword ptr [..], 0xffffffff"
 *     and the byte compare ("cmp byte ptr [r12], 0xff");
 *   - numbers below 10 print in decimal, the rest in hex;
 *   - [rip + disp] prints the displacement, not the absolute target;
 *   - "66 90" prints as "nop", the long nops as "nop dword ptr [rax + rax]".
 *
 * Register loops generate the expected text from name tables, so every
 * general register is tried in every position (reg, rm, base, index).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* capstone's x86.h also declares an "enum x86_reg" (its X86_REG_* numbering);
 * rename capstone's while including it, so ours keeps the plain name. */
#define x86_reg capstone_x86_reg
#include <capstone/capstone.h>
#undef x86_reg
#include <cmocka.h>

#include "translator/x86_64/emit.h"

/* Where capstone pretends the code is, so rel32 targets print predictably. */
#define ADDR 0x1000u

static const char *const r64[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                    "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
static const char *const r32[16] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                                    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
static const char *const r16[16] = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
                                    "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
/* With a REX prefix, byte registers 4-7 are spl..dil (without, ah..bh). */
static const char *const r8[16] = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
                                   "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
static const char *const xmm[16] = {"xmm0", "xmm1", "xmm2",  "xmm3",  "xmm4",  "xmm5",  "xmm6",  "xmm7",
                                    "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"};
static const char *const cc_name[16] = {"o", "no", "b", "ae", "e", "ne", "be", "a",
                                        "s", "ns", "p", "np", "l", "ge", "le", "g"};

static csh cs;
static uint8_t code[256];
static unsigned failures; /* in the current test */
static unsigned cases;    /* in the whole run */

static int setup(void **state)
{
    (void)state;
    failures = 0;
    return 0;
}

static struct x86_buf fresh_buf(size_t size)
{
    memset(code, 0xaa, sizeof code);
    return (struct x86_buf){code, code, code + size, false};
}

/* capstone's text for [p, p+n) at `addr`: instructions joined with "; ".
 * Returns the number of bytes it decoded. */
static size_t disasm(const uint8_t *p, size_t n, uint64_t addr, char *out, size_t outsz)
{
    cs_insn *insn;
    size_t count = cs_disasm(cs, p, n, addr, 0, &insn);
    size_t used = 0, pos = 0;
    out[0] = 0;
    for (size_t i = 0; i < count; i++) {
        pos += (size_t)snprintf(out + pos, outsz - pos, "%s%s%s%s", i ? "; " : "", insn[i].mnemonic,
                                insn[i].op_str[0] ? " " : "", insn[i].op_str);
        if (pos >= outsz) pos = outsz - 1;
        used += insn[i].size;
    }
    cs_free(insn, count);
    return used;
}

/* One case: the encoder returned `ok`, emitted b->start..b->cur; it must
 * decode to exactly the formatted text and (if len >= 0) be len bytes. */
static void check(int line, const struct x86_buf *b, bool ok, int len, const char *fmt, ...)
{
    char want[160], got[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(want, sizeof want, fmt, ap);
    va_end(ap);
    cases++;
    size_t n = (size_t)(b->cur - b->start);
    size_t used = disasm(b->start, n, ADDR, got, sizeof got);
    bool good = ok && !b->overflow && used == n && strcmp(got, want) == 0 && (len < 0 || (size_t)len == n);
    if (good) return;
    failures++;
    char hex[3 * 32 + 1] = "";
    for (size_t i = 0; i < n && i < 32; i++) snprintf(hex + 3 * i, 4, "%02x ", b->start[i]);
    fprintf(stderr, "line %d: want \"%s\" (%d bytes), got \"%s\" (%zu bytes: %s)%s%s\n", line, want, len, got, n, hex,
            ok ? "" : " [returned false]", used == n ? "" : " [undecoded bytes]");
}

/* EXPECT(len, call, fmt, ...): run `call` on a fresh buffer named `b` and
 * compare.  len = -1 skips the length check. */
#define EXPECT(len, call, ...)                                                                                    \
    do {                                                                                                          \
        struct x86_buf buf_ = fresh_buf(sizeof code);                                                             \
        struct x86_buf *b = &buf_;                                                                                \
        bool ok_ = (call);                                                                                        \
        check(__LINE__, b, ok_, (len), __VA_ARGS__);                                                              \
    } while (0)

#define DONE() assert_int_equal(failures, 0)

/* ---- text and length of memory operands, as capstone spells them ------------------- */

static void number(char *out, size_t sz, int64_t v) /* capstone: decimal below 10, else hex */
{
    if (v < 10) snprintf(out, sz, "%lld", (long long)v);
    else snprintf(out, sz, "0x%llx", (unsigned long long)v);
}

static const char *mem_text(char *out, size_t sz, const char *size_ptr, struct x86_mem m)
{
    char d[32] = "";
    int64_t disp = m.disp;
    if (disp) {
        number(d + 3, sizeof d - 3, disp < 0 ? -disp : disp);
        memcpy(d, disp < 0 ? " - " : " + ", 3);
    }
    const char *base = m.rip ? "rip" : r64[m.base];
    if (m.index >= 0 && m.scale > 1)
        snprintf(out, sz, "%s[%s + %s*%d%s]", size_ptr, base, r64[m.index], m.scale, d);
    else if (m.index >= 0)
        snprintf(out, sz, "%s[%s + %s%s]", size_ptr, base, r64[m.index], d);
    else
        snprintf(out, sz, "%s[%s%s]", size_ptr, base, d);
    return out;
}

/* Bytes of ModRM + SIB + displacement for m. */
static int mem_len(struct x86_mem m)
{
    if (m.rip) return 1 + 4;
    int sib = (m.index >= 0 || (m.base & 7) == 4) ? 1 : 0;
    int disp = (m.disp == 0 && (m.base & 7) != 5) ? 0 : (m.disp >= -128 && m.disp <= 127) ? 1 : 4;
    return 1 + sib + disp;
}

static const int32_t disps[] = {0, 1, 9, 10, -1, 127, -128, 128, -129, 0x7fffffff, INT32_MIN};
#define NDISPS (sizeof disps / sizeof disps[0])

/* ---- memory operands: every base, every index, scales, displacement sizes, RIP ----- */

static void test_mem_base_disp(void **state)
{
    (void)state;
    char m[80];
    for (int base = 0; base < 16; base++) {
        for (size_t k = 0; k < NDISPS; k++) {
            struct x86_mem mem = x86_mem_base_disp((enum x86_reg)base, disps[k]);
            int reg = (base + 3) % 16; /* some other register in ModRM.reg, high and low */
            /* REX.W always, so 1 + opcode + ModRM/SIB/disp */
            EXPECT(2 + mem_len(mem), x86_mov_r64_m64(b, (enum x86_reg)reg, mem), "mov %s, %s", r64[reg],
                   mem_text(m, sizeof m, "qword ptr ", mem));
            /* 32-bit: REX only when a register is r8-r15 */
            int rex = (reg >= 8 || base >= 8) ? 1 : 0;
            EXPECT(1 + rex + mem_len(mem), x86_mov_m32_r32(b, mem, (enum x86_reg)reg), "mov %s, %s",
                   mem_text(m, sizeof m, "dword ptr ", mem), r32[reg]);
        }
    }
    /* the special bases, spelled out: rsp/r12 need a SIB, rbp/r13 need a disp8 of 0 */
    EXPECT(4, x86_mov_r64_m64(b, X86_RAX, x86_mem_base(X86_RSP)), "mov rax, qword ptr [rsp]");
    EXPECT(4, x86_mov_r64_m64(b, X86_RAX, x86_mem_base(X86_R12)), "mov rax, qword ptr [r12]");
    EXPECT(4, x86_mov_r64_m64(b, X86_RAX, x86_mem_base(X86_RBP)), "mov rax, qword ptr [rbp]");
    EXPECT(4, x86_mov_r64_m64(b, X86_RAX, x86_mem_base(X86_R13)), "mov rax, qword ptr [r13]");
    EXPECT(3, x86_mov_r64_m64(b, X86_RAX, x86_mem_base(X86_RBX)), "mov rax, qword ptr [rbx]");
    EXPECT(3, x86_mov_r64_m64(b, X86_RAX, x86_mem_base(X86_R11)), "mov rax, qword ptr [r11]");
    DONE();
}

static void test_mem_base_index(void **state)
{
    (void)state;
    static const int scales[] = {1, 2, 4, 8};
    static const int32_t some[] = {0, -128, 128};
    char m[80];
    for (int base = 0; base < 16; base++) {
        for (int index = 0; index < 16; index++) {
            if (index == X86_RSP) continue; /* not encodable: SIB index 100 means "none" */
            for (int s = 0; s < 4; s++) {
                for (int k = 0; k < 3; k++) {
                    struct x86_mem mem = x86_mem_base_index((enum x86_reg)base, (enum x86_reg)index, scales[s], some[k]);
                    int reg = (base + index) % 16;
                    EXPECT(2 + mem_len(mem), x86_lea_r64_m(b, (enum x86_reg)reg, mem), "lea %s, %s", r64[reg],
                           mem_text(m, sizeof m, "", mem));
                }
            }
        }
    }
    /* REX.X alone: only the index is high */
    EXPECT(4, x86_mov_r32_m32(b, X86_RAX, x86_mem_base_index(X86_RAX, X86_R12, 8, 0)),
           "mov eax, dword ptr [rax + r12*8]");
    /* rbp/r13 as base with an index still need the disp8 (SIB base 101 + mod 00 = no base) */
    EXPECT(5, x86_mov_r32_m32(b, X86_RAX, x86_mem_base_index(X86_R13, X86_RCX, 2, 0)),
           "mov eax, dword ptr [r13 + rcx*2]");
    /* no base at all (SIB base 101, mod 00): a disp32 of 0 follows */
    EXPECT(8, x86_lea_r64_index(b, X86_RAX, X86_RCX, 4), "lea rax, [rcx*4]");
    EXPECT(8, x86_lea_r64_index(b, X86_R12, X86_R9, 8), "lea r12, [r9*8]");
    EXPECT(8, x86_lea_r64_index(b, X86_RBX, X86_R13, 2), "lea rbx, [r13*2]");
    DONE();
}

static void test_mem_rip(void **state)
{
    (void)state;
    /* RIP-relative is always mod 00 rm 101 + disp32, and ignores REX.B/X */
    EXPECT(7, x86_lea_r64_m(b, X86_RAX, x86_mem_rip(0)), "lea rax, [rip]");
    EXPECT(7, x86_lea_r64_m(b, X86_R15, x86_mem_rip(-16)), "lea r15, [rip - 0x10]");
    EXPECT(7, x86_mov_r64_m64(b, X86_R13, x86_mem_rip(127)), "mov r13, qword ptr [rip + 0x7f]");
    EXPECT(6, x86_mov_r32_m32(b, X86_RBP, x86_mem_rip(0x12345678)), "mov ebp, dword ptr [rip + 0x12345678]");
    EXPECT(7, x86_mov_m64_r64(b, x86_mem_rip(INT32_MIN), X86_R8), "mov qword ptr [rip - 0x80000000], r8");
    EXPECT(9, x86_movsd_x_m64(b, X86_XMM9, x86_mem_rip(8)), "movsd xmm9, qword ptr [rip + 8]");
    /* with an immediate after the displacement */
    EXPECT(11, x86_mov_m64_imm32(b, x86_mem_rip(0x100), -1), "mov qword ptr [rip + 0x100], -1");
    EXPECT(7, x86_cmp_m8_imm8(b, x86_mem_rip(-4), 0), "cmp byte ptr [rip - 4], 0");
    EXPECT(6, x86_jmp_m64(b, x86_mem_rip(0x40)), "jmp qword ptr [rip + 0x40]");
    DONE();
}

/* ---- moves ---------------------------------------------------------------------- */

static void test_mov_reg_reg(void **state)
{
    (void)state;
    for (int d = 0; d < 16; d++) {
        for (int s = 0; s < 16; s++) {
            int rex = (d >= 8 || s >= 8);
            EXPECT(3, x86_mov_r64_r64(b, (enum x86_reg)d, (enum x86_reg)s), "mov %s, %s", r64[d], r64[s]);
            EXPECT(2 + rex, x86_mov_r32_r32(b, (enum x86_reg)d, (enum x86_reg)s), "mov %s, %s", r32[d], r32[s]);
            EXPECT(3, x86_movsxd_r64_r32(b, (enum x86_reg)d, (enum x86_reg)s), "movsxd %s, %s", r64[d], r32[s]);
            /* byte source 4-7 (spl..dil) needs a bare REX even with low registers */
            EXPECT(3 + (rex || (s >= 4 && s < 8)), x86_movzx_r32_r8(b, (enum x86_reg)d, (enum x86_reg)s), "movzx %s, %s",
                   r32[d], r8[s]);
            EXPECT(3 + rex, x86_movzx_r32_r16(b, (enum x86_reg)d, (enum x86_reg)s), "movzx %s, %s", r32[d], r16[s]);
            EXPECT(4, x86_movsx_r64_r8(b, (enum x86_reg)d, (enum x86_reg)s), "movsx %s, %s", r64[d], r8[s]);
            EXPECT(4, x86_movsx_r64_r16(b, (enum x86_reg)d, (enum x86_reg)s), "movsx %s, %s", r64[d], r16[s]);
        }
    }
    for (int cc = 0; cc < 16; cc++) {
        EXPECT(4, x86_cmovcc_r64_r64(b, (enum x86_cond)cc, X86_R9, X86_RDX), "cmov%s r9, rdx", cc_name[cc]);
    }
    for (int r = 0; r < 16; r++) {
        EXPECT(4, x86_cmovcc_r64_r64(b, X86_CC_L, (enum x86_reg)r, (enum x86_reg)(15 - r)), "cmovl %s, %s", r64[r],
               r64[15 - r]);
    }
    DONE();
}

static void test_mov_imm(void **state)
{
    (void)state;
    for (int r = 0; r < 16; r++) {
        int rex = r >= 8;
        EXPECT(10, x86_movabs_r64_imm64(b, (enum x86_reg)r, 0x123456789abcdef0ull), "movabs %s, 0x123456789abcdef0",
               r64[r]);
        EXPECT(5 + rex, x86_mov_r32_imm32(b, (enum x86_reg)r, 0xdeadbeefu), "mov %s, 0xdeadbeef", r32[r]);
        EXPECT(7, x86_mov_r64_simm32(b, (enum x86_reg)r, -2), "mov %s, -2", r64[r]);
    }
    /* shortest form for the value: zero-extending imm32, sign-extending imm32, imm64 */
    EXPECT(5, x86_mov_r64_imm64(b, X86_RAX, 0), "mov eax, 0");
    EXPECT(6, x86_mov_r64_imm64(b, X86_R8, 1), "mov r8d, 1");
    EXPECT(5, x86_mov_r64_imm64(b, X86_RDI, 0x7fffffff), "mov edi, 0x7fffffff");
    EXPECT(5, x86_mov_r64_imm64(b, X86_RDI, 0x80000000), "mov edi, 0x80000000");
    EXPECT(5, x86_mov_r64_imm64(b, X86_RSI, 0xffffffff), "mov esi, 0xffffffff");
    EXPECT(10, x86_mov_r64_imm64(b, X86_RSI, 0x100000000ull), "movabs rsi, 0x100000000");
    EXPECT(7, x86_mov_r64_imm64(b, X86_RCX, UINT64_MAX), "mov rcx, -1");
    EXPECT(7, x86_mov_r64_imm64(b, X86_R15, (uint64_t)(int64_t)INT32_MIN), "mov r15, -0x80000000");
    EXPECT(10, x86_mov_r64_imm64(b, X86_R15, (uint64_t)(int64_t)INT32_MIN - 1), "movabs r15, 0xffffffff7fffffff");
    EXPECT(10, x86_mov_r64_imm64(b, X86_RBX, 0x8000000000000000ull), "movabs rbx, 0x8000000000000000");
    /* to memory */
    EXPECT(8, x86_mov_m64_imm32(b, x86_mem_base_disp(X86_RBP, 8), 0x7fffffff), "mov qword ptr [rbp + 8], 0x7fffffff");
    EXPECT(8, x86_mov_m64_imm32(b, x86_mem_base(X86_RSP), INT32_MIN), "mov qword ptr [rsp], -0x80000000");
    EXPECT(8, x86_mov_m64_imm32(b, x86_mem_base(X86_R12), -1), "mov qword ptr [r12], -1");
    EXPECT(6, x86_mov_m32_imm32(b, x86_mem_base(X86_RAX), -1), "mov dword ptr [rax], 0xffffffff");
    EXPECT(11, x86_mov_m32_imm32(b, x86_mem_base_disp(X86_R9, 0x1000), 5), "mov dword ptr [r9 + 0x1000], 5");
    DONE();
}

/* "op reg, [mem]": the ALU forms that read a guest register from struct cpu */
static const struct {
    const char *name;
    bool (*f)(struct x86_buf *, enum x86_reg, struct x86_mem);
    bool qword;
} alu_rm[] = {
    {"add", x86_add_r64_m64, true},  {"or", x86_or_r64_m64, true},   {"and", x86_and_r64_m64, true},
    {"sub", x86_sub_r64_m64, true},  {"xor", x86_xor_r64_m64, true}, {"add", x86_add_r32_m32, false},
    {"sub", x86_sub_r32_m32, false},
};

static void test_loads_stores(void **state)
{
    (void)state;
    char m[80];
    for (int r = 0; r < 16; r++) {
        struct x86_mem mem = x86_mem_base_disp((enum x86_reg)((r + 7) % 16), 16);
        int base = (r + 7) % 16;
        int rex = (r >= 8 || base >= 8);
        int ml = mem_len(mem);
        EXPECT(1 + rex + ml, x86_mov_r32_m32(b, (enum x86_reg)r, mem), "mov %s, %s", r32[r],
               mem_text(m, sizeof m, "dword ptr ", mem));
        EXPECT(2 + ml, x86_mov_m64_r64(b, mem, (enum x86_reg)r), "mov %s, %s", mem_text(m, sizeof m, "qword ptr ", mem),
               r64[r]);
        EXPECT(2 + rex + ml, x86_mov_m16_r16(b, mem, (enum x86_reg)r), "mov %s, %s",
               mem_text(m, sizeof m, "word ptr ", mem), r16[r]);
        /* byte store of sil/dil/spl/bpl needs REX even with a low base */
        EXPECT(1 + (rex || (r >= 4 && r < 8)) + ml, x86_mov_m8_r8(b, mem, (enum x86_reg)r), "mov %s, %s",
               mem_text(m, sizeof m, "byte ptr ", mem), r8[r]);
        EXPECT(2 + rex + ml, x86_movzx_r32_m8(b, (enum x86_reg)r, mem), "movzx %s, %s", r32[r],
               mem_text(m, sizeof m, "byte ptr ", mem));
        EXPECT(2 + rex + ml, x86_movzx_r32_m16(b, (enum x86_reg)r, mem), "movzx %s, %s", r32[r],
               mem_text(m, sizeof m, "word ptr ", mem));
        EXPECT(3 + ml, x86_movsx_r64_m8(b, (enum x86_reg)r, mem), "movsx %s, %s", r64[r],
               mem_text(m, sizeof m, "byte ptr ", mem));
        EXPECT(3 + ml, x86_movsx_r64_m16(b, (enum x86_reg)r, mem), "movsx %s, %s", r64[r],
               mem_text(m, sizeof m, "word ptr ", mem));
        EXPECT(2 + ml, x86_movsxd_r64_m32(b, (enum x86_reg)r, mem), "movsxd %s, %s", r64[r],
               mem_text(m, sizeof m, "dword ptr ", mem));
        EXPECT(2 + ml, x86_cmp_r64_m64(b, (enum x86_reg)r, mem), "cmp %s, %s", r64[r],
               mem_text(m, sizeof m, "qword ptr ", mem));
        for (size_t op = 0; op < sizeof alu_rm / sizeof alu_rm[0]; op++) {
            bool q = alu_rm[op].qword;
            EXPECT((q ? 2 : 1 + rex) + ml, alu_rm[op].f(b, (enum x86_reg)r, mem), "%s %s, %s", alu_rm[op].name,
                   q ? r64[r] : r32[r], mem_text(m, sizeof m, q ? "qword ptr " : "dword ptr ", mem));
        }
    }
    /* the classic pair: without REX, 88 /r with reg 6 would store dh, not sil */
    EXPECT(2, x86_mov_m8_r8(b, x86_mem_base(X86_RAX), X86_RDX), "mov byte ptr [rax], dl");
    EXPECT(3, x86_mov_m8_r8(b, x86_mem_base(X86_RAX), X86_RSI), "mov byte ptr [rax], sil");
    EXPECT(5, x86_add_m64_imm32(b, x86_mem_base_disp(X86_RBX, 8), 1), "add qword ptr [rbx + 8], 1");
    EXPECT(8, x86_add_m64_imm32(b, x86_mem_base_disp(X86_RBX, 8), 128), "add qword ptr [rbx + 8], 0x80");
    EXPECT(7, x86_cmp_m32_imm32(b, x86_mem_base_disp(X86_RBP, 0x200), 3), "cmp dword ptr [rbp + 0x200], 3");
    EXPECT(10, x86_cmp_m32_imm32(b, x86_mem_base_disp(X86_RBP, 0x200), -129), "cmp dword ptr [rbp + 0x200], 0xffffff7f");
    EXPECT(5, x86_cmp_m8_imm8(b, x86_mem_base(X86_R12), -1), "cmp byte ptr [r12], 0xff");
    EXPECT(4, x86_cmp_m8_imm8(b, x86_mem_base_disp(X86_RDI, 127), 127), "cmp byte ptr [rdi + 0x7f], 0x7f");
    DONE();
}

/* ---- ALU --------------------------------------------------------------------------- */

typedef bool (*rr_fn)(struct x86_buf *, enum x86_reg, enum x86_reg);
typedef bool (*ri_fn)(struct x86_buf *, enum x86_reg, int32_t);
typedef bool (*r_fn)(struct x86_buf *, enum x86_reg);

static const struct {
    const char *name;
    rr_fn f64, f32;
} alu_rr[] = {
    {"add", x86_add_r64_r64, x86_add_r32_r32}, {"or", x86_or_r64_r64, x86_or_r32_r32},
    {"and", x86_and_r64_r64, x86_and_r32_r32}, {"sub", x86_sub_r64_r64, x86_sub_r32_r32},
    {"xor", x86_xor_r64_r64, x86_xor_r32_r32}, {"cmp", x86_cmp_r64_r64, x86_cmp_r32_r32},
    {"test", x86_test_r64_r64, x86_test_r32_r32}, {"imul", x86_imul_r64_r64, x86_imul_r32_r32},
};

static void test_alu_reg_reg(void **state)
{
    (void)state;
    for (size_t op = 0; op < sizeof alu_rr / sizeof alu_rr[0]; op++) {
        int extra = !strcmp(alu_rr[op].name, "imul"); /* 0F AF: two opcode bytes */
        for (int d = 0; d < 16; d++) {
            for (int s = 0; s < 16; s++) {
                int rex = (d >= 8 || s >= 8);
                EXPECT(3 + extra, alu_rr[op].f64(b, (enum x86_reg)d, (enum x86_reg)s), "%s %s, %s", alu_rr[op].name,
                       r64[d], r64[s]);
                EXPECT(2 + rex + extra, alu_rr[op].f32(b, (enum x86_reg)d, (enum x86_reg)s), "%s %s, %s",
                       alu_rr[op].name, r32[d], r32[s]);
            }
        }
    }
    DONE();
}

static const struct {
    const char *name;
    ri_fn f64, f32;
    bool logical; /* capstone prints logical immediates unsigned */
} alu_ri[] = {
    {"add", x86_add_r64_imm32, x86_add_r32_imm32, false}, {"or", x86_or_r64_imm32, x86_or_r32_imm32, true},
    {"and", x86_and_r64_imm32, x86_and_r32_imm32, true},  {"sub", x86_sub_r64_imm32, x86_sub_r32_imm32, false},
    {"xor", x86_xor_r64_imm32, x86_xor_r32_imm32, true},  {"cmp", x86_cmp_r64_imm32, x86_cmp_r32_imm32, false},
};

/* The immediate as capstone prints it for this operation and width: signed,
 * except for the logical operations and the 32-bit imm32 (81) forms, which
 * print as unsigned numbers of the operand width. */
static void imm_text(char *out, size_t sz, int32_t v, bool logical, bool w64)
{
    bool imm8 = v >= -128 && v <= 127;
    if (v >= 0 || (!logical && (w64 || imm8))) {
        if (v < 0) {
            number(out + 1, sz - 1, -(int64_t)v);
            out[0] = '-';
        } else {
            number(out, sz, v);
        }
    } else if (w64) {
        snprintf(out, sz, "0x%llx", (unsigned long long)(int64_t)v);
    } else {
        snprintf(out, sz, "0x%x", (uint32_t)v);
    }
}

static void test_alu_reg_imm(void **state)
{
    (void)state;
    /* imm8 is the 83 form (1 byte of immediate), anything else 81 (4 bytes) */
    static const int32_t imms[] = {0, 1, 127, -128, 128, -129, -1, 0x7fffffff, INT32_MIN, 0x1234};
    char t[32];
    for (size_t op = 0; op < sizeof alu_ri / sizeof alu_ri[0]; op++) {
        for (size_t k = 0; k < sizeof imms / sizeof imms[0]; k++) {
            int32_t v = imms[k];
            int immlen = (v >= -128 && v <= 127) ? 1 : 4;
            for (int r = 0; r < 16; r++) {
                imm_text(t, sizeof t, v, alu_ri[op].logical, true);
                EXPECT(3 + immlen, alu_ri[op].f64(b, (enum x86_reg)r, v), "%s %s, %s", alu_ri[op].name, r64[r], t);
                imm_text(t, sizeof t, v, alu_ri[op].logical, false);
                EXPECT(2 + (r >= 8) + immlen, alu_ri[op].f32(b, (enum x86_reg)r, v), "%s %s, %s", alu_ri[op].name,
                       r32[r], t);
            }
        }
    }
    /* three-operand imul: 6B ib or 69 id */
    for (int d = 0; d < 16; d++) {
        EXPECT(4, x86_imul_r64_r64_imm32(b, (enum x86_reg)d, (enum x86_reg)(15 - d), -128), "imul %s, %s, -0x80", r64[d],
               r64[15 - d]);
        EXPECT(7, x86_imul_r64_r64_imm32(b, (enum x86_reg)d, (enum x86_reg)(15 - d), 128), "imul %s, %s, 0x80", r64[d],
               r64[15 - d]);
    }
    EXPECT(4, x86_imul_r64_r64_imm32(b, X86_RAX, X86_RAX, 127), "imul rax, rax, 0x7f");
    EXPECT(7, x86_imul_r64_r64_imm32(b, X86_RAX, X86_RAX, -129), "imul rax, rax, -0x81");
    DONE();
}

static void test_unary_muldiv(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        r_fn f;
        bool w64;
    } ops[] = {
        {"not", x86_not_r64, true},   {"not", x86_not_r32, false}, {"neg", x86_neg_r64, true},
        {"neg", x86_neg_r32, false},  {"mul", x86_mul_r64, true},  {"imul", x86_imul_r64, true},
        {"div", x86_div_r64, true},   {"idiv", x86_idiv_r64, true}, {"div", x86_div_r32, false},
        {"idiv", x86_idiv_r32, false},
    };
    for (size_t op = 0; op < sizeof ops / sizeof ops[0]; op++) {
        for (int r = 0; r < 16; r++) {
            EXPECT(ops[op].w64 ? 3 : 2 + (r >= 8), ops[op].f(b, (enum x86_reg)r), "%s %s", ops[op].name,
                   ops[op].w64 ? r64[r] : r32[r]);
        }
    }
    EXPECT(2, x86_cqo(b), "cqo");
    EXPECT(1, x86_cdq(b), "cdq");
    DONE();
}

static void test_shifts(void **state)
{
    (void)state;
    typedef bool (*si_fn)(struct x86_buf *, enum x86_reg, uint8_t);
    static const struct {
        const char *name;
        si_fn i64, i32;
        r_fn c64, c32;
    } ops[] = {
        {"shl", x86_shl_r64_imm8, x86_shl_r32_imm8, x86_shl_r64_cl, x86_shl_r32_cl},
        {"shr", x86_shr_r64_imm8, x86_shr_r32_imm8, x86_shr_r64_cl, x86_shr_r32_cl},
        {"sar", x86_sar_r64_imm8, x86_sar_r32_imm8, x86_sar_r64_cl, x86_sar_r32_cl},
    };
    static const uint8_t counts[] = {0, 1, 9, 31, 32, 63};
    char t[16];
    for (size_t op = 0; op < 3; op++) {
        for (int r = 0; r < 16; r++) {
            for (size_t k = 0; k < sizeof counts; k++) {
                number(t, sizeof t, counts[k]);
                EXPECT(4, ops[op].i64(b, (enum x86_reg)r, counts[k]), "%s %s, %s", ops[op].name, r64[r], t);
                EXPECT(3 + (r >= 8), ops[op].i32(b, (enum x86_reg)r, counts[k]), "%s %s, %s", ops[op].name, r32[r], t);
            }
            EXPECT(3, ops[op].c64(b, (enum x86_reg)r), "%s %s, cl", ops[op].name, r64[r]);
            EXPECT(2 + (r >= 8), ops[op].c32(b, (enum x86_reg)r), "%s %s, cl", ops[op].name, r32[r]);
        }
    }
    DONE();
}

/* The bit-manipulation lowering's encoders (translator/lower_bitmanip.c). */
static void test_bitmanip_ops(void **state)
{
    (void)state;
    static const uint8_t counts[] = {1, 9, 31, 63};
    char t[16];
    for (int r = 0; r < 16; r++) {
        int rex = r >= 8;
        EXPECT(3, x86_rol_r64_cl(b, (enum x86_reg)r), "rol %s, cl", r64[r]);
        EXPECT(3, x86_ror_r64_cl(b, (enum x86_reg)r), "ror %s, cl", r64[r]);
        EXPECT(2 + rex, x86_rol_r32_cl(b, (enum x86_reg)r), "rol %s, cl", r32[r]);
        EXPECT(2 + rex, x86_ror_r32_cl(b, (enum x86_reg)r), "ror %s, cl", r32[r]);
        for (size_t k = 0; k < sizeof counts; k++) {
            number(t, sizeof t, counts[k]);
            EXPECT(4, x86_ror_r64_imm8(b, (enum x86_reg)r, counts[k]), "ror %s, %s", r64[r], t);
            EXPECT(3 + rex, x86_ror_r32_imm8(b, (enum x86_reg)r, counts[k]), "ror %s, %s", r32[r], t);
        }
        EXPECT(3, x86_bswap_r64(b, (enum x86_reg)r), "bswap %s", r64[r]);
        for (int s2 = 0; s2 < 16; s2 += 5) {
            int rex32 = r >= 8 || s2 >= 8;
            EXPECT(5, x86_lzcnt_r64_r64(b, (enum x86_reg)r, (enum x86_reg)s2), "lzcnt %s, %s", r64[r], r64[s2]);
            EXPECT(5, x86_tzcnt_r64_r64(b, (enum x86_reg)r, (enum x86_reg)s2), "tzcnt %s, %s", r64[r], r64[s2]);
            EXPECT(5, x86_popcnt_r64_r64(b, (enum x86_reg)r, (enum x86_reg)s2), "popcnt %s, %s", r64[r], r64[s2]);
            EXPECT(4 + rex32, x86_lzcnt_r32_r32(b, (enum x86_reg)r, (enum x86_reg)s2), "lzcnt %s, %s", r32[r], r32[s2]);
            EXPECT(4 + rex32, x86_tzcnt_r32_r32(b, (enum x86_reg)r, (enum x86_reg)s2), "tzcnt %s, %s", r32[r], r32[s2]);
            EXPECT(4 + rex32, x86_popcnt_r32_r32(b, (enum x86_reg)r, (enum x86_reg)s2), "popcnt %s, %s", r32[r], r32[s2]);
        }
    }
    DONE();
}

static void test_setcc(void **state)
{
    (void)state;
    for (int cc = 0; cc < 16; cc++) {
        for (int r = 0; r < 16; r++) {
            /* REX for r8b-r15b (REX.B) and for spl..dil (bare 0x40) */
            int len = 3 + (r >= 4);
            EXPECT(len, x86_setcc_r8(b, (enum x86_cond)cc, (enum x86_reg)r), "set%s %s", cc_name[cc], r8[r]);
        }
    }
    DONE();
}

/* ---- control flow ------------------------------------------------------------------ */

static void test_control(void **state)
{
    (void)state;
    char m[80];
    EXPECT(5, x86_jmp_rel32(b) != NULL, "jmp 0x%x", ADDR + 5);
    EXPECT(5, x86_call_rel32(b) != NULL, "call 0x%x", ADDR + 5);
    for (int cc = 0; cc < 16; cc++) {
        EXPECT(6, x86_jcc_rel32(b, (enum x86_cond)cc) != NULL, "j%s 0x%x", cc_name[cc], ADDR + 6);
    }
    for (int r = 0; r < 16; r++) {
        int rex = r >= 8;
        EXPECT(2 + rex, x86_jmp_r64(b, (enum x86_reg)r), "jmp %s", r64[r]);
        EXPECT(2 + rex, x86_call_r64(b, (enum x86_reg)r), "call %s", r64[r]);
        EXPECT(1 + rex, x86_push_r64(b, (enum x86_reg)r), "push %s", r64[r]);
        EXPECT(1 + rex, x86_pop_r64(b, (enum x86_reg)r), "pop %s", r64[r]);
        struct x86_mem mem = x86_mem_base_disp((enum x86_reg)r, 8);
        EXPECT(1 + rex + mem_len(mem), x86_jmp_m64(b, mem), "jmp %s", mem_text(m, sizeof m, "qword ptr ", mem));
    }
    EXPECT(4, x86_jmp_m64(b, x86_mem_base_index(X86_R12, X86_RAX, 8, 0)), "jmp qword ptr [r12 + rax*8]");
    /* no base register (x86_mem_index_disp: the low jump cache's probe, trampolines.c):
     * SIB base 101 with mod 00, a disp32 always, no REX.B */
    EXPECT(7, x86_jmp_m64(b, x86_mem_index_disp(X86_RAX, 8, 0x40001008)), "jmp qword ptr [rax*8 + 0x40001008]");
    EXPECT(8, x86_cmp_r64_m64(b, X86_RDX, x86_mem_index_disp(X86_RAX, 8, 0x40001000)),
           "cmp rdx, qword ptr [rax*8 + 0x40001000]");
    EXPECT(8, x86_cmp_r64_m64(b, X86_R13, x86_mem_index_disp(X86_R9, 8, 0)), "cmp r13, qword ptr [r9*8]");
    EXPECT(8, x86_mov_r64_m64(b, X86_RAX, x86_mem_index_disp(X86_R12, 2, 16)), "mov rax, qword ptr [r12*2 + 0x10]");
    EXPECT(1, x86_ret(b), "ret");
    EXPECT(1, x86_int3(b), "int3");
    EXPECT(2, x86_ud2(b), "ud2");
    EXPECT(1, x86_nop(b), "nop");
    DONE();
}

static void test_nops_and_align(void **state)
{
    (void)state;
    static const char *const one[10] = {
        "", "nop", "nop", "nop dword ptr [rax]", "nop dword ptr [rax]", "nop dword ptr [rax + rax]",
        "nop word ptr [rax + rax]", "nop dword ptr [rax]", "nop dword ptr [rax + rax]", "nop word ptr [rax + rax]",
    };
    for (unsigned n = 1; n <= 9; n++) EXPECT((int)n, x86_nop_n(b, n), "%s", one[n]);
    /* longer runs: as many 9-byte nops as fit, then the remainder */
    EXPECT(10, x86_nop_n(b, 10), "nop word ptr [rax + rax]; nop");
    EXPECT(20, x86_nop_n(b, 20), "nop word ptr [rax + rax]; nop word ptr [rax + rax]; nop");
    EXPECT(0, x86_nop_n(b, 0), "");

    /* align: from every misalignment to 16, and nothing when already aligned */
    for (unsigned start = 0; start < 16; start++) {
        struct x86_buf buf = fresh_buf(sizeof code);
        buf.cur = buf.start = (uint8_t *)(((uintptr_t)code + 15) & ~(uintptr_t)15) + start;
        assert_true(x86_align(&buf, 16));
        assert_int_equal((uintptr_t)buf.cur % 16, 0);
        assert_int_equal(buf.cur - buf.start, (16 - start) % 16);
        char got[200];
        assert_int_equal(disasm(buf.start, (size_t)(buf.cur - buf.start), ADDR, got, sizeof got),
                         (size_t)(buf.cur - buf.start));
        cases++;
    }
    DONE();
}

/* ---- SSE2 scalar ------------------------------------------------------------------- */

typedef bool (*xx_fn)(struct x86_buf *, enum x86_xmm, enum x86_xmm);

static void test_sse_xx(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        xx_fn f;
        int len; /* with xmm0-7 only; +1 for a REX */
    } ops[] = {
        {"addsd", x86_addsd_x_x, 4},     {"subsd", x86_subsd_x_x, 4},     {"mulsd", x86_mulsd_x_x, 4},
        {"divsd", x86_divsd_x_x, 4},     {"sqrtsd", x86_sqrtsd_x_x, 4},   {"minsd", x86_minsd_x_x, 4},
        {"maxsd", x86_maxsd_x_x, 4},     {"addss", x86_addss_x_x, 4},     {"subss", x86_subss_x_x, 4},
        {"mulss", x86_mulss_x_x, 4},     {"divss", x86_divss_x_x, 4},     {"sqrtss", x86_sqrtss_x_x, 4},
        {"minss", x86_minss_x_x, 4},     {"maxss", x86_maxss_x_x, 4},     {"ucomisd", x86_ucomisd_x_x, 4},
        {"ucomiss", x86_ucomiss_x_x, 3}, {"comisd", x86_comisd_x_x, 4},   {"comiss", x86_comiss_x_x, 3},
        {"cvtsd2ss", x86_cvtsd2ss_x_x, 4}, {"cvtss2sd", x86_cvtss2sd_x_x, 4}, {"andpd", x86_andpd_x_x, 4},
        {"andnpd", x86_andnpd_x_x, 4},   {"orpd", x86_orpd_x_x, 4},       {"xorpd", x86_xorpd_x_x, 4},
        {"movapd", x86_movapd_x_x, 4},   {"pcmpeqd", x86_pcmpeqd_x_x, 4},
    };
    for (size_t op = 0; op < sizeof ops / sizeof ops[0]; op++) {
        /* every register in each position, against a partner from the other half */
        for (int r = 0; r < 16; r++) {
            int o = (r + 9) % 16;
            int rex = (r >= 8 || o >= 8);
            EXPECT(ops[op].len + rex, ops[op].f(b, (enum x86_xmm)r, (enum x86_xmm)o), "%s %s, %s", ops[op].name, xmm[r],
                   xmm[o]);
            EXPECT(ops[op].len + rex, ops[op].f(b, (enum x86_xmm)o, (enum x86_xmm)r), "%s %s, %s", ops[op].name, xmm[o],
                   xmm[r]);
        }
    }
    DONE();
}

/* psllq/psrlq xmm, imm8 (66 [REX] 0F 73 /6 or /2 ib): 5 bytes, 6 with a REX */
static void test_sse_shift_imm(void **state)
{
    (void)state;
    for (int x = 0; x < 16; x++) {
        EXPECT(5 + (x >= 8), x86_psllq_x_imm8(b, (enum x86_xmm)x, 52), "psllq %s, 0x34", xmm[x]);
        EXPECT(5 + (x >= 8), x86_psrlq_x_imm8(b, (enum x86_xmm)x, 1), "psrlq %s, 1", xmm[x]);
    }
    DONE();
}

/* xchg [m], r; lock xadd [m], r; lock cmpxchg [m], r: 64- and 32-bit, every register */
static void test_atomic_rmw(void **state)
{
    (void)state;
    char m[80];
    for (int r = 0; r < 16; r++) {
        int base = (r + 5) % 16, index = (r + 9) % 16;
        if (index == X86_RSP) index = X86_RBX;
        struct x86_mem mem = x86_mem_base_index((enum x86_reg)base, (enum x86_reg)index, 1, 0x41000);
        int rex32 = (r >= 8 || base >= 8 || index >= 8) ? 1 : 0;
        EXPECT(2 + mem_len(mem), x86_xchg_m_r(b, true, mem, (enum x86_reg)r), "xchg %s, %s",
               mem_text(m, sizeof m, "qword ptr ", mem), r64[r]);
        EXPECT(1 + rex32 + mem_len(mem), x86_xchg_m_r(b, false, mem, (enum x86_reg)r), "xchg %s, %s",
               mem_text(m, sizeof m, "dword ptr ", mem), r32[r]);
        EXPECT(4 + mem_len(mem), x86_lock_xadd_m_r(b, true, mem, (enum x86_reg)r), "lock xadd %s, %s",
               mem_text(m, sizeof m, "qword ptr ", mem), r64[r]);
        EXPECT(3 + rex32 + mem_len(mem), x86_lock_xadd_m_r(b, false, mem, (enum x86_reg)r), "lock xadd %s, %s",
               mem_text(m, sizeof m, "dword ptr ", mem), r32[r]);
        EXPECT(4 + mem_len(mem), x86_lock_cmpxchg_m_r(b, true, mem, (enum x86_reg)r), "lock cmpxchg %s, %s",
               mem_text(m, sizeof m, "qword ptr ", mem), r64[r]);
        EXPECT(3 + rex32 + mem_len(mem), x86_lock_cmpxchg_m_r(b, false, mem, (enum x86_reg)r), "lock cmpxchg %s, %s",
               mem_text(m, sizeof m, "dword ptr ", mem), r32[r]);
    }
    DONE();
}

static void test_sse_gpr(void **state)
{
    (void)state;
    typedef bool (*xr_fn)(struct x86_buf *, enum x86_xmm, enum x86_reg);
    typedef bool (*rx_fn)(struct x86_buf *, enum x86_reg, enum x86_xmm);
    static const struct {
        const char *name;
        xr_fn f;
        bool w64;
    } to_x[] = {
        {"movq", x86_movq_x_r64, true},           {"movd", x86_movd_x_r32, false},
        {"cvtsi2sd", x86_cvtsi2sd_x_r64, true},   {"cvtsi2sd", x86_cvtsi2sd_x_r32, false},
        {"cvtsi2ss", x86_cvtsi2ss_x_r64, true},   {"cvtsi2ss", x86_cvtsi2ss_x_r32, false},
    };
    static const struct {
        const char *name;
        rx_fn f;
        bool w64;
    } from_x[] = {
        {"movq", x86_movq_r64_x, true},           {"movd", x86_movd_r32_x, false},
        {"cvttsd2si", x86_cvttsd2si_r64_x, true}, {"cvttsd2si", x86_cvttsd2si_r32_x, false},
        {"cvtsd2si", x86_cvtsd2si_r64_x, true},   {"cvtsd2si", x86_cvtsd2si_r32_x, false},
        {"cvttss2si", x86_cvttss2si_r64_x, true}, {"cvttss2si", x86_cvttss2si_r32_x, false},
        {"cvtss2si", x86_cvtss2si_r64_x, true},   {"cvtss2si", x86_cvtss2si_r32_x, false},
    };
    for (int x = 0; x < 16; x++) {
        for (int r = 0; r < 16; r++) {
            for (size_t op = 0; op < sizeof to_x / sizeof to_x[0]; op++) {
                int len = 4 + (to_x[op].w64 || x >= 8 || r >= 8);
                EXPECT(len, to_x[op].f(b, (enum x86_xmm)x, (enum x86_reg)r), "%s %s, %s", to_x[op].name, xmm[x],
                       to_x[op].w64 ? r64[r] : r32[r]);
            }
            for (size_t op = 0; op < sizeof from_x / sizeof from_x[0]; op++) {
                int len = 4 + (from_x[op].w64 || x >= 8 || r >= 8);
                EXPECT(len, from_x[op].f(b, (enum x86_reg)r, (enum x86_xmm)x), "%s %s, %s", from_x[op].name,
                       from_x[op].w64 ? r64[r] : r32[r], xmm[x]);
            }
        }
    }
    DONE();
}

static void test_sse_mem(void **state)
{
    (void)state;
    char m[80];
    for (int x = 0; x < 16; x++) {
        int base = 15 - x;
        struct x86_mem mem = x86_mem_base_disp((enum x86_reg)base, 8 * x - 64);
        int len = 3 + (x >= 8 || base >= 8) + mem_len(mem);
        EXPECT(len, x86_movsd_x_m64(b, (enum x86_xmm)x, mem), "movsd %s, %s", xmm[x],
               mem_text(m, sizeof m, "qword ptr ", mem));
        EXPECT(len, x86_movsd_m64_x(b, mem, (enum x86_xmm)x), "movsd %s, %s", mem_text(m, sizeof m, "qword ptr ", mem),
               xmm[x]);
        EXPECT(len, x86_movss_x_m32(b, (enum x86_xmm)x, mem), "movss %s, %s", xmm[x],
               mem_text(m, sizeof m, "dword ptr ", mem));
        EXPECT(len, x86_movss_m32_x(b, mem, (enum x86_xmm)x), "movss %s, %s", mem_text(m, sizeof m, "dword ptr ", mem),
               xmm[x]);
    }
    /* the prefix goes before REX: F2 41 0F 10 04 24 */
    EXPECT(6, x86_movsd_x_m64(b, X86_XMM0, x86_mem_base(X86_R12)), "movsd xmm0, qword ptr [r12]");
    EXPECT(7, x86_movsd_x_m64(b, X86_XMM15, x86_mem_base_index(X86_R13, X86_R14, 8, 0)),
           "movsd xmm15, qword ptr [r13 + r14*8]");
    EXPECT(7, x86_stmxcsr_m32(b, x86_mem_base_disp(X86_RBP, 0x100)), "stmxcsr dword ptr [rbp + 0x100]");
    EXPECT(4, x86_ldmxcsr_m32(b, x86_mem_base(X86_R15)), "ldmxcsr dword ptr [r15]");
    DONE();
}

/* ---- overflow: running out of room is an ordinary, clean result -------------------- */

static void test_overflow(void **state)
{
    (void)state;
    struct x86_buf b = fresh_buf(3);
    /* a 10-byte movabs does not fit: nothing written, overflow set */
    assert_false(x86_movabs_r64_imm64(&b, X86_RAX, 0x1122334455667788ull));
    assert_true(b.overflow);
    assert_ptr_equal(b.cur, code);
    for (size_t i = 0; i < sizeof code; i++) assert_int_equal(code[i], 0xaa);

    /* exactly full is fine; one more byte is not */
    b = fresh_buf(3);
    assert_true(x86_mov_r64_r64(&b, X86_RAX, X86_RCX));
    assert_false(b.overflow);
    assert_ptr_equal(b.cur, code + 3);
    assert_false(x86_ret(&b));
    assert_true(b.overflow);
    assert_int_equal(code[3], 0xaa);

    /* sticky: after a failure even an instruction that would fit is refused,
     * so the stream never has a hole in it */
    b = fresh_buf(3);
    assert_false(x86_add_r64_imm32(&b, X86_RAX, 1000)); /* 7 bytes */
    assert_false(x86_ret(&b));
    assert_ptr_equal(b.cur, code);
    assert_int_equal(code[0], 0xaa);

    /* the patchable forms return NULL */
    b = fresh_buf(3);
    assert_null(x86_jmp_rel32(&b));
    b = fresh_buf(5);
    assert_null(x86_jcc_rel32(&b, X86_CC_E));
    assert_true(b.overflow);
    assert_non_null(x86_jmp_rel32(&(struct x86_buf){code, code, code + 5, false}));

    /* nops are all or nothing too */
    b = fresh_buf(3);
    memset(code, 0xaa, sizeof code);
    assert_false(x86_nop_n(&b, 4));
    assert_int_equal(code[0], 0xaa);
    b = fresh_buf(sizeof code);
    b.start = b.cur = (uint8_t *)(((uintptr_t)code + 15) & ~(uintptr_t)15) + 1; /* needs 15 bytes of padding */
    b.end = b.cur + 14;
    assert_false(x86_align(&b, 16));
    assert_int_equal(b.cur[0], 0xaa);

    /* every form in a 0-byte buffer fails without writing (a sample of each helper) */
    b = fresh_buf(0);
    assert_false(x86_mov_r64_m64(&b, X86_RAX, x86_mem_base(X86_RSP)));
    b = fresh_buf(0);
    assert_false(x86_movsd_x_m64(&b, X86_XMM0, x86_mem_rip(0)));
    b = fresh_buf(0);
    assert_false(x86_push_r64(&b, X86_R15));
    b = fresh_buf(0);
    assert_false(x86_mov_r64_imm64(&b, X86_RAX, 0));
    b = fresh_buf(0);
    assert_null(x86_call_rel32(&b));
    assert_int_equal(code[0], 0xaa);
    cases += 10;
}

/* ---- rel32 patching: the decoded target is where we aimed ------------------------- */

/* Target of the single jmp/jcc/call at p (executing at addr), per capstone. */
static uint64_t branch_target(const uint8_t *p, size_t n, uint64_t addr)
{
    cs_insn *insn;
    size_t count = cs_disasm(cs, p, n, addr, 1, &insn);
    assert_int_equal(count, 1);
    assert_int_equal(insn[0].detail->x86.op_count, 1);
    assert_int_equal(insn[0].detail->x86.operands[0].type, X86_OP_IMM);
    uint64_t t = (uint64_t)insn[0].detail->x86.operands[0].imm;
    cs_free(insn, count);
    return t;
}

static void test_patch_rel32(void **state)
{
    (void)state;
    cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);

    /* forward and backward, single mapping (the address is the real one) */
    struct x86_buf b = fresh_buf(sizeof code);
    x86_nop_n(&b, 32);
    uint8_t *insn = b.cur;
    uint8_t *disp = x86_jcc_rel32(&b, X86_CC_NE);
    assert_ptr_equal(disp, insn + 2);
    assert_true(x86_patch_rel32(disp, disp, code + 200));
    assert_int_equal(branch_target(insn, 6, (uintptr_t)insn), (uintptr_t)(code + 200));
    assert_true(x86_patch_rel32(disp, disp, code));
    assert_int_equal(branch_target(insn, 6, (uintptr_t)insn), (uintptr_t)code);
    assert_true(x86_patch_rel32(disp, disp, insn + 6)); /* to the next instruction: 0 */
    assert_int_equal(disp[0] | disp[1] | disp[2] | disp[3], 0);

    insn = b.cur;
    disp = x86_jmp_rel32(&b);
    assert_ptr_equal(disp, insn + 1);
    assert_true(x86_patch_rel32(disp, disp, insn));
    assert_int_equal(branch_target(insn, 5, (uintptr_t)insn), (uintptr_t)insn); /* jmp to itself: -5 */
    insn = b.cur;
    disp = x86_call_rel32(&b);
    assert_true(x86_patch_rel32(disp, disp, code + 3));
    assert_int_equal(branch_target(insn, 5, (uintptr_t)insn), (uintptr_t)(code + 3));

    /* two views of the same code, as in the W^X code cache: write through
     * one, the displacement is computed for where it executes */
    const uint64_t rx = 0x7f0000400000ull; /* pretend execute view */
    b = fresh_buf(sizeof code);
    insn = b.cur;
    disp = x86_jmp_rel32(&b);
    uint64_t disp_rx = rx + (uint64_t)(disp - code);
    assert_true(x86_patch_rel32(disp, (const uint8_t *)(uintptr_t)disp_rx, (const uint8_t *)(uintptr_t)(rx + 0x1000)));
    assert_int_equal(branch_target(insn, 5, rx), rx + 0x1000);
    assert_true(x86_patch_rel32(disp, (const uint8_t *)(uintptr_t)disp_rx, (const uint8_t *)(uintptr_t)(rx - 0x7ffffffbull)));
    assert_int_equal(branch_target(insn, 5, rx), rx - 0x7ffffffbull); /* INT32_MIN exactly */

    /* out of range: refused, displacement untouched */
    uint8_t before[4];
    memcpy(before, disp, 4);
    const uint64_t end_rx = disp_rx + 4; /* rel32 counts from here */
    assert_true(x86_patch_rel32(disp, (const uint8_t *)(uintptr_t)disp_rx,
                                (const uint8_t *)(uintptr_t)(end_rx + 0x7fffffffull)));
    assert_int_equal(branch_target(insn, 5, rx), end_rx + 0x7fffffffull); /* INT32_MAX exactly */
    memcpy(before, disp, 4);
    assert_false(x86_patch_rel32(disp, (const uint8_t *)(uintptr_t)disp_rx,
                                 (const uint8_t *)(uintptr_t)(end_rx + 0x80000000ull)));
    assert_false(x86_patch_rel32(disp, (const uint8_t *)(uintptr_t)disp_rx,
                                 (const uint8_t *)(uintptr_t)(end_rx - 0x80000001ull)));
    assert_memory_equal(disp, before, 4);

    cs_option(cs, CS_OPT_DETAIL, CS_OPT_OFF);
    cases += 9;
}

/* The worked example of docs/x86-encoder.md, byte for byte. */
/* ---- labels: forward and backward jumps land on the bound position ------------- */

static void test_labels(void **state)
{
    (void)state;
    cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
    struct x86_buf b = fresh_buf(sizeof code);

    /* forward: a jcc and a jmp emitted before the label is bound, both patched by the bind */
    struct x86_label fwd = x86_label();
    uint8_t *jcc = b.cur;
    assert_non_null(x86_jcc_label(&b, X86_CC_E, &fwd));
    x86_nop_n(&b, 7);
    uint8_t *jmp = b.cur;
    assert_non_null(x86_jmp_label(&b, &fwd));
    x86_nop_n(&b, 3);
    assert_true(x86_label_used(&fwd));
    uint8_t *target = b.cur;
    x86_bind(&b, &fwd);
    assert_int_equal(branch_target(jcc, 6, (uintptr_t)jcc), (uintptr_t)target);
    assert_int_equal(branch_target(jmp, 5, (uintptr_t)jmp), (uintptr_t)target);

    /* backward: a label bound first; the jump gets its displacement at once */
    x86_nop_n(&b, 5);
    uint8_t *back = b.cur;
    assert_non_null(x86_jmp_label(&b, &fwd));
    assert_int_equal(branch_target(back, 5, (uintptr_t)back), (uintptr_t)target);
    struct x86_label here = x86_label_here(&b);
    x86_nop_n(&b, 2);
    uint8_t *self = b.cur;
    assert_non_null(x86_jcc_label(&b, X86_CC_NE, &here));
    assert_int_equal(branch_target(self, 6, (uintptr_t)self), (uintptr_t)(self - 2));

    /* bound to an earlier position after a forward jump (a jump "back" decided late) */
    struct x86_label late = x86_label();
    uint8_t *late_jmp = b.cur;
    x86_jmp_label(&b, &late);
    x86_bind_to(&b, &late, code + 1);
    assert_int_equal(branch_target(late_jmp, 5, (uintptr_t)late_jmp), (uintptr_t)(code + 1));

    /* a jump to the very next instruction has displacement 0 */
    struct x86_label next = x86_label();
    uint8_t *disp = x86_jmp_label(&b, &next);
    x86_bind(&b, &next);
    assert_int_equal(disp[0] | disp[1] | disp[2] | disp[3], 0);

    /* out of room: nothing emitted, nothing remembered, the bind patches nothing */
    b = fresh_buf(4);
    struct x86_label lost = x86_label();
    assert_null(x86_jmp_label(&b, &lost));
    assert_false(x86_label_used(&lost));
    x86_bind(&b, &lost);
    assert_int_equal(code[0], 0xaa);

    cs_option(cs, CS_OPT_DETAIL, CS_OPT_OFF);
    cases += 7;
}

static void test_worked_example(void **state)
{
    (void)state;
    static const uint8_t want[] = {0xf2, 0x47, 0x0f, 0x10, 0x7c, 0xf5, 0x00};
    struct x86_buf b = fresh_buf(sizeof code);
    assert_true(x86_movsd_x_m64(&b, X86_XMM15, x86_mem_base_index(X86_R13, X86_R14, 8, 0)));
    assert_int_equal(b.cur - b.start, sizeof want);
    assert_memory_equal(b.start, want, sizeof want);
    check(__LINE__, &b, true, 7, "movsd xmm15, qword ptr [r13 + r14*8]");
    DONE();
}

/* A short sequence, as the translator emits it, decodes as a whole. */
static void test_sequence(void **state)
{
    (void)state;
    struct x86_buf b = fresh_buf(sizeof code);
    assert_true(x86_mov_r64_m64(&b, X86_RAX, x86_mem_base_disp(X86_RBP, 0x58)));
    assert_true(x86_add_r32_imm32(&b, X86_RAX, -1));
    assert_true(x86_movsxd_r64_r32(&b, X86_RAX, X86_RAX));
    assert_true(x86_mov_m64_r64(&b, x86_mem_base_disp(X86_RBP, 0x58), X86_RAX));
    check(__LINE__, &b, true, 14,
          "mov rax, qword ptr [rbp + 0x58]; add eax, -1; movsxd rax, eax; mov qword ptr [rbp + 0x58], rax");
    DONE();
}

int main(void)
{
    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
        fprintf(stderr, "test_x86_emit: capstone cannot open x86-64\n");
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_mem_base_disp, setup),
        cmocka_unit_test_setup(test_mem_base_index, setup),
        cmocka_unit_test_setup(test_mem_rip, setup),
        cmocka_unit_test_setup(test_mov_reg_reg, setup),
        cmocka_unit_test_setup(test_mov_imm, setup),
        cmocka_unit_test_setup(test_loads_stores, setup),
        cmocka_unit_test_setup(test_alu_reg_reg, setup),
        cmocka_unit_test_setup(test_alu_reg_imm, setup),
        cmocka_unit_test_setup(test_unary_muldiv, setup),
        cmocka_unit_test_setup(test_shifts, setup),
        cmocka_unit_test_setup(test_setcc, setup),
        cmocka_unit_test_setup(test_bitmanip_ops, setup),
        cmocka_unit_test_setup(test_control, setup),
        cmocka_unit_test_setup(test_nops_and_align, setup),
        cmocka_unit_test_setup(test_sse_xx, setup),
        cmocka_unit_test_setup(test_sse_gpr, setup),
        cmocka_unit_test_setup(test_sse_mem, setup),
        cmocka_unit_test_setup(test_overflow, setup),
        cmocka_unit_test_setup(test_patch_rel32, setup),
        cmocka_unit_test_setup(test_labels, setup),
        cmocka_unit_test_setup(test_worked_example, setup),
        cmocka_unit_test_setup(test_sequence, setup),
        cmocka_unit_test_setup(test_sse_shift_imm, setup),
        cmocka_unit_test_setup(test_atomic_rmw, setup),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    printf("test_x86_emit: %u cases checked against capstone\n", cases);
    cs_close(&cs);
    return failed;
}
