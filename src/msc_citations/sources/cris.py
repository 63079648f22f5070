"""Korea Clinical Research Information Service (CRIS): study pages in English and Korean,
``Label value`` on one line, ids ``KCT0000000``."""

from __future__ import annotations

import re
from typing import ClassVar

from ..document import Document, DocumentKind
from ..results import ParseResult
from .base import BaseSource
from .trial_registry_text import RegistryPage, marker_score, parse_registry_page

ID_PATTERN = re.compile(r"KCT\d{7}")
MARKERS: tuple[str, ...] = (
    "CRIS Registration Number",
    "CRIS등록번호",
    "Unique Protocol ID",
    "연구고유번호",
    "요약제목",
)
LABELS: dict[str, str] = {
    "CRIS Registration Number": "id",
    "CRIS등록번호": "id",
    "Unique Protocol ID": "org_id",
    "연구고유번호": "org_id",
    "Public/Brief Title": "title",
    "요약제목": "title",
    "Scientific Title": "scientific_title",
    "연구제목": "scientific_title",
    "Acronym": "acronym",
    "연구약어명": "acronym",
    "Registered Date :": "registration_date",
    "Registered Date": "registration_date",
    "검토/등록일": "registration_date",
    "Overall Recruitment Status": "status",
    "전체 연구진행 상태": "status",
    "Date of First Enrollment": "start_date",
    "첫 연구대상자 등록일": "start_date",
    "Target Number of Participant": "enrollment",
    "목표 연구대상자수": "enrollment",
    "Study Completion Date": "completion_date",
    "연구종료일": "completion_date",
    "Primary Completion Date": "primary_completion",
    "Phase": "phase",
    "연구단계": "phase",
    "Study Type": "study_type",
    "연구종류": "study_type",
    "Board Approval Status": "irb_status",
    "Board Approval Number": "irb_number",
    "Approval Date": "irb_date",
    "승인상태": "irb_status",
    "승인번호": "irb_number",
    "승인일": "irb_date",
    "Name": "contact",
    "- Name": "contact",
    "- Title": "contact",
    "- Telephone": "contact",
    "- Affiliation": "contact",
    "- Address": "contact",
    "Title": "contact",
    "Telephone": "contact",
    "Affiliation": "contact",
    "Address": "contact",
    "MFDS Regulated Study": "regulated",
    "식약처규제연구": "regulated",
    "IND/IDE Protocol": "ind",
    "Registered at Other Registry": "other_registry",
    "타등록시스템 등록여부": "other_registry",
    "Study Site": "site_kind",
    "State of First Enrollment": "enrollment_state",
    "Data Monitoring Committee": "dmc",
    "위원회명": "irb_name",
    "위원회주소": "irb_address",
}
PAGE = RegistryPage(
    registry="CRiS",
    labels=LABELS,
    id_pattern=ID_PATTERN,
    language="Korean",
    language_code="ko",
    inline_space=True,
)


class CrisSource(BaseSource):
    """CRIS study pages (English and Korean)."""

    name: ClassVar[str] = "cris"
    label: ClassVar[str] = "Korea Clinical Research Information Service (CRIS) study page"
    priority: ClassVar[int] = 60
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")

    def detect(self, doc: Document) -> float:
        """CRIS labels and a KCT id."""
        return marker_score(doc, MARKERS, ID_PATTERN)

    def parse(self, doc: Document) -> ParseResult:
        """One clinical-trial record."""
        return parse_registry_page(PAGE, doc, self.new_record(doc))
