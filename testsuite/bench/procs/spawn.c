/*
 * testsuite/bench/procs/spawn.c — process creation for `make bench`
 * (run-proc-bench.sh): the guest side of the fork+exit and fork+exec rows.
 *
 *   spawn fork N               N times: fork, the child _exits at once, the parent waits
 *   spawn exec N PROG ARG...   N times: fork, the child execs PROG ARG..., the parent waits
 *
 * Prints "ok N" when every child ended with status 0, so a run that failed
 * cannot pass for a fast one.  PROG is a path: under qemu-riscv64 without
 * binfmt_misc the guest's execve runs PROG natively on the host, so the
 * script passes "qemu-riscv64 GUEST" there and "GUEST" to rvdbt (whose execve
 * runs a RISC-V program under rvdbt again): both then start the emulator.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "fork") && (strcmp(argv[1], "exec") || argc < 4))) {
        fprintf(stderr, "usage: spawn fork N | spawn exec N PROG [ARG...]\n");
        return 2;
    }
    int n = atoi(argv[2]), done = 0;
    int exec = !strcmp(argv[1], "exec");
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("fork");
            return 1;
        }
        if (pid == 0) {
            if (exec) {
                execv(argv[3], argv + 3);
                _exit(127);
            }
            _exit(0);
        }
        int status;
        if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "spawn: child %d ended with status 0x%x\n", i, status);
            return 1;
        }
        done++;
    }
    printf("ok %d\n", done);
    return 0;
}
