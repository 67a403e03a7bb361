"""How well a stretch of audio supports a text: Whisper's teacher-forced log-likelihood.

The language layer proposes corrections by how a term *reads*; the recording decides. Each text
is forced through the decoder over the clip's encoded audio, and the log-probabilities of its tokens
are summed (nats). A previous-text prompt (the collection's glossary, as `hotwords` does) tells the
model which rare names may occur, so a true name is not punished for being rare.

Runs the openai-whisper model (the bundled base weights, converted once; see openai_whisper.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..audio import MODEL_SAMPLE_RATE
from ..options import AsrOptions

PAD = 0.3          # seconds of audio kept either side of the scored stretch
MAX_PROMPT = 200   # tokens of previous-text prompt (Whisper keeps at most 223)
KEPT_CLIPS = 4     # encoded clips kept for reuse (3 MB each: an hour's proposals would keep hundreds)


@dataclass
class Scorer:
    """Scores texts against stretches of one recording; the encoded audio of a stretch is reused."""

    samples: Callable[[], np.ndarray]  # the recording at 16 kHz, loaded only if something is scored
    prompt: str = ""
    options: AsrOptions = field(default_factory=lambda: AsrOptions(backend="openai-whisper"))
    _features: dict = field(default_factory=dict, repr=False)
    _loaded: tuple | None = field(default=None, repr=False)
    calls: int = 0  # texts scored (one decoder row each), for provenance and cost

    @classmethod
    def for_glossary(cls, samples: Callable[[], np.ndarray], terms: list[str], asr: AsrOptions) -> "Scorer":
        """A scorer prompted with the glossary (as hotwords), on the recogniser's model."""
        from dataclasses import replace
        options = replace(asr, backend="openai-whisper", device="cpu" if asr.device == "auto" else asr.device)
        return cls(samples, "、".join(terms), options)

    def _engine(self):
        """The model, this scorer's own (0.3 GB in float32): not kept by the process past `close`."""
        if self._loaded is None:
            from .. import models
            from .openai_whisper import _load
            engine = _load(models.resolve(self.options.model), self.options, keep=False)
            import whisper.tokenizer
            tokenizer = whisper.tokenizer.get_tokenizer(engine.is_multilingual, num_languages=engine.num_languages,
                                                        language=self.options.language or "ja", task="transcribe")
            self._loaded = (engine, tokenizer)
        return self._loaded

    def close(self) -> None:
        """Let go of the model and the encoded clips (scoring again loads them again), and give their
        memory back to the system now: the language layer's analysis comes next (0.5 GB on the hour)."""
        if self._loaded is None and not self._features:
            return
        self._loaded = None
        self._features.clear()
        import gc

        from ..memory import release
        gc.collect()
        release()

    def _encoded(self, engine, start: float, end: float):
        import torch
        import whisper
        key = (round(start, 2), round(end, 2))
        if key not in self._features:
            samples = self.samples()
            a = max(0, int((start - PAD) * MODEL_SAMPLE_RATE))
            b = min(len(samples), int((end + PAD) * MODEL_SAMPLE_RATE))
            clip = whisper.pad_or_trim(torch.from_numpy(np.array(samples[a:b], np.float32)))
            mel = whisper.log_mel_spectrogram(clip, engine.dims.n_mels)
            with torch.no_grad():
                features = engine.embed_audio(mel[None])
            while len(self._features) >= KEPT_CLIPS:
                del self._features[next(iter(self._features))]  # the oldest
            self._features[key] = features
        return self._features[key]

    def score(self, start: float, end: float, texts: list[str]) -> list[float]:
        """Log-likelihood (nats) of each text as the transcript of audio start..end (seconds)."""
        import torch
        if not texts:
            return []
        engine, tokenizer = self._engine()
        features = self._encoded(engine, start, end)
        prefix = []
        if self.prompt:
            prefix = [tokenizer.sot_prev] + tokenizer.encode(" " + self.prompt.strip())[-MAX_PROMPT:]
        prefix += list(tokenizer.sot_sequence_including_notimestamps)
        sequences = [tokenizer.encode(text) + [tokenizer.eot] for text in texts]
        width = len(prefix) + max(len(t) for t in sequences)
        batch = torch.tensor([prefix + t + [tokenizer.eot] * (width - len(prefix) - len(t)) for t in sequences])
        with torch.no_grad():
            hidden = _decoded(engine.decoder, batch, features)
            weight = engine.decoder.token_embedding.weight.to(hidden.dtype)
            out = []
            for row, tokens in zip(hidden, sequences):  # logits only where the text's tokens are predicted
                logits = (row[len(prefix) - 1:len(prefix) - 1 + len(tokens)] @ weight.T).float()
                logp = torch.log_softmax(logits, dim=-1).gather(1, torch.tensor(tokens)[:, None])
                out.append(float(logp.sum()))
        self.calls += len(texts)
        from ..memory import release
        release()  # the encoder's activations (tens of MB) are not left in the heap for the rest of the stage
        return out


def _decoded(decoder, tokens, features):
    """The decoder's last hidden states for a batch of token rows over one clip's encoded audio, as
    `TextDecoder.forward` computes them, with the audio's keys and values projected once for every row
    (the cross-attention's cache) and no logits: the caller projects only the positions it reads."""
    rows = tokens.shape[0]
    cross = {}
    for block in decoder.blocks:
        for projection in (block.cross_attn.key, block.cross_attn.value):
            cross[projection] = projection(features).expand(rows, -1, -1)
    x = (decoder.token_embedding(tokens) + decoder.positional_embedding[:tokens.shape[-1]]).to(features.dtype)
    for block in decoder.blocks:
        x = block(x, features, mask=decoder.mask, kv_cache=cross)
    return decoder.ln(x)
