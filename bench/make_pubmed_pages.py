"""Write N saved current-layout PubMed abstract pages of about 200 KB each.

Each page is one of our saved-page fixtures (tests/fixtures/pubmed/*_saved_page.html) with
a distinct title, PMID and DOI, padded with the furniture a page saved from
pubmed.ncbi.nlm.nih.gov carries around the article: ``og:``/``twitter:`` meta tags,
preload links, a large inline style sheet and inline scripts in the head; the .gov banner
with inline SVG icons and the search form; "Similar articles" and "Cited by" docsum lists
with their cite/share buttons, a reference list with link lists and a LinkOut block inside
``<main>``; the sidebar (full-text links, the cite dialog in four styles, share buttons);
the site footer; and trailing inline scripts. The article itself (heading, authors,
affiliations, identifiers, abstract, keyword lists) is left as the fixture has it, so every
page still parses to its fixture's record with the new title and identifiers.

    python bench/make_pubmed_pages.py OUT_DIR N [--kb 200] [--seed 1]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "pubmed"
PAGE_GLOB = "*_saved_page.html"
WORDS = [
    "mesenchymal",
    "stem",
    "cell",
    "transplantation",
    "stroke",
    "ischemic",
    "autologous",
    "intravenous",
    "infusion",
    "randomized",
    "trial",
    "safety",
    "efficacy",
    "neurological",
    "recovery",
    "outcome",
    "spinal",
    "cord",
    "injury",
    "amyotrophic",
    "lateral",
    "sclerosis",
    "bone",
    "marrow",
    "derived",
    "stromal",
    "allogeneic",
    "phase",
    "clinical",
    "patients",
    "functional",
    "improvement",
    "cerebral",
    "infarct",
    "rehabilitation",
    "motor",
    "therapy",
    "regenerative",
    "meta-analysis",
    "systematic",
    "review",
    "umbilical",
    "adipose",
    "exosome",
    "preconditioned",
]
PUBLICATION_TYPES = ("Review.", "Clinical Trial.", "Meta-Analysis.", "Randomized Controlled Trial.", "")
SIMILAR, CITED_BY, REFERENCES = 10, 10, 60
FILES_PER_FOLDER = 1000
CITE_STYLES = ("AMA", "APA", "MLA", "NLM")
NAV_TARGETS = (
    "title", "authors", "affiliations", "abstract", "similar", "citedby", "references", "publication-types",
    "mesh-terms", "substances", "grants", "linkout", "related-information", "full-text-links", "cite", "share",
)  # fmt: skip


class Furniture:
    """Random but deterministic page furniture."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sent(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n)).capitalize() + "."

    def icon(self, name: str) -> str:
        pts = " ".join(f"{self.rng.randint(0, 24)},{self.rng.randint(0, 24)}" for _ in range(24))
        return (
            f'<svg class="usa-icon {name}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" '
            f'aria-hidden="true" focusable="false"><path fill="currentColor" d="M{pts} Z"></path></svg>'
        )

    def script(self, n: int) -> str:
        body = ";".join(
            f"window.ncbi_cfg{self.rng.getrandbits(24):x}={{key:'{self.sent(4)}',n:{self.rng.randint(0, 9999)}}}"
            for _ in range(n)
        )
        return f'<script type="text/javascript">{body}</script>'

    def head(self, title: str) -> str:
        out = [f'<meta property="og:description" content="{self.sent(30)}">']
        out += [
            f'<meta name="twitter:{k}" content="{v}">'
            for k, v in (("card", "summary_large_image"), ("title", title), ("description", self.sent(30)))
        ]
        out += ['<meta name="twitter:site" content="@ncbi"><meta name="ncbi_pdid" content="abstract">']
        out += [
            f'<link rel="preload" as="script" href="https://cdn.ncbi.nlm.nih.gov/pubmed/{self.rng.getrandbits(64):016x}'
            f'/core/js/chunk-{i:02d}.js">'
            for i in range(14)
        ]
        rules = "".join(
            f".pm-{i}{{margin:{i % 7}px {i % 3}px;padding:{i % 5}px;color:#{self.rng.getrandbits(24):06x}}}"
            for i in range(450)
        )
        out.append(f'<style type="text/css">{rules}</style>')
        out += [self.script(40) for _ in range(4)]
        return "\n".join(out) + "\n"

    def banner(self) -> str:
        links = "".join(f'<a class="search-link" href="/?q={i}">{self.sent(2)}</a>' for i in range(6))
        return (
            f'<div class="banner-icons">{self.icon("flag")}{self.icon("dot-gov")}{self.icon("https")}</div>'
            '<div class="search-form-container"><form class="search-form" action="/" method="get">'
            '<input class="term-input" name="term" type="search" aria-label="Search">'
            f'<button class="search-btn" type="submit">Search</button>{links}</form></div>\n'
        )

    def docsum(self, kind: str, i: int) -> str:
        pmid = self.rng.randint(10**7, 4 * 10**7)
        authors = ", ".join(
            f"{self.rng.choice(WORDS).title()} {self.rng.choice('ABCDEFGHJKLMNPRSTW')}" for _ in range(6)
        )
        year = self.rng.randint(2005, 2025)
        return (
            '<li class="full-docsum"><div class="item-selector-wrap selectors-and-actions">'
            f'<input class="search-result-selector" type="checkbox" value="{pmid}"></div>'
            '<div class="docsum-wrap"><div class="docsum-content">'
            f'<a class="docsum-title" href="/{pmid}/" data-ga-category="{kind}" data-ga-action="{i}" '
            f'data-article-id="{pmid}">{self.sent(12)}</a><div class="docsum-citation full-citation">'
            f'<span class="docsum-authors full-authors">{authors}</span> '
            f'<span class="docsum-journal-citation full-journal-citation">{self.sent(3)} {year};{i + 1}:'
            f"{i * 7 + 1}-{i * 7 + 9}. doi: 10.{self.rng.randint(1000, 9999)}/x{pmid}.</span>"
            f'<span class="citation-part">PMID: <span class="docsum-pmid">{pmid}</span></span> '
            f'<span class="publication-type spaced-citation-item citation-part">'
            f"{self.rng.choice(PUBLICATION_TYPES)}</span></div>"
            f'<div class="full-view-snippet">{self.sent(14)} <b>{self.sent(2)}</b> {self.sent(10)}</div>'
            '<div class="result-actions-bar"><div class="cite dialog-trigger">'
            f'<button class="cite-search-result">{self.icon("cite")}<span>Cite</span></button></div>'
            '<div class="share dialog-trigger">'
            f'<button class="share-search-result">{self.icon("share")}<span>Share</span></button></div>'
            "</div></div></div></li>\n"
        )

    def docsums(self, kind: str, section_id: str, heading: str, n: int) -> str:
        items = "".join(self.docsum(kind, i) for i in range(n))
        return (
            f'<div class="{section_id}-articles" id="{section_id}"><h2 class="title">{heading}</h2>'
            f'<ul class="articles-list">{items}</ul>'
            f'<button class="show-all-linked-articles">See all {heading.lower()}</button></div>\n'
        )

    def references(self) -> str:
        items = []
        for i in range(REFERENCES):
            pmid = self.rng.randint(10**6, 3 * 10**7)
            items.append(
                f'<li><span class="reference-text">{self.sent(6)} {self.sent(11)} <em>{self.sent(3)}</em> '
                f"{self.rng.randint(1990, 2024)};{i + 1}:{i * 3 + 1}-{i * 3 + 9}.</span>"
                '<ul class="reference-links">'
                f'<li><a class="reference-link" href="https://doi.org/10.1000/r{pmid}" '
                'data-ga-action="DOI">DOI</a></li>'
                f'<li><a class="reference-link" href="/{pmid}/" data-ga-action="PubMed">PubMed</a></li>'
                f'<li><a class="reference-link" href="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC{pmid // 7}/" '
                'data-ga-action="PMC">PMC</a></li>'
                "</ul></li>\n"
            )
        return (
            '<div class="references" id="references"><h2 class="title">References</h2>'
            f'<ol class="references-list">{"".join(items)}</ol></div>\n'
        )

    def sidebar(self) -> str:
        links = "".join(
            f'<a class="link-item" href="https://example.org/ft/{i}">{self.icon("ft")}</a>' for i in range(3)
        )
        cites = "".join(
            f'<div class="citation-text" data-format="{fmt}">{self.sent(36)}</div>'
            for fmt in ("AMA", "APA", "MLA", "NLM")
        )
        shares = "".join(self.icon(f"share-{i}") for i in range(4))
        nav = "".join(
            f'<li><a class="page-nav-link" href="#{name}">{self.icon("nav")}<span>{name.title()}</span></a></li>'
            for name in NAV_TARGETS
        )
        return (
            f'<aside class="page-sidebar"><nav class="page-navigation"><ul>{nav}</ul></nav>'
            f'<div class="full-text-links">{links}</div>'
            f'<div class="cite-dialog" id="citation-dialog">{cites}'
            f'<a class="citation-manager-download" href="#">Download .nbib</a></div>'
            f'<div class="share-buttons">{shares}</div></aside>\n'
        )

    def footer(self) -> str:
        cols = "".join(
            f'<div class="footer-col"><h3>{self.sent(2)}</h3><ul>'
            + "".join(f'<li><a href="/f/{c}/{j}">{self.sent(3)}</a></li>' for j in range(10))
            + "</ul></div>"
            for c in range(8)
        )
        icons = "".join(self.icon(f"social-{i}") for i in range(6))
        return f'<footer class="ncbi-footer"><div class="footer-container">{cols}{icons}</div></footer>\n'


def _templates() -> list[tuple[str, dict[str, object]]]:
    out = []
    for path in sorted(FIXTURES.glob(PAGE_GLOB)):
        expected = json.loads(path.with_name(path.name.replace(".html", ".expected.json")).read_text("utf-8"))
        out.append((path.read_text("utf-8"), expected.get("records", [expected])[0]))
    if not out:
        raise SystemExit(f"no {PAGE_GLOB} fixtures in {FIXTURES}")
    return out


def _vary(text: str, expected: dict[str, object], rng: random.Random, n: int) -> str:
    title = expected.get("title")
    if isinstance(title, str) and title.rstrip(".") in text:
        words = " ".join(rng.sample(WORDS, 3))
        text = text.replace(title.rstrip("."), f"{title.rstrip('.')} {words} {n}")
    pmid = expected.get("pmid")
    if isinstance(pmid, str) and pmid in text:
        text = text.replace(pmid, str(rng.randint(10 ** (len(pmid) - 1), 10 ** len(pmid) - 1)))
    doi = expected.get("doi")
    if isinstance(doi, str) and "/" in doi:
        prefix, suffix = doi.split("/", 1)
        varied = prefix + "/" + re.sub(r"\d", lambda _m: str(rng.randint(0, 9)), suffix)
        text = re.sub(re.escape(doi), varied, text, flags=re.I)
    return text


def build_page(template: str, expected: dict[str, object], rng: random.Random, n: int, kb: int) -> str:
    """One padded page from a fixture page."""
    f = Furniture(rng)
    page = _vary(template, expected, rng, n)
    title = str(expected.get("title") or "")
    page = page.replace("</head>", f.head(title) + "</head>", 1)
    page = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + "\n" + f.banner(), page, count=1)
    lists = (
        f.docsums("similar_article", "similar", "Similar articles", SIMILAR)
        + f.docsums("cited_by", "citedby", "Cited by", CITED_BY)
        + f.references()
    )
    page = page.replace('<div class="linkout"', lists + '<div class="linkout"', 1)
    page = page.replace("</main>", "</main>\n" + f.sidebar(), 1)
    page = re.sub(r"<footer.*?</footer>", lambda _m: f.footer(), page, count=1, flags=re.S)
    pad: list[str] = []
    size = len(page.encode("utf-8"))
    while size < kb * 1024:
        pad.append(f.script(20))
        size += len(pad[-1]) + 1
    return page.replace("</body>", "\n".join(pad) + "\n</body>", 1)


def main() -> None:
    """Write the pages."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--kb", type=int, default=200, help="target page size in KB (default 200)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    templates = _templates()
    if args.out.exists():
        shutil.rmtree(args.out)
    total = 0
    for i in range(args.n):
        folder = args.out / f"batch{i // FILES_PER_FOLDER:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        template, expected = templates[i % len(templates)]
        data = build_page(template, expected, rng, i, args.kb).encode("utf-8")
        (folder / f"{i:06d}_pubmed.html").write_bytes(data)
        total += len(data)
    print(f"wrote {args.n} pages, {total / max(args.n, 1) / 1024:.0f} KB on average, to {args.out}")


if __name__ == "__main__":
    main()
