"""Where the data lives: ``data/`` beside the code, or ``QILING_DATA_DIR`` when set."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_DATA_DIR = ROOT / "data"
DATA_DIR = Path(os.environ.get("QILING_DATA_DIR") or SHIPPED_DATA_DIR)
