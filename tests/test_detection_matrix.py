"""Every source fixture is recognised by its own source, and by no other."""

from __future__ import annotations

import pytest

from fixture_helpers import FIXTURES, fixture_inputs, load_expected, source_folders
from msc_citations.document import Document
from msc_citations.sources import DETECTION_THRESHOLD, all_sources, detect_source, score_sources

CASES = [(folder, path) for folder in source_folders() for path in fixture_inputs(folder)]


def test_every_fixture_folder_names_a_source() -> None:
    names = {s.name for s in all_sources()}
    unknown = [f for f in source_folders() if f not in names]
    assert not unknown, f"fixture folders without a source of that name: {unknown}"


@pytest.mark.parametrize(("folder", "path"), CASES, ids=[f"{f}/{p.name}" for f, p in CASES])
def test_fixture_detected_as_its_own_source(folder: str, path: object) -> None:
    from pathlib import Path

    assert isinstance(path, Path)
    expected = load_expected(path) if (path.parent / (path.name.split(".", 1)[0] + ".expected.json")).exists() else {}
    doc = Document.from_path(path, url=expected.get("_url"))
    scored = score_sources(doc)
    assert scored, f"no source reads {doc.kind} input"
    best_score, best = scored[0]
    assert best.name == folder, (
        f"{path.name}: {best.name} ({best_score:.2f}) beat {folder}: {[(s.name, round(x, 2)) for x, s in scored[:4]]}"
    )
    assert best_score > DETECTION_THRESHOLD
    others_above = [s.name for x, s in scored[1:] if x >= best_score]
    assert not others_above
    over_cap = [s.name for x, s in scored if x > getattr(s, "max_score", 1.0)]
    assert not over_cap, f"{path.name}: scored above their max_score: {over_cap}"
    assert detect_source(doc) == (best, best_score)


def test_fixtures_root_exists() -> None:
    assert (FIXTURES / "seeds").is_dir()
