/*
 * frontends/gdb/gdb_packets.c — framing, the receive state machine and the
 * payload encodings of the GDB remote protocol (see gdb_packets.h).
 *
 * Every function here bounds its output by the size it is given and
 * reports "does not fit" instead of writing past it: the input comes from
 * a socket, so nothing about it can be trusted.
 */
#include "frontends/gdb/gdb_packets.h"

#include <string.h>

static const char hex_digits[] = "0123456789abcdef";

uint8_t gdb_checksum(const void *data, size_t len)
{
    const uint8_t *p = data;
    uint8_t sum = 0;
    for (size_t i = 0; i < len; i++) sum = (uint8_t)(sum + p[i]);
    return sum;
}

int gdb_hex_digit(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

size_t gdb_hex_encode(char *out, size_t out_size, const void *data, size_t len)
{
    const uint8_t *p = data;
    if (out_size == 0 || len > (out_size - 1) / 2) return 0;
    for (size_t i = 0; i < len; i++) {
        out[2 * i] = hex_digits[p[i] >> 4];
        out[2 * i + 1] = hex_digits[p[i] & 15];
    }
    out[2 * len] = 0;
    return 2 * len;
}

bool gdb_hex_decode(const char *hex, size_t hex_len, void *out, size_t out_len)
{
    uint8_t *o = out;
    if (out_len > SIZE_MAX / 2 || hex_len != 2 * out_len) return false;
    for (size_t i = 0; i < out_len; i++) {
        int hi = gdb_hex_digit((unsigned char)hex[2 * i]), lo = gdb_hex_digit((unsigned char)hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return false;
        o[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

bool gdb_parse_hex(const char **p, uint64_t *out)
{
    const char *s = *p;
    uint64_t v = 0;
    int d, n = 0;
    while ((d = gdb_hex_digit((unsigned char)*s)) >= 0) {
        if (v >> 60) return false; /* one more digit would not fit 64 bits */
        v = v << 4 | (uint64_t)d;
        s++, n++;
    }
    if (!n) return false;
    *p = s;
    *out = v;
    return true;
}

long gdb_unescape(const char *in, size_t len, uint8_t *out, size_t out_size)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = (uint8_t)in[i];
        if (c == '}') {
            if (++i == len) return -1;
            c = (uint8_t)in[i] ^ 0x20;
        }
        if (n == out_size) return -1;
        out[n++] = c;
    }
    return (long)n;
}

long gdb_escape(const uint8_t *in, size_t len, char *out, size_t out_size)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = in[i];
        bool special = c == '$' || c == '#' || c == '}' || c == '*';
        if (n + (special ? 2 : 1) > out_size) return -1;
        if (special) {
            out[n++] = '}';
            c ^= 0x20;
        }
        out[n++] = (char)c;
    }
    return (long)n;
}

size_t gdb_frame(char *out, size_t out_size, const char *payload, size_t len)
{
    if (out_size < 5 || len > out_size - 5) return 0; /* '$' payload '#' 2 digits NUL */
    uint8_t sum = gdb_checksum(payload, len);
    out[0] = '$';
    memcpy(out + 1, payload, len);
    out[len + 1] = '#';
    out[len + 2] = hex_digits[sum >> 4];
    out[len + 3] = hex_digits[sum & 15];
    out[len + 4] = 0;
    return len + 4;
}

enum { RX_IDLE, RX_DATA, RX_CSUM1, RX_CSUM2 };

void gdb_rx_init(struct gdb_rx *rx)
{
    rx->state = RX_IDLE;
    rx->len = 0;
    rx->overflow = false;
    rx->sum = 0;
    rx->buf[0] = 0;
}

enum gdb_rx_event gdb_rx_feed(struct gdb_rx *rx, uint8_t c)
{
    switch (rx->state) {
    case RX_IDLE:
        if (c == '$') {
            rx->state = RX_DATA;
            rx->len = 0;
            rx->sum = 0;
            rx->overflow = false;
            return GDB_RX_NONE;
        }
        if (c == 0x03) return GDB_RX_INTERRUPT;
        if (c == '+') return GDB_RX_ACK;
        if (c == '-') return GDB_RX_NAK;
        return GDB_RX_NONE; /* noise between packets is ignored, as GDB does */
    case RX_DATA:
        if (c == '#') {
            rx->state = RX_CSUM1;
            return GDB_RX_NONE;
        }
        if (c == '$') { /* a new frame restarts: the old one was cut short */
            rx->len = 0;
            rx->sum = 0;
            rx->overflow = false;
            return GDB_RX_NONE;
        }
        rx->sum = (uint8_t)(rx->sum + c);
        if (rx->len < GDB_MAX_PACKET) rx->buf[rx->len++] = (char)c;
        else rx->overflow = true;
        return GDB_RX_NONE;
    case RX_CSUM1:
        rx->csum_hi = gdb_hex_digit(c);
        rx->state = RX_CSUM2;
        return GDB_RX_NONE;
    default: {
        int lo = gdb_hex_digit(c);
        rx->state = RX_IDLE;
        rx->buf[rx->len] = 0;
        if (rx->csum_hi < 0 || lo < 0 || (uint8_t)(rx->csum_hi << 4 | lo) != rx->sum || rx->overflow)
            return GDB_RX_BAD_PACKET;
        return GDB_RX_PACKET;
    }
    }
}
