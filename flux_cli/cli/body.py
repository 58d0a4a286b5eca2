"""`flux soreness`, `flux recovery`, `flux trends`: how tired the athlete is, where, and why."""

from __future__ import annotations

import json as json_module
import sys
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

import typer

from flux_cli.cli.context import context
from flux_cli.cli.errors import handle_errors
from flux_cli.cli.options import DateOption, JsonFlag, parse_assignments, parse_day

if TYPE_CHECKING:
    from flux_cli.engine.load import LoadSummary
    from flux_cli.services.body import RecoveryView, TrendsView


def _json(data: Any) -> None:
    sys.stdout.write(json_module.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def soreness(
    ctx: typer.Context,
    values: Annotated[
        list[str] | None,
        typer.Argument(
            help="Soreness per muscle group as MUSCLE=0..10, e.g. quads=6.",
            metavar="MUSCLE=VALUE",
        ),
    ] = None,
    date: DateOption = None,
    json: JsonFlag = False,
) -> None:
    """Record soreness per muscle group (0 none … 10 worst); it decays day by day."""
    handle_errors(_soreness)(ctx, values, date, json)


def _soreness(ctx: typer.Context, values: list[str] | None, date: str | None, json: bool) -> None:
    from flux_cli.present.body import muscle_label
    from flux_cli.services import body

    raw = parse_assignments(values, "soreness", "quads=6")
    result = body.log_soreness(context(ctx), raw, parse_day(date))
    if json:
        _json({"date": result.day.isoformat(), "soreness": result.values})
        return
    shown = ", ".join(f"{muscle_label(m)} {v:g}" for m, v in result.values.items())
    sys.stdout.write(f"soreness recorded for {result.day.isoformat()}: {shown}\n")


def recovery(ctx: typer.Context, date: DateOption = None, json: JsonFlag = False) -> None:
    """Recovery per muscle group going into the day (today's session counts from tomorrow)."""
    handle_errors(_recovery)(ctx, date, json)


def _load_json(load: LoadSummary) -> dict[str, Any]:
    return load.model_dump(mode="json")


def _recovery(ctx: typer.Context, date: str | None, json: bool) -> None:
    from flux_cli.services import body

    view = body.recovery(context(ctx), parse_day(date))
    if json:
        _json(
            {
                "date": view.day.isoformat(),
                "recovery": {m.muscle: m.percent for m in view.muscles},
                "muscles": [asdict(m) for m in view.muscles],
                "load": _load_json(view.load),
            }
        )
        return
    _print_recovery(view)


def _print_recovery(view: RecoveryView) -> None:
    from flux_cli.present.body import SOFT_SIGNALS, load_line, muscle_label, percent_bar

    out = sys.stdout
    out.write(f"recovery going into {view.day.isoformat()}\n")
    width = max(len(muscle_label(m.muscle)) for m in view.muscles)
    for muscle in view.muscles:
        extra = []
        if muscle.fatigue_sets:
            extra.append(f"fatigue {muscle.fatigue_sets:g} sets")
        if muscle.soreness:
            extra.append(f"soreness {muscle.soreness:g}")
        tail = f"  ({', '.join(extra)})" if extra else ""
        out.write(
            f"  {muscle_label(muscle.muscle).ljust(width)} {percent_bar(muscle.percent)} "
            f"{muscle.percent:>3}%{tail}\n"
        )
    out.write(load_line(view.load) + "\n")
    out.write(f"({SOFT_SIGNALS}; ATL fatigue, CTL fitness, TSB form)\n")


def trends(
    ctx: typer.Context,
    weeks: Annotated[
        int, typer.Option("--weeks", metavar="N", help="How many weeks back (1-104).")
    ] = 12,
    date: DateOption = None,
    json: JsonFlag = False,
    plot: Annotated[
        bool, typer.Option("--plot/--no-plot", help="Terminal charts (default: on a terminal).")
    ] = True,
) -> None:
    """Weekly load, fitness/fatigue/form (CTL/ATL/TSB), hard sets per muscle group against the
    weekly targets, e1RM and PRs of the lead lifts."""
    handle_errors(_trends)(ctx, weeks, date, json, plot)


def _trends(ctx: typer.Context, weeks: int, date: str | None, json: bool, plot: bool) -> None:
    from flux_cli.services import body

    view = body.trends(context(ctx), weeks, parse_day(date))
    if json:
        _json(
            {
                "date": view.day.isoformat(),
                "weeks": view.weeks,
                "load": _load_json(view.load),
                "days": [asdict(d) for d in view.days],
                "by_week": [asdict(w) for w in view.by_week],
                "e1rm": {
                    lift: [{"date": d.isoformat(), "e1rm_kg": v} for d, v in series]
                    for lift, series in view.e1rm.items()
                },
                "targets": {
                    muscle: {"floor": floor, "cap": cap}
                    for muscle, (floor, cap) in view.targets.items()
                },
                "volume": [asdict(v) for v in view.volume()],
                "prs": {chart.exercise: chart.model_dump(mode="json") for chart in view.records},
            }
        )
        return
    _print_trends(view, plot=plot and sys.stdout.isatty())


def _print_trends(view: TrendsView, *, plot: bool) -> None:
    from flux_cli.present.body import (
        SOFT_SIGNALS,
        load_line,
        muscle_label,
        records_text,
        sets_bar,
        volume_text,
    )
    from flux_cli.present.numbers import plural
    from flux_cli.present.weights import weight_value

    out = sys.stdout
    if plot and view.days:
        from flux_cli.present.charts import pmc_chart

        chart = pmc_chart(
            [d.date for d in view.days],
            [d.ctl for d in view.days],
            [d.atl for d in view.days],
            [d.tsb for d in view.days],
        )
        out.write(chart + "\n")
    out.write(f"weekly load, last {view.weeks} weeks before {view.day.isoformat()}\n")
    out.write("  week of      load  sessions  activities  top muscles (hard sets)\n")
    for week in view.by_week:
        top = sorted(week.sets_by_muscle.items(), key=lambda item: -item[1])[:3]
        muscles = ", ".join(f"{muscle_label(m)} {v:g}" for m, v in top)
        out.write(
            f"  {week.start.isoformat()}  {week.load:>6.0f}  {week.sessions:>8}  "
            f"{week.activities:>10}  {muscles}\n"
        )
    volume = view.volume()
    if volume:
        out.write("hard sets in the last 7 days against the weekly targets (floor–cap)\n")
        width = max(len(muscle_label(v.muscle)) for v in volume)
        for v in volume:
            out.write(
                f"  {muscle_label(v.muscle).ljust(width)} {sets_bar(v.sets, v.floor, v.cap)} "
                f"{volume_text(v.sets, v.floor, v.cap, v.status)}\n"
            )
    for lift, series in view.e1rm.items():
        first = round(weight_value(series[0][1], view.units), 1)
        last = round(weight_value(series[-1][1], view.units), 1)
        out.write(
            f"e1RM {lift}: {first:g} → {last:g} {view.units} ({last - first:+g}) "
            f"over {plural(len(series), 'day')} logged\n"
        )
    for prs in view.records:
        out.write(f"PRs {prs.exercise}: {records_text(prs, view.units)}\n")
    out.write(load_line(view.load) + "\n")
    out.write(f"({SOFT_SIGNALS}; ATL fatigue, CTL fitness, TSB form)\n")
