"""How many inputs the fuzz tests try: a small, fixed budget in CI, more on request.

``CACHELINT_FUZZ_EXAMPLES=N`` runs ``N`` inputs per fuzz test, with a random
seed (``--hypothesis-seed`` repeats a run) and with failures saved in the
``.hypothesis/`` database so that the next run tries them first. Without it,
each test runs its small CI budget, derandomized so that CI never flakes.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES_VARIABLE = "CACHELINT_FUZZ_EXAMPLES"


def fuzz_settings(ci_examples: int) -> settings:
    """Hypothesis settings for one fuzz test: ``ci_examples`` unless the variable says more."""
    requested = os.environ.get(EXAMPLES_VARIABLE, "").strip()
    common = {
        "deadline": None,  # a shared CI runner's pauses are no bugs
        "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    }
    if requested:
        return settings(max_examples=int(requested), print_blob=True, **common)
    return settings(max_examples=ci_examples, derandomize=True, database=None, **common)
