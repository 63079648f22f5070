"""The Korean journal-platform source, and the same article read from every Korean source."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixture_helpers import FIXTURES, check_case, check_shuffled_lines, fixture_inputs
from msc_citations import parse_file
from msc_citations.document import Document
from msc_citations.model import Record
from msc_citations.sources import score_sources
from msc_citations.sources.embedded_meta import MAX_SCORE
from msc_citations.sources.korean_journal import KoreanJournalSource

CASES = fixture_inputs("korean_journal")

# Bang OY et al., J Stroke 2016;18(3):256-266, as WPRIM, KoreaMed (two page kinds) and the
# journal's own site show it.
SAME_ARTICLE: dict[str, tuple[str, str | None]] = {
    "wprim": ("wprim/jos_2016_bang_inline_fields.txt", None),
    "koreamed article view": (
        "koreamed/jos_2016_bang_article_view.txt",
        "https://koreamed.org/article/1183JOS/2016.18.3.256",
    ),
    "koreamed search page": (
        "koreamed/jos_2016_bang_searchbasic.txt",
        "https://koreamed.org/SearchBasic.php?RID=2359502",
    ),
    "journal site": (
        "korean_journal/jos_2016_bang_running_head.txt",
        "https://www.j-stroke.org/journal/view.php?number=149",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def _record(shape: str) -> Record:
    path, url = SAME_ARTICLE[shape]
    return parse_file(FIXTURES / path, url=url).records[0]


def test_same_article_from_every_korean_source_agrees_on_the_merge_fields() -> None:
    records = {shape: _record(shape) for shape in SAME_ARTICLE}
    for field in ("title", "year", "volume", "issue", "page_first", "page_last"):
        values = {shape: getattr(r, field) for shape, r in records.items()}
        assert len(set(values.values())) == 1, (field, values)
    dois = {r.doi.lower() for r in records.values() if r.doi}
    assert dois == {"10.5853/jos.2016.01263"}
    # Every shape that lists authors names the same people in the same order.
    with_authors = {shape: r for shape, r in records.items() if r.authors}
    assert len(with_authors) >= 3
    families = {shape: [(p.family or "").lower() for p in r.authors] for shape, r in with_authors.items()}
    assert all(names == ["bang", "kim", "cha", "moon"] for names in families.values()), families
    initials = {shape: (r.authors[0].given or "")[:1] for shape, r in with_authors.items()}
    assert set(initials.values()) == {"O"}, initials


def test_saved_page_beats_the_generic_metadata_source() -> None:
    for case in (c for c in CASES if c.suffix == ".html"):
        scored = score_sources(Document.from_path(case))
        assert scored[0][1].name == "korean_journal"
        assert scored[0][0] > MAX_SCORE


def test_euc_kr_page_without_charset_is_decoded_as_korean() -> None:
    case = FIXTURES / "korean_journal" / "ir_2013_csc_euckr.html"
    assert b"charset" not in case.read_bytes().lower()
    doc = Document.from_path(case)
    assert doc.encoding in ("cp949", "euc_kr")
    assert "대장암에서의 암줄기세포" in doc.text


def test_running_head_does_not_mistake_a_title_with_a_colon() -> None:
    page = (
        "Intest Res > Volume 11(2); 2013 > Article\n"
        "Stem Cells in Colorectal Cancer: New Potential Therapeutic Target\n"
        "Intestinal Research 2013;11(2):85-91.\nAbstract\nText.\n"
    )
    record = KoreanJournalSource().parse(Document.from_text(page)).records[0]
    assert record.title == "Stem Cells in Colorectal Cancer: New Potential Therapeutic Target"
    assert record.authors == []


def test_korean_only_page_keeps_hangul_title_and_names() -> None:
    page = (
        "J Korean Med Assoc > Volume 53(8); 2010 > Article\n"
        "의학논문 데이터베이스 검색 및 활용의 실제\n이춘실, 홍길동\n"
        "J Korean Med Assoc. 2010;53(8):668-686\nAbstract\n본문.\n"
    )
    record = KoreanJournalSource().parse(Document.from_text(page)).records[0]
    assert record.title == "의학논문 데이터베이스 검색 및 활용의 실제"
    assert [(t.text, t.language) for t in record.alt_titles] == [(record.title, "ko")]
    assert [p.literal for p in record.authors] == ["이춘실", "홍길동"]
    assert (record.volume, record.issue, record.pages) == ("53", "8", "668-686")


def test_bilingual_page_keeps_hangul_names_in_extra() -> None:
    page = (
        "J Korean Med Assoc > Volume 53(8); 2010 > Article\nMedical Database Search\nChoon Shil Lee\n"
        "의학논문 데이터베이스 검색 및 활용의 실제\n이춘실\nAbstract\nText.\n"
    )
    record = KoreanJournalSource().parse(Document.from_text(page)).records[0]
    assert [p.literal for p in record.authors] == ["Choon Shil Lee"]
    assert record.extra["authors_ko"] == ["이춘실"]


def test_corresponding_author_not_on_the_list_is_kept_in_extra() -> None:
    page = (
        "Intest Res > Volume 11(2); 2013 > Article\nA title\nTae Il Kim\nAbstract\nText.\n"
        "Corresponding author: Someone Else. else@example.org\n"
    )
    record = KoreanJournalSource().parse(Document.from_text(page)).records[0]
    assert record.authors[0].corresponding is None
    assert record.extra["corresponding_author"].startswith("Someone Else")


def test_pages_of_other_sites_are_not_claimed() -> None:
    for text in ("PMID: 15937941\nAnn Neurol. 2005 Jun;57(6):874-82.\n", "<html><body><p>Blog</p></body></html>"):
        assert KoreanJournalSource().detect(Document.from_text(text)) == 0.0


_PIECES = [
    "J Stroke > Volume 18(3); 2016 > Article",
    "Bang, Kim, and Moon: Title",
    "Intestinal Research 2013;11(2):85-91.",
    "DOI:    Published online April 30, 2013.",
    "대장암",
    "김태일",
    "Kim, Sung June , Rha, Hyoung Kyun",
    "Abstract",
    "Key Words: a, b",
    "Corresponding author: Kim. a@b.kr",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=60)), max_size=30))
def test_parse_never_raises_on_shuffled_labels_and_noise(lines: list[str]) -> None:
    check_shuffled_lines(KoreanJournalSource(), lines)


def test_deduplication_merges_the_same_article_from_every_korean_source() -> None:
    from msc_citations.dedup import deduplicate

    records = [_record(shape).model_copy(update={"id": shape}) for shape in SAME_ARTICLE]
    other = parse_file(FIXTURES / "wprim" / "jkna_2009_als_msc.txt").records[0].model_copy(update={"id": "other"})
    result = deduplicate([*records, other])
    assert sorted(map(sorted, result.clusters)) == [sorted(SAME_ARTICLE), ["other"]]


def test_deduplication_merges_the_journal_page_with_and_without_its_doi() -> None:
    from msc_citations.dedup import deduplicate

    names = ("ir_2013_csc_empty_doi.txt", "ir_2013_csc_euckr.html")
    records = [parse_file(FIXTURES / "korean_journal" / n).records[0].model_copy(update={"id": n}) for n in names]
    assert deduplicate(records).clusters == [list(names)]


def test_hangul_names_are_split_family_first_after_normalization() -> None:
    from msc_citations import parse_text

    page = (
        "J Korean Med Assoc > Volume 53(8); 2010 > Article\n"
        "의학논문 데이터베이스 검색 및 활용의 실제\n이춘실, 홍길동\n"
        "J Korean Med Assoc. 2010;53(8):668-686\nAbstract\n본문.\n"
    )
    record = parse_text(page).records[0]
    assert record.source is not None and record.source.parser == "korean_journal"
    assert [(p.family, p.given) for p in record.authors] == [("이", "춘실"), ("홍", "길동")]


def test_saved_page_without_address_is_recognised_by_the_platform_links() -> None:
    page = (
        '<html><head><meta name="citation_title" content="A title">'
        '<meta name="citation_journal_title" content="Journal of Stroke"><meta name="citation_doi" content="10.5853/x">'
        '</head><body><a href="/journal/view.php?number=150">Next article</a><h1>A title</h1></body></html>'
    )
    scored = score_sources(Document.from_text(page))
    assert scored[0][1].name == "korean_journal"
    assert scored[0][0] > MAX_SCORE
