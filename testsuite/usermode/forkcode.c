/*
 * testsuite/usermode/forkcode.c — parent and child both run code for the first
 * time right after a fork.  rvdbt's forked child keeps the parent's
 * translations (a copy of the code cache, made before the fork): the parent
 * then goes on translating and chaining new blocks in its own cache while the
 * child does the same in its copy, and neither may see the other's.  Each
 * round forks; both sides call 8 functions neither has run before, through a
 * table (indirect jumps) and directly (chained jumps), and the child's exit
 * status must be what the parent computes.  rvdbt must print what
 * qemu-riscv64 prints.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define F(n)                                                                   \
    static __attribute__((noinline)) unsigned f##n(unsigned x)                 \
    {                                                                          \
        for (int i = 0; i < 3; i++) x = x * (2 * n + 3) + (x >> 7) + n;        \
        return x;                                                              \
    }
#define F8(a) F(a##0) F(a##1) F(a##2) F(a##3) F(a##4) F(a##5) F(a##6) F(a##7)
F8(1) F8(2) F8(3) F8(4) F8(5) F8(6) F8(7) F8(8)
#define T8(a) f##a##0, f##a##1, f##a##2, f##a##3, f##a##4, f##a##5, f##a##6, f##a##7,
static unsigned (*const table[64])(unsigned) = {T8(1) T8(2) T8(3) T8(4) T8(5) T8(6) T8(7) T8(8)};

static unsigned round_work(int round, unsigned seed)
{
    for (int i = 0; i < 8; i++) seed = table[round * 8 + i](seed) ^ table[(round * 8 + 7 * i + 3) % 64](seed);
    return seed;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    for (int round = 0; round < 8; round++) {
        pid_t pid = fork();
        if (pid == 0) _exit((int)(round_work(round, 12345u + (unsigned)round) & 0x7f));
        unsigned want = round_work(round, 12345u + (unsigned)round) & 0x7f; /* meanwhile, in the parent */
        int status;
        waitpid(pid, &status, 0);
        printf("round %d: child %s, status %s the parent's\n", round, WIFEXITED(status) ? "exited" : "died",
               WIFEXITED(status) && (unsigned)WEXITSTATUS(status) == want ? "equal to" : "DIFFERENT from");
    }
    printf("checksum %u\n", round_work(7, 1) ^ round_work(0, 2));
    return 0;
}
