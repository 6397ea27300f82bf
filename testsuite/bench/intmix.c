/*
 * testsuite/bench/intmix.c — benchmark (a): integer arithmetic and branches.
 *
 * Three classic integer kernels, repeated for a number of rounds:
 *   - a sieve of Eratosthenes (byte array, tight inner loop with a store);
 *   - Collatz sequence lengths (data-dependent, badly predictable branches,
 *     shifts, multiplies);
 *   - quicksort of pseudo-random 32-bit keys (compares, swaps, recursion on
 *     small ranges, insertion sort at the leaves).
 * What it stresses in an emulator: the per-instruction cost of simple ALU
 * and branch instructions, i.e. decode/dispatch overhead in an interpreter
 * and block-exit/branch handling in a translator.
 *
 * Usage: intmix [SCALE_PERCENT]   prints "checksum intmix <hex>"
 */
#include "bench.h"

#define SIEVE_N   (1 << 20)        /* numbers sieved per round */
#define SORT_N    (1 << 16)        /* keys sorted per round */
#define COLLATZ_N 60000            /* starting values per round */
#define ROUNDS    20               /* rounds at scale 100 */

static uint8_t composite[SIEVE_N];
static uint32_t keys[SORT_N];

/* Counts the primes below SIEVE_N and sums them into the checksum. */
static uint64_t sieve(void)
{
    uint64_t count = 0, sum = 0;
    for (uint32_t i = 0; i < SIEVE_N; i++)
        composite[i] = 0;
    for (uint32_t i = 2; i < SIEVE_N; i++) {
        if (composite[i])
            continue;
        count++;
        sum += i;
        for (uint64_t j = (uint64_t)i * i; j < SIEVE_N; j += i)
            composite[j] = 1;
    }
    return count * 1000003u + sum;
}

/* Sum and maximum of Collatz sequence lengths for first .. first+COLLATZ_N-1. */
static uint64_t collatz(uint64_t first)
{
    uint64_t total = 0, longest = 0;
    for (uint64_t n = first; n < first + COLLATZ_N; n++) {
        uint64_t x = n, steps = 0;
        while (x != 1) {
            if (x & 1)
                x = 3 * x + 1;
            else
                x >>= 1;
            steps++;
        }
        total += steps;
        if (steps > longest)
            longest = steps;
    }
    return total * 4099 + longest;
}

static void insertion_sort(uint32_t *a, long n)
{
    for (long i = 1; i < n; i++) {
        uint32_t v = a[i];
        long j = i - 1;
        while (j >= 0 && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

/* Quicksort with a median-of-three pivot; recurses on the smaller half. */
static void quicksort(uint32_t *a, long n)
{
    while (n > 16) {
        uint32_t x = a[0], y = a[n / 2], z = a[n - 1], pivot;
        if (x < y)
            pivot = y < z ? y : (x < z ? z : x);
        else
            pivot = x < z ? x : (y < z ? z : y);
        long i = 0, j = n - 1;
        for (;;) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i >= j)
                break;
            uint32_t t = a[i]; a[i] = a[j]; a[j] = t;
            i++;
            j--;
        }
        /* a[0..j] <= pivot <= a[j+1..n-1] */
        long left = j + 1, right = n - left;
        if (left < right) {
            quicksort(a, left);
            a += left;
            n = right;
        } else {
            quicksort(a + left, right);
            n = left;
        }
    }
    insertion_sort(a, n);
}

/* Fills the keys from a linear congruential generator, sorts them, checks
 * the order and returns a position-weighted hash of the sorted keys. */
static uint64_t sort_round(uint64_t seed)
{
    for (long i = 0; i < SORT_N; i++) {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        keys[i] = (uint32_t)(seed >> 33);
    }
    quicksort(keys, SORT_N);
    uint64_t h = 0;
    for (long i = 0; i < SORT_N; i++) {
        if (i > 0 && keys[i - 1] > keys[i])
            return 0xbad5047;             /* not sorted: poisons the checksum */
        h = h * 31 + keys[i] + (uint64_t)i;
    }
    return h;
}

int main(int argc, char **argv)
{
    long rounds = bench_scaled(ROUNDS, bench_scale(argc, argv));
    uint64_t sum = 0;
    for (long r = 0; r < rounds; r++) {
        /* the sieve's result does not depend on r; run it every 4th round */
        if (r % 4 == 0)
            sum = bench_mix(sum, sieve());
        sum = bench_mix(sum, collatz(1 + (uint64_t)r * COLLATZ_N));
        sum = bench_mix(sum, sort_round((uint64_t)r + 1));
    }
    bench_print_checksum("intmix", sum);
    return 0;
}
