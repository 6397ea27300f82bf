/*
 * cpu/interp_fp.c — the F and D extensions.
 *
 * Arithmetic is delegated to cpu/softfloat.c, the software IEEE-754
 * implementation, so results and flags are exact in every rounding mode
 * (including RMM, which x86 cannot do) and independent of the host.
 * Round-to-nearest-even add/sub/mul/div/sqrt/fmadd take a faster road
 * through the host's SSE unit (cpu/hostfp.h), which gives the same bits and
 * flags.  This file owns the RISC-V-specific parts: NaN-boxing of singles in the
 * 64-bit registers, choosing the rounding mode (static or frm; an invalid
 * one is an illegal instruction), accruing fflags, sign injection, moves,
 * and Zfa's constant table (fli).
 */
#include "cpu/hostfp.h"
#include "cpu/interp.h"
#include "cpu/priv.h"
#include "cpu/softfloat.h"
#include "mmu/mmu.h"

#define BOX_MASK 0xffffffff00000000ull

/* A single is valid only if NaN-boxed (upper 32 bits all ones); otherwise
 * it reads as the canonical NaN (spec 13.2). */
static inline uint32_t get_s(const struct cpu *cpu, unsigned r)
{
    uint64_t v = cpu->f[r];
    return (v & BOX_MASK) == BOX_MASK ? (uint32_t)v : SF_F32_CANONICAL_NAN;
}
static inline void set_s(struct cpu *cpu, unsigned r, uint32_t v) { cpu->f[r] = BOX_MASK | v; }
static inline uint64_t get_d(const struct cpu *cpu, unsigned r) { return cpu->f[r]; }
static inline void set_d(struct cpu *cpu, unsigned r, uint64_t v) { cpu->f[r] = v; }
static inline void set_x(struct cpu *cpu, unsigned r, uint64_t v)
{
    if (r) cpu->x[r] = v;
}
static inline uint64_t sext32(uint32_t v) { return (uint64_t)(int64_t)(int32_t)v; }

static bool fp_load_store(struct cpu *cpu, const struct rv_insn *in)
{
    uint64_t addr = cpu->x[in->rs1] + (uint64_t)in->imm;
    uint64_t v;
    int r;
    switch (in->op) {
    case RV_OP_FLW:
        if ((r = mmu_load(cpu->mmu, addr, 4, &v))) return cpu_trap(cpu, cpu_mem_fault_cause(r, false), addr);
        set_s(cpu, in->rd, (uint32_t)v);
        break;
    case RV_OP_FLD:
        if ((r = mmu_load(cpu->mmu, addr, 8, &v))) return cpu_trap(cpu, cpu_mem_fault_cause(r, false), addr);
        set_d(cpu, in->rd, v);
        break;
    case RV_OP_FSW: /* stores the low 32 bits as they are, boxed or not */
        if ((r = mmu_store(cpu->mmu, addr, 4, (uint32_t)cpu->f[in->rs2])))
            return cpu_trap(cpu, cpu_mem_fault_cause(r, true), addr);
        break;
    default: /* FSD */
        if ((r = mmu_store(cpu->mmu, addr, 8, cpu->f[in->rs2])))
            return cpu_trap(cpu, cpu_mem_fault_cause(r, true), addr);
        break;
    }
    cpu->pc += in->len;
    cpu->instret++;
    return true;
}

/* Sign injection: the magnitude of a with a sign built from a and b. */
static uint64_t sgnj(uint64_t a, uint64_t b, uint64_t sign_bit, int op_kind)
{
    uint64_t sign;
    if (op_kind == 0) sign = b & sign_bit;               /* fsgnj: sign of b */
    else if (op_kind == 1) sign = ~b & sign_bit;         /* fsgnjn: opposite of b */
    else sign = (a ^ b) & sign_bit;                      /* fsgnjx: xor of signs */
    return (a & ~sign_bit) | sign;
}

/* Zfa's fli.s constants, indexed by the rs1 field (the table in the Zfa
 * chapter): -1, the smallest normal, powers of two, the quarters between
 * 0.25 and 3, then 4, 8, 16, 128, 256, 2^15, 2^16, +inf and the canonical
 * NaN.  fli.d loads the same values widened (exact), except entry 1, which
 * is the smallest normal double. */
static const uint32_t fli_table[32] = {
    0xbf800000, 0x00800000, 0x37800000, 0x38000000, 0x3b800000, 0x3c000000, 0x3d800000, 0x3e000000,
    0x3e800000, 0x3ea00000, 0x3ec00000, 0x3ee00000, 0x3f000000, 0x3f200000, 0x3f400000, 0x3f600000,
    0x3f800000, 0x3fa00000, 0x3fc00000, 0x3fe00000, 0x40000000, 0x40200000, 0x40400000, 0x40800000,
    0x41000000, 0x41800000, 0x43000000, 0x43800000, 0x47000000, 0x47800000, 0x7f800000, 0x7fc00000,
};

static uint64_t fli_d(unsigned index)
{
    uint32_t unused = 0; /* widening is exact and the table holds no signalling NaN */
    return index == 1 ? 0x0010000000000000ull : f32_to_f64(fli_table[index], &unused);
}

#define S32 0x80000000ull
#define S64 0x8000000000000000ull

/* The fused multiply-add family on the host: (a ^ neg_a) * b + (c ^ neg_c),
 * the negations applied to the inputs as in soft-float.  RISC-V (unlike
 * x86) raises invalid for infinity x zero even when the addend is a quiet
 * NaN (spec 13.6): hostfp_inf_times_zero adds that. */
static bool host_fma_d(struct cpu *cpu, const struct rv_insn *in, uint64_t neg_a, uint64_t neg_c, uint32_t *fl)
{
    if (!hostfp_have_fma()) return false;
    double a = hostfp_d(get_d(cpu, in->rs1) ^ neg_a), b = hostfp_d(get_d(cpu, in->rs2));
    double c = hostfp_d(get_d(cpu, in->rs3) ^ neg_c);
    *fl |= hostfp_inf_times_zero(a, b);
    set_d(cpu, in->rd, hostfp_bits_d(hostfp_fma_d(a, b, c, fl)));
    return true;
}
static bool host_fma_s(struct cpu *cpu, const struct rv_insn *in, uint64_t neg_a, uint64_t neg_c, uint32_t *fl)
{
    if (!hostfp_have_fma()) return false;
    float a = hostfp_s(get_s(cpu, in->rs1) ^ (uint32_t)neg_a), b = hostfp_s(get_s(cpu, in->rs2));
    float c = hostfp_s(get_s(cpu, in->rs3) ^ (uint32_t)neg_c);
    *fl |= hostfp_inf_times_zero(a, b);
    set_s(cpu, in->rd, hostfp_bits_s(hostfp_fma_s(a, b, c, fl)));
    return true;
}

/* Round-to-nearest-even arithmetic on the host FPU (cpu/hostfp.h says why
 * that is exact); false for everything else, which soft-float does. */
static bool host_fast_path(struct cpu *cpu, const struct rv_insn *in, uint32_t *fl)
{
    unsigned rd = in->rd;
#define D(r) hostfp_d(get_d(cpu, r))
#define S(r) hostfp_s(get_s(cpu, r))
    switch (in->op) {
    case RV_OP_FADD_D: set_d(cpu, rd, hostfp_bits_d(hostfp_add_d(D(in->rs1), D(in->rs2), fl))); return true;
    case RV_OP_FSUB_D: set_d(cpu, rd, hostfp_bits_d(hostfp_sub_d(D(in->rs1), D(in->rs2), fl))); return true;
    case RV_OP_FMUL_D: set_d(cpu, rd, hostfp_bits_d(hostfp_mul_d(D(in->rs1), D(in->rs2), fl))); return true;
    case RV_OP_FDIV_D: set_d(cpu, rd, hostfp_bits_d(hostfp_div_d(D(in->rs1), D(in->rs2), fl))); return true;
    case RV_OP_FSQRT_D: set_d(cpu, rd, hostfp_bits_d(hostfp_sqrt_d(0, D(in->rs1), fl))); return true;
    case RV_OP_FADD_S: set_s(cpu, rd, hostfp_bits_s(hostfp_add_s(S(in->rs1), S(in->rs2), fl))); return true;
    case RV_OP_FSUB_S: set_s(cpu, rd, hostfp_bits_s(hostfp_sub_s(S(in->rs1), S(in->rs2), fl))); return true;
    case RV_OP_FMUL_S: set_s(cpu, rd, hostfp_bits_s(hostfp_mul_s(S(in->rs1), S(in->rs2), fl))); return true;
    case RV_OP_FDIV_S: set_s(cpu, rd, hostfp_bits_s(hostfp_div_s(S(in->rs1), S(in->rs2), fl))); return true;
    case RV_OP_FSQRT_S: set_s(cpu, rd, hostfp_bits_s(hostfp_sqrt_s(0, S(in->rs1), fl))); return true;
    /* RISC-V (unlike x86) raises invalid for infinity x zero even when the
     * addend is a quiet NaN (spec 13.6): hostfp_inf_times_zero adds that */
    case RV_OP_FMADD_D: return host_fma_d(cpu, in, 0, 0, fl);
    case RV_OP_FMSUB_D: return host_fma_d(cpu, in, 0, S64, fl);
    case RV_OP_FNMSUB_D: return host_fma_d(cpu, in, S64, 0, fl);
    case RV_OP_FNMADD_D: return host_fma_d(cpu, in, S64, S64, fl);
    case RV_OP_FMADD_S: return host_fma_s(cpu, in, 0, 0, fl);
    case RV_OP_FMSUB_S: return host_fma_s(cpu, in, 0, S32, fl);
    case RV_OP_FNMSUB_S: return host_fma_s(cpu, in, S32, 0, fl);
    case RV_OP_FNMADD_S: return host_fma_s(cpu, in, S32, S32, fl);
    default: return false;
    }
#undef D
#undef S
}

bool cpu_exec_fp(struct cpu *cpu, const struct rv_insn *in)
{
    const struct rv_insn_info *info = &rv_insn_info[in->op];
    /* System mode: FP is illegal while mstatus.FS is Off, and any FP
     * instruction marks the state Dirty (conservatively: the spec allows
     * Dirty for state that did not actually change). */
    if (!cpu_fp_enabled(cpu)) return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
    cpu_fp_dirty(cpu);
    if (info->flags & (RV_F_LOAD | RV_F_STORE)) return fp_load_store(cpu, in);

    int rm = in->rm == RV_RM_DYN ? (int)cpu->frm : in->rm;
    if ((info->flags & RV_F_RM) && rm > RV_RM_RMM) return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);

    uint32_t fl = 0;
    if (rm == RV_RM_RNE && !cpu->soft_float_only && host_fast_path(cpu, in, &fl)) goto done;
    unsigned rd = in->rd, r1 = in->rs1, r2 = in->rs2, r3 = in->rs3;
    uint32_t s1 = get_s(cpu, r1), s2 = get_s(cpu, r2), s3 = get_s(cpu, r3);
    uint64_t d1 = get_d(cpu, r1), d2 = get_d(cpu, r2), d3 = get_d(cpu, r3);
    uint64_t x1 = cpu->x[r1];

    switch (in->op) {
    /* fused multiply-add family: negations are applied to the inputs, then one rounding */
    case RV_OP_FMADD_S: set_s(cpu, rd, f32_muladd(s1, s2, s3, rm, &fl)); break;
    case RV_OP_FMSUB_S: set_s(cpu, rd, f32_muladd(s1, s2, s3 ^ (uint32_t)S32, rm, &fl)); break;
    case RV_OP_FNMSUB_S: set_s(cpu, rd, f32_muladd(s1 ^ (uint32_t)S32, s2, s3, rm, &fl)); break;
    case RV_OP_FNMADD_S: set_s(cpu, rd, f32_muladd(s1 ^ (uint32_t)S32, s2, s3 ^ (uint32_t)S32, rm, &fl)); break;
    case RV_OP_FMADD_D: set_d(cpu, rd, f64_muladd(d1, d2, d3, rm, &fl)); break;
    case RV_OP_FMSUB_D: set_d(cpu, rd, f64_muladd(d1, d2, d3 ^ S64, rm, &fl)); break;
    case RV_OP_FNMSUB_D: set_d(cpu, rd, f64_muladd(d1 ^ S64, d2, d3, rm, &fl)); break;
    case RV_OP_FNMADD_D: set_d(cpu, rd, f64_muladd(d1 ^ S64, d2, d3 ^ S64, rm, &fl)); break;

    case RV_OP_FADD_S: set_s(cpu, rd, f32_add(s1, s2, rm, &fl)); break;
    case RV_OP_FSUB_S: set_s(cpu, rd, f32_sub(s1, s2, rm, &fl)); break;
    case RV_OP_FMUL_S: set_s(cpu, rd, f32_mul(s1, s2, rm, &fl)); break;
    case RV_OP_FDIV_S: set_s(cpu, rd, f32_div(s1, s2, rm, &fl)); break;
    case RV_OP_FSQRT_S: set_s(cpu, rd, f32_sqrt(s1, rm, &fl)); break;
    case RV_OP_FADD_D: set_d(cpu, rd, f64_add(d1, d2, rm, &fl)); break;
    case RV_OP_FSUB_D: set_d(cpu, rd, f64_sub(d1, d2, rm, &fl)); break;
    case RV_OP_FMUL_D: set_d(cpu, rd, f64_mul(d1, d2, rm, &fl)); break;
    case RV_OP_FDIV_D: set_d(cpu, rd, f64_div(d1, d2, rm, &fl)); break;
    case RV_OP_FSQRT_D: set_d(cpu, rd, f64_sqrt(d1, rm, &fl)); break;

    case RV_OP_FSGNJ_S: set_s(cpu, rd, (uint32_t)sgnj(s1, s2, S32, 0)); break;
    case RV_OP_FSGNJN_S: set_s(cpu, rd, (uint32_t)sgnj(s1, s2, S32, 1)); break;
    case RV_OP_FSGNJX_S: set_s(cpu, rd, (uint32_t)sgnj(s1, s2, S32, 2)); break;
    case RV_OP_FSGNJ_D: set_d(cpu, rd, sgnj(d1, d2, S64, 0)); break;
    case RV_OP_FSGNJN_D: set_d(cpu, rd, sgnj(d1, d2, S64, 1)); break;
    case RV_OP_FSGNJX_D: set_d(cpu, rd, sgnj(d1, d2, S64, 2)); break;

    case RV_OP_FMIN_S: set_s(cpu, rd, f32_min(s1, s2, &fl)); break;
    case RV_OP_FMAX_S: set_s(cpu, rd, f32_max(s1, s2, &fl)); break;
    case RV_OP_FMIN_D: set_d(cpu, rd, f64_min(d1, d2, &fl)); break;
    case RV_OP_FMAX_D: set_d(cpu, rd, f64_max(d1, d2, &fl)); break;

    /* conversions to integers: 32-bit results are sign-extended into rd, even for .wu */
    case RV_OP_FCVT_W_S: set_x(cpu, rd, sext32((uint32_t)f32_to_i32(s1, rm, &fl))); break;
    case RV_OP_FCVT_WU_S: set_x(cpu, rd, sext32(f32_to_u32(s1, rm, &fl))); break;
    case RV_OP_FCVT_L_S: set_x(cpu, rd, (uint64_t)f32_to_i64(s1, rm, &fl)); break;
    case RV_OP_FCVT_LU_S: set_x(cpu, rd, f32_to_u64(s1, rm, &fl)); break;
    case RV_OP_FCVT_W_D: set_x(cpu, rd, sext32((uint32_t)f64_to_i32(d1, rm, &fl))); break;
    case RV_OP_FCVT_WU_D: set_x(cpu, rd, sext32(f64_to_u32(d1, rm, &fl))); break;
    case RV_OP_FCVT_L_D: set_x(cpu, rd, (uint64_t)f64_to_i64(d1, rm, &fl)); break;
    case RV_OP_FCVT_LU_D: set_x(cpu, rd, f64_to_u64(d1, rm, &fl)); break;

    case RV_OP_FCVT_S_W: set_s(cpu, rd, i32_to_f32((int32_t)x1, rm, &fl)); break;
    case RV_OP_FCVT_S_WU: set_s(cpu, rd, u32_to_f32((uint32_t)x1, rm, &fl)); break;
    case RV_OP_FCVT_S_L: set_s(cpu, rd, i64_to_f32((int64_t)x1, rm, &fl)); break;
    case RV_OP_FCVT_S_LU: set_s(cpu, rd, u64_to_f32(x1, rm, &fl)); break;
    case RV_OP_FCVT_D_W: set_d(cpu, rd, i32_to_f64((int32_t)x1, rm, &fl)); break;
    case RV_OP_FCVT_D_WU: set_d(cpu, rd, u32_to_f64((uint32_t)x1, rm, &fl)); break;
    case RV_OP_FCVT_D_L: set_d(cpu, rd, i64_to_f64((int64_t)x1, rm, &fl)); break;
    case RV_OP_FCVT_D_LU: set_d(cpu, rd, u64_to_f64(x1, rm, &fl)); break;
    case RV_OP_FCVT_S_D: set_s(cpu, rd, f64_to_f32(d1, rm, &fl)); break;
    case RV_OP_FCVT_D_S: set_d(cpu, rd, f32_to_f64(s1, &fl)); break;

    /* moves copy bits: fmv.x.w sign-extends the raw low word, boxed or not */
    case RV_OP_FMV_X_W: set_x(cpu, rd, sext32((uint32_t)cpu->f[r1])); break;
    case RV_OP_FMV_W_X: set_s(cpu, rd, (uint32_t)x1); break;
    case RV_OP_FMV_X_D: set_x(cpu, rd, cpu->f[r1]); break;
    case RV_OP_FMV_D_X: set_d(cpu, rd, x1); break;

    case RV_OP_FEQ_S: set_x(cpu, rd, (uint64_t)f32_eq(s1, s2, &fl)); break;
    case RV_OP_FLT_S: set_x(cpu, rd, (uint64_t)f32_lt(s1, s2, &fl)); break;
    case RV_OP_FLE_S: set_x(cpu, rd, (uint64_t)f32_le(s1, s2, &fl)); break;
    case RV_OP_FEQ_D: set_x(cpu, rd, (uint64_t)f64_eq(d1, d2, &fl)); break;
    case RV_OP_FLT_D: set_x(cpu, rd, (uint64_t)f64_lt(d1, d2, &fl)); break;
    case RV_OP_FLE_D: set_x(cpu, rd, (uint64_t)f64_le(d1, d2, &fl)); break;
    case RV_OP_FCLASS_S: set_x(cpu, rd, f32_classify(s1)); break;
    case RV_OP_FCLASS_D: set_x(cpu, rd, f64_classify(d1)); break;

    /* Zfa (never on the host fast path above: its switch does not name them) */
    case RV_OP_FLI_S: set_s(cpu, rd, fli_table[r1]); break;
    case RV_OP_FLI_D: set_d(cpu, rd, fli_d(r1)); break;
    case RV_OP_FMINM_S: set_s(cpu, rd, f32_minm(s1, s2, &fl)); break;
    case RV_OP_FMAXM_S: set_s(cpu, rd, f32_maxm(s1, s2, &fl)); break;
    case RV_OP_FMINM_D: set_d(cpu, rd, f64_minm(d1, d2, &fl)); break;
    case RV_OP_FMAXM_D: set_d(cpu, rd, f64_maxm(d1, d2, &fl)); break;
    case RV_OP_FROUND_S: set_s(cpu, rd, f32_round_int(s1, rm, 0, &fl)); break;
    case RV_OP_FROUNDNX_S: set_s(cpu, rd, f32_round_int(s1, rm, 1, &fl)); break;
    case RV_OP_FROUND_D: set_d(cpu, rd, f64_round_int(d1, rm, 0, &fl)); break;
    case RV_OP_FROUNDNX_D: set_d(cpu, rd, f64_round_int(d1, rm, 1, &fl)); break;
    case RV_OP_FCVTMOD_W_D: set_x(cpu, rd, sext32((uint32_t)f64_to_i32_mod(d1, &fl))); break;
    case RV_OP_FLEQ_S: set_x(cpu, rd, (uint64_t)f32_le_quiet(s1, s2, &fl)); break;
    case RV_OP_FLTQ_S: set_x(cpu, rd, (uint64_t)f32_lt_quiet(s1, s2, &fl)); break;
    case RV_OP_FLEQ_D: set_x(cpu, rd, (uint64_t)f64_le_quiet(d1, d2, &fl)); break;
    case RV_OP_FLTQ_D: set_x(cpu, rd, (uint64_t)f64_lt_quiet(d1, d2, &fl)); break;

    default: return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
    }
done:
    cpu->fflags |= fl;
    cpu->pc += in->len;
    cpu->instret++;
    return true;
}
