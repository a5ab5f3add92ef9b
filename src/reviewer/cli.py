"""The command line: thin click commands over the core."""
from __future__ import annotations

import click


@click.group(invoke_without_command=True)
@click.pass_context
def main(ctx: click.Context) -> None:
    """reviewer: curate cooperation agreements between localities from news articles."""
