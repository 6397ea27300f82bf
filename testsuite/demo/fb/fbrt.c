/*
 * testsuite/demo/fb/fbrt.c — device-tree scanning, rectangles, sleeping.
 *
 * The device-tree walk is the smallest that works on a tree rvdbt or QEMU
 * writes: a flat pass over the structure block, remembering the
 * properties of the node being read and keeping them when the node ends
 * if its compatible string was "simple-framebuffer".
 */
#include "fbrt.h"

static const char *bootargs = "";

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

static int streq(const char *a, const char *b)
{
    while (*a && *a == *b) a++, b++;
    return *a == *b;
}

void fdt_scan(uint64_t dtb, struct fb *fb)
{
    const uint8_t *fdt = (const uint8_t *)dtb;
    fb->pixels = 0;
    if (be32(fdt) != 0xd00dfeed) return;
    const uint8_t *p = fdt + be32(fdt + 8);
    const char *strings = (const char *)fdt + be32(fdt + 12);
    struct fb cur = {0};
    int is_fb = 0;
    for (;;) {
        uint32_t tok = be32(p);
        p += 4;
        if (tok == 1) { /* BEGIN_NODE: name, NUL-padded to 4 bytes */
            while (*p) p++;
            p = (const uint8_t *)(((uintptr_t)p + 4) & ~(uintptr_t)3);
            is_fb = 0;
            cur = (struct fb){0};
        } else if (tok == 2) { /* END_NODE */
            if (is_fb) *fb = cur;
            is_fb = 0;
        } else if (tok == 3) { /* PROP: len, name offset, value */
            uint32_t len = be32(p);
            const char *name = strings + be32(p + 4);
            const uint8_t *v = p + 8;
            if (streq(name, "compatible") && streq((const char *)v, "simple-framebuffer")) is_fb = 1;
            else if (streq(name, "reg") && len >= 8)
                cur.pixels = (volatile uint32_t *)(uintptr_t)((uint64_t)be32(v) << 32 | be32(v + 4));
            else if (streq(name, "width")) cur.width = be32(v);
            else if (streq(name, "height")) cur.height = be32(v);
            else if (streq(name, "stride")) cur.stride = be32(v);
            else if (streq(name, "bootargs")) bootargs = (const char *)v;
            p = v + ((len + 3) & ~3u);
        } else if (tok != 4) { /* END (9) or anything unexpected */
            break;
        }
    }
}

/* The start of the word `name` (followed by '=' or the end of a word), or 0. */
static const char *find_arg(const char *name, char follow)
{
    for (const char *s = bootargs; *s;) {
        while (*s == ' ') s++;
        const char *a = s, *n = name;
        while (*n && *a == *n) a++, n++;
        if (!*n && (*a == follow || (follow == ' ' && !*a))) return a;
        while (*s && *s != ' ') s++;
    }
    return 0;
}

uint64_t bootarg(const char *name, uint64_t dflt)
{
    const char *a = find_arg(name, '=');
    if (!a) return dflt;
    uint64_t v = 0;
    for (a++; *a >= '0' && *a <= '9'; a++) v = v * 10 + (uint64_t)(*a - '0');
    return v;
}

int bootflag(const char *name) { return find_arg(name, ' ') != 0; }

void fb_rect(const struct fb *fb, uint32_t x, uint32_t y, uint32_t w, uint32_t h, uint32_t rgb)
{
    for (uint32_t j = y; j < y + h && j < fb->height; j++)
        for (uint32_t i = x; i < x + w && i < fb->width; i++) fb_put(fb, i, j, rgb);
}

void sleep_ticks(uint64_t ticks)
{
    MMIO32(CLINT_MTIMECMP + 4) = 0xffffffff; /* no spurious match while the two halves change */
    uint64_t when = mtime() + ticks;
    MMIO32(CLINT_MTIMECMP) = (uint32_t)when;
    MMIO32(CLINT_MTIMECMP + 4) = (uint32_t)(when >> 32);
    csr_set(mie, 1ul << 7);
    while (mtime() < when) __asm__ volatile("wfi");
    csr_clear(mie, 1ul << 7);
}
