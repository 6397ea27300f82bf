/*
 * frontends/linux/syscalls_hwprobe.c — riscv_hwprobe (riscv64 call 258): what the CPU has.
 *
 * Since Linux 6.4, programs (glibc's ifunc resolvers, OpenSSL, language
 * runtimes) ask the kernel which extensions the harts implement by filling
 * an array of {key, value} pairs.  The answer comes from the one extension
 * list (cpu/isa_ext.h), so `--cpu rv64gc` hides Zba/Zbb/... here too.
 * Keys this file does not know come back with key = -1 and value 0, as the
 * kernel does for keys newer than itself.
 */
#include <string.h>

#include "cpu/isa_ext.h"
#include "frontends/linux/syscalls.h"

/* Keys and values from the kernel's uapi header <asm/hwprobe.h>. */
enum {
    KEY_MVENDORID = 0, KEY_MARCHID = 1, KEY_MIMPID = 2, KEY_BASE_BEHAVIOR = 3, KEY_IMA_EXT_0 = 4,
    KEY_CPUPERF_0 = 5, KEY_ZICBOZ_BLOCK_SIZE = 6, KEY_MISALIGNED_SCALAR_PERF = 9,
};
#define BASE_BEHAVIOR_IMA 1 /* rv64ima as the base, as every Linux-capable hart */
#define CACHE_BLOCK 64      /* cbo.zero's block size (cpu/interp.c) */

struct hwprobe_pair {
    int64_t key;
    uint64_t value;
};

static bool answer(int64_t key, uint64_t *value)
{
    switch (key) {
    case KEY_MVENDORID: case KEY_MARCHID: case KEY_MIMPID: *value = 0; return true; /* as QEMU's "any" CPU */
    case KEY_BASE_BEHAVIOR: *value = BASE_BEHAVIOR_IMA; return true;
    case KEY_IMA_EXT_0: *value = rv_ext_hwprobe_ima_ext0(); return true;
    case KEY_CPUPERF_0: case KEY_MISALIGNED_SCALAR_PERF: *value = 0; return true; /* "unknown" */
    case KEY_ZICBOZ_BLOCK_SIZE: *value = rv_ext_on(RV_EXT_ZICBOZ) ? CACHE_BLOCK : 0; return true;
    default: return false;
    }
}

/* riscv_hwprobe(pairs, pair_count, cpusetsize, cpus, flags).  There is one
 * hart, so the cpu set (NULL meaning all) changes nothing; it must still be
 * readable.  No flags are supported (RISCV_HWPROBE_WHICH_CPUS: EINVAL). */
static int64_t sys_riscv_hwprobe(struct linux_process *p, const uint64_t a[6])
{
    uint64_t count = a[1], setsize = a[2];
    if (a[4] != 0) return -EINVAL;
    if (count > SIZE_MAX / sizeof(struct hwprobe_pair)) return -EFAULT;
    if (a[3] && setsize && !guest_ptr(p, a[3], setsize, MMU_READ)) return -EFAULT;
    struct hwprobe_pair *pairs = guest_ptr(p, a[0], count * sizeof *pairs, MMU_WRITE);
    if (!pairs) return -EFAULT;
    for (uint64_t i = 0; i < count; i++) {
        struct hwprobe_pair pair;
        memcpy(&pair, &pairs[i], sizeof pair); /* guest memory: no alignment promise */
        if (!answer(pair.key, &pair.value)) {
            pair.key = -1;
            pair.value = 0;
        }
        memcpy(&pairs[i], &pair, sizeof pair);
    }
    return 0;
}

static const struct syscall_def defs[] = {
    {258, "riscv_hwprobe", "puupx", 'd', sys_riscv_hwprobe},
};
SYSCALL_TABLE(syscalls_hwprobe, defs);
