/*
 * devices/keyboard.c — the key event FIFO, its registers and interrupt line.
 */
#include "devices/keyboard.h"

enum { KBD_STATUS = 0, KBD_DATA = 4, KBD_CTRL = 8 };

void dev_kbd_init(struct keyboard *k) { *k = (struct keyboard){0}; }

void dev_kbd_push(struct keyboard *k, uint32_t event)
{
    if (k->count == KBD_FIFO || event == 0) return;
    k->fifo[(k->head + k->count++) % KBD_FIFO] = event;
}

bool dev_kbd_irq(const struct keyboard *k) { return (k->ctrl & 1) && k->count; }

bool dev_kbd_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    struct keyboard *k = opaque;
    if (size != 4) return false; /* 32-bit registers only */
    switch (offset) {
    case KBD_STATUS: *val = k->count; return true;
    case KBD_DATA:
        *val = 0;
        if (k->count) {
            *val = k->fifo[k->head];
            k->head = (k->head + 1) % KBD_FIFO;
            k->count--;
        }
        return true;
    case KBD_CTRL: *val = k->ctrl; return true;
    default: return false;
    }
}

bool dev_kbd_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    struct keyboard *k = opaque;
    if (size != 4) return false;
    if (offset == KBD_CTRL) {
        k->ctrl = (uint32_t)val & 1;
        return true;
    }
    return offset == KBD_STATUS || offset == KBD_DATA; /* read-only: writes ignored */
}
