/*
 * testsuite/usermode/fexec.c — execveat: fexecve (execveat(fd, "", ...,
 * AT_EMPTY_PATH), which CPython's os.execve(fd, ...) uses: rvdbt answered
 * ENOSYS) and a path relative to a directory descriptor, both through a
 * close-on-exec descriptor as CPython opens them, and the errors (bad flags,
 * an empty path without AT_EMPTY_PATH, a bad descriptor, a file that is not a
 * program, a symbolic link with AT_SYMLINK_NOFOLLOW).
 *
 * Usage: fexec DIR.  qemu-riscv64 7.2 answers ENOSYS to execveat (and could
 * not run a RISC-V program by execve without binfmt_misc), so the output is
 * compared with fexec.expected: what the same program built for the host
 * prints.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void show(const char *what, long r)
{
    if (r < 0) printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else printf("%s: %ld\n", what, r);
}

static long execveat_(int fd, const char *path, char **argv, int flags)
{
    return syscall(SYS_execveat, fd, path, argv, environ, flags);
}

/* Runs one execveat in a child; the parent prints how the child ended. */
static void run_child(const char *what, int fd, const char *path, int flags)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {"fexec", "child", (char *)what, NULL};
        execveat_(fd, path, argv, flags);
        printf("%s: execveat failed: %s\n", what, strerrorname_np(errno));
        exit(1);
    }
    int st;
    waitpid(pid, &st, 0);
    printf("%s: child exit %d\n", what, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 3 && !strcmp(argv[1], "child")) {
        printf("running again as asked by %s\n", argv[2]);
        return 7;
    }
    if (argc < 2 || chdir(argv[1])) return 2;

    char *none[] = {"x", NULL};
    show("bad flags", execveat_(AT_FDCWD, "/nonexistent", none, 0x40000));
    show("empty path without AT_EMPTY_PATH", execveat_(AT_FDCWD, "", none, 0));
    show("bad descriptor", execveat_(-5, "", none, AT_EMPTY_PATH));
    show("relative to a bad descriptor", execveat_(12345, "prog", none, 0));
    int txt = open("notes.txt", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (write(txt, "just text\n", 10) != 10) return 3;
    close(txt); /* (open for writing, it would be ETXTBSY) */
    txt = open("notes.txt", O_RDONLY | O_CLOEXEC);
    show("a file that is not a program", execveat_(txt, "", none, AT_EMPTY_PATH));
    close(txt);
    unlink("link"); /* (the test runs it again in the same directory) */
    if (symlink("notes.txt", "link") == 0)
        show("a link with AT_SYMLINK_NOFOLLOW", execveat_(AT_FDCWD, "link", none, AT_SYMLINK_NOFOLLOW));
    int dir = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    show("missing file relative to a directory", execveat_(dir, "missing", none, 0));

    /* the program itself: by descriptor (fexecve), and by a name relative to its directory */
    int self = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    run_child("fexecve", self, "", AT_EMPTY_PATH);
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return 4;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    *slash = 0;
    int exedir = open(exe, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    run_child("relative to a directory descriptor", exedir, slash + 1, 0);
    return 0;
}
