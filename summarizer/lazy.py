"""`lazy_property`: a property computed on first use and kept, without a lock.

`functools.cached_property` takes a lock on every first use under Python 3.11, which costs
more than most of what it caches: a run parses tens of thousands of places and asks each for
its key once. Kept in the instance's `__dict__` like `cached_property`, so a frozen dataclass
can use it; two threads that ask at once may both compute it, which is harmless for pure values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

_Owner = TypeVar("_Owner")
_Value = TypeVar("_Value")


class lazy_property(Generic[_Owner, _Value]):  # named like `cached_property`, which it replaces
    def __init__(self, func: Callable[[_Owner], _Value]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type[Any] | None = None) -> lazy_property[_Owner, _Value]: ...
    @overload
    def __get__(self, instance: _Owner, owner: type[Any] | None = None) -> _Value: ...
    def __get__(self, instance: _Owner | None, owner: type[Any] | None = None) -> Any:
        if instance is None:
            return self
        # A non-data descriptor: once stored, the instance's own attribute answers directly.
        value = instance.__dict__[self.name] = self.func(instance)
        return value
