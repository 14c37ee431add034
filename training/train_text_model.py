"""Trains the shipped text model: a linear model over hashed word and character n-grams (features.py), distilled
from the MiniLM teacher (teacher.py) on GoEmotions and the unlabelled corpus (corpus.py), every text seen both typed
and in speech-recogniser form. Calibration (Platt per emotion, a temperature for polarity) and decision thresholds
come from a held-out part of the training data, never from dev. Writes the weight file the engine loads.

python3 train_text_model.py --data ../shared/data --teacher work/teacher.npz --out ../Sources/UndertoneEngine/Resources/emotion-model.utm
"""
import argparse
import json
import math
import os
import struct
import sys
import time

import numpy as np
import scipy.optimize
import scipy.sparse as sp
from sklearn.metrics import average_precision_score, f1_score

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import augment  # noqa: E402
import corpus  # noqa: E402
import features as F  # noqa: E402
import labels as L  # noqa: E402

OUTPUTS = 9  # six emotions (sigmoid) then negative/neutral/positive (softmax)


def counts(texts, bits):
    return [F.bucket_counts(t, bits) for t in texts]


def idf_of(rows, bits):
    df = np.zeros(1 << bits, np.float64)
    for words, chars in rows:
        df[list(set(words) | set(chars))] += 1
    idf = np.log((1 + len(rows)) / (1 + df)) + 1
    return idf.astype(np.float16).astype(np.float32)  # the engine stores float16


def matrix(rows, idf, bits):
    """tf-idf rows, each group L2-normalised on its own, both groups in one bucket space (as the engine computes)."""
    ind, val, ptr = [], [], [0]
    for groups in rows:
        for counts_ in groups:
            if not counts_:
                continue
            b = np.fromiter(counts_.keys(), np.int64, len(counts_))
            v = (1 + np.log(np.fromiter(counts_.values(), np.float32, len(counts_)))) * idf[b]
            v /= np.sqrt((v * v).sum())
            ind.append(b)
            val.append(v)
        ptr.append(ptr[-1] + sum(len(x) for x in (groups[0], groups[1])))
    ind = np.concatenate(ind) if ind else np.zeros(0, np.int64)
    val = np.concatenate(val).astype(np.float32) if val else np.zeros(0, np.float32)
    m = sp.csr_matrix((val, ind, np.array(ptr)), shape=(len(rows), 1 << bits))
    m.sum_duplicates()
    return m


def fit(X, T, weights, c, iterations, log, polarity_weight=1.0):
    """Multi-output logistic regression with soft targets: sigmoid on outputs 0..5, softmax on 6..8; L2 = 1/(2c)."""
    n, d = X.shape
    XT = X.T.tocsr()
    lam = 1.0 / (2 * c)

    def objective(theta):
        W = theta[: d * OUTPUTS].reshape(d, OUTPUTS)
        b = theta[d * OUTPUTS :]
        Z = np.asarray(X @ W.astype(np.float32)).astype(np.float64) + b
        P = np.empty_like(Z)
        P[:, :6] = 1 / (1 + np.exp(-Z[:, :6]))
        z = Z[:, 6:] - Z[:, 6:].max(1, keepdims=True)
        e = np.exp(z)
        P[:, 6:] = e / e.sum(1, keepdims=True)
        eps = 1e-7
        loss_e = -(T[:, :6] * np.log(P[:, :6] + eps) + (1 - T[:, :6]) * np.log(1 - P[:, :6] + eps)).sum(1)
        loss_p = -(T[:, 6:] * np.log(P[:, 6:] + eps)).sum(1)
        loss = (weights * (loss_e + polarity_weight * loss_p)).sum() + lam * (W * W).sum()
        G = (P - T) * weights[:, None]
        G[:, 6:] *= polarity_weight
        gW = np.asarray(XT @ G.astype(np.float32)).astype(np.float64) + 2 * lam * W
        gb = G.sum(0)
        return loss, np.concatenate([gW.ravel(), gb]).astype(np.float64)

    theta0 = np.zeros(d * OUTPUTS + OUTPUTS)
    started = time.time()
    result = scipy.optimize.minimize(objective, theta0, jac=True, method="L-BFGS-B", options={"maxiter": iterations, "maxcor": 10})
    log(f"  fit: {result.nit} iterations, loss {result.fun:.1f}, {time.time() - started:.0f}s")
    return result.x[: d * OUTPUTS].reshape(d, OUTPUTS).astype(np.float32), result.x[d * OUTPUTS :].astype(np.float32)


def cached_fit(cache, key, X, T, weights, c, iterations, log, polarity_weight=1.0):
    """fit(), remembered in `cache` (a folder) under `key` so that later calibration changes need no refit."""
    if cache:
        path = os.path.join(cache, f"fit-{key}.npz")
        if os.path.exists(path):
            saved = np.load(path)
            log(f"  fit: reused {path}")
            return saved["W"], saved["b"]
    W, b = fit(X, T, weights, c, iterations, log, polarity_weight)
    if cache:
        os.makedirs(cache, exist_ok=True)
        np.savez(path, W=W, b=b)
    return W, b


def stack(Z, y, multinomial):
    """A linear map from all nine logits to calibrated logits of one emotion (binary) or of polarity (multinomial),
    fitted on held-out rows: calibration that may also borrow evidence from the other outputs."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(Z, y)
    if multinomial:
        return model.coef_, model.intercept_
    return model.coef_[0], model.intercept_[0]


def read_labelled(path):
    """Labelled JSON lines ({"text", "emotions": [...], "polarity"}) as texts, taxonomy labels and polarity."""
    texts, coarse, polarity = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            texts.append(row["text"])
            coarse.append([1.0 if e in row.get("emotions", []) else 0.0 for e in L.EMOTIONS])
            polarity.append(L.POLARITIES.index(row["polarity"]) if row.get("polarity") else -1)
    return texts, np.array(coarse, np.float32), np.array(polarity, np.int64)


def platt(z, y):
    """a, b minimising the log loss of sigmoid(a z + b) against y."""
    def nll(ab):
        s = ab[0] * z + ab[1]
        return np.sum(np.logaddexp(0, s) - y * s)
    return scipy.optimize.minimize(nll, [1.0, 0.0], method="Nelder-Mead").x


def temperature(z, y):
    def nll(t):
        s = z / t[0]
        s = s - s.max(1, keepdims=True)
        return -np.sum(s[np.arange(len(y)), y] - np.log(np.exp(s).sum(1)))
    return float(scipy.optimize.minimize(nll, [1.0], method="Nelder-Mead").x[0])


def best_threshold(p, y):
    grid = np.linspace(0.05, 0.95, 91)
    scores = [f1_score(y, p >= t, zero_division=0) for t in grid]
    return float(grid[int(np.argmax(scores))])


def targets(coarse, polarity, soft, alpha):
    """Mix of gold labels and the teacher's probabilities (alpha = weight of gold)."""
    T = np.zeros((len(coarse), OUTPUTS), np.float32)
    T[:, :6] = coarse if soft is None else alpha * coarse + (1 - alpha) * soft[:, 28:34]
    gold = np.zeros((len(coarse), 3), np.float32)
    has = polarity >= 0
    gold[has, polarity[has]] = 1
    if soft is None:
        T[:, 6:] = gold
        T[~has, 6:] = 1 / 3
    else:
        T[:, 6:] = soft[:, 34:]
        T[has, 6:] = alpha * gold[has] + (1 - alpha) * soft[has, 34:]
    return T


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="../shared/data")
    p.add_argument("--teacher", help="teacher.npz from teacher.py; without it the model learns from gold labels only")
    p.add_argument("--out", required=True)
    p.add_argument("--bits", type=int, default=20)
    p.add_argument("--c", type=float, default=2.0)
    p.add_argument("--alpha", type=float, default=0.5)
    p.add_argument("--iterations", type=int, default=200)
    p.add_argument("--exclude", nargs="*", default=["emobank"],
                   help="unlabelled sources to leave out (EmoBank is CC BY-SA: weights trained on it would carry that licence)")
    p.add_argument("--calibration", choices=["platt", "stacked"], default="stacked",
                   help="platt: per output; stacked: each output from all nine held-out logits")
    p.add_argument("--polarity-weight", type=float, default=2.0, help="weight of the polarity loss against the emotions'")
    p.add_argument("--no-augmented", action="store_true", help="leave out the teacher-labelled variants of GoEmotions train")
    p.add_argument("--domain", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "domain", "contact-centre.jsonl"),
                   help="contact-centre utterances written for this project (labelled JSON lines)")
    p.add_argument("--domain-weight", type=float, default=4.0)
    p.add_argument("--complaint-prior", type=float, default=0.4,
                   help="share of a CFPB complaint sentence's polarity target moved to negative: a sentence of a complaint "
                        "narrative is more likely a complaint than the teacher, trained on Reddit, reads it")
    p.add_argument("--cache", default="work", help="folder that keeps fitted weights between runs ('' for none)")
    p.add_argument("--holdout", type=float, default=0.2, help="share of GoEmotions train held out for calibration and thresholds")
    args = p.parse_args()
    log = lambda s: print(s, flush=True)  # noqa: E731

    ge = os.path.join(args.data, "goemotions")
    texts, fine, coarse, polarity = L.load_split(ge, "train")
    dv_texts, _, dv_coarse, dv_polarity = L.load_split(ge, "dev")
    teacher = np.load(args.teacher) if args.teacher else None
    soft_train = teacher["train"].astype(np.float32) if teacher is not None else None
    un_texts, soft_un = [], None
    if teacher is not None:
        un_texts, sources = corpus.build(args.data, len(teacher["unlabelled"]), with_sources=True)
        soft_un = teacher["unlabelled"].astype(np.float32)
        assert len(un_texts) == len(soft_un), "the corpus must be the one the teacher labelled"
        use = np.array([s not in args.exclude for s in sources])
        un_texts = [t for t, u in zip(un_texts, use) if u]
        soft_un = soft_un[use]
        complaint = np.array([s == "cfpb" for s, u in zip(sources, use) if u])
        if args.complaint_prior > 0:
            soft_un = soft_un.copy()
            negative = np.array([1.0, 0.0, 0.0], np.float32)
            soft_un[complaint, 34:] = (1 - args.complaint_prior) * soft_un[complaint, 34:] + args.complaint_prior * negative
            log(f"{complaint.sum()} CFPB complaint sentences: polarity target moved {args.complaint_prior} towards negative")
        if "extra" in teacher.files and len(teacher["extra"]) and not args.no_augmented:
            rng = augment.random.Random(29)
            seen = set(texts)
            extra = []
            for t in texts:
                for v in augment.variants(t, rng):
                    if v not in seen:
                        seen.add(v)
                        extra.append(v.replace("\t", " ").replace("\n", " "))
            assert len(extra) == len(teacher["extra"]), "the augmented texts must be the ones the teacher labelled"
            un_texts += extra
            soft_un = np.vstack([soft_un, teacher["extra"].astype(np.float32)])
    log(f"{len(texts)} GoEmotions train, {len(un_texts)} unlabelled, bits {args.bits}")

    started = time.time()
    rows_typed = counts(texts, args.bits)
    rows_asr = counts([F.asr_form(t) for t in texts], args.bits)
    un_rows_typed = counts(un_texts, args.bits)
    un_rows_asr = counts([F.asr_form(t) for t in un_texts], args.bits)
    idf = idf_of(rows_typed + un_rows_typed, args.bits)
    log(f"features in {time.time() - started:.0f}s")

    T_ge = targets(coarse, polarity, soft_train, args.alpha)
    T_un = targets(np.zeros((len(un_texts), 6), np.float32), np.full(len(un_texts), -1), soft_un, 0.0) if un_texts else np.zeros((0, 9), np.float32)
    X_ge = sp.vstack([matrix(rows_typed, idf, args.bits), matrix(rows_asr, idf, args.bits)]).tocsr()
    X_un = sp.vstack([matrix(un_rows_typed, idf, args.bits), matrix(un_rows_asr, idf, args.bits)]).tocsr() if un_texts else None
    n = len(texts)
    X_dom, T_dom = None, None
    if args.domain and os.path.exists(args.domain):
        dom_texts, dom_coarse, dom_polarity = read_labelled(args.domain)
        X_dom = sp.vstack([matrix(counts(dom_texts, args.bits), idf, args.bits),
                           matrix(counts([F.asr_form(t) for t in dom_texts], args.bits), idf, args.bits)]).tocsr()
        T_dom = targets(dom_coarse, dom_polarity, None, 1.0)
        log(f"{len(dom_texts)} contact-centre examples written for this project, weight {args.domain_weight}")

    def training_set(index):
        both = np.concatenate([index, index + n])
        X = X_ge[both]
        T = np.vstack([T_ge[index], T_ge[index]])
        if X_un is not None:
            X = sp.vstack([X, X_un]).tocsr()
            T = np.vstack([T, T_un, T_un])
        weights = np.ones(X.shape[0], np.float64)
        if X_dom is not None:
            X = sp.vstack([X, X_dom]).tocsr()
            T = np.vstack([T, T_dom, T_dom])
            weights = np.concatenate([weights, np.full(X_dom.shape[0], args.domain_weight)])
        return X, T, weights

    # Held-out part: calibration and thresholds.
    rng = np.random.default_rng(11)
    order = rng.permutation(n)
    held = np.sort(order[: int(n * args.holdout)])
    kept = np.sort(order[int(n * args.holdout) :])
    key = f"b{args.bits}-c{args.c}-a{args.alpha}-i{args.iterations}-h{args.holdout}-t{int(teacher is not None)}-x{'+'.join(sorted(args.exclude))}-p{args.polarity_weight}-u{len(un_texts)}-d{0 if X_dom is None else X_dom.shape[0]}x{args.domain_weight}-cp{args.complaint_prior}"
    log("fitting on the kept part for calibration")
    W, b = cached_fit(args.cache, key + "-kept", *training_set(kept), args.c, args.iterations, log, args.polarity_weight)
    Z = np.asarray(X_ge[np.concatenate([held, held + n])] @ W) + b
    C_h = np.vstack([coarse[held], coarse[held]])
    P_h = np.concatenate([polarity[held], polarity[held]])
    # M maps the nine raw logits to nine calibrated ones; it is folded into the weights below.
    M = np.zeros((OUTPUTS, OUTPUTS))
    c0 = np.zeros(OUTPUTS)
    if args.calibration == "platt":
        for k in range(6):
            M[k, k], c0[k] = platt(Z[:, k], C_h[:, k])
        has = P_h >= 0
        M[6:, 6:] = np.eye(3) / temperature(Z[has, 6:], P_h[has])
    else:
        for k in range(6):
            M[k], c0[k] = stack(Z, C_h[:, k], multinomial=False)
        has = P_h >= 0
        M[6:], c0[6:] = stack(Z[has], P_h[has], multinomial=True)
    Zc = Z @ M.T + c0
    Pcal = 1 / (1 + np.exp(-Zc[:, :6]))
    thresholds = [best_threshold(Pcal[:, k], C_h[:, k]) for k in range(6)]
    log(f"calibration ({args.calibration}) diagonal {np.round(np.diag(M), 3).tolist()} thresholds {np.round(thresholds, 2).tolist()}")

    log("fitting on all training data")
    W, b = cached_fit(args.cache, key + "-all", *training_set(np.arange(n)), args.c, args.iterations, log, args.polarity_weight)
    W = (W.astype(np.float64) @ M.T).astype(np.float32)
    b = (M @ b.astype(np.float64) + c0).astype(np.float32)

    scales = np.maximum(np.abs(W).max(0), 1e-8) / 127.0
    Q = np.clip(np.round(W / scales), -127, 127).astype(np.int8)

    def engine_probabilities(text_list):
        """What the Swift engine computes from the quantised weights."""
        X = matrix(counts(text_list, args.bits), idf, args.bits)
        Z = (np.asarray(X @ Q.astype(np.float32))) * scales + b
        out = np.empty_like(Z)
        out[:, :6] = 1 / (1 + np.exp(-Z[:, :6]))
        e = np.exp(Z[:, 6:] - Z[:, 6:].max(1, keepdims=True))
        out[:, 6:] = e / e.sum(1, keepdims=True)
        return out

    keep = dv_coarse.sum(1) > 0
    for name, form in (("typed", dv_texts), ("ASR form", [F.asr_form(t) for t in dv_texts])):
        P = engine_probabilities(form)
        aps = [average_precision_score(dv_coarse[keep, k], P[keep, k]) for k in range(6)]
        f1s = [f1_score(dv_coarse[keep, k], P[keep, k] >= thresholds[k]) for k in range(6)]
        has = dv_polarity >= 0
        acc = float((P[has, 6:].argmax(1) == dv_polarity[has]).mean())
        log(f"dev {name}: AP {np.round(aps, 3).tolist()} macro {np.mean(aps):.4f}; F1 macro {np.mean(f1s):.4f}; polarity acc {acc:.4f}")

    check_texts = [
        "This is the third time I'm calling and nobody has fixed it!!",
        "thank you so much that really helps",
        "i dont understand what this charge is for",
        "I'm really worried I'll lose my house",
        "Okay.",
        "I'M SO DONE WITH YOU PEOPLE 😡",
        "um so uh i was charged twice",
        "Ça ne marche pas, ÉNORME problème",
        "",
    ]
    checks = [{"text": t, "probabilities": [round(float(x), 6) for x in row]} for t, row in zip(check_texts, engine_probabilities(check_texts))]
    header = {
        "version": 1,
        "bits": args.bits,
        "weightScales": [float(s) for s in scales],
        "bias": [float(x) for x in b],
        "thresholds": {e: thresholds[k] for k, e in enumerate(L.EMOTIONS)},
        "weightsOffset": 0,
        "idfOffset": Q.size,
        "checks": checks,
        "about": {
            "model": "hashed word 1-2-gram and character 2-5-gram tf-idf, linear, distilled from a MiniLM-L6 teacher ensemble",
            "trainedOn": "GoEmotions train (Apache-2.0) and unlabelled text from ../shared/data except " + ",".join(args.exclude),
            "settings": f"bits={args.bits} c={args.c} alpha={args.alpha} iterations={args.iterations} polarity_weight={args.polarity_weight} calibration={args.calibration} teacher={'yes' if teacher is not None else 'no'} domain={0 if X_dom is None else X_dom.shape[0] // 2}x{args.domain_weight} complaint_prior={args.complaint_prior}",
        },
    }
    blob = json.dumps(header, ensure_ascii=False).encode("utf-8")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "wb") as f:
        f.write(b"UTM1" + struct.pack("<I", len(blob)) + blob)
        f.write(Q.tobytes())
        f.write(idf.astype("<f2").tobytes())
    log(f"wrote {args.out} ({os.path.getsize(args.out) / 1e6:.1f} MB) in {time.time() - started:.0f}s")


if __name__ == "__main__":
    main()
