"""Chinese names composed from what the ontology names in Chinese, and names for figures kept for review.

The graph's own labels of events, articles and posts are English sentences written at build time
("start of a scheme or reform: personal pension, 2022-11-25"), so a page switched to 中文 would
leave them in English. Their parts are named in Chinese by the ontology and the code lists: an
event's type and scheme, an article's publisher, a post's organisation. A name composed from those
parts is what a Chinese reader would write; nothing is translated that the ontology does not name
(a person's name, a job title, an article's headline stay as written).

A figure kept for review has no label at all (its IRI ends in ``#char=845,850``): it is named by
the characters it was written with.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS, TIME

from kg.entity_graph import REVIEW_FIGURES, labels, local_name
from kg.namespaces import NIF, ORG, PKG, SCHEMA

_EVENTS = ("Reform", "PolicyMeasure", "PolicyEvent")


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _zh(g: Graph, node: object) -> str:
    """The Chinese name the graph gives ``node``, or "" where it gives none."""
    if not isinstance(node, URIRef):
        return ""
    zh = labels(g, node)[1]
    return zh if _has_chinese(zh) else ""


def _notation(g: Graph, period: object) -> str:
    if not isinstance(period, URIRef):
        return ""
    return str(g.value(period, SKOS.notation) or local_name(period))


def _event(g: Graph, node: URIRef) -> str:
    kind, scheme = _zh(g, g.value(node, PKG.eventType)), _zh(g, g.value(node, PKG.scheme))
    area = g.value(node, DCTERMS.spatial)
    where = _zh(g, area) if isinstance(area, URIRef) and local_name(area) != "CN" else ""
    if not kind:
        return ""
    period = _notation(g, g.value(node, TIME.hasTime))
    return f"{where}{scheme}{kind}" + (f"（{period}）" if period else "")


def _article(g: Graph, node: URIRef) -> str:
    publisher = _zh(g, g.value(node, DCTERMS.publisher))
    if not publisher:
        return ""
    issued = str(g.value(node, DCTERMS.issued) or "")
    return f"{publisher}报道" + (f"（{issued}）" if issued else "")


def _post(g: Graph, node: URIRef) -> str:
    org = _zh(g, g.value(node, ORG.postIn))
    title = str(g.value(node, SCHEMA.jobTitle) or "")
    return f"{org} {title}".strip() if org and title else ""


def chinese(g: Graph, node: URIRef, cls: str) -> str:
    """A Chinese name for an event, article or post whose own label is English only; "" if none."""
    if cls in _EVENTS:
        return _event(g, node)
    if cls == "Article":
        return _article(g, node)
    if cls == "Post":
        return _post(g, node)
    return ""


def names(g: Graph, node: URIRef, cls: str, en: str, zh: str, cls_en: str, cls_zh: str) -> tuple[str, str]:
    """The node's names in English and Chinese, for the page and the picture."""
    if cls in REVIEW_FIGURES:
        written = str(g.value(node, NIF.anchorOf) or local_name(node))
        return f"{written} ({cls_en})", f"{written}（{cls_zh}）"
    if not _has_chinese(zh):
        zh = chinese(g, node, cls) or zh
    return en, zh
