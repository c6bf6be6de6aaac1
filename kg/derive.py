"""Figures the articles imply but do not state, computed and marked as derived.

The previous year's level implied by a level and its change, a fund's surplus from its income and
expenditure, the share of participants who contributed and the average contribution: each keeps
its inputs and formula, so a reader can check it and never mistake it for a reported figure.
"""

from __future__ import annotations

from decimal import Decimal

from kg.extract.facts import STATED, Fact


def _index(facts: list[Fact]) -> dict[tuple[str, ...], Fact]:
    out: dict[tuple[str, ...], Fact] = {}
    for f in facts:
        if f.status in STATED and f.value is not None and f.key not in out:
            out[f.key] = f
    return out


def _value(f: Fact) -> Decimal:
    """The value of a fact of the index, which holds only facts that have one."""
    if f.value is None:
        raise ValueError(f"a fact without a value cannot be derived from: {f.key}")
    return f.value


def derive(facts: list[Fact]) -> list[Fact]:
    known = _index(facts)
    out: list[Fact] = []

    def add(f: Fact) -> None:
        if f.key not in known:
            known[f.key] = f
            out.append(f)

    for f in list(known.values()):
        if f.key[4]:
            continue
        if f.indicator == "participants_change" and "/" in f.period:
            before, after = f.period.split("/")
            level = known.get(("participants", f.scheme, f.area, after, ""))
            if level is not None and level.unit == f.unit:
                add(
                    _derived(
                        level,
                        "participants",
                        before,
                        "stock",
                        _value(level) - _value(f),
                        f.unit,
                        [level, f],
                        "participants at the end date minus their change",
                    )
                )
        if f.indicator == "fund_income":
            spent = known.get(("fund_expenditure", f.scheme, f.area, f.period, ""))
            if spent is not None and spent.unit == f.unit:
                add(
                    _derived(
                        f,
                        "fund_surplus",
                        f.period,
                        "flow",
                        _value(f) - _value(spent),
                        f.unit,
                        [f, spent],
                        "fund income minus fund expenditure",
                    )
                )
        if f.indicator == "contributors":
            members = known.get(("participants", f.scheme, f.area, f.period, ""))
            if members is not None and members.value:
                share = (_value(f) / _value(members) * 100).quantize(Decimal("0.01"))
                add(
                    _derived(
                        f,
                        "contributor_share",
                        f.period,
                        "stock",
                        share,
                        "percent",
                        [f, members],
                        "contributors / participants × 100",
                    )
                )
    for f in list(known.values()):
        if f.indicator == "contribution_amount" and "/" in f.period:
            end = f.period.split("/")[1]
            payers = known.get(("contributors", f.scheme, f.area, end, ""))
            if payers is not None and payers.value:
                avg = (_value(f) / _value(payers)).quantize(Decimal("0.01"))
                add(
                    _derived(
                        f,
                        "average_contribution",
                        f.period,
                        "flow",
                        avg,
                        "CNY",
                        [f, payers],
                        "contribution amount / contributors",
                    )
                )
    return out


def _derived(
    like: Fact, indicator: str, period: str, kind: str, value: Decimal, unit: str, inputs: list[Fact], formula: str
) -> Fact:
    return Fact(
        source="",
        indicator=indicator,
        scheme=like.scheme,
        area=like.area,
        period=period,
        period_kind=kind,
        value=value,
        unit=unit,
        status="derived",
        inputs=inputs,
        formula=formula,
    )
