"""Exercise catalogues: the built-in YAML, the public free-exercise-db file, and upserts."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from flux_cli import catalog, paths
from flux_cli.errors import InputError
from flux_cli.storage.database import Database
from flux_cli.storage.records import ExerciseData, alias_key

REPO_ROOT = Path(__file__).resolve().parents[2]
FREE_EXERCISE_DB = (
    REPO_ROOT.parent / "shared" / "data" / "exercises" / "free-exercise-db.exercises.json"
)
needs_free_db = pytest.mark.skipif(
    not FREE_EXERCISE_DB.exists(), reason=f"{FREE_EXERCISE_DB} is not there"
)


def _exercises_named_in_rules() -> set[str]:
    rules = yaml.safe_load(paths.default_rules_path().read_text(encoding="utf-8"))
    names = {name for per_state in rules["selections"].values() for name in per_state.values()}
    for archetype in rules["archetypes"].values():
        for block in archetype["blocks"]:
            fixed = block.get("exercise")
            if isinstance(fixed, dict):
                names.update(fixed.values())
            elif fixed:
                names.add(fixed)
    names.update(protocol["exercise"] for protocol in rules["protocols"].values())
    return names


def test_the_builtin_catalogue_has_every_exercise_the_default_rules_name() -> None:
    builtin = {record.name for record in catalog.load_builtin()}
    assert len(_exercises_named_in_rules()) >= 19
    assert _exercises_named_in_rules() <= builtin


def test_the_builtin_catalogue_is_complete_and_consistent() -> None:
    records = catalog.load_builtin()
    assert len(records) >= 60
    by_name = {record.name: record for record in records}
    for name in ("Front Squat", "Overhead Press", "Pull-Up", "Farmer's Carry", "Jump Rope"):
        assert name in by_name
    assert by_name["Back Squat"].pattern == "SQUAT"
    assert by_name["Deadlift"].pattern == "HINGE"
    assert by_name["Bench Press"].pattern == "PUSH"
    assert by_name["Band Pull-Apart"].pattern == "PULL"
    assert by_name["Plank"].tracking == "time"
    assert by_name["Running"].tracking == "distance"
    assert all(record.source == "builtin" and record.primary_muscles for record in records)
    assert {record.pattern for record in records} == {"SQUAT", "HINGE", "PUSH", "PULL", None}


@needs_free_db
def test_the_public_catalogue_loads_all_873_exercises_with_inferred_patterns() -> None:
    records = catalog.load_free_exercise_db(FREE_EXERCISE_DB)
    assert len(records) == 873
    by_name = {record.name: record for record in records}
    assert by_name["Barbell Squat"].pattern == "SQUAT"
    assert by_name["Barbell Deadlift"].pattern == "HINGE"
    assert by_name["Barbell Bench Press - Medium Grip"].pattern == "PUSH"
    assert by_name["Pullups"].pattern == "PULL"
    assert by_name["Plank"].pattern is None and by_name["Plank"].tracking == "time"
    assert by_name["Barbell Curl"].pattern is None
    assert by_name["Barbell Squat"].load_type == "barbell"
    assert all(record.source == "free-exercise-db" for record in records)


@pytest.mark.parametrize(
    ("name", "force", "mechanic", "category", "primary", "pattern"),
    [
        ("Goblet Squat", "push", "compound", "strength", "quadriceps", "SQUAT"),
        ("Cable Pull Through", "pull", "compound", "strength", "glutes", "HINGE"),
        ("Seated Cable Rows", "pull", "compound", "strength", "middle back", "PULL"),
        ("Arnold Dumbbell Press", "push", "compound", "strength", "shoulders", "PUSH"),
        ("Calf Press", "push", "isolation", "strength", "calves", None),
        ("Dumbbell Flyes", "push", "compound", "strength", "chest", None),
        ("Box Jump", "push", "compound", "plyometrics", "hamstrings", None),
        ("Mystery Machine", "push", "compound", "strength", "quadriceps", "SQUAT"),
        ("Mystery Machine", "push", "isolation", "strength", "quadriceps", None),
    ],
)
def test_pattern_inference(
    name: str, force: str, mechanic: str, category: str, primary: str, pattern: str | None
) -> None:
    assert catalog.infer_pattern(name, force, mechanic, category, [primary]) == pattern


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("version: 1\nexercises: [{name: X}]\n", "exercises[0] (X).category: Field required"),
        (
            "version: 1\nexercises:\n  - {name: X, category: strength, primary_muscles: [toes], "
            "load_type: none}\n",
            "exercises[0] (X).primary_muscles[0]",
        ),
        ("version: 2\nexercises: []\n", "version"),
        ("version: 1\nexercises: [\n", "not valid YAML"),
        (
            "version: 1\nexercises:\n  - {name: A, category: strength, primary_muscles: [calves], "
            "load_type: none}\n  - {name: B, aliases: [a], category: strength, "
            "primary_muscles: [calves], load_type: none}\n",
            "'a' of 'B' also names 'A'",
        ),
    ],
)
def test_a_malformed_catalogue_names_the_file_and_problem(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "catalogue.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        catalog.load_catalog(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert problem in str(caught.value)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"name": "x"}', "expected a JSON array"),
        ('[{"name": "x"}]', "[0].mechanic: Field required"),
        ("[", "not valid JSON"),
    ],
)
def test_a_malformed_public_catalogue_names_the_file_and_problem(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "exercises.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        catalog.load_free_exercise_db(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert problem in str(caught.value)


def test_a_missing_catalogue_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        catalog.load_any(tmp_path / "nope.json")


@needs_free_db
def test_upserting_catalogues_is_idempotent_and_the_builtin_one_wins(db: Database) -> None:
    builtin = catalog.load_builtin()
    public = catalog.load_free_exercise_db(FREE_EXERCISE_DB)
    with db.unit_of_work() as s:
        # The database was seeded with the built-in catalogue on first use.
        assert s.exercises.upsert(builtin) == (0, 0)
        added, updated = s.exercises.upsert(public)
    # Public entries whose names are built-in names or aliases merge into them.
    assert updated == 0
    assert 780 < added < 873
    with db.unit_of_work() as s:
        assert s.exercises.upsert(public) == (0, 0)
        assert s.exercises.upsert(builtin) == (0, 0)
        assert len(s.exercises.all()) == len(builtin) + added
        squat = s.exercises.resolve("Barbell Squat")
        assert squat is not None and squat.name == "Back Squat" and squat.source == "builtin"
        public_only = s.exercises.resolve("arnold dumbbell press")
        assert public_only is not None and public_only.source == "free-exercise-db"


def test_upserts_update_changed_entries_and_keep_old_names_resolving(db: Database) -> None:
    custom = ExerciseData(name="Sled Push", tracking="distance", source="custom")
    with db.unit_of_work() as s:
        assert s.exercises.upsert([custom]) == (1, 0)
        sled = s.exercises.resolve("sled push")
        assert sled is not None and sled.source == "custom"
        catalogued = ExerciseData(
            name="Prowler Push",
            aliases=("Sled Push",),
            category="strongman",
            primary_muscles=("quadriceps",),
            tracking="distance",
            load_type="none",
            source="builtin",
        )
        assert s.exercises.upsert([catalogued]) == (0, 1)
        renamed = s.exercises.resolve("Prowler Push")
        assert renamed is not None and renamed.id == sled.id and renamed.source == "builtin"
        assert s.exercises.resolve("Sled Push") == renamed
        # A lower-ranked source never overwrites a higher one.
        assert s.exercises.upsert([custom]) == (0, 0)
        assert s.exercises.upsert([catalogued]) == (0, 0)


def test_alias_keys_ignore_case_and_spacing() -> None:
    assert alias_key("  Squat   (Barbell) ") == "squat (barbell)"
