"""Issue 9 item 3: FLUX_HOME is a directory path, never a URL, and a bad one is a clean exit 3.

The database is always where `flux paths` says, whatever characters the directory's name holds
(`?`, `#`, `%41`, spaces, non-ASCII); a FLUX_HOME that is empty, a file, under a file, not
writable, under /proc or longer than the system allows is refused with the path and the fix,
and nothing is written anywhere else (not under the user's home).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.io_support import Ran, console, invoke

HINT = "hint: set FLUX_HOME to a directory you can write"


def _refused(ran: Ran, *shown: str) -> None:
    ran.clean()
    assert ran.code == 3, ran
    assert HINT in ran.stderr
    for text in shown:
        assert text in ran.stderr


def _databases(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("flux.db"))


def test_an_empty_flux_home_is_refused_and_nothing_goes_under_the_home(tmp_path: Path) -> None:
    home = tmp_path / "user-home"
    home.mkdir()
    for command in (("history",), ("log", "Back Squat", "100x5")):
        ran = invoke(*command, env={"FLUX_HOME": "", "HOME": str(home)})
        _refused(ran, "FLUX_HOME is set but empty")
    assert list(home.rglob("*")) == []


def test_a_file_a_path_under_a_file_and_proc_are_refused(tmp_path: Path) -> None:
    afile = tmp_path / "a-file"
    afile.write_text("not a directory\n", encoding="utf-8")
    before = afile.read_bytes()
    cases = {
        str(afile): "is not a directory",
        str(afile / "below"): "a part of the path is a file",
        "/proc/flux-cannot-be-made-here": "cannot create the data directory",
    }
    for home, reason in cases.items():
        for command in (("history",), ("log", "Back Squat", "100x5"), ("export",)):
            _refused(invoke(*command, env={"FLUX_HOME": home}), reason, home)
    assert afile.read_bytes() == before


def test_an_unwritable_flux_home_is_refused(tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root writes anywhere a mode allows: /proc/self refuses even root
        home = "/proc/self"
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        home = str(locked)
    _refused(invoke("log", "Back Squat", "100x5", env={"FLUX_HOME": home}), "not writable")


@pytest.mark.parametrize("length", [5000, 300])
def test_a_flux_home_too_long_is_refused(tmp_path: Path, length: int) -> None:
    # 5000: longer than PATH_MAX; 300: one component longer than NAME_MAX.
    home = str(tmp_path / ("x" * length))
    ran = invoke("history", env={"FLUX_HOME": home})
    _refused(ran, "FLUX_HOME")
    assert len(ran.stderr) < 1000  # the path is shortened in the message


def test_through_the_console_script(tmp_path: Path) -> None:
    afile = tmp_path / "a-file"
    afile.write_text("x", encoding="utf-8")
    for home in ("", str(afile), str(afile / "x"), "/proc/x", "/" + "y" * 5000):
        _refused(console("log", "Back Squat", "100x5", env={"FLUX_HOME": home}))


def test_a_relative_flux_home_is_made_absolute(tmp_path: Path) -> None:
    ran = console("paths", "--json", env={"FLUX_HOME": "rel/home"}, cwd=tmp_path).clean()
    where = json.loads(ran.stdout)
    assert where["data_dir"] == str(tmp_path / "rel" / "home")
    assert where["database_file"] == str(tmp_path / "rel" / "home" / "flux.db")


# Directory names: any printable character but the separator, including ?, #, %41, spaces.
NAMES = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="/\x7f"),
    min_size=1,
    max_size=30,
).filter(lambda name: name not in (".", "..") and len(name.encode()) <= 200)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=st.one_of(NAMES, st.sampled_from(["hq?x", "h%41", "a#b", "x?y=1&z", " sp ace "])))
def test_the_database_is_where_paths_says(tmp_path: Path, migrated_sqlite: Path, name: str) -> None:
    root = tmp_path / "homes"
    shutil.rmtree(root, ignore_errors=True)
    home = root / name
    home.mkdir(parents=True)
    shutil.copyfile(migrated_sqlite, home / "flux.db")
    env = {"FLUX_HOME": str(home)}
    where = json.loads(invoke("paths", "--json", env=env).clean().stdout)
    assert where["data_dir"] == str(home)
    assert where["database_file"] == str(home / "flux.db")
    logged = invoke("log", "Back Squat", "100x5", "--date", "2026-11-20", env=env).clean()
    assert logged.code == 0, logged
    assert _databases(root) == [home / "flux.db"]  # nowhere else
    assert invoke("history", "--json", env=env).clean().stdout.count("Back Squat") == 1
