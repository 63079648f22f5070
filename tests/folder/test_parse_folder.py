"""Folder runs: every file accounted for once, bad files cost only themselves, guards hold."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from fixture_helpers import FIXTURES
from msc_citations import Record, register_source
from msc_citations.document import Document, DocumentKind
from msc_citations.folder import parse_folder
from msc_citations.results import ParseResult
from msc_citations.sources import BaseSource, _registry

GOOD_HTML = sorted((FIXTURES / "embedded_meta").glob("*.html"))


def _build_malformed(root: Path) -> dict[str, str]:
    """A folder of good pages mixed with every kind of broken input; returns name -> expected status."""
    expected: dict[str, str] = {}
    for page in GOOD_HTML:
        (root / page.name).write_bytes(page.read_bytes())
        expected[page.name] = "parsed"
    (root / "empty.html").write_bytes(b"")
    (root / "binary.dat").write_bytes(bytes(range(256)) * 64)
    (root / "truncated.html").write_bytes(GOOD_HTML[0].read_bytes()[:700])
    (root / "huge.txt").write_bytes(b"x" * (50 * 1024 * 1024 + 1))
    (root / "article.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    korean = (
        '<html><head><meta name="citation_title" content="근위축성 측삭경화증 환자에서 중간엽줄기세포 치료">'
        '<meta name="citation_author" content="김승현"><meta name="citation_doi" content="10.1234/jkna.2009.27.2.163">'
        "</head><body><p>대한신경과학회지 2009;27(2):163-169</p></body></html>"
    )
    (root / "korean_euckr.html").write_bytes(korean.encode("euc-kr"))
    chinese = korean.replace(
        "근위축성 측삭경화증 환자에서 중간엽줄기세포 치료", "骨髓间充质干细胞移植治疗急性脑梗死"
    ).replace("김승현", "欧阳娜娜")
    (root / "chinese_gb18030.html").write_bytes(chinese.encode("gb18030"))
    (root / "utf16_bom.html").write_bytes(GOOD_HTML[1].read_text("utf-8").encode("utf-16"))
    deep = "<html><head><title>x</title></head><body>" + "<div>" * 100_000 + "text" + "</div>" * 100_000
    (root / "nested.html").write_text(deep + "</body></html>")
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
        + "]><PubmedArticleSet>&j;</PubmedArticleSet>"
    )
    (root / "bomb.xml").write_text(bomb)
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "page.html").write_bytes(GOOD_HTML[2].read_bytes())
    (root / "page_files").mkdir()
    (root / "page_files" / "style.css").write_text("body{}")
    expected.update(
        {
            "empty.html": "failed",
            "binary.dat": "failed",
            "huge.txt": "skipped",
            "article.pdf": "skipped",
            "korean_euckr.html": "parsed",
            "chinese_gb18030.html": "parsed",
            "utf16_bom.html": "parsed",
            "nested.html": "failed",
            "bomb.xml": "failed",
            "loop": "skipped",
            "page.html": "parsed",
            "page_files": "skipped",
        }
    )
    expected["truncated.html"] = "any"
    return expected


def test_malformed_corpus_every_file_once_good_records_kept(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    expected = _build_malformed(corpus)
    out, report_path = tmp_path / "library.jsonl", tmp_path / "report.json"
    proc = subprocess.run(
        [
            *(sys.executable, "-m", "msc_citations", "normalize", str(corpus), "--to", "jsonl", "--no-dedup"),
            *("--jobs", "2", "-o", str(out), "--report", str(report_path)),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr.decode()[-2000:]
    assert b"Traceback" not in proc.stderr
    report = json.loads(report_path.read_text())
    paths = [f["path"] for f in report["files"]]
    assert len(paths) == len(set(paths)) == len(expected)
    for entry in report["files"]:
        name = Path(entry["path"]).name
        assert Path(entry["path"]).is_absolute()
        if expected[name] != "any":
            assert entry["status"] == expected[name], entry
        if entry["status"] in ("failed", "skipped"):
            assert entry["reason"], entry
    titles = {json.loads(line)["title"] for line in out.read_text("utf-8").splitlines()}
    assert "근위축성 측삭경화증 환자에서 중간엽줄기세포 치료" in titles
    assert "骨髓间充质干细胞移植治疗急性脑梗死" in titles
    assert report["summary"]["by_status"]["failed"] >= 4


def test_rerun_gives_byte_identical_output(tmp_path: Path) -> None:
    for page in GOOD_HTML:
        (tmp_path / page.name).write_bytes(page.read_bytes())
    (tmp_path / "copy.html").write_bytes(GOOD_HTML[0].read_bytes())
    outputs = []
    for n in range(2):
        out = tmp_path.parent / f"out{n}.jsonl"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "msc_citations",
                "normalize",
                str(tmp_path),
                "--to",
                "jsonl",
                "--no-dedup",
                "-o",
                str(out),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    ids = [json.loads(line)["id"] for line in outputs[0].decode().splitlines()]
    assert len(ids) == len(set(ids)) == len(GOOD_HTML) + 1


class _HangingSource(BaseSource):
    """Test source: hangs on a marker, explodes memory on another."""

    name: ClassVar[str] = "test_hazard"
    label: ClassVar[str] = "test"
    priority: ClassVar[int] = 99
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text",)

    def detect(self, doc: Document) -> float:
        return 1.0 if doc.text.startswith(("HANG", "EXPLODE", "FINE")) else 0.0

    def parse(self, doc: Document) -> ParseResult:
        if doc.text.startswith("HANG"):
            time.sleep(3600)
        if doc.text.startswith("EXPLODE"):
            hoard = [bytearray(64 * 1024 * 1024) for _ in range(1000)]
            del hoard
        return ParseResult(records=[self.new_record(doc, title=doc.text.split("\n", 1)[0])])


@pytest.fixture
def hazard_source() -> Iterator[None]:
    register_source(_HangingSource)
    yield
    _registry.pop("test_hazard", None)


def _vm_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc for the memory figure")
def test_hanging_and_exploding_files_are_stopped_and_reported(tmp_path: Path, hazard_source: None) -> None:
    for n in range(6):
        (tmp_path / f"fine{n}.txt").write_text(f"FINE {n}\n")
    (tmp_path / "hang.txt").write_text("HANG\n")
    (tmp_path / "explode.txt").write_text("EXPLODE\n")
    start = time.monotonic()
    result = parse_folder(tmp_path, jobs=2, timeout=3, memory_bytes=_vm_bytes() + 512 * 1024**2)
    assert time.monotonic() - start < 60
    by_name = {Path(f.path).name: f for f in result.files}
    assert len(by_name) == 8
    assert by_name["hang.txt"].status == "failed"
    assert "longer than 3 s" in (by_name["hang.txt"].reason or "")
    assert by_name["explode.txt"].status == "failed"
    assert "memory" in (by_name["explode.txt"].reason or "")
    assert sorted(r.title for r in result.records if r.title) == [f"FINE {n}" for n in range(6)]


def test_include_exclude_and_incremental_cache(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for page in GOOD_HTML:
        (data / page.name).write_bytes(page.read_bytes())
    (data / "notes.txt").write_text("shopping list\n")
    result = parse_folder(data, jobs=0, include=["*.html"], exclude=["coins_*"])
    status = {Path(f.path).name: (f.status, f.reason) for f in result.files}
    assert status["notes.txt"] == ("skipped", "not matched by --include")
    assert status["coins_span.html"] == ("skipped", "excluded by --exclude")
    cache = tmp_path / "cache"
    first = parse_folder(data, jobs=0, include=["*.html"], cache_dir=cache)
    os.utime(data / GOOD_HTML[0].name)
    second = parse_folder(data, jobs=0, include=["*.html"], cache_dir=cache)
    assert [r.model_dump() for r in first.records] == [r.model_dump() for r in second.records]
    assert [f.to_json() for f in first.files] == [f.to_json() for f in second.files]


def test_cached_copies_of_one_page_keep_their_own_paths_down_to_related_records(tmp_path: Path) -> None:
    # Seed 000 carries ten related papers; two files with its bytes share one cache entry.
    seed = next((FIXTURES / "seeds").glob("000_*.txt"))
    data = tmp_path / "data"
    data.mkdir()
    for name in ("a.txt", "b.txt"):
        (data / name).write_bytes(seed.read_bytes())
    cache = tmp_path / "cache"
    first = parse_folder(data, jobs=0, cache_dir=cache)
    second = parse_folder(data, jobs=0, cache_dir=cache)
    assert [r.model_dump() for r in second.records] == [r.model_dump() for r in first.records]
    for record in second.records:
        assert record.source is not None and record.related
        assert {rel.source.path for rel in record.related if rel.source} == {record.source.path}


def test_output_is_never_written_over_an_input(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(GOOD_HTML[0].read_bytes())
    proc = subprocess.run(
        [sys.executable, "-m", "msc_citations", "normalize", str(page), "-o", str(page), "--to", "jsonl"],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert b"refusing to write over an input" in proc.stderr
    assert page.read_bytes() == GOOD_HTML[0].read_bytes()


def test_records_are_records(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(GOOD_HTML[0].read_bytes())
    result = parse_folder(tmp_path, jobs=0)
    assert all(isinstance(r, Record) for r in result.records)
    assert result.summary()["by_status"]["parsed"] == 1
