"""Validation beside the build: split over processes, it finds exactly what one pass finds."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal

from kg import iris, validate
from kg.namespaces import SDMX_MEAS, SH


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


def test_split_validation_finds_what_one_pass_finds(seed_graph):
    g = _broken(seed_graph)
    whole = validate.validate(g)
    split = validate.in_background(g, parts=3)()
    assert not whole.conforms and not split.conforms
    assert [f.line() for f in split.findings] == [f.line() for f in whole.findings]
    assert {f.severity for f in split.findings} == {"Violation", "Warning"}
    report = Graph().parse(data=split.turtle, format="turtle")
    (node,) = report.subjects(predicate=SH.conforms)
    assert report.value(node, SH.conforms).toPython() is False
    assert len(list(report.objects(node, SH.result))) == len(whole.findings)
