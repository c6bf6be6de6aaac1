"""The page in a real headless Chromium, opened from file:// as a reader would open it.

Debian's chromium is driven by Playwright (from PyPI; no browser download). The tests click and
type like a person, record every console message and every request, and take screenshots at
1280×800. Screenshots go to a temporary folder, or to $PKG_SCREENSHOTS (e.g. docs/img) when set.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]  # fmt: skip
VIEWPORT = {"width": 1280, "height": 800}

if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium) — browser tests skipped", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")


@pytest.fixture(scope="module")
def page_file(all_graph, tmp_path_factory) -> Path:
    from kg import viz

    out = tmp_path_factory.mktemp("viz") / "pension-kg.html"
    info = viz.write_html(all_graph, out)
    assert info["shown"] > 50
    return out


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("PKG_SCREENSHOTS")
    path = Path(folder).resolve() if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Opened:
    """A page plus everything it said and asked for."""

    def __init__(self, browser, url: str):
        self.page = browser.new_page(viewport=VIEWPORT)
        self.console: list[tuple[str, str]] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready='1']", timeout=20_000)

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def drawn(self, view: str = "graph") -> int:
        return self.js("(v) => PKG.drawn(v)", view)

    def status_nodes(self) -> int:
        return int(self.page.get_attribute("#status", "data-nodes"))

    def settle(self) -> None:
        self.page.wait_for_timeout(120)

    def clean(self) -> None:
        bad = [f"{t}: {m}" for t, m in self.console if t in ("error", "assert")] + self.errors
        assert not bad, f"console errors: {bad}"
        foreign = [u for u in self.requests if not u.startswith(("file:", "data:", "blob:"))]
        assert not foreign, f"network requests: {foreign}"


@pytest.fixture(scope="module")
def loaded(browser, page_file):
    o = Opened(browser, page_file.as_uri())
    yield o
    o.page.close()


@pytest.fixture
def opened(loaded):
    """The one loaded page, put back as first drawn before each test."""
    loaded.js("PKG.reset()")
    loaded.settle()
    yield loaded


def test_draws_what_the_view_says_offline_and_quietly(opened, page_file, all_graph):
    from kg.viz.model import build_view
    from kg.viz.style import HIDDEN_AT_FIRST

    v = build_view(all_graph)
    expected = sum(1 for i in v.collapsed() if v.nodes[i]["cls"] not in HIDDEN_AT_FIRST)
    assert opened.drawn() == opened.status_nodes() == expected
    text = opened.page.inner_text("#status")
    assert text.startswith(f"{expected} nodes")
    assert opened.js("PKG.labels().length") >= 25
    assert opened.requests[0] == page_file.as_uri()
    opened.clean()


DRAWN = "Bokeh.documents[0].get_model_by_name('graph-nodes').data.idx"


def _shown_name(model: dict, lang: str, i: int) -> str:
    """Node i's name as the canvas writes it: cut to fit where the model says so, else whole."""
    return model["nodes"][f"short_{lang}"][i] or model["nodes"][lang][i]


def test_opens_on_an_overview_with_series_closed_and_no_name_twice(opened):
    """Asserted on the page's model and what it hands Bokeh, not on which labels placement drew."""
    drawn = opened.js(DRAWN)
    model = opened.js("PKG.data.graph")
    keys = [c["key"] for c in model["classes"]]
    cls = [keys[model["nodes"]["cls"][i]] for i in drawn]
    assert "Observation" not in cls, "points start inside their series"
    assert cls.count("Series") == len(model["series"]), "one node per series"
    for lang in ("en", "zh"):
        names = [_shown_name(model, lang, i) for i in drawn]
        assert len(set(names)) == len(names), [n for n in names if names.count(n) > 1]
    on_canvas = opened.js("PKG.labels()")
    assert on_canvas and set(on_canvas) <= {_shown_name(model, "en", i) for i in drawn}
    # a series opens into its points, and closes again
    s = model["series"][0]["node"]
    opened.js(f"PKG.state.views.graph.open.add({s}); PKG.state.views.graph.render()")
    assert len(opened.js(DRAWN)) == len(drawn) + sum(1 for x in model["nodes"]["series"] if x == s)
    opened.clean()


def test_search_finds_qi_tao(opened):
    opened.page.fill("#search", "Qi Tao")
    first = opened.page.locator("#results li").first
    assert "Qi Tao" in first.inner_text() and "person" in first.inner_text()
    opened.page.press("#search", "Enter")
    assert opened.page.inner_text("#detail-title") == "Qi Tao"
    assert "Qi Tao" in opened.js("PKG.labels()")
    assert "deputy director" in opened.page.inner_text("#more")
    opened.clean()


def test_clicking_the_105_billion_figure_shows_its_sentence(opened, shots):
    i = opened.js("PKG.find('1.05 billion (2022-12-31)')")
    series = opened.js(f"PKG.data.graph.nodes.series[{i}]")
    # open the series the way a reader does: click it, then "Open its points"
    pos = opened.js(f"PKG.screenPos({series})")
    opened.page.mouse.click(pos["x"], pos["y"])
    opened.settle()
    name = opened.js(f"PKG.data.graph.nodes.en[{series}]")
    assert opened.page.inner_text("#detail-title") == name
    assert not opened.page.is_hidden("#chart-box"), "a series with several points has its chart"
    unit = opened.js(f"PKG.data.graph.series.find(s => s.node === {series}).unit[0]")
    assert opened.page.inner_text("#chart-title") == f"{name} ({unit})", "the whole name, with its unit"
    legend = opened.js(
        "(() => { const d = Bokeh.documents[0], lg = d.get_model_by_name('chart-legend');"
        " const v = Bokeh.index.get(d.get_model_by_name('chart')).views.find_one(lg);"
        " return [lg.items.map(it => it.label.field), v.bbox.width, v.bbox.height]; })()"
    )
    assert legend[0] == ["kind"] and legend[1] > 50 and legend[2] > 8, "a legend is drawn for the colours"
    kinds = opened.js("Bokeh.documents[0].get_model_by_name('chart-pts').data.kind")
    assert "reported" in kinds and "this point" not in kinds, "a series selected marks no point"
    opened.page.click("button[data-act='toggle']")
    opened.settle()
    pos = opened.js(f"PKG.screenPos({i})")
    opened.page.mouse.click(pos["x"], pos["y"])
    opened.settle()
    assert opened.page.inner_text("#detail-title") == "1.05 billion (2022-12-31)"
    assert opened.js("Bokeh.documents[0].get_model_by_name('chart-pts').data.kind").count("this point") == 1
    fact = opened.page.locator(".fact").first
    assert fact.locator("mark").inner_text() == "1.05 billion"
    assert "the number of people participating in basic pension insurance nationwide will reach" in fact.inner_text()
    assert fact.locator(".status").get_attribute("data-status") == "reported"
    assert "2023-01-22" in fact.locator(".src").inner_text()
    assert opened.page.locator("#info .status").get_attribute("data-status") == "reported"
    n_points = opened.js("Bokeh.documents[0].get_model_by_name('chart-pts').data.x.length")
    assert n_points >= 5
    opened.page.mouse.move(2, VIEWPORT["height"] - 2)  # no tooltip over the picture
    opened.settle()
    opened.page.screenshot(path=str(shots / "viz-fact.png"))
    opened.clean()


def test_class_filter_hides_what_it_should(opened):
    before = opened.drawn()
    persons = opened.js(
        "(() => { const g = PKG.data.graph, k = g.classes.findIndex(c => c.key === 'Person');"
        " return g.nodes.cls.filter(c => c === k).length; })()"
    )
    opened.page.click("#legend li[data-cls='Person']")
    opened.settle()
    assert opened.drawn() == before - persons
    assert "Qi Tao" not in opened.js("PKG.labels()")
    drawn_classes = opened.js("Array.from(new Set(Bokeh.documents[0].get_model_by_name('graph-nodes').data.cls))")
    assert "person" not in drawn_classes and "insurance scheme" in drawn_classes
    opened.page.click("#legend li[data-cls='Person']")
    opened.settle()
    assert opened.drawn() == before
    opened.clean()


def test_language_toggle_switches_labels(opened):
    assert "basic pension insurance" in opened.js("PKG.labels()")
    opened.page.click("#lang-zh")
    opened.settle()
    labels = opened.js("PKG.labels()")
    assert "基本养老保险" in labels and "basic pension insurance" not in labels
    assert "社会保障项目" in opened.page.inner_text("#legend")
    assert opened.page.get_attribute("#search", "placeholder") == "搜索名称…"
    assert opened.page.inner_text("#title") == opened.js("PKG.data.title[1]") != opened.js("PKG.data.title[0]")
    # every name on the canvas is the model's Chinese one; events and articles have one of their own
    model = opened.js("PKG.data.graph")
    drawn = opened.js(DRAWN)
    assert set(labels) <= {_shown_name(model, "zh", i) for i in drawn}
    keys = [c["key"] for c in model["classes"]]
    for i in drawn:
        if keys[model["nodes"]["cls"][i]] in ("Reform", "PolicyEvent", "Series", "Scheme", "Organization"):
            assert re.search(r"[\u4e00-\u9fff]", model["nodes"]["zh"][i]), model["nodes"]["en"][i]
    opened.page.click("#lang-en")
    opened.settle()
    assert "basic pension insurance" in opened.js("PKG.labels()")
    opened.clean()


def test_focus_on_a_node_and_back(opened):
    whole = opened.drawn()
    opened.page.fill("#search", "personal pension")
    opened.page.press("#search", "Enter")
    opened.page.select_option("#depth", "1")
    opened.page.click("button[data-act='focus']")
    opened.settle()
    near = opened.drawn()
    assert 1 < near < whole
    assert "personal pension" in opened.js("PKG.labels()")
    opened.page.click("#unfocus")
    opened.settle()
    assert opened.drawn() == whole
    opened.clean()


def test_ontology_view(opened, shots):
    opened.page.click("#tab-onto")
    opened.settle()
    n = opened.js("PKG.data.ontology.nodes.id.length")
    assert opened.drawn("onto") == n == opened.status_nodes()
    # the model, not which labels survived placement (that depends on fonts and the layout engine)
    props = [en for en, _zh in opened.js("PKG.data.ontology.preds")]
    assert "decided by" in props and "subclass of" in props
    drawn = opened.js("Bokeh.documents[0].get_model_by_name('onto-elabels').data.text")
    assert drawn and all(label.rstrip("…") in " ".join(props) for label in drawn)
    # every property between the classes is named: written where placement leaves room, on hover always
    named = set(opened.js("Bokeh.documents[0].get_model_by_name('onto-emid').data.text"))
    used = {props[p] for p in opened.js("PKG.data.ontology.edges.p") if p != 0}
    assert used and used <= named
    opened.page.screenshot(path=str(shots / "viz-ontology.png"))
    i = opened.js("PKG.data.ontology.nodes.en.indexOf('reform')")
    pos = opened.js(f"PKG.screenPos({i}, 'onto')")
    opened.page.mouse.click(pos["x"], pos["y"])
    opened.settle()
    assert opened.page.inner_text("#detail-title") == "reform"
    assert "policy event" in opened.page.inner_text("#more")
    opened.clean()


def test_screenshot_reads_well(opened, shots):
    """No two labels overlap, enough of them are there, and the legend is on screen."""
    boxes = opened.js("PKG.labelBoxes()")
    assert len(boxes) >= 25
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            assert not (a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5), (a, b)
    legend = opened.page.locator("#legend").bounding_box()
    assert legend and legend["x"] >= 0 and legend["y"] + legend["height"] <= VIEWPORT["height"]
    assert opened.page.locator("#legend li").count() >= 10
    opened.page.mouse.move(2, VIEWPORT["height"] - 2)
    opened.page.screenshot(path=str(shots / "viz-page.png"))
    assert (shots / "viz-page.png").stat().st_size > 50_000
    opened.clean()


@pytest.mark.skipif(not shutil.which("neato"), reason="Graphviz is not installed (apt-get install graphviz)")
def test_static_picture_renders(all_graph, shots, browser, tmp_path):
    """The README picture: written by Graphviz, then looked at in the browser (it must load and fit)."""
    from kg import viz

    svg = shots / "graph.svg"
    viz.write_static(all_graph, svg)
    page = browser.new_page(viewport=VIEWPORT)
    page.goto(svg.as_uri())
    size = page.evaluate("(() => { const s = document.querySelector('svg').getBBox(); return [s.width, s.height]; })()")
    assert size[0] > 800 and size[1] > 500
    texts = page.evaluate("Array.from(document.querySelectorAll('text')).map(t => t.textContent)")
    assert "Legend" in texts and "Qi Tao" in texts
    page.close()
