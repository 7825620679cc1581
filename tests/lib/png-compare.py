#!/usr/bin/env python3
"""Compare two 8-bit greyscale or RGB PNG images (as pdftoppm -png writes
them) with the C library of Python alone: the mean absolute difference per
channel over the whole image, and the worst mean over any 20x20 pixel cell
(so that a changed word cannot hide in a good average).

    png-compare.py REFERENCE NEW MEAN_TOLERANCE CELL_TOLERANCE

Exit 0 when both are within tolerance, 1 when not, 2 when the sizes differ
or a file is not such a PNG.  Prints the figures on one line."""

import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("%s is not a PNG" % path)
    pos, idat, w = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or ctype not in (0, 2) or interlace:
                raise ValueError("%s: only 8-bit grey or RGB, not interlaced" % path)
            bpp = 1 if ctype == 0 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def main():
    ref, new, mean_tol, cell_tol = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
    try:
        w1, h1, b1, r1 = read_png(ref)
        w2, h2, b2, r2 = read_png(new)
    except (ValueError, OSError, zlib.error) as e:
        print(e)
        return 2
    if (w1, h1, b1) != (w2, h2, b2):
        print("sizes differ: %dx%dx%d and %dx%dx%d" % (w1, h1, b1, w2, h2, b2))
        return 2
    cell, total, worst = 20, 0, 0.0
    cells = {}
    for y in range(h1):
        a, b = r1[y], r2[y]
        for x in range(0, w1 * b1):
            d = abs(a[x] - b[x])
            if d:
                total += d
                k = (y // cell, x // b1 // cell)
                cells[k] = cells.get(k, 0) + d
    mean = total / (w1 * h1 * b1)
    if cells:
        worst = max(cells.values()) / (cell * cell * b1)
    print("mean difference %.3f (tolerance %.3f), worst 20x20 cell %.1f (tolerance %.1f)" %
          (mean, mean_tol, worst, cell_tol))
    return 0 if mean <= mean_tol and worst <= cell_tol else 1


sys.exit(main())
