"""ICC colour profiles for the photo tests, made here (the machine has none): a matrix/TRC display profile from
primaries, white and gamma, and the colour a profile's pixel has in sRGB, computed from the same numbers without
littlecms, so a test can tell a converted photo from one whose profile was dropped."""

from __future__ import annotations

import struct

D50 = (0.9642, 1.0, 0.8249)
D65_XY = (0.3127, 0.3290)
DISPLAY_P3 = ((0.680, 0.320), (0.265, 0.690), (0.150, 0.060))
ADOBE_RGB = ((0.640, 0.330), (0.210, 0.710), (0.150, 0.060))
SRGB = ((0.640, 0.330), (0.300, 0.600), (0.150, 0.060))
_BRADFORD = [[0.8951, 0.2664, -0.1614], [-0.7502, 1.7135, 0.0367], [0.0389, -0.0685, 1.0296]]


def _xyz(xy):
    x, y = xy
    return [x / y, 1.0, (1 - x - y) / y]


def _mul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(3)) for j in range(3)] for i in range(3)]


def _apply(m, v):
    return [sum(m[i][k] * v[k] for k in range(3)) for i in range(3)]


def _inverse(m):
    (a, b, c), (d, e, f), (g, h, i) = m
    det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
    return [[(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
            [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
            [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det]]


def rgb_to_xyz(primaries, white_xy=D65_XY):
    """The matrix from linear RGB to XYZ (Y of white = 1)."""
    columns = [[_xyz(p)[i] for p in primaries] for i in range(3)]
    scale = _apply(_inverse(columns), _xyz(white_xy))
    return [[columns[i][j] * scale[j] for j in range(3)] for i in range(3)]


def _to_d50(white_xy):
    src, dst = _apply(_BRADFORD, _xyz(white_xy)), _apply(_BRADFORD, list(D50))
    cone = [[dst[i] / src[i] if i == j else 0.0 for j in range(3)] for i in range(3)]
    return _mul(_inverse(_BRADFORD), _mul(cone, _BRADFORD))


def _s15(v: float) -> bytes:
    return struct.pack(">i", round(v * 65536))


def _xyz_tag(v) -> bytes:
    return b"XYZ " + bytes(4) + b"".join(_s15(c) for c in v)


def profile(primaries, gamma: float, name: str, white_xy=D65_XY) -> bytes:
    """An ICC v2 display profile: colorants adapted to D50 (Bradford), one gamma curve for all channels."""
    m = _mul(_to_d50(white_xy), rgb_to_xyz(primaries, white_xy))
    curve = b"curv" + bytes(4) + struct.pack(">IH", 1, round(gamma * 256)) + bytes(2)
    text = name.encode("ascii")
    desc = b"desc" + bytes(4) + struct.pack(">I", len(text) + 1) + text + b"\0" + bytes(4 + 4 + 2 + 1 + 67)
    tags = [(b"desc", desc), (b"wtpt", _xyz_tag(D50)), (b"cprt", b"text" + bytes(4) + b"test\0"),
            (b"rXYZ", _xyz_tag([m[i][0] for i in range(3)])), (b"gXYZ", _xyz_tag([m[i][1] for i in range(3)])),
            (b"bXYZ", _xyz_tag([m[i][2] for i in range(3)])), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for sig, body in tags:
        table += sig + struct.pack(">II", offset + len(data), len(body))
        data += body + bytes(-len(body) % 4)
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"lcms" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ " + bytes(12)
              + b"acsp" + bytes(4) + bytes(4) + bytes(4) + bytes(4) + bytes(8) + bytes(4)
              + b"".join(_s15(c) for c in D50) + bytes(4) + bytes(44))
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def in_srgb(rgb, primaries, gamma: float) -> tuple[int, int, int]:
    """What an 8-bit pixel of a profile made by `profile(primaries, gamma)` is in 8-bit sRGB (both white D65)."""
    linear = [(c / 255) ** gamma for c in rgb]
    xyz = _apply(rgb_to_xyz(primaries), linear)
    srgb = _apply(_inverse(rgb_to_xyz(SRGB)), xyz)

    def encode(v):
        v = min(1.0, max(0.0, v))
        return 12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055
    return tuple(round(encode(v) * 255) for v in srgb)
