"""One name per subject across sources: a name written differently by two outlets ("Tiktok",
"TikTok"), a short form of one longer name ("Lam", "Lam Research"; "Scout", "Llama 4 Scout"). Rows
only, no spaCy; used by both cross-document steps (`facts`, `crosscheck`)."""
from __future__ import annotations

from collections import defaultdict


def subject_forms(counts: dict[str, int], known: frozenset[str] = frozenset()) -> dict[str, str]:
    """One name per subject across sources (subject -> the name used instead, for those that
    change): "Tiktok" (derStandard, AFP) is the "TikTok" of heise; a name the gazetteer does not
    know as itself, written with one word by one outlet ("Lam") and with two by another ("Lam
    Research", the only such), is one company (not with three: the platform "Sage Business Cloud"
    of "Sage"); a variant's name alone ("Scout", Der Standard) is the one model of a family and
    generation with that variant ("Llama 4 Scout", heise); an acronym the initials of one longer name ("RIM",
    "Research In Motion"). The gazetteer's name, else the form most sources use wins (ties: the longer, then
    the first in sort order). `counts`: subject -> the number of sources naming it (copies of a
    text are one source, so more copies change nothing)."""
    forms: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for s, n in counts.items():
        for name in _parties(s, known) or [s] if s else ():
            forms[_fold(name)][name] += n  # (a pair's parties too: "Concur Technologies/SAP" is "Concur/SAP")
    best = {k: min(v, key=lambda f: (-v[f], f)) for k, v in forms.items()}
    total = {k: sum(v.values()) for k, v in forms.items()}
    longer: dict[str, list[str]] = defaultdict(list)
    for k in best:
        head, _, rest = k.partition(" ")
        if rest and " " not in rest and "/" not in k and head in best:
            longer[head].append(k)
    for short, longs in longer.items():
        if len(longs) == 1 and best[short] not in known:
            # (a known long name is the name: "Lam" is the gazetteer's "Lam Research")
            keep = longs[0] if best[longs[0]] in known else max((short, longs[0]), key=lambda k: (total[k], len(k)))
            best[short] = best[longs[0]] = best[keep]
    ending: dict[str, list[str]] = defaultdict(list)  # "Holtzbrinck" (netzpolitik) is the "Georg von Holtzbrinck" of ZEIT
    for k in best:
        *first, last = k.split(" ") if "/" not in k else ("",)
        if first and last in best and " von " in f" {k} ":
            ending[last].append(k)
    for short, longs in ending.items():
        if len(longs) == 1 and best[short] not in known and best[longs[0]] not in known:
            best[short] = best[longs[0]] = best[max((short, longs[0]), key=lambda k: (total[k], len(k)))]
    initials: dict[str, list[str]] = defaultdict(list)  # "RIM" (heise) is the "Research In Motion" of SPIEGEL
    for k, name in best.items():
        words = [w for w in name.replace("-", " ").split(" ") if w] if "/" not in k else []
        if len(words) >= 2 and all(w[0].isalpha() for w in words):
            initials[_fold("".join(w[0] for w in words))].append(k)
    for k, longs in initials.items():
        if k in best and len(longs) == 1 and best[k].isupper():
            if best[k] in known:
                best[longs[0]] = best[k]  # ("International Business Machines" is the gazetteer's "IBM")
            else:
                best[k] = best[longs[0]]
    variants: dict[str, list[str]] = defaultdict(list)  # "Scout" (Der Standard) is the "Llama 4 Scout" of heise
    for k in best:
        *head, version, last = k.split(" ") if k.count(" ") >= 2 and "/" not in k else ("", "", "")
        if any(ch.isdigit() for ch in version):
            variants[last].append(k)
    for short, longs in variants.items():
        if short in best and len(longs) == 1 and best[short] not in known:
            best[short] = best[longs[0]]
    out = {s: best[_fold(s)] for s in counts if s and "/" not in s and best[_fold(s)] != s}
    for s in counts:
        parties = _parties(s, known)
        pair = "/".join(sorted({best[_fold(p)] for p in parties})) if parties else s
        if pair != s and "/" in pair:
            out[s] = pair
    return out


def _parties(subject: str | None, known: frozenset[str] = frozenset()) -> list[str]:
    """The two parties of a pair subject ("Concur/SAP"), else none (not a name with a slash: "S/4HANA")."""
    parts = (subject or "").split("/")
    return parts if len(parts) == 2 and subject not in known and all(len(p) > 1 and not p[0].isdigit() for p in parts) else []


def _fold(name: str) -> str:
    """ "Media-Markt-Saturn" and "MediaMarktSaturn", "Tiktok" and "TikTok": one key."""
    return name.casefold().replace("-", "")


def canonical_subjects(claims: list[dict], known: frozenset[str] = frozenset()) -> None:
    """One name per subject across sources (`subject_forms`)."""
    sources: dict[str, set] = defaultdict(set)
    for c in claims:
        if c.get("subject"):
            sources[c["subject"]].add(c.get("source_key") or c["doc_id"])
    forms = subject_forms({s: len(v) for s, v in sources.items()}, known)
    if forms:
        for c in claims:
            if c.get("subject") in forms:
                c["subject"] = forms[c["subject"]]
