"""The query page as YASGUI, assembled from the npm install under kg/web/node_modules.

YASGUI and the libraries of its pivot and chart views come in through npm (kg/web/package.json,
pinned by its lock file) and are never copied into the repository. Their scripts and styles are
inlined into the one page the server sends, so it needs nothing from the internet, and the
Content-Security-Policy names each script by its hash. The install is looked for in
$PENSION_KG_NODE_MODULES if set (an npm install made anywhere, for a package installed from a
wheel), else kg/web/node_modules. Without it (no Node.js, no `npm ci`), `assets()` is None and the
server sends the plain page, which says how to get this one.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kg.namespaces import PREFIXES
from kg.prefixes import PREFIX_IRIS
from kg.store import query as kgquery
from kg.store import sparql_text

WEB = Path(__file__).resolve().parent.parent / "web"
# in the order the page loads them: jQuery before the plugins that extend it, Plotly before its renderers
SCRIPTS = (
    "jquery/dist/jquery.min.js",
    "jquery-ui-dist/jquery-ui.min.js",
    "pivottable/dist/pivot.min.js",
    "plotly.js-basic-dist-min/plotly-basic.min.js",
    "pivottable/dist/plotly_renderers.min.js",
    "@zazuko/yasgui/build/yasgui.min.js",
)
STYLES = ("@zazuko/yasgui/build/yasgui.min.css", "pivottable/dist/pivot.min.css")
INSTALL = f"npm ci --prefix {WEB}"
ENV = "PENSION_KG_NODE_MODULES"
_SOURCE_MAP = re.compile(r"\n?/[/*]# sourceMappingURL=\S+(?: \*/)?\s*$")


@dataclass(frozen=True)
class Assets:
    scripts: tuple[str, ...]
    styles: tuple[str, ...]


def modules() -> Path:
    """Where the npm install is: $PENSION_KG_NODE_MODULES, else kg/web/node_modules."""
    return Path(os.environ.get(ENV) or WEB / "node_modules")


def assets() -> Assets | None:
    """The libraries' scripts and styles, then the project's own; None if any is not installed."""
    where = modules()
    paths = [where / p for p in (*SCRIPTS, *STYLES)]
    if not all(p.is_file() for p in paths):
        return None

    def read(path: Path) -> str:
        # no source map comment: nothing is there to fetch, and a browser's developer tools would try
        return _SOURCE_MAP.sub("", path.read_text(encoding="utf-8"))

    scripts = tuple(read(where / p) for p in SCRIPTS) + (read(WEB / "yasgui.js"),)
    styles = tuple(read(where / p) for p in STYLES) + tuple(read(WEB / p) for p in ("style.css", "yasgui.css"))
    for text in scripts:
        if "</script" in text.lower():  # would end the inline script early: none of the pinned versions has one
            raise ValueError("an npm script contains '</script' and cannot be inlined")
    return Assets(scripts, styles)


def self_contained(text: str) -> str:
    """A named query with PREFIX lines for the project prefixes it uses (after its question), so
    YASGUI's editor knows them (it flags an undeclared prefix as an error and cannot be told of the
    endpoint's), its table shortens IRIs with them, and a shared link works on any endpoint."""
    toks = sparql_text.tokens(text)
    declared = {toks[k + 1].text.rstrip(":") for k, t in enumerate(toks[:-1]) if t.keyword == "PREFIX"}
    used = sorted({t.text.split(":", 1)[0] for t in toks if t.kind == "name"} & (PREFIX_IRIS.keys() - declared))
    if not used:
        return text
    lines = text.splitlines(keepends=True)
    head = 0
    while head < len(lines) and lines[head].lstrip().startswith("#"):
        head += 1
    prologue = "".join(f"PREFIX {p}: <{PREFIX_IRIS[p]}>\n" for p in used)
    return "".join(lines[:head]) + prologue + "".join(lines[head:])


def page_data() -> str:
    """What the page's own script needs, as JSON safe inside a <script> element: the project's
    prefixes, the named queries, and where a resource is shown."""
    data = {
        "prefixes": {p: str(ns) for p, ns in sorted(PREFIXES.items())},
        "queries": [
            {"name": q.name, "question": q.question, "text": self_contained(q.text)} for q in kgquery.named().values()
        ],
        "resource": "/resource?iri=",
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def page(found: Assets) -> str:
    template = (WEB / "yasgui.html").read_text(encoding="utf-8")
    styles = "".join(f"<style>{s}</style>\n" for s in found.styles)
    scripts = "".join(f"<script>{s}</script>\n" for s in found.scripts)
    return template.replace("/*DATA*/", page_data()).replace("<!--STYLES-->", styles).replace("<!--SCRIPTS-->", scripts)
