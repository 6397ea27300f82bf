/*
 * testsuite/unit/test_disasm.c — the disassembler against GNU objdump, the oracle.
 *
 * The corpus: every distinct instruction word in the code of compiled
 * riscv64 programs and libraries that Debian's cross packages install
 * (glibc's libc.so.6 and libm.so.6, libstdc++, libgcc, ...).  The test runs
 * riscv64-linux-gnu-objdump -d on them, keeps the first occurrence of each
 * distinct word, and requires rv_disasm to print exactly objdump's text
 * (tabs normalised to one space, the " <symbol>" after targets removed).
 * It needs at least 5,000 distinct words.  Words objdump cannot decode
 * either (".word", ".insn") are counted and left out.
 *
 * Hand-written cases then pin every alias and the compressed forms.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cpu/disasm.h"

static const char *const corpus_files[] = {
    "/usr/riscv64-linux-gnu/lib/libc.so.6",
    "/usr/riscv64-linux-gnu/lib/libm.so.6",
    "/usr/riscv64-linux-gnu/lib/libstdc++.so.6",
    "/usr/riscv64-linux-gnu/lib/libgcc_s.so.1",
    "/usr/riscv64-linux-gnu/lib/libgomp.so.1",
    "/usr/riscv64-linux-gnu/lib/libasan.so.8",
};

#define MAX_WORDS 400000
#define SEEN_BITS (1u << 26)

/* A set of instruction words seen, as a hashed bitmap (false positives
 * only make the corpus slightly smaller, never wrong). */
static uint8_t *seen;
static bool seen_before(uint32_t w, unsigned len)
{
    uint64_t h = ((uint64_t)w * 0x9e3779b97f4a7c15ull + len) >> 38;
    uint32_t bit = (uint32_t)h & (SEEN_BITS - 1);
    bool was = seen[bit >> 3] & (1u << (bit & 7));
    seen[bit >> 3] |= (uint8_t)(1u << (bit & 7));
    return was;
}

/* Turns objdump's "add\tsp,sp,-16" / "j\t10234 <foo+0x8>" / "ld a0,8(sp) # 1234" into "add sp,sp,-16". */
static void normalise(char *text)
{
    char *p = strchr(text, '<');
    if (p && p > text && p[-1] == ' ') p[-1] = 0;
    p = strchr(text, '#');
    if (p) *p = 0;
    for (p = text; *p; p++)
        if (*p == '\t') *p = ' ';
    size_t n = strlen(text);
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\n')) text[--n] = 0;
}

static void test_corpus_matches_objdump(void **state)
{
    (void)state;
    if (system("command -v riscv64-linux-gnu-objdump >/dev/null 2>&1") != 0) {
        print_message("riscv64-linux-gnu-objdump not installed\n");
        skip();
    }
    seen = calloc(SEEN_BITS / 8, 1);
    assert_non_null(seen);
    int distinct = 0, skipped_unknown = 0, mismatches = 0, files = 0;
    for (size_t f = 0; f < sizeof corpus_files / sizeof corpus_files[0]; f++) {
        if (access(corpus_files[f], R_OK) != 0) continue;
        files++;
        char cmd[512];
        snprintf(cmd, sizeof cmd, "riscv64-linux-gnu-objdump -d %s", corpus_files[f]);
        FILE *p = popen(cmd, "r");
        assert_non_null(p);
        char line[512];
        while (fgets(line, sizeof line, p)) {
            /* "   2a4f0:\t00e7b023          \tsd\ta4,0(a5)" */
            char *tab1 = strchr(line, '\t');
            if (!tab1) continue;
            char *tab2 = strchr(tab1 + 1, '\t');
            if (!tab2) continue;
            unsigned long long addr;
            if (sscanf(line, " %llx:", &addr) != 1) continue;
            char hex[32] = {0};
            if (sscanf(tab1 + 1, "%31s", hex) != 1) continue;
            size_t hl = strlen(hex);
            if (hl != 4 && hl != 8) continue;
            uint32_t word = (uint32_t)strtoul(hex, NULL, 16);
            unsigned len = (unsigned)hl / 2;
            char *text = tab2 + 1;
            normalise(text);
            if (!strncmp(text, ".word", 5) || !strncmp(text, ".insn", 5) || !strncmp(text, ".2byte", 6) ||
                !strncmp(text, ".short", 6)) {
                skipped_unknown++;
                continue;
            }
            if (seen_before(word, len)) continue;
            distinct++;
            char ours[128];
            rv_disasm_bits(word, addr, ours, sizeof ours);
            if (strcmp(ours, text) != 0 && mismatches++ < 20)
                print_message("%s: %0*x at %llx: objdump '%s', rvdbt '%s'\n", corpus_files[f], (int)hl, word, addr,
                              text, ours);
        }
        pclose(p);
    }
    free(seen);
    if (files == 0) {
        print_message("no riscv64 libraries found (install libc6-dev-riscv64-cross)\n");
        skip();
    }
    print_message("disassembler corpus: %d distinct instruction words from %d files, %d mismatches "
                  "(%d words objdump itself prints as data)\n", distinct, files, mismatches, skipped_unknown);
    assert_true(distinct >= 5000);
    assert_int_equal(mismatches, 0);
}

static void check(uint32_t bits, uint64_t pc, const char *want)
{
    char got[128];
    rv_disasm_bits(bits, pc, got, sizeof got);
    if (strcmp(got, want) != 0) fail_msg("%08x: got '%s', want '%s'", bits, got, want);
}

/* Every alias, with the words and objdump texts checked by hand against binutils 2.40. */
static void test_aliases(void **state)
{
    (void)state;
    check(0x00000013, 0, "nop");
    check(0x00500513, 0, "li a0,5");
    check(0x00058513, 0, "mv a0,a1");
    check(0xff010113, 0, "add sp,sp,-16");       /* addi: binutils 2.40 prints the register-form name */
    check(0x0005851b, 0, "sext.w a0,a1");
    check(0x0055851b, 0, "addw a0,a1,5");
    check(0xfff5c513, 0, "not a0,a1");
    check(0x0055e513, 0, "or a0,a1,5");
    check(0x0ff5f513, 0, "zext.b a0,a1");
    check(0x00359513, 0, "sll a0,a1,0x3");
    check(0x4035d513, 0, "sra a0,a1,0x3");
    check(0x0015b513, 0, "seqz a0,a1");
    check(0x00b03533, 0, "snez a0,a1");
    check(0x0005a533, 0, "sltz a0,a1");
    check(0x00b02533, 0, "sgtz a0,a1");
    check(0x40b00533, 0, "neg a0,a1");
    check(0x40b0053b, 0, "negw a0,a1");
    check(0x00050463, 0x1000, "beqz a0,1008");
    check(0x00a05463, 0x1000, "blez a0,1008");
    check(0x00055463, 0x1000, "bgez a0,1008");
    check(0x00054463, 0x1000, "bltz a0,1008");
    check(0x00a04463, 0x1000, "bgtz a0,1008");
    check(0x00a00463, 0x1000, "beq zero,a0,1008");
    check(0x0080006f, 0x1000, "j 1008");
    check(0x008000ef, 0x1000, "jal 1008");
    check(0x008002ef, 0x1000, "jal t0,1008");
    check(0x00008067, 0, "ret");
    check(0x00050067, 0, "jr a0");
    check(0x00850067, 0, "jr 8(a0)");
    check(0x000500e7, 0, "jalr a0");
    check(0x00850367, 0, "jalr t1,8(a0)");
    check(0x0ff0000f, 0, "fence");
    check(0x8330000f, 0, "fence.tso");
    check(0x0210000f, 0, "fence r,w");
    check(0x00102573, 0, "frflags a0");
    check(0x00351073, 0, "fscsr a0");
    check(0x002515f3, 0, "fsrm a1,a0");
    check(0x0021d073, 0, "fsrmi zero,3");
    check(0xc0002573, 0, "rdcycle a0");
    check(0xc0102573, 0, "rdtime a0");
    check(0xc0202573, 0, "rdinstret a0");
    check(0x30052073, 0, "csrs mstatus,a0");
    check(0x30053073, 0, "csrc mstatus,a0");
    check(0x7c002573, 0, "csrr a0,0x7c0");
    check(0xc0001073, 0, "unimp");
    check(0x22b58553, 0, "fmv.d fa0,fa1");
    check(0x20b59553, 0, "fneg.s fa0,fa1");
    check(0x22b5a553, 0, "fabs.d fa0,fa1");
    check(0x02c5f553, 0, "fadd.d fa0,fa1,fa2");
    check(0x02c58553, 0, "fadd.d fa0,fa1,fa2,rne");
    check(0xc2051553, 0, "fcvt.w.d a0,fa0,rtz");
    check(0xd2050553, 0, "fcvt.d.w fa0,a0");
    check(0xd2051553, 0, ".word 0xd2051553"); /* exact conversion with rm != 0: data for objdump */
    check(0x1405b52f, 0, "lr.d.aq a0,(a1)");
    check(0x1ac5a52f, 0, "sc.w.rl a0,a2,(a1)");
    check(0x0ec5a52f, 0, "amoswap.w.aqrl a0,a2,(a1)");
    check(0x12000073, 0, "sfence.vma");
    check(0x12b50073, 0, "sfence.vma a0,a1");
    check(0x30200073, 0, "mret");
    check(0x00000000, 0, "unimp");            /* the all-zero halfword (c.unimp) */
    check(0x0000000b, 0, ".word 0x0000000b");
}

static void test_compressed(void **state)
{
    (void)state;
    check(0x1141, 0, "add sp,sp,-16");   /* c.addi */
    check(0x4501, 0, "li a0,0");         /* c.li */
    check(0x852e, 0, "mv a0,a1");        /* c.mv */
    check(0x8082, 0, "ret");             /* c.jr ra */
    check(0x9502, 0, "jalr a0");         /* c.jalr */
    check(0xe406, 0, "sd ra,8(sp)");     /* c.sdsp */
    check(0x60a2, 0, "ld ra,8(sp)");     /* c.ldsp */
    check(0x6785, 0, "lui a5,0x1");      /* c.lui */
    check(0x2505, 0, "addw a0,a0,1");    /* c.addiw */
    check(0x9002, 0, "ebreak");          /* c.ebreak */
    check(0xa001, 0x2000, "j 2000");     /* c.j */
    check(0xc119, 0x2000, "beqz a0,2006"); /* c.beqz */
    check(0x0001, 0, "nop");             /* c.nop */
    check(0x8000, 0, ".2byte 0x8000");   /* reserved */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_aliases),
        cmocka_unit_test(test_compressed),
        cmocka_unit_test(test_corpus_matches_objdump),
    };
    return cmocka_run_group_tests_name("disasm", tests, NULL, NULL);
}
