"""ClinicalTrials.gov: API v2 JSON, legacy XML, study pages in two layouts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fixture_helpers import FIXTURES, check_case, fixture_inputs
from msc_citations import parse_file, parse_text
from msc_citations.document import Document
from msc_citations.sources.clinicaltrials import ClinicalTrialsSource, record_from_api_v2

CASES = fixture_inputs("clinicaltrials")
FOLDER = FIXTURES / "clinicaltrials"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def _study(**modules: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"identificationModule": {"nctId": "NCT01849887", "briefTitle": "Safety of MSCs"}}
    base.update(modules)
    return {"protocolSection": base}


def test_api_v2_references_why_stopped_and_eudract_ids_are_kept() -> None:
    study = _study(
        statusModule={"overallStatus": "TERMINATED", "whyStopped": "Slow accrual"},
        referencesModule={
            "references": [
                {"pmid": "20368547", "type": "RESULT", "citation": "Bradley JD, et al. J Clin Oncol. 2010."},
                {"type": "BACKGROUND", "citation": "A background paper."},
            ]
        },
    )
    study["protocolSection"]["identificationModule"]["secondaryIdInfos"] = [
        {"id": "2012-003232-37", "type": "EUDRACT_NUMBER"},
        {"id": "R01NS012345", "type": "NIH"},
    ]
    rec = record_from_api_v2(study)
    assert rec.type == "clinical-trial"
    assert rec.trial is not None and rec.trial.status == "TERMINATED"
    assert rec.extra["why_stopped"] == "Slow accrual"
    assert rec.extra["references"] == [
        {"pmid": "20368547", "citation": "Bradley JD, et al. J Clin Oncol. 2010.", "type": "RESULT"},
        {"pmid": None, "citation": "A background paper.", "type": "BACKGROUND"},
    ]
    assert [(r.registry, r.id) for r in rec.registry_ids] == [
        ("ClinicalTrials.gov", "NCT01849887"),
        ("EudraCT", "2012-003232-37"),
    ]
    assert rec.funding[0].award_ids == ["R01NS012345"]


def test_api_v2_withdrawn_multi_phase_and_other_outcomes() -> None:
    study = _study(
        statusModule={"overallStatus": "WITHDRAWN", "whyStopped": "No funding"},
        designModule={"studyType": "INTERVENTIONAL", "phases": ["PHASE2", "PHASE1"]},
        outcomesModule={"otherOutcomes": [{"measure": "mRS", "timeFrame": "90 days"}]},
    )
    rec = record_from_api_v2(study)
    assert rec.trial is not None
    assert (rec.trial.status, rec.trial.phase) == ("WITHDRAWN", "PHASE1|PHASE2")
    assert [(o.kind, o.measure, o.time_frame) for o in rec.trial.outcomes] == [("other", "mRS", "90 days")]


def test_single_study_search_page_and_study_wrapper_give_the_same_record() -> None:
    search = json.loads((FOLDER / "api_v2_search_nct06388018.json").read_text(encoding="utf-8"))
    study = search["studies"][0]
    single = parse_text(json.dumps(study)).records[0]
    wrapped = parse_text(json.dumps({"study": study})).records[0]
    from_search = parse_text(json.dumps(search)).records[0]
    strip = {"id", "source"}
    assert single.model_dump(exclude=strip) == from_search.model_dump(exclude=strip)
    assert wrapped.model_dump(exclude=strip) == from_search.model_dump(exclude=strip)


def test_json_without_protocol_section_is_refused_with_an_issue() -> None:
    doc = Document.from_text('{"studies": [], "nextPageToken": null}')
    assert ClinicalTrialsSource().detect(doc) == 0.0
    result = ClinicalTrialsSource().parse(doc)
    assert result.records == [] and result.issues[0].severity == "error"


def test_legacy_xml_keeps_all_41_sites_and_result_pmids() -> None:
    rec = parse_file(FOLDER / "legacy_nct00023673_references_41_sites.xml").records[0]
    assert rec.trial is not None
    assert len(rec.trial.sites) == 41
    assert rec.trial.sites[-1] == "Tom Baker Cancer Centre - Calgary, Calgary, Alberta, Canada"
    assert (
        "Franklin & Edith Scarpa Regional Cancer Center at South Jersey Healthcare, Vineland, New Jersey, United States"
        in (rec.trial.sites)
    )
    assert [r["pmid"] for r in rec.extra["references"]] == ["20368547", "20457350", None]


def test_two_page_layouts_of_one_trial_agree_where_both_state_a_value() -> None:
    classic = parse_file(FOLDER / "page_classic_nct02163876_terminated.txt").records[0]
    table = parse_file(FOLDER / "page_2019_nct02163876_terminated.txt").records[0]
    assert classic.trial is not None and table.trial is not None
    assert classic.title == table.title
    assert classic.registry_ids == table.registry_ids
    for field in ("status", "phase", "study_type", "allocation", "masking", "purpose", "intervention_model"):
        assert getattr(classic.trial, field) == getattr(table.trial, field), field
    assert classic.trial.conditions == table.trial.conditions
    assert classic.trial.interventions == table.trial.interventions
    assert classic.extra["why_stopped"] == table.extra["why_stopped"]
    assert classic.trial.outcomes[0].measure == table.trial.outcomes[0].measure


def test_page_is_recognised_by_its_identifier_label_or_address() -> None:
    assert ClinicalTrialsSource().detect(Document.from_text("ClinicalTrials.gov Identifier: NCT02163876")) > 0.8
    doc = Document.from_text("Some study\nStatus\nRecruiting", url="https://clinicaltrials.gov/study/NCT02163876")
    assert 0.3 < ClinicalTrialsSource().detect(doc) < 0.8
    assert ClinicalTrialsSource().detect(Document.from_text("A note about a trial.")) == 0.0


def test_mirror_text_given_with_its_clinicaltrials_address_stays_a_mirror_page() -> None:
    seed = FIXTURES / "seeds" / "003_6a96e5e6372cea76.txt"
    result = parse_file(seed, url="https://clinicaltrials.gov/study/NCT04811651")
    assert result.source == "trial_mirror"
    rec = result.records[0]
    assert rec.title is None
    assert [r.id for r in rec.registry_ids] == ["NCT04811651"]


def test_copied_text_and_saved_html_of_one_page_give_the_same_design() -> None:
    text = parse_file(FOLDER / "page_2019_nct02163876_terminated.txt").records[0]
    html = parse_file(FOLDER / "page_2019_nct02163876_saved.html").records[0]
    assert text.trial is not None and html.trial is not None
    same = ("status", "phase", "study_type", "allocation", "masking", "purpose", "intervention_model", "enrollment")
    for field in (*same, "conditions", "interventions", "start_date", "completion_date"):
        assert getattr(text.trial, field) == getattr(html.trial, field), field
    assert (text.title, text.registry_ids) == (html.title, html.registry_ids)
    assert text.extra["why_stopped"] == html.extra["why_stopped"]


def test_same_trial_from_legacy_xml_and_classic_api_json_gives_the_same_record() -> None:
    """NCT00023673 as downloaded in 2016 (XML) and 2023 (classic API JSON): the versions
    differ only where the registration itself changed (site spellings, outcome wording)."""
    xml = parse_file(FOLDER / "legacy_nct00023673_references_41_sites.xml").records[0]
    api = parse_file(FOLDER / "api_v1_nct00023673_full_studies.json").records[0]
    assert xml.trial is not None and api.trial is not None
    for field in ("type", "title", "registry_ids", "abstract", "keywords", "year", "month", "day", "url"):
        assert getattr(xml, field) == getattr(api, field), field
    same = (
        "status", "phase", "study_type", "allocation", "intervention_model", "masking", "purpose", "enrollment",
        "conditions", "interventions", "sponsor", "collaborators", "start_date", "completion_date", "registration_date",
    )  # fmt: skip
    for field in same:
        assert getattr(xml.trial, field) == getattr(api.trial, field), field
    assert len(xml.trial.sites) == len(api.trial.sites) == 41
    assert xml.extra["references"] == api.extra["references"]
    assert xml.extra["primary_completion_date"] == api.extra["primary_completion_date"]


def test_a_trial_with_105_sites_keeps_every_site_in_page_order() -> None:
    rec = parse_file(FOLDER / "legacy_nct01642004_105_sites.xml").records[0]
    assert rec.trial is not None
    sites = rec.trial.sites
    assert len(sites) == 105
    assert sites[0] == "Mayo Clinic Arizona, Scottsdale, Arizona, United States"
    assert sites[-1] == "Local Institution, Sheffield, Yorkshire, United Kingdom"
    # Two sites with the same name and city (different postcodes) are two sites.
    assert sites.count("Local Institution, Buenos Aires, Argentina") == 2
    assert len(rec.extra["countries"]) == 20
