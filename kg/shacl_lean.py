"""pyshacl without two costs the validator does not need, for as long as a validation runs.

Measured on the whole graph's shapes at 1,000 articles (pyshacl 0.40, profiled), two things took a
third of pyshacl's time, and neither changes a result:

- **the text of every result**: pyshacl writes a description of each result it makes, naming its
  nodes through the shapes graph (a fifth of the time). It makes one for every alternative of an
  `sh:or` that fails before another holds, and throws those away; the validator reads the report
  graph only, never pyshacl's text. While `lean()` holds, a description is empty.
- **the parameters of a shape**: every time a shape is evaluated on a node, pyshacl finds which
  constraint parameters it has by looking each of the shape's predicates up in a list of forty, by
  equality (a tenth of the time). While `lean()` holds, the list looks up by hash: the same
  membership, the same order of the shape's own predicates.

Both are pyshacl's internals, so they are changed only on the versions they were measured on; on
any other, `lean()` leaves pyshacl as it is, and the validation is as right and slower.
tests/test_shacl_lean.py checks that the findings are the same with and without.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

MEASURED = ("0.40.",)  # the pyshacl versions whose internals this was written against


class _Parameters(list):
    """pyshacl's list of constraint parameters, with membership by hash (it stays a list, for the
    code that copies and extends it)."""

    def __init__(self, items: list) -> None:
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def _no_description(self: Any, *args: Any, **kwargs: Any) -> str:
    return ""


@contextmanager
def lean() -> Iterator[bool]:
    """pyshacl without the costs above while the block runs; yields whether they were taken away."""
    import pyshacl
    import pyshacl.shape as shape_module
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
    from pyshacl.constraints.constraint_component import ConstraintComponent

    if not str(getattr(pyshacl, "__version__", "")).startswith(MEASURED):
        yield False
        return
    missing = object()
    params = getattr(shape_module, "CONSTRAINT_PARAMS", missing)
    describe = ConstraintComponent.__dict__["make_v_result_description"]
    shape_module.CONSTRAINT_PARAMS = (_Parameters(list(ALL_CONSTRAINT_PARAMETERS)), CONSTRAINT_PARAMETERS_MAP)  # type: ignore[attr-defined]
    ConstraintComponent.make_v_result_description = _no_description  # type: ignore[method-assign]
    try:
        yield True
    finally:
        ConstraintComponent.make_v_result_description = describe  # type: ignore[method-assign]
        if params is missing:
            del shape_module.CONSTRAINT_PARAMS  # type: ignore[attr-defined]
        else:
            shape_module.CONSTRAINT_PARAMS = params  # type: ignore[attr-defined]
