"""Whose estimate a market figure is. Market researchers (IDC, Canalys, Counterpoint, …) each
count a market by their own method, and their figures for the same quarter differ by design
("Der Konkurrent Canalys kommt sogar auf 296,2 Millionen Einheiten"). Where an article names
several of them (rules: frames.yaml measure.estimating_sources), a figure that its sentence gives
as another researcher's than the first one the article names is that researcher's estimate: its
`basis` says whose ("by:Canalys"), and it is compared only with that researcher's figures
elsewhere. A sentence whose own subject is the researcher ("Canalys kommt auf 296,2 Millionen")
is about what the figure before it measured: the figure takes that claim's subject. Pure."""
from __future__ import annotations

from quellenlage.markets import is_market

BY = "by:"  # a basis token naming whose estimate a figure is


def by_source(name: str) -> str:
    return BY + name.replace(" ", "_")


BACK_REACH = 400  # characters before a "Demnach …" sentence in which its researcher is named


def researchers_estimates(entities: list, claims: list[dict], sources: frozenset[str], text: str = "",
                          back_openers=None) -> None:
    found = sorted((e for e in entities if e.type == "SOURCE" and e.name in sources), key=lambda e: e.start)
    if len({e.name for e in found}) < 2:
        return  # one researcher (or none): every figure is that one's, as other articles give it
    first = found[0].name
    taken: dict[tuple[int, int], str] = {}  # sentence -> the subject its researcher's figures are about
    for i, c in enumerate(claims):
        ss, se = c["sentence"]
        start = c["figure"]["start"]
        before = [e for e in found if ss <= e.start < start]
        firm = before[-1] if before else next((e for e in found if start <= e.start < se), None)
        if firm is None and back_openers is not None and back_openers.match(text, ss):
            # "Auch der Konkurrent IDC legte seine Schätzung vor. Demnach wurden 67,1 Millionen PCs verkauft"
            firm = next((e for e in reversed(found) if ss - BACK_REACH <= e.start < ss), None)
        if firm is None or firm.name == first:
            continue
        c["basis"] = " ".join(filter(None, (c.get("basis"), by_source(firm.name))))
        if before and not is_market(c["subject"]) and not _named_between(entities, firm.end, start) \
                and not any(e.name == c["subject"] for e in entities if ss <= e.start < se):
            # "Der Konkurrent Canalys, der …, kommt sogar auf 296,2 Millionen Einheiten": what the
            # figure before of the same property measured (and "ein Plus von zehn Prozent" after it too)
            # (a market's, where one was counted: a researcher's own total is of the market)
            earlier = [p for p in reversed(claims[:i]) if p["sentence"][1] <= ss and p["property"] == c["property"]
                       and p["figure"]["label"] == c["figure"]["label"] and p["figure"].get("unit") == c["figure"].get("unit")]
            prev = next((p for p in earlier if is_market(p["subject"])), earlier[0] if earlier else None)
            subject = taken.get((ss, se)) or (prev["subject"] if prev is not None else None)
            if subject is not None:
                c["subject"] = taken[(ss, se)] = subject


LEAD_REACH = 600  # characters: a researcher named this early is the source of the article's figures


def lead_researcher(entities: list, claims: list[dict], sources: frozenset[str], properties: frozenset[str]) -> None:
    """An article whose lead names a market researcher as its source ("Nach vorläufigen Zahlen des
    Marktforschungsunternehmens Gartner …"): its companies' figures of `properties` (revenue) are
    that researcher's estimates (a vendor ranking's chip revenue), not what the companies reported:
    basis by:<researcher>, compared only with that researcher's figures elsewhere."""
    lead = next((e for e in sorted(entities, key=lambda e: e.start) if e.type == "SOURCE" and e.name in sources), None)
    if lead is None or lead.start > LEAD_REACH or not properties:
        return
    for c in claims:
        if c["property"] in properties and not is_market(c["subject"]) and BY not in (c.get("basis") or ""):
            c["basis"] = " ".join(filter(None, (c.get("basis"), by_source(lead.name))))


def _named_between(entities: list, start: int, end: int) -> bool:
    return any(start <= e.start < end and e.type != "SOURCE" for e in entities)


__all__ = ["BY", "by_source", "lead_researcher", "researchers_estimates"]
