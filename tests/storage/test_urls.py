"""Database URLs: accepted forms, masking, and connection failures that never leak a password."""

from __future__ import annotations

import pytest

from flux_cli.errors import ExitCode, InputError, StorageError
from flux_cli.storage.database import Database
from flux_cli.storage.urls import mask_url, normalise_url, scrub

SECRET = "s3cr3t-Pa55word"


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        (
            "postgresql+psycopg://me:pw@db.example:5432/flux",
            "postgresql+psycopg://me:***@db.example:5432/flux",
        ),
        (
            "postgres://me:p%40ss@host/db?sslmode=require",
            "postgres://me:***@host/db?sslmode=require",
        ),
        # An unencoded `@`: SQLAlchemy would read `ss@host` as the host, so only the scheme shows.
        ("postgresql://me:p@ss@host/db", "postgresql://***"),
        # One after a `?` of the password: the rest reads as a query, as ambiguous.
        ("postgresql://me:p@ss?@host/db", "postgresql://***"),
        ("postgresql://me@host/db", "postgresql://me@host/db"),
        ("postgresql://host/db?user=me&password=pw", "postgresql://host/db?user=me&password=***"),
        ("sqlite:////tmp/flux.db", "sqlite:////tmp/flux.db"),
    ],
)
def test_mask_url_hides_the_password(url: str, masked: str) -> None:
    assert mask_url(url) == masked


@pytest.mark.parametrize(
    ("url", "normalised"),
    [
        ("postgres://u:p@h/d", "postgresql+psycopg://u:p@h/d"),
        ("postgresql://u:p@h/d", "postgresql+psycopg://u:p@h/d"),
        ("postgresql+psycopg://u:p@h/d", "postgresql+psycopg://u:p@h/d"),
        ("sqlite:///relative.db", "sqlite:///relative.db"),
        ("sqlite:////abs/flux.db", "sqlite:////abs/flux.db"),
    ],
)
def test_normalise_url(url: str, normalised: str) -> None:
    assert normalise_url(url) == normalised


@pytest.mark.parametrize(
    "url", ["mysql://u:secret@h/d", "postgresql+psycopg2://u:secret@h/d", "flux.db", "http://x"]
)
def test_unsupported_urls_are_bad_input_without_the_password(url: str) -> None:
    with pytest.raises(InputError) as caught:
        Database.open(url)
    assert caught.value.exit_code == ExitCode.BAD_INPUT
    assert "secret" not in str(caught.value)
    assert caught.value.hint and "sqlite:///" in caught.value.hint


def test_scrub_removes_every_form_of_the_password() -> None:
    url = "postgresql://me:p%40ss@host/db"
    message = 'failed: password=p@ss rejected for "postgresql://me:p%40ss@host/db"\nFATAL'
    cleaned = scrub(message, url)
    assert "p@ss" not in cleaned and "p%40ss" not in cleaned
    assert "\n" not in cleaned


def _assert_clean_storage_error(url: str) -> StorageError:
    with pytest.raises(StorageError) as caught:
        Database.open(url)
    error = caught.value
    shown = f"{error} {error.hint} {error.args}"
    assert SECRET not in shown
    assert mask_url(normalise_url(url)) in str(error)
    assert "\n" not in str(error)
    assert error.hint and "URL" in error.hint
    assert error.exit_code == ExitCode.STORAGE
    return error


@pytest.mark.parametrize(
    "url",
    [
        pytest.param(f"postgresql://flux:{SECRET}@127.0.0.1:1/flux", id="refused-port"),
        pytest.param(f"postgresql://flux:{SECRET}@no-such-host.invalid:5432/flux", id="bad-host"),
        pytest.param("sqlite:////no/such/dir/flux.db", id="sqlite-missing-dir"),
    ],
)
def test_unreachable_databases_are_storage_errors_with_masked_urls(url: str) -> None:
    error = _assert_clean_storage_error(url)
    assert "cannot use the database" in str(error)


def test_a_host_no_resolver_can_spell_is_bad_input_not_a_crash() -> None:
    # IDNA refuses the host ("0" then a right-to-left letter): UnicodeError, no DB-API error.
    with pytest.raises(InputError) as caught:
        Database.open(f"postgresql+psycopg://flux:{SECRET}@0\u05d0/flux").close()
    assert caught.value.exit_code == ExitCode.BAD_INPUT
    assert "not a valid host name" in str(caught.value)
    assert SECRET not in str(caught.value) + (caught.value.hint or "")


@pytest.mark.postgres
def test_wrong_credentials_and_unknown_database_are_masked(pg_url: str) -> None:
    from sqlalchemy import make_url

    server = make_url(pg_url)
    wrong_user = server.set(username="flux_no_such_role", password=SECRET)
    unknown_db = server.set(password=SECRET, database="flux_no_such_database")
    for url in (wrong_user, unknown_db):
        _assert_clean_storage_error(url.render_as_string(hide_password=False))


@pytest.mark.postgres
def test_wrong_password_is_masked(pg_url: str) -> None:
    from sqlalchemy import make_url

    url = make_url(pg_url).set(password=SECRET).render_as_string(hide_password=False)
    try:
        Database.open(url, check_schema=False).current()
    except StorageError as error:
        assert SECRET not in f"{error} {error.hint}"
    else:
        pytest.skip("the test server accepts any password (trust auth); see the unknown-role case")
