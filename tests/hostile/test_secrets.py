"""Issue 9 item 1: no password in a database URL ever reaches an output, however it is written.

The property runs over passwords of printable characters (ASCII and beyond), written into the
URL as they are or percent-encoded, given by `--db` or `FLUX_DATABASE_URL`, through every
command that prints the URL or an error naming it: `db url`, `paths`, `paths --json`, and a
command whose connection fails (a refused port, and with the real server, an unknown role).
"""

from __future__ import annotations

import os
from urllib.parse import quote, unquote

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from flux_cli.storage.urls import mask_url, normalise_url, scrub
from tests.hostile.io_support import Ran, console, invoke

# Printable: every ASCII character from space to ~, and letters, marks and symbols beyond.
PRINTABLE = st.characters(
    codec="utf-8", categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\x7f"
)
ASCII_PRINTABLE = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
# The characters URLs give a meaning to come up often, not once in a hundred draws.
URL_SPECIALS = st.sampled_from("/@:?#%&=+;,[]' \"\\")
PASSWORDS = st.text(st.one_of(URL_SPECIALS, ASCII_PRINTABLE, PRINTABLE), min_size=8, max_size=40)
REFUSED = "127.0.0.1:1"  # nothing listens on port 1: the connection fails at once
COMMANDS = (("db", "url"), ("paths",), ("paths", "--json"), ("history",))


def _written(password: str, encoded: bool) -> str:
    return quote(password, safe="") if encoded else password


def _url(written: str, host: str = REFUSED, user: str = "coach") -> str:
    return f"postgresql+psycopg://{user}:{written}@{host}/flux"


def _baseline(command: tuple[str, ...]) -> str:
    """The command's output for a harmless password: what any output contains anyway."""
    ran = invoke("--db", _url("placeholder"), *command)
    return ran.output


BASELINES = {command: "" for command in COMMANDS}


def _forms(password: str, written: str) -> set[str]:
    """The password as given, as written in the URL, and as SQLAlchemy decodes it."""
    return {form for form in (password, written, unquote(written)) if len(form.strip()) >= 4}


def _assert_no_secret(ran: Ran, forms: set[str]) -> None:
    ran.clean()
    for form in forms:
        assert form not in ran.output, (form, ran.output)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(password=PASSWORDS, encoded=st.booleans(), by_env=st.booleans())
def test_no_command_prints_the_password(password: str, encoded: bool, by_env: bool) -> None:
    written = _written(password, encoded)
    url = _url(written)
    forms = _forms(password, written)
    for command in COMMANDS:
        baseline = BASELINES[command] or _baseline(command)
        BASELINES[command] = baseline
        assume(not any(form in baseline for form in forms))
        if by_env:
            ran = invoke(*command, env={"FLUX_DATABASE_URL": url})
        else:
            ran = invoke("--db", url, *command)
        _assert_no_secret(ran, forms)
        # A URL that cannot be read unambiguously is bad input (2); unreachable is 3.
        expected = {0} if command[0] in ("db", "paths") else {3}
        assert ran.code in expected | {2}, ran


@settings(max_examples=200, deadline=None)
@given(password=PASSWORDS, encoded=st.booleans(), query=st.booleans())
def test_masking_and_scrubbing_keep_every_form_out(
    password: str, encoded: bool, query: bool
) -> None:
    """The functions under the commands: mask_url and scrub over driver-like messages."""
    written = _written(password, encoded)
    if query:
        url = f"postgresql+psycopg://coach@db.example/flux?password={quote(password, safe='')}"
    else:
        url = _url(written, host="db.example")
    forms = _forms(password, written) | ({quote(password, safe="")} if query else set())
    # A password that is a piece of the text around it ("password", "flux", "***") shows
    # whatever the masking does: only the others can be looked for.
    around = (
        "connection to postgresql+psycopg://coach:***@db.example/flux?password=*** failed: "
        "password='***' dbname=flux user="
    )
    assume(not any(form in around for form in forms))
    masked = mask_url(url)
    message = (
        f"connection to {url} failed: password={password!r} "
        f"dbname=flux password='{password}' user={written}"
    )
    for form in forms:
        assert form not in masked
        assert form not in scrub(message, url)


def test_the_reported_url_leaks_nowhere_through_the_console_script() -> None:
    """The issue's example, through the real entry point: db url, paths, paths --json, a connect."""
    url = "postgresql+psycopg://u:Sup3rS3cretPW/x@127.0.0.1:1/db"
    for command in COMMANDS:
        ran = console("--db", url, *command).clean()
        assert "Sup3rS3cretPW" not in ran.output
    assert console("--db", url, "db", "url").stdout == "postgresql+psycopg://u:***@127.0.0.1:1/db\n"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:p@ss/w0rd@h/db", "postgresql://***"),  # an unencoded @: ambiguous
        ("postgresql://u/x:Sup3rS3cret@h/db", "postgresql://***"),  # a / in the user name
        ("postgresql://u:Sup3r%2FS3cret@h/db?sslpassword=Sup3rS3cret", None),
    ],
)
def test_ambiguous_urls_are_refused_without_their_secret(url: str, shown: str | None) -> None:
    ran = invoke("--db", url, "history").clean()
    assert "Sup3r" not in ran.output and "w0rd" not in ran.output
    if shown is not None:
        assert ran.code == 2
        assert shown in ran.stderr
        assert "percent-encode" in ran.stderr


REFUSALS: dict[str, str] = {}  # host → the refusal printed for a plain password


@pytest.mark.postgres
@settings(max_examples=15, deadline=None)
@given(password=PASSWORDS, encoded=st.booleans())
def test_a_refused_login_on_the_real_server_shows_no_password(password: str, encoded: bool) -> None:
    from sqlalchemy import make_url

    admin = os.environ.get("FLUX_TEST_DATABASE_URL")
    if not admin:
        pytest.skip("FLUX_TEST_DATABASE_URL is not set")
    server = make_url(normalise_url(admin))
    host = f"{server.host}:{server.port or 5432}"
    written = _written(password, encoded)
    forms = _forms(password, written)
    # A password that is a piece of the refusal around it ("database", "role") shows
    # whatever the masking does: only the others can be looked for.
    if host not in REFUSALS:
        refused = invoke("--db", _url("Zq7xW", host=host, user="flux_no_such_role"), "history")
        REFUSALS[host] = refused.output
    assume(not any(form in REFUSALS[host] for form in forms))
    ran = invoke("--db", _url(written, host=host, user="flux_no_such_role"), "history")
    _assert_no_secret(ran, forms)
    assert ran.code in (2, 3)
