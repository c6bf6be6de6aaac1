"""Scale: build, rebuild, cold query and endpoint latency at N articles, beside Oxigraph alone.

Makes N articles from the bundled ones (seeds/: each copy has its years shifted and, past the first
sixty copies of a seed, its large figures varied) in a temporary folder, and for each N prints:

- the build from scratch (`pension-kg build --fresh`, one run): the command's wall time and its phases;
- the rebuild after one article was edited (incremental, one run);
- a cold named query: the wall time of a whole `pension-kg query NAME` process (median of 5), beside a
  Python process that opens the same store with pyoxigraph and runs the same text, and the
  Oxigraph CLI (`oxigraph query`), both also cold;
- the endpoint under concurrent clients (50 by default) sending the named queries and a few ad-hoc
  ones (benchmarks/serve_load.py, every answer checked against pyoxigraph's in-process answer):
  `pension-kg serve` (answer cache on, as users run it, and --no-cache) beside the Oxigraph server
  (`oxigraph serve-read-only`) on the same store and the same query texts; and pyoxigraph alone
  (the same queries in this process, one after another, no HTTP).

Usage: python benchmarks/scale.py [--sizes 10,100,1000] [--clients 50] [--requests 1000] [--keep DIR]
       [--no-endpoint]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serve_load  # noqa: E402

from kg.prefixes import PREFIX_IRIS  # noqa: E402
from kg.serve.process import LOOPBACK, _child, free_port, oxigraph_binary, serve  # noqa: E402
from kg.store import STORE  # noqa: E402
from kg.store import query as kgquery  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SIZES = (10, 100, 1000)
COLD_QUERIES = ("documents", "latest_values")

# Questions a researcher types (not among the named queries): counts, a latest value per series, a
# union over two kinds of period and a join from figures to the words that state them.
ADHOC = {
    "adhoc_count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "adhoc_latest": """SELECT ?indicator (MAX(?date) AS ?latest) WHERE {
        ?o pkg:indicator ?indicator ; sdmx-dimension:refPeriod ?p . ?p skos:notation ?date }
        GROUP BY ?indicator""",
    "adhoc_union": """SELECT ?kind (COUNT(?o) AS ?n) WHERE {
        { ?o sdmx-dimension:refPeriod ?p . ?p a time:Instant . BIND ("instant" AS ?kind) }
        UNION { ?o sdmx-dimension:refPeriod ?p . ?p a time:ProperInterval . BIND ("interval" AS ?kind) } }
        GROUP BY ?kind""",
    "adhoc_join": """SELECT ?o ?anchor ?issued WHERE {
        ?m pkg:supports ?o ; nif:anchorOf ?anchor ; dcterms:isPartOf ?doc .
        ?doc dcterms:issued ?issued . ?o pkg:indicator ind:participants }
        ORDER BY ?o ?anchor LIMIT 200""",
}

_YEAR = re.compile(r"(?<![\d.,])(19[5-9]\d|20\d\d)(?![\d%]|[.,]\d)")
_LARGE = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)(?= (?:million|billion|trillion)\b)")


def _variant(text: str, shift: int, figure: int) -> str:
    """The text with every year moved by `shift` and, for `figure` > 0, one more digit given to every
    figure of millions, billions or trillions (the same change in the text and its curation file)."""
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    if figure:
        text = _LARGE.sub(lambda m: m.group(1) + ("" if "." in m.group(1) else ".") + str(figure), text)
    return text


def make_corpus(n: int, folder: Path) -> None:
    """N articles: copy k is of seed k mod 8, its years moved back by (k div 8) mod 60 and its large
    figures varied by (k div 8) div 60, so that no two copies give the same observations."""
    folder.mkdir(parents=True, exist_ok=True)
    stems = sorted(p.stem for p in SEEDS.glob("*.txt"))
    for k in range(n):
        stem, round_ = stems[k % len(stems)], k // len(stems)
        for suffix in (".txt", ".meta.toml", ".curation.toml"):
            src = SEEDS / f"{stem}{suffix}"
            if src.exists():
                text = _variant(src.read_text(encoding="utf-8"), -(round_ % 60), round_ // 60)
                (folder / f"{k:04d}_{stem}{suffix}").write_text(text, encoding="utf-8")


def edit_one(folder: Path) -> None:
    with open(min(folder.glob("*.txt")), "a", encoding="utf-8") as fh:
        fh.write("\nA later survey found that 12.5 million people had heard of the scheme.\n")


_BUILD = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from kg.build import build
imported = time.perf_counter() - start
s = build(Path(sys.argv[1]), Path(sys.argv[2]), incremental=sys.argv[3] == "1")
print(json.dumps({"imports": imported, **s.phases, "documents": s.documents, "triples": s.triples}))
"""


def run_build(folder: Path, out: Path, incremental: bool) -> dict:
    """One build in a fresh process: its wall time, the CPU time it and its children took, and its
    phases (wall time each)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _BUILD, str(folder), str(out), "1" if incremental else "0"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"wall": wall, "cpu": cpu, **json.loads(done.stdout.strip().splitlines()[-1])}


def _prefixed(text: str) -> str:
    """The query with the prefixes `pension-kg` predeclares written out, for a server that has none."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIX_IRIS.items()) + text


def _median_wall(cmd: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


_PYOXIGRAPH = """
import sys
import pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
print(sum(1 for _ in store.query(sys.argv[2])))
"""


def cold_queries(out: Path) -> dict[str, dict[str, float]]:
    named = kgquery.named()
    store = str(out / STORE)
    found = {}
    for name in COLD_QUERIES:
        text = _prefixed(named[name].text)
        found[name] = {
            "pension-kg query": _median_wall([sys.executable, "-m", "kg.cli", "query", name, "--build", str(out)]),
            "pyoxigraph": _median_wall([sys.executable, "-c", _PYOXIGRAPH, store, text]),
            "oxigraph query": _median_wall(
                [
                    oxigraph_binary() or "oxigraph",
                    "query",
                    "--location",
                    store,
                    "--query",
                    text,
                    "--results-format",
                    "csv",
                ]  # fmt: skip
            ),
        }
    return found


def workload(out: Path, exclude: tuple[str, ...] = ()) -> tuple[dict[str, tuple[str, list[tuple]]], dict[str, float]]:
    """The queries (named SELECT/ASK and ad-hoc, but those excluded) with pyoxigraph's answer to
    each, and the median time pyoxigraph alone takes to answer each (in this process, over the
    build's store)."""
    store = ox.Store.read_only(str(out / STORE))
    texts = {n: q.text for n, q in kgquery.named().items() if n not in exclude} | ADHOC
    answers, alone = {}, {}
    for name, text in sorted(texts.items()):
        full = _prefixed(text)
        result = kgquery.run(store, full)
        if result.type not in ("SELECT", "ASK"):
            continue
        answers[name] = (full, serve_load.plain_rows(json.loads(kgquery.serialize(result, "json"))))
        times = []
        for _ in range(5):
            start = time.perf_counter()
            kgquery.run(store, full)
            times.append(time.perf_counter() - start)
        alone[name] = statistics.median(times)
    return answers, alone


@contextlib.contextmanager
def oxigraph_server(location: Path):
    port = free_port()
    base = f"http://{LOOPBACK}:{port}"
    binary = oxigraph_binary() or "oxigraph"
    cmd = [binary, "serve-read-only", "--location", str(location), "--bind", f"{LOOPBACK}:{port}"]
    with _child(cmd, base + "/query?query=ASK%7B%7D", None, 60):
        yield base


def endpoint(out: Path, answers: dict, clients: int, requests: int) -> dict[str, serve_load.Report]:
    def measured(base: str, path: str) -> serve_load.Report:
        asyncio.run(serve_load.load(base, answers, min(clients, 8), 2 * len(answers), path=path))  # warm-up
        return asyncio.run(serve_load.load(base, answers, clients, requests, path=path))

    reports = {}
    for label, extra in (("pension-kg serve", []), ("pension-kg serve --no-cache", ["--no-cache"])):
        with serve("--out", str(out), "--max-rows", "1000000", *extra) as base:  # the default workers
            reports[label] = measured(base, "/sparql")
    with oxigraph_server(out / STORE) as base:
        reports["oxigraph server"] = measured(base, "/query")
    return reports


def _phases(build: dict) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in build.items() if isinstance(v, float) and k not in ("wall", "cpu"))


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default=",".join(map(str, SIZES)), help="numbers of articles (default: 10,100,1000)")
    p.add_argument("--clients", type=int, default=50)
    p.add_argument("--requests", type=int, default=1000, help="measured requests per server")
    p.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="NAME",
        help="leave this named query out of the endpoint's load (repeatable)",
    )
    p.add_argument("--keep", type=Path, help="make the corpora and builds here (default: a temporary folder)")
    p.add_argument(
        "--no-endpoint", action="store_true", help="measure the builds and cold queries only (no servers under load)"
    )
    args = p.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    with contextlib.ExitStack() as stack:
        work = args.keep or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pension-kg-scale-")))
        for n in sizes:
            folder, out = work / f"articles-{n}", work / f"build-{n}"
            make_corpus(n, folder)
            load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
            print(f"\n== {n} articles == (load average {load} on {os.cpu_count()} cores)", flush=True)
            fresh = run_build(folder, out, incremental=False)
            phases = _phases(fresh)
            print(
                f"build from scratch: {fresh['wall']:.1f} s, CPU {fresh['cpu']:.1f} s ({fresh['triples']} triples; "
                f"phases, s: {phases})"
            )
            edit_one(folder)
            again = run_build(folder, out, incremental=True)
            print(
                f"rebuild after one edited article: {again['wall']:.1f} s, CPU {again['cpu']:.1f} s "
                f"(phases, s: {_phases(again)})"
            )
            for name, times in cold_queries(out).items():
                ours = times["pension-kg query"]
                print(
                    f"cold query {name}: pension-kg query {_ms(ours)}, pyoxigraph {_ms(times['pyoxigraph'])} "
                    f"({ours / times['pyoxigraph']:.1f}x), oxigraph query {_ms(times['oxigraph query'])} "
                    f"({ours / times['oxigraph query']:.1f}x)"
                )
            if args.no_endpoint:
                continue
            answers, alone = workload(out, tuple(args.exclude))
            named = sorted(n for n in answers if not n.startswith("adhoc_"))
            adhoc = sorted(n for n in answers if n.startswith("adhoc_"))
            print(
                f"pyoxigraph alone (in process, no HTTP): median of the queries' medians "
                f"{_ms(statistics.median(alone.values()))}, named {_ms(statistics.median(alone[x] for x in named))}, "
                f"ad-hoc {_ms(statistics.median(alone[x] for x in adhoc))}"
            )
            reports = endpoint(out, answers, args.clients, args.requests)
            anchor = reports["oxigraph server"]
            for label, r in reports.items():
                ratio = r.percentile(50) / max(anchor.percentile(50), 1e-9)
                adhoc_ratio = r.percentile_of(adhoc, 50) / max(anchor.percentile_of(adhoc, 50), 1e-9)
                print(
                    f"endpoint {label}, {args.clients} clients, {len(named)} named + {len(adhoc)} ad-hoc queries: "
                    f"{r.text()}; named p50 {_ms(r.percentile_of(named, 50))}, ad-hoc p50 "
                    f"{_ms(r.percentile_of(adhoc, 50))} p99 {_ms(r.percentile_of(adhoc, 99))}; "
                    f"p50 vs oxigraph server {ratio:.2f}x, ad-hoc {adhoc_ratio:.2f}x"
                )
                for line in (r.errors + r.wrong)[:5]:
                    print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
