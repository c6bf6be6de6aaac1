"""The YASGUI page as the server assembles it, without a browser: the named queries made
self-contained, the npm scripts inlined under a policy that names each, and the plain page
(saying how to get YASGUI) when the npm install is not there."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import pyoxigraph as ox
import pytest

from kg.prefixes import PREFIX_IRIS
from kg.serve import pages, yasgui
from kg.store import query as kgquery


@pytest.fixture
def fresh_page():
    pages.query_page.cache_clear()
    yield pages.query_page
    pages.query_page.cache_clear()


def test_named_queries_declare_the_prefixes_they_use():
    for name, q in kgquery.named().items():
        text = yasgui.self_contained(q.text)
        ox.Store().query(text)  # parses with no predeclared prefix: each one it uses is declared
        assert text.startswith(q.text.splitlines()[0]), name  # the question still heads it
        assert text.endswith(q.text.split("\n", 1)[1] if q.text.startswith("#") else q.text), name
    text = "# a question\nPREFIX pkg: <urn:x:>\nSELECT ?x WHERE { ?x a pkg:A ; skos:prefLabel 'x' }"
    assert yasgui.self_contained(text).splitlines() == [
        "# a question",
        f"PREFIX skos: <{PREFIX_IRIS['skos']}>",
        "PREFIX pkg: <urn:x:>",
        "SELECT ?x WHERE { ?x a pkg:A ; skos:prefLabel 'x' }",
    ]
    assert yasgui.self_contained("ASK { ?s ?p 'qb:not a name' }") == "ASK { ?s ?p 'qb:not a name' }"


def test_page_data_cannot_end_its_script_element():
    data = yasgui.page_data()
    assert "<" not in data
    parsed = json.loads(data)
    assert [q["name"] for q in parsed["queries"]] == list(kgquery.named())
    assert parsed["prefixes"]["pkg"] == PREFIX_IRIS["pkg"]


def test_without_the_npm_install_the_plain_page_says_how_to_get_it(tmp_path, monkeypatch, fresh_page):
    monkeypatch.setenv(yasgui.ENV, str(tmp_path))
    assert yasgui.assets() is None
    page, csp = fresh_page()
    assert "<textarea" in page and yasgui.INSTALL in page and yasgui.ENV in page
    assert "npm ci --prefix" in yasgui.INSTALL and str(yasgui.WEB) in yasgui.INSTALL


@pytest.mark.skipif(yasgui.assets() is None, reason=f"YASGUI is not installed ({yasgui.INSTALL})")
def test_yasgui_is_inlined_and_each_script_named_by_the_policy(monkeypatch, fresh_page):
    monkeypatch.delenv(yasgui.ENV, raising=False)
    page, csp = fresh_page()
    assert page == fresh_page.__wrapped__()[0]  # the same bytes each time
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.S)
    assert len(scripts) == len(yasgui.SCRIPTS) + 1  # the libraries, then the project's glue
    assert "new Yasgui(" in scripts[-1]
    for text in scripts:
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "sourceMappingURL" not in page
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"?https?:", page)  # nothing to fetch
    assert "http" not in csp and "connect-src 'self'" in csp and "'unsafe-eval'" not in csp
