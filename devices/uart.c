/*
 * devices/uart.c — 16550A registers, the receive FIFO and the interrupt line.
 */
#include "devices/uart.h"

enum { RBR_THR = 0, IER = 1, IIR_FCR = 2, LCR = 3, MCR = 4, LSR = 5, MSR = 6, SCR = 7 };
#define LCR_DLAB 0x80
#define MCR_LOOP 0x10
#define LSR_DR 0x01   /* data ready */
#define LSR_THRE 0x20 /* transmitter holding register empty */
#define LSR_TEMT 0x40 /* transmitter empty */
#define IIR_NONE 0x01
#define IIR_THRE 0x02
#define IIR_RDA 0x04
#define IIR_FIFO 0xc0 /* FIFOs enabled */

void dev_uart_init(struct uart *u, void (*transmit)(void *, uint8_t), void *opaque)
{
    *u = (struct uart){.transmit = transmit, .opaque = opaque};
}

unsigned dev_uart_rx_room(const struct uart *u) { return UART_FIFO - u->rx_count; }

void dev_uart_receive(struct uart *u, uint8_t byte)
{
    if (u->rx_count == UART_FIFO) return; /* overrun: the byte is lost, as on the chip */
    u->rx[(u->rx_head + u->rx_count++) % UART_FIFO] = byte;
}

bool dev_uart_irq(const struct uart *u)
{
    return ((u->ier & 1) && u->rx_count) || ((u->ier & 2) && u->thre_pending);
}

static uint8_t iir(const struct uart *u)
{
    uint8_t fifo = (u->fcr & 1) ? IIR_FIFO : 0;
    if ((u->ier & 1) && u->rx_count) return fifo | IIR_RDA;
    if ((u->ier & 2) && u->thre_pending) return fifo | IIR_THRE;
    return fifo | IIR_NONE;
}

/* In loopback the modem outputs appear on the inputs: DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD. */
static uint8_t msr(const struct uart *u)
{
    if (!(u->mcr & MCR_LOOP)) return 0xb0; /* DCD, DSR, CTS: a terminal is attached */
    uint8_t m = u->mcr;
    return (uint8_t)(((m & 1) << 5) | ((m & 2) << 3) | ((m & 4) << 4) | ((m & 8) << 4));
}

bool dev_uart_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    struct uart *u = opaque;
    (void)size; /* any width: the register is the low byte */
    bool dlab = u->lcr & LCR_DLAB;
    switch (offset) {
    case RBR_THR:
        if (dlab) { *val = u->dll; break; }
        *val = 0;
        if (u->rx_count) {
            *val = u->rx[u->rx_head];
            u->rx_head = (u->rx_head + 1) % UART_FIFO;
            u->rx_count--;
        }
        break;
    case IER: *val = dlab ? u->dlm : u->ier; break;
    case IIR_FCR: {
        uint8_t v = iir(u);
        if ((v & 0x0f) == IIR_THRE) u->thre_pending = false; /* reading IIR acknowledges THRE */
        *val = v;
        break;
    }
    case LCR: *val = u->lcr; break;
    case MCR: *val = u->mcr; break;
    case LSR: *val = (u->rx_count ? LSR_DR : 0) | LSR_THRE | LSR_TEMT; break;
    case MSR: *val = msr(u); break;
    case SCR: *val = u->scr; break;
    default: *val = 0; break;
    }
    return true;
}

bool dev_uart_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    struct uart *u = opaque;
    (void)size;
    uint8_t b = (uint8_t)val;
    bool dlab = u->lcr & LCR_DLAB;
    switch (offset) {
    case RBR_THR:
        if (dlab) { u->dll = b; break; }
        if (u->mcr & MCR_LOOP) dev_uart_receive(u, b);
        else u->transmit(u->opaque, b);
        u->thre_pending = true; /* sent at once: empty again */
        break;
    case IER:
        if (dlab) { u->dlm = b; break; }
        /* enabling the THRE interrupt while THR is empty raises it at once */
        if ((b & 2) && !(u->ier & 2)) u->thre_pending = true;
        u->ier = b & 0x0f;
        break;
    case IIR_FCR:
        u->fcr = b & 0xc9;
        if (b & 2) u->rx_count = 0; /* clear the receive FIFO */
        break;
    case LCR: u->lcr = b; break;
    case MCR: u->mcr = b & 0x1f; break;
    case SCR: u->scr = b; break;
    default: break; /* LSR, MSR: read-only */
    }
    return true;
}
