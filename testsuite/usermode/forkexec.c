/*
 * testsuite/usermode/forkexec.c — processes: fork, execve of a RISC-V program
 * (this one again, through /proc/self/exe: under rvdbt it runs under rvdbt),
 * wait4 with exit statuses and death by signal, kill, pipes between
 * processes, execve failures (ENOENT, ENOEXEC).
 *
 * `forkexec noexec` skips the two execs of RISC-V programs: qemu-riscv64
 * without binfmt_misc cannot do those, so the test compares that mode with
 * qemu and the full mode with forkexec.expected.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *what, int status)
{
    if (WIFEXITED(status)) printf("%s: exited %d\n", what, WEXITSTATUS(status));
    else if (WIFSIGNALED(status)) printf("%s: killed by signal %d\n", what, WTERMSIG(status));
    else printf("%s: status %#x\n", what, status);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1 && !strcmp(argv[1], "child")) {
        printf("exec'd child: argv[0] %s, argc %d, ppid known %d\n", argv[0], argc, getppid() > 1);
        return 5;
    }
    if (argc > 1 && !strcmp(argv[1], "writer")) {
        printf("message from the exec'd writer\n");
        return 0;
    }

    int exec_ok = !(argc > 1 && !strcmp(argv[1], "noexec"));
    pid_t pid = fork();
    if (pid == 0) _exit(42);
    int status;
    printf("wait4 right pid %d\n", waitpid(pid, &status, 0) == pid);
    report("fork child", status);

    if (exec_ok) pid = fork();
    if (exec_ok && pid == 0) {
        char *args[] = {"renamed-child", "child", "extra", NULL};
        execv("/proc/self/exe", args);
        perror("execv");
        _exit(99);
    }
    if (exec_ok) {
        waitpid(pid, &status, 0);
        report("exec child", status);
    }

    /* the exec'd program (or the forked child) writes into a pipe we read */
    int p[2];
    pipe(p);
    pid = fork();
    if (pid == 0 && !exec_ok) {
        printf("message from the forked writer\n");
        _exit(0);
    }
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        char *args[] = {"writer", "writer", NULL};
        execv("/proc/self/exe", args);
        _exit(99);
    }
    close(p[1]);
    char buf[128] = {0};
    size_t got = 0;
    ssize_t n;
    while ((n = read(p[0], buf + got, sizeof buf - 1 - got)) > 0) got += (size_t)n;
    close(p[0]);
    waitpid(pid, &status, 0);
    printf("from the pipe: %s", buf);
    report("writer", status);

    /* kill a child that waits forever */
    pid = fork();
    if (pid == 0) {
        for (;;) pause();
    }
    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    report("killed child", status);

    /* a child that dies of a fault */
    pid = fork();
    if (pid == 0) {
        volatile int *wild = (int *)8;
        *wild = 1;
        _exit(0);
    }
    waitpid(pid, &status, 0);
    report("faulting child", status);

    /* execve failures */
    char *args[] = {"x", NULL};
    errno = 0;
    execv("/nonexistent/program", args);
    printf("exec missing: %s\n", strerror(errno));
    const char *junk = "junk.bin";
    int fd = open(junk, O_CREAT | O_TRUNC | O_WRONLY, 0755);
    write(fd, "\x7f" "ELF but not really, this is junk", 33);
    close(fd);
    errno = 0;
    execv(junk, args);
    printf("exec junk: %s\n", strerror(errno));
    unlink(junk);
    printf("no zombies left %d\n", waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD);
    return 0;
}
