#!/usr/bin/env python3
"""Words that cross a vertical table rule, or that overlap another word, in
the PDFs named on the command line (read with PyMuPDF as a reader would).
Prints one line per finding; prints nothing when every page is clean."""

import sys

import pymupdf

# A word's box runs from its font's ascender to its descender, so boxes of
# lines set close together touch; the middle half of each box is what ink
# of two words would share.
SLACK = 0.6


def rules(page):
    """Vertical rules on the page: (x, top, bottom)."""
    out = []
    for d in page.get_drawings():
        for item in d["items"]:
            if item[0] == "l":
                a, b = item[1], item[2]
                if abs(a.x - b.x) < 0.3 and abs(a.y - b.y) > 2:
                    out.append((a.x, min(a.y, b.y), max(a.y, b.y)))
            elif item[0] == "re":
                r = item[1]
                if r.width < 1.5 and r.height > 2:
                    out.append(((r.x0 + r.x1) / 2, r.y0, r.y1))
    return out


def middle(w):
    x0, y0, x1, y1 = w[:4]
    q = (y1 - y0) / 4
    return x0, y0 + q, x1, y1 - q


def main():
    found = 0
    for path in sys.argv[1:]:
        doc = pymupdf.open(path)
        for number, page in enumerate(doc, 1):
            words = page.get_text("words")
            vertical = rules(page)
            for w in words:
                x0, y0, x1, y1 = middle(w)
                for x, top, bottom in vertical:
                    if x0 + SLACK < x < x1 - SLACK and min(y1, bottom) > max(y0, top):
                        print(f"{path}: trang {number}: '{w[4]}' vắt qua đường kẻ ở x = {x:.1f}")
                        found += 1
                        break
            boxes = sorted((middle(w), w[4]) for w in words)
            for i, (a, ta) in enumerate(boxes):
                for b, tb in boxes[i + 1:]:
                    if b[0] >= a[2] - SLACK:
                        break
                    if min(a[3], b[3]) - max(a[1], b[1]) > 0.5 and min(a[2], b[2]) - max(a[0], b[0]) > SLACK:
                        print(f"{path}: trang {number}: '{ta}' đè lên '{tb}'")
                        found += 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
