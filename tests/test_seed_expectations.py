"""The five seed pages give every fact that ``seed_expectations.json`` says they state.

The expectations were written by reading the pages; see that file's ``about`` for the
comparison rules (DOIs and journals case-insensitively, pages expanded, names NFC, text
with white space collapsed).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from fixture_helpers import FIXTURES
from msc_citations import Record, parse_file

SEEDS = FIXTURES / "seeds"
EXPECTATIONS: dict[str, dict[str, Any]] = json.loads((SEEDS / "seed_expectations.json").read_text("utf-8"))["seeds"]
SOURCE_OF_KIND = {
    "chinese-index": "chinese_index",
    "chinese-index (rating site)": "chinese_rating",
    "pubmed": "pubmed",
    "trial-registry": "trial_mirror",
    "koreamed": "wprim",
}
LANGUAGE_CODES = {"Korean": "ko", "Chinese": "zh", "English": "en", "Japanese": "ja"}
CASE_INSENSITIVE = {"doi", "journal"}


def _ws(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _same(actual: Any, expected: Any, key: str) -> bool:
    if isinstance(expected, str) and isinstance(actual, str):
        a, e = _ws(actual), _ws(expected)
        return a.casefold() == e.casefold() if key in CASE_INSENSITIVE else a == e
    return bool(actual == expected)


def _parse(name: str) -> Record:
    records = parse_file(SEEDS / name).records
    assert len(records) == 1, f"{name}: expected one top-level record, got {len(records)}"
    return records[0]


def _check_authors(rec: Record, expected: list[dict[str, Any]], errors: list[str]) -> None:
    if len(rec.authors) != len(expected):
        errors.append(f"authors: expected {len(expected)}, got {[a.display_name() for a in rec.authors]}")
        return
    for i, (person, exp) in enumerate(zip(rec.authors, expected, strict=True)):
        for key in ("family", "given"):
            if key in exp and not _same(getattr(person, key), exp[key], key):
                errors.append(f"authors[{i}].{key}: expected {exp[key]!r}, got {getattr(person, key)!r}")
        if "affiliation_refs" in exp and len(person.affiliations) != len(exp["affiliation_refs"]):
            errors.append(
                f"authors[{i}]: expected {len(exp['affiliation_refs'])} affiliations, got {person.affiliations}"
            )


def _check_related(rec: Record, spec: dict[str, Any], errors: list[str]) -> None:
    if "related_count" in spec and len(rec.related) != spec["related_count"]:
        errors.append(f"related: expected {spec['related_count']} entries, got {len(rec.related)}")
        return
    for exp in spec.get("related", []):
        rel = rec.related[exp["n"] - 1]
        for key, value in exp.items():
            if key == "n":
                continue
            if key == "first_author_family":
                actual: Any = rel.authors[0].family if rel.authors else None
            elif key == "first_author_given":
                actual = rel.authors[0].given if rel.authors else None
            elif key == "author_count":
                actual = len(rel.authors)
            else:
                actual = getattr(rel, key)
            if not _same(actual, value, key):
                errors.append(f"related[{exp['n']}].{key}: expected {value!r}, got {actual!r}")


def _check_trial(rec: Record, spec: dict[str, Any], errors: list[str]) -> None:
    trial = rec.trial
    if trial is None:
        errors.append("trial: missing")
        return
    for key, value in spec.items():
        if key == "sites_contain":
            if not any(value in site for site in trial.sites):
                errors.append(f"trial.sites: none contains {value!r}: {trial.sites}")
        elif key == "outcome_count":
            if len(trial.outcomes) != value:
                errors.append(f"trial.outcomes: expected {value}, got {len(trial.outcomes)}")
        elif key == "outcome_measures":
            got = [o.measure for o in trial.outcomes]
            if got != value:
                errors.append(f"trial.outcomes measures: expected {value}, got {got}")
        elif key.startswith("outcome_time_frame_"):
            n = int(key.rsplit("_", 1)[1])
            got_tf = trial.outcomes[n - 1].time_frame if len(trial.outcomes) >= n else None
            if not _same(got_tf, value, key):
                errors.append(f"trial.outcomes[{n}].time_frame: expected {value!r}, got {got_tf!r}")
        elif not _same(getattr(trial, key), value, key):
            errors.append(f"trial.{key}: expected {value!r}, got {getattr(trial, key)!r}")


def _check_special(rec: Record, key: str, value: Any, errors: list[str]) -> bool:
    """Expectation keys that are not record fields; True when handled."""
    if key == "affiliation_count":
        distinct = {aff for a in rec.authors for aff in a.affiliations}
        if len(distinct) != value:
            errors.append(f"affiliation_count: expected {value}, got {len(distinct)}")
    elif key.startswith("affiliation_"):
        if not any(value == aff for a in rec.authors for aff in a.affiliations):
            errors.append(f"{key}: no author has affiliation {value!r}")
    elif key == "abstract_section_labels":
        got = [s.label for s in rec.abstract_sections]
        if got != value:
            errors.append(f"abstract_sections labels: expected {value}, got {got}")
    elif key == "abstract_starts_with":
        if not _ws(rec.abstract or "").startswith(_ws(value)):
            errors.append(f"abstract: does not start with {value!r}: {(rec.abstract or '')[:80]!r}")
    elif key == "funding_count":
        if len(rec.funding) != value:
            errors.append(f"funding: expected {value} entries, got {len(rec.funding)}")
    elif key == "funding_award_ids":
        got = list(dict.fromkeys(a for f in rec.funding for a in f.award_ids))
        if got != value:
            errors.append(f"funding award ids: expected {value}, got {got}")
    elif key == "registry_ids":
        got_ids = [r.id for r in rec.registry_ids]
        if got_ids != [r["id"] for r in value]:
            errors.append(f"registry_ids: expected {value}, got {got_ids}")
    elif key == "first_author_affiliation_contains":
        affs = rec.authors[0].affiliations if rec.authors else []
        if not any(value in a for a in affs):
            errors.append(f"first author affiliations lack {value!r}: {affs}")
    elif key == "email":
        if value not in [a.email for a in rec.authors]:
            errors.append(f"no author has e-mail {value!r}")
    elif key == "language":
        if rec.language not in (value, LANGUAGE_CODES.get(value)):
            errors.append(f"language: expected {value!r} or its code, got {rec.language!r}")
    elif key == "summary_not_repeated":
        first_sentence = "Stroke is the main cause of adult health damage."
        if (rec.abstract or "").count(first_sentence) != 1:
            errors.append("summary: the repeated paragraph is not held exactly once")
    elif key == "no_boilerplate":
        if "informational purposes" in rec.model_dump_json():
            errors.append("the platform disclaimer leaked into the record")
    else:
        return False
    return True


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_seed_gives_expected_facts(name: str) -> None:
    spec = EXPECTATIONS[name]
    rec = _parse(name)
    errors: list[str] = []
    for key, value in spec.items():
        if key in ("related", "related_count"):
            continue
        if key == "source_kind":
            parser = rec.source.parser if rec.source else None
            if parser != SOURCE_OF_KIND[value]:
                errors.append(f"source: expected {SOURCE_OF_KIND[value]}, got {parser}")
        elif key == "duplicates_within":
            continue  # checked by the deduplication tests
        elif key == "authors":
            _check_authors(rec, value, errors)
        elif key == "trial":
            _check_trial(rec, value, errors)
        elif _check_special(rec, key, value, errors):
            continue
        elif value is None:
            if getattr(rec, key) not in (None, [], ""):
                errors.append(f"{key}: expected nothing, got {getattr(rec, key)!r}")
        elif not _same(getattr(rec, key), value, key):
            errors.append(f"{key}: expected {value!r}, got {getattr(rec, key)!r}")
    _check_related(rec, spec, errors)
    assert not errors, "\n".join(errors)


def test_seed_fixtures_are_the_five_seeds() -> None:
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(EXPECTATIONS)
    assert Path(SEEDS / "seed_expectations.json").is_file()
