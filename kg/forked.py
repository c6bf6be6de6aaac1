"""Work spread over forked processes, one per core: the build's extraction and its validation.

Forked workers inherit what the parent holds (the lexicon, the graphs), so only the tasks and their
answers cross the pipe. Where forking is unavailable, or there is one core, or too little work to
pay for starting processes, the work runs in place: the callers get None and do it themselves.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from multiprocessing.pool import Pool


def workers(requested: int | None = None) -> int:
    """How many processes to use: the number asked for, or one per core."""
    return max(1, requested or os.cpu_count() or 1)


def pool(tasks: int, requested: int | None = None, at_least: int = 2) -> Pool | None:
    """A pool of forked processes for `tasks` tasks (no more processes than tasks), or None for work
    better done in place: no fork on this system, one process, or fewer than `at_least` tasks."""
    n = workers(requested)
    if "fork" not in mp.get_all_start_methods() or n == 1 or tasks < max(2, at_least):
        return None
    return mp.get_context("fork").Pool(min(n, tasks))
