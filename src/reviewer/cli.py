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

        from .core.datasets.targets import sweep
        from .core.store.curation import StoreError

        sweep()  # temporary files of exports killed earlier
        try:
            return super().invoke(ctx)
        except StoreError as e:  # already in plain words, naming the file
            raise click.ClickException(str(e)) from None
        except sqlite3.OperationalError as e:
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

    from .core.store import Store, StoreError, default_db_path

    path = ctx.obj.get("db_path") or default_db_path()
    try:
        store = Store(path)
    except StoreError as e:
        raise click.ClickException(str(e)) from None
    except (sqlite3.DatabaseError, OSError) as e:
        raise click.ClickException(f"cannot open the database {path}: {getattr(e, 'strerror', None) or e}") from None
    ctx.call_on_close(store.close)
    if store.read_only:
        click.echo(f"note: {path} is opened read-only: {store.read_only}", err=True)
    return store


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="One record per article as JSON Lines, with spans.")
@click.option("--model", "model_path", type=click.Path(exists=True, dir_okay=False),
              help="A model made by `reviewer train` (default: the bundled one).")
@click.option("--rules", is_flag=True, help="The rules alone, without any model.")
def extract(paths: tuple[str, ...], as_json: bool, model_path: str | None, rules: bool) -> None:
    """Extract agreements from articles (.txt files, folders, JSON Lines); no database needed."""
    from .core.extraction import extract as run_extract
    from .core.extraction.learned import BUNDLED, ModelError, load
    from .core.datasets.summary import summarise

    try:
        model = None if rules else (load(model_path) if model_path else BUNDLED)
    except ModelError as e:
        raise click.ClickException(str(e)) from None

    failures = 0
    for item in read_paths(paths):
        if isinstance(item, Failure):
            failures += 1
            click.echo(f"error: {item.source}: {item.reason}", err=True)
            continue
        for note in item.meta.get("notes", ()):
            click.echo(f"note: {note}", err=True)
        try:
            record = run_extract(item, model=model)
        except Exception as e:  # the extractor's own bug must not stop the batch
            failures += 1
            click.echo(f"error: {item.source}: extraction failed: {type(e).__name__}: {e}", err=True)
            continue
        if as_json:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
        else:
            click.echo(summarise(item, record))
    if failures:
        click.echo(f"{failures} article(s) or file(s) failed", err=True)
        sys.exit(1)


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
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
    for note in summary.notes:
        click.echo(f"note: {note}", err=True)
    for f in summary.failures:
        click.echo(f"failed: {f.source}: {f.reason}", err=True)
    if not (summary.imported or summary.skipped or summary.failures):
        raise click.ClickException("no articles found (folders are searched for .txt and .jsonl files)")
    if summary.failures:
        ctx.exit(1)


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "xlsx", "conll", "hf", "spans", "labelstudio", "gold",
                                                  "agreements"]),
              default="jsonl", show_default=True,
              help="hf: one {id, tokens, ner_tags} line per sentence, tag names in <name>.tags.json; "
                   "agreements: one row per signing (CSV if -o ends in .csv).")
@click.option("--of", "of", type=click.Choice(["curated", "machine"]), default="curated", show_default=True,
              help="The curated records, or the machine's extraction of the same articles.")
@click.option("--status", type=click.Choice([*STATUSES, "all"]), default="all", show_default=True,
              help="Only articles with this status.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File to write (default: stdout); for gold, a new folder.")
@click.option("--with-text", is_flag=True, help="jsonl: add each article's stored text (\"text\").")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.pass_context
def export_(ctx: click.Context, fmt: str, of: str, status: str, output: Path | None, with_text: bool,
            force: bool) -> None:
    """Export curated records (or the machine's) as JSON Lines, CSV, Excel, CoNLL, Hugging Face JSON
    Lines, spans, Label Studio tasks, a gold set, or the agreements (one row per signing)."""
    if fmt == "agreements":  # one row per signing (CSV if -o ends in .csv): its own module
        from .cli_agreements import export_agreements
        return export_agreements(ctx, output)
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
            yield ex.Item(article, record, cur.status, *machine, reviewer=cur.reviewer,
                          revision=cur.revision if of == "curated" else None)

    try:
        ex.export(items(), fmt, output, stream=_Echo(), with_text=with_text, force=force,
                  db_path=store.path)
    except ex.ExportError as e:
        raise click.ClickException(str(e)) from None
    if output is not None:
        click.echo(f"wrote {written} record(s) to {output}", err=True)


class _Echo:
    """A text stream onto click.echo, which copes with the terminal's encoding."""

    def write(self, text: str) -> None:
        click.echo(text, nl=False)


@main.command("load-gold")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--reviewer", default=None, help="Name recorded as the reviewer of these records.")
@click.option("--extract/--no-extract", default=True, show_default=True,
              help="Run the extractor on new articles, so `stats` can score it.")
@click.option("--overwrite-newer", is_flag=True,
              help="Apply records even where the database holds a newer edit than the one exported.")
@click.pass_context
def load_gold(ctx: click.Context, paths: tuple[str, ...], reviewer: str | None, extract: bool,
              overwrite_newer: bool) -> None:
    """Load gold files (<stem>.gold.json beside <stem>.txt) or a jsonl export as curated records."""
    from .core.datasets import gold

    store = open_store(ctx)
    run, version = None, ""
    if extract:
        from .core.extraction import EXTRACTOR_VERSION, extract as run

        version = EXTRACTOR_VERSION
    results = gold.load(store, paths, reviewer=reviewer, extract=run, extractor_version=version,
                        overwrite_newer=overwrite_newer)
    counts = {k: sum(1 for r in results if r.outcome == k)
              for k in ("added", "updated", "unchanged", "stale", "failed")}
    click.echo(", ".join(f"{n} {k}" for k, n in counts.items() if n or k != "stale"), err=True)
    for r in results:
        if r.outcome in ("added", "updated") and r.reason:
            click.echo(f"note: {r.reason}", err=True)
        elif r.outcome == "stale":
            click.echo(f"not applied: {r.source}: {r.reason} (--overwrite-newer applies it)", err=True)
        elif r.outcome == "failed":
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

    store = open_store(ctx)
    click.echo(report(compute(store, top=top)))
    from .cli_agreements import distinct_line
    click.echo(distinct_line(store))


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
    if not as_json:  # links of its agreements to agreement entities (reviewer link, the window)
        from .cli_agreements import history_lines
        for line in history_lines(store, aid):
            click.echo(line)
    for attempt, based_on in ([] if as_json else store.conflicts(aid)):
        click.echo(f"  refused {attempt.at[:19].replace('T', ' ')}  {attempt.action:12s} "
                   f"{attempt.status:16s} {attempt.reviewer or '-':12s} based on r{based_on}, "
                   f"but r{attempt.revision} was already saved")


from .cli_agreements import link as _link, report as _report  # noqa: E402  (their own module)

main.add_command(_link)
main.add_command(_report)


@main.command()
@click.option("--seed-from", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Import this folder's articles first if the database has none (make run: seeds/).")
@click.pass_context
def review(ctx: click.Context, seed_from: Path | None) -> None:
    """Open the review window on the database (what `reviewer` alone does)."""
    from .core.store import default_db_path
    from .ui.app import run  # Qt only here: the core and the other commands never import it

    sys.exit(run(ctx.obj.get("db_path") or default_db_path(), seed_from))


def _register() -> None:
    from .cli_model import evaluate, train

    main.add_command(train)
    main.add_command(evaluate)


_register()
