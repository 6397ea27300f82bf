/*
 * devices/sifive_test.c — decoding the power-off/reboot command.
 */
#include "devices/sifive_test.h"

bool dev_sifive_test_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    (void)opaque, (void)offset, (void)size;
    *val = 0;
    return true;
}

bool dev_sifive_test_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    struct sifive_test *t = opaque;
    if (offset != 0 || size < 2) return true; /* ignored (OpenSBI writes 16 bits) */
    switch (val & 0xffff) {
    case 0x5555:
        t->event = SIFIVE_TEST_POWEROFF;
        t->exit_status = 0;
        break;
    case 0x3333:
        t->event = SIFIVE_TEST_POWEROFF;
        t->exit_status = (int)((val >> 16) & 0xffff);
        break;
    case 0x7777: t->event = SIFIVE_TEST_REBOOT; break;
    default: break;
    }
    return true;
}
