/*
 * translator/x86_64/emit.c — x86-64 instruction encoding.
 *
 * Almost every x86-64 instruction the translator needs has the same shape:
 *
 *   [mandatory prefix] [REX] opcode(1-3 bytes) ModRM [SIB] [displacement] [immediate]
 *
 * so one function, encode(), builds that shape, and each public function
 * (one per instruction form, named after it) only supplies the opcode and
 * operands.  The rules encode() follows, each with its reason:
 *   - REX (0x40 | W R X B) is needed for 64-bit operand size (W) and to
 *     reach registers r8-r15 (R extends ModRM.reg, X the SIB index, B the
 *     ModRM.rm or SIB base); with byte registers it is also needed to name
 *     spl/bpl/sil/dil, which without REX would mean ah/ch/dh/bh.
 *   - ModRM.rm = 100 means "a SIB byte follows", so rsp/r12 as a base
 *     always need a SIB byte.
 *   - ModRM.mod = 00 with rm = 101 means RIP-relative, so rbp/r13 as a base
 *     with no displacement must be encoded as mod = 01 with disp8 = 0.
 *   - A displacement that fits in a signed byte uses the short disp8 form.
 */
#include "translator/x86_64/emit.h"

#include <string.h>

#define MAX_INSN_BYTES 16 /* longest form we emit, with margin */

enum { BYTE_REG = 1, BYTE_RM = 2 }; /* which operands are 8-bit registers */

/* An r/m operand: a register or a memory reference. */
struct rm {
    bool is_mem;
    int reg;
    struct x86_mem mem;
};

static struct rm rm_reg(int r) { return (struct rm){false, r, {X86_RAX, -1, 1, 0}}; }
static struct rm rm_mem(struct x86_mem m) { return (struct rm){true, 0, m}; }

/* Reserves room for one instruction; false (and overflow set) if there is none. */
static bool room(struct x86_buf *b)
{
    if (b->overflow || b->end - b->cur < MAX_INSN_BYTES) {
        b->overflow = true;
        return false;
    }
    return true;
}

static void put8(struct x86_buf *b, uint8_t v) { *b->cur++ = v; }
static void put32(struct x86_buf *b, uint32_t v)
{
    memcpy(b->cur, &v, 4);
    b->cur += 4;
}
static void put64(struct x86_buf *b, uint64_t v)
{
    memcpy(b->cur, &v, 8);
    b->cur += 8;
}
static bool fits8(int64_t v) { return v >= -128 && v <= 127; }

static void put_modrm_sib_disp(struct x86_buf *b, int reg, struct rm rm)
{
    if (!rm.is_mem) {
        put8(b, (uint8_t)(0xc0 | (reg & 7) << 3 | (rm.reg & 7)));
        return;
    }
    struct x86_mem m = rm.mem;
    int base = m.base & 7;
    int mod = (m.disp == 0 && base != 5) ? 0 : fits8(m.disp) ? 1 : 2;
    if (m.index < 0 && base != 4) {
        put8(b, (uint8_t)(mod << 6 | (reg & 7) << 3 | base));
    } else {
        int ss = m.scale == 8 ? 3 : m.scale == 4 ? 2 : m.scale == 2 ? 1 : 0;
        int index = m.index < 0 ? 4 : (m.index & 7); /* index 100 = none */
        put8(b, (uint8_t)(mod << 6 | (reg & 7) << 3 | 4));
        put8(b, (uint8_t)(ss << 6 | index << 3 | base));
    }
    if (mod == 1) put8(b, (uint8_t)(int8_t)m.disp);
    if (mod == 2) put32(b, (uint32_t)m.disp);
}

/* The common instruction shape.  `reg` is a register number or an opcode
 * extension (/digit). */
static void encode(struct x86_buf *b, uint8_t prefix, bool w, int byte_flags, const uint8_t *op, int oplen, int reg,
                   struct rm rm)
{
    uint8_t rex = (uint8_t)(0x40 | (w ? 8 : 0) | ((reg & 8) ? 4 : 0));
    if (rm.is_mem) {
        if (rm.mem.index >= 0 && (rm.mem.index & 8)) rex |= 2;
        if (rm.mem.base & 8) rex |= 1;
    } else if (rm.reg & 8) {
        rex |= 1;
    }
    bool need_rex = rex != 0x40 || ((byte_flags & BYTE_REG) && reg >= 4 && reg < 8) ||
                    ((byte_flags & BYTE_RM) && !rm.is_mem && rm.reg >= 4 && rm.reg < 8);
    if (prefix) put8(b, prefix);
    if (need_rex) put8(b, rex);
    for (int i = 0; i < oplen; i++) put8(b, op[i]);
    put_modrm_sib_disp(b, reg, rm);
}

#define OP1(x) (const uint8_t[]){x}, 1
#define OP2(x, y) (const uint8_t[]){x, y}, 2

/* ---- moves ------------------------------------------------------------------------ */

bool x86_mov_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src)
{
    if (!room(b)) return false;
    encode(b, 0, true, 0, OP1(0x89), src, rm_reg(dst));
    return true;
}

bool x86_mov_r32_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src)
{
    if (!room(b)) return false;
    encode(b, 0, false, 0, OP1(0x89), src, rm_reg(dst));
    return true;
}

bool x86_mov_r64_imm64(struct x86_buf *b, enum x86_reg dst, uint64_t imm)
{
    if (!room(b)) return false;
    if (imm <= 0xffffffffu) { /* mov r32, imm32: the upper half is zeroed (flags untouched, unlike xor) */
        if (dst & 8) put8(b, 0x41);
        put8(b, (uint8_t)(0xb8 + (dst & 7)));
        put32(b, (uint32_t)imm);
    } else if ((int64_t)imm == (int32_t)imm) { /* mov r/m64, simm32 */
        encode(b, 0, true, 0, OP1(0xc7), 0, rm_reg(dst));
        put32(b, (uint32_t)imm);
    } else { /* movabs r64, imm64 */
        put8(b, (uint8_t)(0x48 | ((dst & 8) ? 1 : 0)));
        put8(b, (uint8_t)(0xb8 + (dst & 7)));
        put64(b, imm);
    }
    return true;
}

#define MEM_FORM(name, prefix, w, flags, opcode_bytes, regarg, memarg)                    \
    bool name                                                                             \
    {                                                                                     \
        if (!room(b)) return false;                                                       \
        encode(b, prefix, w, flags, opcode_bytes, regarg, rm_mem(memarg));                \
        return true;                                                                      \
    }

MEM_FORM(x86_mov_r64_m64(struct x86_buf *b, enum x86_reg dst, struct x86_mem m), 0, true, 0, OP1(0x8b), dst, m)
MEM_FORM(x86_mov_r32_m32(struct x86_buf *b, enum x86_reg dst, struct x86_mem m), 0, false, 0, OP1(0x8b), dst, m)
MEM_FORM(x86_mov_m64_r64(struct x86_buf *b, struct x86_mem m, enum x86_reg src), 0, true, 0, OP1(0x89), src, m)
MEM_FORM(x86_mov_m32_r32(struct x86_buf *b, struct x86_mem m, enum x86_reg src), 0, false, 0, OP1(0x89), src, m)
MEM_FORM(x86_mov_m16_r16(struct x86_buf *b, struct x86_mem m, enum x86_reg src), 0x66, false, 0, OP1(0x89), src, m)
MEM_FORM(x86_mov_m8_r8(struct x86_buf *b, struct x86_mem m, enum x86_reg src), 0, false, BYTE_REG, OP1(0x88), src, m)
MEM_FORM(x86_movzx_r32_m8(struct x86_buf *b, enum x86_reg dst, struct x86_mem m), 0, false, 0, OP2(0x0f, 0xb6), dst, m)
MEM_FORM(x86_movzx_r32_m16(struct x86_buf *b, enum x86_reg dst, struct x86_mem m), 0, false, 0, OP2(0x0f, 0xb7), dst, m)
MEM_FORM(x86_movsx_r64_m8(struct x86_buf *b, enum x86_reg dst, struct x86_mem m), 0, true, 0, OP2(0x0f, 0xbe), dst, m)
MEM_FORM(x86_movsx_r64_m16(struct x86_buf *b, enum x86_reg dst, struct x86_mem m), 0, true, 0, OP2(0x0f, 0xbf), dst, m)
MEM_FORM(x86_movsxd_r64_m32(struct x86_buf *b, enum x86_reg dst, struct x86_mem m), 0, true, 0, OP1(0x63), dst, m)
MEM_FORM(x86_lea_r64_m(struct x86_buf *b, enum x86_reg dst, struct x86_mem m), 0, true, 0, OP1(0x8d), dst, m)
MEM_FORM(x86_cmp_r64_m64(struct x86_buf *b, enum x86_reg a, struct x86_mem m), 0, true, 0, OP1(0x3b), a, m)
MEM_FORM(x86_jmp_m64(struct x86_buf *b, struct x86_mem m), 0, false, 0, OP1(0xff), 4, m)

bool x86_mov_m64_imm32(struct x86_buf *b, struct x86_mem m, int32_t imm)
{
    if (!room(b)) return false;
    encode(b, 0, true, 0, OP1(0xc7), 0, rm_mem(m));
    put32(b, (uint32_t)imm);
    return true;
}

bool x86_movsxd_r64_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src)
{
    if (!room(b)) return false;
    encode(b, 0, true, 0, OP1(0x63), dst, rm_reg(src));
    return true;
}

bool x86_movzx_r32_r8(struct x86_buf *b, enum x86_reg dst, enum x86_reg src)
{
    if (!room(b)) return false;
    encode(b, 0, false, BYTE_RM, OP2(0x0f, 0xb6), dst, rm_reg(src));
    return true;
}

/* ---- ALU: "op r/m, reg" forms and the 0x81/0x83 immediate group -------------------- */

static bool alu_rr(struct x86_buf *b, uint8_t opcode, bool w, enum x86_reg dst, enum x86_reg src)
{
    if (!room(b)) return false;
    encode(b, 0, w, 0, &opcode, 1, src, rm_reg(dst));
    return true;
}

/* Group 1 with an immediate: /digit selects the operation; imm8 when it fits. */
static bool alu_imm(struct x86_buf *b, int digit, bool w, struct rm dst, int32_t imm)
{
    if (!room(b)) return false;
    if (fits8(imm)) {
        encode(b, 0, w, 0, OP1(0x83), digit, dst);
        put8(b, (uint8_t)(int8_t)imm);
    } else {
        encode(b, 0, w, 0, OP1(0x81), digit, dst);
        put32(b, (uint32_t)imm);
    }
    return true;
}

enum { ALU_ADD = 0, ALU_OR = 1, ALU_AND = 4, ALU_SUB = 5, ALU_XOR = 6, ALU_CMP = 7 };

bool x86_add_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_rr(b, 0x01, true, d, s); }
bool x86_or_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_rr(b, 0x09, true, d, s); }
bool x86_and_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_rr(b, 0x21, true, d, s); }
bool x86_sub_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_rr(b, 0x29, true, d, s); }
bool x86_xor_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_rr(b, 0x31, true, d, s); }
bool x86_cmp_r64_r64(struct x86_buf *b, enum x86_reg a, enum x86_reg c) { return alu_rr(b, 0x39, true, a, c); }
bool x86_test_r64_r64(struct x86_buf *b, enum x86_reg a, enum x86_reg c) { return alu_rr(b, 0x85, true, a, c); }
bool x86_add_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_rr(b, 0x01, false, d, s); }
bool x86_sub_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_rr(b, 0x29, false, d, s); }
bool x86_xor_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_rr(b, 0x31, false, d, s); }
bool x86_test_r32_r32(struct x86_buf *b, enum x86_reg a, enum x86_reg c) { return alu_rr(b, 0x85, false, a, c); }

bool x86_add_r64_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_imm(b, ALU_ADD, true, rm_reg(d), i); }
bool x86_sub_r64_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_imm(b, ALU_SUB, true, rm_reg(d), i); }
bool x86_and_r64_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_imm(b, ALU_AND, true, rm_reg(d), i); }
bool x86_or_r64_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_imm(b, ALU_OR, true, rm_reg(d), i); }
bool x86_xor_r64_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_imm(b, ALU_XOR, true, rm_reg(d), i); }
bool x86_cmp_r64_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_imm(b, ALU_CMP, true, rm_reg(d), i); }
bool x86_add_r32_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_imm(b, ALU_ADD, false, rm_reg(d), i); }
bool x86_and_r32_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_imm(b, ALU_AND, false, rm_reg(d), i); }
bool x86_add_m64_imm32(struct x86_buf *b, struct x86_mem m, int32_t i) { return alu_imm(b, ALU_ADD, true, rm_mem(m), i); }

bool x86_cmp_m8_imm8(struct x86_buf *b, struct x86_mem m, int8_t imm)
{
    if (!room(b)) return false;
    encode(b, 0, false, 0, OP1(0x80), ALU_CMP, rm_mem(m));
    put8(b, (uint8_t)imm);
    return true;
}

bool x86_cmp_m32_imm32(struct x86_buf *b, struct x86_mem m, int32_t i) { return alu_imm(b, ALU_CMP, false, rm_mem(m), i); }
bool x86_and_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_rr(b, 0x21, false, d, s); }

bool x86_mov_m32_imm32(struct x86_buf *b, struct x86_mem m, int32_t imm)
{
    if (!room(b)) return false;
    encode(b, 0, false, 0, OP1(0xc7), 0, rm_mem(m));
    put32(b, (uint32_t)imm);
    return true;
}

bool x86_imul_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src)
{
    if (!room(b)) return false;
    encode(b, 0, true, 0, OP2(0x0f, 0xaf), dst, rm_reg(src));
    return true;
}

bool x86_imul_r32_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src)
{
    if (!room(b)) return false;
    encode(b, 0, false, 0, OP2(0x0f, 0xaf), dst, rm_reg(src));
    return true;
}

/* Group 3 (F7 /digit): not, neg, and the one-operand mul/imul/div/idiv on rdx:rax. */
static bool group3(struct x86_buf *b, int digit, bool w, enum x86_reg r)
{
    if (!room(b)) return false;
    encode(b, 0, w, 0, OP1(0xf7), digit, rm_reg(r));
    return true;
}
bool x86_not_r64(struct x86_buf *b, enum x86_reg r) { return group3(b, 2, true, r); }
bool x86_neg_r64(struct x86_buf *b, enum x86_reg r) { return group3(b, 3, true, r); }
bool x86_neg_r32(struct x86_buf *b, enum x86_reg r) { return group3(b, 3, false, r); }
bool x86_mul_r64(struct x86_buf *b, enum x86_reg r) { return group3(b, 4, true, r); }
bool x86_imul_r64(struct x86_buf *b, enum x86_reg r) { return group3(b, 5, true, r); }
bool x86_div_r64(struct x86_buf *b, enum x86_reg r) { return group3(b, 6, true, r); }
bool x86_idiv_r64(struct x86_buf *b, enum x86_reg r) { return group3(b, 7, true, r); }
bool x86_div_r32(struct x86_buf *b, enum x86_reg r) { return group3(b, 6, false, r); }
bool x86_idiv_r32(struct x86_buf *b, enum x86_reg r) { return group3(b, 7, false, r); }

bool x86_cqo(struct x86_buf *b)
{
    if (!room(b)) return false;
    put8(b, 0x48);
    put8(b, 0x99);
    return true;
}

bool x86_cdq(struct x86_buf *b)
{
    if (!room(b)) return false;
    put8(b, 0x99);
    return true;
}

bool x86_cmp_r32_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_imm(b, ALU_CMP, false, rm_reg(d), i); }

/* ---- shifts: group 2, /4 shl, /5 shr, /7 sar; C1 by imm8, D3 by cl ------------------ */

enum { SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };

static bool shift_imm(struct x86_buf *b, int digit, bool w, enum x86_reg r, uint8_t n)
{
    if (!room(b)) return false;
    encode(b, 0, w, 0, OP1(0xc1), digit, rm_reg(r));
    put8(b, n);
    return true;
}

static bool shift_cl(struct x86_buf *b, int digit, bool w, enum x86_reg r)
{
    if (!room(b)) return false;
    encode(b, 0, w, 0, OP1(0xd3), digit, rm_reg(r));
    return true;
}

bool x86_shl_r64_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n) { return shift_imm(b, SH_SHL, true, r, n); }
bool x86_shr_r64_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n) { return shift_imm(b, SH_SHR, true, r, n); }
bool x86_sar_r64_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n) { return shift_imm(b, SH_SAR, true, r, n); }
bool x86_shl_r32_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n) { return shift_imm(b, SH_SHL, false, r, n); }
bool x86_shr_r32_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n) { return shift_imm(b, SH_SHR, false, r, n); }
bool x86_sar_r32_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n) { return shift_imm(b, SH_SAR, false, r, n); }
bool x86_shl_r64_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_SHL, true, r); }
bool x86_shr_r64_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_SHR, true, r); }
bool x86_sar_r64_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_SAR, true, r); }
bool x86_shl_r32_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_SHL, false, r); }
bool x86_shr_r32_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_SHR, false, r); }
bool x86_sar_r32_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_SAR, false, r); }

bool x86_setcc_r8(struct x86_buf *b, enum x86_cond cc, enum x86_reg r)
{
    if (!room(b)) return false;
    encode(b, 0, false, BYTE_RM, OP2(0x0f, (uint8_t)(0x90 + cc)), 0, rm_reg(r));
    return true;
}

/* ---- control flow ----------------------------------------------------------------- */

uint8_t *x86_jmp_rel32(struct x86_buf *b)
{
    if (!room(b)) return NULL;
    put8(b, 0xe9);
    uint8_t *disp = b->cur;
    put32(b, 0);
    return disp;
}

uint8_t *x86_jcc_rel32(struct x86_buf *b, enum x86_cond cc)
{
    if (!room(b)) return NULL;
    put8(b, 0x0f);
    put8(b, (uint8_t)(0x80 + cc));
    uint8_t *disp = b->cur;
    put32(b, 0);
    return disp;
}

void x86_patch_rel32(uint8_t *disp_rw, const uint8_t *disp_rx, const uint8_t *target_rx)
{
    /* relative to the end of the displacement, which is the end of the instruction */
    int32_t rel = (int32_t)(target_rx - (disp_rx + 4));
    memcpy(disp_rw, &rel, 4);
}

bool x86_jmp_r64(struct x86_buf *b, enum x86_reg r)
{
    if (!room(b)) return false;
    encode(b, 0, false, 0, OP1(0xff), 4, rm_reg(r));
    return true;
}

bool x86_call_r64(struct x86_buf *b, enum x86_reg r)
{
    if (!room(b)) return false;
    encode(b, 0, false, 0, OP1(0xff), 2, rm_reg(r));
    return true;
}

bool x86_push_r64(struct x86_buf *b, enum x86_reg r)
{
    if (!room(b)) return false;
    if (r & 8) put8(b, 0x41);
    put8(b, (uint8_t)(0x50 + (r & 7)));
    return true;
}

bool x86_pop_r64(struct x86_buf *b, enum x86_reg r)
{
    if (!room(b)) return false;
    if (r & 8) put8(b, 0x41);
    put8(b, (uint8_t)(0x58 + (r & 7)));
    return true;
}

bool x86_ret(struct x86_buf *b)
{
    if (!room(b)) return false;
    put8(b, 0xc3);
    return true;
}

bool x86_int3(struct x86_buf *b)
{
    if (!room(b)) return false;
    put8(b, 0xcc);
    return true;
}

bool x86_align(struct x86_buf *b, unsigned align)
{
    while ((uintptr_t)b->cur % align) {
        if (!room(b)) return false;
        put8(b, 0x90);
    }
    return true;
}

/* ---- SSE2 scalar: mandatory prefix (F2 = double, F3 = single, 66), then 0F xx ---------- */

static bool sse(struct x86_buf *b, uint8_t prefix, bool w, uint8_t opcode, int reg, struct rm rm)
{
    if (!room(b)) return false;
    encode(b, prefix, w, 0, OP2(0x0f, opcode), reg, rm);
    return true;
}

bool x86_movsd_x_m64(struct x86_buf *b, enum x86_xmm d, struct x86_mem m) { return sse(b, 0xf2, false, 0x10, d, rm_mem(m)); }
bool x86_movsd_m64_x(struct x86_buf *b, struct x86_mem m, enum x86_xmm s) { return sse(b, 0xf2, false, 0x11, s, rm_mem(m)); }
bool x86_movss_x_m32(struct x86_buf *b, enum x86_xmm d, struct x86_mem m) { return sse(b, 0xf3, false, 0x10, d, rm_mem(m)); }
bool x86_movss_m32_x(struct x86_buf *b, struct x86_mem m, enum x86_xmm s) { return sse(b, 0xf3, false, 0x11, s, rm_mem(m)); }
bool x86_movq_r64_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, 0x66, true, 0x7e, s, rm_reg(d)); }
bool x86_movq_x_r64(struct x86_buf *b, enum x86_xmm d, enum x86_reg s) { return sse(b, 0x66, true, 0x6e, d, rm_reg(s)); }
bool x86_addsd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, 0xf2, false, 0x58, d, rm_reg(s)); }
bool x86_mulsd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, 0xf2, false, 0x59, d, rm_reg(s)); }
bool x86_subsd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, 0xf2, false, 0x5c, d, rm_reg(s)); }
bool x86_divsd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, 0xf2, false, 0x5e, d, rm_reg(s)); }
bool x86_sqrtsd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, 0xf2, false, 0x51, d, rm_reg(s)); }
bool x86_addss_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, 0xf3, false, 0x58, d, rm_reg(s)); }
bool x86_mulss_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, 0xf3, false, 0x59, d, rm_reg(s)); }
bool x86_subss_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, 0xf3, false, 0x5c, d, rm_reg(s)); }
bool x86_divss_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, 0xf3, false, 0x5e, d, rm_reg(s)); }
bool x86_sqrtss_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, 0xf3, false, 0x51, d, rm_reg(s)); }
bool x86_ucomisd_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c) { return sse(b, 0x66, false, 0x2e, a, rm_reg(c)); }
bool x86_ucomiss_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c) { return sse(b, 0, false, 0x2e, a, rm_reg(c)); }
bool x86_comisd_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c) { return sse(b, 0x66, false, 0x2f, a, rm_reg(c)); }
bool x86_comiss_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c) { return sse(b, 0, false, 0x2f, a, rm_reg(c)); }
bool x86_cvtsi2sd_x_r64(struct x86_buf *b, enum x86_xmm d, enum x86_reg s) { return sse(b, 0xf2, true, 0x2a, d, rm_reg(s)); }
bool x86_cvtsi2sd_x_r32(struct x86_buf *b, enum x86_xmm d, enum x86_reg s) { return sse(b, 0xf2, false, 0x2a, d, rm_reg(s)); }
bool x86_movd_r32_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, 0x66, false, 0x7e, s, rm_reg(d)); }
bool x86_movd_x_r32(struct x86_buf *b, enum x86_xmm d, enum x86_reg s) { return sse(b, 0x66, false, 0x6e, d, rm_reg(s)); }
bool x86_cvttsd2si_r32_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, 0xf2, false, 0x2c, d, rm_reg(s)); }
bool x86_cvttsd2si_r64_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, 0xf2, true, 0x2c, d, rm_reg(s)); }
bool x86_cvtsd2si_r32_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, 0xf2, false, 0x2d, d, rm_reg(s)); }
bool x86_cvtsd2si_r64_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, 0xf2, true, 0x2d, d, rm_reg(s)); }
bool x86_cvtsd2ss_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, 0xf2, false, 0x5a, d, rm_reg(s)); }
bool x86_cvtss2sd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, 0xf3, false, 0x5a, d, rm_reg(s)); }
bool x86_stmxcsr_m32(struct x86_buf *b, struct x86_mem m) { return sse(b, 0, false, 0xae, 3, rm_mem(m)); }
bool x86_ldmxcsr_m32(struct x86_buf *b, struct x86_mem m) { return sse(b, 0, false, 0xae, 2, rm_mem(m)); }
