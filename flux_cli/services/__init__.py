"""One function per use case: load → engine → persist → result.

The CLI and the dashboard call these and nothing below them. Each function that writes
runs in one unit of work: it stores all of its rows or none.

The everyday use cases are re-exported here (`services.checkin(...)`); the modules below
import only light modules at load time, so importing this package stays cheap. The rest
are imported as modules where they are used, inside functions:

- `services.workout`: the dashboard's use cases (given a `Context` from `keep_open`, they
  share one open database; `close` ends it)
- `services.importing` and `services.import_writer`: `flux import` (the writer loads
  SQLAlchemy at import time, so it is never imported from here)
- `services.exporting`: `flux export`
- `services.exercises`: `flux exercises list | alias`
"""

from __future__ import annotations

from flux_cli.services.admin import (
    SeedResult,
    active_rules,
    database_url,
    db_current,
    db_upgrade,
    profile_set,
    profile_show,
    seed,
    validate_rules_file,
    where,
)
from flux_cli.services.base import Context, close, keep_open, open_database
from flux_cli.services.logbook import (
    HistoryPage,
    e1rm_history,
    history,
    history_page,
    logged_exercises,
)
from flux_cli.services.training import (
    CheckinResult,
    CompletionResult,
    LogResult,
    SessionView,
    abandon_session,
    checkin,
    complete_session,
    log_sets,
    parse_meta,
    plan,
    readiness_inputs,
    show_session,
    start_session,
)

__all__ = [
    "CheckinResult",
    "CompletionResult",
    "Context",
    "HistoryPage",
    "LogResult",
    "SeedResult",
    "SessionView",
    "abandon_session",
    "active_rules",
    "checkin",
    "close",
    "complete_session",
    "database_url",
    "db_current",
    "db_upgrade",
    "e1rm_history",
    "history",
    "history_page",
    "keep_open",
    "log_sets",
    "logged_exercises",
    "open_database",
    "parse_meta",
    "plan",
    "profile_set",
    "profile_show",
    "readiness_inputs",
    "seed",
    "show_session",
    "start_session",
    "validate_rules_file",
    "where",
]
