"""Draws media/icon.png (128x128): a record card with an action timeline."""
import struct, zlib, math

S = 128
SS = 4  # supersampling

def inside_round_rect(x, y, x0, y0, x1, y1, r):
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

def color_at(x, y):
    bg = (0, 0, 0, 0)
    if not inside_round_rect(x, y, 4, 4, 124, 124, 22):
        return bg
    c = (31, 41, 55, 255)
    # header bar
    if 22 <= y <= 30 and 22 <= x <= 92:
        c = (229, 231, 235, 255)
    if 38 <= y <= 43 and 22 <= x <= 70:
        c = (156, 163, 175, 255)
    # timeline axis
    if 82 <= y <= 86 and 20 <= x <= 108:
        c = (107, 114, 128, 255)
    for (px, col) in ((30, (52, 211, 153, 255)), (58, (248, 113, 113, 255)), (98, (52, 211, 153, 255))):
        if (x - px) ** 2 + (y - 84) ** 2 <= 10 ** 2:
            c = col
    return c

rows = []
for j in range(S):
    row = bytearray([0])
    for i in range(S):
        acc = [0, 0, 0, 0]
        for a in range(SS):
            for b in range(SS):
                col = color_at(i + (a + 0.5) / SS, j + (b + 0.5) / SS)
                for k in range(4):
                    acc[k] += col[k] * (col[3] / 255 if k < 3 else 1)
        alpha = acc[3] / (SS * SS)
        if alpha > 0:
            rgb = [min(255, round(acc[k] / (SS * SS) / (alpha / 255))) for k in range(3)]
        else:
            rgb = [0, 0, 0]
        row += bytes(rgb + [round(alpha)])
    rows.append(bytes(row))

def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)

png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', S, S, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b'')
open('media/icon.png', 'wb').write(png)
