"""Splitting a structured abstract into its labelled sections."""

from __future__ import annotations

import re

from ..model import AbstractSection
from ._data import load_json

ABSTRACT_LABELS: tuple[str, ...] = tuple(sorted(load_json("abstract_labels.json")["labels"], key=len, reverse=True))
_AS_LISTED = frozenset(ABSTRACT_LABELS)
# The first word of every label: a candidate position is only tried when its word is one.
_FIRST_WORDS = frozenset(re.split(r"[\s,]", label, maxsplit=1)[0].casefold() for label in ABSTRACT_LABELS)
_WORD_AT = re.compile(r"[【\[]?\s?([^\W\d_]{1,30})")
MIN_LABELS = 2
"""An abstract is split only when at least this many distinct labels are found."""

_ALTERNATION = "|".join(re.escape(label).replace(r"\ ", r"\s") for label in ABSTRACT_LABELS)
# A label, then a colon (any case), or a space and a capital/digit (Title Case or CAPITALS only,
# checked in code), or CJK brackets around it.
_LABEL = re.compile(
    rf"[【\[]\s?(?P<bracketed>{_ALTERNATION})\s?[】\]]\s?"
    rf"|(?<![\w-])(?P<label>{_ALTERNATION})(?:(?P<colon>\s?(?:[:：—–]|-(?=\s)))\s?|(?P<dot>\.)?\s(?-i:(?=[A-Z0-9(\u4e00-\u9fff])))",
    re.IGNORECASE,
)
_SENTENCE_END = frozenset(".!?。)]】\n;；")
# Where a section can start: the text's start, or just after a sentence end before a capital,
# a CJK character or an opening bracket. Labels are only tried there, so a long abstract
# costs a few anchored matches, not a scan per character.
_CANDIDATE = re.compile(r"[.!?。)\]】\n;；][ \t]{0,3}(?=[A-Z\u3400-\u9fff\uac00-\ud7a3【\[])")
_CJK = re.compile(r"[\u4e00-\u9fff\uac00-\ud7a3]")


def _is_heading(text: str, match: re.Match[str]) -> bool:
    """Whether a label occurrence starts a section (not a word inside a sentence)."""
    before = text[max(0, match.start() - 8) : match.start()].rstrip(" \t")
    if before and before[-1] not in _SENTENCE_END:
        return False
    if match.group("bracketed"):
        return True
    label = match.group("label")
    if match.group("colon"):
        return True
    if _CJK.search(label):
        return True  # the pattern required a colon or a space after it: 结果显示 is a sentence
    label = re.sub(r"\s+", " ", label)
    return label.isupper() or label in _AS_LISTED or label == label.capitalize()


def split_abstract(text: str) -> list[AbstractSection]:
    """The labelled sections of a structured abstract, labels as printed; ``[]`` when the text
    is not structured. Text before the first label on the same paragraph becomes a section
    without a label; whole paragraphs before it (a site's summary) stay in the abstract only.

    >>> [s.label for s in split_abstract("BACKGROUND: a. METHODS: b. RESULTS: c.")]
    ['BACKGROUND', 'METHODS', 'RESULTS']
    >>> [s.label for s in split_abstract("Objective To test. Methods In this trial. Results showed x.")]
    ['Objective', 'Methods']
    """
    if not text or len(text) < 10:
        return []
    starts = [0, *(m.end() for m in _CANDIDATE.finditer(text))]
    heads: list[re.Match[str]] = []
    for pos in starts:
        word = _WORD_AT.match(text, pos)
        if word is None or word.group(1).casefold() not in _FIRST_WORDS:
            continue
        match = _LABEL.match(text, pos)
        if match and (not heads or match.start() >= heads[-1].end()) and _is_heading(text, match):
            heads.append(match)
    labels = {(m.group("bracketed") or m.group("label")).casefold() for m in heads}
    if len(labels) < MIN_LABELS:
        return []
    sections: list[AbstractSection] = []
    preamble = text[: heads[0].start()].strip()
    if "\n" in text[: heads[0].start()]:
        preamble = text[: heads[0].start()].rsplit("\n", 1)[1].strip()
    if preamble:
        sections.append(AbstractSection(label=None, text=preamble))
    for i, match in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        body = text[match.end() : end].strip()
        label = re.sub(r"\s+", " ", match.group("bracketed") or match.group("label"))
        if body:
            sections.append(AbstractSection(label=label, text=body))
    return sections
