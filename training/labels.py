"""GoEmotions rows mapped onto Undertone's taxonomy (DESIGN.md) and polarity (GoEmotions' own grouping)."""
import numpy as np

EMOTIONS = ["frustration", "confusion", "anxiety", "sadness", "satisfaction", "neutral"]
TAXONOMY = {
    "frustration": "anger annoyance disapproval disgust",
    "confusion": "confusion",
    "anxiety": "fear nervousness",
    "sadness": "sadness disappointment grief remorse embarrassment",
    "satisfaction": "gratitude joy approval relief admiration love optimism caring amusement excitement pride",
    "neutral": "neutral",
}
POLARITIES = ["negative", "neutral", "positive"]
# GoEmotions' group/labels.txt order
GROUP_AMBIGUOUS, GROUP_NEGATIVE, GROUP_NEUTRAL, GROUP_POSITIVE = 0, 1, 2, 3


def read_rows(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            text, labels, _ = line.rstrip("\n").split("\t")
            rows.append((text, [int(x) for x in labels.split(",")]))
    return rows


def polarity_of(groups) -> int:
    """0 negative, 1 neutral, 2 positive, -1 when the row is mixed or ambiguous (left out)."""
    g = set(groups)
    if GROUP_NEGATIVE in g and GROUP_POSITIVE not in g:
        return 0
    if GROUP_POSITIVE in g and GROUP_NEGATIVE not in g:
        return 2
    if g == {GROUP_NEUTRAL}:
        return 1
    return -1


def load_split(goemotions_dir: str, split: str):
    """Returns texts, fine labels [n, 28], taxonomy labels [n, 6], polarity [n] (-1 = left out)."""
    names = open(f"{goemotions_dir}/emotions.txt", encoding="utf-8").read().split()
    to_class = {names.index(e): i for i, c in enumerate(EMOTIONS) for e in TAXONOMY[c].split()}
    rows = read_rows(f"{goemotions_dir}/{split}.tsv")
    groups = read_rows(f"{goemotions_dir}/group/{split}.tsv")
    assert [r[0] for r in rows] == [g[0] for g in groups], "group/ rows must match the emotion rows"
    fine = np.zeros((len(rows), len(names)), np.float32)
    coarse = np.zeros((len(rows), len(EMOTIONS)), np.float32)
    for i, (_, ids) in enumerate(rows):
        for j in ids:
            fine[i, j] = 1
            if j in to_class:
                coarse[i, to_class[j]] = 1
    polarity = np.array([polarity_of(g) for _, g in groups], np.int64)
    return [r[0] for r in rows], fine, coarse, polarity
