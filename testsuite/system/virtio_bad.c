/*
 * testsuite/system/virtio_bad.c — a hostile virtio driver: malformed queues
 * and descriptor chains given to a virtio-blk device.  Each must end in a
 * device error the guest can see — Status has DEVICE_NEEDS_RESET (0x40) and
 * InterruptStatus the configuration-change bit — never a host crash, a
 * hang, or a write outside guest RAM; after a reset the device works again.
 * rvdbt only (the expectations come from the virtio 1.x spec; QEMU does not
 * validate queue set-up the same way).  Run with a raw image of 8 sectors.
 */
#include "virtio_guest.h"

#define RAM_TOP (0x80000000ul + (256ul << 20)) /* rvdbt's default -m 256M */

static struct { uint32_t type, reserved; uint64_t sector; } hdr;
static uint8_t data[512];
static volatile uint8_t status;
static int n;

/* Did the device report an error, as the spec says it must? */
static void expect_error(const char *what)
{
    int needs_reset = (vread(VIO_STATUS) & ST_NEEDS_RESET) != 0;
    int config_irq = (vread(VIO_INTERRUPT_STATUS) & 2) != 0;
    check(++n, needs_reset && config_irq, what);
    vwrite(VIO_INTERRUPT_ACK, 2);
}

/* A queue set up with bad parameters. */
static void bad_queue(uint32_t num, uint64_t d, uint64_t a, uint64_t u, const char *what)
{
    vio_negotiate();
    vio_setup_queue(num, d, a, u);
    expect_error(what);
}

/* The usual header / data / status chain in descriptors 0, 1, 2. */
static void good_chain(void)
{
    hdr.type = 0;
    hdr.sector = 0;
    desc[0] = (struct vdesc){(uintptr_t)&hdr, sizeof hdr, DESC_NEXT, 1};
    desc[1] = (struct vdesc){(uintptr_t)data, sizeof data, DESC_NEXT | DESC_WRITE, 2};
    desc[2] = (struct vdesc){(uintptr_t)&status, 1, DESC_WRITE, 0};
}

/* A good queue, then a chain spoiled by `spoil`, submitted from `head`. */
static void bad_chain(void (*spoil)(void), uint16_t head, const char *what)
{
    vio_negotiate();
    vio_setup_default_queue();
    good_chain();
    spoil();
    vio_submit(head);
    (void)vio_wait(1);
    expect_error(what);
}

static void outside_ram(void) { desc[1].addr = UART; } /* a device, not memory: must not be written */
static void in_boot_rom(void) { desc[1].addr = 0x1000; }
static void past_ram_end(void) { desc[1].addr = RAM_TOP - 256; }
static void huge_length(void) { desc[1].len = 0xffffffffu; }
static void loop(void) { desc[2].flags |= DESC_NEXT, desc[2].next = 0; }
static void self_loop(void) { desc[0].next = 0; }
static void next_beyond(void) { desc[1].next = 100; }
static void indirect(void) { desc[0].flags |= DESC_INDIRECT; }
static void read_after_write(void) { desc[2].flags = 0; }
static void no_status(void) { desc[0].flags = 0; } /* only the header: no status byte to answer in */
static void nothing(void) {}
static void avail_jump(void) { avail.idx = 1000; }

int main(void)
{
    test_name = "virtio_bad";
    check(++n, vio_find(2) == 7, "virtio-blk found");
    uint64_t d = (uintptr_t)desc, a = (uintptr_t)&avail, u = (uintptr_t)&used;

    bad_queue(0, d, a, u, "queue size 0: device needs reset");
    bad_queue(6, d, a, u, "queue size 6 (not a power of two): device needs reset");
    bad_queue(512, d, a, u, "queue size 512 (above QueueNumMax): device needs reset");
    bad_queue(QSIZE, 0x1000, a, u, "descriptor table in the boot ROM: device needs reset");
    bad_queue(QSIZE, d, 0x40000000, u, "available ring outside RAM: device needs reset");
    bad_queue(QSIZE, d, a, 0x7ffffff0, "used ring outside RAM: device needs reset");
    bad_queue(QSIZE, d, a, RAM_TOP - 16, "used ring across the end of RAM: device needs reset");
    bad_queue(QSIZE, d + 8, a, u, "misaligned descriptor table: device needs reset");

    bad_chain(outside_ram, 0, "descriptor at the UART (outside RAM): device needs reset");
    bad_chain(in_boot_rom, 0, "descriptor in the boot ROM: device needs reset");
    bad_chain(past_ram_end, 0, "descriptor across the end of RAM: device needs reset");
    bad_chain(huge_length, 0, "descriptor of 4 GiB: device needs reset");
    bad_chain(loop, 0, "loop in the descriptor chain: device needs reset");
    bad_chain(self_loop, 0, "descriptor chained to itself: device needs reset");
    bad_chain(next_beyond, 0, "next index beyond the queue: device needs reset");
    bad_chain(nothing, 50, "head index beyond the queue: device needs reset");
    bad_chain(avail_jump, 0, "available index far ahead: device needs reset");
    bad_chain(indirect, 0, "indirect descriptor (not offered): device needs reset");
    bad_chain(read_after_write, 0, "readable descriptor after a writable one: device needs reset");
    bad_chain(no_status, 0, "request without a status byte: device needs reset");

    /* the status register keeps NEEDS_RESET until the driver resets the device */
    vwrite(VIO_STATUS, vread(VIO_STATUS) | ST_DRIVER_OK);
    check(++n, vread(VIO_STATUS) & ST_NEEDS_RESET, "NEEDS_RESET stays until a reset");
    /* after a reset the device serves a good request again */
    check(++n, vio_negotiate() & ST_FEATURES_OK, "reset and renegotiated");
    check(++n, !(vread(VIO_STATUS) & ST_NEEDS_RESET), "reset clears NEEDS_RESET");
    vio_setup_default_queue();
    good_chain();
    status = 0xee;
    vio_submit(0);
    check(++n, vio_wait(1) && status == 0, "a good request works after the reset");
    test_pass("virtio_bad");
}
