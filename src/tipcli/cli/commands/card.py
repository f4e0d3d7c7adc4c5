"""An organisation's card: `tip agency`, the command scripts call most, in a module
of its own so that it loads nothing else."""

from typing import Annotated

import typer

from tipcli.cli import batch
from tipcli.cli.apps import app
from tipcli.cli.complete import complete_organisations
from tipcli.cli.options import AsOfOption, joined, lookup_options
from tipcli.cli.output import Output


@app.command()
@lookup_options
def agency(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(
            help="An acronym, name, alias or part of a name, in any case; '-' reads one a line.",
            metavar="QUERY...",
            autocompletion=complete_organisations,
            show_default=False,
        ),
    ],
    as_of: AsOfOption = None,
    *,
    out: Output,
) -> None:
    """Show what an agency or office does, with its sources.

    The card gives the name, kind and parent chain, a summary, its responsibilities
    with topics, its programmes and reports, hotlines (its own and its components'),
    the bodies it sits on, its components, figures, dated events, and the documents
    cited; with --as-of, only what documents of that year or earlier say, under the
    names used then. A query that matches several organisations lists them; one that
    matches none suggests the closest names. Either way nothing is printed on stdout, and the
    exit code is 1.

    With '-' as the query, each line of standard input is a query, answered with
    --jsonl on a line of its own: {"query": ..., "answer": CARD} or {"query": ...,
    "error": MESSAGE, "exit_code": N}. The exit code is then 1 if any had no answer.

    Example: tip agency "homeland security"
    """
    from tipcli.query.cards import agency_card
    from tipcli.query.lookups import Asker

    words = joined(query) or ""
    if words != batch.STDIN:
        out.emit(Asker(out.data).ask(lambda lookups: agency_card(lookups, words, as_of)))
        return
    from tipcli.query import ready
    from tipcli.render.records import Encoded, card, card_text

    batch.require_jsonl(out)
    asker = Asker(out.data)
    # A large directory's cards of the newest record, kept ready after its first batch.
    cards = ready.kept(asker.key) if as_of is None else None

    def answer(line: str) -> object:
        kept = cards.card_for(line) if cards is not None else None
        if kept is not None:
            return Encoded(kept)
        return card(asker.ask(lambda lookups: agency_card(lookups, line, as_of)))

    def keep() -> None:
        if cards is None and as_of is None:
            ready.keep_after(asker.key, card_text)

    batch.answer_each(answer, cards.read_ahead if cards is not None else None, after=keep)
