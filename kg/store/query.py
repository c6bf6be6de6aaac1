"""Named and ad-hoc SPARQL over the graph, evaluated by Oxigraph, answered in the standard formats.

Named queries are the files of queries/ (`NAME.rq`, read by kg.store.named), each headed by the
question it answers. The project's prefixes are predeclared, so `pkg:`, `qb:`, `skos:`... work in any query.

Answers are Oxigraph's terms in a small `Result` that reads like rdflib's (type, vars, rows
indexed by variable name, askAnswer, graph), written out here in every format: importing rdflib
costs a cold `pension-kg query` more than opening the store and answering, so nothing here needs it
(only `Result.graph`, asked for by code that wants an rdflib Graph, imports it).
"""

from __future__ import annotations

import json
import re
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.prefixes import PREFIX_IRIS
from kg.store import sparql_text

# the named queries and the error of a query, kept apart for a command that only reads a query's text
from kg.store.named import NamedQuery as NamedQuery
from kg.store.named import QueryError
from kg.store.named import named as named
from kg.store.named import resolve as resolve

if TYPE_CHECKING:
    from rdflib import Graph

Term = ox.NamedNode | ox.BlankNode | ox.Literal
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
XSD = "http://www.w3.org/2001/XMLSchema#"


class TooMany(QueryError):
    """The answer has more rows (or triples) than the caller allows."""

    def __init__(self, cap: int, what: str) -> None:
        super().__init__(f"the result has more than {cap} {what}")
        self.cap = cap
        self.what = what


@dataclass
class Result:
    """An evaluated query: `type` SELECT, ASK, CONSTRUCT or DESCRIBE; for SELECT `vars` and the
    rows (Oxigraph solutions, indexed by variable name; None where unbound), for ASK `askAnswer`,
    for a graph the triples."""

    type: str
    vars: list[str] = field(default_factory=list)
    rows: list[Any] = field(default_factory=list)
    askAnswer: bool | None = None  # noqa: N815 -- rdflib's name, which callers already use
    triples: list[ox.Triple] = field(default_factory=list)

    def __iter__(self) -> Iterator:
        return iter(self.triples if self.type in ("CONSTRUCT", "DESCRIBE") else self.rows)

    def __len__(self) -> int:
        if self.type == "ASK":
            return 1
        return len(self.triples if self.type in ("CONSTRUCT", "DESCRIBE") else self.rows)

    @property
    def graph(self) -> Graph:
        """A CONSTRUCT's or DESCRIBE's triples as an rdflib Graph (imports rdflib)."""
        from rdflib import Graph

        from kg.namespaces import bind_all
        from kg.store import to_rdflib

        g = Graph()
        bind_all(g.namespace_manager)
        for t in self.triples:
            g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        return g


def run(
    source: ox.Store | Graph,
    text: str,
    max_rows: int | None = None,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> Result:
    """The answer of `text` over `source`: a build's store, or an rdflib graph (held in an in-memory
    store for the purpose; a Dataset's named graphs answer GRAPH ?g). The default graph is the union
    of the named graphs; `default_graphs`/`named_graphs` replace it as the protocol's
    default-graph-uri and named-graph-uri do ("" among the default graphs: the store's own default
    graph, which holds all the others).

    Everything is evaluated here (at most `max_rows` + 1 rows, else TooMany), so an error the query
    causes is a QueryError saying so, never a traceback from whatever prints the result. A REGEX or
    REPLACE pattern that does not compile is such an error: Oxigraph would silently match nothing.
    """
    for pattern in sparql_text.outline(text).patterns:
        why = sparql_text.bad_pattern(pattern)
        if why:
            raise QueryError(f"SPARQL error: {why}")
    store = source if isinstance(source, ox.Store) else _in_memory(source)
    dataset: dict[str, Any] = {}
    if default_graphs or named_graphs:
        whole = "" in default_graphs
        dataset["default_graph"] = [ox.DefaultGraph()] if whole else [ox.NamedNode(g) for g in default_graphs]
        dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    try:
        answer = store.query(text, prefixes=PREFIX_IRIS, **dataset)
        if isinstance(answer, ox.QueryBoolean):
            return Result("ASK", askAnswer=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            triples = list(answer if max_rows is None else islice(answer, max_rows + 1))
            if max_rows is not None and len(triples) > max_rows:
                raise TooMany(max_rows, "triples")
            return Result(_graph_form(text), triples=triples)
        names = [v.value for v in answer.variables]
        rows = list(answer if max_rows is None else islice(answer, max_rows + 1))
        if max_rows is not None and len(rows) > max_rows:
            raise TooMany(max_rows, "rows")
        return Result("SELECT", vars=names, rows=rows)
    except SyntaxError as e:
        raise QueryError(syntax_error(text, e)) from None
    except OSError as e:  # Oxigraph's evaluation errors
        raise QueryError(f"SPARQL evaluation error: {' '.join(str(e).split())}") from None


def _graph_form(text: str) -> str:
    return "DESCRIBE" if sparql_text.outline(text).form == "DESCRIBE" else "CONSTRUCT"


_POSITION = re.compile(r"^error at (\d+):(\d+): ?(.*)$", re.DOTALL)


def syntax_error(text: str, error: SyntaxError) -> str:
    """Oxigraph's parse error in one line: where (line:L col:C), what it expected, and the text there."""
    message = " ".join(str(error).split())
    m = _POSITION.match(message)
    if not m:
        return f"SPARQL syntax error: {message}"
    line, col, what = int(m.group(1)), int(m.group(2)), m.group(3)
    if "Prefix not found" in what:  # Oxigraph says so after the name; name the prefix instead
        unknown = _undeclared(text)
        if unknown:
            return f"SPARQL syntax error at line:{line} col:{col}: the prefix {unknown}: is not declared"
    if len(what) > 160:  # Oxigraph lists every character class it would have taken
        what = what[:160].rsplit(" ", 1)[0] + " ..."
    lines = text.splitlines() or [""]
    here = lines[line - 1][col - 1 : col + 29] if 0 < line <= len(lines) else ""
    near = f" near {here.strip()!r}" if here.strip() else " at the end of the query"
    return f"SPARQL syntax error at line:{line} col:{col}{near}: {what}"


def _undeclared(text: str) -> str:
    declared = set(PREFIX_IRIS)
    toks = sparql_text.tokens(text)
    for k, t in enumerate(toks):
        if t.keyword == "PREFIX" and k + 1 < len(toks):
            declared.add(toks[k + 1].text.rstrip(":"))
        elif t.kind == "name" and t.text.split(":", 1)[0] not in declared:
            return t.text.split(":", 1)[0]
    return ""


_MEMORY: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _in_memory(graph: Graph) -> ox.Store:
    """The in-memory store of an rdflib graph, kept while the graph lives and has the same size
    (tests ask one graph many questions)."""
    from kg.store import from_rdflib

    size = len(graph)
    held = _MEMORY.get(graph)
    if held is None or held[0] != size:
        held = (size, from_rdflib(graph))
        _MEMORY[graph] = held
    return held[1]


# -- writing answers -----------------------------------------------------------------------------


def serialize(result: Result, fmt: str = "table") -> str:
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        rdf_format = GRAPH_FORMATS.get(fmt, ox.RdfFormat.TURTLE)
        prefixes = PREFIX_IRIS if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
        data = ox.serialize(result.triples, format=rdf_format, prefixes=prefixes)
        return data.decode("utf-8") if data else ""
    if fmt == "table":
        return _table(result)
    if result.type == "ASK":
        # the protocol lets ASK answer in CSV but no spec says how: the bare boolean, as TSV has it
        word = "true" if result.askAnswer else "false"
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n"
        if fmt == "xml":
            return sparql_xml(result)
        return word + ("\r\n" if fmt == "csv" else "\n")
    if fmt == "tsv":
        return _tsv(result)
    if fmt == "csv":
        return _csv(result)
    if fmt == "xml":
        return sparql_xml(result)
    return _json(result)


def cell(term: Term | None) -> str:
    """A term's value as plain text: an IRI, a blank node's label, a literal's lexical form."""
    return "" if term is None else term.value


def python(term: Term | None) -> Any:
    """A term as a plain Python value: Decimal, int, float, bool, date, str (IRIs and others)."""
    import datetime as dt

    if term is None:
        return None
    if not isinstance(term, ox.Literal):
        return term.value
    kind = term.datatype.value.removeprefix(XSD)
    try:
        if kind == "decimal":
            return Decimal(term.value)
        if kind in _INTEGERS:
            return int(term.value)
        if kind in ("double", "float"):
            return float(term.value)
        if kind == "boolean":
            return term.value in ("true", "1")
        if kind == "date":
            return dt.date.fromisoformat(term.value)
    except ValueError:
        pass
    return term.value


_INTEGERS = {
    "integer",
    "int",
    "long",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "nonPositiveInteger",
    "negativeInteger",
    "unsignedInt",
    "unsignedLong",
    "unsignedShort",
    "unsignedByte",
}


def _json(result: Result) -> str:
    names = result.vars
    bindings = [
        {v: _json_term(term) for v, term in zip(names, row, strict=True) if term is not None} for row in result.rows
    ]
    return json.dumps({"head": {"vars": result.vars}, "results": {"bindings": bindings}}, ensure_ascii=False) + "\n"


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if term.language:
        return {"type": "literal", "value": term.value, "xml:lang": term.language}
    if term.datatype.value == XSD + "string":
        return {"type": "literal", "value": term.value}
    return {"type": "literal", "value": term.value, "datatype": term.datatype.value}


def _csv(result: Result) -> str:
    """SPARQL 1.1 CSV results: values only, RFC 4180 quoting, CRLF line ends."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(result.vars)
    w.writerows([_csv_cell(term) for term in row] for row in result.rows)
    return buf.getvalue()


def _csv_cell(term: Term | None) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return cell(term)


def _tsv(result: Result) -> str:
    """SPARQL 1.1 TSV results: '?var' headers, terms in N-Triples syntax."""
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    lines += ["\t".join("" if term is None else str(term) for term in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _table(result: Result) -> str:
    if result.type == "ASK":
        return "yes" if result.askAnswer else "no"
    rows = [["" if term is None else _short(term) for term in r] for r in result.rows]
    widths = [max([len(n)] + [len(r[i]) for r in rows]) for i, n in enumerate(result.vars)]
    line = "  ".join(n.ljust(w) for n, w in zip(result.vars, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


def _short(term: Term) -> str:
    s = term.value
    if isinstance(term, ox.Literal) and term.datatype.value == _DECIMAL:
        return plain_decimal(s)
    if s.startswith(_SHORTENED):  # one test for the common case, a value in none of them
        for prefix, ns in _SHORT_NAMES:
            if s.startswith(ns):
                return f"{prefix}:{s[len(ns) :]}"
    return s


_DECIMAL = XSD + "decimal"
_SHORT_NAMES = tuple((prefix, PREFIX_IRIS[prefix]) for prefix in ("code", "id", "pkg"))
_SHORTENED = tuple(ns for _, ns in _SHORT_NAMES)


def plain_decimal(lexical: str) -> str:
    """A decimal as the tidy table writes it (kg.extract.numbers.plain, which a test compares):
    no exponent, no trailing zeros. Written out here because importing the extractor would cost a
    cold query with a decimal in its answer more than its evaluation."""
    s = format(Decimal(lexical), "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def escape(text: str) -> str:
    """XML character data (xml.sax.saxutils would bring urllib and email along, costing a cold query)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """An XML attribute value, quoted, as xml.sax.saxutils.quoteattr writes it."""
    value = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return '"' + value.replace('"', "&quot;") + '"'


def sparql_xml(result: Result) -> str:
    """SPARQL Query Results XML (every binding written, a literal 0 or false as much as any)."""
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if result.type == "ASK":
        out += ["</head>", f"<boolean>{'true' if result.askAnswer else 'false'}</boolean>", "</sparql>\n"]
        return "\n".join(out)
    out += [f"<variable name={quoteattr(n)}/>" for n in result.vars] + ["</head>", "<results>"]
    opening = [f"<binding name={quoteattr(name)}>" for name in result.vars]
    for row in result.rows:
        cells = [f"{o}{_xml_term(term)}</binding>" for o, term in zip(opening, row, strict=True) if term is not None]
        out.append("<result>" + "".join(cells) + "</result>")
    out += ["</results>", "</sparql>\n"]
    return "\n".join(out)


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    attr = ""
    if term.language:
        attr = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype.value != XSD + "string":
        attr = f" datatype={quoteattr(term.datatype.value)}"
    return f"<literal{attr}>{escape(term.value)}</literal>"


def parse_json(body: bytes) -> Result:
    """A SPARQL JSON results document (a worker's or a remote endpoint's answer) as a Result."""
    try:
        answer = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    except SyntaxError as e:
        raise QueryError(f"the JSON results do not parse: {e}") from None
    if isinstance(answer, ox.QueryBoolean):
        return Result("ASK", askAnswer=bool(answer))
    return Result("SELECT", vars=[v.value for v in answer.variables], rows=list(answer))


def parse_graph(body: bytes, rdf_format: ox.RdfFormat, form: str = "CONSTRUCT") -> Result:
    """An RDF document (a remote CONSTRUCT's answer) as a Result."""
    try:
        return Result(form, triples=[q.triple for q in ox.parse(body, format=rdf_format)])
    except SyntaxError as e:
        raise QueryError(f"the RDF answer does not parse: {e}") from None
