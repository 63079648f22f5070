"""Helpers shared by the Korean sources (WPRIM, KoreaMed, KoreaMed Synapse, journal sites).

Korean index pages share conventions: a citation line ``Abbrev. 2016 Sep;18(3):256-266.``,
romanised names with the family name in capitals (``Hyun Young KIM``) or MEDLINE-style
(``Bang OY``), the corresponding author's e-mail glued to the end of an affiliation, and
Hangul titles and names beside the English ones. Everything here is pure and never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..document import Document
from ..model import AltTitle, Person

HANGUL = re.compile(r"[\uac00-\ud7a3]")
"""A Hangul syllable."""

EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}")
DOI_IN_TEXT = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]{1,300})")

CITATION_LINE = re.compile(
    r"^(?P<journal>[^;]{2,160}?)\.?\s+(?P<year>1[89]\d\d|20\d\d)"
    r"(?:\s+(?P<date>[A-Za-z]{3,9}(?:\s*-\s*[A-Za-z]{3,9})?(?:\s+\d{1,2})?))?"
    r"\s*;\s*(?P<volume>[^;(:\s]{1,20})?\s*(?:\((?P<issue>[^)]{1,30})\))?"
    r"(?:\s*:\s*(?P<pages>[^\s.;]{1,40}(?:\s*-\s*[^\s.;]{1,20})?))?\.?(?P<rest>.*)$"
)
"""``Journal Abbrev. 2016 Sep;18(3):256-266. rest`` (journal, date, volume, issue, pages)."""

VOLUME_ONLY = re.compile(
    r"(?P<year>1[89]\d\d|20\d\d)\s*;\s*(?P<volume>[^;(:\s]{1,20})\s*(?:\((?P<issue>[^)]{1,30})\))?"
    r"\s*:\s*(?P<pages>[^\s.;]{1,40}(?:\s*-\s*[^\s.;]{1,20})?)"
)
"""``2009;27(2):163-169`` anywhere in a string."""

DEGREES = frozenset(
    {"MD", "M.D.", "PHD", "PH.D.", "MS", "M.S.", "MPH", "M.P.H.", "RN", "R.N.", "DDS", "D.D.S.", "BS", "MSC", "DVM"}
)
_TRAILING_REF = re.compile(r"^(?P<name>.*?[^\d\s,])\s*(?P<refs>\d{1,2}(?:\s*[,]\s*\d{1,2}){0,9})\*?$")
_AFFIL_NUMBER = re.compile(r"^[•·*]?\s*(?P<num>\d{1,2})\s*\.?\s*(?P<text>\D.*)$")
_LETTERS = re.compile(r"[^a-z]")
_CAPS_TOKEN = re.compile(r"^[A-Z][A-Z'\-]{0,30}$")
BULLETS = "•·-* \t"
"""Characters that open a list line."""
_MAJOR_MARK = re.compile(r"\*+")
MONTHS: dict[str, int] = {
    m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
LANGUAGE_WORDS: frozenset[str] = frozenset({"English", "Korean", "Japanese", "Chinese", "German", "French"})
"""Language words printed after a citation line (``... 54-57. Korean.``)."""


def has_hangul(text: str | None) -> bool:
    """True when ``text`` contains a Hangul syllable.

    >>> has_hangul("대장암에서의 암줄기세포"), has_hangul("Stem cells")
    (True, False)
    """
    return bool(text and HANGUL.search(text))


def korean_alt_title(text: str) -> AltTitle:
    """A Hangul title kept beside the English one."""
    return AltTitle(text=text.strip(), language="ko")


def split_semicolons(text: str) -> list[str]:
    """``a; b ;c;`` -> ``['a', 'b', 'c']`` (empty parts dropped, order kept, no duplicates)."""
    parts = (p.strip() for p in text.split(";"))
    return list(dict.fromkeys(p for p in parts if p))


def strip_bullet(line: str) -> str:
    """A list line without its bullet (``•``, ``·``, ``-``)."""
    return line.lstrip(BULLETS).strip()


def split_refs(text: str) -> tuple[str, list[str]]:
    """A name with trailing affiliation numbers: ``Kim SW1,2`` -> ``('Kim SW', ['1', '2'])``."""
    m = _TRAILING_REF.match(text.strip())
    if not m:
        return text.strip(), []
    return m.group("name").strip(), [r.strip() for r in m.group("refs").split(",")]


def numbered_affiliation(line: str) -> tuple[str | None, str]:
    """``1. Department of ...`` or ``• 1Department of ...`` -> ``('1', 'Department of ...')``."""
    m = _AFFIL_NUMBER.match(line.strip())
    if m:
        return m.group("num"), m.group("text").strip()
    return None, strip_bullet(line)


def pop_email(text: str) -> tuple[str, str | None]:
    """An affiliation without the e-mail address at its end, and that address.

    >>> pop_email("Department of Neurology, Seoul, Korea. kimsh1@hanyang.ac.kr")
    ('Department of Neurology, Seoul, Korea', 'kimsh1@hanyang.ac.kr')
    """
    # Without an "@" there is no address: skip the search, which tries every position.
    found = list(EMAIL.finditer(text)) if "@" in text else []
    if not found:
        return text.strip(), None
    m = found[-1]
    # The period before an address at the end closes the affiliation sentence.
    rest = (text[: m.start()] + text[m.end() :]).strip().rstrip(" ;,.")
    return rest, m.group(0).rstrip(".")


def wprim_person(name: str) -> Person:
    """A name in the WPRIM/KoreaMed convention, the family name in capitals
    (``Hyun Young KIM``, ``KIM Hyun Young``) split into family and given name as written;
    any other form is kept as a literal for the names step.

    >>> wprim_person("Hyun Young KIM").family
    'KIM'
    >>> wprim_person("Tae Il Kim").literal
    'Tae Il Kim'
    """
    parts = caps_name_parts(name)
    if parts is not None:
        return Person(family=parts[0], given=parts[1])
    return Person(literal=name.strip())


def caps_name_parts(name: str) -> tuple[str, str] | None:
    """``(family, given)`` of a name whose first or last word alone is in capitals
    (``Hyun Young KIM``), else ``None``: what :func:`wprim_person` splits."""
    tokens = name.split()
    if len(tokens) < 2:
        return None
    # isupper() first: it turns down most words before the pattern has to run.
    caps = [i for i, t in enumerate(tokens) if t.isupper() and _CAPS_TOKEN.match(t) and len(t.strip("'-")) > 1]
    if len(caps) == 1 and caps[0] in (0, len(tokens) - 1):
        i = caps[0]
        return tokens[i], " ".join(tokens[:i] + tokens[i + 1 :])
    return None


def name_parts(person: Person) -> tuple[str, str]:
    """``(family, given)`` lower-cased letters only, read from a structured or literal name."""
    if person.family:
        return _LETTERS.sub("", person.family.lower()), (person.given or "")
    literal = (person.literal or "").strip()
    if "," in literal:
        family, _, given = literal.partition(",")
        return _LETTERS.sub("", family.lower()), given
    tokens = literal.split()
    if len(tokens) >= 2 and tokens[-1].isupper() and len(tokens[-1]) <= 3:
        return _LETTERS.sub("", tokens[0].lower()), tokens[-1]  # MEDLINE "Bang OY"
    if tokens:
        return _LETTERS.sub("", tokens[-1].lower()), " ".join(tokens[:-1])
    return "", ""


_INITIALS_SPLIT = re.compile(r"[\s\-.]+")


def _initials(given: str) -> str:
    if given.isupper() and " " not in given and "-" not in given and len(given) <= 3:
        return given.lower()
    return "".join(part[0].lower() for part in _INITIALS_SPLIT.split(given) if part)


NameKey = tuple[str, str, str]
"""A person's ``(family letters, initials, given-name letters)`` for e-mail matching."""


def _name_key(person: Person) -> NameKey:
    family, given = name_parts(person)
    return family, _initials(given), _LETTERS.sub("", given.lower())


def _key_matches(letters: str, key: NameKey) -> bool:
    """:func:`email_matches` for the local part's letters and a person's name key."""
    family, initials, full_given = key
    if not letters or not family:
        return False
    if len(initials) >= 2 and letters in (initials + family[0], family[0] + initials):
        return True  # all initials: "iho" for Il-Hoan Oh
    if letters.startswith(family):
        rest = letters[len(family) :]
        return bool(rest) and (rest in (initials, full_given) or (len(rest) == 1 and rest == initials[:1]))
    if letters.endswith(family):
        rest = letters[: -len(family)]
        return bool(rest) and (rest in (initials, full_given) or (bool(initials) and rest[0] == initials[0]))
    return False


def email_matches(local: str, person: Person) -> bool:
    """Whether an e-mail's local part names this person (``kimsh1`` -> Seung Hyun KIM,
    ``ohyoung.bang`` -> Bang OY, ``cslee`` -> Choon Shil LEE, ``iho`` -> Il-Hoan Oh)."""
    return _key_matches(_LETTERS.sub("", local.lower()), _name_key(person))


def _owner(email: str, keys: Sequence[NameKey]) -> int | None:
    letters = _LETTERS.sub("", email.split("@", 1)[0].lower())
    hits = [i for i, key in enumerate(keys) if _key_matches(letters, key)]
    if len(hits) == 1:
        return hits[0]
    if not hits and len(keys) == 1:
        return 0
    return None


def owner_of_email(email: str, people: Sequence[Person]) -> int | None:
    """The index of the one author the address names, else ``None`` (no guessing)."""
    return _owner(email, [_name_key(p) for p in people])


@dataclass
class AuthorBlock:
    """Authors with their affiliation references, and the numbered affiliations."""

    people: list[Person] = field(default_factory=list)
    refs: list[list[str]] = field(default_factory=list)
    affiliations: dict[str, str] = field(default_factory=dict)
    unnumbered: list[str] = field(default_factory=list)


def _own_copy(person: Person) -> Person:
    """A copy whose only mutable field (the affiliation list) is new, so that changing it
    leaves ``person`` as it was: ``model_copy(update={"affiliations": ...})`` without the
    generic update handling, which costs a third more per person."""
    twin = person.__copy__()
    twin.__dict__["affiliations"] = [*person.affiliations]
    twin.__pydantic_fields_set__.add("affiliations")
    return twin


def attach_affiliations(block: AuthorBlock, extra: dict[str, object]) -> list[Person]:
    """People with their affiliations and e-mail: numbered affiliations go to the authors
    that reference them; an e-mail goes to the author it names; what cannot be placed is
    kept in ``extra`` (``affiliations``, ``emails``). The block is not changed: an author
    is copied before anything is added to it (an author left as is is not copied)."""
    people = list(block.people)
    owned: set[int] = set()
    emails: list[str] = []
    texts: dict[str, str] = {}
    for num, text in block.affiliations.items():
        clean, email = pop_email(text)
        texts[num] = clean
        if email:
            emails.append(email)
    loose: list[str] = []
    for text in block.unnumbered:
        clean, email = pop_email(text)
        loose.append(clean)
        if email:
            emails.append(email)
    referenced: set[str] = set()
    for i, refs in enumerate(block.refs[: len(people)]):
        for ref in refs:
            if ref in texts:
                _owned(people, owned, i).affiliations.append(texts[ref])
                referenced.add(ref)
    if len(people) == 1 and not people[0].affiliations:
        # A single author holds every affiliation the page lists.
        _owned(people, owned, 0).affiliations.extend([*texts.values(), *loose])
        referenced.update(texts)
        loose = []
    unplaced = [t for n, t in texts.items() if n not in referenced] + loose
    if unplaced:
        extra["affiliations"] = unplaced
    stray = []
    keys = [_name_key(p) for p in people] if emails else []  # read once for every address
    for email in emails:
        owner = _owner(email, keys)
        if owner is not None and people[owner].email is None:
            _owned(people, owned, owner).email = email
        else:
            stray.append(email)
    if stray:
        extra["emails"] = stray
    return people


def _owned(people: list[Person], owned: set[int], i: int) -> Person:
    """``people[i]``, replaced by its own copy the first time it is to be changed."""
    if i not in owned:
        people[i] = _own_copy(people[i])
        owned.add(i)
    return people[i]


def parse_citation_line(line: str) -> dict[str, str] | None:
    """The parts of a citation line, or ``None`` when the line is not one.

    >>> parse_citation_line("J Stroke. 2016 Sep;18(3):256-266. 10.5853/jos.2016.01263.")["pages"]
    '256-266'
    """
    if ";" not in line or len(line) > 400:  # cheap rejection: most lines are not citations
        return None
    m = CITATION_LINE.match(line.strip())
    if not m or not (m.group("volume") or m.group("pages")):
        return None
    return {k: v.strip() for k, v in m.groupdict().items() if v and v.strip()}


def first_doi(texts: Iterable[str]) -> str | None:
    """The first DOI in any of ``texts`` (trailing punctuation dropped)."""
    for text in texts:
        if m := DOI_IN_TEXT.search(text):
            return m.group(1).rstrip(".,;)")
    return None


def url_of(doc: Document) -> str:
    """The page's address if known, else an empty string."""
    return doc.canonical_url or ""


def mesh_terms(terms: Iterable[str]) -> tuple[list[str], list[str]]:
    """MeSH terms without the major-topic asterisks (``Stem Cells/*physiology``,
    ``Stroke*``), and the list of those that carried one."""
    out, major = [], []
    for term in terms:
        term = term.strip()
        if not term:
            continue
        clean = _MAJOR_MARK.sub("", term).strip()
        out.append(clean)
        if clean != term:
            major.append(clean)
    return list(dict.fromkeys(out)), major


def citation_rest(rest: str) -> tuple[str | None, str | None, list[str]]:
    """What follows the pages of a citation line: ``(doi, language, publication types)``.

    >>> citation_rest(" English. Randomized Controlled Trial. https://doi.org/10.5853/jos.2016.01263")
    ('10.5853/jos.2016.01263', 'English', ['Randomized Controlled Trial'])
    """
    doi = first_doi([rest])
    language = None
    types: list[str] = []
    for part in re.split(r"\.\s+|\.$", rest):
        part = part.strip().rstrip(".")
        if not part or DOI_IN_TEXT.search(part) or part.lower().startswith(("http", "doi")):
            continue
        if part in LANGUAGE_WORDS:
            language = part
        elif len(part) <= 60:
            types.append(part)
    return doi, language, types


def month_day(date: str | None) -> tuple[int | None, int | None]:
    """``Sep`` -> ``(9, None)``, ``June 30`` -> ``(6, 30)``; a span such as ``Jan-Feb`` -> ``(None, None)``."""
    if not date or "-" in date:
        return None, None
    parts = date.split()
    month = MONTHS.get(parts[0][:3].lower())
    day = int(parts[1]) if month and len(parts) > 1 and parts[1].isdigit() and 1 <= int(parts[1]) <= 31 else None
    return month, day


_WORD_DATE = re.compile(
    r"(?:(?P<y1>\d{4})\s+(?P<m1>[A-Za-z]{3,9})\.?\s+(?P<d1>\d{1,2}))"
    r"|(?:(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4}))"
    r"|(?:(?P<y3>\d{4})[-/.](?P<m3>\d{1,2})(?:[-/.](?P<d3>\d{1,2}))?)"
)


def parse_day(text: str | None) -> tuple[int | None, int | None, int | None]:
    """``2016 September 30``, ``April 30, 2013``, ``2013/04/30`` -> ``(year, month, day)``.

    >>> parse_day("Published online April 30, 2013.")
    (2013, 4, 30)
    """
    m = _WORD_DATE.search(text or "")
    if not m:
        return None, None, None
    if m.group("y3"):
        number = int(m.group("m3"))
        day = int(m.group("d3")) if m.group("d3") else None
        return int(m.group("y3")), number if 1 <= number <= 12 else None, day
    year = m.group("y1") or m.group("y2")
    month = MONTHS.get((m.group("m1") or m.group("m2") or "")[:3].lower())
    day = int(m.group("d1") or m.group("d2"))
    if month is None:
        return int(year), None, None
    return int(year), month, day if 1 <= day <= 31 else None


ABSTRACT_LABELS: frozenset[str] = frozenset(
    {
        "background", "purpose", "objective", "objectives", "aim", "aims", "methods", "method", "results",
        "result", "conclusion", "conclusions", "materials and methods", "patients and methods",
        "background and purpose", "background and objectives", "methods and results", "findings",
        "interpretation", "design", "setting", "main outcome measures", "목적", "방법", "결과", "결론",
    }
)  # fmt: skip
"""Section labels printed on a line of their own in structured abstracts."""


def abstract_from_lines(lines: Sequence[str]) -> tuple[str | None, list[tuple[str, str]]]:
    """An abstract given as lines; labels on their own line (``Methods``) make sections.

    Returns the whole text (``Label: text`` per section) and ``(label, text)`` pairs.
    """
    sections: list[tuple[str, list[str]]] = []
    loose: list[str] = []
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if line.lower().rstrip(":") in ABSTRACT_LABELS:
            sections.append((line.rstrip(":"), []))
        elif sections:
            sections[-1][1].append(line)
        else:
            loose.append(line)
    pairs = [(label, " ".join(body)) for label, body in sections if body]
    if not pairs or loose:
        text = "\n".join(loose + [f"{label}: {body}" for label, body in pairs]).strip()
        return text or None, []
    return "\n".join(f"{label}: {body}" for label, body in pairs), pairs


META_FIELDS: dict[str, tuple[str, ...]] = {
    "journal": ("citation_journal_title",),
    "journal_abbrev": ("citation_journal_abbrev",),
    "publisher": ("citation_publisher", "dc.publisher"),
    "date": ("citation_publication_date", "citation_date", "citation_online_date", "dc.date"),
    "volume": ("citation_volume",),
    "issue": ("citation_issue",),
    "firstpage": ("citation_firstpage",),
    "lastpage": ("citation_lastpage",),
    "doi": ("citation_doi",),
    "pmid": ("citation_pmid",),
    "pmcid": ("citation_pmcid",),
    "language": ("citation_language", "dc.language"),
    "abstract": ("citation_abstract",),
}
"""Highwire ``citation_*`` tags the Korean platforms write -> internal names."""


def meta_values(doc: Document) -> dict[str, object]:
    """The page's ``citation_*`` values: single fields, every title (English first, Hangul
    ones apart), keywords, ISSNs and authors with the institution/e-mail tags after them."""
    meta = doc.meta
    out: dict[str, object] = {}
    for key, names in META_FIELDS.items():
        for name in names:
            values = [v for v in meta.get(name, []) if v.strip()]
            if values:
                out[key] = values[0].strip()
                break
    titles = [t for t in meta.get("citation_title", []) + meta.get("dc.title", []) if t.strip()]
    out["titles"] = [t for t in dict.fromkeys(titles) if not has_hangul(t)]
    out["titles_ko"] = [t for t in dict.fromkeys(titles) if has_hangul(t)]
    keywords: list[str] = []
    for value in meta.get("citation_keywords", []):
        keywords.extend(k.strip() for k in re.split(r"[;,]", value) if k.strip())
    out["keywords"] = list(dict.fromkeys(keywords))
    out["issn"] = list(dict.fromkeys(v.strip() for v in meta.get("citation_issn", []) if v.strip()))
    out["people"] = _meta_people(doc)
    return out


def _meta_people(doc: Document) -> list[Person]:
    root = doc.tree
    people: list[Person] = []
    if root is None:
        return people
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if not content:
            continue
        if key == "citation_author":
            people.append(Person(literal=content))
        elif key == "citation_author_institution" and people:
            people[-1].affiliations.append(content)
        elif key == "citation_author_email" and people:
            people[-1].email = content
    return people


def split_people_by_script(people: list[Person]) -> tuple[list[Person], list[str]]:
    """Romanised authors, and the Hangul forms of the names when the page gives both."""
    latin = [p for p in people if not has_hangul(p.literal)]
    hangul = [p.literal or "" for p in people if has_hangul(p.literal)]
    if not latin:
        return people, []
    return latin, hangul


RUNNING_HEAD = re.compile(r"^(?P<names>[^:]{2,160}):\s+(?P<title>\S.{3,})$")
"""``Bang, Kim, Cha, and Moon: Title``: the surnames and title a page prints as its head."""
_SURNAME = re.compile(r"^(?:[A-Z][\w'\-]{0,40}|et al\.?)$")
_SURNAME_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def running_head(line: str) -> tuple[str, str] | None:
    """``(surnames, title)`` when ``line`` is a running head, else ``None``.

    >>> running_head("Bang, Kim, Cha, and Moon: Adult Stem Cell Therapy for Stroke")
    ('Bang, Kim, Cha, and Moon', 'Adult Stem Cell Therapy for Stroke')
    >>> running_head("Stem Cells in Colorectal Cancer: New Potential Therapeutic Target") is None
    True
    """
    m = RUNNING_HEAD.match(line.strip())
    if not m:
        return None
    parts = [p for p in _SURNAME_SPLIT.split(m.group("names").strip()) if p]
    if parts and all(_SURNAME.match(p) for p in parts):
        return m.group("names"), m.group("title")
    return None


def surnames(names: str) -> list[str]:
    """The surnames of a running head (``et al.`` dropped)."""
    return [p for p in _SURNAME_SPLIT.split(names.strip()) if p and not p.startswith("et al")]


PMID_LABEL = re.compile(r"\bPMID\s*:\s*(\d{1,9})\b")
PMCID_LABEL = re.compile(r"\bPMCID\s*:\s*(PMC\d{1,9})\b")
DOI_LINE = re.compile(r"^(?:doi\s*:\s*|https?://(?:dx\.)?doi\.org/)", re.I)
"""A line that is only a DOI (``doi: 10...``, ``https://doi.org/10...``)."""


def has_pubmed_id(line: str) -> bool:
    """Whether ``line`` holds a ``PMID:`` or ``PMCID:`` label (read by :func:`pubmed_ids`)."""
    # "PM" is in both labels: most lines are rejected without a regex.
    return "PM" in line and bool(PMID_LABEL.search(line) or PMCID_LABEL.search(line))


def pubmed_ids(lines: Iterable[str]) -> tuple[str | None, str | None]:
    """``(pmid, pmcid)`` from ``PMID: 27733032`` / ``PMCID: PMC5066440`` labels before the
    reference list (a reference's PMID is not the article's).

    >>> pubmed_ids(["PMCID: PMC5066440  PMID: 27733032", "References", "PMID: 1"])
    ('27733032', 'PMC5066440')
    """
    pmid = pmcid = None
    for line in lines:
        if len(line) <= len("references ") and line.lower() in ("references", "reference"):
            break
        if "PM" not in line:  # both labels; most lines are skipped without a regex
            continue
        if pmid is None and (m := PMID_LABEL.search(line)):
            pmid = m.group(1)
        if pmcid is None and (m := PMCID_LABEL.search(line)):
            pmcid = m.group(1)
    return pmid, pmcid
