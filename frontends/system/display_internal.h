/*
 * frontends/system/display_internal.h — the state the run loop's side of a display
 * (frontends/system/display.c) shares with the window thread (frontends/system/sdl_window.c).
 *
 * Every field below `lock` is read and written only with the lock held;
 * the run-loop-only fields are touched by the guest's thread alone.
 */
#ifndef RVDBT_FRONTENDS_DISPLAY_INTERNAL_H
#define RVDBT_FRONTENDS_DISPLAY_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#define DISPLAY_KEY_QUEUE 256
#define DISPLAY_BYTE_QUEUE 256

struct display {
    /* fixed at open */
    uint32_t width, height, stride;
    char title[160];
    pthread_t thread;
    /* run-loop only */
    uint8_t *pages; /* the dirty log's scratch copy, one byte per framebuffer page */
    double next_publish;

    pthread_mutex_t lock;
    pthread_cond_t ready_cond;
    int ready; /* 0: the window thread is starting, 1: running, -1: it failed (see err) */
    char err[240];
    uint8_t *front;            /* the window's copy of the pixels, stride bytes per row */
    uint32_t dirty_lo, dirty_hi; /* rows [lo, hi) of front not yet uploaded (lo >= hi: none) */
    bool stop;                 /* run loop -> window: close */
    bool closed;               /* window -> run loop: the user closed the window */
    uint32_t keys[DISPLAY_KEY_QUEUE]; /* key device events (devices/keyboard.h) */
    unsigned n_keys;
    uint8_t bytes[DISPLAY_BYTE_QUEUE]; /* bytes for the UART, oldest first */
    unsigned n_bytes;
};

/* The window thread (frontends/system/sdl_window.c): creates the window, reports
 * through ready/err, then runs until `stop`. */
void *sdl_window_thread(void *display);

#endif
