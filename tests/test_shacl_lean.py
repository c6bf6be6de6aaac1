"""pyshacl without its text of each result (kg.shacl_lean) finds what pyshacl finds as it is."""

from __future__ import annotations

from contextlib import nullcontext
from decimal import Decimal

from rdflib import Graph, Literal
from rdflib.namespace import RDFS, XSD

from kg import iris, shacl_lean, validate
from kg.namespaces import NIF, PKG, SDMX_MEAS


def _broken(seed_graph) -> Graph:
    """The seed with a violation of a plain constraint, of an sh:or (a mention supporting a node that
    is neither an observation nor an event), of a SPARQL constraint (a span off its text) and a
    conflict (a warning)."""
    g = Graph()
    for t in seed_graph:
        g.add(t)
    holders = iris.observation("card_holders", "social_security_card", "CN", "2022-12-31")
    g.set((holders, SDMX_MEAS.obsValue, Literal(str(Decimal(-5)), datatype=XSD.decimal)))
    participants = iris.observation("participants", "basic_pension", "CN", "2022-12-31")
    g.add((participants, SDMX_MEAS.obsValue, Literal("1", datatype=XSD.decimal)))
    mention = min(g.subjects(PKG.supports, participants))
    g.add((mention, PKG.supports, RDFS.Class))
    span = min(g.subjects(NIF.anchorOf, None))
    g.set((span, NIF.anchorOf, Literal("not the text at these offsets")))
    return g


def test_the_findings_are_pyshacls_own(seed_graph, monkeypatch):
    g = _broken(seed_graph)
    lean = validate.validate(g)
    monkeypatch.setattr(validate, "lean", nullcontext)
    plain = validate.validate(g)
    assert [f.line() for f in lean.findings] == [f.line() for f in plain.findings]
    assert lean.conforms is plain.conforms is False
    kinds = " ".join(f.line() for f in plain.findings)
    assert "an observation or a policy event" in kinds and "which is not the text of" in kinds, kinds
    assert "Warning:" in kinds and len(plain.findings) >= 5, kinds


def test_pyshacl_is_as_it_was_after_the_block():
    from pyshacl.constraints.constraint_component import ConstraintComponent

    before = ConstraintComponent.__dict__["make_v_result_description"]
    with shacl_lean.lean() as applied:
        inside = ConstraintComponent.__dict__["make_v_result_description"]
        assert (inside is not before) is applied
    assert ConstraintComponent.__dict__["make_v_result_description"] is before
