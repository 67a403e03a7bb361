// Kikigaki review page: the transcript synced to the audio, and edits sent to the corrections layer.
"use strict";
const ID = document.body.dataset.recording;
const $ = (sel) => document.querySelector(sel);
const player = $("#player");
let state = null;      // what the server sent: transcript, version, review list, exports
let words = [];        // every word on the page: {start, end, el, seg}, in time order
let current = null;    // the highlighted word
let editing = null;    // index of the segment whose text is being edited

const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
function hms(t) {
  const s = Math.floor(t), h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60;
  return [h, m, s % 60].map((x) => String(x).padStart(2, "0")).join(":");
}

// --- loading and saving ------------------------------------------------------
async function load() {
  const r = await fetch(`/api/r/${encodeURIComponent(ID)}`);
  const data = await r.json().catch(() => ({error: `the server answered ${r.status}; see its terminal`}));
  if (!r.ok) { banner(data.error); return; }
  show(data);
  openAt();
}

function openAt() {  // /r/ID#t=SECONDS, from a search hit: the player there, its line in view
  const m = /^#t=([0-9.]+)$/.exec(location.hash);
  if (!m) return;
  seek(+m[1], false);
  const rows = [...document.querySelectorAll("[data-s]")];
  const row = rows.filter((el) => state.transcript.segments[+el.dataset.s].start <= +m[1] + 0.01).pop() || rows[0];
  if (row) { row.classList.add("hit"); row.scrollIntoView({block: "center"}); }
}

async function send(edit) {
  const author = $("#author").value.trim();
  if (author) localStorage.setItem("kikigaki-author", author);
  const body = {...edit, version: state.version, author: author || state.author || ""};
  const r = await fetch(`/api/r/${encodeURIComponent(ID)}/edits`, {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  const data = await r.json().catch(() => ({error: `the server answered ${r.status}; see its terminal`}));
  if (r.status === 409) {
    banner(`Not saved: ${data.error}`, true);
  } else if (!r.ok) {
    banner(`Not saved: ${data.error}`);
  } else {
    banner(null);
    editing = null;
    show(data);
  }
  return r.ok;
}

function banner(message, reload) {
  const b = $("#banner");
  b.hidden = !message;
  b.innerHTML = message ? esc(message) + (reload ? ' <button id="reload">Reload</button>' : "") : "";
  if (reload) $("#reload").onclick = () => location.reload();
}

// --- rendering ---------------------------------------------------------------
function show(data) {
  const scroll = $("main").scrollTop;
  state = data;
  const t = data.transcript;
  document.title = `${ID} · Kikigaki review`;
  if (data.audio && !player.getAttribute("src")) player.src = data.audio;
  if (!data.audio) banner("The original recording was not found: start `kikigaki review` in the folder where `kikigaki run` was run.");
  if (!$("#author").value) $("#author").value = localStorage.getItem("kikigaki-author") || data.author || "";
  renderSpeakers(t);
  renderReview(data.review);
  renderTranscript(t);
  renderIndex(t);
  $("#exports").innerHTML = data.exports.map((f) =>
    `<li><a href="/files/${encodeURIComponent(ID)}/${encodeURIComponent(f)}" download>${esc(f)}</a></li>`).join("");
  $("main").scrollTop = scroll;
  document.body.dataset.version = data.version;
  window.kikigakiRendered = performance.now();
}

function speakerName(t, id) {
  const s = t.speakers.find((x) => x.id === id);
  return s ? (s.name || s.id) : (id || "—");
}

function renderSpeakers(t) {
  $("#speakers").innerHTML = "Speakers: " + t.speakers.map((s) =>
    `<button class="chip" data-speaker="${esc(s.id)}" title="Rename ${esc(s.id)} everywhere">${esc(s.name || s.id)}` +
    (s.name ? ` <small>${esc(s.id)}</small>` : "") + "</button>").join(" ");
}

function renderReview(items) {
  const box = $("#review");
  box.hidden = !items.length;
  box.innerHTML = `<b>${items.length} correction(s) to check</b> (the pipeline's output changed under them):<ul>` +
    items.map((x) => `<li>${x.at != null ? `<a href="#" data-seek="${x.at}">[${hms(x.at)}]</a> ` : ""}` +
      `edit #${esc(x.edit)} (${esc(x.op)}, ${esc(x.author)}): ${esc(x.status)}: ${esc(x.reason)}</li>`).join("") + "</ul>";
}

// Words the recogniser was unsure of (its probability below this) are marked for the reviewer.
const LOW_CONFIDENCE = 0.5;

// What wrote a correction's term: a date rule (昭和十二年 -> 昭和12年, an era or month the audio chose), the
// period's words, or else the collection's glossary (a term, or a part of a name); the language stage's
// provenance lists the first two.
function fixSource(t, term) {
  const nlp = ((t.provenance || {}).stages || {}).nlp || {};
  if ((nlp.dates_written || []).includes(term)) return "date";
  if ((nlp.period_words_written || []).includes(term)) return `words of the period (${nlp.options.vocabulary})`;
  return "glossary";
}

// Where the glossary rewrote what was heard: each correction ("heard→term") at each place its term stands.
function fixes(seg) {
  const out = [];
  (seg.corrections || []).forEach((c) => {
    const [heard, term] = String(c).split("→");
    if (!term) return;
    for (let k = seg.text.indexOf(term); k >= 0; k = seg.text.indexOf(term, k + term.length))
      out.push({char_start: k, char_end: k + term.length, heard, term});
  });
  return out;
}

// A segment's text cut at word, entity and correction boundaries: every piece knows its word and char offset.
function pieces(seg, ents) {
  const cuts = new Set([0, seg.text.length]);
  let pos = 0;
  const wordAt = [];
  const fixed = fixes(seg);
  seg.words.forEach((w, i) => { cuts.add(pos); wordAt.push([pos, pos + w.text.length, i]); pos += w.text.length; });
  ents.concat(fixed).forEach((e) => { cuts.add(e.char_start); cuts.add(e.char_end); });
  const sorted = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let k = 0; k + 1 < sorted.length; k++) {
    const a = sorted[k], b = sorted[k + 1];
    if (a === b) continue;
    const w = wordAt.find((x) => x[0] <= a && a < x[1]);
    const e = ents.find((x) => x.char_start <= a && a < x.char_end);
    const fix = fixed.find((x) => x.char_start <= a && a < x.char_end);
    out.push({a, text: seg.text.slice(a, b), word: w ? w[2] : -1, ent: e, fix});
  }
  return out;
}

function renderTranscript(t) {
  const bySeg = new Map();
  t.entities.forEach((e) => { if (!bySeg.has(e.segment)) bySeg.set(e.segment, []); bySeg.get(e.segment).push(e); });
  const html = [];
  let turn = undefined;
  t.segments.forEach((seg, i) => {
    if (seg.speaker !== turn || i === 0) {
      if (i) html.push("</section>");
      turn = seg.speaker;
      html.push(`<section class="turn"><div class="turn-head"><span class="who" data-speaker="${esc(seg.speaker || "")}">` +
        `${esc(speakerName(t, seg.speaker))}</span> <span class="note">${hms(seg.start)}</span></div>`);
    }
    const cls = ["seg", ...(seg.flags || []).filter((f) => f === "edited" || f === "review")].join(" ");
    let body;
    if (editing === i) {
      body = `<div class="text"><textarea class="edit" rows="2">${esc(seg.text)}</textarea><div class="editbar">` +
        `<button data-act="save">Save (Enter)</button><button data-act="split-here">Split at cursor</button>` +
        `<button data-act="cancel">Cancel (Esc)</button></div></div>`;
    } else {
      const parts = pieces(seg, bySeg.get(i) || []).map((p) => {
        const prob = p.word >= 0 ? seg.words[p.word].probability : null;
        const low = prob != null && prob < LOW_CONFIDENCE;
        const cl = ["w", p.ent ? `ent l-${esc(p.ent.label)}` : "", low ? "low" : "", p.fix ? "fix" : ""].filter(Boolean).join(" ");
        const notes = [p.ent ? p.ent.label : "", low ? `unsure: ${Math.round(prob * 100)}%` : "",
                       p.fix ? `${fixSource(t, p.fix.term)}: heard “${p.fix.heard}”` : ""].filter(Boolean);
        const title = notes.length ? ` title="${esc(notes.join(" · "))}"` : "";
        return `<span class="${cl}" data-w="${p.word}" data-c="${p.a}"${title}>${esc(p.text)}</span>`;
      });
      body = `<span class="text">${parts.join("")}</span>`;
    }
    html.push(`<div class="${cls}" data-s="${i}" id="seg-${i}"><span class="t" data-seek="${seg.start}">${hms(seg.start)}</span>` +
      `${body}<span class="tools"><button data-act="edit" title="Edit the text (or double-click it)">Edit</button>` +
      `<button data-act="speaker" title="Change this segment's speaker">Speaker</button>` +
      `<button data-act="merge" title="Merge with the next segment">Merge ↓</button>` +
      `<button data-act="delete" title="Delete this segment">Delete</button></span></div>`);
  });
  if (t.segments.length) html.push("</section>");
  const box = $("#transcript");
  box.innerHTML = html.join("") || '<p class="note">No speech was transcribed in this recording.</p>';
  // the word index used to follow playback
  words = [];
  box.querySelectorAll(".seg").forEach((row) => {
    const seg = t.segments[+row.dataset.s];
    const seen = new Set();
    row.querySelectorAll(".w").forEach((el) => {
      const w = +el.dataset.w;
      const word = seg.words[w];
      if (!word) return;
      if (seen.has(w)) { words[words.length - 1].els.push(el); return; }
      seen.add(w);
      words.push({start: word.start, end: word.end, els: [el], row});
    });
  });
  words.sort((a, b) => a.start - b.start);
  current = null;
  if (editing !== null) {
    const ta = box.querySelector("textarea.edit");
    ta.focus();
    ta.setSelectionRange(ta.value.length, ta.value.length);
  }
}

function renderIndex(t) {
  $("#index").innerHTML = (t.entity_index || []).map((e) => {
    const extra = [e.label === "DATE" ? e.normalized : null, e.inferred, e.reading, e.romanized].filter(Boolean).join(" · ");
    const occ = e.occurrences.map((o) =>
      `<span class="occ" data-seek="${o.start}" title="${esc(o.text)}">${hms(o.start)}</span>` +
      `<button class="rm" title="Not an entity here: remove" data-rm='${esc(JSON.stringify(
        {segment: o.segment, char_start: o.char_start, char_end: o.char_end, text: o.text, label: e.label}))}'>✕</button>`).join("");
    return `<li><b>${esc(e.entity)}</b> <span class="badge l-${esc(e.label)}">${esc(e.label)}</span>` +
      (extra ? ` <small>${esc(extra)}</small>` : "") + `<br>${occ}</li>`;
  }).join("") || '<li class="note">No entities. Select text in the transcript to tag one.</li>';
}

// --- playback ----------------------------------------------------------------
function seek(t, play = true) {
  player.currentTime = Math.max(0, t);
  if (play) player.play().catch(() => {});
}

function follow() {
  const t = player.currentTime;
  let lo = 0, hi = words.length - 1, found = -1;
  while (lo <= hi) {  // the last word starting at or before t
    const mid = (lo + hi) >> 1;
    if (words[mid].start <= t) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  const word = found >= 0 && t <= words[found].end + 0.5 ? words[found] : null;
  if (word === current) return;
  if (current) { current.els.forEach((el) => el.classList.remove("now")); current.row.classList.remove("cur"); }
  current = word;
  if (!word) return;
  word.els.forEach((el) => el.classList.add("now"));
  word.row.classList.add("cur");
  if ($("#follow").checked && editing === null && !player.paused) {
    const r = word.row.getBoundingClientRect(), m = $("main").getBoundingClientRect();
    if (r.top < m.top + 200 || r.bottom > m.bottom) word.row.scrollIntoView({block: "center"});
  }
}
player.addEventListener("timeupdate", follow);
player.addEventListener("seeked", follow);
player.addEventListener("play", function tick() { follow(); if (!player.paused) requestAnimationFrame(tick); });
player.addEventListener("play", () => { $("#play").textContent = "Pause"; });
player.addEventListener("pause", () => { $("#play").textContent = "Play"; });

const togglePlay = () => (player.paused ? player.play().catch(() => {}) : player.pause());
const back = () => seek(player.currentTime - 5, !player.paused);
function speed(step) {
  const options = [...$("#speed").options].map((o) => +o.value);
  const k = Math.min(options.length - 1, Math.max(0, options.indexOf(player.playbackRate) + step));
  $("#speed").value = String(options[k]);
  player.playbackRate = options[k];
}
$("#play").onclick = togglePlay;
$("#back").onclick = back;
$("#speed").onchange = (e) => { player.playbackRate = +e.target.value; };

document.addEventListener("keydown", (e) => {
  const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(e.target.tagName);
  if (e.ctrlKey && e.code === "Space") { e.preventDefault(); togglePlay(); return; }
  if (e.ctrlKey && e.key.toLowerCase() === "b") { e.preventDefault(); back(); return; }
  if (typing) {
    if (e.target.matches("textarea.edit")) {
      if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); saveText(); }
      if (e.key === "Escape") { editing = null; renderTranscript(state.transcript); }
    }
    return;
  }
  if (e.code === "Space") { e.preventDefault(); togglePlay(); }
  else if (e.key === "ArrowLeft") { e.preventDefault(); back(); }
  else if (e.key === "ArrowRight") { e.preventDefault(); seek(player.currentTime + 5, !player.paused); }
  else if (e.key === "[") speed(-1);
  else if (e.key === "]") speed(1);
  else if (e.key === "u" || e.key === "U") { e.preventDefault(); nextUncertain(e.key === "U" ? -1 : 1); }
});

// "u": the next word to check (unsure, or written by the glossary) after the last one visited or the
// player's position; Shift+U the one before. The player goes there, paused, its line in view.
let visited = null;  // start time of the last uncertain word visited; forgotten when the player goes elsewhere
player.addEventListener("seeked", () => { if (visited !== null && Math.abs(player.currentTime - visited) > 0.6) visited = null; });
function nextUncertain(step) {
  const marks = [...document.querySelectorAll("#transcript .w.low, #transcript .w.fix")].map((el) => {
    const seg = state.transcript.segments[+el.closest(".seg").dataset.s];
    const w = seg.words[+el.dataset.w];
    return {el, start: w ? w.start : seg.start};
  }).sort((a, b) => a.start - b.start);
  if (!marks.length) { banner("Nothing uncertain: no unsure word and no glossary correction on this page."); return; }
  const from = visited ?? player.currentTime - 0.01;
  const ahead = step > 0 ? marks.filter((m) => m.start > from + 0.001) : marks.filter((m) => m.start < from - 0.001);
  const next = ahead.length ? ahead[step > 0 ? 0 : ahead.length - 1] : marks[step > 0 ? 0 : marks.length - 1];
  visited = next.start;
  document.querySelectorAll(".w.visit").forEach((el) => el.classList.remove("visit"));
  marks.filter((m) => m.start === next.start).forEach((m) => m.el.classList.add("visit"));
  seek(next.start, false);
  next.el.scrollIntoView({block: "center"});
}

// --- editing -------------------------------------------------------------------
function saveText() {
  const ta = document.querySelector("textarea.edit");
  const seg = state.transcript.segments[editing];
  if (ta.value.trim() === seg.text) { editing = null; renderTranscript(state.transcript); return; }
  send({op: "text", segment: editing, text: ta.value});
}

function chooseSpeaker(i, button) {
  const t = state.transcript;
  const select = document.createElement("select");
  select.innerHTML = t.speakers.map((s) => `<option value="${esc(s.id)}"${s.id === t.segments[i].speaker ? " selected" : ""}>` +
    `${esc(s.name || s.id)}</option>`).join("") + '<option value="">New speaker…</option>';
  button.replaceWith(select);
  select.focus();
  select.onchange = () => {
    if (select.value) { send({op: "speaker", segment: i, speaker: select.value}); return; }
    const name = prompt("Name of the new speaker");
    if (name && name.trim()) send({op: "speaker", segment: i, name: name.trim()});
    else renderTranscript(t);
  };
  select.onblur = () => setTimeout(() => select.isConnected && renderTranscript(t), 200);
}

function renameSpeaker(id, el) {
  const t = state.transcript;
  const s = t.speakers.find((x) => x.id === id);
  if (!s) return;
  const input = document.createElement("input");
  input.value = s.name || "";
  input.placeholder = `name for ${id}`;
  input.className = "rename";
  input.size = 14;
  el.replaceWith(input);
  input.focus();
  input.onkeydown = (e) => {
    if (e.key === "Enter") { e.preventDefault(); send({op: "rename", speaker: id, name: input.value.trim()}); }
    if (e.key === "Escape") { renderSpeakers(t); renderTranscript(t); }
  };
}

document.addEventListener("click", (e) => {
  const el = e.target;
  const seekTo = el.closest("[data-seek]");
  if (seekTo) { e.preventDefault(); seek(+seekTo.dataset.seek); return; }
  const who = el.closest("[data-speaker]");
  if (who) { renameSpeaker(who.dataset.speaker, who); return; }
  if (el.matches("[data-rm]")) {
    const ent = JSON.parse(el.dataset.rm);
    if (confirm(`Remove ${ent.label} “${ent.text}” here?`)) send({op: "remove_entity", ...ent});
    return;
  }
  const act = el.dataset.act;
  const row = el.closest(".seg");
  if (act && row) {
    const i = +row.dataset.s;
    if (act === "edit") { editing = i; renderTranscript(state.transcript); }
    else if (act === "cancel") { editing = null; renderTranscript(state.transcript); }
    else if (act === "save") saveText();
    else if (act === "split-here") {
      const ta = row.querySelector("textarea.edit");
      if (ta.value !== state.transcript.segments[i].text) { banner("Save the text first, then split."); return; }
      send({op: "split", segment: i, at: ta.selectionStart});
    } else if (act === "speaker") chooseSpeaker(i, el);
    else if (act === "merge") send({op: "merge", segment: i});
    else if (act === "delete") { if (confirm("Delete this segment?")) send({op: "delete", segment: i}); }
    return;
  }
  const word = el.closest(".w");
  if (word && row && window.getSelection().isCollapsed) {
    const w = state.transcript.segments[+row.dataset.s].words[+word.dataset.w];
    seek(w ? w.start : state.transcript.segments[+row.dataset.s].start);
  }
});

document.addEventListener("dblclick", (e) => {
  const row = e.target.closest(".seg");
  if (!row || editing !== null || !e.target.closest(".text")) return;
  window.getSelection().removeAllRanges();
  $("#labeler").hidden = true;
  editing = +row.dataset.s;
  renderTranscript(state.transcript);
});

// Selecting text inside one segment offers entity labels.
function offset(node, off) {
  if (node.nodeType === Node.TEXT_NODE) {
    const w = node.parentElement.closest(".w");
    return w ? +w.dataset.c + off : null;
  }
  const w = node.closest(".w");
  if (w) return +w.dataset.c + (off > 0 ? w.textContent.length : 0);
  const inside = [...node.querySelectorAll(".w")];
  if (!inside.length) return null;
  const next = node.childNodes[off];
  const at = next && (next.nodeType === Node.ELEMENT_NODE ? (next.closest(".w") || next.querySelector(".w")) : null);
  const last = inside[inside.length - 1];
  return at ? +at.dataset.c : +last.dataset.c + last.textContent.length;
}
document.addEventListener("mouseup", (e) => {
  const labeler = $("#labeler");
  if (labeler.contains(e.target)) return;
  labeler.hidden = true;
  const sel = window.getSelection();
  if (sel.isCollapsed || !sel.rangeCount) return;
  const range = sel.getRangeAt(0);
  const rowA = (range.startContainer.parentElement || range.startContainer).closest(".seg");
  const rowB = (range.endContainer.parentElement || range.endContainer).closest(".seg");
  if (!rowA || rowA !== rowB || editing !== null) return;
  const i = +rowA.dataset.s, text = state.transcript.segments[i].text;
  let a = offset(range.startContainer, range.startOffset), b = offset(range.endContainer, range.endOffset);
  if (a === null || b === null || b <= a) return;
  while (a < b && /\s/.test(text[a])) a++;
  while (b > a && /\s/.test(text[b - 1])) b--;
  if (b <= a) return;
  const box = range.getBoundingClientRect();
  labeler.innerHTML = `Tag “${esc(text.slice(a, b))}” as: ` + state.labels.map((l) =>
    `<button class="badge l-${l}" data-label="${l}">${l}</button>`).join("");
  labeler.style.left = `${box.left}px`;
  labeler.style.top = `${box.bottom + 6}px`;
  labeler.hidden = false;
  labeler.onclick = (ev) => {
    const label = ev.target.dataset.label;
    if (!label) return;
    labeler.hidden = true;
    send({op: "add_entity", segment: i, char_start: a, char_end: b, text: text.slice(a, b), label});
  };
});

load();
