/*
 * testsuite/cpuopt/hwprobe.c — what a user-mode program learns about the CPU:
 * AT_HWCAP (one bit per single-letter extension) and the riscv_hwprobe system
 * call (258).  It prints them as names, so testsuite/tests/62-extensions.sh can
 * compare with the expected lists for `--cpu max` and `--cpu rv64gc`.  The bit
 * numbers below are those of Linux's uapi header <asm/hwprobe.h>.
 * (qemu-riscv64 7.2 has no riscv_hwprobe: it is not the oracle here.)
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

struct pair {
    int64_t key;
    uint64_t value;
};

static const struct {
    int bit;
    const char *name;
} ext0[] = {
    {0, "fd"}, {1, "c"}, {3, "zba"}, {4, "zbb"}, {5, "zbs"}, {6, "zicboz"}, {7, "zbc"}, {29, "zihintntl"},
    {32, "zfa"}, {35, "zicond"}, {36, "zihintpause"}, {42, "zimop"}, {44, "zcb"}, {47, "zcmop"},
};

int main(void)
{
    unsigned long hwcap = getauxval(AT_HWCAP);
    printf("hwcap:");
    for (int b = 0; b < 26; b++)
        if (hwcap & (1ul << b)) printf(" %c", 'a' + b);
    printf("\n");

    struct pair p[] = {{3, 0}, {4, 0}, {6, 0}, {12345, 77}};
    long r = syscall(258, p, 4, 0, NULL, 0);
    printf("hwprobe: %ld base %llu zicboz-block %llu unknown-key %lld/%llu\n", r, (unsigned long long)p[0].value,
           (unsigned long long)p[2].value, (long long)p[3].key, (unsigned long long)p[3].value);
    printf("ima_ext_0:");
    uint64_t known = 0;
    for (size_t i = 0; i < sizeof ext0 / sizeof ext0[0]; i++) {
        known |= 1ull << ext0[i].bit;
        if (p[1].value >> ext0[i].bit & 1) printf(" %s", ext0[i].name);
    }
    if (p[1].value & ~known) printf(" unexpected-bits:%llx", (unsigned long long)(p[1].value & ~known));
    printf("\n");
    /* flags other than 0 are refused, and a bad pointer is EFAULT */
    printf("flags=1: %ld, bad pointer: %ld\n", syscall(258, p, 1, 0, NULL, 1) < 0 ? -1L : 0L,
           syscall(258, (void *)16, 1, 0, NULL, 0) < 0 ? -1L : 0L);
    return 0;
}
