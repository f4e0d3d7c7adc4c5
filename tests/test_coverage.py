"""What the directory must hold: losing any of it fails here."""

from __future__ import annotations

import pytest

from tipcli.data.load import load
from tipcli.data.model import Directory, Organisation
from tipcli.data.text import normalize

DIRECTORY = load().directory


def organisation_named(term: str, directory: Directory = DIRECTORY) -> Organisation:
    """The one organisation whose name, acronym or alias is `term`."""
    wanted = normalize(term)
    found = [
        org
        for org in directory.organisations
        if wanted
        in {normalize(org.name), normalize(org.acronym)}
        | {normalize(alias.name) for alias in org.aliases}
    ]
    assert len(found) == 1, f"{term!r} names {len(found)} organisations"
    return found[0]


REQUIRED_ORGANISATIONS = {
    # Departments, agencies, White House offices and officials.
    "DOS": "department", "State Department": "department", "Treasury": "department",
    "DOD": "department", "DOJ": "department", "DOI": "department", "USDA": "department",
    "DOL": "department", "HHS": "department", "DOT": "department", "ED": "department",
    "DoEd": "department", "DHS": "department", "USTR": "agency", "USAID": "agency",
    "EEOC": "agency", "ODNI": "agency", "OMB": "white-house-office",
    "NSC": "white-house-office", "Domestic Policy Council": "white-house-office",
    "Director of Central Intelligence": "official", "LSC": "nonprofit-corporation",
    # Components.
    "G/TIP": "office", "TIP Office": "office", "Reports and Political Affairs": "section",
    "International Programs": "section", "Public Engagement": "section", "PRM": "bureau",
    "ICE": "bureau", "USCIS": "bureau", "Human Smuggling and Trafficking Unit": "unit",
    "Civil Rights Division": "division", "Criminal Section": "section", "HTPU": "unit",
    "CEOS": "section", "OJP": "office", "BJA": "bureau", "OVC": "office", "BJS": "bureau",
    "NIJ": "office", "OJJDP": "office", "OLP": "office", "FBI": "bureau",
    "U.S. Attorneys' Offices": "office", "ILAB": "bureau",
    "Office of Child Labor, Forced Labor and Human Trafficking": "office", "WHD": "division",
    "ETA": "administration", "OTIP": "office", "Office of Refugee Resettlement": "office",
    "Office of Safe and Drug-Free Schools": "office", "Food and Nutrition Service": "bureau",
    "DOD Inspector General": "office", "Parole and Humanitarian Assistance Office": "office",
    # Bodies and networks.
    "PITF": "interagency-body", "SPOG": "interagency-body", "HSTC": "interagency-centre",
    "Anti-Human Trafficking Task Forces": "task-force-network", "ICAC": "task-force-network",
    "Research & Data": "committee", "Grantmaking Committee": "committee",
    "Public Awareness & Outreach": "committee", "Victims Services": "committee",
    "Procurement & Supply Chains": "committee", "Public Affairs Committee": "committee",
    "Ad Hoc Working Group on American Indians and Alaska Natives": "working-group",
    # Partners.
    "NCMEC": "nongovernmental-organisation", "IOM": "international-organisation",
    "ILO": "international-organisation", "Northeastern University": "academic-institution",
    "World Vision": "nongovernmental-organisation",
}  # fmt: skip


@pytest.mark.parametrize(("term", "kind"), REQUIRED_ORGANISATIONS.items())
def test_organisation_is_present(term: str, kind: str) -> None:
    assert organisation_named(term).kind == kind


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        ("ICE", "DHS"), ("USCIS", "DHS"), ("PRM", "DOS"), ("CEOS", "Criminal Division"),
        ("G/TIP", "Under Secretary for Democracy and Global Affairs"),
        ("Criminal Section", "Civil Rights Division"), ("BJA", "OJP"), ("OTIP", "HHS"),
        ("Office of Child Labor, Forced Labor and Human Trafficking", "ILAB"),
        ("SPOG", "PITF"), ("Public Engagement", "G/TIP"),
    ],
)  # fmt: skip
def test_parent(child: str, parent: str) -> None:
    assert organisation_named(child).parent == organisation_named(parent).id


def test_every_department_and_partner_has_responsibilities() -> None:
    """Organisations that act against trafficking say what they do."""
    silent = {
        org.id
        for org in DIRECTORY.organisations
        if not org.responsibilities
        and org.kind not in {"official", "white-house-office", "division"}
    }
    # ODNI's part is its seat on the PITF and at the HSTC, both recorded as memberships;
    # of the SPOG's Public Affairs Committee the 2012 page gives only the name.
    assert silent == {"odni", "spog-public-affairs"}


REQUIRED_PROGRAMS = [
    "tip-report", "ag-annual-report", "usg-assessment", "dol-worst-forms", "dol-goods-list",
    "dol-products-list", "rescue-restore", "blue-campaign", "t-visa", "u-visa",
    "continued-presence", "hhs-letters", "htrs", "innocence-lost", "operation-predator",
    "return-reintegration", "federal-strategic-action-plan", "task-force-initiative",
]  # fmt: skip


@pytest.mark.parametrize("program_id", REQUIRED_PROGRAMS)
def test_program_is_present_with_who_runs_it(program_id: str) -> None:
    program = next(p for p in DIRECTORY.programs if p.id == program_id)
    # The 2013 plan is the one programme whose authors the record does not name.
    assert program.operators or program_id == "federal-strategic-action-plan"


def test_hotlines_with_numbers_exactly_as_published() -> None:
    published = {
        hotline.id: [(n.number, n.dialable) for n in hotline.numbers]
        for hotline in DIRECTORY.hotlines
    }
    assert published == {
        "nhth": [("888-3737-888", "+18883737888"), ("1-888-3737-888", "+18883737888")],
        "ice-tip-line": [("1-866-DHS-2-ICE", "+18663472423")],
        "crt-complaint-line": [("1-888-428-7581", "+18884287581")],
        "vawa-helpline": [("802-527-4888", "+18025274888")],
    }


def test_hotline_name_change_is_kept_with_dates() -> None:
    nhth = next(h for h in DIRECTORY.hotlines if h.id == "nhth")
    assert nhth.name == "National Human Trafficking Hotline"
    assert nhth.name_sources == ("federal-2015", "pitf-2019")
    assert {(a.name, a.sources) for a in nhth.aliases if a.type == "name"} == {
        ("National Human Trafficking Resource Center", ("factsheet-2007",)),
        ("trafficking information and referral hotline", ("tipr-2005",)),
    }


def test_laws_and_what_they_created() -> None:
    laws = {law.id: law for law in DIRECTORY.laws}
    assert laws["tvpa-2000"].citation == "P.L. 106-386"
    assert laws["tvpra-2003"].citation == "P.L. 108-193"
    assert laws["protect-act"].acronym == "PROTECT Act"
    assert {laws[i].name for i in ("tda-2000", "irtpa-2004")} == {
        "Trade and Development Act of 2000",
        "Intelligence Reform Act and Terrorism Prevention Act of 2004",
    }
    created = {(p.entity, p.relation) for p in laws["tvpa-2000"].provisions}
    assert {("dos-gtip", "created"), ("pitf", "authorized")} <= created
    assert ("spog", "created") in {(p.entity, p.relation) for p in laws["tvpra-2003"].provisions}
    assert ("hstc", "created") in {(p.entity, p.relation) for p in laws["irtpa-2004"].provisions}


def _members(body: str, source: str) -> set[str]:
    return {m.member for m in DIRECTORY.memberships if m.body == body and source in m.sources}


def test_pitf_membership_as_the_2005_report_lists_it() -> None:
    assert _members("pitf", "tipr-2005") == {
        "dos", "doj", "dol", "hhs", "dhs", "dci", "omb", "usaid",
    }  # fmt: skip


def test_pitf_membership_as_the_later_page_lists_it() -> None:
    assert _members("pitf", "pitf-2019") == {
        "dos", "treasury", "dod", "doj", "doi", "usda", "dol", "hhs", "dot", "ed", "dhs",
        "ustr", "usaid", "eeoc", "odni", "omb", "nsc", "dpc",
    }  # fmt: skip


def test_chairs_are_recorded_with_their_sources() -> None:
    chairs = {(m.body, m.member, m.title) for m in DIRECTORY.memberships if m.role == "chair"}
    assert ("pitf", "dos", "Secretary of State") in chairs
    assert (
        "spog",
        "dos-gtip",
        "Director of the Office to Monitor and Combat Trafficking in Persons",
    ) in chairs


def test_hstc_partners_then_and_later() -> None:
    assert _members("hstc", "tipr-2005") == {"dos", "dhs", "doj"}
    assert _members("hstc", "federal-2015") == {"dos", "doj", "dhs", "odni"}


def test_sources_are_the_five_documents_with_their_dates() -> None:
    assert [(s.id, s.date, s.date_inferred) for s in DIRECTORY.sources] == [
        ("tipr-2005", "2005-06-03", False),
        ("factsheet-2007", "2007-12-20", False),
        ("about-2012", "2012-01", True),
        ("federal-2015", "2015", True),
        ("pitf-2019", "2019-11", True),
    ]
