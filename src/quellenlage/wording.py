"""Sentences for readers: values in German notation, frames, fact summaries. Pure."""
from __future__ import annotations

ASPECT_WORDS = {"forecast": "Prognose", "target": "Ziel", "estimate": "Schätzung", "conditional": "unter Bedingung"}
BASIS_WORDS = {"yoy": "zum Vorjahr", "qoq": "zum Vorquartal", "cc": "währungsbereinigt", "adjusted": "bereinigt", "usd": "in US-Dollar"}
CAUSE_WORDS = {"scale": "vermutlich ein Fehler um eine Zehnerpotenz (Komma oder Millionen/Milliarden)",
               "false_friend": "vermutlich „billion“ als „Billion“ übersetzt (Faktor 1.000)",
               "rounding": "vermutlich gerundet", "update": "vermutlich eine neuere Angabe"}
SCALES = ((1e12, "Bio."), (1e9, "Mrd."), (1e6, "Mio."))


def number(x: float) -> str:
    """German notation: 46.7 -> "46,7", 15000 -> "15.000"."""
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}".replace(",", ".")
    s = f"{x:,.2f}".rstrip("0").rstrip(".")
    return s.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def amount(x: float) -> str:
    for size, word in SCALES:
        if abs(x) >= size:
            return f"{number(round(x / size, 3))} {word}"
    return number(round(x, 2))


def format_value(c: dict) -> str:
    """A claim's or a value group's value for reading: "46,7 Mrd. USD", "rund 15.000 GPUs"."""
    if c.get("date_value"):
        return c["date_value"]
    label = c.get("label")
    if c.get("low") is not None and c.get("high") is not None:
        core = f"{amount(c['low'])} bis {amount(c['high'])}"
    elif c.get("value") is not None:
        core = amount(c["value"])
    else:
        return c.get("text") or "?"
    q = c.get("qualifier")
    core = {"approx": "rund ", "upper_bound": "bis zu ", "lower_bound": "mehr als ", "estimate": "geschätzt "}.get(q, "") + core
    if label == "MONEY":
        return f"{core} {c.get('currency') or ''}".strip()
    if label == "PERCENT":
        return f"{core} %" if c.get("unit") != "percentage_point" else f"{core} Prozentpunkte"
    if label == "COUNT" and c.get("unit"):
        return f"{core} ({c['unit']})"
    if label == "DURATION" and c.get("unit"):
        return f"{core} ({c['unit']})"
    return core


def _basis(basis: str) -> str:
    """ "yoy by:Synergy_Research" -> "zum Vorjahr laut Synergy Research" (claim_sources.BY)."""
    return " ".join("laut " + b[3:].replace("_", " ") if b.startswith("by:") else BASIS_WORDS.get(b, b) for b in basis.split())


def describe_frame(c: dict) -> str:
    """ " (FY2026-Q2, Segment data_center, Prognose, Veränderung zum Vorjahr)", or ""."""
    parts = []
    if c.get("period"):
        parts.append(c["period"])
    if c.get("segment"):
        parts.append(f"Segment {c['segment']}")
    if c.get("aspect") and c["aspect"] != "actual":
        parts.append(ASPECT_WORDS.get(c["aspect"], c["aspect"]))
    if c.get("measure") == "change":
        parts.append("Veränderung " + _basis(c.get("basis") or "yoy"))
    elif c.get("basis"):
        parts.append(_basis(c["basis"]))
    return f" ({', '.join(parts)})" if parts else ""


def summary_sentence(fact: dict, prop_name: str, groups, majority) -> str:
    """One sentence a reader understands without the code."""
    head = f"{fact['subject']}, {prop_name}{describe_frame(fact)}"
    n = fact["n_sources"]
    if fact["status"] == "agreed":
        shown = format_value({**groups[0].claims[0]})
        return f"{head}: {n} Quellen stimmen überein ({shown})."
    parts = []
    for g in groups:
        srcs = sorted({c["source"] for c in g.claims})
        who = ", ".join(srcs[:4]) + (f" und {len(srcs) - 4} weitere" if len(srcs) > 4 else "")
        cause = next((c.get("suspected_cause") for c in g.claims if c.get("suspected_cause")), None)
        parts.append(f"{format_value(g.claims[0])} ({who}{'; ' + CAUSE_WORDS[cause] if cause else ''})")
    lead = "mehrheitlich " if majority else ""
    return f"{head}: umstritten – {lead}" + " gegenüber ".join(parts) + "."
