"""Data, validation and charts for the study edition of "Are the Muqawama Signaling De-Escalation?" (2021)."""

from pathlib import Path

_VERSION_FILE = Path(__file__).resolve().parent.parent / "VERSION"  # the edition's version, kept in one place
__version__ = _VERSION_FILE.read_text(encoding="utf-8").strip() if _VERSION_FILE.is_file() else "0+unknown"
