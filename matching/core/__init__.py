"""Records shared by every layer: vendor and scope inputs, factors and weights, results,
the skill taxonomy and exchange rates. Imports nothing else from ``matching``."""
