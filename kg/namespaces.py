"""The one place where the project's base IRI and its namespaces are set.

Every IRI the graph mints hangs off BASE, so moving the graph to another host is a one-line change
(the Turtle files under ontology/ declare the same prefixes; a test keeps them in step).
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, PROV, SKOS, TIME, NamespaceManager  # noqa: F401 (re-exported)

from kg.prefixes import BASE, PREFIX_IRIS

PKG = Namespace(BASE + "ontology#")  # classes and properties
CODE = Namespace(BASE + "code/")  # code lists (SKOS concepts)
ID = Namespace(BASE + "id/")  # instances minted from articles

IND = Namespace(BASE + "code/indicator/")
SCHEME = Namespace(BASE + "code/scheme/")
AREA = Namespace(BASE + "code/area/")
UOM = Namespace(BASE + "code/unit/")
STATUS = Namespace(BASE + "code/status/")
KIND = Namespace(BASE + "code/period-kind/")

QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEAS = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTR = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
SDMX_CODE = Namespace("http://purl.org/linked-data/sdmx/2009/code#")
ORG = Namespace("http://www.w3.org/ns/org#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
QUDT_UNIT = Namespace("http://qudt.org/vocab/unit/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, Namespace] = {p: Namespace(iri) for p, iri in PREFIX_IRIS.items()}


def jsonld_context() -> dict[str, str]:
    """The project's prefixes as a JSON-LD @context, so JSON-LD reads as the Turtle does
    (`pkg:indicator`, `ind:participants`) and any JSON-LD processor expands it without fetching."""
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def bind_all(manager: NamespaceManager) -> None:
    """Bind the project prefixes so every serialisation reads the same way."""
    for prefix, ns in PREFIXES.items():
        manager.bind(prefix, ns, override=True, replace=True)
