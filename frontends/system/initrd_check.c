/*
 * frontends/system/initrd_check.c — checks that an initrd image is not truncated
 * (see initrd_check.h): gzip streams are inflated to their end into a
 * scratch buffer, newc cpio archives are walked header by header.
 */
#include "frontends/system/initrd_check.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

/* Inflates every gzip member in turn (the kernel accepts concatenated
 * members, and zero padding after the last); the output is thrown away. */
static bool gzip_complete(const uint8_t *data, size_t size)
{
    static uint8_t scratch[1 << 16];
    size_t pos = 0;
    while (pos < size && data[pos] == 0x1f) {
        z_stream z;
        memset(&z, 0, sizeof z);
        if (inflateInit2(&z, 15 + 16) != Z_OK) return true; /* cannot tell: do not refuse */
        z.next_in = (uint8_t *)(uintptr_t)(data + pos);
        z.avail_in = (uInt)(size - pos > 0x40000000 ? 0x40000000 : size - pos);
        int r;
        do {
            z.next_out = scratch;
            z.avail_out = sizeof scratch;
            r = inflate(&z, Z_NO_FLUSH);
        } while (r == Z_OK);
        size_t used = (size - pos) - z.avail_in;
        inflateEnd(&z);
        if (r != Z_STREAM_END) return false;
        pos += used;
    }
    return true;
}

/* Parses an 8-digit hex field of a newc header. */
static bool hex8(const uint8_t *p, size_t *out)
{
    size_t v = 0;
    for (int i = 0; i < 8; i++) {
        int c = p[i], d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return false;
        v = v << 4 | (size_t)d;
    }
    *out = v;
    return true;
}

/* Walks the newc headers (110 bytes each, name and data 4-byte aligned). */
static bool cpio_complete(const uint8_t *data, size_t size)
{
    size_t pos = 0;
    while (pos + 110 <= size && !memcmp(data + pos, "070701", 6)) {
        size_t file_size, name_size;
        if (!hex8(data + pos + 54, &file_size) || !hex8(data + pos + 94, &name_size)) return false;
        size_t name_at = pos + 110;
        if (name_size > size - name_at) return false;
        if (name_size == 11 && !memcmp(data + name_at, "TRAILER!!!", 11)) return true;
        size_t data_at = (name_at + name_size + 3) & ~(size_t)3;
        if (data_at > size || file_size > size - data_at) return false;
        pos = (data_at + file_size + 3) & ~(size_t)3;
    }
    return false;
}

bool initrd_complete(const uint8_t *data, size_t size, char *why, size_t why_len)
{
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
        if (gzip_complete(data, size)) return true;
        snprintf(why, why_len, "its gzip stream ends before the end of the data");
        return false;
    }
    if (size >= 6 && !memcmp(data, "070701", 6)) {
        if (cpio_complete(data, size)) return true;
        snprintf(why, why_len, "its cpio archive has no TRAILER!!! entry");
        return false;
    }
    return true; /* a format we do not check */
}
