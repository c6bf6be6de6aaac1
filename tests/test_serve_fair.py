"""The order in which waiting queries get a worker (kg.serve.fair.Share), without a server.

Under 50 clients a short question waited behind every long query queued before it (issue 12: the
endpoint's ad-hoc p50 was 7-20x the Oxigraph server's without the answer cache); these pin down
that a short query goes first, that long queries leave workers free for short ones, and that the
per-client share still comes before either.
"""

from __future__ import annotations

import asyncio

import pytest

from kg.serve.fair import LONG, Busy, Share, magnitude

SHORT, SLOW = 0.001, 2.0


async def _settle() -> None:
    for _ in range(3):
        await asyncio.sleep(0)


def _share(items: int, per_client: int = 4, queue: int = 8, long_limit: int | None = None) -> Share[str]:
    share: Share[str] = Share(per_client, queue, long_limit)
    for i in range(items):
        share.release(f"w{i}")
    return share


def test_a_short_query_goes_before_long_ones_that_waited_longer():
    async def scenario() -> list[str]:
        share = _share(1)
        first = await share.acquire("a", SLOW)
        order: list[str] = []

        async def ask(client: str, cost: float) -> None:
            item = await share.acquire(client, cost)
            order.append(client)
            share.release(item, client)

        tasks = [asyncio.create_task(ask(c, cost)) for c, cost in (("b", SLOW), ("c", SLOW), ("d", SHORT))]
        await _settle()
        share.release(first, "a")
        await asyncio.gather(*tasks)
        return order

    assert asyncio.run(scenario()) == ["d", "b", "c"]  # the long ones keep their order among themselves


def test_long_queries_leave_a_worker_free_for_short_ones():
    async def scenario() -> tuple[int, bool, str]:
        share = _share(3, long_limit=2)
        held = [await share.acquire(c, SLOW) for c in ("a", "b")]
        third = asyncio.create_task(share.acquire("c", SLOW))
        await _settle()
        waiting = not third.done()  # a third long query waits though a worker is idle
        short = await asyncio.wait_for(share.acquire("d", SHORT), 1)  # a short one has it at once
        share.release(held[0], "a")
        got = await asyncio.wait_for(third, 1)  # a long one ended: the waiting long one goes on
        return share.long_running, waiting, short + got

    long_running, waiting, _ = asyncio.run(scenario())
    assert waiting and long_running == 2


def test_a_query_never_seen_counts_as_short():
    async def scenario() -> bool:
        share = _share(2, long_limit=1)
        await share.acquire("a", SLOW)
        unknown = await asyncio.wait_for(share.acquire("b"), 1)
        return bool(unknown)

    assert asyncio.run(scenario())


def test_the_clients_share_comes_before_the_cost():
    async def scenario() -> list[str]:
        share = _share(2, per_client=2)
        a1 = await share.acquire("a", SHORT)
        b1 = await share.acquire("b", SLOW)
        order: list[str] = []

        async def ask(client: str, cost: float) -> None:
            item = await share.acquire(client, cost)
            order.append(client)
            share.release(item, client)

        # "a" already runs one query; "c" runs none, so its long query goes before a's short one
        tasks = [asyncio.create_task(ask("a", SHORT)), asyncio.create_task(ask("c", SLOW))]
        await _settle()
        share.release(b1, "b")
        await _settle()
        share.release(a1, "a")
        await asyncio.gather(*tasks)
        return order

    assert asyncio.run(scenario()) == ["c", "a"]


def test_a_full_queue_is_refused_at_once_and_a_cancelled_wait_leaves_it():
    async def scenario() -> tuple[int, int]:
        share = _share(1, per_client=1, queue=1)
        item = await share.acquire("a")
        waiter = asyncio.create_task(share.acquire("a"))
        await _settle()
        with pytest.raises(Busy) as refused:
            await share.acquire("a")
        waiter.cancel()
        await _settle()
        share.release(item, "a")
        again = await asyncio.wait_for(share.acquire("a", SLOW), 1)  # nothing left waiting for it
        return refused.value.waiting, share.long_running + (again == item)

    assert asyncio.run(scenario()) == (1, 2)


def test_a_killed_long_query_frees_its_place_among_the_long_ones():
    async def scenario() -> int:
        share = _share(2, long_limit=1)
        held = await share.acquire("a", SLOW)
        share.forget("a", held)  # its worker was killed; a new one comes by release
        share.release("fresh")
        await asyncio.wait_for(share.acquire("b", SLOW), 1)
        return share.long_running

    assert asyncio.run(scenario()) == 1


@pytest.mark.parametrize(
    ("cost", "expected"), [(0.0, 0), (0.009, 0), (0.01, 1), (0.05, 1), (LONG, 2), (0.99, 2), (5.0, 3), (1e9, 6)]
)
def test_costs_rank_by_their_order_of_magnitude(cost, expected):
    assert magnitude(cost) == expected


def test_a_long_query_that_waited_its_patience_goes_before_short_ones():
    async def scenario() -> list[str]:
        share: Share[str] = Share(4, 8, None, patience=0.05)
        share.release("w0")
        first = await share.acquire("a", SHORT)
        order: list[str] = []

        async def ask(client: str, cost: float) -> None:
            item = await share.acquire(client, cost)
            order.append(client)
            share.release(item, client)

        slow = asyncio.create_task(ask("b", SLOW))
        await asyncio.sleep(0.1)  # past its patience
        short = asyncio.create_task(ask("c", SHORT))
        await _settle()
        share.release(first, "a")
        await asyncio.gather(slow, short)
        return order

    assert asyncio.run(scenario()) == ["b", "c"]
