"""The project's Turtle writer: rdflib's, except that a whole decimal reads back as it was minted.

Every Turtle (and TriG) the project writes goes through it: the build's files, the exports and the
answers to CONSTRUCT and DESCRIBE queries, so an xsd:decimal has one lexical form everywhere.
"""

from __future__ import annotations

from rdflib import Literal, plugin
from rdflib.namespace import XSD
from rdflib.plugins.serializers.turtle import TurtleSerializer
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

    def label(self, node: Node, position: int) -> str:
        if isinstance(node, Literal) and node.datatype == XSD.decimal and "." not in node:
            return f'"{node}"^^' + (self.get_pname(XSD.decimal) or f"<{XSD.decimal}>")
        return super().label(node, position)


plugin.register(TURTLE, Serializer, __name__, "PlainDecimalTurtle")
