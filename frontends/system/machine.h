/*
 * frontends/system/machine.h — the virt-compatible machine: RAM, boot ROM, devices, one hart.
 *
 * machine_create() builds the physical address space (mmu/bus.h) with the
 * QEMU virt memory map, loads the firmware, kernel and initrd, writes the
 * device tree and the reset vector, and resets the hart to 0x1000 in
 * M-mode.  The run loop (frontends/system/system.c) then alternates between the
 * engine and machine_update_interrupts(), which turns the devices' state
 * into the hart's mip bits.
 */
#ifndef RVDBT_FRONTENDS_MACHINE_H
#define RVDBT_FRONTENDS_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "devices/boot_rom.h"
#include "devices/clint.h"
#include "devices/framebuffer.h"
#include "devices/keyboard.h"
#include "devices/plic.h"
#include "devices/sifive_test.h"
#include "devices/uart.h"
#include "devices/virtio_blk.h"
#include "devices/virtio_mmio.h"
#include "devices/virtio_net.h"
#include "devices/virtio_rng.h"
#include "mmu/bus.h"

#define MACHINE_RAM_BASE 0x80000000ull
#define MACHINE_KERNEL_OFFSET 0x200000ull /* the kernel goes 2 MiB above the firmware */
#define MACHINE_MIN_RAM (8ull << 20)
#define MACHINE_MAX_RAM (16ull << 30)

enum machine_virtio_kind { MACHINE_VIRTIO_BLK, MACHINE_VIRTIO_RNG, MACHINE_VIRTIO_NET };

/* One virtio device of the command line (frontends/system/virtio_options.c). */
struct machine_virtio {
    enum machine_virtio_kind kind;
    const char *file; /* blk: the image */
    bool readonly;    /* blk */
    uint8_t mac[6];   /* net */
    const struct net_hostfwd *hostfwd; /* net */
    unsigned n_hostfwd;
};

struct machine_options {
    const char *bios;     /* a file, or "none": run the kernel directly in M-mode */
    const char *kernel;   /* ELF (bare metal) or a flat Linux Image; may be NULL with a bios */
    const char *initrd;
    const char *append;   /* kernel command line */
    uint64_t ram_size;
    uint32_t fb_width, fb_height; /* the framebuffer's size (0, 0: none) */
    struct machine_virtio virtio[VIRTIO_MMIO_SLOTS]; /* in slot order from the top: [0] at 0x10008000 */
    unsigned n_virtio;
    bool snapshot; /* disk writes stay in memory */
};

struct machine {
    struct machine_options opt;
    struct bus bus;
    struct mmu *mmu;
    struct cpu cpu;
    uint8_t *ram;
    uint8_t rom[BOOT_ROM_SIZE];
    struct clint clint;
    struct plic plic;
    struct uart uart;
    struct sifive_test test;
    struct framebuffer fb;
    struct keyboard kbd;
    struct vq_dma dma; /* guest RAM as the virtio devices reach it */
    struct virtio_mmio virtio[VIRTIO_MMIO_SLOTS]; /* [i] at VIRTIO_MMIO_BASE + i * 0x1000 */
    struct virtio_blk blk[VIRTIO_MMIO_SLOTS];
    struct virtio_rng rng[VIRTIO_MMIO_SLOTS];
    struct virtio_net *net[VIRTIO_MMIO_SLOTS]; /* (large: allocated) */
    uint64_t net_polled;                       /* cpu_time_ticks() of the last network poll */
    uint64_t tohost, fromhost; /* HTIF words (physical), 0 if the kernel has none */
    bool htif_exit;
    int htif_status;
    /* UART output goes here (stdout), flushed by the run loop */
    void (*output)(void *opaque, uint8_t byte);
    void *output_opaque;
};

/* Builds and loads the machine.  On failure writes a one-line reason into
 * err and returns false (the machine is then destroyed). */
bool machine_create(struct machine *m, const struct machine_options *opt, char *err, size_t errlen);
void machine_destroy(struct machine *m);
/* Reboot: reload the images, reset the devices and the hart. */
bool machine_reset(struct machine *m, char *err, size_t errlen);

/* Device lines -> PLIC -> mip.MEIP/SEIP; CLINT -> MSIP/MTIP; Sstc -> STIP. */
void machine_update_interrupts(struct machine *m);
/* Could any interrupt that mie enables still become pending while the hart
 * sleeps (`input_open`: the console or the window may still deliver input)? */
bool machine_can_wake(const struct machine *m, bool input_open);
/* Serves the virtio devices' notified queues and polls the network (at
 * most once a millisecond).  Call between runs of the engine. */
void machine_poll_devices(struct machine *m);
/* Sleeps up to timeout_ms waiting for network traffic or for input on
 * extra_fd (if >= 0); true if extra_fd is readable.  Without a network
 * device, a plain poll(). */
bool machine_wait(struct machine *m, int timeout_ms, int extra_fd);
/* Does the machine have a device that host events can wake (the network)? */
bool machine_has_host_input(const struct machine *m);
/* The host time (in mtime ticks) of the next timer deadline, or UINT64_MAX. */
uint64_t machine_next_deadline(const struct machine *m);

#endif
