"""Reference AUCs from scikit-learn on exactly the rows leadlab trains and tests on.

Development aid only (not a dependency of leadlab): Debian's python3-sklearn.
    npx tsx bench/reference/export-split.ts <dataset.yaml> split.csv
    node dist/cli/main.js tune <dataset.yaml> --out out
    python3 bench/reference/sklearn_reference.py split.csv out/summary.json
Models, all fitted on the `train` rows and scored on the `test` rows:
- LR: logistic regression (C = 1) on one-hot categories (missing is a category) and numbers
  (median-imputed, standardised, with a missing indicator);
- WOE LR: every column binned (numbers in up to 10 training quantile bins, categories below 1 %
  of training rows pooled, missing its own bin), encoded as weight of evidence from the training
  rows (0.5 added to zero cells), then logistic regression (C = 1);
- boosting: HistGradientBoostingClassifier (random_state 0) on the one-hot categories and raw numbers.
"""
import csv
import json
import math
import sys

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def columns(header, rows):
    train = np.array([r[1] == "train" for r in rows])
    y = np.array([int(r[2]) for r in rows])
    cols = {}
    for j, name in enumerate(header[3:], start=3):
        cols[name] = [r[j] for r in rows]
    return train, y, cols


def one_hot(cols, train, impute):
    blocks = []
    for name, v in cols.items():
        if name.startswith("num:"):
            x = np.array([float(s) if s != "" else np.nan for s in v])
            if impute:
                miss = np.isnan(x)
                med = np.nanmedian(x[train]) if np.any(~miss & train) else 0.0
                x = np.where(miss, med, x)
                sd = x[train].std() or 1.0
                blocks += [((x - x[train].mean()) / sd)[:, None], miss[:, None].astype(float)]
            else:
                blocks.append(x[:, None])
        else:
            levels = sorted(set(np.array(v)[train]))
            blocks.append(np.array([[1.0 if s == lv else 0.0 for lv in levels] for s in v]))
    return np.hstack(blocks)


def woe_encode(cols, train, y):
    out = []
    E, N = y[train].sum(), (1 - y[train]).sum()
    for name, v in cols.items():
        if name.startswith("num:"):
            x = np.array([float(s) if s != "" else np.nan for s in v])
            ok = ~np.isnan(x)
            edges = np.unique(np.nanquantile(x[train & ok], np.linspace(0, 1, 11)[1:-1])) if np.any(train & ok) else np.array([])
            key = np.where(ok, np.searchsorted(edges, np.nan_to_num(x), side="right").astype(str), "missing")
        else:
            v = np.array(v)
            counts = {lv: np.sum((v == lv) & train) for lv in set(v)}
            key = np.array([s if counts.get(s, 0) >= 0.01 * train.sum() else "__other" for s in v])
            key = np.where(v == "", "missing", key)
        woe = {}
        for k in set(key):
            e = y[train & (key == k)].sum()
            n = (train & (key == k)).sum() - e
            if e == 0 or n == 0:
                e, n = e + 0.5, n + 0.5
            woe[k] = math.log((e / E) / (n / N))
        out.append(np.array([woe.get(k, 0.0) for k in key])[:, None])
    return np.hstack(out)


def main():
    header, rows = read(sys.argv[1])
    train, y, cols = columns(header, rows)
    test = ~train
    result = {}
    X = one_hot(cols, train, impute=True)
    result["LR"] = roc_auc_score(y[test], LogisticRegression(C=1.0, max_iter=5000).fit(X[train], y[train]).predict_proba(X[test])[:, 1])
    W = woe_encode(cols, train, y)
    result["WOE LR"] = roc_auc_score(y[test], LogisticRegression(C=1.0, max_iter=5000).fit(W[train], y[train]).predict_proba(W[test])[:, 1])
    G = one_hot(cols, train, impute=False)
    result["boosting"] = roc_auc_score(y[test], HistGradientBoostingClassifier(random_state=0).fit(G[train], y[train]).predict_proba(G[test])[:, 1])
    if len(sys.argv) > 2:
        with open(sys.argv[2]) as f:
            s = json.load(f)
        result["leadlab"] = s["metrics"]["auc"]["auc"]
        print(f"leadlab verdict: {s['verdict']}")
    print(f"{train.sum()} train rows, {test.sum()} test rows, {len(cols)} columns")
    for k, v in result.items():
        print(f"{k:10s} {v:.3f}")


if __name__ == "__main__":
    main()
