"""Reforms, their strands and pension adjustments as the graph models them (item 3 of issue 10): a reform
the ontology names is one node across articles, with its dated events and its strands in order under it;
a strand is one node however many articles list it; a pension rise is a policy event with its issuers."""

from __future__ import annotations

from rdflib.namespace import DCTERMS, RDF

from kg import iris
from kg.namespaces import ID, NIF, PKG, PROV, SCHEMA
from kg.validate import validate

REFORM = ID["reform/national-overall-planning"]

# Two reports of our own wording that list strands of national pooling; the second repeats a strand.
FIRST = """Pooling goes on

BEIJING, March 3 (Xinhua) -- Officials of the ministry gave an update on Tuesday.

The national pooling of enterprise employees' basic pension insurance has made progress in three aspects:

First, the rules of the provinces are brought into line with one another.

Second, the transfer of funds between provinces is made larger.

Third, the handling of pension services is made simpler for retirees.
"""
SECOND = """More on pooling

BEIJING, June 8 (Xinhua) -- The ministry spoke of the reform again.

National overall planning of enterprise employees' basic pension insurance has moved ahead in two aspects:

First, the rules of the provinces are brought into line with one another.

Second, a shared database of contributors is built.
"""
RISE = """Pensions go up again

BEIJING, April 12 (Xinhua) -- A notice on raising the basic pensions of retirees has been jointly issued by
the Ministry of Human Resources and Social Security and the Ministry of Finance.

Starting from January 1, 2031, the basic pension will be increased by 2.5 percent for people who had retired
by the end of 2030.
"""


def _graph(tmp_path, **texts: str):
    from kg import pipeline, rdf

    paths = []
    for name, text in texts.items():
        paths.append(tmp_path / f"{name}.txt")
        paths[-1].write_text(text, encoding="utf-8")
        (tmp_path / f"{name}.meta.toml").write_text('published = "2031-07-01"\n', encoding="utf-8")
    corpus = pipeline.read(paths)
    return rdf.union(pipeline.dataset(corpus)), corpus


def test_strands_are_ordered_under_the_named_reform_and_one_node_across_articles(tmp_path):
    g, _ = _graph(tmp_path, first=FIRST, second=SECOND)
    strands = sorted(g.subjects(DCTERMS.isPartOf, REFORM))
    assert all(str(s).startswith(f"{REFORM}/strand/") for s in strands)
    assert len(strands) == 4  # three and two strands, one of them in both reports
    shared = iris.strand(REFORM, "The rules of the provinces are brought into line with one another")
    assert list(g.objects(shared, DCTERMS.isPartOf)) == [REFORM]  # one node, part of one reform
    assert {str(s).split("#")[0] for s in g.objects(shared, PROV.wasDerivedFrom)} == {
        str(iris.doc("first")),
        str(iris.doc("second")),
    }
    place = {s: int(g.value(s, SCHEMA.position)) for s in strands}
    assert place[shared] == 1
    assert sorted(place.values()) == [1, 2, 2, 3]  # the second strand of each report, and the third of one
    report = validate(g)  # two articles' second strands at one place of the reform's list are no finding
    assert report.conforms and not [f for f in report.findings if f.severity == "Violation"], report.text()
    # each article states the reform where it names it, under either of its names
    named = {str(g.value(s, NIF.anchorOf)) for s in g.objects(REFORM, PROV.wasDerivedFrom)}
    assert named == {"national pooling", "National overall planning of enterprise employees' basic pension insurance"}


def test_a_pension_rise_is_a_policy_event_with_its_issuers(tmp_path):
    g, corpus = _graph(tmp_path, rise=RISE)
    rise = iris.event("pension_adjustment", "employee_basic_pension", "CN", "2031-01-01")  # retirees' pensions
    assert (rise, RDF.type, PKG.PolicyEvent) in g
    assert (rise, PKG.eventType, iris.code("indicator", "pension_adjustment")) in g
    assert set(g.objects(rise, PKG.decidedBy)) == {ID["org/mohrss"], ID["org/mof"]}
    cutoff = iris.event("eligibility_cutoff", "employee_basic_pension", "CN", "2030-12-31")
    assert list(g.objects(cutoff, DCTERMS.isPartOf)) == [rise]  # who the rise is for: a part of it
    assert not [f for f in corpus.facts if f.indicator == "pension_adjustment"]  # an event, not a statistic


def test_the_entity_graph_keeps_a_strands_place_and_its_reform(seed_graph):
    from kg.entity_graph import entity_graph, with_data

    G = with_data(entity_graph(seed_graph), seed_graph)
    first = iris.strand(REFORM, "Policy unification is basically achieved nationwide")
    assert G.nodes[str(first)]["position"] == "1"
    assert G.has_edge(str(first), str(REFORM)), "the strand is part of its reform"
