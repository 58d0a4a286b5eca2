"""Issue 9 item 2: `flux export -o PATH` never replaces what is not a regular file.

Regular files are replaced whole (kept as they were when the export fails, permission bits
kept); symbolic links are followed to their file (a dangling one is refused); FIFOs and
character devices are written through and stay what they are; directories, sockets, block
devices and missing directories are refused with exit 2; a write that fails (no space, file
size limit) is exit 3; no run leaves a `.partial` file behind.
"""

from __future__ import annotations

import os
import resource
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.hostile.io_support import REPO_ROOT, Ran, console, invoke

DAY = "2026-11-20"


@pytest.fixture
def history() -> None:
    """One finished session in this test's FLUX_HOME, so an export has rows."""
    invoke("log", "Back Squat", "100x5x3", "--date", DAY).clean()
    invoke("session", "complete").clean()


def _export(target: Path | str, *extra: str) -> Ran:
    return invoke("export", "-o", str(target), *extra).clean()


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".partial"))


@pytest.mark.usefixtures("history")
def test_a_regular_file_is_replaced_whole_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    ran = _export(target)
    assert ran.code == 0 and "wrote 3 rows" in ran.stderr
    assert target.read_text(encoding="utf-8").count("Back Squat") == 3
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


@pytest.mark.usefixtures("history")
def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    target = tmp_path / "new.csv"
    mask = os.umask(0o027)
    try:
        assert _export(target).code == 0
    finally:
        os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.usefixtures("history")
def test_a_failed_export_leaves_the_old_file_and_no_partial(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    ran = _export(target, "--exercise", "No Such Lift")
    assert ran.code == 2
    assert target.read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.usefixtures("history")
def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert _export(link).code == 0
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text(encoding="utf-8").count("Back Squat") == 3
    assert _leftovers(tmp_path) == []


@pytest.mark.usefixtures("history")
def test_a_dangling_symlink_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "dangling.csv"
    link.symlink_to(tmp_path / "nowhere" / "x.csv")
    ran = _export(link)
    assert ran.code == 2 and "symbolic link" in ran.stderr
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


@pytest.mark.usefixtures("history")
def test_a_fifo_is_written_through_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    ran = _export(fifo)
    reader.join(timeout=30)
    assert ran.code == 0
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert received and received[0].decode().count("Back Squat") == 3
    assert _leftovers(tmp_path) == []


def _device(folder: Path, name: str, minor: int) -> Path:
    """A character device node of this test's own with the numbers of /dev/null or /dev/full.

    Never the machine's own /dev files: if the code under test regressed to renaming over
    its target, the machine would lose /dev/null (this happened while writing these tests).
    """
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    node = folder / name
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    return node


@pytest.mark.usefixtures("history")
def test_character_devices_are_written_through(tmp_path: Path) -> None:
    null = _device(tmp_path, "null-device", 3)
    assert _export(null).code == 0
    assert stat.S_ISCHR(null.lstat().st_mode)
    full = _device(tmp_path, "full-device", 7)
    ran = _export(full)
    assert ran.code == 3 and "No space left" in ran.stderr
    assert stat.S_ISCHR(full.lstat().st_mode)
    assert _leftovers(tmp_path) == []


@pytest.mark.usefixtures("history")
def test_directories_sockets_and_missing_folders_are_refused(tmp_path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    sock = tmp_path / "s.sock"
    server.bind(str(sock))
    try:
        cases = {
            "/": "is a directory",
            str(tmp_path): "is a directory",
            str(sock): "is a socket",
            str(tmp_path / "missing" / "x.csv"): "does not exist",
            str(tmp_path / "s.sock" / "x.csv"): "is not a directory",
        }
        for target, reason in cases.items():
            ran = _export(target)
            assert ran.code == 2, ran
            assert reason in ran.stderr
        assert stat.S_ISSOCK(sock.lstat().st_mode)
    finally:
        server.close()
    assert not (tmp_path / "missing").exists()
    assert _leftovers(tmp_path) == []
    assert _export("").code == 2


@pytest.mark.usefixtures("history")
def test_a_block_device_is_refused(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a block device node needs root")
    node = tmp_path / "block"
    os.mknod(node, 0o600 | stat.S_IFBLK, os.makedev(7, 250))  # a loop device number
    ran = _export(node)
    assert ran.code == 2 and "block device" in ran.stderr
    assert stat.S_ISBLK(node.lstat().st_mode)


def _limited(limit: int, *args: str) -> Ran:
    """flux in a child process that may not write files past `limit` bytes (a 'full disk')."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    script = Path(sys.executable).with_name("flux")
    done = subprocess.run(
        [str(script), *args],
        cwd=REPO_ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=cap,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def test_a_write_that_fails_half_way_is_exit_3_and_keeps_the_old_file(tmp_path: Path) -> None:
    for number in range(28):  # 280 rows: an export well past the limit
        day = f"2026-10-{1 + number % 28:02d}"
        invoke("log", "Back Squat", "100x5x10", "--date", day).clean()
        invoke("session", "complete").clean()
    # A read-only export writes no database page; SQLite's -shm index is 32 KiB.
    limit = 40 * 1024
    assert len(invoke("export").clean().stdout) > limit + 16 * 1024
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    ran = _limited(limit, "export", "-o", str(target)).clean()
    assert ran.code == 3, ran
    assert "cannot write" in ran.stderr
    assert target.read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == []


def test_through_the_console_script(tmp_path: Path) -> None:
    ran = console("export", "-o", "/").clean()
    assert ran.code == 2 and "is a directory" in ran.stderr
    ran = console("export", "-o", str(tmp_path / "no" / "dir.csv")).clean()
    assert ran.code == 2 and "does not exist" in ran.stderr


@pytest.mark.usefixtures("history")
def test_standard_output_that_is_full_is_exit_3() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    script = Path(sys.executable).with_name("flux")
    with Path("/dev/full").open("w", encoding="utf-8") as full:
        done = subprocess.run(
            [str(script), "export"],
            cwd=REPO_ROOT,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    ran = Ran(done.returncode, "", done.stderr).clean()
    assert ran.code == 3
    assert ran.stderr.startswith("flux: error: cannot write the output: No space left")
    assert "Exception ignored" not in ran.stderr
