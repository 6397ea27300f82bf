/* testsuite/usermode/off_stack.h — run a test's body on a stack of its own.
 *
 * bounds_edge.c and base_bounds.c map a page at the very top of rvdbt's
 * 32 GiB guest space (MAP_FIXED), which is where rvdbt puts the initial
 * stack (qemu-riscv64 and Linux put it elsewhere).  The mapping replaces the
 * stack's top page: with an environment of 2-3 KB, the frames of main and
 * what it calls lie in that page, and the test overwrote its own frames
 * (a wrong sum, depending on the size of the environment).  So the body runs
 * on a static stack, and ends the process itself (_exit: the page with argv
 * and the environment is gone). */
#include <stdlib.h>
#include <ucontext.h>

static inline void run_off_stack(void (*body)(void))
{
    static char stack[256 * 1024] __attribute__((aligned(16)));
    static ucontext_t caller, callee;
    if (getcontext(&callee)) exit(5);
    callee.uc_stack.ss_sp = stack;
    callee.uc_stack.ss_size = sizeof stack;
    callee.uc_link = &caller;
    makecontext(&callee, body, 0);
    swapcontext(&caller, &callee);
    exit(6); /* (the body never returns) */
}
