"""Writing an output file atomically: a reader never sees half a library.

The text goes to a temporary file beside the target, which is renamed over the target once
complete; on any error the temporary file is removed and the target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


def _default_mode() -> int:
    # mkstemp creates 0600 files; an export should get the mode any new file gets (0666
    # less the umask), as it would from open(). The umask can only be read by setting it.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_text_file(target: str | os.PathLike[str]) -> Iterator[TextIO]:
    """An open UTF-8 text stream whose content replaces ``target`` when the block ends
    without error (parent folders are created)."""
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _default_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
