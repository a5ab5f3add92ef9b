"""The command line: thin click commands over the core."""
from __future__ import annotations

import json
import sys

import click

from .core.intake import Failure, read_paths


@click.group(invoke_without_command=True)
@click.pass_context
def main(ctx: click.Context) -> None:
    """reviewer: curate cooperation agreements between localities from news articles."""
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="One record per article as JSON Lines, with spans.")
def extract(paths: tuple[str, ...], as_json: bool) -> None:
    """Extract agreements from articles (.txt files, folders, JSON Lines); no database needed."""
    from .core.extract import extract as run_extract
    from .core.summary import summarise

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
