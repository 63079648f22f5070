"""The documentation cannot rot: every example in README.md and docs/*.md runs, the generated
reference pages and the JSON Schema are current, and the site builds without warnings.

- ```` ```console ```` blocks: each ``$ `` line is a command, run with bash (globs and
  redirections as a user types them) in a scratch working copy: ``tests``, ``src`` and the
  other top-level entries are links to the repository, ``docs`` is a copy, and outputs land
  in the scratch folder. The commands of one page run in order in one folder, so a recipe can
  read what the previous one wrote. A leading ``msc-citations`` or ``python`` runs with the
  current interpreter. Every command must exit with 0, or with N when the line before the
  block is ``<!-- exit-code: N -->``. Other lines in the block are sample output, not checked.
- ```` ```pycon ```` blocks run as doctests (ELLIPSIS, NORMALIZE_WHITESPACE) from the
  repository root; the blocks of one page share their names.
- ```` ```python ```` blocks run as scripts from the repository root, except includes
  (``--8<--``) of files the suite tests anyway.
- README's main command (between ``<!-- main-command -->`` markers) runs without its
  venv/pip prefix and must write the five seed records as RIS.
"""

from __future__ import annotations

import contextlib
import doctest
import importlib.util
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
EXIT_MARK = re.compile(r"<!--\s*exit-code:\s*(\d{1,3})\s*-->\s*$")
MAIN_COMMAND = re.compile(r"<!-- main-command -->\s*```[^\n]*\n(?P<cmd>.*?)\n```", re.DOTALL)
LINKED = ("tests", "src", "bench", "pyproject.toml", "mkdocs.yml", "README.md", "CHANGELOG.md")
COPIED = ("docs",)
BUILTIN_TOOLS = frozenset({"msc-citations", "python", "export", "cd", "echo", "set", "unset"})
"""Run with this interpreter, or bash builtins: always available."""
COMMAND_TIMEOUT = 600
DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
REGENERATE = "run `python -m msc_citations.docgen docs/reference`"


@dataclass(frozen=True)
class Block:
    """One fenced code block of a page."""

    path: Path
    lang: str
    body: str
    line: int
    exit_code: int


def blocks(path: Path) -> list[Block]:
    """Every fenced block of ``path`` with its language and expected exit code."""
    text = path.read_text(encoding="utf-8")
    out = []
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip().splitlines()
        mark = EXIT_MARK.search(before[-1]) if before else None
        line = text.count("\n", 0, match.start()) + 1
        out.append(Block(path, match["lang"], match["body"], line, int(mark[1]) if mark else 0))
    return out


def _pages_with(lang: str) -> list[Path]:
    return [p for p in DOC_FILES if any(b.lang == lang for b in blocks(p))]


def _bin_dir() -> str:
    return str(Path(sys.executable).parent)


def shell_command(command: str) -> str:
    """The command with a leading ``msc-citations`` or ``python`` bound to this interpreter."""
    exe = shlex.quote(sys.executable)
    command = re.sub(r"(?<![\w./-])msc-citations(?=\s|$)", f"{exe} -m msc_citations", command)
    return re.sub(r"(?<![\w./-])python(?=\s|$)", exe, command)


def tool_of(command: str) -> str:
    """The program a command line runs (after any ``NAME=value`` assignments)."""
    words = [w for w in shlex.split(command, posix=True) if not re.match(r"^[A-Z_][A-Z0-9_]*=", w)]
    return words[0] if words else ""


def working_copy(folder: Path) -> Path:
    """A scratch folder that looks like the repository root: links, and a copy of docs."""
    for name in LINKED:
        (folder / name).symlink_to(ROOT / name)
    for name in COPIED:
        shutil.copytree(ROOT / name, folder / name)
    return folder


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run one documented command with bash in ``cwd``, away from the user's cache."""
    env = {**os.environ, "PATH": _bin_dir() + os.pathsep + os.environ.get("PATH", "")}
    env |= {"MSC_CITATIONS_CACHE_DIR": str(cwd / ".http-cache"), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("MSC_CITATIONS_EMAIL", None)
    return subprocess.run(
        ["bash", "-c", shell_command(command)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize("page", _pages_with("console"), ids=lambda p: p.name)
def test_console_examples_run(page: Path, tmp_path: Path) -> None:
    cwd = working_copy(tmp_path)
    missing: list[str] = []
    for block in (b for b in blocks(page) if b.lang == "console"):
        commands = [line[2:] for line in block.body.splitlines() if line.startswith("$ ")]
        assert commands, f"{page.name}:{block.line}: a console block without a `$ ` command"
        for command in commands:
            tool = tool_of(command)
            if (
                tool not in BUILTIN_TOOLS
                and shutil.which(tool, path=_bin_dir() + os.pathsep + os.environ["PATH"]) is None
            ):
                missing.append(f"{tool} (for `{command}`)")
                continue
            done = run(command, cwd)
            assert done.returncode == block.exit_code, (
                f"{page.name}:{block.line}: `{command}` exited {done.returncode}, expected {block.exit_code}\n"
                f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
            )
    if missing:
        pytest.skip(f"not installed, so not run: {', '.join(missing)}")


@pytest.mark.parametrize("page", _pages_with("pycon"), ids=lambda p: p.name)
def test_pycon_examples_pass_as_doctests(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    source = "\n".join(b.body for b in blocks(page) if b.lang == "pycon")
    test = doctest.DocTestParser().get_doctest(source, {}, page.name, str(page), 0)
    assert test.examples, f"{page.name}: pycon blocks without >>> examples"
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
    runner.run(test, out=out.write)
    assert runner.failures == 0, out.getvalue()


@pytest.mark.parametrize("page", _pages_with("python"), ids=lambda p: p.name)
def test_python_examples_run(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for block in (b for b in blocks(page) if b.lang == "python"):
        if block.body.lstrip().startswith("--8<--"):
            continue  # an include of a module or test file that the suite runs itself
        code = compile(block.body, f"{page.name}:{block.line}", "exec")
        with contextlib.redirect_stdout(io.StringIO()):
            exec(code, {"__name__": "__docs__"})


def test_readme_main_command_writes_the_seed_records_as_ris(tmp_path: Path) -> None:
    match = MAIN_COMMAND.search((ROOT / "README.md").read_text(encoding="utf-8"))
    assert match, "README.md has no <!-- main-command --> block"
    parts = [p.strip() for p in match["cmd"].split("&&")]
    parse = next(p for p in parts if "msc-citations parse" in p)
    command = re.sub(r"^\S*/(?=msc-citations\b)", "", parse)
    assert command.startswith("msc-citations parse ") and "-o seeds.ris" in command
    done = run(command, working_copy(tmp_path))
    assert done.returncode == 0, done.stderr
    lines = (tmp_path / "seeds.ris").read_text(encoding="utf-8").splitlines()
    assert sum(line.startswith("TY  - ") for line in lines) == 5
    assert sum(line.rstrip() == "ER  -" for line in lines) == 5


def test_every_page_has_its_examples_tested() -> None:
    """Commands and interpreter examples on the docs pages sit in blocks that run."""
    untested = [
        f"{b.path.name}:{b.line}"
        for page in DOC_FILES
        if page.parent.name == "docs"
        for b in blocks(page)
        if b.lang in ("", "bash", "sh", "shell") and b.body.startswith(("$ ", ">>> "))
    ]
    assert not untested, f"use ```console or ```pycon so these run: {untested}"


@pytest.mark.parametrize("name", ["schema.md", "cli.md", "sources.md", "exports.md"])
def test_generated_reference_page_is_current(name: str) -> None:
    from msc_citations.docgen import PAGES

    committed = (ROOT / "docs" / "reference" / name).read_text(encoding="utf-8")
    assert PAGES[name]() == committed, f"docs/reference/{name} is stale: {REGENERATE}"


def test_every_generated_page_is_checked() -> None:
    from msc_citations.docgen import PAGES

    assert sorted(PAGES) == ["cli.md", "exports.md", "schema.md", "sources.md"]


def test_json_schema_file_is_current() -> None:
    from msc_citations.schema import render_schema

    committed = (ROOT / "docs" / "citation.schema.json").read_text(encoding="utf-8")
    assert render_schema() == committed, "run `python -m msc_citations.schema docs/citation.schema.json`"


def test_changelog_keeps_an_unreleased_section() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert text.startswith("# Changelog")
    assert "## [Unreleased]" in text
    assert re.search(r"^## \[0\.1\.0\]", text, re.MULTILINE)


@pytest.mark.slow
def test_site_builds_without_warnings(tmp_path: Path) -> None:
    if importlib.util.find_spec("mkdocs") is None or importlib.util.find_spec("material") is None:
        pytest.skip("mkdocs and mkdocs-material are not installed: pip install -e '.[docs]'")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path)],
        cwd=ROOT,  # snippets (the changelog, the example source) are included relative to the root
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert "WARNING" not in done.stderr, done.stderr[-4000:]
    assert (tmp_path / "reference" / "sources" / "index.html").is_file()
