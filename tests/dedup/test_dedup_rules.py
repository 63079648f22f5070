"""Duplicate rules on small hand-built record sets: identifiers, guards, text quirks."""

from __future__ import annotations

from pathlib import Path

import pytest

from msc_citations.dedup import deduplicate
from msc_citations.dedup.explain import explain
from msc_citations.model import Person, Provenance, Record, RegistryId

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def rec(rid: str, title: str, **kw: object) -> Record:
    authors = kw.pop("authors", ["Bang OY", "Lee JS"])
    assert isinstance(authors, list)
    return Record.model_validate({"id": rid, "title": title, "authors": [{"literal": a} for a in authors], **kw})


def merged(records: list[Record]) -> list[list[str]]:
    return [c for c in deduplicate(records).clusters if len(c) > 1]


TITLE = "Autologous mesenchymal stem cell transplantation in stroke patients"


def test_shared_container_doi_does_not_merge_different_papers() -> None:
    # Two abstracts of one supplement share the supplement's DOI.
    doi = "10.1111/ene.12345"
    a = rec("a", "Intravenous stem cells improve motor recovery after stroke", doi=doi, year=2015, pages="S12")
    b = rec("b", "Intrathecal riluzole slows decline in amyotrophic lateral sclerosis", doi=doi, year=2015, pages="S13")
    result = deduplicate([a, b])
    assert [c for c in result.clusters if len(c) > 1] == []


def test_same_doi_and_title_merge_across_formats() -> None:
    a = rec("a", TITLE, doi="10.1002/ana.20501", year=2005, volume="57", pages="874-82")
    b = rec("b", TITLE.upper() + ".", doi="https://doi.org/10.1002/ANA.20501", year=2005)
    assert merged([a, b]) == [["a", "b"]]


@pytest.mark.parametrize("field", ["pmid", "doi"])
def test_conflicting_identifiers_never_merge(field: str) -> None:
    values = {"pmid": ("15937826", "15937827"), "doi": ("10.1002/ana.20501", "10.1002/ana.20502")}[field]
    a = rec("a", TITLE, year=2005, volume="57", pages="874-82", **{field: values[0]})
    b = rec("b", TITLE, year=2006, volume="57", pages="874-82", **{field: values[1]})
    result = deduplicate([a, b])
    assert all(len(c) == 1 for c in result.clusters)
    assert [(p.a, p.b) for p in result.maybe_pairs] == [("a", "b")]
    assert "different" in result.maybe_pairs[0].evidence


def test_one_article_under_two_dois_merges_only_when_everything_else_is_identical() -> None:
    # Springer's legacy and current DOI of one 1997 article.
    a = rec("a", TITLE, year=1997, volume="92", pages="426-34", doi="10.1007/bf00796217")
    b = rec("b", TITLE, year=1997, volume="92", pages="426-434", doi="10.1007/s003950050053")
    c = rec("c", TITLE, year=1997, volume="92", pages="426-40", doi="10.1007/s003950050099")
    # A recurring column of one volume: same page range, but another issue.
    d = rec("d", TITLE, year=1997, volume="92", issue="4", pages="426-34", doi="10.1007/s003950050100")
    e = rec("e", TITLE, year=1997, volume="92", issue="2", pages="426-34", doi="10.1007/s003950050101")
    assert merged([a, b, c]) == [["a", "b"]]
    assert merged([d, e]) == []


def test_two_dois_of_one_article_when_the_abstract_or_authors_vouch_for_it() -> None:
    abstract = "Ischemic preconditioning protects the heart; the sarcolemmal channel is required. " * 3
    jci = {"year": 2002, "volume": "109", "issue": "4"}
    # A year-stamped DOI of the same article (JCI), the abstract worded slightly apart.
    a = rec(
        "a", "Role of sarcolemmal K(ATP) channels", pages="509-16", doi="10.1172/jci14270", abstract=abstract, **jci
    )
    b = rec(
        "b",
        "Role of sarcolemmal KATP channels",
        pages="509-516",
        doi="10.1172/JCI200214270",
        **jci,
        abstract=abstract.replace("; the", ": the"),
    )
    # A mangled DOI, one author list cut short, the abstract identical.
    authors = ["Perricone AJ", "Bivona BJ", "Jackson FR", "Vander Heide RS"]
    jaha = {"year": 2013, "volume": "2", "issue": "5", "pages": "e000457"}
    c = rec("c", TITLE, authors=authors, doi="10.1161/jaha.113.000457", abstract=abstract, **jaha)
    d = rec("d", TITLE, authors=[*authors[:3], "Heide R"], doi="10.1161/JAHA.e000457", abstract=abstract, **jaha)
    # Different abstracts under different DOIs stay apart, however alike the rest.
    other = "A different study of another channel in the mouse heart. " * 3
    e = rec("e", TITLE, authors=authors, doi="10.1161/jaha.113.000999", abstract=other, **jaha)
    assert merged([a, b]) == [["a", "b"]]
    assert merged([c, d]) == [["c", "d"]]
    assert merged([d, e]) == []


def test_cjk_titles_with_full_width_punctuation() -> None:
    a = rec(
        "a",
        "间充质干细胞治疗缺血性脑卒中的临床研究：一项随机对照试验",
        year=2019,
        journal="中华神经科杂志",
        pages="12-18",
    )
    b = rec(
        "b",
        "间充质干细胞治疗缺血性脑卒中的临床研究:一项随机对照试验",
        year=2019,
        journal="中华神经科杂志",
        pages="12-8",
    )
    c = rec(
        "c",
        "间充质干细胞治疗出血性脑卒中的临床研究：一项随机对照试验",
        year=2019,
        journal="中华神经科杂志",
        pages="30-35",
    )
    assert merged([a, b, c]) == [["a", "b"]]


def test_all_caps_journal_and_abbreviation_match() -> None:
    a = rec("a", TITLE, year=2005, journal="ANNALS OF NEUROLOGY", volume="57")
    b = rec("b", TITLE, year=2005, journal="Ann Neurol", volume="57")
    assert merged([a, b]) == [["a", "b"]]


def test_epub_and_print_year_merge_but_two_years_apart_do_not() -> None:
    a = rec("a", TITLE, year=2004, journal="Ann Neurol", volume="57", pages="874-82")
    b = rec("b", TITLE, year=2005, journal="Ann Neurol", volume="57", pages="874-882")
    c = rec("c", TITLE, year=2007, journal="Ann Neurol")
    assert merged([a, b, c]) == [["a", "b"]]


def test_versions_of_one_updated_review_merge_across_years() -> None:
    # A Cochrane review, its update (.pub2) and a copy naming it only by its number.
    title = "Allergen immunotherapy for asthma"
    journal = "Cochrane Database Syst Rev"
    a = rec("a", title, year=2003, journal=journal, pages="CD001186", doi="10.1002/14651858.CD001186")
    b = rec("b", title.upper(), year=2010, journal=journal, pages="CD001186", doi="10.1002/14651858.CD001186.pub2")
    c = rec("c", title, year=2000, journal="Cochrane database of systematic reviews (Online)", pages="CD001186")
    # Another review with the same title pattern but its own number stays apart.
    d = rec(
        "d", "Allergen immunotherapy for rhinitis", year=2010, journal=journal, doi="10.1002/14651858.CD009999.pub2"
    )
    # Outside a versioned DOI, the same title years apart is still two records.
    e = rec("e", title, year=2014, journal="Ann Neurol", volume="57", pages="874-82")
    assert merged([a, b, c, d, e]) == [["a", "b", "c"]]


def test_editions_of_a_year_numbered_chapter_merge_only_with_their_authors() -> None:
    journal = "BMJ Clin Evid"
    a = rec("a", "Head lice", authors=["Burgess I. F.", "Silverston P."], year=2015, journal=journal, volume="2015")
    b = rec("b", "Head lice", authors=["Burgess I. F."], year=2011, journal=journal, volume="2011")
    c = rec("c", "Head lice", authors=["Proctor M. L."], year=2008, journal=journal, volume="2008")
    # The same title years apart in a journal with numbered volumes is two articles.
    d = rec("d", "Dementia", authors=["Warner J. P."], year=2010, journal="Ann Neurol", volume="57")
    e = rec("e", "Dementia", authors=["Warner J. P."], year=2014, journal="Ann Neurol", volume="61")
    assert merged([a, b, c, d, e]) == [["a", "b"]]


def test_erratum_noted_after_the_title_is_an_erratum() -> None:
    # Web of Science titles an erratum "<article title> (vol 27, pg 305, 2017)".
    doi = "10.1007/s11065-017-9366-0"
    a = rec("a", "Correction to: " + TITLE, year=2017, volume="27", pages="326-327", doi=doi)
    b = rec("b", TITLE + " (vol 27, pg 305, 2017)", year=2017, volume="27", pages="326-327", doi=doi)
    c = rec("c", TITLE, year=2017, volume="27", pages="305-325", doi="10.1007/s11065-017-9345-5")
    assert merged([a, b, c]) == [["a", "b"]]


def test_withdrawn_or_retracted_item_is_the_item_itself() -> None:
    doi = "10.1155/2014/786463"
    a = rec("a", TITLE, year=2014, doi=doi)
    b = rec("b", TITLE + " (Retracted article. See art no 3860745, 2018)", year=2014, doi=doi)
    c = rec("c", "WITHDRAWN: " + TITLE, year=2014, doi=doi)
    d = rec("d", "Retraction note to: " + TITLE, year=2018, doi=doi)
    assert merged([a, b, c, d]) == [["a", "b", "c"]]


def test_doi_with_a_punctuation_slip_or_doubled_prefix_is_the_same_doi() -> None:
    a = rec("a", TITLE, year=2013, journal="Food Nutr Res", volume="57", doi="10.3402/fnr.v57i0.21245")
    b = rec("b", TITLE, year=2013, journal="Food Nutr Res", volume="57", doi="10.3402/fnrv57i0.21245")
    c = rec("c", TITLE, year=2013, journal="Food Nutr Res", volume="57", doi="10.3402/10.3402/fnr.v57i0.21245")
    d = rec("d", TITLE, year=2013, journal="Food Nutr Res", volume="57", doi="10.3402/fnr.v57i0.21246")
    assert merged([a, b, c, d]) == [["a", "b", "c"]]


def test_misprinted_page_range_merges_but_adjacent_articles_do_not() -> None:
    a = rec("a", TITLE, year=2010, journal="Cancer Biol Ther", volume="9", pages="678-684")
    b = rec("b", TITLE, year=2010, journal="Cancer Biol Ther", volume="9", pages="676-682")
    # The next article of the issue shares at most its first page with this one.
    c = rec("c", TITLE, year=2010, journal="Cancer Biol Ther", volume="9", pages="684-690")
    assert merged([a, b, c]) == [["a", "b"]]


def test_misprinted_supplement_range_with_one_doi_merges_when_one_copy_lacks_the_volume() -> None:
    doi = "10.1038/jp.2016.31"
    a = rec("a", TITLE, year=2016, journal="J Perinatol", pages="S36-48", doi=doi)
    b = rec("b", TITLE, year=2016, journal="Journal of Perinatology", volume="36", pages="S35-S47", doi=doi)
    # Without the shared DOI the missing volume leaves too little to go on.
    c = rec("c", TITLE, year=2016, journal="J Perinatol", pages="S36-48")
    d = rec("d", TITLE, year=2016, journal="Journal of Perinatology", volume="36", pages="S35-S47")
    assert merged([a, b]) == [["a", "b"]]
    assert merged([c, d]) == []


def test_volume_written_as_the_year_does_not_conflict() -> None:
    a = rec("a", TITLE, year=2016, journal="Harvard Business Review", volume="2016", issue="5")
    b = rec("b", TITLE, year=2016, journal="Harv Bus Rev", volume="94", issue="5", pages="35")
    c = rec("c", TITLE, year=2016, journal="Harvard Business Review", volume="93", issue="5")
    assert merged([a, b]) == [["a", "b"]]
    assert merged([b, c]) == []


def test_chaining_guard_keeps_two_papers_apart() -> None:
    # b has no pages, so it matches both a and c; a and c start on different pages.
    a = rec("a", TITLE, year=2005, journal="Ann Neurol", volume="57", pages="874-82")
    b = rec("b", TITLE, year=2005, journal="Ann Neurol", volume="57")
    c = rec("c", TITLE, year=2005, journal="Ann Neurol", volume="57", pages="901-09")
    clusters = deduplicate([a, b, c]).clusters
    together = next(c for c in clusters if "a" in c)
    assert "c" not in together


def test_mojibake_title_and_authors_match_clean_copy() -> None:
    a = rec("a", "Kognitive Störungen nach Schlaganfall", authors=["KÃ¶nig R.", "MÃ¼ller K."], year=2018, pages="6-10")
    b = rec("b", "Kognitive StÃ¶rungen nach Schlaganfall", authors=["König R.", "Müller K."], year=2018, pages="06-Oct")
    assert merged([a, b]) == [["a", "b"]]


def test_endnote_run_together_authors_match_split_authors() -> None:
    from msc_citations.dedup.authors import split_authors

    joined = split_authors("Adeli K.Lewis G. F.")
    a = rec("a", "Intestinal lipoprotein overproduction in insulin-resistant states", authors=joined, year=2008)
    b = rec(
        "b",
        "Intestinal lipoprotein overproduction in insulin-resistant states.",
        authors=["Adeli, Khosrow", "Lewis, Gary F."],
        year=2008,
        volume="19",
        pages="221-228",
    )
    a = a.model_copy(update={"volume": "19", "pages": "221-8"})
    assert joined == ["Adeli K.", "Lewis G. F."]
    assert merged([a, b]) == [["a", "b"]]


def test_erratum_tag_on_the_article_itself_does_not_split_it() -> None:
    # A commentary that one database titles with the note of the article it comments on,
    # which reads as an erratum's note: same DOI and pages, so the same item.
    doi = "10.1017/s0033291719000746"
    a = rec("a", TITLE, year=2019, volume="49", pages="1583-1584", doi=doi)
    b = rec("b", TITLE + " (vol 49, pg 1624, 2019)", year=2019, volume="49", pages="1583-1584", doi=doi.upper())
    # The real correction notice has a DOI and a page of its own.
    c = rec("c", "Correction to: " + TITLE, year=2019, volume="49", pages="1585", doi="10.1017/s0033291719000999")
    assert merged([a, b, c]) == [["a", "b"]]


def test_translated_title_with_the_original_on_its_own_line() -> None:
    where = {"year": 2002, "journal": "Anaesthesiol Reanim", "volume": "27", "issue": "5"}
    english = "Myocardial protection by volatile anaesthetics"
    a = rec(
        "a",
        "Myocardial protection by volatile anesthetics",
        pages="116-23",
        authors=["Preckel B.", "Mullenheim J.", "Schlack W."],
        **where,
    )
    b = rec(
        "b",
        f"{english}. German\nMyokardprotektion durch Inhalationsanasthetika",
        pages="116-123",
        authors=["Preckel V. B.", "Mullenheim J.", "Schlack W."],
        **where,
    )
    assert merged([a, b]) == [["a", "b"]]


def test_erratum_is_not_a_duplicate_of_its_article() -> None:
    a = rec("a", TITLE, year=2005, journal="Ann Neurol", volume="57")
    b = rec("b", "Erratum: " + TITLE, year=2005, journal="Ann Neurol", volume="57")
    assert merged([a, b]) == []


def test_merged_field_provenance_and_merged_from() -> None:
    pubmed = rec(
        "pm",
        TITLE,
        year=2005,
        pmid="15937826",
        mesh_terms=["Stroke/therapy"],
        source=Provenance(parser="pubmed", path="a.html"),
    )
    index = rec(
        "ci",
        TITLE,
        year=2005,
        pmid="15937826",
        abstract="Mesenchymal stem cell (MSC) transplantation improves recovery from ischemic stroke in animals.",
        source=Provenance(parser="chinese_index", path="b.txt"),
    )
    result = deduplicate([index, pubmed])
    (out,) = result.records
    assert out.source is not None
    assert out.source.fields["mesh_terms"] == "pubmed"
    assert out.source.fields["abstract"] == "chinese_index"
    assert [(m.id, m.parser, m.path) for m in out.merged_from] == [
        ("ci", "chinese_index", "b.txt"),
        ("pm", "pubmed", "a.html"),
    ]
    assert result.merges[0].links and "same pmid" in result.merges[0].links[0][2]


def test_registration_and_publication_are_linked_not_merged() -> None:
    reg = Record(
        id="nct",
        type="clinical-trial",
        title="Intravenous autologous MSC in chronic stroke",
        registry_ids=[RegistryId(registry="ClinicalTrials.gov", id="NCT01716481")],
    )
    paper = Record(
        id="paper",
        title="Efficacy and Safety of Intravenous Mesenchymal Stem Cells for Ischemic Stroke",
        authors=[Person(family="Chung", given="Jong-Won")],
        registry_ids=[RegistryId(registry="ClinicalTrials.gov", id="NCT01716481")],
    )
    other = Record(id="other", title="Unrelated trial report")
    result = deduplicate([reg, paper, other])
    assert len(result.records) == 3
    by_id = {r.id: r for r in result.records}
    assert by_id["nct"].study_id == by_id["paper"].study_id == "study:NCT01716481"
    assert [(x.relation, x.id) for x in by_id["nct"].links] == [("publication", "paper")]
    assert [(x.relation, x.id) for x in by_id["paper"].links] == [("registration", "nct")]
    assert by_id["other"].study_id is None


def test_copies_of_one_registration_merge_on_the_registry_id_alone() -> None:
    # The same ClinicalTrials.gov record from a mirror page (brief title, no dates) and from
    # the API (official title, registration year): one registration.
    nct = [RegistryId(registry="ClinicalTrials.gov", id="NCT02163876")]
    mirror = Record(
        id="mirror",
        type="clinical-trial",
        title="Study of Human CNS Stem Cell Transplantation in ALS",
        registry_ids=nct,
    )
    api = Record(
        id="api",
        type="clinical-trial",
        title="Phase II Study of Human Central Nervous System (CNS) Stem Cell Transplantation in Amyotrophic Lateral Sclerosis",
        year=2014,
        registry_ids=nct,
    )
    other = Record(
        id="other",
        type="clinical-trial",
        title="Study of Human CNS Stem Cell Transplantation in ALS",
        registry_ids=[RegistryId(registry="ClinicalTrials.gov", id="NCT01730716")],
    )
    result = deduplicate([mirror, api, other])
    assert [c for c in result.clusters if len(c) > 1] == [["mirror", "api"]]
    assert "the same trial registration" in explain(result, "mirror")


def test_two_papers_of_one_trial_stay_apart() -> None:
    nct = [RegistryId(registry="ClinicalTrials.gov", id="NCT01716481")]
    protocol = rec(
        "protocol", "Rationale and design of a trial of intravenous MSC in stroke", year=2013, registry_ids=nct
    )
    results = rec("results", "Efficacy and safety of intravenous MSC for ischemic stroke", year=2021, registry_ids=nct)
    assert merged([protocol, results]) == []


def test_a_study_reported_by_many_records_keeps_links_bounded() -> None:
    from msc_citations.dedup.studies import LINKS_CAP, link_studies

    reg_id = [RegistryId(registry="ClinicalTrials.gov", id="NCT01716481")]
    papers = [Record(id=f"p{k}", title=f"Report {k}", registry_ids=reg_id) for k in range(3 * LINKS_CAP)]
    reg = Record(id="nct", type="clinical-trial", title="Registration", registry_ids=reg_id)
    out = link_studies([*papers, reg])
    assert {r.study_id for r in out} == {"study:NCT01716481"}
    assert max(len(r.links) for r in out) == LINKS_CAP
    # The registration comes first in every report's links, wherever it sat in the input.
    assert all(r.links[0].id == "nct" for r in out[:-1])
    assert all(x.id != r.id for r in out for x in r.links)


def test_seed_000_related_entries_2_and_3_merge() -> None:
    # Entries [2] and [3] of seed 000's related list: one meta-analysis in two styles.
    two = Record(
        title="Efficacy and safety of mesenchymal stem cells in patients with acute ischemic stroke: a meta-analysis",
        authors=[Person(literal=n) for n in ("Huanjia Huang", "Jian Zhang", "Jinmei Lin", "Shengliang Shi")],
        journal="BMC Neurology",
        volume="24",
    )
    three = Record(
        title="Efficacy and safety of mesenchymal stem cells in patients with acute ischemic stroke: a meta-analysis",
        authors=[Person(family=f, given=g) for f, g in (("Huang", "Huanjia"), ("Zhang", "Jian"), ("Lin", "Jinmei"))],
        journal="BMC NEUROLOGY",
        year=2024,
        volume="24",
        issue="01",
    )
    one = Record(
        title="Efficacy of Intravenous Mesenchymal Stem Cells for Motor Recovery After Ischemic Stroke",
        authors=[Person(family="Lee", given="Jungsoo")],
        journal="STROKE",
        year=2022,
        volume="53",
        issue="01",
        pages="20-28",
    )
    result = deduplicate([one, two, three])
    assert [len(c) for c in result.clusters] == [1, 2]


def test_seed_000_parsed_related_entries() -> None:
    from msc_citations import parse_file

    page = parse_file(SEEDS / "000_38dd110a39ae33e6.txt").records[0]
    if len(page.related) < 3:
        pytest.skip("the seed's related list is not parsed yet")
    result = deduplicate(page.related)
    assert [c for c in result.clusters if len(c) > 1] == [["#1", "#2"]]


def test_no_two_seeds_merge() -> None:
    from msc_citations import parse_file

    records = [r for path in sorted(SEEDS.glob("*.txt")) for r in parse_file(path).records]
    assert len(records) >= 5
    result = deduplicate(records)
    assert all(len(c) == 1 for c in result.clusters)


def test_registration_listing_a_paper_among_its_references_links_it() -> None:
    reg = Record(
        id="reg",
        type="clinical-trial",
        title="Stem cell therapy in chronic stroke",
        registry_ids=[RegistryId(registry="CRIS", id="KCT0000001")],
        related=[Record(pmid="15937826", title="Autologous MSC transplantation in stroke patients")],
    )
    paper = Record(id="paper", title=TITLE, pmid="15937826", year=2005)
    by_id = {r.id: r for r in deduplicate([reg, paper]).records}
    assert by_id["reg"].study_id == by_id["paper"].study_id == "study:KCT0000001"
    assert [(x.relation, x.id) for x in by_id["paper"].links] == [("registration", "reg")]
