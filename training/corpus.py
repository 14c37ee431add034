"""Unlabelled text from ../shared/data for distillation: customer-service and complaint language the teacher labels
and the student learns from. Writes one text per line (no tabs or newlines inside a text)."""
import csv
import json
import random
import re
import sys

SENTENCE = re.compile(r"(?<=[.!?])\s+")
MASKED = re.compile(r"X{2,}(/X{2,})*")


def clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def sentences(text: str):
    for s in SENTENCE.split(text):
        s = clean(s)
        if 3 <= len(s.split()) <= 60:
            yield s


def build(data: str, limit: int, seed: int = 13, with_sources: bool = False):
    """Texts in a fixed shuffled order (the order the teacher's labels follow); with_sources also names each one's
    data set, so that a caller can leave one out without breaking that order."""
    out = []
    sources = []

    def extend(source, texts):
        for text in texts:
            out.append(text)
            sources.append(source)

    csv.field_size_limit(sys.maxsize)
    with open(f"{data}/cfpb/cfpb_narratives.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            narrative = MASKED.sub("", row["narrative"])
            extend("cfpb", sentences(narrative))
    for split in ("train", "valid"):
        for dialogue in json.load(open(f"{data}/casino/casino_{split}.json", encoding="utf-8")):
            for turn in dialogue["chat_logs"]:
                if turn["text"] not in ("Submit-Deal", "Accept-Deal", "Reject-Deal", "Walk-Away"):
                    extend("casino", [clean(turn["text"])])
    with open(f"{data}/emobank/emobank.csv", newline="", encoding="utf-8") as f:
        extend("emobank", [clean(row["text"]) for row in csv.DictReader(f) if row["split"] != "test"])
    with open(f"{data}/empathic_reactions/messages.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            extend("empathic_reactions", sentences(row["essay"]))
    with open(f"{data}/banking77/train.csv", newline="", encoding="utf-8") as f:
        extend("banking77", [clean(row["text"]) for row in csv.DictReader(f)])
    clinc = json.load(open(f"{data}/clinc150/data_full.json", encoding="utf-8"))
    for part in ("train", "oos_train"):
        extend("clinc150", [clean(text) for text, _ in clinc[part]])
    seen = set()
    unique = []
    for text, source in zip(out, sources):
        if text and text not in seen:
            seen.add(text)
            unique.append((text, source))
    random.Random(seed).shuffle(unique)
    unique = unique[:limit]
    if with_sources:
        return [t for t, _ in unique], [s for _, s in unique]
    return [t for t, _ in unique]


if __name__ == "__main__":
    data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
    texts = build(data, int(sys.argv[2]) if len(sys.argv) > 2 else 200_000)
    sys.stdout.write("\n".join(texts) + "\n")
