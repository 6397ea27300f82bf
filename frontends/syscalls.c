/*
 * frontends/syscalls.c — Linux system calls for RISC-V guests (riscv64 numbering).
 *
 * One table maps each call number to its name, an argument format used by
 * --strace, and a handler.  Handlers take the six argument registers and
 * return the value for a0: a result, or -errno as the kernel does.  A guest
 * pointer is never dereferenced directly: it is turned into a host pointer
 * with mmu_host_ptr(), which checks the guest mapped it with the needed
 * permission (else -EFAULT).  A call not in the table returns -ENOSYS.
 *
 * This is the early subset static programs need (glibc's start-up, write,
 * exit, brk, anonymous mmap); the user-mode issue grows it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "frontends/linux_user.h"

typedef int64_t (*syscall_fn)(struct linux_process *p, const uint64_t a[6]);

struct syscall_def {
    int nr;
    const char *name;
    const char *args; /* per argument: d = int, x = hex/pointer, s = string pointer, - = unused */
    syscall_fn fn;
};

static int64_t host_result(long r) { return r < 0 ? -errno : r; }

static int64_t sys_write(struct linux_process *p, const uint64_t a[6])
{
    if (a[2] == 0) return host_result(write((int)a[0], "", 0));
    const void *buf = mmu_host_ptr(p->mmu, a[1], a[2], MMU_READ);
    if (!buf) return -EFAULT;
    return host_result(write((int)a[0], buf, a[2]));
}

static int64_t sys_writev(struct linux_process *p, const uint64_t a[6])
{
    if (a[2] > 1024) return -EINVAL;
    struct iovec iov[1024];
    for (uint64_t i = 0; i < a[2]; i++) {
        uint64_t g[2]; /* riscv64 struct iovec has the host's layout: base, len */
        if (mmu_read_bytes(p->mmu, a[1] + 16 * i, g, sizeof g, MMU_READ)) return -EFAULT;
        iov[i].iov_base = g[1] ? mmu_host_ptr(p->mmu, g[0], g[1], MMU_READ) : (void *)"";
        iov[i].iov_len = g[1];
        if (!iov[i].iov_base) return -EFAULT;
    }
    return host_result(writev((int)a[0], iov, (int)a[2]));
}

static int64_t sys_exit(struct linux_process *p, const uint64_t a[6])
{
    p->exited = true;
    p->exit_status = (int)(a[0] & 0xff);
    return 0;
}

/* brk follows Linux: a request it cannot satisfy returns the old break. */
static int64_t sys_brk(struct linux_process *p, const uint64_t a[6])
{
    uint64_t want = a[0];
    if (want < p->brk_start || want >= p->mmap_top) return (int64_t)p->brk;
    uint64_t old_end = (p->brk + MMU_PAGE_MASK) & ~MMU_PAGE_MASK;
    uint64_t new_end = (want + MMU_PAGE_MASK) & ~MMU_PAGE_MASK;
    if (new_end > old_end && !mmu_map(p->mmu, old_end, new_end - old_end, MMU_READ | MMU_WRITE))
        return (int64_t)p->brk;
    if (new_end < old_end) mmu_unmap(p->mmu, new_end, old_end - new_end);
    p->brk = want;
    return (int64_t)want;
}

/* Anonymous private mappings only, for now (malloc's large blocks). */
static int64_t sys_mmap(struct linux_process *p, const uint64_t a[6])
{
    enum { G_MAP_PRIVATE = 0x02, G_MAP_FIXED = 0x10, G_MAP_ANONYMOUS = 0x20 };
    uint64_t len = (a[1] + MMU_PAGE_MASK) & ~MMU_PAGE_MASK;
    if (len == 0 || len < a[1]) return -EINVAL;
    if (!(a[3] & G_MAP_ANONYMOUS)) return -ENODEV;
    int prot = (int)(a[2] & 7); /* PROT_READ/WRITE/EXEC have the same values as MMU_* */
    uint64_t addr;
    if (a[3] & G_MAP_FIXED) {
        addr = a[0];
        if (addr & MMU_PAGE_MASK) return -EINVAL;
    } else {
        if (len > p->mmap_top - p->brk) return -ENOMEM;
        addr = p->mmap_top - len;
        p->mmap_top = addr;
    }
    if (!mmu_map(p->mmu, addr, len, prot)) return -ENOMEM;
    return (int64_t)addr;
}

static int64_t sys_munmap(struct linux_process *p, const uint64_t a[6])
{
    uint64_t len = (a[1] + MMU_PAGE_MASK) & ~MMU_PAGE_MASK;
    if ((a[0] & MMU_PAGE_MASK) || !mmu_unmap(p->mmu, a[0], len)) return -EINVAL;
    return 0;
}

static int64_t sys_mprotect(struct linux_process *p, const uint64_t a[6])
{
    uint64_t len = (a[1] + MMU_PAGE_MASK) & ~MMU_PAGE_MASK;
    if ((a[0] & MMU_PAGE_MASK) || !mmu_protect(p->mmu, a[0], len, (int)(a[2] & 7))) return -EINVAL;
    return 0;
}

static int64_t sys_getpid(struct linux_process *p, const uint64_t a[6])
{
    (void)p, (void)a;
    return getpid();
}

static int64_t sys_set_robust_list(struct linux_process *p, const uint64_t a[6])
{
    (void)p, (void)a;
    return 0; /* one thread, no robust futexes to clean up at exit */
}

static int64_t sys_getrandom(struct linux_process *p, const uint64_t a[6])
{
    void *buf = a[1] ? mmu_host_ptr(p->mmu, a[0], a[1], MMU_WRITE) : (void *)"";
    if (!buf) return -EFAULT;
    return host_result(getrandom(buf, a[1], (unsigned)a[2]));
}

static int64_t sys_uname(struct linux_process *p, const uint64_t a[6])
{
    struct {
        char f[6][65];
    } u;
    memset(&u, 0, sizeof u);
    strcpy(u.f[0], "Linux");
    strcpy(u.f[1], "rvdbt");
    strcpy(u.f[2], "6.1.0");
    strcpy(u.f[3], "#1 SMP rvdbt");
    strcpy(u.f[4], "riscv64");
    strcpy(u.f[5], "(none)");
    return mmu_write_bytes(p->mmu, a[0], &u, sizeof u, MMU_WRITE) ? -EFAULT : 0;
}

static int64_t sys_clock_gettime(struct linux_process *p, const uint64_t a[6])
{
    struct timespec ts;
    if (clock_gettime((clockid_t)a[0], &ts)) return -errno;
    int64_t g[2] = {ts.tv_sec, ts.tv_nsec}; /* riscv64 timespec: two 64-bit fields */
    return mmu_write_bytes(p->mmu, a[1], g, sizeof g, MMU_WRITE) ? -EFAULT : 0;
}

static const struct syscall_def syscall_table[] = {
    {64, "write", "dxd", sys_write},
    {66, "writev", "dxd", sys_writev},
    {93, "exit", "d", sys_exit},
    {94, "exit_group", "d", sys_exit},
    {96, "set_tid_address", "x", sys_getpid}, /* returns the tid, which is the pid with one thread */
    {99, "set_robust_list", "xd", sys_set_robust_list},
    {113, "clock_gettime", "dx", sys_clock_gettime},
    {160, "uname", "x", sys_uname},
    {172, "getpid", "", sys_getpid},
    {178, "gettid", "", sys_getpid},
    {214, "brk", "x", sys_brk},
    {215, "munmap", "xd", sys_munmap},
    {222, "mmap", "xdxxdd", sys_mmap},
    {226, "mprotect", "xdx", sys_mprotect},
    {278, "getrandom", "xdx", sys_getrandom},
};

static const struct syscall_def *find_syscall(uint64_t nr)
{
    for (size_t i = 0; i < sizeof syscall_table / sizeof syscall_table[0]; i++)
        if ((uint64_t)syscall_table[i].nr == nr) return &syscall_table[i];
    return NULL;
}

static void strace_print(const struct syscall_def *def, uint64_t nr, const uint64_t a[6], int64_t ret)
{
    char line[256];
    int n = def ? snprintf(line, sizeof line, "%s(", def->name) : snprintf(line, sizeof line, "syscall_%llu(", (unsigned long long)nr);
    const char *fmt = def ? def->args : "";
    for (int i = 0; fmt[i] && i < 6 && n < (int)sizeof line; i++)
        n += snprintf(line + n, sizeof line - (size_t)n, fmt[i] == 'd' ? "%s%lld" : "%s0x%llx", i ? ", " : "",
                      (long long)a[i]);
    if (n >= (int)sizeof line) n = (int)sizeof line - 1;
    if (ret < 0 && ret > -4096)
        snprintf(line + n, sizeof line - (size_t)n, ") = -1 %s (%s)", strerrorname_np((int)-ret), strerror((int)-ret));
    else
        snprintf(line + n, sizeof line - (size_t)n, ") = %lld", (long long)ret);
    fprintf(stderr, "%s\n", line);
}

void linux_syscall(struct linux_process *p)
{
    struct cpu *c = &p->cpu;
    uint64_t nr = c->x[17];
    uint64_t a[6] = {c->x[10], c->x[11], c->x[12], c->x[13], c->x[14], c->x[15]};
    const struct syscall_def *def = find_syscall(nr);
    int64_t ret = def ? def->fn(p, a) : -ENOSYS;
    p->syscalls++;
    if (p->strace) strace_print(def, nr, a, ret);
    if (!p->exited) c->x[10] = (uint64_t)ret;
}
