/**
 * Python helper functions the NumPy export defines before the graph, each
 * included only when a node of the graph uses it. Keys are the helper names.
 */
export const numpyHelpers: Readonly<Record<string, string>> = {
  sum_to_shape: `def sum_to_shape(g, shape):
    """Sums a gradient over the axes along which an operand of this shape was broadcast."""
    g = np.asarray(g)
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and g.shape[axis] != 1:
            g = g.sum(axis=axis, keepdims=True)
    return g.reshape(shape)`,

  softmax: `def softmax(x):
    """Softmax along the last axis; subtracting the maximum keeps exp from overflowing."""
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)`,

  softmax_backward: `def softmax_backward(s, g):
    """Gradient through a softmax output s along the last axis: s * (g - sum(g * s))."""
    return s * (g - np.sum(g * s, axis=-1, keepdims=True))`,

  one_hot_rows: `def one_hot_rows(labels, classes):
    """One row per example with 1.0 at its label; a label outside 0..classes-1 gives a row of zeros."""
    index = np.asarray(labels).reshape(-1).astype(np.int64)
    rows = np.zeros((index.size, classes))
    valid = (index >= 0) & (index < classes)
    rows[np.nonzero(valid)[0], index[valid]] = 1.0
    return rows`,

  svm_margins: `def svm_margins(scores, labels, margin):
    """Rows of s_j - s_y + margin for every class j, with 0 for the correct class y."""
    rows = scores.reshape(-1, scores.shape[-1])
    onehot = one_hot_rows(labels, rows.shape[1])
    correct = np.sum(rows * onehot, axis=1, keepdims=True)
    return (rows - correct + margin) * (1 - onehot), onehot`,

  svm_loss: `def svm_loss(scores, labels, margin):
    """Multiclass hinge loss: the mean over examples of the sum over j != y of max(0, s_j - s_y + margin)."""
    terms, _ = svm_margins(scores, labels, margin)
    per_example = np.sum(np.maximum(terms, 0), axis=1)
    return np.mean(per_example), per_example.reshape(scores.shape[:-1])`,

  svm_loss_backward: `def svm_loss_backward(scores, labels, margin, g_loss, g_per_example):
    """Each positive term adds +1 to class j and -1 to class y, weighted by that example's upstream gradient."""
    terms, onehot = svm_margins(scores, labels, margin)
    weights = (g_loss / terms.shape[0] + np.reshape(g_per_example, -1)).reshape(-1, 1)
    positive = (terms > 0).astype(np.float64)
    d_rows = (positive - onehot * positive.sum(axis=1, keepdims=True)) * weights
    return d_rows.reshape(scores.shape), np.zeros(np.shape(labels))`,

  softmax_cross_entropy: `def softmax_cross_entropy(scores, labels):
    """Mean over examples of -ln softmax(s)_y with the natural log, in log-sum-exp form."""
    rows = scores.reshape(-1, scores.shape[-1])
    shifted = rows - np.max(rows, axis=1, keepdims=True)
    log_probs = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    per_example = -np.sum(log_probs * one_hot_rows(labels, rows.shape[1]), axis=1)
    return np.mean(per_example), np.exp(log_probs).reshape(scores.shape)`,

  softmax_cross_entropy_backward: `def softmax_cross_entropy_backward(scores, labels, probs, g_loss, g_probs):
    """(p - onehot(y)) / N from the loss, plus the softmax gradient of anything that reads the probabilities."""
    p = probs.reshape(-1, probs.shape[-1])
    onehot = one_hot_rows(labels, p.shape[1])
    d_rows = (p - onehot) * (g_loss / p.shape[0]) + softmax_backward(p, np.reshape(g_probs, p.shape))
    return d_rows.reshape(scores.shape), np.zeros(np.shape(labels))`,
};

/** Helpers that other helpers call, so including one includes these too. */
export const numpyHelperDependencies: Readonly<Record<string, readonly string[]>> = {
  svm_margins: ['one_hot_rows'],
  svm_loss: ['svm_margins'],
  svm_loss_backward: ['svm_margins'],
  softmax_cross_entropy: ['one_hot_rows'],
  softmax_cross_entropy_backward: ['one_hot_rows', 'softmax_backward'],
};

/** Returns the helper names in dependency order: every helper after the helpers it calls. */
export function orderHelpers(names: Iterable<string>, dependencies: Readonly<Record<string, readonly string[]>>): string[] {
  const ordered: string[] = [];
  const visit = (name: string) => {
    if (ordered.includes(name)) return;
    for (const dependency of dependencies[name] ?? []) visit(dependency);
    ordered.push(name);
  };
  for (const name of names) visit(name);
  return ordered;
}
