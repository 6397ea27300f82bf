/*
 * frontends/gdb/gdb_packets.h — the wire format of the GDB remote serial protocol.
 *
 * Everything here is pure (no sockets, no guest): framing of packets
 * ("$payload#cs"), the receive state machine that turns a byte stream into
 * packets, acknowledgements and Ctrl-C, and the encodings payloads use (hex
 * numbers, hex byte strings, the binary escape of X packets and qXfer
 * replies).  Keeping it apart from the stub (frontends/gdb/gdbstub.c) lets the
 * unit tests (testsuite/unit/test_gdbstub.c) feed it hostile input directly.
 *
 * Protocol reference: the GDB manual, appendix "Remote Serial Protocol".
 */
#ifndef RVDBT_FRONTENDS_GDB_PACKETS_H
#define RVDBT_FRONTENDS_GDB_PACKETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest packet payload we accept or send, in bytes.  Advertised to
 * GDB in qSupported as PacketSize (hex), so GDB never sends longer ones;
 * a longer one is still handled (rejected), never overflows. */
#define GDB_MAX_PACKET 16384

/* The sum of the bytes modulo 256: the two hex digits after '#'. */
uint8_t gdb_checksum(const void *data, size_t len);

/* The value of one hex digit, or -1 if `c` is not one. */
int gdb_hex_digit(int c);

/* Writes 2*len lowercase hex digits for `data` into `out` (and a NUL).
 * Returns the number of digits written, or 0 if `out_size` is too small
 * for all of them plus the NUL (then nothing useful is written). */
size_t gdb_hex_encode(char *out, size_t out_size, const void *data, size_t len);

/* Decodes exactly `out_len` bytes from 2*out_len hex digits at `hex`
 * (`hex_len` must be exactly that).  False on any non-hex digit or a
 * length mismatch. */
bool gdb_hex_decode(const char *hex, size_t hex_len, void *out, size_t out_len);

/* Parses a hex number at *p (at least one digit; leading zeros are fine;
 * a value that does not fit 64 bits is an error), advancing *p past it.
 * False if there is no digit or it overflows. */
bool gdb_parse_hex(const char **p, uint64_t *out);

/* Undoes the binary escape of X packets: '}' followed by c means c ^ 0x20.
 * Writes at most out_size bytes; returns the number written, or -1 if the
 * data ends in a lone '}' or does not fit. */
long gdb_unescape(const char *in, size_t len, uint8_t *out, size_t out_size);

/* Escapes binary data for a reply: '$', '#', '}' and '*' (the run-length
 * marker) become '}' c^0x20.  Writes at most out_size bytes; returns the
 * number written, or -1 if it does not fit. */
long gdb_escape(const uint8_t *in, size_t len, char *out, size_t out_size);

/* Frames `payload` as "$payload#cs" into out (NUL-terminated).  Returns the
 * frame length, or 0 if it does not fit. */
size_t gdb_frame(char *out, size_t out_size, const char *payload, size_t len);

/* The receive side: feed bytes one at a time. */
enum gdb_rx_event {
    GDB_RX_NONE,         /* nothing complete yet */
    GDB_RX_PACKET,       /* a packet with a good checksum: rx->buf, rx->len */
    GDB_RX_BAD_PACKET,   /* bad checksum or too long: answer '-' so GDB resends */
    GDB_RX_INTERRUPT,    /* a Ctrl-C (0x03) outside a packet */
    GDB_RX_ACK,          /* '+' */
    GDB_RX_NAK,          /* '-': resend the last reply */
};

struct gdb_rx {
    int state;           /* private: where in a frame we are */
    uint8_t sum;         /* running checksum of the payload */
    int csum_hi;         /* first checksum digit */
    bool overflow;       /* the payload was longer than GDB_MAX_PACKET */
    size_t len;          /* payload length, valid after GDB_RX_PACKET */
    char buf[GDB_MAX_PACKET + 1]; /* payload, NUL-terminated after GDB_RX_PACKET */
};

void gdb_rx_init(struct gdb_rx *rx);
enum gdb_rx_event gdb_rx_feed(struct gdb_rx *rx, uint8_t byte);

#endif
