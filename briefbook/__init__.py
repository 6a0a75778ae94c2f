"""Data, validation, quotation rendering and charts for the study edition of
"Are the Muqawama Signaling De-Escalation?" (Malik and Smith, 2021)."""

__version__ = "0.1.0"
