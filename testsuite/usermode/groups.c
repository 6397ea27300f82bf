/*
 * testsuite/usermode/groups.c — supplementary groups: setgroups (which
 * CPython's test_posix calls through os.setgroups and os.initgroups; rvdbt
 * answered ENOSYS) and getgroups reading the list back, with a bad pointer
 * and too long a list.  As root the new list reads back; as another user
 * setgroups fails with EPERM: qemu-riscv64 and rvdbt print the same either way.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0) printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else printf("%s: %ld\n", what, r);
}

int main(void)
{
    gid_t want[3] = {4242, 17, 4243}, got[16];
    long r = setgroups(3, want);
    show("setgroups 3", r);
    long n = getgroups(16, got);
    if (r == 0) {
        show("getgroups", n);
        for (long i = 0; i < n; i++) printf("  group %u\n", (unsigned)got[i]);
        show("setgroups 0", setgroups(0, NULL));
        show("getgroups after clearing", getgroups(16, got));
    }
    gid_t *volatile bad = (gid_t *)8; /* (volatile: the compiler must not see the bad pointer) */
    show("setgroups bad pointer", setgroups(2, bad));
    show("setgroups too many", setgroups(70000, want));
    return 0;
}
