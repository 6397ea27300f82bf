/*
 * testsuite/bench/calls.c — benchmark (d): calls, returns and indirect jumps.
 *
 * Four kernels where control flow, not arithmetic, is the work:
 *   - recursive Fibonacci: millions of direct calls and returns;
 *   - function-pointer dispatch: a table of small functions picked by data;
 *   - a bytecode interpreter: a switch compiled to a jump table, i.e. one
 *     indirect jump per bytecode instruction;
 *   - a binary search tree: recursive insert and an in-order walk that calls
 *     a visitor through a function pointer.
 * What it stresses in an emulator: every return (jalr ra) and indirect call
 * (jalr through a register) ends a translated block at a target known only at
 * run time, so block chaining cannot help; this measures the dispatcher, the
 * jump cache / return-address prediction, and block lookup. QEMU's
 * user-mode translator is known to lose much of its speed on such code.
 *
 * Usage: calls [SCALE_PERCENT]   prints "checksum calls <hex>"
 */
#include "bench.h"

#define ROUNDS     16          /* rounds at scale 100 */
#define FIB_N      30          /* fib(FIB_N) per round: ~2.7 million calls */
#define DISPATCHES 3000000     /* function-pointer calls per round */
#define VM_LOOPS   400000      /* iterations of the bytecode program per round */
#define TREE_N     20000       /* keys inserted into the tree per round */

/* ---- recursive Fibonacci ------------------------------------------------- */

/* noinline, so the compiler cannot turn the recursion into a loop */
static __attribute__((noinline)) uint64_t fib(uint32_t n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* ---- function-pointer dispatch ------------------------------------------- */

typedef uint64_t (*step_fn)(uint64_t);

static __attribute__((noinline)) uint64_t step_add(uint64_t x) { return x + 0x9e3779b9u; }
static __attribute__((noinline)) uint64_t step_xor(uint64_t x) { return x ^ (x >> 17); }
static __attribute__((noinline)) uint64_t step_mul(uint64_t x) { return x * 0xff51afd7ed558ccdull; }
static __attribute__((noinline)) uint64_t step_rot(uint64_t x) { return (x << 13) | (x >> 51); }
static __attribute__((noinline)) uint64_t step_sub(uint64_t x) { return x - (x >> 3); }
static __attribute__((noinline)) uint64_t step_neg(uint64_t x) { return ~x + 12345; }
static __attribute__((noinline)) uint64_t step_sq(uint64_t x)  { return x * x + 1; }
static __attribute__((noinline)) uint64_t step_swap(uint64_t x) { return (x << 32) | (x >> 32); }

static step_fn const steps[8] = {
    step_add, step_xor, step_mul, step_rot, step_sub, step_neg, step_sq, step_swap,
};

/* `volatile` keeps the table in memory: the call target is loaded and
 * jumped to every time, as in real code with callbacks. */
static step_fn const *volatile step_table = steps;

static uint64_t dispatch_round(uint64_t x)
{
    for (uint32_t i = 0; i < DISPATCHES; i++)
        x = step_table[(x >> 29) & 7](x) + i;
    return x;
}

/* ---- a small bytecode interpreter ------------------------------------------ */

enum op { LOADI, ADD, SUB, MUL, MOD, XOR, SHR, JLT, JNE, JMP, HALT };

struct insn {
    uint8_t op, a, b, c;    /* registers, or a jump target in c */
    int32_t imm;
};

/* for (i = 0; i < n; i++) acc = (i*i % 7 == 3) ? acc + i : (acc ^ i) + (acc >> 5) */
static const struct insn vm_program[] = {
    /*  0 */ { LOADI, 0, 0, 0, 0 },          /* r0 = i = 0 */
    /*  1 */ { LOADI, 2, 0, 0, 0 },          /* r2 = acc = 0 (r1 = n is preset) */
    /*  2 */ { LOADI, 3, 0, 0, 7 },
    /*  3 */ { LOADI, 4, 0, 0, 3 },
    /*  4 */ { LOADI, 6, 0, 0, 1 },
    /*  5 */ { LOADI, 7, 0, 0, 5 },
    /*  6 */ { MUL, 5, 0, 0, 0 },            /* loop: r5 = i * i */
    /*  7 */ { MOD, 5, 5, 3, 0 },            /* r5 %= 7 */
    /*  8 */ { JNE, 5, 4, 11, 0 },           /* if r5 != 3 goto 11 */
    /*  9 */ { ADD, 2, 2, 0, 0 },            /* acc += i */
    /* 10 */ { JMP, 0, 0, 14, 0 },
    /* 11 */ { SHR, 5, 2, 7, 0 },            /* r5 = acc >> 5 */
    /* 12 */ { XOR, 2, 2, 0, 0 },            /* acc ^= i */
    /* 13 */ { ADD, 2, 2, 5, 0 },            /* acc += r5 */
    /* 14 */ { ADD, 0, 0, 6, 0 },            /* i++ */
    /* 15 */ { JLT, 0, 1, 6, 0 },            /* if i < n goto loop */
    /* 16 */ { HALT, 0, 0, 0, 0 },
};

static uint64_t vm_run(const struct insn *prog, uint64_t n)
{
    uint64_t r[8] = { 0, n, 0, 0, 0, 0, 0, 0 };
    uint32_t pc = 0;
    for (;;) {
        const struct insn *in = &prog[pc++];
        switch (in->op) {
        case LOADI: r[in->a] = (uint64_t)(int64_t)in->imm; break;
        case ADD:   r[in->a] = r[in->b] + r[in->c]; break;
        case SUB:   r[in->a] = r[in->b] - r[in->c]; break;
        case MUL:   r[in->a] = r[in->b] * r[in->c]; break;
        case MOD:   r[in->a] = r[in->c] ? r[in->b] % r[in->c] : 0; break;
        case XOR:   r[in->a] = r[in->b] ^ r[in->c]; break;
        case SHR:   r[in->a] = r[in->b] >> (r[in->c] & 63); break;
        case JLT:   if (r[in->a] < r[in->b]) pc = in->c; break;
        case JNE:   if (r[in->a] != r[in->b]) pc = in->c; break;
        case JMP:   pc = in->c; break;
        case HALT:  return r[2];
        default:    return 0xbadc0de;
        }
    }
}

/* ---- binary search tree ------------------------------------------------------ */

struct tree {
    struct tree *left, *right;
    uint32_t key;
};

static struct tree pool[TREE_N];
static uint32_t pool_used;

static struct tree *tree_insert(struct tree *t, uint32_t key)
{
    if (!t) {
        t = &pool[pool_used++];
        t->left = t->right = 0;
        t->key = key;
    } else if (key < t->key) {
        t->left = tree_insert(t->left, key);
    } else if (key > t->key) {
        t->right = tree_insert(t->right, key);
    }
    return t;
}

typedef void (*visit_fn)(uint32_t key, uint64_t *acc);

static __attribute__((noinline)) void visit_hash(uint32_t key, uint64_t *acc)
{
    *acc = *acc * 31 + key;
}

/* In-order walk; also checks the order, since keys must come out sorted. */
static void tree_walk(const struct tree *t, visit_fn visit, uint64_t *acc, uint32_t *last)
{
    if (!t)
        return;
    tree_walk(t->left, visit, acc, last);
    if (t->key < *last)
        *acc ^= 0xbad7ee;
    *last = t->key;
    visit(t->key, acc);
    tree_walk(t->right, visit, acc, last);
}

static visit_fn volatile visitor = visit_hash;

static uint64_t tree_round(uint64_t seed)
{
    struct tree *root = 0;
    pool_used = 0;
    for (uint32_t i = 0; i < TREE_N; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        root = tree_insert(root, (uint32_t)(seed >> 40));
    }
    uint64_t acc = pool_used;
    uint32_t last = 0;
    tree_walk(root, visitor, &acc, &last);
    return acc;
}

int main(int argc, char **argv)
{
    long rounds = bench_scaled(ROUNDS, bench_scale(argc, argv));
    uint64_t sum = 0;
    for (long r = 0; r < rounds; r++) {
        sum = bench_mix(sum, fib(FIB_N + (uint32_t)(r & 1)));
        sum = bench_mix(sum, dispatch_round(sum));
        sum = bench_mix(sum, vm_run(vm_program, VM_LOOPS + (uint64_t)r));
        sum = bench_mix(sum, tree_round((uint64_t)r + 1));
    }
    bench_print_checksum("calls", sum);
    return 0;
}
