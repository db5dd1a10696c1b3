"""Where the seed files live: the repo's seeds/ unless VENDORMATCH_SEEDS_DIR says otherwise."""

from __future__ import annotations

import os
from pathlib import Path


def seeds_dir() -> Path:
    return Path(os.environ.get("VENDORMATCH_SEEDS_DIR") or Path(__file__).parents[2] / "seeds")
