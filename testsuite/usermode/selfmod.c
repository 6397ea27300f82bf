/*
 * testsuite/usermode/selfmod.c — code that changes under the translator:
 * a function written into a page, run (so it gets translated), then
 * replaced by another through each way a program can: mprotect + rewrite,
 * munmap + mmap, mmap MAP_FIXED over it, and a rewrite in place followed by
 * __builtin___clear_cache (the riscv_flush_icache system call).  Every call
 * must run the code that is there now; compared with qemu-riscv64.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* "li a0, value; ret" as two 32-bit words (value in -2048..2047). */
static void write_function(uint32_t *code, int value)
{
    code[0] = ((uint32_t)value & 0xfff) << 20 | 10u << 7 | 0x13; /* addi a0, zero, value */
    code[1] = 0x00008067;                                         /* jalr zero, 0(ra) */
}

static int call(void *code)
{
    int (*fn)(void) = (int (*)(void))code;
    int sum = 0;
    for (int i = 0; i < 100; i++) sum += fn(); /* often enough to be translated and chained */
    return sum / 100;
}

int main(void)
{
    const size_t page = 4096;
    uint32_t *code = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) return 1;
    write_function(code, 1);
    mprotect(code, page, PROT_READ | PROT_EXEC);
    printf("first: %d\n", call(code));

    mprotect(code, page, PROT_READ | PROT_WRITE);
    write_function(code, 2);
    mprotect(code, page, PROT_READ | PROT_EXEC);
    printf("after mprotect and rewrite: %d\n", call(code));

    munmap(code, page);
    uint32_t *again = mmap(code, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    write_function(again, 3);
    mprotect(again, page, PROT_READ | PROT_EXEC);
    printf("after munmap and mmap: %d\n", call(again));

    uint32_t *over = mmap(again, page, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                          -1, 0);
    write_function(over, 4);
    __builtin___clear_cache((char *)over, (char *)(over + 2));
    printf("after mmap over it: %d\n", call(over));

    write_function(over, 5); /* the page is writable and executable: rewrite in place */
    __builtin___clear_cache((char *)over, (char *)(over + 2));
    printf("after a rewrite and clear_cache: %d\n", call(over));
    return 0;
}
