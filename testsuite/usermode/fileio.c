/*
 * testsuite/usermode/fileio.c — files and directories through the system calls
 * glibc uses: openat, read/write, pread64/pwrite64, readv/writev, lseek, fstat,
 * newfstatat/statx (stat layouts differ between x86-64 and riscv64: rvdbt
 * converts), getdents64, readlinkat, faccessat, fcntl, dup/dup3, pipe2,
 * unlinkat, mkdirat, renameat2, getcwd, chdir, a file-backed private mmap,
 * isatty (TCGETS).  Works in the directory given as argv[1]; prints only
 * relative names so the output does not depend on where it runs.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv)
{
    if (argc < 2 || chdir(argv[1])) {
        fprintf(stderr, "usage: fileio DIR\n");
        return 2;
    }
    char cwd[4096];
    printf("getcwd ok %d\n", getcwd(cwd, sizeof cwd) != NULL && strlen(cwd) > 0);

    int fd = open("a.txt", O_CREAT | O_TRUNC | O_RDWR, 0640);
    const char *text = "The quick brown fox jumps over the lazy dog\n";
    printf("write %zd\n", write(fd, text, strlen(text)));
    struct iovec iov[2] = {{"second ", 7}, {"line\n", 5}};
    printf("writev %zd\n", writev(fd, iov, 2));
    printf("pwrite %zd\n", pwrite(fd, "QUICK", 5, 4));
    printf("lseek end %ld\n", (long)lseek(fd, 0, SEEK_END));
    char buf[128] = {0};
    printf("pread %zd: %.20s\n", pread(fd, buf, 20, 0), buf);
    lseek(fd, 0, SEEK_SET);
    char b1[10] = {0}, b2[10] = {0};
    struct iovec rv[2] = {{b1, 9}, {b2, 9}};
    printf("readv %zd: [%s][%s]\n", readv(fd, rv, 2), b1, b2);

    struct stat st;
    fstat(fd, &st);
    printf("fstat size %ld mode %o nlink %lu regular %d\n", (long)st.st_size, st.st_mode & 0777, (unsigned long)st.st_nlink,
           S_ISREG(st.st_mode));
    struct stat st2;
    stat("a.txt", &st2);
    printf("stat same inode %d, same size %d, mtime set %d\n", st.st_ino == st2.st_ino, st.st_size == st2.st_size,
           st2.st_mtime > 1000000000);
    struct statx sx;
    printf("statx %d size %llu\n", statx(AT_FDCWD, "a.txt", 0, STATX_SIZE, &sx), (unsigned long long)sx.stx_size);
    errno = 0;
    printf("stat missing %d %s\n", stat("missing", &st2), strerror(errno));

    /* fcntl, dup, dup3 */
    int flags = fcntl(fd, F_GETFL);
    printf("fcntl O_RDWR %d\n", (flags & O_ACCMODE) == O_RDWR);
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    printf("cloexec %d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC);
    int d = dup(fd);
    int d3 = dup3(fd, 50, O_CLOEXEC);
    printf("dup shares offset %d, dup3 fd %d\n", lseek(d, 0, SEEK_CUR) == lseek(fd, 0, SEEK_CUR), d3);
    close(d);
    close(d3);

    /* a private file mapping sees the file; writes to it stay private */
    char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    printf("mmap file: %.19s\n", m == MAP_FAILED ? "failed" : m);
    m[0] = 't';
    pread(fd, buf, 3, 0);
    printf("private write kept from the file %d, byte past EOF zero %d\n", buf[0] == 'T', m[200] == 0);
    munmap(m, 4096);
    close(fd);

    /* directories */
    mkdir("sub", 0755);
    mkdir("sub/deeper", 0700);
    close(open("sub/f1", O_CREAT | O_WRONLY, 0600));
    close(open("sub/f2", O_CREAT | O_WRONLY, 0600));
    symlink("f1", "sub/link");
    char target[64] = {0};
    printf("readlink %zd %s\n", readlink("sub/link", target, sizeof target), target);
    printf("access f1 W %d, X %d\n", access("sub/f1", W_OK), access("sub/f1", X_OK) == 0);
    printf("rename %d\n", rename("sub/f2", "sub/f3"));
    DIR *dir = opendir("sub");
    char *names[16];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) && n < 16)
        if (e->d_name[0] != '.') names[n++] = strdup(e->d_name);
    closedir(dir);
    qsort(names, (size_t)n, sizeof names[0], cmp);
    printf("getdents:");
    for (int i = 0; i < n; i++) printf(" %s", names[i]);
    printf("\n");
    printf("rmdir non-empty %d %s\n", rmdir("sub"), strerror(errno));
    unlink("sub/f1");
    unlink("sub/f3");
    unlink("sub/link");
    rmdir("sub/deeper");
    printf("rmdir %d\n", rmdir("sub"));
    printf("chdir .. and back %d\n", chdir("..") == 0 && chdir(argv[1]) == 0);

    /* pipes */
    int p[2];
    pipe2(p, O_CLOEXEC);
    write(p[1], "through a pipe", 14);
    close(p[1]);
    memset(buf, 0, sizeof buf);
    printf("pipe read %zd %s, then EOF %zd\n", read(p[0], buf, sizeof buf), buf, read(p[0], buf, sizeof buf));
    close(p[0]);
    printf("isatty(pipe) %d\n", isatty(p[0]));
    unlink("a.txt");
    printf("bad fd: %zd %s\n", write(99, "x", 1), strerror(errno));
    void *volatile wild = (void *)16;
    printf("bad pointer: %zd %s\n", write(1, wild, 1), strerror(errno));
    return 0;
}
