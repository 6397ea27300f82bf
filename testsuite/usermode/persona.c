/*
 * persona.c — personality(2): a process may ask for and set its execution domain.
 *
 * Under rvdbt the persona is the guest's alone (frontends/linux/syscalls_proc.c):
 * setting it must not change rvdbt's (READ_IMPLIES_EXEC on the host would
 * make all of rvdbt's mappings executable), but the guest sees what it set,
 * as natively and under qemu-riscv64.  The output is compared with qemu's.
 */
#include <stdio.h>
#include <sys/personality.h>

int main(void)
{
    int now = personality(0xffffffff);
    printf("persona at start: %#x\n", now);
    int old = personality(PER_LINUX | ADDR_NO_RANDOMIZE);
    printf("set ADDR_NO_RANDOMIZE, previous: %#x\n", old);
    printf("persona now: %#x\n", personality(0xffffffff));
    personality(PER_LINUX);
    printf("back to PER_LINUX: %#x\n", personality(0xffffffff));
    return 0;
}
