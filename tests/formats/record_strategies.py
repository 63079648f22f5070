"""Hypothesis strategies for records holding every field the tagged formats carry.

Values are what a normalized record holds: trimmed, single-spaced text without line
breaks (every tagged format folds lines), identifiers in their canonical shapes.
"""

from __future__ import annotations

from hypothesis import strategies as st

from msc_citations.model import (
    RECORD_TYPES,
    AltTitle,
    Funding,
    Outcome,
    Person,
    Record,
    RegistryId,
    TrialInfo,
)

# Letters of the scripts our users' records come in, digits, and the punctuation that
# LaTeX, RIS, MEDLINE and Refer give a meaning to.
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    "éüøßçñÅÉ αβμ±×≥ 李明张三金민수ア"
    "-.:'()/?!\"&%$#_~^\\{}<>*+=@–—’"
)
NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüøçñ李明张三金민수-' "


def _clean(text: str) -> str:
    return " ".join(text.split())


def text(alphabet: str = ALPHABET, max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-empty, trimmed, single-spaced text."""
    return st.text(alphabet, min_size=1, max_size=max_size).map(_clean).filter(bool)


def _safe(forbidden: str) -> str:
    return "".join(c for c in ALPHABET if c not in forbidden)


# Note lines use " | " inside outcomes, "[...; ...]" in funding and "/" in registry ids;
# keywords and names are split on ";" (Refer) and "," (CSL keywords, names).
NOTE_TEXT = text(_safe("|"))
KEYWORD = text(_safe(";,"), 30)
FUNDER = text(_safe("[];|"))
AWARD = text(_safe("[];|"), 15)
NAME = text(NAME_ALPHABET, 20).filter(lambda s: " and " not in s.lower())
LITERAL = text(_safe(";"), 40).filter(lambda s: not s.endswith(",") and " and " not in s.lower())
MESH = text(_safe("*|"))  # MEDLINE marks a major topic with "*"
SHORT = st.from_regex(r"[A-Za-z0-9]{1,6}", fullmatch=True)
DIGITS = st.from_regex(r"[1-9][0-9]{0,7}", fullmatch=True)


def person() -> st.SearchStrategy[Person]:
    """A person with family and given names, or an organisation as a literal."""
    return st.one_of(
        st.builds(Person, family=NAME, given=NAME),
        st.builds(Person, literal=LITERAL),
    )


def outcome() -> st.SearchStrategy[Outcome]:
    """A trial outcome of any kind."""
    return st.builds(
        Outcome,
        kind=st.sampled_from(["primary", "secondary", "other", None]),
        measure=NOTE_TEXT,
        time_frame=st.none() | NOTE_TEXT,
        description=st.none() | NOTE_TEXT,
    )


def trial() -> st.SearchStrategy[TrialInfo]:
    """A trial design with any of its fields set."""
    opt = st.none() | NOTE_TEXT
    lst = st.lists(NOTE_TEXT, max_size=3)
    return st.builds(
        TrialInfo,
        status=opt,
        study_type=opt,
        phase=opt,
        allocation=opt,
        masking=opt,
        purpose=opt,
        intervention_model=opt,
        enrollment=st.none() | st.integers(0, 100000),
        conditions=lst,
        interventions=lst,
        sponsor=opt,
        collaborators=lst,
        sites=lst,
        start_date=opt,
        completion_date=opt,
        registration_date=opt,
        outcomes=st.lists(outcome(), max_size=3),
    )


@st.composite
def pages(draw: st.DrawFn) -> dict[str, str]:
    """Canonical page fields: none, one page, or a range."""
    kind = draw(st.sampled_from(["none", "one", "range"]))
    if kind == "none":
        return {}
    prefix = draw(st.sampled_from(["", "e", "E", "S"]))
    start = draw(st.integers(1, 99999))
    first = f"{prefix}{start}"
    if kind == "one":
        return {"pages": first, "page_first": first}
    last = f"{prefix}{draw(st.integers(start + 1, start + 500))}"
    return {"pages": f"{first}-{last}", "page_first": first, "page_last": last}


@st.composite
def record(draw: st.DrawFn) -> Record:
    """A record using every field the tagged formats carry."""
    opt = st.none() | text()
    year = draw(st.none() | st.integers(1900, 2030))
    month = draw(st.none() | st.integers(1, 12)) if year else None
    day = draw(st.none() | st.integers(1, 28)) if month else None
    return Record(
        id=draw(st.from_regex(r"[a-z][a-z0-9]{2,20}", fullmatch=True)),
        type=draw(st.sampled_from(RECORD_TYPES)),
        title=draw(opt),
        alt_titles=draw(
            st.lists(
                st.builds(AltTitle, text=NOTE_TEXT, language=st.none() | st.sampled_from(["ko", "zh", "ja"])),
                max_size=2,
            )
        ),
        authors=draw(st.lists(person(), max_size=4)),
        journal=draw(opt),
        journal_abbrev=draw(opt),
        issn=draw(st.lists(st.from_regex(r"[0-9]{4}-[0-9]{3}[0-9X]", fullmatch=True), max_size=2)),
        publisher=draw(opt),
        year=year,
        month=month,
        day=day,
        volume=draw(st.none() | SHORT),
        issue=draw(st.none() | DIGITS),
        **draw(pages()),
        article_number=draw(st.none() | st.from_regex(r"e[0-9]{3,6}", fullmatch=True)),
        page_count=draw(st.none() | st.integers(1, 500)),
        doi=draw(st.none() | st.from_regex(r"10\.[0-9]{4,5}/[A-Za-z0-9.()_;:-]{1,20}", fullmatch=True)),
        pmid=draw(st.none() | DIGITS),
        pmcid=draw(st.none() | st.from_regex(r"PMC[0-9]{4,8}", fullmatch=True)),
        registry_ids=draw(
            st.lists(
                st.builds(
                    RegistryId,
                    registry=st.sampled_from(["ClinicalTrials.gov", "ChiCTR", "UMIN-CTR", "CRIS"]),
                    id=st.from_regex(r"(NCT|ChiCTR|UMIN|KCT)[0-9]{6,8}", fullmatch=True),
                ),
                max_size=2,
            )
        ),
        abstract=draw(st.none() | text(max_size=200)),
        keywords=draw(st.lists(KEYWORD, max_size=4, unique=True)),
        mesh_terms=draw(st.lists(MESH, max_size=3, unique=True)),
        publication_types=draw(st.lists(NOTE_TEXT, max_size=2, unique=True)),
        language=draw(st.none() | st.sampled_from(["en", "ko", "zh", "Korean"])),
        country=draw(st.none() | NOTE_TEXT),
        funding=draw(
            st.lists(
                st.builds(Funding, funder=st.none() | FUNDER, award_ids=st.lists(AWARD, max_size=2)), max_size=2
            ).map(lambda fs: [f for f in fs if f.funder or f.award_ids])
        ),
        cited_by_count=draw(st.none() | st.integers(0, 10000)),
        classification=draw(st.none() | NOTE_TEXT),
        url=draw(st.none() | st.from_regex(r"https://example\.org/[a-z0-9]{1,10}", fullmatch=True)),
        trial=draw(st.none() | trial().filter(lambda t: t != TrialInfo())),
    )
