/*
 * devices/keyboard.h — a minimal key input device for bare-metal programs.
 *
 * A FIFO of key events (presses and releases from the SDL window) behind
 * three 32-bit registers, with a level interrupt through the PLIC while
 * events wait and the interrupt is enabled (docs/keyboard.md):
 *   0x0 STATUS (R)   number of events in the FIFO
 *   0x4 DATA   (R)   pops the oldest event (0 when empty):
 *                    bits 0-15 key code, bit 16 set for a release
 *   0x8 CTRL   (RW)  bit 0: interrupt enable
 * Key codes: ASCII for printable keys (letters lower case), 8 Backspace,
 * 9 Tab, 13 Enter, 27 Escape, and KEY_UP/DOWN/LEFT/RIGHT for the arrows.
 * The address is unused in QEMU's virt map (after the virtio slots).
 */
#ifndef RVDBT_DEVICES_KEYBOARD_H
#define RVDBT_DEVICES_KEYBOARD_H

#include <stdbool.h>
#include <stdint.h>

#define KBD_BASE 0x10010000ull
#define KBD_SIZE 0x1000ull
#define KBD_IRQ 12
#define KBD_FIFO 64

#define KEY_UP 0x100
#define KEY_DOWN 0x101
#define KEY_LEFT 0x102
#define KEY_RIGHT 0x103
#define KEY_RELEASED 0x10000u

struct keyboard {
    uint32_t fifo[KBD_FIFO];
    unsigned head, count;
    uint32_t ctrl;
};

void dev_kbd_init(struct keyboard *k);
bool dev_kbd_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val);
bool dev_kbd_write(void *opaque, uint64_t offset, unsigned size, uint64_t val);
/* Queues an event (dropped when the FIFO is full, like a real controller). */
void dev_kbd_push(struct keyboard *k, uint32_t event);
bool dev_kbd_irq(const struct keyboard *k);

#endif
