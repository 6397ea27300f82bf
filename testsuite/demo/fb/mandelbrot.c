/*
 * testsuite/demo/fb/mandelbrot.c — an animated zoom into the Mandelbrot set.
 *
 * Fixed-point arithmetic (Q4.28 in 64-bit integers), so every pixel is
 * exactly reproducible: testsuite/framebuffer/fbcheck.py computes the same
 * pixels on the host and compares them with rvdbt's screenshots.
 * Frame f shows the span 3.5 * k (k = (15/16)^f, by repeated k -= k/16)
 * around a centre that moves from (-0.75, 0) towards a point on the
 * boundary; the zoom starts over when the pixels get too small for Q28.
 *
 * Boot arguments (-append): frames=N renders N frames, prints the frame
 * rate and powers off (without it the animation runs until the window is
 * closed); hold keeps the last frame on screen instead of powering off.
 */
#include "fbrt.h"

#define ONE (1l << 28)
#define MAX_ITER 64
#define CX0 (-(3l << 28) / 4) /* -0.75 */
#define CXZ (-199622639l)      /* -0.743643887 * 2^28 */
#define CYZ (35386734l)        /*  0.131825904 * 2^28 */

static uint32_t colour(int n)
{
    if (n == MAX_ITER) return 0;
    uint32_t r = n < 32 ? (uint32_t)n * 8 : 255;
    uint32_t g = n < 32 ? (uint32_t)n * 4 : 128 + (uint32_t)(n - 32) * 4;
    uint32_t b = n < 32 ? 128 + (uint32_t)n * 4 : 255 - (uint32_t)(n - 32) * 8;
    return r << 16 | g << 8 | b;
}

static int iterations(int64_t cx, int64_t cy)
{
    int64_t zx = 0, zy = 0;
    int n = 0;
    while (n < MAX_ITER) {
        int64_t zx2 = (zx * zx) >> 28, zy2 = (zy * zy) >> 28;
        if (zx2 + zy2 > 4 * ONE) break;
        zy = ((zx * zy) >> 27) + cy;
        zx = zx2 - zy2 + cx;
        n++;
    }
    return n;
}

static void render(const struct fb *fb, int64_t k)
{
    int64_t span = (7l << 27) * k >> 28; /* 3.5 * k */
    int64_t centre_x = CXZ + (((CX0 - CXZ) * k) >> 28);
    int64_t centre_y = CYZ + (((0 - CYZ) * k) >> 28);
    int64_t d = span / fb->width;
    int64_t x0 = centre_x - d * (fb->width / 2), y0 = centre_y - d * (fb->height / 2);
    for (uint32_t y = 0; y < fb->height; y++)
        for (uint32_t x = 0; x < fb->width; x++)
            fb_put(fb, x, y, colour(iterations(x0 + d * x, y0 + d * y)));
}

int main(uint64_t hartid, uint64_t dtb)
{
    (void)hartid;
    struct fb fb;
    fdt_scan(dtb, &fb);
    if (!fb.pixels) {
        puts_uart("mandelbrot: no simple-framebuffer in the device tree\n");
        return 1;
    }
    uint64_t frames = bootarg("frames", 0);
    puts_uart("mandelbrot: ");
    putdec(fb.width);
    puts_uart("x");
    putdec(fb.height);
    puts_uart(" framebuffer at ");
    puthex((uint64_t)(uintptr_t)fb.pixels);
    puts_uart("\n");
    uint64_t start = mtime();
    int64_t k = ONE;
    for (uint64_t f = 0; !frames || f < frames; f++) {
        render(&fb, k);
        k -= k / 16;
        if ((7l << 27) * k >> 28 < 64 * (int64_t)fb.width) k = ONE; /* pixels below 64/2^28: start over */
    }
    uint64_t ms = (mtime() - start) / 10000; /* the CLINT counts at 10 MHz */
    puts_uart("mandelbrot: ");
    putdec(frames);
    puts_uart(" frames in ");
    putdec(ms);
    puts_uart(" ms, ");
    putdec(ms ? frames * 100000 / ms / 100 : 0);
    puts_uart(".");
    uint64_t centi = ms ? frames * 100000 / ms % 100 : 0;
    putdec(centi / 10);
    putdec(centi % 10);
    puts_uart(" frames/s\n");
    if (bootflag("hold"))
        for (;;) sleep_ticks(10000000);
    return 0;
}
