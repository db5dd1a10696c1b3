"""Security factor: certifications against the data's sensitivity, and vetting."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

from ..core.records import Sensitivity

STRONG = ("ISO_27001", "SOC_2")
PRIVACY = ("GDPR_DPA", "HIPAA", "PCI_DSS")


def mask_of(codes: tuple[str, ...] | list[str], bits: Mapping[str, int]) -> tuple[int, bool]:
    """Bit mask of known codes (``bits``: code -> bit), and whether every code is known."""
    mask, known = 0, True
    for code in codes:
        bit = bits.get(code.upper())
        if bit is None:
            known = False
        else:
            mask |= 1 << bit
    return mask, known


def holds_all(
    certs: NDArray[np.uint64], codes: tuple[str, ...], bits: Mapping[str, int]
) -> NDArray[np.bool_]:
    """Which vendors (certification bit masks ``certs``) hold every one of ``codes``."""
    mask, known = mask_of(codes, bits)
    if not known:
        return np.zeros(len(certs), dtype=bool)
    want = np.uint64(mask)
    held: NDArray[np.bool_] = (certs & want) == want
    return held


def security_class(verified: bool, strong: bool, privacy: bool) -> int:
    """Security class 0-7: 4 if verified, plus 2 for a strong cert and 1 for a privacy one."""
    return 4 * verified + 2 * strong + privacy


def security_lut(sensitivity: Sensitivity) -> NDArray[np.float32]:
    """Security factor per class of :func:`security_class`: half vetting, half certifications
    that suit the data (any for LOW sensitivity)."""
    if sensitivity == Sensitivity.HIGH:
        cert = (0.0, 0.3, 1.0, 1.0)  # by (strong, privacy) held: none, privacy, strong, both
    elif sensitivity == Sensitivity.MEDIUM:
        cert = (0.5, 1.0, 1.0, 1.0)
    else:
        cert = (1.0, 1.0, 1.0, 1.0)
    return np.array([0.5 * v + 0.5 * c for v in (0, 1) for c in cert], dtype=np.float32)
