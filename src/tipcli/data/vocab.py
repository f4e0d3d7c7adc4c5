"""Controlled vocabularies fixed by the schema.

Topics are not here: they live in the data file (`[[topics]]`) so that a user's own
directory can add to them; everything else the code branches on is fixed.
"""

from __future__ import annotations

# Organisation kinds, grouped so that renderers and filters can ask "is this a body?".
FEDERAL_KINDS = {
    "department": "an executive department",
    "agency": "an independent federal agency, commission or office outside a department",
    "white-house-office": "an office of the Executive Office of the President",
    "official": "a federal position whose holder sits on a body in person",
}
COMPONENT_KINDS = {
    "bureau": "a bureau, service or agency within a department",
    "office": "an office within a department or agency",
    "division": "a division within a department or bureau",
    "section": "a section within a division or office",
    "unit": "a unit, team or programme office within a larger component",
    "administration": "an administration within a department",
    "command": "a military command or service",
}
INTERAGENCY_KINDS = {
    "interagency-body": "a task force or group that brings agencies together",
    "interagency-centre": "a centre staffed by several agencies",
    "committee": "a standing committee of an interagency body",
    "working-group": "a working group of an interagency body",
    "task-force-network": "a network of task forces across the country",
}
PARTNER_KINDS = {
    "international-organisation": "an intergovernmental organisation",
    "nongovernmental-organisation": "a non-profit or civil-society organisation",
    "academic-institution": "a university or research institute",
    "nonprofit-corporation": "a private non-profit corporation set up by Congress",
}
ORGANISATION_KINDS = {**FEDERAL_KINDS, **COMPONENT_KINDS, **INTERAGENCY_KINDS, **PARTNER_KINDS}

# Kinds that can have members (the `body` of a membership).
BODY_KINDS = frozenset(INTERAGENCY_KINDS)

PROGRAM_KINDS = {
    "report": "a report issued on a schedule",
    "publication": "a single publication, guide or fact sheet",
    "campaign": "a public awareness campaign",
    "program": "a standing programme of services or assistance",
    "grant-program": "a line of grants",
    "benefit": "an immigration status, letter or benefit a victim can receive",
    "initiative": "a time-bound initiative",
    "plan": "a strategy or action plan",
    "data-system": "a system that collects or analyses data",
    "conference": "a conference or training event",
    "training": "a course or training module",
    "resource": "a list of resources kept for the public",
}

LAW_KINDS = {
    "statute": "an act of Congress",
    "directive": "a presidential directive",
    "treaty": "an international convention or protocol",
}

# The "3P" paradigm the documents use (prevention, protection, prosecution), plus
# partnership, which later strategy documents add as a fourth.
PILLARS = {
    "prevention": "stopping trafficking before it happens",
    "protection": "identifying and assisting victims",
    "prosecution": "investigating and prosecuting traffickers",
    "partnership": "working across agencies, governments and civil society",
}

# What an organisation does for a programme or hotline.
OPERATOR_ROLES = {
    "runs": "runs or administers it",
    "funds": "pays for it",
    "produces": "writes or publishes it",
    "adjudicates": "decides applications for it",
    "authorizes": "grants it",
    "partner": "takes part in it with the organisation that runs it",
    "hosts": "hosts it",
    "coordinates": "coordinates it across agencies",
}

# What an alias is. Only other full names count when the directory shows what a thing
# was called in a given year; acronyms and variants are for finding it.
ALIAS_TYPES = {
    "name": "another full name a document uses, such as a former name",
    "acronym": "another acronym or initialism",
    "variant": "a short form, informal name or variant spelling",
    "common": "an acronym in standard use that no source document prints; it cites none",
}

# What an organisation is on a body.
MEMBERSHIP_ROLES = {
    "chair": "chairs the body",
    "member": "sits on the body",
    "founder": "set up the body",
    "lead": "leads the body or its units",
    "funder": "funds the body",
    "partner": "works with the body as a partner",
    "participant": "takes part in the body's work",
    "support": "gives the body training, technical help or data work",
}

# What a law did to an entity.
PROVISION_RELATIONS = {
    "created": "brought it into being",
    "authorized": "empowered someone to set it up",
    "mandated": "required it",
    "amended": "changed it",
}

EVENT_KINDS = {
    "law": "a law was passed or signed",
    "established": "a body, office or centre was set up",
    "launched": "a programme, campaign or initiative began",
    "published": "a report or publication came out",
    "policy": "an agency adopted a policy, rule or instruction",
    "treaty": "a treaty was adopted, signed or ratified",
    "meeting": "a body met or a conference was held",
    "award": "grants were awarded",
}
