"""The ``parse`` and ``sources`` commands as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fixture_helpers import FIXTURES
from msc_citations.cli import main

HIGHWIRE = FIXTURES / "embedded_meta" / "highwire_stroke.html"


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "msc_citations", *args], input=stdin, capture_output=True, timeout=120, check=False
    )


def test_parse_writes_one_json_line_per_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(HIGHWIRE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert list(record)[:3] == ["id", "type", "title"]
    assert record["doi"] == "10.1161/STROKEAHA.119.026318"
    assert record["pmid"] == "31495331"
    assert record["source"]["path"] == str(HIGHWIRE)


def test_parse_reads_stdin_as_a_pasted_page() -> None:
    proc = run_cli("parse", "-", stdin=HIGHWIRE.read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["volume"] == "50"


def test_bad_files_cost_only_themselves(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "note.txt").write_text("Remember to buy milk and eggs.\nCall the lab on Monday.\n")
    out = tmp_path / "out.jsonl"
    proc = run_cli(
        "parse",
        str(tmp_path / "empty.txt"),
        str(HIGHWIRE),
        str(tmp_path / "blob.bin"),
        str(tmp_path / "note.txt"),
        str(tmp_path / "missing.html"),
        "-o",
        str(out),
    )
    assert proc.returncode == 0
    err = proc.stderr.decode().splitlines()
    assert len(err) == 4, err
    assert err[0] == f"{tmp_path / 'empty.txt'}: empty file"
    assert err[1].startswith(f"{tmp_path / 'blob.bin'}: binary data")
    assert err[2].startswith(f"{tmp_path / 'note.txt'}: no parser recognised this input (closest: ")
    assert err[3].startswith(f"{tmp_path / 'missing.html'}: cannot read")
    assert "Traceback" not in proc.stderr.decode()
    assert len(out.read_text().splitlines()) == 1


def test_exit_code_is_nonzero_only_when_no_file_gave_a_record(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run_cli("parse", str(tmp_path / "empty.txt"))
    assert proc.returncode == 1
    assert proc.stdout == b""


def test_unknown_source_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--source", "no_such_site", str(HIGHWIRE)]) == 2
    err = capsys.readouterr().err
    assert "unknown source 'no_such_site'" in err and "embedded_meta" in err


def test_forced_source_that_cannot_read_the_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    page.write_text("Study Type\nINTERVENTIONAL\n")
    assert main(["parse", "--source", "embedded_meta", str(page)]) == 1
    assert "does not read text input" in capsys.readouterr().err


def test_sources_lists_every_source_with_its_input_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sources"]) == 0
    out = capsys.readouterr().out
    assert "embedded_meta" in out and "html" in out


def test_bad_arguments_exit_2() -> None:
    proc = run_cli("parse")
    assert proc.returncode == 2
    assert b"usage:" in proc.stderr


def test_progress_line_ends_once() -> None:
    """``normalize`` ends the live line when parsing is done, before writing to standard
    output, and again (writing nothing) when the run ends."""
    import io

    from msc_citations.cli.progress import Progress
    from msc_citations.folder import FileReport

    stream = io.StringIO()
    progress = Progress(stream, interactive=True)
    progress(FileReport("a.html", "parsed", records=1), 1, 1)
    progress.close()
    progress.close()
    assert stream.getvalue().count("\n") == 1
    assert stream.getvalue().endswith("\n")
