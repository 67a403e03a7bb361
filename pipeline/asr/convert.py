"""The bundled CTranslate2 Whisper model, converted once into an openai-whisper checkpoint.

The layouts map one to one: CTranslate2 fuses self-attention's query, key and value into one
projection (split in three here) and gives the key a zero bias (openai-whisper's key has none);
cross-attention fuses key and value. Weights stay float16, as shipped.
"""
from __future__ import annotations

import json
import re
import os
import struct
from pathlib import Path

import numpy as np

DTYPES = (np.float32, np.int8, np.int16, np.int32, np.float16, None)  # CTranslate2 DataType order (bfloat16 last)


def read_ct2(path: Path) -> dict[str, np.ndarray]:
    """All variables of a CTranslate2 `model.bin` (binary version 6), aliases resolved."""
    variables: dict[str, np.ndarray] = {}
    with open(path, "rb") as f:
        def take(fmt: str):
            return struct.unpack(fmt, f.read(struct.calcsize(fmt)))[0]

        def text() -> str:
            return f.read(take("H"))[:-1].decode("utf-8")

        version = take("I")
        if version < 5:
            raise ValueError(f"CTranslate2 binary version {version} is not supported (need 5 or newer)")
        text()  # spec name
        take("I")  # spec revision
        for _ in range(take("I")):
            name = text()
            shape = [take("I") for _ in range(take("B"))]
            dtype = DTYPES[take("B")]
            raw = f.read(take("I"))
            if dtype is None:
                raise ValueError(f"{name}: bfloat16 weights are not supported")
            variables[name] = np.frombuffer(raw, dtype=dtype).reshape(shape)
        for _ in range(take("I")):
            alias, target = text(), text()
            variables[alias] = variables[target]
    return variables


def _linear(out: dict, prefix: str, v: dict, source: str, bias: bool = True) -> None:
    out[f"{prefix}.weight"] = v[f"{source}/weight"]
    if bias:
        out[f"{prefix}.bias"] = v[f"{source}/bias"]


def _norm(out: dict, prefix: str, v: dict, source: str) -> None:
    out[f"{prefix}.weight"] = v[f"{source}/gamma"]
    out[f"{prefix}.bias"] = v[f"{source}/beta"]


def _self_attention(out: dict, prefix: str, v: dict, source: str) -> None:
    w = v[f"{source}/linear_0/weight"]
    b = v[f"{source}/linear_0/bias"]
    q, k, val = np.split(w, 3)
    qb, _, vb = np.split(b, 3)
    out.update({f"{prefix}.query.weight": q, f"{prefix}.query.bias": qb, f"{prefix}.key.weight": k,
                f"{prefix}.value.weight": val, f"{prefix}.value.bias": vb})
    _linear(out, f"{prefix}.out", v, f"{source}/linear_1")


def _cross_attention(out: dict, prefix: str, v: dict, source: str) -> None:
    _linear(out, f"{prefix}.query", v, f"{source}/linear_0")
    k, val = np.split(v[f"{source}/linear_1/weight"], 2)
    _, vb = np.split(v[f"{source}/linear_1/bias"], 2)
    out.update({f"{prefix}.key.weight": k, f"{prefix}.value.weight": val, f"{prefix}.value.bias": vb})
    _linear(out, f"{prefix}.out", v, f"{source}/linear_2")


def _block(out: dict, prefix: str, v: dict, source: str, cross: bool) -> None:
    _self_attention(out, f"{prefix}.attn", v, f"{source}/self_attention")
    _norm(out, f"{prefix}.attn_ln", v, f"{source}/self_attention/layer_norm")
    if cross:
        _cross_attention(out, f"{prefix}.cross_attn", v, f"{source}/attention")
        _norm(out, f"{prefix}.cross_attn_ln", v, f"{source}/attention/layer_norm")
    _linear(out, f"{prefix}.mlp.0", v, f"{source}/ffn/linear_0")
    _linear(out, f"{prefix}.mlp.2", v, f"{source}/ffn/linear_1")
    _norm(out, f"{prefix}.mlp_ln", v, f"{source}/ffn/layer_norm")


def _layers(v: dict, part: str) -> int:
    return len({k.split("/")[1] for k in v if re.match(rf"{part}/layer_\d+/", k)})


def to_openai_state(v: dict[str, np.ndarray]) -> tuple[dict, dict]:
    """(dims, state dict of numpy arrays) in openai-whisper's naming."""
    n_audio, n_text = _layers(v, "encoder"), _layers(v, "decoder")
    state: dict[str, np.ndarray] = {}
    _linear(state, "encoder.conv1", v, "encoder/conv1")
    _linear(state, "encoder.conv2", v, "encoder/conv2")
    state["encoder.positional_embedding"] = v["encoder/position_encodings/encodings"]
    for i in range(n_audio):
        _block(state, f"encoder.blocks.{i}", v, f"encoder/layer_{i}", cross=False)
    _norm(state, "encoder.ln_post", v, "encoder/layer_norm")
    state["decoder.token_embedding.weight"] = v["decoder/embeddings/weight"]
    state["decoder.positional_embedding"] = v["decoder/position_encodings/encodings"]
    for i in range(n_text):
        _block(state, f"decoder.blocks.{i}", v, f"decoder/layer_{i}", cross=True)
    _norm(state, "decoder.ln", v, "decoder/layer_norm")
    dims = {
        "n_mels": int(v["encoder/conv1/weight"].shape[1]),
        "n_audio_ctx": int(v["encoder/position_encodings/encodings"].shape[0]),
        "n_audio_state": int(v["encoder/conv1/weight"].shape[0]),
        "n_audio_head": int(np.asarray(v["encoder/num_heads"]).reshape(-1)[0]),
        "n_audio_layer": n_audio,
        "n_vocab": int(v["decoder/embeddings/weight"].shape[0]),
        "n_text_ctx": int(v["decoder/position_encodings/encodings"].shape[0]),
        "n_text_state": int(v["decoder/embeddings/weight"].shape[1]),
        "n_text_head": int(np.asarray(v["decoder/num_heads"]).reshape(-1)[0]),
        "n_text_layer": n_text,
    }
    return dims, state


def convert(ct2_folder: Path, target: Path) -> Path:
    """Write an openai-whisper checkpoint (`torch.save({"dims", "model_state_dict"})`) atomically,
    with the alignment heads from the CTranslate2 config for word timestamps."""
    import torch
    dims, state = to_openai_state(read_ct2(Path(ct2_folder) / "model.bin"))
    config = json.loads((Path(ct2_folder) / "config.json").read_text())
    checkpoint = {"dims": dims, "model_state_dict": {k: torch.from_numpy(a.copy()) for k, a in state.items()},
                  "alignment_heads": config.get("alignment_heads", [])}
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f"{target.stem}.{os.getpid()}.partial.pt")
    try:
        torch.save(checkpoint, tmp)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target
