"""How should 10,000 names be set? Each design printed by WeasyPrint itself, timed and weighed.

    .venv/bin/python bench/signatory_layouts.py 10000 running-2col running-1col …

One design per process (so memory is its own): the names of bench/make_signatories.py in
A4 pages of 7.5 pt IBM Plex Sans, written as PDF/UA-1 (tagged). Prints CPU seconds for
layout and for writing, pages, size and peak memory. bench/signatories.md has the results.

Designs: `list-3col` one list item per name, in three columns; `running-3col`,
`running-2col`, `running-1col` every name in one paragraph of running text (a middle dot
between them, a <wbr> every 50 so no text node is long), in 3, 2 or no columns;
`detailed-2col` running text in two columns with what follows each name in a quieter span;
`unsplit-2col` running text in two columns with no <wbr>: one text node per paragraph.
"""

from __future__ import annotations

import html
import os
import resource
import sys
import time

from make_signatories import rows

from broadside.fonts import CONFIG
from broadside.fonts.faces import font_face_css

os.environ["FONTCONFIG_FILE"] = str(CONFIG)


def entries(count: int, quiet: bool) -> list[str]:
    found = []
    for name, role, organisation, place, _ in rows(count):
        detail = ", ".join(part for part in (role, organisation, place) if part)
        if not detail:
            found.append(html.escape(name))
        elif quiet:
            found.append(f'{html.escape(name)} <span class="d">{html.escape(detail)}</span>')
        else:
            found.append(f"{html.escape(name)}, {html.escape(detail)}")
    return found


def body(design: str, count: int) -> tuple[str, str]:
    """The HTML of the names, and the CSS of their container."""
    columns = {"3col": "columns: 3; column-gap: 5mm;", "2col": "columns: 2; column-gap: 6mm;"}
    css = columns.get(design.rsplit("-", 1)[-1], "")
    if design.startswith("list"):
        items = "".join(f"<li>{entry}</li>" for entry in entries(count, quiet=True))
        return f'<ul class="c">{items}</ul>', css + "list-style: none; padding: 0;"
    listed = entries(count, quiet=design.startswith("detailed"))
    if design.startswith("unsplit"):
        return f'<p class="c">{"&nbsp;· ".join(listed)}</p>', css
    chunks = ["&nbsp;· ".join(listed[i : i + 50]) for i in range(0, len(listed), 50)]
    return f'<p class="c">{"&nbsp;· <wbr>".join(chunks)}</p>', css


def main() -> None:
    import weasyprint

    count, designs = int(sys.argv[1]), sys.argv[2:]
    for design in designs:
        if os.fork() == 0:
            names, css = body(design, count)
            document = (
                f"<!doctype html><html lang=en><head><title>t</title><style>{font_face_css()}"
                "@page { size: A4; margin: 24mm 20mm 22mm 22mm }"
                ".c { font: 7.5pt/1.35 'IBM Plex Sans'; hyphens: manual; orphans: 1; widows: 1;"
                f" {css} }} .d {{ color: #5e5a55; font-size: 7pt }}</style></head>"
                f"<body><h1>Signatories</h1>{names}</body></html>"
            )
            start = time.process_time()
            rendered = weasyprint.HTML(string=document).render()
            laid_out = time.process_time()
            pdf = rendered.write_pdf(pdf_variant="pdf/ua-1")
            written = time.process_time()
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"| {design} | {count:,} | {laid_out - start:.1f} s | {written - laid_out:.1f} s"
                f" | {len(rendered.pages)} | {len(pdf) / 1024:.0f} KB | {peak:.0f} MiB |",
                flush=True,
            )
            os._exit(0)
        os.wait()


if __name__ == "__main__":
    main()
