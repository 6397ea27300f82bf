/*
 * frontends/linux/strace.c — --strace: one line per guest system call, the way strace prints it.
 *
 *   openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
 *   read(3, "root:x:0:0:root:/root:/bin/bash\n"..., 4096) = 1234
 *   openat(AT_FDCWD, "/nope", O_RDONLY) = -1 ENOENT (No such file or directory)
 *
 * Each table entry (syscalls.h) describes its arguments with one letter each:
 *   d signed   u unsigned   x hex   p pointer (NULL or hex)   f fd (AT_FDCWD)
 *   s string   b input buffer, its length the next argument
 *   B output buffer, its length the result   v string array (argv)
 *   o open flags   m mode (octal)   P mmap prot   M mmap flags
 *   S signal   c clock id
 * Lines go to stderr in one write, so they do not interleave mid-line with
 * the guest's own output.  Calls that may not return (exit, execve) are
 * printed before they run, with "= ?".
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "frontends/linux/syscalls.h"

#define STRING_LIMIT 32 /* strace's default -s */

struct line {
    char buf[1024];
    size_t n;
};

static void add(struct line *l, const char *fmt, ...)
{
    if (l->n >= sizeof l->buf - 1) return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(l->buf + l->n, sizeof l->buf - l->n, fmt, ap);
    va_end(ap);
    if (k > 0) l->n += (size_t)k < sizeof l->buf - l->n ? (size_t)k : sizeof l->buf - l->n - 1;
}

/* A quoted, escaped string of `len` guest bytes (or up to NUL if nul_term). */
static void add_string(struct linux_process *p, struct line *l, uint64_t addr, uint64_t len, bool nul_term)
{
    if (!addr) {
        add(l, "NULL");
        return;
    }
    add(l, "\"");
    uint64_t i = 0;
    for (; i < len && i < STRING_LIMIT; i++) {
        uint8_t ch;
        if (mmu_read_bytes(p->mmu, addr + i, &ch, 1, MMU_READ)) {
            add(l, "\"...<unreadable 0x%llx>", (unsigned long long)(addr + i));
            return;
        }
        if (nul_term && ch == 0) break;
        switch (ch) {
        case '\n': add(l, "\\n"); break;
        case '\t': add(l, "\\t"); break;
        case '\r': add(l, "\\r"); break;
        case '"': add(l, "\\\""); break;
        case '\\': add(l, "\\\\"); break;
        default:
            if (ch >= 32 && ch < 127) add(l, "%c", ch);
            else add(l, "\\%o", ch);
        }
    }
    uint8_t next = 0;
    bool more = i < len && (!nul_term || (mmu_read_bytes(p->mmu, addr + i, &next, 1, MMU_READ) == 0 && next));
    add(l, more ? "\"..." : "\"");
}

struct flag_name {
    uint64_t value;
    const char *name;
};

static void add_flags(struct line *l, uint64_t v, const struct flag_name *names, size_t count)
{
    bool any = false;
    for (size_t i = 0; i < count; i++)
        if (names[i].value && (v & names[i].value) == names[i].value) {
            add(l, "%s%s", any ? "|" : "", names[i].name);
            v &= ~names[i].value;
            any = true;
        }
    if (v || !any) add(l, any ? "|%#llx" : "%#llx", (unsigned long long)v);
}

static void add_open_flags(struct line *l, uint64_t v)
{
    static const struct flag_name names[] = {
        {0100, "O_CREAT"}, {0200, "O_EXCL"}, {0400, "O_NOCTTY"}, {01000, "O_TRUNC"}, {02000, "O_APPEND"},
        {04000, "O_NONBLOCK"}, {010000, "O_DSYNC"}, {020000, "O_ASYNC"}, {040000, "O_DIRECT"},
        {0100000, "O_LARGEFILE"}, {0200000, "O_DIRECTORY"}, {0400000, "O_NOFOLLOW"}, {01000000, "O_NOATIME"},
        {02000000, "O_CLOEXEC"}, {010000000, "O_PATH"}, {020000000, "O_TMPFILE"},
    };
    static const char *const access_mode[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
    add(l, "%s", access_mode[v & 3]);
    if (v & ~3ull) {
        add(l, "|");
        add_flags(l, v & ~3ull, names, sizeof names / sizeof names[0]);
    }
}

static void add_prot(struct line *l, uint64_t v)
{
    static const struct flag_name names[] = {{1, "PROT_READ"}, {2, "PROT_WRITE"}, {4, "PROT_EXEC"}};
    if (v == 0) add(l, "PROT_NONE");
    else add_flags(l, v, names, sizeof names / sizeof names[0]);
}

static void add_map_flags(struct line *l, uint64_t v)
{
    static const struct flag_name names[] = {
        {0x01, "MAP_SHARED"}, {0x02, "MAP_PRIVATE"}, {0x10, "MAP_FIXED"}, {0x20, "MAP_ANONYMOUS"},
        {0x100, "MAP_GROWSDOWN"}, {0x800, "MAP_DENYWRITE"}, {0x4000, "MAP_NORESERVE"}, {0x8000, "MAP_POPULATE"},
        {0x20000, "MAP_STACK"}, {0x100000, "MAP_FIXED_NOREPLACE"},
    };
    add_flags(l, v, names, sizeof names / sizeof names[0]);
}

static void add_clock(struct line *l, uint64_t v)
{
    static const char *const names[] = {"CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID",
                                        "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE",
                                        "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME"};
    if (v < sizeof names / sizeof names[0]) add(l, "%s", names[v]);
    else add(l, "%lld", (long long)v);
}

static void add_argv(struct linux_process *p, struct line *l, uint64_t addr)
{
    if (!addr) {
        add(l, "NULL");
        return;
    }
    add(l, "[");
    for (int i = 0; i < 32; i++) {
        uint64_t s;
        if (mmu_read_bytes(p->mmu, addr + 8 * (uint64_t)i, &s, 8, MMU_READ)) break;
        if (!s) break;
        if (i) add(l, ", ");
        add_string(p, l, s, 4096, true);
    }
    add(l, "]");
}

static void add_arg(struct linux_process *p, struct line *l, char kind, const uint64_t a[6], int i, int64_t ret)
{
    uint64_t v = a[i];
    switch (kind) {
    case 'd': add(l, "%lld", (long long)v); break;
    case 'u': add(l, "%llu", (unsigned long long)v); break;
    case 'f': (int)v == -100 ? add(l, "AT_FDCWD") : add(l, "%d", (int)v); break;
    case 'p': v ? add(l, "%#llx", (unsigned long long)v) : add(l, "NULL"); break;
    case 's': add_string(p, l, v, 4096, true); break;
    case 'b': add_string(p, l, v, i < 5 ? a[i + 1] : 0, false); break;
    case 'B':
        if (ret >= 0) add_string(p, l, v, (uint64_t)ret, false);
        else add(l, "%#llx", (unsigned long long)v);
        break;
    case 'v': add_argv(p, l, v); break;
    case 'o': add_open_flags(l, v); break;
    case 'm': add(l, "0%llo", (unsigned long long)v); break;
    case 'P': add_prot(l, v); break;
    case 'M': add_map_flags(l, v); break;
    case 'S': v > 0 && v < 32 && sigabbrev_np((int)v) ? add(l, "SIG%s", sigabbrev_np((int)v)) : add(l, "%lld", (long long)v); break;
    case 'c': add_clock(l, v); break;
    default: add(l, "%#llx", (unsigned long long)v); break;
    }
}

static void add_call(struct linux_process *p, struct line *l, const struct syscall_def *def, uint64_t nr,
                     const uint64_t a[6], int64_t ret)
{
    if (!def) { /* not implemented: its name, and its first arguments as numbers */
        const char *name = linux_syscall_name(nr);
        if (name) add(l, "%s(%#llx, %#llx, %#llx, ...)", name, (unsigned long long)a[0], (unsigned long long)a[1],
                      (unsigned long long)a[2]);
        else add(l, "syscall_%llu(%#llx, %#llx, %#llx, ...)", (unsigned long long)nr, (unsigned long long)a[0],
                 (unsigned long long)a[1], (unsigned long long)a[2]);
        return;
    }
    add(l, "%s(", def->name);
    for (int i = 0; def->args[i] && i < 6; i++) {
        if (i) add(l, ", ");
        add_arg(p, l, def->args[i], a, i, ret);
    }
    add(l, ")");
}

static void emit(struct line *l)
{
    add(l, "\n");
    if (write(STDERR_FILENO, l->buf, l->n) < 0) { /* nothing sensible to do */
    }
}

void strace_enter(struct linux_process *p, const struct syscall_def *def, const uint64_t a[6])
{
    if (!def || def->ret != '?') return;
    struct line l = {.n = 0};
    if (linux_multithreaded(p)) add(&l, "[pid %5d] ", p->tid); /* as strace -f marks threads */
    add_call(p, &l, def, (uint64_t)def->nr, a, -1);
    add(&l, " = ?");
    emit(&l);
}

void strace_exit(struct linux_process *p, const struct syscall_def *def, uint64_t nr, const uint64_t a[6],
                 int64_t ret)
{
    struct line l = {.n = 0};
    if (linux_multithreaded(p)) add(&l, "[pid %5d] ", p->tid);
    if (def && def->ret == '?') {
        if (p->exited) return; /* printed on entry */
        add(&l, "<... %s resumed>", def->name);
    } else {
        add_call(p, &l, def, nr, a, ret);
    }
    if (ret < 0 && ret > -4096)
        add(&l, " = -1 %s (%s)", strerrorname_np((int)-ret) ? strerrorname_np((int)-ret) : "E?", strerror((int)-ret));
    else if (def && def->ret == 'x')
        add(&l, " = %#llx", (unsigned long long)ret);
    else if (def && def->ret == 'o')
        add(&l, " = 0%llo", (unsigned long long)ret);
    else
        add(&l, " = %lld", (long long)ret);
    emit(&l);
}
