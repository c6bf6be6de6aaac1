"""Validation scoped by document (kg.validate_scoped) finds exactly what one pass of every shape over
the whole graph finds: on the bundled articles, and on them broken in ways that one article's graph
shows and in ways that only several together show. And an unchanged group of articles is not
validated again."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, XSD

from kg import iris, pipeline, rdf, validate, validate_scoped
from kg.namespaces import NIF, PKG, SDMX_ATTR, SDMX_MEAS, UOM

SEED = "000_669ad541b4cb8db6"


@pytest.fixture(scope="module")
def bundled(all_corpus) -> Dataset:
    return pipeline.dataset(all_corpus)


def _copy(ds: Dataset) -> Dataset:
    out = Dataset()
    for g in rdf.graphs(ds):
        target = out.graph(g.identifier)
        for t in g:
            target.add(t)
    return out


def both_ways(ds: Dataset) -> tuple[list[str], list[str]]:
    one = validate.validate(rdf.union(ds), dataset=ds)
    scoped = validate_scoped.in_background(ds, workers=2)()
    assert one.conforms == scoped.conforms
    return [f.line() for f in one.findings], [f.line() for f in scoped.findings]


def test_the_union_view_holds_the_union_and_is_read_only(bundled):
    """The whole graph is validated as a view of the dataset's store (kg.rdf.UnionView); the scoped
    validation below reads it, where one pass of every shape reads a copy of the union."""
    from rdflib.namespace import RDF
    from rdflib.paths import SequencePath

    copy, view = rdf.union(bundled), rdf.union_view(bundled)
    assert len(view) == len(copy) > 8000 and set(view) == set(copy)
    obs = min(copy.subjects(RDF.type, PKG.Observation))
    assert set(view.triples((obs, None, None))) == set(copy.triples((obs, None, None)))
    path = SequencePath(PKG.indicator, RDF.type)
    assert set(view.objects(obs, path)) == set(copy.objects(obs, path)) != set()
    with pytest.raises(TypeError):
        view.add((obs, RDFS.label, Literal("x")))
    assert len(view) == len(copy)


def test_the_bundled_articles_give_the_same_findings(bundled):
    one, scoped = both_ways(bundled)
    assert scoped == one
    assert len(one) == 1 and one[0].startswith(f"Warning: <{iris.doc('a07')}> dcterms:publisher")


def test_broken_graphs_give_the_same_findings(bundled):
    ds = _copy(bundled)
    seed = ds.graph(iris.graph_name(SEED))
    a02, a04 = ds.graph(iris.graph_name("a02")), ds.graph(iris.graph_name("a04"))
    # within one article: a quote that is not the text at its offsets, a span past the end of the text
    mention = min(m for m in seed.subjects(PKG.supports, None) if seed.value(m, NIF.anchorOf) is not None)
    seed.set((mention, NIF.anchorOf, Literal("a quote of my own")))
    sentence = min(seed.subjects(NIF.beginIndex, None), key=str)
    seed.set((sentence, NIF.endIndex, Literal(10**6, datatype=XSD.nonNegativeInteger)))
    # an ill-typed literal, which pyshacl cannot compare
    seed.set((iris.doc(SEED), DCTERMS.issued, Literal("2023-02-30", datatype=XSD.date)))
    # across articles: the same observation given two values by two articles (a conflict), a person
    # given an English label by each of two articles, one article's span stated in another's graph
    obs = min(a02.subjects(SDMX_MEAS.obsValue, None), key=str)
    a04.add((obs, SDMX_MEAS.obsValue, Literal(Decimal(3), datatype=XSD.decimal)))
    a04.add((obs, SDMX_ATTR.unitMeasure, UOM.USD))  # which a02's mention of it is not in
    person = URIRef(str(iris.ID) + "person/a-name-of-my-own")
    a02.add((person, RDFS.label, Literal("A name", lang="en")))
    a04.add((person, RDFS.label, Literal("Another name", lang="en")))
    a04.add((mention, NIF.anchorOf, Literal("moved")))
    one, scoped = both_ways(ds)
    assert scoped == one
    text = "\n".join(one)
    for expected in (
        f"<{mention}>",  # the misquote
        "past the end of the text",
        "is not a valid xsd:date",
        f"<{obs}> sdmx-measure:obsValue",  # the conflict
        "other than the unit the observation it supports is in",  # seen only with a04's statement
        f"<{person}> rdfs:label",
        "it belongs to its own article's graph",
    ):
        assert expected in text, expected


def test_the_merged_report_is_the_same_bytes_whatever_its_blank_nodes_were_called():
    from rdflib import Graph
    from rdflib.namespace import RDF

    from kg.namespaces import ID, SH

    data = Graph()
    for i in range(12):  # articles that say nothing else: each breaks several document shapes
        data.add((ID[f"doc/bare{i}"], RDF.type, PKG.Article))
    report = validate.validate(data, validate_scoped.scoped(validate.shapes())[0])
    assert len(report.findings) > 12
    outcome = validate_scoped.Outcome(report.conforms, report.findings, report.graph.serialize(format="turtle"))
    first, second = validate_scoped.merge([outcome]), validate_scoped.merge([outcome])  # each parses anew
    assert first.turtle == second.turtle
    merged = Graph().parse(data=first.turtle, format="turtle")

    def results(g: Graph) -> list:
        found = g.subjects(RDF.type, SH.ValidationResult)
        return sorted((g.value(r, SH.focusNode), g.value(r, SH.resultMessage)) for r in found)

    assert results(merged) == results(report.graph)  # every result is still there, once


def _articles(corpus):
    return {ex.article.stem: (corpus.key_of[ex.article.stem], ex) for ex in corpus.extractions}


def _validated(seeds, previous, out, compare=True):
    """Validate the articles of `seeds` as a build does, with the cache of the build in `previous`
    (None: none), and leave this one's cache in `out`: the outcome, and what `_reached` found."""
    from kg.build import cache_key
    from kg.cache import Cache
    from kg.extract import article

    cache = Cache(previous)
    corpus = pipeline.read(article.seed_files(seeds), cache=cache)
    ds = pipeline.dataset(corpus)
    found, tasks = [], []
    reached, task = validate_scoped._reached, validate_scoped._task

    def spy(*args):
        found.append(reached(*args))
        return found[-1]

    def counted(t):
        tasks.append(t[0])
        return task(t)

    validate_scoped._reached, validate_scoped._task = spy, counted
    try:
        whole_key = cache_key(b"validate", *(k.encode() for k in corpus.keys))
        outcome = validate_scoped.in_background(
            ds, cache=cache, whole_key=whole_key, articles=_articles(corpus), workers=1
        )()
    finally:
        validate_scoped._reached, validate_scoped._task = reached, task
    found.append(tasks.count("documents"))  # the groups validated, after what `_reached` found
    cache.write(out)
    if compare:  # the findings and the report of a validation from scratch (the tests above: one pass)
        assert outcome == validate_scoped.in_background(ds, workers=1)()
    return outcome, found, ds


def test_a_rebuild_checks_only_what_a_change_reaches(tmp_path, monkeypatch):
    """After one article changed, the whole graph's Core shapes are checked on the focus nodes the
    change reaches, and the groups of articles it does not reach are not read; the findings and the
    report are those of a validation from scratch, whether the change makes a finding across
    articles (a conflict with another article's figure), takes it away again, or removes an article."""
    import shutil

    from conftest import SEEDS
    from rdflib.namespace import RDF

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for stem in ("000_669ad541b4cb8db6", "a02", "a04", "a07", "a09", "a16"):  # six articles, six groups
        for path in SEEDS.glob(f"{stem}.*"):
            shutil.copy(path, seeds / path.name)
    first, found, _ = _validated(seeds, None, tmp_path / "b1", compare=False)  # from scratch itself
    groups = found[-1]
    assert found == [groups] and groups > 2  # no record before the first build
    with open(seeds / "a02.txt", "a", encoding="utf-8") as fh:  # a04 says 11.86 million
        fh.write("\nUrban areas added 12.5 million new jobs in 2020.\n")
    conflict, found, ds = _validated(seeds, tmp_path / "b1", tmp_path / "b2")
    assert any("sources disagree" in f.message for f in conflict.findings)
    (focus, dirty), validated = found
    reached = {
        validate_scoped._group(g) for g in validate.article_graphs(ds) if validate_scoped._stem(g.identifier) in dirty
    }
    assert validated == len(reached) < groups  # the others are taken as they were
    observations = set(rdf.union_view(ds).subjects(RDF.type, PKG.Observation))
    assert 0 < len(focus & observations) < len(observations) / 3  # a02 and a04 of six articles
    assert "a02" in dirty and "a04" in dirty and len(dirty & {"a07", "a09", "a16"}) < 3
    (seeds / "a02.txt").write_text((SEEDS / "a02.txt").read_text(encoding="utf-8"), encoding="utf-8")
    back, found, _ = _validated(seeds, tmp_path / "b2", tmp_path / "b3", compare=False)
    assert back == first and found[0] is not None  # what the first validation, from scratch, found
    (seeds / "a16.txt").unlink()
    _, found, _ = _validated(seeds, tmp_path / "b3", tmp_path / "b4")
    assert found[0] is not None
    # a changed ontology or code changes every key: nothing is taken from the record
    monkeypatch.setattr("kg.cache.environment", lambda: b"another ontology")
    _, found, _ = _validated(seeds, tmp_path / "b4", tmp_path / "b5", compare=False)
    assert len(found) == 1
