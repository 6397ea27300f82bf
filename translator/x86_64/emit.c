/*
 * translator/x86_64/emit.c — x86-64 instruction encoding for the translator.
 *
 * Nearly every form the translator needs has the same shape:
 *
 *   [mandatory prefix] [REX] opcode (1-2 bytes) ModRM [SIB] [disp8/disp32] [imm8/imm32]
 *
 * so one function, modrm_insn(), builds that shape and each public function
 * (one per instruction form, named after it) only supplies the opcode, the
 * operand size and the operands.  The rules it follows, each with its reason:
 *
 *   - REX = 0100WRXB.  W selects 64-bit operand size.  R, X and B are the
 *     fourth bit of ModRM.reg, SIB.index and ModRM.rm/SIB.base: the other
 *     fields are only 3 bits wide, so r8-r15 and xmm8-xmm15 need REX.
 *   - For byte registers, REX changes the meaning of numbers 4-7: without
 *     REX they are ah/ch/dh/bh, with any REX (even a bare 0x40) they are
 *     spl/bpl/sil/dil.  We never want the high-byte registers, so byte
 *     operands 4-7 force a REX.
 *   - A mandatory prefix (66/F2/F3 for SSE) must come *before* REX: REX
 *     only counts when it immediately precedes the opcode.
 *   - ModRM.rm = 100 does not mean rsp: it means "a SIB byte follows".  So
 *     rsp and r12 (whose low three bits are 100) as a base always need a
 *     SIB byte, with index 100 = "no index".  That is also why rsp can never
 *     be an index (r12 can: REX.X makes it 1100).
 *   - ModRM.mod = 00 with rm = 101 does not mean [rbp]: it means
 *     [rip + disp32] (and in a SIB byte, base 101 with mod 00 means "no
 *     base, disp32").  So rbp and r13 as a base with no displacement are
 *     encoded as mod = 01 with a zero disp8.
 *   - A displacement that fits in a signed byte uses mod = 01 (disp8), three
 *     bytes shorter than mod = 10 (disp32); zero uses mod = 00 when allowed.
 *
 * "Out of room" must be an ordinary, clean result: nothing half-written, no
 * length tables to keep in sync with the encoders.  So an instruction is
 * written straight into the buffer only when the buffer has room for the
 * longest one (15 bytes) -- nearly always, and checked once per instruction,
 * not per byte; near the end of the buffer it is assembled in a small local
 * array first and copied in only if it fits (insn_begin, commit).
 */
#include "translator/x86_64/emit.h"

#include <assert.h>
#include <cpuid.h>
#include <string.h>

/* The builders below are inlined into each public function (always_inline):
 * there the operand size, the opcode and whether the operand is memory are
 * constants, so most of the encoding rules fold away.  Translation calls
 * these ~100 times per block; called out of line they cost ~130 host
 * instructions each (callgrind, Linux's boot). */
#define INLINE inline __attribute__((always_inline))

enum { MAX_INSN = 15 }; /* the architectural limit on an instruction's length */

/* One instruction being assembled: at `start`, which is the buffer's next
 * free byte when there is room for any instruction, else `local`. */
struct insn {
    uint8_t *start;
    uint8_t local[MAX_INSN + 1];
};

/* Starts an instruction; returns where its first byte goes.  Translation
 * emits about a million instructions per second of a program's start, so
 * this test is made once per instruction and the bytes need no copy. */
static inline uint8_t *insn_begin(struct insn *in, const struct x86_buf *b)
{
    bool room = !b->overflow && b->end - b->cur >= MAX_INSN;
    return in->start = room ? b->cur : in->local;
}

/* The put functions write at p and return where the next byte goes.  (The
 * cursor is passed along, not kept in struct insn: a byte store may alias
 * anything, so a cursor in memory would be reloaded after every byte.) */
static inline uint8_t *put8(uint8_t *p, uint8_t v)
{
    *p = v;
    return p + 1;
}

static inline uint8_t *put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p = put8(p, (uint8_t)(v >> 8 * i)); /* little-endian */
    return p;
}

static inline uint8_t *put64(uint8_t *p, uint64_t v)
{
    p = put32(p, (uint32_t)v);
    return put32(p, (uint32_t)(v >> 32));
}

/* Ends an instruction whose last byte went before `end`: one written in
 * place is kept; one assembled in `local` is copied into the buffer if it
 * fits.  Returns where it went, or NULL (with overflow set, nothing
 * written) if it does not fit. */
static inline uint8_t *commit(struct x86_buf *b, const struct insn *in, const uint8_t *end)
{
    size_t len = (size_t)(end - in->start);
    assert(len <= MAX_INSN);
    if (in->start == b->cur) { /* (written in place: insn_begin saw room for it) */
        b->cur += len;
        return in->start;
    }
    if (b->overflow || (size_t)(b->end - b->cur) < len) {
        b->overflow = true;
        return NULL;
    }
    uint8_t *at = b->cur;
    memcpy(at, in->local, len);
    b->cur += len;
    return at;
}

static inline bool fits_s8(int64_t v) { return v >= -128 && v <= 127; }

/* ---- the common shape: prefix, REX, opcode, ModRM, SIB, displacement -------------- */

/* Operand-size and byte-register flags for modrm_insn(). */
enum {
    W = 1,       /* REX.W: 64-bit operand size */
    BYTE_REG = 2, /* ModRM.reg names a byte register */
    BYTE_RM = 4,  /* ModRM.rm names a byte register */
};

/* The r/m operand: a register (general or XMM, by number) or memory. */
struct rm { /* (16 bytes: passed by value in two registers) */
    struct x86_mem mem;
    int reg;
    bool is_mem;
};

static inline struct rm rm_reg(int r) { return (struct rm){.is_mem = false, .reg = r}; }
static inline struct rm rm_mem(struct x86_mem m) { return (struct rm){.is_mem = true, .mem = m}; }

static INLINE unsigned scale_bits(int scale)
{
    switch (scale) {
    case 1: return 0;
    case 2: return 1;
    case 4: return 2;
    case 8: return 3;
    }
    assert(!"scale must be 1, 2, 4 or 8");
    return 0;
}

/* ModRM, then SIB and displacement if the r/m operand is memory.  `reg` is a
 * register number or a /digit opcode extension; only its low 3 bits go here
 * (the fourth went into REX). */
static INLINE uint8_t *put_modrm(uint8_t *p, int reg, struct rm rm)
{
    unsigned r = (unsigned)reg & 7;
    if (!rm.is_mem) {
        return put8(p, (uint8_t)(0xc0 | r << 3 | ((unsigned)rm.reg & 7))); /* mod = 11: register */
    }
    const struct x86_mem m = rm.mem;
    if (m.rip) { /* mod = 00, rm = 101: [rip + disp32], always a full disp32 */
        assert(m.index < 0);
        p = put8(p, (uint8_t)(0x00 | r << 3 | 5));
        return put32(p, (uint32_t)m.disp);
    }
    if (m.base < 0) { /* no base: mod = 00, SIB base 101, always a disp32 */
        assert(m.index >= 0 && m.index != X86_RSP);
        p = put8(p, (uint8_t)(r << 3 | 4));
        p = put8(p, (uint8_t)(scale_bits(m.scale) << 6 | ((unsigned)m.index & 7) << 3 | 5));
        return put32(p, (uint32_t)m.disp);
    }
    unsigned base = (unsigned)m.base & 7;
    /* mod: 00 no displacement (not available for base 101, see the top),
     *      01 disp8, 10 disp32 */
    unsigned mod = (m.disp == 0 && base != 5) ? 0 : fits_s8(m.disp) ? 1 : 2;
    if (m.index < 0 && base != 4) {
        p = put8(p, (uint8_t)(mod << 6 | r << 3 | base));
    } else { /* rm = 100: a SIB byte follows, with index 100 meaning "none" */
        assert(m.index != X86_RSP); /* 100 cannot name an index */
        unsigned index = m.index < 0 ? 4 : (unsigned)m.index & 7;
        unsigned ss = m.index < 0 ? 0 : scale_bits(m.scale);
        p = put8(p, (uint8_t)(mod << 6 | r << 3 | 4));
        p = put8(p, (uint8_t)(ss << 6 | index << 3 | base));
    }
    if (mod == 1) p = put8(p, (uint8_t)m.disp);
    if (mod == 2) p = put32(p, (uint32_t)m.disp);
    return p;
}

/* REX for this operand combination, or 0 if none is needed. */
static INLINE uint8_t rex_for(unsigned flags, int reg, struct rm rm)
{
    uint8_t rex = 0;
    if (flags & W) rex |= 8;
    if (reg & 8) rex |= 4; /* R */
    if (rm.is_mem) {
        if (!rm.mem.rip && rm.mem.index >= 0 && (rm.mem.index & 8)) rex |= 2; /* X */
        if (!rm.mem.rip && rm.mem.base >= 0 && (rm.mem.base & 8)) rex |= 1;  /* B */
    } else if (rm.reg & 8) {
        rex |= 1; /* B */
    }
    bool low_byte_reg = ((flags & BYTE_REG) && reg >= 4 && reg < 8) ||
                        ((flags & BYTE_RM) && !rm.is_mem && rm.reg >= 4 && rm.reg < 8);
    if (rex || low_byte_reg) return (uint8_t)(0x40 | rex);
    return 0;
}

/* prefix (0 for none), REX, opcode bytes, ModRM/SIB/displacement.  The caller
 * appends any immediate. */
static INLINE uint8_t *modrm_insn(uint8_t *p, uint8_t prefix, unsigned flags, const uint8_t *op, unsigned oplen, int reg,
                       struct rm rm)
{
    if (prefix) p = put8(p, prefix);
    uint8_t rex = rex_for(flags, reg, rm);
    if (rex) p = put8(p, rex);
    for (unsigned i = 0; i < oplen; i++) p = put8(p, op[i]);
    return put_modrm(p, reg, rm);
}

#define OP1(a) (const uint8_t[]){a}, 1
#define OP2(a, c) (const uint8_t[]){a, c}, 2

/* The whole instruction is "prefix REX opcode ModRM..." with no immediate. */
static INLINE bool emit_modrm(struct x86_buf *b, uint8_t prefix, unsigned flags, const uint8_t *op, unsigned oplen, int reg,
                       struct rm rm)
{
    struct insn in;
    uint8_t *p = insn_begin(&in, b);
    p = modrm_insn(p, prefix, flags, op, oplen, reg, rm);
    return commit(b, &in, p) != NULL;
}

/* The same followed by an imm32 (imm_len 4) or imm8 (imm_len 1). */
static INLINE bool emit_modrm_imm(struct x86_buf *b, unsigned flags, const uint8_t *op, unsigned oplen, int reg, struct rm rm,
                           int32_t imm, unsigned imm_len)
{
    struct insn in;
    uint8_t *p = insn_begin(&in, b);
    p = modrm_insn(p, 0, flags, op, oplen, reg, rm);
    p = imm_len == 1 ? put8(p, (uint8_t)imm) : put32(p, (uint32_t)imm);
    return commit(b, &in, p) != NULL;
}

/* An instruction that is just these bytes. */
static bool emit_bytes(struct x86_buf *b, const uint8_t *bytes, unsigned n)
{
    struct insn in;
    uint8_t *p = insn_begin(&in, b);
    for (unsigned i = 0; i < n; i++) p = put8(p, bytes[i]);
    return commit(b, &in, p) != NULL;
}

/* Opcodes with the register in the low 3 bits (push/pop/mov-imm): REX.B
 * carries the fourth bit. */
static INLINE uint8_t *put_opreg(uint8_t *p, bool w, uint8_t opcode, enum x86_reg r)
{
    uint8_t rex = (uint8_t)((w ? 8 : 0) | ((r & 8) ? 1 : 0));
    if (rex) p = put8(p, (uint8_t)(0x40 | rex));
    return put8(p, (uint8_t)(opcode + (r & 7)));
}

/* ---- moves ------------------------------------------------------------------------ */

/* 89 /r is "mov r/m, reg": the destination is the r/m operand. */
bool x86_mov_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return emit_modrm(b, 0, W, OP1(0x89), s, rm_reg(d)); }
bool x86_mov_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return emit_modrm(b, 0, 0, OP1(0x89), s, rm_reg(d)); }

bool x86_movabs_r64_imm64(struct x86_buf *b, enum x86_reg dst, uint64_t imm)
{
    struct insn in;
    uint8_t *p = insn_begin(&in, b);
    p = put_opreg(p, true, 0xb8, dst); /* REX.W B8+r io */
    p = put64(p, imm);
    return commit(b, &in, p) != NULL;
}

bool x86_mov_r32_imm32(struct x86_buf *b, enum x86_reg dst, uint32_t imm)
{
    struct insn in;
    uint8_t *p = insn_begin(&in, b);
    p = put_opreg(p, false, 0xb8, dst); /* B8+r id: writing a 32-bit register zeroes bits 63..32 */
    p = put32(p, imm);
    return commit(b, &in, p) != NULL;
}

bool x86_mov_r64_simm32(struct x86_buf *b, enum x86_reg dst, int32_t imm)
{
    return emit_modrm_imm(b, W, OP1(0xc7), 0, rm_reg(dst), imm, 4); /* REX.W C7 /0 id */
}

bool x86_mov_r64_imm64(struct x86_buf *b, enum x86_reg dst, uint64_t imm)
{
    if (imm <= UINT32_MAX) return x86_mov_r32_imm32(b, dst, (uint32_t)imm);             /* 5-6 bytes */
    if ((int64_t)imm == (int32_t)imm) return x86_mov_r64_simm32(b, dst, (int32_t)imm); /* 7 bytes */
    return x86_movabs_r64_imm64(b, dst, imm);                                          /* 10 bytes */
}

/* 8B /r is "mov reg, r/m" (a load), 89 /r "mov r/m, reg" (a store). */
bool x86_mov_r64_m64(struct x86_buf *b, enum x86_reg d, struct x86_mem m) { return emit_modrm(b, 0, W, OP1(0x8b), d, rm_mem(m)); }
bool x86_mov_r32_m32(struct x86_buf *b, enum x86_reg d, struct x86_mem m) { return emit_modrm(b, 0, 0, OP1(0x8b), d, rm_mem(m)); }
bool x86_mov_m64_r64(struct x86_buf *b, struct x86_mem m, enum x86_reg s) { return emit_modrm(b, 0, W, OP1(0x89), s, rm_mem(m)); }
bool x86_mov_m32_r32(struct x86_buf *b, struct x86_mem m, enum x86_reg s) { return emit_modrm(b, 0, 0, OP1(0x89), s, rm_mem(m)); }
/* 66 is the operand-size prefix: 16 bits instead of 32. */
bool x86_mov_m16_r16(struct x86_buf *b, struct x86_mem m, enum x86_reg s) { return emit_modrm(b, 0x66, 0, OP1(0x89), s, rm_mem(m)); }
bool x86_mov_m8_r8(struct x86_buf *b, struct x86_mem m, enum x86_reg s) { return emit_modrm(b, 0, BYTE_REG, OP1(0x88), s, rm_mem(m)); }
bool x86_mov_m64_imm32(struct x86_buf *b, struct x86_mem m, int32_t i) { return emit_modrm_imm(b, W, OP1(0xc7), 0, rm_mem(m), i, 4); }
bool x86_mov_m32_imm32(struct x86_buf *b, struct x86_mem m, int32_t i) { return emit_modrm_imm(b, 0, OP1(0xc7), 0, rm_mem(m), i, 4); }

/* movzx 0F B6/B7, movsx 0F BE/BF, movsxd 63: the destination is ModRM.reg.
 * movzx to a 32-bit register already zero-extends to 64, so no REX.W. */
bool x86_movzx_r32_m8(struct x86_buf *b, enum x86_reg d, struct x86_mem m) { return emit_modrm(b, 0, 0, OP2(0x0f, 0xb6), d, rm_mem(m)); }
bool x86_movzx_r32_m16(struct x86_buf *b, enum x86_reg d, struct x86_mem m) { return emit_modrm(b, 0, 0, OP2(0x0f, 0xb7), d, rm_mem(m)); }
bool x86_movsx_r64_m8(struct x86_buf *b, enum x86_reg d, struct x86_mem m) { return emit_modrm(b, 0, W, OP2(0x0f, 0xbe), d, rm_mem(m)); }
bool x86_movsx_r64_m16(struct x86_buf *b, enum x86_reg d, struct x86_mem m) { return emit_modrm(b, 0, W, OP2(0x0f, 0xbf), d, rm_mem(m)); }
bool x86_movsxd_r64_m32(struct x86_buf *b, enum x86_reg d, struct x86_mem m) { return emit_modrm(b, 0, W, OP1(0x63), d, rm_mem(m)); }
bool x86_movzx_r32_r8(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return emit_modrm(b, 0, BYTE_RM, OP2(0x0f, 0xb6), d, rm_reg(s)); }
bool x86_movzx_r32_r16(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return emit_modrm(b, 0, 0, OP2(0x0f, 0xb7), d, rm_reg(s)); }
bool x86_movsx_r64_r8(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return emit_modrm(b, 0, W | BYTE_RM, OP2(0x0f, 0xbe), d, rm_reg(s)); }
bool x86_movsx_r64_r16(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return emit_modrm(b, 0, W, OP2(0x0f, 0xbf), d, rm_reg(s)); }
bool x86_movsxd_r64_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return emit_modrm(b, 0, W, OP1(0x63), d, rm_reg(s)); }
bool x86_lea_r64_m(struct x86_buf *b, enum x86_reg d, struct x86_mem m) { return emit_modrm(b, 0, W, OP1(0x8d), d, rm_mem(m)); }
/* lea d, [index*scale]: no base register.  x86_mem cannot say "no base"
 * (put_modrm picks mod from the base), so this one is spelled out: ModRM
 * mod 00 rm 100, SIB base 101 = no base, then a disp32 of 0.  8 bytes; the
 * translator uses it for "slli rd, rs, 2|3" in one instruction. */
bool x86_lea_r64_index(struct x86_buf *b, enum x86_reg d, enum x86_reg index, int scale)
{
    assert(index != X86_RSP);
    struct insn in;
    uint8_t *p = insn_begin(&in, b);
    p = put8(p, (uint8_t)(0x48 | ((d & 8) ? 4 : 0) | ((index & 8) ? 2 : 0))); /* REX.W R X */
    p = put8(p, 0x8d);
    p = put8(p, (uint8_t)(((unsigned)d & 7) << 3 | 4));
    p = put8(p, (uint8_t)(scale_bits(scale) << 6 | ((unsigned)index & 7) << 3 | 5));
    p = put32(p, 0);
    return commit(b, &in, p) != NULL;
}

bool x86_cmovcc_r64_r64(struct x86_buf *b, enum x86_cond cc, enum x86_reg d, enum x86_reg s)
{
    return emit_modrm(b, 0, W, OP2(0x0f, (uint8_t)(0x40 + cc)), d, rm_reg(s));
}

/* ---- ALU ---------------------------------------------------------------------------- */

/* The eight classic ALU operations share a numbering, used twice:
 *   "op r/m, reg" is opcode op*8 + 1 (01 add, 09 or, 21 and, 29 sub, 31 xor, 39 cmp),
 *   "op r/m, imm" is 81 /op (imm32) or 83 /op (imm8, sign-extended). */
enum alu_op { ALU_ADD = 0, ALU_OR = 1, ALU_AND = 4, ALU_SUB = 5, ALU_XOR = 6, ALU_CMP = 7 };

static INLINE bool alu_r_r(struct x86_buf *b, enum alu_op op, unsigned flags, enum x86_reg dst, enum x86_reg src)
{
    return emit_modrm(b, 0, flags, OP1((uint8_t)(op * 8 + 1)), src, rm_reg(dst));
}

static INLINE bool alu_rm_imm(struct x86_buf *b, enum alu_op op, unsigned flags, struct rm dst, int32_t imm)
{
    if (fits_s8(imm)) return emit_modrm_imm(b, flags, OP1(0x83), op, dst, imm, 1);
    return emit_modrm_imm(b, flags, OP1(0x81), op, dst, imm, 4);
}

bool x86_add_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_r_r(b, ALU_ADD, W, d, s); }
bool x86_or_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_r_r(b, ALU_OR, W, d, s); }
bool x86_and_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_r_r(b, ALU_AND, W, d, s); }
bool x86_sub_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_r_r(b, ALU_SUB, W, d, s); }
bool x86_xor_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_r_r(b, ALU_XOR, W, d, s); }
bool x86_cmp_r64_r64(struct x86_buf *b, enum x86_reg a, enum x86_reg c) { return alu_r_r(b, ALU_CMP, W, a, c); }
bool x86_add_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_r_r(b, ALU_ADD, 0, d, s); }
bool x86_or_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_r_r(b, ALU_OR, 0, d, s); }
bool x86_and_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_r_r(b, ALU_AND, 0, d, s); }
bool x86_sub_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_r_r(b, ALU_SUB, 0, d, s); }
bool x86_xor_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return alu_r_r(b, ALU_XOR, 0, d, s); }
bool x86_cmp_r32_r32(struct x86_buf *b, enum x86_reg a, enum x86_reg c) { return alu_r_r(b, ALU_CMP, 0, a, c); }
/* test is outside the numbering: 85 /r */
bool x86_test_r64_r64(struct x86_buf *b, enum x86_reg a, enum x86_reg c) { return emit_modrm(b, 0, W, OP1(0x85), c, rm_reg(a)); }
bool x86_test_r32_r32(struct x86_buf *b, enum x86_reg a, enum x86_reg c) { return emit_modrm(b, 0, 0, OP1(0x85), c, rm_reg(a)); }

bool x86_add_r64_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_rm_imm(b, ALU_ADD, W, rm_reg(d), i); }
bool x86_or_r64_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_rm_imm(b, ALU_OR, W, rm_reg(d), i); }
bool x86_and_r64_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_rm_imm(b, ALU_AND, W, rm_reg(d), i); }
bool x86_sub_r64_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_rm_imm(b, ALU_SUB, W, rm_reg(d), i); }
bool x86_xor_r64_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_rm_imm(b, ALU_XOR, W, rm_reg(d), i); }
bool x86_cmp_r64_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_rm_imm(b, ALU_CMP, W, rm_reg(d), i); }
bool x86_add_r32_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_rm_imm(b, ALU_ADD, 0, rm_reg(d), i); }
bool x86_or_r32_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_rm_imm(b, ALU_OR, 0, rm_reg(d), i); }
bool x86_and_r32_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_rm_imm(b, ALU_AND, 0, rm_reg(d), i); }
bool x86_sub_r32_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_rm_imm(b, ALU_SUB, 0, rm_reg(d), i); }
bool x86_xor_r32_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_rm_imm(b, ALU_XOR, 0, rm_reg(d), i); }
bool x86_cmp_r32_imm32(struct x86_buf *b, enum x86_reg d, int32_t i) { return alu_rm_imm(b, ALU_CMP, 0, rm_reg(d), i); }
bool x86_add_m64_imm32(struct x86_buf *b, struct x86_mem m, int32_t i) { return alu_rm_imm(b, ALU_ADD, W, rm_mem(m), i); }
bool x86_cmp_m32_imm32(struct x86_buf *b, struct x86_mem m, int32_t i) { return alu_rm_imm(b, ALU_CMP, 0, rm_mem(m), i); }
/* "op reg, r/m" is opcode op*8 + 3 (03 add, 0B or, 23 and, 2B sub, 33 xor, 3B cmp):
 * the register is the first operand, the memory the second. */
static INLINE bool alu_r_m(struct x86_buf *b, enum alu_op op, unsigned flags, enum x86_reg dst, struct x86_mem m)
{
    return emit_modrm(b, 0, flags, OP1((uint8_t)(op * 8 + 3)), dst, rm_mem(m));
}

bool x86_cmp_r64_m64(struct x86_buf *b, enum x86_reg a, struct x86_mem m) { return alu_r_m(b, ALU_CMP, W, a, m); }
bool x86_add_r64_m64(struct x86_buf *b, enum x86_reg d, struct x86_mem m) { return alu_r_m(b, ALU_ADD, W, d, m); }
bool x86_or_r64_m64(struct x86_buf *b, enum x86_reg d, struct x86_mem m) { return alu_r_m(b, ALU_OR, W, d, m); }
bool x86_and_r64_m64(struct x86_buf *b, enum x86_reg d, struct x86_mem m) { return alu_r_m(b, ALU_AND, W, d, m); }
bool x86_sub_r64_m64(struct x86_buf *b, enum x86_reg d, struct x86_mem m) { return alu_r_m(b, ALU_SUB, W, d, m); }
bool x86_xor_r64_m64(struct x86_buf *b, enum x86_reg d, struct x86_mem m) { return alu_r_m(b, ALU_XOR, W, d, m); }
bool x86_add_r32_m32(struct x86_buf *b, enum x86_reg d, struct x86_mem m) { return alu_r_m(b, ALU_ADD, 0, d, m); }
bool x86_sub_r32_m32(struct x86_buf *b, enum x86_reg d, struct x86_mem m) { return alu_r_m(b, ALU_SUB, 0, d, m); }
/* 80 /7 ib: the byte-sized member of the immediate group. */
bool x86_cmp_m8_imm8(struct x86_buf *b, struct x86_mem m, int8_t i) { return emit_modrm_imm(b, 0, OP1(0x80), ALU_CMP, rm_mem(m), i, 1); }

/* Group 3, F7 /digit: not, neg and the one-operand multiply/divide. */
enum group3_op { G3_NOT = 2, G3_NEG = 3, G3_MUL = 4, G3_IMUL = 5, G3_DIV = 6, G3_IDIV = 7 };

static INLINE bool group3(struct x86_buf *b, enum group3_op op, unsigned flags, enum x86_reg r)
{
    return emit_modrm(b, 0, flags, OP1(0xf7), op, rm_reg(r));
}

bool x86_not_r64(struct x86_buf *b, enum x86_reg r) { return group3(b, G3_NOT, W, r); }
bool x86_not_r32(struct x86_buf *b, enum x86_reg r) { return group3(b, G3_NOT, 0, r); }
bool x86_neg_r64(struct x86_buf *b, enum x86_reg r) { return group3(b, G3_NEG, W, r); }
bool x86_neg_r32(struct x86_buf *b, enum x86_reg r) { return group3(b, G3_NEG, 0, r); }
bool x86_mul_r64(struct x86_buf *b, enum x86_reg r) { return group3(b, G3_MUL, W, r); }
bool x86_imul_r64(struct x86_buf *b, enum x86_reg r) { return group3(b, G3_IMUL, W, r); }
bool x86_div_r64(struct x86_buf *b, enum x86_reg r) { return group3(b, G3_DIV, W, r); }
bool x86_idiv_r64(struct x86_buf *b, enum x86_reg r) { return group3(b, G3_IDIV, W, r); }
bool x86_div_r32(struct x86_buf *b, enum x86_reg r) { return group3(b, G3_DIV, 0, r); }
bool x86_idiv_r32(struct x86_buf *b, enum x86_reg r) { return group3(b, G3_IDIV, 0, r); }

/* Two-operand imul is 0F AF /r with the destination in ModRM.reg; the
 * three-operand form is 6B /r ib or 69 /r id. */
bool x86_imul_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return emit_modrm(b, 0, W, OP2(0x0f, 0xaf), d, rm_reg(s)); }
bool x86_imul_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return emit_modrm(b, 0, 0, OP2(0x0f, 0xaf), d, rm_reg(s)); }

bool x86_imul_r64_r64_imm32(struct x86_buf *b, enum x86_reg d, enum x86_reg s, int32_t imm)
{
    if (fits_s8(imm)) return emit_modrm_imm(b, W, OP1(0x6b), d, rm_reg(s), imm, 1);
    return emit_modrm_imm(b, W, OP1(0x69), d, rm_reg(s), imm, 4);
}

bool x86_cqo(struct x86_buf *b) { return emit_bytes(b, (const uint8_t[]){0x48, 0x99}, 2); } /* cdq with REX.W */
bool x86_cdq(struct x86_buf *b) { return emit_bytes(b, (const uint8_t[]){0x99}, 1); }

/* ---- shifts: group 2, C1 /digit ib (by an immediate) or D3 /digit (by cl) --------- */

enum shift_op { SH_ROL = 0, SH_ROR = 1, SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };

static INLINE bool shift_imm(struct x86_buf *b, enum shift_op op, unsigned flags, enum x86_reg r, uint8_t n)
{
    return emit_modrm_imm(b, flags, OP1(0xc1), op, rm_reg(r), n, 1);
}

static INLINE bool shift_cl(struct x86_buf *b, enum shift_op op, unsigned flags, enum x86_reg r)
{
    return emit_modrm(b, 0, flags, OP1(0xd3), op, rm_reg(r));
}

bool x86_shl_r64_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n) { return shift_imm(b, SH_SHL, W, r, n); }
bool x86_shr_r64_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n) { return shift_imm(b, SH_SHR, W, r, n); }
bool x86_sar_r64_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n) { return shift_imm(b, SH_SAR, W, r, n); }
bool x86_shl_r32_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n) { return shift_imm(b, SH_SHL, 0, r, n); }
bool x86_shr_r32_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n) { return shift_imm(b, SH_SHR, 0, r, n); }
bool x86_sar_r32_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n) { return shift_imm(b, SH_SAR, 0, r, n); }
bool x86_shl_r64_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_SHL, W, r); }
bool x86_shr_r64_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_SHR, W, r); }
bool x86_sar_r64_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_SAR, W, r); }
bool x86_shl_r32_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_SHL, 0, r); }
bool x86_shr_r32_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_SHR, 0, r); }
bool x86_sar_r32_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_SAR, 0, r); }

/* Rotates: the same group, /0 and /1.  x86 masks the count like the shifts
 * (6 bits, 5 for 32-bit), as RISC-V's rol/ror/rolw/rorw do. */
bool x86_rol_r64_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_ROL, W, r); }
bool x86_ror_r64_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_ROR, W, r); }
bool x86_rol_r32_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_ROL, 0, r); }
bool x86_ror_r32_cl(struct x86_buf *b, enum x86_reg r) { return shift_cl(b, SH_ROR, 0, r); }
bool x86_ror_r64_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n) { return shift_imm(b, SH_ROR, W, r, n); }
bool x86_ror_r32_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n) { return shift_imm(b, SH_ROR, 0, r, n); }

/* bswap r64: REX.W 0F C8+r */
bool x86_bswap_r64(struct x86_buf *b, enum x86_reg r)
{
    struct insn in;
    uint8_t *p = insn_begin(&in, b);
    p = put8(p, (uint8_t)(0x48 | ((r & 8) ? 1 : 0)));
    p = put8(p, 0x0f);
    p = put8(p, (uint8_t)(0xc8 + (r & 7)));
    return commit(b, &in, p) != NULL;
}

/* F3 (REX.W) 0F BD/BC/B8 /r: lzcnt, tzcnt, popcnt (LZCNT, BMI1, POPCNT:
 * the caller checks that the host has them). */
bool x86_lzcnt_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return emit_modrm(b, 0xf3, W, OP2(0x0f, 0xbd), d, rm_reg(s)); }
bool x86_tzcnt_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return emit_modrm(b, 0xf3, W, OP2(0x0f, 0xbc), d, rm_reg(s)); }
bool x86_popcnt_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return emit_modrm(b, 0xf3, W, OP2(0x0f, 0xb8), d, rm_reg(s)); }
bool x86_lzcnt_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return emit_modrm(b, 0xf3, 0, OP2(0x0f, 0xbd), d, rm_reg(s)); }
bool x86_tzcnt_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return emit_modrm(b, 0xf3, 0, OP2(0x0f, 0xbc), d, rm_reg(s)); }
bool x86_popcnt_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s) { return emit_modrm(b, 0xf3, 0, OP2(0x0f, 0xb8), d, rm_reg(s)); }

bool x86_host_has_bitcount(void)
{
    static int known = -1; /* (threads may ask at once: each computes the same answer) */
    int k = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (k < 0) {
        unsigned a, b, c, d;
        bool popcnt = __get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 23));
        bool lzcnt = __get_cpuid(0x80000001, &a, &b, &c, &d) && (c & (1u << 5)); /* ABM */
        bool bmi1 = __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 3));  /* tzcnt */
        k = popcnt && lzcnt && bmi1;
        __atomic_store_n(&known, k, __ATOMIC_RELAXED);
    }
    return k;
}

/* 0F 90+cc /0: ModRM.reg is unused (0), the byte register is the r/m. */
bool x86_setcc_r8(struct x86_buf *b, enum x86_cond cc, enum x86_reg r)
{
    return emit_modrm(b, 0, BYTE_RM, OP2(0x0f, (uint8_t)(0x90 + cc)), 0, rm_reg(r));
}

/* ---- control flow ----------------------------------------------------------------- */

/* Emits the opcode bytes and a zero rel32; returns the displacement's address. */
static uint8_t *emit_rel32(struct x86_buf *b, const uint8_t *op, unsigned oplen)
{
    struct insn in;
    uint8_t *p = insn_begin(&in, b);
    for (unsigned i = 0; i < oplen; i++) p = put8(p, op[i]);
    p = put32(p, 0);
    uint8_t *at = commit(b, &in, p);
    return at ? at + oplen : NULL;
}

uint8_t *x86_jmp_rel32(struct x86_buf *b) { return emit_rel32(b, OP1(0xe9)); }
uint8_t *x86_call_rel32(struct x86_buf *b) { return emit_rel32(b, OP1(0xe8)); }
uint8_t *x86_jcc_rel32(struct x86_buf *b, enum x86_cond cc) { return emit_rel32(b, OP2(0x0f, (uint8_t)(0x80 + cc))); }

bool x86_jcc_rel8(struct x86_buf *b, enum x86_cond cc, int8_t rel)
{
    struct insn in;
    uint8_t *p = insn_begin(&in, b);
    p = put8(p, (uint8_t)(0x70 + cc)); /* 70+cc cb: the 2-byte form, for a skip known to be short */
    p = put8(p, (uint8_t)rel);
    return commit(b, &in, p) != NULL;
}

bool x86_patch_rel32(uint8_t *disp_rw, const uint8_t *disp_rx, const uint8_t *target_rx)
{
    /* The CPU adds the displacement to the address of the next instruction,
     * which is where the displacement ends: every rel32 form ends with it.
     * Integer arithmetic, not pointer subtraction: the two may be in
     * different mappings. */
    int64_t rel = (int64_t)((uintptr_t)target_rx - ((uintptr_t)disp_rx + 4));
    if (rel < INT32_MIN || rel > INT32_MAX) return false;
    uint32_t v = (uint32_t)(int32_t)rel;
    for (int i = 0; i < 4; i++) disp_rw[i] = (uint8_t)(v >> 8 * i);
    return true;
}

/* A jump to a label: to its position if bound, else remembered for x86_bind_to.
 * Both ends are in the same buffer (and the same view of the code cache), so
 * the displacement is position independent: the write view's addresses do. */
static uint8_t *jump_to_label(struct x86_buf *b, uint8_t *disp, struct x86_label *l)
{
    if (!disp) return NULL; /* overflow: nothing was emitted, nothing to patch */
    if (l->at >= 0) {
        x86_patch_rel32(disp, disp, b->start + l->at);
    } else {
        assert(l->n_uses < X86_LABEL_MAX_USES);
        if (l->n_uses == X86_LABEL_MAX_USES) { /* (without assert: no wrong code, a failed block) */
            b->overflow = true;
            return NULL;
        }
        l->uses[l->n_uses++] = (uint32_t)(disp - b->start);
    }
    return disp;
}

uint8_t *x86_jmp_label(struct x86_buf *b, struct x86_label *l) { return jump_to_label(b, x86_jmp_rel32(b), l); }
uint8_t *x86_jcc_label(struct x86_buf *b, enum x86_cond cc, struct x86_label *l)
{
    return jump_to_label(b, x86_jcc_rel32(b, cc), l);
}

void x86_bind_to(struct x86_buf *b, struct x86_label *l, const uint8_t *pos)
{
    assert(l->at < 0 && pos >= b->start && pos <= b->cur);
    l->at = (int32_t)(pos - b->start);
    for (unsigned i = 0; i < l->n_uses; i++) x86_patch_rel32(b->start + l->uses[i], b->start + l->uses[i], pos);
    l->n_uses = 0;
}

/* FF /4 jmp, FF /2 call.  Near jumps and calls are always 64-bit in long
 * mode, so no REX.W is needed (only REX.B for r8-r15). */
bool x86_jmp_r64(struct x86_buf *b, enum x86_reg r) { return emit_modrm(b, 0, 0, OP1(0xff), 4, rm_reg(r)); }
bool x86_jmp_m64(struct x86_buf *b, struct x86_mem m) { return emit_modrm(b, 0, 0, OP1(0xff), 4, rm_mem(m)); }
bool x86_call_r64(struct x86_buf *b, enum x86_reg r) { return emit_modrm(b, 0, 0, OP1(0xff), 2, rm_reg(r)); }

bool x86_push_r64(struct x86_buf *b, enum x86_reg r)
{
    struct insn in;
    uint8_t *p = insn_begin(&in, b);
    p = put_opreg(p, false, 0x50, r); /* 50+r: 64-bit by default, like jumps */
    return commit(b, &in, p) != NULL;
}

bool x86_pop_r64(struct x86_buf *b, enum x86_reg r)
{
    struct insn in;
    uint8_t *p = insn_begin(&in, b);
    p = put_opreg(p, false, 0x58, r);
    return commit(b, &in, p) != NULL;
}

bool x86_ret(struct x86_buf *b) { return emit_bytes(b, (const uint8_t[]){0xc3}, 1); }
bool x86_int3(struct x86_buf *b) { return emit_bytes(b, (const uint8_t[]){0xcc}, 1); }
bool x86_ud2(struct x86_buf *b) { return emit_bytes(b, (const uint8_t[]){0x0f, 0x0b}, 2); }
bool x86_nop(struct x86_buf *b) { return emit_bytes(b, (const uint8_t[]){0x90}, 1); }
bool x86_mfence(struct x86_buf *b) { return emit_bytes(b, (const uint8_t[]){0x0f, 0xae, 0xf0}, 3); }

/* The multi-byte nops Intel and AMD recommend: "nop r/m" (0F 1F /0) with a
 * memory operand grown to the wanted length (it is never accessed), and a
 * 66 prefix for the odd sizes.  One long nop decodes faster than many short. */
static const uint8_t nops[10][9] = {
    [1] = {0x90},
    [2] = {0x66, 0x90},
    [3] = {0x0f, 0x1f, 0x00},
    [4] = {0x0f, 0x1f, 0x40, 0x00},
    [5] = {0x0f, 0x1f, 0x44, 0x00, 0x00},
    [6] = {0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00},
    [7] = {0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00},
    [8] = {0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
    [9] = {0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
};

bool x86_nop_n(struct x86_buf *b, unsigned n)
{
    if (b->overflow || (size_t)(b->end - b->cur) < n) { /* all or nothing */
        b->overflow = true;
        return false;
    }
    while (n) {
        unsigned k = n > 9 ? 9 : n;
        emit_bytes(b, nops[k], k);
        n -= k;
    }
    return true;
}

bool x86_align(struct x86_buf *b, unsigned align)
{
    assert(align && (align & (align - 1)) == 0);
    unsigned pad = (unsigned)(-(uintptr_t)b->cur & (align - 1));
    return x86_nop_n(b, pad);
}

/* ---- SSE2 scalar ------------------------------------------------------------------ */

/* SSE instructions are 0F xx /r with a mandatory prefix choosing the type:
 * none = packed single, 66 = packed double, F3 = scalar single, F2 = scalar
 * double.  The same opcode byte (58 add, 59 mul, 5C sub, 5D min, 5E div,
 * 5F max, 51 sqrt) serves all four. */
enum { PS = 0, PD = 0x66, SS = 0xf3, SD = 0xf2 };

static INLINE bool sse(struct x86_buf *b, uint8_t prefix, unsigned flags, uint8_t opcode, int reg, struct rm rm)
{
    return emit_modrm(b, prefix, flags, OP2(0x0f, opcode), reg, rm);
}

bool x86_movsd_x_m64(struct x86_buf *b, enum x86_xmm d, struct x86_mem m) { return sse(b, SD, 0, 0x10, d, rm_mem(m)); }
bool x86_movsd_m64_x(struct x86_buf *b, struct x86_mem m, enum x86_xmm s) { return sse(b, SD, 0, 0x11, s, rm_mem(m)); }
bool x86_movss_x_m32(struct x86_buf *b, enum x86_xmm d, struct x86_mem m) { return sse(b, SS, 0, 0x10, d, rm_mem(m)); }
bool x86_movss_m32_x(struct x86_buf *b, struct x86_mem m, enum x86_xmm s) { return sse(b, SS, 0, 0x11, s, rm_mem(m)); }
bool x86_movapd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, PD, 0, 0x28, d, rm_reg(s)); }
/* 66 0F 6E/7E move between general and XMM registers: movd, or movq with REX.W.
 * In 7E the XMM register is ModRM.reg and the general register the r/m. */
bool x86_movq_x_r64(struct x86_buf *b, enum x86_xmm d, enum x86_reg s) { return sse(b, PD, W, 0x6e, d, rm_reg(s)); }
bool x86_movq_r64_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, PD, W, 0x7e, s, rm_reg(d)); }
bool x86_movd_x_r32(struct x86_buf *b, enum x86_xmm d, enum x86_reg s) { return sse(b, PD, 0, 0x6e, d, rm_reg(s)); }
bool x86_movd_r32_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, PD, 0, 0x7e, s, rm_reg(d)); }

bool x86_addsd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SD, 0, 0x58, d, rm_reg(s)); }
bool x86_mulsd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SD, 0, 0x59, d, rm_reg(s)); }
bool x86_subsd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SD, 0, 0x5c, d, rm_reg(s)); }
bool x86_minsd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SD, 0, 0x5d, d, rm_reg(s)); }
bool x86_divsd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SD, 0, 0x5e, d, rm_reg(s)); }
bool x86_maxsd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SD, 0, 0x5f, d, rm_reg(s)); }
bool x86_sqrtsd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SD, 0, 0x51, d, rm_reg(s)); }
bool x86_addss_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SS, 0, 0x58, d, rm_reg(s)); }
bool x86_mulss_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SS, 0, 0x59, d, rm_reg(s)); }
bool x86_subss_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SS, 0, 0x5c, d, rm_reg(s)); }
bool x86_minss_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SS, 0, 0x5d, d, rm_reg(s)); }
bool x86_divss_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SS, 0, 0x5e, d, rm_reg(s)); }
bool x86_maxss_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SS, 0, 0x5f, d, rm_reg(s)); }
bool x86_sqrtss_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SS, 0, 0x51, d, rm_reg(s)); }

/* ucomis 0F 2E, comis 0F 2F: single without prefix, double with 66. */
bool x86_ucomisd_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c) { return sse(b, PD, 0, 0x2e, a, rm_reg(c)); }

/* Atomic read-modify-write of memory (guest AMOs): xchg with a memory
 * operand is locked by itself (87 /r); xadd (0F C1 /r) and cmpxchg (0F B1
 * /r, compares with eax/rax) take the LOCK prefix F0, which goes before REX.
 * The register operand is ModRM.reg; 32-bit forms without REX.W. */
bool x86_xchg_m_r(struct x86_buf *b, bool w64, struct x86_mem m, enum x86_reg r)
{
    return emit_modrm(b, 0, w64 ? W : 0, OP1(0x87), r, rm_mem(m));
}
bool x86_lock_xadd_m_r(struct x86_buf *b, bool w64, struct x86_mem m, enum x86_reg r)
{
    return emit_modrm(b, 0xf0, w64 ? W : 0, OP2(0x0f, 0xc1), r, rm_mem(m));
}
bool x86_lock_cmpxchg_m_r(struct x86_buf *b, bool w64, struct x86_mem m, enum x86_reg r)
{
    return emit_modrm(b, 0xf0, w64 ? W : 0, OP2(0x0f, 0xb1), r, rm_mem(m));
}

/* 66 0F 76 /r pcmpeqd (all ones when x = x), 66 0F 73 /6 ib psllq and
 * /2 ib psrlq: with them a constant such as the canonical NaN is built in a
 * register without a general register or a memory operand. */
bool x86_pcmpeqd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, PD, 0, 0x76, d, rm_reg(s)); }
static bool shift_q_imm(struct x86_buf *b, int ext, enum x86_xmm x, uint8_t n)
{
    struct insn in;
    uint8_t *p = insn_begin(&in, b);
    p = modrm_insn(p, PD, 0, OP2(0x0f, 0x73), ext, rm_reg((enum x86_reg)x));
    p = put8(p, n);
    return commit(b, &in, p) != NULL;
}
bool x86_psllq_x_imm8(struct x86_buf *b, enum x86_xmm x, uint8_t n) { return shift_q_imm(b, 6, x, n); }
bool x86_psrlq_x_imm8(struct x86_buf *b, enum x86_xmm x, uint8_t n) { return shift_q_imm(b, 2, x, n); }
bool x86_ucomiss_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c) { return sse(b, PS, 0, 0x2e, a, rm_reg(c)); }
bool x86_comisd_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c) { return sse(b, PD, 0, 0x2f, a, rm_reg(c)); }
bool x86_comiss_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c) { return sse(b, PS, 0, 0x2f, a, rm_reg(c)); }

/* Conversions: 2A int -> float, 2C float -> int truncating, 2D float -> int
 * rounding per MXCSR; REX.W makes the integer side 64-bit.  5A converts
 * between the two float widths. */
bool x86_cvtsi2sd_x_r64(struct x86_buf *b, enum x86_xmm d, enum x86_reg s) { return sse(b, SD, W, 0x2a, d, rm_reg(s)); }
bool x86_cvtsi2sd_x_r32(struct x86_buf *b, enum x86_xmm d, enum x86_reg s) { return sse(b, SD, 0, 0x2a, d, rm_reg(s)); }
bool x86_cvtsi2ss_x_r64(struct x86_buf *b, enum x86_xmm d, enum x86_reg s) { return sse(b, SS, W, 0x2a, d, rm_reg(s)); }
bool x86_cvtsi2ss_x_r32(struct x86_buf *b, enum x86_xmm d, enum x86_reg s) { return sse(b, SS, 0, 0x2a, d, rm_reg(s)); }
bool x86_cvttsd2si_r32_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, SD, 0, 0x2c, d, rm_reg(s)); }
bool x86_cvttsd2si_r64_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, SD, W, 0x2c, d, rm_reg(s)); }
bool x86_cvtsd2si_r32_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, SD, 0, 0x2d, d, rm_reg(s)); }
bool x86_cvtsd2si_r64_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, SD, W, 0x2d, d, rm_reg(s)); }
bool x86_cvttss2si_r32_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, SS, 0, 0x2c, d, rm_reg(s)); }
bool x86_cvttss2si_r64_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, SS, W, 0x2c, d, rm_reg(s)); }
bool x86_cvtss2si_r32_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, SS, 0, 0x2d, d, rm_reg(s)); }
bool x86_cvtss2si_r64_x(struct x86_buf *b, enum x86_reg d, enum x86_xmm s) { return sse(b, SS, W, 0x2d, d, rm_reg(s)); }
bool x86_cvtsd2ss_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SD, 0, 0x5a, d, rm_reg(s)); }
bool x86_cvtss2sd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, SS, 0, 0x5a, d, rm_reg(s)); }

/* Packed-double logic 66 0F 54 and, 55 andn, 56 or, 57 xor. */
bool x86_andpd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, PD, 0, 0x54, d, rm_reg(s)); }
bool x86_andnpd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, PD, 0, 0x55, d, rm_reg(s)); }
bool x86_orpd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, PD, 0, 0x56, d, rm_reg(s)); }
bool x86_xorpd_x_x(struct x86_buf *b, enum x86_xmm d, enum x86_xmm s) { return sse(b, PD, 0, 0x57, d, rm_reg(s)); }

/* 0F AE /3 stmxcsr, /2 ldmxcsr: the /digit selects the operation. */
bool x86_stmxcsr_m32(struct x86_buf *b, struct x86_mem m) { return sse(b, PS, 0, 0xae, 3, rm_mem(m)); }
bool x86_ldmxcsr_m32(struct x86_buf *b, struct x86_mem m) { return sse(b, PS, 0, 0xae, 2, rm_mem(m)); }

/* ---- FMA3 (VEX-encoded) ----------------------------------------------------------- */

/* The three-byte VEX prefix C4 [R X B m-mmmm] [W vvvv L pp] replaces REX and
 * the 66/0F 38 opcode bytes; R, X, B and vvvv are stored inverted.  Here
 * m-mmmm = 00010 (the 0F 38 map), pp = 01 (66), L = 0 (scalar), and W picks
 * double (1) or single (0).  The 231 forms compute d = s1 * s2 (+/-) d: the
 * addend is the destination, the factors are vvvv and ModRM.rm. */
static bool vex3(struct x86_buf *b, unsigned map, unsigned pp, bool w, uint8_t opcode, enum x86_xmm d, enum x86_xmm v,
                 enum x86_xmm rm)
{
    struct insn in;
    uint8_t *p = insn_begin(&in, b);
    p = put8(p, 0xc4);
    p = put8(p, (uint8_t)((d & 8 ? 0 : 0x80) | 0x40 | (rm & 8 ? 0 : 0x20) | map));
    p = put8(p, (uint8_t)((w ? 0x80 : 0) | (~(unsigned)v & 15) << 3 | pp));
    p = put8(p, opcode);
    p = put8(p, (uint8_t)(0xc0 | (d & 7) << 3 | (rm & 7)));
    return commit(b, &in, p) != NULL;
}

static bool vex_fma231(struct x86_buf *b, uint8_t opcode, bool dbl, enum x86_xmm d, enum x86_xmm s1, enum x86_xmm s2)
{
    return vex3(b, 2 /* 0F 38 */, 1 /* 66 */, dbl, opcode, d, s1, s2);
}

/* AVX scalar arithmetic, three operands (d = s1 op s2, the rest of d's low
 * 128 bits from s1): the same opcodes as SSE's in the 0F map, with the
 * mandatory prefix as pp (F2 = 3 for double, F3 = 2 for single). */
bool x86_vsse_x_x_x(struct x86_buf *b, enum x86_vsse op, bool dbl, enum x86_xmm d, enum x86_xmm s1, enum x86_xmm s2)
{
    return vex3(b, 1 /* 0F */, dbl ? 3 : 2, false, (uint8_t)op, d, s1, s2);
}

bool x86_vfmadd231_x_x_x(struct x86_buf *b, bool dbl, enum x86_xmm d, enum x86_xmm s1, enum x86_xmm s2) { return vex_fma231(b, 0xb9, dbl, d, s1, s2); }
bool x86_vfmsub231_x_x_x(struct x86_buf *b, bool dbl, enum x86_xmm d, enum x86_xmm s1, enum x86_xmm s2) { return vex_fma231(b, 0xbb, dbl, d, s1, s2); }
bool x86_vfnmadd231_x_x_x(struct x86_buf *b, bool dbl, enum x86_xmm d, enum x86_xmm s1, enum x86_xmm s2) { return vex_fma231(b, 0xbd, dbl, d, s1, s2); }
bool x86_vfnmsub231_x_x_x(struct x86_buf *b, bool dbl, enum x86_xmm d, enum x86_xmm s1, enum x86_xmm s2) { return vex_fma231(b, 0xbf, dbl, d, s1, s2); }

bool x86_host_has_fma(void)
{
    static int known = -1; /* (threads may ask at once: each computes the same answer) */
    int k = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (k < 0) {
        unsigned a, b, c, d;
        /* FMA (leaf 1 ecx bit 12), AVX (bit 28) and OSXSAVE (bit 27); then XCR0 must
         * show that the OS saves the SSE and AVX state (bits 1 and 2) */
        k = __get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 12)) && (c & (1u << 28)) && (c & (1u << 27));
        if (k) {
            unsigned lo, hi;
            __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            k = (lo & 6) == 6;
        }
        __atomic_store_n(&known, k, __ATOMIC_RELAXED);
    }
    return k;
}
