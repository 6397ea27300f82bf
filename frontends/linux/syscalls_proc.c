/*
 * frontends/linux/syscalls_proc.c — processes, time, identity, limits.
 *
 * A guest process is an rvdbt process, so:
 *  - fork (clone with only a termination signal and tid-pointer flags, or
 *    vfork's CLONE_VM|CLONE_VFORK, which a copy satisfies) is the host's
 *    fork: the child has a copy of the guest space, engine and all;
 *  - execve of a RISC-V program re-executes rvdbt itself (/proc/self/exe)
 *    with the same engine and trace options and the same sysroot, so the new
 *    program also runs under rvdbt; `#!` scripts are resolved here, the way
 *    the kernel does, so that their interpreter runs under rvdbt too; any
 *    other file fails with ENOEXEC, as Linux says for a format it cannot run;
 *  - wait4, kill and the pids are the host's (wait status, rusage, siginfo
 *    and struct timespec/timeval/rlimit/sysinfo/tms have the same layout).
 * Threads (clone with CLONE_THREAD, clone3), futexes and robust lists are
 * frontends/linux/linux_threads.c's; fork from a threaded process copies only the
 * calling thread, as on Linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "frontends/common/elf_loader.h"
#include "frontends/common/host_fds.h"
#include "frontends/gdb/gdbstub.h"
#include "frontends/tui/tui.h"
#include "frontends/linux/syscalls.h"

static int64_t sys_exit(struct linux_process *p, const uint64_t a[6])
{
    linux_thread_exit(p, (int)(a[0] & 0xff), false); /* this thread only */
    return 0;
}

static int64_t sys_exit_group(struct linux_process *p, const uint64_t a[6])
{
    linux_thread_exit(p, (int)(a[0] & 0xff), true);
    return 0;
}

/* ---- fork ------------------------------------------------------------------ */

enum { G_CSIGNAL = 0xff, G_CLONE_VM = 0x100, G_CLONE_VFORK = 0x4000, G_CLONE_THREAD = 0x10000, G_CLONE_PARENT_SETTID = 0x100000,
       G_CLONE_CHILD_CLEARTID = 0x200000, G_CLONE_CHILD_SETTID = 0x1000000 };

/* riscv64 argument order: flags, newsp, parent_tid, tls, child_tid. */
static int64_t sys_clone(struct linux_process *p, const uint64_t a[6])
{
    uint64_t flags = a[0];
    if (flags & G_CLONE_THREAD) return linux_clone_thread(p, flags, a[1], a[2], a[3], a[4]);
    uint64_t fork_like = G_CSIGNAL | G_CLONE_PARENT_SETTID | G_CLONE_CHILD_CLEARTID | G_CLONE_CHILD_SETTID;
    if ((flags & (G_CLONE_VM | G_CLONE_VFORK)) == (G_CLONE_VM | G_CLONE_VFORK)) fork_like |= G_CLONE_VM | G_CLONE_VFORK;
    if (flags & ~fork_like) return -EINVAL; /* threads and namespaces are not emulated */
    fflush(NULL);
    /* A copy of the code cache for the child, unless it is a vfork child, which
     * runs only until its execve or _exit (posix_spawn: Python's subprocess). */
    if (!(flags & G_CLONE_VFORK)) engine_before_fork(p->engine);
    linux_group_before_fork(p);
    pid_t pid = fork();
    int fork_errno = errno;
    linux_group_after_fork(p, pid == 0);
    if (pid != 0) engine_fork_parent(p->engine);
    if (pid < 0) return -fork_errno;
    if (pid == 0) {
        if (!engine_fork_child(p->engine)) {
            fprintf(stderr, "rvdbt: forked child: cannot create its translator\n");
            _exit(1);
        }
        if (p->opt->gdb) gdb_stub_forget(p->opt->gdb); /* the debugger follows the parent */
        if (p->opt->tui) tui_forget();                 /* and so does the terminal stepper */
        uint32_t tid = (uint32_t)getpid();
        if (a[1]) p->cpu.x[2] = a[1]; /* the child starts on the stack it was given */
        if (flags & G_CLONE_CHILD_SETTID) (void)mmu_write_bytes(p->mmu, a[4], &tid, 4, MMU_WRITE);
        if (flags & G_CLONE_CHILD_CLEARTID) p->clear_child_tid = a[4];
        return 0;
    }
    uint32_t tid = (uint32_t)pid;
    if (flags & G_CLONE_PARENT_SETTID) (void)mmu_write_bytes(p->mmu, a[2], &tid, 4, MMU_WRITE);
    return pid;
}

/* ---- execve ------------------------------------------------------------------ */

#define EXEC_MAX_STRINGS 65536
#define EXEC_MAX_BYTES (2u << 20) /* argv + envp together, like Linux's default limit */

/* Reads a NULL-terminated guest array of strings (argv, envp) into `out`,
 * starting at out[at]; returns the new count or -errno.  *total counts the
 * bytes of all strings read so far (E2BIG past EXEC_MAX_BYTES). */
static int64_t read_strings(struct linux_process *p, uint64_t addr, char **out, int at, size_t *total)
{
    char buf[131072]; /* MAX_ARG_STRLEN */
    for (int i = at; addr; i++) {
        uint64_t ptr;
        if (i >= EXEC_MAX_STRINGS - 16) return -E2BIG;
        if (mmu_read_bytes(p->mmu, addr + 8 * (uint64_t)(i - at), &ptr, 8, MMU_READ)) return -EFAULT;
        if (!ptr) return i;
        int64_t r = guest_string(p, ptr, buf, sizeof buf);
        if (r) return r == -ENAMETOOLONG ? -E2BIG : r;
        *total += strlen(buf) + 1;
        if (*total > EXEC_MAX_BYTES) return -E2BIG;
        if (!(out[i] = strdup(buf))) return -ENOMEM;
    }
    return at;
}

/* Frees what read_strings filled (from the calloc'd array's start to its first NULL). */
static void free_strings(char **v)
{
    for (int i = 0; v && v[i]; i++) free(v[i]);
}

/* What kind of file `host` is: 1 a RISC-V ELF, 2 a #! script (its line in
 * `line`), or -errno (ENOEXEC for anything else). */
static int exec_kind(const char *host, char *line, size_t len)
{
    if (access(host, X_OK)) return -errno;
    int fd = open(host, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -errno;
    uint8_t head[256];
    ssize_t n = read(fd, head, sizeof head - 1);
    close(fd);
    if (n < 0) return -errno;
    if (elf_is_riscv(head, (size_t)n)) return 1;
    if (n >= 2 && head[0] == '#' && head[1] == '!') {
        head[n] = 0;
        char *end = strchr((char *)head, '\n');
        if (!end) return -ENOEXEC;
        *end = 0;
        snprintf(line, len, "%s", (char *)head + 2);
        return 2;
    }
    return -ENOEXEC;
}

/* Splits "#!interp [arg]" the way Linux does: one optional argument, the
 * rest of the line included. */
static bool parse_shebang(char *line, char **interp, char **arg)
{
    while (*line == ' ' || *line == '\t') line++;
    if (!*line) return false;
    *interp = line;
    while (*line && *line != ' ' && *line != '\t') line++;
    *arg = NULL;
    if (*line) {
        *line++ = 0;
        while (*line == ' ' || *line == '\t') line++;
        size_t n = strlen(line);
        while (n && (line[n - 1] == ' ' || line[n - 1] == '\t')) line[--n] = 0;
        if (n) *arg = line;
    }
    return true;
}

/* execve of the file gp names (gp->host; gp->guest is how the guest named
 * it), with the guest's argv and envp arrays at argv_addr and envp_addr. */
static int64_t exec_path(struct linux_process *p, struct guest_path *gp_in, uint64_t argv_addr, uint64_t envp_addr)
{
    struct guest_path gp = *gp_in; /* (a copy: gp.host may point into gp_in->buf) */
    if (gp_in->host == gp_in->buf) gp.host = gp.buf;
    int64_t r;
    char line[256];
    const char *host = gp.host;
    char *interp = NULL, *interp_arg = NULL;
    int kind = exec_kind(host, line, sizeof line);
    if (kind == 2) { /* a script: its interpreter (resolved in the sysroot) must be a RISC-V program */
        if (!parse_shebang(line, &interp, &interp_arg)) return -ENOEXEC;
        host = linux_host_path(p, interp, gp.buf, sizeof gp.buf);
        char dummy[8];
        kind = exec_kind(host, dummy, sizeof dummy);
        if (kind == 2) return -ELOOP;
    }
    if (kind < 0) return kind;

    /* rvdbt run [options] -L SYSROOT --argv0 ARGV0 -- PROGRAM ARGS... */
    char **argv = calloc(EXEC_MAX_STRINGS, sizeof *argv);
    char **envp = calloc(EXEC_MAX_STRINGS, sizeof *envp);
    char **gargv = calloc(EXEC_MAX_STRINGS, sizeof *gargv);
    int gargc = 0;
    size_t total = 0;
    r = -ENOMEM;
    if (!argv || !envp || !gargv) goto out;
    if ((r = gargc = (int)read_strings(p, argv_addr, gargv, 0, &total)) < 0) goto out;
    if ((r = read_strings(p, envp_addr, envp, 0, &total)) < 0) goto out;
    int n = 0;
    argv[n++] = "rvdbt";
    argv[n++] = "run";
    for (int i = 0; i < p->opt->rerun_count; i++) argv[n++] = p->opt->rerun_args[i];
    if (p->opt->sysroot) argv[n++] = "-L", argv[n++] = (char *)p->opt->sysroot;
    argv[n++] = "--argv0";
    argv[n++] = interp ? interp : gargc ? gargv[0] : "";
    argv[n++] = "--";
    argv[n++] = (char *)host;
    if (interp) { /* interp [arg] script args[1..] */
        if (interp_arg) argv[n++] = interp_arg;
        argv[n++] = gp.guest; /* the interpreter opens it as the guest named it */
    }
    for (int i = 1; i < gargc && n < EXEC_MAX_STRINGS - 1; i++) argv[n++] = gargv[i];
    argv[n] = NULL;
    fflush(NULL);
    if (p->opt->tui) tui_end_now(); /* the new program runs under rvdbt run, on the terminal again */
    execve("/proc/self/exe", argv, envp);
    r = -errno;
out:
    free_strings(gargv);
    free_strings(envp);
    free(gargv);
    free(envp);
    free(argv);
    return r;
}

static int64_t sys_execve(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp;
    int64_t r = guest_path(p, a[0], &gp);
    return r ? r : exec_path(p, &gp, a[1], a[2]);
}

/* execveat(dirfd, path, argv, envp, flags): fexecve is execveat(fd, "",
 * ..., AT_EMPTY_PATH).  A path relative to a directory descriptor, or the
 * descriptor itself, becomes the host path the descriptor stands for (what
 * /proc/self/fd/N names), so the re-executed rvdbt can open it even when the
 * descriptor is close-on-exec, as CPython's are. */
static int64_t sys_execveat(struct linux_process *p, const uint64_t a[6])
{
    int dirfd = (int)a[0], flags = (int)a[4];
    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) return -EINVAL;
    struct guest_path gp;
    int64_t r = guest_string(p, a[1], gp.guest, sizeof gp.guest);
    if (r) return r;
    if (gp.guest[0] == '/' || (dirfd == AT_FDCWD && gp.guest[0])) {
        r = guest_path(p, a[1], &gp); /* an ordinary path: as execve */
        if (r) return r;
    } else {
        if (!gp.guest[0] && !(flags & AT_EMPTY_PATH)) return -ENOENT;
        if (dirfd < 0 || host_fd_is_rvdbt(dirfd)) return -EBADF;
        char link[64], dir[PATH_MAX];
        snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd);
        ssize_t n = readlink(link, dir, sizeof dir - 1);
        if (n < 0) return -EBADF;
        dir[n] = 0;
        /* a deleted file or a memfd has no path: fall back to the /proc link itself */
        const char *base = dir[0] == '/' && !strstr(dir, " (deleted)") ? dir : link;
        int len = gp.guest[0] ? snprintf(gp.buf, sizeof gp.buf, "%s/%s", base, gp.guest)
                              : snprintf(gp.buf, sizeof gp.buf, "%s", base);
        if (len < 0 || (size_t)len >= sizeof gp.buf) return -ENAMETOOLONG;
        gp.host = gp.buf;
    }
    if (flags & AT_SYMLINK_NOFOLLOW) {
        struct stat st;
        if (!lstat(gp.host, &st) && S_ISLNK(st.st_mode)) return -ELOOP;
    }
    return exec_path(p, &gp, a[2], a[3]);
}

/* ---- waiting, ids --------------------------------------------------------------- */

static int64_t sys_wait4(struct linux_process *p, const uint64_t a[6])
{
    int *status = NULL;
    struct rusage *ru = NULL;
    if (a[1] && !(status = guest_ptr(p, a[1], sizeof *status, MMU_WRITE))) return -EFAULT;
    if (a[3] && !(ru = guest_ptr(p, a[3], sizeof *ru, MMU_WRITE))) return -EFAULT;
    return sys_result(wait4((pid_t)a[0], status, (int)a[2], ru));
}

static int64_t sys_waitid(struct linux_process *p, const uint64_t a[6])
{
    siginfo_t *info = NULL;
    struct rusage *ru = NULL;
    if (a[2] && !(info = guest_ptr(p, a[2], sizeof *info, MMU_WRITE))) return -EFAULT;
    if (a[4] && !(ru = guest_ptr(p, a[4], sizeof *ru, MMU_WRITE))) return -EFAULT;
    return sys_result(syscall(SYS_waitid, (int)a[0], (id_t)a[1], info, (int)a[3], ru));
}

/* Calls that take up to three integer arguments and mean the same on the host. */
#define PASS_THROUGH(name, call)                                        \
    static int64_t name(struct linux_process *p, const uint64_t a[6])  \
    {                                                                   \
        (void)p, (void)a;                                               \
        return sys_result(call);                                        \
    }
PASS_THROUGH(sys_getpid, getpid())
PASS_THROUGH(sys_gettid, gettid())
PASS_THROUGH(sys_getppid, getppid())
PASS_THROUGH(sys_getuid, getuid())
PASS_THROUGH(sys_geteuid, geteuid())
PASS_THROUGH(sys_getgid, getgid())
PASS_THROUGH(sys_getegid, getegid())
PASS_THROUGH(sys_setuid, setuid((uid_t)a[0]))
PASS_THROUGH(sys_setgid, setgid((gid_t)a[0]))
PASS_THROUGH(sys_setreuid, setreuid((uid_t)a[0], (uid_t)a[1]))
PASS_THROUGH(sys_setregid, setregid((gid_t)a[0], (gid_t)a[1]))
PASS_THROUGH(sys_setresuid, setresuid((uid_t)a[0], (uid_t)a[1], (uid_t)a[2]))
PASS_THROUGH(sys_setresgid, setresgid((gid_t)a[0], (gid_t)a[1], (gid_t)a[2]))
PASS_THROUGH(sys_getpgid, getpgid((pid_t)a[0]))
PASS_THROUGH(sys_setpgid, setpgid((pid_t)a[0], (pid_t)a[1]))
PASS_THROUGH(sys_getsid, getsid((pid_t)a[0]))
PASS_THROUGH(sys_setsid, setsid())
PASS_THROUGH(sys_sched_yield, sched_yield())
PASS_THROUGH(sys_getpriority, syscall(SYS_getpriority, (int)a[0], (id_t)a[1]))
PASS_THROUGH(sys_setpriority, setpriority((int)a[0], (id_t)a[1], (int)a[2]))

/* Writes the three ids of getresuid/getresgid (uid_t and gid_t are both 32-bit). */
static int64_t put_three_ids(struct linux_process *p, const uint64_t a[6], const uint32_t id[3])
{
    for (int i = 0; i < 3; i++)
        if (mmu_write_bytes(p->mmu, a[i], &id[i], sizeof id[i], MMU_WRITE)) return -EFAULT;
    return 0;
}

static int64_t sys_getresuid(struct linux_process *p, const uint64_t a[6])
{
    uid_t id[3];
    return getresuid(&id[0], &id[1], &id[2]) ? -errno : put_three_ids(p, a, id);
}

static int64_t sys_getresgid(struct linux_process *p, const uint64_t a[6])
{
    gid_t id[3];
    return getresgid(&id[0], &id[1], &id[2]) ? -errno : put_three_ids(p, a, id);
}

static int64_t sys_getgroups(struct linux_process *p, const uint64_t a[6])
{
    if (a[0] > 65536) return -EINVAL;
    gid_t *list = guest_ptr(p, a[1], a[0] * sizeof(gid_t), MMU_WRITE);
    return list ? sys_result(getgroups((int)a[0], list)) : -EFAULT;
}

/* Settings of the whole host, not of the process: the system clock
 * (clock_settime, settimeofday) and the host and domain names.  Even when
 * rvdbt runs as root, a guest does not change them: it gets EPERM, what Linux
 * answers a process without CAP_SYS_TIME or CAP_SYS_ADMIN (and what CPython's
 * tests expect then: they skip).  qemu-riscv64 passes them to the host. */
static int64_t sys_host_setting(struct linux_process *p, const uint64_t a[6])
{
    (void)p, (void)a;
    return -EPERM;
}

/* setgroups: the raw call, which changes only the calling thread's groups, as
 * the guest's own libc expects (it makes every thread call it, for POSIX). */
static int64_t sys_setgroups(struct linux_process *p, const uint64_t a[6])
{
    if (a[0] > 65536) return -EINVAL; /* (NGROUPS_MAX) */
    const gid_t *list = guest_ptr(p, a[1], a[0] * sizeof(gid_t), MMU_READ);
    return list ? sys_result(syscall(SYS_setgroups, (int)a[0], list)) : -EFAULT;
}

/* uname: the host's names and release, with riscv64 as the machine. */
static int64_t sys_uname(struct linux_process *p, const uint64_t a[6])
{
    struct utsname u; /* six 65-byte fields on every Linux */
    if (uname(&u)) return -errno;
    snprintf(u.machine, sizeof u.machine, "riscv64");
    return mmu_write_bytes(p->mmu, a[0], &u, sizeof u, MMU_WRITE) ? -EFAULT : 0;
}

/* ---- time ---------------------------------------------------------------------- */

static int64_t sys_clock_gettime(struct linux_process *p, const uint64_t a[6])
{
    struct timespec *ts = guest_ptr(p, a[1], sizeof *ts, MMU_WRITE); /* two 64-bit fields on both */
    return ts ? sys_result(clock_gettime((clockid_t)a[0], ts)) : -EFAULT;
}

static int64_t sys_clock_getres(struct linux_process *p, const uint64_t a[6])
{
    struct timespec *ts = NULL;
    if (a[1] && !(ts = guest_ptr(p, a[1], sizeof *ts, MMU_WRITE))) return -EFAULT;
    return sys_result(clock_getres((clockid_t)a[0], ts));
}

static int64_t sys_gettimeofday(struct linux_process *p, const uint64_t a[6])
{
    struct timeval *tv = NULL;
    struct timezone *tz = NULL;
    if (a[0] && !(tv = guest_ptr(p, a[0], sizeof *tv, MMU_WRITE))) return -EFAULT;
    if (a[1] && !(tz = guest_ptr(p, a[1], sizeof *tz, MMU_WRITE))) return -EFAULT;
    return sys_result(syscall(SYS_gettimeofday, tv, tz));
}

static int64_t sys_nanosleep(struct linux_process *p, const uint64_t a[6])
{
    const struct timespec *req = guest_ptr(p, a[0], sizeof *req, MMU_READ);
    struct timespec *rem = NULL;
    if (!req || (a[1] && !(rem = guest_ptr(p, a[1], sizeof *rem, MMU_WRITE)))) return -EFAULT;
    return sys_result(nanosleep(req, rem));
}

static int64_t sys_clock_nanosleep(struct linux_process *p, const uint64_t a[6])
{
    const struct timespec *req = guest_ptr(p, a[2], sizeof *req, MMU_READ);
    struct timespec *rem = NULL;
    if (!req || (a[3] && !(rem = guest_ptr(p, a[3], sizeof *rem, MMU_WRITE)))) return -EFAULT;
    int r = clock_nanosleep((clockid_t)a[0], (int)a[1], req, rem); /* returns the error, not -1 */
    return -r;
}

static int64_t sys_times(struct linux_process *p, const uint64_t a[6])
{
    struct tms *t = NULL;
    if (a[0] && !(t = guest_ptr(p, a[0], sizeof *t, MMU_WRITE))) return -EFAULT;
    return sys_result(syscall(SYS_times, t));
}

static int64_t sys_getrusage(struct linux_process *p, const uint64_t a[6])
{
    struct rusage *ru = guest_ptr(p, a[1], sizeof *ru, MMU_WRITE);
    return ru ? sys_result(getrusage((int)a[0], ru)) : -EFAULT;
}

/* ---- limits, system information ------------------------------------------------- */

static int64_t sys_prlimit64(struct linux_process *p, const uint64_t a[6])
{
    const struct rlimit *new_lim = NULL;
    struct rlimit *old_lim = NULL; /* two 64-bit fields on both */
    if (a[2] && !(new_lim = guest_ptr(p, a[2], sizeof *new_lim, MMU_READ))) return -EFAULT;
    if (a[3] && !(old_lim = guest_ptr(p, a[3], sizeof *old_lim, MMU_WRITE))) return -EFAULT;
    return sys_result(prlimit((pid_t)a[0], (__rlimit_resource_t)a[1], new_lim, old_lim));
}

static int64_t sys_getrlimit(struct linux_process *p, const uint64_t a[6])
{
    struct rlimit *lim = guest_ptr(p, a[1], sizeof *lim, MMU_WRITE);
    return lim ? sys_result(getrlimit((__rlimit_resource_t)a[0], lim)) : -EFAULT;
}

static int64_t sys_setrlimit(struct linux_process *p, const uint64_t a[6])
{
    const struct rlimit *lim = guest_ptr(p, a[1], sizeof *lim, MMU_READ);
    return lim ? sys_result(setrlimit((__rlimit_resource_t)a[0], lim)) : -EFAULT;
}

static int64_t sys_sysinfo(struct linux_process *p, const uint64_t a[6])
{
    struct sysinfo *si = guest_ptr(p, a[0], sizeof *si, MMU_WRITE);
    return si ? sys_result(sysinfo(si)) : -EFAULT;
}

static int64_t sys_sched_getaffinity(struct linux_process *p, const uint64_t a[6])
{
    /* Any size the kernel accepts (Go asks with 8192 bytes): the host fills
     * at most its own mask size and says how much; that much is copied. */
    uint8_t mask[1024];
    size_t len = a[1] < sizeof mask ? (size_t)a[1] : sizeof mask;
    if (a[1] & 7) return -EINVAL;
    long r = syscall(SYS_sched_getaffinity, (pid_t)a[0], len, mask);
    if (r < 0) return -errno;
    return mmu_write_bytes(p->mmu, a[2], mask, (size_t)r, MMU_WRITE) ? -EFAULT : r;
}

static int64_t sys_sched_setaffinity(struct linux_process *p, const uint64_t a[6])
{
    uint8_t mask[1024];
    size_t len = a[1] < sizeof mask ? (size_t)a[1] : sizeof mask;
    if (mmu_read_bytes(p->mmu, a[2], mask, len, MMU_READ)) return -EFAULT;
    return sys_result(syscall(SYS_sched_setaffinity, (pid_t)a[0], len, mask));
}

/* membarrier: guest threads are host threads, so the host's barrier on
 * the process's threads is the guest's. */
static int64_t sys_membarrier(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(syscall(SYS_membarrier, (int)a[0], (unsigned)a[1], (int)a[2]));
}

static int64_t sys_getrandom(struct linux_process *p, const uint64_t a[6])
{
    void *buf = guest_ptr(p, a[0], a[1], MMU_WRITE);
    return buf ? sys_result(getrandom(buf, a[1], (unsigned)a[2])) : -EFAULT;
}

/* personality: the guest's own, never the host's.  Passing it on would set
 * rvdbt's persona (READ_IMPLIES_EXEC would make every mapping of rvdbt's
 * executable); rvdbt lays out and protects the guest space the same way
 * whatever it says, so the value is only kept and returned.  0xffffffff
 * asks without changing it. */
static int64_t sys_personality(struct linux_process *p, const uint64_t a[6])
{
    static uint32_t persona; /* PER_LINUX */
    (void)p;
    uint32_t old = persona;
    if ((uint32_t)a[0] != 0xffffffffu) persona = (uint32_t)a[0];
    return old;
}

static int64_t sys_prctl(struct linux_process *p, const uint64_t a[6])
{
    switch (a[0]) {
    case PR_SET_NAME: case PR_GET_NAME: {
        char *name = guest_ptr(p, a[1], 16, a[0] == PR_SET_NAME ? MMU_READ : MMU_WRITE);
        return name ? sys_result(prctl((int)a[0], name)) : -EFAULT;
    }
    case PR_SET_PDEATHSIG: case PR_SET_DUMPABLE: case PR_GET_DUMPABLE:
        return sys_result(prctl((int)a[0], (unsigned long)a[1], 0, 0, 0));
    default: return -EINVAL;
    }
}

/* ---- per-thread bookkeeping (futexes, robust lists, clone3: linux_threads.c) ------------ */

static int64_t sys_set_tid_address(struct linux_process *p, const uint64_t a[6])
{
    p->clear_child_tid = a[0];
    return gettid();
}

static const struct syscall_def defs[] = {
    {92, "personality", "x", 'x', sys_personality},
    {93, "exit", "d", '?', sys_exit},
    {94, "exit_group", "d", '?', sys_exit_group},
    {95, "waitid", "ddpxp", 'd', sys_waitid},
    {96, "set_tid_address", "p", 'd', sys_set_tid_address},
    {98, "futex", "pxdppx", 'd', linux_sys_futex},
    {99, "set_robust_list", "pu", 'd', linux_sys_set_robust_list},
    {100, "get_robust_list", "dpp", 'd', linux_sys_get_robust_list},
    {101, "nanosleep", "pp", 'd', sys_nanosleep},
    {113, "clock_gettime", "cp", 'd', sys_clock_gettime},
    {114, "clock_getres", "cp", 'd', sys_clock_getres},
    {115, "clock_nanosleep", "cxpp", 'd', sys_clock_nanosleep},
    {122, "sched_setaffinity", "dup", 'd', sys_sched_setaffinity},
    {123, "sched_getaffinity", "dup", 'd', sys_sched_getaffinity},
    {124, "sched_yield", "", 'd', sys_sched_yield},
    {140, "setpriority", "ddd", 'd', sys_setpriority},
    {141, "getpriority", "dd", 'd', sys_getpriority},
    {143, "setregid", "dd", 'd', sys_setregid},
    {144, "setgid", "d", 'd', sys_setgid},
    {145, "setreuid", "dd", 'd', sys_setreuid},
    {146, "setuid", "d", 'd', sys_setuid},
    {147, "setresuid", "ddd", 'd', sys_setresuid},
    {148, "getresuid", "ppp", 'd', sys_getresuid},
    {149, "setresgid", "ddd", 'd', sys_setresgid},
    {150, "getresgid", "ppp", 'd', sys_getresgid},
    {153, "times", "p", 'd', sys_times},
    {154, "setpgid", "dd", 'd', sys_setpgid},
    {155, "getpgid", "d", 'd', sys_getpgid},
    {156, "getsid", "d", 'd', sys_getsid},
    {157, "setsid", "", 'd', sys_setsid},
    {158, "getgroups", "dp", 'd', sys_getgroups},
    {159, "setgroups", "dp", 'd', sys_setgroups},
    {161, "sethostname", "su", 'd', sys_host_setting},
    {162, "setdomainname", "su", 'd', sys_host_setting},
    {112, "clock_settime", "cp", 'd', sys_host_setting},
    {170, "settimeofday", "pp", 'd', sys_host_setting},
    {160, "uname", "p", 'd', sys_uname},
    {163, "getrlimit", "dp", 'd', sys_getrlimit},
    {164, "setrlimit", "dp", 'd', sys_setrlimit},
    {165, "getrusage", "dp", 'd', sys_getrusage},
    {167, "prctl", "dxxxx", 'd', sys_prctl},
    {169, "gettimeofday", "pp", 'd', sys_gettimeofday},
    {172, "getpid", "", 'd', sys_getpid},
    {173, "getppid", "", 'd', sys_getppid},
    {174, "getuid", "", 'd', sys_getuid},
    {175, "geteuid", "", 'd', sys_geteuid},
    {176, "getgid", "", 'd', sys_getgid},
    {177, "getegid", "", 'd', sys_getegid},
    {178, "gettid", "", 'd', sys_gettid},
    {179, "sysinfo", "p", 'd', sys_sysinfo},
    {220, "clone", "xppxp", 'd', sys_clone},
    {221, "execve", "svp", '?', sys_execve},
    {281, "execveat", "fsvpx", '?', sys_execveat},
    {260, "wait4", "dpxp", 'd', sys_wait4},
    {261, "prlimit64", "ddpp", 'd', sys_prlimit64},
    {278, "getrandom", "pux", 'd', sys_getrandom},
    {283, "membarrier", "dxd", 'd', sys_membarrier},
    {435, "clone3", "pu", 'd', linux_sys_clone3},
};
SYSCALL_TABLE(syscalls_proc, defs);
