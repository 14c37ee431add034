"""Teacher for distillation: MiniLM-L6 fine-tuned on GoEmotions (5 folds), labelling train (out of fold), dev and the
unlabelled corpus. Needs PyTorch, transformers and tokenizers; a GPU makes it take minutes instead of hours.

python3 teacher.py --model DIR --goemotions DIR --unlabelled FILE[.gz] --out teacher.npz
DIR holds a BERT config.json, model.safetensors and tokenizer.json (all-MiniLM-L6-v2, Apache-2.0).
"""
import argparse
import gzip
import math
import os
import random
import sys
import time

import numpy as np
import torch
from safetensors.torch import load_file
from sklearn.metrics import average_precision_score
from tokenizers import Tokenizer
from transformers import BertConfig, BertModel

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import features  # noqa: E402
import labels as L  # noqa: E402

p = argparse.ArgumentParser()
p.add_argument("--model", required=True)
p.add_argument("--goemotions", required=True)
p.add_argument("--unlabelled", required=True)
p.add_argument("--out", required=True)
p.add_argument("--extra", help="more texts (one a line, .gz allowed) for the fold ensemble to label, saved as 'extra'")
p.add_argument("--folds", type=int, default=5)
p.add_argument("--epochs", type=int, default=4)
p.add_argument("--lr", type=float, default=8e-5)
p.add_argument("--batch", type=int, default=64)
p.add_argument("--max-len", type=int, default=64)
p.add_argument("--smoke", action="store_true", help="tiny run to check the code path")
args = p.parse_args()

device = "cuda" if torch.cuda.is_available() else "cpu"
torch.manual_seed(7)
random.seed(7)
np.random.seed(7)

tr_text, tr_fine, tr_coarse, tr_pol = L.load_split(args.goemotions, "train")
dv_text, dv_fine, dv_coarse, dv_pol = L.load_split(args.goemotions, "dev")
opener = gzip.open if args.unlabelled.endswith(".gz") else open
with opener(args.unlabelled, "rt", encoding="utf-8") as f:
    un_text = [line.rstrip("\n") for line in f if line.strip()]
ex_text = []
if args.extra:
    with (gzip.open if args.extra.endswith(".gz") else open)(args.extra, "rt", encoding="utf-8") as f:
        ex_text = [line.rstrip("\n") for line in f if line.strip()]
if args.smoke:
    ex_text = ex_text[:500]
    tr_text, tr_fine, tr_coarse, tr_pol = tr_text[:3000], tr_fine[:3000], tr_coarse[:3000], tr_pol[:3000]
    un_text = un_text[:500]
    args.epochs, args.folds = 1, 2

tok = Tokenizer.from_file(os.path.join(args.model, "tokenizer.json"))
tok.enable_truncation(args.max_len)
tok.enable_padding(pad_id=0, pad_token="[PAD]")


def encode(texts):
    enc = tok.encode_batch(texts)
    ids = torch.tensor([e.ids for e in enc])
    mask = torch.tensor([e.attention_mask for e in enc])
    return ids, mask


class Teacher(torch.nn.Module):
    def __init__(self):
        super().__init__()
        config = BertConfig.from_json_file(os.path.join(args.model, "config.json"))
        self.bert = BertModel(config, add_pooling_layer=False)
        state = {k: v.float() if v.is_floating_point() else v for k, v in load_file(os.path.join(args.model, "model.safetensors")).items()}
        missing, unexpected = self.bert.load_state_dict(state, strict=False)
        assert not [m for m in missing if "position_ids" not in m], missing
        self.dropout = torch.nn.Dropout(0.1)
        self.head = torch.nn.Linear(config.hidden_size, 28 + 6 + 3)

    def forward(self, ids, mask):
        h = self.bert(input_ids=ids, attention_mask=mask).last_hidden_state
        m = mask.unsqueeze(-1).float()
        pooled = (h * m).sum(1) / m.sum(1).clamp(min=1)
        return self.head(self.dropout(pooled))


def probabilities(logits):
    return torch.cat([torch.sigmoid(logits[:, :34]), torch.softmax(logits[:, 34:], -1)], 1)


@torch.no_grad()
def predict(model, texts):
    model.eval()
    out = []
    for i in range(0, len(texts), 512):
        ids, mask = encode(texts[i : i + 512])
        with torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
            logits = model(ids.to(device), mask.to(device)).float()
        out.append(probabilities(logits).cpu().numpy())
    return np.concatenate(out) if out else np.zeros((0, 37), np.float32)


def train(idx):
    model = Teacher().to(device)
    params = [{"params": [p for n, p in model.named_parameters() if "head" not in n], "lr": args.lr},
              {"params": model.head.parameters(), "lr": args.lr * 10}]
    opt = torch.optim.AdamW(params, weight_decay=0.01)
    steps = args.epochs * math.ceil(len(idx) / args.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / (0.06 * steps)) * max(0.0, (steps - s) / steps))
    bce = torch.nn.BCEWithLogitsLoss()
    ce = torch.nn.CrossEntropyLoss(ignore_index=-1)
    for epoch in range(args.epochs):
        model.train()
        order = np.random.permutation(idx)
        for b in range(0, len(order), args.batch):
            batch = order[b : b + args.batch]
            texts = [features.asr_form(tr_text[i]) if random.random() < 0.5 else tr_text[i] for i in batch]
            ids, mask = encode(texts)
            fine = torch.from_numpy(tr_fine[batch]).to(device)
            coarse = torch.from_numpy(tr_coarse[batch]).to(device)
            pol = torch.from_numpy(tr_pol[batch]).to(device)
            with torch.autocast(device, dtype=torch.bfloat16, enabled=device == "cuda"):
                logits = model(ids.to(device), mask.to(device)).float()
            loss = bce(logits[:, :28], fine) + bce(logits[:, 28:34], coarse) + 0.5 * ce(logits[:, 34:], pol)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    return model


def report(name, probs, coarse, pol):
    keep = coarse.sum(1) > 0
    aps = [average_precision_score(coarse[keep, k], probs[keep, 28 + k]) for k in range(6)]
    has = pol >= 0
    acc = float((probs[has, 34:].argmax(1) == pol[has]).mean())
    print(f"{name}: AP {np.round(aps, 3)} macro {np.mean(aps):.4f} polarity acc {acc:.4f}", flush=True)


t0 = time.time()
n = len(tr_text)
folds = np.array_split(np.random.permutation(n), args.folds)
oof = np.zeros((n, 37), np.float32)
dev = np.zeros((len(dv_text), 37), np.float32)
dev_asr = np.zeros_like(dev)
un = np.zeros((len(un_text), 37), np.float32)
ex = np.zeros((len(ex_text), 37), np.float32)
dv_asr_text = [features.asr_form(t) for t in dv_text]
for k, held in enumerate(folds):
    model = train(np.setdiff1d(np.arange(n), held))
    oof[held] = predict(model, [tr_text[i] for i in held])
    d = predict(model, dv_text)
    report(f"fold {k} dev", d, dv_coarse, dv_pol)
    dev += d / args.folds
    dev_asr += predict(model, dv_asr_text) / args.folds
    un += predict(model, un_text) / args.folds
    ex += predict(model, ex_text) / args.folds
    print(f"fold {k} done at {time.time() - t0:.0f}s", flush=True)
report("ensemble dev", dev, dv_coarse, dv_pol)
report("ensemble dev (ASR form)", dev_asr, dv_coarse, dv_pol)
report("out-of-fold train", oof, tr_coarse, tr_pol)
np.savez_compressed(args.out, train=oof.astype(np.float16), dev=dev.astype(np.float16), dev_asr=dev_asr.astype(np.float16),
                    unlabelled=un.astype(np.float16), extra=ex.astype(np.float16))
print(f"wrote {args.out} in {time.time() - t0:.0f}s")
