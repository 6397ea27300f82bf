/*
 * testsuite/usermode/mmap_file.c — MAP_PRIVATE file mappings behave as on
 * Linux: a written page becomes the process's own (the file keeps its
 * bytes), madvise(MADV_DONTNEED) gives the file's bytes back, a page not
 * written yet shows what another write puts in the file, the bytes past
 * the end of the file in its last page read as zero, and a forked child's
 * writes stay the child's.
 *
 * Usage: mmap_file DIR (a scratch file is made there).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) return 2;
    char path[512];
    snprintf(path, sizeof path, "%s/mmap_file.dat", argv[1]);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) return 3;
    char page[4096];
    memset(page, 'A', sizeof page);
    if (write(fd, page, sizeof page) != sizeof page) return 4;
    memset(page, 'B', sizeof page);
    if (write(fd, page, sizeof page) != sizeof page) return 4;
    memset(page, 'C', 100);
    if (write(fd, page, 100) != 100) return 4; /* the file: 8292 bytes */

    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) return 5;
    printf("mapped: %c %c %c, past the end of the file: %d\n", p[0], p[4096], p[8192], p[8292]);

    p[0] = 'x';
    char c = 0;
    if (pread(fd, &c, 1, 0) != 1) return 6;
    printf("written page: %c, the file still: %c\n", p[0], c);

    madvise(p, 4096, MADV_DONTNEED);
    printf("after MADV_DONTNEED: %c\n", p[0]);

    if (pwrite(fd, "Z", 1, 4096) != 1) return 7;
    printf("a page not written shows the file's new byte: %c\n", p[4096]);

    pid_t child = fork();
    if (child == 0) {
        p[1] = 'k';
        _exit(p[1] == 'k' ? 0 : 1);
    }
    int status = 0;
    waitpid(child, &status, 0);
    printf("child's write: exit %d; here: %c\n", WEXITSTATUS(status), p[1]);

    munmap(p, 3 * 4096);
    close(fd);
    unlink(path);
    return 0;
}
