"""Explanations of one match: the reasons a buyer reads and the outsourcing risks."""
