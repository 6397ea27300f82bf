/*
 * frontends/linux/linux_procfs.h — the guest's /proc/self (linux_procfs.c says why
 * and how): what the process must remember for it, and the checks the
 * path-taking system calls make.
 */
#ifndef RVDBT_FRONTENDS_LINUX_PROCFS_H
#define RVDBT_FRONTENDS_LINUX_PROCFS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A range of guest pages mapped from a file (for the name column of maps). */
struct linux_procfs_vma {
    uint64_t start, end, offset, dev, ino;
    char *path;
};

/* What /proc/self/{maps,auxv,cmdline,stat} show, noted when the program starts
 * (and, for the files the guest maps, as it maps them). */
struct linux_procfs_info {
    struct linux_procfs_vma *vmas; /* sorted by address, not overlapping */
    size_t n_vmas, cap_vmas;
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
/* mmap made [start, start+len) from host descriptor fd at `offset` (fd < 0:
 * anonymous memory); munmap is mapped() with fd -1.  mremap moved a range. */
void linux_procfs_mapped(struct linux_process *p, uint64_t start, uint64_t len, int fd, uint64_t offset);
void linux_procfs_moved(struct linux_process *p, uint64_t old, uint64_t old_len, uint64_t to, uint64_t new_len);
/* Frees what the process noted (at exit). */
void linux_procfs_free(struct linux_process *p);
/* At start: the guest's auxv (words, AT_NULL included) and argv. */
void linux_procfs_note_start(struct linux_process *p, const uint64_t *auxv, size_t auxv_words, int argc,
                             char **argv);

#endif
