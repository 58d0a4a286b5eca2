"""flux's own whitelisting parser for rules-file conditions.

Grammar (nothing else is accepted; nothing is ever passed to eval or exec):

    expr       := or_expr
    or_expr    := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := operand (("<" | "<=" | ">" | ">=" | "==" | "!=") operand)?
    operand    := NUMBER | "true" | "false" | NAME | "(" expr ")"

NAME must be a declared readiness input. Chained comparisons are refused.
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
_KEYWORDS = {"and", "or", "not", "true", "false"}


class ConditionError(ValueError):
    """A condition that is not in the grammar or names an undeclared input."""


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # number | name | op | paren | end
    text: str
    position: int


Value = float | bool
Node = Callable[[Mapping[str, float]], Value]


@dataclass(frozen=True, slots=True)
class Condition:
    """A compiled condition: evaluate it against readiness inputs."""

    source: str
    names: frozenset[str]
    _evaluate: Node

    def evaluate(self, inputs: Mapping[str, float]) -> bool:
        return bool(self._evaluate(inputs))


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
        self.names: set[str] = set()

    def _peek(self) -> _Token:
        return self.tokens[self.index]

    def _take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def _fail(self, token: _Token, expected: str) -> ConditionError:
        found = repr(token.text) if token.kind != "end" else "end of condition"
        return ConditionError(
            f"expected {expected} but found {found} at column {token.position + 1} in {self.text!r}"
        )

    def parse(self) -> Node:
        node = self._or()
        if self._peek().kind != "end":
            raise self._fail(self._peek(), "'and', 'or' or the end")
        return node

    def _or(self) -> Node:
        parts = [self._and()]
        while self._peek().text == "or" and self._peek().kind == "name":
            self._take()
            parts.append(self._and())
        if len(parts) == 1:
            return parts[0]
        return lambda inputs: any(part(inputs) for part in parts)

    def _and(self) -> Node:
        parts = [self._not()]
        while self._peek().text == "and" and self._peek().kind == "name":
            self._take()
            parts.append(self._not())
        if len(parts) == 1:
            return parts[0]
        return lambda inputs: all(part(inputs) for part in parts)

    def _not(self) -> Node:
        if self._peek().kind == "name" and self._peek().text == "not":
            self._take()
            inner = self._not()
            return lambda inputs: not inner(inputs)
        return self._comparison()

    def _comparison(self) -> Node:
        left = self._operand()
        if self._peek().kind != "op":
            return left
        compare = _COMPARISONS[self._take().text]
        right = self._operand()
        if self._peek().kind == "op":
            raise self._fail(self._peek(), "'and', 'or' or ')' (chained comparisons are not allowed)")
        return lambda inputs: compare(left(inputs), right(inputs))

    def _operand(self) -> Node:
        token = self._take()
        if token.kind == "number":
            number = float(token.text)
            return lambda _inputs: number
        if token.kind == "paren" and token.text == "(":
            inner = self._or()
            closing = self._take()
            if closing.text != ")":
                raise self._fail(closing, "')'")
            return inner
        if token.kind == "name":
            if token.text in ("true", "false"):
                constant = token.text == "true"
                return lambda _inputs: constant
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
            name = token.text
            return lambda inputs: inputs[name]
        raise self._fail(token, "a number, an input name or '('")


def compile_condition(text: str, allowed: Collection[str]) -> Condition:
    """Parse `text` once into a callable condition over the `allowed` input names."""
    if not isinstance(text, str) or not text.strip():
        raise ConditionError("a condition must be a non-empty expression such as 'energy <= 4'")
    parser = _Parser(text, allowed)
    node = parser.parse()
    return Condition(source=text, names=frozenset(parser.names), _evaluate=node)
