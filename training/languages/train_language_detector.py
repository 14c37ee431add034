"""Trains the language detector: which of English, Spanish, French, German, Italian and Portuguese a text is in, from
character n-grams. The engine checks a call's declared language against each turn's words with it, and marks turns in
a language it has no model for.

Features (the engine's LanguageDetector computes them the same way): each run of letters, lower-cased, as a word
("w tok"), and the character 1-4-grams of the word padded with spaces ("g …"), hashed by CRC-32 into 2^bits buckets;
raw counts, L2-normalised. A multinomial logistic regression, weights stored as int8 with one scale per language.

Data: XED (CC BY 4.0): the English annotated and neutral lines and the Spanish, French, German, Italian and Portuguese
projections; and the contact-centre turns written for this project in English (../domain/contact-centre.jsonl),
Spanish and French (domain/). Every line is seen as written and in a recogniser's form without accents. XED's dev lines
(text_forms.is_dev) are held out and reported.

python3 train_language_detector.py --out ../../Sources/UndertoneEngine/Resources/language-model.uld
"""
import argparse
import json
import os
import struct
import sys
import unicodedata
import zlib

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import text_forms as T  # noqa: E402

LANGUAGES = ["en", "es", "fr", "de", "it", "pt"]


def tokens(text: str):
    out, current = [], []
    for c in text:
        if unicodedata.category(c)[0] == "L":
            current.append(c)
        elif current:
            out.append("".join(current).lower())
            current = []
    if current:
        out.append("".join(current).lower())
    return out


def features(text: str, mask: int):
    counts = {}
    for tok in tokens(text):
        for f in ["w " + tok] + ["g " + g for n in range(1, 5) for g in ngrams(" " + tok + " ", n)]:
            b = zlib.crc32(f.encode("utf-8")) & mask
            counts[b] = counts.get(b, 0) + 1
    return counts


def ngrams(padded, n):
    return [padded[i : i + n] for i in range(len(padded) - n + 1)]


def matrix(texts, bits):
    mask = (1 << bits) - 1
    ind, val, ptr = [], [], [0]
    for t in texts:
        c = features(t, mask)
        if c:
            b = np.fromiter(c.keys(), np.int64, len(c))
            v = np.fromiter(c.values(), np.float32, len(c))
            ind.append(b)
            val.append(v / np.sqrt((v * v).sum()))
        ptr.append(ptr[-1] + len(c))
    return sp.csr_matrix((np.concatenate(val), np.concatenate(ind), np.array(ptr)), shape=(len(texts), 1 << bits))


def lines(data, language):
    """All lines in `language` with whether they are dev lines."""
    out = []
    xed = os.path.join(data, "xed")
    if language == "en":
        for line in open(os.path.join(xed, "en-annotated.tsv"), encoding="utf-8"):
            out.append(line.split("\t")[0])
        for line in open(os.path.join(xed, "neu_en.txt"), encoding="utf-8"):
            out.append(line.rstrip("\n").split("\t", 1)[-1])
        own = os.path.join(HERE, "..", "domain", "contact-centre.jsonl")
    else:
        for line in open(os.path.join(xed, f"{language}-projections.tsv"), encoding="utf-8"):
            out.append(line.split("\t")[0])
        own = os.path.join(HERE, "domain", f"{language}.jsonl")
    if os.path.exists(own):
        out += [json.loads(line)["text"] for line in open(own, encoding="utf-8") if line.strip()]
    return [t.strip() for t in out if len(tokens(t)) >= 1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=os.path.join(HERE, "..", "..", "..", "shared", "data"))
    p.add_argument("--out", required=True)
    p.add_argument("--bits", type=int, default=16)
    p.add_argument("--per-language", type=int, default=9000, help="at most this many training lines per language")
    p.add_argument("--c", type=float, default=20.0)
    args = p.parse_args()
    rng = np.random.default_rng(5)
    train_t, train_y, dev_t, dev_y = [], [], [], []
    for k, language in enumerate(LANGUAGES):
        all_lines = lines(args.data, language)
        train = [t for t in all_lines if not T.is_dev(t)]
        dev = [t for t in all_lines if T.is_dev(t)]
        train = [train[i] for i in sorted(rng.permutation(len(train))[: args.per_language])]
        for t in train:
            train_t += [t, T.speech_form(t)]
            train_y += [k, k]
        dev_t += dev
        dev_y += [k] * len(dev)
        print(f"{language}: {len(train)} train, {len(dev)} dev", flush=True)
    X = matrix(train_t, args.bits)
    model = LogisticRegression(C=args.c, max_iter=3000)
    model.fit(X, np.array(train_y))
    W = model.coef_.T.astype(np.float32)  # [bucket, language]
    b = model.intercept_.astype(np.float32)
    scales = np.maximum(np.abs(W).max(0), 1e-8) / 127.0
    Q = np.clip(np.round(W / scales), -127, 127).astype(np.int8)

    def probabilities(texts):
        Z = np.asarray(matrix(texts, args.bits) @ Q.astype(np.float32)) * scales + b
        e = np.exp(Z - Z.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)

    dev_y = np.array(dev_y)
    for name, form in (("typed", dev_t), ("speech form", [T.speech_form(t) for t in dev_t])):
        P = probabilities(form)
        pred = P.argmax(1)
        per = {lang: round(float((pred[dev_y == k] == k).mean()), 4) for k, lang in enumerate(LANGUAGES)}
        words = np.array([len(tokens(t)) for t in dev_t])
        long = words >= 4
        print(f"dev {name}: accuracy {float((pred == dev_y).mean()):.4f} (4+ words {float((pred[long] == dev_y[long]).mean()):.4f}) {per}")

    check_texts = ["estoy harto voy a cancelar", "je veux parler à votre responsable", "I want to speak to a manager",
                   "Ich möchte meinen Vertrag kündigen", "Vorrei parlare con il responsabile", "Quero falar com o gerente", "ok", ""]
    checks = [{"text": t, "probabilities": [round(float(x), 6) for x in row]} for t, row in zip(check_texts, probabilities(check_texts))]
    header = {
        "version": 1, "bits": args.bits, "languages": LANGUAGES, "weightScales": [float(s) for s in scales],
        "bias": [float(x) for x in b], "checks": checks,
        "about": {"trainedOn": "XED (CC BY 4.0, Öhman et al., COLING 2020) and contact-centre turns written for this project",
                  "settings": f"bits={args.bits} c={args.c} per_language={args.per_language}"},
    }
    blob = json.dumps(header, ensure_ascii=False).encode("utf-8")
    with open(args.out, "wb") as f:
        f.write(b"ULD1" + struct.pack("<I", len(blob)) + blob)
        f.write(Q.tobytes())
    print(f"wrote {args.out} ({os.path.getsize(args.out) / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
