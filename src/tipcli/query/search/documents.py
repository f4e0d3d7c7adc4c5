"""Every statement worth finding, as search documents."""

from tipcli.data.model import Figure, Hotline, Law, Operator, Organisation, Program
from tipcli.query.asof import newest_number
from tipcli.query.index import Index
from tipcli.query.search.words import stems_of
from tipcli.query.views import Document


def _names(*texts: str) -> tuple[tuple[str, ...], ...]:
    # "G/TIP" is one word to a reader, so the slash goes before tokenizing.
    return tuple(tuple(stems_of(text.replace("/", ""))) for text in texts if text)


def documents(index: Index) -> list[Document]:
    """Every statement worth finding, in a stable order: each organisation's summary and
    responsibilities, then programmes, hotlines, laws and figures."""
    directory = index.directory
    docs = [doc for org in directory.organisations for doc in _organisation(index, org)]
    docs += [_program(index, program) for program in directory.programs]
    docs += [_hotline(index, hotline) for hotline in directory.hotlines]
    docs += [_law(index, law) for law in directory.laws]
    docs += [_figure(index, figure) for figure in directory.figures]
    return docs


def _organisation(index: Index, org: Organisation) -> list[Document]:
    names = _names(org.name, org.acronym, *(alias.name for alias in org.aliases))
    title = index.display_name(org.id)
    summary = Document(
        "organisation", org.id, title, org.summary, (org.id,), (), org.sources, names
    )
    duties = [
        Document(
            "responsibility", org.id, title, duty.text, (org.id,), duty.topics, duty.sources, names
        )
        for duty in org.responsibilities
    ]
    return [summary, *duties]


def _operators(operators: tuple[Operator, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(op.organisation for op in operators))


def _program(index: Index, program: Program) -> Document:
    names = _names(program.name, program.acronym, *(a.name for a in program.aliases))
    title = index.display_name(program.id)
    operators = _operators(program.operators)
    return Document(
        "program", program.id, title, program.summary, operators, program.topics,
        program.sources, names,
    )  # fmt: skip


def _hotline(index: Index, hotline: Hotline) -> Document:
    names = _names(hotline.name, *(a.name for a in hotline.aliases))
    number = newest_number(index, hotline).number
    # An audience ends with a full stop of its own.
    text = f"{hotline.purpose} For: {hotline.audience.rstrip('.')}. Call {number}."
    operators = _operators(hotline.operators)
    return Document(
        "hotline", hotline.id, hotline.name, text, operators, hotline.topics, hotline.sources,
        names,
    )  # fmt: skip


def _law(index: Index, law: Law) -> Document:
    names = _names(law.name, law.acronym, *(a.name for a in law.aliases))
    title = index.display_name(law.id)
    return Document("law", law.id, title, law.summary, (), (), law.sources, names)


def _figure(index: Index, figure: Figure) -> Document:
    orgs = tuple(s for s in figure.subjects if s in index.organisations)
    title = ", ".join(index.display_name(s) for s in figure.subjects)
    text = f"{figure.text} ({figure.period})"
    # A figure is found by the names of what it counts, as a statement is by the names
    # of its organisation: "T visa applications" finds the count of T visa applications.
    names = tuple(name for s in figure.subjects for name in _subject_names(index, s))
    return Document(
        "figure", figure.subjects[0], title, text, orgs, figure.topics, figure.sources, names
    )


def _subject_names(index: Index, entity_id: str) -> tuple[tuple[str, ...], ...]:
    entity = (
        index.organisations.get(entity_id)
        or index.programs.get(entity_id)
        or index.laws.get(entity_id)
    )
    if entity is None:
        return ()
    return _names(entity.name, entity.acronym, *(a.name for a in entity.aliases))
