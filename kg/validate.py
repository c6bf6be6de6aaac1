"""SHACL validation of the graph against ontology/shapes.ttl, reported in words.

Violations make a build fail; warnings (a conflict between sources) are reported but do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.namespaces import SH, bind_all
from kg.paths import shapes_file


@dataclass
class Finding:
    severity: str  # Violation | Warning | Info
    focus: str
    path: str
    message: str

    def line(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.severity}: <{self.focus}>{where}: {self.message}"


@dataclass
class Report:
    conforms: bool
    graph: Graph
    findings: list[Finding]

    def text(self) -> str:
        if not self.findings:
            return "Conforms: the graph satisfies every shape."
        head = "Conforms (with warnings)." if self.conforms else "Does not conform."
        return "\n".join([head] + [f.line() for f in self.findings])


def shapes(path: Path | None = None) -> Graph:
    g = Graph()
    g.parse(path or shapes_file(), format="turtle")
    return g


def validate(data: Graph, shapes_graph: Graph | None = None) -> Report:
    conforms, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes_graph if shapes_graph is not None else shapes(),
        inference="none",
        allow_warnings=True,
        inplace=True,  # no inference and no rules: nothing is added, so the (costly) copy is not needed
    )
    bind_all(results.namespace_manager)
    findings = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        sev = results.value(r, SH.resultSeverity)
        path = results.value(r, SH.resultPath)
        findings.append(
            Finding(
                severity=str(sev).rsplit("#", 1)[-1],
                focus=str(results.value(r, SH.focusNode)),
                path=data.namespace_manager.normalizeUri(path) if isinstance(path, URIRef) else "",
                message=str(results.value(r, SH.resultMessage) or ""),
            )
        )
    findings.sort(key=lambda f: ({"Violation": 0, "Warning": 1}.get(f.severity, 2), f.focus, f.path, f.message))
    return Report(bool(conforms), results, findings)
