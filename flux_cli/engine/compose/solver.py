"""The one place flux talks to OR-Tools CP-SAT.

flux builds the model as CP-SAT's own protobuf (text format) and solves it through
`ortools.sat.python.cp_model_helper`, the compiled layer under the public `cp_model`
module: `cp_model` imports numpy and pandas (~1.6 s), the helper alone ~0.08 s. That is
below OR-Tools' public Python layer, so `ortools` is pinned exactly in pyproject.toml and
tests/engine/compose/test_solver_layer.py fails loudly when an upgrade changes it.
The import happens inside `solve`, so no command that does not compose loads OR-Tools.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["optimal", "feasible", "infeasible", "unknown", "invalid"]
# The version whose helper layer this module was written and tested against.
ORTOOLS_VERSION = "9.15.6755"


@dataclass(frozen=True, slots=True)
class Solution:
    status: Status
    values: tuple[int, ...] = ()
    objective: float = 0.0
    # Assumption literals that together cannot hold (a feasibility solve's "core").
    core: tuple[int, ...] = ()
    wall_seconds: float = 0.0


@dataclass
class Model:
    """A CP-SAT model built as data: variables, linear constraints, objective, assumptions.

    Variables are indices; a linear term is (variable, coefficient). Everything is added
    in the caller's order, which keeps the model (and so the answer) deterministic.
    """

    _domains: list[tuple[int, int]] = field(default_factory=list)
    _constraints: list[str] = field(default_factory=list)
    _objective: dict[int, int] = field(default_factory=dict)

    def new_bool(self) -> int:
        return self.new_int(0, 1)

    def new_int(self, low: int, high: int) -> int:
        self._domains.append((low, high))
        return len(self._domains) - 1

    @property
    def size(self) -> int:
        return len(self._domains)

    def add_linear(
        self,
        terms: Sequence[tuple[int, int]],
        low: int,
        high: int,
        *,
        enforced_by: int | None = None,
    ) -> None:
        """low ≤ Σ coefficient × variable ≤ high (only while `enforced_by` is true, if given)."""
        body = " ".join(f"vars: {var} coeffs: {coeff}" for var, coeff in terms)
        linear = f"linear {{ {body} domain: {low} domain: {high} }}"
        enforce = "" if enforced_by is None else f"enforcement_literal: {enforced_by} "
        self._constraints.append(f"constraints {{ {enforce}{linear} }}")

    def maximise(self, terms: Sequence[tuple[int, int]]) -> None:
        for var, coeff in terms:
            self._objective[var] = self._objective.get(var, 0) + coeff

    def text(
        self,
        *,
        assumptions: Sequence[int] = (),
        with_objective: bool = True,
        fixed_true: Sequence[int] = (),
    ) -> str:
        true = set(fixed_true)
        lines = [
            "variables { domain: 1 domain: 1 }"
            if index in true
            else f"variables {{ domain: {low} domain: {high} }}"
            for index, (low, high) in enumerate(self._domains)
        ]
        lines += self._constraints
        terms = [(var, -coeff) for var, coeff in self._objective.items() if coeff]
        if with_objective and terms:
            body = " ".join(f"vars: {var} coeffs: {coeff}" for var, coeff in terms)
            lines.append(f"objective {{ {body} }}")  # CP-SAT minimises: maximise by negating
        lines += [f"assumptions: {literal}" for literal in assumptions]
        return "\n".join(lines)

    def solve(
        self,
        *,
        seconds: float,
        seed: int,
        assumptions: Sequence[int] = (),
        with_objective: bool = True,
        fixed_true: Sequence[int] = (),
    ) -> Solution:
        """Solve with one worker and a fixed seed: the same model gives the same answer.

        `fixed_true` literals are fixed in the model (presolve uses them); `assumptions` are
        for explaining infeasibility only: they switch presolve off and slow the search.
        """
        from ortools.sat.python import cp_model_helper as helper

        proto = helper.CpModelProto()
        text = self.text(
            assumptions=assumptions, with_objective=with_objective, fixed_true=fixed_true
        )
        if not proto.parse_text_format(text):
            return Solution(status="invalid")
        parameters = helper.SatParameters()
        parameters.num_workers = 1
        parameters.random_seed = seed
        # The limit is CP-SAT's deterministic time (work done, about a second's worth on
        # this kind of machine), so a solve cut short stops at the same point on every run
        # and machine; the wall-clock limit is only a backstop for a very slow machine.
        parameters.max_deterministic_time = seconds
        parameters.max_time_in_seconds = seconds * _WALL_BACKSTOP + 1
        # Tuned on the shipped rules over the 873-exercise catalogue with the lead lift in
        # the session (budgets 25-60 min: 0.15-0.95 s per plan, relaxations included, where
        # CP-SAT's defaults took 0.16-5.3 s) and on 600 look-alike candidates in four broad
        # slots (0.1-0.5 s, where the defaults found no session in the limit): the LP
        # relaxation at level 2 bounds these knapsacks well; presolve's symmetry search and
        # its big-linear-overlap pass spent the whole limit on look-alike candidates.
        # Probing (presolve trying each boolean both ways) found nothing these models need:
        # off, the 46 solves of a simulated three weeks (budgets 25-75 min) took 992 ms in
        # all instead of 2,066 ms (slowest 53 ms, not 106), each with the same optimum.
        parameters.linearization_level = 2
        parameters.cp_model_probing_level = 0
        parameters.symmetry_level = 0
        parameters.find_big_linear_overlap = False
        wrapper = helper.SolveWrapper()
        wrapper.set_parameters(parameters)
        solve_proto: Callable[[Any], Any] = wrapper.solve
        response = solve_proto(proto)
        status = _STATUS.get(response.status.name, "unknown")
        values = tuple(int(v) for v in response.solution) if status in _SOLVED else ()
        core = tuple(int(v) for v in response.sufficient_assumptions_for_infeasibility)
        return Solution(
            status=status,
            values=values,
            objective=-float(response.objective_value),
            core=core,
            wall_seconds=float(response.wall_time),
        )


_WALL_BACKSTOP = 3
_STATUS: dict[str, Status] = {
    "OPTIMAL": "optimal",
    "FEASIBLE": "feasible",
    "INFEASIBLE": "infeasible",
    "UNKNOWN": "unknown",
    "MODEL_INVALID": "invalid",
}
_SOLVED = ("optimal", "feasible")
