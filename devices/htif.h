/*
 * devices/htif.h — the host-target interface of bare-metal test programs.
 *
 * Not a device on the bus: two 64-bit words in the program's own memory,
 * `tohost` and `fromhost`, found through the ELF's symbols.  The MMU calls
 * the machine after every store to tohost; this file decodes the command:
 *   bit 0 set, device 0:      exit with status value >> 1 (the riscv-tests
 *                             convention: 1 means pass, (n << 1) | 1 fails test n)
 *   device 1, command 1:      write the low byte to the console
 */
#ifndef RVDBT_DEVICES_HTIF_H
#define RVDBT_DEVICES_HTIF_H

#include <stdbool.h>
#include <stdint.h>

enum htif_action { HTIF_NONE, HTIF_EXIT, HTIF_PUTCHAR };

struct htif_command {
    enum htif_action action;
    int exit_status;
    uint8_t byte;
};

/* Decodes a tohost value (0 means no command). */
struct htif_command dev_htif_decode(uint64_t tohost);

#endif
