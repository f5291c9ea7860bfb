"""The hostile corpus: what a stranger's pull request may try, built and checked for real."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "site"))
