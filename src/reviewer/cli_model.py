"""The learning commands: `train` a model from curated records, `evaluate` the extractor."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click


def _progress(label: str):
    bar = click.progressbar(length=1, label=label, file=sys.stderr)

    def step(done: int, total: int) -> None:
        bar.length = total
        bar.update(done - bar.pos)
    return bar, step


def _examples(ctx: click.Context, paths: tuple[str, ...]):
    """Curated examples from gold folders/exports, or from the database's done records."""
    from .core.datasets import training

    if paths:
        failures: list[str] = []
        items = training.read_curated(paths, failures)
        for f in failures:
            click.echo(f"skipped: {f}", err=True)
    else:
        from .cli import open_store

        items = training.pairs(open_store(ctx).curated("done"))
    if not items:
        where = " ".join(paths) if paths else "the database (no done records)"
        raise click.ClickException(f"no curated records found in {where}")
    bar, step = _progress("Reading curated records")
    with bar:
        return training.examples(items, progress=step)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the model file here.")
@click.pass_context
def train(ctx: click.Context, paths: tuple[str, ...], output: Path | None) -> None:
    """Train the extractor's model on curated records: gold folders or curated exports (PATHS),
    or, without PATHS, the database's done records — then the database keeps the model and
    import and the window use it."""
    from .core.datasets import training
    from .core.extraction.learned import ModelError

    exs = _examples(ctx, paths)
    try:
        model = training.train(exs)
    except ModelError as e:
        raise click.ClickException(str(e)) from None
    if output:
        tmp = output.with_name(f".{output.name}.part")
        model.save(tmp)
        tmp.replace(output)
        click.echo(f"model written to {output}", err=True)
    if not paths:
        from .cli import open_store
        from .core.store.models import save_model

        save_model(open_store(ctx), model.to_json(), model.trained_on)
        click.echo("the database now uses this model for import and the window", err=True)
    elif not output:
        raise click.ClickException("say where to write the model: -o MODEL")
    click.echo(f"trained on {model.trained_on} article(s), {model.examples} candidate parties")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--model", "model_path", type=click.Path(exists=True, dir_okay=False),
              help="Model file to evaluate (default: the bundled model).")
@click.option("--rules", is_flag=True, help="The rules alone, without any model.")
@click.option("--cv", "k", type=click.IntRange(2), default=None,
              help="K-fold cross-validation by article: each fold extracted by a model trained on the others.")
@click.option("--seed", default=0, show_default=True, help="Shuffle seed for the folds.")
@click.option("--train-also", "also", multiple=True, type=click.Path(exists=True),
              help="With --cv: curated records added to every fold's training, never scored (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Figures as one JSON object.")
@click.pass_context
def evaluate(ctx: click.Context, paths: tuple[str, ...], model_path: str | None, rules: bool,
             k: int | None, seed: int, also: tuple[str, ...], as_json: bool) -> None:
    """Score the extractor against curated records (gold folders, exports, or the database's done
    records): per-field P/R/F1 as shared/tools/score.py, and fixes per article as fixes.py."""
    from .core.datasets import training
    from .core.datasets.evaluate import report
    from .core.extraction.learned import BUNDLED, ModelError, load

    exs = _examples(ctx, paths)
    extra = _examples(ctx, also) if also else []
    if k:
        try:
            bar, step = _progress(f"{k}-fold cross-validation")
            with bar:
                cv = training.cross_validate(exs, k, seed, progress=step, also=extra)
        except (ValueError, ModelError) as e:
            raise click.ClickException(str(e)) from None
        lines = {"rules": cv.rules, f"learned ({k}-fold)": cv.learned}
    else:
        try:
            model = None if rules else (load(model_path) if model_path else BUNDLED)
        except ModelError as e:
            raise click.ClickException(str(e)) from None
        name = "rules" if rules else (model_path or "bundled model")
        lines = {name: training.measure(exs, model)}
    if as_json:
        click.echo(json.dumps({name: {"overall": round(ev.overall, 3),
                                      "fields": {f: round(s.f1, 3) for f, s in ev.scores.items()},
                                      "no_fix": ev.no_fix, "articles": len(ev.fixes),
                                      "fixes_per_article": round(ev.fixes_per_article, 2)}
                               for name, ev in lines.items()}, ensure_ascii=False))
        return
    for name, ev in lines.items():
        click.echo(f"== {name}: {len(ev.fixes)} articles")
        click.echo(report(ev.scores))
        worst = sorted(ev.fixes.items(), key=lambda kv: (-kv[1], kv[0]))[:8]
        click.echo("worst: " + " ".join(f"{key}:{n}" for key, n in worst if n))
        click.echo(f"articles {len(ev.fixes)}; needing no fix {ev.no_fix}; "
                   f"fixes per article {ev.fixes_per_article:.2f}")
