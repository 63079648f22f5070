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
    "IND/IDE Protocol 여부": "ind",
    "임상연구 요양급여 적용 신청 여부": "healthcare_benefit",
    "최초제출일": "first_submitted",
    "First Submitted Date": "first_submitted",
    "최종갱신일": "last_updated",
    "Last Updated Date": "last_updated",
    "Registered at Other Registry": "other_registry",
    "타등록시스템 등록여부": "other_registry",
    "Study Site": "site_kind",
    "State of First Enrollment": "enrollment_state",
    "Data Monitoring Committee": "dmc",
    "위원회명": "irb_name",
    "위원회주소": "irb_address",
    **dict.fromkeys(
        (
            "Skip to content", "About CRIS", "Search", "Basic Search", "Advanced Search", "Search by Topics",
            "Condition(s)/Problem(s)", "Intervention Type", "Recently Registered", "Recently Updated", "FAQ",
            "Statistics", "Registration Data Set", "Contact Us", "Background Information", "1.Background",
            "Healthcare Benefit", "Approval Status", "Institutional Review Board Information",
            "2. Institutional Review Board/Ethics Committee", "Institutional Review Board", "Contact Details",
            "3.Contact Details", "Contact Person for Principal Investigator / Scientific Queries",
            "Contact Person for Public Queries", "Contact Person for Updating Information", "Status",
            "4. Status Status", "연구정보 국문", "상태 등록", "1. 연구개요", "연구개요", "2. 임상연구윤리심의",
            "임상연구윤리심의",
        ),
        "furniture",
    ),
}  # fmt: skip
PAGE = RegistryPage(
    registry="CRiS",
    labels=LABELS,
    id_pattern=ID_PATTERN,
    language="Korean",
    language_code="ko",
    notices=("CRIS 필수등록항목", "WHO ICTRP (International Clinical Trial Registry Platform)에서"),
    inline_space=True,
)


class CrisSource(BaseSource):
    """CRIS study pages (English and Korean)."""

    name: ClassVar[str] = "cris"
    label: ClassVar[str] = "Korea Clinical Research Information Service (CRIS) study page"
    priority: ClassVar[int] = 60
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")
    max_score: ClassVar[float] = 0.95

    def detect(self, doc: Document) -> float:
        """CRIS labels and a KCT id."""
        return marker_score(doc, MARKERS, ID_PATTERN)

    def parse(self, doc: Document) -> ParseResult:
        """One clinical-trial record."""
        return parse_registry_page(PAGE, doc, self.provenance(doc))
