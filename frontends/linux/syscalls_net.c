/*
 * frontends/linux/syscalls_net.c — sockets: socket, socketpair, bind, listen,
 * accept, accept4, connect, getsockname, getpeername, sendto, recvfrom,
 * setsockopt, getsockopt, shutdown, sendmsg, recvmsg, sendmmsg, recvmmsg.
 *
 * A guest socket is a host socket.  Layouts: the socket address families
 * rvdbt accepts (AF_UNIX, AF_INET, AF_INET6, AF_NETLINK) have the same
 * sockaddr on riscv64 and x86-64, and so have struct msghdr, mmsghdr,
 * iovec, cmsghdr (CMSG_ALIGN is 8 on both), ucred, linger, timeval and the
 * netlink messages (fixed-size fields only), and both use the generic
 * SOL_SOCKET option numbers and SOCK_NONBLOCK/SOCK_CLOEXEC values.  What
 * must be translated is every guest pointer: a msghdr holds three (name,
 * iov, control), each iovec one more, a socket filter (SO_ATTACH_FILTER)
 * one.  Each goes through guest_ptr() (EFAULT unless the guest mapped all of
 * it with the right permission).  Control data the guest sends is copied
 * first and checked: a descriptor passed with SCM_RIGHTS must not be one of
 * rvdbt's own (host_fds.h; EBADF, as for a descriptor the process never
 * opened).  Control data received needs no translation: the descriptors the
 * kernel installs are new guest descriptors.
 *
 * AF_UNIX socket paths are guest paths: they resolve like any other
 * (linux_host_path: the sysroot).  Other families (AF_PACKET, AF_BLUETOOTH,
 * ...) are refused with EAFNOSUPPORT: their options and ioctls are not
 * translated.
 */
#include <errno.h>
#include <limits.h>
#include <linux/filter.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "frontends/common/host_fds.h"
#include "frontends/linux/syscalls.h"

enum { MAX_IOV = 1024,             /* UIO_MAXIOV: the kernel's limit on iovecs and mmsg vectors */
       MAX_CONTROL = 64 * 1024,    /* more control data than this is ENOBUFS (Linux's optmem limit is lower) */
       MAX_OPTLEN = 64 * 1024 };

/* riscv64 struct msghdr / mmsghdr: the host's layout, with guest addresses. */
struct guest_msghdr {
    uint64_t name;
    uint32_t namelen, pad0;
    uint64_t iov, iovlen;
    uint64_t control, controllen;
    int32_t flags, pad1;
};
_Static_assert(sizeof(struct guest_msghdr) == sizeof(struct msghdr), "msghdr");
_Static_assert(offsetof(struct msghdr, msg_control) == offsetof(struct guest_msghdr, control), "msghdr");
_Static_assert(offsetof(struct msghdr, msg_flags) == offsetof(struct guest_msghdr, flags), "msghdr");
struct guest_mmsghdr {
    struct guest_msghdr hdr;
    uint32_t len, pad;
};
_Static_assert(sizeof(struct guest_mmsghdr) == sizeof(struct mmsghdr), "mmsghdr");

static int fd_arg(uint64_t v) { return (int)v; }

/* ---- socket addresses -------------------------------------------------------------- */

/* A guest socket address to pass in: copied, and an AF_UNIX path resolved
 * as a guest path (an abstract name, starting with NUL, is not a path). */
static int64_t addr_in(struct linux_process *p, uint64_t addr, uint64_t len, struct sockaddr_storage *ss,
                       socklen_t *out_len)
{
    if ((int32_t)len < 0 || len > sizeof *ss) return -EINVAL;
    memset(ss, 0, sizeof *ss);
    if (mmu_read_bytes(p->mmu, addr, ss, len, MMU_READ)) return -EFAULT;
    *out_len = (socklen_t)len;
    struct sockaddr_un *un = (struct sockaddr_un *)ss;
    size_t path_off = offsetof(struct sockaddr_un, sun_path);
    if (ss->ss_family != AF_UNIX || len <= path_off || un->sun_path[0] == '\0') return 0;
    char guest[sizeof un->sun_path + 1], buf[PATH_MAX];
    memcpy(guest, un->sun_path, len - path_off);
    guest[len - path_off] = '\0'; /* the kernel also stops at the end or the first NUL */
    const char *host = linux_host_path(p, guest, buf, sizeof buf);
    if (host == guest) return 0;
    size_t n = strlen(host);
    if (n >= sizeof un->sun_path) return -ENAMETOOLONG;
    memset(un->sun_path, 0, sizeof un->sun_path);
    memcpy(un->sun_path, host, n);
    *out_len = (socklen_t)(path_off + n + 1);
    return 0;
}

/* Where the kernel writes a socket address out (accept, getsockname,
 * recvfrom): the guest buffer itself, *lenp bytes of it, and the length word. */
static int64_t addr_out(struct linux_process *p, uint64_t addr, uint64_t lenp, void **buf, socklen_t **len)
{
    *buf = NULL, *len = NULL;
    if (!addr) return 0;
    if (!(*len = guest_ptr(p, lenp, sizeof **len, MMU_READ | MMU_WRITE))) return -EFAULT;
    if ((int32_t)**len < 0) return -EINVAL;
    return (*buf = guest_ptr(p, addr, **len, MMU_WRITE)) ? 0 : -EFAULT;
}

/* ---- simple calls ---------------------------------------------------------------- */

static bool family_ok(uint64_t family)
{
    return family == AF_UNIX || family == AF_INET || family == AF_INET6 || family == AF_NETLINK;
}

static int64_t sys_socket(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    if (!family_ok(a[0])) return -EAFNOSUPPORT;
    return sys_result(socket((int)a[0], (int)a[1], (int)a[2]));
}

static int64_t sys_socketpair(struct linux_process *p, const uint64_t a[6])
{
    if (!family_ok(a[0])) return -EAFNOSUPPORT;
    int *sv = guest_ptr(p, a[3], 2 * sizeof(int), MMU_WRITE);
    return sv ? sys_result(socketpair((int)a[0], (int)a[1], (int)a[2], sv)) : -EFAULT;
}

static int64_t sys_bind(struct linux_process *p, const uint64_t a[6])
{
    struct sockaddr_storage ss;
    socklen_t len;
    int64_t r = addr_in(p, a[1], a[2], &ss, &len);
    return r ? r : sys_result(bind(fd_arg(a[0]), (struct sockaddr *)&ss, len));
}

static int64_t sys_connect(struct linux_process *p, const uint64_t a[6])
{
    struct sockaddr_storage ss;
    socklen_t len;
    int64_t r = addr_in(p, a[1], a[2], &ss, &len);
    return r ? r : sys_result(connect(fd_arg(a[0]), (struct sockaddr *)&ss, len));
}

static int64_t sys_listen(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(listen(fd_arg(a[0]), (int)a[1]));
}

static int64_t sys_accept4(struct linux_process *p, const uint64_t a[6])
{
    void *addr;
    socklen_t *len;
    int64_t r = addr_out(p, a[1], a[2], &addr, &len);
    return r ? r : sys_result(accept4(fd_arg(a[0]), addr, len, (int)a[3]));
}

static int64_t sys_accept(struct linux_process *p, const uint64_t a[6])
{
    const uint64_t b[6] = {a[0], a[1], a[2], 0, 0, 0};
    return sys_accept4(p, b);
}

static int64_t sys_getsockname(struct linux_process *p, const uint64_t a[6])
{
    void *addr;
    socklen_t *len;
    if (!a[1]) return -EFAULT;
    int64_t r = addr_out(p, a[1], a[2], &addr, &len);
    return r ? r : sys_result(getsockname(fd_arg(a[0]), addr, len));
}

static int64_t sys_getpeername(struct linux_process *p, const uint64_t a[6])
{
    void *addr;
    socklen_t *len;
    if (!a[1]) return -EFAULT;
    int64_t r = addr_out(p, a[1], a[2], &addr, &len);
    return r ? r : sys_result(getpeername(fd_arg(a[0]), addr, len));
}

static int64_t sys_shutdown(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(shutdown(fd_arg(a[0]), (int)a[1]));
}

static int64_t sys_sendto(struct linux_process *p, const uint64_t a[6])
{
    void *buf = guest_ptr(p, a[1], a[2], MMU_READ);
    if (!buf) return -EFAULT;
    struct sockaddr_storage ss;
    socklen_t len = 0;
    if (a[4]) {
        int64_t r = addr_in(p, a[4], a[5], &ss, &len);
        if (r) return r;
    }
    return sys_result(sendto(fd_arg(a[0]), buf, a[2], (int)a[3], a[4] ? (struct sockaddr *)&ss : NULL, len));
}

static int64_t sys_recvfrom(struct linux_process *p, const uint64_t a[6])
{
    void *buf = guest_ptr(p, a[1], a[2], MMU_WRITE), *addr;
    if (!buf) return -EFAULT;
    socklen_t *len;
    int64_t r = addr_out(p, a[4], a[5], &addr, &len);
    return r ? r : sys_result(recvfrom(fd_arg(a[0]), buf, a[2], (int)a[3], addr, len));
}

/* ---- socket options ---------------------------------------------------------------- */

static int64_t sys_setsockopt(struct linux_process *p, const uint64_t a[6])
{
    int level = (int)a[1], name = (int)a[2];
    uint64_t optlen = (uint32_t)a[4];
    if ((int32_t)a[4] < 0) return -EINVAL;
    if (optlen > MAX_OPTLEN) return -ENOBUFS;
    void *val = guest_ptr(p, a[3], optlen, MMU_READ);
    if (!val) return -EFAULT;
    if (level == SOL_SOCKET && (name == SO_ATTACH_FILTER || name == SO_ATTACH_REUSEPORT_CBPF)) {
        /* struct sock_fprog {u16 len; struct sock_filter *filter}: the one option
         * value holding a pointer; the program itself has the same layout */
        struct sock_fprog prog;
        if (optlen < 16) return -EINVAL;
        memcpy(&prog.len, val, 2);
        uint64_t filter;
        memcpy(&filter, (char *)val + 8, 8);
        prog.filter = guest_ptr(p, filter, prog.len * sizeof(struct sock_filter), MMU_READ);
        if (!prog.filter) return -EFAULT;
        return sys_result(setsockopt(fd_arg(a[0]), level, name, &prog, sizeof prog));
    }
    return sys_result(setsockopt(fd_arg(a[0]), level, name, val, (socklen_t)optlen));
}

static int64_t sys_getsockopt(struct linux_process *p, const uint64_t a[6])
{
    socklen_t *len = guest_ptr(p, a[4], sizeof *len, MMU_READ | MMU_WRITE);
    if (!len) return -EFAULT;
    if ((int32_t)*len < 0) return -EINVAL;
    if (*len > MAX_OPTLEN) return -ENOBUFS;
    void *val = guest_ptr(p, a[3], *len, MMU_WRITE);
    return val ? sys_result(getsockopt(fd_arg(a[0]), (int)a[1], (int)a[2], val, len)) : -EFAULT;
}

/* ---- sendmsg and recvmsg ------------------------------------------------------------ */

/* A guest msghdr as a host one.  The name, iovec buffers and (when
 * receiving) the control buffer are the guest's own memory; the iovec array
 * is allocated, and so is the control data sent (copied, then checked). */
struct host_msg {
    struct msghdr h;
    struct sockaddr_storage name;
};

/* Checks control data about to be sent: walks the cmsghdrs as the kernel
 * will and refuses rvdbt's own descriptors in SCM_RIGHTS. */
static int64_t check_control(struct msghdr *h)
{
    for (struct cmsghdr *c = CMSG_FIRSTHDR(h); c; c = CMSG_NXTHDR(h, c)) {
        if (c->cmsg_len < sizeof *c || c->cmsg_len > h->msg_controllen) return -EINVAL;
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
        size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
        for (size_t i = 0; i < n; i++) {
            int fd;
            memcpy(&fd, CMSG_DATA(c) + i * sizeof fd, sizeof fd);
            if (fd >= 0 && host_fd_is_rvdbt(fd)) return -EBADF;
        }
    }
    return 0;
}

/* Fills m from the guest msghdr g; `sending` says which way data flows. */
static int64_t msg_in(struct linux_process *p, const struct guest_msghdr *g, bool sending, struct host_msg *m)
{
    memset(m, 0, sizeof *m);
    if (g->iovlen > MAX_IOV) return -EMSGSIZE;
    if (g->name) {
        if (sending) {
            socklen_t len;
            int64_t r = addr_in(p, g->name, g->namelen, &m->name, &len);
            if (r) return r;
            m->h.msg_name = &m->name;
            m->h.msg_namelen = len;
        } else {
            if ((int32_t)g->namelen < 0) return -EINVAL;
            if (!(m->h.msg_name = guest_ptr(p, g->name, g->namelen, MMU_WRITE))) return -EFAULT;
            m->h.msg_namelen = g->namelen;
        }
    }
    if (g->iovlen) {
        m->h.msg_iov = calloc(g->iovlen, sizeof *m->h.msg_iov);
        if (!m->h.msg_iov) return -ENOMEM;
        m->h.msg_iovlen = g->iovlen;
        for (uint64_t i = 0; i < g->iovlen; i++) {
            uint64_t v[2];
            if (mmu_read_bytes(p->mmu, g->iov + 16 * i, v, sizeof v, MMU_READ)) return -EFAULT;
            if ((int64_t)v[1] < 0) return -EINVAL;
            m->h.msg_iov[i].iov_base = guest_ptr(p, v[0], v[1], sending ? MMU_READ : MMU_WRITE);
            m->h.msg_iov[i].iov_len = v[1];
            if (!m->h.msg_iov[i].iov_base) return -EFAULT;
        }
    }
    if (g->control && g->controllen) {
        if (sending) {
            if (g->controllen > MAX_CONTROL) return -ENOBUFS;
            void *copy = malloc(g->controllen);
            if (!copy) return -ENOMEM;
            m->h.msg_control = copy;
            m->h.msg_controllen = g->controllen;
            if (mmu_read_bytes(p->mmu, g->control, copy, g->controllen, MMU_READ)) return -EFAULT;
            int64_t r = check_control(&m->h);
            if (r) return r;
        } else {
            uint64_t len = g->controllen > MAX_CONTROL ? MAX_CONTROL : g->controllen;
            if (!(m->h.msg_control = guest_ptr(p, g->control, len, MMU_WRITE))) return -EFAULT;
            m->h.msg_controllen = len;
        }
    }
    m->h.msg_flags = g->flags;
    return 0;
}

/* Frees what msg_in allocated. */
static void msg_done(struct host_msg *m, bool sending)
{
    free(m->h.msg_iov);
    if (sending) free(m->h.msg_control);
    m->h.msg_iov = NULL, m->h.msg_control = NULL;
}

/* After a receive: the lengths and flags the kernel reports, back into the guest's msghdr. */
static void msg_out(struct guest_msghdr *g, const struct host_msg *m)
{
    g->namelen = m->h.msg_namelen;
    g->controllen = m->h.msg_controllen;
    g->flags = m->h.msg_flags;
}

static int64_t sys_sendmsg(struct linux_process *p, const uint64_t a[6])
{
    struct guest_msghdr g;
    if (mmu_read_bytes(p->mmu, a[1], &g, sizeof g, MMU_READ)) return -EFAULT;
    struct host_msg m;
    int64_t r = msg_in(p, &g, true, &m);
    if (!r) r = sys_result(sendmsg(fd_arg(a[0]), &m.h, (int)a[2]));
    msg_done(&m, true);
    return r;
}

static int64_t sys_recvmsg(struct linux_process *p, const uint64_t a[6])
{
    struct guest_msghdr *g = guest_ptr(p, a[1], sizeof *g, MMU_READ | MMU_WRITE);
    if (!g) return -EFAULT;
    struct guest_msghdr copy = *g;
    struct host_msg m;
    int64_t r = msg_in(p, &copy, false, &m);
    if (!r) r = sys_result(recvmsg(fd_arg(a[0]), &m.h, (int)a[2]));
    if (r >= 0) msg_out(g, &m);
    msg_done(&m, false);
    return r;
}

/* sendmmsg and recvmmsg: every message translated, one host call. */
static int64_t mmsg(struct linux_process *p, const uint64_t a[6], bool sending)
{
    uint64_t vlen = (uint32_t)a[2] > MAX_IOV ? MAX_IOV : (uint32_t)a[2];
    if (vlen == 0) return 0;
    struct guest_mmsghdr *g = guest_ptr(p, a[1], vlen * sizeof *g, MMU_READ | MMU_WRITE);
    if (!g) return -EFAULT;
    struct host_msg *m = calloc(vlen, sizeof *m);
    struct mmsghdr *h = calloc(vlen, sizeof *h);
    int64_t r = m && h ? 0 : -ENOMEM;
    uint64_t built = 0; /* messages msg_in has filled (or started to: msg_done frees them) */
    while (!r && built < vlen) {
        struct guest_msghdr copy = g[built].hdr;
        r = msg_in(p, &copy, sending, &m[built]);
        h[built].msg_hdr = m[built].h;
        built++;
    }
    uint64_t count = vlen;
    if (r && built > 1) { /* like the kernel: the messages before a bad one still go */
        count = built - 1;
        r = 0;
    }
    struct timespec *timeout = NULL;
    if (!r && !sending && a[4] && !(timeout = guest_ptr(p, a[4], sizeof *timeout, MMU_READ | MMU_WRITE)))
        r = -EFAULT;
    if (!r) {
        r = sending ? sys_result(sendmmsg(fd_arg(a[0]), h, (unsigned)count, (int)a[3]))
                    : sys_result(recvmmsg(fd_arg(a[0]), h, (unsigned)count, (int)a[3], timeout));
        for (int64_t i = 0; i < r; i++) {
            g[i].len = h[i].msg_len;
            if (!sending) {
                m[i].h = h[i].msg_hdr;
                msg_out(&g[i].hdr, &m[i]);
            }
        }
    }
    for (uint64_t i = 0; i < built; i++) msg_done(&m[i], sending);
    free(m);
    free(h);
    return r;
}

static int64_t sys_sendmmsg(struct linux_process *p, const uint64_t a[6]) { return mmsg(p, a, true); }
static int64_t sys_recvmmsg(struct linux_process *p, const uint64_t a[6]) { return mmsg(p, a, false); }

/* ---- ioctls ---------------------------------------------------------------------------- */

/* The socket ioctls that read the interface table (if_nametoindex, ifconfig-
 * like programs): struct ifreq is 40 bytes on both and holds no pointer;
 * struct ifconf holds one (its buffer).  Interface changes (SIOCSIF*) are
 * not passed on: ENOTTY. */
int64_t linux_socket_ioctl(struct linux_process *p, int fd, unsigned long req, uint64_t arg)
{
    switch (req) {
    case SIOCGIFNAME: case SIOCGIFFLAGS: case SIOCGIFADDR: case SIOCGIFDSTADDR: case SIOCGIFBRDADDR:
    case SIOCGIFNETMASK: case SIOCGIFMETRIC: case SIOCGIFMTU: case SIOCGIFHWADDR: case SIOCGIFINDEX:
    case SIOCGIFTXQLEN: case SIOCGIFMAP: {
        struct ifreq *r = guest_ptr(p, arg, sizeof *r, MMU_READ | MMU_WRITE);
        return r ? sys_result(ioctl(fd, req, r)) : -EFAULT;
    }
    case SIOCATMARK: case SIOCOUTQ: {
        int *v = guest_ptr(p, arg, sizeof *v, MMU_WRITE);
        return v ? sys_result(ioctl(fd, req, v)) : -EFAULT;
    }
    case SIOCGIFCONF: {
        struct { int32_t len, pad; uint64_t buf; } *g = guest_ptr(p, arg, 16, MMU_READ | MMU_WRITE);
        if (!g) return -EFAULT;
        struct ifconf ifc = {.ifc_len = g->len};
        if (g->buf && (g->len < 0 || !(ifc.ifc_buf = guest_ptr(p, g->buf, (size_t)g->len, MMU_WRITE)))) return -EFAULT;
        int64_t r = sys_result(ioctl(fd, req, &ifc));
        if (r >= 0) g->len = ifc.ifc_len;
        return r;
    }
    default: return -ENOTTY;
    }
}

static const struct syscall_def defs[] = {
    {198, "socket", "ddd", 'd', sys_socket},
    {199, "socketpair", "dddp", 'd', sys_socketpair},
    {200, "bind", "fpd", 'd', sys_bind},
    {201, "listen", "fd", 'd', sys_listen},
    {202, "accept", "fpp", 'd', sys_accept},
    {203, "connect", "fpd", 'd', sys_connect},
    {204, "getsockname", "fpp", 'd', sys_getsockname},
    {205, "getpeername", "fpp", 'd', sys_getpeername},
    {206, "sendto", "fbuxpd", 'd', sys_sendto},
    {207, "recvfrom", "fBuxpp", 'd', sys_recvfrom},
    {208, "setsockopt", "fddpd", 'd', sys_setsockopt},
    {209, "getsockopt", "fddpp", 'd', sys_getsockopt},
    {210, "shutdown", "fd", 'd', sys_shutdown},
    {211, "sendmsg", "fpx", 'd', sys_sendmsg},
    {212, "recvmsg", "fpx", 'd', sys_recvmsg},
    {242, "accept4", "fppx", 'd', sys_accept4},
    {243, "recvmmsg", "fpuxp", 'd', sys_recvmmsg},
    {269, "sendmmsg", "fpux", 'd', sys_sendmmsg},
};
SYSCALL_TABLE(syscalls_net, defs);
