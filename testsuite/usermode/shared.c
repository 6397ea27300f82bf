/*
 * testsuite/usermode/shared.c — MAP_SHARED in a user-mode guest (run with a scratch directory).
 *
 * A shared file mapping: stores reach the file (pread, and after munmap),
 * pwrite is seen through the mapping, a forked child's stores are seen by
 * the parent; shared anonymous memory and /dev/zero shared with a child,
 * both counting with atomics at the same time; two mappings of one memfd
 * alias; two threads in each of two processes counting on one shared page
 * (AMOs and LR/SC must be atomic against both at once); a read-only file
 * cannot be mapped or mprotect-ed writable; msync
 * errors; a child touching a shared page past the end of its file dies of
 * SIGBUS.  rvdbt must print what qemu-riscv64 prints.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    printf("%s: %ld %s\n", what, r, r < 0 ? strerrorname_np(errno) : "-");
}

static int child_status(pid_t pid)
{
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Parent and child each add 1 to *counter `n` times with an atomic. */
static void count_together(volatile long *counter, int n)
{
    pid_t pid = fork();
    for (int i = 0; i < n; i++) __atomic_fetch_add(counter, 1, __ATOMIC_SEQ_CST); /* amoadd.d */
    if (pid == 0) _exit(0);
    child_status(pid);
}

/* The same with a compare-and-swap loop (lr.w/sc.w) on a 32-bit counter. */
static void cas_together(volatile int *counter, int n)
{
    pid_t pid = fork();
    for (int i = 0; i < n; i++) {
        int old = *counter;
        while (!__atomic_compare_exchange_n(counter, &old, old + 1, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        }
    }
    if (pid == 0) _exit(0);
    child_status(pid);
}

/* One thread's share of threads_and_processes: amoadd.d on c[0], a lr.w/sc.w loop on c[2]. */
static void *count_both(void *arg)
{
    volatile long *c = arg;
    for (int i = 0; i < 20000; i++) {
        __atomic_fetch_add(c, 1, __ATOMIC_SEQ_CST);
        volatile int *w = (volatile int *)c + 2;
        int old = *w;
        while (!__atomic_compare_exchange_n(w, &old, old + 1, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        }
    }
    return NULL;
}

/* Parent and child each run count_both in two threads at once on the shared page c. */
static void threads_and_processes(volatile long *c)
{
    pid_t pid = fork();
    pthread_t t;
    pthread_create(&t, NULL, count_both, (void *)c);
    count_both((void *)c);
    pthread_join(t, NULL);
    if (pid == 0) _exit(0);
    child_status(pid);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: shared DIR\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IONBF, 0);
    char path[4096];
    snprintf(path, sizeof path, "%s/shared.bin", argv[1]);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    char page[4096];
    memset(page, 'a', sizeof page);
    write(fd, page, sizeof page), write(fd, page, sizeof page);

    /* stores through the mapping reach the file */
    char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    printf("mmap shared: %d\n", m != MAP_FAILED);
    memcpy(m + 4096 + 10, "hello", 5);
    char buf[16] = "";
    pread(fd, buf, 5, 4096 + 10);
    printf("pread sees the store: %s\n", buf);
    show("msync MS_SYNC", msync(m, 8192, MS_SYNC));
    /* pwrite is seen through the mapping */
    pwrite(fd, "world", 5, 20);
    printf("mapping sees pwrite: %.5s\n", m + 20);
    /* a child's stores are seen by the parent */
    pid_t pid = fork();
    if (pid == 0) {
        memcpy(m + 100, "from the child", 14);
        _exit(0);
    }
    printf("child status %d\n", child_status(pid));
    printf("parent sees: %.14s\n", m + 100);
    /* an offset mapping of the second page aliases the first mapping */
    char *second = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096);
    printf("offset mapping: %.5s\n", second + 10);
    m[4096 + 10] = 'J';
    printf("after a store through the other mapping: %.5s\n", second + 10);
    munmap(second, 4096);
    munmap(m, 8192);
    close(fd);
    fd = open(path, O_RDONLY);
    memset(buf, 0, sizeof buf);
    pread(fd, buf, 14, 100);
    printf("file after munmap: %s\n", buf);

    /* a read-only file */
    errno = 0;
    char *ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    show("mmap a read-only file writable", ro == MAP_FAILED ? -1 : 0);
    ro = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    printf("read-only shared mapping: %.5s\n", ro + 20);
    show("mprotect it writable", mprotect(ro, 4096, PROT_READ | PROT_WRITE));
    show("mprotect it PROT_NONE", mprotect(ro, 4096, PROT_NONE));
    show("and back to PROT_READ", mprotect(ro, 4096, PROT_READ));
    printf("still readable: %.5s\n", ro + 20);
    /* a private writable mapping of the same read-only file is fine */
    char *priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    priv[20] = 'W';
    printf("private copy: %.5s, shared one: %.5s\n", priv + 20, ro + 20);
    munmap(priv, 4096);
    munmap(ro, 4096);
    close(fd);

    /* shared anonymous memory across fork, counted by both at once */
    volatile long *counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    count_together(counter, 20000);
    printf("shared anonymous counter: %ld\n", *counter);
    cas_together((volatile int *)counter + 2, 20000);
    printf("shared anonymous counter with compare-and-swap: %d\n", ((volatile int *)counter)[2]);
    counter[0] = 0;
    ((volatile int *)counter)[2] = 0;
    threads_and_processes(counter);
    printf("2 processes x 2 threads: amoadd %ld, compare-and-swap %d\n", counter[0], ((volatile int *)counter)[2]);
    munmap((void *)counter, 4096);
    /* private anonymous memory is not shared */
    volatile long *mine = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    count_together(mine, 1000);
    printf("private anonymous counter: %ld\n", *mine);
    /* /dev/zero, shared */
    int z = open("/dev/zero", O_RDWR);
    volatile long *zc = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, z, 0);
    printf("/dev/zero starts at zero: %ld\n", zc[5]);
    count_together(zc, 5000);
    printf("/dev/zero shared counter: %ld\n", *zc);
    close(z);

    /* two mappings of one memfd alias */
    int mf = memfd_create("shared-test", 0);
    ftruncate(mf, 8192);
    char *x = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, mf, 0);
    char *y = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, mf, 0);
    strcpy(x + 5000, "through x");
    printf("memfd: y reads %s\n", y + 5000);
    pread(mf, buf, 9, 5000);
    printf("memfd: read gives %.9s\n", buf);

    /* msync errors */
    show("msync unaligned", msync(x + 1, 10, MS_SYNC));
    show("msync ASYNC|SYNC", msync(x, 4096, MS_ASYNC | MS_SYNC));
    munmap(y, 8192);
    show("msync unmapped", msync(y, 4096, MS_SYNC));

    /* past the end of the file: SIGBUS (here in a child without a handler) */
    ftruncate(mf, 4096);
    pid = fork();
    if (pid == 0) {
        x[100] = 1;      /* inside the file: fine */
        x[4096 + 5] = 1; /* the page is mapped, the file ends before it */
        _exit(0);
    }
    printf("child touching past the end: status %d (SIGBUS is %d)\n", child_status(pid), 128 + SIGBUS);
    return 0;
}
