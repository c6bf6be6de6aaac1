"""The `pension-kg` command: build, extract, facts, validate, query, export, add.

Every failure a user can cause (a bad file, a bad query, no built graph) ends with one line on
stderr naming the file or position and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

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

    e = sub.add_parser(
        "extract",
        help="the facts of articles, without building",
        description="Print the facts of the given articles. --published overrides the metadata; with "
        "neither, the date is inferred from the dateline and marked inferred.",
    )
    e.add_argument("files", nargs="+", type=Path, metavar="FILE")
    e.add_argument("--published", type=_date, metavar="YYYY-MM-DD")
    e.add_argument("--format", choices=["csv", "json", "turtle"], default="csv")
    e.add_argument("--all", action="store_true", help="also list ambiguous figures (kept out of the statistics)")

    f = sub.add_parser("facts", help="the tidy table of every statistic in the built graph")
    f.add_argument("--format", choices=["csv", "json"], default="csv")
    f.add_argument("--status", help="comma-separated statuses to keep (reported,curated,derived)")
    f.add_argument("--out", type=Path, default=Path("build"), help="folder of the built graph")

    v = sub.add_parser("validate", help="the SHACL report of the built graph (or of FILE)")
    v.add_argument("file", nargs="?", type=Path, help="an RDF file to validate instead of the built graph")
    v.add_argument("--format", choices=["text", "turtle"], default="text")
    v.add_argument("--out", type=Path, default=Path("build"), help="folder of the built graph")

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
    q.add_argument("--out", type=Path, default=Path("build"), help="folder of the built graph")

    x = sub.add_parser("export", help="the graph in an RDF format (TriG: one named graph per document)")
    x.add_argument("--format", choices=["turtle", "ntriples", "jsonld", "rdfxml", "trig"], default="turtle")
    x.add_argument("--output", "-o", type=Path, help="file to write (default: standard output)")
    x.add_argument("--out", type=Path, default=Path("build"), help="folder of the built graph")

    a = sub.add_parser("add", help="copy an article into seeds/ with its metadata, after checking it extracts")
    a.add_argument("file", type=Path)
    a.add_argument("--published", type=_date, required=True, metavar="YYYY-MM-DD")
    a.add_argument("--publisher", default="")
    a.add_argument("--url", default="")
    a.add_argument("--title", default="")
    a.add_argument("--note", default="")
    a.add_argument("--seeds", type=Path, default=Path("seeds"))
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UserError as e:
        print(f"pension-kg: {e}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:
        return 0


def _wrap(fn):
    from kg.article import ArticleError
    from kg.query import QueryError
    from kg.store import StoreError

    def run(args) -> int:
        try:
            return fn(args)
        except (ArticleError, QueryError, StoreError, OSError) as e:
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
    summary = build.build(folder, args.out, progress=sys.stderr.isatty())
    for err in summary.errors:
        print(f"skipped: {err}", file=sys.stderr)
    print(summary.text())
    return 0 if summary.conforms else EXIT_NONCONFORMING


def cmd_extract(args) -> int:
    from kg import pipeline, table
    from kg.export import serialize

    corpus = pipeline.read(list(args.files), args.published)
    for err in corpus.errors:
        print(f"pension-kg: {err}", file=sys.stderr)
    if args.format == "turtle":
        corpus.derived = []
        sys.stdout.write(serialize(pipeline.dataset(corpus, with_ontology=False), "turtle"))
    else:
        keep = {"reported", "curated", "ambiguous"} if args.all else {"reported", "curated"}
        facts = [f for f in corpus.facts if f.status in keep]
        sys.stdout.write(table.render(table.from_facts(facts), args.format))
    return EXIT_INPUT if corpus.errors else 0


def cmd_facts(args) -> int:
    from kg import store, table

    statuses = set(args.status.split(",")) if args.status else None
    sys.stdout.write(table.render(table.rows(store.load_graph(args.out), statuses), args.format))
    return 0


def cmd_validate(args) -> int:
    from kg import store, validate
    from kg.namespaces import bind_all

    if args.file:
        from rdflib import Dataset

        ds = Dataset()
        try:
            ds.parse(args.file, format=_rdf_format(args.file))
        except Exception as e:
            raise UserError(f"{args.file}: cannot parse: {e}") from None
        from kg.rdf import union

        graph = union(ds)
    else:
        graph = store.load_graph(args.out)
    report = validate.validate(graph)
    if args.format == "turtle":
        bind_all(report.graph.namespace_manager)
        sys.stdout.write(report.graph.serialize(format="turtle"))
    else:
        print(report.text())
    return 0 if report.conforms else EXIT_NONCONFORMING


def _rdf_format(path: Path) -> str:
    return {
        ".ttl": "turtle",
        ".nt": "nt",
        ".trig": "trig",
        ".jsonld": "json-ld",
        ".rdf": "xml",
        ".xml": "xml",
        ".nq": "nquads",
    }.get(path.suffix, "turtle")


def cmd_query(args) -> int:
    from kg import query, store

    if args.list:
        for q in query.named().values():
            print(f"{q.name}\n    {q.question}")
        return 0
    if not args.expr and not args.name:
        raise UserError("give a query NAME, a FILE.rq, or -e 'SPARQL' (see --list)")
    text = args.expr if args.expr else query.resolve(args.name)
    result = query.run(store.load_graph(args.out), text)
    fmt = args.format
    if result.type in ("SELECT", "ASK") and fmt in ("turtle", "ntriples", "jsonld"):
        raise UserError(f"a {result.type} query answers in table, csv, tsv, json or xml, not {fmt}")
    out = query.serialize(result, fmt)
    sys.stdout.write(out if out.endswith("\n") else out + "\n")
    return 0


def cmd_export(args) -> int:
    from kg import atomic, export, store

    data = export.serialize(store.load_dataset(args.out), args.format)
    if args.output:
        atomic.write_text(args.output, data)
    else:
        sys.stdout.write(data)
    return 0


def cmd_add(args) -> int:
    from kg import add

    target = add.add(args.file, args.seeds, args.published, args.publisher, args.url, args.title, args.note)
    print(json.dumps({"added": str(target)}))
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
    }.items()
}

if __name__ == "__main__":
    sys.exit(main())
