"""Named and ad-hoc SPARQL over the graph, answered in the standard result formats.

Named queries are the files of queries/ (`NAME.rq`), each headed by the question it answers. The
project's prefixes are predeclared, so `pkg:`, `qb:`, `skos:`... work in any query.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Identifier

from kg import inputs
from kg.errors import InputError
from kg.namespaces import PREFIXES, bind_all
from kg.numbers import plain
from kg.paths import queries_dir

SELECT_FORMATS = {"csv": "csv", "json": "json", "xml": "xml"}
GRAPH_FORMATS = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}


class QueryError(InputError, ValueError):
    """A query that cannot be parsed or found; the message says where."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    question: str
    text: str


def named() -> dict[str, NamedQuery]:
    out = {}
    for path in sorted(queries_dir().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = []
        for line in text.splitlines():  # the leading block of '#' lines is the question
            if not line.startswith("#"):
                break
            header.append(line.lstrip("# ").strip())
        question = " ".join(header).strip()
        out[path.stem] = NamedQuery(path.stem, question, text)
    return out


def resolve(ref: str) -> str:
    """A name of queries/, a path to a .rq file, or the query text itself."""
    queries = named()
    if ref in queries:
        return queries[ref].text
    path = Path(ref)
    if ref.endswith(".rq") or path.is_file():
        return inputs.read_text(path, inputs.MAX_QUERY_BYTES, "a query")
    raise QueryError(f"no named query {ref!r}; try `pension-kg query --list`")


def run(graph: Graph, text: str) -> Result:
    """The answer of `text` over `graph` (a Dataset with a union default graph answers GRAPH ?g too).

    rdflib evaluates lazily, so the answer is computed here: an error the query itself causes at
    run time (a malformed regular expression in REGEX or REPLACE) is a QueryError saying so, not a
    traceback from whatever prints the result.
    """
    try:
        q = prepareQuery(text, initNs=dict(PREFIXES.items()))
    except Exception as e:  # pyparsing reports line and column
        raise QueryError(f"SPARQL syntax error: {inputs.one_line(str(e))}") from None
    try:
        result = graph.query(q)
        len(result)  # evaluates every solution (or builds the graph) now
    except re.error as e:
        raise QueryError(f"SPARQL error: bad regular expression {e.pattern!r}: {e.msg} at position {e.pos}") from None
    except RecursionError:
        raise QueryError("SPARQL error: the query nests too deeply to evaluate") from None
    return result


def serialize(result: Result, fmt: str = "table") -> str:
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        g = result.graph
        bind_all(g.namespace_manager)
        return g.serialize(format=GRAPH_FORMATS.get(fmt, "turtle"))
    if fmt == "table":
        return _table(result)
    if fmt == "tsv":
        return _tsv(result)
    if fmt == "csv" and result.type == "ASK":
        # the protocol lets ASK answer in CSV but no spec says how and rdflib refuses: the bare
        # boolean, as the TSV writer gives it, with CSV's line end
        return "true\r\n" if result.askAnswer else "false\r\n"
    if fmt == "xml":
        return sparql_xml(result)
    buf = io.BytesIO()
    result.serialize(buf, format=SELECT_FORMATS[fmt])
    return buf.getvalue().decode("utf-8")


def _tsv(result: Result) -> str:
    """SPARQL 1.1 TSV results: '?var' headers, terms in N-Triples syntax (rdflib has no writer)."""
    if result.type == "ASK":
        return "true\n" if result.askAnswer else "false\n"
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    for r in result:
        lines.append("\t".join("" if r[v] is None else r[v].n3() for v in result.vars))
    return "\n".join(lines) + "\n"


def _table(result: Result) -> str:
    if result.type == "ASK":
        return "yes" if result.askAnswer else "no"
    names = [str(v) for v in result.vars]
    rows = [["" if r[v] is None else _short(r[v]) for v in result.vars] for r in result]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(names)]
    line = "  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _short(term) -> str:
    if isinstance(term, Literal) and term.datatype == XSD.decimal:
        return plain(Decimal(str(term)))
    s = str(term)
    for prefix, ns in PREFIXES.items():
        if s.startswith(str(ns)) and prefix in ("code", "id", "pkg"):
            return f"{prefix}:{s[len(str(ns)) :]}"
    return s


def sparql_xml(result: Result) -> str:
    """SPARQL Query Results XML. rdflib's writer drops every literal whose value is false-y (0, 0.0,
    false) because it tests the Literal's truth, so `0`^^xsd:integer would reach clients empty."""
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if result.type == "ASK":
        out += ["</head>", f"<boolean>{'true' if result.askAnswer else 'false'}</boolean>", "</sparql>\n"]
        return "\n".join(out)
    names = [str(v) for v in result.vars or []]
    out += [f"<variable name={quoteattr(n)}/>" for n in names] + ["</head>", "<results>"]
    for row in result:
        cells = []
        for var, name in zip(result.vars or [], names, strict=True):
            term = row[var]
            if term is not None:
                cells.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        out.append("<result>" + "".join(cells) + "</result>")
    out += ["</results>", "</sparql>\n"]
    return "\n".join(out)


def _xml_term(term: Identifier) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{escape(str(term))}</bnode>"
    assert isinstance(term, Literal)
    attr = ""
    if term.language:
        attr = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype:
        attr = f" datatype={quoteattr(str(term.datatype))}"
    return f"<literal{attr}>{escape(str(term))}</literal>"
