/*
 * testsuite/system/preempt.c — a tiny time-sharing kernel: two U-mode tasks
 * under Sv39, preempted by the machine timer, switched by the M-mode trap
 * handler (which swaps their whole register files and does sfence.vma, as
 * an OS switching address spaces would), finishing with an exit ecall.
 * Their results must equal the same computations done directly: state is
 * precise however often, and wherever in translated code, the timer hits.
 */
#include "rt.h"

#define ITER_A 1000000u
#define ITER_B 600000u

static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t stack_b[2048] __attribute__((aligned(16)));

struct task {
    uint64_t regs[32];
    uint64_t pc;
    int done;
    uint64_t result;
};
static struct task tasks[2];
static volatile int current, preemptions;

static uint64_t work_a(void)
{
    uint64_t s = 0;
    for (uint64_t i = 0; i < ITER_A; i++) s += i * i ^ (s >> 7);
    return s;
}

static uint64_t work_b(void)
{
    uint64_t x = 88172645463325252ull, acc = 0;
    for (uint64_t i = 0; i < ITER_B; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        acc += x % 1000;
    }
    return acc;
}

static void task_exit(uint64_t v)
{
    register uint64_t a0 __asm__("a0") = v;
    register uint64_t a7 __asm__("a7") = 93;
    __asm__ volatile("ecall" ::"r"(a0), "r"(a7));
    for (;;) {
    }
}

static uint64_t task_a(uint64_t arg)
{
    (void)arg;
    task_exit(work_a());
    return 0;
}

static void task_b(void) { task_exit(work_b()); }

static void arm_timer(void) { *(volatile uint64_t *)CLINT_MTIMECMP = mtime() + 2000; }

void return_to_m(uint64_t value) __attribute__((noreturn));

/* Switch to the other task if it is still running: swap register files. */
static uint64_t switch_from(struct trap_frame *f, uint64_t epc)
{
    struct task *cur = &tasks[current], *next = &tasks[current ^ 1];
    if (!cur->done) {
        for (int r = 1; r < 32; r++) cur->regs[r] = f->x[r];
        cur->pc = epc;
    }
    if (next->done) {
        if (cur->done) return_to_m(0); /* both finished: back to main */
        return epc;                    /* keep running this one */
    }
    for (int r = 1; r < 32; r++) f->x[r] = next->regs[r];
    current ^= 1;
    __asm__ volatile("sfence.vma" ::: "memory");
    return next->pc;
}

static uint64_t m_hook(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval)
{
    (void)tval;
    if (cause == (INTERRUPT | 7)) {
        preemptions++;
        arm_timer();
        return switch_from(f, epc);
    }
    if (cause == 8 && f->x[17] == 93) {
        tasks[current].done = 1;
        tasks[current].result = f->x[10];
        return switch_from(f, epc + 4);
    }
    return 0;
}

int main(void)
{
    test_name = "preempt";
    uint64_t want_a = work_a(), want_b = work_b();

    root[2] = (0x80000000ul >> 12) << 10 | 0xdf; /* V R W X U A D: the program, user-accessible */
    csr_write(satp, (8ul << 60) | ((uint64_t)root >> 12));
    __asm__ volatile("sfence.vma" ::: "memory");

    tasks[1].pc = (uint64_t)task_b;
    tasks[1].regs[2] = (uint64_t)&stack_b[2048];
    current = 0;
    m_trap_hook = m_hook;
    csr_write(mie, 1ul << 7);
    arm_timer();
    run_in_mode(0, task_a, 0); /* task A starts on this stack; returns when both are done */
    csr_write(mie, 0);
    *(volatile uint64_t *)CLINT_MTIMECMP = ~0ul;
    csr_write(satp, 0);

    check(1, tasks[0].done && tasks[1].done, "both tasks ran to their exit ecall");
    check(2, tasks[0].result == want_a, "task A's result is exact");
    check(3, tasks[1].result == want_b, "task B's result is exact");
    check(4, preemptions >= 1, "the timer preempted them");
    test_pass(test_name);
}
