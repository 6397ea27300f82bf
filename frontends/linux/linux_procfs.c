/*
 * frontends/linux/linux_procfs.c — the guest's view of /proc/self: its own, never rvdbt's.
 *
 * In user mode the guest's process is rvdbt's process, so the host's
 * /proc/self describes rvdbt: /proc/self/maps lists rvdbt's binary, its
 * libraries and the code cache; /proc/self/mem reads and writes all of
 * rvdbt's memory, so a guest could overwrite rvdbt's code with its own and
 * escape.  Here every path the guest names is resolved the way the kernel
 * would resolve it (the cwd or the directory descriptor for a relative
 * path, ".." and symbolic links, /proc/self and /proc/thread-self, the pid
 * written as a number) and what it lands on decides:
 *
 *   maps, auxv, cmdline, stat   the guest's own, made up here (open only)
 *   exe                         the guest program (linux_path.c)
 *   mem, map_files/, pagemap, syscall, stack, smaps, numa_maps, fd/N and
 *   fdinfo/N of one of rvdbt's descriptors   refused: EACCES
 *   anything else               the host's (status, limits, fd/, ...)
 *
 * Another process's mem, map_files/, pagemap... are refused as well: the
 * guest's other processes (a forked child, its parent) are other rvdbts,
 * and their memory is theirs, not a guest's.
 *
 * And because a path can change between this check and the host's open (a
 * symbolic link swapped by another process), every descriptor a guest open
 * returns is checked again once it is open, through /proc/self/fd: one that
 * turns out to be rvdbt's memory is closed and refused, and one that is our
 * maps (or auxv, cmdline, stat), reached by any spelling, is replaced by the
 * guest's.  That second check is the one that cannot be raced.
 */
#include "frontends/linux/linux_procfs.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "frontends/common/host_fds.h"
#include "frontends/linux/linux_user.h"

/* Files under /proc/<pid>/ (or /proc/<pid>/task/<tid>/) that reach a
 * process's memory, registers or mappings.  Refused for every pid: another
 * process of the guest's (a forked child, its parent) is another rvdbt, and
 * its /proc/<pid>/mem is that rvdbt's memory.  smaps and numa_maps are
 * maps with more detail (rvdbt's layout, host addresses). */
static bool reaches_memory(const char *rest)
{
    static const char *const refused[] = {"mem", "pagemap", "syscall", "stack", "clear_refs", "timerslack_ns",
                                          "smaps", "smaps_rollup", "numa_maps", NULL};
    for (int i = 0; refused[i]; i++)
        if (!strcmp(rest, refused[i])) return true;
    return !strcmp(rest, "map_files") || !strncmp(rest, "map_files/", 10);
}

/* The same for this process's own directory, where fd/N and fdinfo/N of
 * one of rvdbt's descriptors are refused too. */
static bool dangerous(const char *rest)
{
    if (reaches_memory(rest)) return true;
    /* fd/N, fdinfo/N: only rvdbt's own descriptors are hidden */
    const char *n = !strncmp(rest, "fd/", 3) ? rest + 3 : !strncmp(rest, "fdinfo/", 7) ? rest + 7 : NULL;
    if (n && *n >= '0' && *n <= '9') {
        char *end;
        long fd = strtol(n, &end, 10);
        if (!*end && fd <= INT_MAX && host_fd_is_rvdbt((int)fd)) return true;
    }
    return false;
}

/* For /proc/<id>/rest with any id: rest (as own_proc_rest gives it), else NULL. */
static const char *any_proc_rest(const char *path)
{
    if (strncmp(path, "/proc/", 6) != 0) return NULL;
    const char *s = path + 6;
    char *end;
    strtol(s, &end, 10);
    if (end == s || (*end && *end != '/')) return NULL;
    s = *end ? end + 1 : end;
    if (!strncmp(s, "task/", 5)) {
        const char *t = s + 5;
        strtol(t, &end, 10);
        if (end != t && !*end) return "";
        if (end != t && *end == '/') return end + 1;
    }
    return s;
}

/* If `path` (absolute, resolved) is inside this process's /proc directory,
 * returns what follows it ("maps", "task/12/mem" reduced to "mem", "" for
 * the directory itself); else NULL. */
static const char *own_proc_rest(const char *path)
{
    if (strncmp(path, "/proc/", 6) != 0) return NULL;
    const char *s = path + 6;
    char *end;
    long id = strtol(s, &end, 10);
    if (end == s) return NULL;
    /* our pid, or one of our threads' ids (/proc/TID works too) */
    char task[64];
    snprintf(task, sizeof task, "/proc/%d/task/%ld", (int)getpid(), id);
    if (id != getpid() && access(task, F_OK) != 0) return NULL;
    s = end;
    if (!*s) return "";
    if (*s != '/') return NULL;
    s++;
    if (!strncmp(s, "task/", 5)) { /* task/TID/rest */
        const char *t = s + 5;
        strtol(t, &end, 10);
        if (end == t) return s;
        if (!*end) return "";
        if (*end == '/') return end + 1;
    }
    return s;
}

/* Removes "." and ".." and repeated slashes from an absolute path, in place. */
static void normalise(char *path)
{
    char out[PATH_MAX];
    size_t n = 0;
    const char *s = path;
    while (*s) {
        while (*s == '/') s++;
        if (!*s) break;
        const char *e = strchr(s, '/');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == 1 && s[0] == '.') {
        } else if (len == 2 && s[0] == '.' && s[1] == '.') {
            while (n > 0 && out[n - 1] != '/') n--;
            if (n > 0) n--;
        } else if (n + 1 + len < sizeof out) {
            out[n++] = '/';
            memcpy(out + n, s, len);
            n += len;
        }
        s += len;
    }
    if (n == 0) out[n++] = '/';
    out[n] = 0;
    memcpy(path, out, n + 1);
}

/* The host path of the directory a relative path starts from: the current
 * directory, or the one dirfd (a host descriptor) names. */
static bool directory_of(int dirfd, char *base, size_t size)
{
    if (dirfd == AT_FDCWD) return getcwd(base, size) != NULL;
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd);
    ssize_t n = readlink(link, base, size - 1);
    if (n <= 0) return false;
    base[n] = 0;
    return true;
}

bool linux_procfs_resolve(int dirfd, const char *host, char *out, size_t len)
{
    char full[PATH_MAX];
    if (host[0] == '/') {
        snprintf(full, sizeof full, "%s", host);
    } else {
        char base[PATH_MAX];
        if (!directory_of(dirfd, base, sizeof base)) return false;
        if ((size_t)snprintf(full, sizeof full, "%s/%s", base, host) >= sizeof full) return false;
    }
    /* ".." and repeated slashes as the kernel reads them, then symbolic links
     * in the directories (/proc/self itself is one) followed -- but not in
     * the last component: /proc/self/exe names the exe entry, not the file
     * it points to (a link elsewhere to /proc/self/mem is caught after the
     * open, by linux_procfs_check_opened) */
    normalise(full);
    char *slash = strrchr(full, '/');
    char dir[PATH_MAX], real_dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", slash == full ? 1 : (int)(slash - full), full);
    const char *last = slash + 1;
    if (realpath(dir, real_dir))
        snprintf(out, len, "%s%s%s", real_dir, strcmp(real_dir, "/") && *last ? "/" : "", last);
    else if (!strncmp(full, "/proc/self/", 11) || !strcmp(full, "/proc/self"))
        snprintf(out, len, "/proc/%d%s", (int)getpid(), full + 10);
    else if (!strncmp(full, "/proc/thread-self/", 18) || !strcmp(full, "/proc/thread-self"))
        snprintf(out, len, "/proc/%d/task/%d%s", (int)getpid(), (int)gettid(), full + 17);
    else
        snprintf(out, len, "%s", full);
    /* /proc/self itself as the last component */
    if (!strcmp(out, "/proc/self")) snprintf(out, len, "/proc/%d", (int)getpid());
    return true;
}

enum procfs_verdict linux_procfs_classify(int dirfd, const char *host, const char **rest_out, char *buf,
                                          size_t len)
{
    if (!linux_procfs_resolve(dirfd, host, buf, len)) return PROCFS_HOST;
    const char *rest = own_proc_rest(buf);
    if (!rest) { /* another process's directory, or not under /proc at all */
        const char *other = any_proc_rest(buf);
        return other && reaches_memory(other) ? PROCFS_REFUSED : PROCFS_HOST;
    }
    *rest_out = rest;
    if (dangerous(rest)) return PROCFS_REFUSED;
    if (!strcmp(rest, "exe")) return PROCFS_EXE;
    if (!strcmp(rest, "maps") || !strcmp(rest, "auxv") || !strcmp(rest, "cmdline") || !strcmp(rest, "stat"))
        return PROCFS_VIRTUAL;
    return PROCFS_HOST;
}

/* ---- the guest's own files ----------------------------------------------------------- */

struct text {
    char *data;
    size_t len, cap;
};

static void add(struct text *t, const void *bytes, size_t n)
{
    if (t->len + n > t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 4096;
        while (cap < t->len + n) cap *= 2;
        char *d = realloc(t->data, cap);
        if (!d) return;
        t->data = d, t->cap = cap;
    }
    memcpy(t->data + t->len, bytes, n);
    t->len += n;
}

/* ---- names of the files the guest mapped ------------------------------------------------- */

/* The MMU knows only page permissions; which file a range of pages came
 * from is noted here by mmap, munmap and mremap, for the maps file. */

static bool vma_insert(struct linux_procfs_info *in, size_t at, struct linux_procfs_vma v)
{
    if (in->n_vmas == in->cap_vmas) {
        size_t cap = in->cap_vmas ? in->cap_vmas * 2 : 32;
        struct linux_procfs_vma *n = realloc(in->vmas, cap * sizeof *n);
        if (!n) return false;
        in->vmas = n, in->cap_vmas = cap;
    }
    memmove(&in->vmas[at + 1], &in->vmas[at], (in->n_vmas - at) * sizeof *in->vmas);
    in->vmas[at] = v;
    in->n_vmas++;
    return true;
}

/* Forgets [start, end): entries inside go, entries across an edge are cut
 * (the part after the cut keeps its own file offset). */
static void vma_forget(struct linux_procfs_info *in, uint64_t start, uint64_t end)
{
    for (size_t i = 0; i < in->n_vmas;) {
        struct linux_procfs_vma *v = &in->vmas[i];
        if (v->end <= start || v->start >= end) {
            i++;
        } else if (v->start < start && v->end > end) { /* a hole in the middle: two pieces */
            struct linux_procfs_vma tail = *v;
            tail.offset += end - v->start;
            tail.start = end;
            tail.path = strdup(v->path);
            v->end = start;
            if (!tail.path || !vma_insert(in, i + 1, tail)) free(tail.path);
            return;
        } else if (v->start < start) {
            v->end = start;
            i++;
        } else if (v->end > end) {
            v->offset += end - v->start;
            v->start = end;
            i++;
        } else {
            free(v->path);
            memmove(v, v + 1, (in->n_vmas - i - 1) * sizeof *v);
            in->n_vmas--;
        }
    }
}

void linux_procfs_mapped(struct linux_process *p, uint64_t start, uint64_t len, int fd, uint64_t offset)
{
    struct linux_procfs_info *in = &p->proc;
    vma_forget(in, start, start + len);
    char link[64], path[PATH_MAX];
    struct stat st;
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = fd < 0 ? -1 : readlink(link, path, sizeof path - 1);
    if (n <= 0 || fstat(fd, &st)) return; /* anonymous (or nameless): no name */
    path[n] = 0;
    size_t at = 0;
    while (at < in->n_vmas && in->vmas[at].start < start) at++;
    struct linux_procfs_vma v = {start, start + len, offset, st.st_dev, st.st_ino, strdup(path)};
    if (!v.path || !vma_insert(in, at, v)) free(v.path); /* (out of memory: the range stays unnamed) */
}

void linux_procfs_moved(struct linux_process *p, uint64_t old, uint64_t old_len, uint64_t to, uint64_t new_len)
{
    struct linux_procfs_info *in = &p->proc;
    struct linux_procfs_vma moved = {0};
    for (size_t i = 0; i < in->n_vmas; i++)
        if (in->vmas[i].start <= old && old < in->vmas[i].end) {
            moved = in->vmas[i];
            moved.path = strdup(in->vmas[i].path);
            moved.offset += old - in->vmas[i].start;
        }
    vma_forget(in, old, old + old_len);
    vma_forget(in, to, to + new_len);
    if (!moved.path) return;
    moved.start = to, moved.end = to + new_len;
    size_t at = 0;
    while (at < in->n_vmas && in->vmas[at].start < to) at++;
    if (!vma_insert(in, at, moved)) free(moved.path);
}

void linux_procfs_free(struct linux_process *p)
{
    for (size_t i = 0; i < p->proc.n_vmas; i++) free(p->proc.vmas[i].path);
    free(p->proc.vmas);
    free(p->proc.cmdline);
    p->proc.vmas = NULL, p->proc.n_vmas = p->proc.cap_vmas = 0, p->proc.cmdline = NULL;
}

/* What a run of guest pages is, for the name column of maps: a file the
 * guest mapped (*vma set), or a region the loader made. */
static const char *region_name(const struct linux_process *p, uint64_t addr, const struct linux_procfs_vma **vma)
{
    *vma = NULL;
    for (size_t i = 0; i < p->proc.n_vmas; i++)
        if (p->proc.vmas[i].start <= addr && addr < p->proc.vmas[i].end) {
            *vma = &p->proc.vmas[i];
            return p->proc.vmas[i].path;
        }
    if (addr >= p->proc.image_start && addr < p->proc.image_end) return p->exe_path;
    if (addr >= p->proc.interp_start && addr < p->proc.interp_end) return p->proc.interp_path;
    if (addr >= LINUX_STACK_TOP - LINUX_STACK_SIZE && addr < LINUX_STACK_TOP) return "[stack]";
    if (addr >= p->group->brk_start && addr < p->group->brk) return "[heap]";
    return "";
}

/* /proc/self/maps in guest addresses: runs of pages with the same
 * permissions and the same region, as Linux prints them (mapped pages
 * without any permission too: "---p"). */
static void make_maps(const struct linux_process *p, struct text *t)
{
    uint64_t end, pos = 0;
    int prot;
    for (uint64_t run; (run = mmu_next_run(p->mmu, pos, &end, &prot)) != UINT64_MAX; pos = end) {
        /* a run of one permission, cut where the region (its name) changes */
        for (uint64_t start = run, next; start < end; start = next) {
            const struct linux_procfs_vma *vma, *v2;
            const char *name = region_name(p, start, &vma);
            next = start + MMU_PAGE_SIZE;
            while (next < end && region_name(p, next, &v2) == name) next += MMU_PAGE_SIZE;
            char line[PATH_MAX + 160];
            int n = snprintf(line, sizeof line, "%08llx-%08llx %c%c%cp %08llx %02x:%02x %llu",
                             (unsigned long long)start, (unsigned long long)next, prot & MMU_READ ? 'r' : '-',
                             prot & MMU_WRITE ? 'w' : '-', prot & MMU_EXEC ? 'x' : '-',
                             (unsigned long long)(vma ? vma->offset + (start - vma->start) : 0),
                             vma ? major(vma->dev) : 0, vma ? minor(vma->dev) : 0,
                             (unsigned long long)(vma ? vma->ino : 0));
            /* the name starts in column 74, as Linux pads it on 64-bit */
            if (n > 0 && *name) n += snprintf(line + n, sizeof line - (size_t)n, "%*s%s", n < 73 ? 73 - n : 1, "", name);
            if (n > 0 && (size_t)n < sizeof line - 1) line[n++] = '\n';
            if (n > 0) add(t, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
        }
    }
}

/* /proc/self/stat with the guest's name and addresses in place of rvdbt's. */
static void make_stat(const struct linux_process *p, struct text *t)
{
    char host[4096];
    FILE *f = fopen("/proc/self/stat", "r");
    size_t n = f ? fread(host, 1, sizeof host - 1, f) : 0;
    if (f) fclose(f);
    host[n] = 0;
    const char *after = strrchr(host, ')'); /* the name may hold spaces and ')' */
    char line[4200];
    const char *base = strrchr(p->exe_path, '/');
    base = base ? base + 1 : p->exe_path;
    int len = snprintf(line, sizeof line, "%d (%.15s", (int)getpid(), base);
    /* fields 3.. : keep the host's, but the code and stack addresses (26-28,
     * 29-30, 45-51) are rvdbt's: replace them with the guest's or 0 */
    int field = 2;
    const char *s = after ? after : ")";
    char out_fields[4096] = "";
    size_t o = 0;
    s++; /* past ')' */
    while (*s == ' ') s++;
    while (*s && *s != '\n' && o < sizeof out_fields - 64) {
        const char *e = strchr(s, ' ');
        size_t flen = e ? (size_t)(e - s) : strcspn(s, "\n");
        field++;
        char value[32];
        const char *v = NULL;
        if (field == 26) snprintf(value, sizeof value, "%llu", (unsigned long long)p->proc.image_start), v = value;
        else if (field == 27) snprintf(value, sizeof value, "%llu", (unsigned long long)p->proc.image_end), v = value;
        else if (field == 28) snprintf(value, sizeof value, "%llu", (unsigned long long)p->proc.stack_start), v = value;
        else if (field == 29 || field == 30 || (field >= 45 && field <= 51)) v = "0";
        o += (size_t)snprintf(out_fields + o, sizeof out_fields - o, " %.*s", v ? (int)strlen(v) : (int)flen,
                              v ? v : s);
        s += flen;
        while (*s == ' ') s++;
    }
    len += snprintf(line + len, sizeof line - (size_t)len, ")%s\n", out_fields);
    add(t, line, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1);
}

int64_t linux_procfs_open(const struct linux_process *p, const char *rest, int flags)
{
    if ((flags & O_ACCMODE) != O_RDONLY) return -EACCES;
    struct text t = {0};
    if (!strcmp(rest, "maps")) make_maps(p, &t);
    else if (!strcmp(rest, "auxv")) add(&t, p->proc.auxv, p->proc.auxv_len);
    else if (!strcmp(rest, "cmdline")) add(&t, p->proc.cmdline, p->proc.cmdline_len);
    else make_stat(p, &t);
    int fd = memfd_create("rvdbt-proc", flags & O_CLOEXEC ? MFD_CLOEXEC : 0);
    int64_t r = fd < 0 ? -errno : 0;
    if (fd >= 0 && t.len && write(fd, t.data, t.len) != (ssize_t)t.len) r = -EIO;
    if (fd >= 0 && !r && lseek(fd, 0, SEEK_SET) != 0) r = -EIO;
    free(t.data);
    if (r) {
        if (fd >= 0) close(fd);
        return r;
    }
    return fd;
}

int64_t linux_procfs_check_opened(const struct linux_process *p, int fd, int flags)
{
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0) return fd;
    target[n] = 0;
    const char *rest = own_proc_rest(target), *other = rest ? NULL : any_proc_rest(target);
    if ((rest && dangerous(rest)) || (other && reaches_memory(other))) {
        close(fd);
        return -EACCES;
    }
    /* our maps, auxv, cmdline or stat reached by a way the path check did not
     * see (a symbolic link, a directory descriptor): the guest's, not rvdbt's */
    if (rest && (!strcmp(rest, "maps") || !strcmp(rest, "auxv") || !strcmp(rest, "cmdline") || !strcmp(rest, "stat"))) {
        close(fd);
        return linux_procfs_open(p, rest, flags);
    }
    return fd;
}

bool linux_procfs_may_apply(int dirfd, const char *path)
{
    if (path[0] == '/')
        return !strncmp(path, "/proc/", 6) || !strncmp(path, "//", 2) || !strncmp(path, "/dev/fd", 7) ||
               strstr(path, "/..") || strstr(path, "/./");
    char base[PATH_MAX];
    if (!directory_of(dirfd, base, sizeof base)) return false;
    return !strncmp(base, "/proc", 5) || strstr(path, "..");
}

void linux_procfs_note_start(struct linux_process *p, const uint64_t *auxv, size_t auxv_words, int argc,
                             char **argv)
{
    size_t n = auxv_words * sizeof *auxv;
    if (n > sizeof p->proc.auxv) n = sizeof p->proc.auxv;
    memcpy(p->proc.auxv, auxv, n);
    p->proc.auxv_len = n;
    size_t len = 0;
    for (int i = 0; i < argc; i++) len += strlen(argv[i]) + 1;
    free(p->proc.cmdline);
    p->proc.cmdline = malloc(len ? len : 1);
    p->proc.cmdline_len = 0;
    if (!p->proc.cmdline) return;
    for (int i = 0; i < argc; i++) {
        size_t l = strlen(argv[i]) + 1;
        memcpy(p->proc.cmdline + p->proc.cmdline_len, argv[i], l);
        p->proc.cmdline_len += l;
    }
}
