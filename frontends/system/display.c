/*
 * frontends/system/display.c — the run loop's side of the display: publishing the
 * framebuffer's changes to the window thread and taking its keys.
 *
 * Publishing reads the guest's pixels, so it happens on the guest's own
 * thread, between runs of the engine (never while translated code may be
 * storing to them), and only the rows of pages the MMU saw written since
 * the last time are copied.
 */
#include "frontends/system/display.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontends/system/display_internal.h"
#include "mmu/mmu_system.h"

#define PUBLISH_INTERVAL (1.0 / 60)

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void free_display(struct display *d)
{
    free(d->pages);
    free(d->front);
    pthread_mutex_destroy(&d->lock);
    pthread_cond_destroy(&d->ready_cond);
    free(d);
}

struct display *display_open(struct machine *m, const char *title, char *err, size_t errlen)
{
    if (!m->fb.pixels) {
        snprintf(err, errlen, "-display sdl: the machine has no framebuffer");
        return NULL;
    }
    /* Without these SDL would fall back to an off-screen driver: a window no one sees. */
    const char *x11 = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY"), *drv = getenv("SDL_VIDEODRIVER");
    if (!(x11 && *x11) && !(wl && *wl) && !(drv && *drv)) {
        snprintf(err, errlen, "-display sdl: cannot open a window: DISPLAY is not set (use -display none)");
        return NULL;
    }
    struct display *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, errlen, "-display sdl: out of memory");
        return NULL;
    }
    pthread_mutex_init(&d->lock, NULL);
    pthread_cond_init(&d->ready_cond, NULL);
    d->width = m->fb.width;
    d->height = m->fb.height;
    d->stride = m->fb.stride;
    snprintf(d->title, sizeof d->title, "rvdbt: %s", title);
    d->front = calloc(m->fb.size, 1);
    d->pages = calloc(m->fb.size >> MMU_PAGE_SHIFT, 1);
    if (!d->front || !d->pages || !mmu_sys_log_dirty(m->mmu, FB_BASE)) {
        snprintf(err, errlen, "-display sdl: out of memory");
        free_display(d);
        return NULL;
    }
    /* The window thread must not take the run loop's 1 ms SIGALRM ticks: it inherits this mask. */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    int r = pthread_create(&d->thread, NULL, sdl_window_thread, d);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (r != 0) {
        snprintf(err, errlen, "-display sdl: cannot start the window thread");
        free_display(d);
        return NULL;
    }
    pthread_mutex_lock(&d->lock);
    while (!d->ready) pthread_cond_wait(&d->ready_cond, &d->lock);
    pthread_mutex_unlock(&d->lock);
    if (d->ready < 0) {
        pthread_join(d->thread, NULL);
        snprintf(err, errlen, "%s", d->err);
        free_display(d);
        return NULL;
    }
    d->next_publish = now_seconds();
    return d;
}

/* Copies the rows of the pages written since the last call to the front buffer. */
static void publish(struct display *d, struct machine *m)
{
    uint64_t pages = m->fb.size >> MMU_PAGE_SHIFT;
    mmu_sys_collect_dirty(m->mmu, d->pages);
    uint64_t first = pages, last = 0;
    for (uint64_t p = 0; p < pages; p++)
        if (d->pages[p]) {
            if (first == pages) first = p;
            last = p;
        }
    if (first == pages) return;
    uint32_t lo = (uint32_t)((first << MMU_PAGE_SHIFT) / d->stride);
    uint32_t hi = (uint32_t)((((last + 1) << MMU_PAGE_SHIFT) - 1) / d->stride) + 1;
    if (hi > d->height) hi = d->height;
    if (lo >= hi) return;
    pthread_mutex_lock(&d->lock);
    memcpy(d->front + (size_t)lo * d->stride, m->fb.pixels + (size_t)lo * d->stride, (size_t)(hi - lo) * d->stride);
    if (d->dirty_lo >= d->dirty_hi) d->dirty_lo = lo, d->dirty_hi = hi;
    if (lo < d->dirty_lo) d->dirty_lo = lo;
    if (hi > d->dirty_hi) d->dirty_hi = hi;
    pthread_mutex_unlock(&d->lock);
}

bool display_poll(struct display *d, struct machine *m)
{
    double now = now_seconds();
    if (now >= d->next_publish) {
        publish(d, m);
        d->next_publish = now + PUBLISH_INTERVAL;
    }
    pthread_mutex_lock(&d->lock);
    bool open = !d->closed;
    for (unsigned i = 0; i < d->n_keys; i++) dev_kbd_push(&m->kbd, d->keys[i]);
    d->n_keys = 0;
    unsigned n = dev_uart_rx_room(&m->uart);
    if (n > d->n_bytes) n = d->n_bytes;
    for (unsigned i = 0; i < n; i++) dev_uart_receive(&m->uart, d->bytes[i]);
    memmove(d->bytes, d->bytes + n, d->n_bytes - n);
    d->n_bytes -= n;
    pthread_mutex_unlock(&d->lock);
    return open;
}

void display_close(struct display *d)
{
    if (!d) return;
    pthread_mutex_lock(&d->lock);
    d->stop = true;
    pthread_mutex_unlock(&d->lock);
    pthread_join(d->thread, NULL);
    free_display(d);
}
