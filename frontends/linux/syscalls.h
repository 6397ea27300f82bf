/*
 * frontends/linux/syscalls.h — what the system-call files share (private to frontends/).
 *
 * Each syscalls_*.c file owns one area (files, memory, processes, signals)
 * and exports a table of its calls: number, name, how --strace prints the
 * arguments (strace.c), and the handler.  A handler gets the six argument
 * registers and returns the value for a0: a result, or -errno as the kernel
 * does.  A guest pointer is never dereferenced directly: guest_ptr() turns it
 * into a host pointer only if the guest mapped all of it with the needed
 * permission (else the handler returns -EFAULT, as Linux would).
 *
 * Layouts: on an x86-64 host most kernel structures have riscv64's layout
 * (both 64-bit, generic numbering of errno, signals, open flags, ioctls);
 * the exceptions are converted where they are used and say so.
 */
#ifndef RVDBT_FRONTENDS_SYSCALLS_H
#define RVDBT_FRONTENDS_SYSCALLS_H

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "frontends/linux/linux_user.h"

typedef int64_t (*syscall_fn)(struct linux_process *p, const uint64_t a[6]);

struct syscall_def {
    int nr;
    const char *name;
    /* One letter per argument, for --strace (strace.c says what each means). */
    const char *args;
    /* How the result prints: 'd' number (or -1 ERRNO), 'x' address, 'o' octal,
     * '?' the call does not return (exit, a successful execve). */
    char ret;
    syscall_fn fn;
};

struct syscall_table {
    const struct syscall_def *defs;
    size_t count;
};
#define SYSCALL_TABLE(name, array) const struct syscall_table name = {array, sizeof array / sizeof array[0]}

extern const struct syscall_table syscalls_fs, syscalls_mem, syscalls_proc, syscalls_signal, syscalls_hwprobe;
extern const struct syscall_table syscalls_timers; /* syscalls_timers.c */
extern const struct syscall_table syscalls_net;    /* syscalls_net.c */
extern const struct syscall_table syscalls_events; /* syscalls_events.c */
extern const struct syscall_table syscalls_fileops; /* syscalls_fileops.c */
/* The socket ioctls (syscalls_net.c), for ioctl requests syscalls_fs.c does not know: -ENOTTY if none. */
int64_t linux_socket_ioctl(struct linux_process *p, int fd, unsigned long req, uint64_t arg);

/* -errno after a failed host call, else the result. */
static inline int64_t sys_result(long r) { return r < 0 ? -(int64_t)errno : r; }

/* A host pointer to len guest bytes mapped with `need` (MMU_READ/MMU_WRITE),
 * or NULL.  len 0 gives a valid (empty) pointer. */
void *guest_ptr(struct linux_process *p, uint64_t addr, size_t len, int need);
/* Copies a NUL-terminated guest string; 0, -EFAULT or -ENAMETOOLONG. */
int64_t guest_string(struct linux_process *p, uint64_t addr, char *buf, size_t len);

/* A guest path and the host path it resolves to (linux_host_path). */
struct guest_path {
    char guest[PATH_MAX];
    char buf[PATH_MAX];
    const char *host;
};
int64_t guest_path(struct linux_process *p, uint64_t addr, struct guest_path *gp);

/* The name of riscv64 system call nr (syscall_names.c), or NULL. */
const char *linux_syscall_name(uint64_t nr);

/* strace.c: prints one call the way strace does.  strace_enter prints calls
 * that may not return ('?') before they run. */
void strace_enter(struct linux_process *p, const struct syscall_def *def, const uint64_t a[6]);
void strace_exit(struct linux_process *p, const struct syscall_def *def, uint64_t nr, const uint64_t a[6],
                 int64_t ret);

#endif
