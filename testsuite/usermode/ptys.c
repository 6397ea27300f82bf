/*
 * testsuite/usermode/ptys.c — pseudo-terminals as glibc opens them
 * (posix_openpt, grantpt, unlockpt, ptsname: the TIOCGPTN and TIOCSPTLCK
 * ioctls, which os.openpty and pty.fork need) and the terminal ioctls behind
 * tcflush, tcflow, tcdrain, tcsendbreak, TIOCGPTPEER, TIOCOUTQ, TIOCGSID,
 * TIOCEXCL.  CPython's test_os/test_pty failed under rvdbt on the first two
 * (ENOTTY) while qemu-riscv64 passed them on.
 *
 * Prints results and errno names only (never a pts number), so its output is
 * the same under qemu-riscv64 and every rvdbt engine.  `ptys beyond-qemu`
 * prints only the answers to TIOCGPTLCK and TIOCGEXCL, which qemu-riscv64 7.2
 * does not know (ENOSYS): the test compares those with Linux's own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0) printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else printf("%s: %ld\n", what, r);
}

int main(int argc, char **argv)
{
    int beyond = argc > 1 && !strcmp(argv[1], "beyond-qemu");
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    printf("posix_openpt: %s\n", m >= 0 ? "ok" : strerrorname_np(errno));
    if (m < 0) return 1;
    unsigned n = 12345;
    show("TIOCGPTN", ioctl(m, TIOCGPTN, &n));
    printf("pts number changed: %d\n", n != 12345);
    int lock = -1;
    if (beyond) {
        show("TIOCGPTLCK", ioctl(m, TIOCGPTLCK, &lock));
        printf("locked at first: %d\n", lock);
    }
    show("grantpt", grantpt(m));
    show("unlockpt", unlockpt(m));
    if (beyond) {
        show("TIOCGPTLCK again", ioctl(m, TIOCGPTLCK, &lock));
        printf("locked now: %d\n", lock);
    }
    const char *name = ptsname(m);
    printf("ptsname under /dev/pts/: %d\n", name && !strncmp(name, "/dev/pts/", 9));
    int s = open(name, O_RDWR | O_NOCTTY);
    printf("open the secondary: %s\n", s >= 0 ? "ok" : strerrorname_np(errno));
    if (s < 0) return 1;
    show("isatty", isatty(s));

    struct termios t;
    show("tcgetattr", tcgetattr(s, &t));
    cfmakeraw(&t);
    show("tcsetattr raw", tcsetattr(s, TCSANOW, &t));
    show("write to the primary", write(m, "ping", 4));
    char buf[16] = {0};
    show("read the secondary", read(s, buf, sizeof buf - 1));
    printf("got '%s'\n", buf);
    show("write to the secondary", write(s, "pong", 4));
    show("tcdrain", tcdrain(s));
    int q = -1;
    show("TIOCOUTQ", ioctl(s, TIOCOUTQ, &q));
    memset(buf, 0, sizeof buf);
    show("read the primary", read(m, buf, sizeof buf - 1));
    printf("got '%s'\n", buf);
    show("write then tcflush", write(m, "lost", 4));
    show("tcflush TCIFLUSH", tcflush(s, TCIFLUSH));
    int avail = -1;
    show("FIONREAD after the flush", ioctl(s, FIONREAD, &avail));
    printf("bytes waiting: %d\n", avail);
    show("tcflow TCOOFF", tcflow(s, TCOOFF));
    show("tcflow TCOON", tcflow(s, TCOON));
    show("tcflush bad queue", tcflush(s, 99));
    show("TIOCEXCL", ioctl(s, TIOCEXCL));
    int excl = -1;
    if (beyond) {
        show("TIOCGEXCL", ioctl(s, TIOCGEXCL, &excl));
        printf("exclusive: %d\n", excl);
    }
    show("TIOCNXCL", ioctl(s, TIOCNXCL));
    pid_t sid = 0;
    show("TIOCGSID (no controlling terminal)", ioctl(s, TIOCGSID, &sid));
    int peer = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
    printf("TIOCGPTPEER: %s\n", peer >= 0 ? "a descriptor" : strerrorname_np(errno));
    if (peer >= 0) {
        show("write to the peer", write(peer, "x", 1));
        memset(buf, 0, sizeof buf);
        show("read the primary", read(m, buf, sizeof buf - 1));
        close(peer);
    }
    show("TIOCGPTN bad pointer", ioctl(m, TIOCGPTN, (unsigned *)8));
    show("TIOCGPTN on the secondary", ioctl(s, TIOCGPTN, &n));
    close(s);
    close(m);
    return 0;
}
