"""Command-line identifiers: which service an item goes to."""

from __future__ import annotations

import pytest

from msc_citations.errors import FetchError
from msc_citations.fetch import parse_identifier


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("pmid:15929052", ("pmid", "15929052")),
        ("15929052", ("pmid", "15929052")),
        ("https://pubmed.ncbi.nlm.nih.gov/15929052/", ("pmid", "15929052")),
        ("doi:10.1002/ana.20501", ("doi", "10.1002/ana.20501")),
        ("10.1212/WNL.0000000000011440", ("doi", "10.1212/WNL.0000000000011440")),
        ("https://doi.org/10.1002/%28SICI%29x", ("doi", "10.1002/(SICI)x")),
        ("nct:nct04953663", ("nct", "NCT04953663")),
        ("https://clinicaltrials.gov/study/NCT04953663?tab=table", ("nct", "NCT04953663")),
        (
            "https://www.koreamed.org/SearchBasic.php?RID=0123",
            ("url", "https://www.koreamed.org/SearchBasic.php?RID=0123"),
        ),
    ],
)
def test_identifiers(item: str, expected: tuple[str, str]) -> None:
    assert parse_identifier(item) == expected


@pytest.mark.parametrize("item", ["ftp://example.org/a", "pmid:abc", "NCT123", "file:///etc/passwd", ""])
def test_not_identifiers(item: str) -> None:
    with pytest.raises(FetchError, match="not a pmid:, doi:, nct: identifier"):
        parse_identifier(item)
