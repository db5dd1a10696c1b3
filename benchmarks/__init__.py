"""Benchmarks run by `vendormatch bench`: they print measured ratios, never assert on time."""
