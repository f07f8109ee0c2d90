"""Reads back what tests/docx.rs checks, as JSON on stdout:

    python3 tests/docx_doc.py spans FILE.pdf     every text span: page, text, font,
                                                 size, bold, italic, box; page sizes
    python3 tests/docx_doc.py docx FILE.docx     the Word file through python-docx:
                                                 style names, footnote count, header
                                                 rows repeated, fields used

PyMuPDF reads the PDFs (ours and LibreOffice's), python-docx the .docx: a
second reader besides LibreOffice.
"""

import json
import re
import sys
import zipfile


def spans(path):
    import pymupdf

    out = {"pages": [], "spans": []}
    with pymupdf.open(path) as doc:
        for number, page in enumerate(doc, start=1):
            out["pages"].append([round(page.rect.width, 1), round(page.rect.height, 1)])
            for block in page.get_text("dict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        text = span["text"].strip()
                        if not text:
                            continue
                        font = span["font"]
                        out["spans"].append(
                            {
                                "page": number,
                                "text": text,
                                "font": font,
                                "size": round(span["size"], 1),
                                "bold": "Bold" in font or bool(span["flags"] & 16),
                                "italic": "Italic" in font or bool(span["flags"] & 2),
                                "box": [round(v, 1) for v in span["bbox"]],
                            }
                        )
    # The words and numbers, line breaks aside: letter runs and digit runs,
    # without what a different pagination moves — page numbers in the top
    # margin and raised footnote marks (small digit-only spans).
    tokens = []
    for span in out["spans"]:
        digits = span["text"].replace("\u00a0", "").isdigit()
        if digits and (span["size"] <= 9.5 or span["box"][3] < 56):
            continue
        tokens += re.findall(r"[^\W\d_]+|\d+", span["text"])
    out["tokens"] = sorted(tokens)
    return out


def read_docx(path):
    import docx

    document = docx.Document(path)
    names = sorted(s.name for s in document.styles)
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode("utf-8")
        notes = z.read("word/footnotes.xml").decode("utf-8") if "word/footnotes.xml" in z.namelist() else ""
        headers = "".join(
            z.read(n).decode("utf-8") for n in z.namelist() if re.match(r"word/header\d*\.xml", n)
        )
    footnote_ids = [int(i) for i in re.findall(r'<w:footnote [^>]*w:id="(-?\d+)"', notes)]
    used = {}
    for p in document.paragraphs:
        if p.style is not None:
            used[p.style.name] = used.get(p.style.name, 0) + 1
    return {
        "styles": names,
        "paragraph_styles_used": used,
        "footnotes": len([i for i in footnote_ids if i > 0]),
        "footnote_references": len(re.findall(r"<w:footnoteReference ", body)),
        "repeated_header_rows": body.count("<w:tblHeader"),
        "fields_in_body": re.findall(r"<w:instrText[^>]*>([^<]*)<", body) + re.findall(r'w:fldSimple w:instr="([^"]*)"', body),
        "fields_in_headers": re.findall(r"<w:instrText[^>]*>([^<]*)<", headers),
        "sections": body.count("<w:sectPr"),
        "landscape_sections": body.count('w:orient="landscape"'),
        "title_page_sections": body.count("<w:titlePg"),
    }


if __name__ == "__main__":
    what, path = sys.argv[1], sys.argv[2]
    result = spans(path) if what == "spans" else read_docx(path)
    print(json.dumps(result, ensure_ascii=False))
