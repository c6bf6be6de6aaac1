/* pension-kg viz: the behaviour Bokeh does not provide for a knowledge graph.
 *
 * Bokeh draws (canvas, pan/zoom, tap, hover); this script decides *what* is drawn. It reads the
 * model that kg/viz/webpage.py wrote into #pkg-data and, on every change (filter, focus, series opened,
 * language, zoom), refills the Bokeh data sources: visible nodes and edges, then labels placed
 * greedily by importance so that none overlaps another (the rest appear as one zooms in).
 * Nothing here loads anything: the page is one file and works from file:// offline.
 */
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("pkg-data").textContent);
  const T = {
    en: {
      tabGraph: "Graph", tabOnto: "Ontology", search: "Search a label…", legend: "Classes", all: "all", none: "none",
      explore: "Explore", depth: "Focus depth", showAll: "Show whole graph", openAll: "Open all series",
      closeAll: "Close all", seriesTitle: "Series over time", focus: "Focus here", openPoints: "Open its points",
      closePoints: "Close its points", center: "Centre", sources: "Where it comes from", properties: "Properties",
      relations: "Relations", nodes: "nodes", edges: "edges", of: "of", shown: "shown", focused: "focus on",
      points: "points", noResults: "nothing found", article: "article", status: "status", curation: "curation",
      instances: "instances in the data", introTitle: "China's pension system as a knowledge graph",
      intro: "Schemes, reforms, agencies, people and articles, and the statistics reported about them. " +
        "Click a node to see its properties and, for a figure, the sentence it came from. Blue circles are " +
        "statistical series: open one to see its points. Scroll to zoom, drag to pan.",
      introOnto: "The classes of the ontology. A grey line leads from a class to its superclass; an orange, " +
        "labelled line is a property from its domain to its range (a small arrowhead shows the direction). " +
        "Click a class for its definition and properties.",
      series: "series", chartOf: "", unitLabel: "unit", thisPoint: "this point",
    },
    zh: {
      tabGraph: "图谱", tabOnto: "本体", search: "搜索名称…", legend: "类别", all: "全部", none: "清空",
      explore: "浏览", depth: "聚焦深度", showAll: "显示全图", openAll: "展开全部序列", closeAll: "全部收起",
      seriesTitle: "时间序列", focus: "聚焦此处", openPoints: "展开数据点", closePoints: "收起数据点",
      center: "居中", sources: "数据来源", properties: "属性", relations: "关系", nodes: "个节点", edges: "条边",
      of: "/", shown: "已显示", focused: "聚焦", points: "个数据点", noResults: "未找到", article: "报道",
      status: "状态", curation: "人工审校", instances: "数据中的实例数", introTitle: "中国养老金体系知识图谱",
      intro: "社会保障项目、改革、机构、人物与新闻报道，以及报道中的统计数据。点击节点查看属性；点击数据可查看其出处原句。" +
        "蓝色圆点是统计序列，展开后显示各数据点。滚轮缩放，拖动平移。",
      introOnto: "本体中的类：灰线由子类指向父类；橙色带标签的连线是从定义域指向值域的属性（小箭头表示方向）。点击类查看定义与属性。",
      series: "序列", chartOf: "", unitLabel: "单位", thisPoint: "所选数据点",
    },
  };
  const STATUS_ZH = { reported: "报道", derived: "推导", ambiguous: "存疑", unclassified: "未归类", curated: "人工审校" };
  const statusName = (st) => (S.lang === "zh" ? STATUS_ZH[st] || st : st);
  const LABEL_FONT = "11px helvetica, arial, sans-serif";

  const S = { lang: DATA.lang || "en", tab: "graph", ready: false, views: {} };
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const t = (k) => (T[S.lang] && T[S.lang][k]) || T.en[k] || k;
  const measureCtx = document.createElement("canvas").getContext("2d");
  measureCtx.font = LABEL_FONT;
  const widthCache = new Map();
  function textWidth(s) {
    let w = widthCache.get(s);
    if (w === undefined) { w = measureCtx.measureText(s).width; widthCache.set(s, w); }
    return w;
  }
  function short(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }

  /* ---------------------------------------------------------------------------- one drawn graph */

  class GraphView {
    constructor(name, model) {
      this.name = name;
      this.m = model;
      const n = model.nodes.id.length;
      this.n = n;
      this.hidden = new Set();          // class indices switched off in the legend
      this.open = new Set();            // series node indices whose points are drawn
      this.focus = null;                // Set of node indices, or null
      this.selected = -1;
      this.visible = [];                // node indices drawn, in draw order
      this.rowOf = new Int32Array(n).fill(-1);
      // adjacency over all edges (member edges included), for focus and highlighting
      this.adj = Array.from({ length: n }, () => []);
      const E = model.edges;
      for (let k = 0; k < E.s.length; k++) {
        this.adj[E.s[k]].push(k);
        this.adj[E.t[k]].push(k);
      }
      this.fitted = false;
      const ranks = Array.from(model.nodes.rank).sort((a, b) => b - a);
      this.strong = ranks.length ? ranks[Math.floor(ranks.length * 0.12)] : Infinity;
      model.classes.forEach((c, ci) => { if (c.off) this.hidden.add(ci); });
    }

    bind(doc) {
      const get = (s) => doc.get_model_by_name(`${this.name}${s}`);
      this.fig = get("");
      this.src = { nodes: get("-nodes"), edges: get("-edges"), hl: get("-hl"), arrows: get("-arrows"),
        labels: get("-labels"), elabels: get("-elabels"), emid: get("-emid") };
    }

    label(i) { return S.lang === "zh" ? this.m.nodes.zh[i] : this.m.nodes.en[i]; }
    shortLabel(i) { return (S.lang === "zh" ? this.m.nodes.short_zh[i] : this.m.nodes.short_en[i]) || this.label(i); }
    clsOf(i) { return this.m.classes[this.m.nodes.cls[i]]; }
    clsName(i) { const c = this.clsOf(i); return S.lang === "zh" ? c.zh : c.en; }
    predName(p) { const q = this.m.preds[p]; return S.lang === "zh" ? q[1] : q[0]; }

    eligible(i) {
      // drawn if its class is on and, for a point, its series is open (focus applied separately)
      const s = this.m.nodes.series[i];
      if (s >= 0 && !this.open.has(s)) return false;
      return !this.hidden.has(this.m.nodes.cls[i]);
    }

    isVisible(i) { return this.rowOf[i] >= 0; }

    computeVisible() {
      const out = [];
      this.rowOf.fill(-1);
      for (let i = 0; i < this.n; i++) {
        if (!this.eligible(i)) continue;
        if (this.focus && !this.focus.has(i)) continue;
        this.rowOf[i] = out.length;
        out.push(i);
      }
      this.visible = out;
    }

    neighbours(i) {
      const E = this.m.edges, out = [];
      for (const k of this.adj[i]) {
        const j = E.s[k] === i ? E.t[k] : E.s[k];
        if (this.isVisible(j)) out.push([j, k]);
      }
      return out;
    }

    ball(start, depth) {
      const seen = new Set([start]);
      let frontier = [start];
      const E = this.m.edges;
      for (let d = 0; d < depth; d++) {
        const next = [];
        for (const i of frontier) {
          for (const k of this.adj[i]) {
            const j = E.s[k] === i ? E.t[k] : E.s[k];
            if (!seen.has(j) && this.eligible(j)) { seen.add(j); next.push(j); }
          }
        }
        frontier = next;
      }
      return seen;
    }

    render() {
      this.computeVisible();
      const N = this.m.nodes, E = this.m.edges, vis = this.visible;
      const sel = this.selected >= 0 && this.isVisible(this.selected) ? this.selected : -1;
      const near = new Set();
      if (sel >= 0) { near.add(sel); for (const [j] of this.neighbours(sel)) near.add(j); }
      const nd = { x: [], y: [], marker: [], color: [], size: [], alpha: [], line: [], lw: [], idx: [], label: [], cls: [] };
      // thousands of markers at full size would cover each other: shrink them with the crowd
      const { W, H } = this.frame();
      const f = Math.max(0.35, Math.min(1, Math.sqrt((W * H) / (Math.max(vis.length, 1) * 1100))));
      this.sizeFactor = f;
      for (const i of vis) {
        const c = this.clsOf(i);
        nd.x.push(N.x[i]); nd.y.push(N.y[i]); nd.marker.push(c.marker); nd.color.push(c.color);
        nd.size.push(i === sel ? N.size[i] * f + 6 : N.size[i] * f);
        nd.alpha.push(sel < 0 || near.has(i) ? 1.0 : 0.28);
        nd.line.push(i === sel ? "#111111" : "#ffffff"); nd.lw.push(i === sel ? 2.5 : 1.2);
        nd.idx.push(i); nd.label.push(this.label(i)); nd.cls.push(this.clsName(i));
      }
      const ed = { x0: [], y0: [], x1: [], y1: [], color: [], alpha: [], width: [] };
      const hl = { x0: [], y0: [], x1: [], y1: [], color: [], alpha: [], width: [] };
      const ar = { x0: [], y0: [], x1: [], y1: [], color: [] };
      this.edgeCount = 0;
      const onto = this.name === "onto";
      for (let k = 0; k < E.s.length; k++) {
        const a = E.s[k], b = E.t[k];
        if (!this.isVisible(a) || !this.isVisible(b)) continue;
        this.edgeCount++;
        const touching = sel >= 0 && (a === sel || b === sel);
        const target = touching ? hl : ed;
        target.x0.push(N.x[a]); target.y0.push(N.y[a]); target.x1.push(N.x[b]); target.y1.push(N.y[b]);
        const sub = onto && E.p[k] === 0;
        target.color.push(touching ? "#33404f" : E.member[k] ? "#9ecae1" : sub ? "#8d99a6" : onto ? "#c17d3c" : "#a3adb8");
        target.alpha.push(touching ? 0.95 : sel >= 0 ? 0.18 : onto ? 0.8 : 0.55);
        target.width.push(touching ? 2.2 : onto && !sub ? 1.4 : 1.0);
        if (onto || touching) {
          // a small head at 58% of the edge says which way the relation reads
          const fx = N.x[a] + (N.x[b] - N.x[a]) * 0.55, fy = N.y[a] + (N.y[b] - N.y[a]) * 0.55;
          const tx = N.x[a] + (N.x[b] - N.x[a]) * 0.58, ty = N.y[a] + (N.y[b] - N.y[a]) * 0.58;
          ar.x0.push(fx); ar.y0.push(fy); ar.x1.push(tx); ar.y1.push(ty);
          ar.color.push(touching ? "#33404f" : sub ? "#8d99a6" : "#c17d3c");
        }
      }
      this.near = near;
      this.src.nodes.data = nd;
      this.src.nodes.selected.indices = sel >= 0 ? [this.rowOf[sel]] : [];
      this.src.edges.data = ed;
      this.src.hl.data = hl;
      this.src.arrows.data = ar;
      if (!this.fitted) { this.fit(vis); this.fitted = true; }
      this.relabel();
      updateStatus();
    }

    frame() {
      const f = this.fig;
      return { W: f.inner_width || 600, H: f.inner_height || 400, x0: f.x_range.start, x1: f.x_range.end,
        y0: f.y_range.start, y1: f.y_range.end };
    }

    fit(indices, pad) {
      const N = this.m.nodes;
      if (!indices.length) return;
      let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      for (const i of indices) {
        x0 = Math.min(x0, N.x[i]); x1 = Math.max(x1, N.x[i]); y0 = Math.min(y0, N.y[i]); y1 = Math.max(y1, N.y[i]);
      }
      const { W, H } = this.frame();
      const span = Math.max(x1 - x0, y1 - y0, 60);
      const px = pad === undefined ? 0.09 : pad;
      let w = Math.max(x1 - x0, 60) + span * px * 2, h = Math.max(y1 - y0, 60) + span * px * 2 + span * 0.03;
      // same data units per pixel on both axes, so the layout is not squashed
      if (w / W > h / H) h = w * H / W; else w = h * W / H;
      const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2 - span * 0.015;
      this.setRanges(cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2);
    }

    setRanges(a, b, c, d) {
      const xr = this.fig.x_range, yr = this.fig.y_range;
      xr.setv({ start: a, end: b, reset_start: a, reset_end: b });
      yr.setv({ start: c, end: d, reset_start: c, reset_end: d });
    }

    centerOn(i) {
      const { x0, x1, y0, y1 } = this.frame();
      const N = this.m.nodes, w = x1 - x0, h = y1 - y0;
      const inside = N.x[i] > x0 + w * 0.1 && N.x[i] < x1 - w * 0.1 && N.y[i] > y0 + h * 0.1 && N.y[i] < y1 - h * 0.1;
      if (inside) return;
      this.fig.x_range.setv({ start: N.x[i] - w / 2, end: N.x[i] + w / 2 });
      this.fig.y_range.setv({ start: N.y[i] - h / 2, end: N.y[i] + h / 2 });
    }

    /* Labels: the most important nodes in view first, each placed below (or above, or beside) its
     * marker where it overlaps no label already placed and no other marker; the rest wait for zoom. */
    relabel() {
      if (!this.src) return;
      const { W, H, x0, x1, y0, y1 } = this.frame();
      const N = this.m.nodes, E = this.m.edges;
      const sx = W / (x1 - x0), sy = H / (y1 - y0);
      const px = (x) => (x - x0) * sx, py = (y) => H - (y - y0) * sy;   // screen, y down
      const inView = [];
      for (const i of this.visible) {
        const X = px(N.x[i]), Y = py(N.y[i]);
        if (X >= -20 && X <= W + 20 && Y >= -10 && Y <= H + 10) inView.push(i);
      }
      const CELL = 64, grid = new Map();
      const key = (cx, cy) => cx * 73856093 ^ cy * 19349663;
      const boxes = [];
      const add = (b, isLabel) => {
        b[5] = !!isLabel;
        boxes.push(b);
        for (let cx = Math.floor(b[0] / CELL); cx <= Math.floor(b[2] / CELL); cx++)
          for (let cy = Math.floor(b[1] / CELL); cy <= Math.floor(b[3] / CELL); cy++) {
            const k = key(cx, cy); let l = grid.get(k); if (!l) { l = []; grid.set(k, l); } l.push(b);
          }
      };
      const hits = (b) => {
        for (let cx = Math.floor(b[0] / CELL); cx <= Math.floor(b[2] / CELL); cx++)
          for (let cy = Math.floor(b[1] / CELL); cy <= Math.floor(b[3] / CELL); cy++) {
            const l = grid.get(key(cx, cy)); if (!l) continue;
            for (const o of l) if (b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1] && o[4] !== b[4]) return true;
          }
        return false;
      };
      const hitsLabel = (b) => {
        for (let cx = Math.floor(b[0] / CELL); cx <= Math.floor(b[2] / CELL); cx++)
          for (let cy = Math.floor(b[1] / CELL); cy <= Math.floor(b[3] / CELL); cy++) {
            const l = grid.get(key(cx, cy)); if (!l) continue;
            for (const o of l) if (o[5] && b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]) return true;
          }
        return false;
      };
      // markers are obstacles (small graphs in view only: in a dense crowd they would veto every label)
      if (inView.length < 900) {
        for (const i of inView) {
          const X = px(N.x[i]), Y = py(N.y[i]), r = N.size[i] * (this.sizeFactor || 1) / 2;
          add([X - r, Y - r, X + r, Y + r, i]);
        }
      }
      const sel = this.selected, near = this.near || new Set();
      const prio = (i) => (i === sel ? 1e9 : near.has(i) ? 1e6 + N.rank[i] : N.rank[i]);
      inView.sort((a, b) => prio(b) - prio(a));
      const out = { x: [], y: [], text: [], xo: [], yo: [], ta: [] };
      const budget = Math.max(40, Math.round(W * H / 5200));
      let placed = 0;
      const placeNode = (i) => {
        const text = i === sel ? short(this.label(i), 70) : this.shortLabel(i);
        const w = textWidth(text) + 6, h = 14, r = N.size[i] * (this.sizeFactor || 1) / 2;
        const X = px(N.x[i]), Y = py(N.y[i]);
        // candidate offsets (screen px, y down) of the label centre: below, above, right, left, corners
        const cands = [[0, r + 9], [0, -(r + 9)], [r + 4 + w / 2, 0], [-(r + 4 + w / 2), 0],
          [r + w / 2, r + 7], [-(r + w / 2), r + 7], [r + w / 2, -(r + 7)], [-(r + w / 2), -(r + 7)]];
        // important nodes may cover a marker (never a label) rather than go unnamed
        const passes = N.rank[i] >= this.strong || i === sel || near.has(i) ? [false, true] : [false];
        for (const loose of passes) {
          for (const [dx, dy] of cands) {
            const cx = X + dx, cy = Y + dy;
            const b = [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, i, true];
            if (b[0] < 0 || b[2] > W || b[1] < 0 || b[3] > H) continue;
            if (loose ? hitsLabel(b) : hits(b)) continue;
            add(b, true);
            out.x.push(N.x[i]); out.y.push(N.y[i]); out.text.push(text); out.xo.push(dx); out.yo.push(-dy);
            out.ta.push(sel < 0 || near.has(i) ? 1 : 0.45);
            placed++;
            return;
          }
        }
      };
      // Order: the selected node's name, then the names of its relations (or, in the ontology, of the
      // properties: a line's label has one place, a node's has eight), then everything else by rank.
      let start = 0;
      if (sel >= 0 && inView[0] === sel) { placeNode(sel); start = 1; }
      const el = { x: [], y: [], text: [], xo: [], yo: [] };
      const mid = { x: [], y: [], text: [] };  // every named edge, drawn or not, for the hover
      const want = [];
      if (sel >= 0 && this.isVisible(sel)) for (const [, k] of this.neighbours(sel)) want.push(k);
      else if (this.name === "onto") for (let k = 0; k < E.s.length; k++) if (E.p[k] !== 0) want.push(k);
      for (const k of want) {
        const a = E.s[k], b = E.t[k];
        if (!this.isVisible(a) || !this.isVisible(b)) continue;
        const mx = (N.x[a] + N.x[b]) / 2, my = (N.y[a] + N.y[b]) / 2;
        mid.x.push(mx); mid.y.push(my); mid.text.push(this.predName(E.p[k]));
        const X = px(mx), Y = py(my);
        const text = short(this.predName(E.p[k]), 28), w = textWidth(text) * 0.92 + 4, h = 12;
        const bx = [X - w / 2, Y - h / 2, X + w / 2, Y + h / 2, -1 - k];
        if (bx[0] < 0 || bx[2] > W || bx[1] < 0 || bx[3] > H || hits(bx)) continue;
        add(bx, true);
        el.x.push(mx); el.y.push(my); el.text.push(text); el.xo.push(0); el.yo.push(0);
      }
      for (let k = start; k < inView.length && placed < budget; k++) placeNode(inView[k]);
      this.labelled = out.text.length;
      this.labelBoxes = boxes.filter((b) => b[5]);
      this.src.labels.data = out;
      this.src.elabels.data = el;
      if (this.src.emid) this.src.emid.data = mid;
    }

    select(i) {
      this.selected = i;
      this.render();
    }
  }

  /* -------------------------------------------------------------------------------- the page */

  function view() { return S.views[S.tab]; }

  function updateStatus() {
    const v = S.views.graph;
    if (!v || !v.src) return;
    const cur = view();
    const total = cur.n;
    let text = `${cur.visible.length} ${t("nodes")} · ${cur.edgeCount} ${t("edges")} ${t("shown")}`;
    if (cur.name === "graph") text += ` (${t("of")} ${total})`;
    if (cur.focus && cur.selected >= 0) text += ` · ${t("focused")} ${short(cur.label(cur.focusRoot ?? cur.selected), 40)}`;
    $("status").textContent = text;
    $("status").dataset.nodes = String(cur.visible.length);
    $("status").dataset.edges = String(cur.edgeCount);
  }

  function icon(marker, color, size) {
    const s = size || 14, h = s / 2, r = s / 2 - 1.5;
    let shape;
    const pts = (arr) => arr.map(([x, y]) => `${(h + x * r).toFixed(1)},${(h + y * r).toFixed(1)}`).join(" ");
    switch (marker) {
      case "square": shape = `<rect x="${h - r * 0.8}" y="${h - r * 0.8}" width="${r * 1.6}" height="${r * 1.6}"/>`; break;
      case "square_pin": shape = `<rect x="${h - r * 0.8}" y="${h - r * 0.8}" width="${r * 1.6}" height="${r * 1.6}" rx="1"/>`; break;
      case "diamond": shape = `<polygon points="${pts([[0, -1], [0.75, 0], [0, 1], [-0.75, 0]])}"/>`; break;
      case "triangle": case "triangle_pin": shape = `<polygon points="${pts([[0, -1], [0.9, 0.7], [-0.9, 0.7]])}"/>`; break;
      case "inverted_triangle": shape = `<polygon points="${pts([[0, 1], [0.9, -0.7], [-0.9, -0.7]])}"/>`; break;
      case "hex": shape = `<polygon points="${pts([[1, 0], [0.5, 0.87], [-0.5, 0.87], [-1, 0], [-0.5, -0.87], [0.5, -0.87]])}"/>`; break;
      case "star": {
        const a = [];
        for (let k = 0; k < 10; k++) {
          const ang = -Math.PI / 2 + k * Math.PI / 5, rr = k % 2 ? 0.45 : 1;
          a.push([Math.cos(ang) * rr, Math.sin(ang) * rr]);
        }
        shape = `<polygon points="${pts(a)}"/>`; break;
      }
      default: shape = `<circle cx="${h}" cy="${h}" r="${r * 0.85}"/>`;
    }
    return `<svg class="icon" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}"><g fill="${color}" stroke="#fff" stroke-width="0.8">${shape}</g></svg>`;
  }

  function buildLegend() {
    const v = view();
    const ul = $("legend");
    ul.innerHTML = "";
    v.m.classes.forEach((c, ci) => {
      const li = document.createElement("li");
      li.dataset.cls = c.key;
      li.className = v.hidden.has(ci) ? "off" : "";
      li.innerHTML = `<input type="checkbox" ${v.hidden.has(ci) ? "" : "checked"} aria-label="${esc(c.en)}">` +
        `${icon(c.marker, c.color)}<span class="name">${esc(S.lang === "zh" ? c.zh : c.en)}</span><span class="n">${c.count}</span>`;
      li.addEventListener("click", (ev) => {
        if (v.hidden.has(ci)) v.hidden.delete(ci); else v.hidden.add(ci);
        if (ev.target.tagName !== "INPUT") ev.preventDefault();
        buildLegend();
        v.render();
        if (v.selected >= 0 && !v.isVisible(v.selected)) showDetails(-1);
      });
      ul.appendChild(li);
    });
  }

  function buildSeriesList() {
    const v = S.views.graph, ul = $("series-list");
    ul.innerHTML = "";
    const rows = v.m.series.filter((s) => s.points.length > 1);
    $("series-section").hidden = rows.length === 0;
    rows.sort((a, b) => b.points.length - a.points.length);
    for (const s of rows.slice(0, 60)) {
      const li = document.createElement("li");
      li.innerHTML = `${esc(v.label(s.node))} <span class="n">(${s.points.length})</span>`;
      li.addEventListener("click", () => selectNode(s.node, true));
      ul.appendChild(li);
    }
  }

  function applyI18n() {
    document.documentElement.lang = S.lang === "zh" ? "zh-Hans" : "en";
    const title = DATA.title[S.lang === "zh" ? 1 : 0];
    $("title").textContent = title;
    document.title = title;
    document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
    $("lang-en").classList.toggle("active", S.lang === "en");
    $("lang-zh").classList.toggle("active", S.lang === "zh");
  }

  function setLang(lang) {
    S.lang = lang;
    applyI18n();
    widthCache.clear();
    for (const v of Object.values(S.views)) v.render();
    buildLegend();
    buildSeriesList();
    showDetails(view().selected);
  }

  function setTab(tab) {
    S.tab = tab;
    document.querySelectorAll(".tab").forEach((b) => b.classList.toggle("active", b.dataset.tab === tab));
    $("view-graph").classList.toggle("active", tab === "graph");
    $("view-onto").classList.toggle("active", tab === "onto");
    $("graph-tools").hidden = tab !== "graph";
    $("series-section").hidden = tab !== "graph";
    buildLegend();
    const v = view();
    v.render();
    showDetails(v.selected);
  }

  /* select a node: open its series, switch its class on, leave a focus that hides it, show it */
  function selectNode(i, center) {
    const v = view();
    if (i < 0) { v.select(-1); showDetails(-1); return; }
    const s = v.m.nodes.series[i];
    if (s >= 0) v.open.add(s);
    const ci = v.m.nodes.cls[i];
    if (v.hidden.has(ci)) { v.hidden.delete(ci); buildLegend(); }
    if (v.focus && !v.focus.has(i)) { v.focus = null; v.focusRoot = null; }
    v.select(i);
    if (center) v.centerOn(i);
    showDetails(i);
  }

  function focusOn(i) {
    const v = view();
    const depth = parseInt($("depth").value, 10) || 2;
    v.focus = v.ball(i, depth);
    v.focusRoot = i;
    v.selected = i;
    v.render();
    v.fit(v.visible);
    showDetails(i);
  }

  function unfocus() {
    const v = view();
    v.focus = null; v.focusRoot = null;
    v.render();
    v.fit(v.visible);
  }

  function setOpen(v, s, open) {
    if (open) v.open.add(s); else v.open.delete(s);
    v.render();
  }

  function statusBadge(st) {
    if (!st) return "";
    return `<span class="status ${esc(st)}" data-status="${esc(st)}">${esc(S.lang === "zh" ? (STATUS_ZH[st] || st) : st)}</span>`;
  }

  function factHtml(f, v) {
    const a = Math.max(0, Math.min(f.hl[0], f.sentence.length)), b = Math.max(a, Math.min(f.hl[1], f.sentence.length));
    const sentence = esc(f.sentence.slice(0, a)) + `<mark>${esc(f.sentence.slice(a, b))}</mark>` + esc(f.sentence.slice(b));
    const doc = f.doc >= 0
      ? `<span class="rel" data-node="${f.doc}">${esc(short(f.docTitle || f.docIri, 90))}</span>`
      : esc(short(f.docTitle || f.docIri, 90));
    const notes = [];
    if (f.note) notes.push(esc(f.note));
    for (const c of f.curation || []) notes.push(`${t("curation")}: ${esc(c)}`);
    return `<div class="fact"><blockquote>${sentence}</blockquote>` +
      `<div class="src">${t("article")}: ${doc}${f.date ? " · " + esc(f.date) : ""} · ${statusBadge(f.status)}</div>` +
      (notes.length ? `<div class="note">${notes.join("<br>")}</div>` : "") + `</div>`;
  }

  function propsHtml(rows, v) {
    if (!rows.length) return "";
    const body = rows.map(([pen, pzh, en, zh, link]) => {
      const val = S.lang === "zh" ? (zh || en) : (en || zh);
      const cell = link >= 0 ? `<span class="rel" data-node="${link}">${esc(short(val, 120))}</span>` : esc(val);
      return `<tr><td>${esc(S.lang === "zh" ? pzh : pen)}</td><td>${cell}</td></tr>`;
    }).join("");
    return `<h2>${t("properties")}</h2><table class="props">${body}</table>`;
  }

  function relationsHtml(i, v) {
    const E = v.m.edges, rows = [];
    const seen = new Set();
    for (const k of v.adj[i]) {
      const out = E.s[k] === i, j = out ? E.t[k] : E.s[k];
      if (E.member[k] && v.m.nodes.series[j] >= 0 && !v.open.has(v.m.nodes.series[j]) && v.m.nodes.series[i] < 0) continue;
      const key = `${out}|${E.p[k]}|${j}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push([out, v.predName(E.p[k]), j]);
    }
    if (!rows.length) return "";
    rows.sort((a, b) => (a[0] === b[0] ? a[1].localeCompare(b[1]) : a[0] ? -1 : 1));
    const shown = rows.slice(0, 80).map(([out, p, j]) =>
      `<tr><td>${out ? "" : "← "}${esc(p)}${out ? " →" : ""}</td><td><span class="rel" data-node="${j}">${esc(short(v.label(j), 90))}</span></td></tr>`).join("");
    return `<h2>${t("relations")} (${rows.length})</h2><table class="props">${shown}</table>`;
  }

  function seriesOf(v, i) {
    if (v.name !== "graph") return null;
    const node = v.m.nodes.series[i] >= 0 ? v.m.nodes.series[i] : i;
    return v.m.series.find((s) => s.node === node) || null;
  }

  function showChart(series, v, mark) {
    const box = $("chart-box");
    if (!series || series.points.length < 2 || !S.chart) { box.hidden = true; return; }
    box.hidden = false;
    const pts = series.points;
    const unit = S.lang === "zh" ? series.unit[1] : series.unit[0];
    const fmt = (y) => (Math.abs(y) >= 1e4 ? y.toLocaleString("en-US") : String(y));
    const line = { x: [], y: [] };
    let last = null;
    for (const p of pts) { if (p.x !== last) { line.x.push(p.x); line.y.push(p.y); last = p.x; } }
    S.chart.line.data = line;
    S.chart.pts.data = {
      x: pts.map((p) => p.x), y: pts.map((p) => p.y), period: pts.map((p) => p.period),
      value: pts.map((p) => `${fmt(p.y)} ${unit}`), status: pts.map((p) => statusName(p.status)),
      color: pts.map((p) => (p.node === mark ? "#d62728" : p.status === "derived" ? "#9467bd" : "#1f77b4")),
      kind: pts.map((p) => (p.node === mark ? t("thisPoint") : statusName(p.status))),
    };
    $("chart-title").textContent = v.label(series.node) + (!unit ? "" : S.lang === "zh" ? `（${unit}）` : ` (${unit})`);
    S.chart.fig.left[0].axis_label = unit;
    // explicit ranges with a margin (a DataRange1d would warn while the chart is still empty)
    const xs = pts.map((p) => p.x), ys = pts.map((p) => p.y);
    const xa = Math.min(...xs), xb = Math.max(...xs), ya = Math.min(...ys), yb = Math.max(...ys);
    const dx = (xb - xa) * 0.08 || 864e5 * 60, dy = (yb - ya) * 0.12 || Math.abs(yb) * 0.1 || 1;
    S.chart.fig.x_range.setv({ start: xa - dx, end: xb + dx, reset_start: xa - dx, reset_end: xb + dx });
    S.chart.fig.y_range.setv({ start: ya - dy, end: yb + dy, reset_start: ya - dy, reset_end: yb + dy });
  }

  function showDetails(i) {
    const v = view();
    const info = $("info"), more = $("more");
    if (i < 0 || i === undefined) {
      info.innerHTML = `<div class="intro"><h1>${esc(S.tab === "graph" ? t("introTitle") : t("tabOnto"))}</h1>` +
        `<p>${esc(S.tab === "graph" ? t("intro") : t("introOnto"))}</p></div>`;
      more.innerHTML = "";
      showChart(null);
      return;
    }
    const c = v.clsOf(i), d = v.m.details[i] || { props: [], facts: [] };
    const other = S.lang === "zh" ? v.m.nodes.en[i] : v.m.nodes.zh[i];
    const isSeries = v.name === "graph" && c.key === "Series";
    let actions = `<button data-act="focus">${t("focus")}</button><button data-act="center">${t("center")}</button>`;
    if (isSeries) actions += `<button data-act="toggle">${v.open.has(i) ? t("closePoints") : t("openPoints")}</button>`;
    info.innerHTML = `<span class="badge" style="background:${c.color}">${esc(S.lang === "zh" ? c.zh : c.en)}</span> ` +
      statusBadge(d.status) +
      `<h1 id="detail-title">${esc(v.label(i))}</h1>` +
      (other && other !== v.label(i) ? `<p class="alt">${esc(other)}</p>` : "") +
      (d.iri ? `<div class="iri">${esc(d.iri)}</div>` : "") +
      (d.count !== undefined ? `<p class="alt">${t("instances")}: ${d.count}</p>` : "") +
      `<div class="actions">${actions}</div>`;
    const facts = d.facts || [];
    let html = "";
    if (facts.length) html += `<h2>${t("sources")} (${facts.length})</h2>` + facts.map((f) => factHtml(f, v)).join("");
    html += propsHtml(d.props || [], v);
    html += relationsHtml(i, v);
    more.innerHTML = html;
    showChart(seriesOf(v, i), v, i);
    info.querySelectorAll("button[data-act]").forEach((b) => b.addEventListener("click", () => {
      const act = b.dataset.act;
      if (act === "focus") focusOn(i);
      else if (act === "center") { v.centerOn(i); }
      else if (act === "toggle") { setOpen(v, i, !v.open.has(i)); showDetails(i); }
    }));
  }

  function onLinkClick(ev) {
    const el = ev.target.closest("[data-node]");
    if (!el) return;
    selectNode(parseInt(el.dataset.node, 10), true);
  }

  /* ------------------------------------------------------------------------------- search */

  function search(q) {
    const v = view(), N = v.m.nodes;
    q = q.trim().toLowerCase();
    if (!q) return [];
    const scored = [];
    for (let i = 0; i < v.n; i++) {
      const en = N.en[i].toLowerCase(), zh = N.zh[i].toLowerCase();
      let s = -1;
      if (en === q || zh === q) s = 3;
      else if (en.startsWith(q) || zh.startsWith(q)) s = 2;
      else if (en.includes(q) || zh.includes(q) || N.id[i].toLowerCase().endsWith(q)) s = 1;
      if (s >= 0) scored.push([s * 1000 + N.rank[i], i]);
    }
    scored.sort((a, b) => b[0] - a[0]);
    return scored.slice(0, 12).map((x) => x[1]);
  }

  function showResults() {
    const v = view(), ul = $("results"), q = $("search").value;
    const hits = search(q);
    S.hits = hits;
    if (!q.trim()) { ul.hidden = true; return; }
    ul.innerHTML = hits.length
      ? hits.map((i, k) => `<li data-node="${i}" class="${k === 0 ? "hit" : ""}">${icon(v.clsOf(i).marker, v.clsOf(i).color, 12)}` +
        `<span>${esc(short(v.label(i), 70))}</span><span class="cls">${esc(v.clsName(i))}</span></li>`).join("")
      : `<li class="none">${t("noResults")}</li>`;
    ul.hidden = false;
  }

  function pick(i) {
    $("results").hidden = true;
    selectNode(i, true);
  }

  /* -------------------------------------------------------------------------------- wiring */

  function boot() {
    if (S.ready) return;
    const doc = window.Bokeh && Bokeh.documents && Bokeh.documents[0];
    if (!doc || !doc.get_model_by_name("graph")) { setTimeout(boot, 20); return; }
    S.ready = true;
    S.views.graph = new GraphView("graph", DATA.graph);
    S.views.onto = new GraphView("onto", DATA.ontology);
    for (const v of Object.values(S.views)) v.bind(doc);
    S.chart = { fig: doc.get_model_by_name("chart"), line: doc.get_model_by_name("chart-line"), pts: doc.get_model_by_name("chart-pts") };
    applyI18n();
    document.querySelectorAll(".tab").forEach((b) => b.addEventListener("click", () => setTab(b.dataset.tab)));
    document.querySelectorAll("#lang button").forEach((b) => b.addEventListener("click", () => setLang(b.dataset.lang)));
    $("cls-all").addEventListener("click", (e) => { e.preventDefault(); view().hidden.clear(); buildLegend(); view().render(); });
    $("cls-none").addEventListener("click", (e) => {
      e.preventDefault(); const v = view(); v.m.classes.forEach((_, ci) => v.hidden.add(ci)); buildLegend(); v.render();
    });
    $("unfocus").addEventListener("click", unfocus);
    $("open-all").addEventListener("click", () => { const v = S.views.graph; v.m.series.forEach((s) => v.open.add(s.node)); v.render(); });
    $("close-all").addEventListener("click", () => { const v = S.views.graph; v.open.clear(); v.render(); });
    $("details").addEventListener("click", onLinkClick);
    const input = $("search");
    input.addEventListener("input", showResults);
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") { const h = search(input.value); if (h.length) pick(h[0]); }
      if (e.key === "Escape") { $("results").hidden = true; }
    });
    $("results").addEventListener("click", (e) => { const li = e.target.closest("li[data-node]"); if (li) pick(parseInt(li.dataset.node, 10)); });
    document.addEventListener("click", (e) => { if (!e.target.closest("#search-box")) $("results").hidden = true; });
    buildLegend();
    buildSeriesList();
    S.views.onto.render();
    const g = S.views.graph;
    g.render();
    if (DATA.focus >= 0) { g.selected = DATA.focus; g.render(); showDetails(DATA.focus); } else showDetails(-1);
    requestAnimationFrame(() => requestAnimationFrame(() => {
      window.PKG.firstDraw = performance.now();
      document.body.dataset.ready = "1";
    }));
  }

  let pending = {};
  window.PKG = {
    data: DATA,
    state: S,
    boot,
    onTap(name, rows) {
      const v = S.views[name];
      if (!v || !v.src || S.tab !== name || v.tapping) return;
      const nodes = v.src.nodes.data.idx;
      const row = rows && rows.length ? rows[rows.length - 1] : -1;
      const i = row >= 0 ? nodes[row] : -1;
      if (i === v.selected) return;
      v.tapping = true;
      try { selectNode(i, false); } finally { v.tapping = false; }
    },
    onRange(name) {
      const v = S.views[name];
      if (!v || !v.src || pending[name]) return;
      pending[name] = true;
      requestAnimationFrame(() => { pending[name] = false; v.relabel(); });
    },
    // for tests and benchmarks: what is drawn, and where a node is on the screen
    drawn(name) { const v = S.views[name || "graph"]; return v.src.nodes.data.x.length; },
    labels(name) { const v = S.views[name || "graph"]; return v.src.labels.data.text.slice(); },
    find(label) { const v = S.views.graph; const N = v.m.nodes; for (let i = 0; i < v.n; i++) if (N.en[i] === label || N.zh[i] === label) return i; return -1; },
    screenPos(i, name) {
      const v = S.views[name || "graph"], { W, H, x0, x1, y0, y1 } = v.frame();
      const fv = Bokeh.index.get(v.fig);
      const r = fv.el.getBoundingClientRect(), fb = fv.frame.bbox;
      return { x: r.left + fb.left + (v.m.nodes.x[i] - x0) / (x1 - x0) * W,
        y: r.top + fb.top + H - (v.m.nodes.y[i] - y0) / (y1 - y0) * H };
    },
    labelBoxes(name) { return (S.views[name || "graph"].labelBoxes || []).map((b) => b.slice(0, 4)); },
    select: (i) => selectNode(i, true),
    // back to the page as first drawn (tests reuse one page instead of reloading 1.5 MB each time)
    reset() {
      for (const v of Object.values(S.views)) {
        v.hidden.clear();
        v.m.classes.forEach((c, ci) => { if (c.off) v.hidden.add(ci); });
        v.open.clear(); v.focus = null; v.focusRoot = null; v.selected = -1; v.fitted = false;
      }
      $("search").value = ""; $("results").hidden = true; $("depth").value = "2";
      S.tab = "graph";
      setTab("graph");
      setLang(DATA.lang || "en");
      showDetails(-1);
    },
    focusOn, unfocus, setLang, setTab,
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot); else boot();
})();
