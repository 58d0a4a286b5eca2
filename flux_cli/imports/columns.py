"""Header synonyms: every Strong column name seen (variants, units, languages) → one field."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from flux_cli.imports.values import distance_unit, weight_unit

# Canonical Strong field → the header names the app has written for it (README variants 1-6).
_STRONG_SYNONYMS: dict[str, tuple[str, ...]] = {
    "workout_number": ("Workout #", "Workout Number", "Workout Nr", "Workout-Nr."),
    "date": ("Date", "Datum", "Fecha", "Data", "日期", "日付", "날짜", "Дата"),
    "workout_name": (
        "Workout Name", "Workout-Name", "Trainingsname", "Nom de l'entraînement",
        "Nombre de entrenamiento", "Nombre del entrenamiento", "Nome dell'allenamento",
        "Nome do treino", "锻炼名称", "鍛鍊名稱", "训练名称", "ワークアウト名",
    ),
    "duration": (
        "Duration", "Workout Duration", "Dauer", "Durée", "Duración", "Durata", "Duração",
        "时长", "時長", "持续时间", "持續時間", "時間",
    ),
    "exercise": (
        "Exercise Name", "Name der Übung", "Übungsname", "Nom de l'exercice",
        "Nombre del ejercicio", "Nombre de ejercicio", "Nome dell'esercizio",
        "Nome do exercício", "运动名称", "運動名稱", "练习名称", "动作名称", "エクササイズ名",
    ),
    "set_order": (
        "Set Order", "Reihenfolge festlegen", "Satzreihenfolge", "Ordre de la série",
        "Ordre des séries", "Orden de la serie", "Orden de series", "Ordine della serie",
        "Ordem da série", "设置顺序", "設置順序", "组顺序", "セット順序",
    ),
    "weight": ("Weight", "Gewicht", "Poids", "Peso", "重量", "重さ"),
    "weight_unit": (
        "Weight Unit", "Gewichtseinheit", "Unité de poids", "Unidad de peso", "重量单位",
    ),
    "reps": (
        "Reps", "Wiederh.", "Wiederholungen", "Réps", "Répétitions", "Rep.", "Repeticiones",
        "Ripetizioni", "Repetições", "次", "次数", "回数",
    ),
    "distance": ("Distance", "Entfernung", "Distanz", "Distancia", "Distanza", "Distância",
                 "距离", "距離"),
    "distance_unit": (
        "Distance Unit", "Entfernungseinheit", "Unité de distance", "Unidad de distancia",
        "距离单位",
    ),
    "seconds": ("Seconds", "Sekunden", "Secondes", "Segundos", "Secondi", "秒", "秒数"),
    "notes": ("Notes", "Notizen", "Notas", "Note", "备注", "備註", "メモ"),
    "workout_notes": (
        "Workout Notes", "Workout-Notizen", "Trainingsnotizen", "Notes de l'entraînement",
        "Notas del entrenamiento", "Notas de entrenamiento", "Note dell'allenamento",
        "锻炼备注", "鍛鍊備註", "训练备注",
    ),
    "rpe": ("RPE",),
}  # fmt: skip

STRONG_REQUIRED = ("date", "exercise", "set_order")
_UNIT_SUFFIX = re.compile(r"^(.*?)\s*\(([^()]*)\)\s*$")


@functools.lru_cache(maxsize=1024)  # also folds Strong's `W` / `Rest Timer` cells, row by row
def normalize(name: str) -> str:
    """A header name folded for lookup: no accents, case, spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", name.replace("#", " number"))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[\W_]+", "", bare.casefold())


_STRONG_LOOKUP = {
    normalize(synonym): field for field, names in _STRONG_SYNONYMS.items() for synonym in names
}


def strong_field(name: str) -> tuple[str | None, str | None]:
    """The canonical field of one Strong header name, and the unit the name carries if any."""
    base, unit = name, None
    if match := _UNIT_SUFFIX.match(name):
        base, unit = match.group(1), match.group(2).strip()
    if field := _STRONG_LOOKUP.get(normalize(base)):
        return field, unit
    if (bare_weight := weight_unit(name)) is not None:  # 2017-2018: `kg` / `lb` as the name
        return "weight", bare_weight
    if (bare_distance := distance_unit(name)) is not None:  # 2017-2018: `km` / `mi`
        return "distance", bare_distance
    return None, None


@dataclass(frozen=True, slots=True)
class StrongLayout:
    """Where each Strong field sits in a header, and the units the header fixes."""

    index: dict[str, int]
    weight_unit: str | None
    distance_unit: str | None

    @property
    def missing(self) -> list[str]:
        """Required fields the header lacks."""
        return [field for field in STRONG_REQUIRED if field not in self.index]


def strong_layout(header: list[str]) -> StrongLayout:
    """Map a Strong header (any variant or language) to field positions and fixed units."""
    index: dict[str, int] = {}
    units: dict[str, str] = {}
    for position, name in enumerate(header):
        field, unit = strong_field(name)
        if field is None or field in index:
            continue
        index[field] = position
        if unit:
            units[field] = unit
    weight = weight_unit(units["weight"]) if "weight" in units else None
    distance = distance_unit(units["distance"]) if "distance" in units else None
    return StrongLayout(index, weight, distance)
