"""The query pages in a real browser: headless Chromium against a running `pension-kg serve`.

The YASGUI page (npm's YASGUI, inlined): it opens a named query in a tab, runs it and shows the
rows the graph answers, cells as plain values with whole words, pivot and chart views, and a
share link that brings the query back in a fresh browser. The plain page (served when the npm
install is missing): it runs a named query, shows its rows and says how to get YASGUI. Neither
sends a request anywhere but the server it came from.

Needs Debian's chromium (/usr/bin/chromium) and Playwright from PyPI (which drives it; no browser
download); the YASGUI tests need `npm ci --prefix kg/web`. Skipped, saying which is missing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg import store
from kg.serve import pages, yasgui
from kg.serve.process import serve
from kg.store import query as kgquery

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NUMERIC = "http://www.w3.org/2001/XMLSchema#decimal"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no {CHROMIUM} (apt-get install chromium)")
needs_yasgui = pytest.mark.skipif(yasgui.assets() is None, reason=f"YASGUI is not installed ({yasgui.INSTALL})")


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(built):
    with serve("--out", str(built), "--workers", "1", cwd=ROOT) as base:
        yield base


@pytest.fixture(scope="module")
def plain_server(built, tmp_path_factory):
    """A server that finds no npm install, as after a pip install without npm."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(yasgui.ENV, str(tmp_path_factory.mktemp("no_node_modules")))
        with serve("--out", str(built), "--workers", "1", cwd=ROOT) as base:
            yield base


def _answers(built: Path) -> dict[str, dict]:
    """Each named SELECT query's answer over the seed, as SPARQL JSON."""
    graph = store.load_graph(built)
    out = {}
    for name, q in sorted(kgquery.named().items()):
        result = kgquery.run(graph, q.text)
        if result.type == "SELECT":
            out[name] = json.loads(kgquery.serialize(result, "json"))
    return out


def _pick(built: Path, *, page_size: int = 50) -> tuple[str, dict]:
    """The named query whose answer shows most of what a cell can hold (an IRI, a language-tagged
    label, a decimal) within one page of the table."""

    def score(data: dict) -> tuple[int, int]:
        terms = [t for row in data["results"]["bindings"] for t in row.values()]
        kinds = (
            any(t["type"] == "uri" for t in terms),
            any("xml:lang" in t for t in terms),
            any(t.get("datatype") == NUMERIC for t in terms),
        )
        return sum(kinds), len(data["results"]["bindings"])

    fits = {n: d for n, d in _answers(built).items() if 0 < len(d["results"]["bindings"]) <= page_size}
    if not fits:
        pytest.skip("no named query has answers over the seed")
    name = max(sorted(fits), key=lambda n: score(fits[n]))
    return name, fits[name]


def _shown(term: dict) -> str:
    """A cell as the page should show it: a prefixed name for an IRI, the bare lexical form otherwise."""
    if term["type"] == "uri":
        return pages.short(term["value"])
    return " ".join(term["value"].split())


def _watch(page) -> tuple[list[str], list[str]]:
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return requests, errors


# every Latin word in the table's cells drawn on one line: a word broken across lines has two boxes
BROKEN_WORDS = """root => {
  const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest("a.iri")) continue;  // an IRI may break anywhere
    for (const m of node.textContent.matchAll(/[A-Za-z]{2,}/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""

ACTIVE = ".tabPanel.active"
ROWS = f"{ACTIVE} .yasr table.dataTable tbody tr"


@needs_yasgui
def test_yasgui_runs_a_named_query_offline(browser, server, built):
    name, expected = _pick(built)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests, errors = _watch(page)

    page.goto(server + "/ui")
    page.wait_for_selector("body[data-ready=true]")
    assert page.evaluate("typeof Yasgui") == "function"  # the inlined scripts ran
    options = page.eval_on_selector_all("#named option", "os => os.map(o => o.value).filter(Boolean)")
    assert options == sorted(kgquery.named())
    page.select_option("#named", name)
    page.wait_for_function(f"window.pkgYasgui.getTab().getName() === {json.dumps(name)}")
    text = page.evaluate("window.pkgYasgui.getTab().getQuery()")
    assert text == yasgui.self_contained(kgquery.named()[name].text)
    assert page.inner_text("#question") == kgquery.named()[name].question

    page.click(f"{ACTIVE} .yasqe_queryButton")
    page.wait_for_selector(ROWS)
    bindings, variables = expected["results"]["bindings"], expected["head"]["vars"]
    headers = page.eval_on_selector_all(f"{ACTIVE} .yasr table.dataTable thead th", "ths => ths.map(t => t.innerText)")
    assert [h.strip() for h in headers] == ["", *variables]  # the row number, then the variables
    cells = page.eval_on_selector_all(
        ROWS, "trs => trs.map(tr => [...tr.cells].slice(1).map(td => td.innerText.replace(/\\s+/g, ' ').trim()))"
    )
    assert cells == [[_shown(row[v]) if v in row else "" for v in variables] for row in bindings]

    # clean cells: no quotes, @en or ^^xsd:decimal beside the values; the type is in the tooltip
    table = page.inner_text(f"{ACTIVE} .yasr table.dataTable tbody")
    assert "^^" not in table and not re.search(r"@en\b", table) and "xsd:" not in table
    titles = set(page.eval_on_selector_all(f"{ACTIVE} .yasr tbody span.nonIri[title]", "ss => ss.map(s => s.title)"))
    literals = [t for row in bindings for t in row.values() if t["type"] == "literal"]
    assert {"@" + t["xml:lang"] for t in literals if "xml:lang" in t} <= titles
    assert {pages.short(t["datatype"]) for t in literals if "datatype" in t} <= titles
    assert page.eval_on_selector(f"{ACTIVE} .yasr table.dataTable tbody", BROKEN_WORDS) == []
    links = page.eval_on_selector_all(f"{ACTIVE} .yasr tbody a.iri", "as => as.map(a => a.getAttribute('href'))")
    iris = [t["value"] for row in bindings for t in row.values() if t["type"] == "uri"]
    assert len(links) == len(iris) and all(href.startswith("/resource?iri=") for href in links)

    # the pivot view counts the same rows, and takes a variable dragged to its rows
    page.click(f"{ACTIVE} .yasr_btn.select_pivot")
    page.wait_for_selector(f"{ACTIVE} table.pvtTable")
    page.select_option(f"{ACTIVE} select.pvtAggregator", "Count")
    grand_total = f"n => (document.querySelector('{ACTIVE} .pvtGrandTotal') || {{}}).textContent === String(n)"
    page.wait_for_function(grand_total, arg=len(bindings))
    unused = page.locator(f"{ACTIVE} .pvtUnused li").first
    dragged = unused.evaluate("li => li.querySelector('.pvtAttr').firstChild.textContent.trim()")
    unused.drag_to(page.locator(f"{ACTIVE} td.pvtRows"))
    axes = f"{ACTIVE} table.pvtTable th.pvtAxisLabel"
    shown_axis = f"a => [...document.querySelectorAll('{axes}')].some(th => th.textContent === a)"
    page.wait_for_function(shown_axis, arg=dragged)
    arrangement = page.evaluate("window.pkgYasgui.getTab().getPersistedJson().yasr.settings.pluginsConfig.pivot")
    assert dragged in arrangement["rows"] and arrangement["aggregatorName"] == "Count"
    assert page.eval_on_selector(f"{ACTIVE} table.pvtTable", BROKEN_WORDS) == []

    # the share link keeps the query and the view: a fresh browser (no stored tabs) opens it
    page.click(f"{ACTIVE} .yasqe_share")
    link = page.input_value(f"{ACTIVE} .yasqe_sharePopup input")
    assert link.startswith(server + "/ui#") and "query=" in link
    fresh = browser.new_context()
    again = fresh.new_page()
    requests2, errors2 = _watch(again)
    again.goto(link)
    again.wait_for_selector("body[data-ready=true]")
    assert again.evaluate("window.pkgYasgui.getTab().getQuery()") == text
    again.wait_for_function(grand_total, arg=len(bindings))
    assert dragged in again.eval_on_selector_all(axes, "ths => ths.map(th => th.textContent)")
    again.click(f"{ACTIVE} .yasr_btn.select_table")
    again.wait_for_selector(ROWS)
    assert again.eval_on_selector_all(ROWS, "trs => trs.length") == len(bindings)
    fresh.close()

    # the chart view draws it, with a title saying what
    page.click(f"{ACTIVE} .yasr_btn.select_chart")
    page.wait_for_selector(f"{ACTIVE} .js-plotly-plot .main-svg")
    title = page.text_content(f"{ACTIVE} .js-plotly-plot .gtitle") or ""
    assert re.match(r"(Sum|Count)\b", title), title

    # a malformed query shows the parser's message instead of rows
    page.evaluate("() => { window.pkgYasgui.getTab().setQuery('SELECT ?x WHERE { ?x '); }")
    page.evaluate("() => { window.pkgYasgui.getTab().query().catch(() => {}); }")
    page.wait_for_selector(f"{ACTIVE} .yasr .errorResult")
    assert "syntax error" in page.inner_text(f"{ACTIVE} .yasr .errorResult")

    # typing a project prefix adds its PREFIX line, and completion asks no service on the internet
    page.click("#yasgui .addTab")
    page.evaluate("() => { window.pkgYasgui.getTab().setQuery(''); }")
    page.click(f"{ACTIVE} .CodeMirror")
    page.keyboard.type("SELECT ?doc WHERE { ?doc a pkg:Article } LIMIT 3")
    typed = page.evaluate("window.pkgYasgui.getTab().getQuery()")
    assert typed.startswith(f"PREFIX pkg: <{pages.PREFIXES['pkg']}>\n"), typed
    page.keyboard.press("Control+Enter")
    page.wait_for_selector(ROWS)

    assert requests and all(url.startswith(server + "/") for url in requests + requests2), requests + requests2
    assert not [e for e in errors + errors2 if "400" not in e], errors + errors2
    context.close()


def test_plain_page_runs_a_named_query_and_says_how_to_get_yasgui(browser, plain_server, built):
    answers = {n: d for n, d in _answers(built).items() if d["results"]["bindings"]}
    if not answers:
        pytest.skip("no named query has answers over the seed")
    name = "documents" if "documents" in answers else min(answers)
    expected = answers[name]
    page = browser.new_page()
    requests, errors = _watch(page)

    page.goto(plain_server + "/")
    page.wait_for_selector("body[data-ready=true]")
    assert yasgui.INSTALL in page.inner_text("#notice")
    options = page.eval_on_selector_all("#named option", "os => os.map(o => o.value).filter(Boolean)")
    assert options == sorted(kgquery.named())
    page.select_option("#named", name)
    assert page.input_value("#editor") == kgquery.named()[name].text
    assert page.inner_text("#question") == kgquery.named()[name].question
    page.click("#run")
    page.wait_for_selector("#results table tbody tr")

    rows = page.eval_on_selector_all("#results table tbody tr", "trs => trs.length")
    assert rows == len(expected["results"]["bindings"])
    headers = page.eval_on_selector_all("#results th", "ths => ths.map(t => t.textContent)")
    assert headers == ["?" + v for v in expected["head"]["vars"]]
    assert f"{rows} row" in page.inner_text("#status")
    shown = page.inner_text("#results table")
    assert not re.search(r"@en\b", shown) and "xsd:" not in shown  # types are tooltips here too
    assert page.url == f"{plain_server}/?named={name}"
    links = page.eval_on_selector_all("#downloads a", "as => as.map(a => a.dataset.format)")
    assert links == ["json", "xml", "csv", "tsv"]
    csv_href = page.get_attribute("#downloads a[data-format=csv]", "href")
    csv = page.request.get(plain_server + csv_href)
    assert csv.ok and csv.headers["content-type"].startswith("text/csv")

    iri_links = page.locator("#results table a.iri")
    if iri_links.count():
        iri_links.first.click()
        page.wait_for_selector("table.out")
        assert "pension-kg" in page.title()

    # a malformed query shows the parser's message instead of rows
    page.goto(plain_server + "/ui")
    page.wait_for_selector("body[data-ready=true]")
    page.fill("#editor", "SELECT ?x WHERE { ?x ")
    page.click("#run")
    page.wait_for_selector("#status.error")
    assert "400" in page.inner_text("#status") and "syntax error" in page.inner_text("#status")
    page.goto(page.url)  # the address keeps the query that ran
    page.wait_for_selector("body[data-ready=true]")
    assert page.input_value("#editor") == "SELECT ?x WHERE { ?x "

    assert requests and all(url.startswith(plain_server + "/") for url in requests), requests
    assert not [e for e in errors if "400" not in e], errors
    page.close()
