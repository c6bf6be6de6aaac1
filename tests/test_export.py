"""The exports: what a reader of each file gets back."""

from __future__ import annotations

import json

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from kg.cli import main
from kg.namespaces import SDMX_MEAS
from kg.store import export


def test_decimals_read_back_in_the_form_the_graph_holds(seed_dataset, seed_graph):
    """Turtle's short form of a whole decimal needs a point (`1050000000.0`); the files keep the
    plain lexical form instead, so whatever reads them prints what the tidy table prints."""
    written = {str(o) for o in seed_graph.objects(None, SDMX_MEAS.obsValue)}
    assert "1050000000" in written
    turtle = export.serialize(seed_dataset, "turtle", seed_graph)
    assert '"1050000000"^^xsd:decimal' in turtle and "1050000000.0" not in turtle
    back = Graph().parse(data=turtle, format="turtle")
    assert {str(o) for o in back.objects(None, SDMX_MEAS.obsValue)} == written
    ds = Dataset()
    ds.parse(data=export.serialize(seed_dataset, "trig"), format="trig")
    assert {str(o) for _, _, o, _ in ds.quads((None, SDMX_MEAS.obsValue, None, None))} == written
    assert all(o.datatype == XSD.decimal for o in back.objects(None, SDMX_MEAS.obsValue))


def test_query_csv_prints_numbers_as_the_table_does(built, capsys):
    q = "SELECT ?v WHERE { ?o pkg:indicator ind:participants ; sdmx-measure:obsValue ?v }"
    assert main(["query", "-e", q, "--build", str(built), "--format", "csv"]) == 0
    values = capsys.readouterr().out.split()[1:]
    assert "1050000000" in values and not [v for v in values if v.endswith(".0")]


def test_construct_answers_in_turtle_keep_the_plain_form(built, capsys):
    q = "CONSTRUCT { ?o sdmx-measure:obsValue ?v }"
    q += " WHERE { ?o pkg:indicator ind:participants ; sdmx-measure:obsValue ?v }"
    assert main(["query", "-e", q, "--build", str(built), "--format", "turtle"]) == 0
    back = Graph().parse(data=capsys.readouterr().out, format="turtle")
    assert "1050000000" in {str(o) for o in back.objects(None, SDMX_MEAS.obsValue)}


def test_jsonld_is_compact_with_the_projects_prefixes(seed_dataset, seed_graph):
    from kg.namespaces import PREFIXES

    text = export.serialize(seed_dataset, "jsonld", seed_graph)
    doc = json.loads(text)
    assert doc["@context"] == {p: str(ns) for p, ns in PREFIXES.items()}
    obs = next(n for n in doc["@graph"] if n["@id"].endswith("/obs/participants/basic_pension/CN/2022-12-31"))
    assert obs["pkg:indicator"] == {"@id": "ind:participants"} and "pkg:Observation" in obs["@type"]
    assert obs["sdmx-measure:obsValue"] == {"@type": "xsd:decimal", "@value": "1050000000"}
    back = Graph().parse(data=text, format="json-ld")  # the context is inline: nothing is fetched
    assert len(back) == len(seed_graph) and isomorphic(back, seed_graph)


def test_jsonld_of_one_node_or_none():
    from kg.namespaces import PKG

    for triples in ([], [(URIRef("https://w3id.org/pension-kg/id/x"), PKG.formula, Literal("a - b"))]):
        ds = Dataset()
        g = ds.graph(URIRef("urn:g"))
        for t in triples:
            g.add(t)
        doc = json.loads(export.serialize(ds, "jsonld"))
        assert set(doc) == {"@context", "@graph"} and len(doc["@graph"]) == len(triples)


def test_the_endpoint_answers_numbers_in_the_tables_form(built):
    """The README's curl example: CSV and JSON results from `pension-kg serve` give 1050000000."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "kg.cli", "serve", "--build", str(built), "--port", str(port), "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    q = "SELECT ?v WHERE { ?o pkg:indicator ind:participants ; sdmx-measure:obsValue ?v }"
    try:
        with httpx.Client(timeout=30) as http:
            for _ in range(300):
                try:
                    csv_answer = http.get(f"http://127.0.0.1:{port}/sparql", params={"query": q, "format": "csv"})
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            json_answer = http.get(f"http://127.0.0.1:{port}/sparql", params={"query": q, "format": "json"}).json()
    finally:
        proc.terminate()
        proc.wait(30)
    assert "1050000000\r\n" in csv_answer.text and ".0\r" not in csv_answer.text
    values = [b["v"]["value"] for b in json_answer["results"]["bindings"]]
    assert "1050000000" in values and not [v for v in values if v.endswith(".0")]
