/*
 * testsuite/demo/fb/fbrt.h — what the framebuffer demos share: finding the
 * framebuffer and the boot arguments in the device tree, drawing, and the
 * key device (docs/keyboard.md).  Built with the bare-metal test runtime
 * (testsuite/system/rt) into build/demos/NAME.elf.
 */
#ifndef FBRT_H
#define FBRT_H

#include <stdint.h>

#include "rt.h"

#define KBD 0x10010000ul
#define KBD_STATUS (KBD + 0)
#define KBD_DATA (KBD + 4)
#define KBD_CTRL (KBD + 8)
#define KBD_IRQ 12
#define KEY_UP 0x100
#define KEY_DOWN 0x101
#define KEY_LEFT 0x102
#define KEY_RIGHT 0x103
#define KEY_RELEASED 0x10000u

struct fb {
    volatile uint32_t *pixels;
    uint32_t width, height, stride; /* stride in bytes */
};

/* Reads the device tree at `dtb` (a1 at reset): the simple-framebuffer node
 * into *fb (pixels NULL if there is none) and /chosen/bootargs. */
void fdt_scan(uint64_t dtb, struct fb *fb);
/* The value of "NAME=number" in the boot arguments, or `dflt`. */
uint64_t bootarg(const char *name, uint64_t dflt);
/* Is the bare word `name` among the boot arguments? */
int bootflag(const char *name);

static inline void fb_put(const struct fb *fb, uint32_t x, uint32_t y, uint32_t rgb)
{
    fb->pixels[y * (fb->stride / 4) + x] = rgb;
}
void fb_rect(const struct fb *fb, uint32_t x, uint32_t y, uint32_t w, uint32_t h, uint32_t rgb);

/* Sleeps (wfi) until the CLINT's timer passes `ticks` from now, with
 * interrupts globally off: wfi wakes on a pending enabled interrupt. */
void sleep_ticks(uint64_t ticks);

#endif
