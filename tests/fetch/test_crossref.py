"""Crossref works JSON to records: the mapping, on recorded answers (pure, no network)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from msc_citations.fetch.crossref import record_from_work, work_url

CROSSREF = Path(__file__).parent.parent / "fixtures" / "http" / "crossref"


def load(name: str) -> dict[str, object]:
    data = json.loads((CROSSREF / name).read_text(encoding="utf-8"))
    assert data["status"] == "ok"
    message: dict[str, object] = data["message"]
    return message


def test_neurology_2021_work() -> None:
    rec = record_from_work(load("works_10.1212_WNL.0000000000011440.json"))
    assert rec.type == "journal-article"
    assert rec.title == "Efficacy and Safety of Intravenous Mesenchymal Stem Cells for Ischemic Stroke"
    assert rec.journal == "Neurology"
    assert (rec.year, rec.month, rec.day) == (2021, 2, 16)
    assert (rec.volume, rec.issue, rec.pages) == ("96", "7", "e1012-e1023")
    assert rec.doi == "10.1212/WNL.0000000000011440"
    assert rec.issn == ["0028-3878", "1526-632X"]
    assert rec.publisher == "Ovid Technologies (Wolters Kluwer Health)"
    assert [(a.family, a.given) for a in rec.authors][:3] == [
        ("Chung", "Jong-Won"),
        ("Chang", "Won Hyuk"),
        ("Bang", "Oh Young"),
    ]
    assert len(rec.authors) == 9
    assert rec.source is not None and rec.source.parser == "crossref"
    assert rec.extra["crossref_type"] == "journal-article"


def test_annals_2005_work_has_month_precision_only() -> None:
    rec = record_from_work(load("works_10.1002_ana.20501.json"))
    assert (rec.year, rec.month, rec.day) == (2005, 6, None)
    assert rec.journal == "Annals of Neurology" and rec.journal_abbrev == "Ann Neurol."
    assert [a.family for a in rec.authors] == ["Bang", "Lee", "Lee", "Lee"]


def test_print_date_wins_over_an_earlier_online_date() -> None:
    work = {
        "type": "journal-article",
        "published-online": {"date-parts": [[2020, 12, 30]]},
        "issued": {"date-parts": [[2020, 12, 30]]},
        "published-print": {"date-parts": [[2021, 2, 16]]},
    }
    assert record_from_work(work).year == 2021
    del work["published-print"]
    assert record_from_work(work).year == 2020


def test_odd_values_do_not_break_the_mapping() -> None:
    work = {
        "type": "proceedings-article",
        "title": ["<i>In vivo</i> tracking &amp; homing"],
        "subtitle": ["a pilot"],
        "author": [{"name": "STARTING-2 Collaborators", "sequence": "additional"}, {"sequence": "first"}, "junk"],
        "abstract": "<jats:p>Background <jats:bold>text</jats:bold>.</jats:p>",
        "funder": [{"name": "NRF", "award": ["2017R1A2B3"]}],
        "clinical-trial-number": [{"clinical-trial-number": "NCT01716481", "registry": "10.18810/clinical-trials-gov"}],
        "volume": 12,
        "issued": {"date-parts": [[None]]},
    }
    rec = record_from_work(work)
    assert rec.type == "conference-paper"
    assert rec.title == "In vivo tracking & homing: a pilot"
    assert [a.literal for a in rec.authors] == ["STARTING-2 Collaborators"]
    assert rec.abstract == "Background text ."
    assert rec.funding[0].award_ids == ["2017R1A2B3"]
    assert [(r.registry, r.id) for r in rec.registry_ids] == [("ClinicalTrials.gov", "NCT01716481")]
    assert rec.volume == "12" and rec.year is None
    assert record_from_work({}).type == "other"


def test_work_url_keeps_the_doi_slash() -> None:
    assert work_url("https://api.crossref.org", "10.1002/(SICI)1097 x") == (
        "https://api.crossref.org/works/10.1002/%28SICI%291097%20x"
    )


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12,
)
_keys = st.sampled_from(
    [
        "title",
        "author",
        "issued",
        "published-print",
        "page",
        "volume",
        "ISSN",
        "funder",
        "clinical-trial-number",
        "type",
    ]
)


@given(st.dictionaries(_keys, _json, max_size=6))
def test_any_json_shape_gives_a_record(work: dict[str, object]) -> None:
    assert record_from_work(work).source is not None
