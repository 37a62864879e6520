"""``sinew eval``: score the extractor on a gold set and fail when a score drops below its floor.

Registered on the main group by ``register(main)``; the work is done by :mod:`sinew.evaluate`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from . import evaluate as ev
from . import places_eval as pe
from . import validation as va
from .errors import SinewError

__all__ = ["register"]

_REPO = Path(__file__).resolve().parents[2]
_DEFAULT_CORPUS = _REPO.parent / "shared" / "corpus" / "articles.jsonl"


def _table(evaluation: ev.Evaluation, console: Console) -> None:
    table = Table(title=f"sinew eval: {evaluation.gold_facts} gold facts")
    table.add_column("field")
    parts = [p for p in ev.PARTS if ev.scored(evaluation, p)]
    for part in parts:
        table.add_column(part, justify="right")
    for name in ev.FIELDS:
        table.add_row(name, *[_cell(evaluation.scores(p)[name]) for p in parts])
    table.add_row("tp / fp / fn", *[f"{s.tp} / {s.fp} / {s.fn}"
                                     for s in (evaluation.parts[p] for p in parts)])
    table.add_row("non-facts reported as fact",
                  *[f"{evaluation.parts[p].violations} of {evaluation.parts[p].checks}"
                    for p in parts])
    console.print(table)
    if ev.scored(evaluation, "test"):
        _type_table(evaluation, console)


def _type_table(evaluation: ev.Evaluation, console: Console) -> None:
    """Per-type F1 of the real texts, development and test part side by side."""
    table = Table(title="real texts by event type: F1 (gold facts)")
    table.add_column("type")
    for part in ("dev", "test"):
        table.add_column(part, justify="right")
    rows = {part: evaluation.parts[part].by_type() for part in ("dev", "test")}
    for type_ in sorted(set(rows["dev"]) | set(rows["test"])):
        cells = []
        for part in ("dev", "test"):
            row = rows[part].get(type_)
            cells.append("-" if row is None else f"{_cell(row['f1'])} ({row['gold']})")
        table.add_row(type_, *cells)
    console.print(table)
    gap = evaluation.gap()
    target = ev.TEST_TARGETS["fact_f1"]
    test_f1 = evaluation.scores("test")["fact_f1"]
    console.print(f"test fact F1 {_cell(test_f1)} (target {target:.2f}: "
                  f"{'met' if test_f1 is not None and test_f1 >= target else 'not met'}); "
                  f"dev - test gap {_cell(gap)} (target at most 0.08)", highlight=False)


def _cell(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _errors(evaluation: ev.Evaluation, console: Console, limit: int) -> None:
    for error in evaluation.errors[:limit]:
        console.print(f"[bold]{error.what}[/bold] ({error.doc}): {error.sentence}", markup=True,
                      highlight=False, soft_wrap=True)
        if error.gold:
            console.print(f"    gold:      {error.gold}", markup=False, highlight=False)
        if error.predicted:
            console.print(f"    predicted: {error.predicted}", markup=False, highlight=False)
    if len(evaluation.errors) > limit:
        console.print(f"... and {len(evaluation.errors) - limit} more (--errors N to see them)")


def register(group: click.Group) -> None:
    """Add the ``eval`` command to ``group``."""

    @group.command("eval")
    @click.argument("gold", nargs=-1, required=False)
    @click.option("--petrarch", "petrarch", default=None, metavar="FILE.xml",
                  help="Score a PETRARCH validation file instead of GOLD, coded with the "
                       "dictionaries its <Environment> names.")
    @click.option("--min-recall", type=float, default=None,
                  help="With --petrarch: exit 1 when overall recall is below this.")
    @click.option("--min-precision", type=float, default=None,
                  help="With --petrarch: exit 1 when overall precision is below this.")
    @click.option("--corpus", default=str(_DEFAULT_CORPUS), show_default=True,
                  help="The shared corpus the gold facts point into; skipped when absent.")
    @click.option("--baseline", default=None,
                  help="Baseline file with the floors (default: baseline.json beside GOLD).")
    @click.option("--update-baseline", is_flag=True, help="Raise the floors to the scores reached.")
    @click.option("--allow-lower", is_flag=True, help="With --update-baseline: allow lowering a floor.")
    @click.option("--errors", "limit", type=int, default=30, show_default=True,
                  help="How many misses and false facts to list.")
    @click.option("--json", "as_json", is_flag=True, help="Print the scores and errors as JSON.")
    @click.option("--model", default=None, help="spaCy pipeline to load.")
    def eval_command(gold, petrarch, min_recall, min_precision, corpus, baseline,
                     update_baseline, allow_lower, limit, as_json, model):
        """Score extraction on GOLD (gold .jsonl files or a folder of them), field by field,
        or, with --petrarch FILE.xml, event coding on PETRARCH validation records.

        Exit status 1 when a score is below its floor in the baseline file (or below
        --min-recall/--min-precision) or a hypothetical, future or negated statement is
        reported as fact; 2 on bad input.
        """
        if petrarch is not None:
            if gold:
                raise click.UsageError("give GOLD or --petrarch FILE.xml, not both")
            floors = {"recall": min_recall, "precision": min_precision}
            sys.exit(_petrarch(petrarch, floors, as_json=as_json, limit=limit, model=model))
        if not gold:
            raise click.UsageError("give GOLD (gold .jsonl files or a folder) or --petrarch "
                                   "FILE.xml")
        if min_recall is not None or min_precision is not None:
            raise click.UsageError("--min-recall and --min-precision go with --petrarch; GOLD "
                                   "floors are in the baseline file")
        baseline_path = Path(baseline) if baseline else _beside(gold)
        sys.exit(_gold(gold, corpus, baseline_path, update_baseline=update_baseline,
                       allow_lower=allow_lower, as_json=as_json, limit=limit, model=model))


def _gold(gold: tuple[str, ...], corpus: str, baseline_path: Path, *, update_baseline: bool,
          allow_lower: bool, as_json: bool, limit: int, model: str | None) -> int:
    """``sinew eval GOLD``: the exit status (0 ok, 1 under a floor, 2 bad input)."""
    console, err = Console(), Console(stderr=True)
    try:
        gold_set = ev.load_gold(gold)
        evaluation = ev.evaluate(gold_set, corpus, model=model)
        places = _places(gold, gold_set, model)
        if evaluation.skipped:
            err.print(f"note: {evaluation.skipped}", highlight=False)
        if update_baseline:
            _, refused = ev.update_baseline(baseline_path, evaluation, allow_lower=allow_lower)
            if refused:
                err.print("refusing to lower floors (use --allow-lower): " + "; ".join(refused))
                return 1
        loaded = ev.load_baseline(baseline_path)
        failures = ev.check(evaluation, loaded) + pe.check_places(places, loaded)
    except SinewError as exc:
        err.print(f"[red]error:[/red] {exc}")
        return 2
    if as_json:
        click.echo(json.dumps({**evaluation.to_dict(), "failures": failures,
                               "places": {p: s.to_dict() for p, s in places.items()}},
                              indent=2))
    else:
        _errors(evaluation, console, limit)
        _table(evaluation, console)
        if places:
            _place_table(places, console)
        for failure in failures:
            console.print(f"[red]FAIL[/red] {failure}")
        console.print(f"baseline: {baseline_path} ({'failing' if failures else 'ok'})")
    return 1 if failures else 0


def _places(gold: tuple[str, ...], gold_set: ev.GoldSet,
            model: str | None) -> dict[str, pe.PlaceScores]:
    """Place scores when a gold folder holds place annotations (``places/``), else none."""
    files = pe.place_gold_files(gold)
    if not files:
        return {}
    texts = {doc: case.text for doc, case in gold_set.cases.items()}
    return pe.evaluate_places(pe.load_place_gold(files, texts), gold_set, model=model)


def _place_table(places: dict[str, pe.PlaceScores], console: Console) -> None:
    table = Table(title="places: mentions resolved to their GeoNames id")
    table.add_column("field")
    for part in pe.PART_NAMES:
        table.add_column(part, justify="right")
    values = {part: places[part].values() for part in pe.PART_NAMES}
    for name in ("place_precision", "place_recall", "place_f1"):
        table.add_row(name, *[_cell(values[p][name]) for p in pe.PART_NAMES])
    table.add_row("tp / fp / fn", *[f"{places[p].tp} / {places[p].fp} / {places[p].fn}"
                                     for p in pe.PART_NAMES])
    table.add_row("left unresolved", *[str(places[p].unresolved) for p in pe.PART_NAMES])
    console.print(table)


def _petrarch(path: str, floors: dict[str, float | None], *, as_json: bool, limit: int,
              model: str | None) -> int:
    """``sinew eval --petrarch``: the exit status (0 ok, 1 under a floor, 2 bad input)."""
    try:
        result = va.run_validation(path, model=model)
    except SinewError as exc:
        Console(stderr=True).print(f"[red]error:[/red] {exc}", highlight=False)
        return 2
    failures = _floor_failures(result.score(), floors)
    if as_json:
        click.echo(json.dumps({**result.to_dict(errors=limit), "failures": failures}))
        return 1 if failures else 0
    console = Console()
    _validation_errors(result, console, limit)
    _validation_table(result, console)
    for failure in failures:
        console.print(f"[red]FAIL[/red] {failure}", highlight=False)
    return 1 if failures else 0


def _floor_failures(score: va.Score, floors: dict[str, float | None]) -> list[str]:
    failures = []
    for name, floor in floors.items():
        value = getattr(score, name)
        if floor is not None and (value is None or value < floor):
            failures.append(f"{name} {_cell(value)} is below the floor {floor:.3f}")
    return failures


def _validation_table(result: va.ValidationResult, console: Console) -> None:
    summary = result.summary()
    table = Table(title=f"PETRARCH validation: {Path(result.path).name} "
                        f"({summary['scored_records']} records scored)")
    for name in ("category", "recall", "precision", "F1", "tp / fp / fn"):
        table.add_column(name, justify="left" if name == "category" else "right")
    rows = [(c, result.score(c)) for c in result.categories]
    rows += [("all", result.score()), ("all, by country", result.score(level=3))]
    for name, score in rows:
        table.add_row(name, _cell(score.recall), _cell(score.precision), _cell(score.f1),
                      f"{score.tp} / {score.fp} / {score.fn}", end_section=name == rows[-3][0])
    console.print(table)
    noevents = summary["noevents"]
    console.print(f"no-event records coded: {noevents['coded']} of {noevents['records']}; "
                  f"expected events not scored: {sum(result.unscored.values())}; "
                  f"records skipped (error tests): {len(result.skipped)}", highlight=False)


def _validation_errors(result: va.ValidationResult, console: Console, limit: int) -> None:
    for outcome in result.errors[:limit]:
        console.print(f"[bold]{outcome.record.id}[/bold]: {outcome.record.text}",
                      highlight=False, soft_wrap=True)
        for label, events in (("missed", outcome.missed), ("false", outcome.false)):
            if events:
                console.print(f"    {label:9}{'; '.join(sorted(map(str, events)))}",
                              markup=False, highlight=False)
    if len(result.errors) > limit:
        console.print(f"... and {len(result.errors) - limit} more records with errors "
                      f"(--errors N to see them)")


def _beside(gold: tuple[str, ...]) -> Path:
    first = Path(gold[0])
    return (first if first.is_dir() else first.parent) / "baseline.json"
