/*
 * devices/framebuffer.h — a linear XRGB8888 framebuffer (simple-framebuffer).
 *
 * The pixels are plain host memory registered on the bus as RAM at
 * FB_BASE, so guest loads and stores reach them through the TLB like any
 * other memory, on the fast path, in the interpreter and in translated
 * code alike.  A device with read/write callbacks would cost a slow-path
 * call per pixel (hundreds of host instructions): too slow for animation.
 * What a display needs to know — which parts changed since it last looked
 * — comes from the MMU's dirty log over this region (mmu/mmu_system.h),
 * which costs one slow-path store per written page per refresh.
 *
 * Pixel (x, y) is the 32-bit little-endian word at FB_BASE + y*stride + 4*x:
 * 0x00RRGGBB (the top byte is ignored).  The device tree describes it as
 * compatible = "simple-framebuffer", format = "x8r8g8b8".
 *
 * FB_BASE 0x2800_0000 is free in QEMU's virt map: after the two 32 MiB
 * flash banks (0x2000_0000) and before PCIe ECAM (0x3000_0000), which
 * leaves FB_REGION (128 MiB) for the largest framebuffer.
 */
#ifndef RVDBT_DEVICES_FRAMEBUFFER_H
#define RVDBT_DEVICES_FRAMEBUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FB_BASE 0x28000000ull
#define FB_REGION 0x08000000ull
#define FB_DEFAULT_WIDTH 640
#define FB_DEFAULT_HEIGHT 480
#define FB_MIN_SIDE 16
#define FB_MAX_WIDTH 3840
#define FB_MAX_HEIGHT 2160

struct framebuffer {
    uint32_t width, height, stride; /* stride in bytes: 4 * width */
    uint64_t size;                  /* bytes mapped, whole pages */
    uint8_t *pixels;                /* host memory, registered on the bus as RAM */
};

/* "WxH" within the limits above.  False (with a reason in err) otherwise. */
bool dev_fb_parse_size(const char *s, uint32_t *w, uint32_t *h, char *err, size_t errlen);
/* Allocates zeroed (black) pixels.  False if out of memory. */
bool dev_fb_create(struct framebuffer *fb, uint32_t width, uint32_t height);
void dev_fb_destroy(struct framebuffer *fb);
/* Back to black (machine reset). */
void dev_fb_clear(struct framebuffer *fb);

#endif
