/*
 * testsuite/usermode/fileops.c — the file calls CPython's test suite reached
 * and rvdbt answered ENOSYS (frontends/linux/syscalls_fileops.c, preadv/pwritev in
 * syscalls_fs.c): mknodat (a FIFO, a regular file), fallocate, fadvise64,
 * sync, syncfs, preadv/pwritev and their "2" forms (offset -1 = the file
 * position), copy_file_range, splice and tee through a pipe, and the
 * extended attributes by path, by link and by descriptor.
 *
 * Usage: fileops DIR (an empty directory).  Prints each result or errno name,
 * so the output is the same under qemu-riscv64 and under every rvdbt engine
 * on the same host file system (a file system without user xattrs prints the
 * same ENOTSUP under both).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0) printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else printf("%s: %ld\n", what, r);
}

int main(int argc, char **argv)
{
    if (argc != 2 || chdir(argv[1])) {
        fprintf(stderr, "usage: fileops EMPTY_DIR\n");
        return 2;
    }
    struct stat st;
    show("mkfifo", mkfifo("fifo", 0640));
    show("stat fifo", stat("fifo", &st));
    printf("fifo is a FIFO: %d, mode %o\n", S_ISFIFO(st.st_mode), st.st_mode & 0777);
    show("mknod regular", mknodat(AT_FDCWD, "plain", S_IFREG | 0600, 0));
    show("stat plain", stat("plain", &st));
    printf("plain is a file: %d, size %lld\n", S_ISREG(st.st_mode), (long long)st.st_size);

    int fd = open("data", O_RDWR | O_CREAT | O_TRUNC, 0644);
    show("fallocate", fallocate(fd, 0, 0, 8192));
    fstat(fd, &st);
    printf("size after fallocate %lld\n", (long long)st.st_size);
    show("posix_fadvise (returns the error)", -posix_fadvise(fd, 0, 4096, POSIX_FADV_DONTNEED));
    show("posix_fadvise bad advice", (errno = posix_fadvise(fd, 0, 1, 99)) ? -1 : 0);
    sync();
    show("syncfs", syncfs(fd));
    show("syncfs bad fd", syncfs(-5));

    char a[] = "alpha-", b[] = "beta";
    struct iovec out[2] = {{a, 6}, {b, 4}};
    show("pwritev at 100", pwritev(fd, out, 2, 100));
    char x[4] = {0}, y[7] = {0};
    struct iovec in[2] = {{x, 3}, {y, 6}};
    show("preadv at 101", preadv(fd, in, 2, 101));
    printf("read '%s' '%s'\n", x, y);
    show("lseek 200", lseek(fd, 200, SEEK_SET));
    show("pwritev2 at -1 (the position)", pwritev2(fd, out, 2, -1, 0));
    show("position now", lseek(fd, 0, SEEK_CUR));
    memset(x, 0, sizeof x), memset(y, 0, sizeof y);
    show("preadv2 at 203", preadv2(fd, in, 2, 203, 0));
    printf("read '%s' '%s'\n", x, y);
    show("preadv2 bad flags", preadv2(fd, in, 2, 0, 0x7fff0000));
    struct iovec *volatile bad_iov = (struct iovec *)8;
    show("preadv bad iovec", preadv(fd, bad_iov, 1, 0));

    int fd2 = open("copy", O_RDWR | O_CREAT | O_TRUNC, 0644);
    loff_t off_in = 100, off_out = 0;
    show("copy_file_range", copy_file_range(fd, &off_in, fd2, &off_out, 10, 0));
    printf("offsets now %lld %lld\n", (long long)off_in, (long long)off_out);
    char c[11] = {0};
    show("pread copy", pread(fd2, c, 10, 0));
    printf("copied '%s'\n", c);
    show("copy_file_range bad offset pointer", copy_file_range(fd, (loff_t *)16, fd2, NULL, 10, 0));

    int p1[2], p2[2];
    if (pipe2(p1, O_NONBLOCK) || pipe2(p2, O_NONBLOCK)) return 1; /* (an empty pipe must not hang the test) */
    loff_t soff = 203;
    show("splice file to pipe", splice(fd, &soff, p1[1], NULL, 7, 0));
    printf("splice offset now %lld\n", (long long)soff);
    show("tee pipe to pipe", tee(p1[0], p2[1], 7, 0));
    char s1[8] = {0}, s2[8] = {0};
    show("read pipe 1", read(p1[0], s1, 7));
    show("read pipe 2", read(p2[0], s2, 7));
    printf("pipes '%s' '%s'\n", s1, s2);
    show("splice file to file", splice(fd, NULL, fd2, NULL, 4, 0));

    /* extended attributes: the user namespace, on the file and through its descriptor */
    long r = setxattr("data", "user.rvdbt", "value1", 6, 0);
    show("setxattr", r);
    if (r == 0) {
        char v[32] = {0}, list[256] = {0};
        show("getxattr size", getxattr("data", "user.rvdbt", NULL, 0));
        show("getxattr", getxattr("data", "user.rvdbt", v, sizeof v));
        printf("value '%s'\n", v);
        show("getxattr too small", getxattr("data", "user.rvdbt", v, 2));
        show("fsetxattr create existing", fsetxattr(fd, "user.rvdbt", "v", 1, XATTR_CREATE));
        show("fsetxattr second", fsetxattr(fd, "user.two", "22", 2, 0));
        long n = flistxattr(fd, list, sizeof list);
        show("flistxattr", n);
        for (long i = 0; i < n; i += (long)strlen(list + i) + 1) printf("  name %s\n", list + i);
        show("listxattr size", listxattr("data", NULL, 0));
        show("lgetxattr", lgetxattr("data", "user.two", v, sizeof v));
        show("fgetxattr", fgetxattr(fd, "user.two", v, sizeof v));
        show("removexattr", removexattr("data", "user.rvdbt"));
        show("lremovexattr missing", lremovexattr("data", "user.rvdbt"));
        show("fremovexattr", fremovexattr(fd, "user.two"));
        show("llistxattr", llistxattr("data", list, sizeof list));
        void *volatile bad = (void *)8; /* (volatile: the compiler must not see the bad buffer) */
        show("getxattr bad buffer", getxattr("data", "user.x", bad, 8));
    }
    char longname[300];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = 0;
    memcpy(longname, "user.", 5);
    show("getxattr name too long", getxattr("data", longname, NULL, 0));
    show("getxattr missing file", getxattr("missing", "user.x", NULL, 0));
    close(fd);
    close(fd2);
    return 0;
}
