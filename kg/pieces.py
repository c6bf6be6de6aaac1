"""The build's TriG and Turtle, assembled from pieces written once per named graph.

Writing the whole graph with rdflib's Turtle writer costs time in proportion to the corpus on every
build, even when one article changed. The writer's output is, statement by statement, a function of
one subject's triples: with no blank node in the graph, a subject's statement (`<s> a ... ; p o .`)
reads the same whatever else the graph holds, and only the order of the statements depends on the
rest (rdfs:Class members first, then by how often the subject is an object, then by IRI). So each
named graph is written once, by rdflib's own writer, into a `Piece`: its TriG block and its
statements by subject, with the triples of each as N-Triples lines. A build keeps the pieces in its
cache and assembles

- the TriG: the graphs' blocks in name order under the prefixes they use, as `export.serialize`
  writes it;
- the union's Turtle: every subject's statement in the writer's order, where a subject that several
  graphs describe differently is written again from the union of its triples.

Both are byte for byte what rdflib writes from the whole graph (tests/test_pieces.py). A graph that
the shortcut cannot reproduce (a blank node, or a predicate in no bound namespace, for which rdflib
would generate a prefix) gives no piece, and the build writes everything with rdflib instead.
"""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode, Graph
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from kg.namespaces import bind_all
from kg.turtle import PlainDecimalTurtle

RDFS_CLASS = str(RDFS.Class)
_TYPE = f"<{RDF.type}>"
_CLASS = f"<{RDFS.Class}>"


@dataclass(frozen=True)
class Statement:
    """One subject as the Turtle writer writes it; the digest of its triples and the IRIs they have
    as objects (for counting references); and the triples themselves (N-Triples lines, sorted), to
    be merged with another graph's, unless the subject is its article's own (a span of its text, a
    mention: no other graph describes it), which keeps the cache small."""

    text: str
    digest: bytes
    objects: tuple[str, ...]
    lines: tuple[str, ...] | None


@dataclass(frozen=True)
class Piece:
    """A named graph, written: the prefixes its Turtle declares, its statements in the writer's order."""

    name: str
    prefixes: frozenset[tuple[str, str]]
    statements: dict[str, Statement]


class _Statements(PlainDecimalTurtle):
    """The project's Turtle writer, stopped between statements: the header, then each subject's
    statement in the writer's order, as separate strings."""

    def statements(self) -> tuple[list[tuple[str, str]], list[tuple[Node, str]]]:
        self.reset()
        self.stream = io.BytesIO()  # type: ignore[assignment]
        self.preprocess()
        order = self.orderSubjects()
        prefixes = sorted((p, str(ns)) for p, ns in self.namespaces.items())
        out = []
        for subject in order:
            if self.isDone(subject):
                continue
            self.stream = io.BytesIO()  # type: ignore[assignment]
            self.statement(subject)
            out.append((subject, self.stream.getvalue().decode("utf-8")))  # type: ignore[union-attr]
        return prefixes, out


def _document(prefixes: Iterable[tuple[str, str]], statements: Iterable[str]) -> str:
    """The Turtle document the writer makes of a header and its statements (rdflib's layout)."""
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes))
    return head + "".join(s + "\n" for s in statements) + "\n"


def _writable(triples: Iterable[tuple]) -> Graph | None:
    """The triples in a graph of their own with the project's prefixes, as export writes a graph;
    None when one of them holds a blank node (whose statement depends on the rest of the graph).
    A named graph of a dataset is written as it is, under its dataset's prefixes (copying each took
    a quarter of the time of writing it); should rdflib have to generate a prefix for it, `_written`
    gives no piece, as for any graph."""
    if isinstance(triples, Graph):
        return None if any(isinstance(x, BNode) for t in triples for x in t) else triples
    g = Graph()
    bind_all(g.namespace_manager)
    for t in triples:
        if any(isinstance(x, BNode) for x in t):
            return None
        g.add(t)
    return g


def _written(g: Graph) -> tuple[list[tuple[str, str]], list[tuple[str, str]]] | None:
    """The prefixes the graph's Turtle declares, and its statements in the writer's order."""
    bound = {(p, str(ns)) for p, ns in g.namespaces()}  # before writing: rdflib's and the project's
    prefixes, statements = _Statements(g).statements()
    if not set(prefixes) <= bound:  # rdflib generated a prefix: its name depends on the order
        return None
    return prefixes, [(str(s), text) for s, text in statements]


def _lines(g: Graph) -> dict[str, list[str]]:
    """The graph's N-Triples lines by subject (an IRI written `<...>` is the line's first word)."""
    by_subject: dict[str, list[str]] = {}
    for line in g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines():
        if line.strip():
            by_subject.setdefault(line[1 : line.index(" ") - 1], []).append(line)
    return by_subject


def _object(line: str) -> str | None:
    """The IRI a triple's line has as object, or None for a literal."""
    first = line.index(" ")
    obj = line[line.index(" ", first + 1) + 1 : -2]
    return obj[1:-1] if obj.startswith("<") else None


def piece(name: str, triples: Iterable[tuple], owner: str | None = None) -> Piece | None:
    """A named graph as a Piece, or None when its statements cannot be told apart (see the module).
    `owner` is the IRI of the article whose graph it is: its own nodes (that IRI, and it with a
    fragment) keep only the digest of their triples."""
    g = _writable(triples)
    if g is None:
        return None
    written = _written(g)
    if written is None:
        return None
    prefixes, texts = written
    lines = _lines(g)
    if set(lines) != {s for s, _ in texts}:  # a subject the writer did not write on its own
        return None
    statements = {}
    for s, text in texts:
        own = owner is not None and (s == owner or s.startswith(owner + "#"))
        statements[s] = _statement(text, lines[s], keep=not own)
    return Piece(name, frozenset(prefixes), statements)


def _statement(text: str, lines: Iterable[str], keep: bool = True) -> Statement:
    ordered = tuple(sorted(lines))
    digest = hashlib.sha256("\n".join(ordered).encode("utf-8")).digest()
    objects = tuple(o for o in (_object(x) for x in ordered) if o is not None)
    return Statement(text, digest, objects, ordered if keep else None)


def _trig_block(pc: Piece) -> str:
    """A graph's block of the TriG, from its Turtle, exactly as kg.store.export writes it."""
    name = pc.name
    lines = _document(pc.prefixes, (st.text for st in pc.statements.values())).splitlines()
    triples = [line for line in lines if not line.startswith("@prefix")]
    return f"<{name}> {{\n" + "\n".join(triples).strip("\n") + "\n}\n"


def trig(pieces: list[Piece]) -> str:
    """The dataset's TriG: the prefix lines of every graph, then the graphs in name order."""
    heads = {f"@prefix {p}: <{ns}> ." for pc in pieces for p, ns in pc.prefixes}
    blocks = [_trig_block(pc) for pc in sorted(pieces, key=lambda pc: pc.name) if pc.statements]
    return "\n".join(sorted(heads)) + "\n\n" + "\n".join(blocks)


def turtle(pieces: list[Piece], known: dict[bytes, str] | None = None) -> tuple[str | None, dict[bytes, str]]:
    """The union of the graphs as Turtle, as rdflib writes the union graph (None when a subject that
    several graphs describe differently cannot be written on its own), and the statements of such
    subjects by the digest of their triples: given back as `known`, they are not written again."""
    copies: dict[str, list[Statement]] = {}
    for pc in pieces:
        for s, st in pc.statements.items():
            copies.setdefault(s, []).append(st)
    merged: dict[str, Statement] = {}
    redo: dict[str, set[str]] = {}
    for s, sts in copies.items():
        if all(st.digest == sts[0].digest for st in sts[1:]):
            merged[s] = sts[0]
        elif any(st.lines is None for st in sts):  # an article's own node that another graph states
            return None, {}
        else:
            redo[s] = {line for st in sts for line in st.lines or ()}
    written = {s: _statement("", lines) for s, lines in redo.items()}
    missing = {s: redo[s] for s, st in written.items() if st.digest not in (known or {})}
    texts = _rewrite(missing) if missing else {}
    if texts is None:
        return None, {}
    used = {}
    for s, st in written.items():
        text = texts[s] if s in texts else (known or {})[st.digest]
        merged[s] = Statement(text, st.digest, st.objects, st.lines)
        used[st.digest] = text
    refs: Counter[str] = Counter()
    classes = set()
    for s, st in merged.items():
        refs.update(st.objects)
        if RDFS_CLASS in st.objects:
            if st.lines is None:  # an article's own node, maybe an rdfs:Class: the writer puts those first
                return None, {}
            if any(line.startswith(f"<{s}> {_TYPE} {_CLASS} ") for line in st.lines):
                classes.add(s)
    rest = sorted((refs[s], s) for s in merged if s not in classes)
    order = sorted(classes) + [s for _, s in rest]
    prefixes = {p for pc in pieces for p in pc.prefixes}
    return _document(prefixes, (merged[s].text for s in order)), used


def _rewrite(subjects: dict[str, set[str]]) -> dict[str, str] | None:
    """The statements of these subjects, each from the given triples, written by rdflib's writer."""
    g = Graph()
    g.parse(data="\n".join(line for lines in subjects.values() for line in lines), format="nt")
    bind_all(g.namespace_manager)
    written = _written(g)
    return None if written is None else dict(written[1])
