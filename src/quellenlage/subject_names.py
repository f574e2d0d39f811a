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
    generation with that variant ("Llama 4 Scout", heise). The gazetteer's name, else the form most sources use wins (ties: the longer, then
    the first in sort order). `counts`: subject -> the number of sources naming it (copies of a
    text are one source, so more copies change nothing)."""
    forms: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for s, n in counts.items():
        if s:
            forms[_fold(s)][s] += n
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
    variants: dict[str, list[str]] = defaultdict(list)  # "Scout" (Der Standard) is the "Llama 4 Scout" of heise
    for k in best:
        *head, version, last = k.split(" ") if k.count(" ") >= 2 and "/" not in k else ("", "", "")
        if any(ch.isdigit() for ch in version):
            variants[last].append(k)
    for short, longs in variants.items():
        if short in best and len(longs) == 1 and best[short] not in known:
            best[short] = best[longs[0]]
    return {s: best[_fold(s)] for s in counts if s and best[_fold(s)] != s}


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
