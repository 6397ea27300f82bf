/*
 * testsuite/unit/test_devices.c — the system-mode devices (devices/) through their
 * register interfaces, as a driver would use them: PLIC priorities,
 * thresholds and claim/complete, the UART's FIFO, IIR priorities and
 * divisor latch, CLINT register halves, the SiFive test commands, HTIF.
 * Expected values come from the PLIC, 16550 and CLINT specifications.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "devices/clint.h"
#include "devices/htif.h"
#include "devices/plic.h"
#include "devices/sifive_test.h"
#include "devices/uart.h"

static uint64_t rd(bool (*read)(void *, uint64_t, unsigned, uint64_t *), void *dev, uint64_t off, unsigned size)
{
    uint64_t v = 0xdead;
    assert_true(read(dev, off, size, &v));
    return v;
}

#define PLIC_CLAIM(ctx) (0x200004 + 0x1000 * (ctx))

static void plic_claims_highest_priority_then_lowest_id(void **state)
{
    (void)state;
    struct plic p;
    dev_plic_init(&p, 1);
    dev_plic_write(&p, 4 * 3, 4, 2);  /* source 3: priority 2 */
    dev_plic_write(&p, 4 * 5, 4, 7);  /* source 5: priority 7 */
    dev_plic_write(&p, 4 * 9, 4, 7);  /* source 9: priority 7 */
    dev_plic_write(&p, 0x2000, 4, (1u << 3) | (1u << 5) | (1u << 9));
    dev_plic_set_level(&p, 3, true);
    dev_plic_set_level(&p, 5, true);
    dev_plic_set_level(&p, 9, true);
    assert_true(dev_plic_output(&p, 0));
    assert_false(dev_plic_output(&p, 1)); /* context 1 enabled nothing */
    assert_int_equal(rd(dev_plic_read, &p, PLIC_CLAIM(0), 4), 5); /* 7 beats 2; tie 5/9: lower id */
    assert_int_equal(rd(dev_plic_read, &p, PLIC_CLAIM(0), 4), 9);
    assert_int_equal(rd(dev_plic_read, &p, PLIC_CLAIM(0), 4), 3);
    assert_int_equal(rd(dev_plic_read, &p, PLIC_CLAIM(0), 4), 0); /* all in service */
    assert_false(dev_plic_output(&p, 0));
    dev_plic_write(&p, PLIC_CLAIM(0), 4, 5); /* complete 5: its line is still up, so pending again */
    assert_int_equal(rd(dev_plic_read, &p, 0x1000, 4), 1u << 5);
    assert_int_equal(rd(dev_plic_read, &p, PLIC_CLAIM(0), 4), 5);
}

static void plic_threshold_and_complete_rules(void **state)
{
    (void)state;
    struct plic p;
    dev_plic_init(&p, 1);
    dev_plic_write(&p, 4 * 10, 4, 3);
    dev_plic_write(&p, 0x2080, 4, 1u << 10); /* context 1 */
    dev_plic_write(&p, 0x201000, 4, 3);      /* threshold 3: priority must exceed it */
    dev_plic_set_level(&p, 10, true);
    assert_false(dev_plic_output(&p, 1));
    dev_plic_write(&p, 0x201000, 4, 2);
    assert_true(dev_plic_output(&p, 1));
    assert_int_equal(rd(dev_plic_read, &p, PLIC_CLAIM(1), 4), 10);
    dev_plic_write(&p, PLIC_CLAIM(0), 4, 10); /* complete from a context without it enabled: ignored */
    assert_int_equal(rd(dev_plic_read, &p, PLIC_CLAIM(1), 4), 0);
    dev_plic_write(&p, PLIC_CLAIM(1), 4, 10);
    dev_plic_set_level(&p, 10, false);
    assert_false(dev_plic_output(&p, 1));
    uint64_t v;
    assert_false(dev_plic_read(&p, 0, 1, &v)); /* 32-bit registers only */
}

static uint8_t sent[64];
static int n_sent;
static void capture(void *opaque, uint8_t b)
{
    (void)opaque;
    sent[n_sent++] = b;
}

static void uart_fifo_and_interrupt_priorities(void **state)
{
    (void)state;
    struct uart u;
    n_sent = 0;
    dev_uart_init(&u, capture, NULL);
    dev_uart_write(&u, 0, 1, 'A');
    assert_int_equal(n_sent, 1);
    assert_int_equal(sent[0], 'A');
    for (int i = 0; i < UART_FIFO + 1; i++) dev_uart_receive(&u, (uint8_t)('a' + i));
    assert_int_equal(dev_uart_rx_room(&u), 0); /* the 17th byte was lost (overrun) */
    dev_uart_write(&u, 1, 1, 3);               /* IER: receive and THRE interrupts */
    assert_true(dev_uart_irq(&u));
    assert_int_equal(rd(dev_uart_read, &u, 2, 1) & 0x0f, 0x04); /* received data outranks THRE */
    for (int i = 0; i < UART_FIFO; i++) assert_int_equal(rd(dev_uart_read, &u, 0, 1), 'a' + i);
    assert_int_equal(rd(dev_uart_read, &u, 5, 1) & 1, 0);
    assert_int_equal(rd(dev_uart_read, &u, 2, 1) & 0x0f, 0x02); /* now THRE; reading IIR acknowledges it */
    assert_int_equal(rd(dev_uart_read, &u, 2, 1) & 0x0f, 0x01);
    assert_false(dev_uart_irq(&u));
}

static void uart_divisor_latch(void **state)
{
    (void)state;
    struct uart u;
    n_sent = 0;
    dev_uart_init(&u, capture, NULL);
    dev_uart_write(&u, 3, 1, 0x80);
    dev_uart_write(&u, 0, 1, 0x0c); /* DLL, not a transmit */
    dev_uart_write(&u, 1, 1, 0x01); /* DLM, not IER */
    dev_uart_write(&u, 3, 1, 0x03);
    assert_int_equal(n_sent, 0);
    assert_int_equal(rd(dev_uart_read, &u, 1, 1), 0);
    dev_uart_write(&u, 3, 1, 0x83);
    assert_int_equal(rd(dev_uart_read, &u, 0, 1), 0x0c);
    assert_int_equal(rd(dev_uart_read, &u, 1, 1), 0x01);
}

static uint64_t fake_time;
static uint64_t fake_now(void) { return fake_time; }

static void clint_registers_and_timer(void **state)
{
    (void)state;
    struct clint c;
    dev_clint_init(&c, 1, fake_now);
    fake_time = 0x123456789ull;
    assert_int_equal(rd(dev_clint_read, &c, 0xbff8, 8), 0x123456789ull);
    assert_int_equal(rd(dev_clint_read, &c, 0xbffc, 4), 0x1);
    assert_false(dev_clint_timer_pending(&c, 0)); /* mtimecmp resets to all ones */
    dev_clint_write(&c, 0x4000, 4, 0x2000);    /* low half */
    dev_clint_write(&c, 0x4004, 4, 0);         /* high half */
    assert_int_equal(c.mtimecmp[0], 0x2000);
    assert_true(dev_clint_timer_pending(&c, 0));
    dev_clint_write(&c, 0, 4, 3);
    assert_int_equal(rd(dev_clint_read, &c, 0, 4), 1); /* msip is one bit */
    dev_clint_write(&c, 4, 4, 1); /* hart 1 does not exist */
    assert_int_equal(rd(dev_clint_read, &c, 4, 4), 0);
    assert_int_equal(rd(dev_clint_read, &c, 0x4008, 8), 0);
}

/* -smp 4: msip at 4*hart, mtimecmp at 0x4000 + 8*hart, each hart its own. */
static void clint_per_hart_registers(void **state)
{
    (void)state;
    struct clint c;
    dev_clint_init(&c, 4, fake_now);
    fake_time = 1000;
    dev_clint_write(&c, 4 * 2, 4, 1);
    assert_int_equal(c.msip[2], 1);
    assert_int_equal(c.msip[0] | c.msip[1] | c.msip[3], 0);
    assert_int_equal(c.ipis, 1);
    assert_int_equal(rd(dev_clint_read, &c, 8, 4), 1);
    assert_int_equal(rd(dev_clint_read, &c, 8, 8), 1); /* harts 2 and 3 in one read */
    dev_clint_write(&c, 0x4000 + 8 * 3, 8, 999);
    assert_true(dev_clint_timer_pending(&c, 3));
    assert_false(dev_clint_timer_pending(&c, 0));
    assert_false(dev_clint_timer_pending(&c, 2));
    assert_int_equal(rd(dev_clint_read, &c, 0x4000 + 8 * 3 + 4, 4), 0);
    assert_int_equal(rd(dev_clint_read, &c, 0x4000 + 8 * 3, 4), 999);
    dev_clint_write(&c, 0x4000 + 8 * 4, 8, 5); /* hart 4: none */
    assert_int_equal(rd(dev_clint_read, &c, 0x4000 + 8 * 4, 8), 0);
}

/* -smp 2: context 2*hart is the hart's M mode, 2*hart+1 its S mode. */
static void plic_contexts_per_hart(void **state)
{
    (void)state;
    struct plic p;
    dev_plic_init(&p, 2);
    dev_plic_write(&p, 4 * 10, 4, 1);
    dev_plic_write(&p, 0x2000 + 0x80 * 3, 4, 1u << 10); /* hart 1, S */
    dev_plic_set_level(&p, 10, true);
    for (int ctx = 0; ctx < 3; ctx++) assert_false(dev_plic_output(&p, ctx));
    assert_true(dev_plic_output(&p, 3));
    assert_int_equal(rd(dev_plic_read, &p, 0x2000 + 0x80 * 3, 4), 1u << 10);
    assert_int_equal(rd(dev_plic_read, &p, PLIC_CLAIM(0), 4), 0);
    assert_int_equal(rd(dev_plic_read, &p, PLIC_CLAIM(3), 4), 10);
    dev_plic_write(&p, 0x2000 + 0x80 * 4, 4, 1u << 10); /* context 4: beyond two harts */
    assert_int_equal(rd(dev_plic_read, &p, 0x2000 + 0x80 * 4, 4), 0);
}

static void sifive_test_and_htif_commands(void **state)
{
    (void)state;
    struct sifive_test t = {SIFIVE_TEST_NONE, 0};
    dev_sifive_test_write(&t, 0, 4, 0x1234); /* not a command */
    assert_int_equal(t.event, SIFIVE_TEST_NONE);
    dev_sifive_test_write(&t, 0, 4, (42u << 16) | 0x3333);
    assert_int_equal(t.event, SIFIVE_TEST_POWEROFF);
    assert_int_equal(t.exit_status, 42);
    dev_sifive_test_write(&t, 0, 2, 0x7777); /* OpenSBI writes 16 bits */
    assert_int_equal(t.event, SIFIVE_TEST_REBOOT);
    struct htif_command h = dev_htif_decode(1);
    assert_int_equal(h.action, HTIF_EXIT);
    assert_int_equal(h.exit_status, 0);
    h = dev_htif_decode((3 << 1) | 1);
    assert_int_equal(h.exit_status, 3);
    h = dev_htif_decode((1ull << 56) | (1ull << 48) | 'x');
    assert_int_equal(h.action, HTIF_PUTCHAR);
    assert_int_equal(h.byte, 'x');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plic_claims_highest_priority_then_lowest_id),
        cmocka_unit_test(plic_threshold_and_complete_rules),
        cmocka_unit_test(uart_fifo_and_interrupt_priorities),
        cmocka_unit_test(uart_divisor_latch),
        cmocka_unit_test(clint_registers_and_timer),
        cmocka_unit_test(clint_per_hart_registers),
        cmocka_unit_test(plic_contexts_per_hart),
        cmocka_unit_test(sifive_test_and_htif_commands),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
