/*
 * testsuite/demo/fb/paint.c — an interactive demo: a 16x16 brush moved by
 * the keys of the rvdbt window, painting as it goes.
 *
 *   arrows or w a s d   move        1 2 3 4   red, green, blue, yellow
 *   c                   clear       q         quit (power off)
 *
 * Input arrives by interrupts through the PLIC from both paths the window
 * feeds: the key device (IRQ 12; presses and releases, printed as
 * "key 0xCODE down|up") and the UART (IRQ 10; the bytes a terminal would
 * send, printed as "uart 0xBYTE").  The trap handler only queues; the main
 * loop sleeps in wfi while the queue is empty.
 */
#include "fbrt.h"

#define BACKGROUND 0x202020u
#define SIZE 16
#define UART_IRQ 10
#define PLIC_CLAIM (PLIC + 0x200004)
#define QUEUE 64
#define FROM_UART 0x80000000u

static volatile uint32_t queue[QUEUE];
static volatile unsigned q_head, q_tail;
static const uint32_t palette[] = {0xff0000, 0x00ff00, 0x0000ff, 0xffff00};

static void enqueue(uint32_t v)
{
    if (q_tail - q_head < QUEUE) queue[q_tail++ % QUEUE] = v;
}

/* External interrupts: drain the device that interrupted, then complete. */
static uint64_t on_trap(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval)
{
    (void)f, (void)epc, (void)tval;
    if (cause != (INTERRUPT | 11)) return 0;
    uint32_t src = MMIO32(PLIC_CLAIM);
    if (src == KBD_IRQ)
        while (MMIO32(KBD_STATUS)) enqueue(MMIO32(KBD_DATA));
    if (src == UART_IRQ)
        while (MMIO8(UART + 5) & 1) enqueue(FROM_UART | MMIO8(UART));
    if (src) MMIO32(PLIC_CLAIM) = src;
    return 0; /* the default handler resumes at epc */
}

static void print_event(uint32_t e)
{
    if (e & FROM_UART) {
        puts_uart("uart 0x");
    } else {
        puts_uart("key 0x");
    }
    uint32_t v = e & 0xffff;
    for (int s = (v > 0xff ? 8 : 4); s >= 0; s -= 4) putc_uart("0123456789abcdef"[(v >> s) & 15]);
    if (!(e & FROM_UART)) puts_uart(e & KEY_RELEASED ? " up" : " down");
    puts_uart("\n");
}

int main(uint64_t hartid, uint64_t dtb)
{
    (void)hartid;
    struct fb fb;
    fdt_scan(dtb, &fb);
    if (!fb.pixels) {
        puts_uart("paint: no simple-framebuffer in the device tree\n");
        return 1;
    }
    uint32_t x = (fb.width / 2 - SIZE / 2) & ~(SIZE - 1u), y = (fb.height / 2 - SIZE / 2) & ~(SIZE - 1u);
    uint32_t pen = 0xffffff;
    fb_rect(&fb, 0, 0, fb.width, fb.height, BACKGROUND);
    fb_rect(&fb, x, y, SIZE, SIZE, pen);

    m_trap_hook = on_trap;
    MMIO32(PLIC + 4 * KBD_IRQ) = 1;
    MMIO32(PLIC + 4 * UART_IRQ) = 1;
    MMIO32(PLIC + 0x2000) = (1u << KBD_IRQ) | (1u << UART_IRQ);
    MMIO32(PLIC + 0x200000) = 0;
    MMIO32(KBD_CTRL) = 1;
    MMIO8(UART + 1) = 1; /* IER: received data available */
    csr_set(mie, 1ul << 11);
    puts_uart("paint: ready (arrows/wasd move, 1-4 colour, c clear, q quit)\n");
    for (;;) {
        /* Check and sleep with interrupts off, so none slips in between; wfi still wakes. */
        csr_clear(mstatus, 8);
        if (q_head == q_tail) __asm__ volatile("wfi");
        csr_set(mstatus, 8);
        while (q_head != q_tail) {
            uint32_t e = queue[q_head++ % QUEUE];
            print_event(e);
            if (e & (KEY_RELEASED | FROM_UART)) continue; /* the UART's bytes are only echoed */
            uint32_t k = e & 0xffff;
            if (k == 'q') {
                puts_uart("paint: bye\n");
                poweroff(0);
            }
            if (k == 'c') fb_rect(&fb, 0, 0, fb.width, fb.height, BACKGROUND);
            if (k >= '1' && k <= '4') pen = palette[k - '1'];
            if ((k == KEY_LEFT || k == 'a') && x >= SIZE) x -= SIZE;
            if ((k == KEY_RIGHT || k == 'd') && x + 2 * SIZE <= fb.width) x += SIZE;
            if ((k == KEY_UP || k == 'w') && y >= SIZE) y -= SIZE;
            if ((k == KEY_DOWN || k == 's') && y + 2 * SIZE <= fb.height) y += SIZE;
            fb_rect(&fb, x, y, SIZE, SIZE, pen);
        }
    }
}
