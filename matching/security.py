"""Security factor: certifications against the data's sensitivity, and vetting."""

from __future__ import annotations

import numpy as np

from .types import Sensitivity
from .vocab import Vocab

STRONG = ("ISO_27001", "SOC_2")
PRIVACY = ("GDPR_DPA", "HIPAA", "PCI_DSS")


def mask_of(codes: tuple[str, ...] | list[str], vocab: Vocab[str]) -> tuple[int, bool]:
    """Bit mask of known codes, and whether every code is known."""
    bits, known = 0, True
    for code in codes:
        bit = vocab.get(code.upper())
        if bit is None:
            known = False
        else:
            bits |= 1 << bit
    return bits, known


def holds_all(certs: np.ndarray, codes: tuple[str, ...], vocab: Vocab[str]) -> np.ndarray:
    """Which vendors hold every one of ``codes``."""
    bits, known = mask_of(codes, vocab)
    if not known:
        return np.zeros(len(certs), dtype=bool)
    want = np.uint64(bits)
    return (certs & want) == want


def security_class(verified: bool, strong: bool, privacy: bool) -> int:
    """Security class 0-7: 4 if verified, plus 2 for a strong cert and 1 for a privacy one."""
    return 4 * verified + 2 * strong + privacy


def security_lut(sensitivity: Sensitivity) -> np.ndarray:
    """Security factor per class of :func:`security_class`: half vetting, half certifications
    that suit the data (any for LOW sensitivity)."""
    if sensitivity == Sensitivity.HIGH:
        cert = (0.0, 0.3, 1.0, 1.0)  # by (strong, privacy) held: none, privacy, strong, both
    elif sensitivity == Sensitivity.MEDIUM:
        cert = (0.5, 1.0, 1.0, 1.0)
    else:
        cert = (1.0, 1.0, 1.0, 1.0)
    return np.array([0.5 * v + 0.5 * c for v in (0, 1) for c in cert], dtype=np.float32)


def security_scores(sec: np.ndarray, sensitivity: Sensitivity) -> np.ndarray:
    """Security factor in [0, 1] for vendors of classes ``sec``."""
    return security_lut(sensitivity)[sec]
