/*
 * frontends/system/console.h — the host side of the guest's UART.
 *
 * When stdin is a terminal it is put in raw mode (restored at exit) so
 * every key goes to the guest, and Ctrl-A is an escape: Ctrl-A X quits,
 * Ctrl-A C prints engine statistics, Ctrl-A Ctrl-A sends a Ctrl-A.  When
 * stdin is a pipe or a file, its bytes go to the guest as they are (that
 * is how tests type commands), and end of file just means no more input.
 */
#ifndef RVDBT_FRONTENDS_CONSOLE_H
#define RVDBT_FRONTENDS_CONSOLE_H

#include <stdbool.h>
#include <stdint.h>

enum console_event { CONSOLE_NONE, CONSOLE_QUIT, CONSOLE_STATS };

void console_init(void);
/* Waits up to timeout_ms (0: just poll) for input.  Returns true if a byte
 * can be read now. */
bool console_wait(int timeout_ms);
/* Reads up to `room` bytes into buf; *event reports an escape command. */
unsigned console_read(uint8_t *buf, unsigned room, enum console_event *event);
/* Still open: not at end of file. */
bool console_input_open(void);
void console_output(void *opaque, uint8_t byte);
void console_flush(void);

#endif
