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
@media print{.toc,#popover{display:none}.layout{display:block}}
"""

JS = """
(() => {
  "use strict";
  document.documentElement.classList.add("js");  // popovers work: show pointer cursors
  const objects = JSON.parse(document.getElementById("report-objects").textContent);
  const popover = document.getElementById("popover");
  const pre = popover.querySelector("pre");
  function show(el) {
    const found = (el.dataset.refs || "").split(" ").filter((r) => r in objects).map((r) => objects[r]);
    pre.textContent = JSON.stringify(found.length === 1 ? found[0] : found, null, 2);
    const box = el.getBoundingClientRect();
    const maxLeft = window.scrollX + document.documentElement.clientWidth - 446;
    popover.style.left = Math.max(window.scrollX + 8, Math.min(window.scrollX + box.left, maxLeft)) + "px";
    popover.style.top = window.scrollY + box.bottom + 6 + "px";
    popover.hidden = false;
  }
  function reveal(id) {
    const el = document.getElementById(id);
    if (!el) return false;
    for (let d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      d.open = true;
    }
    el.scrollIntoView({ block: "center" });
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
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
