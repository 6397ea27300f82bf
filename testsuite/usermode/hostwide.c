/*
 * testsuite/usermode/hostwide.c — settings of the whole host are not the
 * guest's: setting the system clock (clock_settime, settimeofday) and the
 * host and domain names, and making device nodes, answer EPERM under rvdbt
 * even when it runs as root (frontends/linux/syscalls_proc.c, sys_host_setting;
 * syscalls_fileops.c, sys_mknodat).  qemu-riscv64 passes
 * them to the host, so the oracle is hostwide.expected: EPERM, what Linux
 * answers a process without CAP_SYS_TIME / CAP_SYS_ADMIN.  The values set
 * are the current ones, so even a wrong answer changes nothing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0) printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else printf("%s: %ld\n", what, r);
}

int main(void)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    show("clock_settime", clock_settime(CLOCK_REALTIME, &now));
    struct timeval tv;
    gettimeofday(&tv, NULL);
    show("settimeofday", settimeofday(&tv, NULL));
    char name[256] = {0};
    gethostname(name, sizeof name - 1);
    show("sethostname", sethostname(name, strlen(name)));
    char dom[256] = {0};
    getdomainname(dom, sizeof dom - 1);
    show("setdomainname", setdomainname(dom, strlen(dom)));
    /* a device node (here /dev/null's numbers, in the current directory) */
    show("mknod a character device", mknod("rvdbt-hostwide-dev", S_IFCHR | 0600, makedev(1, 3)));
    show("mknod a block device", mknod("rvdbt-hostwide-dev", S_IFBLK | 0600, makedev(7, 0)));
    unlink("rvdbt-hostwide-dev"); /* (in case the answer was wrong) */
    return 0;
}
