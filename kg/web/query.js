// The query page: pick a named query or write one, run it against this server's /sparql,
// show SELECT/ASK answers as a table (IRIs link to their resource pages) and CONSTRUCT/DESCRIBE
// answers as Turtle, with a download link per format; the address keeps the query. Talks to its
// own origin only. The page served when YASGUI's npm install is missing (kg/serve/yasgui.py).
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const endpoint = new URL("/sparql", window.location.href).href;
  const editor = $("editor"), named = $("named"), question = $("question");
  const run = $("run"), status = $("status"), results = $("results"), downloads = $("downloads");
  const BASE = "https://w3id.org/pension-kg/";
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const NUMERIC = ["decimal", "integer", "double", "float", "nonNegativeInteger", "int", "long"].map((t) => XSD + t);
  const PREFIXES = [
    ["ind:", BASE + "code/indicator/"], ["scheme:", BASE + "code/scheme/"], ["area:", BASE + "code/area/"],
    ["uom:", BASE + "code/unit/"], ["status:", BASE + "code/status/"], ["kind:", BASE + "code/period-kind/"],
    ["code:", BASE + "code/"], ["id:", BASE + "id/"], ["pkg:", BASE + "ontology#"],
    ["xsd:", XSD], ["rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"],
    ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"], ["skos:", "http://www.w3.org/2004/02/skos/core#"],
    ["dcterms:", "http://purl.org/dc/terms/"], ["qb:", "http://purl.org/linked-data/cube#"],
    ["prov:", "http://www.w3.org/ns/prov#"], ["schema:", "https://schema.org/"],
  ];
  let queries = {};
  $("endpoint").textContent = endpoint;

  function short(iri) {
    for (const [p, ns] of PREFIXES) if (iri.startsWith(ns) && iri.length > ns.length) return p + iri.slice(ns.length);
    return iri;
  }

  function resourceLink(iri) {
    const a = document.createElement("a");
    a.href = "/resource?iri=" + encodeURIComponent(iri);
    a.textContent = short(iri);
    a.title = iri;
    a.className = "iri";
    return a;
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      td.appendChild(resourceLink(term.value));
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      const text = document.createElement("span");
      text.textContent = term.value;
      if (term.value.length > 400) text.className = "long";
      td.appendChild(text);
      // the language or datatype in the tooltip, not beside every value
      const tag = term["xml:lang"] ? "@" + term["xml:lang"] : term.datatype ? short(term.datatype) : "";
      if (tag) text.title = tag;
      if (term.datatype && NUMERIC.includes(term.datatype)) td.className = "num";
    }
    return td;
  }

  function table(data) {
    const t = document.createElement("table");
    const head = t.createTHead().insertRow();
    for (const v of data.head.vars) {
      const th = document.createElement("th");
      th.textContent = "?" + v;
      head.appendChild(th);
    }
    const body = t.createTBody();
    for (const row of data.results.bindings) {
      const tr = body.insertRow();
      for (const v of data.head.vars) tr.appendChild(cell(row[v]));
    }
    return t;
  }

  function showDownloads(text, form) {
    downloads.replaceChildren(document.createTextNode("Download:"));
    const formats = form === "graph"
      ? [["turtle", "Turtle", "ttl"], ["ntriples", "N-Triples", "nt"], ["jsonld", "JSON-LD", "jsonld"]]
      : [["json", "JSON", "json"], ["xml", "XML", "xml"], ["csv", "CSV", "csv"], ["tsv", "TSV", "tsv"]];
    const name = named.value || "query";
    for (const [fmt, label, ext] of formats) {
      const a = document.createElement("a");
      a.href = "/sparql?" + new URLSearchParams({ query: text, format: fmt }).toString();
      a.download = name + "." + ext;
      a.textContent = label;
      a.dataset.format = fmt;
      downloads.appendChild(a);
    }
    downloads.hidden = false;
  }

  async function execute() {
    const text = editor.value;
    keep(text);
    run.disabled = true;
    status.className = "status";
    status.textContent = "Running…";
    results.replaceChildren();
    downloads.hidden = true;
    const started = performance.now();
    try {
      const response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: text }),
      });
      const type = (response.headers.get("Content-Type") || "").split(";")[0];
      if (!response.ok) {
        status.className = "status error";
        status.textContent = response.status + " " + response.statusText + ": " + (await response.text());
        return;
      }
      const ms = Math.round(performance.now() - started);
      if (type === "application/sparql-results+json") {
        const data = await response.json();
        if ("boolean" in data) {
          const p = document.createElement("p");
          p.className = "ask";
          p.textContent = data.boolean ? "yes (true)" : "no (false)";
          results.appendChild(p);
          status.textContent = "ASK answered in " + ms + " ms";
        } else {
          const n = data.results.bindings.length;
          results.appendChild(table(data));
          status.textContent = n + " row" + (n === 1 ? "" : "s") + " in " + ms + " ms";
        }
        showDownloads(text, "result");
      } else {
        const pre = document.createElement("pre");
        pre.className = "rdf";
        pre.textContent = await response.text();
        results.appendChild(pre);
        status.textContent = "graph answered in " + ms + " ms";
        showDownloads(text, "graph");
      }
    } catch (err) {
      status.className = "status error";
      status.textContent = "The request failed: " + err;
    } finally {
      run.disabled = false;
    }
  }

  // the page's address is its permalink: ?named= for a named query as it is, ?query= for any other text
  function keep(text) {
    const url = new URL(window.location.href);
    const q = queries[named.value];
    url.searchParams.delete("named");
    url.searchParams.delete("query");
    if (q && q.text === text) url.searchParams.set("named", named.value);
    else if (text.trim()) url.searchParams.set("query", text);
    window.history.replaceState(null, "", url);
  }

  function pick() {
    const q = queries[named.value];
    question.textContent = q ? q.question : "";
    if (q) editor.value = q.text;
    keep(editor.value);
  }

  async function load() {
    const response = await fetch("/queries.json");
    const list = await response.json();
    for (const q of list) {
      queries[q.name] = q;
      const o = document.createElement("option");
      o.value = q.name;
      o.textContent = q.name;
      o.title = q.question;
      named.appendChild(o);
    }
    const params = new URL(window.location.href).searchParams;
    const wanted = params.get("named");
    if (wanted && queries[wanted]) {
      named.value = wanted;
      pick();
    } else if (params.get("query")) {
      editor.value = params.get("query");
    }
    document.body.dataset.ready = "true";
  }

  named.addEventListener("change", pick);
  run.addEventListener("click", execute);
  editor.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); execute(); }
  });
  load().catch((err) => { status.className = "status error"; status.textContent = "Cannot list queries: " + err; });
})();
