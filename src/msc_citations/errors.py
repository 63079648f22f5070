"""Exceptions raised by msc_citations.

The tree::

    MscCitationsError
    ├── InputError            an input cannot be read at all
    │   ├── InputTooLarge     over the size cap
    │   └── DecodeError       bytes that are no text in any encoding tried
    ├── ParseError            no source could read an input, or the chosen one failed
    ├── UnknownSourceError    ``--source NAME`` names no registered source
    ├── FormatError           an export/import format is unknown or its data malformed
    └── FetchError            an HTTP lookup failed (network, status, size, garbage)

Every error that concerns a file carries ``path`` and ``reason`` so a CLI can print one
clear line: ``FILE: reason``.
"""

from __future__ import annotations


class MscCitationsError(Exception):
    """Base class of every error this library raises on purpose."""


class InputError(MscCitationsError):
    """An input could not be read (missing, unreadable, binary, empty)."""

    def __init__(self, path: str | None, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}" if path else reason)


class InputTooLarge(InputError):
    """An input is larger than the configured cap."""


class DecodeError(InputError):
    """An input's bytes could not be decoded as text."""


class ParseError(MscCitationsError):
    """No source could parse an input, or the forced source failed on it."""

    def __init__(self, path: str | None, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}" if path else reason)


class UnknownSourceError(MscCitationsError):
    """A source name that is not registered."""


class FormatError(MscCitationsError):
    """An unknown export/import format, or malformed data in a known one."""


class FetchError(MscCitationsError):
    """An HTTP lookup failed; ``url`` and ``reason`` say which and why."""

    def __init__(self, url: str | None, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}" if url else reason)
