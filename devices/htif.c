/*
 * devices/htif.c — decoding HTIF tohost commands.
 */
#include "devices/htif.h"

struct htif_command dev_htif_decode(uint64_t tohost)
{
    unsigned device = (unsigned)(tohost >> 56), command = (unsigned)(tohost >> 48) & 0xff;
    uint64_t payload = tohost & ((1ull << 48) - 1);
    if (device == 0 && (payload & 1)) return (struct htif_command){HTIF_EXIT, (int)((payload >> 1) & 0xff), 0};
    if (device == 1 && command == 1) return (struct htif_command){HTIF_PUTCHAR, 0, (uint8_t)payload};
    return (struct htif_command){HTIF_NONE, 0, 0};
}
