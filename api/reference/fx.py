"""Exchange rates shipped in seeds/fx_rates.json.

`fx_rates()` is the matching library's table (floats, for scoring); `fx_table()` wraps it
for money columns, rounding conversions to cents as Decimals.
"""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from api.core.seeds import seeds_dir
from matching import FxRates

CENT = Decimal("0.01")


@cache
def fx_rates() -> FxRates:
    """The shipped table; every currency the marketplace accepts is in it."""
    data = json.loads((seeds_dir() / "fx_rates.json").read_text())
    return FxRates(data["base"], data["rates"])


class FxTable:
    """Decimal conversions for money columns, through the library's rates."""

    def __init__(self, rates: FxRates) -> None:
        self.rates = rates
        self.base = rates.base

    def __contains__(self, code: object) -> bool:
        return code in self.rates

    def to_base(self, amount: Decimal, currency: str) -> Decimal:
        return self.convert(amount, currency, self.base)

    def convert(self, amount: Decimal, source: str, target: str) -> Decimal:
        converted = Decimal(repr(self.rates.convert(amount, source, target)))
        return converted.quantize(CENT, ROUND_HALF_UP)


@cache
def fx_table() -> FxTable:
    return FxTable(fx_rates())
