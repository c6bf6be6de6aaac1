"""What the endpoint says about itself: a SPARQL 1.1 Service Description and a VoID description.

Clients (YASGUI, federating stores, crawlers) read these to learn the endpoint's formats, its
graphs and its limits without trying them; both are built from the graphs actually served.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID, XSD

from kg.namespaces import BASE, PREFIXES, bind_all

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
ENTAILMENT = Namespace("http://www.w3.org/ns/entailment/")
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV")
GRAPH_FORMATS = ("Turtle", "N-Triples", "JSON-LD", "RDF_XML")


@dataclass(frozen=True)
class Limits:
    timeout: float
    max_rows: int
    max_body: int
    backend: str | None = None

    def text(self) -> str:
        where = f"fronting {self.backend}" if self.backend else "over the built graph"
        return (
            f"Read-only SPARQL 1.1 endpoint {where}. SPARQL Update is refused (403); SERVICE, LOAD and FROM/FROM NAMED "
            f"of graphs the store does not hold are refused (400): the endpoint never fetches anything. Queries stop "
            f"after {self.timeout:g} s (503), results are capped at {self.max_rows} rows (400), requests at "
            f"{self.max_body} bytes (413). Project prefixes (pkg:, ind:, ...) are predeclared."
        )


def _graph() -> Graph:
    g = Graph()
    bind_all(g.namespace_manager)
    g.bind("sd", SD)
    g.bind("formats", FORMATS)
    g.bind("void", VOID)
    return g


def service_description(endpoint: str, graphs: list[str], limits: Limits) -> Graph:
    g = _graph()
    svc = URIRef(endpoint)
    g.add((svc, RDF.type, SD.Service))
    g.add((svc, SD.endpoint, URIRef(endpoint)))
    g.add((svc, SD.supportedLanguage, SD.SPARQL11Query))
    for f in RESULT_FORMATS + GRAPH_FORMATS:
        g.add((svc, SD.resultFormat, FORMATS[f]))
    g.add((svc, SD.feature, SD.UnionDefaultGraph))
    g.add((svc, SD.defaultEntailmentRegime, ENTAILMENT.Simple))
    g.add((svc, DCTERMS.description, Literal(limits.text(), lang="en")))
    ds = BNode()
    g.add((svc, SD.defaultDataset, ds))
    g.add((ds, RDF.type, SD.Dataset))
    default = BNode()
    g.add((ds, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    g.add((default, DCTERMS.description, Literal("the union of all named graphs", lang="en")))
    for name in graphs:
        ng = BNode()
        g.add((ds, SD.namedGraph, ng))
        g.add((ng, RDF.type, SD.NamedGraph))
        g.add((ng, SD.name, URIRef(name)))
    return g


def void_description(root: str, stats: dict, graph_sizes: dict[str, int]) -> Graph:
    """`stats` holds triples, subjects, properties, classes of the union; graph_sizes each graph's triples."""
    g = _graph()
    ds = URIRef(root + "/.well-known/void#pension-kg")
    g.add((ds, RDF.type, VOID.Dataset))
    title = "pension-kg: China's pension and social-insurance system, from news reports"
    g.add((ds, DCTERMS.title, Literal(title, lang="en")))
    g.add((ds, VOID.sparqlEndpoint, URIRef(root + "/sparql")))
    g.add((ds, VOID.uriSpace, Literal(BASE)))
    g.add((ds, VOID.dataDump, URIRef(root + "/rdf-graphs?default")))
    g.add((ds, VOID.rootResource, URIRef(BASE + "id/dataset/statistics")))
    for key, prop in (("triples", VOID.triples), ("subjects", VOID.distinctSubjects), ("properties", VOID.properties)):
        if key in stats:
            g.add((ds, prop, Literal(stats[key], datatype=XSD.integer)))
    if "classes" in stats:
        g.add((ds, VOID.classes, Literal(stats["classes"], datatype=XSD.integer)))
    for ns in PREFIXES.values():
        g.add((ds, VOID.vocabulary, URIRef(str(ns))))
    for i, (name, size) in enumerate(sorted(graph_sizes.items())):
        sub = URIRef(f"{root}/.well-known/void#graph-{i}")
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, SD.name, URIRef(name)))
        g.add((sub, VOID.triples, Literal(size, datatype=XSD.integer)))
        g.add((sub, VOID.dataDump, URIRef(f"{root}/rdf-graphs?graph={quote(name, safe='')}")))
    return g
