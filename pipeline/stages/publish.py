"""The last stage, `publish`: every export format rendered from the transcript with the archivists'
corrections applied, each rewritten only when what it is made from changed. The runner calls it after
the language layer, the review app after every edit: one way to write the exports."""
from __future__ import annotations

from ..artifacts import WorkFolder, atomic_write, make_key
from ..export import extension, render
from ..options import ExportOptions, SubtitleOptions, options_dict
from ..transcript import Transcript


def publish(folder: WorkFolder, transcript: Transcript, transcript_key: str, formats: tuple[str, ...],
            subtitles: SubtitleOptions, export: ExportOptions = ExportOptions()) -> bool:
    """Render each format over the transcript with the archivists' corrections applied; a format is
    re-rendered only when the transcript, its metadata, the corrections or its options changed.
    What it rendered with is kept, so the review app re-renders the same after an edit. True if any was.
    Writing holds the recording's lock, and reads the corrections again under it: an edit a review
    server saves meanwhile is never overwritten by exports made without it."""
    settings = {"formats": list(formats), "subtitles": options_dict(subtitles), "export": options_dict(export),
                "metadata": transcript.metadata.to_dict()}
    if folder.load("export_settings", "v1") != settings:
        folder.save("export_settings", "v1", settings)
    if not _stale_exports(folder, transcript, transcript_key, formats, subtitles, export)[0]:
        return False  # up to date: nothing to lock (OUT may even be read-only)
    with folder.lock():
        stale, edits, made, keys = _stale_exports(folder, transcript, transcript_key, formats, subtitles, export)
        if not stale:
            return False
        from ..corrections import CorrectionsLayer, apply_corrections
        transcript = apply_corrections(transcript, edits, CorrectionsLayer(folder.root, folder.id).path.name)
        for fmt in stale:
            target = folder.output(extension(fmt))
            atomic_write(target, render(fmt, transcript, subtitles, page_dir=target.parent, export=export))
            made[fmt] = keys[fmt]
            folder.save("exports", "v1", made)
    return True


def _stale_exports(folder: WorkFolder, transcript: Transcript, transcript_key: str, formats: tuple[str, ...],
                   subtitles: SubtitleOptions, export: ExportOptions):
    """The formats to render again, with the edits, the stored export keys and the new keys."""
    from ..corrections import CorrectionsLayer
    edits = CorrectionsLayer(folder.root, folder.id).edits()
    made = folder.load("exports", "v1") or {}
    metadata = transcript.metadata.to_dict()
    keys = {fmt: make_key(transcript_key, edits, fmt, options_dict(subtitles), options_dict(export), metadata)
            for fmt in formats}
    stale = [fmt for fmt in formats if made.get(fmt) != keys[fmt] or not folder.output(extension(fmt)).is_file()]
    return stale, edits, made, keys
