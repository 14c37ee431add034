"""Text features shared, byte for byte, with the Swift engine (Sources/UndertoneEngine/Signal/TextFeatures.swift).

A text becomes two groups of hashed features:
  * words: unigrams ("w tok"), bigrams ("b tok tok") and symbol marks ("p !", "p ?", "e <emoji>", "c caps");
  * characters: n-grams of length 2..5 inside each token padded with spaces ("g ab").
Each feature string is hashed with CRC-32 (zlib's polynomial) of its UTF-8 bytes, masked to `bits` bits. Counts per
bucket get sublinear tf (1 + ln n) times the bucket's idf, and each group is L2-normalised on its own.

Normalisation makes typed text look like speech-recognition output (lower case, no punctuation, no fillers), so the
model sees one form; punctuation and emoji survive only as the optional symbol marks above.
"""
import math
import unicodedata
import zlib

FILLERS = frozenset("um umm uh uhh uhm erm er hmm hm mm mhm".split())
APOSTROPHES = frozenset("'\u2019\u2018\u02bc`")
MIN_N, MAX_N = 2, 5


def _is_word_scalar(c: str) -> bool:
    o = ord(c)
    if o < 0x80:
        return c.isalnum()
    cat = unicodedata.category(c)
    return cat[0] == "L" or cat == "Nd"


def _is_emoji(c: str) -> bool:
    return ord(c) >= 0x2100 and unicodedata.category(c) == "So"


def tokens_and_marks(text: str):
    """Returns (tokens, marks): lower-case word tokens without fillers, and symbol marks."""
    marks = []
    tokens = []
    current = []
    raw_tokens = []

    def flush():
        if current:
            raw_tokens.append("".join(current))
            current.clear()

    for c in text:
        if c in APOSTROPHES:
            continue  # "don't" and "dont" (as a recogniser writes it) are one token
        if _is_word_scalar(c):
            current.append(c)
            continue
        flush()
        if c == "!" or c == "?":
            marks.append("p " + c)
        elif _is_emoji(c):
            marks.append("e " + c)
    flush()
    for raw in raw_tokens:
        tok = raw
        if len(tok) >= 3 and tok.isupper():
            marks.append("c caps")
        tok = tok.lower()
        if tok in FILLERS:
            continue
        tokens.append(tok)
    return tokens, marks


def feature_strings(text: str):
    """Returns (word_features, char_features) as lists of strings (with repeats)."""
    tokens, marks = tokens_and_marks(text)
    words = ["w " + t for t in tokens]
    words += ["b " + a + " " + b for a, b in zip(tokens, tokens[1:])]
    words += marks
    chars = []
    for t in tokens:
        padded = " " + t + " "
        L = len(padded)
        for n in range(MIN_N, MAX_N + 1):
            for i in range(0, L - n + 1):
                chars.append("g " + padded[i : i + n])
    return words, chars


_hash_cache: dict = {}


def bucket(feature: str, mask: int) -> int:
    h = _hash_cache.get(feature)
    if h is None:
        h = zlib.crc32(feature.encode("utf-8"))
        _hash_cache[feature] = h
    return h & mask


def bucket_counts(text: str, bits: int):
    """Returns two dicts bucket -> count, for the word and the character group."""
    mask = (1 << bits) - 1
    words, chars = feature_strings(text)
    out = []
    for group in (words, chars):
        counts: dict = {}
        for f in group:
            b = bucket(f, mask)
            counts[b] = counts.get(b, 0) + 1
        out.append(counts)
    return out


def asr_form(text: str) -> str:
    """Typed text as a speech recogniser would give it: lower case, apostrophes dropped, other punctuation, symbols
    and emoji replaced by spaces (the same transform as `undertone eval`'s ASR-style pass)."""
    out = []
    for c in text.lower():
        if c in APOSTROPHES:
            continue
        cat = unicodedata.category(c)
        out.append(" " if cat[0] in "PSZC" else c)
    return " ".join("".join(out).split())


def sublinear(n: int) -> float:
    return 1.0 + math.log(n)
