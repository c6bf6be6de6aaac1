"""The HTML the server shows people: the query page and a page per resource.

Everything a page needs is inlined into it (its CSS and script from kg/web/, and for the YASGUI
query page the npm libraries, kg.serve.yasgui), and a Content-Security-Policy naming the scripts'
hashes lets the browser run nothing else and connect nowhere else, so the pages work offline and
no request of theirs can leave the server they came from.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from urllib.parse import quote

from kg.namespaces import BASE, PREFIXES
from kg.serve import yasgui

WEB = Path(__file__).resolve().parent.parent / "web"  # kg/web, shared with viz
LABELS = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
    "http://xmlns.com/foaf/0.1/name",
)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _csp(style: str | None, script: str | tuple[str, ...] | None = None) -> str:
    """The policy: the page's own scripts by hash and nothing else; its own style by hash, or
    (style None) any inline style, which YASGUI's table and editor set on their elements."""
    styles = _hash(style) if style is not None else "'unsafe-inline'"
    if script is None:
        scripts = "'none'"
    else:
        scripts = " ".join(_hash(s) for s in ((script,) if isinstance(script, str) else script))
    return (
        f"default-src 'none'; style-src {styles}; script-src {scripts}; connect-src 'self'; "
        "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
    )


@cache
def query_page() -> tuple[str, str]:
    """The query page and its Content-Security-Policy: YASGUI where its npm install is there,
    else the plain page, which says how to install it."""
    found = yasgui.assets()
    if found is not None:
        return yasgui.page(found), _csp(None, found.scripts)
    return plain_query_page()


def plain_query_page() -> tuple[str, str]:
    """The page without YASGUI: a textarea, the named queries, results as a table."""
    style = (WEB / "style.css").read_text(encoding="utf-8")
    script = (WEB / "query.js").read_text(encoding="utf-8")
    page = (WEB / "query.html").read_text(encoding="utf-8")
    notice = html.escape(yasgui.INSTALL)
    page = page.replace("/*STYLE*/", style).replace("/*SCRIPT*/", script).replace("/*INSTALL*/", notice)
    return page, _csp(style, script)


def short(iri: str) -> str:
    """An IRI as prefix:local with the longest matching project prefix, for display."""
    matches = [(len(str(ns)), p, str(ns)) for p, ns in PREFIXES.items() if iri.startswith(str(ns)) and iri != str(ns)]
    if not matches:
        return iri
    _, prefix, ns = max(matches)
    return f"{prefix}:{iri[len(ns) :]}"


def href(iri: str) -> str:
    """Where the server shows a resource: its own path for the graph's hash-less IRIs, else ?iri=."""
    if iri.startswith(BASE) and "#" not in iri and "?" not in iri:
        path = iri[len(BASE) - 1 :]
        if quote(path, safe="/:@!$&'()*+,;=-._~%") == path:
            return path
    return "/resource?iri=" + quote(iri, safe="")


def _term(t: dict) -> str:
    kind, value = t.get("type"), t.get("value", "")
    if kind == "uri":
        link, full, text = html.escape(href(value)), html.escape(value), html.escape(short(value))
        return f'<a class="iri" href="{link}" title="{full}">{text}</a>'
    if kind == "bnode":
        return f"<code>_:{html.escape(value)}</code>"
    tag = ""
    if t.get("xml:lang"):
        tag = f'<span class="lang">@{html.escape(t["xml:lang"])}</span>'
    elif t.get("datatype"):
        tag = f'<span class="dt">{html.escape(short(t["datatype"]))}</span>'
    cls = ' class="long"' if len(value) > 400 else ""
    return f"<span{cls}>{html.escape(value)}</span>{tag}"


def _rows(rows: Iterable[dict], cols: list[str]) -> str:
    body = "".join("<tr>" + "".join(f"<td>{_term(r[c]) if c in r else ''}</td>" for c in cols) + "</tr>" for r in rows)
    return body or f'<tr><td colspan="{len(cols)}" class="muted">none</td></tr>'


def resource_page(iri: str, out_rows: list[dict], in_rows: list[dict], limit: int) -> tuple[str, str]:
    """A resource's triples, out (it is the subject) and in (it is the object), with links."""
    style = (WEB / "style.css").read_text(encoding="utf-8")
    labels = (r["o"]["value"] for r in out_rows if r["p"]["value"] in LABELS and r["o"].get("type") == "literal")
    label = next(labels, "")
    title = label or short(iri)
    more = f'<p class="muted">Showing the first {limit}.</p>'
    rdf_link = "/resource?" + "&".join([f"iri={quote(iri, safe='')}", "format=turtle"])
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} · pension-kg</title><style>{style}</style></head>
<body><header><h1>pension-kg</h1><nav><a href="/ui">Query</a><a href="/.well-known/void">VoID</a></nav></header>
<main>
<h2>{html.escape(title)}</h2>
<p><code class="iri">{html.escape(iri)}</code> · <a href="{html.escape(rdf_link)}">Turtle</a></p>
<h2>Statements about it ({len(out_rows)})</h2>
<table class="out"><thead><tr><th>property</th><th>value</th><th>graph</th></tr></thead>
<tbody>{_rows(out_rows, ["p", "o", "g"])}</tbody></table>{more if len(out_rows) >= limit else ""}
<h2>Statements pointing at it ({len(in_rows)})</h2>
<table class="in"><thead><tr><th>subject</th><th>property</th><th>graph</th></tr></thead>
<tbody>{_rows(in_rows, ["s", "p", "g"])}</tbody></table>{more if len(in_rows) >= limit else ""}
</main></body></html>
"""
    return page, _csp(style)


def turtle_page(title: str, path: str, turtle: str) -> tuple[str, str]:
    """A description (VoID, the service description) shown to a person: its Turtle, and the file."""
    style = (WEB / "style.css").read_text(encoding="utf-8")
    link = html.escape(path + "?format=turtle")
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} · pension-kg</title><style>{style}</style></head>
<body><header><h1>pension-kg</h1><nav><a href="/ui">Query</a><a href="/.well-known/void">VoID</a></nav></header>
<main><h2>{html.escape(title)}</h2><p><a href="{link}">Turtle file</a></p>
<pre class="turtle">{html.escape(turtle)}</pre></main></body></html>
"""
    return page, _csp(style)


def not_found_page(iri: str) -> tuple[str, str]:
    style = (WEB / "style.css").read_text(encoding="utf-8")
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><title>Not found · pension-kg</title><style>{style}</style></head>
<body><header><h1>pension-kg</h1><nav><a href="/ui">Query</a></nav></header>
<main><h2>Nothing known about this IRI</h2><p><code class="iri">{html.escape(iri)}</code></p>
<p class="muted">No triple of the graph has it as subject or object.</p></main></body></html>
"""
    return page, _csp(style)
