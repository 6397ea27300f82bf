/*
 * translator/x86_64/emit.h — the x86-64 machine-code encoder: one function per
 * host instruction form.  This layer knows nothing about RISC-V; the lowering
 * layer (translator/lower_*.c) decides what to emit, this file only how the
 * bytes look.
 *
 * Naming.  Each function is named after the form it encodes, operands in Intel
 * order (destination first): x86_add_r64_r64(b, dst, src) is "add dst, src"
 * on 64-bit registers.  Operand kinds in the name:
 *   r64/r32/r16/r8  general register of that width (one enum x86_reg names all widths)
 *   m64/m32/m16/m8  memory operand (struct x86_mem) of that width; plain _m for lea
 *   imm8/imm32/imm64 immediate; "imm32" on a 64-bit operation is sign-extended
 *   x               an XMM register (enum x86_xmm)
 *   cl              the shift count in cl
 *
 * Contract.  Every function writes the whole instruction into the buffer
 * only if it fits between cur and end (straight in when there is room for
 * the longest instruction, else built aside first).  If it does not, it
 * writes nothing, sets b->overflow and returns false (NULL for the functions
 * that return a patch address).  overflow is sticky: once set, every later
 * call fails too, so a block that ran out of room is never a stream with a
 * hole in it, and the translator only has to test b->overflow once at the
 * end of a block (then flush the cache and retry, or fall back to the
 * interpreter).  The return values are there for callers that want to stop
 * early; ignoring them is safe.
 *
 * Operands that x86-64 cannot encode (rsp as an index, a scale other than
 * 1/2/4/8, an index with a RIP-relative address) are programming errors,
 * caught by assert().
 *
 * docs/x86-encoder.md explains the encoding (REX, ModRM, SIB, displacement,
 * immediate) with a worked example; testsuite/unit/test_x86_emit.c checks
 * every form against capstone.
 */
#ifndef RVDBT_TRANSLATOR_X86_64_EMIT_H
#define RVDBT_TRANSLATOR_X86_64_EMIT_H

#include <stdbool.h>
#include <stdint.h>

/* A code buffer: [start, end) is ours, cur is where the next byte goes. */
struct x86_buf {
    uint8_t *start, *cur, *end;
    bool overflow;
};

/* General registers, numbered as the hardware numbers them (bit 3 goes into REX).
 * capstone's <capstone/x86.h> declares an unrelated enum with the same tag; a
 * file that needs both includes capstone inside "#define x86_reg
 * capstone_x86_reg" ... "#undef x86_reg" (see testsuite/unit/test_x86_emit.c). */
enum x86_reg {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
};

enum x86_xmm {
    X86_XMM0, X86_XMM1, X86_XMM2, X86_XMM3, X86_XMM4, X86_XMM5, X86_XMM6, X86_XMM7,
    X86_XMM8, X86_XMM9, X86_XMM10, X86_XMM11, X86_XMM12, X86_XMM13, X86_XMM14, X86_XMM15,
};

/* Condition codes, numbered as in the opcodes: Jcc rel32 = 0F 80+cc,
 * SETcc = 0F 90+cc, CMOVcc = 0F 40+cc.  B/AE/BE/A are the unsigned
 * comparisons (carry), L/GE/LE/G the signed ones. */
enum x86_cond {
    X86_CC_O = 0, X86_CC_NO = 1, X86_CC_B = 2, X86_CC_AE = 3, X86_CC_E = 4, X86_CC_NE = 5, X86_CC_BE = 6,
    X86_CC_A = 7, X86_CC_S = 8, X86_CC_NS = 9, X86_CC_P = 10, X86_CC_NP = 11, X86_CC_L = 12, X86_CC_GE = 13,
    X86_CC_LE = 14, X86_CC_G = 15,
};

/* A memory operand: [base + index*scale + disp], or [rip + disp] when rip is
 * set (disp then counts from the end of the instruction, as the CPU does).
 * Build it with the constructors below; the encoder picks the shortest
 * correct ModRM/SIB/displacement for it. */
struct x86_mem { /* (8 bytes: passed by value in one register) */
    int8_t base;   /* an enum x86_reg, or -1 for none ([index*scale + disp32]) */
    int8_t index;  /* an enum x86_reg, or -1 for none; never X86_RSP */
    uint8_t scale; /* 1, 2, 4 or 8 */
    bool rip;
    int32_t disp;
};

static inline struct x86_mem x86_mem_base(enum x86_reg base)
{
    return (struct x86_mem){.base = (int8_t)base, .index = -1, .scale = 1, .rip = false, .disp = 0};
}
static inline struct x86_mem x86_mem_base_disp(enum x86_reg base, int32_t disp)
{
    return (struct x86_mem){.base = (int8_t)base, .index = -1, .scale = 1, .rip = false, .disp = disp};
}
static inline struct x86_mem x86_mem_base_index(enum x86_reg base, enum x86_reg index, int scale, int32_t disp)
{
    return (struct x86_mem){.base = (int8_t)base, .index = (int8_t)index, .scale = (uint8_t)scale, .rip = false,
                            .disp = disp};
}
/* [index*scale + disp32], no base register: an absolute address in the low
 * 2 GiB (disp is sign-extended), plus a scaled index. */
static inline struct x86_mem x86_mem_index_disp(enum x86_reg index, int scale, int32_t disp)
{
    return (struct x86_mem){.base = -1, .index = (int8_t)index, .scale = (uint8_t)scale, .rip = false, .disp = disp};
}
/* [rip + disp]: disp is relative to the address after this instruction. */
static inline struct x86_mem x86_mem_rip(int32_t disp)
{
    return (struct x86_mem){.base = X86_RAX, .index = -1, .scale = 1, .rip = true, .disp = disp};
}

/* ---- moves ---- */
bool x86_mov_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_mov_r32_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src); /* zero-extends */
bool x86_movabs_r64_imm64(struct x86_buf *b, enum x86_reg dst, uint64_t imm); /* always 10 bytes */
bool x86_mov_r32_imm32(struct x86_buf *b, enum x86_reg dst, uint32_t imm);    /* zero-extends to 64 */
bool x86_mov_r64_simm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);    /* sign-extends to 64 */
/* Loads a 64-bit constant with the shortest of the three forms above.  It
 * never uses "xor r, r" for zero, because that clobbers the flags. */
bool x86_mov_r64_imm64(struct x86_buf *b, enum x86_reg dst, uint64_t imm);
bool x86_mov_r64_m64(struct x86_buf *b, enum x86_reg dst, struct x86_mem m);
bool x86_mov_r32_m32(struct x86_buf *b, enum x86_reg dst, struct x86_mem m); /* zero-extends */
bool x86_mov_m64_r64(struct x86_buf *b, struct x86_mem m, enum x86_reg src);
bool x86_mov_m32_r32(struct x86_buf *b, struct x86_mem m, enum x86_reg src);
bool x86_mov_m16_r16(struct x86_buf *b, struct x86_mem m, enum x86_reg src);
bool x86_mov_m8_r8(struct x86_buf *b, struct x86_mem m, enum x86_reg src); /* spl/bpl/sil/dil, not ah..bh */
bool x86_mov_m64_imm32(struct x86_buf *b, struct x86_mem m, int32_t imm); /* sign-extended */
bool x86_mov_m32_imm32(struct x86_buf *b, struct x86_mem m, int32_t imm);
bool x86_movzx_r32_m8(struct x86_buf *b, enum x86_reg dst, struct x86_mem m);  /* zero-extends to 64 */
bool x86_movzx_r32_m16(struct x86_buf *b, enum x86_reg dst, struct x86_mem m); /* zero-extends to 64 */
bool x86_movsx_r64_m8(struct x86_buf *b, enum x86_reg dst, struct x86_mem m);
bool x86_movsx_r64_m16(struct x86_buf *b, enum x86_reg dst, struct x86_mem m);
bool x86_movsxd_r64_m32(struct x86_buf *b, enum x86_reg dst, struct x86_mem m);
bool x86_movzx_r32_r8(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_movzx_r32_r16(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_movsx_r64_r8(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_movsx_r64_r16(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_movsxd_r64_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_lea_r64_m(struct x86_buf *b, enum x86_reg dst, struct x86_mem m);
bool x86_lea_r64_index(struct x86_buf *b, enum x86_reg dst, enum x86_reg index, int scale); /* [index*scale], no base */
bool x86_cmovcc_r64_r64(struct x86_buf *b, enum x86_cond cc, enum x86_reg dst, enum x86_reg src);

/* ---- arithmetic and logic (the 32-bit forms zero the upper half of dst,
 *      which is what RISC-V's W instructions need before a sign-extension) ---- */
bool x86_add_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_or_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_and_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_sub_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_xor_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_cmp_r64_r64(struct x86_buf *b, enum x86_reg a, enum x86_reg c);
bool x86_test_r64_r64(struct x86_buf *b, enum x86_reg a, enum x86_reg c);
bool x86_add_r32_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_or_r32_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_and_r32_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_sub_r32_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_xor_r32_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_cmp_r32_r32(struct x86_buf *b, enum x86_reg a, enum x86_reg c);
bool x86_test_r32_r32(struct x86_buf *b, enum x86_reg a, enum x86_reg c);
/* Immediate forms use the 3-byte-shorter imm8 encoding when imm fits in a signed byte. */
bool x86_add_r64_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_or_r64_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_and_r64_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_sub_r64_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_xor_r64_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_cmp_r64_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_add_r32_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_or_r32_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_and_r32_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_sub_r32_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_xor_r32_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_cmp_r32_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_cmp_r64_m64(struct x86_buf *b, enum x86_reg a, struct x86_mem m);
/* reg OP= qword [mem] (and the dword forms addw/subw need) */
bool x86_add_r64_m64(struct x86_buf *b, enum x86_reg d, struct x86_mem m);
bool x86_or_r64_m64(struct x86_buf *b, enum x86_reg d, struct x86_mem m);
bool x86_and_r64_m64(struct x86_buf *b, enum x86_reg d, struct x86_mem m);
bool x86_sub_r64_m64(struct x86_buf *b, enum x86_reg d, struct x86_mem m);
bool x86_xor_r64_m64(struct x86_buf *b, enum x86_reg d, struct x86_mem m);
bool x86_add_r32_m32(struct x86_buf *b, enum x86_reg d, struct x86_mem m);
bool x86_sub_r32_m32(struct x86_buf *b, enum x86_reg d, struct x86_mem m);
bool x86_add_m64_imm32(struct x86_buf *b, struct x86_mem m, int32_t imm);
bool x86_cmp_m32_imm32(struct x86_buf *b, struct x86_mem m, int32_t imm);
bool x86_cmp_m8_imm8(struct x86_buf *b, struct x86_mem m, int8_t imm);
bool x86_neg_r64(struct x86_buf *b, enum x86_reg r);
bool x86_neg_r32(struct x86_buf *b, enum x86_reg r);
bool x86_not_r64(struct x86_buf *b, enum x86_reg r);
bool x86_not_r32(struct x86_buf *b, enum x86_reg r);
bool x86_imul_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_imul_r32_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_imul_r64_r64_imm32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src, int32_t imm); /* imm8 when it fits */
/* One-operand multiply/divide on rdx:rax (edx:eax), for mulh/mulhu/div/rem.
 * div/idiv fault (#DE) on a zero divisor and idiv also on INT_MIN / -1: the
 * caller must branch around both cases, as RISC-V defines results for them. */
bool x86_mul_r64(struct x86_buf *b, enum x86_reg src);  /* rdx:rax = rax * src, unsigned */
bool x86_imul_r64(struct x86_buf *b, enum x86_reg src); /* rdx:rax = rax * src, signed */
bool x86_div_r64(struct x86_buf *b, enum x86_reg src);  /* rax = rdx:rax / src, rdx = remainder */
bool x86_idiv_r64(struct x86_buf *b, enum x86_reg src);
bool x86_div_r32(struct x86_buf *b, enum x86_reg src);
bool x86_idiv_r32(struct x86_buf *b, enum x86_reg src);
bool x86_cqo(struct x86_buf *b); /* rdx = sign of rax, before idiv r64 */
bool x86_cdq(struct x86_buf *b); /* edx = sign of eax, before idiv r32 */

/* ---- shifts (count in an immediate, or in cl; the CPU masks it to 6 bits,
 *      5 for the 32-bit forms — the same masking RISC-V specifies) ---- */
bool x86_shl_r64_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n);
bool x86_shr_r64_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n);
bool x86_sar_r64_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n);
bool x86_shl_r32_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n);
bool x86_shr_r32_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n);
bool x86_sar_r32_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n);
bool x86_shl_r64_cl(struct x86_buf *b, enum x86_reg r);
bool x86_shr_r64_cl(struct x86_buf *b, enum x86_reg r);
bool x86_sar_r64_cl(struct x86_buf *b, enum x86_reg r);
bool x86_shl_r32_cl(struct x86_buf *b, enum x86_reg r);
bool x86_shr_r32_cl(struct x86_buf *b, enum x86_reg r);
bool x86_sar_r32_cl(struct x86_buf *b, enum x86_reg r);

/* ---- flags to registers ---- */
bool x86_rol_r64_cl(struct x86_buf *b, enum x86_reg r);
bool x86_ror_r64_cl(struct x86_buf *b, enum x86_reg r);
bool x86_rol_r32_cl(struct x86_buf *b, enum x86_reg r);
bool x86_ror_r32_cl(struct x86_buf *b, enum x86_reg r);
bool x86_ror_r64_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n);
bool x86_ror_r32_imm8(struct x86_buf *b, enum x86_reg r, uint8_t n);
bool x86_bswap_r64(struct x86_buf *b, enum x86_reg r);
/* need LZCNT (ABM), BMI1 and POPCNT: see x86_host_has_bitcount() */
bool x86_lzcnt_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s);
bool x86_tzcnt_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s);
bool x86_popcnt_r64_r64(struct x86_buf *b, enum x86_reg d, enum x86_reg s);
bool x86_lzcnt_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s);
bool x86_tzcnt_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s);
bool x86_popcnt_r32_r32(struct x86_buf *b, enum x86_reg d, enum x86_reg s);
/* True if this host CPU has lzcnt, tzcnt and popcnt (cpuid, asked once). */
bool x86_host_has_bitcount(void);
bool x86_setcc_r8(struct x86_buf *b, enum x86_cond cc, enum x86_reg r); /* usually followed by movzx r32, r8 */

/* ---- control flow ---- */
/* jmp/jcc/call with a 32-bit displacement, emitted as 0 (a jump to the next
 * instruction).  They return the address of the 4-byte displacement in the
 * buffer, to be filled in with x86_patch_rel32, or NULL on overflow. */
uint8_t *x86_jmp_rel32(struct x86_buf *b);
uint8_t *x86_jcc_rel32(struct x86_buf *b, enum x86_cond cc);
uint8_t *x86_call_rel32(struct x86_buf *b);
/* Points the rel32 whose bytes are at `disp_rw` to `target_rx`.  The
 * displacement counts from the end of the instruction as it *executes*, and
 * the code cache maps the same memory twice (W^X: one writable view, one
 * executable view), so the caller also passes where the displacement lives
 * in the executable view.  Code that has a single view, or a patch where
 * both ends are in the same view, passes disp_rw twice.  Returns false
 * (writing nothing) if the target is out of the ±2 GiB range. */
bool x86_patch_rel32(uint8_t *disp_rw, const uint8_t *disp_rx, const uint8_t *target_rx);

/* ---- labels: jumps within one buffer ----
 * A label names a position in a buffer, known now or later.  Declare one
 * (x86_label()), jump to it (x86_jmp_label, x86_jcc_label: forward or
 * backward), and bind it to a position once (x86_bind: here; x86_bind_to:
 * an earlier position of the same buffer).  Jumps emitted before the bind
 * are remembered and patched by it; jumps emitted after it get their
 * displacement at once.  All the rel32 arithmetic is in x86_patch_rel32.
 * A label holds offsets from b->start, not pointers, so it can be copied
 * (the translator keeps slow paths' entry labels in a table).  Jumps that
 * leave the buffer (to the epilogue, chaining to another block) use
 * x86_jmp_rel32 + x86_patch_rel32 with executable-view addresses. */
#define X86_LABEL_MAX_USES 4 /* forward jumps to one label before it is bound */
struct x86_label {
    int32_t at;        /* offset from b->start once bound, -1 before */
    uint8_t n_uses;    /* forward jumps waiting for the bind */
    uint32_t uses[X86_LABEL_MAX_USES]; /* offsets of their displacements */
};
static inline struct x86_label x86_label(void) { return (struct x86_label){.at = -1}; }
/* A label bound to `pos` in the buffer, or to the current position (for jumps back to it). */
static inline struct x86_label x86_label_at(const struct x86_buf *b, const uint8_t *pos)
{
    return (struct x86_label){.at = (int32_t)(pos - b->start)};
}
static inline struct x86_label x86_label_here(const struct x86_buf *b) { return x86_label_at(b, b->cur); }
/* Was a jump to it emitted (and not lost to overflow)?  (Forward jumps only.) */
static inline bool x86_label_used(const struct x86_label *l) { return l->n_uses > 0; }
/* Emit jmp/jcc rel32 to the label.  They return the displacement's address
 * (or NULL on overflow), for a caller that patches it again later (chaining). */
uint8_t *x86_jmp_label(struct x86_buf *b, struct x86_label *l);
uint8_t *x86_jcc_label(struct x86_buf *b, enum x86_cond cc, struct x86_label *l);
/* jcc rel8: skip the next REL bytes (-128..127) when CC holds.  Only for a
 * skip whose length is known when it is emitted (labels are always rel32). */
bool x86_jcc_rel8(struct x86_buf *b, enum x86_cond cc, int8_t rel);
/* Binds the label at `pos` (between b->start and b->cur) and patches the
 * jumps waiting for it.  Binding twice is a programming error (assert). */
void x86_bind_to(struct x86_buf *b, struct x86_label *l, const uint8_t *pos);
static inline void x86_bind(struct x86_buf *b, struct x86_label *l) { x86_bind_to(b, l, b->cur); }

bool x86_jmp_r64(struct x86_buf *b, enum x86_reg r);
bool x86_jmp_m64(struct x86_buf *b, struct x86_mem m);
bool x86_call_r64(struct x86_buf *b, enum x86_reg r);
bool x86_push_r64(struct x86_buf *b, enum x86_reg r);
bool x86_pop_r64(struct x86_buf *b, enum x86_reg r);
bool x86_ret(struct x86_buf *b);
bool x86_int3(struct x86_buf *b);
bool x86_ud2(struct x86_buf *b); /* a guaranteed invalid opcode: marks code that must never run */
bool x86_mfence(struct x86_buf *b); /* orders earlier stores before later loads (x86-TSO's one reordering) */
bool x86_nop(struct x86_buf *b);
/* n bytes of padding in as few instructions as possible (the recommended
 * 1..9-byte nop forms), all or nothing. */
bool x86_nop_n(struct x86_buf *b, unsigned n);
/* Pads with x86_nop_n until cur is a multiple of `align` (a power of two).
 * The code cache's two views are page-aligned, so aligning the write view
 * aligns the executable view too. */
bool x86_align(struct x86_buf *b, unsigned align);

/* ---- SSE2 scalar floating point (the low lane of an XMM register) ---- */
bool x86_movsd_x_m64(struct x86_buf *b, enum x86_xmm dst, struct x86_mem m);
bool x86_movsd_m64_x(struct x86_buf *b, struct x86_mem m, enum x86_xmm src);
bool x86_movss_x_m32(struct x86_buf *b, enum x86_xmm dst, struct x86_mem m);
bool x86_movss_m32_x(struct x86_buf *b, struct x86_mem m, enum x86_xmm src);
bool x86_movapd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src); /* whole register copy */
bool x86_movq_r64_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src);
bool x86_movq_x_r64(struct x86_buf *b, enum x86_xmm dst, enum x86_reg src);
bool x86_movd_r32_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src);
bool x86_movd_x_r32(struct x86_buf *b, enum x86_xmm dst, enum x86_reg src);
bool x86_addsd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_subsd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_mulsd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_divsd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_sqrtsd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
/* min/max return the *second* operand when either is NaN or both are zeros
 * of either sign: not RISC-V's fmin/fmax semantics without fix-ups. */
bool x86_minsd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_maxsd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_addss_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_subss_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_mulss_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_divss_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_sqrtss_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_minss_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_maxss_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
/* ucomis* raises invalid only for signalling NaNs (RISC-V feq), comis* for
 * any NaN (RISC-V flt/fle). */
bool x86_ucomisd_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c);
bool x86_ucomiss_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c);
bool x86_comisd_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c);
bool x86_comiss_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c);
bool x86_cvtsi2sd_x_r64(struct x86_buf *b, enum x86_xmm dst, enum x86_reg src);
bool x86_cvtsi2sd_x_r32(struct x86_buf *b, enum x86_xmm dst, enum x86_reg src);
bool x86_cvtsi2ss_x_r64(struct x86_buf *b, enum x86_xmm dst, enum x86_reg src);
bool x86_cvtsi2ss_x_r32(struct x86_buf *b, enum x86_xmm dst, enum x86_reg src);
bool x86_cvttsd2si_r32_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src); /* truncating */
bool x86_cvttsd2si_r64_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src);
bool x86_cvtsd2si_r32_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src); /* MXCSR rounding */
bool x86_cvtsd2si_r64_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src);
bool x86_cvttss2si_r32_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src);
bool x86_cvttss2si_r64_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src);
bool x86_cvtss2si_r32_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src);
bool x86_cvtss2si_r64_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src);
bool x86_cvtsd2ss_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_cvtss2sd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
/* Bitwise on the whole register: sign-bit tricks for fneg/fabs/fsgnj. */
bool x86_andpd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_andnpd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src); /* dst = ~dst & src */
bool x86_orpd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_xorpd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
/* Atomic read-modify-write on memory (w64: 64-bit, else 32-bit): xchg [m], r;
 * lock xadd [m], r (r = old value); lock cmpxchg [m], r (if [m] = rax/eax
 * then [m] = r, ZF = 1; else rax/eax = [m], ZF = 0). */
bool x86_xchg_m_r(struct x86_buf *b, bool w64, struct x86_mem m, enum x86_reg r);
bool x86_lock_xadd_m_r(struct x86_buf *b, bool w64, struct x86_mem m, enum x86_reg r);
bool x86_lock_cmpxchg_m_r(struct x86_buf *b, bool w64, struct x86_mem m, enum x86_reg r);
/* Integer SSE2 on the whole register: pcmpeqd x, x sets all ones; the
 * shifts move each 64-bit lane by n bits. */
bool x86_pcmpeqd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_psllq_x_imm8(struct x86_buf *b, enum x86_xmm x, uint8_t n);
bool x86_psrlq_x_imm8(struct x86_buf *b, enum x86_xmm x, uint8_t n);
bool x86_stmxcsr_m32(struct x86_buf *b, struct x86_mem m);
bool x86_ldmxcsr_m32(struct x86_buf *b, struct x86_mem m);

/* FMA3, scalar, 231 forms (dbl: sd, else ss): d = s1*s2 + d, s1*s2 - d,
 * -(s1*s2) + d, -(s1*s2) - d.  Only if x86_host_has_fma(). */
bool x86_vfmadd231_x_x_x(struct x86_buf *b, bool dbl, enum x86_xmm d, enum x86_xmm s1, enum x86_xmm s2);
bool x86_vfmsub231_x_x_x(struct x86_buf *b, bool dbl, enum x86_xmm d, enum x86_xmm s1, enum x86_xmm s2);
bool x86_vfnmadd231_x_x_x(struct x86_buf *b, bool dbl, enum x86_xmm d, enum x86_xmm s1, enum x86_xmm s2);
bool x86_vfnmsub231_x_x_x(struct x86_buf *b, bool dbl, enum x86_xmm d, enum x86_xmm s1, enum x86_xmm s2);
/* AVX scalar three-operand forms (VEX.128 F2/F3 0F op): d = s1 op s2 (sqrt: of s2). */
enum x86_vsse { X86_VADD = 0x58, X86_VMUL = 0x59, X86_VSUB = 0x5c, X86_VDIV = 0x5e, X86_VSQRT = 0x51 };
bool x86_vsse_x_x_x(struct x86_buf *b, enum x86_vsse op, bool dbl, enum x86_xmm d, enum x86_xmm s1, enum x86_xmm s2);
/* True if this host CPU (and OS) supports FMA3 and AVX (cpuid, asked once). */
bool x86_host_has_fma(void);

#endif
