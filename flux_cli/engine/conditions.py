"""flux's own whitelisting parser for rules-file conditions.

Grammar (nothing else is accepted; nothing is ever passed to eval or exec):

    expr       := or_expr
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := operand (("<" | "<=" | ">" | ">=" | "==" | "!=") operand)?
    operand    := NUMBER | "true" | "false" | NAME | "(" expr ")"

NAME must be a declared readiness input. Chained comparisons are refused. The parse
result is a small tree of frozen nodes that can both evaluate itself and explain which
comparisons decided its value (for plan rationale lines).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?|\.\d+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op><=|>=|==|!=|<|>)|(?P<paren>[()]))"
)
_COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}
_SYMBOLS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠"}
_NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
_KEYWORDS = {"and", "or", "not", "true", "false"}
# A real condition is a line or two (`energy <= 3 or (soreness >= 7 and sleep < 6)`); these
# bounds keep a hostile one from exhausting the parser's recursion or time.
MAX_CONDITION_CHARS = 500
MAX_CONDITION_DEPTH = 20
MAX_NUMBER_CHARS = 24

Value = float | bool


class ConditionError(ValueError):
    """A condition that is not in the grammar or names an undeclared input."""


def format_number(value: float) -> str:
    """Render a number without a trailing `.0` (5.0 → `5`, 2.5 → `2.5`)."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# ------------------------------------------------------------------------------ nodes


@dataclass(frozen=True, slots=True)
class Number:
    """A numeric literal."""

    value: float

    def evaluate(self, inputs: Mapping[str, float]) -> Value:
        return self.value

    def render(self, inputs: Mapping[str, float]) -> str:
        return format_number(self.value)

    def reasons(self, inputs: Mapping[str, float], outcome: bool) -> list[str]:
        return []


@dataclass(frozen=True, slots=True)
class Constant:
    """`true` or `false`."""

    value: bool

    def evaluate(self, inputs: Mapping[str, float]) -> Value:
        return self.value

    def render(self, inputs: Mapping[str, float]) -> str:
        return "true" if self.value else "false"

    def reasons(self, inputs: Mapping[str, float], outcome: bool) -> list[str]:
        return []


@dataclass(frozen=True, slots=True)
class Name:
    """A declared readiness input, read from the inputs at evaluation time."""

    name: str

    def evaluate(self, inputs: Mapping[str, float]) -> Value:
        return inputs[self.name]

    def render(self, inputs: Mapping[str, float]) -> str:
        return f"{self.name} {format_number(inputs[self.name])}"

    def reasons(self, inputs: Mapping[str, float], outcome: bool) -> list[str]:
        return [self.render(inputs)]


@dataclass(frozen=True, slots=True)
class Compare:
    """`left OP right` with one of the six comparison operators."""

    op: str
    left: Node
    right: Node

    def evaluate(self, inputs: Mapping[str, float]) -> Value:
        return _COMPARISONS[self.op](self.left.evaluate(inputs), self.right.evaluate(inputs))

    def render(self, inputs: Mapping[str, float], op: str | None = None) -> str:
        symbol = _SYMBOLS[op or self.op]
        return f"{self.left.render(inputs)} {symbol} {self.right.render(inputs)}"

    def reasons(self, inputs: Mapping[str, float], outcome: bool) -> list[str]:
        return [self.render(inputs, self.op if outcome else _NEGATED[self.op])]


@dataclass(frozen=True, slots=True)
class Not:
    """Logical negation."""

    inner: Node

    def evaluate(self, inputs: Mapping[str, float]) -> Value:
        return not self.inner.evaluate(inputs)

    def render(self, inputs: Mapping[str, float]) -> str:
        return f"not ({self.inner.render(inputs)})"

    def reasons(self, inputs: Mapping[str, float], outcome: bool) -> list[str]:
        return self.inner.reasons(inputs, not outcome)


@dataclass(frozen=True, slots=True)
class BoolOp:
    """`and` / `or` over two or more parts, short-circuiting like Python."""

    op: str  # "and" | "or"
    parts: tuple[Node, ...]

    def evaluate(self, inputs: Mapping[str, float]) -> Value:
        if self.op == "and":
            return all(part.evaluate(inputs) for part in self.parts)
        return any(part.evaluate(inputs) for part in self.parts)

    def render(self, inputs: Mapping[str, float]) -> str:
        return f" {self.op} ".join(f"({part.render(inputs)})" for part in self.parts)

    def reasons(self, inputs: Mapping[str, float], outcome: bool) -> list[str]:
        # An `or` that holds is explained by its true parts; one that fails by all of
        # them (and the mirror image for `and`).
        deciding = (self.op == "or") == outcome
        found: list[str] = []
        for part in self.parts:
            if not deciding or bool(part.evaluate(inputs)) == outcome:
                found.extend(part.reasons(inputs, outcome))
        return found


Node = Number | Constant | Name | Compare | Not | BoolOp


@dataclass(frozen=True, slots=True)
class Condition:
    """A compiled condition: evaluate it against readiness inputs, or explain its value."""

    source: str
    names: frozenset[str]
    root: Node

    def evaluate(self, inputs: Mapping[str, float]) -> bool:
        return bool(self.root.evaluate(inputs))

    def explain(self, inputs: Mapping[str, float]) -> list[str]:
        """The comparisons that decided the current value, e.g. `["knee_pain 5 ≥ 4"]`."""
        return self.root.reasons(inputs, self.evaluate(inputs))


# ----------------------------------------------------------------------------- parser


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # number | name | op | paren | end
    text: str
    position: int


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            column = position + len(text[position:]) - len(text[position:].lstrip())
            raise ConditionError(
                f"unexpected {text[column]!r} at column {column + 1} in {text!r}"
                " (allowed: numbers, input names, comparisons, and/or/not, parentheses)"
            )
        kind = match.lastgroup or ""
        tokens.append(_Token(kind, match.group(kind), match.start(kind)))
        position = match.end()
    tokens.append(_Token("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str, allowed: Collection[str]) -> None:
        self.text = text
        self.allowed = set(allowed)
        self.tokens = _tokenize(text)
        self.index = 0
        self.depth = 0
        self.names: set[str] = set()

    def _enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_CONDITION_DEPTH:
            raise ConditionError(
                f"condition nested deeper than {MAX_CONDITION_DEPTH} levels "
                "(parentheses and 'not's)"
            )

    def _peek(self) -> _Token:
        return self.tokens[self.index]

    def _take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def _at_keyword(self, word: str) -> bool:
        token = self._peek()
        return token.kind == "name" and token.text == word

    def _fail(self, token: _Token, expected: str) -> ConditionError:
        found = repr(token.text) if token.kind != "end" else "end of condition"
        return ConditionError(
            f"expected {expected} but found {found} at column {token.position + 1} in {self.text!r}"
        )

    def parse(self) -> Node:
        node = self._bool_op("or")
        if self._peek().kind != "end":
            raise self._fail(self._peek(), "'and', 'or' or the end")
        return node

    def _bool_op(self, op: str) -> Node:
        parse_part = self._not if op == "and" else lambda: self._bool_op("and")
        parts = [parse_part()]
        while self._at_keyword(op):
            self._take()
            parts.append(parse_part())
        return parts[0] if len(parts) == 1 else BoolOp(op, tuple(parts))

    def _not(self) -> Node:
        if self._at_keyword("not"):
            self._take()
            self._enter()
            node = Not(self._not())
            self.depth -= 1
            return node
        return self._comparison()

    def _comparison(self) -> Node:
        left = self._operand()
        if self._peek().kind != "op":
            return left
        op = self._take().text
        right = self._operand()
        if self._peek().kind == "op":
            raise self._fail(
                self._peek(), "'and', 'or' or ')' (chained comparisons are not allowed)"
            )
        return Compare(op, left, right)

    def _operand(self) -> Node:
        token = self._take()
        if token.kind == "number":
            if len(token.text) > MAX_NUMBER_CHARS:
                raise ConditionError(f"a number longer than {MAX_NUMBER_CHARS} characters")
            return Number(float(token.text))
        if token.kind == "paren" and token.text == "(":
            self._enter()
            inner = self._bool_op("or")
            self.depth -= 1
            closing = self._take()
            if closing.text != ")":
                raise self._fail(closing, "')'")
            return inner
        if token.kind == "name":
            if token.text in ("true", "false"):
                return Constant(token.text == "true")
            if token.text in _KEYWORDS:
                raise self._fail(token, "a number, an input name or '('")
            if token.text not in self.allowed:
                declared = ", ".join(sorted(self.allowed)) or "none"
                raise ConditionError(
                    f"'{token.text}' is not a declared readiness input (declared: {declared})"
                )
            if self._peek().kind == "paren" and self._peek().text == "(":
                raise ConditionError(f"calls are not allowed in conditions: {self.text!r}")
            self.names.add(token.text)
            return Name(token.text)
        raise self._fail(token, "a number, an input name or '('")


def compile_condition(text: str, allowed: Collection[str]) -> Condition:
    """Parse `text` once into a condition over the `allowed` input names."""
    if not isinstance(text, str) or not text.strip():
        raise ConditionError("a condition must be a non-empty expression such as 'energy <= 4'")
    if len(text) > MAX_CONDITION_CHARS:
        raise ConditionError(f"a condition is at most {MAX_CONDITION_CHARS} characters")
    parser = _Parser(text, allowed)
    root = parser.parse()
    return Condition(source=text, names=frozenset(parser.names), root=root)
