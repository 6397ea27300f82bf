/*
 * testsuite/usermode/hello.c — the smallest user-mode check: arguments,
 * environment, stdio through the C library, uname, an unknown system call
 * (ENOSYS), and the exit status.
 * Built static and dynamic; prints the same under rvdbt as under qemu-riscv64.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    printf("hello from riscv64, argc %d\n", argc);
    for (int i = 1; i < argc; i++) printf("argv[%d] = %s\n", i, argv[i]);
    const char *v = getenv("RVDBT_TEST_VAR");
    printf("RVDBT_TEST_VAR = %s\n", v ? v : "(unset)");
    struct utsname u;
    uname(&u);
    printf("uname: %s %s\n", u.sysname, u.machine);
    errno = 0;
    long r = syscall(999);
    printf("syscall 999: %ld %s\n", r, strerror(errno));
    fprintf(stderr, "a line on stderr\n");
    return 3;
}
