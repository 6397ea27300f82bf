/*
 * testsuite/usermode/follow_remap.c — a block that followed a jump to
 * another page (translator/discover.c, user mode) must go when that page's
 * mapping changes.  Page 0 of a 3-page code area starts with `j` to page 2,
 * which holds "li a0, value; ret"; the translator makes one block of both.
 * Then page 2 alone is replaced with mmap MAP_FIXED of a file holding other
 * code: nothing is stored to code and no fence.i runs (a new mapping is new
 * code for the hart), and page 0 is untouched.  Every call must return what
 * page 2 holds now; compared with qemu-riscv64.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGE 4096

/* jal zero, offset (J-type) */
static uint32_t jal_x0(int32_t offset)
{
    uint32_t o = (uint32_t)offset;
    return 0x6fu | ((o >> 20) & 1) << 31 | ((o >> 1) & 0x3ff) << 21 | ((o >> 11) & 1) << 20 | ((o >> 12) & 0xff) << 12;
}

/* "li a0, value; ret" (value in -2048..2047) */
static void value_function(uint32_t code[2], int value)
{
    code[0] = ((uint32_t)value & 0xfff) << 20 | 10u << 7 | 0x13; /* addi a0, zero, value */
    code[1] = 0x00008067;                                         /* jalr zero, 0(ra) */
}

static int call(void *code)
{
    int (*fn)(void) = (int (*)(void))code;
    int sum = 0;
    for (int i = 0; i < 100; i++) sum += fn(); /* often enough to be translated */
    return sum / 100;
}

int main(void)
{
    /* a file of two pages of code: "return 22" and "return 33" */
    int fd = memfd_create("follow_remap", 0);
    if (fd < 0 || ftruncate(fd, 2 * PAGE) != 0) return perror("memfd"), 1;
    uint32_t code[2];
    value_function(code, 22);
    if (pwrite(fd, code, sizeof code, 0) != sizeof code) return perror("pwrite"), 1;
    value_function(code, 33);
    if (pwrite(fd, code, sizeof code, PAGE) != sizeof code) return perror("pwrite"), 1;

    int prot = PROT_READ | PROT_WRITE | PROT_EXEC;
    uint8_t *area = mmap(NULL, 3 * PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (area == MAP_FAILED) return perror("mmap"), 1;
    ((uint32_t *)area)[0] = jal_x0(2 * PAGE);
    value_function((uint32_t *)(area + 2 * PAGE), 11);
    __builtin___clear_cache((char *)area, (char *)area + 3 * PAGE);
    printf("first: %d\n", call(area));
    for (int k = 0; k < 2; k++) { /* page 2 alone mapped anew, from the file */
        void *p2 = mmap(area + 2 * PAGE, PAGE, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fd, k * PAGE);
        if (p2 != area + 2 * PAGE) return perror("mmap fixed"), 1;
        printf("page 2 from the file's page %d: %d\n", k, call(area));
    }
    return 0;
}
