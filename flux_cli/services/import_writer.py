"""Turn parsed import records into rows, skipping what is stored, writing in batches.

One writer serves a whole `flux import` (every file, one transaction). It remembers the
external ids already stored or added, resolves each exercise name once (the alias table,
then the shipped alias list, else a new custom exercise) and writes sessions, sets and
activities in bulk every `batch_sets` sets, so memory stays bounded however big the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from flux_cli.imports.aliases import catalogue_name, infer_pattern, is_assisted
from flux_cli.imports.records import ImportedActivity, ImportedSet, ImportedWorkout
from flux_cli.storage.imports import ActivityRow, ImportStore, SessionRow, SetRow
from flux_cli.storage.records import alias_key

if TYPE_CHECKING:
    from flux_cli.storage.records import Tracking
    from flux_cli.storage.unit_of_work import SqlUnitOfWork

NAME_LENGTH = 200  # exercises.name and workout_sessions.session_name are VARCHAR(200)
JSON_CACHE_SIZE = 10_000


class ImportWriter:
    """Adds workouts and activities to one profile inside the caller's transaction."""

    def __init__(self, uow: SqlUnitOfWork, profile_name: str, *, batch_sets: int = 5000) -> None:
        self._uow = uow
        self._store = ImportStore(uow.orm)
        profile = uow.profiles.get_or_create(profile_name)
        uow.profiles.lock(profile.id)
        self.profile_id, self.settings = profile.id, dict(profile.settings)
        self._batch_sets = batch_sets
        self._known: dict[tuple[str, str], set[str]] = {}
        self._aliases: dict[str, int] | None = None
        self._exercise_ids: dict[str, int] = {}
        self._json_cache: dict[tuple[tuple[str, Any], ...], str] = {}
        self.custom_exercises: list[str] = []
        self.activity_kinds: set[str] = set()  # the types of the activities added
        self._sessions: list[SessionRow] = []
        self._sets: list[SetRow] = []
        self._activities: list[ActivityRow] = []

    def add_workout(self, workout: ImportedWorkout) -> bool:
        """Queue a workout and its sets; False (nothing queued) when it is already stored."""
        known = self._ids("workout", workout.source)
        if workout.external_id in known:
            return False
        known.add(workout.external_id)
        store = self._store
        session_id = store.next_session_id()
        started = store.timestamp(workout.started_at)
        self._sessions.append(self._session_row(session_id, workout, started))
        # The hot loop: locals, and JSON text looked up by the metadata's items (it repeats).
        exercise_ids, json_cache = self._exercise_ids, self._json_cache
        timestamp = store.timestamp
        append = self._sets.append
        for item in workout.sets:
            try:
                if item.set_type != "normal" or item.notes:
                    raise KeyError
                metadata = json_cache[tuple(item.metadata.items())]
            except (KeyError, TypeError):
                metadata = self._metadata_json(item)
            append(
                SetRow(
                    session_id=session_id,
                    exercise_id=exercise_ids.get(item.exercise) or self._resolve(item),
                    position=item.position,
                    weight_kg=item.weight_kg,
                    reps=item.reps,
                    seconds=item.seconds,
                    distance_m=item.distance_m,
                    rpe=item.rpe,
                    metadata=metadata,
                    logged_at=timestamp(item.logged_at) if item.logged_at else started,
                )
            )
        if len(self._sets) >= self._batch_sets:
            self.flush()
        return True

    def add_activity(self, activity: ImportedActivity) -> bool:
        """Queue an activity; False when it is already stored."""
        known = self._ids("activity", activity.source)
        if activity.external_id in known:
            return False
        known.add(activity.external_id)
        self.activity_kinds.add(activity.kind[:64])
        store = self._store
        self._activities.append(
            ActivityRow(
                profile_id=self.profile_id,
                source=activity.source,
                external_id=activity.external_id,
                kind=activity.kind[:64],
                date=store.day(activity.date or activity.started_at.date()),
                started_at=store.timestamp(activity.started_at),
                elapsed_s=activity.elapsed_s,
                moving_s=activity.moving_s,
                distance_m=activity.distance_m,
                avg_hr=activity.avg_hr,
                max_hr=activity.max_hr,
                avg_watts=activity.avg_watts,
                name=activity.name,
                notes=activity.notes,
                metadata=json.dumps(dict(activity.metadata)),
            )
        )
        if len(self._activities) >= self._batch_sets:
            self.flush()
        return True

    def flush(self) -> None:
        """Write everything queued (sessions before the sets that refer to them)."""
        self._store.insert_sessions(self._sessions)
        self._store.insert_sets(self._sets)
        self._store.insert_activities(self._activities)
        self._sessions, self._sets, self._activities = [], [], []

    def _ids(self, kind: str, source: str) -> set[str]:
        key = (kind, source)
        if key not in self._known:
            store = self._store
            fetch = store.stored_workout_ids if kind == "workout" else store.stored_activity_ids
            self._known[key] = fetch(self.profile_id, source)
        return self._known[key]

    def _session_row(self, session_id: int, workout: ImportedWorkout, started: Any) -> SessionRow:
        store, details = self._store, workout.details
        return SessionRow(
            id=session_id,
            profile_id=self.profile_id,
            date=store.day(details.date if details else workout.started_at.date()),
            status=details.status if details else "completed",
            state=details.state if details else None,
            archetype=details.archetype if details else None,
            session_name=workout.name[:NAME_LENGTH] or None,
            anchor_pattern=details.anchor_pattern if details else None,
            conditioning_protocol=details.conditioning_protocol if details else None,
            plan=_json_or_null(details.plan if details else None),
            result=_json_or_null(details.result if details else None),
            source=workout.source,
            external_id=workout.external_id,
            started_at=started,
            ended_at=store.timestamp(workout.ended_at) if workout.ended_at else None,
            notes=workout.notes,
            metadata=_json_or_null(workout.metadata or None),
        )

    def _metadata_json(self, item: ImportedSet) -> str:
        """A set's metadata as JSON text, with its type and notes; cached, as it repeats."""
        metadata: Mapping[str, Any] = item.metadata
        if item.set_type != "normal" or item.notes:
            metadata = dict(metadata)
            if item.set_type != "normal":
                metadata["set_type"] = item.set_type
            if item.notes:
                metadata["notes"] = item.notes
        try:
            key = tuple(metadata.items())
            return self._json_cache[key]
        except KeyError:
            text = json.dumps(metadata)
            if len(self._json_cache) >= JSON_CACHE_SIZE:
                self._json_cache.clear()
            self._json_cache[key] = text
            return text
        except TypeError:  # a nested (unhashable) value: flux's own exports may hold one
            return json.dumps(metadata)

    def _resolve(self, item: ImportedSet) -> int:
        """The exercise id for a set's name: stored alias, shipped alias, or a new custom one."""
        if self._aliases is None:
            self._aliases = self._uow.exercises.alias_table(self.profile_id)
        name = item.exercise
        found = self._aliases.get(alias_key(name))
        if found is not None and is_assisted(name):
            # A database seeded before assisted variants were kept apart maps them onto the
            # unassisted exercise (Pull Up (Assisted) → Pull-Up); they get their own.
            if not is_assisted(self._store.exercise_name(found)):
                found = None
        elif found is None and (target := catalogue_name(name)) is not None:
            found = self._aliases.get(alias_key(target))
        if found is None:
            clipped = " ".join(name.split())[:NAME_LENGTH]
            found, created = self._store.add_custom_exercise(
                clipped, self.profile_id, pattern=infer_pattern(name), tracking=_tracking(item)
            )
            self._aliases[alias_key(clipped)] = found
            if created:
                self.custom_exercises.append(clipped)
        self._exercise_ids[name] = found
        return found


def _json_or_null(value: Mapping[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(dict(value))


def _tracking(item: ImportedSet) -> Tracking:
    """What a new exercise counts, judged from its first set."""
    if item.reps is None and item.weight_kg is None:
        if item.distance_m is not None:
            return "distance"
        if item.seconds is not None:
            return "time"
    return "reps"
