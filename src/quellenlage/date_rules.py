"""The DATE lexicon (rules/<lang>/dates.yaml) compiled into the scanner's patterns. Pure, no
spaCy; built once per rule set (dates.py scans with it).

The patterns are written as `Gated` ones where they open with a look-behind or an optional
part: the regex engine then skips straight to the places a date can begin (a digit, the
first letter of a month or a quarter word) instead of trying every position of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from quellenlage.date_words import DateWords
from quellenlage.normalize.dates import DateExpr, fiscal_year_at, parse_published
from quellenlage.normalize.numbers import NumberRules
from quellenlage.patterns import Gated, alternation, common_part, cue_re, trie_alternation, union
from quellenlage.rules import RuleSet

YEAR = r"(?<![\d.,'’])(?:1[89]|20)\d\d(?![\d])"
NB = r"(?![^\W\d_])"  # no letter follows
SP = r"[ \u00a0\u202f\t]+"


class Unless:
    """The matches of `rx` that `before` (a pattern ending at the match) does not precede."""

    def __init__(self, rx: re.Pattern, before: re.Pattern | None):
        self.rx, self.before, self.pattern = rx, before, rx.pattern

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        for m in self.rx.finditer(text, pos, len(text) if endpos is None else endpos):
            if self.before is None or not self.before.search(text, max(pos, m.start() - 60), m.start()):
                yield m

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        return next(self.finditer(text, pos, endpos), None)


@dataclass
class DateRules:
    cfg: dict
    numbers: NumberRules
    name_words: frozenset[str]
    qualifier_words: frozenset[str]
    news_years: tuple[int, int] | None = None  # outside them, a year after a name word is a title's
    year_context: frozenset[str] = frozenset()
    old_years: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # (words before, participles after) a year before 1800

    @classmethod
    def from_ruleset(cls, rules: RuleSet) -> "DateRules":
        nf = rules.get("not_figures")
        quals = [w for ws in rules.get("qualifiers")["before"].values() for w in ws]
        # A company's name is no model's: "lag Tesla 2024 erstmals darunter" names a year.
        orgs = {f for o in (rules.get("entities").get("organisations") or []) for f in [o["name"], *(o.get("aliases") or [])]}
        return cls(rules.get("dates"), NumberRules.from_config(rules.get("numbers")),
                   frozenset(w for w in nf.get("name_words") or [] if w not in orgs), frozenset(q.lower() for q in quals),
                   tuple(nf["news_years"]) if nf.get("news_years") else None, frozenset(nf.get("year_context") or []),
                   (tuple(nf.get("old_year_after") or ()), tuple(nf.get("old_year_before") or ())))

    @cached_property
    def month_of(self) -> dict[str, int]:
        return {f: int(m) for m, forms in self.cfg["months"].items() for f in forms}

    @cached_property
    def month_any(self) -> str:
        return r"(?P<month>" + trie_alternation(self.month_of) + r")" + NB

    @cached_property
    def month_bare(self) -> str:
        amb = set(self.cfg.get("ambiguous_months") or [])
        full = [f for f in self.month_of if "." not in f and f not in amb]
        return r"(?P<month>" + trie_alternation(full) + r")" + NB

    @cached_property
    def weekday_of(self) -> dict[str, int]:
        return {f: int(d) for d, forms in self.cfg["weekdays"].items() for f in forms if not f.endswith(".")}

    @cached_property
    def mod_of(self) -> dict[str, str]:
        return {w: mod for mod, ws in self.cfg["mods"].items() for w in ws}

    @cached_property
    def relation_re(self) -> tuple[re.Pattern, dict[str, str]]:
        table = {p.lower(): rel for rel, ps in self.cfg["relations"].items() for p in ps}
        return re.compile(r"(?:^|(?<=[\s(„\"]))(?P<p>" + alternation(table) + r")" + SP + r"$", re.IGNORECASE), table

    @cached_property
    def future_re(self) -> "Unless":
        # not a marker in a past tense: "wie Analysten erwartet hatten", "als geplant war"; nor one
        # that compares: "mehr als von Experten erwartet"
        rx = re.compile(r"(?<!\w)(?:" + trie_alternation(self.cfg["future_markers"]) + r")(?!\w)"
                        r"(?!\s+(?:hatten|hatte|hätten|hätte|haben|hat|worden|wurde|wurden|war|waren)\b)")
        words = self.cfg.get("compared_markers") or []
        return Unless(rx, re.compile(r"(?<!\w)(?:" + alternation(words) + r")(?:\s+[\w-]+){0,3}\s+$") if words else None)

    @cached_property
    def behind_before_re(self) -> re.Pattern | None:
        words = self.cfg.get("behind_before") or []
        return re.compile(r"(?<!\w)(?:" + alternation(words) + r")\s+$", re.IGNORECASE) if words else None

    @cached_property
    def this_year_before_re(self) -> re.Pattern | None:
        words = self.cfg.get("this_year_before") or []
        return re.compile(r"(?<!\w)(?:" + alternation(words) + r")\s+$", re.IGNORECASE) if words else None

    @cached_property
    def ahead_before_re(self) -> re.Pattern | None:
        words = self.cfg.get("ahead_before") or []
        return re.compile(r"(?<!\w)(?:" + alternation(words) + r")\s+$", re.IGNORECASE) if words else None

    def _optional_re(self, key: str) -> re.Pattern:
        """The rule file's regular expression `key`, or one that never matches."""
        p = self.cfg.get(key)
        return re.compile(p) if p else re.compile(r"(?!)")

    @cached_property
    def year_so_far(self) -> re.Pattern:
        return self._optional_re("year_so_far")

    @cached_property
    def per_month(self) -> re.Pattern:
        return cue_re(self.cfg.get("per_month"))

    @cached_property
    def next_clause(self) -> re.Pattern:
        """ "… weniger und rechnet für das Gesamtjahr …": a coordinated clause with a verb of its own."""
        return self._optional_re("next_clause")

    @cached_property
    def past_participle_after(self) -> re.Pattern:
        """ "die im Februar ausgerufene Strategie": a participle right after the date says it is past."""
        return self._optional_re("past_participle_after")

    @cached_property
    def present_re(self) -> re.Pattern:
        return re.compile(r"(?<!\w)(?:" + trie_alternation(self.cfg.get("present_markers") or ["(?!)"]) + r")(?!\w)")

    @cached_property
    def past_re(self) -> re.Pattern:
        strong = r"(?:" + trie_alternation(self.cfg.get("past_markers") or ["(?!)"]) + r")"
        weak = self.cfg.get("weak_past_words") or []
        if weak:  # "bereits" looks back unless a modal verb stands right before it ("könnte bereits")
            not_modal = "".join(rf"(?<!{re.escape(m)} )" for m in self.cfg.get("modal_verbs") or [])
            strong = r"(?:" + strong + r"|" + not_modal + r"(?:" + alternation(weak) + r"))"
        return re.compile(r"(?<!\w)" + strong + r"(?!\w)")

    @cached_property
    def clause_past_re(self) -> re.Pattern:
        """`past_re`, and the perfect ("hat … angemeldet"): read in the date's own clause only (another
        clause's perfect, "hat angekündigt, Orkut am 30. August einzustellen", is no tense of the date's)."""
        if not self.cfg.get("perfect"):
            return self.past_re
        return re.compile(r"(?:" + self.past_re.pattern + r"|(?<!\w)(?:" + self.cfg["perfect"] + r")(?!\w))")

    @cached_property
    def quantity_words(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.cfg.get("quantity_before") or [])

    @cached_property
    def score_re(self) -> re.Pattern | None:
        words = self.cfg.get("score_before") or []
        # a word of its own or a part of a compound ("Elo-Wertung", "Codeforces-Elo"), not of another word ("Elon")
        return re.compile(r"(?<![^\W\d_])(?:" + alternation(words) + r")(?![^\W\d_])") if words else None

    @cached_property
    def skip_re(self) -> Gated | None:
        pats = self.cfg.get("skip_patterns") or []
        return union(pats) if pats else None

    @cached_property
    def recurring_re(self) -> re.Pattern:
        return re.compile(r"(?<!\w)(?:" + alternation(self.cfg.get("recurring_before") or ["(?!)"]) + r")\s+$",
                          re.IGNORECASE)

    @cached_property
    def words(self) -> DateWords:
        """Holidays, relative days, modified weekdays, ordinal days, numeric forms, day ranges."""
        return DateWords(self.cfg, self.month_of, self.weekday_of, self.numbers, self.future_re, self.past_re, self.clause_past_re)

    @cached_property
    def patterns(self) -> list[tuple[str, re.Pattern | Gated]]:
        # Period words before a year or month ("Anfang 2025", "Jahresmitte 2024"); seasons have their own pattern.
        mods = r"(?P<mod>" + trie_alternation(w for ws in self.cfg["mods"].values() for w in ws
                                          if w not in self.cfg["seasons"]) + r")"
        day = r"(?P<day>[0-3]?\d)\." + r"[ \u00a0\u202f]?"
        year = r"(?P<year>" + YEAR + r")"
        quarter_words = trie_alternation(_both_cases(list(self.cfg["quarters"])))
        half_words = trie_alternation(_both_cases(list(self.cfg["halves"])))
        fadj = r"(?P<fadj>[Ff]iskalische[nrs]?" + SP + r")?"
        frel_phrases = {p: int(o) for o, ps in (self.cfg.get("relative_fiscal_years") or {}).items() for p in ps}
        self._frel = frel_phrases
        frel_words = r"neuen|laufenden|kommenden|nächsten|abgelaufenen|vergangenen|aktuellen"  # "sein fiskalisches erstes Quartal 2026"
        fiscal = r"(?P<fiscal>" + trie_alternation(self.cfg["fiscal_words"]) + r")"
        seasons = r"(?P<season>" + trie_alternation(self.cfg["seasons"]) + r")"
        rel_year = {p: int(o) for o, ps in self.cfg["relative_years"].items() for p in ps}
        rel_week = {p: int(o) for o, ps in self.cfg["relative_weeks"].items() for p in ps}
        rel_month = {p: int(o) for o, ps in self.cfg["relative_months"].items() for p in ps}
        self._rel = {"year": rel_year, "week": rel_week, "month": rel_month}
        parts = r"(?:" + trie_alternation(self.cfg.get("day_parts") or ["(?!)"]) + r")?"
        weekday = r"(?P<weekday>" + trie_alternation(self.weekday_of) + r")" + parts + NB
        fq = trie_alternation(self.cfg.get("fiscal_quarter_words") or ["(?!)"])
        season_bare = r"(?P<season>" + trie_alternation(self.cfg["seasons"]) + r")" + NB
        rel_words = trie_alternation(self.cfg["relative_modifiers"])
        season_rel = (r"(?P<rel>" + rel_words + r")"
                      + SP + r"(?P<season>" + trie_alternation(self.cfg["seasons"]) + r")" + NB)
        after_word = r"(?<![\w-])"  # the look-behind most patterns open with
        # "in den ersten neun Monaten des Jahres", "im ersten Halbjahr dieses Jahres": the current year, as bare
        this_year = SP + r"(?:des|dieses)" + SP + r"(?:laufenden" + SP + r")?Jahres(?![\w-])(?!" + SP + r"(?:19|20)\d\d)"
        quarter_word = quarter_words + SP + r"(?:fiskalische[nrs]?" + SP + r")?"  # "dritten (fiskalischen) "
        fq_needs = common_part(self.cfg.get("fiscal_quarter_words") or [])
        qnames = trie_alternation(self.cfg.get("quarter_names") or {"(?!)": 0})
        quarter_start = [(r"Q[1-4]", None), (r"[1-4]\." + SP + r"Quartal", "Quartal"),
                         (r"[Ff]iskalische", "iskalische"), (quarter_word + r"Quartal", "Quartal"), (qnames, None)]
        # (name, look-behind, body, gates): the pattern is look-behind + body (see `Gated`);
        # gates None: body itself; a pattern with neither look-behind nor gates starts with
        # something the engine can skip to by itself.
        rx = [
            ("iso_date", r"(?<![\d-])", r"(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?![\d-])", [(r"\d\d\d\d-\d\d-\d\d", None)]),
            ("numeric_date", r"(?<![\d.])", r"(?P<day>[0-3]?\d)\.(?P<mon>[01]?\d)\.(?:(?P<year>(?:19|20)?\d\d)(?!\d)|(?![\d]))",
             [(r"\d\d?\.\d\d?\.", None)]),
            ("day_month", "", r"(?:" + mods + SP + r")?(?<![\d.])" + day + self.month_any + r"(?:" + SP + year + r")?",
             [(mods + SP, None), (r"\d\d?\.[ \u00a0\u202f]?" + self.month_any, None)]),
            ("quarter", "", r"(?:Q(?P<q>[1-4])|(?P<qn>[1-4])\." + SP + r"Quartal(?:s)?|" + fadj + r"(?P<qw>" + quarter_words + r")"
                        + SP + r"(?:(?P<fadj2>fiskalische[nrs]?)" + SP + r")?Quartal(?:s)?"
                        + r"|(?<![\w-])(?P<qname>" + qnames + r"))(?:(?:" + SP + r"|/|\s?'\s?)" + year
                        + r"(?:/(?P<qfyend>\d\d)(?![\d/]))?|" + SP + r"(?:(?:des|seines|ihres)" + SP + r")?" + fiscal + SP + r"(?P<fyear>" + YEAR + r")(?:/(?P<ffyend>\d\d)(?![\d/]))?)?" + NB,
             quarter_start),
            ("half", "", r"(?:H(?P<h>[12])|(?P<hw>" + half_words + r")" + SP + r"(?:Halbjahr(?:es)?|Jahreshälfte|Hälfte))(?:" + SP + r"(?:von" + SP + r")?" + year + r"|" + SP
                     + r"(?:des|seines|ihres)" + SP + fiscal + SP + r"(?P<fyear>" + YEAR + r")(?:/(?P<ffyend>\d\d)(?![\d/]))?)" + NB,
             [(r"H[12]", None), (half_words, None)]),
            ("half_bare", after_word, r"(?P<hw>" + half_words + r")" + SP + r"(?:Halbjahr(?:es)?|Jahreshälfte|Geschäftshalbjahr(?:es)?)"
                          + r"(?:" + SP + r"(?:des|seines|ihres)" + SP + fiscal + r"|" + this_year + r")?" + NB, None),
            ("months_elapsed", after_word, r"(?:ersten|vergangenen|letzten)" + SP + r"(?P<n>"
                               + trie_alternation(str(k) for k in self.cfg.get("months_elapsed") or {"(?!)": 0}) + r")" + SP
                               + r"Monate(?:n)?(?:" + SP + r"(?:des|seines|ihres)" + SP + fiscal + r"|" + this_year
                               + r"|" + SP + r"(?:(?:des" + SP + r")?Jahres" + SP + r")?" + year + r")?" + NB, None),  # ("… 2020")
            ("holiday", after_word, r"(?P<hol>" + trie_alternation(self.cfg.get("holidays") or {"(?!)": 0}) + r")" + NB, None),
            ("quarter_named", after_word, r"(?P<qname>" + trie_alternation(self.cfg.get("quarter_names") or {"(?!)": 0}) + r")"
                              + r"(?:" + SP + r"(?:des|seines|ihres)" + SP + r"(?:(?P<frel>" + frel_words + r")" + SP + r")?"
                              + fiscal + r")?" + NB, None),
            ("fiscal_relative", after_word, r"(?P<frelphrase>" + trie_alternation(_both_cases(list(frel_phrases))) + r")" + NB
                                + r"(?!" + SP + r"(?:19|20)\d\d)", None),  # "im abgelaufenen Geschäftsjahr 2025": the year says it
            ("quarter_q", r"(?<![\w/-])", r"Q(?P<q>[1-4])(?![\w/-])(?!" + SP + r"?['/]?" + SP + r"?\d)", None),
            ("fiscal_year", "", fiscal + SP + year + r"(?:/(?P<fyend>\d{2}|\d{4}))?(?!\d)|(?P<fy>FY)\s?(?P<fyy>\d{4}|\d{2})" + NB,
             [(fiscal, None), (r"FY", "FY")]),
            # "Für 2025/26 peilt Vodafone … an": two consecutive years with a slash are one fiscal year
            # (a season), named by the year it ends in; the check that they follow is the scanner's.
            ("split_year", r"(?<![\d./])", r"(?P<year>(?:19|20)\d\d)/(?P<fyend>\d{4}|\d{2})(?![\d/]|[.,]\d)",
             [(r"\d\d\d\d/\d\d", None)]),
            ("month_year", "", r"(?:" + mods + SP + r")?" + self.month_any + SP + year, [(mods, None), (self.month_any, None)]),
            ("season_year", "", seasons + SP + year, None),
            ("mod_year", "", mods + SP + year, None),
            ("year_word", "", r"(?P<yw>Jahr(?:es)?|Jahre)" + SP + r"(?P<year>(?:1\d|20)\d\d(?![\d]))" + NB, None),
            ("decade", r"(?<![\d.])", r"(?P<dec>(?:19|20)\d0)er" + NB, None),
            ("mod_relative", "", mods + SP + r"(?:(?P<what>des|dieses)" + SP + r")?(?:(?P<rel>" + rel_words + r")"
                             + SP + r")?Jahr(?:es)?" + NB, None),
            ("mod_week", "", mods + SP + r"(?:(?:der|dieser)" + SP + r"|(?P<rel>" + rel_words + r")" + SP + r")Woche" + NB, None),
            ("season_relative", "", seasons + SP + r"(?:des|dieses)" + SP + r"(?:(?P<rel>" + rel_words + r")"
                                + SP + r")?Jahres" + NB, None),
            ("relative", after_word, r"(?P<relphrase>" + trie_alternation(_both_cases(list(rel_year) + list(rel_week) + list(rel_month)))
                         + r")" + NB, None),
            ("ago", after_word, r"(?P<vor>[Vv]or)" + SP + r"(?:(?:gut|knapp|fast|rund|etwa|ungefähr|annähernd|mehr" + SP
                    + r"als)" + SP + r")?(?P<n>\d{1,3}|" + r"[^\W\d_]+)" + SP
                    + r"(?P<unit>" + trie_alternation(self.cfg["ago_units"]) + r")" + NB, None),
            ("fiscal_quarter", "", r"(?:(?P<qn>[1-4])\." + SP + r"|(?P<qw>" + quarter_words + r")" + SP + r")(?P<fq>" + fq + r")"
                               + r"(?:" + SP + year + r")?" + NB, [(r"[1-4]\." + SP + fq, fq_needs),
                                                   (quarter_words + SP + fq, fq_needs)]),
            ("quarter_bare", after_word, fadj + r"(?:(?P<qw>" + quarter_words + r")|(?P<qn>[1-4])\.)" + SP
                             + r"(?:(?P<fadj2>fiskalische[nrs]?)" + SP + r")?(?P<cal>Kalender)?[Qq]uartal(?:s)?"
                             + r"(?:" + SP + r"(?:des|seines|ihres)" + SP + r"(?:(?P<frel>" + frel_words + r")" + SP + r")?"
                             + fiscal + r")?" + NB, [(r"[Ff]iskalische", "iskalische"),
                                     (quarter_word + r"(?:Kalender)?[Qq]uartal", "uartal"),
                                     (r"[1-4]\." + SP + r"(?:fiskalische[nrs]?" + SP + r")?(?:Kalender)?[Qq]uartal", "uartal")]),
            ("fiscal_relative", after_word, r"(?P<frelphrase>" + trie_alternation(_both_cases(list(frel_phrases))) + r")" + NB
                                + r"(?!" + SP + r"(?:19|20)\d\d)", None),  # "im abgelaufenen Geschäftsjahr 2025": the year says it
            ("current_period", after_word, r"(?P<curphrase>" + trie_alternation(_both_cases(list(self.cfg.get("current_periods") or ["(?!)"])))
                               + r")" + NB + r"(?!" + SP + r"(?:(?:19|20)\d\d|des|seines|ihres)(?![\w-]))", None),
            ("season_rel", after_word, season_rel, None),
            ("season", "", r"(?<![\w-])(?:(?<=im )|(?<=Im )|(?<=ab )|(?<=bis )|(?<=seit )|(?<=zum ))" + season_bare,
             [(season_bare, None)]),
            ("mod_month", "", mods + SP + self.month_any, None),
            ("weekday", after_word, weekday, None),
            ("month", after_word, self.month_bare, None),
            ("year", r"(?<![\d.,'’])", r"(?P<year>(?:1[89]|20)\d\d(?![\d]))(?![\w]|-\w|er\b|[.,]\d)", None),
            *self._old_year(),
        ]
        return [(name, Gated(lead, body, gates=gates) if lead or gates else re.compile(body))
                for name, lead, body, gates in rx]

    @cached_property
    def name_months(self) -> frozenset[str]:
        return frozenset(self.cfg.get("name_months") or [])

    @cached_property
    def _dated_after(self) -> re.Pattern:
        return re.compile(r"(?<![\w-])(?:" + alternation(self.cfg.get("name_month_dated_after") or ["(?!)"]) + r")" + SP + r"$")

    def person_month(self, text: str, s: int, e: int) -> bool:
        """A month that is also a first name, used as one: before a capitalised word, with no date
        word before it ("von August Claas"; not "im August Gewinne")."""
        return bool(re.match(SP + r"[A-ZÄÖÜ][a-zäöüß]", text[e:e + 3])) and not self._dated_after.search(text, max(0, s - 20), s)

    def _old_year(self) -> list[tuple]:
        """A year before 1800 told as a founding's (rules: not_figures old_year_after, old_year_before)."""
        before, participles = self.old_years
        if not before and not participles:
            return []
        body = r"(?P<year>1[0-7]\d\d)(?![\d\w]|-\w|er\b|[.,]\d)"
        lead = [r"(?<=" + re.escape(w) + r" )" for w in before]
        if participles:
            lead.append(r"(?=1[0-7]\d\d\s[^.;:!?\n]{0,80}?(?<![\w-])(?:" + alternation(participles) + r"))")
        return [("year", "", r"(?<![\d.,'’])(?:" + "|".join(lead) + r")" + body, None)]

    @cached_property
    def fiscal_talk_re(self) -> re.Pattern:
        words = list(self.cfg["fiscal_words"]) + list(self.cfg.get("fiscal_quarter_words") or [])
        # also a quarter said to end in a month: "im vierten Quartal (bis 31. Januar 2025)"
        return re.compile(r"(?<![\w-])(?:" + trie_alternation(words) + r")(?!\w)|[Ff]iskal"
                          r"|Quartals?\s*\(?\s*bis\s+(?:Ende\s+|\d{1,2}\.\s*)[A-ZÄÖÜ][a-zä]+")

    @cached_property
    def fiscal_year_re(self) -> re.Pattern:
        return re.compile(r"(?:" + trie_alternation(self.cfg["fiscal_words"]) + r")" + SP + r"(" + YEAR + r")")

    def current_period(self, phrase: str, published: str | None, fiscal_start: int | None, speaks_fiscal: bool) -> DateExpr | None:
        """ "im laufenden Quartal" (rules: current_periods): the quarter or half publication falls in, of the
        company's fiscal year where the phrase names a fiscal one or the article speaks of fiscal periods of a
        company whose year is shifted (`fiscal_start`: the month it starts)."""
        periods = self.cfg.get("current_periods") or {}
        grain = periods.get(phrase) or periods.get(phrase[:1].lower() + phrase[1:])
        py, pm, _ = parse_published(published)
        if grain is None or py is None or pm is None:
            return None
        shifted = fiscal_start not in (None, 1)
        fiscal = shifted and (grain.startswith("fiscal_") or speaks_fiscal)
        months = (pm - fiscal_start) % 12 if fiscal else pm - 1
        year = fiscal_year_at(published, fiscal_start, 0) if fiscal else py
        if grain.endswith("quarter"):
            return DateExpr(year=year, quarter=months // 3 + 1, fiscal=fiscal)
        return DateExpr(year=year, half=months // 6 + 1, fiscal=fiscal)

    def relative_offset(self, phrase: str) -> tuple[str, int] | None:
        for unit in ("year", "week", "month"):
            for form in (phrase, phrase[:1].lower() + phrase[1:], phrase[:1].upper() + phrase[1:]):
                if form in self._rel[unit]:
                    return unit, self._rel[unit][form]
        return None


def _both_cases(phrases: list[str]) -> list[str]:
    """ "vergangenes Jahr" also as "Vergangenes Jahr" at the start of a sentence."""
    return phrases + [p[:1].upper() + p[1:] for p in phrases]
