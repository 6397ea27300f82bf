/*
 * frontends/system/console.c — raw terminal mode, the Ctrl-A escape, buffered output.
 */
#include "frontends/system/console.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#define CTRL_A 1

static struct termios saved;
static bool is_tty, raw, input_open = true, escape_pending, output_dirty;

static void restore_terminal(void)
{
    if (raw) tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    raw = false;
}

void console_init(void)
{
    is_tty = isatty(STDIN_FILENO);
    if (!is_tty || tcgetattr(STDIN_FILENO, &saved) != 0) return;
    struct termios t = saved;
    cfmakeraw(&t);
    t.c_oflag |= OPOST | ONLCR; /* bare-metal programs print "\n" alone */
    if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0) {
        raw = true;
        atexit(restore_terminal);
    }
}

bool console_input_open(void) { return input_open; }

bool console_wait(int timeout_ms)
{
    if (!input_open) {
        if (timeout_ms > 0) poll(NULL, 0, timeout_ms);
        return false;
    }
    struct pollfd p = {STDIN_FILENO, POLLIN, 0};
    int r = poll(&p, 1, timeout_ms);
    if (r > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR))) return true;
    return false;
}

unsigned console_read(uint8_t *buf, unsigned room, enum console_event *event)
{
    *event = CONSOLE_NONE;
    if (!input_open || room == 0) return 0;
    uint8_t in[16];
    ssize_t n = read(STDIN_FILENO, in, room < sizeof in ? room : sizeof in);
    if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
        input_open = false;
        return 0;
    }
    if (n < 0) return 0;
    unsigned out = 0;
    for (ssize_t i = 0; i < n; i++) {
        if (!is_tty) {
            buf[out++] = in[i];
            continue;
        }
        if (escape_pending) {
            escape_pending = false;
            if (in[i] == 'x' || in[i] == 'X') *event = CONSOLE_QUIT;
            else if (in[i] == 'c' || in[i] == 'C') *event = CONSOLE_STATS;
            else if (in[i] == CTRL_A) buf[out++] = CTRL_A;
            continue;
        }
        if (in[i] == CTRL_A) escape_pending = true;
        else buf[out++] = in[i];
    }
    return out;
}

void console_output(void *opaque, uint8_t byte)
{
    (void)opaque;
    putchar(byte);
    output_dirty = true;
    /* A whole line goes out at once, so that what rvdbt itself prints on
     * stderr (a device model's complaint) comes after the guest's lines
     * written before it; a partial line (a prompt) waits for the machine
     * loop's flush, once per tick (system.c).  Flushed byte by byte, Linux's
     * boot log was 15,000 write calls. */
    if (byte == '\n') console_flush();
}

void console_flush(void)
{
    if (output_dirty) fflush(stdout);
    output_dirty = false;
}
