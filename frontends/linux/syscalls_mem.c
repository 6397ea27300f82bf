/*
 * frontends/linux/syscalls_mem.c — the guest's memory: brk, mmap, munmap, mprotect, mremap, madvise.
 *
 * Every mapping is made in the guest address space (mmu/), never by handing
 * the guest host memory.  A private file mapping is a host MAP_PRIVATE
 * mapping of the file at the guest address (map_file_private): pages the
 * guest writes become its own, the others show the file, as on Linux; whole
 * pages past the end of the file read as zero.  (A file the host cannot map,
 * such as a /proc file, is copied in with pread instead.)  As with shared
 * mappings, code translated from such a page is not re-checked when another
 * process writes the file.
 *
 * MAP_SHARED is real (mmu_map_shared): the guest pages are a host MAP_SHARED
 * mapping of the same file, placed at the guest address inside the guest
 * space's reservation, so guest stores reach the file (and other processes'
 * mappings of it) and the guest sees their writes; MAP_SHARED|MAP_ANONYMOUS
 * (and /dev/zero) is host shared memory, which a forked child shares.
 * Limits: code the translator made from a shared page is not re-checked when
 * ANOTHER process writes that page (the guest must fence.i, as RISC-V
 * requires anyway, or the write must come from this process); mremap cannot
 * grow or move a shared mapping (ENOMEM); touching a file page past the end
 * of the file (one truncated after it was mapped) raises SIGBUS on the host,
 * which ends the guest as Linux's default action would (a guest SIGBUS
 * handler is not called).
 *
 * Placement follows Linux's top-down layout: a mapping without MAP_FIXED
 * goes into the highest free gap between the program break and
 * LINUX_MMAP_TOP (or at the hint, if that is free).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "frontends/linux/syscalls.h"

/* riscv64 mmap flags (asm-generic/mman*.h; the same values as x86-64's). */
enum { G_MAP_SHARED = 0x01, G_MAP_PRIVATE = 0x02, G_MAP_FIXED = 0x10, G_MAP_ANONYMOUS = 0x20,
       G_MAP_FIXED_NOREPLACE = 0x100000 };
enum { G_MREMAP_MAYMOVE = 1, G_MREMAP_FIXED = 2, G_MREMAP_DONTUNMAP = 4 };

static uint64_t page_up(uint64_t v) { return (v + MMU_PAGE_MASK) & ~MMU_PAGE_MASK; }

static bool range_free(const struct mmu *m, uint64_t addr, uint64_t len)
{
    return mmu_find_free(m, len, addr, addr + len) == addr;
}

/* A free place for `len` bytes: the hint if it is free, else the highest gap. */
static uint64_t place(struct linux_process *p, uint64_t hint, uint64_t len)
{
    uint64_t low = page_up(p->group->brk);
    if (hint && !(hint & MMU_PAGE_MASK) && hint >= low && hint < LINUX_MMAP_TOP && len <= LINUX_MMAP_TOP - hint &&
        range_free(p->mmu, hint, len))
        return hint;
    return mmu_find_free(p->mmu, len, low, LINUX_MMAP_TOP);
}

/* brk follows Linux: a request it cannot satisfy returns the old break. */
static int64_t sys_brk(struct linux_process *p, const uint64_t a[6])
{
    uint64_t want = a[0];
    if (want < p->group->brk_start || want >= LINUX_MMAP_TOP) return (int64_t)p->group->brk;
    uint64_t old_end = page_up(p->group->brk), new_end = page_up(want);
    if (new_end > old_end) {
        if (!range_free(p->mmu, old_end, new_end - old_end) ||
            !mmu_map(p->mmu, old_end, new_end - old_end, MMU_READ | MMU_WRITE))
            return (int64_t)p->group->brk;
    }
    if (new_end < old_end) mmu_unmap(p->mmu, new_end, old_end - new_end);
    p->group->brk = want;
    return (int64_t)want;
}

/* Copies a file's bytes [off, off+len) into freshly mapped guest pages. */
static int64_t fill_from_file(struct linux_process *p, int fd, uint64_t addr, uint64_t len, off_t off)
{
    uint8_t *dst = mmu_host_ptr(p->mmu, addr, len, 0);
    if (!dst) return -EFAULT;
    uint64_t done = 0;
    while (done < len) {
        ssize_t n = pread(fd, dst + done, len - done, off + (off_t)done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -errno;
        if (n == 0) break; /* past the end of the file: the rest stays zero */
        done += (uint64_t)n;
    }
    return 0;
}

/* The host SIGBUS of a guest access to a file page past the end of the
 * file (a shared mapping, or the program's own pages, which the ELF loader
 * maps from the file, if the file was truncated meanwhile): the guest dies
 * of it, as natively without a handler.  Anything else is rvdbt's own fault
 * (the default action follows). */
static uint8_t *space_base;

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    uintptr_t a = (uintptr_t)si->si_addr, base = (uintptr_t)space_base;
    if (a - base < MMU_SPACE_SIZE) {
        char msg[] = "rvdbt: guest killed by SIGBUS: access past the end of a file mapping at 0x0000000000\n";
        uint64_t g = a - base;
        for (int i = 0; i < 10; i++) msg[sizeof msg - 3 - i] = "0123456789abcdef"[(g >> (4 * i)) & 15];
        if (write(2, msg, sizeof msg - 1) < 0) { /* nothing more to say */
        }
        linux_die_by_signal(SIGBUS);
    }
    signal(sig, SIG_DFL);
}

void linux_catch_sigbus(struct linux_process *p)
{
    if (space_base == p->mmu->base) return;
    space_base = p->mmu->base;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigbus;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);
}

/* A shared mapping at addr (already placed): the file's pages or shared anonymous memory. */
static int64_t map_shared(struct linux_process *p, uint64_t addr, uint64_t len, int prot, int fd, uint64_t off)
{
    bool read_only = false;
    if (fd >= 0) {
        read_only = (fcntl(fd, F_GETFL) & O_ACCMODE) != O_RDWR;
        if (read_only && (prot & MMU_WRITE)) return -EACCES;
        linux_catch_sigbus(p);
    }
    if (!mmu_map_shared(p->mmu, addr, len, prot, fd, off, read_only)) return -errno;
    return (int64_t)addr;
}

/* A private file mapping at addr (already placed) as a host MAP_PRIVATE
 * mapping of the file: the host shares the page cache's pages until one is
 * written, and backs only the pages the guest touches, where a copy read
 * all of them (a dynamic program's libc, 1.6 MB, at every start).  Whole
 * pages past the end of the file are zeroed memory, as the copies were
 * (Linux gives SIGBUS there).  False (nothing mapped) when the host cannot
 * map the file (a /proc file): then the caller copies. */
static bool map_file_private(struct linux_process *p, uint64_t addr, uint64_t len, int prot, int fd, uint64_t off,
                             uint64_t file_size)
{
    uint64_t in_file = file_size > off ? page_up(file_size - off) : 0;
    if (in_file > len) in_file = len;
    if (!in_file || !mmu_map_file_private(p->mmu, addr, in_file, prot, fd, off)) return false;
    if (in_file < len && !mmu_map(p->mmu, addr + in_file, len - in_file, prot)) {
        mmu_unmap(p->mmu, addr, in_file);
        return false;
    }
    linux_catch_sigbus(p); /* (the file truncated under the mapping) */
    linux_procfs_mapped(p, addr, len, fd, off);
    return true;
}

static int64_t sys_mmap(struct linux_process *p, const uint64_t a[6])
{
    uint64_t addr = a[0], len = page_up(a[1]), flags = a[3], off = a[5];
    int prot = (int)(a[2] & 7); /* PROT_READ/WRITE/EXEC have the same values as MMU_* */
    int fd = (int)a[4];
    if (len == 0 || len < a[1] || (off & MMU_PAGE_MASK)) return -EINVAL;
    if (!(flags & (G_MAP_SHARED | G_MAP_PRIVATE))) return -EINVAL;
    bool anon = flags & G_MAP_ANONYMOUS;
    struct stat st;
    if (!anon) { /* check the file before touching any mapping */
        if (fstat(fd, &st)) return -EBADF;
        if ((fcntl(fd, F_GETFL) & O_ACCMODE) == O_WRONLY) return -EACCES;
        if (S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 5)) anon = true; /* /dev/zero */
        else if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) return -ENODEV;
    }
    if (flags & (G_MAP_FIXED | G_MAP_FIXED_NOREPLACE)) {
        if ((addr & MMU_PAGE_MASK) || addr >= MMU_SPACE_SIZE || len > MMU_SPACE_SIZE - addr) return -EINVAL;
        if ((flags & G_MAP_FIXED_NOREPLACE) && !(flags & G_MAP_FIXED) && !range_free(p->mmu, addr, len))
            return -EEXIST;
    } else {
        addr = place(p, addr, len);
        if (addr == UINT64_MAX) return -ENOMEM;
    }
    if (flags & G_MAP_SHARED) /* (MAP_SHARED_VALIDATE, 3, is shared too) */
        return map_shared(p, addr, len, prot, anon ? -1 : fd, off);
    if (!anon && S_ISREG(st.st_mode) && map_file_private(p, addr, len, prot, fd, off, (uint64_t)st.st_size))
        return (int64_t)addr;
    /* a file's pages are filled through their host mapping, which must be
     * writable for that (host protections follow the guest's: mmu/mmu.c) */
    if (!mmu_map(p->mmu, addr, len, anon ? prot : MMU_READ | MMU_WRITE)) return -ENOMEM;
    if (!anon) {
        int64_t r = fill_from_file(p, fd, addr, len, (off_t)off);
        if (r) {
            mmu_unmap(p->mmu, addr, len);
            return r;
        }
        if (prot != (MMU_READ | MMU_WRITE)) mmu_protect(p->mmu, addr, len, prot);
    }
    linux_procfs_mapped(p, addr, len, anon ? -1 : fd, anon ? 0 : off); /* the name column of maps */
    return (int64_t)addr;
}

static int64_t sys_munmap(struct linux_process *p, const uint64_t a[6])
{
    uint64_t len = page_up(a[1]);
    if ((a[0] & MMU_PAGE_MASK) || len == 0 || !mmu_unmap(p->mmu, a[0], len)) return -EINVAL;
    linux_procfs_mapped(p, a[0], len, -1, 0);
    return 0;
}

static int64_t sys_mprotect(struct linux_process *p, const uint64_t a[6])
{
    uint64_t len = page_up(a[1]);
    if (a[0] & MMU_PAGE_MASK) return -EINVAL;
    if (!mmu_protect(p->mmu, a[0], len, (int)(a[2] & 7))) return errno == EACCES ? -EACCES : -EINVAL;
    return 0;
}

/* msync: shared file pages are the host's, so the host's msync does it. */
static int64_t sys_msync(struct linux_process *p, const uint64_t a[6])
{
    enum { G_MS_ASYNC = 1, G_MS_INVALIDATE = 2, G_MS_SYNC = 4 };
    uint64_t len = page_up(a[1]), flags = a[2];
    if ((a[0] & MMU_PAGE_MASK) || (flags & ~7ull) || (flags & (G_MS_ASYNC | G_MS_SYNC)) == (G_MS_ASYNC | G_MS_SYNC))
        return -EINVAL;
    if (a[0] >= MMU_SPACE_SIZE || len > MMU_SPACE_SIZE - a[0]) return -ENOMEM;
    for (uint64_t at = a[0]; at < a[0] + len; at += MMU_PAGE_SIZE)
        if (!mmu_is_mapped(p->mmu, at)) return -ENOMEM;
    return len ? sys_result(msync(p->mmu->base + a[0], len, (int)flags)) : 0;
}

/* Moves [old, old+old_len) to new_addr (mapped fresh), keeping contents and protection. */
static int64_t move_mapping(struct linux_process *p, uint64_t old, uint64_t old_len, uint64_t new_addr,
                            uint64_t new_len)
{
    int prot = mmu_page_prot(p->mmu, old);
    if (!mmu_map(p->mmu, new_addr, new_len, MMU_READ | MMU_WRITE)) return -ENOMEM;
    uint64_t keep = old_len < new_len ? old_len : new_len;
    /* (the old pages may be unreadable on the host: mmu_read_bytes opens them for the copy) */
    mmu_read_bytes(p->mmu, old, mmu_host_ptr(p->mmu, new_addr, keep, 0), keep, 0);
    mmu_protect(p->mmu, new_addr, new_len, prot);
    mmu_unmap(p->mmu, old, old_len);
    linux_procfs_moved(p, old, old_len, new_addr, new_len);
    return (int64_t)new_addr;
}

static int64_t sys_mremap(struct linux_process *p, const uint64_t a[6])
{
    uint64_t old = a[0], old_len = page_up(a[1]), new_len = page_up(a[2]), flags = a[3], new_addr = a[4];
    if ((old & MMU_PAGE_MASK) || new_len == 0 || old >= MMU_SPACE_SIZE || old_len > MMU_SPACE_SIZE - old ||
        (flags & ~(uint64_t)(G_MREMAP_MAYMOVE | G_MREMAP_FIXED | G_MREMAP_DONTUNMAP)))
        return -EINVAL;
    /* MREMAP_DONTUNMAP moves the pages and leaves the old range mapped, empty
     * (it reads as zero); only a move of the same length (Linux 5.7+) */
    bool dontunmap = flags & G_MREMAP_DONTUNMAP;
    if (dontunmap && (!(flags & G_MREMAP_MAYMOVE) || old_len != new_len)) return -EINVAL;
    if (!mmu_host_ptr(p->mmu, old, old_len ? old_len : 1, 0)) return -EFAULT; /* must all be mapped */
    /* a shared mapping can shrink (below) but not grow or move: that would
     * need the host mapping moved, not copied (a documented limit) */
    if (mmu_range_shared(p->mmu, old, old_len ? old_len : 1) &&
        (new_len > old_len || (flags & (G_MREMAP_FIXED | G_MREMAP_DONTUNMAP))))
        return -ENOMEM;
    if (dontunmap) {
        uint64_t to = flags & G_MREMAP_FIXED ? new_addr : place(p, 0, new_len);
        if (to == UINT64_MAX) return -ENOMEM;
        if ((flags & G_MREMAP_FIXED) && ((to & MMU_PAGE_MASK) || to >= MMU_SPACE_SIZE ||
                                         new_len > MMU_SPACE_SIZE - to || (to < old + old_len && old < to + new_len)))
            return -EINVAL;
        int prot = mmu_page_prot(p->mmu, old);
        int64_t r = move_mapping(p, old, old_len, to, new_len);
        if (r < 0) return r;
        if (!mmu_map(p->mmu, old, old_len, prot)) return -ENOMEM;
        linux_procfs_mapped(p, old, old_len, -1, 0);
        return r;
    }
    if (flags & G_MREMAP_FIXED) {
        if (!(flags & G_MREMAP_MAYMOVE) || (new_addr & MMU_PAGE_MASK) || new_addr >= MMU_SPACE_SIZE ||
            new_len > MMU_SPACE_SIZE - new_addr || (new_addr < old + old_len && old < new_addr + new_len))
            return -EINVAL;
        return move_mapping(p, old, old_len, new_addr, new_len);
    }
    if (new_len <= old_len) {
        if (new_len < old_len) mmu_unmap(p->mmu, old + new_len, old_len - new_len);
        if (new_len < old_len) linux_procfs_mapped(p, old + new_len, old_len - new_len, -1, 0);
        return (int64_t)old;
    }
    if (old + new_len <= MMU_SPACE_SIZE && range_free(p->mmu, old + old_len, new_len - old_len)) {
        if (!mmu_map(p->mmu, old + old_len, new_len - old_len, mmu_page_prot(p->mmu, old))) return -ENOMEM;
        return (int64_t)old;
    }
    if (!(flags & G_MREMAP_MAYMOVE)) return -ENOMEM;
    uint64_t to = place(p, 0, new_len);
    return to == UINT64_MAX ? -ENOMEM : move_mapping(p, old, old_len, to, new_len);
}

static int64_t sys_madvise(struct linux_process *p, const uint64_t a[6])
{
    enum { G_MADV_DONTNEED = 4 };
    uint64_t len = page_up(a[1]);
    if ((a[0] & MMU_PAGE_MASK) || a[0] >= MMU_SPACE_SIZE || len > MMU_SPACE_SIZE - a[0]) return -EINVAL;
    /* DONTNEED on private memory means "read back as zero" (anonymous) or "read
     * back from the file" (a private file mapping): what the host does with our
     * host mappings of them.  Other advice changes nothing visible. */
    if (a[2] == G_MADV_DONTNEED && len) madvise(p->mmu->base + a[0], len, MADV_DONTNEED);
    return 0;
}

/* riscv_flush_icache(start, end, flags): what __builtin___clear_cache and
 * JIT compilers call after writing code.  Same effect as fence.i: the
 * translator re-checks its translations before running more code. */
static int64_t sys_riscv_flush_icache(struct linux_process *p, const uint64_t a[6])
{
    if (a[2] & ~1ull) return -EINVAL; /* only SYS_RISCV_FLUSH_ICACHE_LOCAL is defined */
    p->cpu.code_changed = 1;
    return 0;
}

static int64_t sys_nothing(struct linux_process *p, const uint64_t a[6])
{
    (void)p, (void)a;
    return 0; /* mlock, munlock: nothing to do (no paging of guest memory is visible) */
}

static const struct syscall_def defs[] = {
    {214, "brk", "p", 'x', sys_brk},
    {215, "munmap", "pu", 'd', sys_munmap},
    {216, "mremap", "puuxp", 'x', sys_mremap},
    {222, "mmap", "puPMfx", 'x', sys_mmap},
    {226, "mprotect", "puP", 'd', sys_mprotect},
    {227, "msync", "pux", 'd', sys_msync},
    {228, "mlock", "pu", 'd', sys_nothing},
    {229, "munlock", "pu", 'd', sys_nothing},
    {233, "madvise", "pud", 'd', sys_madvise},
    {259, "riscv_flush_icache", "ppx", 'd', sys_riscv_flush_icache},
};
SYSCALL_TABLE(syscalls_mem, defs);
