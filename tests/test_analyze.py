"""The entity graph, `analyze` (centrality, components, communities, --path) and the Gephi exports."""

from __future__ import annotations

import networkx as nx
import pytest

from kg import analyze
from kg.cli import main
from kg.entity_graph import UnknownNode, entity_graph, resolve

QI_TAO = "https://w3id.org/pension-kg/id/person/qi-tao"
PERSONAL_PENSION = "https://w3id.org/pension-kg/code/scheme/personal_pension"


@pytest.fixture(scope="module")
def G(seed_graph):
    return entity_graph(seed_graph)


def test_entity_graph_keeps_entities_not_text_spans(G):
    classes = {d["cls"] for _, d in G.nodes(data=True)}
    assert {"Scheme", "Person", "Article", "Observation", "Organization", "Reform"} <= classes
    spans = {n: d["cls"] for n, d in G.nodes(data=True) if "#char=" in n}
    # NIF spans are provenance, not entities: only the figures kept for review are their own nodes
    assert spans and set(spans.values()) == {"UnclassifiedFigure"}
    assert G.nodes[QI_TAO]["label"] == "Qi Tao"
    assert G.nodes[PERSONAL_PENSION]["label_zh"] == "个人养老金"
    for _, _, d in G.edges(data=True):
        assert d["label"] and d["label_zh"] and d["predicate"].startswith("http")


def test_unused_code_list_entries_are_left_out(G, seed_graph):
    from rdflib.namespace import RDF

    from kg.namespaces import PKG

    indicators = set(seed_graph.subjects(RDF.type, PKG.Indicator))
    drawn = {n for n, d in G.nodes(data=True) if d["cls"] == "Indicator"}
    assert drawn and len(drawn) < len(indicators)
    assert all(G.in_degree(n) for n in drawn)


def test_resolve_by_label_iri_and_part(G):
    assert resolve(G, "Qi Tao") == QI_TAO
    assert resolve(G, "qi tao") == QI_TAO
    assert resolve(G, QI_TAO) == QI_TAO
    assert resolve(G, "个人养老金") == PERSONAL_PENSION
    with pytest.raises(UnknownNode, match="no node"):
        resolve(G, "Nobody Atall")
    with pytest.raises(UnknownNode, match="matches"):
        resolve(G, "pension")


def test_path_from_qi_tao_to_the_personal_pension(G):
    steps = analyze.find_path(G, "Qi Tao", "personal pension")
    assert steps[0].source == QI_TAO and steps[-1].target == PERSONAL_PENSION
    for s in steps:  # every step is a real relation, read in the direction it was stated
        a, b = (s.source, s.target) if s.forward else (s.target, s.source)
        assert s.label in {d["label"] for d in G.get_edge_data(a, b).values()}
    text = analyze.format_path(G, steps)
    assert text.splitlines()[0] == "Qi Tao [person]"
    assert text.splitlines()[-2].endswith("personal pension [insurance scheme]")


def test_no_path_is_said_plainly(G):
    with pytest.raises(analyze.NoPath, match="no path between 'Qi Tao' and 'National Bureau of Statistics'"):
        analyze.find_path(G, "Qi Tao", "National Bureau of Statistics")


def test_report(G):
    r = analyze.report(G, top=5)
    assert r.nodes == G.number_of_nodes() and r.edges == G.number_of_edges()
    assert len(r.degree) == 5 and len(r.betweenness) == 5
    assert r.degree[0][2] >= r.degree[-1][2]
    assert sum(r.components) == G.number_of_nodes()
    assert sum(len(c) for c in r.communities) == G.number_of_nodes()
    assert 0 < r.modularity < 1
    assert analyze.report(G, top=5) == r, "same graph, same report"


def test_cli_analyze(built, capsys):
    assert main(["analyze", "--build", str(built), "--path", "Qi Tao", "personal pension"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Qi Tao [person]") and "personal pension [insurance scheme]" in out
    assert main(["analyze", "--build", str(built), "--path", "Qi Tao", "National Bureau of Statistics"]) == 1
    assert "no path between" in capsys.readouterr().err
    assert main(["analyze", "--build", str(built), "--path", "Nobody Atall", "personal pension"]) == 2
    assert "no node is called 'Nobody Atall'" in capsys.readouterr().err
    assert main(["analyze", "--build", str(built), "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "betweenness centrality (top 3)" in out and "communities (Louvain" in out


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_for_gephi_keeps_counts_and_attributes(built, tmp_path, fmt, seed_graph):
    out = tmp_path / f"g.{fmt}"
    assert main(["export", "--out", str(built), "--format", fmt, "-o", str(out)]) == 0
    H = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    from kg import store

    G = entity_graph(store.load_graph(built))
    assert (H.number_of_nodes(), H.number_of_edges()) == (G.number_of_nodes(), G.number_of_edges())
    assert H.nodes[QI_TAO]["label"] == "Qi Tao" and H.nodes[QI_TAO]["cls"] == "Person"
    assert all("label" in d for *_, d in H.edges(data=True))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_for_gephi_carries_values_periods_units_and_sources(built, tmp_path, fmt):
    out = tmp_path / f"g.{fmt}"
    assert main(["export", "--build", str(built), "--format", fmt, "-o", str(out)]) == 0
    H = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    obs = H.nodes["https://w3id.org/pension-kg/id/obs/participants/basic_pension/CN/2022-12-31"]
    assert obs["value"] == 1050000000 and isinstance(obs["value"], float) and obs["values"] == "1050000000"
    assert (obs["indicator"], obs["scheme"], obs["area"], obs["period"], obs["period_kind"], obs["unit"]) == (
        "participants",
        "basic_pension",
        "CN",
        "2022-12-31",
        "stock",
        "persons",
    )
    assert obs["sources"] == "000_669ad541b4cb8db6.txt" and obs["status"] == "reported"
    derived = [d for _, d in H.nodes(data=True) if d.get("status") == "derived"]
    assert derived and all(d["formula"] and "value" in d and "sources" not in d for d in derived)
    reform = H.nodes["https://w3id.org/pension-kg/id/event/event_start/personal_pension/CN/2022-11-25"]
    assert (reform["period"], reform["sources"]) == ("2022-11-25", "000_669ad541b4cb8db6.txt")
    article = H.nodes["https://w3id.org/pension-kg/id/doc/000_669ad541b4cb8db6"]
    assert (article["published"], article["publisher"]) == ("2023-01-22", "Xinhua News Agency")
    (figure,) = [d for _, d in H.nodes(data=True) if d["cls"] == "UnclassifiedFigure"]
    assert (figure["value"], figure["unit"], figure["as_written"]) == (4, "count", "four")


def test_export_for_gephi_is_the_same_bytes_whatever_the_hash_seed(built):
    import os
    import subprocess
    import sys

    def run(seed: str, fmt: str) -> bytes:
        cmd = [sys.executable, "-m", "kg.cli", "export", "--build", str(built), "--format", fmt]
        return subprocess.run(cmd, env=dict(os.environ, PYTHONHASHSEED=seed), capture_output=True, check=True).stdout

    for fmt in ("graphml", "gexf"):
        assert run("1", fmt) == run("4242", fmt)


def test_the_path_is_the_same_whatever_the_hash_seed(built):
    import os
    import subprocess
    import sys

    outs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        r = subprocess.run(
            [sys.executable, "-m", "kg.cli", "analyze", "--path", "Qi Tao", "personal pension", "--build", str(built)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        outs.add(r.stdout)
    assert len(outs) == 1
