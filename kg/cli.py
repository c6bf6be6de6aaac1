"""The `pension-kg` command: build, extract, facts, validate, query, export, add.

Every failure a user can cause (a bad file, a bad query, no built graph) ends with one line on
stderr naming the file or position and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import NoReturn

from kg import __version__

EXIT_INPUT = 2
EXIT_NONCONFORMING = 3


class UserError(Exception):
    """A failure caused by the input or the command line, reported in one line."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _build_dir(parser: argparse.ArgumentParser, alias: bool = True) -> None:
    """The folder a command reads the built graph from (--out is its older name, where free)."""
    names = ("--build", "--out") if alias else ("--build",)
    parser.add_argument(
        *names,
        dest="build",
        metavar="DIR",
        type=Path,
        default=Path("build"),
        help="folder of the built graph (default: build/)",
    )


def _bounds(parser: argparse.ArgumentParser) -> None:
    """The limits every query of the command line runs under, as the endpoint's do."""
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds the query may run (default: 10)")
    parser.add_argument(
        "--max-rows", type=int, default=1_000_000, help="most result rows (or triples) it may give (default: 1000000)"
    )
    parser.add_argument("--max-memory", type=int, default=2048, metavar="MB", help="memory it may take (default: 2048)")


# the statuses `facts --status` keeps (kg.extract.facts.LISTED, which a test compares): written out, so
# that building the parser does not import the extractor, which a command that only queries never uses
LISTED = ("reported", "curated", "derived")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="pension-kg",
        description="A knowledge graph of China's pension and social-insurance system, built from news reports.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser(
        "build",
        help="extract every article of a folder into a validated graph",
        description="Extract every article of DIR (default: seeds/) into the graph, validate it with "
        "SHACL, and write the graph, the validation report and the tidy table to --out.",
    )
    b.add_argument("dir", nargs="?", type=Path, help="folder of articles (*.txt with *.meta.toml)")
    b.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build/)")
    b.add_argument("--fresh", action="store_true", help="compute everything again (ignore the previous build's cache)")

    e = sub.add_parser(
        "extract",
        help="the facts of articles, without building",
        description="Print the facts of the given articles. --published overrides the metadata; with "
        "neither, the date is inferred from the dateline and marked inferred.",
    )
    e.add_argument("files", nargs="+", type=Path, metavar="FILE")
    e.add_argument("--published", type=_date, metavar="YYYY-MM-DD")
    e.add_argument("--format", choices=["csv", "json", "turtle"], default="csv")
    e.add_argument(
        "--all",
        action="store_true",
        help="list ambiguous figures with the indicator they seem to give (by default it is left empty, as unclaimed)",
    )
    e.add_argument(
        "--statistics-only",
        action="store_true",
        help="leave out the unclassified figures (listed by default with an empty indicator)",
    )
    e.add_argument(
        "--spans",
        action="store_true",
        help="print, instead of facts, every typed span the extractor found in each sentence (figures, "
        "lists, changes, periods, schemes and their cues, indicator cues, places), to see what it read",
    )

    f = sub.add_parser(
        "facts",
        help="the tidy table of every statistic in the built graph",
        description="Print the table of statistics `build` wrote (BUILD/facts.csv), byte for byte; --events "
        "prints the table of dated events (BUILD/events.csv) instead, --unclassified the figures no indicator "
        "claims. JSON gives numbers as numbers.",
    )
    f.add_argument("--format", choices=["csv", "json"], default="csv", help="CSV (default) or JSON")
    f.add_argument(
        "--status",
        metavar="S[,S]",
        help="keep only rows of these statuses: " + ", ".join(LISTED),
    )
    which = f.add_mutually_exclusive_group()
    which.add_argument("--events", action="store_true", help="the table of dated events (reforms, cut-off dates)")
    which.add_argument(
        "--unclassified",
        action="store_true",
        help="list instead the figures no indicator claims (the named query unclassified_figures)",
    )
    _build_dir(f)
    _bounds(f)

    v = sub.add_parser("validate", help="the SHACL report of the built graph (or of FILE)")
    v.add_argument("file", nargs="?", type=Path, help="an RDF file to validate instead of the built graph")
    v.add_argument("--format", choices=["text", "turtle"], default="text")
    _build_dir(v)

    q = sub.add_parser(
        "query",
        help="run a named query, a .rq file, or -e 'SPARQL'",
        description="SELECT/ASK answer in the SPARQL result formats; CONSTRUCT/DESCRIBE as RDF.",
    )
    q.add_argument("name", nargs="?", help="a named query (see --list) or a .rq file")
    q.add_argument("-e", "--expr", help="the query text")
    q.add_argument("--list", action="store_true", help="list the named queries with their questions")
    q.add_argument(
        "--format", choices=["table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "jsonld"], default="table"
    )
    _build_dir(q)
    q.add_argument("--endpoint", metavar="URL", help="run the query on this remote SPARQL endpoint instead")
    _bounds(q)

    x = sub.add_parser("export", help="the graph in an RDF format (TriG: one named graph per document)")
    x.add_argument(
        "--format", choices=["turtle", "ntriples", "jsonld", "rdfxml", "trig", "graphml", "gexf"], default="turtle"
    )
    x.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
    _build_dir(x)

    z = sub.add_parser(
        "viz",
        help="draw the graph: an interactive HTML page, or a static SVG/PNG picture",
        description="Write one self-contained HTML page (every script inlined; opens from file:// offline) "
        "drawing the entity graph, its statistical series and the ontology; or, with --static, a picture "
        "drawn by Graphviz.",
    )
    z.add_argument("--out", type=Path, help="HTML file to write (default: BUILD/pension-kg.html)")
    z.add_argument("--static", type=Path, metavar="FILE.svg|FILE.png", help="write a static picture instead")
    z.add_argument("--focus", metavar="IRI|LABEL", help="only this node and its neighbourhood")
    z.add_argument("--depth", type=int, default=2, help="neighbourhood radius for --focus (default: 2)")
    z.add_argument("--types", nargs="+", metavar="CLASS", help="only these classes (e.g. Scheme Reform Person)")
    z.add_argument("--lang", choices=["en", "zh"], default="en", help="language of the labels at first")
    z.add_argument("--title", default="", help="page or picture title")
    _build_dir(z, alias=False)  # --out names the page here

    n = sub.add_parser(
        "analyze",
        help="centrality, components and communities of the entity graph; --path A B",
        description="Network analysis of the entity graph with networkx. --path A B prints how A is connected "
        "to B (labels or IRIs) as a chain of labelled relations, and exits 1 when they are not connected.",
    )
    n.add_argument("--path", nargs=2, metavar=("A", "B"), help="the shortest chain of relations from A to B")
    n.add_argument("--top", type=int, default=10, help="how many nodes to rank (default: 10)")
    n.add_argument("--format", choices=["text", "json"], default="text")
    _build_dir(n)

    ev = sub.add_parser(
        "evaluate",
        help="score the extractor on a folder of articles with gold lists",
        description="Extract every article of GOLD_DIR (dates from GOLD_DIR/published.csv), score the facts with "
        "the shared score_facts.py, print the figures, and exit 1 below the bar (value recall 0.95, fact precision "
        "0.95, fact recall 0.88, events recall 0.80).",
    )
    ev.add_argument("gold_dir", type=Path, metavar="GOLD_DIR")
    ev.add_argument("--scorer", type=Path, help="score_facts.py (default: GOLD_DIR/../tools/score_facts.py)")
    ev.add_argument("--predictions", type=Path, help="also keep the predicted table here (CSV)")

    a = sub.add_parser(
        "add",
        help="copy an article into seeds/ with its metadata, after checking it extracts",
        description="Check that FILE extracts, then write it and FILE.meta.toml into --seeds (default: ./seeds/, "
        "the folder `build` reads). When ./seeds/ does not exist yet, it is first given a copy of the bundled "
        "articles, so the next `build` builds them with yours (it says so on stderr).",
    )
    a.add_argument("file", type=Path, help="the article's text (UTF-8)")
    a.add_argument("--published", type=_date, required=True, metavar="YYYY-MM-DD", help="its publication date")
    a.add_argument("--publisher", default="", help="who published it (e.g. Xinhua News Agency)")
    a.add_argument("--url", default="", help="where it can be read (http or https)")
    a.add_argument("--title", default="", help="its headline, if the text has none")
    a.add_argument("--note", default="", help="a note kept in the metadata")
    a.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder to add it to (default: seeds/)")

    s = sub.add_parser(
        "serve",
        help="the graph behind a SPARQL endpoint, with a query page",
        description="Serve the built graph (or a remote store, --backend) over the SPARQL 1.1 Protocol, the "
        "read-only Graph Store Protocol and VoID, with HTML pages to query and browse it. Read-only; never "
        "fetches anything; bounded in time, rows and request size.",
    )
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    s.add_argument("--port", type=int, default=7878)
    _build_dir(s)
    s.add_argument("--timeout", type=float, default=10.0, help="seconds a query may run (default: 10)")
    s.add_argument("--max-rows", type=int, default=10_000, help="most result rows (or triples) a query may give")
    s.add_argument("--max-body", type=int, default=1_000_000, help="largest request body in bytes (default: 1 MB)")
    s.add_argument(
        "--workers",
        type=int,
        default=8,
        help="query worker processes (default: 8; more than cores, so that short queries run beside long ones)",
    )
    s.add_argument("--backend", metavar="URL", help="front this remote SPARQL query endpoint instead of the build")
    s.add_argument("--no-cache", action="store_true", help="evaluate every query afresh (to measure the engine)")
    s.add_argument("--max-memory", type=int, default=2048, metavar="MB", help="memory a query may take (default: 2048)")
    # what one slow or greedy client may hold; the defaults are serve.Config's
    from kg.serve.config import Config as ServeConfig

    defaults = ServeConfig()
    for field, kind, metavar, text in _CLIENT_LIMITS:
        value = getattr(defaults, field)
        shown = "all but one" if value is None else f"{value:g}" if isinstance(value, float) else value
        s.add_argument(
            "--" + field.replace("_", "-"), type=kind, default=value, metavar=metavar, help=f"{text} (default: {shown})"
        )

    u = sub.add_parser(
        "push",
        help="load the built graph into a triple store (SPARQL 1.1 Graph Store Protocol)",
        description="PUT each named graph of the build (documents, ontology, derived, dataset) to a Graph Store "
        "Protocol endpoint, e.g. Oxigraph's http://HOST:PORT/store or Fuseki's http://HOST:PORT/DS/data.",
    )
    u.add_argument("--endpoint", required=True, metavar="URL", help="the store's Graph Store Protocol URL")
    u.add_argument("--graph", action="append", metavar="IRI", help="push only this named graph (repeatable)")
    _build_dir(u)
    u.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for each request")
    return p


def main(argv: list[str] | None = None, end_process: bool = False) -> int:
    """Run the command of `argv` (default: the command line's) and give its exit code; with
    `end_process` (the program itself, `run`), a query ends the process once its answer is out."""
    args = _parser().parse_args(argv)
    if args.command != "query":  # which reads no RDF with rdflib, and starts faster without logging
        # rdflib logs each ill-typed literal of a user's file ("abc"^^xsd:date) as a warning with a
        # traceback; the file's problems are the report's to state, in lines, so only its errors show
        import logging

        logging.getLogger("rdflib").setLevel(logging.ERROR)
    try:
        code = COMMANDS[args.command](args)
        sys.stdout.flush()  # a reader that stopped early (`| head`) is met here, not in Python's exit
        if end_process and args.command == "query":
            _end(code)
        return code
    except UserError as e:
        print(f"pension-kg: {e}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # the reader has what it wanted: stop quietly, as cat and grep do
        _drop_stdout()
        return 0


def _end(code: int) -> NoReturn:
    """End the process now, without Python's teardown of the modules it loaded: for a cold query at
    1,000 articles that teardown took 16 ms of 140, and nothing of a query that has written its
    answer needs it (its worker is killed and reaped; no file is open for writing). The other
    commands exit as usual: they may leave work to exit handlers (process pools, temporary folders)."""
    sys.stderr.flush()
    os._exit(code)


def run() -> None:
    """The `pension-kg` program (and `python -m kg.cli`)."""
    sys.exit(main(end_process=True))


def _drop_stdout() -> None:
    """Send what is still buffered for stdout to /dev/null: its reader has gone, and the flush at
    exit would otherwise print "Exception ignored ... BrokenPipeError" after all."""
    with contextlib.suppress(OSError, ValueError):  # stdout that is no file (a test's StringIO)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _wrap(fn):
    from kg.errors import InputError

    def run(args) -> int:
        try:
            return fn(args)
        except BrokenPipeError:  # an OSError, but no fault of the input: main ends quietly
            raise
        except (InputError, OSError) as e:
            raise UserError(str(e)) from None

    return run


def cmd_build(args) -> int:
    from kg import build

    folder = args.dir
    if folder is None:
        from kg.store import default_seeds

        folder = default_seeds()
    if not folder.is_dir():
        raise UserError(f"{folder}: not a folder of articles")
    summary = build.build(folder, args.out, incremental=not args.fresh)
    for err in summary.errors:
        print(f"skipped: {err}", file=sys.stderr)
    print(summary.text())
    return 0 if summary.conforms else EXIT_NONCONFORMING


def cmd_extract(args) -> int:
    from kg import pipeline, table
    from kg.extract.facts import STATED
    from kg.store.export import serialize

    if args.spans:
        return _print_spans(args)
    corpus = pipeline.read(list(args.files), args.published)
    for err in corpus.errors:
        print(f"pension-kg: {err}", file=sys.stderr)
    if not corpus.extractions:
        return EXIT_INPUT  # nothing was read: no table of nothing (an empty header) on stdout
    if args.format == "turtle":
        corpus.derived = []
        sys.stdout.write(serialize(pipeline.dataset(corpus, with_ontology=False), "turtle"))
    else:
        keep = set(STATED) | (set() if args.statistics_only else {"ambiguous", "unclassified"})
        facts = [f for f in corpus.facts if f.status in keep]
        rows = [f.row() if args.all else f.claimed_row() for f in facts]
        sys.stdout.write(table.render(rows, args.format))  # the extractor's own columns
    return EXIT_INPUT if corpus.errors else 0


SPAN_COLUMNS = ["source", "sentence_start", "kind", "start", "end", "text", "means"]


def _print_spans(args) -> int:
    """Each body sentence's typed spans, one row each (`extract --spans`)."""
    from kg import table
    from kg.extract import article as A
    from kg.extract.reader import extract
    from kg.inputs import FileError

    rows, failed = [], False
    for path in args.files:
        try:
            ex = extract(A.load(path, args.published), keep_spans=True)
        except FileError as err:
            print(f"pension-kg: {err}", file=sys.stderr)
            failed = True
            continue
        for ann in ex.annotated:
            for sp in ann.spans():
                row = dict(source=path.name, sentence_start=str(ann.sentence.start), kind=sp.kind)
                rows.append(row | dict(start=str(sp.start), end=str(sp.end), text=sp.text, means=sp.means))
    if rows or not failed:
        sys.stdout.write(table.render(rows, args.format if args.format != "turtle" else "csv", SPAN_COLUMNS))
    return EXIT_INPUT if failed else 0


def cmd_facts(args) -> int:
    if args.unclassified:
        return _unclassified(args)
    from kg import table

    wanted = table.statuses(args.status)  # a bad option is refused before anything is read
    which = table.EVENTS if args.events else table.STATISTICS
    text, rows = table.read(args.build, which)  # the file `build` wrote: no query to bound
    if args.format == "csv" and wanted is None:
        sys.stdout.write(text)  # the file as `build` wrote it
    else:
        sys.stdout.write(table.render(table.keep(rows, wanted), args.format, which.columns))
    return 0


def _unclassified(args) -> int:
    """`facts --unclassified`: the named query unclassified_figures, bounded as `query` is (its
    worker forked first, opening the store while this process imports the table's modules)."""
    with _early_worker(args) as worker:
        from kg import table
        from kg.store.named import resolve

        if table.statuses(args.status) is not None:  # a bad option is refused before anything is read
            raise UserError("--status: the unclassified figures have no status to choose by")
        rows = table.unclassified(_bounded(args, resolve("unclassified_figures"), worker=worker))
    sys.stdout.write(table.render(rows, args.format, table.UNCLASSIFIED_COLUMNS))
    return 0


def _bounded(args, text: str, output: str | None = None, worker=None):
    """The answer of `text` over the build, from a worker process stopped at --timeout, holding at
    most --max-rows rows, in memory of at most --max-memory MB: the endpoint's bounds. With the
    no output format, the evaluated Result; otherwise the answer's text in that format. `worker`:
    one `_early_worker` forked already."""
    from kg.serve.bounded import PoolError, answer_once
    from kg.serve.jobs import Job
    from kg.store import STORE, StoreError
    from kg.store.named import QueryError

    if not _bounds_given(args):
        raise UserError("--timeout, --max-rows and --max-memory must be positive")
    if not (args.build / STORE).exists():
        raise StoreError(f"{args.build / STORE}: no built graph; run `pension-kg build` first")
    job = Job(text, output=output or "json", max_rows=args.max_rows, origin="query")
    try:
        answer = answer_once(args.build, job, args.timeout, args.max_memory, worker)
    except PoolError as e:
        raise UserError(str(e)) from None
    if answer.status != 200:
        raise QueryError(" ".join(answer.body.decode("utf-8", "replace").split()))
    if output is None:
        from kg.store.query import parse_json  # not for an answer in its format: the worker wrote it

        return parse_json(answer.body)
    return answer.body.decode("utf-8")


def _bounds_given(args) -> bool:
    return args.timeout > 0 and args.max_rows >= 1 and args.max_memory >= 1


@contextlib.contextmanager
def _early_worker(args):
    """The query's worker, forked before anything else is read or imported, so that it opens the
    store while this process reads the query (two cores: a cold query's wall time is the longer of
    the two, not their sum); None where `_bounded` will refuse instead. Killed on the way out."""
    from kg.store import STORE

    if not _bounds_given(args) or not (args.build / STORE).exists():
        yield None
        return
    from kg.serve import bounded

    worker = bounded.start(
        bounded.fork_context(), str(args.build.resolve()), args.max_memory, quiet=True, list_graphs=False
    )
    try:
        yield worker
    finally:
        worker.kill()


def cmd_validate(args) -> int:
    from kg import store, validate
    from kg.namespaces import bind_all
    from kg.rdf import union

    if args.file:
        from kg.inputs import load_rdf

        dataset = load_rdf(args.file)
    else:  # the shapes check datatypes, which the store does not keep (see kg.store)
        dataset = store.load_dataset(args.build, exact=True)
    report = validate.validate(union(dataset), dataset=dataset)
    if args.format == "turtle":
        bind_all(report.graph.namespace_manager)
        sys.stdout.write(report.graph.serialize(format="turtle"))
    else:
        print(report.text())
    return 0 if report.conforms else EXIT_NONCONFORMING


def cmd_query(args) -> int:
    if args.list:
        from kg.store import query

        for q in query.named().values():
            print(f"{q.name}\n    {q.question}")
        return 0
    if not args.expr and not args.name:
        raise UserError("give a query NAME, a FILE.rq, or -e 'SPARQL' (see --list)")
    with contextlib.nullcontext() if args.endpoint else _early_worker(args) as worker:
        from kg.store.named import QueryError, resolve

        text = args.expr if args.expr else resolve(args.name)
        try:
            out = _remote(args, text) if args.endpoint else _bounded(args, text, args.format, worker)
        except QueryError as e:
            raise UserError(f"{args.name}: {e}" if args.name and not args.expr else str(e)) from None  # its file
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def _remote(args, text: str) -> str:
    from kg.serve import remote as serve_remote
    from kg.store import query

    result = serve_remote.query(args.endpoint, text, timeout=args.timeout)
    if result.type in ("SELECT", "ASK") and args.format in ("turtle", "ntriples", "jsonld"):
        raise UserError(f"a {result.type} query answers in table, csv, tsv, json or xml, not {args.format}")
    return query.serialize(result, args.format)


def cmd_export(args) -> int:
    from kg import atomic, store

    if args.format in ("turtle", "trig"):  # the build wrote them, byte for byte what export would
        path = store.require(args.build, store.TURTLE if args.format == "turtle" else store.TRIG)
        data = path.read_text(encoding="utf-8")
    elif args.format in ("graphml", "gexf"):
        from kg import entity_graph

        graph = store.load_graph(args.build)
        G = entity_graph.with_data(entity_graph.entity_graph(graph), graph)
        data = entity_graph.to_graphml(G) if args.format == "graphml" else entity_graph.to_gexf(G)
    else:  # every literal as written, as in the build's Turtle
        from kg.store import export

        data = export.serialize(store.load_dataset(args.build, exact=True), args.format)
    if args.output:
        atomic.write_text(args.output, data)
    else:
        sys.stdout.write(data)
    return 0


def cmd_viz(args) -> int:
    from kg import store, viz
    from kg.entity_graph import UnknownNode

    graph = store.load_graph(args.build)
    try:
        if args.static:
            written = viz.write_static(
                graph,
                args.static,
                focus=args.focus,
                depth=args.depth,
                types=args.types,
                lang=args.lang,
                title=args.title,
            )
        else:
            written = viz.write_html(
                graph,
                args.out or args.build / "pension-kg.html",
                focus=args.focus,
                depth=args.depth,
                types=args.types,
                lang=args.lang,
                title=args.title,
            )
    except (UnknownNode, viz.VizError) as e:
        raise UserError(str(e).strip('"')) from None
    print(json.dumps(written, ensure_ascii=False))
    return 0


def cmd_analyze(args) -> int:
    from kg import analyze, store
    from kg.entity_graph import UnknownNode, entity_graph

    G = entity_graph(store.load_graph(args.build))
    if args.path:
        try:
            steps = analyze.find_path(G, *args.path)
        except UnknownNode as e:
            raise UserError(str(e).strip('"')) from None
        except analyze.NoPath as e:
            print(f"pension-kg: {e}", file=sys.stderr)
            return 1
        if args.format == "json":
            print(json.dumps([s.__dict__ for s in steps], ensure_ascii=False, indent=1))
        else:
            print(analyze.format_path(G, steps))
        return 0
    r = analyze.report(G, args.top)
    if args.format == "json":
        print(json.dumps(analyze.report_json(r), ensure_ascii=False, indent=1))
    else:
        print(analyze.format_report(r, args.top))
    return 0


def cmd_evaluate(args) -> int:
    import tempfile

    from kg import evaluate

    if not args.gold_dir.is_dir():
        raise UserError(f"{args.gold_dir}: not a folder")
    scorer = args.scorer or args.gold_dir.resolve().parent / "tools" / "score_facts.py"
    with tempfile.TemporaryDirectory() as tmp:
        pred = args.predictions or Path(tmp) / "predicted.csv"
        evaluate.predict(args.gold_dir, pred)
        try:
            result = evaluate.score(pred, args.gold_dir, scorer)
        except evaluate.EvaluationError as e:
            raise UserError(str(e)) from None
    for doc, d in result["per_document"].items():
        print(f"{doc}: gold {d['gold']}, predicted {d['predicted']}, facts matched {d['fact_tp']}")
    print()
    print(evaluate.report(result))
    print()
    keys = (
        "value_precision",
        "value_recall",
        "fact_precision",
        "fact_recall",
        "fact_f1",
        "core_recall",
        "event_precision",
        "event_recall",
    )
    print(" | ".join(f"{k} {result[k]:.3f}" for k in keys))
    failing = evaluate.below_bar(result)
    for line in failing:
        print(f"below the bar: {line}", file=sys.stderr)
    return 1 if failing else 0


def cmd_add(args) -> int:
    from kg import add, paths

    # a new ./seeds/ hides the bundled articles from `build`: it starts with a copy of them
    default = args.seeds.resolve() == paths.LOCAL_SEEDS.resolve()
    done = add.add(
        args.file,
        args.seeds,
        args.published,
        args.publisher,
        args.url,
        args.title,
        args.note,
        bundled=paths.bundled_seeds() if default else None,
    )
    articles = [p for p in done.copied if p.suffix == ".txt"]
    if articles:
        print(
            f"pension-kg: {args.seeds} is new: copied the {len(articles)} bundled articles into it first, "
            "so that `pension-kg build` builds them with yours",
            file=sys.stderr,
        )
    print(json.dumps({"added": str(done.target), "copied": [str(p) for p in articles]}))
    return 0


# The endpoint's limits on one client, as `serve` options: field of serve.Config, type, metavar, help.
_CLIENT_LIMITS: list[tuple[str, type, str, str]] = [
    ("header_timeout", float, "S", "seconds a client has to send a request's head"),
    ("body_timeout", float, "S", "seconds a client has to send a request's body"),
    ("max_pending", int, "N", "connections waiting for their request head; past this the oldest is dropped"),
    ("max_requests", int, "N", "requests handled at once; past this, 503 with Retry-After"),
    ("client_workers", int, "N", "query workers one client may hold at once"),
    ("client_queue", int, "N", "queries one client may have waiting; past this, 429 with Retry-After"),
    ("trusted_proxies", str, "ADDRS", "proxies whose X-Forwarded-For names the client"),
]


def cmd_serve(args) -> int:
    from kg import store
    from kg.serve import app as serve
    from kg.serve.pool import PoolError

    if args.timeout <= 0 or args.max_rows < 1 or args.max_body < 1 or args.workers < 1:
        raise UserError("--timeout, --max-rows, --max-body and --workers must be positive")
    if (
        min(args.header_timeout, args.body_timeout) <= 0
        or min(args.max_pending, args.max_requests, args.client_queue) < 1
    ):
        raise UserError(
            "--header-timeout, --body-timeout, --max-pending, --max-requests and --client-queue must be positive"
        )
    if args.client_workers is not None and not 1 <= args.client_workers <= args.workers:
        raise UserError(f"--client-workers must be between 1 and --workers ({args.workers})")
    if not args.backend and not (args.build / store.STORE).exists():
        raise UserError(f"{args.build / store.STORE}: no built graph; run `pension-kg build` first")
    cfg = serve.Config(
        out=args.build,
        host=args.host,
        port=args.port,
        timeout=args.timeout,
        max_rows=args.max_rows,
        max_body=args.max_body,
        workers=args.workers,
        backend=args.backend,
        cache=not args.no_cache,
        max_memory=args.max_memory or None,
        **{field: getattr(args, field) for field, *_ in _CLIENT_LIMITS},
    )
    try:
        return serve.run(cfg)
    except PoolError as e:
        raise UserError(str(e)) from None


def cmd_push(args) -> int:
    from kg.store import push

    summary = push.push(args.endpoint, args.build, only=args.graph, timeout=args.timeout)
    print(json.dumps(summary, indent=1))
    return 0


COMMANDS = {
    name: _wrap(fn)
    for name, fn in {
        "build": cmd_build,
        "extract": cmd_extract,
        "facts": cmd_facts,
        "validate": cmd_validate,
        "query": cmd_query,
        "export": cmd_export,
        "add": cmd_add,
        "evaluate": cmd_evaluate,
        "serve": cmd_serve,
        "push": cmd_push,
        "viz": cmd_viz,
        "analyze": cmd_analyze,
    }.items()
}

if __name__ == "__main__":
    run()
