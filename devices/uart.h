/*
 * devices/uart.h — a 16550A UART (the virt board's console, IRQ 10).
 *
 * Transmit is immediate (the byte goes to the host at once, so the
 * transmitter is always empty); receive goes through a 16-byte FIFO the
 * machine fills from the host's stdin.  Interrupts: "received data
 * available" while the FIFO holds data and IER bit 0 is set, "transmitter
 * holding register empty" after a transmit or after IER bit 1 is set,
 * until IIR reports it or the next byte is written (as on the real chip).
 * Loopback (MCR bit 4) routes transmitted bytes back into the FIFO and the
 * modem outputs into MSR, which is what Linux's 8250 driver probes.
 */
#ifndef RVDBT_DEVICES_UART_H
#define RVDBT_DEVICES_UART_H

#include <stdbool.h>
#include <stdint.h>

#define UART_BASE 0x10000000ull
#define UART_SIZE 0x100ull
#define UART_IRQ 10
#define UART_FIFO 16

struct uart {
    uint8_t ier, lcr, mcr, scr, dll, dlm, fcr;
    bool thre_pending;
    uint8_t rx[UART_FIFO];
    unsigned rx_head, rx_count;
    void (*transmit)(void *opaque, uint8_t byte);
    void *opaque;
};

void dev_uart_init(struct uart *u, void (*transmit)(void *, uint8_t), void *opaque);
bool dev_uart_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val);
bool dev_uart_write(void *opaque, uint64_t offset, unsigned size, uint64_t val);
/* Room in the receive FIFO, and putting a received byte into it. */
unsigned dev_uart_rx_room(const struct uart *u);
void dev_uart_receive(struct uart *u, uint8_t byte);
/* The interrupt line. */
bool dev_uart_irq(const struct uart *u);

#endif
