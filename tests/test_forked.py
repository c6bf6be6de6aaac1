"""When the build's work is spread over forked processes, and when it is done in place (kg.forked)."""

from __future__ import annotations

import pytest

from kg import forked


@pytest.mark.parametrize(
    ("tasks", "requested", "at_least", "processes"),
    [(1, 2, 2, None), (3, 1, 2, None), (10, 2, 16, None), (2, 2, 2, 2), (5, 8, 2, 5), (40, 2, 16, 2)],
)
def test_a_pool_only_where_it_pays(tasks, requested, at_least, processes):
    pool = forked.pool(tasks, requested, at_least=at_least)
    try:
        assert (pool and pool._processes) == processes  # type: ignore[attr-defined]
    finally:
        if pool is not None:
            pool.terminate()


def test_one_process_per_core_unless_asked():
    assert forked.workers(3) == 3
    assert forked.workers() >= 1
