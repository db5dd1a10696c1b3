"""Currency conversion through a table of rates against one base currency."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal


class FxRates:
    """Exchange rates against a base currency.

    Parameters
    ----------
    base : str
        ISO 4217 code of the base currency.
    rates : mapping of str to float or Decimal
        ``rates[c]`` is the number of units of ``c`` per one unit of ``base``.
    """

    def __init__(self, base: str, rates: Mapping[str, float | Decimal | str]) -> None:
        self.base = base.upper()
        self._rates = {code.upper(): float(rate) for code, rate in rates.items()}
        self._rates[self.base] = 1.0
        for code, rate in self._rates.items():
            if rate <= 0:
                raise ValueError(f"rate for {code} must be positive")

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.upper() in self._rates

    def rate(self, code: str) -> float:
        """Units of ``code`` per one base unit; KeyError when unknown."""
        try:
            return self._rates[code.upper()]
        except KeyError:
            raise KeyError(f"no exchange rate for {code!r}") from None

    def convert(self, amount: float | Decimal, src: str, dst: str) -> float:
        """Convert ``amount`` from ``src`` to ``dst``.

        Raises
        ------
        KeyError
            When either currency is not in the table.
        """
        return float(amount) / self.rate(src) * self.rate(dst)
