/*
 * frontends/linux/linux_stack.c — the initial stack of a new process, as Linux builds it.
 *
 * Layout, from the top of the stack down (fs/binfmt_elf.c, create_elf_tables):
 *   the execfn string (AT_EXECFN), the environment strings, the argument
 *   strings, 16 random bytes (AT_RANDOM), padding to 16 bytes, then
 *   argc, argv[0..argc-1], NULL, envp[0..], NULL, auxv pairs, AT_NULL
 * with sp pointing at argc, 16-byte aligned as the psABI requires.  glibc's
 * start-up (and its dynamic loader) reads all of this, so every entry
 * matters: AT_PHDR/AT_PHNUM find the program headers, AT_BASE is where the
 * dynamic loader itself was placed, AT_ENTRY the program's real entry point,
 * AT_RANDOM seeds the stack protector and pointer mangling.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "cpu/isa_ext.h"
#include "frontends/linux/linux_user.h"

/* auxv keys (linux/auxvec.h) */
enum { AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7, AT_FLAGS = 8,
       AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14, AT_HWCAP = 16, AT_CLKTCK = 17,
       AT_SECURE = 23, AT_RANDOM = 25, AT_EXECFN = 31 };


/* Pushes bytes onto the guest stack being built; returns their guest address (0 if it did not fit). */
static uint64_t push_bytes(struct linux_process *p, uint64_t *sp, const void *data, size_t len)
{
    if (len > *sp - (LINUX_STACK_TOP - LINUX_STACK_SIZE) - 4096) return 0; /* keep room for the tables */
    *sp -= len;
    if (mmu_write_bytes(p->mmu, *sp, data, len, MMU_WRITE)) return 0;
    return *sp;
}

bool linux_build_stack(struct linux_process *p, const struct elf_image *img, uint64_t interp_base, int argc,
                       char **argv, char **envp, const char *execfn)
{
    if (!mmu_map(p->mmu, LINUX_STACK_TOP - LINUX_STACK_SIZE, LINUX_STACK_SIZE, MMU_READ | MMU_WRITE)) return false;
    uint64_t sp = LINUX_STACK_TOP - 8; /* Linux leaves a NULL word at the very top */
    int envc = 0;
    while (envp[envc]) envc++;

    /* Strings first (highest addresses), then the pointer arrays below them. */
    uint64_t execfn_addr = push_bytes(p, &sp, execfn, strlen(execfn) + 1);
    uint64_t *env_addr = calloc((size_t)envc + 1, sizeof *env_addr);
    uint64_t *arg_addr = calloc((size_t)argc + 1, sizeof *arg_addr);
    bool ok = env_addr && arg_addr && execfn_addr;
    for (int i = envc - 1; ok && i >= 0; i--) ok = (env_addr[i] = push_bytes(p, &sp, envp[i], strlen(envp[i]) + 1));
    for (int i = argc - 1; ok && i >= 0; i--) ok = (arg_addr[i] = push_bytes(p, &sp, argv[i], strlen(argv[i]) + 1));
    uint8_t random_bytes[16];
    if (getrandom(random_bytes, sizeof random_bytes, 0) != sizeof random_bytes)
        memset(random_bytes, 0x5a, sizeof random_bytes);
    sp &= ~15ull;
    uint64_t at_random = ok ? push_bytes(p, &sp, random_bytes, sizeof random_bytes) : 0;

    /* AT_HWCAP: a bit per single-letter extension (cpu/isa_ext.c) */
    uint64_t auxv[][2] = {
        {AT_PHDR, img->phdr_addr}, {AT_PHENT, img->phentsize}, {AT_PHNUM, img->phnum},
        {AT_PAGESZ, MMU_PAGE_SIZE}, {AT_BASE, interp_base}, {AT_FLAGS, 0}, {AT_ENTRY, img->entry},
        {AT_UID, getuid()}, {AT_EUID, geteuid()}, {AT_GID, getgid()}, {AT_EGID, getegid()},
        {AT_HWCAP, rv_ext_hwcap()}, {AT_CLKTCK, (uint64_t)sysconf(_SC_CLK_TCK)}, {AT_SECURE, 0},
        {AT_RANDOM, at_random}, {AT_EXECFN, execfn_addr}, {AT_NULL, 0},
    };
    size_t words = 1 + (size_t)argc + 1 + (size_t)envc + 1 + sizeof auxv / sizeof(uint64_t);
    if (ok && at_random && words * 8 + 16 < sp - (LINUX_STACK_TOP - LINUX_STACK_SIZE)) {
        sp = (sp - words * 8) & ~15ull; /* the psABI wants sp 16-byte aligned at entry */
        uint64_t w = sp;
#define PUT(v) do { uint64_t v_ = (v); ok &= mmu_write_bytes(p->mmu, w, &v_, 8, MMU_WRITE) == MMU_OK; w += 8; } while (0)
        PUT((uint64_t)argc);
        for (int i = 0; i < argc; i++) PUT(arg_addr[i]);
        PUT(0);
        for (int i = 0; i < envc; i++) PUT(env_addr[i]);
        PUT(0);
        for (size_t i = 0; i < sizeof auxv / sizeof auxv[0]; i++) {
            PUT(auxv[i][0]);
            PUT(auxv[i][1]);
        }
#undef PUT
    } else {
        ok = false;
    }
    free(env_addr);
    free(arg_addr);
    p->cpu.x[2] = sp;
    linux_procfs_note_start(p, &auxv[0][0], 2 * (sizeof auxv / sizeof auxv[0]), argc, argv);
    return ok;
}
