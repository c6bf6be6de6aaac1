"""The one place where the project's base IRI and its namespaces are set.

Every IRI the graph mints hangs off BASE, so moving the graph to another host is a one-line change
(the Turtle files under ontology/ declare the same prefixes; a test keeps them in step).
"""

from __future__ import annotations

import functools

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS, TIME, NamespaceManager  # noqa: F401 (re-exported)

from kg.prefixes import BASE, PREFIX_IRIS


class _Terms(Namespace):
    """rdflib's Namespace, whose terms are made once. rdflib makes a new IRI (and checks it) at every
    `PKG.indicator`; building the graph of 1,000 articles asked for the namespaces' terms 800,000
    times, a tenth of its time. The most recent terms are kept (a bounded number: the endpoint makes
    terms of what requests name)."""

    def term(self, name: str) -> URIRef:
        return _term(str(self), name) if isinstance(name, str) else super().term(name)

    def __getitem__(self, key: str) -> URIRef:  # type: ignore[override]
        return self.term(key)

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):  # as rdflib's: no special Python names
            raise AttributeError
        return self.term(name)


@functools.lru_cache(maxsize=1 << 16)
def _term(namespace: str, name: str) -> URIRef:
    return Namespace(namespace).term(name)


PKG = _Terms(BASE + "ontology#")  # classes and properties
CODE = _Terms(BASE + "code/")  # code lists (SKOS concepts)
ID = _Terms(BASE + "id/")  # instances minted from articles

IND = _Terms(BASE + "code/indicator/")
SCHEME = _Terms(BASE + "code/scheme/")
AREA = _Terms(BASE + "code/area/")
UOM = _Terms(BASE + "code/unit/")
STATUS = _Terms(BASE + "code/status/")
KIND = _Terms(BASE + "code/period-kind/")

QB = _Terms("http://purl.org/linked-data/cube#")
SDMX_DIM = _Terms("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEAS = _Terms("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTR = _Terms("http://purl.org/linked-data/sdmx/2009/attribute#")
SDMX_CODE = _Terms("http://purl.org/linked-data/sdmx/2009/code#")
ORG = _Terms("http://www.w3.org/ns/org#")
NIF = _Terms("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = _Terms("https://schema.org/")
FOAF = _Terms("http://xmlns.com/foaf/0.1/")
QUDT_UNIT = _Terms("http://qudt.org/vocab/unit/")
SH = _Terms("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, Namespace] = {p: _Terms(iri) for p, iri in PREFIX_IRIS.items()}


def jsonld_context() -> dict[str, str]:
    """The project's prefixes as a JSON-LD @context, so JSON-LD reads as the Turtle does
    (`pkg:indicator`, `ind:participants`) and any JSON-LD processor expands it without fetching."""
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def bind_all(manager: NamespaceManager) -> None:
    """Bind the project prefixes so every serialisation reads the same way."""
    for prefix, ns in PREFIXES.items():
        manager.bind(prefix, ns, override=True, replace=True)
