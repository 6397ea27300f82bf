/*
 * frontends/system/display.h — the machine's screen and keyboard on the host.
 *
 * Two threads share a display: the guest's (the run loop, frontends/system/system.c)
 * and the window's (frontends/system/sdl_window.c), which owns SDL: it creates the
 * window, handles its events and draws, so drawing never stops the guest.
 * They meet in a mutex-protected "front buffer":
 *   - the run loop calls display_poll() after every return from the
 *     engine; about 60 times a second it asks the MMU which framebuffer
 *     pages the guest wrote (the dirty log) and copies just those rows to
 *     the front buffer;
 *   - the window thread uploads the changed rows to a texture and presents
 *     it, scaled to the window;
 *   - keys typed in the window queue up the other way: display_poll() hands
 *     them to the key device and, as bytes, to the UART.
 */
#ifndef RVDBT_FRONTENDS_DISPLAY_H
#define RVDBT_FRONTENDS_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>

#include "frontends/system/machine.h"

enum display_kind { DISPLAY_NONE, DISPLAY_SDL };

struct display;

/* Opens the window showing m's framebuffer.  NULL with a one-line reason
 * in err if it cannot (no display, no framebuffer, out of memory). */
struct display *display_open(struct machine *m, const char *title, char *err, size_t errlen);
/* The run loop's share of the work (see above).  Returns false once the
 * window has been closed: the run should end. */
bool display_poll(struct display *d, struct machine *m);
/* Closes the window and waits for its thread.  NULL is fine. */
void display_close(struct display *d);

#endif
