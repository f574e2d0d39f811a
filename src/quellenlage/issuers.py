"""Who issued a fine or opened a proceeding (claims column `issuer`): the authority its sentence
names, else the one the article names most. Two fines of one company by different authorities
("CNIL verhängt 325 Millionen Euro gegen Google" in the week the EU Commission fined it 2,95
Milliarden) are two facts, never a conflict (`facts`). Pure, over one document's `DocView`."""
from __future__ import annotations

from collections import Counter


def mark_issuers(view, claims: list[dict], properties: frozenset[str], authorities, not_issuers: frozenset[str]) -> None:
    """Each claim of an issuer property (rules: subject_cues.issuer_properties) gets the authority
    its sentence names, else the sentence before, else (for the company most of them are about) the
    article's head: another company's fine told in passing ("nach dem Bußgeld von 764 Millionen Euro,
    das Luxemburg gegen Amazon verhängt hat") is no fine of the authority the article is about; a word for any
    authority ("die Datenschutzbehörde") or a court (rules: subject_cues.not_issuers) names
    none, and leaves it unknown (None)."""
    if not any(c["property"] in properties for c in claims):
        return
    authority = [e for e in view.entities if e.name in authorities]
    if not authority:
        return
    named = [e for e in authority if e.name not in not_issuers]
    head = next((e.name for e in named if e.start < HEAD), None)
    main = Counter(c["subject"] for c in claims if c["property"] in properties).most_common(1)[0][0]
    for c in claims:
        if c["property"] not in properties:
            continue
        ss, se = c["sentence"]
        own = [e for e in authority if ss <= e.start < se]
        if own:
            c["issuer"] = next((e.name for e in own if e.name not in not_issuers), None)
            continue
        prev = view.previous_sentence(ss)
        before = next((e.name for e in named if prev and prev[0] <= e.start < ss), None)
        c["issuer"] = before or (head if c["subject"] == main else None)


HEAD = 600  # characters: the title and the lead


__all__ = ["mark_issuers"]
