"""The command's `Context` (profile, database, rules) as the root callback stored it.

Its own module so the sub-apps (`session`, `admin`, `transfer`) can read it without
importing `cli.main`, which imports them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from flux_cli.services import Context


def context(ctx: typer.Context) -> Context:
    """The `Context` the root callback stored, or the defaults when run without it."""
    from flux_cli.services import Context

    # Typer hands a sub-command its own click context; the root's object is inherited.
    return ctx.obj if isinstance(ctx.obj, Context) else Context()
