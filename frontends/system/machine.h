/*
 * frontends/system/machine.h — the virt-compatible machine: RAM, boot ROM, devices, 1-8 harts.
 *
 * machine_create() builds the physical address space (mmu/bus.h) with the
 * QEMU virt memory map, loads the firmware, kernel and initrd, writes the
 * device tree and the reset vector, and resets every hart to 0x1000 in
 * M-mode.  The run loop (frontends/system/system.c) then alternates between the
 * engine and machine_update_interrupts(), which turns the devices' state
 * into the harts' mip bits.  With -smp N the harts take turns on the one
 * host thread (machine_switch_hart; see "SMP" in docs/architecture.md).
 */
#ifndef RVDBT_FRONTENDS_MACHINE_H
#define RVDBT_FRONTENDS_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>

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
#define MACHINE_MAX_HARTS CLINT_MAX_HARTS

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
    unsigned n_harts; /* -smp: 1..MACHINE_MAX_HARTS (0 means 1) */
    bool parallel;    /* -accel tcg,thread=multi: one host thread per hart (n_harts > 1) */
    bool exit_on_every_irq_csr; /* --no-irq-csr-filter (cpu.h) */
    bool no_huge_pages; /* --no-huge-pages: guest RAM in 4 KiB pages, each when first touched */
};

#define MACHINE_INVAL_MAX 64 /* code pages queued per hart before it drops all its code */

struct machine {
    struct machine_options opt;
    struct bus bus;
    struct mmu *mmu; /* one for all harts (its context follows the running hart); parallel: harts[0]'s */
    struct cpu harts[MACHINE_MAX_HARTS];
    unsigned n_harts;
    unsigned cur; /* the hart that runs now */
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
    /* Parallel harts (opt.parallel; see "SMP" in docs/architecture.md). */
    bool parallel;
    struct mmu *mmus[MACHINE_MAX_HARTS]; /* each hart's own TLB and context */
    pthread_mutex_t lock;                /* the device lock (QEMU's BQL): every device, the console, the lines */
    pthread_cond_t wake[MACHINE_MAX_HARTS]; /* a hart asleep in wfi waits here (with `lock`) */
    bool sleeping[MACHINE_MAX_HARTS];    /* (under lock) */
    uint64_t lines[MACHINE_MAX_HARTS];   /* MSIP, MEIP, SEIP from the devices, per hart (under lock) */
    uint64_t cmp_seen[MACHINE_MAX_HARTS]; /* mtimecmp when the lines were last delivered */
    uint8_t stop;                        /* (atomic) the harts' threads must return */
    pthread_mutex_t inval_lock;          /* the queues of code pages other harts wrote */
    uintptr_t inval[MACHINE_MAX_HARTS][MACHINE_INVAL_MAX];
    unsigned n_inval[MACHINE_MAX_HARTS];
    bool inval_all[MACHINE_MAX_HARTS];
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

/* The hart that runs now. */
static inline struct cpu *machine_cpu(struct machine *m) { return &m->harts[m->cur]; }
/* Makes hart `next` the running one: the MMU takes its translation context
 * (and forgets translations if its satp differs), device writes kick it,
 * and the hart that stops loses its LR reservation (another hart runs
 * before its SC, and may store to the reserved address). */
void machine_switch_hart(struct machine *m, unsigned next);

/* Parallel harts.  With m->lock held: the device lines changed (a device
 * write, input, a virtio queue served): update the PLIC and kick every hart
 * whose lines or timer compare value changed out of translated code (and
 * out of its wfi sleep). */
void machine_devices_changed(struct machine *m);
/* Stops hart h's translated code at the next block and wakes it from wfi (lock held). */
void machine_kick(struct machine *m, unsigned h);
/* With m->lock held, on hart h's own thread: its mip_hw from the lines, the CLINT timer and Sstc. */
void machine_hart_interrupts(struct machine *m, unsigned h);
/* On hart h's own thread: drops its blocks of the code pages other harts wrote. */
void machine_drain_code_writes(struct machine *m, unsigned h);

/* Device lines -> PLIC -> mip.MEIP/SEIP; CLINT -> MSIP/MTIP; Sstc -> STIP; every hart. */
void machine_update_interrupts(struct machine *m);
/* Could any interrupt that mie enables still become pending while hart h
 * sleeps (`input_open`: the console or the window may still deliver input)? */
bool machine_can_wake(const struct machine *m, unsigned h, bool input_open);
/* Is hart h able to run now (not in wfi, or in wfi with an enabled interrupt pending)? */
bool machine_hart_awake(const struct machine *m, unsigned h);
/* Serves the virtio devices' notified queues and polls the network (at
 * most once a millisecond).  Call between runs of the engine. */
void machine_poll_devices(struct machine *m);
/* Sleeps up to timeout_ms waiting for network traffic or for input on
 * extra_fd (if >= 0); true if extra_fd is readable.  Without a network
 * device, a plain poll(). */
/* (Parallel harts: called with m->lock held, which it releases while it waits.) */
bool machine_wait(struct machine *m, int timeout_ms, int extra_fd);
/* Does the machine have a device that host events can wake (the network)? */
bool machine_has_host_input(const struct machine *m);
/* The same for hart h alone. */
uint64_t machine_hart_deadline(const struct machine *m, unsigned h);
/* The host time (in mtime ticks) of the next timer deadline of any hart, or UINT64_MAX. */
uint64_t machine_next_deadline(const struct machine *m);

#endif
