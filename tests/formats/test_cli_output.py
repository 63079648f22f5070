"""``--to`` and ``--with-related`` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_helpers import FIXTURES
from msc_citations import parse_file
from msc_citations.cli import main
from msc_citations.formats import available_formats, loads

SEED = FIXTURES / "seeds" / "000_38dd110a39ae33e6.txt"


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "csl-json", "nbib", "refer"])
def test_to_writes_the_format(fmt: str, tmp_path: Path) -> None:
    assert fmt in available_formats()
    out = tmp_path / f"out.{fmt}"
    assert main(["parse", str(SEED), "--to", fmt, "-o", str(out)]) == 0
    records = loads(out.read_text(encoding="utf-8"), fmt)
    assert len(records) == len(parse_file(SEED).records)


def test_with_related_exports_related_papers_as_records(tmp_path: Path) -> None:
    parsed = parse_file(SEED).records
    related = sum(len(r.related) for r in parsed)
    assert related, "the seed page lists related papers"
    plain, flat = tmp_path / "plain.ris", tmp_path / "flat.ris"
    assert main(["parse", str(SEED), "--to", "ris", "-o", str(plain)]) == 0
    assert main(["parse", str(SEED), "--to", "ris", "--with-related", "-o", str(flat)]) == 0
    top = loads(plain.read_text(encoding="utf-8"), "ris")
    everything = loads(flat.read_text(encoding="utf-8"), "ris")
    assert len(top) == len(parsed)
    assert len(everything) == len(parsed) + related
    ids = [r.id for r in everything]
    assert all(ids) and len(set(ids)) == len(ids)
