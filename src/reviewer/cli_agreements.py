"""The agreement commands (`link`, `report`): thin click commands over the core, registered on
the main group by `cli`."""
from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--dry-run", is_flag=True, help="Print what would be merged and why; change nothing.")
@click.option("--reviewer", default=None, help="Name recorded with the links.")
@click.pass_context
def link(ctx: click.Context, dry_run: bool, reviewer: str | None) -> None:
    """Link the agreements of done records that report the same signing (one agreement, many articles)."""
    from .cli import open_store
    from .core.datasets.linking import Linker, describe

    store = open_store(ctx)
    linker = Linker(store)
    plan = linker.plan()
    for line in describe(plan, linker.tables.count(), lambda aid: store.article(aid).source):
        click.echo(line)
    if not dry_run and plan:
        n = linker.apply(plan, reviewer=reviewer)
        click.echo(f"linked {n} report(s); {linker.tables.count()} distinct agreement(s)", err=True)
    elif dry_run:
        click.echo("dry run: nothing changed", err=True)


def history_lines(store, article_id: str) -> list[str]:
    """The links, unlinks and separations of an article's agreements, as `history` prints them."""
    from .core.store.agreements import AgreementTables

    return [f"  {e.at[:19].replace('T', ' ')}  {e.action:12s} agreement {e.index} → #{e.agreement_id}"
            + (f" (was #{e.previous_id})" if e.previous_id is not None else "")
            + f"  {e.reviewer or '-'}" + (f"  {e.reason}" if e.reason else "")
            for e in AgreementTables(store).events(article_id)]


def export_agreements(ctx: click.Context, output: Path | None) -> None:
    """`export --format agreements`: one row per agreement, CSV if the file ends in .csv."""
    from .cli import _Echo, open_store
    from .core.datasets import export_agreements as ex
    from .core.datasets.export import ExportError

    store = open_store(ctx)
    try:
        n = ex.export(store, output, stream=_Echo())
    except ExportError as e:
        raise click.ClickException(str(e)) from None
    left = ex.unlinked(store)
    if left:
        click.echo(f"{left} agreement(s) of done records are not linked yet and not exported: "
                   f"run `reviewer link`", err=True)
    if output is not None:
        click.echo(f"wrote {n} agreement(s) to {output}", err=True)


def distinct_line(store) -> str:
    """What `stats` adds: distinct agreements beside the article records that report them."""
    from .core.store.agreements import AgreementTables

    tables = AgreementTables(store)
    reports, linked = tables.reported_count("done")
    left = reports - linked
    return (f"Distinct agreements: {tables.count()} (reported {reports} time(s) in done records"
            + (f"; {left} not linked yet: run `reviewer link`" if left else "") + ")")


@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default="report.html",
              show_default=True, help="The HTML file to write.")
@click.option("--title", default="Hợp tác giữa các địa phương", show_default=True)
@click.pass_context
def report(ctx: click.Context, output: Path, title: str) -> None:
    """A self-contained HTML page about the agreements: network, years, fields, pairs (no network access)."""
    from .cli import open_store
    from .core.datasets import report as rep
    from .core.datasets.export import ExportError
    from .core.datasets.export_agreements import unlinked

    store = open_store(ctx)
    try:
        n = rep.write(store, output, title)
    except ExportError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"wrote {output}: {n} agreement(s)", err=True)
    left = unlinked(store)
    if left:
        click.echo(f"{left} agreement(s) of done records are not linked yet and not shown: "
                   f"run `reviewer link`", err=True)
