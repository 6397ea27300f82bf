/*
 * testsuite/usermode/mremap.c — mremap: growing in place, moving (MREMAP_MAYMOVE,
 * MREMAP_FIXED) and MREMAP_DONTUNMAP, which moves the pages and leaves the
 * old range mapped and empty (stress-ng's `mremap` stressor failed under
 * rvdbt: the flag was ignored, so the "new" address was the old one), and
 * the flag combinations Linux refuses.  rvdbt must print what qemu-riscv64
 * prints.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

static void show(const char *what, void *r)
{
    printf("%s: %s\n", what, r == MAP_FAILED ? strerror(errno) : "ok");
}

int main(void)
{
    const size_t page = 4096;
    char *a = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(a + 2 * page, 2 * page); /* room to grow in place */
    memset(a, 'a', 2 * page);
    char *b = mremap(a, 2 * page, 4 * page, 0);
    show("grow in place", b);
    printf("same address: %d, old bytes kept: %d, new bytes zero: %d\n", b == a, b[page] == 'a', b[3 * page] == 0);

    char *c = mremap(b, 4 * page, 4 * page, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
    show("MREMAP_DONTUNMAP", c);
    if (c != MAP_FAILED) {
        printf("moved: %d, contents moved: %d, old range zero: %d\n", c != b, c[page] == 'a', b[page] == 0);
        b[0] = 'x'; /* still mapped, writable */
        printf("old range still writable: %d\n", b[0] == 'x');
        munmap(c, 4 * page);
    }
    errno = 0;
    show("MREMAP_DONTUNMAP without MREMAP_MAYMOVE", mremap(b, 4 * page, 4 * page, MREMAP_DONTUNMAP));
    show("MREMAP_DONTUNMAP to another size", mremap(b, 4 * page, 2 * page, MREMAP_MAYMOVE | MREMAP_DONTUNMAP));
    show("an unknown flag", mremap(b, 4 * page, 4 * page, MREMAP_MAYMOVE | 0x40));
    show("MREMAP_FIXED without MREMAP_MAYMOVE", mremap(b, 4 * page, 4 * page, MREMAP_FIXED, b + 8 * page));
    char *d = mremap(b, 4 * page, 4 * page, MREMAP_MAYMOVE | MREMAP_FIXED, b + 64 * page);
    show("MREMAP_FIXED", d);
    printf("at the address asked: %d, contents: %d\n", d == b + 64 * page, d[0] == 'x');
    return 0;
}
