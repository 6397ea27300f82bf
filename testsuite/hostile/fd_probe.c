/*
 * testsuite/hostile/fd_probe.c — a guest that looks for descriptors it was
 * never given and tries to use them.
 *
 * For every descriptor 3..63 it prints "open N" if fstat works, writes a
 * marker into it, and tries to mmap it; then it tries to dup stdout over
 * 3..15 and reports which numbers were refused.  Under rvdbt the guest must
 * see only the descriptors its parent gave it: rvdbt's own (--perf-map,
 * --trace files, the GDB stub's sockets) answer EBADF (44-host-fds.sh).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    static const char marker[] = "GUEST-WAS-HERE\n";
    for (int fd = 3; fd < 64; fd++) {
        struct stat st;
        if (fstat(fd, &st) != 0) continue;
        ssize_t w = write(fd, marker, sizeof marker - 1);
        void *m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
        printf("open %d: write %s, mmap %s\n", fd, w > 0 ? "ok" : strerror(errno),
               m != MAP_FAILED ? "ok" : "refused");
    }
    for (int fd = 3; fd < 16; fd++) {
        struct stat st;
        if (fstat(fd, &st) == 0) continue; /* the guest's own: leave it */
        if (dup3(1, fd, 0) < 0) printf("dup3 onto %d: %s\n", fd, strerror(errno));
        else close(fd);
    }
    printf("done\n");
    return 0;
}
