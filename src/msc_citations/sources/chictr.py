"""Chinese Clinical Trial Registry (ChiCTR): bilingual study pages (``hvshowproject``,
``showproj``), Chinese labels with their English twins (注册号 / Registration number)."""

from __future__ import annotations

import re
from typing import ClassVar

from ..document import Document, DocumentKind
from ..results import ParseResult
from .base import BaseSource
from .trial_registry_text import RegistryPage, marker_score, parse_registry_page

ID_PATTERN = re.compile(r"ChiCTR(?:-[A-Z]{2,5}-\d{8}|\d{10,12}|-\d{8,10})")
MARKERS: tuple[str, ...] = ("注册号", "注册题目", "研究课题的正式科学名称", "申请注册联系人", "中国临床试验注册中心")
LABELS: dict[str, str] = {
    "注册号": "id",
    "Registration number": "id",
    "注册时间": "registration_date",
    "Date of Registration": "registration_date",
    "最近更新日期": "last_updated",
    "Date of Last Refreshed on": "last_updated",
    "注册号状态": "registration_status",
    "Registration Status": "registration_status",
    "注册题目": "title_local",
    "Public title": "title",
    "注册题目简写": "acronym",
    "English Acronym": "acronym",
    "研究课题的正式科学名称": "scientific_title",
    "Scientific title": "scientific_title",
    "研究课题代号(代码)": "org_id",
    "Study subject ID": "org_id",
    "在二级注册机构或其它机构的注册号": "secondary_ids",
    "The registration number of the Partner Registry or other register": "secondary_ids",
    "申请注册联系人": "applicant",
    "Applicant": "applicant",
    "研究负责人": "leader",
    "研究课题负责人": "leader",
    "Study leader": "leader",
    "申请注册联系人电话": "contact",
    "Applicant telephone": "contact",
    "研究负责人电话": "contact",
    "Study leader's telephone": "contact",
    "Study leader's": "contact",
    "telephone": "contact",
    "申请注册联系人传真": "contact",
    "Applicant Fax": "contact",
    "研究负责人传真": "contact",
    "Study leader's fax": "contact",
    "申请注册联系人电子邮件": "contact",
    "Applicant E-mail": "contact",
    "研究负责人电子邮件": "contact",
    "Study leader's E-mail": "contact",
    "申请单位网址(自愿提供)": "contact",
    "Applicant website(voluntary supply)": "contact",
    "研究负责人网址(自愿提供)": "contact",
    "Study leader's website(voluntary supply)": "contact",
    "申请注册联系人通讯地址": "contact",
    "研究负责人通讯地址": "contact",
    "Applicant address": "contact",
    "Study leader's address": "contact",
    "申请注册联系人邮政编码": "contact",
    "Applicant postcode": "contact",
    "研究类型": "study_type",
    "Study type": "study_type",
    "研究所处阶段": "phase",
    "Study phase": "phase",
    "研究设计": "allocation",
    "Study design": "allocation",
    "研究疾病": "conditions",
    "Target disease": "conditions",
    "干预措施": "interventions",
    "Intervention": "interventions",
    "Interventions": "interventions",
    "样本量": "enrollment",
    "Sample size": "enrollment",
    "征募研究对象情况": "status",
    "Recruiting status": "status",
    "组别": "arm",
    "Group": "arm",
    "干预措施代码": "intervention_code",
    "Intervention code": "intervention_code",
    "测量指标": "outcomes_header",
    "Outcomes": "outcomes_header",
    "指标中文名": "outcome_name",
    "Outcome": "outcome_name",
    "指标类型": "outcome_type",
    "Type": "outcome_type",
    "测量时间点": "outcome_time",
    "Measure time point of outcome": "outcome_time",
    "测量方法": "outcome_method",
    "Measure method": "outcome_method",
    "研究实施负责(组长)单位": "sponsor",
    "研究实施负责（组长）单位": "sponsor",
    "Primary sponsor": "sponsor",
    "试验主办单位(项目批准或申办者)": "sponsor_header",
    "经费或物资来源": "funding_source",
    "Source(s) of funding": "funding_source",
    "研究疾病代码": "condition_code",
    "Target disease code": "condition_code",
    "年龄范围": "ages",
    "性别": "sex",
    "Gender": "sex",
    "盲法": "masking",
    "Blinding": "masking",
    "单位(医院)": "site",
    "Institution hospital": "site",
    "Institution/hospital": "site",
    "市(区县)": "site_city",
    "City": "site_city",
    "省(直辖市)": "site_province",
    "Province": "site_province",
    "研究实施时间": "start_date",
    "Study execute time": "start_date",
    "研究目的": "objectives",
    "Objectives of Study": "objectives",
    "国家": "country",
    "Country": "country",
    "审核状态": "audit_status",
    "Project audit state": "audit_status",
}
PAGE = RegistryPage(
    registry="ChiCTR",
    labels=LABELS,
    id_pattern=ID_PATTERN,
    language="Chinese",
    language_code="zh",
    url_template="https://www.chictr.org.cn/searchproj.html?regno={id}",
)


class ChictrSource(BaseSource):
    """ChiCTR study pages (Chinese and bilingual)."""

    name: ClassVar[str] = "chictr"
    label: ClassVar[str] = "Chinese Clinical Trial Registry (ChiCTR) study page"
    priority: ClassVar[int] = 60
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")
    max_score: ClassVar[float] = 0.95

    def detect(self, doc: Document) -> float:
        """ChiCTR's Chinese labels and a ChiCTR id."""
        return marker_score(doc, MARKERS, ID_PATTERN)

    def parse(self, doc: Document) -> ParseResult:
        """One clinical-trial record."""
        return parse_registry_page(PAGE, doc, self.provenance(doc))
