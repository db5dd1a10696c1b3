"""Numbers and clock times as explanations print them."""

from __future__ import annotations


def num(x: float) -> str:
    """3.5 -> '3.5', 4.0 -> '4', 12000 -> '12,000'."""
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    return short(x)


def short(x: float) -> str:
    """One decimal, without a trailing '.0' and without thousands separators."""
    return f"{x:.1f}".removesuffix(".0")


def clock(hours: float) -> str:
    """Hours as HH:MM (wrapping at 24)."""
    minutes = round(hours * 60) % (24 * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
