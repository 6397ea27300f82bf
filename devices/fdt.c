/*
 * devices/fdt.c — writing the device tree with libfdt's sequential-write API.
 *
 * The tree is built top to bottom in one pass (fdt_begin_node ...
 * fdt_end_node), then packed.  Every libfdt call can fail only for lack
 * of space, so errors are collected in one flag and checked at the end.
 */
#include "devices/fdt.h"

#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "cpu/isa_ext.h"
#include "devices/clint.h"
#include "devices/framebuffer.h"
#include "devices/keyboard.h"
#include "devices/plic.h"
#include "devices/sifive_test.h"
#include "devices/uart.h"
#include "devices/virtio_mmio.h"

#define TIMEBASE_HZ 10000000
#define PHANDLE_PLIC 2
#define PHANDLE_TEST 3
#define PHANDLE_CPU_INTC 16 /* + hart: each hart's own interrupt controller */
#define PHANDLE_CPU 32      /* + hart: the cpu nodes, for cpu-map */

#define CACHE_BLOCK 64 /* Zicbom/Zicboz block size: cbo.* in cpu/interp.c */

struct writer {
    void *fdt;
    int err;
};

static void check(struct writer *w, int r)
{
    if (r < 0 && !w->err) w->err = r;
}

static void begin(struct writer *w, const char *name) { check(w, fdt_begin_node(w->fdt, name)); }
static void end(struct writer *w) { check(w, fdt_end_node(w->fdt)); }
static void prop_str(struct writer *w, const char *name, const char *v) { check(w, fdt_property_string(w->fdt, name, v)); }
static void prop_u32(struct writer *w, const char *name, uint32_t v) { check(w, fdt_property_u32(w->fdt, name, v)); }
static void prop_u64(struct writer *w, const char *name, uint64_t v) { check(w, fdt_property_u64(w->fdt, name, v)); }
static void prop_empty(struct writer *w, const char *name) { check(w, fdt_property(w->fdt, name, NULL, 0)); }
static void prop_raw(struct writer *w, const char *name, const void *v, int len) { check(w, fdt_property(w->fdt, name, v, len)); }

/* A property of big-endian 32-bit cells (at most 32). */
static void prop_cells(struct writer *w, const char *name, const uint32_t *cells, int n)
{
    fdt32_t be[32];
    if (n > 32) n = 32;
    for (int i = 0; i < n; i++) be[i] = cpu_to_fdt32(cells[i]);
    prop_raw(w, name, be, 4 * n);
}

/* reg = <base size> with #address-cells = #size-cells = 2 */
static void prop_reg(struct writer *w, uint64_t base, uint64_t size)
{
    uint32_t cells[4] = {(uint32_t)(base >> 32), (uint32_t)base, (uint32_t)(size >> 32), (uint32_t)size};
    prop_cells(w, "reg", cells, 4);
}

/* One cpu node per hart, each with its own local interrupt controller
 * (the CLINT's and the PLIC's interrupts-extended lists point at them),
 * and QEMU's cpu-map: one cluster, one core per hart. */
static void cpus(struct writer *w, unsigned n_harts)
{
    begin(w, "cpus");
    prop_u32(w, "#address-cells", 1);
    prop_u32(w, "#size-cells", 0);
    prop_u32(w, "timebase-frequency", TIMEBASE_HZ);
    /* the enabled extensions (--cpu), from the one list in cpu/isa_ext.h */
    char isa[512], list[512];
    rv_ext_isa_string(isa, sizeof isa);
    int list_len = (int)rv_ext_isa_list(list, sizeof list);
    for (unsigned h = 0; h < n_harts; h++) {
        char name[16];
        snprintf(name, sizeof name, "cpu@%u", h);
        begin(w, name);
        prop_u32(w, "phandle", PHANDLE_CPU + h);
        prop_str(w, "device_type", "cpu");
        prop_u32(w, "reg", h);
        prop_str(w, "status", "okay");
        prop_str(w, "compatible", "riscv");
        prop_str(w, "riscv,isa", isa);
        prop_str(w, "riscv,isa-base", "rv64i");
        prop_raw(w, "riscv,isa-extensions", list, list_len);
        /* Linux ignores Zicbom/Zicboz without their block sizes */
        if (rv_ext_on(RV_EXT_ZICBOM)) prop_u32(w, "riscv,cbom-block-size", CACHE_BLOCK);
        if (rv_ext_on(RV_EXT_ZICBOZ)) prop_u32(w, "riscv,cboz-block-size", CACHE_BLOCK);
        if (rv_ext_on(RV_EXT_ZICBOP)) prop_u32(w, "riscv,cbop-block-size", CACHE_BLOCK);
        prop_str(w, "mmu-type", "riscv,sv39");
        begin(w, "interrupt-controller");
        prop_u32(w, "#interrupt-cells", 1);
        prop_empty(w, "interrupt-controller");
        prop_str(w, "compatible", "riscv,cpu-intc");
        prop_u32(w, "phandle", PHANDLE_CPU_INTC + h);
        end(w);
        end(w);
    }
    begin(w, "cpu-map");
    begin(w, "cluster0");
    for (unsigned h = 0; h < n_harts; h++) {
        char name[16];
        snprintf(name, sizeof name, "core%u", h);
        begin(w, name);
        prop_u32(w, "cpu", PHANDLE_CPU + h);
        end(w);
    }
    end(w);
    end(w);
    end(w);
}

/* The framebuffer (for simplefb/simpledrm and bare-metal programs) and the key device. */
static void display(struct writer *w, const struct fdt_machine *m)
{
    char name[40];
    snprintf(name, sizeof name, "framebuffer@%llx", (unsigned long long)FB_BASE);
    begin(w, name);
    prop_str(w, "compatible", "simple-framebuffer");
    prop_reg(w, FB_BASE, (uint64_t)4 * m->fb_width * m->fb_height);
    prop_u32(w, "width", m->fb_width);
    prop_u32(w, "height", m->fb_height);
    prop_u32(w, "stride", 4 * m->fb_width);
    prop_str(w, "format", "x8r8g8b8");
    end(w);
    snprintf(name, sizeof name, "keyboard@%llx", (unsigned long long)KBD_BASE);
    begin(w, name);
    prop_str(w, "compatible", "rvdbt,keyboard");
    prop_reg(w, KBD_BASE, KBD_SIZE);
    prop_u32(w, "interrupts", KBD_IRQ);
    prop_u32(w, "interrupt-parent", PHANDLE_PLIC);
    end(w);
}

static void soc(struct writer *w, const struct fdt_machine *m)
{
    begin(w, "soc");
    prop_u32(w, "#address-cells", 2);
    prop_u32(w, "#size-cells", 2);
    prop_str(w, "compatible", "simple-bus");
    prop_empty(w, "ranges");

    begin(w, "test@100000");
    static const char test_compat[] = "sifive,test1\0sifive,test0\0syscon";
    prop_raw(w, "compatible", test_compat, sizeof test_compat);
    prop_reg(w, SIFIVE_TEST_BASE, SIFIVE_TEST_SIZE);
    prop_u32(w, "phandle", PHANDLE_TEST);
    end(w);

    begin(w, "clint@2000000");
    static const char clint_compat[] = "sifive,clint0\0riscv,clint0";
    prop_raw(w, "compatible", clint_compat, sizeof clint_compat);
    prop_reg(w, CLINT_BASE, CLINT_SIZE);
    unsigned n = m->n_harts ? m->n_harts : 1;
    uint32_t irqs[32];
    for (unsigned h = 0; h < n; h++) { /* per hart: MSI, MTI */
        uint32_t cells[4] = {PHANDLE_CPU_INTC + h, 3, PHANDLE_CPU_INTC + h, 7};
        memcpy(irqs + 4 * h, cells, sizeof cells);
    }
    prop_cells(w, "interrupts-extended", irqs, (int)(4 * n));
    end(w);

    begin(w, "plic@c000000");
    static const char plic_compat[] = "sifive,plic-1.0.0\0riscv,plic0";
    prop_raw(w, "compatible", plic_compat, sizeof plic_compat);
    prop_reg(w, PLIC_BASE, PLIC_SIZE);
    prop_u32(w, "#address-cells", 0);
    prop_u32(w, "#interrupt-cells", 1);
    prop_empty(w, "interrupt-controller");
    prop_u32(w, "riscv,ndev", PLIC_SOURCES - 1);
    for (unsigned h = 0; h < n; h++) { /* context 2*hart: its MEI, 2*hart+1: its SEI */
        uint32_t cells[4] = {PHANDLE_CPU_INTC + h, 11, PHANDLE_CPU_INTC + h, 9};
        memcpy(irqs + 4 * h, cells, sizeof cells);
    }
    prop_cells(w, "interrupts-extended", irqs, (int)(4 * n));
    prop_u32(w, "phandle", PHANDLE_PLIC);
    end(w);

    begin(w, "serial@10000000");
    prop_str(w, "compatible", "ns16550a");
    prop_reg(w, UART_BASE, UART_SIZE);
    prop_u32(w, "clock-frequency", 3686400);
    prop_u32(w, "interrupts", UART_IRQ);
    prop_u32(w, "interrupt-parent", PHANDLE_PLIC);
    end(w);

    /* the eight virtio-mmio slots, empty or not, listed from the top as QEMU lists them */
    for (int i = VIRTIO_MMIO_SLOTS - 1; i >= 0; i--) {
        uint64_t base = VIRTIO_MMIO_BASE + VIRTIO_MMIO_SIZE * (unsigned)i;
        char name[40];
        snprintf(name, sizeof name, "virtio_mmio@%llx", (unsigned long long)base);
        begin(w, name);
        prop_u32(w, "interrupts", VIRTIO_MMIO_IRQ + (unsigned)i);
        prop_u32(w, "interrupt-parent", PHANDLE_PLIC);
        prop_reg(w, base, VIRTIO_MMIO_SIZE);
        prop_str(w, "compatible", "virtio,mmio");
        end(w);
    }

    if (m->fb_width) display(w, m);
    end(w);
}

bool dev_fdt_build(void *buf, size_t size, const struct fdt_machine *m)
{
    struct writer w = {buf, 0};
    check(&w, fdt_create(buf, (int)size));
    check(&w, fdt_finish_reservemap(buf));
    begin(&w, "");
    prop_u32(&w, "#address-cells", 2);
    prop_u32(&w, "#size-cells", 2);
    prop_str(&w, "compatible", "riscv-virtio");
    prop_str(&w, "model", "rvdbt,virt");

    begin(&w, "chosen");
    if (m->bootargs) prop_str(&w, "bootargs", m->bootargs);
    prop_str(&w, "stdout-path", "/soc/serial@10000000");
    if (m->initrd_end > m->initrd_start) {
        prop_u64(&w, "linux,initrd-start", m->initrd_start);
        prop_u64(&w, "linux,initrd-end", m->initrd_end);
    }
    end(&w);

    begin(&w, "memory@80000000");
    prop_str(&w, "device_type", "memory");
    prop_reg(&w, m->ram_base, m->ram_size);
    end(&w);

    cpus(&w, m->n_harts ? m->n_harts : 1);
    soc(&w, m);

    begin(&w, "poweroff");
    prop_str(&w, "compatible", "syscon-poweroff");
    prop_u32(&w, "regmap", PHANDLE_TEST);
    prop_u32(&w, "offset", 0);
    prop_u32(&w, "value", 0x5555);
    end(&w);
    begin(&w, "reboot");
    prop_str(&w, "compatible", "syscon-reboot");
    prop_u32(&w, "regmap", PHANDLE_TEST);
    prop_u32(&w, "offset", 0);
    prop_u32(&w, "value", 0x7777);
    end(&w);

    end(&w);
    check(&w, fdt_finish(buf));
    if (!w.err) check(&w, fdt_pack(buf));
    return w.err == 0;
}
