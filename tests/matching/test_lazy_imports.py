"""scikit-learn and SciPy's optimisers load where they are used, not with the library or
the server: importing them takes seconds a worker would pay at every start."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("sklearn", "scipy.optimize", "scipy.stats")
PROBE = f"""
import json, sys
import api.app, matching
loaded = {{name: name in sys.modules for name in {HEAVY!r}}}
matching.WeightLearner  # the learner brings its optimisers with it
learning = {{name: name in sys.modules for name in {HEAVY!r}}}
print(json.dumps([loaded, learning]))
"""


def test_the_server_imports_no_learning_or_text_hashing_until_used() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=300
    ).stdout
    loaded, learning = json.loads(out)

    assert loaded == dict.fromkeys(HEAVY, False)
    assert learning == dict.fromkeys(HEAVY, True)
