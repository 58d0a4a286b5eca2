"""Issue 9 item 14: no noise on stderr and no wrong hints.

Usage errors use `flux: error:`; a SQLite URL with parameters the driver ignores is refused
instead of warning with a source line; `import /dev/null` is read (and found empty) rather
than "does not exist"; a database kept locked names the process holding it; Ctrl-C on
PostgreSQL is `flux: interrupted` (exit 130) every time; a server that drops the connection
gives one clean line, without psycopg's `error ignored terminating <psycopg.Pipeline …>`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flux_cli.storage import database
from tests.hostile.io_support import REPO_ROOT, Ran, console, invoke


@pytest.mark.parametrize(
    ("args", "message", "command"),
    [
        (("history", "--limit", "x"), "Invalid value for '--limit'", "flux history"),
        (("nosuch",), "No such command 'nosuch'", "flux"),
        (("log",), "Missing argument", "flux log"),
        (("export", "--nope"), "No such option: --nope", "flux export"),
    ],
)
def test_usage_errors_use_the_flux_format(
    args: tuple[str, ...], message: str, command: str
) -> None:
    for ran in (invoke(*args), console(*args)):
        ran.clean()
        assert ran.code == 2
        first, hint = ran.stderr.splitlines()
        assert first.startswith("flux: error: ") and message in first
        assert hint == f"hint: see {command} --help"


def test_help_and_bare_groups_still_show_help() -> None:
    assert "Usage: flux [OPTIONS] COMMAND" in console("--help").clean().stdout
    bare = console("session")
    assert bare.code == 2 and "Commands:" in bare.output and "flux: error" not in bare.output


def test_sqlite_url_parameters_are_refused_without_a_warning(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}?foo=bar"
    ran = console("--db", url, "history").clean()
    assert ran.code == 2
    assert "not accepted by the pysqlite driver" in ran.stderr
    assert "SAWarning" not in ran.stderr and "create_engine(" not in ran.stderr
    assert not (tmp_path / "x.db").exists()


def test_import_reads_devices_and_fifos(tmp_path: Path) -> None:
    ran = invoke("import", "/dev/null").clean()
    assert ran.code == 2 and "does not exist" not in ran.stderr and "empty" in ran.stderr
    assert "does not exist" in invoke("import", str(tmp_path / "missing.csv")).clean().stderr
    assert "is a directory" in invoke("import", str(tmp_path)).clean().stderr


def test_a_long_lock_names_its_holder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migrated_sqlite: Path
) -> None:
    path = tmp_path / "locked.db"
    path.write_bytes(migrated_sqlite.read_bytes())
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
            " c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(60)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        monkeypatch.setattr(database, "BUSY_TIMEOUT_S", 1)
        started = time.monotonic()
        ran = invoke("--db", f"sqlite:///{path}", "log", "Back Squat", "100x5").clean()
        assert time.monotonic() - started < 20
    finally:
        holder.kill()
        holder.wait()
    assert ran.code == 3
    assert "stayed locked for 1 s" in ran.stderr
    assert f"pid {holder.pid}" in ran.stderr and "sqlite3" in ran.stderr
    assert "wait for it to finish" in ran.stderr


def _big_strong(path: Path, workouts: int = 8000) -> Path:
    lines = [
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
        "Notes,Workout Notes,RPE"
    ]
    for number in range(workouts):
        day = f"20{10 + number // 336:02d}-{1 + (number // 28) % 12:02d}-{1 + number % 28:02d}"
        lines += [
            f'{day} 10:00:00,"W{number}",1h,"Squat (Barbell)",{k + 1},{100 + k},5,0,0,"",,'
            for k in range(10)
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _started(url: str, source: Path) -> subprocess.Popen[str]:
    script = Path(sys.executable).with_name("flux")
    return subprocess.Popen(
        [str(script), "--db", url, "import", str(source), "--quiet"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.postgres
@pytest.mark.slow
def test_ctrl_c_on_postgres_is_always_interrupted(pg_url: str, tmp_path: Path) -> None:
    assert invoke("--db", pg_url, "db", "upgrade").clean().code == 0
    source = _big_strong(tmp_path / "big.csv")
    outcomes: list[int] = []
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 2.2, 2.6):
        process = _started(pg_url, source)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=120)
        ran = Ran(process.returncode, out, err).clean()
        outcomes.append(ran.code)
        if ran.code == 130:
            assert ran.stderr == "flux: interrupted\n", ran.stderr
        else:  # finished before the signal: a whole import
            assert ran.code == 0, ran
    assert outcomes.count(130) >= 4, outcomes
    history = invoke("--db", pg_url, "history", "--limit", "1", "--json").clean()
    assert history.code == 0


@pytest.mark.postgres
@pytest.mark.slow
def test_a_dropped_connection_is_one_clean_line(pg_url: str, tmp_path: Path) -> None:
    import psycopg
    from sqlalchemy import make_url

    assert invoke("--db", pg_url, "db", "upgrade").clean().code == 0
    source = _big_strong(tmp_path / "big.csv")
    server = make_url(pg_url)
    plain = server.set(drivername="postgresql").render_as_string(hide_password=False)
    process = _started(pg_url, source)
    killed = 0
    deadline = time.monotonic() + 60
    with psycopg.connect(plain, autocommit=True) as admin:
        while killed == 0 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.3)
            # Only a connection inside a transaction: one dropped while idle after the last
            # commit (the import done, the process exiting) is not a dropped import.
            row = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE application_name = 'flux' AND datname = %s AND pid <> pg_backend_pid()"
                " AND state IN ('active', 'idle in transaction')",
                (server.database,),
            ).fetchone()
            killed = row[0] if row else 0
    out, err = process.communicate(timeout=120)
    ran = Ran(process.returncode, out, err).clean()
    if killed == 0:
        pytest.skip("the import finished before its connection could be dropped")
    assert ran.code == 3, ran
    assert "error ignored" not in ran.stderr and "psycopg.Pipeline" not in ran.stderr
    assert len(ran.stderr.splitlines()) == 2  # the error and its hint
    assert os.environ.get("FLUX_TEST_DATABASE_URL") is not None


def test_every_interrupted_run_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from flux_cli import services

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(services, "where", interrupt)
    for _ in range(2):  # two runs in one process: each says it
        ran = invoke("paths").clean()
        assert (ran.code, ran.stderr) == (130, "flux: interrupted\n")
