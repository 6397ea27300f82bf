/* testsuite/usermode/base_bounds.c — loads whose base register and offset
 * lie on different sides of the edges of rvdbt's 32 GiB guest space.
 *
 * The translator's host-MMU bounds check looks at the base register alone
 * (translator/lower_mem.c, --no-base-bounds for base + offset): a base inside
 * the space goes to the host access, and the guard pages on both sides of the
 * space catch an offset that leaves it; a base outside goes to the slow path.
 * So each case here is one the base-only check must get right:
 *   above  base 8 bytes past the 32 GiB line, offset -16: a mapped word below
 *          the line (the base fails the check, the slow path loads it);
 *   past   base 8 bytes below the line, offset +2040: past the line, SIGSEGV
 *          at line + 2032 (the base passes, the guard page above faults);
 *   below  base 0, offset -8: guest address 2^64 - 8, SIGSEGV there (the base
 *          passes, the guard page below guest address 0 faults);
 *   zero   base 8, offset -8: guest address 0, unmapped, SIGSEGV at 0.
 * Each load runs in a loop first on good addresses, so its block is hot
 * (translated) when the last iteration gets the edge address; the results
 * must be qemu-riscv64's, where nothing is mapped at those addresses either. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "off_stack.h"

#define LINE 0x800000000ul /* 32 GiB */

/* sum of [p - 16] for p = start, start + 8, ... while p < end; then [last - 16] */
uint64_t load_minus16(uint64_t start, uint64_t end, uint64_t last);
/* the same with [p + 2040] */
uint64_t load_plus2040(uint64_t start, uint64_t end, uint64_t last);
/* the same with [p - 8] */
uint64_t load_minus8(uint64_t start, uint64_t end, uint64_t last);
extern char minus16_at[], plus2040_at[], minus8_at[];
#define LOADER(name, insn, label)                                       \
    ".globl " #name "\n" #name ":\n"                                    \
    "  li a3, 0\n"                                                      \
    "1:\n"                                                              \
    "  mv t0, a0\n"                                                     \
    "  bltu a0, a1, 2f\n"                                               \
    "  mv t0, a2\n"                                                     \
    "2:\n"                                                              \
    ".globl " #label "\n" #label ":\n"                                  \
    "  " insn "\n"                                                      \
    "  add a3, a3, t1\n"                                                \
    "  addi a0, a0, 8\n"                                                \
    "  bgeu a1, a0, 1b\n"                                               \
    "  mv a0, a3\n"                                                     \
    "  ret\n"
__asm__(".text\n"
        LOADER(load_minus16, "ld t1, -16(t0)", minus16_at)
        LOADER(load_plus2040, "ld t1, 2040(t0)", plus2040_at)
        LOADER(load_minus8, "ld t1, -8(t0)", minus8_at));

static sigjmp_buf back;
static volatile unsigned long fault_pc, fault_addr;

static void on_segv(int sig, siginfo_t *si, void *context)
{
    (void)sig;
    fault_pc = ((ucontext_t *)context)->uc_mcontext.__gregs[0];
    fault_addr = (unsigned long)si->si_addr;
    siglongjmp(back, 1);
}

static void run(const char *name, uint64_t (*f)(uint64_t, uint64_t, uint64_t), const char *at, uint64_t start,
                uint64_t last)
{
    if (sigsetjmp(back, 1)) {
        printf("%s: SIGSEGV at %s, address %#lx\n", name, fault_pc == (unsigned long)at ? "the load" : "another pc",
               fault_addr);
        return;
    }
    /* 40 loads from start, start + 8, ...; then the one at last */
    uint64_t sum = f(start, start + 8 * 40, last);
    printf("%s: no fault, sum %#lx\n", name, (unsigned long)sum);
}

static void body(void)
{
    uint64_t *page = mmap((void *)(LINE - 4096), 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (page == MAP_FAILED) {
        printf("cannot map the page below 32 GiB\n");
        fflush(stdout);
        _exit(0);
    }
    for (int i = 0; i < 512; i++) page[i] = 0x1000 + (uint64_t)i * 3;
    static uint64_t words[64];
    for (int i = 0; i < 64; i++) words[i] = (uint64_t)i + 1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    uint64_t in_page = LINE - 4096 + 16; /* [p - 16] inside the page */
    run("above", load_minus16, minus16_at, in_page, LINE + 8);
    run("past", load_plus2040, plus2040_at, LINE - 4096, LINE - 8);
    run("below", load_minus8, minus8_at, (uint64_t)&words[1], 0);
    run("zero", load_minus8, minus8_at, (uint64_t)&words[1], 8);
    fflush(stdout);
    _exit(0);
}

int main(void)
{
    run_off_stack(body); /* (off_stack.h says why) */
}
