"""Writers follow the rules real clients need (see the module docstrings), and trial
records keep their registration and design in every format."""

from __future__ import annotations

import json
import re

import pytest

from msc_citations.formats import dumps, loads, with_related
from msc_citations.model import Outcome, Person, Record, RegistryId, TrialInfo

ARTICLE = Record(
    id="bang2005autologous",
    title="Autologous mesenchymal stem cell (MSC) transplantation in Korea: a 50% & R_x study",
    authors=[
        Person(family="Bang", given="Oh Young"),
        Person(literal="World Health Organization"),
        Person(family="van der Berg", given="Anna"),
        Person(family="王", given="宏宇"),
    ],
    journal="Annals of Neurology",
    journal_abbrev="Ann Neurol",
    year=2005,
    month=6,
    volume="57",
    issue="6",
    pages="874-882",
    page_first="874",
    page_last="882",
    doi="10.1002/ana.20501",
    pmid="15929052",
)
TRIAL = Record(
    id="nct01716481",
    type="clinical-trial",
    title="Intravenous MSC in chronic stroke",
    registry_ids=[RegistryId(registry="ClinicalTrials.gov", id="NCT01716481")],
    year=2012,
    trial=TrialInfo(
        status="COMPLETED",
        study_type="INTERVENTIONAL",
        phase="PHASE3",
        allocation="RANDOMIZED",
        masking="SINGLE",
        enrollment=60,
        conditions=["Ischemic Stroke"],
        interventions=["Biological: autologous MSC"],
        sponsor="Samsung Medical Center",
        outcomes=[Outcome(kind="primary", measure="modified Rankin Scale", time_frame="90 days")],
    ),
)
TRIAL_FACTS = (
    "NCT01716481",
    "COMPLETED",
    "INTERVENTIONAL",
    "PHASE3",
    "RANDOMIZED",
    "SINGLE",
    "60",
    "Ischemic Stroke",
    "autologous MSC",
    "Samsung Medical Center",
    "modified Rankin Scale",
)
FORMATS = ["ris", "bibtex", "csl-json", "nbib", "refer", "jsonl"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_trial_design_survives_every_format(fmt: str) -> None:
    text = dumps([TRIAL], format=fmt)
    for fact in TRIAL_FACTS:
        assert fact in text, f"{fact} missing from {fmt}"
    (back,) = loads(text, fmt)
    assert back.type == "clinical-trial"
    assert back.registry_ids == TRIAL.registry_ids
    assert back.trial == TRIAL.trial


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "csl-json", "refer", "jsonl"])
def test_record_id_is_the_key(fmt: str) -> None:
    (back,) = loads(dumps([ARTICLE], format=fmt), fmt)
    assert back.id == ARTICLE.id


def test_ris_rules() -> None:
    text = dumps([ARTICLE, TRIAL], format="ris")
    assert not text.startswith("\ufeff")
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in text.splitlines() if line)
    assert "\nA1  - " not in text and "\nJO  - " not in text
    assert "AU  - Bang, Oh Young\n" in text
    assert "AU  - World Health Organization,\n" in text
    assert "AU  - 王宏宇,\n" in text  # a Han name written whole
    assert "PY  - 2005\nDA  - 2005/06\n" in text
    assert "T2  - Annals of Neurology\nJ2  - Ann Neurol\n" in text
    assert "AN  - 15929052\n" in text and "N1  - PMID: 15929052.\n" in text
    assert "TY  - JOUR\n" in text and "TY  - RPRT\n" in text
    assert "AN  - NCT01716481\n" in text  # a registration's accession number


def test_bibtex_rules() -> None:
    text = dumps([ARTICLE, ARTICLE.model_copy(update={"id": None})], format="bibtex")
    keys = re.findall(r"^@\w+\{([^,]+),", text, re.M)
    assert keys[0] == "bang2005autologous" and len(set(keys)) == 2
    assert "author = {Bang, Oh Young and {World Health Organization} and {van der Berg}, Anna and {王宏宇}}" in text
    assert "Bang OY" not in text
    assert (
        "title = {Autologous mesenchymal stem cell {(MSC)} transplantation in {Korea}: a 50\\% \\& {R\\_x} study}"
        in text
    )
    assert "pages = {874--882}" in text and "month = jun" in text
    assert "doi = {10.1002/ana.20501}" in text and "pmid = {15929052}" in text


def test_csl_json_rules() -> None:
    items = json.loads(dumps([ARTICLE, TRIAL], format="csl-json"))
    article, trial = items
    assert article["id"] == "bang2005autologous" and article["type"] == "article-journal"
    assert article["issued"] == {"date-parts": [[2005, 6]]}
    assert article["volume"] == "57" and article["PMID"] == "15929052"
    assert {"literal": "王宏宇"} in article["author"]
    assert trial["type"] == "report" and trial["number"] == "NCT01716481"
    assert trial["genre"] == "Clinical trial registration"
    assert "Phase: PHASE3" in trial["note"]


def test_nbib_looks_like_pubmed() -> None:
    text = dumps([ARTICLE], format="nbib")
    assert text.startswith("PMID- 15929052\n")
    assert "FAU - Bang, Oh Young\nAU  - Bang OY\n" in text
    assert "CN  - World Health Organization\n" in text
    assert "LID - 10.1002/ana.20501 [doi]\n" in text
    assert "DP  - 2005 Jun\n" in text and "TA  - Ann Neurol\nJT  - Annals of Neurology\n" in text
    assert "SO  - Ann Neurol. 2005 Jun;57(6):874-882. doi: 10.1002/ana.20501.\n" in text
    assert all(len(line) <= 88 for line in text.splitlines())


def test_refer_corporate_author_ends_with_comma() -> None:
    text = dumps([ARTICLE], format="refer")
    assert "%A World Health Organization,\n" in text
    assert "%A Bang, Oh Young\n" in text and "%A 王宏宇\n" in text


def test_with_related_adds_related_records_with_ids() -> None:
    rel = Record(title="Seen also", year=2019, authors=[Person(family="Lee", given="J")])
    top = ARTICLE.model_copy(update={"related": [rel, rel]})
    flat = with_related([top])
    assert [r.id for r in flat] == ["bang2005autologous", "lee2019seen", "lee2019seenb"]
    assert all(not r.related for r in flat)
    assert len(loads(dumps(flat, format="ris"), "ris")) == 3
