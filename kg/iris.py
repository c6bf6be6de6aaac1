"""Stable, readable IRIs for everything a user may want to link to.

An IRI is a function of what the thing is (a document's file name, an observation's dimensions,
a span's character offsets, a person's name), never of the order things were processed in, so
the same input always gives the same graph.
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

from kg.namespaces import CODE, ID


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "x"


def doc(stem: str) -> URIRef:
    return ID[f"doc/{stem}"]


def graph_name(stem: str) -> URIRef:
    return ID[f"graph/{stem}"]


def span(stem: str, start: int, end: int) -> URIRef:
    """RFC 5147 fragment, as NIF uses: …/doc/NAME#char=12,40."""
    return URIRef(f"{doc(stem)}#char={start},{end}")


def code(kind: str, notation: str) -> URIRef:
    return CODE[f"{kind}/{notation}"]


def period(notation: str) -> URIRef:
    return ID[f"period/{notation.replace('/', '--')}"]


def period_description(notation: str) -> URIRef:
    """The OWL-Time date-time description of a calendar year or month (its year, month and unit)."""
    return URIRef(f"{period(notation)}#description")


def observation(indicator: str, scheme: str, area: str, period_notation: str, variant: str = "") -> URIRef:
    tail = f"/{variant}" if variant else ""
    return ID[f"obs/{indicator}/{scheme or 'any'}/{area}/{period_notation.replace('/', '--')}{tail}"]


def event(kind: str, scheme: str, area: str, period_notation: str) -> URIRef:
    return ID[f"event/{kind}/{scheme or 'any'}/{area}/{period_notation.replace('/', '--')}"]


def measure(label: str) -> URIRef:
    return ID[f"measure/{slug(' '.join(label.split()[:8]))}"]


def strand(parent: URIRef, label: str) -> URIRef:
    """A strand or step of a reform or event, under its parent's IRI."""
    return URIRef(f"{parent}/strand/{slug(' '.join(label.split()[:8]))}")


def person(name: str) -> URIRef:
    return ID[f"person/{slug(name)}"]


def org(name: str) -> URIRef:
    return ID[f"org/{slug(name)}"]


def unit(org_iri: str, name: str) -> URIRef:
    return URIRef(f"{org_iri}/{slug(name)}")


def post(holder_org: str, title: str) -> URIRef:
    tail = holder_org.removeprefix(str(ID) + "org/") if holder_org.startswith(str(ID)) else slug(holder_org)
    return ID[f"post/{tail}/{slug(title)}"]


def curation(stem: str, n: int) -> URIRef:
    return ID[f"curation/{stem}/{n}"]


DATASET = ID["dataset/statistics"]
ONTOLOGY_GRAPH = ID["graph/ontology"]
