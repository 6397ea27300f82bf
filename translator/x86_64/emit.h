/*
 * translator/x86_64/emit.h — an x86-64 machine-code encoder, one function per instruction form.
 *
 * Each function is named after the form it encodes, in Intel operand order
 * (destination first): x86_add_r64_r64(b, dst, src) is "add dst, src" on
 * 64-bit registers; _m64 is a 64-bit memory operand; _imm32 a 32-bit
 * immediate (sign-extended to 64 bits by the CPU where the operation is
 * 64-bit).  Every function checks that the buffer has room first: if it
 * does not, it writes nothing, sets b->overflow and returns false, so
 * running out of code cache is an ordinary result the translator handles
 * (by flushing and retrying), never a buffer overrun.
 *
 * docs/x86-encoder.md explains the encoding (REX, ModRM, SIB, displacement,
 * immediate) with examples.
 */
#ifndef RVDBT_TRANSLATOR_X86_64_EMIT_H
#define RVDBT_TRANSLATOR_X86_64_EMIT_H

#include <stdbool.h>
#include <stdint.h>

struct x86_buf {
    uint8_t *start, *cur, *end;
    bool overflow;
};

enum x86_reg {
    X86_RAX, X86_RCX, X86_RDX, X86_RBX, X86_RSP, X86_RBP, X86_RSI, X86_RDI,
    X86_R8, X86_R9, X86_R10, X86_R11, X86_R12, X86_R13, X86_R14, X86_R15,
};

enum x86_xmm {
    X86_XMM0, X86_XMM1, X86_XMM2, X86_XMM3, X86_XMM4, X86_XMM5, X86_XMM6, X86_XMM7,
    X86_XMM8, X86_XMM9, X86_XMM10, X86_XMM11, X86_XMM12, X86_XMM13, X86_XMM14, X86_XMM15,
};

/* Condition codes, numbered as in the Jcc/SETcc/CMOVcc opcodes (0x70 + cc). */
enum x86_cond {
    X86_CC_O = 0, X86_CC_NO = 1, X86_CC_B = 2, X86_CC_AE = 3, X86_CC_E = 4, X86_CC_NE = 5, X86_CC_BE = 6,
    X86_CC_A = 7, X86_CC_S = 8, X86_CC_NS = 9, X86_CC_P = 10, X86_CC_NP = 11, X86_CC_L = 12, X86_CC_GE = 13,
    X86_CC_LE = 14, X86_CC_G = 15,
};

/* A memory operand [base + index*scale + disp]. */
struct x86_mem {
    enum x86_reg base;
    int index;       /* an enum x86_reg, or -1 for none */
    uint8_t scale;   /* 1, 2, 4 or 8 */
    int32_t disp;
};

static inline struct x86_mem x86_mem_base_disp(enum x86_reg base, int32_t disp)
{
    return (struct x86_mem){base, -1, 1, disp};
}
static inline struct x86_mem x86_mem_base_index(enum x86_reg base, enum x86_reg index, uint8_t scale, int32_t disp)
{
    return (struct x86_mem){base, (int)index, scale, disp};
}

/* ---- moves ---- */
bool x86_mov_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_mov_r32_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src); /* zero-extends */
/* Loads a 64-bit constant with the shortest form: xor, mov r32 (zero-extends),
 * mov r64 with a sign-extended imm32, or movabs. */
bool x86_mov_r64_imm64(struct x86_buf *b, enum x86_reg dst, uint64_t imm);
bool x86_mov_r64_m64(struct x86_buf *b, enum x86_reg dst, struct x86_mem m);
bool x86_mov_r32_m32(struct x86_buf *b, enum x86_reg dst, struct x86_mem m); /* zero-extends */
bool x86_mov_m64_r64(struct x86_buf *b, struct x86_mem m, enum x86_reg src);
bool x86_mov_m32_r32(struct x86_buf *b, struct x86_mem m, enum x86_reg src);
bool x86_mov_m16_r16(struct x86_buf *b, struct x86_mem m, enum x86_reg src);
bool x86_mov_m8_r8(struct x86_buf *b, struct x86_mem m, enum x86_reg src);
bool x86_mov_m64_imm32(struct x86_buf *b, struct x86_mem m, int32_t imm);
bool x86_movzx_r32_m8(struct x86_buf *b, enum x86_reg dst, struct x86_mem m);
bool x86_movzx_r32_m16(struct x86_buf *b, enum x86_reg dst, struct x86_mem m);
bool x86_movsx_r64_m8(struct x86_buf *b, enum x86_reg dst, struct x86_mem m);
bool x86_movsx_r64_m16(struct x86_buf *b, enum x86_reg dst, struct x86_mem m);
bool x86_movsxd_r64_m32(struct x86_buf *b, enum x86_reg dst, struct x86_mem m);
bool x86_movsxd_r64_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_movzx_r32_r8(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_lea_r64_m(struct x86_buf *b, enum x86_reg dst, struct x86_mem m);

/* ---- arithmetic and logic ---- */
bool x86_add_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_sub_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_and_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_or_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_xor_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_cmp_r64_r64(struct x86_buf *b, enum x86_reg a, enum x86_reg c);
bool x86_test_r64_r64(struct x86_buf *b, enum x86_reg a, enum x86_reg c);
bool x86_add_r32_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_sub_r32_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_xor_r32_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_test_r32_r32(struct x86_buf *b, enum x86_reg a, enum x86_reg c);
bool x86_add_r64_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_sub_r64_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_and_r64_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_or_r64_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_xor_r64_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_cmp_r64_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_add_r32_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_and_r32_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_cmp_r64_m64(struct x86_buf *b, enum x86_reg a, struct x86_mem m);
bool x86_add_m64_imm32(struct x86_buf *b, struct x86_mem m, int32_t imm);
bool x86_cmp_m8_imm8(struct x86_buf *b, struct x86_mem m, int8_t imm);
bool x86_cmp_m32_imm32(struct x86_buf *b, struct x86_mem m, int32_t imm);
bool x86_mov_m32_imm32(struct x86_buf *b, struct x86_mem m, int32_t imm);
bool x86_and_r32_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_imul_r64_r64(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_imul_r32_r32(struct x86_buf *b, enum x86_reg dst, enum x86_reg src);
bool x86_neg_r64(struct x86_buf *b, enum x86_reg r);
bool x86_neg_r32(struct x86_buf *b, enum x86_reg r);
/* one-operand multiply/divide on rdx:rax (edx:eax) */
bool x86_mul_r64(struct x86_buf *b, enum x86_reg src);   /* rdx:rax = rax * src, unsigned */
bool x86_imul_r64(struct x86_buf *b, enum x86_reg src);  /* rdx:rax = rax * src, signed */
bool x86_div_r64(struct x86_buf *b, enum x86_reg src);   /* rax = rdx:rax / src, rdx = remainder */
bool x86_idiv_r64(struct x86_buf *b, enum x86_reg src);
bool x86_div_r32(struct x86_buf *b, enum x86_reg src);
bool x86_idiv_r32(struct x86_buf *b, enum x86_reg src);
bool x86_cqo(struct x86_buf *b);  /* rdx = sign of rax */
bool x86_cdq(struct x86_buf *b);  /* edx = sign of eax */
bool x86_cmp_r32_imm32(struct x86_buf *b, enum x86_reg dst, int32_t imm);
bool x86_not_r64(struct x86_buf *b, enum x86_reg r);

/* ---- shifts (count in an immediate, or in cl; the CPU masks it to 6 or 5 bits) ---- */
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
bool x86_setcc_r8(struct x86_buf *b, enum x86_cond cc, enum x86_reg r);

/* ---- control flow ---- */
/* jmp/jcc with a 32-bit displacement: return the (write-view) address of
 * the displacement so it can be patched later, or NULL on overflow. */
uint8_t *x86_jmp_rel32(struct x86_buf *b);
uint8_t *x86_jcc_rel32(struct x86_buf *b, enum x86_cond cc);
/* Points the rel32 at `disp_rw` (which executes at `disp_rx`) to `target_rx`. */
void x86_patch_rel32(uint8_t *disp_rw, const uint8_t *disp_rx, const uint8_t *target_rx);
bool x86_jmp_r64(struct x86_buf *b, enum x86_reg r);
bool x86_jmp_m64(struct x86_buf *b, struct x86_mem m);
bool x86_call_r64(struct x86_buf *b, enum x86_reg r);
bool x86_push_r64(struct x86_buf *b, enum x86_reg r);
bool x86_pop_r64(struct x86_buf *b, enum x86_reg r);
bool x86_ret(struct x86_buf *b);
bool x86_int3(struct x86_buf *b);
/* Pads with multi-byte nops up to a multiple of `align` bytes. */
bool x86_align(struct x86_buf *b, unsigned align);

/* ---- SSE2 scalar floating point ---- */
bool x86_movsd_x_m64(struct x86_buf *b, enum x86_xmm dst, struct x86_mem m);
bool x86_movsd_m64_x(struct x86_buf *b, struct x86_mem m, enum x86_xmm src);
bool x86_movss_x_m32(struct x86_buf *b, enum x86_xmm dst, struct x86_mem m);
bool x86_movss_m32_x(struct x86_buf *b, struct x86_mem m, enum x86_xmm src);
bool x86_movq_r64_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src);
bool x86_movq_x_r64(struct x86_buf *b, enum x86_xmm dst, enum x86_reg src);
bool x86_addsd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_subsd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_mulsd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_divsd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_sqrtsd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_addss_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_subss_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_mulss_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_divss_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_sqrtss_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_ucomisd_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c);
bool x86_ucomiss_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c);
bool x86_comisd_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c);
bool x86_comiss_x_x(struct x86_buf *b, enum x86_xmm a, enum x86_xmm c);
bool x86_cvtsi2sd_x_r64(struct x86_buf *b, enum x86_xmm dst, enum x86_reg src);
bool x86_cvtsi2sd_x_r32(struct x86_buf *b, enum x86_xmm dst, enum x86_reg src);
bool x86_movd_r32_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src);
bool x86_movd_x_r32(struct x86_buf *b, enum x86_xmm dst, enum x86_reg src);
bool x86_cvttsd2si_r32_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src); /* truncating */
bool x86_cvttsd2si_r64_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src);
bool x86_cvtsd2si_r32_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src);  /* MXCSR rounding */
bool x86_cvtsd2si_r64_x(struct x86_buf *b, enum x86_reg dst, enum x86_xmm src);
bool x86_cvtsd2ss_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_cvtss2sd_x_x(struct x86_buf *b, enum x86_xmm dst, enum x86_xmm src);
bool x86_stmxcsr_m32(struct x86_buf *b, struct x86_mem m);
bool x86_ldmxcsr_m32(struct x86_buf *b, struct x86_mem m);

#endif
