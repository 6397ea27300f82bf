/*
 * mapnames.c — /proc/self/maps names the files a program mapped, as Linux does.
 *
 * Under an emulator /proc/self/maps must be the guest's address space (see
 * frontends/linux/linux_procfs.c), and a useful one: its stack, its own program,
 * its libraries and the files it mapped with mmap, each with the file offset
 * of the mapping's first page, and anonymous memory without a name.  Each
 * line of output is one fact, "yes" or "no", so the output can be compared
 * with qemu-riscv64's (which shows the host's mappings of the same files).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

struct line {
    unsigned long lo, hi, off;
    char perms[8];
    char path[512];
};

static struct line lines[512];
static int n_lines;

static void read_maps(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char buf[1024];
    n_lines = 0;
    while (f && fgets(buf, sizeof buf, f) && n_lines < 512) {
        struct line *l = &lines[n_lines];
        int name_at = 0;
        l->path[0] = 0;
        if (sscanf(buf, "%lx-%lx %7s %lx %*x:%*x %*u %n", &l->lo, &l->hi, l->perms, &l->off, &name_at) < 4) continue;
        if (name_at) sscanf(buf + name_at, "%511[^\n]", l->path);
        n_lines++;
    }
    if (f) fclose(f);
}

static const struct line *line_at(unsigned long addr)
{
    for (int i = 0; i < n_lines; i++)
        if (lines[i].lo <= addr && addr < lines[i].hi) return &lines[i];
    return NULL;
}

static const char *yes(int b) { return b ? "yes" : "no"; }

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    read_maps();
    printf("maps readable: %s\n", yes(n_lines > 3));
    int local = 0;
    const struct line *s = line_at((unsigned long)&local);
    printf("[stack] holds a local: %s\n", yes(s && !strcmp(s->path, "[stack]")));

    char exe[512];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    const struct line *code = line_at((unsigned long)&main);
    printf("main's code is in the program's file, executable: %s\n",
           yes(code && !strcmp(code->path, exe) && strchr(code->perms, 'x')));
    if (getauxval(AT_BASE)) {
        const struct line *libc = line_at((unsigned long)&printf);
        printf("printf is in libc.so.6, executable: %s\n",
               yes(libc && strstr(libc->path, "libc.so.6") && strchr(libc->perms, 'x')));
        const struct line *ld = line_at(getauxval(AT_BASE));
        printf("the dynamic loader is named: %s\n", yes(ld && strstr(ld->path, "ld-linux-riscv64")));
    } else {
        printf("static: no libc.so.6 or dynamic loader to name\n");
    }

    /* a file of four pages, mapped from its second page */
    char path[] = "/tmp/mapnames-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || ftruncate(fd, 4 * page)) return 1;
    char *m = mmap(NULL, 3 * (size_t)page, PROT_READ, MAP_PRIVATE, fd, page);
    if (m == MAP_FAILED) return 1;
    read_maps();
    const struct line *f = line_at((unsigned long)m);
    printf("mmap of a file: named, offset 0x1000: %s\n",
           yes(f && !strcmp(f->path, path) && f->off == (unsigned long)page && f->lo == (unsigned long)m));
    /* cut a hole in the middle: both pieces keep the name, the second its own offset */
    munmap(m + page, (size_t)page);
    mmap(m + 2 * page, (size_t)page, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
    read_maps();
    const struct line *a = line_at((unsigned long)m), *hole = line_at((unsigned long)m + page),
                      *anon = line_at((unsigned long)m + 2 * page);
    printf("after munmap of the middle page: first piece keeps name and offset: %s\n",
           yes(a && !strcmp(a->path, path) && a->off == (unsigned long)page && a->hi == (unsigned long)m + page));
    printf("the hole is not listed: %s\n", yes(!hole));
    printf("anonymous memory mapped over the last page has no name: %s\n", yes(anon && !anon->path[0]));
    munmap(m, 3 * (size_t)page);
    close(fd);
    unlink(path);
    return 0;
}
