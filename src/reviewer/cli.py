"""The command line: thin click commands over the core."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .core.intake import Failure, read_paths
from .core.records import STATUSES


class _Reviewer(click.Group):
    """The command group; a database that stays locked or breaks mid-command is a readable error."""

    def invoke(self, ctx: click.Context):
        import sqlite3

        try:
            return super().invoke(ctx)
        except sqlite3.OperationalError as e:
            if "locked" in str(e) or "busy" in str(e):
                raise click.ClickException(
                    "the database is busy: another reviewer process kept it locked for 10 s; "
                    "nothing was lost, try again") from None
            raise click.ClickException(f"database error: {e}") from None
        except sqlite3.DatabaseError as e:
            raise click.ClickException(f"database error: {e}") from None


@click.group(cls=_Reviewer, invoke_without_command=True)
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), envvar="REVIEWER_DB",
              help="The database file (default: reviewer.db in your data folder; or $REVIEWER_DB).")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None) -> None:
    """reviewer: curate cooperation agreements between localities from news articles."""
    ctx.ensure_object(dict)
    ctx.obj["db_path"] = db_path
    if ctx.invoked_subcommand is None:
        ctx.invoke(review)


def open_store(ctx: click.Context):
    """The Store named by --db / $REVIEWER_DB / the default; a readable error if it cannot open."""
    import sqlite3

    from .core.store import Store, default_db_path

    path = ctx.obj.get("db_path") or default_db_path()
    try:
        store = Store(path)
    except (sqlite3.DatabaseError, OSError) as e:
        raise click.ClickException(f"cannot open the database {path}: {e}") from None
    ctx.call_on_close(store.close)
    return store


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="One record per article as JSON Lines, with spans.")
def extract(paths: tuple[str, ...], as_json: bool) -> None:
    """Extract agreements from articles (.txt files, folders, JSON Lines); no database needed."""
    from .core.extraction import extract as run_extract
    from .core.datasets.summary import summarise

    failures = 0
    for item in read_paths(paths):
        if isinstance(item, Failure):
            failures += 1
            click.echo(f"error: {item.source}: {item.reason}", err=True)
            continue
        record = run_extract(item)
        if as_json:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
        else:
            click.echo(summarise(item, record))
    if failures:
        click.echo(f"{failures} file(s) could not be read", err=True)
        sys.exit(1 if failures else 0)


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--workers", type=click.IntRange(0), default=None,
              help="Extraction processes (default: one per core; 0: in this process).")
@click.pass_context
def import_(ctx: click.Context, paths: tuple[str, ...], workers: int | None) -> None:
    """Import articles (.txt files, folders, JSON Lines) with their machine extraction."""
    from .core.store.importer import import_paths

    store = open_store(ctx)
    with click.progressbar(length=1, label="Importing", file=sys.stderr) as bar:
        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)
        summary = import_paths(store, paths, workers=workers, progress=progress)
    click.echo(f"{summary.imported} article(s) imported, {summary.skipped} already in the database, "
               f"{len(summary.failures)} failed", err=True)
    for f in summary.failures:
        click.echo(f"failed: {f.source}: {f.reason}", err=True)
    if not (summary.imported or summary.skipped or summary.failures):
        raise click.ClickException("no articles found (folders are searched for .txt and .jsonl files)")
    if summary.failures:
        ctx.exit(1)


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "xlsx", "conll", "hf", "spans", "labelstudio", "gold"]),
              default="jsonl", show_default=True,
              help="hf: one {id, tokens, ner_tags} line per sentence, tag names in <name>.tags.json.")
@click.option("--of", "of", type=click.Choice(["curated", "machine"]), default="curated", show_default=True,
              help="The curated records, or the machine's extraction of the same articles.")
@click.option("--status", type=click.Choice([*STATUSES, "all"]), default="all", show_default=True,
              help="Only articles with this status.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File to write (default: stdout); for gold, a new folder.")
@click.option("--with-text", is_flag=True, help="jsonl: add each article's stored text (\"text\").")
@click.pass_context
def export_(ctx: click.Context, fmt: str, of: str, status: str, output: Path | None, with_text: bool) -> None:
    """Export curated records (or the machine's) as JSON Lines, CSV, CoNLL, Hugging Face JSON Lines,
    Label Studio tasks or a gold set."""
    from .core.datasets import export as ex

    store = open_store(ctx)
    written = 0

    def items():
        nonlocal written
        for article, cur in store.curated(None if status == "all" else status):
            machine = (store.extraction_and_version(article.id) if fmt == "labelstudio" or of == "machine"
                       else (None, None))
            if of == "machine" and machine[0] is None:
                continue  # loaded without extraction: nothing of the machine's to export
            written += 1
            record = machine[0] if of == "machine" else cur.record
            yield ex.Item(article, record, cur.status, *machine, reviewer=cur.reviewer)

    try:
        ex.export(items(), fmt, output, stream=_Echo(), with_text=with_text)
    except ex.ExportError as e:
        raise click.ClickException(str(e)) from None
    if output is not None:
        click.echo(f"wrote {written} record(s) to {output}", err=True)


class _Echo:
    """A text stream onto click.echo, which copes with the terminal's encoding."""

    def write(self, text: str) -> None:
        click.echo(text, nl=False)


@main.command("load-gold")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--reviewer", default=None, help="Name recorded as the reviewer of these records.")
@click.option("--extract/--no-extract", default=True, show_default=True,
              help="Run the extractor on new articles, so `stats` can score it.")
@click.pass_context
def load_gold(ctx: click.Context, paths: tuple[str, ...], reviewer: str | None, extract: bool) -> None:
    """Load gold files (<stem>.gold.json beside <stem>.txt) or a jsonl export as curated records."""
    from .core.datasets import gold

    store = open_store(ctx)
    run, version = None, ""
    if extract:
        from .core.extraction import EXTRACTOR_VERSION, extract as run

        version = EXTRACTOR_VERSION
    results = gold.load(store, paths, reviewer=reviewer, extract=run, extractor_version=version)
    counts = {k: sum(1 for r in results if r.outcome == k) for k in ("added", "updated", "unchanged", "failed")}
    click.echo(", ".join(f"{n} {k}" for k, n in counts.items()), err=True)
    for r in results:
        if r.outcome == "failed":
            click.echo(f"failed: {r.source}: {r.reason}", err=True)
    if counts["failed"] or not results:
        if not results:
            click.echo("no gold files (*.gold.json) or exports (*.jsonl) found", err=True)
        ctx.exit(1)


@main.command()
@click.option("--top", default=10, show_default=True, help="How many partner pairs to list.")
@click.pass_context
def stats(ctx: click.Context, top: int) -> None:
    """Progress and figures about the curated dataset, and the extractor's accuracy."""
    from .core.datasets.stats import compute, report

    click.echo(report(compute(open_store(ctx), top=top)))


@main.command()
@click.argument("article")
@click.option("--json", "as_json", is_flag=True, help="Every revision as a JSON line, with its record.")
@click.pass_context
def history(ctx: click.Context, article: str, as_json: bool) -> None:
    """The saved revisions of one article (its id, a unique id prefix, or its source path)."""
    from .core.store import parties_label

    store = open_store(ctx)
    try:
        aid = store.resolve(article)
    except KeyError as e:
        raise click.ClickException(e.args[0]) from None
    art = store.article(aid)
    if not as_json:
        click.echo(f"{aid}  {art.source}\n  {art.title or ''}")
    for rev in store.history(aid):
        if as_json:
            click.echo(json.dumps({"revision": rev.revision, "at": rev.at, "action": rev.action,
                                   "status": rev.status, "reviewer": rev.reviewer,
                                   "record": rev.record.to_dict()}, ensure_ascii=False))
            continue
        n_ag = len(rev.record.agreements)
        click.echo(f"  r{rev.revision:<3d} {rev.at[:19].replace('T', ' ')}  {rev.action:12s} "
                   f"{rev.status:16s} {rev.reviewer or '-':12s} {n_ag} agreement(s)"
                   f"  {parties_label(rev.record)}")
    for attempt, based_on in ([] if as_json else store.conflicts(aid)):
        click.echo(f"  refused {attempt.at[:19].replace('T', ' ')}  {attempt.action:12s} "
                   f"{attempt.status:16s} {attempt.reviewer or '-':12s} based on r{based_on}, "
                   f"but r{attempt.revision} was already saved")


@main.command()
@click.option("--seed-from", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Import this folder's articles first if the database has none (make run: seeds/).")
@click.pass_context
def review(ctx: click.Context, seed_from: Path | None) -> None:
    """Open the review window on the database (what `reviewer` alone does)."""
    from .core.store import default_db_path
    from .ui.app import run  # Qt only here: the core and the other commands never import it

    sys.exit(run(ctx.obj.get("db_path") or default_db_path(), seed_from))
