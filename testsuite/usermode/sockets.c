/*
 * testsuite/usermode/sockets.c — sockets in a user-mode guest (run with a scratch directory).
 *
 * TCP on 127.0.0.1 with a forked client (port 0 + getsockname, so parallel
 * runs never collide), socket options, UDP with sendto/recvfrom and
 * sendmmsg/recvmmsg, IPv6 on ::1, scatter/gather sendmsg/recvmsg, a
 * socketpair passing a file descriptor (SCM_RIGHTS) and credentials
 * (SCM_CREDENTIALS) to a child, AF_UNIX sockets bound to a path and to an
 * abstract name, getifaddrs (a netlink route dump), and errors.  Prints
 * nothing that differs between runs (no ports, no pids); rvdbt must print
 * what qemu-riscv64 prints.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

/* Prints a call's result and, when it failed, its errno name (evaluated in
 * that order: a printf argument list has none). */
static void show(const char *what, long r)
{
    printf("%s: %ld %s\n", what, r, r < 0 ? strerrorname_np(errno) : "-");
}

static const char *dir;

static void check(int ok, const char *what)
{
    printf("%s: %s\n", what, ok ? "ok" : "FAILED");
    if (!ok) printf("  (errno %s)\n", strerrorname_np(errno));
}

static int wait_child(pid_t pid)
{
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void tcp(void)
{
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    check(ls >= 0, "tcp socket");
    int one = 1, v = 0;
    socklen_t vl = sizeof v;
    check(setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0, "setsockopt SO_REUSEADDR");
    check(getsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &v, &vl) == 0 && v == 1 && vl == sizeof v, "getsockopt SO_REUSEADDR");
    vl = sizeof v;
    check(getsockopt(ls, SOL_SOCKET, SO_TYPE, &v, &vl) == 0 && v == SOCK_STREAM, "getsockopt SO_TYPE");
    struct sockaddr_in sin = {.sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    check(bind(ls, (struct sockaddr *)&sin, sizeof sin) == 0, "bind 127.0.0.1:0");
    check(listen(ls, 4) == 0, "listen");
    socklen_t sl = sizeof sin;
    check(getsockname(ls, (struct sockaddr *)&sin, &sl) == 0 && sl == sizeof sin && sin.sin_port != 0 &&
              sin.sin_addr.s_addr == htonl(INADDR_LOOPBACK), "getsockname gives a port");

    pid_t pid = fork();
    if (pid == 0) { /* the client */
        int c = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(c, (struct sockaddr *)&sin, sizeof sin)) _exit(10);
        if (setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one)) _exit(11);
        if (send(c, "hello ", 6, 0) != 6 || write(c, "server", 6) != 6) _exit(12);
        char buf[64];
        ssize_t n = recv(c, buf, 12, MSG_WAITALL);
        if (n != 12 || memcmp(buf, "HELLO SERVER", 12)) _exit(13);
        shutdown(c, SHUT_WR);
        _exit(0);
    }
    struct sockaddr_in peer;
    socklen_t pl = sizeof peer;
    int s = accept4(ls, (struct sockaddr *)&peer, &pl, SOCK_CLOEXEC);
    check(s >= 0 && pl == sizeof peer && peer.sin_family == AF_INET && peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK),
          "accept4 gives the peer's address");
    check((fcntl(s, F_GETFD) & FD_CLOEXEC) != 0, "accept4 SOCK_CLOEXEC");
    struct sockaddr_in pn;
    socklen_t pnl = sizeof pn;
    check(getpeername(s, (struct sockaddr *)&pn, &pnl) == 0 && pn.sin_port == peer.sin_port, "getpeername");
    char buf[64];
    ssize_t n = recv(s, buf, 12, MSG_WAITALL);
    printf("server got %zd bytes: %.*s\n", n, (int)(n > 0 ? n : 0), buf);
    char peek[4];
    for (ssize_t i = 0; i < n; i++) buf[i] = (char)(buf[i] >= 'a' && buf[i] <= 'z' ? buf[i] - 32 : buf[i]);
    check(send(s, buf, (size_t)n, 0) == n, "send reply");
    n = recv(s, peek, sizeof peek, 0);
    printf("recv at the client's shutdown: %zd\n", n);
    printf("client status %d\n", wait_child(pid));
    close(s);

    /* a receive timeout */
    pid = fork();
    if (pid == 0) {
        int c = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(c, (struct sockaddr *)&sin, sizeof sin)) _exit(10);
        char x;
        read(c, &x, 1); /* until the server closes */
        _exit(0);
    }
    s = accept(ls, NULL, NULL);
    struct timeval tv = {0, 20000};
    check(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0, "setsockopt SO_RCVTIMEO");
    n = recv(s, buf, 1, 0);
    show("recv with a timeout", (long)(n));
    n = recv(s, buf, 1, MSG_DONTWAIT);
    show("recv MSG_DONTWAIT", (long)(n));
    struct linger lg = {1, 0}, lg2;
    socklen_t lgl = sizeof lg2;
    check(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) == 0 &&
              getsockopt(s, SOL_SOCKET, SO_LINGER, &lg2, &lgl) == 0 && lg2.l_onoff == 1, "SO_LINGER");
    close(s);
    printf("client status %d\n", wait_child(pid));
    close(ls);
}

static void udp(void)
{
    int a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)}, sb = sa, from;
    socklen_t l = sizeof sa;
    bind(a, (struct sockaddr *)&sa, sizeof sa);
    bind(b, (struct sockaddr *)&sb, sizeof sb);
    getsockname(a, (struct sockaddr *)&sa, &l);
    l = sizeof sb;
    getsockname(b, (struct sockaddr *)&sb, &l);
    char buf[64];
    ssize_t n = recv(b, buf, sizeof buf, 0);
    show("udp recv on an empty nonblocking socket", (long)(n));
    check(sendto(a, "datagram", 8, 0, (struct sockaddr *)&sb, sizeof sb) == 8, "udp sendto");
    l = sizeof from;
    usleep(1000);
    n = recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &l);
    printf("udp recvfrom: %zd '%.*s', from the sender's port: %d\n", n, (int)(n > 0 ? n : 0), buf,
           from.sin_port == sa.sin_port);

    /* sendmmsg / recvmmsg */
    connect(a, (struct sockaddr *)&sb, sizeof sb);
    struct mmsghdr out[3], in[4];
    struct iovec oiov[3], iiov[4];
    const char *words[3] = {"one", "two!", "three"};
    memset(out, 0, sizeof out);
    for (int i = 0; i < 3; i++) {
        oiov[i] = (struct iovec){(void *)words[i], strlen(words[i])};
        out[i].msg_hdr.msg_iov = &oiov[i];
        out[i].msg_hdr.msg_iovlen = 1;
    }
    int sent = sendmmsg(a, out, 3, 0);
    printf("sendmmsg: %d, lengths %u %u %u\n", sent, out[0].msg_len, out[1].msg_len, out[2].msg_len);
    usleep(1000);
    char bufs[4][16];
    struct sockaddr_in names[4];
    memset(in, 0, sizeof in);
    for (int i = 0; i < 4; i++) {
        iiov[i] = (struct iovec){bufs[i], sizeof bufs[i]};
        in[i].msg_hdr.msg_iov = &iiov[i];
        in[i].msg_hdr.msg_iovlen = 1;
        in[i].msg_hdr.msg_name = &names[i];
        in[i].msg_hdr.msg_namelen = sizeof names[i];
    }
    struct timespec ts = {0, 50000000};
    int got = recvmmsg(b, in, 4, MSG_DONTWAIT, &ts);
    printf("recvmmsg: %d:", got);
    for (int i = 0; i < got; i++)
        printf(" '%.*s' (namelen %u, port ok %d)", (int)in[i].msg_len, bufs[i], in[i].msg_hdr.msg_namelen,
               names[i].sin_port == sa.sin_port);
    printf("\n");
    close(a);
    close(b);

    /* IPv6 loopback */
    int c = socket(AF_INET6, SOCK_DGRAM, 0);
    struct sockaddr_in6 s6 = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
    if (c < 0 || bind(c, (struct sockaddr *)&s6, sizeof s6)) {
        printf("ipv6: no ::1 here\n");
    } else {
        l = sizeof s6;
        getsockname(c, (struct sockaddr *)&s6, &l);
        sendto(c, "six", 3, 0, (struct sockaddr *)&s6, sizeof s6);
        struct sockaddr_in6 f6;
        l = sizeof f6;
        n = recvfrom(c, buf, sizeof buf, 0, (struct sockaddr *)&f6, &l);
        char text[64];
        inet_ntop(AF_INET6, &f6.sin6_addr, text, sizeof text);
        printf("ipv6 udp to itself: %zd '%.*s' from %s, namelen %u\n", n, (int)(n > 0 ? n : 0), buf, text, l);
    }
    close(c);
}

/* socketpair: gather/scatter, a descriptor and credentials to a child */
static void pair(void)
{
    int sv[2];
    check(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
    char path[4096];
    snprintf(path, sizeof path, "%s/passed.txt", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    write(fd, "contents of the passed file\n", 28);
    lseek(fd, 0, SEEK_SET);
    int one = 1;
    check(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one) == 0, "SO_PASSCRED");

    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) { /* receives the descriptor and the parent's credentials */
        close(sv[0]);
        char a[5], b[64];
        struct iovec iov[2] = {{a, sizeof a}, {b, sizeof b}};
        union {
            char buf[CMSG_SPACE(sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))];
            struct cmsghdr align;
        } u;
        struct msghdr m = {.msg_iov = iov, .msg_iovlen = 2, .msg_control = u.buf, .msg_controllen = sizeof u.buf};
        ssize_t n = recvmsg(sv[1], &m, MSG_CMSG_CLOEXEC);
        printf("child recvmsg: %zd bytes, '%.5s' + '%.*s', flags %d\n", n, a, (int)(n > 5 ? n - 5 : 0), b, m.msg_flags);
        int got_fd = -1, creds_ok = 0, kinds = 0;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
            kinds++;
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) memcpy(&got_fd, CMSG_DATA(c), sizeof got_fd);
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
                struct ucred cr;
                memcpy(&cr, CMSG_DATA(c), sizeof cr);
                creds_ok = cr.pid == parent && cr.uid == getuid() && cr.gid == getgid();
            }
        }
        printf("child: %d control messages, credentials are the parent's: %d\n", kinds, creds_ok);
        char text[64] = "";
        ssize_t r = got_fd >= 0 ? read(got_fd, text, sizeof text - 1) : -1;
        printf("child reads the passed descriptor: %zd: %s", r, text);
        printf("child: passed descriptor is close-on-exec: %d\n", got_fd >= 0 && (fcntl(got_fd, F_GETFD) & FD_CLOEXEC));
        fflush(stdout);
        _exit(0);
    }
    close(sv[1]);
    struct iovec iov[3] = {{"abc", 3}, {"de", 2}, {"fghij", 5}};
    union {
        char buf[CMSG_SPACE(sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))];
        struct cmsghdr align;
    } u;
    memset(&u, 0, sizeof u);
    struct msghdr m = {.msg_iov = iov, .msg_iovlen = 3, .msg_control = u.buf, .msg_controllen = sizeof u.buf};
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    c = CMSG_NXTHDR(&m, c);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_CREDENTIALS;
    c->cmsg_len = CMSG_LEN(sizeof(struct ucred));
    struct ucred cr = {getpid(), getuid(), getgid()};
    memcpy(CMSG_DATA(c), &cr, sizeof cr);
    ssize_t sent = sendmsg(sv[0], &m, 0);
    int status = wait_child(pid); /* (the child prints first) */
    printf("sendmsg with a descriptor and credentials: %zd, child status %d\n", sent, status);

    /* bad control data: a descriptor that is not open, a truncated header */
    int bad = 999;
    c = CMSG_FIRSTHDR(&m);
    m.msg_controllen = CMSG_SPACE(sizeof(int));
    memcpy(CMSG_DATA(c), &bad, sizeof bad);
    show("sendmsg passing a closed descriptor", (long)(sendmsg(sv[0], &m, 0)));
    close(fd);
    close(sv[0]);
}

static void unix_sockets(void)
{
    struct sockaddr_un un = {.sun_family = AF_UNIX};
    snprintf(un.sun_path, sizeof un.sun_path, "%s/sock", dir);
    int s = socket(AF_UNIX, SOCK_DGRAM, 0), c = socket(AF_UNIX, SOCK_DGRAM, 0);
    check(bind(s, (struct sockaddr *)&un, sizeof un) == 0, "bind a path");
    check(sendto(c, "by path", 7, 0, (struct sockaddr *)&un, sizeof un) == 7, "sendto a path");
    char buf[32];
    ssize_t n = recv(s, buf, sizeof buf, 0);
    printf("received by path: '%.*s'\n", (int)(n > 0 ? n : 0), buf);
    struct sockaddr_un got;
    socklen_t l = sizeof got;
    getsockname(s, (struct sockaddr *)&got, &l);
    printf("getsockname gives the path: %d\n", strcmp(got.sun_path, un.sun_path) == 0);
    show("bind the same path again", (long)(bind(c, (struct sockaddr *)&un, sizeof un)));
    close(s);
    close(c);
    unlink(un.sun_path);

    /* an abstract name (leading NUL): not a file; the pid keeps parallel runs apart */
    memset(&un, 0, sizeof un);
    un.sun_family = AF_UNIX;
    int len = snprintf(un.sun_path + 1, sizeof un.sun_path - 1, "rvdbt-test-%d", (int)getpid());
    socklen_t alen = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + len);
    s = socket(AF_UNIX, SOCK_STREAM, 0);
    check(bind(s, (struct sockaddr *)&un, alen) == 0 && listen(s, 1) == 0, "bind an abstract name");
    c = socket(AF_UNIX, SOCK_STREAM, 0);
    check(connect(c, (struct sockaddr *)&un, alen) == 0, "connect to it");
    int a = accept(s, NULL, NULL);
    write(c, "abstract", 8);
    n = read(a, buf, sizeof buf);
    printf("accepted and read: '%.*s'\n", (int)(n > 0 ? n : 0), buf);
    struct ucred cr;
    l = sizeof cr;
    check(getsockopt(a, SOL_SOCKET, SO_PEERCRED, &cr, &l) == 0 && cr.pid == getpid() && l == sizeof cr, "SO_PEERCRED");
    close(a);
    close(c);
    close(s);
}

static void netlink(void)
{
    struct ifaddrs *ifa;
    if (getifaddrs(&ifa)) {
        printf("getifaddrs failed: %s\n", strerrorname_np(errno));
        return;
    }
    int lo4 = 0, lo_up = 0;
    for (struct ifaddrs *i = ifa; i; i = i->ifa_next) {
        if (strcmp(i->ifa_name, "lo")) continue;
        if (i->ifa_flags & IFF_LOOPBACK && i->ifa_flags & IFF_UP) lo_up = 1;
        if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET &&
            ((struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr == htonl(INADDR_LOOPBACK))
            lo4 = 1;
    }
    freeifaddrs(ifa);
    printf("getifaddrs: lo is an up loopback: %d, with 127.0.0.1: %d\n", lo_up, lo4);
    unsigned idx = if_nametoindex("lo");
    char name[IF_NAMESIZE] = "";
    printf("if_nametoindex(lo) > 0: %d, and back: %s\n", idx > 0, if_indextoname(idx, name) ? name : "(failed)");
}

static void errors(void)
{
    struct sockaddr_in sin = {.sin_family = AF_INET};
    int s = socket(AF_INET, SOCK_STREAM, 0);
    show("bind with a huge length", (long)(bind(s, (struct sockaddr *)&sin, 4096)));
    show("connect to a bad pointer", (long)(connect(s, (struct sockaddr *)16, sizeof sin)));
    show("send on an unconnected socket", (long)(send(s, "x", 1, MSG_NOSIGNAL)));
    int pfd[2];
    pipe(pfd);
    show("listen on a pipe", (long)(listen(pfd[0], 1)));
    close(pfd[0]);
    close(pfd[1]);
    show("socket of an unknown family", (long)(socket(4321, SOCK_STREAM, 0)));
    close(s);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: sockets DIR\n");
        return 2;
    }
    dir = argv[1];
    setvbuf(stdout, NULL, _IONBF, 0);
    tcp();
    udp();
    pair();
    unix_sockets();
    netlink();
    errors();
    return 0;
}
