/*
 * testsuite/bench/memchase.c — benchmark (b): memory access and pointer chasing.
 *
 * Three kernels over about 20 MB of static arrays:
 *   - a random cyclic permutation (Sattolo's algorithm) over 4 MB of 32-bit
 *     indices, followed for many steps: every load depends on the previous
 *     one and lands on a random page;
 *   - a singly linked list of real pointers whose nodes are linked in a
 *     shuffled order, walked end to end repeatedly;
 *   - an open-addressing hash table (linear probing, 1M slots, 16 MB):
 *     inserts, then lookups of keys that are and are not present.
 * What it stresses in an emulator: the cost of every guest load and store —
 * address translation (a soft-TLB lookup or its inline fast path), TLB
 * misses across thousands of pages, and load-to-use chains.
 *
 * Usage: memchase [SCALE_PERCENT]   prints "checksum memchase <hex>"
 */
#include "bench.h"

#define PERM_N   (1u << 20)         /* permutation entries (4 MB) */
#define LIST_N   (1u << 18)         /* list nodes (16 bytes each, 4 MB) */
#define HASH_LOG 20
#define HASH_N   (1u << HASH_LOG)   /* hash slots (16 bytes each, 16 MB) */
#define ROUNDS   8                  /* rounds at scale 100 */

#define CHASE_STEPS  (1u << 19)     /* permutation steps per round */
#define LIST_WALKS   1              /* list walks per round */
#define HASH_INSERTS (HASH_N / 2)   /* keys inserted (load factor 0.5) */
#define HASH_LOOKUPS (1u << 19)     /* lookups per round */

struct node {
    struct node *next;
    uint64_t value;
};

struct slot {
    uint64_t key;                   /* 0 = empty */
    uint64_t value;
};

static uint32_t perm[PERM_N];
static struct node nodes[LIST_N];
static struct node *order[LIST_N];  /* the shuffled node order, used to link */
static struct slot table[HASH_N];

static uint64_t rng_state = 0x853c49e6748fea9bull;

/* xorshift64*: a small, fast, deterministic pseudo-random generator. */
static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dull;
}

/* Sattolo's shuffle: a random permutation that is one single cycle, so
 * following perm[] from any start visits every entry before repeating. */
static void build_permutation(void)
{
    for (uint32_t i = 0; i < PERM_N; i++)
        perm[i] = i;
    for (uint32_t i = PERM_N - 1; i > 0; i--) {
        uint32_t j = (uint32_t)(rng() % i);       /* j < i, never i itself */
        uint32_t t = perm[i]; perm[i] = perm[j]; perm[j] = t;
    }
}

static uint64_t chase(uint32_t start, uint32_t steps)
{
    uint32_t p = start;
    uint64_t sum = 0;
    for (uint32_t s = 0; s < steps; s++) {
        p = perm[p];
        sum += p;
    }
    return sum * 31 + p;
}

/* Links the nodes in a shuffled order (Fisher-Yates) and returns the head. */
static struct node *build_list(void)
{
    for (uint32_t i = 0; i < LIST_N; i++) {
        order[i] = &nodes[i];
        nodes[i].value = rng() >> 40;
    }
    for (uint32_t i = LIST_N - 1; i > 0; i--) {
        uint32_t j = (uint32_t)(rng() % (i + 1));
        struct node *t = order[i]; order[i] = order[j]; order[j] = t;
    }
    for (uint32_t i = 0; i + 1 < LIST_N; i++)
        order[i]->next = order[i + 1];
    order[LIST_N - 1]->next = 0;
    return order[0];
}

static uint64_t walk_list(const struct node *head)
{
    uint64_t sum = 0, count = 0;
    for (const struct node *n = head; n; n = n->next) {
        sum = sum * 7 + n->value;
        count++;
    }
    return sum + count;
}

/* The slot a key hashes to (Fibonacci hashing: the top bits of key * phi). */
static uint32_t hash_slot(uint64_t key)
{
    return (uint32_t)((key * 0x9e3779b97f4a7c15ull) >> (64 - HASH_LOG));
}

static void hash_insert(uint64_t key, uint64_t value)
{
    uint32_t i = hash_slot(key);
    while (table[i].key != 0 && table[i].key != key)
        i = (i + 1) & (HASH_N - 1);
    table[i].key = key;
    table[i].value = value;
}

/* Returns the value stored for key, or 0 if the key is absent. */
static uint64_t hash_lookup(uint64_t key)
{
    uint32_t i = hash_slot(key);
    while (table[i].key != 0) {
        if (table[i].key == key)
            return table[i].value;
        i = (i + 1) & (HASH_N - 1);
    }
    return 0;
}

/* Fills an empty table with keys derived from seed, then looks up
 * HASH_LOOKUPS keys, about half of them present. */
static uint64_t hash_round(uint64_t seed)
{
    for (uint32_t i = 0; i < HASH_N; i++)
        table[i].key = 0;
    for (uint32_t i = 0; i < HASH_INSERTS; i++) {
        uint64_t key = (seed + i) * 0xd6e8feb86659fd93ull | 1;  /* never 0 */
        hash_insert(key, i + 1);
    }
    uint64_t sum = 0, found = 0;
    for (uint32_t i = 0; i < HASH_LOOKUPS; i++) {
        uint32_t k = (uint32_t)(rng() % (2 * HASH_INSERTS));  /* half miss */
        uint64_t v = hash_lookup((seed + k) * 0xd6e8feb86659fd93ull | 1);
        sum += v;
        found += v != 0;
    }
    return sum * 1000003u + found;
}

int main(int argc, char **argv)
{
    long rounds = bench_scaled(ROUNDS, bench_scale(argc, argv));
    uint64_t sum = 0;
    build_permutation();
    struct node *head = build_list();
    for (long r = 0; r < rounds; r++) {
        sum = bench_mix(sum, chase((uint32_t)r * 7919u % PERM_N, CHASE_STEPS));
        for (int w = 0; w < LIST_WALKS; w++)
            sum = bench_mix(sum, walk_list(head));
        /* rebuilding the table costs as much as probing it: every 4th round */
        if (r % 4 == 0)
            sum = bench_mix(sum, hash_round((uint64_t)r * 0x10001u));
    }
    bench_print_checksum("memchase", sum);
    return 0;
}
