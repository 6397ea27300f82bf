/*
 * frontends/linux/linux_path.c — which host file a guest path means.
 *
 * QEMU's -L rule: a dynamically linked riscv64 program asks for
 * /lib/ld-linux-riscv64-lp64d.so.1 and /lib/riscv64-linux-gnu/libc.so.6,
 * which exist only in the sysroot, while it also opens /tmp/x or /etc/passwd
 * of the machine it runs on.  So an absolute path is looked up in the sysroot
 * first and used from there if it exists; otherwise (including files about to
 * be created) it is the host's.  "/" itself stays the host's root.
 * "/proc/self/exe" (however it is spelt: linux_procfs.c) is the guest
 * program, not rvdbt (busybox re-executes itself through it).  Relative paths are relative to the host cwd, which is
 * the guest's cwd.
 */
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "frontends/linux/linux_user.h"

const char *linux_host_path(const struct linux_process *p, const char *guest, char *buf, size_t len)
{
    if (!strncmp(guest, "/proc/", 6) || !strncmp(guest, "//", 2)) { /* (the cheap test first: most paths are not) */
        const char *rest;
        if (linux_procfs_classify(AT_FDCWD, guest, &rest, buf, len) == PROCFS_EXE) return p->exe_path;
    }
    const char *root = p->opt->sysroot;
    if (!root || guest[0] != '/' || guest[1] == 0) return guest;
    struct stat st;
    int n = snprintf(buf, len, "%s%s", root, guest);
    if (n < 0 || (size_t)n >= len || lstat(buf, &st) != 0) return guest;
    return buf;
}
