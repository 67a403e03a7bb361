"""`<id>.html`: a self-contained, read-only review page to hand to a colleague.

The transcript by speaker turn with timestamps, the entity index, and a player pointing at the
original audio (a path relative to the page). Clicking a line or an index entry seeks there; the
line being spoken is highlighted. No network, no external files but the audio.
"""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

from ..options import SubtitleOptions
from ..transcript import Transcript
from .archive import media_path, media_uri
from .timecode import hms

LINKS_AUDIO = True  # render() takes the page's folder, to point at the audio relative to it
LABEL_COLOURS = {"PERSON": "#fde2e2", "PLACE": "#e2f0fd", "ORG": "#e6f7e2", "DATE": "#fff3d6",
                 "EVENT": "#efe2fd", "WORK": "#e2fdf7"}

STYLE = """
body{font-family:system-ui,"Hiragino Sans","Noto Sans CJK JP",sans-serif;margin:0;display:flex;height:100vh}
main{flex:3;overflow-y:auto;padding:1rem 2rem}aside{flex:1;overflow-y:auto;padding:1rem;background:#f7f7f7;border-left:1px solid #ddd}
header{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #ddd}audio{width:100%}
.turn{margin:.8rem 0}.who{font-weight:600;margin-right:.5rem}.t{color:#777;font-size:.85em;margin-right:.5rem;cursor:pointer}
.seg{cursor:pointer;border-radius:3px}.seg:hover{background:#eef}.seg.now{background:#ffe98a}
.ent{border-radius:3px;padding:0 1px}.idx li{cursor:pointer;margin:.2rem 0}.idx small{color:#666}
.note{color:#666;font-size:.85em}
"""

SCRIPT = """
const player=document.getElementById('player');
const segs=[...document.querySelectorAll('.seg')];
function seek(t){player.currentTime=t;player.play();}
document.querySelectorAll('[data-t]').forEach(e=>e.addEventListener('click',()=>seek(parseFloat(e.dataset.t))));
player.addEventListener('timeupdate',()=>{const t=player.currentTime;
 segs.forEach(s=>s.classList.toggle('now',t>=parseFloat(s.dataset.t)&&t<parseFloat(s.dataset.end)));});
document.addEventListener('keydown',e=>{if(e.target.tagName==='INPUT')return;
 if(e.code==='Space'){e.preventDefault();player.paused?player.play():player.pause();}
 if(e.key==='ArrowLeft'){player.currentTime=Math.max(0,player.currentTime-5);}});
"""


def _audio_src(transcript: Transcript, page_dir: Path | None) -> str:
    """The recording relative to the page, or its file URI where the page's folder is not known."""
    return media_uri(transcript) if page_dir is None else media_path(transcript, page_dir)


def _marked(text: str, entities) -> str:
    """Segment text with its entities highlighted by label."""
    out, pos = [], 0
    for e in sorted(entities, key=lambda e: e.char_start):
        if e.char_start < pos:
            continue
        out.append(escape(text[pos:e.char_start]))
        colour = LABEL_COLOURS.get(e.label, "#eee")
        out.append(f'<span class="ent" style="background:{colour}" title="{escape(e.label)}">'
                   f"{escape(text[e.char_start:e.char_end])}</span>")
        pos = e.char_end
    out.append(escape(text[pos:]))
    return "".join(out)


def render(transcript: Transcript, options: SubtitleOptions | None = None, page_dir: Path | None = None) -> str:
    rec = transcript.recording
    by_segment: dict[int, list] = {}
    for e in transcript.entities:
        by_segment.setdefault(e.segment, []).append(e)
    turns: list[str] = []
    current: tuple | None = None
    for seg in transcript.segments:
        line = (f'<span class="seg" data-t="{seg.start:.2f}" data-end="{seg.end:.2f}">'
                f"{_marked(seg.text, by_segment.get(seg.id, []))}</span>")
        if current and current[0] == seg.speaker:
            current[2].append(line)
            continue
        current = (seg.speaker, seg.start, [line])
        turns.append(current)
    body = []
    for speaker, start, lines in turns:
        who = escape(transcript.speaker_label(speaker) or "")
        body.append(f'<p class="turn"><span class="t" data-t="{start:.2f}">[{hms(start)}]</span>'
                    f'<span class="who">{who}</span>{"".join(lines)}</p>')
    index = []
    for entry in transcript.entity_index():
        first = entry["occurrences"][0]["start"]
        extra = " · ".join(x for x in (entry["normalized"] if entry["label"] == "DATE" else None,
                                      entry["reading"], entry["romanized"]) if x)
        times = ", ".join(f'<span data-t="{o["start"]:.2f}">{hms(o["start"])}</span>' for o in entry["occurrences"])
        index.append(f'<li data-t="{first:.2f}"><b>{escape(entry["entity"])}</b> <small>{escape(entry["label"])}'
                     f'{" · " + escape(extra) if extra else ""}</small><br><small>{times}</small></li>')
    title = escape(rec.id)
    meta = escape(json.dumps({"sha256": rec.sha256, "duration": rec.duration,
                              "pipeline": transcript.provenance.get("pipeline_version")}))
    return f"""<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>{title}</title>
<meta name="kikigaki" content="{meta}"><style>{STYLE}</style></head>
<body><main><header><h1>{title}</h1>
<audio id="player" controls preload="metadata" src="{escape(_audio_src(transcript, page_dir))}"></audio>
<p class="note">Read-only. Click a line to hear it; Space plays or pauses, ← goes back 5 s.
Machine transcript: check it against the recording before citing.</p></header>
{"".join(body)}</main>
<aside><h2>Index</h2><ul class="idx">{"".join(index)}</ul></aside>
<script>{SCRIPT}</script></body></html>
"""
