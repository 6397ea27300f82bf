/*
 * docs/labs/lab2/lab2_rtc.c — the guest program of lab 2 (add a memory-mapped
 * device): a bare-metal program that looks for a Goldfish real-time clock the
 * way an operating system would — in the device tree the boot ROM hands over
 * in a1 — and then reads the time from it.
 *
 * The device is the one QEMU's virt board has at 0x101000 (compatible
 * "google,goldfish-rtc", Linux's rtc-goldfish driver): registers TIME_LOW
 * (offset 0x00) and TIME_HIGH (0x04) give nanoseconds since 1970; reading
 * TIME_LOW latches the high half, so a 64-bit time is read low first.  The
 * same ELF passes under qemu-system-riscv64 -M virt -bios none, which is how
 * the expected values here are known to be right.
 *
 * Output: "ok N what" per check, then "lab2: time S s since 1970" and
 * "PASS lab2"; a failed check prints "FAIL lab2 test N (what)" and powers off
 * with status N.  Built with the bare-metal test runtime (testsuite/system/rt).
 */
#include "rt.h"

#define RTC_TIME_LOW 0x00
#define RTC_TIME_HIGH 0x04
#define MTIME_HZ 10000000ull /* the CLINT's timebase on virt: 10 MHz */

/* ---- just enough of a flattened device tree reader ------------------------- */
#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }
static uint64_t be64(const uint8_t *p) { return (uint64_t)be32(p) << 32 | be32(p + 4); }

static int streq(const char *a, const char *b)
{
    while (*a && *a == *b) a++, b++;
    return *a == *b;
}

/* Is `want` one of the NUL-separated strings of a compatible property? */
static int compatible_has(const char *list, uint32_t len, const char *want)
{
    for (uint32_t i = 0; i < len;) {
        if (streq(list + i, want)) return 1;
        while (i < len && list[i]) i++;
        i++;
    }
    return 0;
}

/* Finds the node compatible with `want` (a direct child of /soc, whose
 * #address-cells and #size-cells are 2 on virt); sets its reg.  0 if none. */
static int fdt_find(const uint8_t *fdt, const char *want, uint64_t *base, uint64_t *size)
{
    if (be32(fdt) != FDT_MAGIC) return 0;
    const uint8_t *p = fdt + be32(fdt + 8);                 /* off_dt_struct */
    const char *strings = (const char *)fdt + be32(fdt + 12); /* off_dt_strings */
    int found = 0, has_reg = 0;
    uint64_t reg_base = 0, reg_size = 0;
    for (;;) {
        uint32_t token = be32(p);
        p += 4;
        if (token == FDT_BEGIN_NODE) {
            found = has_reg = 0;
            while (*p) p++;
            p = (const uint8_t *)(((uintptr_t)p + 4) & ~(uintptr_t)3); /* past the NUL, 4-aligned */
        } else if (token == FDT_PROP) {
            uint32_t len = be32(p), name = be32(p + 4);
            const uint8_t *value = p + 8;
            if (streq(strings + name, "compatible") && compatible_has((const char *)value, len, want)) found = 1;
            if (streq(strings + name, "reg") && len == 16) {
                has_reg = 1;
                reg_base = be64(value);
                reg_size = be64(value + 8);
            }
            p = value + ((len + 3) & ~3u);
        } else if (token == FDT_END_NODE) {
            if (found && has_reg) {
                *base = reg_base;
                *size = reg_size;
                return 1;
            }
            found = has_reg = 0;
        } else if (token != FDT_NOP) {
            return 0; /* FDT_END, or something broken */
        }
    }
}

/* ---- the device ------------------------------------------------------------ */

static uint64_t rtc_base;

/* Reads the time in ns; sets *faulted if either read raised an exception
 * (rt's handler records it and resumes after the load, which then reads 0). */
static uint64_t rtc_read_ns(int *faulted)
{
    uint64_t traps = last_trap.count;
    uint32_t lo = MMIO32(rtc_base + RTC_TIME_LOW); /* latches TIME_HIGH */
    uint32_t hi = MMIO32(rtc_base + RTC_TIME_HIGH);
    *faulted = last_trap.count != traps;
    return (uint64_t)hi << 32 | lo;
}

int main(uint64_t hartid, uint64_t dtb)
{
    (void)hartid;
    test_name = "lab2";
    uint64_t size = 0;
    check(1, fdt_find((const uint8_t *)dtb, "google,goldfish-rtc", &rtc_base, &size),
          "the device tree has a google,goldfish-rtc node");
    check(2, rtc_base == 0x101000 && size == 0x1000, "its reg is <0x101000 0x1000>, as on QEMU's virt board");

    int faulted;
    uint64_t t0 = rtc_read_ns(&faulted);
    check(3, !faulted, "TIME_LOW and TIME_HIGH can be read (no access fault)");
    /* 2024-01-01 and 2100-01-01, in ns since 1970 */
    check(4, t0 > 1704067200ull * 1000000000ull && t0 < 4102444800ull * 1000000000ull,
          "the time is a date between 2024 and 2100");

    /* 200 ms by the CLINT's timer; the RTC must advance as much (give or take) */
    uint64_t m0 = mtime();
    while (mtime() - m0 < MTIME_HZ / 5) {
    }
    uint64_t t1 = rtc_read_ns(&faulted);
    uint64_t m1 = mtime();
    uint64_t rtc_ms = (t1 - t0) / 1000000, timer_ms = (m1 - m0) * 1000 / MTIME_HZ;
    check(5, !faulted && t1 > t0, "the time goes forward");
    check(6, rtc_ms + 50 >= timer_ms && rtc_ms <= timer_ms + 50,
          "it advances at the rate of the CLINT's timer (within 50 ms over 200 ms)");

    puts_uart("lab2: time ");
    putdec(t1 / 1000000000ull);
    puts_uart(" s since 1970\n");
    test_pass("lab2");
}
