/*
 * testsuite/hostile/proc_escape.c — a guest that tries to reach the
 * emulator's memory through /proc, by every road it knows.
 *
 * Under a real kernel /proc/self/mem is the program's own memory, which is
 * harmless; under an emulator that passes /proc through, it is the
 * emulator's, and a write there is code execution on the host.  For each
 * road it prints one line "ROAD: refused" or "ROAD: OPEN ...".  The test
 * (testsuite/tests/45-proc.sh) wants every road refused, or (for maps) the
 * guest's own addresses only: nothing above the 32 GiB guest space.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static void try_open(const char *what, int dirfd, const char *path, int flags)
{
    int fd = openat(dirfd, path, flags);
    if (fd < 0) {
        printf("%s: refused\n", what);
        return;
    }
    /* opened: can it read the ELF header of the emulator (host memory at a
     * typical x86-64 address), or any memory at all? */
    unsigned char buf[4] = {0};
    ssize_t n = pread(fd, buf, 4, 0x400000);
    void *m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    printf("%s: OPEN (pread %zd, mmap %s)\n", what, n, m == MAP_FAILED ? "refused" : "ok");
    close(fd);
}

int main(void)
{
    char path[PATH_MAX];
    setvbuf(stdout, NULL, _IONBF, 0);
    try_open("/proc/self/mem rw", AT_FDCWD, "/proc/self/mem", O_RDWR);
    try_open("/proc/self/mem ro", AT_FDCWD, "/proc/self/mem", O_RDONLY);
    snprintf(path, sizeof path, "/proc/%d/mem", (int)getpid());
    try_open("/proc/PID/mem", AT_FDCWD, path, O_RDWR);
    snprintf(path, sizeof path, "/proc/%d/task/%d/mem", (int)getpid(), (int)gettid());
    try_open("/proc/PID/task/TID/mem", AT_FDCWD, path, O_RDWR);
    try_open("/proc/thread-self/mem", AT_FDCWD, "/proc/thread-self/mem", O_RDWR);
    try_open("//proc/./self/../self/mem", AT_FDCWD, "//proc/./self/../self/mem", O_RDWR);
    int procfd = open("/proc", O_RDONLY | O_DIRECTORY);
    try_open("openat(/proc dir, self/mem)", procfd, "self/mem", O_RDWR);
    int selffd = open("/proc/self", O_RDONLY | O_DIRECTORY);
    try_open("openat(/proc/self dir, mem)", selffd, "mem", O_RDWR);
    try_open("/proc/self/pagemap", AT_FDCWD, "/proc/self/pagemap", O_RDONLY);
    try_open("/proc/self/syscall", AT_FDCWD, "/proc/self/syscall", O_RDONLY);
    /* a symbolic link made by the guest */
    snprintf(path, sizeof path, "/tmp/rvdbt-proc-escape-%d", (int)getpid());
    unlink(path);
    if (symlink("/proc/self/mem", path) == 0) {
        try_open("a symlink to /proc/self/mem", AT_FDCWD, path, O_RDWR);
        unlink(path);
    }
    /* the cwd */
    if (chdir("/proc/self") == 0) {
        try_open("chdir /proc/self; open mem", AT_FDCWD, "mem", O_RDWR);
        if (chdir("/") != 0) return 2;
    }
    /* the other roads to a process's memory */
    char byte = 0;
    struct iovec local = {&byte, 1}, remote = {(void *)0x400000, 1};
    long r = syscall(SYS_process_vm_writev, getpid(), &local, 1, &remote, 1, 0);
    printf("process_vm_writev: %s\n", r < 0 ? "refused" : "ALLOWED");
    r = syscall(SYS_process_vm_readv, getpid(), &local, 1, &remote, 1, 0);
    printf("process_vm_readv: %s\n", r < 0 ? "refused" : "ALLOWED");
    r = syscall(SYS_ptrace, 16 /* PTRACE_ATTACH */, getppid(), 0, 0);
    printf("ptrace: %s\n", r < 0 ? "refused" : "ALLOWED");
    r = syscall(SYS_prctl, 35 /* PR_SET_MM */, 7 /* PR_SET_MM_START_BRK */, 0x1000, 0, 0);
    printf("prctl(PR_SET_MM): %s\n", r < 0 ? "refused" : "ALLOWED");
    /* map_files: one entry per mapping, each a handle on the mapped memory */
    DIR *d = opendir("/proc/self/map_files");
    printf("/proc/self/map_files: %s\n", d ? "OPEN" : "refused");
    if (d) closedir(d);
    /* maps: the guest's own addresses only (below 32 GiB), with [stack] */
    FILE *f = fopen("/proc/self/maps", "r");
    unsigned long highest = 0;
    int lines = 0, stack = 0;
    char line[512];
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx", &lo, &hi) == 2) {
            lines++;
            if (hi > highest) highest = hi;
            if (strstr(line, "[stack]")) stack = 1;
        }
    }
    if (f) fclose(f);
    printf("/proc/self/maps: %d lines, %s, %s\n", lines, highest <= (32ul << 30) ? "all below 32 GiB" : "HOST ADDRESSES",
           stack ? "[stack] listed" : "no [stack]");
    /* cmdline: the guest's argv, not the emulator's */
    f = fopen("/proc/self/cmdline", "r");
    size_t n = f ? fread(line, 1, sizeof line - 1, f) : 0;
    if (f) fclose(f);
    line[n] = 0;
    printf("/proc/self/cmdline: argv[0] ends in %s\n", strrchr(line, '/') ? strrchr(line, '/') + 1 : line);
    return 0;
}
