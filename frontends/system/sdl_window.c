/*
 * frontends/system/sdl_window.c — the SDL2 window thread: events, keys, drawing.
 *
 * This thread owns every SDL object (SDL wants one thread to do all of a
 * window's work).  It wakes every few milliseconds for events and, at most
 * 60 times a second, uploads the front buffer's changed rows to a
 * streaming texture and presents it scaled to the window (the renderer's
 * logical size keeps the aspect ratio when the window is resized).
 * F12 writes a screenshot of what the window shows.
 */
#include <SDL.h>
#include <stdio.h>

#include "frontends/system/sdl_dyn.h" /* (SDL_* calls go through the library opened at run time) */
#include <string.h>

#include "devices/keyboard.h"
#include "frontends/system/display_internal.h"
#include "frontends/system/screenshot.h"

#define FRAME_MS 16
#define EVENT_WAIT_MS 5

struct window {
    struct display *d;
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *tex;
    int shots;
};

/* Key device code of an SDL key, 0 if the device has none. */
static uint32_t key_code(SDL_Keycode k)
{
    if (k >= 32 && k < 127) return (uint32_t)k; /* SDL's codes for these keys are their ASCII characters */
    switch (k) {
    case SDLK_RETURN: case SDLK_KP_ENTER: return 13;
    case SDLK_BACKSPACE: return 8;
    case SDLK_TAB: return 9;
    case SDLK_ESCAPE: return 27;
    case SDLK_UP: return KEY_UP;
    case SDLK_DOWN: return KEY_DOWN;
    case SDLK_LEFT: return KEY_LEFT;
    case SDLK_RIGHT: return KEY_RIGHT;
    default: return 0;
    }
}

/* What a terminal would send for keys that produce no text input event. */
static const char *key_bytes(const SDL_KeyboardEvent *e, char *buf)
{
    SDL_Keycode k = e->keysym.sym;
    if ((e->keysym.mod & KMOD_CTRL) && k >= 'a' && k <= 'z') {
        buf[0] = (char)(k & 0x1f);
        buf[1] = 0;
        return buf;
    }
    switch (k) {
    case SDLK_RETURN: case SDLK_KP_ENTER: return "\r";
    case SDLK_BACKSPACE: return "\x7f";
    case SDLK_TAB: return "\t";
    case SDLK_ESCAPE: return "\x1b";
    case SDLK_UP: return "\x1b[A";
    case SDLK_DOWN: return "\x1b[B";
    case SDLK_RIGHT: return "\x1b[C";
    case SDLK_LEFT: return "\x1b[D";
    default: return "";
    }
}

static void queue_bytes(struct display *d, const char *s)
{
    pthread_mutex_lock(&d->lock);
    for (; *s && d->n_bytes < DISPLAY_BYTE_QUEUE; s++) d->bytes[d->n_bytes++] = (uint8_t)*s;
    pthread_mutex_unlock(&d->lock);
}

static void queue_key(struct display *d, uint32_t event)
{
    pthread_mutex_lock(&d->lock);
    if (d->n_keys < DISPLAY_KEY_QUEUE) d->keys[d->n_keys++] = event;
    pthread_mutex_unlock(&d->lock);
}

static void screenshot(struct window *w)
{
    struct display *d = w->d;
    char path[64], err[300];
    snprintf(path, sizeof path, "rvdbt-screenshot-%d.png", ++w->shots);
    pthread_mutex_lock(&d->lock);
    bool ok = screenshot_write_png(path, d->front, d->width, d->height, d->stride, err, sizeof err);
    pthread_mutex_unlock(&d->lock);
    if (ok) fprintf(stderr, "rvdbt: screenshot written to %s\n", path);
    else fprintf(stderr, "rvdbt: %s\n", err);
}

/* Returns true if the window must be redrawn. */
static bool handle(struct window *w, const SDL_Event *e)
{
    struct display *d = w->d;
    switch (e->type) {
    case SDL_QUIT:
        pthread_mutex_lock(&d->lock);
        d->closed = true;
        pthread_mutex_unlock(&d->lock);
        return false;
    case SDL_WINDOWEVENT: return true; /* exposed, resized, ...: draw again */
    case SDL_KEYDOWN: {
        if (e->key.keysym.sym == SDLK_F12) {
            if (!e->key.repeat) screenshot(w);
            return false;
        }
        uint32_t code = key_code(e->key.keysym.sym);
        if (code) queue_key(d, code);
        char buf[2];
        queue_bytes(d, key_bytes(&e->key, buf));
        return false;
    }
    case SDL_KEYUP: {
        uint32_t code = key_code(e->key.keysym.sym);
        if (code) queue_key(d, code | KEY_RELEASED);
        return false;
    }
    case SDL_TEXTINPUT: queue_bytes(d, e->text.text); return false;
    default: return false;
    }
}

/* Uploads the changed rows; true if there were any. */
static bool upload(struct window *w)
{
    struct display *d = w->d;
    bool changed = false;
    pthread_mutex_lock(&d->lock);
    if (d->dirty_lo < d->dirty_hi) {
        SDL_Rect r = {0, (int)d->dirty_lo, (int)d->width, (int)(d->dirty_hi - d->dirty_lo)};
        SDL_UpdateTexture(w->tex, &r, d->front + (size_t)d->dirty_lo * d->stride, (int)d->stride);
        d->dirty_lo = d->dirty_hi = 0;
        changed = true;
    }
    pthread_mutex_unlock(&d->lock);
    return changed;
}

static bool create(struct window *w)
{
    struct display *d = w->d;
    if (!sdl_dyn_load(d->err, sizeof d->err)) return false;
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1"); /* Ctrl-C stays the terminal's */
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        snprintf(d->err, sizeof d->err, "-display sdl: cannot open a window: %s", SDL_GetError());
        return false;
    }
    int scale = (int)(640 / d->width);
    if (scale < 1) scale = 1;
    if (scale > 4) scale = 4;
    w->win = SDL_CreateWindow(d->title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, (int)d->width * scale,
                              (int)d->height * scale, SDL_WINDOW_RESIZABLE);
    /* the software renderer: no GPU driver to load (or to leak), and plenty for 60 Hz */
    if (w->win) w->ren = SDL_CreateRenderer(w->win, -1, SDL_RENDERER_SOFTWARE);
    if (w->ren) w->tex = SDL_CreateTexture(w->ren, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STREAMING, (int)d->width,
                                           (int)d->height);
    if (!w->tex) {
        snprintf(d->err, sizeof d->err, "-display sdl: cannot create the window: %s", SDL_GetError());
        return false;
    }
    SDL_RenderSetLogicalSize(w->ren, (int)d->width, (int)d->height);
    return true;
}

/* The window goes; SDL itself stays initialised until the process exits:
 * SDL_Quit would unload the X11 libraries SDL opened with dlopen, and the
 * few allocations they keep would then show up in LeakSanitizer's report
 * as leaks in unknown modules, which nothing can suppress. */
static void destroy(struct window *w)
{
    if (w->tex) SDL_DestroyTexture(w->tex);
    if (w->ren) SDL_DestroyRenderer(w->ren);
    if (w->win) SDL_DestroyWindow(w->win);
}

/* LeakSanitizer (make test SANITIZE=1) asks for this: SDL and the D-Bus
 * library it loads keep a few allocations for the life of the process. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libSDL2-2.0.so\nleak:libdbus-1.so\n"; }
const char *__lsan_default_options(void);
const char *__lsan_default_options(void) { return "print_suppressions=0"; }

static void draw(struct window *w)
{
    SDL_SetRenderDrawColor(w->ren, 0, 0, 0, 255);
    SDL_RenderClear(w->ren);
    SDL_RenderCopy(w->ren, w->tex, NULL, NULL);
    SDL_RenderPresent(w->ren);
}

void *sdl_window_thread(void *arg)
{
    struct window w = {.d = arg};
    struct display *d = w.d;
    bool ok = create(&w);
    pthread_mutex_lock(&d->lock);
    d->ready = ok ? 1 : -1;
    pthread_cond_signal(&d->ready_cond);
    pthread_mutex_unlock(&d->lock);
    if (!ok) {
        destroy(&w);
        return NULL;
    }
    bool redraw = true;
    uint32_t last = 0;
    for (;;) {
        pthread_mutex_lock(&d->lock);
        bool stop = d->stop;
        pthread_mutex_unlock(&d->lock);
        if (stop) break;
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, EVENT_WAIT_MS)) {
            redraw |= handle(&w, &e);
            while (SDL_PollEvent(&e)) redraw |= handle(&w, &e);
        }
        uint32_t now = SDL_GetTicks();
        if (now - last < FRAME_MS) continue;
        last = now;
        redraw |= upload(&w);
        if (redraw) draw(&w);
        redraw = false;
    }
    destroy(&w);
    return NULL;
}
