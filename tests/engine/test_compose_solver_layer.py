"""flux solves through OR-Tools' compiled helper, below the public `cp_model` layer.

These tests pin that layer: an OR-Tools upgrade that changes the version, the text-format
model, the parameters or the response fails here first, loudly, not in a user's plan.
"""

from __future__ import annotations

from importlib.metadata import version

from flux_cli.engine.compose.solver import ORTOOLS_VERSION, Model


def test_or_tools_is_the_pinned_version() -> None:
    assert version("ortools") == ORTOOLS_VERSION, (
        "OR-Tools changed: flux uses ortools.sat.python.cp_model_helper directly "
        "(flux_cli/engine/compose/solver.py); re-check that layer, then move the pin"
    )


def test_a_knapsack_is_solved_to_optimality() -> None:
    model = Model()
    items = [model.new_bool() for _ in range(4)]
    model.add_linear(list(zip(items, [5, 4, 3, 2], strict=True)), 0, 7)
    model.maximise(list(zip(items, [10, 7, 5, 3], strict=True)))
    found = model.solve(seconds=5, seed=1)
    assert found.status == "optimal"
    # Weight ≤ 7: items 0 and 3 (5 + 2) score 13, better than 1 and 2 (4 + 3) at 12.
    assert found.objective == 13
    assert [found.values[i] for i in items] == [1, 0, 0, 1]


def test_assumptions_name_the_conflicting_groups() -> None:
    model = Model()
    x, y = model.new_bool(), model.new_bool()
    both, neither, spare = model.new_bool(), model.new_bool(), model.new_bool()
    model.add_linear([(x, 1), (y, 1)], 2, 2, enforced_by=both)
    model.add_linear([(x, 1), (y, 1)], 0, 0, enforced_by=neither)
    model.add_linear([(x, 1)], 0, 1, enforced_by=spare)
    found = model.solve(seconds=5, seed=1, assumptions=[both, neither, spare], with_objective=False)
    assert found.status == "infeasible"
    assert set(found.core) == {both, neither}


def test_an_invalid_model_is_reported_not_raised() -> None:
    model = Model()
    model.new_int(5, 1)  # an empty domain
    assert model.solve(seconds=1, seed=1).status in ("invalid", "infeasible")
