"""Is the page still responsive with 5,000 nodes? Time to first draw in headless Chromium, and a few
interactions, on a generated graph of the same shape as the real one (schemes, articles, agencies,
people, posts, reforms, series of observations).

    python benchmarks/viz_first_draw.py [--nodes 5000] [--runs 5] [--keep FILE.html]

"First draw" is from navigation start until the page has filled Bokeh's sources and two animation
frames have passed (the canvas is painted); the page records it as PKG.firstDraw. The figure
printed is the median of --runs fresh page loads. Needs /usr/bin/chromium and playwright.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.namespaces import FOAF, ID, ORG, PKG, SDMX_ATTR, SDMX_DIM, SDMX_MEAS, bind_all
from kg.paths import ontology_files

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip


def generate(nodes: int, seed: int = 5) -> Graph:
    """An RDF graph whose closed view (series collapsed, indicators hidden) has about ``nodes`` nodes."""
    rnd = random.Random(seed)
    g = Graph()
    bind_all(g.namespace_manager)
    for path in ontology_files():
        g.parse(path, format="turtle")
    schemes = [URIRef(s) for s in g.subjects(RDF.type, PKG.InsuranceScheme)]
    indicators = [URIRef(s) for s in g.subjects(RDF.type, PKG.Indicator)]
    base = len(schemes) + 3 + len(set(g.subjects(RDF.type, ORG.Organization)))
    share = {"article": 0.22, "org": 0.06, "unit": 0.04, "post": 0.14, "person": 0.30, "event": 0.10, "series": 0.14}
    n = {k: max(1, int((nodes - base) * v)) for k, v in share.items()}

    def lit(text: str, lang: str = "en") -> Literal:
        return Literal(text, lang=lang)

    orgs = [ID[f"org/gen-{i}"] for i in range(n["org"])]
    for i, o in enumerate(orgs):
        g.add((o, RDF.type, ORG.Organization))
        g.add((o, SKOS.prefLabel, lit(f"Bureau {i} of Social Affairs")))
        g.add((o, SKOS.prefLabel, lit(f"社会事务局{i}", "zh")))
        if i:
            g.add((o, ORG.subOrganizationOf, orgs[rnd.randrange(i)]))
    units = [ID[f"org/gen-{i % len(orgs)}/unit-{i}"] for i in range(n["unit"])]
    for i, u in enumerate(units):
        g.add((u, RDF.type, ORG.OrganizationalUnit))
        g.add((u, SKOS.prefLabel, lit(f"Department {i}")))
        g.add((u, ORG.unitOf, orgs[i % len(orgs)]))
    posts = [ID[f"post/gen-{i}"] for i in range(n["post"])]
    for i, p in enumerate(posts):
        g.add((p, RDF.type, ORG.Post))
        g.add((p, RDFS.label, lit(f"director {i}")))
        g.add((p, ORG.postIn, rnd.choice(units + orgs)))
    people = [ID[f"person/gen-{i}"] for i in range(n["person"])]
    for i, p in enumerate(people):
        g.add((p, RDF.type, FOAF.Person))
        g.add((p, RDFS.label, lit(f"Person {i}")))
        if i < len(posts):
            g.add((p, ORG.holds, posts[i]))
    articles = [ID[f"doc/gen-{i}"] for i in range(n["article"])]
    for i, d in enumerate(articles):
        g.add((d, RDF.type, PKG.Article))
        g.add((d, DCTERMS.title, lit(f"Report {i} on pensions and social insurance")))
        g.add((d, DCTERMS.issued, Literal(f"20{10 + i % 15}-0{1 + i % 9}-1{i % 9}", datatype=XSD.date)))
        g.add((d, DCTERMS.publisher, rnd.choice(orgs)))
        for p in rnd.sample(people, 2):
            g.add((d, URIRef("https://schema.org/mentions"), p))
    for i in range(n["event"]):
        e = ID[f"event/gen-{i}"]
        g.add((e, RDF.type, PKG.PolicyEvent))
        g.add((e, RDF.type, PKG.Reform if i % 3 == 0 else PKG.PolicyMeasure))
        g.add((e, RDFS.label, lit(f"Reform step {i}")))
        g.add((e, PKG.scheme, rnd.choice(schemes)))
        g.add((e, PKG.decidedBy, rnd.choice(orgs)))
    for i in range(n["series"]):
        ind, scheme = rnd.choice(indicators), rnd.choice(schemes)
        doc = rnd.choice(articles)
        for year in range(2019, 2019 + rnd.randint(1, 4)):
            o = ID[f"obs/gen-{i}/{year}"]
            period = ID[f"period/{year}"]
            g.add((period, SKOS.notation, Literal(str(year))))
            g.add((o, RDF.type, PKG.Observation))
            g.add((o, PKG.indicator, ind))
            g.add((o, PKG.scheme, scheme))
            g.add((o, SDMX_DIM.refArea, URIRef("https://w3id.org/pension-kg/code/area/CN-" + str(i % 30))))
            g.add((o, SDMX_DIM.refPeriod, period))
            g.add((o, SDMX_MEAS.obsValue, Literal(str(1000 + 37 * i + year), datatype=XSD.decimal)))
            g.add((o, SDMX_ATTR.unitMeasure, URIRef("https://w3id.org/pension-kg/code/unit/persons")))
            m = URIRef(f"{doc}#char={year},{year + 5}")
            g.add((m, RDF.type, PKG.FigureMention))
            g.add((m, PKG.supports, o))
            g.add((m, DCTERMS.isPartOf, doc))
    return g


ZOOM = """(() => {
  const v = PKG.state.views.graph, r = v.fig.x_range, t = performance.now();
  r.setv({start: r.start * 0.5, end: r.end * 0.5});
  v.relabel();
  return performance.now() - t;
})()"""


def measure(html: Path, runs: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    first, search, filt, zoom = [], [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            errors: list[str] = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.goto(html.as_uri())
            page.wait_for_selector("body[data-ready='1']", timeout=120_000)
            first.append(page.evaluate("PKG.firstDraw"))
            # interactions, timed inside the page (script work + Bokeh's synchronous updates)
            search.append(
                page.evaluate(
                    "(() => { const t = performance.now(); PKG.select(PKG.find('Person 7'));"
                    " return performance.now() - t; })()"
                )
            )
            filt.append(
                page.evaluate(
                    "(() => { const t = performance.now(); "
                    "document.querySelector(\"#legend li[data-cls='Person']\").click();"
                    " return performance.now() - t; })()"
                )
            )
            zoom.append(page.evaluate(ZOOM))
            drawn = page.evaluate("PKG.drawn()")
            if errors:
                raise SystemExit(f"page errors: {errors}")
            page.close()
        browser.close()
    return {
        "first_draw_ms": statistics.median(first),
        "select_ms": statistics.median(search),
        "class_filter_ms": statistics.median(filt),
        "zoom_relabel_ms": statistics.median(zoom),
        "drawn_after_filter": drawn,
        "runs": runs,
        "all_first_draws_ms": [round(x) for x in first],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="also keep the generated page here")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 2
    from kg import viz

    t = time.perf_counter()
    g = generate(args.nodes)
    t_gen = time.perf_counter() - t
    out = args.keep or Path(tempfile.mkdtemp()) / "big.html"
    t = time.perf_counter()
    info = viz.write_html(g, out, title=f"generated graph, {args.nodes} nodes")
    t_page = time.perf_counter() - t
    size = out.stat().st_size
    print(
        f"graph: {info['shown']} nodes drawn at first ({info['nodes']} with series points), {info['edges']} edges; "
        f"generated in {t_gen:.1f} s, page written in {t_page:.1f} s ({size / 1e6:.1f} MB)"
    )
    r = measure(out, args.runs)
    print(f"time to first draw (median of {r['runs']}): {r['first_draw_ms']:.0f} ms  {r['all_first_draws_ms']}")
    print(
        f"select a node: {r['select_ms']:.0f} ms · class filter: {r['class_filter_ms']:.0f} ms · "
        f"zoom + relabel: {r['zoom_relabel_ms']:.0f} ms (medians)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
