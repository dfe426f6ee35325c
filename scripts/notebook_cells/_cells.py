"""Cell constructors and the set-up cell shared by every notebook."""

from __future__ import annotations


def md(text: str) -> tuple[str, str]:
    """A markdown cell (leading/trailing blank lines dropped)."""
    return ("markdown", text.strip("\n"))


def code(text: str) -> tuple[str, str]:
    """A code cell (leading/trailing blank lines dropped)."""
    return ("code", text.strip("\n"))


SETUP = code("""
%matplotlib inline
import warnings

import matplotlib.pyplot as plt
import pandas as pd

import reequity as rq

# modest figure resolution keeps the committed notebooks small
plt.rcParams.update({"figure.dpi": 72, "figure.figsize": (8, 3.6)})
pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 70)
pd.set_option("display.precision", 4)
""")
