"""Background tasks that keep their types: Celery's ``shared_task`` with a typed face.

Celery ships no types, so a function under a bare ``@shared_task`` turns into an untyped
object: a call to it, or to its ``.delay()``, would go unchecked. ``task`` and ``bound_task``
return the very object Celery makes (nothing changes at run time, names included); only its
type is declared here: the function's own parameters, and the ways the project queues it.
"""

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar, cast

from celery import shared_task
from celery.result import AsyncResult, EagerResult

P = ParamSpec("P")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Task(Protocol[P, R_co]):
    """A task as the project uses it: called in process, queued, or run at once (tests)."""

    name: str

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R_co: ...

    def delay(self, *args: P.args, **kwargs: P.kwargs) -> AsyncResult: ...

    # Queued arguments travel as JSON, so they are checked by the task body, not here.
    def apply_async(
        self,
        args: Sequence[Any] | None = None,
        kwargs: Mapping[str, Any] | None = None,
        **options: Any,
    ) -> AsyncResult: ...

    def apply(
        self,
        args: Sequence[Any] | None = None,
        kwargs: Mapping[str, Any] | None = None,
        **options: Any,
    ) -> EagerResult: ...


class RunningTask(Protocol):
    """What the body of a bound task receives first: the task itself, to retry this run."""

    def retry(
        self,
        *,
        countdown: float | None = None,
        exc: BaseException | None = None,
        max_retries: int | None = None,
    ) -> Exception:
        """Queue the task again and end this run: it raises Celery's Retry, which the
        ``raise self.retry(...)`` idiom makes visible to the reader (and to type checking)."""
        ...


def task(**options: object) -> Callable[[Callable[P, R]], Task[P, R]]:
    """``@shared_task(**options)`` for a function that does not take the running task."""

    def decorate(function: Callable[P, R]) -> Task[P, R]:
        return cast(Task[P, R], shared_task(**options)(function))

    return decorate


def bound_task(
    **options: object,
) -> Callable[[Callable[Concatenate[RunningTask, P], R]], Task[P, R]]:
    """``@shared_task(bind=True, **options)``: the body gets the running task first (to retry
    it); callers pass only the other arguments."""

    def decorate(function: Callable[Concatenate[RunningTask, P], R]) -> Task[P, R]:
        return cast(Task[P, R], shared_task(bind=True, **options)(function))

    return decorate
