"""Filling rules: only empty fields, the service named per field, conflicts kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from msc_citations.fetch.fill import CONFLICTS_KEY, fill_record
from msc_citations.model import Person, Provenance, Record, RegistryId, TrialInfo


def page(**fields: object) -> Record:
    return Record(source=Provenance(parser="pubmed"), **fields)  # type: ignore[arg-type]


def test_fills_only_empty_fields_and_names_the_service() -> None:
    mine = page(title="Autologous MSC in stroke", doi="10.1002/ana.20501", volume="57")
    theirs = Record(title="Autologous MSC in stroke.", journal="Annals of Neurology", volume="57", year=2005, month=6)
    out = fill_record(mine, theirs, "crossref")
    rec = out.record
    assert (rec.journal, rec.year, rec.month) == ("Annals of Neurology", 2005, 6)
    assert rec.title == "Autologous MSC in stroke"  # the page's own wording stays
    assert rec.source is not None and rec.source.parser == "pubmed"
    assert rec.source.fields == {"journal": "crossref", "year": "crossref", "month": "crossref"}
    assert not out.conflicts and CONFLICTS_KEY not in rec.extra


def test_conflicts_are_kept_never_overwritten() -> None:
    mine = page(year=2020, volume="96", issue="07", doi="10.1212/wnl.0000000000011440")
    theirs = Record(year=2021, month=2, volume="96", issue="7", doi="10.1212/WNL.0000000000011440")
    out = fill_record(mine, theirs, "crossref")
    assert out.record.year == 2020 and out.record.month is None  # no month under a disputed year
    assert out.conflicts == [{"field": "year", "page": 2020, "service": "crossref", "value": 2021}]
    assert out.record.extra[CONFLICTS_KEY] == out.conflicts


def test_incomplete_author_list_is_completed() -> None:
    mine = page(authors=[Person(family="Bang", given="Oh Young")], authors_complete=False)
    full = [Person(family="Bang", given="Oh Young"), Person(family="Lee", given="Jin Soo")]
    out = fill_record(mine, Record(authors=full, authors_complete=True), "pubmed")
    assert [a.family for a in out.record.authors] == ["Bang", "Lee"]
    assert out.record.authors_complete is True
    assert out.record.source is not None and out.record.source.fields["authors"] == "pubmed"


def test_complete_or_different_author_lists_stay() -> None:
    mine = page(authors=[Person(family="Bang", given="Oh Young")], authors_complete=False)
    other = [Person(family="Kim", given="A"), Person(family="Lee", given="B")]
    assert fill_record(mine, Record(authors=other), "pubmed").record.authors == mine.authors
    stated = page(authors=[Person(literal="Oh Young Bang")])
    assert fill_record(stated, Record(authors=other), "pubmed").record.authors == stated.authors


def test_registry_ids_are_added_and_trial_fields_filled() -> None:
    mine = page(
        type="clinical-trial",
        trial=TrialInfo(study_type="INTERVENTIONAL", enrollment=60, interventions=["Different doses of it-hMSC"]),
    )
    theirs = Record(
        type="clinical-trial",
        title="Clinical Plan of Ischemic Stroke",
        registry_ids=[RegistryId(registry="ClinicalTrials.gov", id="NCT04953663")],
        trial=TrialInfo(study_type="INTERVENTIONAL", enrollment=80, conditions=["Stroke"], interventions=["it-hMSC"]),
    )
    out = fill_record(mine, theirs, "clinicaltrials.gov")
    rec = out.record
    assert rec.title == "Clinical Plan of Ischemic Stroke"
    assert [r.id for r in rec.registry_ids] == ["NCT04953663"]
    assert rec.trial is not None and rec.trial.conditions == ["Stroke"]
    assert rec.trial.interventions == ["Different doses of it-hMSC"] and rec.trial.enrollment == 60
    assert rec.source is not None and rec.source.fields["trial.conditions"] == "clinicaltrials.gov"
    assert out.conflicts == [{"field": "trial.enrollment", "page": 60, "service": "clinicaltrials.gov", "value": 80}]


def test_record_without_provenance_gets_one() -> None:
    out = fill_record(Record(), Record(journal="Neurology"), "crossref")
    assert out.record.source is not None and out.record.source.fields == {"journal": "crossref"}


_text = st.one_of(st.none(), st.text(max_size=12))


@given(title=_text, journal=_text, volume=_text, year=st.one_of(st.none(), st.integers(1900, 2100)))
def test_a_stated_value_is_never_replaced(
    title: str | None, journal: str | None, volume: str | None, year: int | None
) -> None:
    mine = page(title=title, journal=journal, volume=volume, year=year)
    theirs = Record(title="T", journal="J", volume="1", year=2000, month=1)
    rec = fill_record(mine, theirs, "crossref").record
    for name in ("title", "journal", "volume", "year"):
        stated = getattr(mine, name)
        if stated not in (None, ""):
            assert getattr(rec, name) == stated
        else:
            assert getattr(rec, name) == getattr(theirs, name)
