/*
 * testsuite/unit/test_translator.c — the translator as a whole, on hand-assembled guest code.
 *
 * Each test places a few RISC-V instructions in a fresh address space, runs
 * them with tx_run() and compares the result with what the interpreter
 * produces from the same start (the interpreter is the reference), plus
 * properties only the translator has: W^X code cache, precise faults in the
 * middle of a block, chaining, and flushing on fence.i.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cpu/interp.h"
#include "mmu/mmu.h"
#include "translator/translator.h"

#define CODE 0x10000ull
#define DATA 0x20000ull

static const struct tx_options all_on = {.chain = true, .regcache = true, .inline_tlb = true, .host_mmu = true,
                                         .fusion = true, .code_cache_size = 1 << 20};

/* Instruction encoders, so the programs below read like assembly. */
static uint32_t addi(int rd, int rs1, int imm) { return ((uint32_t)imm & 0xfff) << 20 | (uint32_t)rs1 << 15 | (uint32_t)rd << 7 | 0x13; }
static uint32_t add(int rd, int rs1, int rs2) { return (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | (uint32_t)rd << 7 | 0x33; }
static uint32_t ld(int rd, int rs1, int imm) { return ((uint32_t)imm & 0xfff) << 20 | (uint32_t)rs1 << 15 | 3u << 12 | (uint32_t)rd << 7 | 0x03; }
static uint32_t sd(int rs2, int rs1, int imm)
{
    uint32_t u = (uint32_t)imm;
    return ((u >> 5) & 0x7f) << 25 | (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | 3u << 12 | (u & 0x1f) << 7 | 0x23;
}
static uint32_t bne(int rs1, int rs2, int imm)
{
    uint32_t u = (uint32_t)imm;
    return ((u >> 12) & 1) << 31 | ((u >> 5) & 0x3f) << 25 | (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | 1u << 12 |
           ((u >> 1) & 0xf) << 8 | ((u >> 11) & 1) << 7 | 0x63;
}
static uint32_t beq(int rs1, int rs2, int imm) { return bne(rs1, rs2, imm) & ~(7u << 12); }
static uint32_t andi(int rd, int rs1, int imm) { return addi(rd, rs1, imm) | 7u << 12; }
static uint32_t amoadd_d(int rd, int rs1, int rs2) { return (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | (uint32_t)rd << 7 | 0x302f; }
static uint32_t fadd_d(int rd, int rs1, int rs2) { return 1u << 25 | (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | (uint32_t)rd << 7 | 0x53; }
static uint32_t feq_d(int rd, int rs1, int rs2) { return 0x51u << 25 | (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | 2u << 12 | (uint32_t)rd << 7 | 0x53; }
static uint32_t flt_d(int rd, int rs1, int rs2) { return 0x51u << 25 | (uint32_t)rs2 << 20 | (uint32_t)rs1 << 15 | 1u << 12 | (uint32_t)rd << 7 | 0x53; }
#define ECALL 0x00000073u

struct machine {
    struct mmu *mmu;
    struct cpu cpu;
};

static void load_program(struct machine *m, const uint32_t *code, size_t n)
{
    m->mmu = mmu_create();
    assert_non_null(m->mmu);
    assert_true(mmu_map(m->mmu, CODE, MMU_PAGE_SIZE, MMU_READ | MMU_EXEC));
    assert_true(mmu_map(m->mmu, DATA, MMU_PAGE_SIZE, MMU_READ | MMU_WRITE));
    assert_int_equal(mmu_write_bytes(m->mmu, CODE, code, n * 4, 0), MMU_OK);
    memset(&m->cpu, 0, sizeof m->cpu);
    m->cpu.mmu = m->mmu;
    m->cpu.pc = CODE;
}

static void test_code_cache_is_never_writable_and_executable(void **state)
{
    (void)state;
    struct translator *tx = tx_create(&all_on);
    assert_non_null(tx);
    FILE *maps = fopen("/proc/self/maps", "r");
    assert_non_null(maps);
    char line[512];
    int rwx = 0;
    /* the cache: shared anonymous memory ("/dev/zero (deleted)"), one view
     * rw-s and one r-xs of the same inode and size */
    unsigned long rw_inode = 0, rw_size = 0, rx_inode = 0, rx_size = 0;
    while (fgets(line, sizeof line, maps)) {
        char perms[8];
        unsigned long start, end, inode;
        if (sscanf(line, "%lx-%lx %7s %*s %*s %lu", &start, &end, perms, &inode) != 4) continue;
        if (perms[1] == 'w' && perms[2] == 'x') rwx++;
        if (!strstr(line, "/dev/zero (deleted)")) continue;
        if (!strcmp(perms, "rw-s")) rw_inode = inode, rw_size = end - start;
        if (!strcmp(perms, "r-xs")) rx_inode = inode, rx_size = end - start;
    }
    fclose(maps);
    assert_int_equal(rwx, 0);
    assert_true(rx_inode != 0); /* one memory object, two views */
    assert_int_equal(rw_inode, rx_inode);
    assert_int_equal(rw_size, rx_size);
    tx_destroy(tx);
}

/* A loop: a0 counts to 1000 by a1 = 1; the translated run must match the interpreter's. */
static void test_loop_matches_interpreter(void **state)
{
    (void)state;
    const uint32_t prog[] = {
        addi(10, 0, 0),      /* a0 = 0 */
        addi(11, 0, 1),      /* a1 = 1 */
        addi(12, 0, 1000),   /* a2 = 1000 */
        add(10, 10, 11),     /* loop: a0 += a1 */
        sd(10, 13, 0),       /* [a3] = a0  (a3 = DATA below) */
        bne(10, 12, -8),     /* while a0 != a2 */
        ECALL,
    };
    for (int variant = 0; variant < 2; variant++) {
        struct machine jit, ref;
        load_program(&jit, prog, 7);
        load_program(&ref, prog, 7);
        jit.cpu.x[13] = ref.cpu.x[13] = DATA;
        struct tx_options o = all_on;
        o.chain = variant == 0;
        o.count = variant == 0; /* --stats counters: every iteration of the self-loop counts its store */
        struct translator *tx = tx_create(&o);
        assert_true(tx_run(tx, &jit.cpu));
        assert_true(cpu_run_interp(&ref.cpu, 100000));
        assert_int_equal(jit.cpu.trap_cause, RV_CAUSE_ECALL_U);
        assert_int_equal(jit.cpu.pc, CODE + 24);
        assert_memory_equal(jit.cpu.x, ref.cpu.x, sizeof jit.cpu.x);
        assert_int_equal(jit.cpu.instret, ref.cpu.instret);
        uint64_t v = 0;
        assert_int_equal(mmu_load(jit.mmu, DATA, 8, &v), MMU_OK);
        assert_int_equal(v, 1000);
        assert_int_equal(tx_memory_accesses(tx), variant == 0 ? 1000 : 0); /* counted only with opt.count */
        const struct tx_stats *s = tx_get_stats(tx);
        if (variant == 0) assert_true(s->chained >= 1);    /* the loop's back edge got chained */
        else assert_int_equal(s->chained, 0);
        if (variant == 0) assert_true(s->dispatches < 10); /* ... so the dispatcher was not involved each time */
        else assert_true(s->dispatches >= 1000);
        tx_destroy(tx);
        mmu_destroy(jit.mmu);
        mmu_destroy(ref.mmu);
    }
}

/* A fault in the middle of a block: earlier instructions' results are in
 * struct cpu, later ones did not happen, pc is the faulting instruction. */
static void test_precise_fault_mid_block(void **state)
{
    (void)state;
    const uint32_t prog[] = {
        addi(10, 0, 5),   /* a0 = 5 */
        addi(11, 10, 2),  /* a1 = 7 */
        ld(12, 0, 64),    /* fault: nothing mapped at 64 */
        addi(10, 0, 99),  /* must not happen */
        ECALL,
    };
    struct tx_options variants[4] = {all_on, all_on, all_on, all_on}; /* (the first two: a host fault) */
    variants[1].regcache = false;
    variants[2].inline_tlb = false;
    variants[3].host_mmu = false;
    for (int v = 0; v < 4; v++) {
        struct machine m;
        load_program(&m, prog, 5);
        struct translator *tx = tx_create(&variants[v]);
        assert_true(tx_run(tx, &m.cpu));
        assert_int_equal(m.cpu.trap_cause, RV_CAUSE_LOAD_PAGE_FAULT);
        assert_int_equal(m.cpu.trap_tval, 64);
        assert_int_equal(m.cpu.pc, CODE + 8);
        assert_int_equal(m.cpu.x[10], 5);
        assert_int_equal(m.cpu.x[11], 7);
        assert_int_equal(m.cpu.x[12], 0);
        assert_int_equal(m.cpu.instret, 2);
        tx_destroy(tx);
        mmu_destroy(m.mmu);
    }
}

/* Runs prog translated (with options o) and interpreted from the same start;
 * the trap, pc, registers, instret and data page must all be the same. */
static void run_both_and_compare(const uint32_t *prog, size_t n, uint64_t a3, const struct tx_options *o,
                                 uint64_t want_cause)
{
    struct machine jit, ref;
    load_program(&jit, prog, n);
    load_program(&ref, prog, n);
    jit.cpu.x[13] = ref.cpu.x[13] = a3;
    struct translator *tx = tx_create(o);
    assert_non_null(tx);
    assert_true(tx_run(tx, &jit.cpu));
    assert_true(cpu_run_interp(&ref.cpu, 1000000));
    assert_int_equal(jit.cpu.trap_cause, want_cause);
    assert_int_equal(ref.cpu.trap_cause, want_cause);
    assert_int_equal(jit.cpu.pc, ref.cpu.pc);
    assert_memory_equal(jit.cpu.x, ref.cpu.x, sizeof jit.cpu.x);
    assert_int_equal(jit.cpu.instret, ref.cpu.instret);
    uint8_t page_jit[MMU_PAGE_SIZE], page_ref[MMU_PAGE_SIZE];
    assert_int_equal(mmu_read_bytes(jit.mmu, DATA, page_jit, sizeof page_jit, 0), MMU_OK);
    assert_int_equal(mmu_read_bytes(ref.mmu, DATA, page_ref, sizeof page_ref, 0), MMU_OK);
    assert_memory_equal(page_jit, page_ref, sizeof page_jit);
    tx_destroy(tx);
    mmu_destroy(jit.mmu);
    mmu_destroy(ref.mmu);
}

/* A self-loop (a block branching back to its own start keeps the guest
 * registers in host registers across iterations) that faults in its third
 * iteration: the state must still be exactly the interpreter's. */
static void test_self_loop_fault_is_precise(void **state)
{
    (void)state;
    const uint32_t prog[] = {
        addi(10, 0, 0),    /* a0 = 0 */
        addi(12, 0, 100),  /* a2 = 100 */
        sd(10, 13, 0),     /* loop: [a3] = a0   (a3 = 24 bytes before the end of the page) */
        addi(13, 13, 8),   /*   a3 += 8 */
        addi(10, 10, 1),   /*   a0++ */
        bne(10, 12, -12),  /* while a0 != a2: the 4th store leaves the page and faults */
        ECALL,
    };
    struct tx_options variants[3] = {all_on, all_on, all_on};
    variants[1].regcache = false;
    variants[2].chain = false; /* no self-loop: the same result the ordinary way */
    for (int v = 0; v < 3; v++)
        run_both_and_compare(prog, 7, DATA + MMU_PAGE_SIZE - 24, &variants[v], RV_CAUSE_STORE_PAGE_FAULT);
}

/* A self-loop whose body runs an instruction through the interpreter (the
 * AMO writes a4 in struct cpu, and only the next iteration reads it): the
 * cached registers must be reloaded before the back edge. */
static void test_self_loop_with_helper_insn(void **state)
{
    (void)state;
    const uint32_t prog[] = {
        addi(10, 0, 0),       /* a0 = 0 */
        addi(12, 0, 50),      /* a2 = 50 */
        addi(11, 0, 3),       /* a1 = 3 */
        add(10, 10, 14),      /* loop: a0 += a4 */
        amoadd_d(14, 13, 11), /*   a4 = [a3]; [a3] += a1 */
        addi(12, 12, -1),     /*   a2-- */
        bne(12, 0, -12),      /* while a2 != 0 */
        ECALL,
    };
    struct tx_options variants[2] = {all_on, all_on};
    variants[1].regcache = false;
    for (int v = 0; v < 2; v++) run_both_and_compare(prog, 8, DATA, &variants[v], RV_CAUSE_ECALL_U);
}

/* A forward branch in the middle of a block is a side exit: the block goes
 * on along the fall-through path, the taken path writes back and leaves.
 * Both ways must end exactly as the interpreter does. */
static void test_side_exit_both_ways(void **state)
{
    (void)state;
    for (int taken = 0; taken < 2; taken++) {
        const uint32_t prog[] = {
            addi(10, 0, 5),                  /* a0 = 5 */
            addi(11, 0, taken ? 7 : 5),      /* a1 = 7 (branch taken) or 5 (not taken) */
            add(12, 10, 11),                 /* a2 = a0 + a1: dirty in a host register */
            sd(12, 13, 0),                   /* one store before the branch */
            bne(10, 11, 12),                 /* side exit to the add below */
            sd(12, 13, 8),                   /* fall-through only: a store */
            addi(12, 0, 99),
            add(14, 12, 10),                 /* a4 = a2 + a0 */
            ECALL,
        };
        struct tx_options variants[2] = {all_on, all_on};
        variants[1].regcache = false;
        for (int v = 0; v < 2; v++) run_both_and_compare(prog, 9, DATA, &variants[v], RV_CAUSE_ECALL_U);
        /* --stats counting: the side exit's departures subtract the store they skip */
        struct machine m;
        load_program(&m, prog, 9);
        m.cpu.x[13] = DATA;
        struct tx_options o = all_on;
        o.count = true;
        struct translator *tx = tx_create(&o);
        assert_true(tx_run(tx, &m.cpu));
        assert_int_equal(tx_memory_accesses(tx), taken ? 1 : 2);
        tx_destroy(tx);
        mmu_destroy(m.mmu);
    }
}

/* A forward branch inside a self-loop to the loop's own later code is an
 * "inner jump": it stays in the block with the registers cached.  Results,
 * instret and (with --stats counting) the number of loads/stores executed
 * must come out exactly as the interpreter's. */
static void test_inner_jump_in_self_loop(void **state)
{
    (void)state;
    const uint32_t prog[] = {
        addi(10, 0, 100),  /* a0 = 100 */
        addi(11, 0, 0),    /* a1 = 0 */
        andi(12, 10, 1),   /* loop: a2 = a0 & 1 */
        beq(12, 0, 8),     /*   even: skip the add (an inner jump) */
        addi(11, 11, 3),   /*   odd: a1 += 3 */
        addi(10, 10, -1),  /*   a0-- */
        sd(11, 13, 0),     /*   [a3] = a1 */
        bne(10, 0, -20),   /* while a0 != 0 */
        ECALL,
    };
    struct tx_options variants[2] = {all_on, all_on};
    variants[1].count = true;
    for (int v = 0; v < 2; v++) run_both_and_compare(prog, 9, DATA, &variants[v], RV_CAUSE_ECALL_U);
    struct machine m;
    load_program(&m, prog, 9);
    m.cpu.x[13] = DATA;
    struct tx_options o = all_on;
    o.count = true;
    struct translator *tx = tx_create(&o);
    assert_true(tx_run(tx, &m.cpu));
    assert_int_equal(m.cpu.x[11], 150);
    assert_int_equal(m.cpu.instret, 2 + 50 * 6 + 50 * 5);
    assert_int_equal(tx_memory_accesses(tx), 100);
    tx_destroy(tx);
    mmu_destroy(m.mmu);
}

/* Eight guest registers live in cache registers (four of them in r9, r11,
 * rdi and r8, which C helpers may clobber) across a load that misses the
 * TLB and so calls the slow-path helper; all of them are used after it. */
static void test_cached_registers_survive_a_slow_path(void **state)
{
    (void)state;
    const uint32_t prog[] = {
        addi(5, 0, 1), addi(6, 0, 2), addi(7, 0, 3), addi(8, 0, 4), addi(9, 0, 5), addi(10, 0, 6),
        addi(14, 0, 7), addi(15, 0, 8),
        add(5, 5, 6), add(6, 6, 7), add(7, 7, 8), add(8, 8, 9), add(9, 9, 10), add(10, 10, 14),
        add(14, 14, 15), add(15, 15, 5),
        ld(11, 13, 0), /* first touch of the data page: TLB miss -> tx_helper_load */
        add(12, 5, 6), add(12, 12, 7), add(12, 12, 8), add(12, 12, 9), add(12, 12, 10), add(12, 12, 14),
        add(12, 12, 15), add(12, 12, 11),
        ECALL,
    };
    struct tx_options variants[2] = {all_on, all_on};
    variants[1].regcache = false;
    for (int v = 0; v < 2; v++) run_both_and_compare(prog, 26, DATA, &variants[v], RV_CAUSE_ECALL_U);
}

/* Code rewritten after translation: without fence.i the old translation may
 * run; after fence.i the new code must. */
static void test_fence_i_invalidates(void **state)
{
    (void)state;
    const uint32_t prog[] = {addi(10, 0, 1), ECALL};
    struct machine m;
    load_program(&m, prog, 2);
    struct translator *tx = tx_create(&all_on);
    assert_true(tx_run(tx, &m.cpu));
    assert_int_equal(m.cpu.x[10], 1);
    uint32_t patched = addi(10, 0, 2);
    assert_int_equal(mmu_write_bytes(m.mmu, CODE, &patched, 4, 0), MMU_OK);
    m.cpu.code_changed = 1; /* what executing fence.i does */
    m.cpu.pc = CODE;
    assert_true(tx_run(tx, &m.cpu));
    assert_int_equal(m.cpu.x[10], 2);
    tx_destroy(tx);
    mmu_destroy(m.mmu);
}

/* The FP cache (fpcache.c) hands out xmm2..xmm15 round robin: after fourteen
 * FP registers, the next one reuses f0's register.  A compare whose first
 * operand is f0 and whose second is a new register must still compare the two
 * values, not the new one with itself. */
static void test_fp_cache_reuse_keeps_operands(void **state)
{
    (void)state;
    uint32_t prog[16];
    int n = 0;
    for (int r = 1; r <= 13; r++) prog[n++] = fadd_d(r, 0, 0); /* f0, then f1..f13 = 4.0: fourteen registers */
    prog[n++] = feq_d(10, 0, 20);  /* a0 = (f0 == f20) = 0; f20 takes f0's register */
    prog[n++] = flt_d(11, 21, 1);  /* a1 = (f21 < f1) = 1; f21 takes f1's register */
    prog[n++] = ECALL;
    struct machine m;
    load_program(&m, prog, (size_t)n);
    memcpy(&m.cpu.f[0], &(double){2.0}, 8);
    memcpy(&m.cpu.f[20], &(double){5.0}, 8);
    memcpy(&m.cpu.f[21], &(double){-1.0}, 8);
    m.cpu.x[10] = m.cpu.x[11] = 77;
    struct translator *tx = tx_create(&all_on);
    assert_true(tx_run(tx, &m.cpu));
    assert_int_equal(m.cpu.trap_cause, RV_CAUSE_ECALL_U);
    assert_int_equal(m.cpu.x[10], 0); /* 2.0 == 5.0 is false (comparing f20 with itself would say 1) */
    assert_int_equal(m.cpu.x[11], 1); /* -1.0 < 4.0 (comparing f21 with itself would say 0) */
    double f13;
    memcpy(&f13, &m.cpu.f[13], 8);
    assert_true(f13 == 4.0);
    tx_destroy(tx);
    mmu_destroy(m.mmu);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code_cache_is_never_writable_and_executable),
        cmocka_unit_test(test_loop_matches_interpreter),
        cmocka_unit_test(test_precise_fault_mid_block),
        cmocka_unit_test(test_fence_i_invalidates),
        cmocka_unit_test(test_self_loop_fault_is_precise),
        cmocka_unit_test(test_self_loop_with_helper_insn),
        cmocka_unit_test(test_side_exit_both_ways),
        cmocka_unit_test(test_inner_jump_in_self_loop),
        cmocka_unit_test(test_cached_registers_survive_a_slow_path),
        cmocka_unit_test(test_fp_cache_reuse_keeps_operands),
    };
    return cmocka_run_group_tests_name("translator", tests, NULL, NULL);
}
