"""The anaphora of rules/<lang>/entities.yaml: the noun phrases that point back to an entity of a
type ("das Modell", "der Softwarekonzern", "die Behörde"); a part of `EntityRules` (entities.py)."""
from __future__ import annotations

import re
from functools import cached_property

from quellenlage.patterns import alternation, cue_alternation


# a compound's first part shared with the next: "der Auto- und Industriezulieferer"
# a measure's number in words ("der zwei Meter hohe Lander")
NUMBER_WORDS = r"(?:ein|eine|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig|fünfzig|hundert|tausend)"
TRUNCATED = r"(?:[A-ZÄÖÜ][\w]*-\s+(?:und|oder|&)\s+)?"


class AnaphoraRules:
    """Anaphora patterns per entity type (read from `self.cfg`)."""

    @cached_property
    def authority_anaphora(self) -> frozenset[str]:
        """Anaphora that point back to an authority only ("die Behörde")."""
        return frozenset(self.cfg.get("authority_anaphora") or ())

    @cached_property
    def line_anaphora(self) -> frozenset[str]:
        """Plural anaphora that point back to the first device named ("die Geräte": the line, not its last model)."""
        return frozenset(self.cfg.get("line_anaphora") or ())

    @cached_property
    def subject_clause(self) -> re.Pattern:
        """A sentence opening with a clause as its subject ("Wer … anlegt, …", "Dass X … zahlt, …"): `match` at its start."""
        words = self.cfg.get("subject_clause_openers") or ()
        return re.compile(r"\s*(?:" + alternation(words) + r")(?![\w-])") if words else re.compile(r"(?!)")

    @cached_property
    def subordinate_opener(self) -> re.Pattern:
        """A sentence opening with a subordinate clause ("Nachdem Apple …, hat Samsung …"): `match` at its start."""
        words = self.cfg.get("subordinate_openers") or ()
        return re.compile(r"\s*(?:" + alternation(words) + r")(?![\w-])[^,.;:!?]*,", re.IGNORECASE) if words else re.compile(r"(?!)")

    @cached_property
    def comparison_opener(self) -> re.Pattern:
        """A sentence opening with a comparison ("Zum Vergleich: …"): `match` at its start."""
        words = self.cfg.get("comparison_openers") or ()
        return re.compile(r"\s*(?:" + alternation(words) + r")(?![\w-])", re.IGNORECASE) if words else re.compile(r"(?!)")

    @cached_property
    def model_size(self) -> re.Pattern:
        """An adjective of size in a model's anaphor; group `small` or `large` says which ("das kleinere Modell")."""
        sizes = self.cfg.get("model_sizes") or {}
        if not sizes:
            return re.compile(r"(?!)")
        return re.compile(r"(?<![\w-])(?:" + "|".join(f"(?P<{k}>{cue_alternation(sizes[k])})" for k in ("small", "large") if sizes.get(k))
                          + r")(?![\w-])", re.IGNORECASE)

    @cached_property
    def anaphora(self) -> list[tuple[re.Pattern, str]]:
        out = []
        heads = self.cfg.get("anaphora_heads") or {}
        for typ, nouns in (self.cfg.get("anaphora") or {}).items():
            # "der Kölner Übersetzungsdienst": a compound whose head is a word for the type; "das im MDax
            # notierte Unternehmen": a participle's phrase before the noun; "das rund 140 Kilogramm schwere
            # Fahrzeug", "der zwei Meter hohe Lander": a measure before it
            compound = r"|[A-ZÄÖÜ][a-zäöüß]+(?:" + alternation(heads[typ]) + r")" if heads.get(typ) else ""
            main = (r"(?<![\w-])(?:[Dd](?:as|er|ie|em|en|es)|[Dd]ies(?:e[rsnm]?)?|[Ss]ein(?:e[nmrs]?)?|[Ii]hr(?:e[nmrs]?)?)\s+(?:\w+\s+|(?:(?!ein(?:e[mnrs]?)?\s)(?:\d{4}|[a-zäöüß][\w-]*)\s+){2,3}|(?:i[mn]|an|am|aus|bei|von)\s+[\w.-]+(?:\s+[\w.-]+)?\s+[a-zäöüß][\w-]*e[nrs]?\s+|(?:[a-zäöüß]+\s+)?(?:\d[\d.,]*|" + NUMBER_WORDS + r")\s+[A-ZÄÖÜ][\w-]*\s+[a-zäöüß][\w-]*e[nrs]?\s+)?" + TRUNCATED + r"(?:[\w]+-){0,3}(?:"
                    + alternation(nouns) + compound + r")(?![\w-])")
            if heads.get(typ):
                # "der CRM-Riese", "wie der US-Mobilfunker mitteilte", "die Airline": a head alone, as the
                # sentence's subject (not "des Downdetector-Betreibers Ookla", which names its own);
                # after a place's adjective too ("der Münchener Process-Mining-Spezialist")
                main += (r"|(?<![\w-])[Dd](?:er|ie|as)\s+(?:[a-zäöüß][\w-]*e[nrs]?\s+|[A-ZÄÖÜ][a-zäöüß]+er\s+){0,2}" + TRUNCATED + r"(?:[\w]+-){0,3}(?:"
                         + alternation(h[:1].upper() + h[1:] for h in heads[typ])
                         + r")(?![\w-])(?!\s+[A-ZÄÖÜ][\w&.-]*\s*[,.;:(])")
            out.append((re.compile(main), typ))
        return out
