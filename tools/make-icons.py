#!/usr/bin/env python3
"""Draws Objector's icon (a raised-hand "stop" sign: white bar in an orange
disc on a dark-blue rounded square) at the sizes the manifests use.
Standard library only; the PNGs are committed, rerun this to change them."""
import struct, zlib, sys, os

def png(size):
    ss = 4  # supersampling for smooth edges
    n = size * ss
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    px, py = (x * ss + sx + 0.5) / n, (y * ss + sy + 0.5) / n
                    c = pixel(px, py)
                    for i in range(4):
                        acc[i] += c[i]
            row += bytes(v // (ss * ss) for v in acc)
        rows.append(bytes(row))
    raw = b"".join(rows)
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))

def pixel(x, y):
    # rounded square
    r = 0.18
    dx, dy = max(r - x, 0, x - (1 - r)), max(r - y, 0, y - (1 - r))
    if dx * dx + dy * dy > r * r:
        return (0, 0, 0, 0)
    cx, cy = x - 0.5, y - 0.5
    d2 = cx * cx + cy * cy
    if d2 < 0.36 ** 2:
        if abs(cy) < 0.07 and abs(cx) < 0.23:
            return (255, 255, 255, 255)
        return (224, 138, 0, 255)
    return (27, 42, 74, 255)

out = sys.argv[1] if len(sys.argv) > 1 else "extension/icons"
os.makedirs(out, exist_ok=True)
for s in (16, 32, 48, 128):
    with open(os.path.join(out, f"icon-{s}.png"), "wb") as f:
        f.write(png(s))
