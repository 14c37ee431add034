"""Variants of GoEmotions train texts for the teacher to label (distillation needs text, not labels): each text with
about one word in seven dropped, and a contiguous span of 60-100% of its words. Deterministic."""
import random
import sys

import labels as L  # noqa: E402


def variants(text: str, rng: random.Random):
    words = text.split()
    if len(words) < 3:
        return []
    dropped = [w for w in words if rng.random() >= 0.15] or words[:1]
    keep = max(2, int(len(words) * rng.uniform(0.6, 1.0)))
    start = rng.randint(0, len(words) - keep)
    return [" ".join(dropped), " ".join(words[start : start + keep])]


if __name__ == "__main__":
    goemotions = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/goemotions"
    texts, _, _, _ = L.load_split(goemotions, "train")
    rng = random.Random(29)
    out, seen = [], set(texts)
    for t in texts:
        for v in variants(t, rng):
            if v not in seen:
                seen.add(v)
                out.append(v.replace("\t", " ").replace("\n", " "))
    sys.stdout.write("\n".join(out) + "\n")
