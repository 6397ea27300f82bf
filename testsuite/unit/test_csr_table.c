/*
 * testsuite/unit/test_csr_table.c — the CSR table (cpu/csr_table.h) and the
 * access rules cpu_exec_csr takes from it.
 *
 * The expected numbers, privileges and read-only bits are the privileged
 * specification's (its CSR listing tables), written out here by hand; the
 * execution cases run one csr instruction on a hart in user and system mode
 * and check the illegal-instruction rules the table drives.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cpu/csr_table.h"
#include "cpu/interp.h"
#include "cpu/priv.h"

static void test_spec_numbers_and_access(void **state)
{
    (void)state;
    static const struct {
        unsigned num;
        const char *name;
        unsigned priv; /* 0 U, 1 S, 3 M */
        int ro;
    } spec[] = {
        {0x001, "fflags", 0, 0},   {0x003, "fcsr", 0, 0},      {0xc00, "cycle", 0, 1},
        {0xc01, "time", 0, 1},     {0xc1f, "hpmcounter31", 0, 1}, {0x100, "sstatus", 1, 0},
        {0x14d, "stimecmp", 1, 0}, {0x180, "satp", 1, 0},      {0x300, "mstatus", 3, 0},
        {0x301, "misa", 3, 0},     {0x30a, "menvcfg", 3, 0},   {0x3a0, "pmpcfg0", 3, 0},
        {0x3ef, "pmpaddr63", 3, 0}, {0xb02, "minstret", 3, 0}, {0xf14, "mhartid", 3, 1},
        {0xf15, "mconfigptr", 3, 1},
    };
    for (size_t i = 0; i < sizeof spec / sizeof spec[0]; i++) {
        const struct rv_csr_info *c = rv_csr_lookup(spec[i].num);
        assert_non_null(c);
        assert_string_equal(c->name, spec[i].name);
        assert_int_equal(c->num, spec[i].num);
        assert_int_equal(rv_csr_min_priv(c), spec[i].priv);
        assert_int_equal(rv_csr_read_only(c), spec[i].ro);
    }
    assert_int_equal(CSR_MSTATUS, 0x300);
    assert_int_equal(CSR_SATP, 0x180);
    assert_int_equal(CSR_PMPADDR15, 0x3bf);
    assert_null(rv_csr_lookup(0x7c0));  /* custom space: nothing */
    assert_null(rv_csr_lookup(0x3a5));  /* pmpcfg5: RV32 only, not named by objdump 2.40 */
    assert_null(rv_csr_lookup(4096));
}

/* Every entry is found by its number, and no name appears twice. */
static void test_lookup_round_trip(void **state)
{
    (void)state;
    assert_true(rv_csr_count > 300);
    for (unsigned i = 0; i < rv_csr_count; i++) {
        assert_true(rv_csr_lookup(rv_csr_info[i].num) == &rv_csr_info[i]);
        for (unsigned j = 0; j < i; j++) assert_string_not_equal(rv_csr_info[i].name, rv_csr_info[j].name);
    }
}

static struct cpu cpu;

/* Executes csrrs/csrrw rd, csr, rs1 (funct3 2 or 1); returns whether it completed. */
static bool csr_op(unsigned f3, unsigned csr, int rd, int rs1)
{
    struct rv_insn in;
    uint32_t w = csr << 20 | (uint32_t)rs1 << 15 | f3 << 12 | (uint32_t)rd << 7 | 0x73;
    if (!rv_decode(w, &in)) return false;
    return cpu_exec_csr(&cpu, &in);
}

static void test_access_rules_user_mode(void **state)
{
    (void)state;
    memset(&cpu, 0, sizeof cpu);
    assert_true(csr_op(2, 0x001, 10, 0));   /* frflags a0 */
    assert_true(csr_op(2, 0xc00, 10, 0));   /* rdcycle a0 */
    assert_false(csr_op(1, 0xc00, 0, 10));  /* csrw cycle: read-only */
    assert_false(csr_op(2, 0x008, 10, 0));  /* vstart: only a name (no V extension) */
    assert_false(csr_op(2, 0xc03, 10, 0));  /* hpmcounter3: system mode only */
    assert_false(csr_op(2, 0x300, 10, 0));  /* mstatus: system mode only */
    assert_int_equal(cpu.trap_cause, RV_CAUSE_ILLEGAL_INSN);
}

static void test_access_rules_system_mode(void **state)
{
    (void)state;
    memset(&cpu, 0, sizeof cpu);
    cpu.system = true;
    cpu.priv.mode = RV_PRIV_M;
    assert_true(csr_op(2, 0xf14, 10, 0));  /* csrr a0,mhartid */
    assert_false(csr_op(1, 0xf14, 0, 10)); /* csrw mhartid: read-only */
    assert_true(csr_op(2, 0x180, 10, 0));  /* satp in M */
    assert_false(csr_op(2, 0x001, 10, 0)); /* fflags with mstatus.FS = Off: the FP gate */
    cpu.priv.mstatus = MSTATUS_FS;
    assert_true(csr_op(2, 0x001, 10, 0));
    cpu.priv.mode = RV_PRIV_S;
    assert_false(csr_op(2, 0x300, 10, 0)); /* mstatus from S: privilege */
    assert_true(csr_op(2, 0x180, 10, 0));
    cpu.priv.mstatus |= MSTATUS_TVM;
    assert_false(csr_op(2, 0x180, 10, 0)); /* satp from S with TVM: the TVM gate */
    assert_false(csr_op(2, 0x14d, 10, 0)); /* stimecmp without menvcfg.STCE: the STCE gate */
    assert_false(csr_op(2, 0xc00, 10, 0)); /* cycle with mcounteren.CY = 0: the counter gate */
    cpu.priv.mcounteren = 1;
    assert_true(csr_op(2, 0xc00, 10, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_numbers_and_access),
        cmocka_unit_test(test_lookup_round_trip),
        cmocka_unit_test(test_access_rules_user_mode),
        cmocka_unit_test(test_access_rules_system_mode),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
