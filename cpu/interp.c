/*
 * cpu/interp.c — interpreter core: fetch/decode, RV64I and M semantics, the run loop.
 *
 * Each instruction's semantics is a few lines of C in one switch, written
 * to read like the specification.  Loads and stores go through the
 * software TLB (mmu/mmu.h).  A small direct-mapped cache remembers decoded
 * instructions by pc; an entry is only used when the freshly fetched bits
 * are identical, so self-modifying code needs no invalidation here.
 */
#include "cpu/interp.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/bitmanip.h"
#include "cpu/hostfp.h"
#include "cpu/priv.h"
#include "mmu/mmu.h"

/* ---- helpers ------------------------------------------------------------- */

static inline uint64_t sext32(uint64_t v) { return (uint64_t)(int64_t)(int32_t)(uint32_t)v; }

uint64_t cpu_mem_fault_cause(int mmu_result, bool is_store)
{
    if (mmu_result == MMU_FAULT_MISALIGNED) return is_store ? RV_CAUSE_MISALIGNED_STORE : RV_CAUSE_MISALIGNED_LOAD;
    if (mmu_result == MMU_FAULT_ACCESS) return is_store ? RV_CAUSE_STORE_ACCESS : RV_CAUSE_LOAD_ACCESS;
    return is_store ? RV_CAUSE_STORE_PAGE_FAULT : RV_CAUSE_LOAD_PAGE_FAULT;
}

static inline void set_rd(struct cpu *cpu, unsigned rd, uint64_t v)
{
    if (rd) cpu->x[rd] = v;
}

/* Completes an instruction that falls through to the next one. */
static inline bool next(struct cpu *cpu, const struct rv_insn *in)
{
    cpu->pc += in->len;
    cpu->instret++;
    return true;
}

static inline bool jump(struct cpu *cpu, uint64_t target)
{
    cpu->pc = target;
    cpu->instret++;
    return true;
}

static bool illegal(struct cpu *cpu, const struct rv_insn *in)
{
    return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
}

/* ---- M extension ----------------------------------------------------------- */

/* Division follows the spec's table 13.1: no traps, fixed results for x/0 and overflow. */
static uint64_t div_s64(int64_t a, int64_t b)
{
    if (b == 0) return ~0ull;
    if (a == INT64_MIN && b == -1) return (uint64_t)a;
    return (uint64_t)(a / b);
}
static uint64_t rem_s64(int64_t a, int64_t b)
{
    if (b == 0) return (uint64_t)a;
    if (a == INT64_MIN && b == -1) return 0;
    return (uint64_t)(a % b);
}
static uint64_t div_s32(int32_t a, int32_t b)
{
    if (b == 0) return ~0ull;
    if (a == INT32_MIN && b == -1) return sext32((uint32_t)a);
    return sext32((uint32_t)(a / b));
}
static uint64_t rem_s32(int32_t a, int32_t b)
{
    if (b == 0) return sext32((uint32_t)a);
    if (a == INT32_MIN && b == -1) return 0;
    return sext32((uint32_t)(a % b));
}

static uint64_t mulh(int64_t a, int64_t b) { return (uint64_t)(((__int128)a * b) >> 64); }
static uint64_t mulhu(uint64_t a, uint64_t b) { return (uint64_t)(((unsigned __int128)a * b) >> 64); }
static uint64_t mulhsu(int64_t a, uint64_t b) { return (uint64_t)(((__int128)a * (__int128)b) >> 64); }

/* ---- loads and stores ------------------------------------------------------ */

/* (inlined, so that each load and store gets its own copy for its size) */
static inline __attribute__((always_inline)) bool exec_load(struct cpu *cpu, const struct rv_insn *in, unsigned size, bool sign)
{
    uint64_t addr = cpu->x[in->rs1] + (uint64_t)in->imm;
    uint64_t v;
    int r = mmu_load(cpu->mmu, addr, size, &v);
    if (r) return cpu_trap(cpu, cpu_mem_fault_cause(r, false), addr);
    if (sign) v = (uint64_t)((int64_t)(v << (64 - 8 * size)) >> (64 - 8 * size));
    set_rd(cpu, in->rd, v);
    return next(cpu, in);
}

static inline __attribute__((always_inline)) bool exec_store(struct cpu *cpu, const struct rv_insn *in, unsigned size)
{
    uint64_t addr = cpu->x[in->rs1] + (uint64_t)in->imm;
    int r = mmu_store(cpu->mmu, addr, size, cpu->x[in->rs2]);
    if (r) return cpu_trap(cpu, cpu_mem_fault_cause(r, true), addr);
    return next(cpu, in);
}

static bool exec_branch(struct cpu *cpu, const struct rv_insn *in, bool taken)
{
    return taken ? jump(cpu, cpu->pc + (uint64_t)in->imm) : next(cpu, in);
}

/* ---- cache-block operations (Zicbom, Zicboz) ------------------------------------ */

#define CACHE_BLOCK 64 /* bytes: what riscv,cboz-block-size and riscv_hwprobe report */

/* cbo.zero writes zeros to the naturally aligned 64-byte block holding rs1's
 * address.  The block lies in one page, so only the first store can fault,
 * and then nothing has been written.  A fault reports rs1's address. */
/* System mode: may the current privilege use the cache-block operation
 * that `field` of menvcfg (for S and U) and senvcfg (for U) enables?  (For
 * cbo.inval the field is CBIE, and a nonzero value allows it: 01 makes it a
 * flush, which here is the same thing.)  User mode runs as Linux's and
 * QEMU's user-mode emulation do: the operations are allowed. */
static bool cbo_enabled(const struct cpu *cpu, uint64_t field)
{
    const struct cpu_priv *p = &cpu->priv;
    if (!cpu->system || p->mode == RV_PRIV_M) return true;
    if (!(p->menvcfg & field)) return false;
    return p->mode == RV_PRIV_S || (p->senvcfg & field);
}

static bool exec_cbo_zero(struct cpu *cpu, const struct rv_insn *in)
{
    if (!cbo_enabled(cpu, ENVCFG_CBZE)) return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
    uint64_t addr = cpu->x[in->rs1], block = addr & ~(uint64_t)(CACHE_BLOCK - 1);
    for (unsigned i = 0; i < CACHE_BLOCK; i += 8) {
        int r = mmu_store(cpu->mmu, block + i, 8, 0);
        if (r) return cpu_trap(cpu, cpu_mem_fault_cause(r, true), addr);
    }
    return next(cpu, in);
}

/* cbo.clean/flush/inval: no caches to manage, but the block must be
 * accessible (the specification raises a store fault otherwise). */
static bool exec_cbo_manage(struct cpu *cpu, const struct rv_insn *in)
{
    if (!cbo_enabled(cpu, in->op == RV_OP_CBO_INVAL ? ENVCFG_CBIE : ENVCFG_CBCFE))
        return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, in->raw);
    uint64_t addr = cpu->x[in->rs1], v;
    int r = mmu_load(cpu->mmu, addr & ~(uint64_t)(CACHE_BLOCK - 1), 1, &v);
    if (r) return cpu_trap(cpu, cpu_mem_fault_cause(r == MMU_FAULT_MISALIGNED ? MMU_FAULT_ACCESS : r, true), addr);
    return next(cpu, in);
}

/* ---- the dispatcher ------------------------------------------------------- */

/* The dispatcher, inlined into the run loop (the hot path) and wrapped by
 * cpu_exec() for everyone else. */
static inline __attribute__((always_inline)) bool exec_one(struct cpu *cpu, const struct rv_insn *in)
{
    uint64_t a = cpu->x[in->rs1], b = cpu->x[in->rs2];
    uint64_t imm = (uint64_t)in->imm;
    unsigned rd = in->rd;

    switch ((enum rv_op)in->op) {
    case RV_OP_LUI: set_rd(cpu, rd, imm); return next(cpu, in);
    case RV_OP_AUIPC: set_rd(cpu, rd, cpu->pc + imm); return next(cpu, in);
    case RV_OP_JAL: {
        uint64_t link = cpu->pc + in->len;
        set_rd(cpu, rd, link);
        return jump(cpu, cpu->pc + imm);
    }
    case RV_OP_JALR: {
        uint64_t target = (a + imm) & ~1ull; /* read rs1 before writing rd (rd may equal rs1) */
        set_rd(cpu, rd, cpu->pc + in->len);
        return jump(cpu, target);
    }
    case RV_OP_BEQ: return exec_branch(cpu, in, a == b);
    case RV_OP_BNE: return exec_branch(cpu, in, a != b);
    case RV_OP_BLT: return exec_branch(cpu, in, (int64_t)a < (int64_t)b);
    case RV_OP_BGE: return exec_branch(cpu, in, (int64_t)a >= (int64_t)b);
    case RV_OP_BLTU: return exec_branch(cpu, in, a < b);
    case RV_OP_BGEU: return exec_branch(cpu, in, a >= b);

    case RV_OP_LB: return exec_load(cpu, in, 1, true);
    case RV_OP_LH: return exec_load(cpu, in, 2, true);
    case RV_OP_LW: return exec_load(cpu, in, 4, true);
    case RV_OP_LD: return exec_load(cpu, in, 8, false);
    case RV_OP_LBU: return exec_load(cpu, in, 1, false);
    case RV_OP_LHU: return exec_load(cpu, in, 2, false);
    case RV_OP_LWU: return exec_load(cpu, in, 4, false);
    case RV_OP_SB: return exec_store(cpu, in, 1);
    case RV_OP_SH: return exec_store(cpu, in, 2);
    case RV_OP_SW: return exec_store(cpu, in, 4);
    case RV_OP_SD: return exec_store(cpu, in, 8);

    case RV_OP_ADDI: set_rd(cpu, rd, a + imm); return next(cpu, in);
    case RV_OP_SLTI: set_rd(cpu, rd, (int64_t)a < (int64_t)imm); return next(cpu, in);
    case RV_OP_SLTIU: set_rd(cpu, rd, a < imm); return next(cpu, in);
    case RV_OP_XORI: set_rd(cpu, rd, a ^ imm); return next(cpu, in);
    case RV_OP_ORI: set_rd(cpu, rd, a | imm); return next(cpu, in);
    case RV_OP_ANDI: set_rd(cpu, rd, a & imm); return next(cpu, in);
    case RV_OP_SLLI: set_rd(cpu, rd, a << (imm & 63)); return next(cpu, in);
    case RV_OP_SRLI: set_rd(cpu, rd, a >> (imm & 63)); return next(cpu, in);
    case RV_OP_SRAI: set_rd(cpu, rd, (uint64_t)((int64_t)a >> (imm & 63))); return next(cpu, in);
    case RV_OP_ADD: set_rd(cpu, rd, a + b); return next(cpu, in);
    case RV_OP_SUB: set_rd(cpu, rd, a - b); return next(cpu, in);
    case RV_OP_SLL: set_rd(cpu, rd, a << (b & 63)); return next(cpu, in);
    case RV_OP_SLT: set_rd(cpu, rd, (int64_t)a < (int64_t)b); return next(cpu, in);
    case RV_OP_SLTU: set_rd(cpu, rd, a < b); return next(cpu, in);
    case RV_OP_XOR: set_rd(cpu, rd, a ^ b); return next(cpu, in);
    case RV_OP_SRL: set_rd(cpu, rd, a >> (b & 63)); return next(cpu, in);
    case RV_OP_SRA: set_rd(cpu, rd, (uint64_t)((int64_t)a >> (b & 63))); return next(cpu, in);
    case RV_OP_OR: set_rd(cpu, rd, a | b); return next(cpu, in);
    case RV_OP_AND: set_rd(cpu, rd, a & b); return next(cpu, in);

    /* W forms: compute on the low 32 bits, then sign-extend the 32-bit result. */
    case RV_OP_ADDIW: set_rd(cpu, rd, sext32(a + imm)); return next(cpu, in);
    case RV_OP_SLLIW: set_rd(cpu, rd, sext32((uint32_t)a << (imm & 31))); return next(cpu, in);
    case RV_OP_SRLIW: set_rd(cpu, rd, sext32((uint32_t)a >> (imm & 31))); return next(cpu, in);
    case RV_OP_SRAIW: set_rd(cpu, rd, sext32((uint32_t)((int32_t)a >> (imm & 31)))); return next(cpu, in);
    case RV_OP_ADDW: set_rd(cpu, rd, sext32(a + b)); return next(cpu, in);
    case RV_OP_SUBW: set_rd(cpu, rd, sext32(a - b)); return next(cpu, in);
    case RV_OP_SLLW: set_rd(cpu, rd, sext32((uint32_t)a << (b & 31))); return next(cpu, in);
    case RV_OP_SRLW: set_rd(cpu, rd, sext32((uint32_t)a >> (b & 31))); return next(cpu, in);
    case RV_OP_SRAW: set_rd(cpu, rd, sext32((uint32_t)((int32_t)a >> (b & 31)))); return next(cpu, in);

    case RV_OP_MUL: set_rd(cpu, rd, a * b); return next(cpu, in);
    case RV_OP_MULH: set_rd(cpu, rd, mulh((int64_t)a, (int64_t)b)); return next(cpu, in);
    case RV_OP_MULHSU: set_rd(cpu, rd, mulhsu((int64_t)a, b)); return next(cpu, in);
    case RV_OP_MULHU: set_rd(cpu, rd, mulhu(a, b)); return next(cpu, in);
    case RV_OP_DIV: set_rd(cpu, rd, div_s64((int64_t)a, (int64_t)b)); return next(cpu, in);
    case RV_OP_DIVU: set_rd(cpu, rd, b ? a / b : ~0ull); return next(cpu, in);
    case RV_OP_REM: set_rd(cpu, rd, rem_s64((int64_t)a, (int64_t)b)); return next(cpu, in);
    case RV_OP_REMU: set_rd(cpu, rd, b ? a % b : a); return next(cpu, in);
    case RV_OP_MULW: set_rd(cpu, rd, sext32((uint32_t)a * (uint32_t)b)); return next(cpu, in);
    case RV_OP_DIVW: set_rd(cpu, rd, div_s32((int32_t)a, (int32_t)b)); return next(cpu, in);
    case RV_OP_DIVUW:
        set_rd(cpu, rd, (uint32_t)b ? sext32((uint32_t)a / (uint32_t)b) : ~0ull);
        return next(cpu, in);
    case RV_OP_REMW: set_rd(cpu, rd, rem_s32((int32_t)a, (int32_t)b)); return next(cpu, in);
    case RV_OP_REMUW:
        set_rd(cpu, rd, sext32((uint32_t)b ? (uint32_t)a % (uint32_t)b : (uint32_t)a));
        return next(cpu, in);

    /* Zba: rs1 (or its low word, zero-extended: .uw) shifted left, plus rs2 */
    case RV_OP_ADD_UW: set_rd(cpu, rd, (uint32_t)a + b); return next(cpu, in);
    case RV_OP_SH1ADD: set_rd(cpu, rd, (a << 1) + b); return next(cpu, in);
    case RV_OP_SH2ADD: set_rd(cpu, rd, (a << 2) + b); return next(cpu, in);
    case RV_OP_SH3ADD: set_rd(cpu, rd, (a << 3) + b); return next(cpu, in);
    case RV_OP_SH1ADD_UW: set_rd(cpu, rd, ((uint64_t)(uint32_t)a << 1) + b); return next(cpu, in);
    case RV_OP_SH2ADD_UW: set_rd(cpu, rd, ((uint64_t)(uint32_t)a << 2) + b); return next(cpu, in);
    case RV_OP_SH3ADD_UW: set_rd(cpu, rd, ((uint64_t)(uint32_t)a << 3) + b); return next(cpu, in);
    case RV_OP_SLLI_UW: set_rd(cpu, rd, (uint64_t)(uint32_t)a << (imm & 63)); return next(cpu, in);

    /* Zbb */
    case RV_OP_ANDN: set_rd(cpu, rd, a & ~b); return next(cpu, in);
    case RV_OP_ORN: set_rd(cpu, rd, a | ~b); return next(cpu, in);
    case RV_OP_XNOR: set_rd(cpu, rd, ~(a ^ b)); return next(cpu, in);
    case RV_OP_CLZ: set_rd(cpu, rd, rv_clz(a, 64)); return next(cpu, in);
    case RV_OP_CTZ: set_rd(cpu, rd, rv_ctz(a, 64)); return next(cpu, in);
    case RV_OP_CPOP: set_rd(cpu, rd, rv_cpop(a)); return next(cpu, in);
    case RV_OP_CLZW: set_rd(cpu, rd, rv_clz((uint32_t)a, 32)); return next(cpu, in);
    case RV_OP_CTZW: set_rd(cpu, rd, (uint32_t)a ? rv_ctz((uint32_t)a, 32) : 32); return next(cpu, in);
    case RV_OP_CPOPW: set_rd(cpu, rd, rv_cpop((uint32_t)a)); return next(cpu, in);
    case RV_OP_MAX: set_rd(cpu, rd, (int64_t)a > (int64_t)b ? a : b); return next(cpu, in);
    case RV_OP_MAXU: set_rd(cpu, rd, a > b ? a : b); return next(cpu, in);
    case RV_OP_MIN: set_rd(cpu, rd, (int64_t)a < (int64_t)b ? a : b); return next(cpu, in);
    case RV_OP_MINU: set_rd(cpu, rd, a < b ? a : b); return next(cpu, in);
    case RV_OP_SEXT_B: set_rd(cpu, rd, (uint64_t)(int64_t)(int8_t)a); return next(cpu, in);
    case RV_OP_SEXT_H: set_rd(cpu, rd, (uint64_t)(int64_t)(int16_t)a); return next(cpu, in);
    case RV_OP_ZEXT_H: set_rd(cpu, rd, (uint16_t)a); return next(cpu, in);
    case RV_OP_ROL: set_rd(cpu, rd, rv_rol64(a, (unsigned)b)); return next(cpu, in);
    case RV_OP_ROR: set_rd(cpu, rd, rv_ror64(a, (unsigned)b)); return next(cpu, in);
    case RV_OP_RORI: set_rd(cpu, rd, rv_ror64(a, (unsigned)imm)); return next(cpu, in);
    case RV_OP_ROLW: set_rd(cpu, rd, sext32(rv_rol32((uint32_t)a, (unsigned)b))); return next(cpu, in);
    case RV_OP_RORW: set_rd(cpu, rd, sext32(rv_ror32((uint32_t)a, (unsigned)b))); return next(cpu, in);
    case RV_OP_RORIW: set_rd(cpu, rd, sext32(rv_ror32((uint32_t)a, (unsigned)imm))); return next(cpu, in);
    case RV_OP_ORC_B: set_rd(cpu, rd, rv_orc_b(a)); return next(cpu, in);
    case RV_OP_REV8: set_rd(cpu, rd, rv_rev8(a)); return next(cpu, in);

    /* Zbc */
    case RV_OP_CLMUL: set_rd(cpu, rd, rv_clmul(a, b)); return next(cpu, in);
    case RV_OP_CLMULH: set_rd(cpu, rd, rv_clmulh(a, b)); return next(cpu, in);
    case RV_OP_CLMULR: set_rd(cpu, rd, rv_clmulr(a, b)); return next(cpu, in);

    /* Zbs: one bit, its index the low 6 bits of rs2 or the immediate */
    case RV_OP_BCLR: set_rd(cpu, rd, a & ~(1ull << (b & 63))); return next(cpu, in);
    case RV_OP_BCLRI: set_rd(cpu, rd, a & ~(1ull << (imm & 63))); return next(cpu, in);
    case RV_OP_BEXT: set_rd(cpu, rd, (a >> (b & 63)) & 1); return next(cpu, in);
    case RV_OP_BEXTI: set_rd(cpu, rd, (a >> (imm & 63)) & 1); return next(cpu, in);
    case RV_OP_BINV: set_rd(cpu, rd, a ^ (1ull << (b & 63))); return next(cpu, in);
    case RV_OP_BINVI: set_rd(cpu, rd, a ^ (1ull << (imm & 63))); return next(cpu, in);
    case RV_OP_BSET: set_rd(cpu, rd, a | (1ull << (b & 63))); return next(cpu, in);
    case RV_OP_BSETI: set_rd(cpu, rd, a | (1ull << (imm & 63))); return next(cpu, in);

    /* Zicond: rs1, or zero when rs2 is zero (eqz) / non-zero (nez) */
    case RV_OP_CZERO_EQZ: set_rd(cpu, rd, b == 0 ? 0 : a); return next(cpu, in);
    case RV_OP_CZERO_NEZ: set_rd(cpu, rd, b != 0 ? 0 : a); return next(cpu, in);

    /* Zimop: until an extension gives them a meaning, they write zero */
    case RV_OP_MOP_R: case RV_OP_MOP_RR: set_rd(cpu, rd, 0); return next(cpu, in);

    /* Zicbom, Zicboz; Zicbop's prefetches and the other HINTs do nothing */
    case RV_OP_CBO_ZERO: return exec_cbo_zero(cpu, in);
    case RV_OP_CBO_CLEAN: case RV_OP_CBO_FLUSH: case RV_OP_CBO_INVAL: return exec_cbo_manage(cpu, in);
    case RV_OP_PREFETCH_I: case RV_OP_PREFETCH_R: case RV_OP_PREFETCH_W:
    case RV_OP_PAUSE:
        if (cpu->yield_on_pause) { /* -smp: let another hart run (the one this hart waits for) */
            cpu->yielded = 1;
            cpu_request_pause_exit(cpu);
        }
        return next(cpu, in);
    case RV_OP_NTL_P1: case RV_OP_NTL_PALL: case RV_OP_NTL_S1: case RV_OP_NTL_ALL:
        return next(cpu, in);

    /* Other harts (guest threads) are host threads: the host's own ordering
     * (x86-TSO) already gives every ordering but store -> load. */
    case RV_OP_FENCE:
        if (rv_fence_needs_store_load(in)) __atomic_thread_fence(__ATOMIC_SEQ_CST);
        return next(cpu, in);
    /* fence.i: the decoded-instruction cache re-checks bits on every use; the
     * translator sees code_changed and drops its translations. */
    case RV_OP_FENCE_I: cpu->code_changed = 1; return next(cpu, in);
    /* ecall's cause says where it came from: 8 + the privilege (always U in user mode) */
    case RV_OP_ECALL: return cpu_trap(cpu, RV_CAUSE_ECALL_U + cpu->priv.mode, 0);
    case RV_OP_EBREAK: return cpu_trap(cpu, RV_CAUSE_BREAKPOINT, cpu->pc);

    case RV_OP_CSRRW: case RV_OP_CSRRS: case RV_OP_CSRRC:
    case RV_OP_CSRRWI: case RV_OP_CSRRSI: case RV_OP_CSRRCI:
        return cpu_exec_csr(cpu, in);

    case RV_OP_MRET: case RV_OP_SRET: case RV_OP_WFI: case RV_OP_SFENCE_VMA: /* not in user mode */
        if (cpu->system) return cpu_exec_priv(cpu, in);
        return illegal(cpu, in);
    case RV_OP_ILLEGAL:
    case RV_OP_COUNT:
        return illegal(cpu, in);

    default:
        if (rv_insn_info[in->op].flags & RV_F_AMO) return cpu_exec_amo(cpu, in);
        if (rv_insn_info[in->op].flags & RV_F_FP) return cpu_exec_fp(cpu, in);
        return illegal(cpu, in);
    }
}

bool cpu_exec(struct cpu *cpu, const struct rv_insn *in)
{
    return exec_one(cpu, in);
}

/* ---- fetch, decode and the run loop ----------------------------------------- */

/* Decoded-instruction cache entries (direct-mapped by pc), per host thread:
 * DCACHE_SMALL (128 KiB) in user mode; DCACHE_BIG (1 MiB) in system mode
 * unless --no-big-decode-cache.  A kernel's boot runs much code a few dozen
 * times in the interpreter before it is translated (tiering): with 4,096
 * entries Linux's boot to /init decoded most of those instructions again at
 * each visit (rv_decode was 3.5 % of the run).  A user program's start runs
 * its code a few times at scattered addresses, and each first touch of a
 * page of the big table is a host page fault: it cost a dynamic hello
 * world 340 more faults (1,010 -> 1,350) and its start-up more time than the
 * decodes it saved. */
#define DCACHE_BIG 32768
#define DCACHE_SMALL 4096

struct dcache_entry {
    uint64_t pc;
    struct rv_insn insn;
};

static unsigned dcache_entries = DCACHE_SMALL; /* (relaxed: set before any thread decodes) */
/* Instructions decoded (--stats): each thread counts its own (one shared
 * counter would bounce its cache line between parallel harts), and adds
 * them here when it ends (dcache_free). */
static _Thread_local uint64_t dcache_misses;
static uint64_t dcache_misses_ended; /* (relaxed) */

uint64_t cpu_interp_decodes(void) { return __atomic_load_n(&dcache_misses_ended, __ATOMIC_RELAXED) + dcache_misses; }

void cpu_interp_set_decode_cache(bool big)
{
    __atomic_store_n(&dcache_entries, big ? DCACHE_BIG : DCACHE_SMALL, __ATOMIC_RELAXED);
}

/* One per host thread: each guest thread runs on its own host thread, and
 * a shared cache would be written by several at once.  Made at first use
 * (calloc: its pages are only backed once touched) and freed when the
 * thread ends; NULL if there was no memory (then nothing is cached). */
static _Thread_local struct dcache_entry *dcache;
static _Thread_local unsigned dcache_mask;
static _Thread_local struct dcache_entry dcache_one; /* (no table: a cache of one) */
static pthread_key_t dcache_key;
static pthread_once_t dcache_once = PTHREAD_ONCE_INIT;

/* A thread's table, when the thread ends. */
static void dcache_free(void *table)
{
    __atomic_fetch_add(&dcache_misses_ended, dcache_misses, __ATOMIC_RELAXED);
    free(table);
}

static void dcache_key_create(void) { (void)pthread_key_create(&dcache_key, dcache_free); }

/* (once per thread: kept out of line, so that dcache_slot is inlined) */
static __attribute__((noinline)) struct dcache_entry *dcache_make(uint64_t pc)
{
    unsigned n = __atomic_load_n(&dcache_entries, __ATOMIC_RELAXED);
    pthread_once(&dcache_once, dcache_key_create);
    if (!(dcache = calloc(n, sizeof *dcache))) return &dcache_one;
    (void)pthread_setspecific(dcache_key, dcache);
    dcache_mask = n - 1;
    return &dcache[(pc >> 1) & dcache_mask];
}

static inline struct dcache_entry *dcache_slot(uint64_t pc)
{
    if (__builtin_expect(dcache == NULL, 0)) return dcache_make(pc);
    return &dcache[(pc >> 1) & dcache_mask];
}

/* The trap cause of a failed instruction fetch. */
static uint64_t fetch_fault_cause(int mmu_result)
{
    if (mmu_result == MMU_FAULT_MISALIGNED) return RV_CAUSE_MISALIGNED_FETCH; /* an odd pc */
    return mmu_result == MMU_FAULT_ACCESS ? RV_CAUSE_FETCH_ACCESS : RV_CAUSE_FETCH_PAGE_FAULT;
}

/* The slow path of fetch_bits: a TLB miss, an odd pc, or an instruction
 * that may cross into the next page (kept out of line, so that the fast
 * path is inlined into the interpreter's loops). */
static __attribute__((noinline)) bool fetch_bits_slow(struct cpu *cpu, uint32_t *bits)
{
    uint64_t pc = cpu->pc;
    uint16_t lo, hi = 0;
    int r = mmu_fetch16(cpu->mmu, pc, &lo);
    if (r) return cpu_trap(cpu, fetch_fault_cause(r), pc);
    if (rv_insn_length(lo) == 4 && (r = mmu_fetch16(cpu->mmu, pc + 2, &hi)))
        return cpu_trap(cpu, fetch_fault_cause(r), pc + 2);
    *bits = (uint32_t)hi << 16 | lo;
    return true;
}

/* Fetches the instruction bits at pc: the fast path reads 32 bits through
 * the TLB in one go when they cannot cross into the next page (its tag
 * compare keeps bit 0, so an odd pc takes the slow path, which traps).
 * (always_inline: out of line, the call was a tenth of a cold block's cost
 * in system mode, where tiering interprets each block 23 times.) */
static inline __attribute__((always_inline)) bool fetch_bits(struct cpu *cpu, uint32_t *bits)
{
    uint64_t pc = cpu->pc;
    struct tlb_entry *e = mmu_tlb_entry(cpu->mmu, pc);
    if (__builtin_expect(MMU_RELAXED_LOAD(&e->tag_exec) == mmu_tag_of(pc, 2) && (pc & MMU_PAGE_MASK) <= MMU_PAGE_SIZE - 4, 1)) {
        /* (aligned words or halves, read whole: another thread may be rewriting this code) */
        uintptr_t hp = (uintptr_t)(pc + MMU_RELAXED_LOAD(&e->addend));
        const uint16_t *h = (const uint16_t *)hp;
        uint32_t w = hp & 3 ? MMU_RELAXED_LOAD(&h[0]) | (uint32_t)MMU_RELAXED_LOAD(&h[1]) << 16
                            : MMU_RELAXED_LOAD((const uint32_t *)hp);
        *bits = rv_insn_length((uint16_t)w) == 4 ? w : (w & 0xffff);
        return true;
    }
    return fetch_bits_slow(cpu, bits);
}

/* Decodes through the cache: reuse the decoded form if the bits match. */
static inline __attribute__((always_inline)) bool fetch_decode_cached(struct cpu *cpu, struct rv_insn **out)
{
    uint32_t bits;
    if (!fetch_bits(cpu, &bits)) return false;
    struct dcache_entry *e = dcache_slot(cpu->pc);
    if (e->pc != cpu->pc || e->insn.raw != bits || e->insn.len == 0) {
        dcache_misses++;
        e->pc = cpu->pc;
        if (!rv_decode(bits, &e->insn)) {
            e->insn.len = 0; /* never reuse an illegal entry */
            return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, bits);
        }
    }
    *out = &e->insn;
    return true;
}

/* The translator's block discovery decodes through the same cache: a block
 * is translated right after its last visits in the interpreter (tiering),
 * so its instructions are usually there.  A miss is not filled in (that
 * would evict the interpreter's entries for instructions the block
 * discovered but never ran), nor counted in dcache_misses, which counts
 * the interpreter's own decodes. */
bool cpu_fetch_decode(struct cpu *cpu, struct rv_insn *out)
{
    uint32_t bits;
    if (!fetch_bits(cpu, &bits)) return false;
    struct dcache_entry *e = dcache_slot(cpu->pc);
    if (e->pc == cpu->pc && e->insn.raw == bits && e->insn.len != 0) {
        *out = e->insn;
        return true;
    }
    if (!rv_decode(bits, out)) return cpu_trap(cpu, RV_CAUSE_ILLEGAL_INSN, out->raw);
    return true;
}

bool cpu_run_interp(struct cpu *cpu, uint64_t budget)
{
    while (budget--) {
        if (cpu_exit_requested(cpu)) return false;
        struct rv_insn *in;
        if (!fetch_decode_cached(cpu, &in)) return true;
        if (!exec_one(cpu, in)) return true;
    }
    return false;
}

bool cpu_run_interp_basic_block(struct cpu *cpu, unsigned max)
{
    for (unsigned i = 0; i < max; i++) {
        if (cpu_exit_requested(cpu)) return false;
        uint64_t pc = cpu->pc;
        struct rv_insn *in;
        if (!fetch_decode_cached(cpu, &in)) return true;
        if (!exec_one(cpu, in)) return true;
        uint64_t step = cpu->pc - pc;
        if ((step != 2 && step != 4) || cpu->code_changed) break;
    }
    return false;
}

/* ---- pre-decoded blocks ------------------------------------------------------- */

/* The fast loop of the interpreter engine (cpu_run_interp_blocks): instead
 * of fetching through the TLB and looking each instruction up in the cache
 * above, it decodes a straight-line run of instructions once -- a block,
 * ending at the first jump, branch or system instruction, at most
 * IBLOCK_MAX, never across a page -- and then runs the decoded array with
 * exec_one, the same semantics as every other path.  What it saves per
 * instruction: the TLB lookup of the fetch, the cache probe, the exit
 * request check (once per block; a block has no loop inside).
 *
 * Self-modifying code: a block keeps a copy of the bytes it was decoded
 * from, and every entry compares them with the bytes now at the pc (through
 * the TLB's exec entry of the current mapping) in 8-byte words: a store to
 * the code, another thread's included, or a different page now mapped at
 * that address (system mode) gives other bytes and the block is decoded
 * again.  So, as with the per-instruction cache, nothing needs invalidating.
 * A block that rewrites its own later instructions runs the old ones until
 * it is entered again, which the specification allows (only fence.i -- a
 * system instruction, so it ends the block -- promises to see the store).
 *
 * Permissions: the entry's exec-tag check covers the whole block (one page);
 * a block's instructions cannot change the mapping, since satp, sfence.vma
 * and the privilege changes are system instructions that end it. */

#define IBLOCK_MAX 32      /* instructions */
#define IBLOCK_SLOTS 2048  /* blocks per host thread, direct-mapped by pc */
#define IBLOCK_WORDS (IBLOCK_MAX * 4 / 8 + 2) /* aligned 8-byte words the code can touch */

struct iblock {
    uint64_t pc;  /* of the first instruction (valid only if n > 0) */
    unsigned n;   /* instructions; 0: an empty slot */
    bool fp;      /* has F/D instructions (hostfp_own_mxcsr before it runs) */
    unsigned n_words;
    uint64_t mask_first, mask_last; /* the block's bytes in the first and last word */
    uint64_t code[IBLOCK_WORDS];    /* the aligned words holding the code, as decoded */
    struct rv_insn insn[IBLOCK_MAX];
};

/* One table per host thread (each guest thread runs on its own), made at
 * first use and freed when the thread ends. */
static _Thread_local struct iblock *iblocks;
static pthread_key_t iblocks_key;
static pthread_once_t iblocks_once = PTHREAD_ONCE_INIT;

static void iblocks_key_create(void) { (void)pthread_key_create(&iblocks_key, free); }

static struct iblock *iblock_table(void)
{
    if (__builtin_expect(iblocks != NULL, 1)) return iblocks;
    pthread_once(&iblocks_once, iblocks_key_create);
    iblocks = calloc(IBLOCK_SLOTS, sizeof *iblocks);
    if (iblocks) (void)pthread_setspecific(iblocks_key, iblocks);
    return iblocks;
}

static inline uint64_t load_code_word(uintptr_t host_word)
{
    return MMU_RELAXED_LOAD((const uint64_t *)host_word);
}

/* Whether the bytes at host address hp are still the ones b was decoded from. */
static inline bool iblock_same_code(const struct iblock *b, uintptr_t hp)
{
    uintptr_t w = hp & ~(uintptr_t)7;
    uint64_t diff = (load_code_word(w) ^ b->code[0]) & b->mask_first;
    unsigned last = b->n_words - 1;
    if (last == 0) return diff == 0;
    for (unsigned i = 1; i < last; i++) diff |= load_code_word(w + 8 * i) ^ b->code[i];
    diff |= (load_code_word(w + 8 * last) ^ b->code[last]) & b->mask_last;
    return diff == 0;
}

/* Does the block end after this instruction?  Control transfers, system
 * instructions (traps, CSRs, fence.i, privilege changes) and pause (which
 * may ask the machine loop to run another hart). */
static inline bool ends_block(const struct rv_insn *in)
{
    return (rv_insn_info[in->op].flags & (RV_F_JUMP | RV_F_BRANCH | RV_F_SYSTEM)) || in->op == RV_OP_PAUSE;
}

/* Decodes the block at pc, whose page is at host address hp - (pc's offset
 * in it).  Returns false if not even the first instruction can be decoded
 * here (illegal, or crossing into the next page): the caller then runs it
 * the ordinary way, which raises the trap or fetches across the page.
 *
 * It copies the code first (whole aligned words, inside the page, which is
 * mapped) and decodes from that copy, so the decoded instructions and the
 * bytes iblock_same_code compares with are the same bytes.  Decoding from
 * guest memory and copying it afterwards left a window: another thread's
 * store landing in between gave a block whose copy held the new code and
 * whose instructions the old, which every later entry accepted -- stale
 * code for good (threads_smc saw it once under --engine=interp). */
static bool iblock_build(struct iblock *b, uint64_t pc, uintptr_t hp)
{
    unsigned off = (unsigned)(pc & MMU_PAGE_MASK), start = off, n = 0;
    unsigned lead = (unsigned)(hp & 7);
    uintptr_t w = hp & ~(uintptr_t)7;
    unsigned room = (MMU_PAGE_SIZE - (off - lead)) / 8; /* words from w to the page's end */
    unsigned copied = room < IBLOCK_WORDS ? room : IBLOCK_WORDS;
    for (unsigned i = 0; i < copied; i++) b->code[i] = load_code_word(w + 8 * i);
    const uint8_t *bytes = (const uint8_t *)b->code + lead; /* pc's bytes, in the copy */
    unsigned limit = copied * 8 - lead;                    /* bytes of the copy from pc on */
    b->n = 0;
    while (n < IBLOCK_MAX && off - start + 2 <= limit) {
        uint16_t lo;
        memcpy(&lo, bytes + (off - start), 2);
        uint32_t bits = lo;
        if (rv_insn_length(lo) == 4) {
            if (off - start + 4 > limit) break;
            uint16_t hi;
            memcpy(&hi, bytes + (off - start) + 2, 2);
            bits |= (uint32_t)hi << 16;
        }
        struct rv_insn *in = &b->insn[n];
        if (!rv_decode(bits, in)) break;
        n++;
        off += in->len;
        if (ends_block(in)) break;
    }
    if (n == 0) return false;
    /* the words the block's bytes lie in, with masks for the bytes before
     * and after it */
    unsigned used = off - start;
    b->n_words = (lead + used + 7) / 8;
    unsigned tail = (lead + used) & 7; /* bytes used in the last word (0: all 8) */
    b->mask_first = ~0ull << (8 * lead);
    b->mask_last = tail ? ~0ull >> (64 - 8 * tail) : ~0ull;
    if (b->n_words == 1) b->mask_first &= b->mask_last;
    b->fp = false;
    for (unsigned i = 0; i < n; i++) b->fp |= (rv_insn_info[b->insn[i].op].flags & RV_F_FP) != 0;
    b->pc = pc;
    b->n = n;
    return true;
}

/* One instruction the ordinary way (with MXCSR made the block loop's own
 * first, in case it is an FP instruction). */
static bool step_one(struct cpu *cpu)
{
    hostfp_own_mxcsr(cpu->fflags);
    return cpu_run_interp(cpu, 1);
}

static bool run_blocks(struct cpu *cpu, struct iblock *table)
{
    for (;;) {
        if (cpu_exit_requested(cpu)) return false;
        uint64_t pc = cpu->pc;
        struct tlb_entry *e = mmu_tlb_entry(cpu->mmu, pc);
        if (MMU_RELAXED_LOAD(&e->tag_exec) != mmu_tag_of(pc, 2)) {
            /* not in the TLB (or an odd pc): one instruction the ordinary
             * way fills it, or raises the fetch fault */
            if (step_one(cpu)) return true;
            continue;
        }
        uintptr_t hp = (uintptr_t)(pc + MMU_RELAXED_LOAD(&e->addend));
        struct iblock *b = &table[(pc >> 1) & (IBLOCK_SLOTS - 1)];
        if ((b->pc != pc || b->n == 0 || !iblock_same_code(b, hp)) && !iblock_build(b, pc, hp)) {
            if (step_one(cpu)) return true;
            continue;
        }
        if (b->fp) hostfp_own_mxcsr(cpu->fflags);
        const struct rv_insn *in = b->insn, *end = in + b->n;
        do {
            if (!exec_one(cpu, in)) return true;
        } while (++in < end);
    }
}

bool cpu_run_interp_blocks(struct cpu *cpu)
{
    struct iblock *table = iblock_table();
    if (!table) return cpu_run_interp(cpu, UINT64_MAX); /* (no memory for it: the plain loop) */
    hostfp_mxcsr_owned = true;
    bool trapped = run_blocks(cpu, table);
    hostfp_mxcsr_owned = false;
    return trapped;
}
