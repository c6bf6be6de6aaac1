"""Observations grouped into statistical series: one indicator for one scheme and area over time.

A hundred points around a scheme would bury it, so the page draws each series as one node that
opens into its points and carries the chart of how the series moved. This module names a series
and its points and gives the chart's (time, value) pairs.
"""

from __future__ import annotations

import datetime as dt

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from kg.entity_graph import labels, local_name
from kg.namespaces import NIF, PKG, SDMX_ATTR, SDMX_DIM, SDMX_MEAS
from kg.viz.values import format_value, period_end, to_decimal


def series_key(g: Graph, obs: URIRef) -> tuple[str, str, str, str]:
    ind = g.value(obs, PKG.indicator)
    scheme = g.value(obs, PKG.scheme)
    area = g.value(obs, SDMX_DIM.refArea)
    unit = g.value(obs, SDMX_ATTR.unitMeasure)
    return (str(ind or ""), str(scheme or ""), str(area or ""), str(unit or ""))


def series_labels(g: Graph, ind: URIRef | None, scheme: URIRef | None, area: URIRef | None) -> tuple[str, str]:
    parts_en, parts_zh = [], []
    for node in (ind, scheme):
        if node is not None:
            en, zh = labels(g, node)
            parts_en.append(en)
            parts_zh.append(zh)
    if area is not None and local_name(area) != "CN":
        en, zh = labels(g, area)
        parts_en.append(en)
        parts_zh.append(zh)
    return " · ".join(parts_en) or "series", " · ".join(parts_zh) or "序列"


def observation_labels(g: Graph, obs: URIRef) -> tuple[str, str]:
    period = str(g.value(g.value(obs, SDMX_DIM.refPeriod), SKOS.notation) or "")
    unit = local_name(str(g.value(obs, SDMX_ATTR.unitMeasure) or ""))
    values = sorted(v for v in (to_decimal(o) for o in g.objects(obs, SDMX_MEAS.obsValue)) if v is not None)
    written = sorted(
        {str(g.value(m, NIF.anchorOf)) for m in g.subjects(PKG.supports, obs) if g.value(m, NIF.anchorOf)},
        key=lambda s: (len(s), s),
    )
    en = written[0] if len(values) == 1 and written else " / ".join(format_value(v, unit) for v in values)
    zh = " / ".join(format_value(v, unit, "zh") for v in values)
    return f"{en} ({period})", f"{zh}（{period}）"


def period_end_iso(g: Graph, obs: URIRef) -> str:
    notation = str(g.value(g.value(obs, SDMX_DIM.refPeriod), SKOS.notation) or "")
    return period_end(notation).isoformat() if notation else ""


def points(g: Graph, obs: URIRef, node: int) -> list[dict]:
    notation = str(g.value(g.value(obs, SDMX_DIM.refPeriod), SKOS.notation) or "")
    status = local_name(str(g.value(obs, PKG.status) or ""))
    end = period_end(notation)
    x = (dt.datetime(end.year, end.month, end.day) - dt.datetime(1970, 1, 1)).total_seconds() * 1000
    out = []
    for v in sorted(v for v in (to_decimal(o) for o in g.objects(obs, SDMX_MEAS.obsValue)) if v is not None):
        out.append({"x": x, "y": float(v), "period": notation, "status": status, "node": node})
    return out
