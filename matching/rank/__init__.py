"""Ranking: a scope evaluated over the whole store, the exact top-k, and the MatchIndex."""
