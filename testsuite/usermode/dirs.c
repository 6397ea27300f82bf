/*
 * testsuite/usermode/dirs.c — directories through the system calls: mkdirat,
 * getdents64 (via readdir), openat(O_DIRECTORY), fchdir, chdir/getcwd,
 * renameat2 of a directory, symlinkat/readlinkat, unlinkat(AT_REMOVEDIR),
 * fchmodat/faccessat, utimensat + newfstatat, and the errors a program must
 * see (EEXIST, ENOTEMPTY, ENOTDIR, ENOENT).  Works in the directory given as
 * argv[1] and prints only relative names, sorted, so the output is the same
 * wherever it runs; compared with qemu-riscv64 by the tests.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints the entries of a directory (without . and ..) in sorted order, with their type. */
static void list(const char *path)
{
    DIR *d = opendir(path);
    if (!d) { printf("opendir %s: %s\n", path, strerror(errno)); return; }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char *s;
        if (asprintf(&s, "%s%s", e->d_name, e->d_type == DT_DIR ? "/" : e->d_type == DT_LNK ? "@" : "") < 0) exit(1);
        names[n++] = s;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], by_name);
    printf("%s:", path);
    for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
    printf("\n");
}

static void result(const char *what, int r)
{
    printf("%-28s %s\n", what, r == 0 ? "ok" : strerror(errno));
}

int main(int argc, char **argv)
{
    if (argc < 2 || chdir(argv[1]) != 0) { fprintf(stderr, "usage: dirs WRITABLE_DIR\n"); return 2; }
    result("mkdir top", mkdir("top", 0755));
    result("mkdir top again", mkdir("top", 0755));
    int top = open("top", O_RDONLY | O_DIRECTORY);
    printf("open(O_DIRECTORY) %s\n", top >= 0 ? "ok" : strerror(errno));
    result("mkdirat a", mkdirat(top, "a", 0700));
    result("mkdirat a/b", mkdirat(top, "a/b", 0750));
    int fd = openat(top, "a/b/file.txt", O_CREAT | O_WRONLY, 0600);
    printf("write %zd\n", write(fd, "12345", 5));
    close(fd);
    result("symlinkat", symlinkat("a/b/file.txt", top, "link"));
    char buf[64] = {0};
    ssize_t n = readlinkat(top, "link", buf, sizeof buf - 1);
    printf("readlinkat %zd %s\n", n, buf);
    list("top");
    list("top/a/b");
    result("rmdir non-empty", unlinkat(top, "a", AT_REMOVEDIR));
    result("open file as dir", open("top/a/b/file.txt/x", O_RDONLY) < 0 ? -1 : 0);
    result("rename a -> c", renameat2(top, "a", top, "c", 0));
    result("rename noreplace", renameat2(top, "c", top, "link", RENAME_NOREPLACE));
    list("top");
    result("fchdir top", fchdir(top));
    char cwd[4096];
    printf("getcwd ends in /top: %s\n", getcwd(cwd, sizeof cwd) && strlen(cwd) >= 4 && !strcmp(cwd + strlen(cwd) - 4, "/top") ? "yes" : "no");
    result("chdir c/b", chdir("c/b"));
    struct stat st;
    result("stat file.txt", stat("file.txt", &st));
    printf("size %lld mode %o dir %d\n", (long long)st.st_size, (unsigned)(st.st_mode & 07777), S_ISDIR(st.st_mode));
    struct timespec times[2] = {{1000000000, 0}, {1234567890, 500}};
    result("utimensat", utimensat(AT_FDCWD, "file.txt", times, 0));
    result("stat again", stat("file.txt", &st));
    printf("mtime %lld.%09ld atime %lld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (long long)st.st_atim.tv_sec);
    result("fchmodat 0400", fchmodat(AT_FDCWD, "file.txt", 0400, 0));
    printf("faccessat R_OK %d W_OK %d\n", faccessat(AT_FDCWD, "file.txt", R_OK, 0), faccessat(AT_FDCWD, "file.txt", W_OK, AT_EACCESS) == 0 || geteuid() == 0);
    result("chdir ../..", chdir("../.."));
    result("unlink c/b/file.txt", unlinkat(AT_FDCWD, "c/b/file.txt", 0));
    result("rmdir c/b", unlinkat(AT_FDCWD, "c/b", AT_REMOVEDIR));
    result("rmdir c", rmdir("c"));
    result("rmdir c again", rmdir("c"));
    result("unlink link", unlink("link"));
    list(".");
    close(top);
    return 0;
}
