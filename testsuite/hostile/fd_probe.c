/*
 * testsuite/hostile/fd_probe.c — a guest that looks for descriptors it was
 * never given and tries to use them.
 *
 * For every descriptor 3..63 it prints "open N" if fstat works, writes a
 * marker into it, and tries to mmap it; then it tries to dup stdout over
 * 3..15 and reports which numbers were refused, and tries to pass each
 * descriptor it cannot fstat through a socketpair (SCM_RIGHTS): one that
 * arrives gets the marker too.  Under rvdbt the guest must
 * see only the descriptors its parent gave it: rvdbt's own (--perf-map,
 * --trace files, the GDB stub's sockets) answer EBADF (44-host-fds.sh).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
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
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0) {
        for (int fd = 3; fd < 16; fd++) {
            struct stat st;
            if (fd == sv[0] || fd == sv[1] || fstat(fd, &st) == 0) continue;
            union {
                char buf[CMSG_SPACE(sizeof(int))];
                struct cmsghdr align;
            } u;
            memset(&u, 0, sizeof u);
            struct iovec iov = {"x", 1};
            struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf};
            struct cmsghdr *c = CMSG_FIRSTHDR(&m);
            c->cmsg_level = SOL_SOCKET;
            c->cmsg_type = SCM_RIGHTS;
            c->cmsg_len = CMSG_LEN(sizeof(int));
            memcpy(CMSG_DATA(c), &fd, sizeof fd);
            if (sendmsg(sv[0], &m, 0) < 0) {
                printf("pass %d: %s\n", fd, strerror(errno));
                continue;
            }
            char x;
            struct msghdr r = {.msg_iov = &(struct iovec){&x, 1}, .msg_iovlen = 1, .msg_control = u.buf,
                               .msg_controllen = sizeof u.buf};
            if (recvmsg(sv[1], &r, 0) == 1 && CMSG_FIRSTHDR(&r)) {
                int got;
                memcpy(&got, CMSG_DATA(CMSG_FIRSTHDR(&r)), sizeof got);
                printf("pass %d: passed, write %s\n", fd, write(got, marker, sizeof marker - 1) > 0 ? "ok" : "failed");
            }
        }
    }
    printf("done\n");
    return 0;
}
