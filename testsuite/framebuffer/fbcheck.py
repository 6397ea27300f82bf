#!/usr/bin/env python3
"""testsuite/framebuffer/fbcheck.py — independent pixel checks for the framebuffer tests.

Reads images itself (PNG: zlib + the five row filters; XWD: the X server's
dump format) and computes the Mandelbrot demo's pixels on the host from the
same fixed-point recipe (testsuite/demo/fb/mandelbrot.c), so expected values
never come from rvdbt.

  fbcheck.py mandel IMAGE FRAME [X Y]     IMAGE (.png or .xwd) shows demo frame FRAME
                                          at (X, Y) (for a root-window dump), 640x480
  fbcheck.py pixel IMAGE X Y RRGGBB [X Y] the pixel at (X, Y) has that colour
  fbcheck.py size IMAGE                   prints "W H"
Prints one line; exit status 0 when the check holds.
"""
import struct
import sys
import zlib

ONE = 1 << 28
MAX_ITER = 64
CX0 = -(3 << 28) // 4
CXZ = -199622639
CYZ = 35386734


def read_png(path):
    data = open(path, 'rb').read()
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        raise ValueError('not a PNG')
    pos, idat, w = 8, b'', 0
    while pos < len(data):
        n, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b'IHDR':
            w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
            if depth != 8 or ctype not in (2, 6):
                raise ValueError('unexpected PNG format: depth %d colour type %d' % (depth, ctype))
            bpp = 3 if ctype == 2 else 4
        elif kind == b'IDAT':
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pr) & 255
        rows.append(line)
        prev = line
    return w, h, lambda x, y: (rows[y][x * bpp] << 16) | (rows[y][x * bpp + 1] << 8) | rows[y][x * bpp + 2]


def read_xwd(path):
    data = open(path, 'rb').read()
    hdr = struct.unpack('>25I', data[:100])
    header_size, _, fmt, depth, w, h = hdr[:6]
    byte_order, bpp, bpl = hdr[7], hdr[11], hdr[12]
    rmask, gmask, bmask, ncolors = hdr[14], hdr[15], hdr[16], hdr[19]
    if fmt != 2 or bpp not in (24, 32):
        raise ValueError('unexpected XWD format %d, %d bits per pixel' % (fmt, bpp))
    base = header_size + 12 * ncolors
    nb = bpp // 8

    def shift(m):
        return (m & -m).bit_length() - 1

    def pix(x, y):
        v = int.from_bytes(data[base + y * bpl + nb * x:base + y * bpl + nb * (x + 1)], 'little' if byte_order == 0 else 'big')
        return (((v & rmask) >> shift(rmask)) << 16) | (((v & gmask) >> shift(gmask)) << 8) | ((v & bmask) >> shift(bmask))
    return w, h, pix


def read_image(path):
    return read_xwd(path) if path.endswith('.xwd') else read_png(path)


def colour(n):
    if n == MAX_ITER:
        return 0
    r = n * 8 if n < 32 else 255
    g = n * 4 if n < 32 else 128 + (n - 32) * 4
    b = 128 + n * 4 if n < 32 else 255 - (n - 32) * 8
    return (r << 16) | (g << 8) | b


def iterations(cx, cy):
    zx = zy = n = 0
    while n < MAX_ITER:
        zx2, zy2 = (zx * zx) >> 28, (zy * zy) >> 28
        if zx2 + zy2 > 4 * ONE:
            break
        zy = ((zx * zy) >> 27) + cy
        zx = zx2 - zy2 + cx
        n += 1
    return n


def trunc_div(a, b):  # C's division rounds toward zero
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def mandel_view(frame, width, height):
    k = ONE
    for _ in range(frame):
        k -= k // 16
        if ((7 << 27) * k >> 28) < 64 * width:
            k = ONE
    span = (7 << 27) * k >> 28
    cx = CXZ + (((CX0 - CXZ) * k) >> 28)
    cy = CYZ + (((0 - CYZ) * k) >> 28)
    d = trunc_div(span, width)
    return cx - d * (width // 2), cy - d * (height // 2), d


def main(argv):
    cmd = argv[1]
    if cmd == 'size':
        w, h, _ = read_image(argv[2])
        print(w, h)
        return 0
    if cmd == 'pixel':
        _, _, pix = read_image(argv[2])
        x, y, want = int(argv[3]), int(argv[4]), int(argv[5], 16)
        ox, oy = (int(argv[6]), int(argv[7])) if len(argv) > 7 else (0, 0)
        got = pix(x + ox, y + oy)
        print('pixel (%d, %d): %06x, want %06x' % (x, y, got, want))
        return 0 if got == want else 1
    if cmd == 'mandel':
        w, h, pix = read_image(argv[2])
        frame = int(argv[3])
        ox, oy = (int(argv[4]), int(argv[5])) if len(argv) > 5 else (0, 0)
        fw, fh = 640, 480
        x0, y0, d = mandel_view(frame, fw, fh)
        checked, colours, bad = 0, set(), []
        # a grid of pixels plus the whole middle row, where the set's edge is
        pts = [(x, y) for y in range(3, fh, 29) for x in range(5, fw, 31)] + [(x, fh // 2) for x in range(fw)]
        for x, y in pts:
            want = colour(iterations(x0 + d * x, y0 + d * y))
            got = pix(x + ox, y + oy)
            colours.add(want)
            checked += 1
            if got != want:
                bad.append('(%d, %d): %06x, want %06x' % (x, y, got, want))
        if bad:
            print('%d of %d pixels differ from frame %d, e.g. %s' % (len(bad), checked, frame, '; '.join(bad[:4])))
            return 1
        if len(colours) < 8:
            print('only %d distinct colours: not a useful check' % len(colours))
            return 1
        print('%d pixels (%d distinct colours) match frame %d' % (checked, len(colours), frame))
        return 0
    print('unknown command', cmd)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
