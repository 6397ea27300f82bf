/*
 * frontends/linux/syscalls_fileops.c — file calls beyond open/read/write/stat:
 * mknodat, fallocate, fadvise64, sync, syncfs, copy_file_range, splice, tee
 * and the extended-attribute family (get/set/list/remove xattr, by path, by
 * path without following a link, by descriptor).
 *
 * CPython's own test suite (make pytest-guest) calls all of them (os.mkfifo,
 * os.posix_fallocate, os.copy_file_range, os.splice, os.setxattr...); they
 * were ENOSYS here while qemu-riscv64 passes them on.  Each is the host call
 * on the same arguments: the argument layouts, flag values and `unsigned int
 * dev` of mknodat are the same on riscv64 and x86-64.  Guest buffers are
 * checked with guest_ptr, paths go through the sysroot (guest_path), and
 * descriptors of rvdbt's own are refused by the table's 'f' letters
 * (syscalls.c).  Raw syscall() is used so glibc neither emulates a call the
 * host lacks nor changes an argument on the way.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "frontends/linux/syscalls.h"
#include "mmu/mmu.h"

static int fd_arg(uint64_t v) { return (int)v; }

/* FIFOs, sockets and regular files; a device node is EPERM even when rvdbt
 * runs as root (what Linux answers without CAP_MKNOD): it would open a door
 * to the host's devices that the guest's own files do not. */
static int64_t sys_mknodat(struct linux_process *p, const uint64_t a[6])
{
    unsigned type = (unsigned)a[2] & S_IFMT;
    if (type == S_IFCHR || type == S_IFBLK) return -EPERM;
    struct guest_path gp;
    int64_t r = guest_path(p, a[1], &gp);
    return r ? r : sys_result(syscall(SYS_mknodat, fd_arg(a[0]), gp.host, (unsigned)a[2], (unsigned)a[3]));
}

static int64_t sys_fallocate(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(syscall(SYS_fallocate, fd_arg(a[0]), (int)a[1], (int64_t)a[2], (int64_t)a[3]));
}

static int64_t sys_fadvise64(struct linux_process *p, const uint64_t a[6])
{
    (void)p; /* (riscv64 and x86-64 number the POSIX_FADV_* advice alike) */
    return sys_result(syscall(SYS_fadvise64, fd_arg(a[0]), (int64_t)a[1], (int64_t)a[2], (int)a[3]));
}

static int64_t sys_sync(struct linux_process *p, const uint64_t a[6])
{
    (void)p, (void)a;
    sync();
    return 0;
}

static int64_t sys_syncfs(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(syscall(SYS_syncfs, fd_arg(a[0])));
}

/* An optional in/out loff_t of the guest's: NULL when the guest passed none. */
static int64_t offset_ptr(struct linux_process *p, uint64_t addr, int64_t **out)
{
    *out = NULL;
    if (!addr) return 0;
    *out = guest_ptr(p, addr, sizeof **out, MMU_READ | MMU_WRITE);
    return *out ? 0 : -EFAULT;
}

static int64_t sys_copy_file_range(struct linux_process *p, const uint64_t a[6])
{
    int64_t *in, *out;
    int64_t r = offset_ptr(p, a[1], &in);
    if (!r) r = offset_ptr(p, a[3], &out);
    return r ? r : sys_result(syscall(SYS_copy_file_range, fd_arg(a[0]), in, fd_arg(a[2]), out, (size_t)a[4], (unsigned)a[5]));
}

static int64_t sys_splice(struct linux_process *p, const uint64_t a[6])
{
    int64_t *in, *out;
    int64_t r = offset_ptr(p, a[1], &in);
    if (!r) r = offset_ptr(p, a[3], &out);
    return r ? r : sys_result(syscall(SYS_splice, fd_arg(a[0]), in, fd_arg(a[2]), out, (size_t)a[4], (unsigned)a[5]));
}

static int64_t sys_tee(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(syscall(SYS_tee, fd_arg(a[0]), fd_arg(a[1]), (size_t)a[2], (unsigned)a[3]));
}

/* ---- extended attributes ------------------------------------------------------- */

/* Which object an xattr call names: a path (followed or not) or a descriptor. */
enum xattr_on { XA_PATH, XA_LINK, XA_FD };

/* The guest's attribute name (XATTR_NAME_MAX is 255: a longer one is ERANGE, as on Linux). */
static int64_t xattr_name(struct linux_process *p, uint64_t addr, char name[256])
{
    int64_t r = guest_string(p, addr, name, 256);
    return r == -ENAMETOOLONG ? -ERANGE : r;
}

/* Every *xattr call but list starts with the object (a path or, for f*, a
 * descriptor: then gp is not filled in) and an attribute name. */
static int64_t xattr_object_and_name(struct linux_process *p, const uint64_t a[6], enum xattr_on on,
                                     struct guest_path *gp, char name[256])
{
    int64_t r = on == XA_FD ? 0 : guest_path(p, a[0], gp);
    return r ? r : xattr_name(p, a[1], name);
}

/* getxattr, lgetxattr, fgetxattr (a[0] is the object; then name, value, size). */
static int64_t xattr_get(struct linux_process *p, const uint64_t a[6], enum xattr_on on)
{
    struct guest_path gp;
    char name[256];
    int64_t r = xattr_object_and_name(p, a, on, &gp, name);
    if (r) return r;
    void *value = guest_ptr(p, a[2], a[3], MMU_WRITE);
    if (!value) return -EFAULT;
    return sys_result(on == XA_FD ? fgetxattr(fd_arg(a[0]), name, value, a[3])
                      : on == XA_LINK ? lgetxattr(gp.host, name, value, a[3])
                      : getxattr(gp.host, name, value, a[3]));
}

/* setxattr, lsetxattr, fsetxattr (object, name, value, size, flags). */
static int64_t xattr_set(struct linux_process *p, const uint64_t a[6], enum xattr_on on)
{
    struct guest_path gp;
    char name[256];
    int64_t r = xattr_object_and_name(p, a, on, &gp, name);
    if (r) return r;
    const void *value = guest_ptr(p, a[2], a[3], MMU_READ);
    if (!value) return -EFAULT;
    int flags = (int)a[4];
    return sys_result(on == XA_FD ? fsetxattr(fd_arg(a[0]), name, value, a[3], flags)
                      : on == XA_LINK ? lsetxattr(gp.host, name, value, a[3], flags)
                      : setxattr(gp.host, name, value, a[3], flags));
}

/* listxattr, llistxattr, flistxattr (object, list, size). */
static int64_t xattr_list(struct linux_process *p, const uint64_t a[6], enum xattr_on on)
{
    struct guest_path gp;
    int64_t r = on == XA_FD ? 0 : guest_path(p, a[0], &gp);
    if (r) return r;
    char *list = guest_ptr(p, a[1], a[2], MMU_WRITE);
    if (!list) return -EFAULT;
    return sys_result(on == XA_FD ? flistxattr(fd_arg(a[0]), list, a[2])
                      : on == XA_LINK ? llistxattr(gp.host, list, a[2])
                      : listxattr(gp.host, list, a[2]));
}

/* removexattr, lremovexattr, fremovexattr (object, name). */
static int64_t xattr_remove(struct linux_process *p, const uint64_t a[6], enum xattr_on on)
{
    struct guest_path gp;
    char name[256];
    int64_t r = xattr_object_and_name(p, a, on, &gp, name);
    if (r) return r;
    return sys_result(on == XA_FD ? fremovexattr(fd_arg(a[0]), name)
                      : on == XA_LINK ? lremovexattr(gp.host, name)
                      : removexattr(gp.host, name));
}

static int64_t sys_setxattr(struct linux_process *p, const uint64_t a[6]) { return xattr_set(p, a, XA_PATH); }
static int64_t sys_lsetxattr(struct linux_process *p, const uint64_t a[6]) { return xattr_set(p, a, XA_LINK); }
static int64_t sys_fsetxattr(struct linux_process *p, const uint64_t a[6]) { return xattr_set(p, a, XA_FD); }
static int64_t sys_getxattr(struct linux_process *p, const uint64_t a[6]) { return xattr_get(p, a, XA_PATH); }
static int64_t sys_lgetxattr(struct linux_process *p, const uint64_t a[6]) { return xattr_get(p, a, XA_LINK); }
static int64_t sys_fgetxattr(struct linux_process *p, const uint64_t a[6]) { return xattr_get(p, a, XA_FD); }
static int64_t sys_listxattr(struct linux_process *p, const uint64_t a[6]) { return xattr_list(p, a, XA_PATH); }
static int64_t sys_llistxattr(struct linux_process *p, const uint64_t a[6]) { return xattr_list(p, a, XA_LINK); }
static int64_t sys_flistxattr(struct linux_process *p, const uint64_t a[6]) { return xattr_list(p, a, XA_FD); }
static int64_t sys_removexattr(struct linux_process *p, const uint64_t a[6]) { return xattr_remove(p, a, XA_PATH); }
static int64_t sys_lremovexattr(struct linux_process *p, const uint64_t a[6]) { return xattr_remove(p, a, XA_LINK); }
static int64_t sys_fremovexattr(struct linux_process *p, const uint64_t a[6]) { return xattr_remove(p, a, XA_FD); }

static const struct syscall_def defs[] = {
    {5, "setxattr", "sspux", 'd', sys_setxattr},
    {6, "lsetxattr", "sspux", 'd', sys_lsetxattr},
    {7, "fsetxattr", "fspux", 'd', sys_fsetxattr},
    {8, "getxattr", "sspu", 'd', sys_getxattr},
    {9, "lgetxattr", "sspu", 'd', sys_lgetxattr},
    {10, "fgetxattr", "fspu", 'd', sys_fgetxattr},
    {11, "listxattr", "spu", 'd', sys_listxattr},
    {12, "llistxattr", "spu", 'd', sys_llistxattr},
    {13, "flistxattr", "fpu", 'd', sys_flistxattr},
    {14, "removexattr", "ss", 'd', sys_removexattr},
    {15, "lremovexattr", "ss", 'd', sys_lremovexattr},
    {16, "fremovexattr", "fs", 'd', sys_fremovexattr},
    {33, "mknodat", "fsmx", 'd', sys_mknodat},
    {47, "fallocate", "fddd", 'd', sys_fallocate},
    {77, "tee", "ffux", 'd', sys_tee},
    {76, "splice", "fpfpux", 'd', sys_splice},
    {81, "sync", "", 'd', sys_sync},
    {223, "fadvise64", "fddd", 'd', sys_fadvise64},
    {267, "syncfs", "f", 'd', sys_syncfs},
    {285, "copy_file_range", "fpfpux", 'd', sys_copy_file_range},
};
SYSCALL_TABLE(syscalls_fileops, defs);
