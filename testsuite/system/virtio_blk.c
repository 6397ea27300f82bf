/*
 * testsuite/system/virtio_blk.c — drives a virtio-blk disk directly: finds
 * it, negotiates VERSION_1, reads sector 0 (prints its text, written by
 * the test script), writes sector 1, reads it back, flushes, and checks
 * the errors for a read past the end and an unknown request type.  Run
 * with a raw image of 8 sectors; qemu-system-riscv64 -M virt is the oracle.
 */
#include "virtio_guest.h"

#define T_IN 0
#define T_OUT 1
#define T_FLUSH 4
#define T_UNKNOWN 0x77

static struct { uint32_t type, reserved; uint64_t sector; } hdr;
static uint8_t data[512];
static volatile uint8_t status;
static uint16_t done;

/* One request: header, data (if len), status.  Returns the status byte, or 0xff if none came. */
static int request(uint32_t type, uint64_t sector, uint32_t len, int device_writes)
{
    hdr.type = type;
    hdr.sector = sector;
    status = 0xee;
    uint16_t last = len ? 2 : 1;
    desc[0] = (struct vdesc){(uintptr_t)&hdr, sizeof hdr, DESC_NEXT, 1};
    if (len) desc[1] = (struct vdesc){(uintptr_t)data, len, (uint16_t)(DESC_NEXT | (device_writes ? DESC_WRITE : 0)), 2};
    desc[last] = (struct vdesc){(uintptr_t)&status, 1, DESC_WRITE, 0};
    vio_submit(0);
    if (!vio_wait(++done)) return 0xff;
    fence();
    return status;
}

int main(void)
{
    test_name = "virtio_blk";
    int slot = vio_find(2);
    check(1, slot == 7, "virtio-blk in the highest slot (0x10008000)");
    vwrite(VIO_DEVICE_FEATURES_SEL, 1);
    check(2, vread(VIO_DEVICE_FEATURES) & 1, "VIRTIO_F_VERSION_1 offered");
    check(3, vio_negotiate() & ST_FEATURES_OK, "FEATURES_OK accepted");
    vwrite(VIO_QUEUE_SEL, 0);
    check(4, vread(VIO_QUEUE_NUM_MAX) >= QSIZE, "queue 0 has room for 8 entries");
    uint64_t capacity = MMIO32(vio + VIO_CONFIG) | (uint64_t)MMIO32(vio + VIO_CONFIG + 4) << 32;
    puts_uart("capacity ");
    putdec(capacity);
    puts_uart(" sectors\n");
    check(5, capacity == 8, "capacity: 8 sectors");
    vio_setup_default_queue();

    check(6, request(T_IN, 0, 512, 1) == 0, "read sector 0");
    check(7, used.ring[0].len == 513, "used length of a read: data + status");
    check(8, vread(VIO_INTERRUPT_STATUS) & 1, "used-buffer interrupt status");
    vwrite(VIO_INTERRUPT_ACK, 1);
    check(9, (vread(VIO_INTERRUPT_STATUS) & 1) == 0, "interrupt acknowledged");
    puts_uart("sector 0: ");
    for (int i = 0; i < 64 && data[i]; i++) putc_uart((char)data[i]);
    putc_uart('\n');

    static const char msg[] = "sector 1 written by the guest through virtio-blk";
    for (int i = 0; i < 512; i++) data[i] = i < (int)sizeof msg ? (uint8_t)msg[i] : (uint8_t)i;
    check(10, request(T_OUT, 1, 512, 0) == 0, "write sector 1");
    for (int i = 0; i < 512; i++) data[i] = 0;
    check(11, request(T_IN, 1, 512, 1) == 0, "read sector 1 back");
    int same = 1;
    for (int i = 0; i < 512; i++) same &= data[i] == (i < (int)sizeof msg ? (uint8_t)msg[i] : (uint8_t)i);
    check(12, same, "sector 1 holds what was written");
    check(13, request(T_FLUSH, 0, 0, 0) == 0, "flush");
    check(14, request(T_IN, 8, 512, 1) == 1, "read past the end: VIRTIO_BLK_S_IOERR");
    check(15, request(T_UNKNOWN, 0, 0, 0) == 2, "unknown request type: VIRTIO_BLK_S_UNSUPP");
    check(16, !(vread(VIO_STATUS) & ST_NEEDS_RESET), "no device error");
    test_pass("virtio_blk");
}
