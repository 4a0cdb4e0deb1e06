"""Classification metrics from labels and predictions (numpy only, no scikit-learn).

Conventions (the same as scikit-learn's defaults with zero_division=0): macro averages run over all `num_labels`
classes; a class never predicted has precision 0; balanced accuracy averages recall over classes present in the
labels. Keys are `prefix/name` in snake case.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class EvalMetrics:
    scalars: dict[str, float]
    confusion_matrix: list[list[int]]  # rows: true label, columns: predicted label


def confusion_matrix(labels: np.ndarray, predictions: np.ndarray, num_labels: int) -> np.ndarray:
    matrix = np.zeros((num_labels, num_labels), dtype=np.int64)
    np.add.at(matrix, (labels.astype(np.int64), predictions.astype(np.int64)), 1)
    return matrix


def _safe_divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    return np.divide(numerator, denominator, out=np.zeros_like(numerator, dtype=np.float64), where=denominator > 0)


def classification_metrics(labels: np.ndarray, predictions: np.ndarray, *, num_labels: int, loss: float | None = None,
                           prefix: str = "eval") -> EvalMetrics:
    matrix = confusion_matrix(labels, predictions, num_labels)
    true_positive = np.diag(matrix).astype(np.float64)
    support = matrix.sum(axis=1).astype(np.float64)
    predicted = matrix.sum(axis=0).astype(np.float64)
    precision = _safe_divide(true_positive, predicted)
    recall = _safe_divide(true_positive, support)
    f1 = _safe_divide(2 * precision * recall, precision + recall)
    total = max(int(matrix.sum()), 1)
    present = support > 0
    scalars = {
        f"{prefix}/accuracy": float(true_positive.sum() / total),
        f"{prefix}/balanced_accuracy": float(recall[present].mean()) if present.any() else 0.0,
        f"{prefix}/f1_macro": float(f1.mean()),
        f"{prefix}/f1_weighted": float((f1 * support).sum() / max(support.sum(), 1)),
    }
    for label in range(num_labels):
        scalars[f"{prefix}/precision_class_{label}"] = float(precision[label])
        scalars[f"{prefix}/recall_class_{label}"] = float(recall[label])
    if loss is not None:
        scalars[f"{prefix}/loss"] = float(loss)
    return EvalMetrics(scalars=scalars, confusion_matrix=matrix.tolist())


def majority_baseline_accuracy(train_labels: np.ndarray, test_labels: np.ndarray) -> float:
    """Accuracy on `test_labels` of always predicting the most frequent training label: the bar a model must clear."""
    majority = np.bincount(train_labels).argmax()
    return float((test_labels == majority).mean())
