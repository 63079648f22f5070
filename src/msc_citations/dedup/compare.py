"""Field-by-field comparison of two rows of the key table, and the match rules.

A pair is a duplicate when the title agrees and enough independent fields back it up;
hard conflicts (two different DOIs or PMIDs, different first pages, years more than one
apart, a registration against a paper, an erratum against its article) veto any match.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from rapidfuzz.distance import Indel

from .table import KeyTable
from .text import component_doi, ranges_overlap, same_doi_text

JOURNAL_STOPWORDS = frozenset(["of", "the", "and", "for", "in", "on", "de", "der", "und", "la", "le", "et"])
SHORT_TITLE_CHARS = 30
PREFIX_TITLE_CHARS = 20
MIN_LETTERS = 8
REGISTRATION = "registration"
"""The shared identifier named when two registration records carry one registry id."""


class Verdict(IntEnum):
    """Outcome of comparing two records."""

    DIFFERENT = 0
    MAYBE = 1
    DUPLICATE = 2


@dataclass(slots=True)
class Evidence:
    """What a comparison saw; ``reasons`` name the rule that decided."""

    title: float
    authors: float | None
    year_gap: int | None
    pages: bool | None
    volume: bool | None
    journal: bool | None
    abstract: float | None
    same_id: str | None
    conflict: str | None
    reasons: str = ""
    doi_alias: bool = False
    version: bool = False
    page_slip: bool = False

    def describe(self) -> str:
        """One line for ``--explain`` and ``maybe.csv``."""
        parts = [f"title {self.title:.0f}"]
        if self.authors is not None:
            parts.append(f"authors {self.authors:.2f}")
        if self.year_gap is not None:
            parts.append(f"year gap {self.year_gap}")
        for name, flag in (("pages", self.pages), ("volume", self.volume), ("journal", self.journal)):
            if flag is not None:
                parts.append(f"{name} {'agree' if flag else 'differ'}")
        if self.abstract is not None:
            parts.append(f"abstract {self.abstract:.0f}")
        if self.same_id:
            parts.append(f"same {self.same_id}")
        if self.version:
            parts.append("versions of one document")
        if self.conflict:
            parts.append(f"conflict: {self.conflict}")
        if self.reasons:
            parts.append(f"rule: {self.reasons}")
        return "; ".join(parts)


def _abbrev_match(short: list[str], long: list[str]) -> bool:
    pos = 0
    for word in short:
        while pos < len(long) and not long[pos].startswith(word):
            pos += 1
        if pos == len(long):
            return False
        pos += 1
    return True


def journal_match(a: str, b: str) -> bool | None:
    """Whether two journal keys name the same journal (full name, abbreviation, CAPS).

    >>> journal_match("j cardiovasc pharmacol ther", "journal of cardiovascular pharmacology and therapeutics")
    True
    >>> journal_match("stroke", "neurology")
    False
    """
    if not a or not b:
        return None
    if a == b:
        return True
    ta = [w for w in a.split() if w not in JOURNAL_STOPWORDS]
    tb = [w for w in b.split() if w not in JOURNAL_STOPWORDS]
    if not ta or not tb:
        return False
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if _abbrev_match(short, long) or _abbrev_match(long, short):
        return True
    # A conference or journal named by its acronym ("ICIS" for International Conference
    # on Information Systems), either side.
    for words, other in ((long, short), (short, long)):
        acronym = "".join(w[0] for w in words)
        if len(acronym) >= 3 and len(other[0]) >= 3 and acronym.startswith(other[0]):
            return True
    return Indel.normalized_similarity(a, b) >= 0.9


def _family_string(a: frozenset[str] | tuple[str, ...]) -> str:
    return " ".join(sorted(x.split(" ", 1)[0] for x in a))


def author_overlap(a: frozenset[str] | tuple[str, ...], b: frozenset[str] | tuple[str, ...]) -> float | None:
    """Share of the smaller set of author signatures (``family initial``) found in the
    other; a side written without initials is compared on family names (None if one
    side has no authors)."""
    if not a or not b:
        return None
    shared = len(set(a).intersection(b))
    if shared < min(len(a), len(b)) and (any(" " not in x for x in a) or any(" " not in x for x in b)):
        fa = {x.split(" ", 1)[0] for x in a}
        fb = {x.split(" ", 1)[0] for x in b}
        return len(fa & fb) / min(len(fa), len(fb))
    score = shared / min(len(a), len(b))
    if score < 0.5 and Indel.normalized_similarity(_family_string(a), _family_string(b)) >= 0.85:
        return 0.8  # the same names with a typo ("Hiessl" / "Hiess")
    return score


def title_similarity(a: str, b: str) -> float:
    """0-100; a title missing its subtitle still scores on the part both have."""
    if not a or not b:
        return 0.0
    score = Indel.normalized_similarity(a, b) * 100
    if score < 95:
        short, long = (a, b) if len(a) <= len(b) else (b, a)
        if len(short) >= PREFIX_TITLE_CHARS and long.startswith(short[: len(short) - 2]):
            score = max(score, 95.0)
    return score


def _titles(t: KeyTable, i: int, j: int) -> float:
    score = title_similarity(t.title[i], t.title[j])
    if score < 95 and (t.alt_title[i] or t.alt_title[j]):
        for a, b in ((t.alt_title[i], t.title[j]), (t.title[i], t.alt_title[j]), (t.alt_title[i], t.alt_title[j])):
            if a and b:
                score = max(score, title_similarity(a, b))
    return score


def _authors(t: KeyTable, i: int, j: int) -> float | None:
    score = author_overlap(t.authors[i], t.authors[j])
    if score is not None and score < 0.5:
        # Family and given names swapped by one database ("Roshanzamir Farzad" read as
        # given + family): compare every name word regardless of order.
        a, b = t.name_words[i], t.name_words[j]
        if a and b and len(set(a).intersection(b)) / min(len(a), len(b)) >= 0.8:
            return 0.75
        # Names glued together by an old export ("DIMASCIO RMARCHIOLI RTOGNONI G"): the
        # bare letters of family names and initials still agree.
        x, y = t.author_letters[i], t.author_letters[j]
        size = min(len(x), len(y))
        if size >= MIN_LETTERS and Indel.normalized_similarity(x[:size], y[:size]) >= 0.9:
            return 0.75
    return score


def _eq(x: str, y: str) -> bool | None:
    return None if not x or not y else x == y


def versions(t: KeyTable, i: int, j: int) -> bool:
    """Whether rows ``i`` and ``j`` name versions of one updated document (a review and
    its update: DOIs that differ in a ``.pubN`` suffix, or the review number)."""
    wi, wj = t.work[i], t.work[j]
    if not wi and not wj:
        return False
    if wi and wi == wj:
        return True
    return (bool(wi) and wi in t.dois[j]) or (bool(wj) and wj in t.dois[i])


def _volumes(t: KeyTable, i: int, j: int) -> bool | None:
    """Volumes agree / differ; a volume that is only the year ("2016" in a 2016 record,
    as some databases fill it for magazines) says nothing against a numbered volume."""
    x, y = t.volume[i], t.volume[j]
    if not x or not y:
        return None
    if x == y:
        return True
    if x == str(t.year[i]) or y == str(t.year[j]):
        return None
    return False


def _ids(t: KeyTable, i: int, j: int) -> tuple[str | None, str | None]:
    same: str | None = None
    if t.dois[i] and t.dois[j]:
        if set(t.dois[i]) & set(t.dois[j]) or same_doi_text(t.dois[i], t.dois[j]):
            same = "doi"
        elif not component_doi(t.dois[i], t.dois[j]) and not versions(t, i, j):
            return None, "different DOIs"
    for name, col in (("pmid", t.pmid), ("pmcid", t.pmcid)):
        x, y = col[i], col[j]
        if x and y:
            if x != y:
                return None, f"different {name.upper()}s"
            same = same or name
    if t.trial[i] and t.trial[j] and set(t.registry[i]) & set(t.registry[j]):
        # Two registration records with one registry id are one registration (copies from
        # mirrors, the API and the page); papers sharing an id are linked, never merged.
        same = same or REGISTRATION
    return same, None


def _one_item(t: KeyTable, i: int, j: int, ev: Evidence) -> bool:
    """The same DOI at the same page range by the same authors: one item, whose title one
    database tagged ("... - ERRATUM", "RETRACTED: ..."). A real notice has a DOI and a
    page of its own."""
    return (
        ev.same_id == "doi"
        and ev.pages is True
        and bool(t.page2[i])
        and t.page2[i] == t.page2[j]
        and ev.volume is not False
        and (ev.authors or 0) >= 0.8
        and ev.title >= 80
    )


def _veto(t: KeyTable, i: int, j: int, ev: Evidence) -> str | None:
    if t.trial[i] != t.trial[j]:
        return "a registration and a publication are linked, not merged"
    if ev.same_id == REGISTRATION:
        return None  # dates and titles of one registration change between its versions
    if t.notice[i] != t.notice[j] and not _one_item(t, i, j, ev):
        return "an erratum, comment or reply is a different work"
    # The same identifier, the same title and the same authors outweigh a page or year
    # field mangled by one database ("i428" against "1428", the issue number as year).
    same_work = (
        ev.same_id and ev.title >= 98 and (ev.authors or 0) >= 0.8 and (ev.abstract is None or ev.abstract >= 90)
    )
    if ev.year_gap is not None and ev.year_gap > 1 and not same_work:
        return "years more than one apart"
    if ev.pages is False and not same_work:
        return "different first pages"
    return None


def evidence(t: KeyTable, i: int, j: int) -> Evidence:
    """Compare rows ``i`` and ``j`` field by field."""
    same, conflict = _ids(t, i, j)
    yi, yj = t.year[i], t.year[j]
    abstract = None
    if t.abstract[i] and t.abstract[j]:
        abstract = Indel.normalized_similarity(t.abstract[i], t.abstract[j]) * 100
    return Evidence(
        title=_titles(t, i, j),
        authors=_authors(t, i, j),
        year_gap=abs(yi - yj) if yi and yj else None,
        pages=_eq(t.page1[i], t.page1[j]),
        volume=_volumes(t, i, j),
        journal=journal_match(t.journal[i], t.journal[j]),
        abstract=abstract,
        same_id=same,
        conflict=conflict,
        version=same is None and versions(t, i, j),
    )


def _support(t: KeyTable, i: int, j: int, ev: Evidence) -> int:
    """How many independent fields agree (pages, volume, journal, year, first author)."""
    n = 0
    n += ev.pages is True
    n += ev.volume is True
    n += ev.journal is True
    n += ev.year_gap == 0
    n += bool(t.author1[i]) and t.author1[i] == t.author1[j]
    n += ev.abstract is not None and ev.abstract >= 90
    return n


def _same_id_rules(t: KeyTable, i: int, j: int, ev: Evidence) -> tuple[Verdict, str]:
    """Rules for a pair that shares a DOI, PMID or PMCID, or two registrations of one id."""
    if ev.same_id == REGISTRATION:
        return Verdict.DUPLICATE, "the same trial registration (registry id)"
    if ev.title >= 80 or not t.title[i] or not t.title[j]:
        return Verdict.DUPLICATE, f"same {ev.same_id}, title agrees"
    if (
        ev.pages is True
        and ev.volume is not False
        and (ev.authors or 0) >= 0.8
        and t.author1[i] == t.author1[j]
        and (ev.abstract is None or ev.abstract >= 80)
        and t.notice[i] == t.notice[j]
    ):
        # A shared identifier at the same first page with the same authors: one
        # article whose title one database translated or prefixed with a series name.
        # (Two abstracts on one page of a supplement differ in authors or abstract.)
        return Verdict.DUPLICATE, f"same {ev.same_id}, authors and pages, title worded differently"
    return Verdict.MAYBE, f"same {ev.same_id} but different titles (shared or wrong identifier?)"


def _version_rules(t: KeyTable, i: int, j: int, ev: Evidence) -> tuple[Verdict, str]:
    """Versions of one continuously updated document (a review and its updates) are one
    reference: years, pages and DOIs differ by design, the title and authors carry on."""
    if t.trial[i] != t.trial[j]:
        return Verdict.DIFFERENT, "a registration and a publication are linked, not merged"
    if ev.title >= 90:
        # The author team of a review changes between updates; its number and title stay.
        return Verdict.DUPLICATE, "versions of one updated document, title agrees"
    if ev.title >= 80 and ((ev.authors or 0) >= 0.5 or (ev.abstract or 0) >= 90):
        return Verdict.DUPLICATE, "versions of one updated document, title reworded, authors or abstract agree"
    if ev.title >= 70:
        return Verdict.MAYBE, "versions of one updated document, but the title changed"
    return Verdict.DIFFERENT, "versions of one updated document, but the title changed"


def _locator_match(t: KeyTable, i: int, j: int, ev: Evidence) -> bool:
    """Same journal, volume, page range, year and authors: one article whose title is
    given in two languages or translations."""
    return (
        ev.pages is True
        and ev.volume is True
        and ev.year_gap == 0
        and ev.journal is not False
        and (ev.authors or 0) >= 0.8
        and t.author1[i] == t.author1[j]
        and t.page2[i] == t.page2[j]
        and (ev.title >= 50 or t.translated[i] or t.translated[j])
    )


def _rules(t: KeyTable, i: int, j: int, ev: Evidence) -> tuple[Verdict, str]:
    if ev.same_id:
        return _same_id_rules(t, i, j, ev)
    authors_ok = ev.authors is None or ev.authors >= 0.5
    support = _support(t, i, j, ev)
    short = min(len(t.title[i]), len(t.title[j])) < SHORT_TITLE_CHARS
    same_text = ev.title >= 98 and (ev.authors or 0) >= 0.8 and (ev.abstract or 0) >= 95
    if ev.volume is False and ev.pages is not True and not same_text:
        return (Verdict.MAYBE if ev.title >= 95 else Verdict.DIFFERENT), "different volumes"
    if t.issue[i] and t.issue[j] and t.issue[i] != t.issue[j] and ev.pages is not True and not same_text:
        # A recurring column ("Editor's Comments") has one record per issue.
        return Verdict.DIFFERENT, "different issues"
    if ev.journal is False and ev.pages is not True and ev.volume is not True:
        # The same abstract presented at two meetings is two records, not one.
        return (Verdict.MAYBE if ev.title >= 95 else Verdict.DIFFERENT), "different journals"
    if ev.title >= 95 and authors_ok and support >= (3 if short else 2):
        return Verdict.DUPLICATE, "title, authors and other fields agree"
    if ev.title >= 90 and ev.authors is not None and ev.authors >= 0.67 and support >= 3:
        return Verdict.DUPLICATE, "close title, authors and fields agree"
    if ev.title >= 98 and (ev.authors or 0) > 0 and ev.pages is True and ev.volume is True and support >= 4:
        # Authors written differently (given names first, no initials) but one article.
        return Verdict.DUPLICATE, "title, journal, volume, pages and year agree"
    if ev.title >= 75 and ev.abstract is not None and ev.abstract >= 95 and authors_ok and support >= 3:
        return Verdict.DUPLICATE, "abstract, authors and fields agree"
    if _locator_match(t, i, j, ev):
        return Verdict.DUPLICATE, "same authors at the same volume and pages"
    if ev.title >= 85:
        return Verdict.MAYBE, "similar title, too little support"
    return Verdict.DIFFERENT, "titles differ"


def _doi_alias(t: KeyTable, i: int, j: int, ev: Evidence) -> bool:
    """Two DOIs for one article (a publisher's DOI migration, ``10.1007/bf00796217`` and
    ``10.1007/s003950050053``): allowed only when every other field agrees exactly."""
    return (
        ev.conflict == "different DOIs"
        and ev.title >= 98
        and ((ev.authors or 0) >= 0.8 or (ev.abstract or 0) >= 98)
        and ev.year_gap == 0
        and ev.pages is True
        and t.page2[i] == t.page2[j]
        and ev.volume is not False
        and not (t.issue[i] and t.issue[j] and t.issue[i] != t.issue[j])
        and (ev.abstract is None or ev.abstract >= 90)
        and t.pmid[i] in ("", t.pmid[j])
        and t.notice[i] == t.notice[j]
        and t.trial[i] == t.trial[j]
    )


def _editions(t: KeyTable, i: int, j: int) -> bool:
    """Identical titles in one journal that numbers its volumes by the year and gives no
    pages: editions of a continuously updated chapter (BMJ Clinical Evidence), which
    keep their title from year to year."""
    vi, vj = t.volume[i], t.volume[j]
    return (
        t.title[i] == t.title[j]
        and bool(t.journal[i])
        and t.journal[i] == t.journal[j]
        and not t.page1[i]
        and not t.page1[j]
        and vi in ("", str(t.year[i]))
        and vj in ("", str(t.year[j]))
        and bool(vi or vj)
    )


def _edition_rules(t: KeyTable, i: int, j: int, ev: Evidence) -> tuple[Verdict, str]:
    if ev.conflict or t.notice[i] != t.notice[j] or t.trial[i] != t.trial[j]:
        return Verdict.DIFFERENT, ev.conflict or "an erratum, comment or reply is a different work"
    if (ev.authors or 0) >= 0.5:
        ev.version = True
        return Verdict.DUPLICATE, "editions of one updated chapter, title and authors agree"
    return Verdict.MAYBE, "same title in a year-numbered journal, other authors"


def _page_slip(t: KeyTable, i: int, j: int) -> bool:
    return t.page1[i] != t.page1[j] and ranges_overlap(t.page1[i], t.page2[i], t.page1[j], t.page2[j])


def _page_slip_rules(t: KeyTable, i: int, j: int, ev: Evidence) -> tuple[Verdict, str]:
    """Page ranges that overlap without agreeing (678-684 / 676-682): one misprinted range,
    when everything else about the article agrees exactly (a volume only one copy gives is
    enough when both carry the same DOI or PMID)."""
    if (
        not ev.conflict
        and ev.title >= 98
        and (ev.authors or 0) >= 0.8
        and ev.year_gap == 0
        and (ev.volume is True or (ev.same_id is not None and ev.volume is None))
        and ev.journal is not False
        and not (t.issue[i] and t.issue[j] and t.issue[i] != t.issue[j])
        and t.notice[i] == t.notice[j]
        and t.trial[i] == t.trial[j]
    ):
        ev.page_slip = True
        return Verdict.DUPLICATE, "page ranges overlap, title, authors, year and volume agree"
    return Verdict.DIFFERENT, ev.conflict or "different first pages"


def _quick_reject(t: KeyTable, i: int, j: int) -> Evidence | None:
    """Evidence for a pair that cheap fields already rule out (most candidates), without
    computing author, journal and abstract similarity; None when a full look is needed."""
    same, conflict = _ids(t, i, j)
    if same or versions(t, i, j):
        return None
    title = _titles(t, i, j)
    yi, yj = t.year[i], t.year[j]
    gap = abs(yi - yj) if yi and yj else None
    pages = _eq(t.page1[i], t.page1[j])
    volume = _volumes(t, i, j)
    reason = None
    if conflict and title < 95:
        reason = conflict
    elif gap is not None and gap > 1:
        reason = "years more than one apart"
    elif pages is False:
        reason = "different first pages"
    elif title < 75 and not (pages and volume):
        reason = "titles differ"
    if reason is None:
        return None
    return Evidence(title, None, gap, pages, volume, None, None, None, conflict, reason)


def compare(t: KeyTable, i: int, j: int) -> tuple[Verdict, Evidence]:
    """The verdict on rows ``i`` and ``j`` with the evidence behind it."""
    yi, yj = t.year[i], t.year[j]
    if yi and yj and abs(yi - yj) > 1 and _editions(t, i, j):
        ev = evidence(t, i, j)
        verdict, ev.reasons = _edition_rules(t, i, j, ev)
        return verdict, ev
    if _page_slip(t, i, j):
        ev = evidence(t, i, j)
        verdict, ev.reasons = _page_slip_rules(t, i, j, ev)
        return verdict, ev
    quick = _quick_reject(t, i, j)
    if quick is not None:
        return Verdict.DIFFERENT, quick
    ev = evidence(t, i, j)
    if ev.conflict:
        ev.reasons = ev.conflict
        if _doi_alias(t, i, j, ev):
            ev.doi_alias = True
            ev.reasons = "different DOIs, but title, authors, year, volume and page range are identical"
            return Verdict.DUPLICATE, ev
        if ev.title >= 95:
            return Verdict.MAYBE, ev
        return Verdict.DIFFERENT, ev
    if ev.version:
        verdict, ev.reasons = _version_rules(t, i, j, ev)
        return verdict, ev
    veto = _veto(t, i, j, ev)
    if veto:
        ev.reasons = veto
        verdict = Verdict.MAYBE if ev.title >= 95 and ev.same_id else Verdict.DIFFERENT
        return verdict, ev
    verdict, ev.reasons = _rules(t, i, j, ev)
    return verdict, ev
