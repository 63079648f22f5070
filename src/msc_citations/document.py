"""Loading: bytes to a :class:`Document` with decoded text, a kind, and lazy trees.

Decoding order (declared charsets first, because guessing is slow and, on mostly-ASCII
CJK pages, often wrong):

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. a charset declared by the page (``<meta charset>``, ``http-equiv`` content type, the XML
   declaration);
3. UTF-16 without a BOM (NUL bytes at every other position);
4. strict UTF-8;
5. detection restricted to the encodings our users' pages come in, run on the non-ASCII
   lines only (so that ASCII markup does not drown the CJK signal), checked by a script
   plausibility score;
6. Windows-1252 with replacement, as the last resort that never fails.

The decoded text is NFC, NBSP becomes a space and zero-width characters are removed.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .errors import DecodeError, InputError, InputTooLarge

if TYPE_CHECKING:
    from lxml import etree

DocumentKind = Literal["html", "xml", "json", "tagged", "csv", "text"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Inputs larger than this are refused (20 MB)."""

DETECTION_CANDIDATES: tuple[str, ...] = ("gb18030", "cp949", "big5", "shift_jis", "euc_jp", "cp1252")
"""Legacy encodings tried when a file is neither declared nor valid UTF-8."""

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})["']""")
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = {0x00A0: " ", 0x2007: " ", 0x202F: " "}
_TEXT_REPLACEMENTS: tuple[tuple[str, str], ...] = tuple(
    (chr(code), replacement or "") for code, replacement in {**_ZERO_WIDTH, **_SPACES}.items()
)

_HTML_START = re.compile(
    r"^\s*(?:<!--.{0,2000}?-->\s*)*(?:<!doctype\s+html|<html|<head|<meta|<body|<title)", re.I | re.S
)
_HTML_ANYWHERE = re.compile(r"<(?:html|body|head)[\s>]", re.I)
_TAGGED_PATTERNS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = (
    ("ris", ("TY  - ",), re.compile(r"^TY  - ", re.M)),
    ("medline", ("PMID-",), re.compile(r"^PMID- ?\d", re.M)),
    ("bibtex", ("@",), re.compile(r"^\s*@[A-Za-z]+\s*[{(]", re.M)),
    ("refer", ("%",), re.compile(r"^%[0A-Z] \S", re.M)),
    ("wos", ("FN ", "PT "), re.compile(r"^(?:FN |PT [A-Z]\s*$)", re.M)),
)
"""Tagged dialects: a text every match contains (the lines holding it are the only places
the pattern is tried, see :func:`_starts_a_line`), and the pattern."""
_SCANNED_DIALECTS = frozenset({"ris", "medline", "wos"})
"""The dialects whose patterns are a marker at the very start of a line: found together, in
one scan of the head for a newline followed by any of them (:data:`_LINE_MARKERS`). The
others may start with white space (BibTeX) or have a one-character marker that
:func:`_starts_a_line` finds quickly."""
_LINE_MARKERS = re.compile(
    "\n(?:"
    + "|".join(f"(?P<{d}>{p.pattern.removeprefix('^')})" for d, _, p in _TAGGED_PATTERNS if d in _SCANNED_DIALECTS)
    + ")",
    re.M,
)


def _strip_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    if text.isascii():
        return text
    # One replace() per character present: str.translate() with a table goes through a
    # Python mapping per character (19 ms for a 200 KB page holding one no-break space,
    # against 0.1 ms this way).
    for char, replacement in _TEXT_REPLACEMENTS:
        if char in text:
            text = text.replace(char, replacement)
    return text


def _lookup(name: bytes | str) -> str | None:
    raw = name.decode("ascii", "ignore") if isinstance(name, bytes) else name
    try:
        codec = codecs.lookup(raw.strip().lower())
    except LookupError:
        return None
    # Pages that declare gb2312/gbk are nearly always written in the superset.
    if codec.name in ("gb2312", "gbk"):
        return "gb18030"
    if codec.name in ("euc_kr", "ks_c_5601-1987"):
        return "cp949"
    if codec.name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return codec.name


def _declared_encoding(head: bytes) -> str | None:
    if b"<" not in head:  # both declarations start with one: a copied text needs no search
        return None
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return _lookup(m.group(1)) if m else None


def _looks_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or 0 not in sample:  # no NUL byte: no UTF-16 (a fast scan, no slicing)
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > half * 0.4 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.4 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


# The scores count characters of a class. Each pattern matches a whole run of its class
# and a run counts its length, so a page costs one match per run, not one per character.
# The script letters and the wide characters are counted as the non-ASCII characters less
# the (rare, on a right guess) ones outside them.
_SCRIPT_LETTER_RANGES = (
    (0xC0, 0x24F),
    (0x2010, 0x206F),
    (0x3000, 0x30FF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7A3),
    (0xFF00, 0xFFEF),
)
"""Letters of one real script (see :func:`_script_score`): sorted, disjoint, inclusive."""
_WIDE_RANGES = ((0x3000, 0x10FFFF),)
"""The wide (CJK) characters :func:`_language_fit` divides by."""


def _non_ascii_outside(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    """A pattern matching runs of the non-ASCII characters outside ``ranges``."""
    parts = []
    start = 0x80
    for low, high in ranges:
        if low > start:
            parts.append(f"{chr(start)}-{chr(low - 1)}")
        start = high + 1
    if start <= 0x10FFFF:
        parts.append(f"{chr(start)}-{chr(0x10FFFF)}")
    return re.compile("[" + "".join(parts) + "]+")


_NOT_SCRIPT_LETTER_RUN = _non_ascii_outside(_SCRIPT_LETTER_RANGES)
_NARROW_NON_ASCII_RUN = _non_ascii_outside(_WIDE_RANGES)
_HANGUL_SYLLABLE_RUN = re.compile("[\uac00-\ud7a3]+")
_KANA_RUN = re.compile("[\u3040-\u30ff]+")


def _run_chars(pattern: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the runs ``pattern`` matches hold."""
    return sum(map(len, pattern.findall(text)))


def _non_ascii_count(text: str) -> int:
    return len(text) - len(text.encode("ascii", "ignore"))


def _script_score(text: str) -> float:
    """How plausible a decoded text is: the share of its non-ASCII characters that are
    letters of one real script (Han, Hangul, kana, Latin-1 letters) rather than symbols,
    private-use or rare compatibility characters."""
    total = _non_ascii_count(text)
    return (total - _run_chars(_NOT_SCRIPT_LETTER_RUN, text)) / total if total else 0.0


def _non_ascii_lines(data: bytes, limit: int = 65536) -> bytes:
    out = bytearray()
    for line in data.splitlines():
        if not line.isascii():
            out += line + b"\n"
            if len(out) >= limit:
                break
    return bytes(out)


_HANGUL_COMMON = set("이의가에는을를하고다한로서지기사도리자수대인시정어보일해상구전아부과니적여나제성")
_HAN_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系很情者最立代想已通并提直题程展五果料象员位入常文总次品式活设及管特件长求头基资边流路级少图山统接知较将组见计别手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候亲快效院查型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严患者病治疗细胞研究组临床方法结果结论目的脑卒损伤髓移植间充质摘要关键词期刊卷页"
)


# Every common character is CJK (at or above U+3000), so counting them in the whole text
# counts them among the wide characters.
_HANGUL_COMMON_RUN = re.compile("[" + "".join(sorted(_HANGUL_COMMON)) + "]+")
_HAN_COMMON_RUN = re.compile("[" + "".join(sorted(_HAN_COMMON)) + "]+")


def _language_fit(text: str, encoding: str) -> float:
    n = _non_ascii_count(text) - _run_chars(_NARROW_NON_ASCII_RUN, text)
    if not n:
        return 0.0
    if encoding == "cp949":
        return _run_chars(_HANGUL_COMMON_RUN, text) / n + 0.5 * (_run_chars(_HANGUL_SYLLABLE_RUN, text) / n)
    if encoding in ("gb18030", "big5"):
        return _run_chars(_HAN_COMMON_RUN, text) / n
    if encoding in ("shift_jis", "euc_jp"):
        return _run_chars(_KANA_RUN, text) / n + 0.2
    return 0.0


_CP1252_PENALTY = 0.3
_CP1252_BEST = 1.0 - _CP1252_PENALTY
"""The most cp1252 can score (a script score is at most 1): a candidate already scoring
this much cannot be beaten by it, so it is not decoded and scored."""


def _detect_legacy(data: bytes) -> tuple[str, str]:
    """``(text, encoding)`` of bytes that are neither declared nor UTF-8."""
    sample = _non_ascii_lines(data)
    best: tuple[float, str] | None = None
    for enc in DETECTION_CANDIDATES:
        if enc == "cp1252" and best is not None and best[0] >= _CP1252_BEST:
            continue
        try:
            text = sample.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _script_score(text)
        if enc == "cp1252":
            # Latin-1 letters only: CJK pages decode "successfully" here too, so it must
            # win on its own merits, never by default.
            score -= _CP1252_PENALTY
        else:
            score += _language_fit(text, enc)
        if best is None or score > best[0]:
            best = (score, enc)
    if best is not None:
        # The sample may decode while the whole file does not (a line cut at the limit).
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode(best[1]), best[1]
    return data.decode("cp1252", errors="replace"), "cp1252"


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text; return ``(text, encoding_used)``.

    ``declared`` is an encoding known from outside (an HTTP header). It is trusted after a
    byte-order mark and before the page's own declaration.

    >>> decode_bytes("页码:E1012".encode("gb18030"))[0]
    '页码:E1012'
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _strip_text(data.decode(enc, errors="replace")), enc.replace("-sig", "")
    found = [
        _lookup(declared) if declared else None,
        _declared_encoding(data[:4096]),
        _looks_utf16(data),  # before UTF-8: NUL bytes are valid UTF-8
        "utf-8",
    ]
    candidates = [c for c in found if c is not None]
    for enc in candidates:
        try:
            return _strip_text(data.decode(enc)), enc
        except (UnicodeDecodeError, LookupError):
            continue
    text, enc = _detect_legacy(data)
    return _strip_text(text), enc


def sniff_kind(text: str, name: str | None = None) -> tuple[DocumentKind, str | None]:
    """Guess what a text is: ``(kind, dialect)``; dialect names a tagged format.

    >>> sniff_kind("TY  - JOUR\\nTI  - A title\\nER  - ")
    ('tagged', 'ris')
    """
    head = text[:4096].lstrip("\ufeff")
    stripped = head.lstrip()
    suffix = (name or "").lower().rsplit(".", 1)[-1] if name and "." in name else ""
    if stripped.startswith(("{", "[")) and (suffix == "json" or _looks_json(text)):
        return "json", None
    if _HTML_START.match(head) or (stripped.startswith("<") and _HTML_ANYWHERE.search(head)):
        return "html", None
    if stripped.startswith("<?xml") or (stripped.startswith("<") and suffix == "xml"):
        return "xml", None
    if stripped.startswith("<") and re.match(r"<[A-Za-z_][\w.:-]*[\s>]", stripped):
        return "xml", None
    dialect = _tagged_dialect(head)
    if dialect is not None:
        return "tagged", dialect
    if suffix == "csv" or (suffix != "txt" and _looks_csv(head)):
        return "csv", None
    return "text", None


def _tagged_dialect(head: str) -> str | None:
    """The first dialect of :data:`_TAGGED_PATTERNS` whose pattern matches in ``head``."""
    # A newline put before the head makes its first line like every other.
    scanned = {m.lastgroup for m in _LINE_MARKERS.finditer("\n" + head)}
    for dialect, needs, pattern in _TAGGED_PATTERNS:
        found = dialect in scanned if dialect in _SCANNED_DIALECTS else _starts_a_line(head, needs, pattern)
        if found:
            return dialect
    return None


def _starts_a_line(head: str, needs: tuple[str, ...], pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` (anchored with ``^``, multi-line) matches in ``head``: tried only
    at the starts of the lines holding one of ``needs``, which every match contains, instead
    of a search that steps through every character of the head."""
    for need in needs:
        at = head.find(need)
        while at >= 0:
            if pattern.match(head, head.rfind("\n", 0, at) + 1):
                return True
            end = head.find("\n", at)  # the rest of this line has the same start
            if end < 0:
                break
            at = head.find(need, end + 1)
    return False


def _looks_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _looks_csv(head: str) -> bool:
    first = head.split("\n", 1)[0].lower()
    cols = {c.strip().strip('"') for c in first.split(",")}
    return len(cols) >= 3 and bool(cols & {"title", "author", "id", "doi", "year"})


_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "head", "iframe", "button", "select", "form"}
)
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "td", "th", "thead", "tr", "ul", "caption", "label",
    }
)  # fmt: skip
_INLINE_SPACE = re.compile(r"[ \t\r\f\v]+")
DOUBLE_SPACE = re.compile("  ")
"""Two spaces: a regex search finds them about twice as fast as ``"  " in text`` on a
rendered page, where single spaces are frequent."""


def _visible_text_python(root: etree._Element) -> str:
    """The raw rendering in Python (the reference; used when the XSLT engine refuses a tree,
    e.g. one nested deeper than its recursion limit)."""
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if tag in _SKIP_TAGS or not isinstance(el.tag, str):
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    body = root.find(".//body")
    walk(body if body is not None else root)
    return "".join(parts)


# The same rendering as _visible_text_python, run by libxslt in C (about 5x faster on a
# saved PubMed page): skipped elements and comments vanish (their tails are sibling text
# nodes and stay), block elements are wrapped in line breaks, text nodes are copied. The
# first body is descendant::body[1] from the one root element (the same node as
# (descendant::body)[1], but libxml2 stops at it instead of collecting every body first).
_VISIBLE_TEXT_XSLT = """<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="/"><xsl:choose>
<xsl:when test="/*[1]/descendant::body[1]"><xsl:apply-templates select="/*[1]/descendant::body[1]"/>
<xsl:apply-templates select="/*[1]/descendant::body[1]/following-sibling::node()[1][self::text()]"/></xsl:when>
<xsl:otherwise><xsl:apply-templates select="/*[1]"/></xsl:otherwise></xsl:choose></xsl:template>
<xsl:template match="{skip}"/>
<xsl:template match="comment()|processing-instruction()"/>
<xsl:template match="{block}"><xsl:text>&#10;</xsl:text><xsl:apply-templates/><xsl:text>&#10;</xsl:text></xsl:template>
</xsl:stylesheet>"""


@cache
def _visible_text_transform() -> etree.XSLT:
    from lxml import etree

    stylesheet = _VISIBLE_TEXT_XSLT.format(skip="|".join(sorted(_SKIP_TAGS)), block="|".join(sorted(_BLOCK_TAGS)))
    return etree.XSLT(etree.fromstring(stylesheet))


def _visible_text_raw(root: etree._Element) -> str:
    from lxml import etree

    if root.getparent() is None and isinstance(root.tag, str) and root.tag.islower() and "}" not in root.tag:
        try:
            return str(_visible_text_transform()(root))
        except etree.XSLTError:
            pass
    return _visible_text_python(root)


def html_visible_text(root: etree._Element) -> str:
    """Render an HTML tree as the text a reader would copy from the page: scripts, styles
    and navigation dropped, block elements on their own lines."""
    return _rendered_lines(root)[0]


def _rendered_lines(root: etree._Element) -> tuple[str, list[str]]:
    """:func:`html_visible_text` and its lines (each stripped, none blank)."""
    # Each line stripped and blank lines dropped (runs of line breaks collapse to one), in
    # C: most lines of a rendered page are blank. Then inline white-space runs collapsed,
    # line by line only when the text holds any.
    lines = list(filter(None, map(str.strip, _visible_text_raw(root).split("\n"))))
    text = "\n".join(lines)
    if _has_inline_space(text):
        lines = [_INLINE_SPACE.sub(" ", line) if _has_inline_space(line) else line for line in lines]
        text = "\n".join(lines)
    return text, lines


OTHER_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Characters other than ``\\n`` and ``\\r`` that end a line for ``str.splitlines``."""
# Those a rendered page can still hold: "\v" and "\f" are inline white space, collapsed
# by the rendering (as "\r" is).
_RENDERED_LINE_BREAKS = OTHER_LINE_BREAKS.replace("\x0b", "").replace("\x0c", "")


def _has_inline_space(text: str) -> bool:
    """Whether ``text`` holds a run :data:`_INLINE_SPACE` would change."""
    return DOUBLE_SPACE.search(text) is not None or "\t" in text or "\r" in text or "\f" in text or "\v" in text


def _safe_html_parser() -> etree.HTMLParser:
    from lxml import etree

    return etree.HTMLParser(no_network=True, remove_comments=False, huge_tree=False, recover=True)


def _safe_xml_parser() -> etree.XMLParser:
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


_SAVED_FROM = re.compile(r"<!-- saved from url=\(\d+\)(\S+?) -->")


@dataclass
class Document:
    """One input: its text, its kind and, for markup, lazily built trees.

    Build one with :meth:`from_bytes`, :meth:`from_path` or :meth:`from_text`.
    """

    text: str
    kind: DocumentKind
    path: str | None = None
    url: str | None = None
    encoding: str | None = None
    dialect: str | None = None
    size: int = 0
    _meta: dict[str, list[str]] | None = field(default=None, repr=False)

    @classmethod
    def from_text(cls, text: str, *, path: str | None = None, url: str | None = None) -> Document:
        """A document from text already decoded (a pasted page)."""
        text = _strip_text(text)
        if _blank(text):
            raise InputError(path or "<text>", "empty input")
        name = _file_name(path) if path else None
        kind, dialect = sniff_kind(text, name)
        return cls(text=text, kind=kind, path=path, url=url, encoding=None, dialect=dialect, size=len(text))

    @classmethod
    def from_bytes(
        cls,
        data: bytes,
        *,
        path: str | None = None,
        url: str | None = None,
        declared_encoding: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> Document:
        """A document from raw bytes. Raises :class:`InputError` for empty, binary or
        oversized input."""
        where = path or "<bytes>"
        if len(data) > max_bytes:
            raise InputTooLarge(where, f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
        if _blank(data):
            raise InputError(where, "empty file")
        if data.startswith(b"%PDF-"):
            raise InputError(where, "a PDF file, not a citation page or export (save the page as HTML or text)")
        if _is_binary(data):
            raise InputError(where, "binary data, not text")
        text, enc = decode_bytes(data, declared=declared_encoding)
        if _blank(text):
            raise InputError(where, "empty file")
        name = _file_name(path) if path else None
        kind, dialect = sniff_kind(text, name)
        return cls(text=text, kind=kind, path=path, url=url, encoding=enc, dialect=dialect, size=len(data))

    @classmethod
    def from_path(cls, path: str | Path, *, url: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
        """Read a file. Raises :class:`InputError` naming the file when it cannot be used."""
        p = Path(path)
        where = str(p)
        try:
            info = os.stat(p)  # one call: is it a directory, and how big
            if stat.S_ISDIR(info.st_mode):
                raise InputError(where, "a directory, not a file")
            size = info.st_size
            if size > max_bytes:
                raise InputTooLarge(where, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(where, f"cannot read: {exc.strerror or exc}") from exc
        return cls.from_bytes(data, path=where, url=url, max_bytes=max_bytes)

    @property
    def name(self) -> str | None:
        """The file name, if the document came from a file."""
        return _file_name(self.path) if self.path else None

    @cached_property
    def tree(self) -> etree._Element | None:
        """The lxml tree of an HTML or XML document (no network, no entity expansion);
        ``None`` for other kinds or markup that does not parse."""
        from lxml import etree, html

        if self.kind == "html":
            try:
                return html.document_fromstring(self.text, parser=_safe_html_parser())
            except (etree.ParserError, ValueError):
                return None
        if self.kind == "xml":
            data = re.sub(r"^\s*<\?xml[^>]*\?>", "", self.text, count=1).encode("utf-8")
            try:
                return etree.fromstring(data, parser=_safe_xml_parser())
            except etree.XMLSyntaxError:
                return None
        return None

    @cached_property
    def visible_text(self) -> str:
        """What a reader would see: the rendered text of HTML, else the text itself."""
        if self.kind == "html":
            return self._rendered[0]
        return self.text

    @cached_property
    def _rendered(self) -> tuple[str, list[str]]:
        root = self.tree
        return _rendered_lines(root) if root is not None else ("", [])

    @cached_property
    def lines(self) -> list[str]:
        """The visible text split into lines, each stripped."""
        if self.kind == "html":
            text, lines = self._rendered
            # The rendered lines are stripped already: splitting their joined text again
            # gives them back unless one holds another line break.
            if not any(mark in text for mark in _RENDERED_LINE_BREAKS):
                return list(lines)
        return list(map(str.strip, self.visible_text.splitlines()))

    @cached_property
    def json(self) -> object:
        """The parsed JSON value of a JSON document."""
        if self.kind != "json":
            raise DecodeError(self.path, "not a JSON document")
        try:
            return json.loads(self.text)
        except ValueError as exc:
            raise DecodeError(self.path, f"invalid JSON: {exc}") from exc

    @property
    def meta(self) -> dict[str, list[str]]:
        """HTML ``<meta name|property=... content=...>`` values by lower-cased name."""
        if self._meta is None:
            self._meta = {}
            root = self.tree if self.kind == "html" else None
            if root is not None:
                for el in root.iter("meta"):
                    key = el.get("name") or el.get("property") or el.get("itemprop")
                    content = el.get("content")
                    if key and content is not None:
                        self._meta.setdefault(key.strip().lower(), []).append(content.strip())
        return self._meta

    @cached_property
    def canonical_url(self) -> str | None:
        """The page's own address: the given URL, the canonical link, ``og:url`` or the
        browser's ``saved from url=`` comment."""
        if self.url:
            return self.url
        if self.kind != "html":
            return None
        root = self.tree
        if root is not None:
            for el in root.iter("link"):
                if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
                    return el.get("href")
        og = self.meta.get("og:url")
        if og:
            return og[0]
        m = _SAVED_FROM.search(self.text[:4096])
        return m.group(1) if m else None


def _blank(value: str | bytes) -> bool:
    """``not value.strip()`` without copying ``value`` (a 200 KB page ending in a line
    break was copied whole; ``isspace`` tests the same white space and stops at the first
    other character)."""
    return not value or value.isspace()


def _file_name(path: str) -> str:
    """``Path(path).name``, without building a path object for the common case."""
    base = os.path.basename(path)
    return base if base and base not in (".", "..") else Path(path).name


def _is_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" not in sample:
        return False
    return _looks_utf16(data) is None and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
