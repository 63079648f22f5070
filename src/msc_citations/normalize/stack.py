"""Assembles :data:`msc_citations.normalize.DEFAULT_STACK` from the step modules."""

from __future__ import annotations

from . import DEFAULT_STACK

if not DEFAULT_STACK:
    DEFAULT_STACK.extend([])
