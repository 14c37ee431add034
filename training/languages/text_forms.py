"""How the Spanish and French models see a text, shared byte for byte with the engine
(Sources/UndertoneEngine/Signal/Language/LanguageText.swift).

`fold` takes accents off (NFD, combining marks dropped: "inútiles" → "inutiles", "ñ" → "n", "ç" → "c"), spells out
the ligatures œ and æ, and turns apostrophes into spaces ("j'en ai marre" → "j en ai marre"), so that typed text and a
recogniser's output without accents meet in one form before the English feature code (features.py) runs.

XED's Spanish and French lines (CC BY 4.0, Öhman et al. 2020) are read here too, with their Plutchik labels mapped onto
Undertone's taxonomy, and split into train and dev by the CRC-32 of the line (dev: crc % 10 == 0), as `undertone eval
--language` splits them.
"""
import os
import sys
import unicodedata
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import features as F  # noqa: E402
import labels as L  # noqa: E402

APOSTROPHES = F.APOSTROPHES
LIGATURES = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"}


def fold(text: str) -> str:
    out = []
    for c in unicodedata.normalize("NFD", text):
        if unicodedata.category(c) == "Mn":
            continue
        if c in APOSTROPHES:
            out.append(" ")
        else:
            out.append(LIGATURES.get(c, c))
    return "".join(out)


def speech_form(text: str) -> str:
    """What a recogniser without accents writes: folded, then the English speech form (lower case, no punctuation)."""
    return F.asr_form(fold(text))


# XED's Plutchik labels: 1 anger, 2 anticipation, 3 disgust, 4 fear, 5 joy, 6 sadness, 7 surprise, 8 trust.
XED_TO_TAXONOMY = {1: "frustration", 3: "frustration", 4: "anxiety", 6: "sadness", 5: "satisfaction", 8: "satisfaction"}
XED_NEGATIVE = {1, 3, 4, 6}
XED_POSITIVE = {5, 8}


def is_dev(text: str) -> bool:
    return zlib.crc32(text.encode("utf-8")) % 10 == 0


def read_xed(data: str, language: str, split: str):
    """(text, emotions, polarity) of XED's projected lines in `language` for `split` ("train", "dev" or "all"). Lines
    whose labels map to no emotion of ours (anticipation, surprise alone) are left out; polarity is None when mixed."""
    rows = []
    with open(os.path.join(data, "xed", f"{language}-projections.tsv"), encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2 or not parts[0].strip():
                continue
            text, labels = parts
            if split != "all" and is_dev(text) != (split == "dev"):
                continue
            ids = {int(x) for x in labels.replace(" ", "").split(",") if x}
            emotions = sorted({XED_TO_TAXONOMY[i] for i in ids if i in XED_TO_TAXONOMY}, key=L.EMOTIONS.index)
            if not emotions:
                continue
            negative, positive = bool(ids & XED_NEGATIVE), bool(ids & XED_POSITIVE)
            polarity = "negative" if negative and not positive else "positive" if positive and not negative else None
            rows.append((text, emotions, polarity))
    return rows
