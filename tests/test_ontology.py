"""The ontology: one source of names, complete for what the graph says."""

from __future__ import annotations

import csv
import re

import pytest
from conftest import SHARED
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.namespaces import CODE, PKG, PREFIXES
from kg.paths import ontology_dir, ontology_files

KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def onto() -> Graph:
    g = Graph()
    for path in ontology_files():
        g.parse(path)
    return g


def _langs(g: Graph, s, p) -> set[str]:
    return {o.language for o in g.objects(s, p) if isinstance(o, Literal)}


def test_every_term_has_english_and_chinese_label_and_definition(onto):
    terms = [s for k in KINDS for s in onto.subjects(RDF.type, k) if str(s).startswith(str(PKG))]
    assert len(terms) > 40
    for t in terms:
        assert {"en", "zh"} <= _langs(onto, t, RDFS.label), t
        assert "en" in _langs(onto, t, SKOS.definition), t


def test_ontology_header(onto):
    o = next(onto.subjects(RDF.type, OWL.Ontology))
    for p in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert onto.value(o, p) is not None, p
    assert onto.value(o, OWL.versionInfo) is not None


def test_every_pkg_term_the_graph_uses_is_declared(all_graph, onto):
    declared = {s for k in KINDS for s in onto.subjects(RDF.type, k)}
    used = {p for _, p, _ in all_graph if str(p).startswith(str(PKG))}
    used |= {o for _, p, o in all_graph if p == RDF.type and str(o).startswith(str(PKG))}
    assert used - declared == set()


def test_code_lists_carry_the_shared_vocabulary(onto):
    vocab = SHARED / "vocab"
    if not vocab.is_dir():
        pytest.skip("../shared/vocab is not beside the repository")
    for name, kind in (("indicators", "indicator"), ("schemes", "scheme"), ("units", "unit")):
        with open(vocab / f"{name}.csv", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                node = CODE[f"{kind}/{row['code']}"]
                assert (node, SKOS.notation, Literal(row["code"])) in onto, node
                assert {"en", "zh"} <= _langs(onto, node, SKOS.prefLabel), node


def test_turtle_prefixes_agree_with_the_one_base_iri():
    for path in ontology_dir().rglob("*.ttl"):
        for prefix, iri in re.findall(r"@prefix (\S*): <([^>]+)>", path.read_text(encoding="utf-8")):
            if prefix in PREFIXES:
                assert iri == str(PREFIXES[prefix]), (path.name, prefix)
