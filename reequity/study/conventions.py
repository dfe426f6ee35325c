"""The two conventions of the formulas, named once.

``textbook`` follows Campbell, Lo and MacKinlay (1997, ch. 4) and the papers of each
test; ``estudy2`` copies the R package estudy2 (Pynnonen's implementation) so results
can be checked against it to 1e-10. Every place whose formula differs asks
:func:`follows_estudy2`, so a reader finds every difference by searching for that name:
the residual-variance divisor (:mod:`.models`), the prediction-error factor
(:mod:`.derive`), Lamb's factor and the batched path (:mod:`.battery`), and the window
versions of several tests (:mod:`.statistics`).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Literal, get_args

from reequity.errors import ConfigurationError

__all__ = [
    "CONVENTIONS",
    "DEFAULT_CONVENTION",
    "Convention",
    "check_convention",
    "follows_estudy2",
    "residual_dof",
]

Convention = Literal["textbook", "estudy2"]
_TEXTBOOK, _ESTUDY2 = get_args(Convention)
DEFAULT_CONVENTION: Convention = _TEXTBOOK

#: each convention and its one-line help (``--convention`` choices and their help text)
CONVENTIONS = MappingProxyType(
    {
        _TEXTBOOK: "residual variance with divisor M - k and the full prediction-error "
        "variance for CARs (Campbell, Lo and MacKinlay 1997, ch. 4)",
        _ESTUDY2: "the R package estudy2's formulas (divisor M - 1, pooled "
        "generalized-sign p, ...), for checking against it",
    }
)


def check_convention(convention: object) -> Convention:
    """``convention`` if it is known; a ConfigurationError naming the valid ones otherwise."""
    if convention not in CONVENTIONS:
        raise ConfigurationError(
            f"convention {convention!r} is not known; valid: {', '.join(CONVENTIONS)}."
        )
    return convention  # type: ignore[return-value]


def follows_estudy2(convention: str) -> bool:
    """Whether a formula should copy estudy2 rather than the textbook."""
    return convention == _ESTUDY2


def residual_dof(k: int, convention: str) -> int:
    """Degrees of freedom a fit with ``k`` parameters loses in the residual variance:
    ``k`` in the textbook (divisor M - k), 1 in estudy2 (divisor M - 1, R's ``sd``)."""
    return 1 if follows_estudy2(convention) else k
