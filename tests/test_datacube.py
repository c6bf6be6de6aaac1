"""The W3C RDF Data Cube integrity constraints (IC-1 to IC-21), run on the built graph.

The constraints are the spec's own SPARQL queries, transcribed in tests/data/qb-integrity-constraints.rq
with their source. The graph is normalised first (the spec's phases 1 and 2), then every ASK must
answer false. Corrupted copies prove that the queries can fail here at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
import pytest
from conftest import DATA
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.namespaces import PKG, QB

IC_FILE = DATA / "qb-integrity-constraints.rq"


@dataclass(frozen=True)
class Block:
    name: str
    title: str
    text: str


def _blocks() -> dict[str, Block]:
    """The named blocks of the transcription: '#@ NAME title' opens one."""
    out: dict[str, Block] = {}
    for chunk in re.split(r"^#@ ", IC_FILE.read_text(encoding="utf-8"), flags=re.M)[1:]:
        head, _, body = chunk.partition("\n")
        words = head.split()
        name = words[0] if words[0] != "IC-19" or "collections" not in head else "IC-19b"
        out[name] = Block(name, head, body)
    return out


BLOCKS = _blocks()
PREFIXES = BLOCKS["prefixes"].text
ICS = [n for n in BLOCKS if re.fullmatch(r"IC-\d+b?", n)]


def _store(g: Graph) -> ox.Store:
    """The graph in a store, normalised as the spec's phases 1 and 2 say."""
    store = ox.Store()
    store.bulk_load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    for phase in ("normalize-phase-1", "normalize-phase-2"):
        store.update(PREFIXES + BLOCKS[phase].text)
    return store


def violated(store: ox.Store, name: str) -> bool:
    """True when constraint `name` finds a violation (templates: for any of their parameters)."""
    ask = BLOCKS[name].text
    if "<$p>" not in ask:
        return bool(store.query(PREFIXES + ask))
    params = [row["p"].value for row in store.query(PREFIXES + BLOCKS[f"{name}-parameters"].text)]
    return any(bool(store.query(PREFIXES + ask.replace("$p", p))) for p in params)


def test_the_transcription_holds_every_constraint():
    assert ICS == [f"IC-{n}" for n in range(1, 20)] + ["IC-19b", "IC-20", "IC-21"]


@pytest.fixture(scope="module")
def cube(all_graph) -> ox.Store:
    return _store(all_graph)


@pytest.mark.parametrize("name", ICS)
def test_the_built_cube_is_well_formed(cube, name):
    assert not violated(cube, name), f"{BLOCKS[name].title} finds a violation"


def _first_observation(g: Graph) -> URIRef:
    return sorted(s for s in g.subjects(RDF.type, QB.Observation) if isinstance(s, URIRef))[0]


def _copy(g: Graph) -> Graph:
    out = Graph()
    for t in g:
        out.add(t)
    return out


def _duplicate(g: Graph) -> Graph:
    out = _copy(g)
    obs = _first_observation(g)
    twin = URIRef(str(obs) + "-twin")
    for p, o in g.predicate_objects(obs):
        out.add((twin, p, o))
    return out


def _without_scheme(g: Graph) -> Graph:
    out = _copy(g)
    out.remove((_first_observation(g), PKG.scheme, None))
    return out


def _unknown_code(g: Graph) -> Graph:
    out = _copy(g)
    obs = _first_observation(g)
    out.remove((obs, PKG.indicator, None))
    out.add((obs, PKG.indicator, URIRef(str(PKG) + "no-such-indicator")))
    return out


@pytest.mark.parametrize(
    ("corrupt", "name"),
    [(_duplicate, "IC-12"), (_without_scheme, "IC-11"), (_unknown_code, "IC-19")],
    ids=["duplicate-observation", "missing-dimension", "code-outside-its-list"],
)
def test_the_constraints_catch_a_corrupted_cube(all_graph, corrupt, name):
    assert violated(_store(corrupt(all_graph)), name)


def test_a_hedge_is_an_attribute_of_the_observation_with_its_bound(all_graph):
    from decimal import Decimal

    from kg.namespaces import SDMX_MEAS

    seen = {"lower": 0, "none": 0}
    for obs, q in all_graph.subject_objects(PKG.qualifier):
        if (obs, RDF.type, QB.Observation) not in all_graph:
            continue
        values = {Decimal(str(v)) for v in all_graph.objects(obs, SDMX_MEAS.obsValue)}
        lower = {Decimal(str(v)) for v in all_graph.objects(obs, PKG.lowerBound)}
        if str(q) in ("more than", "over"):
            assert lower and lower <= values, obs
            seen["lower"] += 1
        elif str(q) in ("about", "some", "roughly"):
            assert not lower and not set(all_graph.objects(obs, PKG.upperBound)), obs
            seen["none"] += 1
    assert seen["lower"] >= 3 and seen["none"] >= 2


def test_every_period_has_one_end_date(all_graph):
    from kg.namespaces import TIME

    periods = set(all_graph.objects(None, PKG.refPeriod)) | set(all_graph.objects(None, TIME.hasTime))
    assert len(periods) > 20
    for p in periods:
        ends = list(all_graph.objects(p, PKG.endDate))
        dates = list(all_graph.objects(p, TIME.inXSDDate)) or [
            d for e in all_graph.objects(p, TIME.hasEnd) for d in all_graph.objects(e, TIME.inXSDDate)
        ]
        assert len(ends) == 1 and ends == dates, p


def test_every_observation_and_dated_event_is_named_in_chinese_from_its_codes(all_graph):
    from rdflib.namespace import RDFS

    named = [s for s in all_graph.subjects(RDF.type, QB.Observation)]
    named += [s for s in all_graph.subjects(PKG.eventType, None)]
    assert len(named) > 90
    for node in named:
        zh = [str(o) for o in all_graph.objects(node, RDFS.label) if getattr(o, "language", None) == "zh"]
        assert len(zh) == 1 and re.search(r"[\u4e00-\u9fff]{2}", zh[0]), node
