/*
 * frontends/linux_procfs.h — the guest's /proc/self (linux_procfs.c says why
 * and how): what the process must remember for it, and the checks the
 * path-taking system calls make.
 */
#ifndef RVDBT_FRONTENDS_LINUX_PROCFS_H
#define RVDBT_FRONTENDS_LINUX_PROCFS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What /proc/self/{maps,auxv,cmdline,stat} show, noted when the program starts. */
struct linux_procfs_info {
    uint64_t image_start, image_end;   /* the program's segments */
    uint64_t interp_start, interp_end; /* the dynamic loader's (0, 0: none) */
    char interp_path[PATH_MAX];
    uint64_t stack_start;              /* the initial sp */
    uint64_t auxv[64];
    size_t auxv_len;                   /* bytes */
    char *cmdline;                     /* argv, each string with its NUL */
    size_t cmdline_len;
};

struct linux_process;

enum procfs_verdict {
    PROCFS_HOST,    /* not ours to change: use the host's file */
    PROCFS_EXE,     /* /proc/self/exe: the guest program */
    PROCFS_VIRTUAL, /* maps, auxv, cmdline, stat: made up from the guest (linux_procfs_open) */
    PROCFS_REFUSED, /* rvdbt's memory or descriptors: EACCES */
};

/* The absolute path `host` (relative: to dirfd, or the cwd for AT_FDCWD)
 * resolves to, symbolic links followed; false if it cannot be worked out. */
bool linux_procfs_resolve(int dirfd, const char *host, char *out, size_t len);
/* What a path means; *rest gets the part after /proc/PID/ (into buf). */
enum procfs_verdict linux_procfs_classify(int dirfd, const char *host, const char **rest, char *buf, size_t len);
/* Opens one of the made-up files; a descriptor or -errno. */
int64_t linux_procfs_open(const struct linux_process *p, const char *rest, int flags);
/* After a host open succeeded: fd, or -EACCES (fd closed) if what was
 * opened is a process's memory after all (a link swapped under us, our
 * /proc reached through a symbolic link or a directory descriptor), or a
 * new descriptor with the made-up text if it is our maps, auxv, cmdline or
 * stat (`flags`: the guest's open flags). */
int64_t linux_procfs_check_opened(const struct linux_process *p, int fd, int flags);
/* Cheap test: could `path` (relative to dirfd) name something under /proc?
 * (Absolute paths cost nothing; relative ones one call for the base.) */
bool linux_procfs_may_apply(int dirfd, const char *path);
/* At start: the guest's auxv (words, AT_NULL included) and argv. */
void linux_procfs_note_start(struct linux_process *p, const uint64_t *auxv, size_t auxv_words, int argc,
                             char **argv);

#endif
