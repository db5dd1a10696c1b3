"""Learning the factor weights from the marketplace's own hiring history
(`vendormatch fit-weights`). Above matches and projects: it reads both.
"""
