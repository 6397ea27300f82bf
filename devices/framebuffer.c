/*
 * devices/framebuffer.c — the framebuffer's size rules and its pixel memory.
 *
 * The memory is an anonymous mapping: zero (black) to start with, and
 * page-aligned, as the bus and the MMU's per-page dirty log need.
 */
#include "devices/framebuffer.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "mmu/mmu.h"

bool dev_fb_parse_size(const char *s, uint32_t *w, uint32_t *h, char *err, size_t errlen)
{
    char *end;
    unsigned long a = strtoul(s, &end, 10);
    if (end == s || (*end != 'x' && *end != 'X')) {
        snprintf(err, errlen, "bad -fb size '%s' (use WIDTHxHEIGHT, e.g. 640x480)", s);
        return false;
    }
    const char *hs = end + 1;
    unsigned long b = strtoul(hs, &end, 10);
    if (end == hs || *end) {
        snprintf(err, errlen, "bad -fb size '%s' (use WIDTHxHEIGHT, e.g. 640x480)", s);
        return false;
    }
    if (a < FB_MIN_SIDE || b < FB_MIN_SIDE || a > FB_MAX_WIDTH || b > FB_MAX_HEIGHT) {
        snprintf(err, errlen, "unsupported -fb size '%s' (width %d..%d, height %d..%d)", s, FB_MIN_SIDE, FB_MAX_WIDTH,
                 FB_MIN_SIDE, FB_MAX_HEIGHT);
        return false;
    }
    *w = (uint32_t)a;
    *h = (uint32_t)b;
    return true;
}

bool dev_fb_create(struct framebuffer *fb, uint32_t width, uint32_t height)
{
    fb->width = width;
    fb->height = height;
    fb->stride = 4 * width;
    fb->size = ((uint64_t)fb->stride * height + MMU_PAGE_MASK) & ~MMU_PAGE_MASK;
    void *p = mmap(NULL, fb->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    fb->pixels = p == MAP_FAILED ? NULL : p;
    return fb->pixels != NULL;
}

void dev_fb_destroy(struct framebuffer *fb)
{
    if (fb->pixels) munmap(fb->pixels, fb->size);
    fb->pixels = NULL;
}

void dev_fb_clear(struct framebuffer *fb)
{
    if (fb->pixels) madvise(fb->pixels, fb->size, MADV_DONTNEED); /* fresh pages read as zero */
}
