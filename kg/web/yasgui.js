// The query page's glue around YASGUI (npm @zazuko/yasgui, inlined by kg/serve/yasgui.py):
// point it at this server's /sparql and nowhere else, offer the named queries of queries/ as tabs,
// show cells as plain values (datatype and language in a tooltip, IRIs linking to their resource
// pages), and add pivot and chart views from PivotTable.js and its Plotly renderers.
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("page-data").textContent);
  const endpoint = new URL("/sparql", window.location.href).href;
  const Yasr = Yasgui.Yasr;
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const NUMERIC = new Set(["decimal", "integer", "double", "float", "int", "long", "nonNegativeInteger",
    "positiveInteger", "nonPositiveInteger", "negativeInteger", "short", "byte", "unsignedInt", "unsignedLong"]
    .map((t) => XSD + t));
  const prefixes = data.prefixes;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  function short(iri) {
    let best = "";
    for (const [p, ns] of Object.entries(prefixes)) {
      if (iri.startsWith(ns) && iri.length > ns.length && ns.length > (prefixes[best] || "").length) best = p;
    }
    return best ? best + ":" + iri.slice(prefixes[best].length) : iri;
  }

  // The value a person reads: a prefixed name for an IRI, the lexical form for a literal.
  function plain(term) {
    if (!term) return "";
    if (term.type === "uri") return short(term.value);
    if (term.type === "bnode") return "_:" + term.value;
    return term.value;
  }

  // YASR's table, with cells a person can read: no quotes, ^^datatype or @lang in each cell.
  class CleanTable extends Yasr.plugins.table {
    getUriLinkFromBinding(binding) {
      const href = data.resource + encodeURIComponent(binding.value);
      return `<a class="iri" href="${escapeHtml(href)}" title="${escapeHtml(binding.value)}">${escapeHtml(short(binding.value))}</a>`;
    }

    getCellContent(binding) {
      if (binding.type === "uri") return `<div>${this.getUriLinkFromBinding(binding)}</div>`;
      const text = binding.type === "bnode" ? "_:" + binding.value : binding.value;
      const tag = binding["xml:lang"] ? "@" + binding["xml:lang"] : binding.datatype ? short(binding.datatype) : "";
      const kind = NUMERIC.has(binding.datatype) ? "nonIri num" : "nonIri";
      const title = tag ? ` title="${escapeHtml(tag)}"` : "";
      return `<div><span class="${kind}"${title}>${escapeHtml(text)}</span></div>`;
    }

    // whole cells by default, wrapped between words, instead of one line cut off with an ellipsis
    draw(persistentConfig) {
      return super.draw({ isEllipsed: false, ...persistentConfig });
    }
  }
  CleanTable.defaults = Yasr.plugins.table.defaults;
  Yasr.registerPlugin("table", CleanTable);

  // PivotTable.js over the bindings: drag variables to rows and columns, pick an aggregator;
  // `chart` opens the same on a Plotly renderer. The arrangement is kept in the tab (and its link).
  function pivotPlugin(name, label, renderers, rendererName, priority) {
    return class {
      constructor(yasr) {
        this.yasr = yasr;
        this.label = label;
        this.priority = priority;
        this.helpReference = undefined;
      }

      canHandleResults() {
        const r = this.yasr.results;
        return !!r && !r.getBoolean() && r.getVariables().length > 0 && r.getBindings().length > 0;
      }

      getIcon() {
        const svg = "http://www.w3.org/2000/svg";
        const icon = document.createElementNS(svg, "svg");
        icon.setAttribute("viewBox", "0 0 12 12");
        icon.setAttribute("class", "pkg-plugin-icon");
        // bars for the chart, a grid for the pivot table
        const boxes = name === "chart" ? [[1, 6, 2, 5], [5, 2, 2, 9], [9, 4, 2, 7]] : [[1, 1, 4, 4], [7, 1, 4, 4], [1, 7, 4, 4], [7, 7, 4, 4]];
        for (const [x, y, w, h] of boxes) {
          const rect = document.createElementNS(svg, "rect");
          for (const [k, v] of Object.entries({ x, y, width: w, height: h })) rect.setAttribute(k, String(v));
          icon.appendChild(rect);
        }
        const wrap = document.createElement("div");
        wrap.appendChild(icon);
        return wrap;
      }

      guess(vars, rows) {
        const numeric = vars.filter((v) => rows.every((row) => row[v] === "" || !isNaN(Number(row[v]))));
        const value = numeric.find((v) => /value|total|amount|count|sum/i.test(v)) || numeric[0];
        const period = vars.find((v) => v !== value && /period|year|date|month/i.test(v));
        const label = vars.find((v) => v !== value && v !== period && !numeric.includes(v));
        const unit = vars.find((v) => v !== label && /unit/i.test(v)); // sums never add yuan to persons
        return {
          rows: [label, unit].filter(Boolean),
          cols: period ? [period] : [],
          vals: value ? [value] : [],
          aggregatorName: value ? "Sum" : "Count",
        };
      }

      draw(persistent) {
        const vars = this.yasr.results.getVariables();
        const rows = this.yasr.results.getBindings().map((b) => Object.fromEntries(vars.map((v) => [v, plain(b[v])])));
        // the tab's arrangement while it fits these variables (a changed query may not have them)
        const fits = persistent && persistent.rows &&
          [...persistent.rows, ...persistent.cols, ...persistent.vals].every((v) => vars.includes(v));
        const saved = fits ? persistent : this.guess(vars, rows);
        const el = document.createElement("div");
        el.className = "pkg-pivot";
        this.yasr.resultsEl.appendChild(el);
        jQuery(el).pivotUI(rows, {
          renderers: renderers(),
          rendererName: saved.rendererName && saved.rendererName in renderers() ? saved.rendererName : rendererName,
          rows: saved.rows,
          cols: saved.cols,
          vals: saved.vals,
          aggregatorName: saved.aggregatorName,
          rendererOptions: { plotlyConfig: { displaylogo: false, responsive: true } },
          onRefresh: (config) => {
            const keep = { rows: config.rows, cols: config.cols, vals: config.vals,
              aggregatorName: config.aggregatorName, rendererName: config.rendererName };
            this.yasr.storePluginConfig(name, keep);
          },
        }, true);
      }

      download() {
        return undefined;
      }
    };
  }
  const pivot = jQuery.pivotUtilities;
  // PivotTable.js gives Plotly its chart title as a string, which Plotly 3 and later ignore
  const charts = Object.fromEntries(Object.entries(pivot.plotly_renderers).map(([label, render]) => [label,
    (pivotData, opts) => {
      const chart = render(pivotData, opts);
      const plot = chart[0];
      if (plot.layout && typeof plot.layout.title === "string") {
        const update = { title: { text: plot.layout.title }, showlegend: true };
        // periods and labels are categories, not a time axis Plotly would guess from "2022-12-31"
        if (plot.data.length && (plot.data[0].x || []).some((x) => typeof x === "string")) update["xaxis.type"] = "category";
        if (plot.data.length && (plot.data[0].y || []).some((y) => typeof y === "string")) update["yaxis.type"] = "category";
        Plotly.relayout(plot, update);
      }
      return chart;
    }]));
  Yasr.registerPlugin("pivot", pivotPlugin("pivot", "Pivot", () => pivot.renderers, "Table", 5));
  Yasr.registerPlugin("chart", pivotPlugin("chart", "Chart", () => charts, "Bar Chart", 4));

  // prefix completion that knows the project's prefixes (and adds the PREFIX line as "pkg:" is typed)
  const bundled = Yasgui.Yasqe.Autocompleters.prefixes;
  Yasgui.Yasqe.forkAutocompleter("prefixes", {
    name: "projectPrefixes",
    persistenceId: "projectPrefixes",
    get: (yasqe) => bundled.get(yasqe).then((known) => {
      const ours = Object.entries(prefixes).map(([p, ns]) => `${p}: <${ns}>`);
      const taken = new Set(Object.keys(prefixes));
      return [...ours, ...known.filter((line) => !taken.has(line.split(":")[0]))].sort();
    }),
  }, false);
  // property and class completion ask a service on the internet (LOV): only local completers.
  // Set on the defaults, as YASGUI merges a given list into them index by index.
  Yasgui.Yasqe.defaults.autocompleters = ["projectPrefixes", "variables"];
  Yasgui.defaults.yasqe.autocompleters = ["projectPrefixes", "variables"];

  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }], keys: [] },
    yasqe: { value: "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20" },
    yasr: { prefixes: prefixes, pluginOrder: ["table", "pivot", "chart", "response"], defaultPlugin: "table" },
  });
  window.pkgYasgui = yasgui;

  const named = document.getElementById("named");
  const question = document.getElementById("question");
  const queries = Object.fromEntries(data.queries.map((q) => [q.name, q]));
  for (const q of data.queries) {
    const option = document.createElement("option");
    option.value = q.name;
    option.textContent = q.name;
    option.title = q.question;
    named.appendChild(option);
  }

  function open(name) {
    const q = queries[name];
    if (!q) return;
    question.textContent = q.question;
    yasgui.addTab(true, { name: q.name, yasqe: { value: q.text }, requestConfig: { endpoint: endpoint } },
      { avoidDuplicateTabs: true });
  }

  named.addEventListener("change", () => {
    open(named.value);
    named.value = "";
  });
  yasgui.on("tabSelect", (instance, id) => {
    const tab = instance.getTab(id);
    const q = tab && queries[tab.getName()];
    question.textContent = q && tab.getQuery() === q.text ? q.question : "";
  });
  const url = new URL(window.location.href);
  const wanted = url.searchParams.get("named");
  if (wanted) {
    open(wanted);
    url.searchParams.delete("named"); // opened once: a reload keeps the tab, not a second copy
    window.history.replaceState(null, "", url);
  }
  document.body.dataset.ready = "true";
})();
