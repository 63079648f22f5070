"""The fast paths of a folder run give exactly what their plain reference gives."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from fixture_helpers import FIXTURES
from msc_citations.document import Document, _visible_text_python, _visible_text_raw, html_visible_text
from msc_citations.model import Person, Record
from msc_citations.record_ids import IdAssigner, _suffix, assign_ids, base_key, json_with_id, keyed_json
from msc_citations.sources import pubmed_html
from msc_citations.sources.pubmed_medline import split_records

TAGS = ("div", "p", "span", "script", "style", "li", "ul", "br", "td", "nav", "head", "body", "svg", "pre", "b")
PIECES = st.one_of(
    st.sampled_from([f"<{t}>" for t in TAGS] + [f"</{t}>" for t in TAGS]),
    st.sampled_from(["<!-- note -->", "<?pi x?>", "&amp;", "&nbsp;", "\n", "\t", "  ", "\r\n", "\u3000"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="<>&"), max_size=12),
)
PUBMED_PAGES = sorted((FIXTURES / "pubmed").glob("*.html"))


def _reference_visible_text(root: etree._Element) -> str:
    """The original rendering: every line collapsed and stripped, blank runs removed."""
    import re

    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in _visible_text_python(root).split("\n"))
    return re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n", "\n".join(lines)).strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40), st.booleans())
def test_visible_text_matches_the_reference_rendering(pieces: list[str], wrapped: bool) -> None:
    text = ("<html><body>" if wrapped else "<html>") + "".join(pieces) + " end"
    doc = Document.from_text(text)
    assert doc.tree is not None
    assert html_visible_text(doc.tree) == _reference_visible_text(doc.tree)


LINE_BREAK_PIECES = st.one_of(
    PIECES,
    st.sampled_from(["\u2028", "\u2029", "\x85", "\x1c", "\x1e", "\x0b", "\x0c", "\r", "&#x2028;", "&#133;", "&#13;"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE_BREAK_PIECES, max_size=40))
def test_rendered_lines_are_the_visible_text_split_again(pieces: list[str]) -> None:
    doc = Document.from_text("<html><body>" + "".join(pieces) + " end")
    assert doc.lines == list(map(str.strip, doc.visible_text.splitlines()))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["html", "head", "body", "div", "p", "script"]), min_size=1, max_size=8), st.data())
def test_raw_rendering_finds_the_first_body_as_the_reference_does(tags: list[str], data: st.DataObject) -> None:
    # Trees built by hand, with bodies nested or repeated (the HTML parser never makes them).
    root = etree.Element("html")
    nodes = [root]
    for i, tag in enumerate(tags):
        parent = data.draw(st.sampled_from(nodes))
        child = etree.SubElement(parent, tag)
        child.text, child.tail = f"t{i}", f"after{i}"
        nodes.append(child)
    assert _visible_text_raw(root) == _visible_text_python(root)


def test_visible_text_of_every_html_fixture_matches_the_reference() -> None:
    pages = [p for p in FIXTURES.rglob("*.htm*") if p.is_file()]
    assert pages
    for page in pages:
        doc = Document.from_path(page)
        if doc.kind == "html" and doc.tree is not None:
            assert html_visible_text(doc.tree) == _reference_visible_text(doc.tree), page


def _whole_page(root: etree._Element, query: str) -> list[etree._Element]:
    found = root.xpath(query)
    assert isinstance(found, list)
    return [el for el in found if isinstance(el, etree._Element)]


def _check_index(root: etree._Element) -> None:
    index = pubmed_html._PageIndex.build(root)
    assert index.titles == _whole_page(root, pubmed_html.TITLE_XPATH)
    assert index.under(index.authors_list, pubmed_html.AUTHOR_ITEMS_IN_LIST) == _whole_page(
        root, pubmed_html.AUTHOR_ITEMS
    )
    assert index.under(index.affiliations, ".//li") == _whole_page(root, pubmed_html.AFFILIATION_ITEMS)
    for kind in ("pubmed", "pmc", "doi"):
        query = pubmed_html.IDENTIFIER_IN_LIST.format(kind=kind)
        assert index.under(index.identifiers, query) == _whole_page(root, pubmed_html.IDENTIFIER.format(kind=kind))
        assert index.identifier_spans(kind) == _whole_page(root, pubmed_html.IDENTIFIER.format(kind=kind))
    assert index.abstract_paragraphs() == _whole_page(root, pubmed_html.ABSTRACT_PARAGRAPHS)
    for section in ("publication-types", "mesh-terms", "substances"):
        whole = pubmed_html.KEYWORD_SECTION.format(id=section)
        assert index.section(section, pubmed_html.KEYWORD_ITEMS_IN_SECTION, whole) == _whole_page(root, whole)
    grants = index.section(pubmed_html.GRANTS_ID, ".//li", pubmed_html.GRANT_ITEMS)
    assert grants == _whole_page(root, pubmed_html.GRANT_ITEMS)
    assert index.under(index.article_source, pubmed_html.CITATION_IN_SOURCE) == _whole_page(
        root, pubmed_html.CITATION_SPAN
    )
    buttons = _whole_page(root, pubmed_html.JOURNAL_BUTTON)
    assert index.journal_button == (buttons[0] if buttons else None)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                '<a class="full-name">N</a>', '<a class="affiliation-link">1</a>', '<a class="x full-name y">M</a>',
                '<a class="full-name affiliation-link">B</a>', "<a>plain</a>", '<a class="">e</a>', "<b>", "</b>",
                '<span class="author-sup">', "</span>", '<A CLASS="full-name">U</A>', "<sup>2</sup>",
            ]
        ),
        max_size=12,
    )
)  # fmt: skip
def test_author_links_are_what_the_author_queries_find(pieces: list[str]) -> None:
    root = Document.from_text('<html><body><span class="authors-list-item">' + "".join(pieces) + "</span>").tree
    assert root is not None
    for item in root.iter(etree.Element):  # every element as the start, the links themselves too
        names, refs = pubmed_html._author_links(item)
        assert names == pubmed_html._xpath(item, pubmed_html.AUTHOR_NAME)
        assert refs == pubmed_html._xpath(item, pubmed_html.AUTHOR_REFS)


def test_page_index_finds_what_the_whole_page_queries_find() -> None:
    assert PUBMED_PAGES
    for page in PUBMED_PAGES:
        root = Document.from_path(page).tree
        assert root is not None
        _check_index(root)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                '<div class="authors-list">',
                '<span class="authors-list-item">',
                '<div class="affiliations">',
                "<li>",
                '<ul class="identifiers">',
                '<span class="identifier pubmed"><strong>1</strong>',
                '<span class="identifier pmc"><a>PMC1</a>',
                '<span class="doi">',
                '<span class="identifier doi">',
                '<div id="eng-abstract">',
                '<div class="abstract-content selected">',
                "<p>x</p>",
                '<div id="mesh-terms">',
                '<div id="grants">',
                '<ul class="keywords-list">',
                '<h1 class="heading-title">T</h1>',
                '<button id="full-view-journal-trigger">J</button>',
                '<div class="article-source">',
                '<span class="cit">2005</span>',
                "</div>",
                "</ul>",
                "</span>",
                "<main>",
                "</main>",
            ]
        ),
        max_size=30,
    )
)
def test_page_index_matches_whole_page_queries_on_odd_markup(pieces: list[str]) -> None:
    root = Document.from_text("<html><body>" + "".join(pieces) + "</body></html>").tree
    assert root is not None
    _check_index(root)


def _naive_ids(records: list[Record]) -> list[str]:
    used: set[str] = set()
    out = []
    for rec in records:
        base = base_key(rec)
        key, n = base, 0
        while key in used:
            n += 1
            key = base + _suffix(n)
        used.add(key)
        out.append(key)
    return out


def test_ids_for_thousands_of_clashing_records_match_the_plain_search() -> None:
    records = [
        Record(title=title, year=2005, authors=[Person(family=family)])
        for i in range(1500)
        for family, title in [("Bang", f"Autologous cells {i}"), ("Bangb", "Autologous cells")]
    ]
    ids = [r.id for r in assign_ids(records)]
    assert ids == _naive_ids(records)
    assert len(set(ids)) == len(ids)


def test_keyed_json_gets_the_ids_and_text_of_the_models() -> None:
    """Records written from ``(base key, JSON text)`` are the bytes of the models given ids."""
    records = [
        Record(title="Autologous cells", year=2005, authors=[Person(family="Bang")]),
        Record(id="kept", title="Autologous cells", year=2005, authors=[Person(family="Bang")]),
        Record(title="细胞移植", year=2010),
        Record(),
    ]
    expected = [r.model_dump_json() for r in assign_ids([r.model_copy(update={"id": None}) for r in records])]
    ids = IdAssigner()
    assert [json_with_id(text, ids.key_for_base(base)) for base, text in map(keyed_json, records)] == expected
    assert (
        json_with_id(" " + records[0].model_dump_json(), "x")
        == records[0].model_copy(update={"id": "x"}).model_dump_json()
    )


def test_medline_continuation_lines_join_with_single_spaces() -> None:
    text = (
        "PMID- 1\nTI  - A long\n      title\n      \tcontinued.\nAB  -\n      Only a continuation.\nPMID- 2\nTI  - B\n"
    )
    assert split_records(text) == [
        [("PMID", "1"), ("TI", "A long title continued."), ("AB", "Only a continuation.")],
        [("PMID", "2"), ("TI", "B")],
    ]


def test_fixture_pages_parse_identically_through_the_fast_paths(tmp_path: Path) -> None:
    """A saved page padded with page furniture still gives its fixture's record."""
    from msc_citations.api import parse_file

    page = PUBMED_PAGES[0]
    padded = page.read_text("utf-8").replace(
        "</main>", "</main>" + '<div class="similar-articles"><ul>' + "<li>x</li>" * 500 + "</ul></div>"
    )
    (tmp_path / "padded.html").write_text(padded, encoding="utf-8")
    plain, big = parse_file(page).records[0], parse_file(tmp_path / "padded.html").records[0]
    assert (big.title, big.pmid, big.doi, big.authors) == (plain.title, plain.pmid, plain.doi, plain.authors)


def test_streamed_output_is_the_collected_output(tmp_path: Path) -> None:
    """``normalize --no-dedup --to jsonl`` writes records as they come: same bytes and report
    as the collecting run, and its own temporary file is never taken for an input."""
    import json

    from msc_citations.cli import main
    from msc_citations.folder import parse_folder
    from msc_citations.formats import dumps

    folder = tmp_path / "in"
    folder.mkdir()
    for page in sorted(FIXTURES.glob("*/*")):
        if page.is_file() and not page.name.endswith(".json") and page.parent.name not in ("http", "dedup"):
            (folder / f"{page.parent.name}_{page.name}").write_bytes(page.read_bytes())
    out, report = tmp_path / "library.jsonl", tmp_path / "report.json"
    args = ["normalize", str(folder), "--jobs", "2", "--no-dedup", "--to", "jsonl", "--quiet"]
    main([*args, "-o", str(out), "--report", str(report)])
    collected = parse_folder(folder, jobs=2)
    assert out.read_text("utf-8") == dumps(collected.records, format="jsonl")
    written = json.loads(report.read_text("utf-8"))
    assert written["files"] == [f.to_json() for f in collected.files]
    assert written["summary"]["records_out"] == len(collected.records)
    inside = folder / "library.jsonl"
    main([*args, "-o", str(inside), "--report", str(report)])
    again = json.loads(report.read_text("utf-8"))
    assert [f["path"] for f in again["files"]] == [f.path for f in collected.files]
