"""The HTML report's stylesheet and script, inlined into every page (`render.html`) and allowed
by their hashes in its Content-Security-Policy. The script reads the objects of the page from
the `report-objects` JSON block and shows them in a popover; it fetches nothing."""

CSS = """
:root{--ink:#1f2933;--muted:#6b7785;--line:#e3e7ec;--bg:#f6f7f9;--card:#fff;--accent:#2156a5;
--claim:#fde9a8;--claim-line:#d9a400;--quote:#d6e6fb;--quote-line:#3b78c4;--event:#0f8a6a;
--disputed:#fbd1c7;--disputed-line:#c8472b}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",
Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
code{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#44505c}
h1{font-size:26px;margin:0 0 12px;letter-spacing:-.01em}
h2{font-size:20px;margin:0 0 12px}h3{font-size:15px;margin:22px 0 10px;text-transform:uppercase;
letter-spacing:.05em;color:var(--muted)}h4{margin:18px 0 4px}
.top{padding:28px 40px 20px;background:var(--card);border-bottom:1px solid var(--line)}
.stats{display:flex;flex-wrap:wrap;gap:10px}
.stat{border:1px solid var(--line);border-radius:8px;padding:6px 14px;min-width:92px;background:#fbfcfd}
.stat b{display:block;font-size:20px}.stat span{color:var(--muted);font-size:12px}
.partial{color:#9a3412;font-weight:600}
.layout{display:grid;grid-template-columns:250px minmax(0,1fr);gap:28px;max-width:1320px;margin:0 auto;
padding:24px 32px}
.toc{position:sticky;top:16px;align-self:start;font-size:13.5px;max-height:calc(100vh - 32px);overflow:auto}
.toc h2{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
.toc ol{padding-left:18px;margin:4px 0}.toc li{margin:4px 0}.toc summary{cursor:pointer;color:var(--muted)}
.badge-count{display:inline-block;background:var(--disputed);color:#7a2414;border-radius:9px;padding:0 7px;
font-size:11px;font-weight:600}
main section,details.event{background:var(--card);border:1px solid var(--line);border-radius:10px;
padding:20px 24px;margin-bottom:22px}
#events{background:none;border:0;padding:0}.section-title{margin-left:2px}
details.event>summary{cursor:pointer;list-style:none;display:flex;flex-direction:column;gap:2px}
details.event>summary::-webkit-details-marker{display:none}
details.event>summary h2{margin:0}details.event>summary h2::before{content:"▸ ";color:var(--muted)}
details.event[open]>summary h2::before{content:"▾ "}
.meta{color:var(--muted);font-size:13px}.muted{color:var(--muted)}.small{font-size:12.5px}
.summary{font-size:16.5px;line-height:1.7;margin:0 0 8px}
.cite{font:11px/1 ui-monospace,Menlo,Consolas,monospace;white-space:nowrap;background:#eaf1fb;
border-radius:4px;padding:2px 5px;margin-left:3px;vertical-align:1px}
.cite:hover{background:#d3e3f8;text-decoration:none}
.cite.missing{color:#b42318}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:14px}
th{text-align:left;font-weight:600;color:var(--muted);font-size:12px;text-transform:uppercase;
letter-spacing:.04em;border-bottom:2px solid var(--line);padding:6px 10px}
td{border-bottom:1px solid var(--line);padding:7px 10px;vertical-align:top}
td.num{font-variant-numeric:tabular-nums;text-align:right;white-space:nowrap}td.best{font-weight:700}
.count{font-weight:600}
.headline-event+.headline-event{margin-top:18px}.headline-event h3{margin:0 0 2px}
.headline-event.main h3{color:var(--ink);text-transform:none;letter-spacing:0;font-size:17px}
.conflict{border:1px solid var(--line);border-left:4px solid var(--disputed-line);border-radius:8px;
padding:14px 16px;margin:12px 0;background:#fffdfc}
.conflict header{display:flex;gap:10px;align-items:center;flex-wrap:wrap}
.kind-part_total_tension{border-left-color:#b7791f}.kind-revision{border-left-color:#6b46c1}
.kind-within_document_range{border-left-color:#d97706}
.badge{display:inline-block;font-size:11.5px;font-weight:600;border-radius:4px;padding:1px 8px;
background:#eef1f4;color:#44505c;text-transform:uppercase;letter-spacing:.03em}
.badge.kind{background:var(--disputed);color:#7a2414}.badge.newer{background:#e9ddff;color:#4c1d95}
.badge.claim{background:var(--claim)}.badge.quote{background:var(--quote)}.badge.event{background:#cdeee3}
.why{margin:8px 0 12px;color:#3d4852}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px}
.side{border:1px solid var(--line);border-radius:8px;padding:12px 14px;background:var(--card)}
.figure{font-size:24px;font-weight:700;font-variant-numeric:tabular-nums;margin-bottom:2px}
.source{font-size:13px;color:#3d4852;margin-bottom:8px}
blockquote{margin:8px 0 0;padding:2px 0 2px 12px;border-left:3px solid var(--line);
font-family:Georgia,"Times New Roman",serif;font-size:15px;color:#2d3640}
mark{color:inherit;border-radius:3px;padding:0 1px}.js mark[data-refs],.js .obj{cursor:pointer}
mark.hl-claim{background:var(--claim);box-shadow:inset 0 -2px var(--claim-line)}
mark.hl-quote{background:var(--quote);box-shadow:inset 0 -2px var(--quote-line)}
mark.hl-claim.hl-quote{background:linear-gradient(var(--claim),var(--quote))}
mark.hl-event{background:transparent;border-bottom:2px dotted var(--event);border-radius:0}
mark.hl-event.hl-claim{background:var(--claim)}mark.hl-event.hl-quote{background:var(--quote)}
mark.disputed{background:var(--disputed);box-shadow:inset 0 -2px var(--disputed-line);font-weight:600}
mark:focus,.obj:focus{outline:2px solid var(--accent);outline-offset:1px}
.obj{border-bottom:1px dashed #9aa5b1}
details.claims{margin-top:14px}details.claims>summary{cursor:pointer;color:var(--accent);font-size:14px}
.speaker h3{text-transform:none;letter-spacing:0;color:var(--ink);font-size:15.5px;margin:14px 0 4px}
.speaker ul{margin:0;padding-left:20px}.speaker li{margin:4px 0;font-family:Georgia,serif}
.speaker .quote{border-bottom-color:var(--quote-line)}
.legend mark{cursor:default}
details.document{border-top:1px solid var(--line);padding:10px 0}
details.document>summary{cursor:pointer;font-size:14.5px}
.doc-title{font-weight:700;font-size:17px;margin:12px 0 0}
.article{white-space:pre-wrap;font-family:Georgia,"Times New Roman",serif;font-size:15.5px;line-height:1.7;
max-width:78ch;margin:10px 0 6px;color:#26303a}
.sent{border-radius:3px;transition:background-color .6s}
.sent:target,.sent.flash{background:#fff4c2;outline:2px solid #f0c541}
.ungrounded{border:1px dashed #e2a59a;background:#fff8f6;border-radius:8px;padding:4px 14px 10px;
margin-top:10px;font-size:14px}
.ungrounded ul{padding-left:18px;margin:4px 0}
.warn{color:#b42318;font-weight:600}
footer{max-width:1320px;margin:0 auto 40px;padding:16px 32px;color:var(--muted);font-size:13px;
border-top:1px solid var(--line)}
footer p{margin:4px 0}table.compact{width:auto;font-size:13px}
#popover{position:absolute;z-index:10;width:430px;max-height:360px;overflow:auto;background:#101820;
color:#e6edf3;border-radius:8px;box-shadow:0 10px 30px rgba(0,0,0,.25);padding:10px 12px}
#popover pre{margin:0;font:12px/1.45 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap}
#popover .close{float:right;background:none;border:0;color:#9fb0c0;font-size:18px;cursor:pointer}
@media (max-width:900px){.layout{grid-template-columns:1fr;padding:16px}.toc{position:static}
.top{padding:20px 16px}}
button.more{margin:8px 0;font:inherit;font-size:14px;color:var(--accent);background:#eaf1fb;border:0;
border-radius:6px;padding:6px 12px;cursor:pointer}.conflict-counts{color:#3d4852;margin:0 0 6px}
@media print{.toc,#popover{display:none}.layout{display:block}}
"""

JS = """
(() => {
  "use strict";
  document.documentElement.classList.add("js");  // popovers work: show pointer cursors
  const data = JSON.parse(document.getElementById("report-objects").textContent);
  // A large report's page embeds its data by column and builds its per-claim parts here
  // (render/html_client.py); a small report's page embeds {ref: object} and is complete.
  const client = Array.isArray(data.strings);
  const popover = document.getElementById("popover");
  const pre = popover.querySelector("pre");

  // ---- objects: ref (c3, q0, e1) -> the object as JSON
  const S = client ? data.strings : [];
  function cell(col, i) {
    if (col.s) { const v = col.s[i]; return v === null ? null : S[v]; }
    if (col.r) return col.r[i];
    if (!col.nullSet) col.nullSet = new Set(col.nulls);
    return col.nullSet.has(i) ? null : build(col.o, i);
  }
  function build(spec, i) {
    const o = {};
    spec.keys.forEach((k, n) => { o[k] = cell(spec.cols[n], i); });
    return o;
  }
  function object(ref) {
    if (!client) return Object.prototype.hasOwnProperty.call(data, ref) ? data[ref] : undefined;
    const spec = data.objects[ref.charAt(0)];
    if (!spec || !/^(0|[1-9][0-9]*)$/.test(ref.slice(1))) return undefined;
    const i = Number(ref.slice(1));
    if (i >= spec.n) return undefined;
    return spec.whole ? spec.whole[i] : build(spec, i);
  }
  function show(el) {
    const found = (el.dataset.refs || "").split(" ").map(object).filter((o) => o !== undefined);
    pre.textContent = JSON.stringify(found.length === 1 ? found[0] : found, null, 2);
    const box = el.getBoundingClientRect();
    const maxLeft = window.scrollX + document.documentElement.clientWidth - 446;
    popover.style.left = Math.max(window.scrollX + 8, Math.min(window.scrollX + box.left, maxLeft)) + "px";
    popover.style.top = window.scrollY + box.bottom + 6 + "px";
    popover.hidden = false;
  }

  // ---- the parts a large report's page builds, as render/html.py writes them for a small one
  const clean = (text) => String(text).replace(/[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]/g, "\\ufffd");
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = clean(text);
    return node;
  }
  const humanize = (name) => name.split("_").join(" ");
  function anchorToken(value) {
    let out = "";
    for (const ch of value) {
      out += /^[A-Za-z0-9_.-]$/.test(ch) ? ch : "~" + ch.codePointAt(0).toString(16) + "~";
    }
    return out;
  }
  const sentenceAnchor = (doc, n) => "s-" + anchorToken(doc) + "-" + n;
  function field(kind) {  // (i, key, subkey?) -> a field of object i of that kind, not decoding it all
    const spec = client ? data.objects[kind] : null;
    if (!spec || spec.whole) return (i, key, sub) => {
      const o = spec ? spec.whole[i] : null;
      return o && (sub ? o[key] && o[key][sub] : o[key]);
    };
    const at = new Map(spec.keys.map((k, n) => [k, spec.cols[n]]));
    return (i, key, sub) => {
      const col = at.get(key);
      if (!sub) return cell(col, i);
      if (!col.o) { const v = cell(col, i); return v === null ? null : v[sub]; }
      if (!col.nullSet) col.nullSet = new Set(col.nulls);
      return col.nullSet.has(i) ? null : cell(col.o.cols[col.o.keys.indexOf(sub)], i);
    };
  }
  const C = field("c"), Q = field("q"), E = field("e");
  const docs = client ? data.docs.map(([id, outlet, text, offsets, indices]) => ({
    id: S[id], outlet: S[outlet], text, offsets, indices,
    slice: /[\\ud800-\\udfff]/.test(text)
      ? ((points) => (a, b) => points.slice(a, b).join(""))(Array.from(text))
      : (a, b) => text.slice(a, b),
  })) : [];
  const docById = new Map(docs.map((d) => [d.id, d]));
  const sentenceCount = (d) => d.offsets.length / 2;
  function cite(docId, n) {
    const d = docById.get(docId);
    if (!d || n < 0 || n >= sentenceCount(d)) {
      const span = el("span", "cite missing", "[" + docId + ":" + n + "]");
      span.title = "no such sentence in the report";
      return span;
    }
    const a = el("a", "cite", "[" + docId + ":" + n + "]");
    a.href = "#" + sentenceAnchor(docId, n);
    a.title = clean(d.slice(d.offsets[2 * n], d.offsets[2 * n + 1]));
    return a;
  }
  function claimTitle(i) {
    const place = C(i, "place"), by = C(i, "attributed_to");
    return "claim: " + humanize(C(i, "metric")) + (place ? ", " + place : "") + " = " + S[data.figures[i]] +
      (by ? " (according to " + by + ")" : "");
  }
  function highlight(get, i, kind, title) {
    // A missing span (an event may have none) reads as null start and end.
    const start = get(i, "span", "start"), end = get(i, "span", "end");
    if (get(i, "span", "status") === "ungrounded") return null;
    if (start === null || end === null || start >= end) return null;
    return { start, end, kind, ref: kind.charAt(0) + i, title: title() };
  }
  const KINDS = ["event", "claim", "quote"];
  function mark(marks, piece, extra) {
    const kinds = KINDS.filter((k) => marks.some((m) => m.kind === k));
    const node = el("mark", [...kinds.map((k) => "hl-" + k), ...(extra ? [extra] : [])].join(" "), piece);
    node.setAttribute("data-kind", kinds.join(" "));
    node.setAttribute("data-refs", marks.map((m) => m.ref).join(" "));
    node.setAttribute("title", clean(marks.map((m) => m.title).join("\\n")));
    node.setAttribute("tabindex", "0");
    return node;
  }
  function markup(parent, d, start, end, highlights, sentences, extra) {
    // render.html.markup: segments cut at every boundary, each one <mark> naming all its objects.
    const bounds = new Set([start, end]), opens = new Map(), closes = new Map();
    const add = (map, at, m) => { if (!map.has(at)) map.set(at, []); map.get(at).push(m); };
    for (const m of highlights) {
      const lo = Math.max(m.start, start), hi = Math.min(m.end, end);
      if (lo < hi) { add(opens, lo, m); add(closes, hi, m); bounds.add(lo); bounds.add(hi); }
    }
    const sentenceOpens = new Map(), sentenceCloses = new Set();
    let cursor = start;
    for (const s of [...sentences].sort((a, b) => a.start - b.start)) {
      const lo = Math.max(s.start, cursor, start), hi = Math.min(s.end, end);
      if (lo < hi) {
        sentenceOpens.set(lo, s); sentenceCloses.add(hi); bounds.add(lo); bounds.add(hi); cursor = hi;
      }
    }
    const points = [...bounds].sort((a, b) => a - b);
    const key = (m) => [m.start, m.end, m.kind, m.ref, m.title].join("\\u0000");
    const active = new Map();
    let box = parent;
    for (let n = 0; n + 1 < points.length; n++) {
      const here = points[n];
      if (sentenceCloses.has(here)) box = parent;
      for (const m of closes.get(here) || []) active.delete(key(m));
      for (const m of opens.get(here) || []) if (!active.has(key(m))) active.set(key(m), m);
      const opening = sentenceOpens.get(here);
      if (opening) {
        box = el("span", "sent");
        box.id = sentenceAnchor(d.id, opening.index);
        parent.appendChild(box);
      }
      const piece = d.slice(here, points[n + 1]);
      box.appendChild(
        active.size ? mark([...active.values()], piece, extra) : document.createTextNode(clean(piece)));
    }
  }
  function doneBuilding(node, note) {  // the note says what the script would build
    node.dataset.built = "1";
    if (note && note.classList.contains("built-by-script")) note.remove();
  }
  let byDocument = null;  // document id -> {e, c, q}: indices of its events, claims and quotes
  function itemsOf(docId) {
    if (!byDocument) {
      byDocument = new Map();
      for (const [kind, get] of [["e", E], ["c", C], ["q", Q]]) {
        for (let i = 0; i < data.objects[kind].n; i++) {
          const id = get(i, "document");
          if (!byDocument.has(id)) byDocument.set(id, { e: [], c: [], q: [] });
          byDocument.get(id)[kind].push(i);
        }
      }
    }
    return byDocument.get(docId) || { e: [], c: [], q: [] };
  }
  function buildArticle(node) {
    if (node.dataset.built) return;
    const d = docs[Number(node.dataset.doc)];
    const items = itemsOf(d.id);
    const marks = [
      ...items.e.map((i) => highlight(E, i, "event", () => "event: " + E(i, "description"))),
      ...items.c.map((i) => highlight(C, i, "claim", () => claimTitle(i))),
      ...items.q.map((i) => highlight(Q, i, "quote", () => "quote: " + Q(i, "speaker"))),
    ].filter((m) => m !== null);
    const sentences = [];
    for (let n = 0; n < sentenceCount(d); n++) {
      const index = d.indices ? d.indices[n] : n;
      sentences.push({ index, start: d.offsets[2 * n], end: d.offsets[2 * n + 1] });
    }
    markup(node, d, 0, Array.from(d.text).length, marks, sentences, "");
    doneBuilding(node, node.nextElementSibling);
  }
  function side(conflict, [docIdx, outlet, figure, published, claims]) {
    const box = el("div", "side");
    const fig = box.appendChild(el("div", "figure", S[figure]));
    if (conflict[4] !== null && S[conflict[4]] === S[docIdx]) {
      fig.append(" ", el("span", "badge newer", "newer"));
    }
    const source = box.appendChild(el("div", "source"));
    source.append(
      el("strong", "", S[outlet]), clean(" · " + S[published] + " · "), el("span", "muted", S[docIdx]));
    const marks = claims.map((i) => highlight(C, i, "claim", () => claimTitle(i))).filter((m) => m !== null);
    const seen = new Map();
    for (const i of claims) {
      const d = docById.get(C(i, "document")), n = C(i, "sentence");
      const at = d && d.id + "\\u0000" + n;
      if (d && n >= 0 && n < sentenceCount(d) && !seen.has(at)) seen.set(at, [d, n]);
    }
    for (const [d, n] of seen.values()) {
      const quote = box.appendChild(el("blockquote"));
      markup(quote, d, d.offsets[2 * n], d.offsets[2 * n + 1], marks, [], "disputed");
      quote.append(" ", cite(d.id, n));
    }
    if (!seen.size) box.appendChild(el("p", "muted", "No evidence sentence."));
    return box;
  }
  function card(conflict) {
    const [kind, metric, place, why] = conflict;
    const node = el("article", "conflict kind-" + S[kind]);
    const header = node.appendChild(el("header"));
    const what = el("span");
    what.append(el("strong", "", S[metric]));
    if (place !== null && S[place]) what.append(clean(" · " + S[place]));
    header.append(el("span", "badge kind", data.titles[S[kind]]), " ", what);
    node.appendChild(el("p", "why", S[why]));
    const sides = node.appendChild(el("div", "sides"));
    for (const s of conflict[5]) sides.appendChild(side(conflict, s));
    return node;
  }
  function buildConflicts(list) {
    if (list.dataset.built) return;
    const conflicts = data.events[Number(list.dataset.event)].conflicts;
    list.textContent = "";
    let shown = 0;
    const more = el("button", "more");
    more.type = "button";
    function page() {
      for (const c of conflicts.slice(shown, shown + data.page)) list.insertBefore(card(c), more);
      shown = Math.min(conflicts.length, shown + data.page);
      const left = conflicts.length - shown;
      more.textContent = "Show " + Math.min(left, data.page) + " more of " + left + " conflicts";
      more.hidden = left <= 0;
    }
    more.addEventListener("click", (ev) => { ev.stopPropagation(); page(); });
    list.appendChild(more);
    page();
    list.dataset.built = "1";
  }
  function buildClaims(details) {
    const body = details.querySelector("tbody");
    if (details.dataset.built) return;
    for (const i of data.events[Number(details.dataset.event)].claims) {
      const row = body.appendChild(el("tr"));
      const figure = el("span", "obj", S[data.figures[i]]);
      figure.setAttribute("data-refs", "c" + i);
      figure.setAttribute("tabindex", "0");
      const cells = [
        el("td", "", humanize(C(i, "metric"))), el("td", "", C(i, "place") || "—"), el("td", "num"),
        el("td", "", "“" + C(i, "quantity", "phrase") + "”"), el("td", "", C(i, "attributed_to") || "—"),
        el("td"),
      ];
      cells[2].appendChild(figure);
      cells[5].appendChild(cite(C(i, "document"), C(i, "sentence")));
      row.append(...cells);
    }
    doneBuilding(details, details.lastElementChild);
  }
  function buildInside(root) {
    if (!client) return;
    for (const node of root.querySelectorAll(".conflict-list:not([data-built])")) {
      if (!node.closest("details:not([open])")) buildConflicts(node);
    }
    for (const node of root.querySelectorAll("details.claims[open]:not([data-built])")) {
      if (!node.parentElement.closest("details:not([open])")) buildClaims(node);
    }
    for (const node of root.querySelectorAll(".article[data-doc]:not([data-built])")) {
      if (!node.closest("details:not([open])")) buildArticle(node);
    }
  }
  document.addEventListener("toggle", (ev) => {
    const details = ev.target;
    if (details instanceof HTMLDetailsElement && details.open) buildInside(details.parentElement || details);
  }, true);
  buildInside(document);

  function reveal(id) {
    let target = document.getElementById(id);
    if (!el && client && id.startsWith("s-")) {  // a sentence of an article not built yet
      const n = docs.findIndex((d) => {
        const prefix = "s-" + anchorToken(d.id) + "-";
        return id.startsWith(prefix) && /^[0-9]+$/.test(id.slice(prefix.length));
      });
      const article = n < 0 ? null : document.querySelector('.article[data-doc="' + n + '"]');
      if (article) { buildArticle(article); target = document.getElementById(id); }
    }
    if (!target) return false;
    for (let d = target.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      d.open = true;
    }
    target.scrollIntoView({ block: "center" });
    target.classList.remove("flash");
    void target.offsetWidth;
    target.classList.add("flash");
    return true;
  }
  document.addEventListener("click", (ev) => {
    const target = ev.target instanceof Element ? ev.target : null;
    if (!target) return;
    const obj = target.closest("[data-refs]");
    if (obj) { show(obj); ev.stopPropagation(); return; }
    const link = target.closest('a[href^="#"]');
    if (link) {
      const id = decodeURIComponent(link.getAttribute("href").slice(1));
      if (reveal(id)) { ev.preventDefault(); history.replaceState(null, "", "#" + id); }
    }
    if (!popover.contains(target) || target.classList.contains("close")) popover.hidden = true;
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") popover.hidden = true;
    const target = ev.target instanceof Element ? ev.target : null;
    if (ev.key === "Enter" && target && target.matches("[data-refs]")) show(target);
  });
  if (location.hash) reveal(decodeURIComponent(location.hash.slice(1)));
})();
"""
