/*
 * testsuite/system/gdb/debugme.c — the bare-metal program the system-mode GDB
 * test (85-gdb-system.sh) debugs: built -O0 -g so variables live where GDB
 * looks for them.
 *
 * It gives the debugger something to see in every part of the stub: a trap
 * already taken (an M-mode ecall, so mcause is 11 at the breakpoint in
 * square), then S mode under Sv39 with a page at virtual 0x400000 — a hole
 * in the physical map — aliasing the physical page `shared`, so reading
 * 0x400000 from GDB works only through the hart's current translation.
 * Then it spins until the debugger sets `go` (the Ctrl-C test interrupts the
 * spin).  The output and the exit status change if the debugger sets x.
 */
#include "pte.h"
#include "rt.h"

#define ALIAS 0x400000ul

uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l0[512] __attribute__((aligned(4096)));
volatile uint64_t shared[512] __attribute__((aligned(4096)));
volatile int go;             /* the debugger sets it to leave the spin loop */
volatile uint64_t spins;

static int square(int v)
{
    int r = v * v;
    return r;
}

/* Runs in S mode with paging on: stores through the alias. */
static uint64_t in_s_mode(uint64_t va)
{
    volatile uint64_t *p = (volatile uint64_t *)va;
    *p = 0x5eed;
    return *p + 1;
}

int main(void)
{
    test_name = "gdb_debugme";
    int x = 3;
    __asm__ volatile("ecall"); /* taken by rt's M-mode handler, which resumes after it */
    int y = square(x);

    root[2] = LEAF(0x80000000ul, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D); /* this program, identity */
    root[0] = TABLE(l1);
    l1[2] = TABLE(l0);
    l0[0] = LEAF(shared, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D); /* 0x400000 -> shared */
    csr_write(satp, (8ul << 60) | ((uint64_t)root >> 12));
    __asm__ volatile("sfence.vma" ::: "memory");
    uint64_t r = run_in_mode(1, in_s_mode, ALIAS);
    while (!go) spins++; /* (satp is still set, but M mode does not translate) */

    puts_uart("x=");
    putdec((uint64_t)x);
    puts_uart(" y=");
    putdec((uint64_t)y);
    puts_uart(" r=");
    puthex(r);
    puts_uart("\n");
    poweroff(x);
}
