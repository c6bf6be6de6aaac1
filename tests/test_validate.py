"""Validation: the named-graph and literal checks beside the shapes, and findings in one line each."""

from __future__ import annotations

import re
from decimal import Decimal

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD, NamespaceManager

from kg import iris, rdf, validate
from kg.namespaces import NIF, PKG, SDMX_MEAS


def _broken(seed_graph) -> Graph:
    from rdflib.namespace import XSD

    g = Graph()
    for t in seed_graph:
        g.add(t)
    holders = iris.observation("card_holders", "social_security_card", "CN", "2022-12-31")
    g.set((holders, SDMX_MEAS.obsValue, Literal(str(Decimal(-5)), datatype=XSD.decimal)))  # a violation
    participants = iris.observation("participants", "basic_pension", "CN", "2022-12-31")
    g.add((participants, SDMX_MEAS.obsValue, Literal("1", datatype=XSD.decimal)))  # a conflict: a warning
    return g


def _moved(seed_dataset, into: str) -> Dataset:
    """The seed's dataset with one observation and its figure mention moved out of the seed's named graph
    into the graph of another article."""
    ds = Dataset()
    for ctx in rdf.graphs(seed_dataset):
        target = ds.graph(ctx.identifier)
        for t in ctx:
            target.add(t)
    seed = ds.graph(iris.graph_name("000_669ad541b4cb8db6"))
    other = ds.graph(iris.graph_name(into))
    obs = iris.observation("contributors", "personal_pension", "CN", "2022-12-31")
    mention = min(seed.subjects(PKG.supports, obs))
    for node in (obs, mention):
        for t in list(seed.triples((node, None, None))):
            seed.remove(t)
            other.add(t)
    return ds


def test_the_named_graphs_of_the_build_hold_their_own_articles_facts(seed_dataset):
    assert validate.graph_findings(seed_dataset) == []


def test_a_fact_moved_into_another_articles_graph_is_found(seed_dataset):
    ds = _moved(seed_dataset, "another_article")
    found = validate.graph_findings(ds)
    obs = str(iris.observation("contributors", "personal_pension", "CN", "2022-12-31"))
    assert {f.severity for f in found} == {"Violation"}
    assert any(f.focus == obs and "no span of that article" in f.message for f in found), found
    assert any(f.focus.startswith(str(iris.doc("000_669ad541b4cb8db6"))) and "own article" in f.message for f in found)
    report = validate.validate(rdf.union(ds), dataset=ds)  # reported beside the shapes, in the same lines
    assert not report.conforms
    assert {f.line() for f in found} <= {f.line() for f in report.findings}


def test_an_ill_typed_literal_is_a_finding_not_a_traceback(built, tmp_path, capsys):
    """validate FILE with literals pyshacl cannot compare: each is one line, the rest is still checked."""
    from kg.cli import main

    text = (built / "pension-kg.trig").read_text(encoding="utf-8")
    bad = re.sub(
        r'nif:beginIndex "(\d+)"\^\^xsd:nonNegativeInteger', 'nif:beginIndex "x"^^xsd:nonNegativeInteger', text, count=1
    )
    bad = bad.replace('"2022-12-31"^^xsd:date', '"2022-13-45"^^xsd:date', 1)
    bad = re.sub(r'"--\d\d"\^\^xsd:gMonth', '"--13"^^xsd:gMonth', bad, count=1)
    bad = re.sub(r'qb:order "?\d+"?(\^\^xsd:int)?', 'qb:order "first"^^xsd:int', bad, count=1)
    bad = bad.replace("pkg:core true", 'pkg:core "maybe"^^xsd:boolean', 1)
    assert bad.count('"x"^^xsd:nonNegativeInteger') == 1 and '"2022-13-45"^^xsd:date' in bad
    assert '"--13"^^xsd:gMonth' in bad and '"first"^^xsd:int' in bad and '"maybe"^^xsd:boolean' in bad
    path = tmp_path / "bad.trig"
    path.write_text(bad, encoding="utf-8")
    assert main(["validate", str(path)]) == 3
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and err == ""
    lines = out.splitlines()
    assert lines[0] == "Does not conform."
    assert any('"x"^^xsd:nonNegativeInteger is not a valid xsd:nonNegativeInteger' in line for line in lines)
    assert any('"2022-13-45"^^xsd:date is not a valid xsd:date' in line for line in lines)
    assert any('"--13"^^xsd:gMonth is not a valid xsd:gMonth' in line for line in lines)
    assert any('"first"^^xsd:int is not a valid xsd:int' in line for line in lines)
    assert any("(neither true nor false) is not a valid xsd:boolean" in line for line in lines)
    assert all(re.match(r"(Violation|Warning|Info): <[^>]+>", line) for line in lines[1:]), lines
    assert len(lines) == len(set(lines))


def test_a_finding_is_one_line():
    f = validate.Finding("Violation", "https://example.org/x", "", 'Span quotes "a\nb"  and\tmore.')
    assert f.line() == 'Violation: <https://example.org/x>: Span quotes "a b" and more.'


def test_a_blank_node_is_named_as_one():
    """A node without an IRI is shown as a blank node (_:...), not as an IRI it does not have."""
    from rdflib import BNode
    from rdflib.namespace import RDF

    g = Graph()
    g.add((BNode("nameless"), RDF.type, PKG.Article))
    lines = [f.line() for f in validate.validate(g).findings]
    assert lines and all(re.match(r"(Violation|Warning): _:nameless[ :]", line) for line in lines), lines
    assert not [line for line in lines if "<https://w3id.org/pension-kg/ontology#" in line], "paths as prefixed names"


def test_a_dataset_wide_rule_names_the_node_that_is_wrong(seed_graph):
    g = _broken(seed_graph)
    holders = iris.observation("card_holders", "social_security_card", "CN", "2022-12-31")
    g.set((holders, SDMX_MEAS.obsValue, Literal("5", datatype=XSD.decimal)))
    level = iris.observation("participants", "basic_pension", "CN", "2022-12-31")
    g.set((level, SDMX_MEAS.obsValue, Literal("105000000", datatype=XSD.decimal)))  # "1.05 billion"
    report = validate.validate(g)
    mention = [f for f in report.findings if "not a value of the observation" in f.message]
    assert mention and all(f.focus.startswith(str(iris.doc("000_669ad541b4cb8db6"))) for f in mention), report.text()


def test_a_figure_stated_other_than_its_words_say_is_found(seed_graph):
    """A figure's value divided by ten on the mention and on its observation alike, so that the two still
    agree: the words of the mention say otherwise, and validate says so in one line."""
    g = Graph()
    for t in seed_graph:
        g.add(t)
    level = iris.observation("participants", "basic_pension", "CN", "2022-12-31")
    mention = min(g.subjects(PKG.supports, level))
    right = Decimal(str(g.value(mention, PKG.reportedValue)))
    wrong = Literal(str(right / 10), datatype=XSD.decimal)
    g.set((level, SDMX_MEAS.obsValue, wrong))
    g.set((mention, PKG.reportedValue, wrong))
    assert validate.figure_findings(seed_graph) == []  # the unmodified seed: every value is its words'
    found = validate.figure_findings(g)
    assert [(f.focus, f.path) for f in found] == [(str(mention), "pkg:reportedValue")]
    words = str(g.value(mention, NIF.anchorOf))
    assert found[0].message == f'The figure mention states {right / 10}, but its words "{words}" say {right}.'
    assert found[0].line() in {f.line() for f in validate.validate(g).findings}


def test_the_validators_names_are_rdflibs_without_filing_each_namespace(seed_graph):
    """pyshacl describes every node it checks through the data graph's namespace manager; the one the
    validator gives it writes each IRI as rdflib's would (prefix:name in a bound namespace, <iri>
    otherwise) but files no namespace it cannot name, which made the whole-graph shapes quadratic."""
    data = validate._Queried(seed_graph)
    names = data.namespace_manager
    plain = NamespaceManager(Graph(store=seed_graph.namespace_manager.store), bind_namespaces="none")
    iris_seen = sorted({str(s) for s in seed_graph.subjects()})[:400] + [str(PKG.Observation), str(XSD.decimal)]
    for iri in iris_seen:
        assert names.normalizeUri(URIRef(iri)) == plain.normalizeUri(URIRef(iri))
    filed = names._NamespaceManager__strie  # type: ignore[attr-defined]  # rdflib's trie of namespaces
    assert not any("/id/doc/" in ns or "/id/obs/" in ns for ns in filed)
    assert any("/id/doc/" in ns for ns in plain._NamespaceManager__strie)  # type: ignore[attr-defined]


_SPARQL_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
ex:Bound a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:sparql [ sh:message "too big: {?v}" ;
        sh:select "SELECT $this ?v WHERE { $this <http://example.org/size> ?v FILTER (?v > 2) }" ] .
ex:FilterOnly a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:sparql [ sh:message "a bigger thing than this one exists" ;
        sh:select "SELECT $this WHERE { ?o <http://example.org/size> ?w . FILTER (?o != $this && ?w > 2) }" ] .
"""


def test_sparql_constraints_asked_once_give_what_asking_per_node_gives():
    """The validator evaluates a SPARQL constraint once with $this free and answers each focus node from
    its rows (kg.validate._Queried); the findings are those of pyshacl asking rdflib's engine per node,
    for a query that binds $this in its pattern and for one that names it only in a filter (asked per
    node)."""
    import pyshacl

    ex = "http://example.org/"
    data = Graph()
    for i, size in enumerate((1, 3, 5)):
        thing = URIRef(f"{ex}t{i}")
        data.add((thing, URIRef(ex + "size"), Literal(size)))
        data.add((thing, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(ex + "Thing")))
    shapes = Graph().parse(data=_SPARQL_SHAPES, format="turtle")
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes)
    sh = "http://www.w3.org/ns/shacl#"
    expected = {
        (str(results.value(r, URIRef(sh + "focusNode"))), str(results.value(r, URIRef(sh + "resultMessage"))))
        for r in results.subjects(URIRef(sh + "sourceShape"), None)
    }
    assert len(expected) == 5  # two too big; three for which a bigger one exists (t0 and t1 see t2, ...)
    found = {(f.focus, f.message) for f in validate.validate(data, shapes, beside=False).findings}
    assert found == expected


def test_only_a_query_that_binds_this_in_every_solution_is_asked_once():
    p = "<http://example.org/p>"
    assert validate._binds_this(f"SELECT $this ?x WHERE {{ $this {p} ?x OPTIONAL {{ ?x {p} ?y }} }}")
    assert validate._binds_this(f"SELECT $this (COUNT(?x) AS ?n) WHERE {{ $this {p} ?x }} GROUP BY $this")
    assert not validate._binds_this(f"SELECT $this WHERE {{ ?x {p} ?y FILTER (?x != $this) }}")
    assert not validate._binds_this(f"SELECT $this ?x WHERE {{ {{ $this {p} ?x }} UNION {{ ?x {p} ?y }} }}")
    assert not validate._binds_this(f"SELECT $this ?x WHERE {{ $this {p} ?x }} LIMIT 1")  # a limit per node
    sub = f"SELECT $this ?y WHERE {{ $this {p} ?x {{ SELECT ?y WHERE {{ $this {p} ?y }} }} }}"
    assert not validate._binds_this(sub)  # the inner $this is the node too, when it is put in
    assert not validate._binds_this(f"ASK {{ $this {p} ?x }}")
