/*
 * frontends/system/initrd_check.h — is an initrd image complete?
 *
 * A truncated initrd (an interrupted download or copy) would otherwise be
 * found only by the guest kernel, deep in its boot log ("junk in compressed
 * archive").  rvdbt checks the two formats it can read cheaply before
 * starting the machine: a gzip stream must reach its end, and a "newc" cpio
 * archive must reach its TRAILER!!! entry.  Other formats are not checked.
 */
#ifndef RVDBT_FRONTENDS_INITRD_CHECK_H
#define RVDBT_FRONTENDS_INITRD_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* False, with the reason in why[], if the image is recognisably truncated. */
bool initrd_complete(const uint8_t *data, size_t size, char *why, size_t why_len);

#endif
