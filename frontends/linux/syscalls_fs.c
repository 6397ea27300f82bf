/*
 * frontends/linux/syscalls_fs.c — files, directories and terminals.
 *
 * Guest file descriptors are host descriptors, so most calls are the host
 * call on translated arguments: guest buffers become host pointers (checked
 * by guest_ptr), absolute paths go through the sysroot (linux_host_path).
 * Only `struct stat` needs converting: x86-64's layout (arch/x86 stat.h) is
 * not riscv64's (asm-generic/stat.h).  statx, dirent64, iovec, termios (the
 * kernel's 36-byte one), winsize, struct flock, statfs, pollfd and timespec
 * are the same on both.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "frontends/linux/syscalls.h"

/* riscv64's struct stat (asm-generic/stat.h). */
struct riscv_stat {
    uint64_t dev, ino;
    uint32_t mode, nlink, uid, gid;
    uint64_t rdev, pad1;
    int64_t size;
    int32_t blksize, pad2;
    int64_t blocks;
    int64_t atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
    uint32_t unused4, unused5;
};
_Static_assert(sizeof(struct riscv_stat) == 128, "riscv64 struct stat is 128 bytes");

static int64_t put_stat(struct linux_process *p, uint64_t addr, const struct stat *st)
{
    struct riscv_stat g = {
        .dev = st->st_dev, .ino = st->st_ino, .mode = st->st_mode, .nlink = (uint32_t)st->st_nlink,
        .uid = st->st_uid, .gid = st->st_gid, .rdev = st->st_rdev, .size = st->st_size,
        .blksize = (int32_t)st->st_blksize, .blocks = st->st_blocks,
        .atime = st->st_atim.tv_sec, .atime_nsec = st->st_atim.tv_nsec,
        .mtime = st->st_mtim.tv_sec, .mtime_nsec = st->st_mtim.tv_nsec,
        .ctime = st->st_ctim.tv_sec, .ctime_nsec = st->st_ctim.tv_nsec,
    };
    return mmu_write_bytes(p->mmu, addr, &g, sizeof g, MMU_WRITE) ? -EFAULT : 0;
}

/* How many of len bytes from addr the guest mapped with `need`: a read
 * into a buffer that is only partly mapped transfers what fits, as Linux
 * would until it reached the hole. */
static size_t mapped_prefix(struct linux_process *p, uint64_t addr, size_t len, int need)
{
    size_t n = 0;
    while (n < len) {
        uint64_t a = addr + n;
        if (!mmu_host_ptr(p->mmu, a, 1, need)) break;
        size_t chunk = MMU_PAGE_SIZE - (a & MMU_PAGE_MASK);
        n += chunk < len - n ? chunk : len - n;
    }
    return n;
}

static int fd_arg(uint64_t v) { return (int)v; }

static int64_t sys_openat(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp;
    int64_t r = guest_path(p, a[1], &gp);
    if (r) return r;
    /* the guest's own /proc/self/{maps,auxv,cmdline,stat} (linux_procfs.c) */
    char resolved[PATH_MAX];
    const char *rest;
    if (linux_procfs_may_apply(fd_arg(a[0]), gp.host)) {
        switch (linux_procfs_classify(fd_arg(a[0]), gp.host, &rest, resolved, sizeof resolved)) {
        case PROCFS_VIRTUAL: return linux_procfs_open(p, rest, (int)a[2]);
        case PROCFS_REFUSED: return -EACCES;
        default: break;
        }
    }
    r = sys_result(openat(fd_arg(a[0]), gp.host, (int)a[2], (mode_t)a[3]));
    /* whatever the path said: if what opened is a process's memory, refuse it */
    return r >= 0 ? linux_procfs_check_opened(p, (int)r, (int)a[2]) : r;
}

static int64_t sys_close(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(close(fd_arg(a[0])));
}

static int64_t sys_read(struct linux_process *p, const uint64_t a[6])
{
    size_t len = mapped_prefix(p, a[1], a[2], MMU_WRITE);
    if (a[2] && !len) return -EFAULT;
    return sys_result(read(fd_arg(a[0]), guest_ptr(p, a[1], len, MMU_WRITE), len));
}

static int64_t sys_write(struct linux_process *p, const uint64_t a[6])
{
    size_t len = mapped_prefix(p, a[1], a[2], MMU_READ);
    if (a[2] && !len) return -EFAULT;
    return sys_result(write(fd_arg(a[0]), guest_ptr(p, a[1], len, MMU_READ), len));
}

static int64_t sys_pread64(struct linux_process *p, const uint64_t a[6])
{
    void *buf = guest_ptr(p, a[1], a[2], MMU_WRITE);
    return buf ? sys_result(pread(fd_arg(a[0]), buf, a[2], (off_t)a[3])) : -EFAULT;
}

static int64_t sys_pwrite64(struct linux_process *p, const uint64_t a[6])
{
    void *buf = guest_ptr(p, a[1], a[2], MMU_READ);
    return buf ? sys_result(pwrite(fd_arg(a[0]), buf, a[2], (off_t)a[3])) : -EFAULT;
}

/* Converts a guest iovec array (same layout as the host's: base, len). */
static int64_t get_iovec(struct linux_process *p, uint64_t addr, uint64_t count, int need, struct iovec *iov)
{
    if (count > IOV_MAX) return -EINVAL;
    for (uint64_t i = 0; i < count; i++) {
        uint64_t g[2];
        if (mmu_read_bytes(p->mmu, addr + 16 * i, g, sizeof g, MMU_READ)) return -EFAULT;
        iov[i].iov_base = guest_ptr(p, g[0], g[1], need);
        iov[i].iov_len = g[1];
        if (!iov[i].iov_base) return -EFAULT;
    }
    return 0;
}

static int64_t sys_readv(struct linux_process *p, const uint64_t a[6])
{
    struct iovec iov[IOV_MAX];
    int64_t r = get_iovec(p, a[1], a[2], MMU_WRITE, iov);
    return r ? r : sys_result(readv(fd_arg(a[0]), iov, (int)a[2]));
}

static int64_t sys_writev(struct linux_process *p, const uint64_t a[6])
{
    struct iovec iov[IOV_MAX];
    int64_t r = get_iovec(p, a[1], a[2], MMU_READ, iov);
    return r ? r : sys_result(writev(fd_arg(a[0]), iov, (int)a[2]));
}

/* preadv, pwritev, preadv2, pwritev2: (fd, iov, count, pos_l, pos_h[, flags]).
 * On a 64-bit kernel pos_l is the whole offset and pos_h is ignored; for the
 * "2" calls an offset of -1 means the file position, as readv/writev. */
static int64_t sys_preadv2(struct linux_process *p, const uint64_t a[6])
{
    struct iovec iov[IOV_MAX];
    int64_t r = get_iovec(p, a[1], a[2], MMU_WRITE, iov);
    return r ? r : sys_result(syscall(SYS_preadv2, fd_arg(a[0]), iov, (int)a[2], (long)a[3], 0L, (int)a[5]));
}

static int64_t sys_pwritev2(struct linux_process *p, const uint64_t a[6])
{
    struct iovec iov[IOV_MAX];
    int64_t r = get_iovec(p, a[1], a[2], MMU_READ, iov);
    return r ? r : sys_result(syscall(SYS_pwritev2, fd_arg(a[0]), iov, (int)a[2], (long)a[3], 0L, (int)a[5]));
}

static int64_t sys_preadv(struct linux_process *p, const uint64_t a[6])
{
    struct iovec iov[IOV_MAX];
    int64_t r = get_iovec(p, a[1], a[2], MMU_WRITE, iov);
    return r ? r : sys_result(syscall(SYS_preadv, fd_arg(a[0]), iov, (int)a[2], (long)a[3], 0L));
}

static int64_t sys_pwritev(struct linux_process *p, const uint64_t a[6])
{
    struct iovec iov[IOV_MAX];
    int64_t r = get_iovec(p, a[1], a[2], MMU_READ, iov);
    return r ? r : sys_result(syscall(SYS_pwritev, fd_arg(a[0]), iov, (int)a[2], (long)a[3], 0L));
}

static int64_t sys_lseek(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(lseek(fd_arg(a[0]), (off_t)a[1], (int)a[2]));
}

static int64_t sys_sendfile(struct linux_process *p, const uint64_t a[6])
{
    off_t *off = NULL;
    if (a[2] && !(off = guest_ptr(p, a[2], sizeof *off, MMU_READ | MMU_WRITE))) return -EFAULT;
    return sys_result(sendfile(fd_arg(a[0]), fd_arg(a[1]), off, a[3]));
}

static int64_t sys_newfstatat(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp;
    int64_t r = guest_path(p, a[1], &gp);
    if (r) return r;
    struct stat st;
    if (fstatat(fd_arg(a[0]), gp.host, &st, (int)a[3])) return -errno;
    return put_stat(p, a[2], &st);
}

static int64_t sys_fstat(struct linux_process *p, const uint64_t a[6])
{
    struct stat st;
    if (fstat(fd_arg(a[0]), &st)) return -errno;
    return put_stat(p, a[1], &st);
}

static int64_t sys_statx(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp;
    int64_t r = guest_path(p, a[1], &gp);
    if (r) return r;
    struct statx *buf = guest_ptr(p, a[4], sizeof *buf, MMU_WRITE); /* same layout everywhere */
    if (!buf) return -EFAULT;
    return sys_result(statx(fd_arg(a[0]), gp.host, (int)a[2], (unsigned)a[3], buf));
}

static int64_t sys_getdents64(struct linux_process *p, const uint64_t a[6])
{
    void *buf = guest_ptr(p, a[1], a[2], MMU_WRITE); /* linux_dirent64 is the same everywhere */
    return buf ? sys_result(syscall(SYS_getdents64, fd_arg(a[0]), buf, (size_t)a[2])) : -EFAULT;
}

static int64_t sys_readlinkat(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp;
    int64_t r = guest_path(p, a[1], &gp);
    if (r) return r;
    char *buf = guest_ptr(p, a[2], a[3], MMU_WRITE);
    if (!buf) return -EFAULT;
    /* /proc/self/exe however it is spelt (//proc, ".", a directory descriptor
     * of /proc/self, the cwd, a link to /proc/self) is the guest program, not
     * rvdbt; the links under /proc that reach rvdbt's memory are refused */
    char resolved[PATH_MAX];
    const char *rest;
    enum procfs_verdict v = gp.host == p->exe_path ? PROCFS_EXE : PROCFS_HOST;
    if (v == PROCFS_HOST) /* (every time: a link elsewhere may lead into /proc; readlink is not hot) */
        v = linux_procfs_classify(fd_arg(a[0]), gp.host, &rest, resolved, sizeof resolved);
    if (v == PROCFS_REFUSED) return -EACCES;
    if (v == PROCFS_EXE) {
        size_t n = strlen(p->exe_path);
        if (n > a[3]) n = a[3];
        memcpy(buf, p->exe_path, n);
        return (int64_t)n;
    }
    return sys_result(readlinkat(fd_arg(a[0]), gp.host, buf, a[3]));
}

static int64_t sys_faccessat(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp;
    int64_t r = guest_path(p, a[1], &gp);
    if (r) return r;
    return sys_result(syscall(SYS_faccessat, fd_arg(a[0]), gp.host, (int)a[2]));
}

static int64_t sys_faccessat2(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp;
    int64_t r = guest_path(p, a[1], &gp);
    if (r) return r;
    return sys_result(faccessat(fd_arg(a[0]), gp.host, (int)a[2], (int)a[3]));
}

static int64_t sys_fcntl(struct linux_process *p, const uint64_t a[6])
{
    int fd = fd_arg(a[0]), cmd = (int)a[1];
    switch (cmd) {
    case F_DUPFD: case F_DUPFD_CLOEXEC: case F_GETFD: case F_SETFD: case F_GETFL: case F_SETFL:
    case F_GETOWN: case F_SETOWN: case F_GETSIG: case F_SETSIG: case F_SETLEASE: case F_GETLEASE:
    case F_NOTIFY: case F_SETPIPE_SZ: case F_GETPIPE_SZ: case F_ADD_SEALS: case F_GET_SEALS:
        return sys_result(fcntl(fd, cmd, (long)a[2]));
    case F_GETLK: case F_SETLK: case F_SETLKW: case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW: {
        struct flock *fl = guest_ptr(p, a[2], sizeof *fl, MMU_READ | MMU_WRITE); /* same layout */
        return fl ? sys_result(fcntl(fd, cmd, fl)) : -EFAULT;
    }
    default:
        return -EINVAL;
    }
}

static int64_t sys_flock(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(flock(fd_arg(a[0]), (int)a[1]));
}

/* Terminal and file ioctls whose argument layout is known (the same on both:
 * x86 uses the generic ioctl numbers and the kernel's 36-byte termios). */
static int64_t sys_ioctl(struct linux_process *p, const uint64_t a[6])
{
    enum { KERNEL_TERMIOS_SIZE = 36 };
    int fd = fd_arg(a[0]);
    unsigned long req = (unsigned long)(uint32_t)a[1];
    size_t size;
    int need;
    switch (req) {
    case TCGETS: size = KERNEL_TERMIOS_SIZE, need = MMU_WRITE; break;
    case TCSETS: case TCSETSW: case TCSETSF: size = KERNEL_TERMIOS_SIZE, need = MMU_READ; break;
    case TIOCGWINSZ: size = sizeof(struct winsize), need = MMU_WRITE; break;
    case TIOCSWINSZ: size = sizeof(struct winsize), need = MMU_READ; break;
    case TIOCGPGRP: case FIONREAD: size = sizeof(int), need = MMU_WRITE; break;
    case TIOCSPGRP: case FIONBIO: size = sizeof(int), need = MMU_READ; break;
    /* pseudo-terminals (posix_openpt, grantpt, unlockpt, ptsname: os.openpty, pty.fork)
     * and modem lines: an int out, or an int in */
    case TIOCGPTN: case TIOCGPTLCK: case TIOCGSID: case TIOCOUTQ: case TIOCGEXCL: case TIOCMGET:
        size = sizeof(int), need = MMU_WRITE; break;
    case TIOCSPTLCK: case TIOCMSET: case TIOCMBIS: case TIOCMBIC: size = sizeof(int), need = MMU_READ; break;
    /* the argument is a value: tcflush, tcflow, tcdrain/tcsendbreak, the peer of a
     * master (a new descriptor), exclusive mode */
    case TCFLSH: case TCXONC: case TCSBRK: case TCSBRKP: case TIOCGPTPEER: case TIOCEXCL: case TIOCNXCL:
    case FIOCLEX: case FIONCLEX: case TIOCSCTTY: case TIOCNOTTY:
        return sys_result(ioctl(fd, req, (long)a[2]));
    default: return linux_socket_ioctl(p, fd, req, a[2]); /* syscalls_net.c (else ENOTTY) */
    }
    void *arg = guest_ptr(p, a[2], size, need);
    return arg ? sys_result(ioctl(fd, req, arg)) : -EFAULT;
}

static int64_t sys_dup(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(dup(fd_arg(a[0])));
}

static int64_t sys_dup3(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(dup3(fd_arg(a[0]), fd_arg(a[1]), (int)a[2]));
}

static int64_t sys_pipe2(struct linux_process *p, const uint64_t a[6])
{
    int *fds = guest_ptr(p, a[0], 2 * sizeof(int), MMU_WRITE);
    return fds ? sys_result(pipe2(fds, (int)a[1])) : -EFAULT;
}

static int64_t sys_unlinkat(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp;
    int64_t r = guest_path(p, a[1], &gp);
    return r ? r : sys_result(unlinkat(fd_arg(a[0]), gp.host, (int)a[2]));
}

static int64_t sys_mkdirat(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp;
    int64_t r = guest_path(p, a[1], &gp);
    return r ? r : sys_result(mkdirat(fd_arg(a[0]), gp.host, (mode_t)a[2]));
}

static int64_t sys_renameat2(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path from, to;
    int64_t r = guest_path(p, a[1], &from);
    if (!r) r = guest_path(p, a[3], &to);
    return r ? r : sys_result(renameat2(fd_arg(a[0]), from.host, fd_arg(a[2]), to.host, (unsigned)a[4]));
}

static int64_t sys_linkat(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path from, to;
    int64_t r = guest_path(p, a[1], &from);
    if (!r) r = guest_path(p, a[3], &to);
    return r ? r : sys_result(linkat(fd_arg(a[0]), from.host, fd_arg(a[2]), to.host, (int)a[4]));
}

static int64_t sys_symlinkat(struct linux_process *p, const uint64_t a[6])
{
    char target[PATH_MAX]; /* the link's content is stored as the guest wrote it */
    struct guest_path link;
    int64_t r = guest_string(p, a[0], target, sizeof target);
    if (!r) r = guest_path(p, a[2], &link);
    return r ? r : sys_result(symlinkat(target, fd_arg(a[1]), link.host));
}

static int64_t sys_getcwd(struct linux_process *p, const uint64_t a[6])
{
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd)) return -errno;
    size_t n = strlen(cwd) + 1;
    if (n > a[1]) return -ERANGE;
    return mmu_write_bytes(p->mmu, a[0], cwd, n, MMU_WRITE) ? -EFAULT : (int64_t)n; /* the kernel returns the length */
}

static int64_t sys_chdir(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp;
    int64_t r = guest_path(p, a[0], &gp);
    return r ? r : sys_result(chdir(gp.host));
}

static int64_t sys_fchdir(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(fchdir(fd_arg(a[0])));
}

static int64_t sys_truncate(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp;
    int64_t r = guest_path(p, a[0], &gp);
    return r ? r : sys_result(truncate(gp.host, (off_t)a[1]));
}

static int64_t sys_ftruncate(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(ftruncate(fd_arg(a[0]), (off_t)a[1]));
}

static int64_t sys_fsync(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(fsync(fd_arg(a[0])));
}

static int64_t sys_fdatasync(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(fdatasync(fd_arg(a[0])));
}

static int64_t sys_fchmod(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(fchmod(fd_arg(a[0]), (mode_t)a[1]));
}

static int64_t sys_fchmodat(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp;
    int64_t r = guest_path(p, a[1], &gp);
    return r ? r : sys_result(fchmodat(fd_arg(a[0]), gp.host, (mode_t)a[2], 0));
}

static int64_t sys_fchown(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(fchown(fd_arg(a[0]), (uid_t)a[1], (gid_t)a[2]));
}

static int64_t sys_fchownat(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp;
    int64_t r = guest_path(p, a[1], &gp);
    return r ? r : sys_result(fchownat(fd_arg(a[0]), gp.host, (uid_t)a[2], (gid_t)a[3], (int)a[4]));
}

static int64_t sys_umask(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return umask((mode_t)a[0]);
}

static int64_t sys_utimensat(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp = {.host = NULL};
    if (a[1]) {
        int64_t r = guest_path(p, a[1], &gp);
        if (r) return r;
    }
    const struct timespec *ts = NULL;
    if (a[2] && !(ts = guest_ptr(p, a[2], 2 * sizeof *ts, MMU_READ))) return -EFAULT;
    /* a NULL path (futimens) is only reachable through the raw call */
    return sys_result(syscall(SYS_utimensat, fd_arg(a[0]), gp.host, ts, (int)a[3]));
}

static int64_t sys_statfs(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp;
    int64_t r = guest_path(p, a[0], &gp);
    if (r) return r;
    struct statfs *buf = guest_ptr(p, a[1], sizeof *buf, MMU_WRITE); /* same layout on 64-bit */
    return buf ? sys_result(statfs(gp.host, buf)) : -EFAULT;
}

static int64_t sys_fstatfs(struct linux_process *p, const uint64_t a[6])
{
    struct statfs *buf = guest_ptr(p, a[1], sizeof *buf, MMU_WRITE);
    return buf ? sys_result(fstatfs(fd_arg(a[0]), buf)) : -EFAULT;
}

/* A guest sigset pointer (8 bytes) as a host sigset, for ppoll/pselect6. */
static int64_t get_sigset(struct linux_process *p, uint64_t addr, sigset_t *set, sigset_t **out)
{
    *out = NULL;
    if (!addr) return 0;
    uint64_t bits;
    if (mmu_read_bytes(p->mmu, addr, &bits, 8, MMU_READ)) return -EFAULT;
    sigemptyset(set);
    for (int s = 1; s <= LINUX_NSIG; s++)
        if ((bits >> (s - 1) & 1) && s != SIGSEGV && s != SIGBUS && s != SIGILL && s != SIGFPE) sigaddset(set, s);
    *out = set;
    return 0;
}

static int64_t sys_ppoll(struct linux_process *p, const uint64_t a[6])
{
    if (a[1] > 65536) return -EINVAL;
    struct pollfd *fds = guest_ptr(p, a[0], a[1] * sizeof *fds, MMU_READ | MMU_WRITE); /* same layout */
    if (!fds) return -EFAULT;
    struct timespec *ts = NULL;
    if (a[2] && !(ts = guest_ptr(p, a[2], sizeof *ts, MMU_READ | MMU_WRITE))) return -EFAULT;
    sigset_t set, *mask;
    int64_t r = get_sigset(p, a[3], &set, &mask);
    return r ? r : sys_result(ppoll(fds, (nfds_t)a[1], ts, mask));
}

static int64_t sys_pselect6(struct linux_process *p, const uint64_t a[6])
{
    if (a[0] > FD_SETSIZE) return -EINVAL;
    size_t bytes = (a[0] + 63) / 64 * 8;
    fd_set *sets[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 3; i++)
        if (a[1 + i] && !(sets[i] = guest_ptr(p, a[1 + i], bytes, MMU_READ | MMU_WRITE))) return -EFAULT;
    struct timespec *ts = NULL;
    if (a[4] && !(ts = guest_ptr(p, a[4], sizeof *ts, MMU_READ | MMU_WRITE))) return -EFAULT;
    sigset_t set, *mask = NULL;
    if (a[5]) { /* the sixth argument points at {sigset pointer, size} */
        uint64_t ss[2];
        if (mmu_read_bytes(p->mmu, a[5], ss, sizeof ss, MMU_READ)) return -EFAULT;
        int64_t r = get_sigset(p, ss[0], &set, &mask);
        if (r) return r;
    }
    return sys_result(pselect((int)a[0], sets[0], sets[1], sets[2], ts, mask));
}

static const struct syscall_def defs[] = {
    {17, "getcwd", "pu", 'd', sys_getcwd},
    {23, "dup", "f", 'd', sys_dup},
    {24, "dup3", "ffo", 'd', sys_dup3},
    {25, "fcntl", "fdx", 'd', sys_fcntl},
    {29, "ioctl", "fxp", 'd', sys_ioctl},
    {32, "flock", "fd", 'd', sys_flock},
    {34, "mkdirat", "fsm", 'd', sys_mkdirat},
    {35, "unlinkat", "fsx", 'd', sys_unlinkat},
    {36, "symlinkat", "sfs", 'd', sys_symlinkat},
    {37, "linkat", "fsfsx", 'd', sys_linkat},
    {43, "statfs", "sp", 'd', sys_statfs},
    {44, "fstatfs", "fp", 'd', sys_fstatfs},
    {45, "truncate", "sd", 'd', sys_truncate},
    {46, "ftruncate", "fd", 'd', sys_ftruncate},
    {48, "faccessat", "fsd", 'd', sys_faccessat},
    {49, "chdir", "s", 'd', sys_chdir},
    {50, "fchdir", "f", 'd', sys_fchdir},
    {52, "fchmod", "fm", 'd', sys_fchmod},
    {53, "fchmodat", "fsm", 'd', sys_fchmodat},
    {54, "fchownat", "fsddx", 'd', sys_fchownat},
    {55, "fchown", "fdd", 'd', sys_fchown},
    {56, "openat", "fsom", 'd', sys_openat},
    {57, "close", "f", 'd', sys_close},
    {59, "pipe2", "po", 'd', sys_pipe2},
    {61, "getdents64", "fpu", 'd', sys_getdents64},
    {62, "lseek", "fdd", 'd', sys_lseek},
    {63, "read", "fBu", 'd', sys_read},
    {64, "write", "fbu", 'd', sys_write},
    {65, "readv", "fpd", 'd', sys_readv},
    {66, "writev", "fpd", 'd', sys_writev},
    {67, "pread64", "fBud", 'd', sys_pread64},
    {68, "pwrite64", "fbud", 'd', sys_pwrite64},
    {69, "preadv", "fpdd", 'd', sys_preadv},
    {70, "pwritev", "fpdd", 'd', sys_pwritev},
    {71, "sendfile", "ffpu", 'd', sys_sendfile},
    {72, "pselect6", "dppppp", 'd', sys_pselect6},
    {73, "ppoll", "pdppu", 'd', sys_ppoll},
    {78, "readlinkat", "fsBu", 'd', sys_readlinkat},
    {79, "newfstatat", "fspx", 'd', sys_newfstatat},
    {80, "fstat", "fp", 'd', sys_fstat},
    {82, "fsync", "f", 'd', sys_fsync},
    {83, "fdatasync", "f", 'd', sys_fdatasync},
    {88, "utimensat", "fspx", 'd', sys_utimensat},
    {166, "umask", "m", 'o', sys_umask},
    {276, "renameat2", "fsfsx", 'd', sys_renameat2},
    {286, "preadv2", "fpddxx", 'd', sys_preadv2},
    {287, "pwritev2", "fpddxx", 'd', sys_pwritev2},
    {291, "statx", "fsxxp", 'd', sys_statx},
    {439, "faccessat2", "fsdx", 'd', sys_faccessat2},
};
SYSCALL_TABLE(syscalls_fs, defs);
