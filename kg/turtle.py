"""The endpoint's Turtle writer for its own descriptions (the SPARQL service description, VoID):
rdflib's, except that a whole decimal reads back as it was minted.

The build's files and the exports are written by Oxigraph's serialiser (kg.store.export), which
keeps a literal's form, and so are the answers to CONSTRUCT and DESCRIBE queries (kg.store.query);
the endpoint's descriptions are rdflib graphs, written here, so an xsd:decimal has one lexical
form everywhere.
"""

from __future__ import annotations

from typing import Any

from rdflib import Literal, URIRef, plugin
from rdflib.namespace import XSD, split_uri
from rdflib.plugins.serializers.turtle import VERB, TurtleSerializer
from rdflib.serializer import Serializer
from rdflib.term import Node

TURTLE = "pension-kg-turtle"  # rdflib's Turtle writer, but decimals keep the lexical form the graph holds


class PlainDecimalTurtle(TurtleSerializer):
    """Turtle in which `"2500000000"^^xsd:decimal` stays `2500000000` when it is read back.

    rdflib writes a whole decimal in Turtle's short form, which needs a point (`2500000000.0`),
    so every reader of the build's files (the endpoint, `query --format csv`, a triple store that
    keeps lexical forms) would print the number differently from the tidy table. A decimal whose
    lexical form has no point is written in full instead; the others keep the short form.
    """

    def __init__(self, store: Any) -> None:
        super().__init__(store)
        self._namespaces = sorted({str(ns) for _, ns in store.namespaces()})
        self._prefixes = {p for p, _ in store.namespaces()}
        self._unprefixed: set[URIRef] = set()

    def reset(self) -> None:
        super().reset()
        # the answers given so far, by term: the writer asks again for every IRI at every use
        self._pnames: dict[tuple[Node, bool], str | None] = {}
        self._labels: dict[tuple[type, str, str | None, str | None, bool], str] = {}

    def get_pname(self, uri: Node, gen_prefix: bool = True) -> str | None:
        """rdflib's answer, asked once per IRI and writing (its first answer also declared the prefix)."""
        k = (uri, gen_prefix)
        if k in self._pnames:
            return self._pnames[k]
        name = self._pname(uri, gen_prefix)
        self._pnames[k] = name
        return name

    def _pname(self, uri: Node, gen_prefix: bool) -> str | None:
        """rdflib's answer, but an IRI that no bound namespace can name is answered at once.

        rdflib files the namespace it splits off every such IRI (for a span, one per span) in a
        trie, and walks that trie again for every IRI: writing the graph took time in the square of
        its size. Its answer is a prefixed name only when a bound namespace at least as long as the
        split-off one begins the IRI, so any other IRI gets None here without the lookup. A new
        binding (a generated prefix of a predicate) starts the shortcut again from the bindings.
        """
        if not gen_prefix and isinstance(uri, URIRef):
            if uri in self._unprefixed:
                return None
            try:
                split, _ = split_uri(uri)
            except ValueError:
                split = None
            if split is not None and not any(ns.startswith(split) and uri.startswith(ns) for ns in self._namespaces):
                self._unprefixed.add(uri)
                return None
        name = super().get_pname(uri, gen_prefix)
        if gen_prefix and name is not None and name.split(":", 1)[0] not in self._prefixes:  # a new binding
            self._namespaces = sorted({str(ns) for _, ns in self.store.namespaces()})
            self._prefixes = {p for p, _ in self.store.namespaces()}
            self._unprefixed.clear()
            self._pnames.clear()  # an IRI it had no name for may have one now
            self._labels.clear()
        return name

    def label(self, node: Node, position: int) -> str:
        """A term as written, worked out once per term and position (a predicate may be `a`)."""
        if not isinstance(node, URIRef | Literal):
            return self._label(node, position)
        language, datatype = (node.language, node.datatype) if isinstance(node, Literal) else (None, None)
        k = (type(node), str(node), language, datatype, position == VERB)
        text = self._labels.get(k)
        if text is None:
            text = self._labels[k] = self._label(node, position)
        return text

    def _label(self, node: Node, position: int) -> str:
        if isinstance(node, Literal) and node.datatype == XSD.decimal and "." not in node:
            return f'"{node}"^^' + (self.get_pname(XSD.decimal) or f"<{XSD.decimal}>")
        return super().label(node, position)


plugin.register(TURTLE, Serializer, __name__, "PlainDecimalTurtle")
