"""Registry-mirror pages: seed 003, three mirrors of one withdrawn trial, a terminated trial."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_helpers import FIXTURES, check_case, fixture_inputs
from msc_citations import parse_file, parse_text
from msc_citations.document import Document
from msc_citations.model import Record
from msc_citations.sources.trial_mirror import MAX_SCORE, TrialMirrorSource

CASES = fixture_inputs("trial_mirror")
SEED = FIXTURES / "seeds" / "003_6a96e5e6372cea76.txt"
MIRROR = FIXTURES / "trial_mirror"
EXCHANGE_URL = (
    "https://www.clinicaltrialexchange.com/clinical-trials/Safety-of-Escalating-Doses-of-Intravenous-Bone-Marrow-"
    "Derived-Mesenchymal-Stem-Cells-in-Patients-With-a-New-Ischemic-Stroke/NCT01849887"
)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def _seed() -> Record:
    records = parse_file(SEED, source="trial_mirror").records
    assert len(records) == 1
    return records[0]


def test_seed_003_design_and_status() -> None:
    trial = _seed().trial
    assert trial is not None
    assert (trial.study_type, trial.allocation, trial.purpose, trial.masking) == (
        "INTERVENTIONAL",
        "RANDOMIZED",
        "TREATMENT",
        "TRIPLE",
    )
    assert trial.enrollment == 60
    assert trial.status == "RECRUITING"
    assert trial.interventions == ["Different doses of it-hMSC"]
    assert trial.sites == ["Peking University Third Hospital, Beijin, China"]


def test_seed_003_outcomes_have_measure_description_and_time_frame_but_no_kind() -> None:
    trial = _seed().trial
    assert trial is not None
    assert len(trial.outcomes) == 9
    assert all(o.kind is None for o in trial.outcomes)
    first, last = trial.outcomes[0], trial.outcomes[-1]
    assert first.measure == "Adverse events and serious adverse events rate"
    assert first.description == "Safety and tolerability of it-hMSC treatment"
    assert first.time_frame == "In 12 months"
    assert last.measure == "Change of GDS scores"
    assert last.time_frame == "1、3、6、9、12 months after treatment"


def test_seed_003_summary_once_title_none_and_no_disclaimer() -> None:
    rec = _seed()
    assert rec.title is None
    assert (rec.abstract or "").count("Stroke is the main cause of adult health damage.") == 1
    assert (rec.abstract or "").endswith("patients with neurological dysfunction.")
    assert "informational purposes" not in rec.model_dump_json()


def test_nct_id_from_url_or_file_name_when_the_page_has_none() -> None:
    text = SEED.read_text(encoding="utf-8")
    from_url = parse_text(text, source="trial_mirror", url="https://example.org/trial/NCT04811651").records[0]
    assert [r.id for r in from_url.registry_ids] == ["NCT04811651"]
    from_name = parse_text(text, source="trial_mirror", path="saved/NCT04811651.txt").records[0]
    assert [r.id for r in from_name.registry_ids] == ["NCT04811651"]
    assert _seed().registry_ids == []


SHARED = ("title", "abstract")
SHARED_TRIAL = ("status", "phase", "study_type", "conditions", "interventions", "enrollment", "outcomes")


def _stated(value: object) -> bool:
    return value not in (None, [], "")


def test_three_mirrors_of_one_trial_agree_on_every_shared_field() -> None:
    records = [
        parse_file(MIRROR / "veeva_nct01849887_withdrawn.txt").records[0],
        parse_file(MIRROR / "exchange_nct01849887_withdrawn.txt", url=EXCHANGE_URL).records[0],
        parse_file(MIRROR / "strokecenter_nct01849887_eligibility.txt").records[0],
    ]
    compared = 0
    for field in SHARED:
        values = [getattr(r, field) for r in records if _stated(getattr(r, field))]
        compared += len(values) > 1
        assert len({str(v) for v in values}) <= 1, f"{field}: {values}"
    for field in SHARED_TRIAL:
        values = [getattr(r.trial, field) for r in records if r.trial and _stated(getattr(r.trial, field))]
        compared += len(values) > 1
        assert len({str(v) for v in values}) <= 1, f"trial.{field}: {values}"
    assert {r.registry_ids[0].id for r in records} == {"NCT01849887"}
    assert compared >= 4  # title, abstract, status and phase are stated by at least two pages


def test_detection_prefers_design_labels_and_stays_below_site_sources() -> None:
    for case in CASES:
        doc = Document.from_path(case)
        assert 0.3 < TrialMirrorSource().detect(doc) <= MAX_SCORE
    assert TrialMirrorSource().detect(Document.from_text("A recipe.\nTwo eggs.\nBake for an hour.")) == 0.0


def test_page_without_design_id_or_outcomes_gives_an_error_issue() -> None:
    result = TrialMirrorSource().parse(Document.from_text("Status\nRecruiting\n"))
    assert result.records == []
    assert any(i.severity == "error" for i in result.issues)
