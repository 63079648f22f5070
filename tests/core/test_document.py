"""Loading: decoding in every encoding our users' pages come in, kind sniffing, safety."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from msc_citations.document import (
    _HAN_COMMON,
    _HANGUL_COMMON,
    _META_CHARSET,
    _TAGGED_PATTERNS,
    _XML_DECL,
    DETECTION_CANDIDATES,
    Document,
    _blank,
    _declared_encoding,
    _detect_legacy,
    _language_fit,
    _lookup,
    _non_ascii_lines,
    _script_score,
    _starts_a_line,
    _tagged_dialect,
    decode_bytes,
    sniff_kind,
)
from msc_citations.errors import InputError, InputTooLarge

CHINESE_PAGE = (
    "<html><head><title>间充质干细胞</title></head><body>\n"
    + "<div class='nav'>Home Search Help</div>\n" * 40
    + "<h1>骨髓间充质干细胞移植治疗急性脑梗死的临床研究</h1>\n"
    + "<p>作者: 欧阳娜娜; 王伟</p><p>摘要: 目的 探讨骨髓间充质干细胞移植治疗急性脑梗死的疗效。</p>\n"
    + "</body></html>\n"
)
KOREAN_PAGE = (
    "<html><head><title>KoreaMed</title></head><body>\n"
    + "<div>Journal of the Korean Neurological Association 2009;27(2):163-169</div>\n" * 30
    + "<h1>근위축성 측삭경화증 환자에서 자가골수유래 중간엽줄기세포 치료의 효과와 안전성</h1>\n"
    + "<p>김현영, 백진영, 김승현</p></body></html>\n"
)
JAPANESE_TEXT = "脊髄損傷患者に対する自己血清培養間葉系幹細胞の静脈内投与\n著者: 本望修\n"
TRADITIONAL_TEXT = "間充質幹細胞治療缺血性腦中風的臨床研究\n作者: 歐陽娜娜\n摘要: 目的 探討骨髓間充質幹細胞移植治療急性腦梗死的療效。\n"
WESTERN_TEXT = "Title: Stammzelltherapie nach Schlaganfall – eine Übersicht\nAuthor: König, Jörg; Müller, Anaïs\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (CHINESE_PAGE, "gb18030"),
        (CHINESE_PAGE, "gbk"),
        (KOREAN_PAGE, "euc-kr"),
        (TRADITIONAL_TEXT, "big5"),
        (JAPANESE_TEXT, "shift_jis"),
        (WESTERN_TEXT, "cp1252"),
        (CHINESE_PAGE, "utf-8"),
    ],
)
def test_undeclared_legacy_encodings_decode_right(text: str, encoding: str) -> None:
    decoded, _ = decode_bytes(text.encode(encoding))
    assert decoded == text


@pytest.mark.parametrize("bom_encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_byte_order_marks(bom_encoding: str) -> None:
    text = "TY  - JOUR\nTI  - 间充质干细胞\nER  - \n"
    data = text.encode(bom_encoding)
    if bom_encoding in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if bom_encoding.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    decoded, _ = decode_bytes(data)
    assert decoded == text


def test_utf16_without_bom() -> None:
    text = "PMID- 15929052\nTI  - Autologous mesenchymal stem cell transplantation in stroke patients.\n"
    assert decode_bytes(text.encode("utf-16-le"))[0] == text


def test_declared_meta_charset_wins_over_guessing() -> None:
    page = '<html><head><meta charset="euc-kr"></head><body><p>김승현 가나다</p></body></html>'
    decoded, enc = decode_bytes(page.encode("euc-kr"))
    assert "김승현" in decoded
    assert enc == "cp949"


def test_xml_declaration_encoding() -> None:
    xml = '<?xml version="1.0" encoding="GB2312"?><root><title>间充质干细胞</title></root>'
    decoded, enc = decode_bytes(xml.encode("gb2312"))
    assert "间充质干细胞" in decoded and enc == "gb18030"


def test_text_cleanup_nfc_nbsp_zero_width() -> None:
    doc = Document.from_bytes("Oh Young Bang\u00a0et al.\u200b Cafe\u0301".encode())
    assert doc.text == "Oh Young Bang et al. Café"


@pytest.mark.parametrize(
    ("text", "kind", "dialect"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", "html", None),
        ("<!-- saved from url=(0040)https://pubmed.ncbi.nlm.nih.gov/1/ -->\n<html><body/></html>", "html", None),
        ('<?xml version="1.0"?><PubmedArticleSet/>', "xml", None),
        ("<clinical_study><id_info/></clinical_study>", "xml", None),
        ('{"protocolSection": {}}', "json", None),
        ("TY  - JOUR\nER  - ", "tagged", "ris"),
        ("PMID- 15929052\nOWN - NLM", "tagged", "medline"),
        ("@article{bang2005,\n title={x}}", "tagged", "bibtex"),
        ("%0 Journal Article\n%T 题名", "tagged", "refer"),
        ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n", "tagged", "wos"),
        ("ID,author,year,title,journal\n1,a,2000,t,j\n", "csv", None),
        ("Study Type\nINTERVENTIONAL\n", "text", None),
        ("[1] a pasted reference list line", "text", None),
    ],
)
def test_kind_sniffing(text: str, kind: str, dialect: str | None) -> None:
    assert sniff_kind(text) == (kind, dialect)


def test_empty_binary_pdf_and_oversized_inputs_are_refused_with_reasons(tmp_path: Path) -> None:
    cases = {
        "empty.txt": (b"  \n", "empty file"),
        "image.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary data"),
        "paper.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    }
    for name, (data, reason) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(InputError) as err:
            Document.from_path(path)
        assert reason in err.value.reason and err.value.path == str(path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    with pytest.raises(InputTooLarge):
        Document.from_path(big, max_bytes=1024)
    with pytest.raises(InputError, match="directory"):
        Document.from_path(tmp_path)


def test_html_visible_text_drops_scripts_styles_navigation_and_breaks_blocks() -> None:
    page = (
        "<html><head><title>T</title><style>p{}</style></head><body><nav>Home | Search</nav>"
        "<script>var x = 1;</script><h1>Autologous MSC</h1><div>Bang OY<br>Lee JS</div>"
        "<p>doi: <a href='#'>10.1002/ana.20501</a></p></body></html>"
    )
    doc = Document.from_text(page)
    assert doc.kind == "html"
    assert doc.lines == ["Autologous MSC", "Bang OY", "Lee JS", "doi: 10.1002/ana.20501"]


def test_html_meta_and_canonical_url() -> None:
    page = (
        '<html><head><meta name="Citation_DOI" content=" 10.1/x "><link rel="canonical" '
        'href="https://clinicaltrials.gov/study/NCT04953663"></head><body></body></html>'
    )
    doc = Document.from_text(page)
    assert doc.meta["citation_doi"] == ["10.1/x"]
    assert doc.canonical_url == "https://clinicaltrials.gov/study/NCT04953663"
    assert Document.from_text(page, url="https://x.org/").canonical_url == "https://x.org/"


def test_xml_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<PubmedArticleSet><t>&xxe;</t></PubmedArticleSet>"
    )
    root = Document.from_text(xml).tree
    assert root is not None
    assert b"TOP SECRET" not in __import__("lxml.etree").etree.tostring(root)


def test_xml_entity_bomb_does_not_explode() -> None:
    lol = "".join(f'<!ENTITY l{i} "{"&l" + str(i - 1) + ";" * 1}' * 1 + "&l" + str(i - 1) + ';">' for i in range(1, 10))
    xml = f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY l0 "lol">{lol}]><r>&l9;</r>'
    root = Document.from_text(xml).tree
    text = "" if root is None else "".join(root.itertext())
    assert len(text) < 10_000


def test_broken_markup_still_gives_text() -> None:
    doc = Document.from_text("<html><body><div><p>Title of paper<div>unclosed " + "<b>" * 500)
    assert "Title of paper" in doc.visible_text


_TAGGED_ALPHABET = st.sampled_from(
    ["\n", "\r\n", " ", "\t", "\f", "@", "%", "{", "(", "a", "Z", "0", "T", "Y", "P", "M", "I", "D", "F", "N", "-"]
)


@settings(max_examples=400)
@given(
    st.lists(
        _TAGGED_ALPHABET | st.sampled_from(["TY  - ", "PMID- 1", "@article{", "%0 J", "FN ", "PT J", "PMID-"]),
        max_size=60,
    )
)
def test_tagged_patterns_tried_at_line_starts_find_what_a_full_search_finds(parts: list[str]) -> None:
    head = "".join(parts)
    for _, needs, pattern in _TAGGED_PATTERNS:
        assert _starts_a_line(head, needs, pattern) == bool(pattern.search(head))


@settings(max_examples=400)
@given(
    st.lists(
        _TAGGED_ALPHABET
        | st.sampled_from(["TY  - ", "PMID- 1", "PMID-1", "@article{", "%0 J", "FN ", "PT J", "PMID-", "PT J \n"]),
        max_size=60,
    )
)
def test_tagged_dialect_in_one_scan_is_the_first_whose_pattern_matches(parts: list[str]) -> None:
    head = "".join(parts)
    first = next((dialect for dialect, _, pattern in _TAGGED_PATTERNS if pattern.search(head)), None)
    assert _tagged_dialect(head) == first


def test_kind_sniffing_ignores_e_mail_addresses_mid_line() -> None:
    text = "Correspondence: kim@example.org\n  @article{x,\n title={y}}"
    assert sniff_kind(text) == ("tagged", "bibtex")
    assert sniff_kind("Correspondence: kim@example.org {see}\nAbstract") == ("text", None)


_SPACES = st.sampled_from(
    [" ", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\xa0", "\u2003", "\u3000", "a", "\x00"]
)


@given(st.lists(_SPACES, max_size=12).map("".join))
def test_blank_is_strip_leaves_nothing(text: str) -> None:
    data = text.encode("utf-8")
    assert _blank(text) == (not text.strip())
    assert _blank(data) == (not data.strip())


# The encoding scores as first written: one test per character. The scores now count runs;
# these are the definitions they must keep.
_SCRIPT_LETTER_CHAR = re.compile(
    "[\uac00-\ud7a3\u4e00-\u9fff\u3040-\u30ff\u3000-\u303f\uff00-\uffef\u2010-\u206f\u00c0-\u024f]"
)


def _script_score_per_char(text: str) -> float:
    total = sum(1 for c in text if ord(c) > 0x7F)
    letters = sum(1 for c in text if _SCRIPT_LETTER_CHAR.match(c))
    return letters / total if total else 0.0


def _language_fit_per_char(text: str, encoding: str) -> float:
    n = sum(1 for c in text if c >= "\u3000")
    if not n:
        return 0.0
    if encoding == "cp949":
        common = sum(1 for c in text if c in _HANGUL_COMMON)
        return common / n + 0.5 * (sum(1 for c in text if "\uac00" <= c <= "\ud7a3") / n)
    if encoding in ("gb18030", "big5"):
        return sum(1 for c in text if c in _HAN_COMMON) / n
    if encoding in ("shift_jis", "euc_jp"):
        return sum(1 for c in text if "\u3040" <= c <= "\u30ff") / n + 0.2
    return 0.0


def _detect_legacy_scoring_every_candidate(data: bytes) -> tuple[str, str]:
    sample = _non_ascii_lines(data)
    best: tuple[float, str] | None = None
    for enc in DETECTION_CANDIDATES:
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _script_score_per_char(text)
        score += -0.3 if enc == "cp1252" else _language_fit_per_char(text, enc)
        if best is None or score > best[0]:
            best = (score, enc)
    enc = "cp1252"
    if best is not None:
        try:
            data.decode(best[1])
            enc = best[1]
        except UnicodeDecodeError:
            pass
    return data.decode(enc, errors="replace"), enc


# Both sides of every range edge the scores test, common Han and Hangul, and anything.
_EDGES = [
    0x7F, 0x80, 0xBF, 0xC0, 0x24F, 0x250, 0x200F, 0x2010, 0x206F, 0x2070, 0x2FFF, 0x3000, 0x303F, 0x3040,
    0x30FF, 0x3100, 0x4DFF, 0x4E00, 0x9FFF, 0xA000, 0xABFF, 0xAC00, 0xD7A3, 0xD7A4, 0xFEFF, 0xFF00,
    0xFFEF, 0xFFF0, 0x10000, 0x10FFFF,
]  # fmt: skip
_SCORE_ALPHABET = st.one_of(
    st.sampled_from([chr(c) for c in _EDGES]),
    st.sampled_from(sorted(_HAN_COMMON)[:40] + sorted(_HANGUL_COMMON) + list("の間幹")),
    st.sampled_from(list("ab 1\néüößÀ–")),
    st.characters(),
)


@settings(max_examples=400)
@given(st.lists(_SCORE_ALPHABET, max_size=80).map("".join))
def test_encoding_scores_by_runs_equal_the_per_character_definitions(text: str) -> None:
    assert _script_score(text) == _script_score_per_char(text)
    for enc in DETECTION_CANDIDATES:
        assert _language_fit(text, enc) == _language_fit_per_char(text, enc)


@settings(max_examples=300)
@given(
    st.lists(_SCORE_ALPHABET, max_size=60)
    .map("".join)
    .flatmap(lambda text: st.sampled_from(DETECTION_CANDIDATES).map(lambda enc: text.encode(enc, errors="ignore")))
    | st.binary(max_size=60)
)
# German and French words in cp1252 that also decode as GB18030, scoring 0.5 and 0.67
# there: cp1252 (0.7) wins only just.
@example("Grüße Übersicht".encode("cp1252"))
@example("Grüße Anaïs Œuvre".encode("cp1252"))
def test_encoding_guess_equals_scoring_every_candidate(data: bytes) -> None:
    assert _detect_legacy(data) == _detect_legacy_scoring_every_candidate(data)


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from([b"<", b"<?xml", b"<meta", b" charset=", b' encoding="gbk"', b"utf-8", b"'", b">", b"\n", b" "])
        | st.binary(max_size=8),
        max_size=20,
    ).map(b"".join)
)
@example(b'<?xml version="1.0" encoding="gbk"?>')
@example(b'<html><META http-equiv="Content-Type" content="text/html; charset=euc-kr">')
def test_declared_encoding_without_a_search_when_no_tag_opens(head: bytes) -> None:
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    assert _declared_encoding(head) == (_lookup(m.group(1)) if m else None)
