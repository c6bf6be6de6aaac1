"""The project's prefixes as plain strings, the one list both rdflib and Oxigraph are given.

`kg.namespaces` makes rdflib Namespaces of them; the commands that only query (through Oxigraph)
read them from here, so that answering a query never imports rdflib.
"""

from __future__ import annotations

BASE = "https://w3id.org/pension-kg/"

PREFIX_IRIS: dict[str, str] = {
    "pkg": BASE + "ontology#",
    "code": BASE + "code/",
    "id": BASE + "id/",
    "ind": BASE + "code/indicator/",
    "scheme": BASE + "code/scheme/",
    "area": BASE + "code/area/",
    "uom": BASE + "code/unit/",
    "status": BASE + "code/status/",
    "kind": BASE + "code/period-kind/",
    "currency": BASE + "code/currency/",
    "qb": "http://purl.org/linked-data/cube#",
    "sdmx-dimension": "http://purl.org/linked-data/sdmx/2009/dimension#",
    "sdmx-measure": "http://purl.org/linked-data/sdmx/2009/measure#",
    "sdmx-attribute": "http://purl.org/linked-data/sdmx/2009/attribute#",
    "sdmx-code": "http://purl.org/linked-data/sdmx/2009/code#",
    "org": "http://www.w3.org/ns/org#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "schema": "https://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "unit": "http://qudt.org/vocab/unit/",
    "sh": "http://www.w3.org/ns/shacl#",
}
