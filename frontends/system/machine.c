/*
 * frontends/system/machine.c — assembling the machine and wiring interrupts.
 *
 * Physical memory map (the same as QEMU's virt board):
 *   0x0000_1000  boot ROM         0x0200_0000  CLINT
 *   0x0010_0000  SiFive test      0x0c00_0000  PLIC
 *   0x1000_0000  UART 16550       0x8000_0000  RAM (firmware, kernel at +2 MiB,
 *   0x1001_0000  key device                    initrd and device tree at the top)
 *   0x1000_1000  virtio-mmio slots 0..7 (0x1000 each, PLIC sources 1..8)
 *   0x2800_0000  framebuffer (rvdbt only; free in QEMU's map)
 * Image loading is in frontends/system/machine_load.c.
 */
#include "frontends/system/machine.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "cpu/interp.h"
#include "cpu/priv.h"
#include "devices/htif.h"
#include "frontends/system/machine_load.h"
#include "mmu/mmu_system.h"

static void uart_transmit(void *opaque, uint8_t byte)
{
    struct machine *m = opaque;
    m->output(m->output_opaque, byte);
}

/* HTIF: called by the MMU after a store to tohost. */
static void htif_store(void *opaque, uint64_t pa)
{
    struct machine *m = opaque;
    uint64_t v = 0;
    if (m->parallel) pthread_mutex_lock(&m->lock); /* (a guest store: any hart's thread) */
    (void)mmu_sys_read_bytes(m->mmu, pa, &v, 8);
    if (v) {
        m->mmu->sys->mmio_accesses++; /* a side effect the check engine must not replay */
        struct htif_command c = dev_htif_decode(v);
        if (c.action == HTIF_EXIT) {
            m->htif_exit = true;
            m->htif_status = c.exit_status;
            for (unsigned h = 0; h < m->n_harts; h++) cpu_set_exit_request(&m->harts[h], 1);
        } else if (c.action == HTIF_PUTCHAR) {
            m->output(m->output_opaque, c.byte);
        }
        uint64_t zero = 0, ack = 1;
        (void)mmu_sys_write_bytes(m->mmu, pa, &zero, 8);
        if (m->fromhost) (void)mmu_sys_write_bytes(m->mmu, m->fromhost, &ack, 8);
    }
    if (m->parallel) pthread_mutex_unlock(&m->lock);
}

/* Parallel harts: a hart's store hit a page hart h translated code from. */
static void queue_code_write(void *opaque, unsigned h, uintptr_t host_page)
{
    struct machine *m = opaque;
    pthread_mutex_lock(&m->inval_lock);
    if (m->n_inval[h] < MACHINE_INVAL_MAX) m->inval[h][m->n_inval[h]++] = host_page;
    else m->inval_all[h] = true;
    pthread_mutex_unlock(&m->inval_lock);
    cpu_set_exit_request(&m->harts[h], 1); /* (drained before it enters translated code again) */
}

void machine_drain_code_writes(struct machine *m, unsigned h)
{
    uintptr_t pages[MACHINE_INVAL_MAX];
    pthread_mutex_lock(&m->inval_lock);
    unsigned n = m->n_inval[h];
    bool all = m->inval_all[h];
    memcpy(pages, m->inval[h], n * sizeof *pages);
    m->n_inval[h] = 0;
    m->inval_all[h] = false;
    pthread_mutex_unlock(&m->inval_lock);
    struct mmu_system *s = m->mmus[h]->sys;
    if (all) s->memory_generation++; /* too many pages: the translator drops all its code */
    for (unsigned i = 0; i < n && !all; i++)
        if (s->code_write) s->code_write(s->code_opaque, pages[i]);
}

static void devices_written(void *opaque) { machine_devices_changed(opaque); }

static bool add_device(struct machine *m, const char *name, uint64_t base, uint64_t size, void *opaque,
                       bus_read_fn read, bus_write_fn write)
{
    struct bus_device d = {name, base, size, opaque, read, write};
    return bus_add_device(&m->bus, &d);
}

/* DMA for the virtio devices: guest RAM only (never the boot ROM, the
 * framebuffer or a device), through the MMU's copy, which also drops the
 * translated code of the pages a device writes. */
static bool dma_in_ram(const struct machine *m, uint64_t pa, size_t len)
{
    return pa >= MACHINE_RAM_BASE && pa - MACHINE_RAM_BASE <= m->opt.ram_size &&
           len <= m->opt.ram_size - (pa - MACHINE_RAM_BASE);
}

static bool dma_read(void *opaque, uint64_t pa, void *dst, size_t len)
{
    struct machine *m = opaque;
    return dma_in_ram(m, pa, len) && mmu_sys_debug_copy(m->mmu, pa, dst, len, false) == MMU_OK;
}

static bool dma_write(void *opaque, uint64_t pa, const void *src, size_t len)
{
    struct machine *m = opaque;
    return dma_in_ram(m, pa, len) && mmu_sys_debug_copy(m->mmu, pa, (void *)src, len, true) == MMU_OK;
}

/* The command line's virtio devices into their slots, from the top down. */
static bool create_virtio(struct machine *m, char *err, size_t errlen)
{
    m->dma = (struct vq_dma){dma_read, dma_write, m, MACHINE_RAM_BASE, m->opt.ram_size};
    for (unsigned i = 0; i < VIRTIO_MMIO_SLOTS; i++) {
        dev_virtio_mmio_init(&m->virtio[i], i, &m->dma);
        if (!add_device(m, "virtio-mmio", VIRTIO_MMIO_BASE + VIRTIO_MMIO_SIZE * i, VIRTIO_MMIO_SIZE, &m->virtio[i],
                        dev_virtio_mmio_read, dev_virtio_mmio_write)) {
            snprintf(err, errlen, "cannot create the machine (too many devices)");
            return false;
        }
    }
    for (unsigned k = 0; k < m->opt.n_virtio && k < VIRTIO_MMIO_SLOTS; k++) {
        const struct machine_virtio *v = &m->opt.virtio[k];
        unsigned slot = VIRTIO_MMIO_SLOTS - 1 - k;
        struct virtio_mmio *t = &m->virtio[slot];
        switch (v->kind) {
        case MACHINE_VIRTIO_BLK:
            if (!dev_virtio_blk_open(&m->blk[slot], v->file, v->readonly, m->opt.snapshot, err, errlen)) return false;
            dev_virtio_blk_attach(&m->blk[slot], t);
            break;
        case MACHINE_VIRTIO_RNG: dev_virtio_rng_attach(&m->rng[slot], t); break;
        case MACHINE_VIRTIO_NET:
            if (!(m->net[slot] = calloc(1, sizeof *m->net[slot]))) {
                snprintf(err, errlen, "out of memory for a network device");
                return false;
            }
            if (!dev_virtio_net_open(m->net[slot], v->mac, v->hostfwd, v->n_hostfwd, err, errlen)) {
                free(m->net[slot]);
                m->net[slot] = NULL;
                return false;
            }
            dev_virtio_net_attach(m->net[slot], t);
            break;
        }
    }
    return true;
}

static void destroy_virtio(struct machine *m)
{
    for (unsigned i = 0; i < VIRTIO_MMIO_SLOTS; i++) {
        if (m->virtio[i].ops == NULL) continue;
        if (m->virtio[i].dev == &m->blk[i]) dev_virtio_blk_close(&m->blk[i]);
        if (m->net[i]) {
            dev_virtio_net_close(m->net[i]);
            free(m->net[i]);
            m->net[i] = NULL;
        }
        m->virtio[i].ops = NULL;
    }
}

void machine_poll_devices(struct machine *m)
{
    for (unsigned i = 0; i < VIRTIO_MMIO_SLOTS; i++)
        if (m->virtio[i].ops) dev_virtio_mmio_process(&m->virtio[i]);
    if (!machine_has_host_input(m) || m->parallel) return; /* (parallel: the I/O thread polls the network) */
    uint64_t now = cpu_time_ticks();
    if (now - m->net_polled < 10000) return; /* at most once a millisecond (10 MHz ticks): poll() is a system call */
    m->net_polled = now;
    (void)machine_wait(m, 0, -1);
}

bool machine_has_host_input(const struct machine *m)
{
    for (unsigned i = 0; i < VIRTIO_MMIO_SLOTS; i++)
        if (m->net[i]) return true;
    return false;
}

bool machine_wait(struct machine *m, int timeout_ms, int extra_fd)
{
    for (unsigned i = 0; i < VIRTIO_MMIO_SLOTS; i++)
        if (m->net[i]) { /* (one network device waits; several would share the timeout) */
            bool ready = net_slirp_poll_unlocking(m->net[i]->slirp, timeout_ms, extra_fd, m->parallel ? &m->lock : NULL);
            for (unsigned j = i + 1; j < VIRTIO_MMIO_SLOTS; j++)
                if (m->net[j]) (void)net_slirp_poll(m->net[j]->slirp, 0, -1);
            for (unsigned j = 0; j < VIRTIO_MMIO_SLOTS; j++)
                if (m->net[j]) dev_virtio_mmio_process(&m->virtio[j]); /* frames that arrived */
            return ready;
        }
    struct pollfd p = {extra_fd, POLLIN, 0};
    if (m->parallel) pthread_mutex_unlock(&m->lock);
    bool ready = poll(&p, extra_fd >= 0, timeout_ms) > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR));
    if (m->parallel) pthread_mutex_lock(&m->lock);
    return ready;
}

static void reset_devices(struct machine *m)
{
    for (unsigned i = 0; i < VIRTIO_MMIO_SLOTS; i++) dev_virtio_mmio_reset(&m->virtio[i]);
    dev_clint_init(&m->clint, m->n_harts, cpu_time_ticks);
    dev_plic_init(&m->plic, m->n_harts);
    dev_uart_init(&m->uart, uart_transmit, m);
    dev_kbd_init(&m->kbd);
    dev_fb_clear(&m->fb);
    m->test = (struct sifive_test){SIFIVE_TEST_NONE, 0};
    m->htif_exit = false;
}

bool machine_create(struct machine *m, const struct machine_options *opt, char *err, size_t errlen)
{
    void (*output)(void *, uint8_t) = m->output;
    void *output_opaque = m->output_opaque;
    memset(m, 0, sizeof *m);
    m->output = output;
    m->output_opaque = output_opaque;
    m->opt = *opt;
    m->n_harts = opt->n_harts ? opt->n_harts : 1;
    if (errlen) err[0] = 0;
    if (m->n_harts > MACHINE_MAX_HARTS) {
        snprintf(err, errlen, "at most %u harts", MACHINE_MAX_HARTS);
        return false;
    }
    void *ram = mmap(NULL, opt->ram_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (ram == MAP_FAILED) {
        snprintf(err, errlen, "cannot allocate %llu MiB of guest RAM", (unsigned long long)(opt->ram_size >> 20));
        return false;
    }
    m->ram = ram;
    /* Transparent huge pages where the host allows them on request (as QEMU
     * asks for its guest RAM): a booting kernel touches hundreds of MiB, and
     * a fault per 2 MiB instead of per 4 KiB is most of the difference in
     * page faults between the two (57 K against QEMU's 23 K to /init), which
     * on a virtualised host cost microseconds each.  Only advice: without
     * THP nothing changes. */
    if (!opt->no_huge_pages) madvise(ram, opt->ram_size, MADV_HUGEPAGE);
    if (opt->fb_width && !dev_fb_create(&m->fb, opt->fb_width, opt->fb_height)) {
        snprintf(err, errlen, "cannot allocate the framebuffer");
        machine_destroy(m);
        return false;
    }
    bool ok = bus_add_ram(&m->bus, MACHINE_RAM_BASE, opt->ram_size, m->ram, true) &&
              bus_add_ram(&m->bus, BOOT_ROM_BASE, BOOT_ROM_SIZE, m->rom, false) &&
              add_device(m, "test", SIFIVE_TEST_BASE, SIFIVE_TEST_SIZE, &m->test, dev_sifive_test_read,
                         dev_sifive_test_write) &&
              create_virtio(m, err, errlen) &&
              add_device(m, "clint", CLINT_BASE, CLINT_SIZE, &m->clint, dev_clint_read, dev_clint_write) &&
              add_device(m, "plic", PLIC_BASE, PLIC_SIZE, &m->plic, dev_plic_read, dev_plic_write) &&
              add_device(m, "uart", UART_BASE, UART_SIZE, &m->uart, dev_uart_read, dev_uart_write);
    if (ok && m->fb.pixels)
        ok = bus_add_ram(&m->bus, FB_BASE, m->fb.size, m->fb.pixels, true) &&
             add_device(m, "keyboard", KBD_BASE, KBD_SIZE, &m->kbd, dev_kbd_read, dev_kbd_write);
    m->mmu = ok ? mmu_create_system(&m->bus) : NULL;
    if (!m->mmu) {
        if (ok || !err[0]) snprintf(err, errlen, "cannot create the machine (out of memory)");
        machine_destroy(m);
        return false;
    }
    m->parallel = opt->parallel && m->n_harts > 1;
    pthread_mutex_init(&m->lock, NULL);
    pthread_mutex_init(&m->inval_lock, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC); /* (timed waits until a timer deadline) */
    for (unsigned h = 0; h < MACHINE_MAX_HARTS; h++) pthread_cond_init(&m->wake[h], &ca);
    pthread_condattr_destroy(&ca);
    m->mmus[0] = m->mmu;
    for (unsigned h = 1; m->parallel && h < m->n_harts; h++) {
        if (!(m->mmus[h] = mmu_create_system(&m->bus))) {
            snprintf(err, errlen, "cannot create the machine (out of memory)");
            machine_destroy(m);
            return false;
        }
        mmu_sys_share_code_marks(m->mmus[h], m->mmu, h);
    }
    for (unsigned h = 0; h < m->n_harts; h++) {
        struct mmu *mmu = m->parallel ? m->mmus[h] : m->mmu;
        m->harts[h].mmu = mmu;
        if (!m->parallel) continue;
        struct mmu_system *s = mmu->sys;
        s->peers = m->mmus;
        s->n_peers = m->n_harts;
        s->parallel = true;
        s->remote_code_write = queue_code_write;
        s->remote_opaque = m;
        s->device_lock = &m->lock;
        s->device_written = devices_written;
        s->device_opaque = m;
    }
    if (!machine_reset(m, err, errlen)) {
        machine_destroy(m);
        return false;
    }
    return true;
}

void machine_destroy(struct machine *m)
{
    for (unsigned h = 1; h < MACHINE_MAX_HARTS; h++) /* (before hart 0's: they share its code marks) */
        if (m->mmus[h]) mmu_destroy(m->mmus[h]), m->mmus[h] = NULL;
    mmu_destroy(m->mmu);
    m->mmu = NULL;
    if (m->ram) munmap(m->ram, m->opt.ram_size);
    m->ram = NULL;
    dev_fb_destroy(&m->fb);
    destroy_virtio(m);
}

bool machine_reset(struct machine *m, char *err, size_t errlen)
{
    reset_devices(m);
    /* zero RAM without touching it: the host drops the pages (fresh ones read as zero) */
    madvise(m->ram, m->opt.ram_size, MADV_DONTNEED);
    struct machine_boot boot;
    if (!machine_load_images(m, &boot, err, errlen)) return false;
    dev_boot_rom_build(m->rom, boot.start, boot.dtb, boot.next_addr);
    m->tohost = boot.tohost;
    m->fromhost = boot.fromhost;
    for (unsigned h = 0; h < (m->parallel ? m->n_harts : 1); h++) {
        struct mmu_system *hs = m->mmus[h]->sys;
        hs->watch = m->tohost ? htif_store : NULL;
        hs->watch_pa = m->tohost;
        hs->watch_opaque = m;
    }
    struct mmu_system *s = m->mmu->sys;
    /* every hart starts in the boot ROM (a0 = its mhartid); the firmware picks one to boot */
    for (unsigned h = m->n_harts; h-- > 0;) {
        struct cpu *cpu = &m->harts[h];
        memset(cpu->x, 0, sizeof cpu->x);
        memset(cpu->f, 0, sizeof cpu->f);
        cpu_priv_reset(cpu, BOOT_ROM_BASE, h);
        cpu->yield_on_pause = m->n_harts > 1 && !m->parallel; /* (parallel: no turn to hand over) */
        cpu->exit_on_every_irq_csr = m->opt.exit_on_every_irq_csr;
        cpu->yielded = 0;
        m->lines[h] = m->cmp_seen[h] = 0;
        m->sleeping[h] = false;
        m->n_inval[h] = 0;
        m->inval_all[h] = false;
    }
    m->cur = 0;
    m->stop = 0;
    m->mmu->sys->kick = &m->harts[0].exit_request;
    if (s->log_ram) mmu_sys_log_dirty(m->mmu, FB_BASE); /* the cleared framebuffer must reach the window */
    for (unsigned h = 0; h < (m->parallel ? m->n_harts : 1); h++) {
        struct mmu *mmu = m->mmus[h];
        if (m->parallel) mmu->sys->kick = &m->harts[h].exit_request;
        mmu_sys_flush_translations(mmu);
        mmu->sys->memory_generation++; /* new memory contents: the translator drops all its code */
    }
    return true;
}

void machine_switch_hart(struct machine *m, unsigned next)
{
    struct cpu *old = machine_cpu(m), *cpu = &m->harts[next];
    if (next == m->cur) return;
    /* Harts take turns, so a reservation that survived a turn of another
     * hart could miss that hart's store to it: SC fails instead (the spec
     * lets a reservation be lost at any time; a hart's own LR/SC loop runs
     * within one turn and so still succeeds). */
    old->reservation_valid = false;
    old->yielded = 0;
    m->cur = next;
    m->mmu->sys->kick = &cpu->exit_request;
    /* The TLB and the translator's jump cache hold one address space: keep
     * them if the next hart uses the same one (harts of one OS mostly do). */
    if (old->priv.satp != cpu->priv.satp) mmu_sys_flush_translations(m->mmu);
    cpu_priv_sync_mmu(cpu); /* (empties the TLB if privilege, MPRV, SUM or MXR differ) */
}

void machine_update_interrupts(struct machine *m)
{
    dev_plic_set_level(&m->plic, UART_IRQ, dev_uart_irq(&m->uart));
    dev_plic_set_level(&m->plic, KBD_IRQ, dev_kbd_irq(&m->kbd));
    for (unsigned i = 0; i < VIRTIO_MMIO_SLOTS; i++)
        dev_plic_set_level(&m->plic, VIRTIO_MMIO_IRQ + i, dev_virtio_mmio_irq(&m->virtio[i]));
    uint64_t now = cpu_time_ticks();
    for (unsigned h = 0; h < m->n_harts; h++) {
        struct cpu_priv *p = &m->harts[h].priv;
        uint64_t hw = 0;
        if (m->clint.msip[h]) hw |= MIP_MSIP;
        if (now >= m->clint.mtimecmp[h]) hw |= MIP_MTIP;
        if (dev_plic_output(&m->plic, (int)(2 * h))) hw |= MIP_MEIP;
        if (dev_plic_output(&m->plic, (int)(2 * h + 1))) hw |= MIP_SEIP;
        if ((p->menvcfg & MENVCFG_STCE) && now >= p->stimecmp) hw |= MIP_STIP;
        p->mip_hw = hw;
    }
}

uint64_t machine_hart_deadline(const struct machine *m, unsigned h)
{
    const struct cpu_priv *p = &m->harts[h].priv;
    uint64_t d = UINT64_MAX;
    if (p->mie & MIP_MTIP) d = m->clint.mtimecmp[h];
    if ((p->mie & MIP_STIP) && (p->menvcfg & MENVCFG_STCE) && p->stimecmp < d) d = p->stimecmp;
    return d;
}

uint64_t machine_next_deadline(const struct machine *m)
{
    uint64_t d = UINT64_MAX;
    for (unsigned h = 0; h < m->n_harts; h++) {
        uint64_t t = machine_hart_deadline(m, h);
        if (t < d) d = t;
    }
    return d;
}

bool machine_hart_awake(const struct machine *m, unsigned h)
{
    const struct cpu *cpu = &m->harts[h];
    return !cpu->priv.wfi || (cpu_mip(cpu) & cpu->priv.mie);
}

bool machine_can_wake(const struct machine *m, unsigned h, bool input_open)
{
    const struct cpu_priv *p = &m->harts[h].priv;
    if (cpu_mip(&m->harts[h]) & p->mie) return true;
    if (machine_hart_deadline(m, h) != UINT64_MAX) return true;
    /* the only external sources are the UART's and the key device's input, and the network */
    if ((p->mie & (MIP_MEIP | MIP_SEIP)) && (input_open || machine_has_host_input(m))) return true;
    return false;
}

/* ---- parallel harts -------------------------------------------------------- */

void machine_kick(struct machine *m, unsigned h)
{
    cpu_set_exit_request(&m->harts[h], 1);
    if (m->sleeping[h]) pthread_cond_signal(&m->wake[h]);
}

void machine_devices_changed(struct machine *m)
{
    dev_plic_set_level(&m->plic, UART_IRQ, dev_uart_irq(&m->uart));
    dev_plic_set_level(&m->plic, KBD_IRQ, dev_kbd_irq(&m->kbd));
    for (unsigned i = 0; i < VIRTIO_MMIO_SLOTS; i++)
        dev_plic_set_level(&m->plic, VIRTIO_MMIO_IRQ + i, dev_virtio_mmio_irq(&m->virtio[i]));
    for (unsigned h = 0; h < m->n_harts; h++) {
        uint64_t lines = 0;
        if (m->clint.msip[h]) lines |= MIP_MSIP;
        if (dev_plic_output(&m->plic, (int)(2 * h))) lines |= MIP_MEIP;
        if (dev_plic_output(&m->plic, (int)(2 * h + 1))) lines |= MIP_SEIP;
        /* (a new mtimecmp changes when a sleeping hart must wake) */
        if (lines != m->lines[h] || m->clint.mtimecmp[h] != m->cmp_seen[h]) {
            m->lines[h] = lines;
            m->cmp_seen[h] = m->clint.mtimecmp[h];
            machine_kick(m, h);
        }
    }
}

void machine_hart_interrupts(struct machine *m, unsigned h)
{
    struct cpu_priv *p = &m->harts[h].priv;
    uint64_t now = cpu_time_ticks(), hw = m->lines[h];
    if (now >= m->clint.mtimecmp[h]) hw |= MIP_MTIP;
    if ((p->menvcfg & MENVCFG_STCE) && now >= p->stimecmp) hw |= MIP_STIP;
    p->mip_hw = hw;
}
