"""UMIN-CTR study pages, Japanese (``ctr_view.cgi``, bilingual 日本語/英語 blocks) and English
(``ctr_e``, ``Label value`` on one line)."""

from __future__ import annotations

import re
from typing import ClassVar

from ..document import Document, DocumentKind
from ..results import ParseResult
from .base import BaseSource
from .trial_registry_text import RegistryPage, marker_score, parse_registry_page

ID_PATTERN = re.compile(r"UMIN\d{9}")
MARKERS: tuple[str, ...] = (
    "UMIN試験ID",
    "UMIN-CTR",
    "Unique ID issued by UMIN",
    "一般向け試験名",
    "受付番号",
    "Receipt No.",
)
LABELS: dict[str, str] = {
    "UMIN試験ID": "id",
    "Unique ID issued by UMIN": "id",
    "受付番号": "receipt",
    "Receipt No.": "receipt",
    "一般公開日(本登録希望日)": "registration_date",
    "Date of disclosure of the study information": "registration_date",
    "最終更新日": "last_updated",
    "Last modified on": "last_updated",
    "一般向け試験名/Public title": "title",
    "Public title": "title",
    "一般向け試験名略称/Acronym": "acronym",
    "Acronym": "acronym",
    "科学的試験名/Scientific Title": "scientific_title",
    "Scientific Title": "scientific_title",
    "科学的試験名略称/Scientific Title:Acronym": "acronym",
    "Scientific Title:Acronym": "acronym",
    "試験実施地域/Region": "country",
    "Region": "country",
    "対象疾患名/Condition": "conditions",
    "Condition": "conditions",
    "Recruitment status": "status",
    "進捗状況/Recruitment status": "status",
    "Developmental phase": "phase",
    "試験のフェーズ/Developmental phase": "phase",
    "Study type": "study_type",
    "試験の種類/Study type": "study_type",
    "Randomization": "allocation",
    "ランダム化/Randomization": "allocation",
    "Blinding": "masking",
    "ブラインド化/Blinding": "masking",
    "Primary outcomes": "primary_outcome",
    "主要アウトカム評価項目/Primary outcomes": "primary_outcome",
    "Key secondary outcomes": "secondary_outcome",
    "副次アウトカム評価項目/Key secondary outcomes": "secondary_outcome",
    "Target sample size": "enrollment",
    "目標参加者数/Target sample size": "enrollment",
    "Narrative objectives1": "objectives",
    "目的1/Narrative objectives1": "objectives",
    "Classification by specialty": "specialty",
    "Classification by malignancy": "malignancy",
    "Genomic information": "genomic",
    "Basic objectives2": "objective2",
    "Basic objectives -Others": "objective_other",
    "Trial characteristics_1": "characteristics",
    "Trial characteristics_2": "characteristics",
    "Basic design": "design",
    "Basic information": "furniture",
    "基本情報/Basic information": "furniture",
    "Objectives": "furniture",
    "目的/Objectives": "furniture",
    "Assessment": "furniture",
    "評価/Assessment": "furniture",
    "Base": "furniture",
    "基本事項/Base": "furniture",
    "Study design": "furniture",
    "試験デザイン/Study design": "furniture",
    "Name": "furniture",
    "UMIN ID": "furniture",
}
PAGE = RegistryPage(
    registry="UMIN-CTR",
    labels=LABELS,
    id_pattern=ID_PATTERN,
    language="Japanese",
    language_code="ja",
    inline_space=True,
)


class UminSource(BaseSource):
    """UMIN-CTR study pages (Japanese and English)."""

    name: ClassVar[str] = "umin"
    label: ClassVar[str] = "UMIN Clinical Trials Registry (UMIN-CTR) study page"
    priority: ClassVar[int] = 60
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")
    max_score: ClassVar[float] = 0.95

    def detect(self, doc: Document) -> float:
        """UMIN's labels and a UMIN id."""
        return marker_score(doc, MARKERS, ID_PATTERN)

    def parse(self, doc: Document) -> ParseResult:
        """One clinical-trial record."""
        return parse_registry_page(PAGE, doc, self.provenance(doc))
