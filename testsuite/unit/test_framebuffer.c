/*
 * testsuite/unit/test_framebuffer.c — the framebuffer's memory path and the
 * key device: the MMU's dirty log (a store to a clean framebuffer page is
 * seen once, then runs on the fast path until the log is collected), -fb
 * size rules, and the key FIFO's registers and interrupt line as
 * docs/keyboard.md specifies them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libfdt.h>

#include "devices/fdt.h"
#include "devices/framebuffer.h"
#include "devices/keyboard.h"
#include "mmu/bus.h"
#include "mmu/mmu_system.h"

#define RAM_BASE 0x80000000ull
#define RAM_SIZE (1ull << 20)

struct rig {
    struct bus bus;
    uint8_t *ram;
    struct framebuffer fb;
    struct mmu *mmu;
    uint8_t dirty[1024];
};

static void rig_init(struct rig *r, uint32_t w, uint32_t h)
{
    memset(r, 0, sizeof *r);
    r->ram = calloc(1, RAM_SIZE);
    assert_true(dev_fb_create(&r->fb, w, h));
    assert_true(bus_add_ram(&r->bus, RAM_BASE, RAM_SIZE, r->ram, true));
    assert_true(bus_add_ram(&r->bus, FB_BASE, r->fb.size, r->fb.pixels, true));
    r->mmu = mmu_create_system(&r->bus);
    assert_non_null(r->mmu);
}

static void rig_free(struct rig *r)
{
    mmu_destroy(r->mmu);
    dev_fb_destroy(&r->fb);
    free(r->ram);
}

static void framebuffer_is_memory_on_the_fast_path(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, 640, 480);
    uint64_t px = FB_BASE + 10 * 2560 + 4 * 20; /* pixel (20, 10) */
    assert_int_equal(mmu_store(r.mmu, px, 4, 0x00ff8040), MMU_OK);
    uint32_t host;
    memcpy(&host, r.fb.pixels + 10 * 2560 + 80, 4);
    assert_int_equal(host, 0x00ff8040);
    uint64_t misses = r.mmu->tlb_misses;
    for (int i = 1; i < 100; i++) assert_int_equal(mmu_store(r.mmu, px + 4 * (uint64_t)i, 4, (uint64_t)i), MMU_OK);
    assert_int_equal(r.mmu->tlb_misses, misses); /* no logging yet: one page, no more slow paths */
    uint64_t v;
    assert_int_equal(mmu_load(r.mmu, px, 4, &v), MMU_OK);
    assert_int_equal(v, 0x00ff8040);
    rig_free(&r);
}

static void dirty_log_sees_each_page_once_per_collection(void **state)
{
    (void)state;
    struct rig r;
    rig_init(&r, 640, 480); /* 1200 KiB: 300 pages */
    assert_true(mmu_sys_log_dirty(r.mmu, FB_BASE));
    mmu_sys_collect_dirty(r.mmu, r.dirty);
    for (int p = 0; p < 300; p++) assert_int_equal(r.dirty[p], 1); /* everything starts dirty */
    mmu_sys_collect_dirty(r.mmu, r.dirty);
    for (int p = 0; p < 300; p++) assert_int_equal(r.dirty[p], 0);

    uint64_t misses = r.mmu->tlb_misses;
    assert_int_equal(mmu_store(r.mmu, FB_BASE + 5 * 4096 + 8, 4, 1), MMU_OK);
    assert_int_equal(r.mmu->tlb_misses, misses + 1); /* clean page: slow path */
    assert_int_equal(mmu_store(r.mmu, FB_BASE + 5 * 4096 + 12, 4, 2), MMU_OK);
    assert_int_equal(r.mmu->tlb_misses, misses + 1); /* now dirty: fast path */
    assert_int_equal(mmu_store(r.mmu, FB_BASE + 299 * 4096, 8, 3), MMU_OK);
    mmu_sys_collect_dirty(r.mmu, r.dirty);
    for (int p = 0; p < 300; p++) assert_int_equal(r.dirty[p], p == 5 || p == 299);

    misses = r.mmu->tlb_misses;
    assert_int_equal(mmu_store(r.mmu, FB_BASE + 5 * 4096 + 16, 4, 4), MMU_OK);
    assert_int_equal(r.mmu->tlb_misses, misses + 1); /* the collection dropped the write tag */
    mmu_sys_collect_dirty(r.mmu, r.dirty);
    assert_int_equal(r.dirty[5], 1);

    /* a misaligned store across two pages dirties both */
    assert_int_equal(mmu_store(r.mmu, FB_BASE + 8 * 4096 - 2, 4, 0x11223344), MMU_OK);
    mmu_sys_collect_dirty(r.mmu, r.dirty);
    assert_int_equal(r.dirty[7], 1);
    assert_int_equal(r.dirty[8], 1);

    /* RAM outside the framebuffer is not logged and keeps its write tags */
    misses = r.mmu->tlb_misses;
    assert_int_equal(mmu_store(r.mmu, RAM_BASE + 64, 8, 5), MMU_OK);
    mmu_sys_collect_dirty(r.mmu, r.dirty);
    assert_int_equal(mmu_store(r.mmu, RAM_BASE + 72, 8, 6), MMU_OK);
    assert_int_equal(r.mmu->tlb_misses, misses + 1);
    rig_free(&r);
}

static void fb_size_rules(void **state)
{
    (void)state;
    uint32_t w = 0, h = 0;
    char err[200];
    assert_true(dev_fb_parse_size("800x600", &w, &h, err, sizeof err));
    assert_int_equal(w, 800);
    assert_int_equal(h, 600);
    assert_true(dev_fb_parse_size("16X16", &w, &h, err, sizeof err));
    assert_false(dev_fb_parse_size("15x100", &w, &h, err, sizeof err));
    assert_non_null(strstr(err, "unsupported -fb size"));
    assert_false(dev_fb_parse_size("3841x100", &w, &h, err, sizeof err));
    assert_false(dev_fb_parse_size("640x2161", &w, &h, err, sizeof err));
    assert_false(dev_fb_parse_size("640", &w, &h, err, sizeof err));
    assert_non_null(strstr(err, "bad -fb size"));
    assert_false(dev_fb_parse_size("640x480x", &w, &h, err, sizeof err));
    assert_false(dev_fb_parse_size("x480", &w, &h, err, sizeof err));
    /* the largest fits the address window the device tree gives it */
    assert_true((uint64_t)4 * FB_MAX_WIDTH * FB_MAX_HEIGHT <= FB_REGION);
}

static uint32_t prop32(const void *fdt, int node, const char *name)
{
    int len = 0;
    const fdt32_t *v = fdt_getprop(fdt, node, name, &len);
    assert_non_null(v);
    assert_int_equal(len, 4);
    return fdt32_to_cpu(*v);
}

static void device_tree_describes_framebuffer_and_keys(void **state)
{
    (void)state;
    static uint8_t buf[16384];
    struct fdt_machine m = {.ram_base = RAM_BASE, .ram_size = 256 << 20, .fb_width = 800, .fb_height = 600};
    assert_true(dev_fdt_build(buf, sizeof buf, &m));
    int fb = fdt_node_offset_by_compatible(buf, -1, "simple-framebuffer");
    assert_true(fb >= 0);
    assert_string_equal(fdt_get_name(buf, fb, NULL), "framebuffer@28000000");
    assert_int_equal(prop32(buf, fb, "width"), 800);
    assert_int_equal(prop32(buf, fb, "height"), 600);
    assert_int_equal(prop32(buf, fb, "stride"), 3200);
    assert_string_equal(fdt_getprop(buf, fb, "format", NULL), "x8r8g8b8");
    int len = 0;
    const fdt32_t *reg = fdt_getprop(buf, fb, "reg", &len);
    assert_int_equal(len, 16);
    assert_int_equal(fdt32_to_cpu(reg[1]), 0x28000000);
    assert_int_equal(fdt32_to_cpu(reg[3]), 800 * 600 * 4);
    int kbd = fdt_node_offset_by_compatible(buf, -1, "rvdbt,keyboard");
    assert_true(kbd >= 0);
    assert_int_equal(prop32(buf, kbd, "interrupts"), KBD_IRQ);
    int plic = fdt_node_offset_by_compatible(buf, -1, "riscv,plic0");
    assert_int_equal(prop32(buf, kbd, "interrupt-parent"), fdt_get_phandle(buf, plic));

    m.fb_width = m.fb_height = 0; /* no framebuffer: neither node */
    assert_true(dev_fdt_build(buf, sizeof buf, &m));
    assert_true(fdt_node_offset_by_compatible(buf, -1, "simple-framebuffer") < 0);
    assert_true(fdt_node_offset_by_compatible(buf, -1, "rvdbt,keyboard") < 0);
}

static uint64_t kread(struct keyboard *k, uint64_t off)
{
    uint64_t v = 0xdead;
    assert_true(dev_kbd_read(k, off, 4, &v));
    return v;
}

static void key_fifo_registers_and_interrupt(void **state)
{
    (void)state;
    struct keyboard k;
    dev_kbd_init(&k);
    assert_int_equal(kread(&k, 0), 0);
    assert_int_equal(kread(&k, 4), 0); /* empty: 0 */
    dev_kbd_push(&k, 'a');
    dev_kbd_push(&k, 'a' | KEY_RELEASED);
    dev_kbd_push(&k, KEY_LEFT);
    assert_false(dev_kbd_irq(&k)); /* not enabled */
    assert_true(dev_kbd_write(&k, 8, 4, 1));
    assert_int_equal(kread(&k, 8), 1);
    assert_true(dev_kbd_irq(&k));
    assert_int_equal(kread(&k, 0), 3);
    assert_int_equal(kread(&k, 4), 'a');
    assert_int_equal(kread(&k, 4), 'a' | KEY_RELEASED);
    assert_int_equal(kread(&k, 4), KEY_LEFT);
    assert_false(dev_kbd_irq(&k)); /* drained: the line drops */
    for (int i = 0; i < KBD_FIFO + 10; i++) dev_kbd_push(&k, (uint32_t)('0' + i % 10));
    assert_int_equal(kread(&k, 0), KBD_FIFO); /* overflow drops the newest */
    uint64_t v;
    assert_false(dev_kbd_read(&k, 4, 1, &v)); /* 32-bit registers only */
    assert_false(dev_kbd_read(&k, 12, 4, &v));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(framebuffer_is_memory_on_the_fast_path),
        cmocka_unit_test(dirty_log_sees_each_page_once_per_collection),
        cmocka_unit_test(fb_size_rules),
        cmocka_unit_test(device_tree_describes_framebuffer_and_keys),
        cmocka_unit_test(key_fifo_registers_and_interrupt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
