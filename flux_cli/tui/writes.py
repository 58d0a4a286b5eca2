"""Writes of the workout, run one at a time in order, retried until stored, never dropped."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from flux_cli.errors import FluxError, StorageError

WriteKind = Literal["log", "undo", "finish", "abandon"]
RETRY_DELAYS_S = (0.5, 1.0, 2.0, 5.0)


@dataclass(eq=False)
class Write:
    """One database write: what it is, the call that does it (in a worker thread)."""

    kind: WriteKind
    label: str
    call: Callable[[], Any]
    payload: Any = None
    attempts: int = 0


def is_retryable(error: Exception) -> bool:
    """Only storage trouble (a lost connection, a full disk, a lock) may pass if retried.

    A refusal would fail the same way again, and so would a bug: it is shown once.
    """
    return isinstance(error, (StorageError, TimeoutError, ConnectionError))


def why_not_saved(error: Exception) -> str:
    """The athlete's words for a failed write: flux's message, or a bug named as one."""
    if isinstance(error, FluxError):
        return f"{error.message} ({error.hint})" if error.hint else error.message
    return f"a bug in flux, please report it ({type(error).__name__}: {error})"


@dataclass
class WriteQueue:
    """The order of writes: the head runs, the rest wait. UI-thread state only."""

    pending: deque[Write] = field(default_factory=deque)
    running: bool = False

    def __len__(self) -> int:
        return len(self.pending)

    def add(self, write: Write) -> None:
        self.pending.append(write)

    def next(self) -> Write | None:
        """The write to run now, or None when one is running or none waits."""
        if self.running or not self.pending:
            return None
        self.running = True
        head = self.pending[0]
        head.attempts += 1
        return head

    def done(self, write: Write) -> None:
        if self.pending and self.pending[0] is write:
            self.pending.popleft()
        self.running = False

    def failed(self, write: Write, *, retry: bool) -> float | None:
        """Record a failure; returns the delay before retrying, or None when it is dropped."""
        self.running = False
        if retry:
            return RETRY_DELAYS_S[min(write.attempts, len(RETRY_DELAYS_S)) - 1]
        self.done(write)
        return None

    def waiting(self, kind: WriteKind) -> list[Write]:
        return [write for write in self.pending if write.kind == kind]
