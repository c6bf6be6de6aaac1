"""The query page in a real browser: headless Chromium loads it, runs a named query, shows its rows,
follows a link to a resource page, and never sends a request anywhere but the server it came from.

Needs Debian's chromium (/usr/bin/chromium) and Playwright from PyPI (which drives it; no browser
download). Skipped, saying which is missing, when either is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg import store
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
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no {CHROMIUM} (apt-get install chromium)")


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


def _named_query_with_rows(built: Path) -> tuple[str, dict]:
    """The first named SELECT query that has an IRI among its answers (or else any rows)."""
    graph = store.load_graph(built)
    fallback = None
    for name in ("documents", *sorted(kgquery.named())):
        q = kgquery.named().get(name)
        if q is None:
            continue
        result = kgquery.run(graph, q.text)
        if result.type != "SELECT":
            continue
        data = json.loads(kgquery.serialize(result, "json"))
        rows = data["results"]["bindings"]
        if rows and any(t["type"] == "uri" for row in rows for t in row.values()):
            return name, data
        if rows and fallback is None:
            fallback = (name, data)
    if fallback is None:
        pytest.skip("no named query has answers over the seed")
    return fallback


def test_query_page_runs_a_named_query_offline(browser, server, built):
    name, expected = _named_query_with_rows(built)
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    page.goto(server + "/")
    page.wait_for_selector("body[data-ready=true]")
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
    shown = page.inner_text("#results table")
    first = expected["results"]["bindings"][0]
    literal = next((t["value"] for t in first.values() if t["type"] == "literal" and t["value"].strip()), None)
    if literal:
        assert literal.split("\n")[0][:30] in shown
    assert f"{rows} row" in page.inner_text("#status")
    links = page.eval_on_selector_all("#downloads a", "as => as.map(a => a.dataset.format)")
    assert links == ["json", "xml", "csv", "tsv"]
    csv_href = page.get_attribute("#downloads a[data-format=csv]", "href")
    csv = page.request.get(server + csv_href)
    assert csv.ok and csv.headers["content-type"].startswith("text/csv")

    iri_links = page.locator("#results table a.iri")
    if iri_links.count():
        iri_links.first.click()
        page.wait_for_selector("table.out")
        assert "pension-kg" in page.title()

    # a malformed query shows the parser's message instead of rows
    page.goto(server + "/ui")
    page.wait_for_selector("body[data-ready=true]")
    page.fill("#editor", "SELECT ?x WHERE { ?x ")
    page.click("#run")
    page.wait_for_selector("#status.error")
    assert "400" in page.inner_text("#status") and "syntax error" in page.inner_text("#status")

    assert requests and all(url.startswith(server + "/") for url in requests), requests
    assert not [e for e in errors if "400" not in e], errors
    page.close()
