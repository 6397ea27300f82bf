/*
 * testsuite/demo/primes.c — the demo guest program (`make demo`).
 *
 * An ordinary C program, built for riscv64 with Debian's cross compiler and
 * linked statically against glibc: it sieves primes below N (argv[1]),
 * prints how many there are, the last few, and a checksum, using printf —
 * so running it exercises glibc's start-up code, the decoder, the
 * interpreter, and the write/brk/exit system calls.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 10000;
    if (n < 2 || n > 50000000) {
        fprintf(stderr, "usage: primes N   (2 <= N <= 50000000)\n");
        return 2;
    }
    char *composite = calloc((size_t)n, 1);
    if (!composite) return 1;
    long count = 0;
    unsigned long checksum = 0;
    for (long i = 2; i < n; i++) {
        if (composite[i]) continue;
        count++;
        checksum = checksum * 31 + (unsigned long)i;
        for (long j = i * i; j < n; j += i) composite[j] = 1;
    }
    printf("primes below %ld: %ld\n", n, count);
    printf("the last ones:");
    int shown = 0;
    for (long i = n - 1; i >= 2 && shown < 5; i--)
        if (!composite[i]) printf(" %ld", i), shown++;
    printf("\nchecksum: %016lx\n", checksum);
    free(composite);
    return 0;
}
