"""Issue 9 item 12: every command run as a second profile shows nothing of the first and
changes nothing of it, on SQLite and on PostgreSQL.

Profile A (alice) sets facts, imports a custom exercise with notes, makes an alias, seeds its
own rules file, finishes a session and leaves another one active. Profile B (bob) then runs
every command flux has (the test fails when a command is added and not run here), with its
own names and its own rules file; none of A's markers may appear in any of B's outputs, and
everything A sees afterwards is what it saw before.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main

from flux_cli import paths
from flux_cli.cli.main import app
from tests.hostile.io_support import Ran, invoke

DAY_A, DAY_A2, DAY_B, DAY_B2 = "2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08"
HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
)
ALICE_CSV = HEADER + (
    '2026-10-01 10:00:00,"Alice Legs",1h,"Leg Press Keller",1,120,10,0,0,"alice-note",,\n'
    '2026-10-01 10:00:00,"Alice Legs",1h,"Squat (Barbell)",1,100,5,0,0,"",,\n'
)
BOB_CSV = HEADER + (
    '2026-10-02 10:00:00,"Bob Day",1h,"Hack Squat Bobmachine",1,90,8,0,0,"bob-note",,\n'
)
# Nothing of these may reach any output of bob's.
MARKERS = ("Leg Press Keller", "Kniebeuge", "alice-note", "Alice Legs", "alice-rules", "alice-left")
READINESS = ("knee_pain=1", "energy=8")

Runner = Callable[..., Ran]


def _commands() -> set[str]:
    """Every command path of the flux app, e.g. `session start`."""
    import flux_cli.entry  # noqa: F401  (the dashboard command)

    found: set[str] = set()

    def walk(command: object, prefix: str) -> None:
        children = getattr(command, "commands", None)
        if not children:
            found.add(prefix.strip())
            return
        for name, child in children.items():
            walk(child, f"{prefix} {name}")

    walk(typer.main.get_command(app), "")
    return found


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, migrated_sqlite: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "two.db"
        path.write_bytes(migrated_sqlite.read_bytes())
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("pg_url")
    assert invoke("--db", url, "db", "upgrade").clean().code == 0
    return url


def _runner(db_url: str, profile: str) -> Runner:
    def run(*args: str, ok: bool = True) -> Ran:
        ran = invoke("--db", db_url, "--profile", profile, *args).clean()
        if ok:
            assert ran.code == 0, (args, ran)
        return ran

    return run


def _rules(tmp_path: Path, who: str) -> Path:
    path = tmp_path / f"{who}.yaml"
    text = paths.default_rules_path().read_text(encoding="utf-8")
    path.write_text(f"{text}\n# {who}-rules\n", encoding="utf-8")
    return path


def _seen_by(run: Runner) -> dict[str, str]:
    """Everything a profile can read about itself."""
    return {
        "history": run("history", "--json").stdout,
        "prs": run("prs", "--json").stdout,
        "custom": run("exercises", "list", "--custom", "--json").stdout,
        "counts": run("exercises", "list", "--csv").stdout,
        "profile": run("profile", "show", "--json").stdout,
        "config path": run("config", "path").stdout,
        "config show": run("config", "show").stdout,
        "export csv": run("export").stdout,
        "export jsonl": run("export", "--format", "jsonl").stdout,
        "session": run("session", "show", "--json").stdout,
        "plan": run("plan", "--date", DAY_A2, "--json", ok=False).output,
        "recovery": run("recovery", "--date", DAY_A, "--json").stdout,
        "trends": run("trends", "--weeks", "2", "--date", DAY_A2, "--json").stdout,
    }


def _alice(run: Runner, tmp_path: Path) -> None:
    run("profile", "set", "ftp_watts=287", "bodyweight_kg=77.7")
    source = tmp_path / "alice.csv"
    source.write_text(ALICE_CSV, encoding="utf-8")
    run("import", str(source))
    run("exercises", "alias", "Kniebeuge", "Back Squat")
    run("seed", "--config", str(_rules(tmp_path, "alice")))
    run("checkin", *READINESS, "--date", DAY_A)
    run("soreness", "quads=7", "calves=2", "--date", DAY_A)
    run("session", "start", "--date", DAY_A)
    run("log", "Kniebeuge", "100x5", "--date", DAY_A)
    run("session", "complete", ok=False)  # refused or done: either way A's own business
    run("session", "abandon", ok=False)
    run("log", "Plank", "60s", "--meta", "side=alice-left", "--date", DAY_A2)  # stays active


def _bob(run: Runner, tmp_path: Path) -> dict[str, list[Ran]]:
    """Every command as bob; the outputs by command path."""
    source = tmp_path / "bob.csv"
    source.write_text(BOB_CSV, encoding="utf-8")
    out = tmp_path / "bob-export.csv"
    calls: list[tuple[str, tuple[str, ...], bool]] = [
        ("paths", ("paths", "--json"), True),
        ("db url", ("db", "url"), True),
        ("db current", ("db", "current", "--json"), True),
        ("db upgrade", ("db", "upgrade"), True),
        ("config validate", ("config", "validate"), True),
        ("config path", ("config", "path"), True),
        ("config show", ("config", "show"), True),
        ("profile show", ("profile", "show", "--json"), True),
        ("exercises list", ("exercises", "list"), True),
        ("exercises list", ("exercises", "list", "--json"), True),
        ("history", ("history",), True),
        ("history", ("history", "--csv"), True),
        ("export", ("export", "--format", "strong"), True),
        ("session show", ("session", "show"), False),
        ("plan", ("plan", *READINESS, "--date", DAY_B), True),
        ("log", ("log", "Kniebeuge", "100x5"), False),  # A's alias: unknown to bob
        ("log", ("log", "Leg Press Kellr", "100x5"), False),  # no suggestion of A's name
        ("exercises alias", ("exercises", "alias", "Leg Press Keller", "Leg Press"), True),
        ("profile set", ("profile", "set", "units=lb", "ftp_watts=199"), True),
        ("seed", ("seed", "--config", str(_rules(tmp_path, "bob"))), True),
        ("import", ("import", str(source)), True),
        ("moves no", ("moves", "no", "Leg Press"), True),
        ("moves yes", ("moves", "yes", "Leg Press"), True),
        ("moves prefer", ("moves", "prefer", "Calf Raise"), True),
        ("moves clear", ("moves", "clear", "Leg Press"), True),
        ("moves list", ("moves", "list", "--json"), True),
        ("checkin", ("checkin", *READINESS, "--date", DAY_B), True),
        ("why", ("why", "Back Squat", "--date", DAY_B), True),
        ("soreness", ("soreness", "hamstrings=5", "--date", DAY_A), True),
        ("recovery", ("recovery", "--date", DAY_A, "--json"), True),
        ("trends", ("trends", "--weeks", "2", "--date", DAY_A2, "--json"), True),
        ("session start", ("session", "start", "--date", DAY_B), True),
        ("session swap", ("session", "swap", "Back Squat"), False),  # not composed: refused
        ("log", ("log", "Back Squat", "135lbx5", "--date", DAY_B), True),
        ("session show", ("session", "show", "--json"), True),
        ("session complete", ("session", "complete"), False),
        ("session abandon", ("session", "abandon"), False),
        ("log", ("log", "Plank", "45s", "--date", DAY_B2), True),
        ("session abandon", ("session", "abandon"), True),
        ("export", ("export", "-o", str(out)), True),
        ("history", ("history", "--json"), True),
        ("prs", ("prs", "--json"), True),
        ("prs", ("prs", "--exercise", "Back Squat"), True),
        ("exercises list", ("exercises", "list", "--custom", "--json"), True),
        ("dashboard", ("dashboard",), False),  # needs a terminal: refused before any read
    ]
    seen: dict[str, list[Ran]] = {}
    for name, args, ok in calls:
        ran = run(*args, ok=ok)
        if args[0] in ("log", "exercises") and args[-2] in (*MARKERS, "Leg Press Kellr"):
            # bob typed it: the echo is his, anything else would be alice's
            echoed = args[-2] if args[0] == "exercises" else args[1]
            assert ran.output.count(echoed) <= 2, ran
            ran = Ran(
                ran.code,
                ran.stdout.replace(echoed, "<typed>"),
                ran.stderr.replace(echoed, "<typed>"),
            )
        seen.setdefault(name, []).append(ran)
    seen["export"].append(Ran(0, out.read_text(encoding="utf-8"), ""))
    return seen


def test_every_command_as_a_second_profile(db_url: str, tmp_path: Path) -> None:
    alice, bob = _runner(db_url, "alice"), _runner(db_url, "bob")
    _alice(alice, tmp_path)
    before = _seen_by(alice)
    assert "alice-rules" in before["config show"] and "Leg Press Keller" in before["custom"]
    assert "alice-left" in before["session"]

    seen = _bob(bob, tmp_path)
    refused = seen["log"][0]
    assert refused.code == 2 and "unknown exercise '<typed>'" in refused.stderr
    assert set(seen) == _commands(), "a command is not run as the second profile"
    bob_recovery = json.loads(seen["recovery"][0].stdout)["recovery"]
    assert (bob_recovery["quadriceps"], bob_recovery["hamstrings"]) == (100, 50), "A's soreness"
    for name, runs in seen.items():
        for ran in runs:
            for marker in MARKERS:
                assert marker not in ran.output, (name, marker, ran.output)
    bob_profile = json.loads(bob("profile", "show", "--json").stdout)
    assert bob_profile["ftp_watts"] == 199 and bob_profile["bodyweight_kg"] is None
    assert "bob-rules" in bob("config", "show").stdout

    after = _seen_by(alice)
    for key, text in before.items():
        assert after[key] == text, key
    for marker in ("bob-note", "Bobmachine", "bob-rules", "Bob Day"):
        assert not any(marker in text for text in after.values()), marker


def test_a_rule_set_seeded_database_wide_by_an_earlier_flux_still_applies(
    tmp_path: Path, migrated_sqlite: Path
) -> None:
    """Before rule sets were per profile, `seed` activated one for everybody: it stays in
    force for every profile until that profile seeds its own."""
    from flux_cli.storage.database import Database

    path = tmp_path / "legacy.db"
    path.write_bytes(migrated_sqlite.read_bytes())
    url = f"sqlite:///{path}"
    legacy = _rules(tmp_path, "legacy").read_text(encoding="utf-8")
    with Database.open(url) as database, database.unit_of_work() as uow:
        uow.rule_sets.save(legacy)
    alice, bob = _runner(url, "alice"), _runner(url, "bob")
    assert "legacy-rules" in alice("config", "show").stdout
    bob("seed", "--config", str(_rules(tmp_path, "bob")))
    assert "bob-rules" in bob("config", "show").stdout
    assert "legacy-rules" in alice("config", "show").stdout
