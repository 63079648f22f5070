"""Output files are replaced whole, and get the mode any new file gets."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from msc_citations import Record
from msc_citations.atomic_file import atomic_text_file
from msc_citations.formats import dump


def test_exports_get_the_usual_file_mode_not_a_private_one(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "library.ris"
        dump([Record(title="Mesenchymal stem cells in stroke")], target, format="ris")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert "Mesenchymal stem cells in stroke" in target.read_text(encoding="utf-8")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "library.jsonl"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_text_file(target) as fh:
        fh.write("half")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["library.jsonl"]
