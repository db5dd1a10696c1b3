"""Learning factor weights from past outcomes: the estimator, training data and NDCG."""
