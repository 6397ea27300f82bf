/*
 * testsuite/usermode/auxv.c — the initial stack Linux builds: argc/argv/envp
 * as _start finds them, and the auxiliary vector (getauxval).  Prints facts
 * that must hold on any correct implementation (not addresses, which differ).
 */
#include <elf.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;
extern char _start[];

int main(int argc, char **argv)
{
    /* envp follows argv's NULL on the stack */
    printf("argc %d, argv[argc] NULL %d, environ right after argv %d\n", argc, argv[argc] == NULL,
           environ == argv + argc + 1);
    printf("AT_PAGESZ %lu\n", getauxval(AT_PAGESZ));
    printf("AT_PHENT %lu (Elf64_Phdr %zu)\n", getauxval(AT_PHENT), sizeof(Elf64_Phdr));
    const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
    unsigned long n = getauxval(AT_PHNUM);
    int loads = 0;
    for (unsigned long i = 0; i < n; i++) loads += ph[i].p_type == PT_LOAD;
    printf("AT_PHDR readable with %d PT_LOAD among %lu headers\n", loads, n);
    printf("AT_ENTRY is _start %d\n", getauxval(AT_ENTRY) == (uintptr_t)_start);
    int dynamic = 0;
    for (unsigned long i = 0; i < n; i++) dynamic |= ph[i].p_type == PT_INTERP;
    printf("AT_BASE set exactly when dynamic %d\n", (getauxval(AT_BASE) != 0) == dynamic);
    printf("AT_UID %d AT_EUID %d AT_GID %d AT_EGID %d\n", getauxval(AT_UID) == getuid(), getauxval(AT_EUID) == geteuid(),
           getauxval(AT_GID) == getgid(), getauxval(AT_EGID) == getegid());
    printf("AT_SECURE %lu\n", getauxval(AT_SECURE));
    printf("AT_CLKTCK %lu\n", getauxval(AT_CLKTCK));
    const char *fn = (const char *)getauxval(AT_EXECFN);
    printf("AT_EXECFN ends like argv[0] %d\n", fn && strlen(fn) >= 5 && !strcmp(fn + strlen(fn) - 5, argv[0] + strlen(argv[0]) - 5));
    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    int nonzero = 0;
    for (int i = 0; rnd && i < 16; i++) nonzero |= rnd[i];
    printf("AT_RANDOM 16 bytes, not all zero %d\n", nonzero != 0);
    unsigned long hw = getauxval(AT_HWCAP);
    printf("AT_HWCAP has");
    for (char c = 'A'; c <= 'Z'; c++)
        if (hw >> (c - 'A') & 1) printf(" %c", c);
    printf("\n");
    /* the stack pointer is 16-byte aligned in main's frame too (the psABI) */
    char probe __attribute__((aligned(16)));
    printf("aligned locals %d\n", ((uintptr_t)&probe & 15) == 0);
    return 0;
}
