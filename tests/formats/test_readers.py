"""Readers on files other tools wrote: Web of Science and PubMed-derived RIS, BOM and CRLF,
CNKI's EndNote export, BibLaTeX, Zotero's CSL-JSON, PubMed's .nbib."""

from __future__ import annotations

import codecs
import gc
from pathlib import Path

import pytest

from msc_citations.errors import FormatError
from msc_citations.formats import dumps, loads, readable_formats

SAMPLES = Path(__file__).parent.parent / "fixtures" / "formats"


def _sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def test_every_export_format_is_readable() -> None:
    assert {"ris", "bibtex", "csl-json", "nbib", "refer", "jsonl"} <= set(readable_formats())


def test_web_of_science_ris() -> None:
    (rec,) = loads(_sample("wos_chung2021.ris"), "ris")
    assert rec.title == "Efficacy and Safety of Intravenous Mesenchymal Stem Cells for Ischemic Stroke"
    # Full names (AF) win over the abbreviated AU list.
    assert [(p.family, p.given) for p in rec.authors[:3]] == [
        ("Chung", "Jong-Won"),
        ("Chang", "Won Hyuk"),
        ("Bang", "Oh Young"),
    ]
    assert len(rec.authors) == 9
    assert rec.journal == "NEUROLOGY"
    assert rec.journal_abbrev == "NEUROLOGY"
    assert (rec.year, rec.volume, rec.issue) == (2021, "96", "7")
    assert (rec.page_first, rec.page_last, rec.pages) == ("E1012", "E1023", "E1012-E1023")
    assert rec.doi == "10.1212/WNL.0000000000011440"
    assert rec.keywords == ["CLINICALLY IMPORTANT DIFFERENCE", "STROMAL CELLS", "RECOVERY"]
    assert rec.extra["ris"]["TC"] == ["125"]
    assert rec.extra["ris"]["M3"] == ["Article"]


def test_pubmed_derived_ris() -> None:
    (rec,) = loads(_sample("pubmed_bang2005.ris"), "ris")
    assert rec.pmid == "15929052"
    assert rec.doi == "10.1002/ana.20501"
    assert rec.title == "Autologous mesenchymal stem cell transplantation in stroke patients."
    # PubMed-style names stay literal for the names step ("Bang OY" is never family "OY").
    assert [p.literal for p in rec.authors] == ["Bang OY", "Lee JS", "Lee PH", "Lee G"]
    assert (rec.journal, rec.journal_abbrev) == ("Annals of neurology", "Ann Neurol")
    assert (rec.year, rec.month) == (2005, 6)
    assert (rec.page_first, rec.page_last) == ("874", "82")
    assert rec.issn == ["0364-5134"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", [False, True])
def test_ris_with_bom_and_crlf(newline: str, bom: bool) -> None:
    raw = _sample("pubmed_bang2005.ris").replace("\n", newline).encode("utf-8")
    text = (codecs.BOM_UTF8 + raw if bom else raw).decode("utf-8")
    (rec,) = loads(text, "ris")
    assert rec.pmid == "15929052"
    assert rec.url == "https://pubmed.ncbi.nlm.nih.gov/15929052/"


def test_ris_accession_number_of_another_database_is_no_pmid() -> None:
    (rec,) = loads("TY  - JOUR\nTI  - T\nAN  - 612345678\nDB  - Embase\nER  - \n", "ris")
    assert rec.pmid is None
    assert rec.extra["ris"]["AN"] == ["612345678"]


def test_cnki_endnote_export() -> None:
    first, second = loads(_sample("cnki_export.txt"), "refer")
    assert first.title == "基于色彩心理学的花境营造浅析"
    assert [p.literal for p in first.authors] == ["刘芷君"]
    assert first.keywords == ["园林", "花境", "色彩", "色彩心理学"]
    assert first.pages == "118-120+123"
    assert first.page_first is None
    assert first.doi == "10.14051/j.cnki.xdyy.2024.16.040"
    assert first.issn == ["1006-4958"]
    assert (first.year, first.volume, first.issue) == (2024, "47", "16")
    assert first.extra["refer"]["%W"] == ["CNKI"]
    assert first.extra["refer"]["%L"] == ["36-1287/S"]
    # Three authors packed into one %A line.
    assert [p.literal for p in second.authors] == ["蔺卿", "罗格平", "陈曦"]
    assert second.issue == "05"
    assert (second.page_first, second.page_last) == ("81", "89")


def test_cnki_names_packed_with_commas() -> None:
    (rec,) = loads("%0 Journal Article\n%A 郝国强,李星莹；包蕾\n%T 题名\n%W CNKI\n", "refer")
    assert [p.literal for p in rec.authors] == ["郝国强", "李星莹", "包蕾"]


def test_biblatex() -> None:
    (rec,) = loads(_sample("biblatex_bang2005.bib"), "bibtex")
    assert rec.id == "bang2005"
    assert rec.journal == "Annals of Neurology"
    assert rec.journal_abbrev == "Ann Neurol"
    assert (rec.year, rec.month) == (2005, 6)
    assert rec.pmid == "15929052"
    assert rec.language == "english"
    assert (rec.page_first, rec.page_last) == ("874", "882")
    assert [(p.family, p.given) for p in rec.authors] == [
        ("Bang", "Oh Young"),
        ("Lee", "Jin Soo"),
        ("Lee", "Phil Hyu"),
        ("Lee", "Gwang"),
    ]


def test_bibtex_latex_and_name_forms() -> None:
    text = r"""@Article{k1,
      author = "M{\"u}ller, J{\"o}rg and {World Health Organization} and Oh Young Bang and van der Berg, Anna",
      title = {The {MSC} trial -- a {\'e}tude},
      month = jun, year = 2005, pages = {E1--E9}, note = {PMID: 1}}"""
    (rec,) = loads(text, "bibtex")
    assert rec.title == "The MSC trial – a étude"
    assert [(p.family, p.given, p.literal) for p in rec.authors] == [
        ("Müller", "Jörg", None),
        (None, None, "World Health Organization"),
        ("Bang", "Oh Young", None),
        ("van der Berg", "Anna", None),
    ]
    assert (rec.month, rec.year, rec.page_first, rec.page_last) == (6, 2005, "E1", "E9")
    assert rec.pmid == "1"


def test_bibtex_unterminated_brace_is_a_clear_error() -> None:
    with pytest.raises(FormatError, match="line 2"):
        loads("@article{k,\n title = {never closed\n", "bibtex")


def test_zotero_csl_json() -> None:
    first, second = loads(_sample("zotero_bang2005.json"), "csl-json")
    assert first.id == "15929052"
    assert first.volume == "57"
    assert (first.year, first.month) == (2005, 6)
    assert first.pmid == "15929052"
    assert first.journal_abbrev == "Ann Neurol"
    assert first.extra["csl"]["source"] == "PubMed"
    assert (second.year, second.month) == (2005, 6)
    assert (second.authors[0].family, second.authors[0].given) == ("van der Berg", "Anna")


def test_csl_json_must_be_json() -> None:
    with pytest.raises(FormatError):
        loads("not json", "csl-json")


def test_pubmed_nbib_reads_through_the_medline_parser() -> None:
    text = (
        "PMID- 15929052\nOWN - NLM\nDP  - 2005 Jun\nTI  - Autologous mesenchymal stem cell transplantation in\n"
        "      stroke patients.\nPG  - 874-82\nLID - 10.1002/ana.20501 [doi]\nFAU - Bang, Oh Young\nAU  - Bang OY\n"
        "PT  - Journal Article\nTA  - Ann Neurol\nJT  - Annals of neurology\n"
    )
    (rec,) = loads(text.replace("\n", "\r\n"), "nbib")
    assert rec.title == "Autologous mesenchymal stem cell transplantation in stroke patients."
    assert (rec.pmid, rec.doi, rec.pages) == ("15929052", "10.1002/ana.20501", "874-82")
    # An abbreviated last page is left for the pages step to expand, not split wrongly.
    assert rec.page_last is None
    assert (rec.authors[0].family, rec.authors[0].given) == ("Bang", "Oh Young")


def test_nbib_writes_the_tags_the_medline_reader_reads() -> None:
    from msc_citations.formats.nbib import TAGS
    from msc_citations.sources.pubmed_medline import MEDLINE_TAGS

    for field, tag in TAGS.items():
        assert MEDLINE_TAGS[tag].field == field, tag


def test_read_records_go_to_the_oldest_collector_generation() -> None:
    # Records read are moved past the young generations (no pass walks them on the way)
    # and the collector is left as it was found.
    assert gc.isenabled()
    (rec,) = loads(_sample("wos_chung2021.ris"), "ris")
    assert gc.get_freeze_count() == 0
    assert any(obj is rec for obj in gc.get_objects(generation=2))
    assert gc.isenabled()


def test_reading_leaves_the_programs_frozen_objects_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        loads(_sample("wos_chung2021.ris"), "ris")
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_writing_does_not_promote_the_programs_young_objects() -> None:
    (rec,) = loads(_sample("wos_chung2021.ris"), "ris")
    young = [[] for _ in range(3)]  # made after reading: not yet in the oldest generation
    dumps([rec], "ris")
    assert not any(obj is young for obj in gc.get_objects(generation=2))
