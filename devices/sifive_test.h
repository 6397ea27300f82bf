/*
 * devices/sifive_test.h — the SiFive test device (power-off and reboot), at 0x100000.
 *
 * A 32-bit write to offset 0: low half 0x5555 = power off with success,
 * 0x3333 = power off with failure code (high half), 0x7777 = reboot.
 * Linux's syscon-poweroff/syscon-reboot drivers write 0x5555/0x7777.
 */
#ifndef RVDBT_DEVICES_SIFIVE_TEST_H
#define RVDBT_DEVICES_SIFIVE_TEST_H

#include <stdbool.h>
#include <stdint.h>

#define SIFIVE_TEST_BASE 0x100000ull
#define SIFIVE_TEST_SIZE 0x1000ull

enum sifive_test_event { SIFIVE_TEST_NONE, SIFIVE_TEST_POWEROFF, SIFIVE_TEST_REBOOT };

struct sifive_test {
    enum sifive_test_event event; /* what the guest asked for (the machine acts on it) */
    int exit_status;
};

bool dev_sifive_test_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val);
bool dev_sifive_test_write(void *opaque, uint64_t offset, unsigned size, uint64_t val);

#endif
