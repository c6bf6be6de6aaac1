"""Figures and periods as a reader writes them: "1.2 billion", "12亿人", the last day of "2022-05".

The page and the picture label a point with its value; the raw decimal in base units would be
unreadable, and Chinese counts in 万 and 亿 rather than millions and billions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation


def to_decimal(lit) -> Decimal | None:
    try:
        return Decimal(str(lit))
    except (InvalidOperation, TypeError):
        return None


_SCALES = ((Decimal(10) ** 12, "trillion", "万亿", 10**12), (Decimal(10) ** 9, "billion", "亿", 10**8),
           (Decimal(10) ** 6, "million", "万", 10**4))  # fmt: skip


def format_value(value: Decimal, unit: str = "", lang: str = "en") -> str:
    """2300000000 persons → "2.3 billion persons" / "23亿人": how a reader would write it."""
    unit_word = {"persons": "", "count": "", "percent": "%", "CNY": " yuan"}.get(unit, f" {unit}" if unit else "")
    if lang == "zh":
        unit_word = {"persons": "人", "count": "", "percent": "%", "CNY": "元"}.get(unit, unit)
    if unit in ("percent", "percentage_points"):
        text = f"{_trim(value)}{'%' if unit == 'percent' else ' pp'}"
        return text if lang == "en" or unit == "percent" else f"{_trim(value)}个百分点"
    mag = abs(value)
    for big, word_en, word_zh, zh_div in _SCALES:
        if mag >= big:
            if lang == "zh":
                return f"{_trim(value / zh_div, 4)}{word_zh}{unit_word}"
            return f"{_trim(value / big)} {word_en}{unit_word}"
    if lang == "zh" and mag >= 10**4:
        return f"{_trim(value / 10**4, 4)}万{unit_word}"
    return f"{_trim(value)}{unit_word}"


def _trim(value: Decimal, places: int = 3) -> str:
    q = round(value, places)
    text = f"{q:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def period_end(notation: str) -> dt.date:
    """The last day of a period notation (2022, 2022-05, 2022-12-31, A/B): where a chart puts it."""
    last = notation.split("/")[-1]
    try:
        if len(last) == 4:
            return dt.date(int(last), 12, 31)
        if len(last) == 7:
            y, m = int(last[:4]), int(last[5:7])
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date.fromisoformat(last[:10])
    except ValueError:
        return dt.date(1970, 1, 1)
