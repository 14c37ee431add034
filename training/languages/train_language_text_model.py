"""Trains a Spanish or French text model (the same outputs and weight-file format as the English one: six emotions,
polarity, explanations), or one model for several languages at once (--languages es fr), to compare the two.

Data: XED's projected subtitle lines in the language (CC BY 4.0; anger and disgust → frustration, fear → anxiety,
sadness → sadness, joy and trust → satisfaction; lines with only anticipation or surprise left out) and the
contact-centre turns written for this project (domain/LANG.jsonl, weighted), which also bring the neutral class that
XED lacks. Every text is seen typed and in a recogniser's form without accents; the features are the English model's
(../features.py) on the folded text (text_forms.fold), so accents, case and punctuation never matter. Calibration
(stacked, as the English model) and thresholds come from a held-out fifth of the training lines; XED's dev lines (CRC
split, text_forms.is_dev) and examples/contact-centre-eval-LANG.jsonl are only reported.

python3 train_language_text_model.py --languages es --out ../../Sources/UndertoneEngine/Resources/emotion-model-es.utm
"""
import argparse
import json
import os
import struct
import sys
import time

import numpy as np
import scipy.sparse as sp
from sklearn.metrics import average_precision_score, f1_score

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, HERE)
import features as F  # noqa: E402
import labels as L  # noqa: E402
import text_forms as T  # noqa: E402
from train_text_model import OUTPUTS, best_threshold, counts, fit, idf_of, matrix, read_labelled, stack, targets  # noqa: E402

CHECKS = {
    "es": ["¡Estoy harto, voy a cancelar!", "quiero hablar con su jefe", "son unos inútiles de mierda", "muchas gracias por todo",
           "no entiendo esta factura", "Hola, quería cambiar mi dirección.", "ÉNORME problème", ""],
    "fr": ["J'en ai marre, je vais résilier !", "je veux parler à votre responsable", "vous êtes des incapables",
           "merci beaucoup pour tout", "je ne comprends pas cette facture", "Bonjour, je voudrais changer d'adresse.", "¿Qué tal?", ""],
}


def labelled_rows(data, languages, split):
    texts, coarse, polarity = [], [], []
    for language in languages:
        for text, emotions, pol in T.read_xed(data, language, split):
            texts.append(text)
            coarse.append([1.0 if e in emotions else 0.0 for e in L.EMOTIONS])
            polarity.append(L.POLARITIES.index(pol) if pol else -1)
    return texts, np.array(coarse, np.float32).reshape(-1, 6), np.array(polarity, np.int64)


def folded_counts(texts, bits, speech):
    return counts([T.speech_form(t) if speech else T.fold(t) for t in texts], bits)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=os.path.join(HERE, "..", "..", "..", "shared", "data"))
    p.add_argument("--languages", nargs="+", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--bits", type=int, default=18)
    p.add_argument("--c", type=float, default=2.0)
    p.add_argument("--iterations", type=int, default=300)
    p.add_argument("--polarity-weight", type=float, default=2.0)
    p.add_argument("--domain-weight", type=float, default=4.0)
    p.add_argument("--holdout", type=float, default=0.2)
    p.add_argument("--no-refit", action="store_true",
                   help="ship the model fitted on the kept part (calibrated on the held-out part) instead of refitting on all")
    args = p.parse_args()
    log = lambda s: print(s, flush=True)  # noqa: E731
    started = time.time()

    x_texts, x_coarse, x_polarity = labelled_rows(args.data, args.languages, "train")
    d_texts, d_coarse, d_polarity = [], np.zeros((0, 6), np.float32), np.zeros(0, np.int64)
    for language in args.languages:
        t, c, pol = read_labelled(os.path.join(HERE, "domain", f"{language}.jsonl"))
        d_texts += t
        d_coarse = np.vstack([d_coarse, c])
        d_polarity = np.concatenate([d_polarity, pol])
    texts = x_texts + d_texts
    coarse = np.vstack([x_coarse, d_coarse])
    polarity = np.concatenate([x_polarity, d_polarity])
    weights_one = np.concatenate([np.ones(len(x_texts)), np.full(len(d_texts), args.domain_weight)])
    n = len(texts)
    log(f"{'+'.join(args.languages)}: {len(x_texts)} XED train lines, {len(d_texts)} contact-centre lines (weight {args.domain_weight})")

    typed = folded_counts(texts, args.bits, speech=False)
    spoken = folded_counts(texts, args.bits, speech=True)
    idf = idf_of(typed, args.bits)
    X = sp.vstack([matrix(typed, idf, args.bits), matrix(spoken, idf, args.bits)]).tocsr()
    T_all = targets(coarse, polarity, None, 1.0)

    def subset(index):
        both = np.concatenate([index, index + n])
        return X[both], np.vstack([T_all[index], T_all[index]]), np.concatenate([weights_one[index], weights_one[index]])

    rng = np.random.default_rng(11)
    order = rng.permutation(n)
    held = np.sort(order[: int(n * args.holdout)])
    kept = np.sort(order[int(n * args.holdout):])
    log("fitting on the kept part for calibration")
    W, b = fit(*subset(kept), args.c, args.iterations, log, args.polarity_weight)
    Z = np.asarray(X[np.concatenate([held, held + n])] @ W) + b
    C_h = np.vstack([coarse[held], coarse[held]])
    P_h = np.concatenate([polarity[held], polarity[held]])
    M = np.zeros((OUTPUTS, OUTPUTS))
    c0 = np.zeros(OUTPUTS)
    for k in range(6):
        M[k], c0[k] = stack(Z, C_h[:, k], multinomial=False)
    has = P_h >= 0
    M[6:], c0[6:] = stack(Z[has], P_h[has], multinomial=True)
    Pcal = 1 / (1 + np.exp(-(Z @ M.T + c0)[:, :6]))
    thresholds = [best_threshold(Pcal[:, k], C_h[:, k]) for k in range(6)]
    log(f"thresholds {np.round(thresholds, 2).tolist()}")

    if not args.no_refit:
        log("fitting on all training data")
        W, b = fit(*subset(np.arange(n)), args.c, args.iterations, log, args.polarity_weight)
    W = (W.astype(np.float64) @ M.T).astype(np.float32)
    b = (M @ b.astype(np.float64) + c0).astype(np.float32)
    scales = np.maximum(np.abs(W).max(0), 1e-8) / 127.0
    Q = np.clip(np.round(W / scales), -127, 127).astype(np.int8)

    def engine_probabilities(text_list):
        """What the Swift engine computes from the quantised weights (the text folded first, as the engine does)."""
        Xe = matrix(folded_counts(text_list, args.bits, speech=False), idf, args.bits)
        Z = (np.asarray(Xe @ Q.astype(np.float32))) * scales + b
        out = np.empty_like(Z)
        out[:, :6] = 1 / (1 + np.exp(-Z[:, :6]))
        e = np.exp(Z[:, 6:] - Z[:, 6:].max(1, keepdims=True))
        out[:, 6:] = e / e.sum(1, keepdims=True)
        return out

    def report(name, texts_, coarse_, polarity_):
        keep = coarse_.sum(1) > 0
        for form_name, form in (("typed", texts_), ("speech form", [T.speech_form(t) for t in texts_])):
            P = engine_probabilities(form)
            aps = [average_precision_score(coarse_[keep, k], P[keep, k]) if coarse_[keep, k].any() else float("nan") for k in range(6)]
            f1s = [f1_score(coarse_[keep, k], P[keep, k] >= thresholds[k]) for k in range(6) if coarse_[keep, k].any()]
            has_ = polarity_ >= 0
            acc = float((P[has_, 6:].argmax(1) == polarity_[has_]).mean())
            log(f"{name} {form_name}: AP {np.round(aps, 3).tolist()} macro {np.nanmean(aps):.4f}; F1 macro {np.mean(f1s):.4f}; "
                f"polarity acc {acc:.4f}")

    for language in args.languages:
        report(f"XED {language} dev", *labelled_rows(args.data, [language], "dev"))
        held_out = os.path.join(HERE, "..", "..", "examples", f"contact-centre-eval-{language}.jsonl")
        if os.path.exists(held_out):
            report(f"contact-centre-eval-{language}", *read_labelled(held_out))

    check_texts = [t for language in args.languages for t in CHECKS.get(language, [])]
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
        "normalisation": "fold",
        "about": {
            "model": "hashed word 1-2-gram and character 2-5-gram tf-idf of the accent-folded text, linear",
            "languages": ",".join(args.languages),
            "trainedOn": "XED projected subtitle lines (CC BY 4.0, Öhman et al., COLING 2020) and contact-centre turns written "
                         "for this project (training/languages/domain)",
            "settings": f"bits={args.bits} c={args.c} iterations={args.iterations} polarity_weight={args.polarity_weight} "
                        f"domain={len(d_texts)}x{args.domain_weight} calibration=stacked refit={'no' if args.no_refit else 'yes'}",
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
