#!/usr/bin/env python3
"""Makes the shipped document fonts from their upstream files (see README.md).

    python3 -m venv v && v/bin/pip install fonttools==4.* && v/bin/python subset.py IN OUT FAMILY [INDEX]

Keeps the characters of GB 2312 (6,763 hanzi and its symbols), ASCII and the punctuation of
official documents; a character outside them is drawn from WenQuanYi Micro Hei by the PDF
engine. PostScript (CFF) outlines are converted to TrueType ones, which the PDF engine embeds.
The subset is a modified version in the sense of the SIL Open Font License, so it is renamed
FAMILY (no upstream or reserved font name); the copyright and licence name records are kept.
"""
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable


def charset():
    chars = set(range(0x20, 0x7F))
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([hi, lo]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    chars.update(ord(c) for c in "〔〕〇—–…·•●○■□△▲※№℃‰￥¥　")
    return chars


def to_truetype(font):
    """CFF outlines to quadratic glyf ones (as fontTools' otf2ttf snippet does)."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["maxp"] = newTable("maxp")
    font["maxp"].tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements", "maxPoints", "maxContours", "maxCompositePoints",
                 "maxCompositeContours", "maxComponentDepth"):
        setattr(font["maxp"], attr, 0)
    font["maxp"].maxZones = 1
    font["maxp"].numGlyphs = len(order)
    font["head"].glyphDataFormat = 0
    font["head"].indexToLocFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font, family):
    """Replaces every family, style, unique and PostScript name by FAMILY's."""
    name = font["name"]
    name.names = [n for n in name.names if n.nameID not in (1, 2, 3, 4, 6, 16, 17, 18, 21, 22)]
    ps = family.replace(" ", "")
    for nid, text in ((1, family), (2, "Regular"), (3, ps + "-Regular"), (4, family), (6, ps)):
        name.setName(text, nid, 3, 1, 0x409)
    if "CFF " in font:
        font["CFF "].cff.fontNames = [ps]


def main():
    src, out, family = sys.argv[1], sys.argv[2], sys.argv[3]
    index = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    font = TTFont(src, fontNumber=index, lazy=False)
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    opts.glyph_names = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=charset())
    sub.subset(font)
    rename(font, family)
    if "CFF " in font:
        to_truetype(font)
    font.save(out)


if __name__ == "__main__":
    main()
