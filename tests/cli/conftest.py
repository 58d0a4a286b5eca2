from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from flux_cli.cli.main import app

Flux = Callable[..., Result]


@pytest.fixture
def flux() -> Flux:
    """Invoke the flux app in-process; stdout and stderr are kept apart."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return invoke


def as_json(result: Result) -> Any:
    """The JSON on stdout of a successful command: an object or an array."""
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)
