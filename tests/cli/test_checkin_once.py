"""`flux checkin` opens the database once and parses the rules once (it used to do both twice)."""

from __future__ import annotations

from typing import Any

import pytest

from flux_cli import rules_file
from flux_cli.services import base
from flux_cli.storage.database import Database
from tests.cli.conftest import Flux, as_json


def test_checkin_opens_the_database_and_parses_the_rules_once(
    flux: Flux, monkeypatch: pytest.MonkeyPatch
) -> None:
    as_json(flux("checkin", "knee_pain=1", "energy=8", "--json"))  # first use: migrate, seed
    base._parsed.cache_clear()
    opened: list[str | None] = []
    parsed: list[str] = []
    real_open = Database.open  # bound to Database before the patch replaces it
    real_parse = rules_file.parse_rules

    def counting_open(cls: type[Database], /, url: str | None = None, **options: Any) -> Database:
        opened.append(url)
        return real_open(url, **options)

    def counting_parse(text: str, origin: str) -> rules_file.LoadedRules:
        parsed.append(origin)
        return real_parse(text, origin)

    monkeypatch.setattr(Database, "open", classmethod(counting_open))
    monkeypatch.setattr(base, "parse_rules", counting_parse)
    plan = as_json(flux("checkin", "knee_pain=2", "energy=7", "--json"))
    assert plan["state"] == "GREEN"
    assert len(opened) == 1
    assert len(parsed) == 1
