/*
 * testsuite/unit/test_interp.c — interpreter semantics on edge values (cpu/interp*.c).
 *
 * Each case executes one instruction word on a fresh hart and checks the
 * result against the value the ISA manual specifies (the comments cite the
 * rule).  Words are built with small encoders here so the intent is readable.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cpu/interp.h"
#include "mmu/mmu.h"

#define DATA 0x10000ull /* a read/write page for memory operands */
#define CODE 0x20000ull

static struct cpu cpu;
static struct mmu *mem;

static int setup(void **state)
{
    (void)state;
    mem = mmu_create();
    if (!mem || !mmu_map(mem, DATA, MMU_PAGE_SIZE, MMU_READ | MMU_WRITE)) return -1;
    if (!mmu_map(mem, CODE, MMU_PAGE_SIZE, MMU_READ | MMU_EXEC)) return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    mmu_destroy(mem);
    return 0;
}

static void reset(void)
{
    memset(&cpu, 0, sizeof cpu);
    cpu.mmu = mem;
    cpu.pc = CODE;
}

/* Decodes and executes `word`; returns whether it completed. */
static bool run(uint32_t word)
{
    struct rv_insn in;
    if (!rv_decode(word, &in)) return cpu_trap(&cpu, RV_CAUSE_ILLEGAL_INSN, in.raw);
    return cpu_exec(&cpu, &in);
}

static uint32_t r_type(uint32_t f7, uint32_t f3, uint32_t opcode, int rd, int rs1, int rs2)
{
    return f7 << 25 | (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | f3 << 12 | (uint32_t)rd << 7 | opcode;
}
static uint32_t i_type(int32_t imm, uint32_t f3, uint32_t opcode, int rd, int rs1)
{
    return ((uint32_t)imm & 0xfff) << 20 | (uint32_t)rs1 << 15 | f3 << 12 | (uint32_t)rd << 7 | opcode;
}

/* x10 = op(x11, x12) */
static uint64_t op_rr(uint32_t f7, uint32_t f3, uint32_t opcode, uint64_t a, uint64_t b)
{
    reset();
    cpu.x[11] = a;
    cpu.x[12] = b;
    assert_true(run(r_type(f7, f3, opcode, 10, 11, 12)));
    assert_int_equal(cpu.pc, CODE + 4);
    return cpu.x[10];
}

#define OP 0x33
#define OP32 0x3b
#define DIV(a, b) op_rr(1, 4, OP, a, b)
#define DIVU(a, b) op_rr(1, 5, OP, a, b)
#define REM(a, b) op_rr(1, 6, OP, a, b)
#define REMU(a, b) op_rr(1, 7, OP, a, b)
#define DIVW(a, b) op_rr(1, 4, OP32, a, b)
#define DIVUW(a, b) op_rr(1, 5, OP32, a, b)
#define REMW(a, b) op_rr(1, 6, OP32, a, b)
#define REMUW(a, b) op_rr(1, 7, OP32, a, b)

static void test_division_edges(void **state)
{
    (void)state;
    /* Table 13.1 (M extension): division by zero and signed overflow. */
    assert_int_equal(DIV(7, 0), UINT64_MAX);          /* quotient all ones */
    assert_int_equal(DIVU(7, 0), UINT64_MAX);
    assert_int_equal(REM(7, 0), 7);                   /* remainder = dividend */
    assert_int_equal(REMU(7, 0), 7);
    assert_int_equal(DIV(INT64_MIN, (uint64_t)-1), (uint64_t)INT64_MIN); /* overflow: dividend */
    assert_int_equal(REM(INT64_MIN, (uint64_t)-1), 0);
    assert_int_equal(DIV((uint64_t)-7, 2), (uint64_t)-3); /* rounds toward zero */
    assert_int_equal(REM((uint64_t)-7, 2), (uint64_t)-1); /* sign of the dividend */
    /* W forms: 32-bit operation, 32-bit result sign-extended */
    assert_int_equal(DIVW(7, 0), UINT64_MAX);
    assert_int_equal(DIVUW(7, 0x100000000ull), UINT64_MAX); /* divisor's low 32 bits are zero */
    assert_int_equal(REMW(0xffffffff80000000ull, 0), 0xffffffff80000000ull);
    assert_int_equal(REMUW(0x80000000ull, 0), 0xffffffff80000000ull); /* dividend sign-extended from bit 31 */
    assert_int_equal(DIVW(0x80000000ull, 0xffffffffull), 0xffffffff80000000ull); /* INT32_MIN / -1 */
    assert_int_equal(REMW(0x80000000ull, 0xffffffffull), 0);
    assert_int_equal(DIVUW(0xfffffffeull, 1), 0xfffffffffffffffeull); /* unsigned result, still sign-extended */
}

static void test_multiply_high(void **state)
{
    (void)state;
    assert_int_equal(op_rr(1, 1, OP, (uint64_t)-1, (uint64_t)-1), 0);               /* mulh: (-1)(-1) = 1 */
    assert_int_equal(op_rr(1, 3, OP, UINT64_MAX, UINT64_MAX), UINT64_MAX - 1);      /* mulhu */
    assert_int_equal(op_rr(1, 2, OP, (uint64_t)-1, UINT64_MAX), UINT64_MAX);        /* mulhsu: -1 * (2^64-1) */
    assert_int_equal(op_rr(1, 1, OP, (uint64_t)INT64_MIN, (uint64_t)INT64_MIN), 1ull << 62);
    assert_int_equal(op_rr(1, 0, OP32, 0x7fffffff, 2), 0xfffffffffffffffeull);    /* mulw wraps, sign-extends */
}

static void test_shifts_masked(void **state)
{
    (void)state;
    /* Register shifts use only the low 6 bits (RV64) or 5 bits (W forms) of rs2. */
    assert_int_equal(op_rr(0, 1, OP, 1, 64 + 3), 8);                              /* sll by 67 = by 3 */
    assert_int_equal(op_rr(0x20, 5, OP, (uint64_t)INT64_MIN, 127), UINT64_MAX);  /* sra by 63 */
    assert_int_equal(op_rr(0, 5, OP, (uint64_t)INT64_MIN, 63), 1);               /* srl */
    assert_int_equal(op_rr(0, 1, OP32, 1, 32 + 31), 0xffffffff80000000ull);      /* sllw by 31, sign-extended */
    assert_int_equal(op_rr(0x20, 5, OP32, 0x80000000ull, 33), 0xffffffffc0000000ull); /* sraw by 1 */
    assert_int_equal(op_rr(0, 5, OP32, 0xffffffff80000000ull, 31), 1);            /* srlw uses low 32 bits only */
}

static void test_w_forms_sign_extend(void **state)
{
    (void)state;
    assert_int_equal(op_rr(0, 0, OP32, 0x7fffffff, 1), 0xffffffff80000000ull);  /* addw overflow */
    assert_int_equal(op_rr(0x20, 0, OP32, 0, 1), UINT64_MAX);                   /* subw */
    assert_int_equal(op_rr(0, 0, OP32, 0x123456789ull, 0), 0x23456789);          /* upper bits ignored */
    reset();
    cpu.x[11] = 0x7fffffff;
    assert_true(run(i_type(1, 0, 0x1b, 10, 11))); /* addiw a0,a1,1 */
    assert_int_equal(cpu.x[10], 0xffffffff80000000ull);
}

static void test_x0_and_jalr(void **state)
{
    (void)state;
    reset();
    assert_true(run(i_type(5, 0, 0x13, 0, 0))); /* addi x0,x0,5: x0 stays zero */
    assert_int_equal(cpu.x[0], 0);
    reset();
    cpu.x[5] = CODE + 0x101;
    assert_true(run(i_type(2, 0, 0x67, 5, 5))); /* jalr t0,2(t0): target computed before rd is written, bit 0 cleared */
    assert_int_equal(cpu.pc, CODE + 0x102);
    assert_int_equal(cpu.x[5], CODE + 4);
}

static void test_loads_stores(void **state)
{
    (void)state;
    reset();
    cpu.x[11] = DATA;
    cpu.x[12] = 0x80;
    assert_true(run(0x00c58023)); /* sb a2,0(a1) */
    assert_true(run(i_type(0, 0, 0x03, 10, 11))); /* lb a0,0(a1): sign-extends */
    assert_int_equal(cpu.x[10], 0xffffffffffffff80ull);
    assert_true(run(i_type(0, 4, 0x03, 10, 11))); /* lbu */
    assert_int_equal(cpu.x[10], 0x80);
    /* a load fault leaves everything as it was, pc at the instruction, tval = address */
    reset();
    cpu.x[11] = 0x90000;
    cpu.x[10] = 1234;
    assert_false(run(i_type(8, 3, 0x03, 10, 11))); /* ld a0,8(a1) */
    assert_int_equal(cpu.trap_cause, RV_CAUSE_LOAD_PAGE_FAULT);
    assert_int_equal(cpu.trap_tval, 0x90008);
    assert_int_equal(cpu.pc, CODE);
    assert_int_equal(cpu.x[10], 1234);
    assert_int_equal(cpu.instret, 0);
    /* store to a read-only (code) page */
    cpu.x[11] = CODE;
    assert_false(run(0x00c5b023)); /* sd a2,0(a1) */
    assert_int_equal(cpu.trap_cause, RV_CAUSE_STORE_PAGE_FAULT);
}

static void test_lr_sc_amo(void **state)
{
    (void)state;
    reset();
    cpu.x[11] = DATA + 64;
    cpu.x[12] = 5;
    uint32_t lr_w = 0x1005a52f, sc_w = 0x18c5a52f; /* lr.w a0,(a1); sc.w a0,a2,(a1) */
    assert_true(run(sc_w)); /* no reservation: fails with rd = 1, memory untouched */
    assert_int_equal(cpu.x[10], 1);
    uint64_t v = 9;
    assert_int_equal(mmu_load(mem, DATA + 64, 4, &v), MMU_OK);
    assert_int_equal(v, 0);
    assert_true(run(lr_w));
    assert_true(run(sc_w)); /* succeeds: rd = 0 */
    assert_int_equal(cpu.x[10], 0);
    assert_int_equal(mmu_load(mem, DATA + 64, 4, &v), MMU_OK);
    assert_int_equal(v, 5);
    assert_true(run(sc_w)); /* the reservation was consumed */
    assert_int_equal(cpu.x[10], 1);
    /* a store of a new value to the reserved address in between breaks the pair */
    assert_true(run(lr_w));
    cpu.x[12] = 6;
    assert_true(run(0x00c5a023)); /* sw a2,0(a1) */
    assert_true(run(sc_w));
    assert_int_equal(cpu.x[10], 1);
    /* ... one of the value LR read does not: SC compares values (one hart) */
    assert_true(run(lr_w));
    assert_true(run(0x00c5a023)); /* sw a2,0(a1): 6 again */
    cpu.x[12] = 8;
    assert_true(run(sc_w));
    assert_int_equal(cpu.x[10], 0);
    assert_int_equal(mmu_load(mem, DATA + 64, 4, &v), MMU_OK);
    assert_int_equal(v, 8);

    /* amomax.w on negative values compares signed, returns old value sign-extended */
    assert_int_equal(mmu_store(mem, DATA + 64, 4, 0xfffffff0), MMU_OK);
    cpu.x[12] = 0xfffffffe; /* -2 as a word */
    assert_true(run(0xa0c5a52f)); /* amomax.w a0,a2,(a1) */
    assert_int_equal(cpu.x[10], 0xfffffffffffffff0ull);
    assert_int_equal(mmu_load(mem, DATA + 64, 4, &v), MMU_OK);
    assert_int_equal(v, 0xfffffffe);
    /* amominu.d compares unsigned */
    assert_int_equal(mmu_store(mem, DATA + 64, 8, 1), MMU_OK);
    cpu.x[12] = UINT64_MAX;
    assert_true(run(0xc0c5b52f)); /* amominu.d a0,a2,(a1) */
    assert_int_equal(cpu.x[10], 1);
    assert_int_equal(mmu_load(mem, DATA + 64, 8, &v), MMU_OK);
    assert_int_equal(v, 1);
    /* misaligned AMO: address-misaligned trap, nothing written */
    cpu.x[11] = DATA + 66;
    assert_false(run(0x00c5a52f)); /* amoadd.w */
    assert_int_equal(cpu.trap_cause, RV_CAUSE_MISALIGNED_STORE);
    assert_int_equal(cpu.trap_tval, DATA + 66);
}

static void test_illegal_tval(void **state)
{
    (void)state;
    reset();
    assert_false(run(0x00000000));
    assert_int_equal(cpu.trap_cause, RV_CAUSE_ILLEGAL_INSN);
    assert_int_equal(cpu.trap_tval, 0);
    assert_false(run(0x04000053)); /* fadd.h: not implemented */
    assert_int_equal(cpu.trap_tval, 0x04000053);
    assert_false(run(0x30200073)); /* mret in user mode */
    assert_int_equal(cpu.trap_tval, 0x30200073);
    assert_false(run(0x30002573)); /* csrr a0,mstatus in user mode */
    assert_int_equal(cpu.trap_cause, RV_CAUSE_ILLEGAL_INSN);
    assert_false(run(0xc0001073)); /* csrw cycle,zero: read-only CSR */
    assert_int_equal(cpu.trap_tval, 0xc0001073);
    assert_false(run(0x8002)); /* c.jr x0: reserved compressed form, tval holds the 16 bits */
    assert_int_equal(cpu.trap_tval, 0x8002);
}

static void test_csr_fp(void **state)
{
    (void)state;
    reset();
    cpu.x[11] = 0xff;
    assert_true(run(0x00359573)); /* fscsr a0,a1 (csrrw a0,fcsr,a1) */
    assert_int_equal(cpu.fflags, 0x1f);
    assert_int_equal(cpu.frm, 7);
    assert_true(run(0x00102573)); /* frflags a0 */
    assert_int_equal(cpu.x[10], 0x1f);
    assert_true(run(0x00117073)); /* csrrci zero,fflags,2: clears UF (bit 1) */
    assert_int_equal(cpu.fflags, 0x1d);
    /* an invalid frm makes dynamic-rounding instructions illegal */
    cpu.frm = 5;
    assert_false(run(0x02b57553)); /* fadd.d fa0,fa0,fa1,dyn */
    assert_int_equal(cpu.trap_cause, RV_CAUSE_ILLEGAL_INSN);
    assert_true(run(0x02b50553)); /* the same with static rne works */
}

/* The interpreter's host-FPU road (cpu/hostfp.h: round to nearest even) must give the
 * same bits and the same fflags as soft-float for every operation it takes over:
 * special values (zeros, infinities, quiet and signalling NaNs, denormals, the
 * largest finite values, an unboxed single) crossed with each other, then random
 * operands biased towards the exponent ranges where overflow, underflow and
 * cancellation happen. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static uint64_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static uint64_t random_operand(bool dbl)
{
    uint64_t r = next_random();
    if (dbl) {
        static const uint64_t exps[] = {0, 1, 0x3ff, 0x400, 0x7fe, 0x7ff, 0x3c9, 0x001, 0x7fd};
        if (r & 1) return r; /* any bits */
        uint64_t e = exps[(r >> 1) % 9] + ((r >> 8) % 5) - 2;
        return (r & 0x800fffffffffffffull) | ((e & 0x7ff) << 52);
    }
    static const uint32_t exps[] = {0, 1, 0x7f, 0x80, 0xfe, 0xff, 0x68, 0x01, 0xfd};
    uint32_t v = (uint32_t)r;
    if (!(r & 1)) {
        uint32_t e = exps[(r >> 1) % 9] + (uint32_t)((r >> 8) % 5) - 2;
        v = (v & 0x807fffffu) | ((e & 0xff) << 23);
    }
    return (r >> 40) % 64 ? 0xffffffff00000000ull | v : v; /* now and then not NaN-boxed */
}

static void run_both_ways(uint32_t word, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t result[2];
    uint32_t flags[2];
    for (int soft = 0; soft < 2; soft++) {
        reset();
        cpu.soft_float_only = soft;
        cpu.f[1] = a, cpu.f[2] = b, cpu.f[3] = c;
        assert_true(run(word));
        result[soft] = cpu.f[4];
        flags[soft] = cpu.fflags;
    }
    if (result[0] != result[1] || flags[0] != flags[1])
        fail_msg("word %08x on %016llx %016llx %016llx: host FPU %016llx flags %x, soft-float %016llx flags %x",
                 word, (unsigned long long)a, (unsigned long long)b, (unsigned long long)c,
                 (unsigned long long)result[0], flags[0], (unsigned long long)result[1], flags[1]);
}

static void test_host_fp_matches_soft_float(void **state)
{
    (void)state;
    static const uint64_t special_d[] = {0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
                                         0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
                                         0x7ff4000000000000ull, 1, 0x000fffffffffffffull, 0x0010000000000000ull,
                                         0x7fefffffffffffffull, 0x3ff0000000000001ull, 0x3fb999999999999aull};
    static const uint32_t special_s[] = {0, 0x80000000u, 0x3f800000u, 0xbf800000u, 0x7f800000u, 0xff800000u,
                                         0x7fc00000u, 0x7fa00000u, 1, 0x007fffffu, 0x00800000u, 0x7f7fffffu,
                                         0x3f800001u, 0x3dcccccdu};
    /* funct7 of OP-FP (fmt in the low two bits), rs2 0 for sqrt; then fmadd (opcode 0x43) */
    static const uint32_t funct7[] = {0x00, 0x04, 0x08, 0x0c, 0x2c};
    for (int dbl = 0; dbl < 2; dbl++) {
        for (int k = 0; k < 9; k++) {
            for (int rm = 0; rm < 8; rm += 7) { /* static rne, and dynamic with frm = rne */
                /* k 5..8: fmadd, fmsub, fnmsub, fnmadd (opcodes 0x43, 0x47, 0x4b, 0x4f) */
                uint32_t word = k < 5 ? r_type(funct7[k] | (uint32_t)dbl, (uint32_t)rm, 0x53, 4, 1, k == 4 ? 0 : 2)
                                      : (3u << 27 | (uint32_t)dbl << 25 | 2u << 20 | 1u << 15 | (uint32_t)rm << 12 |
                                         4u << 7 | (0x43u + 4u * (uint32_t)(k - 5)));
                for (int i = 0; i < 14; i++)
                    for (int j = 0; j < 14; j++) {
                        uint64_t a = dbl ? special_d[i] : 0xffffffff00000000ull | special_s[i];
                        uint64_t b = dbl ? special_d[j] : 0xffffffff00000000ull | special_s[j];
                        run_both_ways(word, a, b, dbl ? special_d[(i + j) % 14] : 0xffffffff00000000ull | special_s[j]);
                    }
                for (int n = 0; n < 20000; n++)
                    run_both_ways(word, random_operand(dbl), random_operand(dbl), random_operand(dbl));
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_division_edges), cmocka_unit_test(test_multiply_high),
        cmocka_unit_test(test_shifts_masked), cmocka_unit_test(test_w_forms_sign_extend),
        cmocka_unit_test(test_x0_and_jalr), cmocka_unit_test(test_loads_stores),
        cmocka_unit_test(test_lr_sc_amo), cmocka_unit_test(test_illegal_tval),
        cmocka_unit_test(test_csr_fp), cmocka_unit_test(test_host_fp_matches_soft_float),
    };
    return cmocka_run_group_tests_name("interp", tests, setup, teardown);
}
