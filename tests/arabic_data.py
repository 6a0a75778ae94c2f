"""A hand-made Arabic dataset for the chart tests: the project's data with every word a chart
draws from the data (names, places, code labels, claims, this edition's translations of the
statements) in Arabic, standing in for :func:`briefbook.i18n.data.localise` (which makes it from
``data/arabic.csv``), so that the tests hold whether or not the data's translations exist yet."""

from __future__ import annotations

import copy

from briefbook.data import Dataset

NAMES = {"askari": "أبو علي العسكري", "khazali": "قيس الخزعلي", "sabereen": "صابرين نيوز",
         "kataib-hezbollah": "كتائب حزب الله", "asaib-ahl-al-haq": "عصائب أهل الحق"}  # fmt: skip
PLACES = ["البوكمال والقائم", "حقل العمر النفطي", "قاعدة عين الأسد الجوية", "أربيل", "السفارة الأمريكية"]
CODES = {"escalatory": "تصعيدية", "de-escalatory": "مهدِّئة", "mixed": "مختلطة"}


def arabic(data: Dataset) -> Dataset:
    """``data`` as the Arabic edition's localised dataset gives it (``language`` "ar")."""
    actors = data.actors.copy()
    actors["name_en"] = actors["name"]
    actors["name"] = [NAMES.get(i, f"متحدث رقم {n}") for n, i in enumerate(actors["id"], 1)]
    events = data.events.copy()
    events["place_en"] = events["place"]
    events["place"] = [PLACES[n % len(PLACES)] for n in range(len(events))]
    quotations = data.quotations.copy()
    quotations["text_translation"] = [f"ترجمة التصريح رقم {n} كما تعطيها هذه الطبعة عن الإنجليزية" for n in range(1, len(quotations) + 1)]  # fmt: skip
    claims = data.claims.copy()
    claims["claim_en"] = claims["claim"]
    claims["claim"] = [f"الاستنتاج رقم {n} بكلمات هذه الطبعة، كما يترجمه جدول البيانات" for n in claims["order"]]
    descriptor = copy.deepcopy(data.descriptor)
    for resource in descriptor["resources"]:
        for field in resource["schema"]["fields"]:
            for n, code in enumerate(field.get("x-codes", []), 1):
                code["label"] = CODES.get(code["value"], f"أسلوب رقم {n}")
    frames = {**data.frames, "actors": actors, "events": events, "quotations": quotations, "claims": claims}
    return Dataset(data.data_dir, descriptor, frames, "ar")
