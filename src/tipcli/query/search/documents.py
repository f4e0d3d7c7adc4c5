"""Every statement worth finding, as search documents."""

from tipcli.data.model import Organisation
from tipcli.query.index import Index
from tipcli.query.search.words import stems_of
from tipcli.query.views import Document


def _names(*texts: str) -> tuple[tuple[str, ...], ...]:
    # "G/TIP" is one word to a reader, so the slash goes before tokenizing.
    return tuple(tuple(stems_of(text.replace("/", ""))) for text in texts if text)


def _org_names(org: Organisation) -> tuple[tuple[str, ...], ...]:
    return _names(org.name, org.acronym, *(alias.name for alias in org.aliases))


def documents(index: Index) -> list[Document]:
    """Every statement worth finding, in a stable order."""
    docs: list[Document] = []
    directory = index.directory
    for org in directory.organisations:
        names = _org_names(org)
        title = index.display_name(org.id)
        docs.append(
            Document("organisation", org.id, title, org.summary, (org.id,), (), org.sources, names)
        )
        for duty in org.responsibilities:
            docs.append(
                Document(
                    "responsibility",
                    org.id,
                    title,
                    duty.text,
                    (org.id,),
                    duty.topics,
                    duty.sources,
                    names,
                )
            )
    for program in directory.programs:
        operators = tuple(dict.fromkeys(op.organisation for op in program.operators))
        names = _names(program.name, program.acronym, *(a.name for a in program.aliases))
        docs.append(
            Document(
                "program",
                program.id,
                index.display_name(program.id),
                program.summary,
                operators,
                program.topics,
                program.sources,
                names,
            )
        )
    for hotline in directory.hotlines:
        operators = tuple(dict.fromkeys(op.organisation for op in hotline.operators))
        names = _names(hotline.name, *(a.name for a in hotline.aliases))
        text = f"{hotline.purpose} For: {hotline.audience}"
        docs.append(
            Document(
                "hotline",
                hotline.id,
                hotline.name,
                text,
                operators,
                hotline.topics,
                hotline.sources,
                names,
            )
        )
    for law in directory.laws:
        names = _names(law.name, law.acronym, *(a.name for a in law.aliases))
        docs.append(
            Document(
                "law", law.id, index.display_name(law.id), law.summary, (), (), law.sources, names
            )
        )
    for figure in directory.figures:
        orgs = tuple(s for s in figure.subjects if s in index.organisations)
        title = ", ".join(index.display_name(s) for s in figure.subjects)
        docs.append(
            Document(
                "figure",
                figure.subjects[0],
                title,
                f"{figure.text} ({figure.period})",
                orgs,
                figure.topics,
                figure.sources,
                (),
            )
        )
    return docs
