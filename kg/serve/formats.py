"""Content negotiation for the SPARQL endpoint: which format a client gets, and its media type.

A query's form decides the family (SELECT/ASK answer in the SPARQL result formats, CONSTRUCT/DESCRIBE
in RDF syntaxes), so the choice is made only once the query is parsed, from the Accept header or a
format parameter. Clients send the latter under several names and in several spellings, all of which
this module reads: download links send `format=csv`; SPARQLWrapper sends the same value as `format=`,
`output=` and `results=`, and for TSV, JSON-LD and RDF/XML a second value holding its Accept list
(`format=rdf+xml&format=application/rdf+xml`). The short names `json` and `xml` are ambiguous on
purpose in those clients: for a graph they mean JSON-LD and RDF/XML, and so they do here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

RESULT_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES: dict[str, str] = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
_RESULT_ALIASES = {
    "application/json": "json",
    "text/javascript": "json",
    "application/javascript": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/csv": "csv",
    "text/tsv": "tsv",
}
_GRAPH_ALIASES = {
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "text/n3": "turtle",  # Turtle is N3 without N3's extensions: every N3 reader reads it
    "text/rdf+n3": "turtle",
    "application/n3": "turtle",
    "text/plain": "ntriples",
    "application/json": "jsonld",
    "application/x-json+ld": "jsonld",
    "application/xml": "rdfxml",
    "text/xml": "rdfxml",
}
# A graph asked for in a result format only (rdflib's SPARQLStore(returnFormat="json") accepts nothing
# else, even for a CONSTRUCT): the RDF syntax of the same family, tried after every real graph type.
_GRAPH_EQUIVALENTS = {
    "application/sparql-results+json": "jsonld",
    "application/sparql-results+xml": "rdfxml",
}
_SHORT_NAMES = {
    "json": ("json", "jsonld"),
    "xml": ("xml", "rdfxml"),
    "csv": ("csv", None),
    "tsv": ("tsv", None),
    "turtle": (None, "turtle"),
    "ttl": (None, "turtle"),
    "n3": (None, "turtle"),
    "ntriples": (None, "ntriples"),
    "nt": (None, "ntriples"),
    "n-triples": (None, "ntriples"),
    "jsonld": (None, "jsonld"),
    "json-ld": (None, "jsonld"),
    "rdfxml": (None, "rdfxml"),
    "rdf+xml": (None, "rdfxml"),
    "rdf/xml": (None, "rdfxml"),
    "rdf": (None, "rdfxml"),
}
FORMAT_PARAMETERS = ("format", "output", "results")  # Virtuoso and SPARQLWrapper; Fuseki; SPARQLWrapper
DEFAULT = {"result": "json", "graph": "turtle"}
_WILDCARDS = {
    "*/*": DEFAULT,
    "application/*": {"result": "json", "graph": "ntriples"},
    "text/*": {"result": "csv", "graph": "turtle"},
}


class NotAcceptable(ValueError):
    """The client accepts none of the formats this query form can be written in."""


def family(form: str) -> str:
    """'result' for SELECT and ASK, 'graph' for CONSTRUCT and DESCRIBE."""
    return "graph" if form in ("CONSTRUCT", "DESCRIBE") else "result"


def media_type(fmt: str) -> str:
    mime = RESULT_TYPES.get(fmt) or GRAPH_TYPES[fmt]
    return mime if mime.endswith("json") or mime.endswith("xml") else f"{mime}; charset=utf-8"


def accepted(header: str | None) -> list[str]:
    """The media types of an Accept header, best first (ties keep the client's order)."""
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate((header or "*/*").split(",")):
        fields = [f.strip() for f in part.split(";")]
        mime = fields[0].lower()
        if not mime:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, mime))
    return [m for _, _, m in sorted(ranked)]


def requested(params: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """Every value of the format parameters a request carries, in the order `choose` tries them."""
    return tuple(v for name in FORMAT_PARAMETERS for v in params.get(name, ()) if v.strip())


def choose(form: str, accept: str | None, override: str | Sequence[str] | None = None) -> str:
    """The format to answer a query of this form in; NotAcceptable when nothing fits.

    `override` holds the format parameters' values (see `requested`): a short name or a media type
    list each. They come before Accept, which the same clients set to something vaguer (SPARQLWrapper
    sends `*/*` for a CONSTRUCT asked as JSON); the first value that fits the query's form wins."""
    fam = family(form)
    names = [override] if isinstance(override, str) else list(override or ())
    names = [n.strip().lower() for n in names if n and n.strip()]
    if not names:
        pick = _negotiate(fam, accept)
        if pick is None:
            offered = ", ".join((RESULT_TYPES if fam == "result" else GRAPH_TYPES).values())
            raise NotAcceptable(f"a {form} query is answered in {offered}; the request accepts none of them")
        return pick
    for name in names:
        pick = _SHORT_NAMES[name][0 if fam == "result" else 1] if name in _SHORT_NAMES else _negotiate(fam, name)
        if pick:
            return pick
    usable = sorted(n for n, picks in _SHORT_NAMES.items() if picks[0 if fam == "result" else 1])
    raise NotAcceptable(f"a {form} query cannot be written as {names[0]}; ask for one of {', '.join(usable)}")


def _negotiate(fam: str, accept: str | None) -> str | None:
    """The best format of the family for an Accept list: a type of the family or a wildcard first,
    then (for a graph) the RDF syntax equivalent to a result format the client named."""
    types = RESULT_TYPES if fam == "result" else GRAPH_TYPES
    aliases = _RESULT_ALIASES if fam == "result" else _GRAPH_ALIASES
    by_mime = {v: k for k, v in types.items()} | aliases
    ranked = accepted(accept)
    for mime in ranked:
        if mime in by_mime:
            return by_mime[mime]
        if mime in _WILDCARDS:
            return _WILDCARDS[mime][fam]
    if fam == "graph":
        for mime in ranked:
            if mime in _GRAPH_EQUIVALENTS:
                return _GRAPH_EQUIVALENTS[mime]
    return None
