"""The picture's model, the self-contained page and the static picture, without a browser."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal

import pytest
from rdflib.namespace import RDF, RDFS

from kg import viz
from kg.cli import main
from kg.entity_graph import REVIEW_FIGURES, labels
from kg.namespaces import DCTERMS, NIF, PKG, SKOS, TIME
from kg.viz.labels import LIMIT, distinct, short
from kg.viz.model import VizError, build_view, parse_types
from kg.viz.ontology import ontology_model
from kg.viz.values import format_value, period_end
from kg.viz.webpage import payload

OBS_105 = "https://w3id.org/pension-kg/id/obs/participants/basic_pension/CN/2022-12-31"


@pytest.fixture(scope="module")
def view(seed_graph):
    return build_view(seed_graph)


@pytest.fixture(scope="module")
def seed_page(seed_graph):
    return viz.page(seed_graph)


@pytest.fixture(scope="module")
def all_view(all_graph):
    return build_view(all_graph)


@pytest.fixture(scope="module")
def all_model(all_graph, all_view):
    """The page's model (what the script reads) of every bundled article."""
    return payload(all_graph, all_view, "en", ("a title", "一个标题"))["graph"]


CJK = re.compile(r"[\u4e00-\u9fff]")


def test_observations_are_grouped_into_series(view):
    idx = view.index()
    obs = [i for i, n in enumerate(view.nodes) if n["cls"] == "Observation"]
    assert obs and all(view.nodes[i]["series"] >= 0 for i in obs)
    assert all(view.nodes[view.nodes[i]["series"]]["cls"] == "Series" for i in obs)
    H = view.collapsed()
    assert not any(view.nodes[i]["cls"] == "Observation" for i in H), "points start closed"
    point = view.nodes[idx[OBS_105]]
    assert point["en"] == "1.05 billion (2022-12-31)" and point["zh"] == "10.5亿人（2022-12-31）"
    assert view.nodes[point["series"]]["en"] == "participants · basic pension insurance"


def test_a_fact_carries_its_sentence_with_the_figure(view):
    d = view.details[view.index()[OBS_105]]
    assert d["status"] == "reported"
    (fact,) = d["facts"]
    a, b = fact["hl"]
    assert fact["sentence"][a:b] == "1.05 billion"
    assert fact["status"] == "reported" and fact["date"] == "2023-01-22"
    assert view.nodes[fact["doc"]]["cls"] == "Article"
    props = {row[0]: row for row in d["props"]}
    assert props["reference area"][2:4] == ["China", "中国"]
    assert view.nodes[props["scheme"][4]]["en"] == "basic pension insurance"


def test_events_show_the_phrase_they_came_from(view):
    i = next(i for i, n in enumerate(view.nodes) if n["cls"] == "Reform" and "2022-11-25" in n["en"])
    facts = view.details[i]["facts"]
    assert facts and all(f["sentence"][f["hl"][0] : f["hl"][1]] == f["written"] for f in facts)


def test_series_points_are_in_time_order(all_view):
    v = all_view
    long = max(v.series, key=lambda s: len(s["points"]))
    assert len(long["points"]) >= 5
    xs = [p["x"] for p in long["points"]]
    assert xs == sorted(xs)
    assert {p["status"] for p in long["points"]} >= {"reported"}


def test_types_and_focus_cut_the_graph(seed_graph):
    v = build_view(seed_graph, types=["Scheme", "reforms", "person"])
    assert {n["cls"] for n in v.nodes} == {"Scheme", "Reform", "Person"}
    with pytest.raises(VizError, match="unknown class 'Planet'"):
        parse_types(["Planet"])
    v = build_view(seed_graph, focus="Qi Tao", depth=1)
    assert v.nodes[v.focus]["en"] == "Qi Tao"
    near = {n["cls"] for n in v.nodes}
    assert {"Person", "Article", "Post"} <= near, "who he is, where he is named"
    assert "Scheme" not in near and "Organization" not in near, "two steps away"
    assert len(build_view(seed_graph, focus="Qi Tao", depth=2).nodes) > len(v.nodes)


def test_format_value_and_periods():
    assert format_value(Decimal("1050000000"), "persons") == "1.05 billion"
    assert format_value(Decimal("1050000000"), "persons", "zh") == "10.5亿人"
    assert format_value(Decimal("7100000000000"), "CNY") == "7.1 trillion yuan"
    assert format_value(Decimal("96.8"), "percent") == "96.8%"
    assert str(period_end("2022-01-01/2022-12-31")) == "2022-12-31"
    assert str(period_end("2022-02")) == "2022-02-28"
    assert str(period_end("2021")) == "2021-12-31"


def test_ontology_model(seed_graph):
    m = ontology_model(seed_graph)
    ids = m["nodes"]
    idx = {n["id"]: i for i, n in enumerate(ids)}
    pkg = "https://w3id.org/pension-kg/ontology#"
    assert {pkg + "Observation", pkg + "Reform", "http://www.w3.org/ns/org#Organization"} <= set(idx)
    pairs = {(e["s"], e["t"], m["preds"][e["p"]][0]) for e in m["edges"]}
    assert (idx[pkg + "Reform"], idx[pkg + "PolicyEvent"], "subclass of") in pairs
    assert (idx[pkg + "PolicyEvent"], idx["http://www.w3.org/ns/org#Organization"], "decided by") in pairs
    reform = m["details"][idx[pkg + "Reform"]]
    assert reform["props"][0][0] == "definition" and "policy event" in reform["props"][0][2]


def test_page_is_one_offline_file(seed_page):
    text, view = seed_page
    assert "<script src" not in text and "<link" not in text, "every script and style is inlined"
    markup = re.sub(r"<script\b.*?</script>|<style\b.*?</style>", "", text, flags=re.S)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", markup), "nothing is loaded from a host"
    assert "default-src 'none'" in text, "the page forbids itself any network access"
    assert "Bokeh" in text and len(text) > 1_000_000
    raw = re.search(r'<script type="application/json" id="pkg-data">(.*?)</script>', text, re.S).group(1)
    data = json.loads(raw)
    assert len(data["graph"]["nodes"]["id"]) == len(view.nodes)
    assert data["ontology"]["nodes"]["id"]


def test_cli_viz_writes_a_page(built, tmp_path, capsys):
    out = tmp_path / "kg.html"
    assert main(["viz", "--build", str(built), "--out", str(out), "--focus", "Qi Tao", "--depth", "2"]) == 0
    written = json.loads(capsys.readouterr().out)
    assert written["written"] == str(out) and out.stat().st_size > 1_000_000
    assert main(["viz", "--build", str(built), "--out", str(out), "--focus", "Nobody Atall"]) == 2
    assert "no node is called 'Nobody Atall'" in capsys.readouterr().err
    assert main(["viz", "--build", str(built), "--out", str(out), "--types", "Planet"]) == 2


@pytest.mark.skipif(not shutil.which("neato"), reason="Graphviz is not installed (apt-get install graphviz)")
def test_cli_viz_static_svg(built, tmp_path, capsys):
    out = tmp_path / "graph.svg"
    assert main(["viz", "--build", str(built), "--static", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for label in ("Legend", "Qi Tao", "personal pension", "insurance scheme"):
        assert label in svg
    assert main(["viz", "--build", str(built), "--static", str(tmp_path / "graph.gif")]) == 2


def _overview(model: dict) -> list[int]:
    """The nodes the page starts with: everything but the points, which stay inside their series."""
    keys = [c["key"] for c in model["classes"]]
    return [i for i, c in enumerate(model["nodes"]["cls"]) if keys[c] != "Observation"]


def _width(text: str) -> int:
    return sum(2 if CJK.match(ch) or ch in "（）：，" else 1 for ch in text)


def test_the_overview_names_every_node_differently_whole_and_cut(all_model):
    N, shown = all_model["nodes"], _overview(all_model)
    for lang in ("en", "zh"):
        cuts = [cut or full for full, cut in zip(N[lang], N[f"short_{lang}"], strict=True)]  # "": not cut
        for names in ([N[lang][i] for i in shown], [cuts[i] for i in shown]):
            assert len(set(names)) == len(names), [n for n in names if names.count(n) > 1]
        assert any(N[f"short_{lang}"])
        for full, cut in zip(N[lang], N[f"short_{lang}"], strict=True):
            assert not cut or (_width(cut) <= LIMIT and cut.count("…") == 1 and _width(full) > LIMIT)


def test_a_name_shared_by_two_things_carries_their_classes(all_view):
    by_name: dict[str, list[dict]] = {}
    for n in all_view.nodes:
        by_name.setdefault(n["en"].split(" (")[0], []).append(n)
    card = [n for n in by_name["social security card"] if n["cls"] in ("Scheme", "PublicService")]
    assert sorted(n["en"] for n in card) == [
        "social security card (insurance scheme)",
        "social security card (public service)",
    ]
    assert sorted(n["zh"] for n in card) == ["社会保障卡（公共服务）", "社会保障卡（社会保障项目）"]


def test_one_indicator_in_two_units_is_two_series_each_with_its_points(all_view):
    ids = [n["id"] for n in all_view.nodes]
    assert len(set(ids)) == len(ids)
    assert all(s["points"] for s in all_view.series), "no series without its points"
    units = {}
    for s in all_view.series:
        base = all_view.nodes[s["node"]]["id"].rsplit("|", 1)[0]
        units.setdefault(base, set()).add(s["unit"][0])
    assert any(len(u) > 1 for u in units.values()), "the bundled articles report a sum in two currencies"


def test_chinese_names_from_what_the_ontology_names(all_graph, all_view):
    from rdflib import URIRef

    seen = set()
    for n in all_view.nodes:
        node = URIRef(n["id"])
        if n["cls"] in ("Reform", "PolicyEvent") and all_graph.value(node, PKG.eventType) is not None:
            kind = labels(all_graph, all_graph.value(node, PKG.eventType))[1]
            scheme = labels(all_graph, all_graph.value(node, PKG.scheme))[1]
            reform = all_graph.value(node, DCTERMS.isPartOf)  # an event of a reform the ontology names: its name
            if reform is not None and (reform, RDF.type, PKG.Reform) in all_graph:
                scheme = next(str(o) for o in all_graph.objects(reform, RDFS.label) if o.language == "zh")
            period = str(all_graph.value(all_graph.value(node, TIME.hasTime), SKOS.notation))
            assert n["zh"] == f"{scheme}{kind}（{period}）", n
            seen.add(n["cls"])
        elif n["cls"] == "Article":
            by = all_graph.value(node, DCTERMS.publisher)
            publisher = labels(all_graph, by)[1] if isinstance(by, URIRef) else ""
            if CJK.search(publisher):
                assert n["zh"] == f"{publisher}报道（{all_graph.value(node, DCTERMS.issued)}）"
                seen.add("Article")
            assert n["en"] == str(all_graph.value(node, DCTERMS.title)), "English keeps the headline"
        elif n["cls"] in REVIEW_FIGURES:
            written = str(all_graph.value(node, NIF.anchorOf))
            assert n["en"].startswith(written + " (") and n["zh"].startswith(written + "（"), n
            seen.add("figure")
    assert seen == {"Reform", "PolicyEvent", "Article", "figure"}


def test_names_cut_alike_keep_their_ends():
    texts = ["the opening of a made-up scheme, 1999", "the opening of a made-up scheme, 1999-07", "short one"]
    cut = short(texts, 24)
    assert cut[2] == "short one" and len(set(cut)) == 3
    assert all(len(c) <= 24 and "…" in c for c in cut[:2])
    assert cut[0].endswith("1999") and cut[1].endswith("1999-07")
    assert short(["同一个很长很长很长很长的名字甲", "同一个很长很长很长很长的名字乙"], 16) == [
        "同一个很长很…甲",
        "同一个很长很…乙",
    ]


def test_distinct_tries_each_qualifier_in_turn():
    nodes = [
        {"en": "x", "c": "a", "u": "m"},
        {"en": "x", "c": "b", "u": "m"},
        {"en": "x", "c": "b", "u": "n"},
        {"en": "y"},
    ]
    distinct(nodes, "en", [lambda n: n.get("c", ""), lambda n: n.get("u", "")])
    assert [n["en"] for n in nodes] == ["x (a)", "x (m)", "x (n)", "y"]


def test_the_page_is_the_same_for_the_same_graph(seed_graph, seed_page):
    assert viz.page(seed_graph)[0] == seed_page[0]


def test_without_the_viz_extra_the_page_says_how_to_get_it(built, tmp_path, capsys, monkeypatch):
    """As after `pip install pension-kg` alone: Bokeh cannot be imported, and the page was never."""
    import sys

    for name in [m for m in sys.modules if m.split(".")[0] == "bokeh"] + ["bokeh"]:
        monkeypatch.setitem(sys.modules, name, None)  # `import bokeh...` fails as if not installed
    for name in ("kg.viz.webpage", "kg.viz.figures"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    out = tmp_path / "kg.html"
    assert main(["viz", "--build", str(built), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'pension-kg[viz]'" in err and "Traceback" not in err
    assert not out.exists()
    if shutil.which("neato"):  # the static picture needs Graphviz alone
        assert main(["viz", "--build", str(built), "--static", str(tmp_path / "g.svg")]) == 0
