"""The TriG and Turtle assembled from per-graph pieces are byte for byte what rdflib writes from the
whole dataset (kg.store.export), on the bundled articles and on graphs made to test the edges: a
subject several graphs describe differently, the writer's order by references, an rdfs:Class, and
the graphs it must refuse (a blank node, an article's own node stated differently elsewhere)."""

from __future__ import annotations

from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg import pieces, pipeline, rdf
from kg.namespaces import ID, PKG, bind_all
from kg.store import export


def _pieces(ds: Dataset, owners: dict[str, str] | None = None) -> list[pieces.Piece]:
    found = [pieces.piece(str(g.identifier), g, (owners or {}).get(str(g.identifier))) for g in rdf.graphs(ds)]
    assert None not in found
    return [p for p in found if p is not None and p.statements]


def test_the_bundled_articles_assemble_to_the_bytes_rdflib_writes(all_corpus):
    ds = pipeline.dataset(all_corpus)
    owners = {str(ID[f"graph/{ex.article.stem}"]): str(ID[f"doc/{ex.article.stem}"]) for ex in all_corpus.extractions}
    found = _pieces(ds, owners)
    assert pieces.trig(found) == export.serialize(ds, "trig")
    assert pieces.turtle(found)[0] == export.serialize(ds, "turtle")
    # an article's own nodes keep no triples (the cache stays small); shared nodes keep theirs
    own = [st for p in found for s, st in p.statements.items() if s.startswith(str(ID["doc/"]))]
    assert own and all(st.lines is None for st in own)
    assert any(st.lines for p in found for st in p.statements.values())


def _dataset() -> Dataset:
    ds = Dataset()
    bind_all(ds.namespace_manager)
    point, other = ID["point/one"], ID["point/two"]
    first, second = ds.graph(ID["graph/first"]), ds.graph(ID["graph/second"])
    for g, value, doc in ((first, "17.25", "first"), (second, "903", "second")):
        g.add((point, RDF.type, PKG.Observation))
        g.add((point, RDFS.label, Literal(f"a point seen in {doc}", lang="en")))
        g.add((point, PKG.reportedValue, Literal(value, datatype=XSD.decimal)))  # differs: merged
        g.add((point, PKG.indicator, other))
        g.add((ID[f"doc/{doc}"], PKG.text, Literal(f"line one of {doc}\nline two")))
        g.add((ID[f"doc/{doc}#char=0,4"], PKG.supports, point))
        g.add((other, SKOS.notation, Literal("same in both")))  # identical in both graphs
    # `other` is referenced more than `point`: the writer puts the less referenced first
    second.add((ID["doc/second#char=5,9"], PKG.supports, other))
    second.add((ID["doc/second#char=6,9"], PKG.supports, other))
    second.add((PKG.Kind, RDF.type, RDFS.Class))  # rdfs:Class members come first
    return ds


_OWNERS = {str(ID["graph/first"]): str(ID["doc/first"]), str(ID["graph/second"]): str(ID["doc/second"])}


def test_shared_subjects_are_merged_in_the_writers_order():
    ds = _dataset()
    found = _pieces(ds, _OWNERS)
    turtle, shared = pieces.turtle(found)
    assert turtle == export.serialize(ds, "turtle")
    assert len(shared) == 1  # the point the two graphs give different values
    # given back, the shared statements are taken as they are, not written again
    assert pieces.turtle(found, {k: v.replace("17.25", "17.5") for k, v in shared.items()})[0] == turtle.replace(
        "17.25", "17.5"
    )
    assert pieces.trig(found) == export.serialize(ds, "trig")
    assert turtle is not None and 'pkg:reportedValue 17.25,\n        "903"^^xsd:decimal .' in turtle  # both values
    assert turtle.index("pkg:Kind a") < turtle.index("point/one> a") < turtle.index("point/two> skos")


def test_what_the_pieces_cannot_reproduce_is_refused():
    ds = _dataset()
    ds.graph(ID["graph/third"]).add((BNode(), RDFS.label, Literal("no name")))
    assert pieces.piece(str(ID["graph/third"]), ds.graph(ID["graph/third"])) is None
    # an article's own node that another graph states otherwise: its triples were not kept
    ds = _dataset()
    ds.graph(ID["graph/second"]).add((ID["doc/first#char=0,4"], RDFS.comment, Literal("stray")))
    assert pieces.turtle(_pieces(ds, _OWNERS))[0] is None
    # without owners every subject keeps its triples, and the stray is merged
    assert pieces.turtle(_pieces(ds))[0] == export.serialize(ds, "turtle")


def test_a_predicate_in_no_bound_namespace_is_refused():
    ds = Dataset()
    g = ds.graph(ID["graph/odd"])
    g.add((ID["x"], URIRef("urn:example:property"), Literal("value")))
    assert pieces.piece(str(g.identifier), g) is None


def test_an_articles_graph_key_follows_the_articles_it_shares_observations_with(all_corpus):
    import copy
    import dataclasses

    from kg.extract.facts import UNPLACED
    from kg.extract.lexicon import load

    def placed(ex):
        return [f for f in ex.facts if not f.is_event and f.status not in UNPLACED and f.value is not None]

    first = next(ex for ex in all_corpus.extractions if placed(ex))
    other = next(ex for ex in all_corpus.extractions if ex is not first)
    twin = copy.deepcopy(first)  # another article that reports the same observations
    twin.article = dataclasses.replace(twin.article, name="twin.txt")
    corpus = pipeline.Corpus(extractions=[first, twin, other])
    corpus.key_of = {first.article.stem: "k1", "twin": "k2", other.article.stem: "k3"}
    names = [str(ID[f"graph/{ex.article.stem}"]) for ex in (first, twin, other)]
    before = pipeline.graph_keys(corpus)
    graph_before = pipeline.dataset(corpus, with_ontology=False).graph(URIRef(names[0]))
    assert pipeline.graph_keys(corpus) == before  # nothing changed
    # the twin's file is edited to give one of them another value (so its extraction's key changes):
    # the first article's graph holds both values now
    fact = placed(twin)[0]
    twin.facts[twin.facts.index(fact)] = dataclasses.replace(fact, value=fact.value + 7)
    corpus.key_of["twin"] = "k2 after the edit"
    after = pipeline.graph_keys(corpus)
    graph_after = pipeline.dataset(corpus, load(), with_ontology=False).graph(URIRef(names[0]))
    assert set(graph_after) != set(graph_before)
    assert after[names[0]] != before[names[0]] and after[names[1]] != before[names[1]]
    assert after[names[2]] == before[names[2]]  # it shares no observation with them
