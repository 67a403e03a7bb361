// Kikigaki review page, restrictions: closed words shaded with their reason and date, "Restrict" on a
// selection, and the suggestions to accept (a) or dismiss (d) one key at a time.
// Uses review.js's globals: state (the transcript shown), offset(), esc(), hms(), seek(), banner().
"use strict";
(() => {
  const RID = document.body.dataset.recording;
  const api = `/api/r/${encodeURIComponent(RID)}`;
  let access = null;  // what the server sent: restrictions, shading, suggestions, reasons
  let chosen = 0;     // the suggestion the keys act on

  const style = document.createElement("style");
  style.textContent = `.closed{background:repeating-linear-gradient(45deg,#d8d8d8 0 4px,#f0f0f0 4px 8px)!important;
    outline:1px dashed #888;color:#444}
    #access li{margin:.3rem 0;font-size:.85em}#access .sug.cur{background:#fff3d6;outline:1px solid #cb7}
    #access .lifted{color:#999;text-decoration:line-through}#access button{font-size:.75em}
    #restrictor{position:fixed;z-index:6;background:#fff;border:1px solid #aaa;border-radius:4px;padding:.5rem;
    box-shadow:0 2px 6px #0003;font-size:.85em}#restrictor label{display:block;margin:.2rem 0}`;
  document.head.appendChild(style);
  const panel = document.createElement("section");
  panel.id = "access";
  panel.innerHTML = `<h2>Restricted</h2><ul id="closed-list" class="idx"></ul>
    <h2>Suggestions <small class="note">a accept · d dismiss · n next</small></h2><ul id="sug-list" class="idx"></ul>`;
  document.querySelector("aside").prepend(panel);
  const form = document.createElement("div");
  form.id = "restrictor";
  form.hidden = true;
  document.body.appendChild(form);

  async function call(method, path, body) {
    const author = (document.querySelector("#author").value || "").trim();
    const r = await fetch(api + path, method === "GET" ? {} : {
      method, headers: {"Content-Type": "application/json"}, body: JSON.stringify({...body, author})});
    const data = await r.json().catch(() => ({error: `the server answered ${r.status}`}));
    if (!r.ok) { banner(`Not saved: ${data.error}`); return; }
    access = data;
    render();
  }

  function shade() {
    if (!access) return;
    document.querySelectorAll(".closed").forEach((el) => { el.classList.remove("closed"); el.removeAttribute("data-closed"); });
    for (const s of access.shading) {
      const row = document.getElementById(`seg-${s.segment}`);
      if (!row) continue;
      row.querySelectorAll(".w").forEach((el) => {
        const c = +el.dataset.c;
        if (c >= s.char_start && c < s.char_end) {
          el.classList.add("closed");
          el.dataset.closed = "1";
          el.title = `Restricted: ${s.reason}${s.until ? ` until ${s.until}` : ""} (#${s.scope === "collection" ? "C" : ""}${s.n})`;
        }
      });
    }
  }

  function what(r) {
    if (r.kind === "span") return `${hms(r.start)}–${hms(r.end)}`;
    if (r.kind === "occurrence") return `“${esc(r.text)}” at ${hms(r.start)}`;
    return `every “${esc(r.text)}”${r.scope === "collection" ? " (collection)" : ""}`;
  }

  function render() {
    document.querySelector("#closed-list").innerHTML = access.restrictions.map((r) =>
      `<li class="${r.in_force ? "" : "lifted"}">${r.at != null ? `<span class="occ" data-seek="${r.at}">${hms(r.at)}</span>` : ""}` +
      `${what(r)} · ${esc(r.reason_label)}${r.until ? ` · until ${esc(r.until)}` : ""}` +
      `${["review", "unresolved"].includes(r.status) ? ` <b title="${esc(r.note)}">${esc(r.status)}</b>` : ""} ` +
      `<button data-lift="${r.scope}/${r.n}" title="Lift this restriction (recorded)">lift</button></li>`).join("")
      || '<li class="note">Nothing restricted.</li>';
    chosen = Math.min(chosen, Math.max(0, access.suggestions.length - 1));
    document.querySelector("#sug-list").innerHTML = access.suggestions.map((s, k) =>
      `<li class="sug${k === chosen ? " cur" : ""}" data-k="${k}"><span class="occ" data-seek="${s.start}">${hms(s.start)}</span>` +
      `${esc(s.kind)}: “${esc(s.text)}”${s.mentions > 1 ? ` ×${s.mentions}` : ""} ` +
      `<button data-decide="accept">accept</button><button data-decide="dismiss">dismiss</button></li>`).join("")
      || '<li class="note">No suggestions left.</li>';
    shade();
  }

  function decide(action) {
    const s = access && access.suggestions[chosen];
    if (s) call("POST", "/suggestions", {key: s.key, action});
  }

  panel.addEventListener("click", (e) => {
    const lift = e.target.dataset.lift;
    if (lift) { const [scope, n] = lift.split("/"); call("POST", `/restrictions/${scope}/${n}/remove`, {}); return; }
    const li = e.target.closest(".sug");
    if (li) { chosen = +li.dataset.k; render(); }
    if (e.target.dataset.decide) decide(e.target.dataset.decide);
  });

  document.addEventListener("keydown", (e) => {
    if (e.target.closest("input, textarea, select") || e.ctrlKey || e.metaKey || e.altKey || !access) return;
    if (e.key === "a") { e.preventDefault(); decide("accept"); }
    else if (e.key === "d") { e.preventDefault(); decide("dismiss"); }
    else if (e.key === "n" || e.key === "p") {
      chosen = (chosen + (e.key === "n" ? 1 : -1) + access.suggestions.length) % Math.max(1, access.suggestions.length);
      render();
      const s = access.suggestions[chosen];
      if (s) seek(s.start, false);
    }
  });

  // "Restrict" on a selection: words in one line (that mention, or every mention), or a passage over lines.
  function ask(target, box) {
    const reasons = Object.entries(access.reasons).map(([k, v]) => `<option value="${k}">${esc(v)}</option>`).join("");
    const every = target.kind === "occurrence"
      ? `<label><input type="checkbox" name="every"> every mention in this recording</label>
         <label><input type="checkbox" name="collection"> … and in every recording of the collection</label>` : "";
    form.innerHTML = `<b>Restrict ${target.kind === "span" ? `${hms(target.start)}–${hms(target.end)}` : `“${esc(target.text)}”`}</b>
      <label>Reason <select name="reason">${reasons}</select></label>
      <label>Closed until <input name="until" placeholder="YYYY-MM-DD (empty: no date)" size="16"></label>${every}
      <button name="ok">Restrict</button> <button name="cancel">Cancel</button>`;
    form.style.left = `${box.left}px`;
    form.style.top = `${box.bottom + 40}px`;
    form.hidden = false;
    form.onclick = (ev) => {
      if (ev.target.name === "cancel") { form.hidden = true; return; }
      if (ev.target.name !== "ok") return;
      const get = (n) => form.querySelector(`[name=${n}]`);
      const body = {...target, reason: get("reason").value, until: get("until").value.trim() || null};
      if (get("every") && (get("every").checked || get("collection").checked)) {
        body.kind = "entity";
        body.scope = get("collection").checked ? "collection" : "recording";
      }
      form.hidden = true;
      call("POST", "/restrictions", body);
    };
  }

  document.addEventListener("mouseup", (e) => {
    if (form.contains(e.target) || document.querySelector("#labeler").contains(e.target) || !access || typeof state === "undefined" || !state) return;
    const sel = window.getSelection();
    if (sel.isCollapsed || !sel.rangeCount) return;
    const range = sel.getRangeAt(0);
    const rowA = (range.startContainer.parentElement || range.startContainer).closest(".seg");
    const rowB = (range.endContainer.parentElement || range.endContainer).closest(".seg");
    if (!rowA || !rowB) return;
    const box = range.getBoundingClientRect();
    let target;
    if (rowA === rowB) {
      const i = +rowA.dataset.s, text = state.transcript.segments[i].text;
      const a = offset(range.startContainer, range.startOffset), b = offset(range.endContainer, range.endOffset);
      if (a === null || b === null || b <= a || !text.slice(a, b).trim()) return;
      target = {kind: "occurrence", segment: i, char_start: a, char_end: b, text: text.slice(a, b)};
    } else {
      const first = state.transcript.segments[+rowA.dataset.s], last = state.transcript.segments[+rowB.dataset.s];
      target = {kind: "span", start: first.start, end: last.end};
    }
    const labeler = document.querySelector("#labeler");
    const button = document.createElement("button");
    button.textContent = "Restrict…";
    button.className = "restrict";
    button.onclick = (ev) => { ev.stopPropagation(); labeler.hidden = true; ask(target, box); };
    if (rowA === rowB && !labeler.hidden) { labeler.appendChild(button); return; }
    labeler.innerHTML = "";
    labeler.appendChild(button);
    labeler.style.left = `${box.left}px`;
    labeler.style.top = `${box.bottom + 6}px`;
    labeler.hidden = false;
  });

  // the transcript is re-rendered after every edit: fetch what is closed in the new text, then shade it
  let pending = null;
  new MutationObserver(() => {
    clearTimeout(pending);
    pending = setTimeout(() => call("GET", "/restrictions"), 50);
  }).observe(document.querySelector("#transcript"), {childList: true});
  call("GET", "/restrictions");
})();
