#!/usr/bin/env python3
"""Converts Whisper weights from CTranslate2's format (model.bin + vocabulary.txt, as faster-whisper uses them) to the
ggml file whisper.cpp reads. Standard library only; run at install time by scripts/install-speech.sh, never by the
product.

    python3 scripts/whisper-ct2-to-ggml.py MODEL_DIR OUT.bin

Both formats are documented by their projects; what this script relies on:

CTranslate2 model.bin (binary version 6): uint32 version, string name, uint32 revision, uint32 variable count, then per
variable: string name, uint8 rank, uint32 dims, uint8 dtype (0 float32, 4 float16, ...), uint32 byte count, the bytes
(row-major); then uint32 alias count and (alias, target) string pairs. A string is a uint16 length (with the NUL) and
the bytes. Whisper's spec fuses the decoder self-attention's query/key/value projections into one linear (rows q, k, v),
the cross-attention's key/value into one (rows k, v), and keeps Whisper's layer and tensor structure otherwise.

ggml (whisper.cpp): uint32 magic "ggml", eleven int32 hyper-parameters (n_vocab, n_audio_ctx, n_audio_state,
n_audio_head, n_audio_layer, n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype), the mel filterbank
(int32 n_mel, int32 n_fft, float32 n_mel x n_fft), the byte-level vocabulary up to end-of-text (int32 count, then int32
length + bytes each), then each tensor: int32 rank, int32 name length, int32 type (0 float32, 1 float16), int32 dims
innermost first, the name, the data. Matrices are float16; vectors, the convolution biases (as n x 1) and the
positional embeddings are float32. Tensor names are those of OpenAI's Whisper checkpoints.
"""

import json
import math
import struct
import sys
from pathlib import Path

FLOAT32, FLOAT16 = 0, 4
CT2_DTYPES = {0: ("f", 4), 1: ("b", 1), 2: ("h", 2), 3: ("i", 4), 4: ("e", 2)}


class Tensor:
    """A CTranslate2 variable: its shape, dtype id and raw little-endian bytes."""

    def __init__(self, shape, dtype, data):
        self.shape, self.dtype, self.data = list(shape), dtype, data

    def rows(self, first, count):
        """Rows [first, first + count) of a matrix (or elements of a vector), same dtype."""
        width = 1
        for dim in self.shape[1:]:
            width *= dim
        size = CT2_DTYPES[self.dtype][1]
        start, end = first * width * size, (first + count) * width * size
        return Tensor([count] + self.shape[1:], self.dtype, self.data[start:end])

    def values(self):
        code, size = CT2_DTYPES[self.dtype]
        return struct.unpack("<%d%s" % (len(self.data) // size, code), self.data)

    def as_float16(self):
        if self.dtype == FLOAT16:
            return self.data
        if self.dtype == FLOAT32:
            floats = self.values()
            return struct.pack("<%de" % len(floats), *floats)
        raise SystemExit("unsupported weight type %d (quantized models cannot be converted; use float16 or float32)" % self.dtype)

    def as_float32(self):
        if self.dtype == FLOAT32:
            return self.data
        if self.dtype == FLOAT16:
            floats = self.values()
            return struct.pack("<%df" % len(floats), *floats)
        raise SystemExit("unsupported weight type %d" % self.dtype)


def read_ct2(path):
    data = Path(path).read_bytes()
    offset = 0

    def take(fmt):
        nonlocal offset
        values = struct.unpack_from("<" + fmt, data, offset)
        offset += struct.calcsize("<" + fmt)
        return values

    def string():
        nonlocal offset
        (length,) = take("H")
        text = data[offset:offset + length - 1].decode("utf-8")
        offset += length
        return text

    (version,) = take("I")
    if version != 6:
        raise SystemExit("%s: CTranslate2 binary version %d; this converter reads version 6" % (path, version))
    name = string()
    if name != "WhisperSpec":
        raise SystemExit("%s: a %s model, not Whisper" % (path, name))
    take("I")  # revision
    (count,) = take("I")
    variables = {}
    for _ in range(count):
        key = string()
        (rank,) = take("B")
        shape = take("%dI" % rank) if rank else ()
        (dtype,) = take("B")
        (size,) = take("I")
        variables[key] = Tensor(shape, dtype, data[offset:offset + size])
        offset += size
    (aliases,) = take("I")
    for _ in range(aliases):
        alias, target = string(), string()
        variables[alias] = variables[target]
    return variables


def scalar(variables, key):
    return variables[key].values()[0]


def mel_filters(sample_rate=16000, n_fft=400, n_mels=80):
    """Slaney-style mel filterbank, area-normalised (Whisper's own front end): n_mels x (1 + n_fft / 2)."""
    f_sp, min_log_hz = 200.0 / 3, 1000.0
    min_log_mel, log_step = min_log_hz / f_sp, math.log(6.4) / 27.0

    def hz_to_mel(hz):
        return hz / f_sp if hz < min_log_hz else min_log_mel + math.log(hz / min_log_hz) / log_step

    def mel_to_hz(mel):
        return f_sp * mel if mel < min_log_mel else min_log_hz * math.exp(log_step * (mel - min_log_mel))

    bins = 1 + n_fft // 2
    fft_freqs = [i * (sample_rate / 2) / (bins - 1) for i in range(bins)]
    top = hz_to_mel(sample_rate / 2)
    mel_points = [mel_to_hz(top * i / (n_mels + 1)) for i in range(n_mels + 2)]
    weights = []
    for m in range(n_mels):
        lower, centre, upper = mel_points[m], mel_points[m + 1], mel_points[m + 2]
        norm = 2.0 / (upper - lower)
        row = []
        for f in fft_freqs:
            rising = (f - lower) / (centre - lower)
            falling = (upper - f) / (upper - centre)
            row.append(max(0.0, min(rising, falling)) * norm)
        weights.append(row)
    return weights


def byte_decoder():
    """GPT-2's byte-level BPE alphabet, printable character -> byte."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\u00a1"), ord("\u00ac") + 1)) + list(range(ord("\u00ae"), ord("\u00ff") + 1))
    chars = printable[:]
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            chars.append(256 + extra)
            extra += 1
    return {chr(c): b for b, c in zip(printable, chars)}


def vocabulary(model_dir):
    path = model_dir / "vocabulary.txt"
    if path.exists():
        tokens = path.read_text(encoding="utf-8").split("\n")
        if tokens and tokens[-1] == "":
            tokens.pop()
    else:
        tokens = json.loads((model_dir / "vocabulary.json").read_text(encoding="utf-8"))
    decoder = byte_decoder()
    # Up to end-of-text: whisper.cpp names the special tokens itself. Its English files carry end-of-text as a word,
    # its multilingual ones (51,865 tokens) stop before it; so does this, and the files come out the same size.
    multilingual = len(tokens) >= 51865
    words = []
    for token in tokens:
        if token == "<|endoftext|>":
            if not multilingual:
                words.append(token.encode("utf-8"))
            break
        words.append(bytes(decoder[ch] for ch in token))
    return len(tokens), words


def convert(model_dir, out_path):
    model_dir = Path(model_dir)
    v = read_ct2(model_dir / "model.bin")
    n_vocab, words = vocabulary(model_dir)
    audio_ctx, state = v["encoder/position_encodings/encodings"].shape
    text_ctx = v["decoder/position_encodings/encodings"].shape[0]
    mels = v["encoder/conv1/weight"].shape[1]
    audio_layers = sum(1 for key in v if key.startswith("encoder/layer_") and key.endswith("/ffn/linear_0/weight"))
    text_layers = sum(1 for key in v if key.startswith("decoder/layer_") and key.endswith("/ffn/linear_0/weight"))
    audio_heads, text_heads = scalar(v, "encoder/num_heads"), scalar(v, "decoder/num_heads")
    if v["decoder/embeddings/weight"].shape[0] != n_vocab:
        raise SystemExit("vocabulary has %d tokens but the embeddings %d" % (n_vocab, v["decoder/embeddings/weight"].shape[0]))

    out = bytearray()
    out += struct.pack("<I", 0x67676D6C)
    out += struct.pack("<11i", n_vocab, audio_ctx, state, audio_heads, audio_layers, text_ctx, state, text_heads, text_layers, mels, 1)
    filters = mel_filters(n_mels=mels)
    out += struct.pack("<ii", len(filters), len(filters[0]))
    for row in filters:
        out += struct.pack("<%df" % len(row), *row)
    out += struct.pack("<i", len(words))
    for word in words:
        out += struct.pack("<i", len(word)) + word

    def tensor(name, t, shape=None, f32=False):
        shape = shape or t.shape
        data = t.as_float32() if f32 or len(shape) < 2 else t.as_float16()
        encoded = name.encode("utf-8")
        out.extend(struct.pack("<iii", len(shape), len(encoded), 0 if (f32 or len(shape) < 2) else 1))
        out.extend(struct.pack("<%di" % len(shape), *reversed(shape)))
        out.extend(encoded)
        out.extend(data)

    def linear(name, key, rows=None):
        weight, bias = v[key + "/weight"], v.get(key + "/bias")
        if rows is not None:
            weight = weight.rows(*rows)
            bias = bias.rows(*rows) if bias is not None else None
        tensor(name + ".weight", weight)
        if bias is not None:
            tensor(name + ".bias", bias)

    def norm(name, key):
        tensor(name + ".weight", v[key + "/gamma"])
        tensor(name + ".bias", v[key + "/beta"])

    def split_attention(name, key, parts):
        """A fused projection: each (suffix, row block) becomes one Whisper linear; keys have no bias."""
        weight, bias = v[key + "/weight"], v[key + "/bias"]
        for suffix, block in parts:
            tensor("%s.%s.weight" % (name, suffix), weight.rows(block * state, state))
            if suffix == "key":
                if any(value != 0 for value in bias.rows(block * state, state).values()):
                    raise SystemExit("%s: a key projection with a bias; Whisper's has none" % key)
            else:
                tensor("%s.%s.bias" % (name, suffix), bias.rows(block * state, state))

    tensor("encoder.positional_embedding", v["encoder/position_encodings/encodings"], f32=True)
    for conv in ("conv1", "conv2"):
        tensor("encoder.%s.weight" % conv, v["encoder/%s/weight" % conv])
        tensor("encoder.%s.bias" % conv, v["encoder/%s/bias" % conv], shape=[state, 1], f32=True)
    for i in range(audio_layers):
        prefix, key = "encoder.blocks.%d" % i, "encoder/layer_%d" % i
        split_attention(prefix + ".attn", key + "/self_attention/linear_0", [("query", 0), ("key", 1), ("value", 2)])
        linear(prefix + ".attn.out", key + "/self_attention/linear_1")
        norm(prefix + ".attn_ln", key + "/self_attention/layer_norm")
        linear(prefix + ".mlp.0", key + "/ffn/linear_0")
        linear(prefix + ".mlp.2", key + "/ffn/linear_1")
        norm(prefix + ".mlp_ln", key + "/ffn/layer_norm")
    norm("encoder.ln_post", "encoder/layer_norm")

    tensor("decoder.positional_embedding", v["decoder/position_encodings/encodings"], f32=True)
    tensor("decoder.token_embedding.weight", v["decoder/embeddings/weight"])
    for i in range(text_layers):
        prefix, key = "decoder.blocks.%d" % i, "decoder/layer_%d" % i
        split_attention(prefix + ".attn", key + "/self_attention/linear_0", [("query", 0), ("key", 1), ("value", 2)])
        linear(prefix + ".attn.out", key + "/self_attention/linear_1")
        norm(prefix + ".attn_ln", key + "/self_attention/layer_norm")
        linear(prefix + ".cross_attn.query", key + "/attention/linear_0")
        split_attention(prefix + ".cross_attn", key + "/attention/linear_1", [("key", 0), ("value", 1)])
        linear(prefix + ".cross_attn.out", key + "/attention/linear_2")
        norm(prefix + ".cross_attn_ln", key + "/attention/layer_norm")
        linear(prefix + ".mlp.0", key + "/ffn/linear_0")
        linear(prefix + ".mlp.2", key + "/ffn/linear_1")
        norm(prefix + ".mlp_ln", key + "/ffn/layer_norm")
    norm("decoder.ln", "decoder/layer_norm")

    temporary = Path(str(out_path) + ".part")
    temporary.write_bytes(bytes(out))
    temporary.replace(out_path)
    return len(out)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: whisper-ct2-to-ggml.py MODEL_DIR OUT.bin")
    size = convert(sys.argv[1], sys.argv[2])
    print("wrote %s (%d bytes)" % (sys.argv[2], size))
