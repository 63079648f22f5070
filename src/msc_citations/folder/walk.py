"""Finding the input files of a folder run: recursive, sorted, every path accounted for.

Browser asset folders (``page_files/`` beside ``page.html``), known non-citation files
(images, style sheets, scripts, fonts, office lock files) and links to directories are
returned as skipped with a reason, never silently passed over.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ASSET_DIR_SUFFIXES: tuple[str, ...] = ("_files", "-Dateien", "_archivos", "_fichiers", ".files", "_bestanden")
"""What browsers append to a saved page's name for its asset folder."""

NON_CITATION_SUFFIXES: dict[str, str] = {
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif", ".tiff"), "an image"),
    **dict.fromkeys((".css", ".js", ".mjs", ".map"), "a style sheet or script of a saved page"),
    **dict.fromkeys((".woff", ".woff2", ".ttf", ".otf", ".eot"), "a font"),
    **dict.fromkeys((".zip", ".gz", ".7z", ".rar", ".tar"), "an archive (unpack it first)"),
    **dict.fromkeys((".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx"), "an office document"),
    **dict.fromkeys((".mp4", ".mp3", ".wav", ".avi", ".mov"), "a media file"),
    ".pdf": "a PDF (save the article's page as HTML or text instead)",
}
IGNORED_NAMES: dict[str, str] = {
    ".DS_Store": "a macOS folder settings file",
    "Thumbs.db": "a Windows thumbnail cache",
    "desktop.ini": "a Windows folder settings file",
}


@dataclass(frozen=True, slots=True)
class FoundFile:
    """A path found under an input folder; ``skip_reason`` is set when it is not parsed."""

    path: Path
    skip_reason: str | None = None


def _is_asset_dir(path: Path) -> bool:
    name = path.name
    for suffix in ASSET_DIR_SUFFIXES:
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            parent = path.parent
            if any((parent / f"{stem}{ext}").exists() for ext in (".html", ".htm", ".mhtml", ".xhtml")):
                return True
    return False


def _matches(path: Path, root: Path, patterns: Sequence[str]) -> bool:
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(path.name, p) for p in patterns)


def _skip_reason(path: Path) -> str | None:
    if path.name in IGNORED_NAMES:
        return IGNORED_NAMES[path.name]
    if path.name.startswith("~$") or path.name.startswith(".~lock."):
        return "an office lock file"
    return NON_CITATION_SUFFIXES.get(path.suffix.lower())


def walk_inputs(
    roots: Iterable[str | Path],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Iterator[FoundFile]:
    """Every file under the given folders (or the files themselves), in sorted order.

    ``include`` globs keep only matching files (others are reported skipped); ``exclude``
    globs skip matching files and folders. Directory links are never followed, which also
    makes link loops harmless.
    """
    for root in roots:
        root = Path(root)
        if root.is_file() or not root.exists():
            yield FoundFile(root)
            continue
        yield from _walk_dir(root, include, exclude)


def _walk_dir(root: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterator[FoundFile]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=None):
        here = Path(dirpath)
        kept_dirs = []
        for d in sorted(dirnames):
            sub = here / d
            if sub.is_symlink():
                yield FoundFile(sub, "a link to a folder (not followed)")
            elif _is_asset_dir(sub):
                count = sum(len(files) for _, _, files in os.walk(sub))
                yield FoundFile(sub, f"the asset folder of a saved page ({count} files, not citations)")
            elif exclude and _matches(sub, root, exclude):
                yield FoundFile(sub, "excluded by --exclude")
            else:
                kept_dirs.append(d)
        dirnames[:] = kept_dirs
        for name in sorted(filenames):
            path = here / name
            if exclude and _matches(path, root, exclude):
                yield FoundFile(path, "excluded by --exclude")
            elif include and not _matches(path, root, include):
                yield FoundFile(path, "not matched by --include")
            elif path.is_symlink() and path.resolve().is_dir():
                yield FoundFile(path, "a link to a folder (not followed)")
            else:
                yield FoundFile(path, _skip_reason(path))
