"""SQLAlchemy models: the one schema both back ends share (DESIGN §4).

Rows never leave `flux_cli.storage`; repositories turn them into `records`.
Migrations in `migrations/versions` are written out by hand from these models.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator, TypeEngine

SESSION_STATUSES = ("planned", "active", "completed", "abandoned")
TRACKING_UNITS = ("reps", "time", "distance")
LOAD_TYPES = ("barbell", "dumbbell", "bodyweight", "machine", "cable", "kettlebell", "band", "none")
EXERCISE_SOURCES = ("builtin", "free-exercise-db", "custom")

# Stable constraint names, so migrations and both back ends agree.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _one_of(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{value}'" for value in values)
    return f"{column} IN ({quoted})"


class JSONType(TypeDecorator[Any]):
    """JSON, stored as JSONB on PostgreSQL (its dialect is imported only when used)."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on both back ends (SQLite stores them naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("flux stores aware datetimes only")
        value = value.astimezone(dt.UTC)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Profile(Base):
    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    settings: Mapped[dict[str, Any]] = mapped_column(JSONType(), default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Exercise(Base):
    __tablename__ = "exercises"
    __table_args__ = (
        CheckConstraint(_one_of("tracking", TRACKING_UNITS), name="tracking"),
        CheckConstraint(_one_of("load_type", LOAD_TYPES), name="load_type"),
        CheckConstraint(_one_of("source", EXERCISE_SOURCES), name="source"),
        # A profile's custom exercises may share a name with another profile's.
        UniqueConstraint("profile_id", "name"),
        Index(
            "uq_exercises_shared_name",
            "name",
            unique=True,
            sqlite_where=text("profile_id IS NULL"),
            postgresql_where=text("profile_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # None: the shared catalogue; else the one profile whose custom exercise this is.
    profile_id: Mapped[int | None] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    aliases: Mapped[list[str]] = mapped_column(JSONType(), default=list)
    pattern: Mapped[str | None] = mapped_column(String(32))
    category: Mapped[str] = mapped_column(String(32))
    mechanic: Mapped[str | None] = mapped_column(String(32))
    equipment: Mapped[str | None] = mapped_column(String(32))
    primary_muscles: Mapped[list[str]] = mapped_column(JSONType(), default=list)
    secondary_muscles: Mapped[list[str]] = mapped_column(JSONType(), default=list)
    tracking: Mapped[str] = mapped_column(String(16))
    load_type: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(32))


class ExerciseAlias(Base):
    """Every shared lowercased name and alias → its exercise (profiles' own: `ProfileAlias`)."""

    __tablename__ = "exercise_aliases"

    alias: Mapped[str] = mapped_column(String(200), primary_key=True)
    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("exercises.id", ondelete="CASCADE"), index=True
    )


class ProfileAlias(Base):
    """A profile's own name keys (its custom exercises, its aliases), before the shared ones."""

    __tablename__ = "profile_aliases"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    alias: Mapped[str] = mapped_column(String(200), primary_key=True)
    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("exercises.id", ondelete="CASCADE"), index=True
    )


MOVE_RULES = ("no", "yes", "prefer")


class MovementRule(Base):
    """A profile's rule for one exercise: HARD_NO (`no`), HARD_YES (`yes`), PREFERRED."""

    __tablename__ = "movement_rules"
    __table_args__ = (CheckConstraint(_one_of("rule", MOVE_RULES), name="rule"),)

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("exercises.id", ondelete="CASCADE"), primary_key=True
    )
    rule: Mapped[str] = mapped_column(String(10))


class RuleSet(Base):
    __tablename__ = "rule_sets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReadinessLog(Base):
    __tablename__ = "readiness_logs"
    __table_args__ = (UniqueConstraint("profile_id", "date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    inputs: Mapped[dict[str, Any]] = mapped_column(JSONType())
    state: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The day's --minutes / --equipment given at check-in (NULL: the profile's defaults).
    minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    equipment: Mapped[str | None] = mapped_column(String(400), nullable=True)


class WorkoutSession(Base):
    __tablename__ = "workout_sessions"
    __table_args__ = (
        CheckConstraint(_one_of("status", SESSION_STATUSES), name="status"),
        UniqueConstraint("profile_id", "source", "external_id"),
        Index("ix_workout_sessions_profile_status", "profile_id", "status"),
        Index("ix_workout_sessions_profile_date", "profile_id", "date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    state: Mapped[str | None] = mapped_column(String(32))
    archetype: Mapped[str | None] = mapped_column(String(100))
    session_name: Mapped[str | None] = mapped_column(String(200))
    anchor_pattern: Mapped[str | None] = mapped_column(String(32))
    conditioning_protocol: Mapped[str | None] = mapped_column(String(32))
    plan: Mapped[dict[str, Any] | None] = mapped_column(JSONType())
    result: Mapped[dict[str, Any] | None] = mapped_column(JSONType())
    source: Mapped[str] = mapped_column(String(32), default="flux", server_default="flux")
    external_id: Mapped[str | None] = mapped_column(String(200))
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    notes: Mapped[str | None] = mapped_column(Text)
    meta: Mapped[dict[str, Any] | None] = mapped_column("metadata", JSONType())
    # Done in a deload (its plan said so): PR charts leave it out.
    deload: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # What the athlete reported at completion, for the load ledger (migration 0005_load).
    session_rpe: Mapped[float | None] = mapped_column(Float)
    session_minutes: Mapped[float | None] = mapped_column(Float)

    sets: Mapped[list[WorkoutSet]] = relationship(
        back_populates="session",
        order_by="WorkoutSet.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class WorkoutSet(Base):
    __tablename__ = "workout_sets"
    __table_args__ = (
        Index("ix_workout_sets_exercise_session", "exercise_id", "session_id"),
        Index("ix_workout_sets_session_position", "session_id", "position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("workout_sessions.id", ondelete="CASCADE"))
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercises.id"))
    position: Mapped[int] = mapped_column(Integer)
    weight_kg: Mapped[float | None] = mapped_column(Float)
    reps: Mapped[int | None] = mapped_column(Integer)
    seconds: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSONType(), default=dict)
    logged_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    session: Mapped[WorkoutSession] = relationship(back_populates="sets")
    exercise: Mapped[Exercise] = relationship()


class Activity(Base):
    """An endurance activity from another app (a Strava row); conditioning history."""

    __tablename__ = "activities"
    __table_args__ = (
        UniqueConstraint("profile_id", "source", "external_id"),
        Index("ix_activities_profile_date", "profile_id", "date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(64))
    date: Mapped[dt.date] = mapped_column(Date)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    elapsed_s: Mapped[float | None] = mapped_column(Float)
    moving_s: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    avg_hr: Mapped[float | None] = mapped_column(Float)
    max_hr: Mapped[float | None] = mapped_column(Float)
    avg_watts: Mapped[float | None] = mapped_column(Float)
    name: Mapped[str] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSONType(), default=dict)


class SorenessLog(Base):
    """Soreness the athlete reported for one muscle group on one day (0-10)."""

    __tablename__ = "soreness_logs"
    __table_args__ = (
        UniqueConstraint("profile_id", "date", "muscle"),
        CheckConstraint("value >= 0 AND value <= 10", name="value"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    muscle: Mapped[str] = mapped_column(String(32))
    value: Mapped[float] = mapped_column(Float)
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


def insert_for(dialect: str, model: type[Base]) -> Any:
    """The dialect's INSERT for `model` (both back ends support ON CONFLICT)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(model)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(model)
