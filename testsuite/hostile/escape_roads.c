/*
 * testsuite/hostile/escape_roads.c — more roads to rvdbt's memory than proc_escape.c tries.
 *
 * Under rvdbt the guest's pid is rvdbt's, so /proc/self is rvdbt's unless
 * rvdbt stands in front of it (frontends/linux/linux_procfs.c).  Each road prints
 * one line: "blocked" (with the error it got) or "REACHED" (with what it
 * saw); the exit status is the number of roads that reached something.
 * Natively, or under an emulator that passes /proc through, several of
 * them reach the process's memory: that is the point of the test.
 *
 * The roads: /proc/self/mem in every spelling (pid, thread-self, task,
 * "..", "//", a dirfd of /proc or of /proc/self, a relative path after
 * chdir, a symlink the guest made, /dev/fd/..), map_files, pagemap,
 * smaps, syscall, the host's memory devices, rvdbt's own descriptors (by
 * number and through /proc/self/fd and fdinfo), process_vm_readv/writev,
 * ptrace, prctl(PR_SET_MM), personality; /proc/self/maps in each of those
 * spellings showing anything outside the guest's 32 GiB space; and the
 * memory of a forked child, which is another rvdbt (/proc/CHILD/mem).  It
 * also checks that the files the guest may see are its own: exe, cmdline,
 * environ, auxv, stat.  argv[1]: a writable directory for its symlinks.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define GUEST_SPACE (1ull << 35) /* rvdbt's guest space: every guest address is below */

static int reached;

static void verdict(const char *road, int ok, const char *detail)
{
    if (ok) printf("%-44s blocked (%s)\n", road, detail);
    else {
        printf("%-44s REACHED: %s\n", road, detail);
        reached++;
    }
}

/* An open that must fail; if it succeeds, tries to read the first page of
 * the process's lowest mapping through it, to show what leaked. */
static void must_not_open(const char *road, int dirfd, const char *path, int flags)
{
    int fd = openat(dirfd, path, flags);
    if (fd < 0) {
        verdict(road, 1, strerrorname_np(errno));
        return;
    }
    char what[128];
    snprintf(what, sizeof what, "opened as fd %d", fd);
    unsigned char buf[4];
    FILE *maps = fopen("/proc/self/maps", "r");
    unsigned long lo = 0;
    if (maps && fscanf(maps, "%lx-", &lo) == 1 && pread(fd, buf, 4, (off_t)lo) == 4 && !memcmp(buf, "\177ELF", 4))
        snprintf(what, sizeof what, "fd %d reads an ELF header at 0x%lx", fd, lo);
    if (maps) fclose(maps);
    close(fd);
    verdict(road, 0, what);
}

/* Reads a maps file through `dirfd`/`path`: how many of its lines lie
 * outside the guest space (-1: could not open it). */
static int maps_outside(int dirfd, const char *path, int *lines)
{
    int fd = openat(dirfd, path, O_RDONLY);
    if (fd < 0) return -1;
    static char buf[65536];
    size_t n = 0;
    ssize_t k;
    while (n < sizeof buf - 1 && (k = read(fd, buf + n, sizeof buf - 1 - n)) > 0) n += (size_t)k;
    close(fd);
    buf[n] = 0;
    int outside = 0;
    *lines = 0;
    for (char *l = buf; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        unsigned long lo, hi;
        if (sscanf(l, "%lx-%lx", &lo, &hi) != 2) continue;
        ++*lines;
        if (hi > GUEST_SPACE) outside++;
    }
    return outside;
}

static void maps_is_guests(const char *road, int dirfd, const char *path)
{
    int lines = 0, outside = maps_outside(dirfd, path, &lines);
    char d[96];
    snprintf(d, sizeof d, outside < 0 ? "cannot open it" : "%d of %d lines outside the guest space", outside, lines);
    verdict(road, outside == 0 && lines > 0, d);
}

/* readlinkat(dirfd, path) must name the guest program, not the emulator. */
static void exe_is_guest(const char *road, int dirfd, const char *path)
{
    char b[512];
    ssize_t n = readlinkat(dirfd, path, b, sizeof b - 1);
    b[n > 0 ? n : 0] = 0;
    verdict(road, n > 0 && strstr(b, "escape_roads"), n > 0 ? b : strerrorname_np(errno));
}

static void check_syscall_fails(const char *road, long r)
{
    char d[64];
    snprintf(d, sizeof d, "%s", r < 0 ? strerrorname_np(errno) : "succeeded");
    verdict(road, r < 0, d);
}

/* Reads a whole small file into buf (NUL-terminated); returns its length or -1. */
static long slurp(const char *path, char *buf, size_t len)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    size_t n = 0;
    ssize_t k;
    while (n < len - 1 && (k = read(fd, buf + n, len - 1 - n)) > 0) n += (size_t)k;
    close(fd);
    buf[n] = 0;
    return (long)n;
}

int main(int argc, char **argv)
{
    char path[256], buf[65536];
    int pid = getpid(), tid = gettid();
    (void)argc;

    /* ---- /proc/self/mem in every spelling ---- */
    must_not_open("/proc/self/mem", AT_FDCWD, "/proc/self/mem", O_RDWR);
    must_not_open("/proc/self/mem read-only", AT_FDCWD, "/proc/self/mem", O_RDONLY);
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    must_not_open("/proc/PID/mem", AT_FDCWD, path, O_RDONLY);
    must_not_open("/proc/thread-self/mem", AT_FDCWD, "/proc/thread-self/mem", O_RDONLY);
    snprintf(path, sizeof path, "/proc/self/task/%d/mem", tid);
    must_not_open("/proc/self/task/TID/mem", AT_FDCWD, path, O_RDONLY);
    must_not_open("/proc/./self/../self/mem", AT_FDCWD, "/proc/./self/../self/mem", O_RDONLY);
    must_not_open("//proc//self///mem", AT_FDCWD, "//proc//self///mem", O_RDONLY);
    must_not_open("/proc/self/root/proc/self/mem", AT_FDCWD, "/proc/self/root/proc/self/mem", O_RDONLY);
    must_not_open("/dev/fd/../mem", AT_FDCWD, "/dev/fd/../mem", O_RDONLY);
    int procfd = open("/proc", O_RDONLY | O_DIRECTORY);
    must_not_open("openat(/proc, \"self/mem\")", procfd, "self/mem", O_RDONLY);
    int selffd = openat(procfd, "self", O_RDONLY | O_DIRECTORY);
    must_not_open("openat(/proc/self, \"mem\")", selffd, "mem", O_RDONLY);
    if (procfd < 0 || selffd < 0) { /* (natively both open: failing here is a failure of the test) */
        printf("SETUP FAILED: cannot open /proc or /proc/self as directories\n");
        reached++;
    }
    char cwd[4096];
    if (getcwd(cwd, sizeof cwd) && chdir("/proc/self") == 0) {
        must_not_open("chdir(/proc/self); open(\"mem\")", AT_FDCWD, "mem", O_RDONLY);
        if (chdir(cwd)) return 100;
    }
    snprintf(path, sizeof path, "%s/escape-roads-link-%d", argc > 1 ? argv[1] : "/tmp", pid);
    if (symlink("/proc/self/mem", path) == 0) {
        must_not_open("a symlink to /proc/self/mem", AT_FDCWD, path, O_RDONLY);
        unlink(path);
    }
    if (symlink("/proc/self", path) == 0) {
        char via[300];
        snprintf(via, sizeof via, "%s/mem", path);
        must_not_open("a symlink to /proc/self, then mem", AT_FDCWD, via, O_RDONLY);
        unlink(path);
    }

    /* ---- other views of memory ---- */
    must_not_open("/proc/self/map_files/", AT_FDCWD, "/proc/self/map_files", O_RDONLY | O_DIRECTORY);
    must_not_open("/proc/self/pagemap", AT_FDCWD, "/proc/self/pagemap", O_RDONLY);
    must_not_open("/proc/self/smaps", AT_FDCWD, "/proc/self/smaps", O_RDONLY);
    must_not_open("/proc/self/syscall", AT_FDCWD, "/proc/self/syscall", O_RDONLY);
    must_not_open("/proc/self/clear_refs", AT_FDCWD, "/proc/self/clear_refs", O_WRONLY);
    must_not_open("/proc/thread-self/pagemap", AT_FDCWD, "/proc/thread-self/pagemap", O_RDONLY);
    must_not_open("/dev/mem", AT_FDCWD, "/dev/mem", O_RDONLY);
    must_not_open("/proc/kcore", AT_FDCWD, "/proc/kcore", O_RDONLY);
    must_not_open("/proc/self/maps for writing", AT_FDCWD, "/proc/self/maps", O_WRONLY);

    /* ---- /proc/self/maps: the guest's space only ---- */
    long n = slurp("/proc/self/maps", buf, sizeof buf);
    int outside = 0, lines = 0, stack_ok = 0;
    uintptr_t local = (uintptr_t)&n;
    for (char *l = buf, *next; n > 0 && l && *l; l = next) {
        next = strchr(l, '\n');
        if (next) *next++ = 0;
        unsigned long lo, hi;
        if (sscanf(l, "%lx-%lx", &lo, &hi) != 2) continue;
        lines++;
        if (hi > GUEST_SPACE) outside++;
        if (strstr(l, "[stack]") && lo <= local && local < hi) stack_ok = 1;
    }
    snprintf(path, sizeof path, "%d of %d mappings outside the guest space", outside, lines);
    verdict("/proc/self/maps shows the guest's space", lines > 0 && outside == 0, path);
    verdict("/proc/self/maps: [stack] holds a local", stack_ok, stack_ok ? "yes" : "no [stack] line holds it");

    /* ---- maps in other spellings: the guest's too ---- */
    maps_is_guests("maps: //proc//self//maps", AT_FDCWD, "//proc//self//maps");
    maps_is_guests("maps: openat(/proc/self, \"maps\")", selffd, "maps");
    maps_is_guests("maps: /dev/fd/../maps", AT_FDCWD, "/dev/fd/../maps");
    if (getcwd(cwd, sizeof cwd) && chdir("/proc/self") == 0) {
        maps_is_guests("maps: chdir(/proc/self); open(\"maps\")", AT_FDCWD, "maps");
        if (chdir(cwd)) return 100;
    }
    snprintf(path, sizeof path, "%s/escape-roads-link-%d", argc > 1 ? argv[1] : "/tmp", pid);
    if (symlink("/proc/self/maps", path) == 0) {
        maps_is_guests("maps: a symlink to /proc/self/maps", AT_FDCWD, path);
        unlink(path);
    }

    /* ---- a forked child is another rvdbt: its memory is not the guest's either ---- */
    int ready[2];
    if (pipe(ready) == 0) {
        pid_t child = fork();
        if (child == 0) {
            close(ready[0]);
            if (write(ready[1], "r", 1) != 1) _exit(1);
            for (;;) pause();
        }
        char c;
        close(ready[1]);
        if (child > 0 && read(ready[0], &c, 1) == 1) {
            char cpath[64];
            snprintf(cpath, sizeof cpath, "/proc/%d/mem", (int)child);
            int fd = open(cpath, O_RDWR);
            char d[128] = "";
            if (fd >= 0) { /* show what it reaches: the child's lowest mapping */
                snprintf(cpath, sizeof cpath, "/proc/%d/maps", (int)child);
                FILE *m = fopen(cpath, "r");
                unsigned long lo = 0;
                unsigned char head[4];
                snprintf(d, sizeof d, "opened as fd %d", fd);
                if (m && fscanf(m, "%lx-", &lo) == 1 && pread(fd, head, 4, (off_t)lo) == 4 && !memcmp(head, "\177ELF", 4))
                    snprintf(d, sizeof d, "reads the child's ELF header at 0x%lx", lo);
                if (m) fclose(m);
                close(fd);
            } else {
                snprintf(d, sizeof d, "%s", strerrorname_np(errno));
            }
            verdict("/proc/CHILD/mem (a forked child)", fd < 0, d);
            snprintf(cpath, sizeof cpath, "/proc/%d/pagemap", (int)child);
            must_not_open("/proc/CHILD/pagemap", AT_FDCWD, cpath, O_RDONLY);
            snprintf(cpath, sizeof cpath, "/proc/%d/map_files", (int)child);
            must_not_open("/proc/CHILD/map_files/", AT_FDCWD, cpath, O_RDONLY | O_DIRECTORY);
        } else {
            printf("SETUP FAILED: fork\n");
            reached++;
        }
        if (child > 0) {
            kill(child, SIGKILL);
            waitpid(child, NULL, 0);
        }
        close(ready[0]);
    }

    /* ---- rvdbt's own descriptors ---- */
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    int mine[] = {0, 1, 2, procfd, selffd, d ? dirfd(d) : -1}, usable = 0, names = 0;
    char which[256] = "";
    while (d && (e = readdir(d))) {
        int fd = atoi(e->d_name);
        if (e->d_name[0] == '.') continue;
        int ours = 0;
        for (size_t i = 0; i < sizeof mine / sizeof mine[0]; i++) ours |= mine[i] == fd;
        if (ours) continue;
        /* not opened by this program: rvdbt's, if anybody's */
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF) {
            usable++;
            snprintf(which + strlen(which), sizeof which - strlen(which), " fd %d", fd);
        }
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        char target[256];
        int t = open(path, O_RDONLY);
        if (t >= 0 || readlink(path, target, sizeof target) >= 0) {
            names++;
            snprintf(which + strlen(which), sizeof which - strlen(which), " %s", path);
        }
        if (t >= 0) close(t);
        snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
        if ((t = open(path, O_RDONLY)) >= 0) {
            names++;
            close(t);
            snprintf(which + strlen(which), sizeof which - strlen(which), " %s", path);
        }
    }
    if (d) closedir(d);
    verdict("descriptors the program did not open", usable == 0 && names == 0, usable || names ? which : "none usable");

    /* ---- other system calls ---- */
    long word = 0x1234, copy = 0;
    struct iovec local_iov = {&copy, sizeof copy}, remote_iov = {&word, sizeof word};
    check_syscall_fails("process_vm_readv", syscall(SYS_process_vm_readv, pid, &local_iov, 1, &remote_iov, 1, 0));
    check_syscall_fails("process_vm_writev", syscall(SYS_process_vm_writev, pid, &local_iov, 1, &remote_iov, 1, 0));
    check_syscall_fails("ptrace(PTRACE_TRACEME)", syscall(SYS_ptrace, 0 /* PTRACE_TRACEME */, 0, 0, 0));
    check_syscall_fails("ptrace(PTRACE_PEEKDATA, parent)", syscall(SYS_ptrace, 2, getppid(), 0, 0));
    check_syscall_fails("prctl(PR_SET_MM, PR_SET_MM_START_BRK)", prctl(PR_SET_MM, PR_SET_MM_START_BRK, 0x1000, 0, 0));
    check_syscall_fails("prctl(PR_SET_MM, PR_SET_MM_EXE_FILE)", prctl(PR_SET_MM, PR_SET_MM_EXE_FILE, 0, 0, 0));
    syscall(SYS_personality, 0x0400000 /* READ_IMPLIES_EXEC */);
    n = slurp("/proc/self/personality", buf, 64);
    if (n > 0 && buf[n - 1] == '\n') buf[n - 1] = 0;
    verdict("personality reaches the host", n < 0 || strtoul(buf, NULL, 16) == 0, n < 0 ? "unreadable" : buf);

    /* ---- what the guest may see is its own ---- */
    n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n > 0) buf[n] = 0;
    verdict("/proc/self/exe is the guest program", n > 0 && strstr(buf, "escape_roads"), n > 0 ? buf : "unreadable");
    /* ... in every spelling: rvdbt's own path is not the guest's business */
    exe_is_guest("readlink //proc/self/exe", AT_FDCWD, "//proc/self/exe");
    exe_is_guest("readlink /proc/./self/exe", AT_FDCWD, "/proc/./self/exe");
    exe_is_guest("readlinkat(/proc/self, \"exe\")", selffd, "exe");
    exe_is_guest("readlinkat(/proc, \"self/exe\")", procfd, "self/exe");
    if (getcwd(cwd, sizeof cwd) && chdir("/proc/self") == 0) {
        exe_is_guest("chdir(/proc/self); readlink(\"exe\")", AT_FDCWD, "exe");
        if (chdir(cwd)) return 100;
    }
    snprintf(path, sizeof path, "%s/escape-roads-link-%d", argc > 1 ? argv[1] : "/tmp", pid);
    if (symlink("/proc/self", path) == 0) {
        char via[300];
        snprintf(via, sizeof via, "%s/exe", path);
        exe_is_guest("readlink of a symlink to /proc/self, then exe", AT_FDCWD, via);
        unlink(path);
    }
    n = slurp("/proc/self/cmdline", buf, sizeof buf);
    verdict("/proc/self/cmdline is the guest's argv", n > 0 && !strcmp(buf, argv[0]), n > 0 ? buf : "unreadable");
    n = slurp("/proc/self/environ", buf, sizeof buf);
    int env_ok = 0;
    for (long i = 0; i < n; i += (long)strlen(buf + i) + 1) env_ok |= !strcmp(buf + i, "ISOLATION_TEST=env");
    verdict("/proc/self/environ is the guest's", env_ok, env_ok ? "ISOLATION_TEST=env" : "variable missing");
    n = slurp("/proc/self/auxv", buf, sizeof buf);
    int aux_ok = 0;
    for (long i = 0; i + 16 <= n; i += 16) {
        uint64_t kv[2];
        memcpy(kv, buf + i, 16);
        if (kv[0] == AT_ENTRY) aux_ok = kv[1] == getauxval(AT_ENTRY);
    }
    verdict("/proc/self/auxv is the guest's", aux_ok, aux_ok ? "AT_ENTRY matches" : "AT_ENTRY differs or missing");
    n = slurp("/proc/self/stat", buf, sizeof buf);
    char *rp = n > 0 ? strrchr(buf, ')') : NULL;
    int bad = -1, field = 3;
    if (rp) {
        bad = 0;
        for (char *t = strtok(rp + 2, " \n"); t; t = strtok(NULL, " \n"), field++)
            if ((field == 26 || field == 27 || field == 28 || (field >= 45 && field <= 51)) &&
                strtoull(t, NULL, 10) >= GUEST_SPACE)
                bad++;
    }
    snprintf(path, sizeof path, "%d address fields outside the guest space", bad);
    verdict("/proc/self/stat shows guest addresses", bad == 0, path);

    printf("%d roads reached rvdbt\n", reached);
    return reached > 100 ? 100 : reached;
}
