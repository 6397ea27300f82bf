/*
 * testsuite/system/virtio_guest.h — a minimal virtio-mmio (version 2) driver
 * for the bare-metal tests virtio_blk.c and virtio_bad.c: finding a device
 * in QEMU virt's eight slots, feature negotiation, setting up queue 0 with
 * rings the test may fill as it likes (well-formed or not), and waiting for
 * the device's answer (a used buffer or DEVICE_NEEDS_RESET).
 */
#ifndef VIRTIO_GUEST_H
#define VIRTIO_GUEST_H

#include "rt.h"

#define VIO_BASE(slot) (0x10001000ul + 0x1000ul * (slot))
#define VIO_MAGIC 0x000
#define VIO_VERSION 0x004
#define VIO_DEVICE_ID 0x008
#define VIO_DEVICE_FEATURES 0x010
#define VIO_DEVICE_FEATURES_SEL 0x014
#define VIO_DRIVER_FEATURES 0x020
#define VIO_DRIVER_FEATURES_SEL 0x024
#define VIO_QUEUE_SEL 0x030
#define VIO_QUEUE_NUM_MAX 0x034
#define VIO_QUEUE_NUM 0x038
#define VIO_QUEUE_READY 0x044
#define VIO_QUEUE_NOTIFY 0x050
#define VIO_INTERRUPT_STATUS 0x060
#define VIO_INTERRUPT_ACK 0x064
#define VIO_STATUS 0x070
#define VIO_QUEUE_DESC 0x080
#define VIO_QUEUE_DRIVER 0x090
#define VIO_QUEUE_DEVICE 0x0a0
#define VIO_CONFIG 0x100

#define ST_ACK 1
#define ST_DRIVER 2
#define ST_DRIVER_OK 4
#define ST_FEATURES_OK 8
#define ST_NEEDS_RESET 0x40

#define DESC_NEXT 1
#define DESC_WRITE 2
#define DESC_INDIRECT 4

#define QSIZE 8

struct vdesc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags, next;
};
struct vavail {
    uint16_t flags, idx, ring[QSIZE], event;
};
struct vused {
    uint16_t flags, idx;
    struct { uint32_t id, len; } ring[QSIZE];
    uint16_t event;
};

static struct vdesc desc[QSIZE] __attribute__((aligned(16)));
static struct vavail avail __attribute__((aligned(2)));
static struct vused used __attribute__((aligned(4)));
static uint64_t vio; /* the device's base */

static inline uint32_t vread(unsigned off) { return MMIO32(vio + off); }
static inline void vwrite(unsigned off, uint32_t v) { MMIO32(vio + off) = v; }
static inline void vwrite64(unsigned off, uint64_t v) { vwrite(off, (uint32_t)v), vwrite(off + 4, (uint32_t)(v >> 32)); }
static inline void fence(void) { __asm__ volatile("fence rw, rw" ::: "memory"); }

/* The slot holding a modern device of this ID, or -1. */
static int vio_find(uint32_t device_id)
{
    for (int s = 7; s >= 0; s--) {
        vio = VIO_BASE(s);
        if (vread(VIO_MAGIC) == 0x74726976 && vread(VIO_VERSION) == 2 && vread(VIO_DEVICE_ID) == device_id) return s;
    }
    return -1;
}

/* Reset, ACKNOWLEDGE, DRIVER, accept VERSION_1 only, FEATURES_OK.  Returns the status read back. */
static uint32_t vio_negotiate(void)
{
    vwrite(VIO_STATUS, 0);
    vwrite(VIO_STATUS, ST_ACK);
    vwrite(VIO_STATUS, ST_ACK | ST_DRIVER);
    vwrite(VIO_DRIVER_FEATURES_SEL, 0);
    vwrite(VIO_DRIVER_FEATURES, 0);
    vwrite(VIO_DRIVER_FEATURES_SEL, 1);
    vwrite(VIO_DRIVER_FEATURES, 1); /* bit 32: VIRTIO_F_VERSION_1 */
    vwrite(VIO_STATUS, ST_ACK | ST_DRIVER | ST_FEATURES_OK);
    return vread(VIO_STATUS);
}

/* Queue 0 with `num` entries at the given rings, made ready, then DRIVER_OK. */
static void vio_setup_queue(uint32_t num, uint64_t d, uint64_t a, uint64_t u)
{
    for (unsigned i = 0; i < sizeof avail / 2; i++) ((volatile uint16_t *)&avail)[i] = 0;
    for (unsigned i = 0; i < sizeof used / 2; i++) ((volatile uint16_t *)&used)[i] = 0;
    vwrite(VIO_QUEUE_SEL, 0);
    vwrite(VIO_QUEUE_NUM, num);
    vwrite64(VIO_QUEUE_DESC, d);
    vwrite64(VIO_QUEUE_DRIVER, a);
    vwrite64(VIO_QUEUE_DEVICE, u);
    vwrite(VIO_QUEUE_READY, 1);
    vwrite(VIO_STATUS, vread(VIO_STATUS) | ST_DRIVER_OK);
}

static void vio_setup_default_queue(void) { vio_setup_queue(QSIZE, (uintptr_t)desc, (uintptr_t)&avail, (uintptr_t)&used); }

/* Offers chain `head` and notifies queue 0. */
static void vio_submit(uint16_t head)
{
    avail.ring[avail.idx % QSIZE] = head;
    fence();
    avail.idx++;
    fence();
    vwrite(VIO_QUEUE_NOTIFY, 0);
}

/* Waits until used.idx reaches `want` or the device needs a reset; returns 1 for the former. */
static int vio_wait(uint16_t want)
{
    for (long i = 0; i < 20000000; i++) {
        fence();
        if (*(volatile uint16_t *)&used.idx == want) return 1;
        if (vread(VIO_STATUS) & ST_NEEDS_RESET) return 0;
    }
    return 0;
}

#endif
