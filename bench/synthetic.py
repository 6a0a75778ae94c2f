"""Synthetic event tables for the benchmark: valid rows, made here and never committed."""

from __future__ import annotations

import csv
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

TYPES = ["rocket", "drone", "airstrike"]
KINDS = ["us-base-iraq", "us-embassy", "al-omar-syria", "militia-facilities"]
KEYS = ["reuters2021omar", "abc2021asad", "afp2021embassy"]


def make_project(root: Path, source: Path, rows: int, seed: int = 1) -> Path:
    """A copy of the data whose events table holds ``rows`` events: the real ones, then synthetic
    ones in the study window (one in ten known only to a two-day window)."""
    data = root / "data"
    shutil.copytree(source / "data", data)
    shutil.copy(source / "references.bib", root / "references.bib")
    rng = random.Random(seed)
    with (source / "data" / "events.csv").open(encoding="utf-8", newline="") as f:
        real = list(csv.reader(f))
    header = real[0]
    start = date(2021, 6, 27)
    # Each day's rows need their own place within the day: synthetic rows follow the real ones.
    places = {}
    basis, note = header.index("order_basis"), header.index("order_note")
    for row in real[1:]:
        if row[basis] == "only":  # no longer alone on its day
            row[basis], row[note] = "unfixed", "Synthetic rows share this day; no source fixes the order."
        day = row[header.index("date_start")]
        places[day] = max(places.get(day, 0), int(row[header.index("day_order")]))
    with (data / "events.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerows(real)
        for i in range(rows - (len(real) - 1)):
            day = start + timedelta(days=rng.randrange(0, 13))
            end = day + timedelta(days=1) if rng.random() < 0.1 else day
            kind = rng.choice(TYPES)
            places[day.isoformat()] = places.get(day.isoformat(), 0) + 1
            row = {
                "id": f"ev-{day.isoformat()}-synthetic-{i}", "date_start": day.isoformat(), "date_end": end.isoformat(),
                "time_local": "", "day_order": str(places[day.isoformat()]), "order_basis": "unfixed",
                "order_note": "Synthetic: no source fixes the order.", "actor_source_keys": "", "place": f"Place {i % 50}", "country": "Iraq", "target": "A target",
                "target_kind": rng.choice(KINDS), "actor": "unknown", "actor_status": "unclaimed", "type": kind,
                "projectiles": str(rng.randrange(1, 20)), "casualties": "None reported.",
                "description": "A synthetic event.", "source_keys": rng.choice(KEYS), "notes": "",
            }  # fmt: skip
            writer.writerow([row[h] for h in header])
    return data
