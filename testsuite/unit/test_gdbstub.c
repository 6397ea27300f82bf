/*
 * testsuite/unit/test_gdbstub.c — the GDB remote protocol layer (frontends/gdb/gdb_packets.c)
 * and the stub's packet handlers (frontends/gdb/gdb_commands.c, gdb_breakpoints.c,
 * gdb_target.c).
 *
 * What must hold: checksums and frames are what the protocol manual shows
 * ("$OK#9a"); hex and binary escapes round-trip and reject malformed input
 * without writing past their buffers; the receiver survives bad checksums,
 * overlong packets and noise; and the handlers answer hostile requests with
 * errors while reading and patching guest memory only through the mmu.
 * The handlers are driven through a socketpair, as GDB would drive them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "frontends/gdb/gdb_packets.h"
#include "frontends/gdb/gdb_target.h"
#include "frontends/gdb/gdbstub_internal.h"
#include "mmu/mmu.h"

/* ---- framing and encodings ------------------------------------------------- */

static void test_checksum_and_frame(void **state)
{
    (void)state;
    assert_int_equal(gdb_checksum("OK", 2), 0x9a); /* 'O' 0x4f + 'K' 0x4b */
    assert_int_equal(gdb_checksum("", 0), 0);
    assert_int_equal(gdb_checksum("\xff\x02", 2), 0x01); /* modulo 256 */
    char out[16];
    assert_int_equal(gdb_frame(out, sizeof out, "OK", 2), 6);
    assert_string_equal(out, "$OK#9a");
    assert_int_equal(gdb_frame(out, sizeof out, "", 0), 4);
    assert_string_equal(out, "$#00");
    /* exactly fits: 11 payload + 5 = 16; one more does not */
    assert_int_equal(gdb_frame(out, sizeof out, "0123456789a", 11), 15);
    assert_int_equal(gdb_frame(out, sizeof out, "0123456789ab", 12), 0);
}

static void test_hex(void **state)
{
    (void)state;
    const uint8_t data[] = {0x00, 0x7f, 0x80, 0xff, 0x1a};
    char out[11];
    assert_int_equal(gdb_hex_encode(out, sizeof out, data, 5), 10);
    assert_string_equal(out, "007f80ff1a");
    assert_int_equal(gdb_hex_encode(out, 10, data, 5), 0); /* no room for the NUL */
    uint8_t back[5];
    assert_true(gdb_hex_decode("007F80ff1a", 10, back, 5)); /* either case */
    assert_memory_equal(back, data, 5);
    assert_false(gdb_hex_decode("007f80ff1", 9, back, 5));   /* odd length */
    assert_false(gdb_hex_decode("007f80ff1g", 10, back, 5)); /* not hex */
    assert_false(gdb_hex_decode("007f80ff1a00", 12, back, 5));
    assert_int_equal(gdb_hex_digit('f'), 15);
    assert_int_equal(gdb_hex_digit('G'), -1);
    assert_int_equal(gdb_hex_digit(0), -1);
}

static void test_parse_hex(void **state)
{
    (void)state;
    uint64_t v;
    const char *p = "1a2b,";
    assert_true(gdb_parse_hex(&p, &v));
    assert_int_equal(v, 0x1a2b);
    assert_int_equal(*p, ',');
    p = "ffffffffffffffff";
    assert_true(gdb_parse_hex(&p, &v));
    assert_true(v == UINT64_MAX);
    p = "0000000000000000000001"; /* leading zeros do not overflow */
    assert_true(gdb_parse_hex(&p, &v));
    assert_int_equal(v, 1);
    p = "10000000000000000"; /* 2^64 */
    assert_false(gdb_parse_hex(&p, &v));
    p = ",12";
    assert_false(gdb_parse_hex(&p, &v));
    p = "";
    assert_false(gdb_parse_hex(&p, &v));
}

static void test_escape(void **state)
{
    (void)state;
    const uint8_t raw[] = {'a', '$', '#', '}', '*', 0};
    char esc[16];
    long n = gdb_escape(raw, sizeof raw, esc, sizeof esc);
    /* each special byte becomes '}' and itself xor 0x20 ('$' 0x24 -> 0x04) */
    assert_int_equal(n, 10);
    assert_memory_equal(esc, "a}\x04}\x03}]}\x0a\0", 10);
    uint8_t back[16];
    assert_int_equal(gdb_unescape(esc, (size_t)n, back, sizeof back), sizeof raw);
    assert_memory_equal(back, raw, sizeof raw);
    assert_int_equal(gdb_escape(raw, sizeof raw, esc, 9), -1);  /* does not fit */
    assert_int_equal(gdb_unescape("ab}", 3, back, sizeof back), -1); /* lone escape */
    assert_int_equal(gdb_unescape("abc", 3, back, 2), -1);          /* does not fit */
}

static enum gdb_rx_event feed(struct gdb_rx *rx, const char *s, size_t n)
{
    enum gdb_rx_event last = GDB_RX_NONE;
    for (size_t i = 0; i < n; i++) {
        enum gdb_rx_event ev = gdb_rx_feed(rx, (uint8_t)s[i]);
        if (ev != GDB_RX_NONE) last = ev;
    }
    return last;
}

static void test_receiver(void **state)
{
    (void)state;
    struct gdb_rx *rx = malloc(sizeof *rx);
    gdb_rx_init(rx);
    assert_int_equal(feed(rx, "$g#67", 5), GDB_RX_PACKET);
    assert_string_equal(rx->buf, "g");
    assert_int_equal(feed(rx, "$g#68", 5), GDB_RX_BAD_PACKET);
    assert_int_equal(feed(rx, "$g#6z", 5), GDB_RX_BAD_PACKET);
    assert_int_equal(feed(rx, "\x03", 1), GDB_RX_INTERRUPT);
    assert_int_equal(feed(rx, "+", 1), GDB_RX_ACK);
    assert_int_equal(feed(rx, "-", 1), GDB_RX_NAK);
    /* noise between packets is ignored; a '$' inside a packet restarts it */
    assert_int_equal(feed(rx, "xyz$abc$OK#9a", 13), GDB_RX_PACKET);
    assert_string_equal(rx->buf, "OK");
    /* a packet longer than the buffer is refused whole, and the next one works */
    char *big = malloc(GDB_MAX_PACKET + 100);
    memset(big, 'a', GDB_MAX_PACKET + 100);
    big[0] = '$';
    assert_int_equal(feed(rx, big, GDB_MAX_PACKET + 100), GDB_RX_NONE);
    uint8_t sum = (uint8_t)('a' * (GDB_MAX_PACKET + 99));
    char tail[4];
    snprintf(tail, sizeof tail, "#%02x", sum);
    assert_int_equal(feed(rx, tail, 3), GDB_RX_BAD_PACKET);
    assert_int_equal(feed(rx, "$g#67", 5), GDB_RX_PACKET);
    free(big);
    free(rx);
}

/* ---- registers ---------------------------------------------------------------- */

static void test_registers(void **state)
{
    (void)state;
    struct cpu cpu;
    memset(&cpu, 0, sizeof cpu);
    uint8_t b[8];
    cpu.x[10] = 0x1122334455667788ull;
    assert_int_equal(gdb_reg_read(&cpu, 10, b), 8);
    assert_int_equal(b[0], 0x88); /* little-endian, as the target stores it */
    cpu.pc = 0x10078;
    assert_int_equal(gdb_reg_read(&cpu, GDB_REG_PC, b), 8);
    assert_int_equal(b[0], 0x78);
    cpu.fflags = 0x1f, cpu.frm = 3;
    assert_int_equal(gdb_reg_read(&cpu, GDB_REG_FCSR, b), 4);
    assert_int_equal(b[0], 0x7f); /* frm << 5 | fflags */
    assert_int_equal(gdb_reg_read(&cpu, 65, b), 0);   /* no such register */
    assert_int_equal(gdb_reg_read(&cpu, 5000, b), 0);
    const uint8_t one[8] = {1};
    assert_true(gdb_reg_write(&cpu, 0, one, 8));
    assert_int_equal(cpu.x[0], 0); /* x0 stays zero */
    assert_true(gdb_reg_write(&cpu, GDB_REG_F0 + 31, one, 8));
    assert_int_equal(cpu.f[31], 1);
    assert_false(gdb_reg_write(&cpu, 5, one, 4));        /* wrong size */
    assert_false(gdb_reg_write(&cpu, GDB_REG_FRM, one, 8));
    assert_true(gdb_reg_write(&cpu, GDB_REG_FRM, (const uint8_t[]){0xff, 0, 0, 0}, 4));
    assert_int_equal(cpu.frm, 7); /* only the field's bits */
    assert_non_null(strstr(gdb_target_xml, "<feature name=\"org.gnu.gdb.riscv.cpu\">"));
    assert_non_null(strstr(gdb_target_xml, "<feature name=\"org.gnu.gdb.riscv.fpu\">"));
    /* system mode adds the CSRs (65 + number, GDB's numbering) and priv (GDB's 4161) */
    assert_null(strstr(gdb_target_xml, "org.gnu.gdb.riscv.csr"));
    assert_non_null(strstr(gdb_target_xml_system(), "<reg name=\"mstatus\" bitsize=\"64\" type=\"int\" regnum=\"833\""));
    assert_non_null(strstr(gdb_target_xml_system(), "<reg name=\"satp\" bitsize=\"64\" type=\"int\" regnum=\"449\""));
    assert_non_null(strstr(gdb_target_xml_system(), "<reg name=\"priv\" bitsize=\"64\" type=\"int\" regnum=\"4161\""));
    assert_null(strstr(gdb_target_xml_system(), "osabi"));
}

/* ---- packet handlers, through a socketpair ---------------------------------- */

struct fixture {
    struct gdb_stub *g;
    struct cpu cpu;
    struct mmu *mmu;
    int peer; /* GDB's end */
};

#define CODE 0x10000ull

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    int sv[2];
    if (!f || socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) return -1;
    f->mmu = mmu_create();
    if (!f->mmu || !mmu_map(f->mmu, CODE, MMU_PAGE_SIZE, MMU_READ | MMU_EXEC)) return -1;
    /* addi a0,a0,1 (4 bytes), then c.nop (2 bytes) */
    const uint8_t code[] = {0x13, 0x05, 0x15, 0x00, 0x01, 0x00};
    mmu_write_bytes(f->mmu, CODE, code, sizeof code, 0);
    f->cpu.mmu = f->mmu;
    f->cpu.pc = CODE;
    f->g = calloc(1, sizeof *f->g);
    f->g->fd = sv[0];
    f->g->listen_fd = -1;
    f->g->cpu = &f->cpu;
    f->g->state = GDB_STOPPED;
    f->g->no_ack = true;
    snprintf(f->g->last_stop, sizeof f->g->last_stop, "T05thread:1;");
    f->peer = sv[1];
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    close(f->g->fd);
    close(f->peer);
    free(f->g);
    mmu_destroy(f->mmu);
    free(f);
    return 0;
}

/* Sends `pkt` to the handler and returns the reply's payload (static buffer). */
static const char *ask(struct fixture *f, const char *pkt)
{
    static char reply[GDB_MAX_PACKET + 8];
    char buf[GDB_MAX_PACKET + 1];
    snprintf(buf, sizeof buf, "%s", pkt);
    gdb_handle_packet(f->g, buf, strlen(buf));
    size_t n = 0;
    for (;;) { /* read until the "#xx" of one frame */
        ssize_t r = read(f->peer, reply + n, sizeof reply - 1 - n);
        assert_true(r > 0);
        n += (size_t)r;
        reply[n] = 0;
        char *hash = strchr(reply, '#');
        if (hash && strlen(hash) >= 3) {
            *hash = 0;
            return reply + 1; /* skip '$' */
        }
    }
}

static void test_memory_packets(void **state)
{
    struct fixture *f = *state;
    assert_string_equal(ask(f, "m10000,4"), "13051500");
    assert_string_equal(ask(f, "mfffffffffff0,10"), "E14");   /* outside the guest */
    assert_string_equal(ask(f, "m20000,4"), "E14");           /* unmapped */
    assert_string_equal(ask(f, "m10ffe,4"), "0000");          /* stops at the unmapped page */
    assert_string_equal(ask(f, "m0,4"), "E14");
    assert_string_equal(ask(f, "m10000"), "E01");
    /* writes to read-only code are allowed for the debugger, and flag the code as changed */
    assert_true(mmu_map(f->mmu, CODE + MMU_PAGE_SIZE, MMU_PAGE_SIZE, MMU_READ | MMU_WRITE));
    assert_string_equal(ask(f, "M11000,2:0100"), "OK");
    assert_int_equal(f->cpu.code_changed, 0); /* data: translations stay */
    assert_string_equal(ask(f, "M10ffe,4:01000100"), "OK"); /* crosses into code */
    assert_int_equal(f->cpu.code_changed, 1);
    f->cpu.code_changed = 0;
    assert_string_equal(ask(f, "M10004,2:0100"), "OK");
    assert_int_equal(f->cpu.code_changed, 1);
    assert_string_equal(ask(f, "M10004,2:01"), "E01");       /* length mismatch */
    assert_string_equal(ask(f, "M20000,1:00"), "E14");
    assert_string_equal(ask(f, "Mffffffffffffffff,2:0000"), "E14"); /* wraps around */
}

static void test_breakpoint_packets(void **state)
{
    struct fixture *f = *state;
    uint8_t b[4];
    /* a 4-byte instruction gets ebreak, a 2-byte one c.ebreak, whatever kind says */
    assert_string_equal(ask(f, "Z0,10000,2"), "OK");
    assert_string_equal(ask(f, "Z0,10004,4"), "OK");
    mmu_read_bytes(f->mmu, CODE, b, 4, 0);
    assert_memory_equal(b, "\x73\x00\x10\x00", 4);
    mmu_read_bytes(f->mmu, CODE + 4, b, 2, 0);
    assert_memory_equal(b, "\x02\x90", 2);
    assert_true(gdb_bp_at(f->g, CODE));
    /* the debugger still sees the original code */
    assert_string_equal(ask(f, "m10000,6"), "130515000100");
    assert_string_equal(ask(f, "Z0,20000,4"), "E14"); /* unmapped */
    assert_string_equal(ask(f, "Z0,10001,4"), "E14"); /* odd */
    assert_string_equal(ask(f, "z0,10000,4"), "OK");
    assert_string_equal(ask(f, "z0,10000,4"), "OK"); /* twice is harmless */
    mmu_read_bytes(f->mmu, CODE, b, 4, 0);
    assert_memory_equal(b, "\x13\x05\x15\x00", 4);
    assert_false(gdb_bp_at(f->g, CODE));
    /* a debugger write over a breakpoint becomes its new original */
    assert_string_equal(ask(f, "M10004,2:0500"), "OK");
    assert_string_equal(ask(f, "m10004,2"), "0500");
    mmu_read_bytes(f->mmu, CODE + 4, b, 2, 0);
    assert_memory_equal(b, "\x02\x90", 2);
    gdb_clear_points(f->g);
    mmu_read_bytes(f->mmu, CODE + 4, b, 2, 0);
    assert_memory_equal(b, "\x05\x00", 2);
    /* watchpoints */
    assert_string_equal(ask(f, "Z2,10000,8"), "OK");
    assert_string_equal(ask(f, "Z2,10000,0"), "E01");
    assert_string_equal(ask(f, "Z3,ffffffffffffffff,8"), "E01"); /* wraps */
    assert_string_equal(ask(f, "Z7,10000,4"), "");
    assert_string_equal(ask(f, "z2,10000,8"), "OK");
    assert_int_equal(f->g->n_wp, 0);
}

static void test_register_and_query_packets(void **state)
{
    struct fixture *f = *state;
    f->cpu.x[1] = 0x10;
    const char *g = ask(f, "g");
    assert_int_equal(strlen(g), 33 * 16);
    assert_memory_equal(g + 16, "1000000000000000", 16);
    assert_string_equal(ask(f, "p20"), "0000010000000000"); /* pc = 0x10000 */
    assert_string_equal(ask(f, "P20=0200010000000000"), "OK");
    assert_int_equal(f->cpu.pc, 0x10002);
    assert_string_equal(ask(f, "p41"), "E01"); /* 65: no such register */
    assert_string_equal(ask(f, "G00"), "E01");
    assert_string_equal(ask(f, "qFrobnicate"), "");
    assert_string_equal(ask(f, "qXfer:features:read:target.xml:ffffff,10"), "l");
    assert_string_equal(ask(f, "qXfer:features:read:foo.xml:0,10"), "E00");
    const char *x = ask(f, "qXfer:features:read:target.xml:0,10");
    assert_int_equal(x[0], 'm'); /* more follows */
    assert_int_equal(strlen(x), 1 + 0x10);
    assert_string_equal(ask(f, "vCont?"), "vCont;c;C;s;S;r");
    assert_string_equal(ask(f, "?"), "T05thread:1;");
}

/* Random packets, built from the characters packets are made of, must never
 * crash the handlers or make them touch memory outside the guest (run under
 * ASan by `make test SANITIZE=1`).  Kill and detach are left out: they end
 * the process or the connection by design. */
static void test_packet_fuzz(void **state)
{
    struct fixture *f = *state;
    static const char alphabet[] = "0123456789abcdefABCDEF,:;=}#$*-+mMXpPgGZzcCsSqQvH?TxXfeatursdvC";
    static const char *const heads[] = {"m", "M", "X", "p", "P", "g", "G", "Z", "z", "c", "s", "C", "S", "H",
                                         "qXfer:features:read:target.xml:", "qXfer:auxv:read::", "vCont;",
                                         "qSupported", "?", "T", "Z0,1", "m1", "M1", "X1"};
    srand(12345);
    char pkt[600];
    for (int round = 0; round < 20000; round++) {
        const char *h = heads[rand() % (int)(sizeof heads / sizeof heads[0])];
        size_t n = strlen(h);
        memcpy(pkt, h, n);
        size_t len = n + (size_t)(rand() % 40);
        if (rand() % 50 == 0) len = n + (size_t)(rand() % 500);
        for (size_t i = n; i < len; i++) pkt[i] = alphabet[rand() % (int)(sizeof alphabet - 1)];
        pkt[len] = 0;
        f->g->state = GDB_STOPPED;
        gdb_handle_packet(f->g, pkt, len);
        assert_int_equal(f->g->fd >= 0, 1); /* no reply broke the connection */
        char drain[65536];
        while (recv(f->peer, drain, sizeof drain, MSG_DONTWAIT) > 0) {}
        /* keep the guest's pc and code where later packets can find them */
        if (rand() % 100 == 0) {
            gdb_clear_points(f->g);
            f->cpu.pc = CODE;
        }
    }
    gdb_clear_points(f->g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checksum_and_frame),
        cmocka_unit_test(test_hex),
        cmocka_unit_test(test_parse_hex),
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_receiver),
        cmocka_unit_test(test_registers),
        cmocka_unit_test_setup_teardown(test_memory_packets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_breakpoint_packets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_register_and_query_packets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_packet_fuzz, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
