"""Finding DATE expressions in German text (rules/<lang>/dates.yaml). Pure, no spaCy.

Each pattern yields a `DateExpr`; `normalize.dates.resolve` turns it into an ISO partial
string against the publication date. The span is the date itself with Anfang/Mitte/Ende,
without the preposition, which becomes `date_relation` (SPEC §7).
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable, Sequence

from quellenlage.date_context import (anchor_in_clause, season_months, clause_bounds, fiscal_end, near_on_line, resolve_by_narrative,
                                      weekday_of_date, year_over)
from quellenlage.date_compared import compared_periods
from quellenlage.date_rules import DateRules
from quellenlage.date_words import nearest_tense
from quellenlage.figure import Figure
from quellenlage.normalize.dates import DateExpr, fiscal_year_at, resolve
from quellenlage.normalize.numbers import parse_number_word
from quellenlage.textutil import ARTICLE_WORDS, Occupied, recase_shouting

CURRENT_BEFORE = re.compile(r"\b(?:laufende[nms]?|aktuelle[nms]?|kommende[nms]?|nächste[nms]?|bevorstehende[nms]?)\s+$", re.IGNORECASE)
DATE_LEAD = re.compile(r"(?:\b(?:am|vom|bis|seit|zum|ab|den|dem|bis zum)|[,(]|^)\s*$", re.IGNORECASE)
MONTH_VALUE = re.compile(r"\d{4}-\d{2}")
WORDS = "date_words"  # candidates that come as figures from date_words.py
BETWEEN, BETWEEN_AND = re.compile(r"(?<!\w)[Zz]wischen\s+$"), re.compile(r"\s+und\s+")  # "zwischen Januar und März": one span
RANGE_GAP = re.compile(r"[ \u00a0\u202f]*(?:bis(?:[ \u00a0\u202f]+(?:zum|Ende|Anfang))?|–|—|-)[ \u00a0\u202f]*")


class DateScanner:
    def __init__(self, rules: DateRules):
        self.r = rules
        _ = self.r.patterns  # compile once
        self._fiscal_cache: dict[str, tuple] = {}

    def scan(self, text: str, published: str | None = None,
             regions: Iterable[tuple[int, int]] = (), fiscal_start: int | None = None,
             shifted: Sequence[int] = (), named_start: bool = False) -> list[Figure]:
        """DATE figures of the text. `fiscal_start`: the month the fiscal year of the company
        the article is about starts in (yearless fiscal quarters are read with it); `shifted`:
        where the text names companies whose fiscal year is not the calendar's (sorted);
        `named_start`: the company names its fiscal years by the year they start in ("Geschäftsjahr
        2024" is FY2025: labels are named by the year a fiscal year ends in)."""
        text = recase_shouting(text, frozenset())  # "ENDE MÄRZ 2025": "Ende März 2025" (same offsets)
        blocked = sorted(list(regions) + ([m.span() for m in self.r.skip_re.finditer(text)] if self.r.skip_re else []))
        cands: list[tuple[int, int, int, str, re.Match]] = []
        for prio, (name, rx) in enumerate(self.r.patterns):
            for m in rx.finditer(text):
                if m.end() > m.start():
                    cands.append((m.start(), m.end(), prio, name, m))
        # The word and numeric forms of date_words.py compete too, first on a tie ("Ostern 2026" over "2026").
        cands += [(f.start, f.end, -1, WORDS, f) for f in self.r.words.find(text, published)]
        # Longest match first, then the more specific pattern; no overlaps.
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
        taken = Occupied(len(text), blocked)
        out: list[Figure] = []
        for s, e, _, name, m in cands:
            if not taken.free(s, e):
                continue
            if name == WORDS:
                fig, m.date_relation = m, m.date_relation or self._relation(text, s)
            else:
                fig = self._figure(text, name, m, published, fiscal_start, shifted, named_start)
            if fig is None:
                continue
            taken.add(fig.start, fig.end)
            out.append(fig)
        out.sort(key=lambda f: (f.start, f.end))
        # "jeden Mittwoch", "jeweils am 1. des Monats": recurring, no single date
        out = [f for f in out if not (f.date_value and len(f.date_value) >= 8
                                      and self.r.recurring_re.search(text, max(0, f.start - 12), f.start))]
        weekday_of_date(text, out)
        anchor_in_clause(text, out)
        if not published:
            resolve_by_narrative(out)
        out = self._merge_month_ranges(text, out)
        self._pair_ranges(text, out)
        season_months(text, out, self.r.cfg.get("season_ranges") or {})
        return compared_periods(text, out, self.r.cfg, published)

    def _merge_month_ranges(self, text: str, dates: list[Figure]) -> list[Figure]:
        """ "Juli bis September", "Oktober 2024 bis September 2025", "Juli–September": one span
        with an ISO interval (SPEC §7); the first month takes the year the second implies."""
        out: list[Figure] = []
        i = 0
        while i < len(dates):
            a = dates[i]
            b = dates[i + 1] if i + 1 < len(dates) else None
            if b is not None and MONTH_VALUE.fullmatch(a.date_value or "") and MONTH_VALUE.fullmatch(b.date_value or "") \
                    and (RANGE_GAP.fullmatch(text[a.end:b.start]) or BETWEEN_AND.fullmatch(text, a.end, b.start)
                         and BETWEEN.search(text, max(0, a.start - 10), a.start)) and not a.date_mod:
                yb, mb = int(b.date_value[:4]), int(b.date_value[5:7])
                ma = int(a.date_value[5:7])
                expr = getattr(a, "_expr", None)
                ya = expr.year if expr is not None and expr.year else (yb if ma <= mb else yb - 1)
                merged = Figure(a.start, b.end, "DATE", rule="date_month_range")
                merged.date_value = f"{ya:04d}-{ma:02d}/{yb:04d}-{mb:02d}"
                if self._relation(text, a.start) in ("until", "before", "after"):
                    merged.date_relation = self._relation(text, a.start)
                out.append(merged)
                i += 2
                continue
            out.append(a)
            i += 1
        return out

    def _figure(self, text: str, name: str, m: re.Match, published: str | None,
                fiscal_start: int | None = None, shifted: Sequence[int] = (), named_start: bool = False) -> Figure | None:
        g = m.groupdict()
        s, e = m.span()
        # Past tense is read in the comma-bounded clause ("das im November an den Start ging,
        # will …" is past), future in the whole sentence ("für Donnerstag …, auf der … sollen").
        a, b = clause_bounds(text, s, e, ",;:.!?\n")
        past = bool(self.r.clause_past_re.search(text[a:b]))
        present = bool(self.r.present_re.search(text[a:b]))
        joined = self.r.next_clause.search(text, e, b)  # "… weniger und rechnet für das Gesamtjahr": not the date's
        clause_future = bool(self.r.future_re.search(text[a:joined.start() if joined else b]))
        a, b = clause_bounds(text, s, e)
        joined = self.r.next_clause.search(text, e, b)
        future = not past and bool(self.r.future_re.search(text[a:joined.start() if joined else b]))
        if not past and not clause_future and not present and self.r.past_re.search(text[a:b]):
            # "Noch im März, bei der Runde …, hatte die Bewertung bei 300 Mrd. gelegen": a clause
            # without a tense of its own takes the sentence's, the past first ("hatte … in Aussicht
            # gestellt, im Juli dann Stagnation").
            past, future = True, False
        if self.r.past_participle_after.match(text, e):
            past, future, clause_future = True, False, False  # "die im Februar ausgerufene Strategie"
        mod = None
        if g.get("mod"):
            mod = self.r.mod_of.get(g["mod"])
        year = int(g["year"]) if g.get("year") else None
        if year is not None and year < 100:
            year += 2000
        expr: DateExpr
        if name in ("iso_date", "numeric_date"):
            expr = DateExpr(year=year, month=int(g["mon"]), day=int(g["day"]), future=future, past=past)
            if not (1 <= expr.month <= 12 and 1 <= expr.day <= 31):
                return None
            if name == "numeric_date" and year is None and (not text[e - 1:e] == "." or (
                    len(g["day"]) == 1 and len(g["mon"]) == 1 and not DATE_LEAD.search(text, max(0, s - 12), s))):
                return None  # "am 4.5." and "Kursänderung 27.1." are dates; "Claude Sonnet 4.5." a version
        elif name == "day_month":
            # "seit dem 1. Juli konsolidiert": since a day, so the last such day
            behind = year is None and self.r.behind_before_re is not None and self.r.behind_before_re.search(text, max(0, s - 30), s)
            expr = DateExpr(year=year, month=self.r.month_of[g["month"]], day=int(g["day"]),
                            future=future and not behind, past=past or bool(behind))
            if not 1 <= expr.day <= 31:
                return None
        elif name in ("month_year", "mod_month"):
            # "Seit Ende August bietet Cerebras …": since then, so the last such month
            behind = name == "mod_month" and self.r.behind_before_re is not None and self.r.behind_before_re.search(text, max(0, s - 30), s)
            expr = DateExpr(year=year, month=self.r.month_of[g["month"]], future=future and not behind, past=past or bool(behind))
        elif name == "month":
            if g["month"] == "Mai" and re.match(r"\s*(?:-|\d)", text[e:e + 2]) or \
                    g["month"] in self.r.name_months and self.r.person_month(text, s, e):
                return None  # (nor "von August Claas": a first name)
            behind = self.r.behind_before_re is not None and self.r.behind_before_re.search(text, max(0, s - 30), s)
            this_year = published and self.r.this_year_before_re is not None and self.r.this_year_before_re.search(text, max(0, s - 30), s)
            expr = DateExpr(year=int(published[:4]) if this_year else None, month=self.r.month_of[g["month"]],
                            future=future and not behind, past=past or bool(behind))
        elif name == "quarter":
            # ("das Schlussquartal 2024": a quarter named by its place in the year, with the year)
            q = int(g.get("q") or g.get("qn") or (self.r.cfg["quarter_names"][g["qname"]] if g.get("qname")
                                                  else self.r.cfg["quarters"][g["qw"].lower()]))
            if g.get("fiscal"):
                expr = DateExpr(year=fiscal_end(g), quarter=q, fiscal=True)
            elif year is None:
                return None  # "im dritten Quartal" alone is the quarter_bare pattern
            elif g.get("qfyend"):  # "Q4 2024/25": a quarter of the fiscal year that ends in 2025
                end = (year // 100) * 100 + int(g["qfyend"])
                if end != year + 1:
                    return None
                expr = DateExpr(year=end, quarter=q, fiscal=True)
            else:
                expr = DateExpr(year=year, quarter=q, fiscal=bool(g.get("fadj") or g.get("fadj2")))
        elif name in ("fiscal_quarter", "quarter_bare", "quarter_named", "quarter_q", "half_bare", "months_elapsed"):
            # "im vierten Geschäftsquartal", "das dritte Quartal", "Q3", "im Schlussquartal", "im
            # ersten Halbjahr", "in den ersten neun Monaten": the fiscal year the article names,
            # else the latest such period before publication (the next when the clause looks
            # ahead), fiscal when the article speaks of fiscal periods of a company with a shifted year.
            q = h = n = None
            if name == "half_bare":
                h = int(self.r.cfg["halves"][g["hw"].lower()])
            elif name == "months_elapsed":
                n = int(self.r.cfg["months_elapsed"][g["n"]])
            elif name == "quarter_named":
                q = int(self.r.cfg["quarter_names"][g["qname"]])
            else:
                q = int(g.get("q") or g.get("qn") or self.r.cfg["quarters"][g["qw"].lower()])
            named_fiscal = name == "fiscal_quarter" or bool(g.get("fiscal") or g.get("fadj") or g.get("fadj2"))
            shifted = fiscal_start not in (None, 1)
            # The company's calendar and the publication date say which year; else the fiscal year named most.
            fy = self._fiscal_year(text, s) if name != "months_elapsed" and not (shifted and published) else None
            if g.get("cal"):
                named_fiscal, shifted = False, False  # "im dritten Kalenderquartal"
            if g.get("frel"):
                word = g["frel"]
                fy = fiscal_year_at(published, fiscal_start, -1 if word in ("abgelaufenen", "vergangenen") else
                                    1 if word in ("kommenden", "nächsten") else 0, new=word == "neuen")
                named_fiscal = True
            if fy is not None and (named_fiscal or shifted):
                expr = DateExpr(year=year or fy, quarter=q, half=h, fiscal=True)
            elif name == "fiscal_quarter" and year is not None:
                expr = DateExpr(year=year, quarter=q, fiscal=True)
            else:
                fiscal = shifted and (named_fiscal or self._speaks_fiscal(text))
                # the nearest tense marker of its clause ("stellte den Bericht zum dritten Quartal früher als geplant online")
                a, b = clause_bounds(text, s, e, ",;:.!?\n")
                tense = nearest_tense(text, a, b, s, self.r.future_re, self.r.past_re)
                ahead = (future or clause_future and tense > 0
                         or bool(CURRENT_BEFORE.search(text, max(0, s - 14), s)))
                expr = DateExpr(year=year if n else None, quarter=q, half=h, months=n, fiscal=fiscal,
                                fiscal_start=fiscal_start if fiscal else 1, future=ahead,
                                past=not ahead and (past or tense < 0))
        elif name == "season_rel":
            mod = self.r.cfg["seasons"][g["season"]]
            rel = g["rel"]
            off = self.r.cfg["relative_modifiers"][rel]
            month = int(self.r.cfg.get("season_months", {}).get(g["season"], 6))
            py = int(published[:4]) if published else None
            pm = int(published[5:7]) if published and len(published) >= 7 else None
            fig = Figure(s, e, "DATE", rule="date_season_rel", date_mod=mod)
            if py is not None and off == 0:
                fig.date_value = str(py)
            elif py is not None:
                # "vergangenen Herbst": the last such season before publication (this year's if it is over).
                this_over = pm is not None and pm > month + 2
                fig.date_value = str(py + off + (1 if off < 0 and this_over else 0) - (0 if off > 0 else 0))
            fig.date_relation = self._relation(text, s)
            return fig
        elif name == "season":
            mod = self.r.cfg["seasons"][g["season"]]
            month = int(self.r.cfg.get("season_months", {}).get(g["season"], 6))
            resolved = resolve(DateExpr(month=month, future=future, past=past), published)
            fig = Figure(s, e, "DATE", rule="date_season", date_mod=mod)
            fig.date_value = resolved[:4] if resolved else None
            fig.date_relation = self._relation(text, s)
            return fig
        elif name == "half":
            h = int(g.get("h") or self.r.cfg["halves"][g["hw"].lower()])
            expr = DateExpr(year=fiscal_end(g) if g.get("fiscal") else year, half=h, fiscal=bool(g.get("fiscal")))
        elif name == "fiscal_year":
            fy = g.get("fyy")
            y = year if year is not None else (int(fy) + (2000 if len(fy) == 2 else 0))
            if g.get("fyend"):
                # "Geschäftsjahr 2024/25" is named by the year it ends in.
                end = g["fyend"]
                y = int(end) if len(end) == 4 else (y // 100) * 100 + int(end)
            # "Geschäftsjahr 2024" of a company whose year is the calendar's (or that nobody says
            # is shifted) is the year 2024; "2024/25", "FY2024" and a shifted calendar are fiscal.
            expr = DateExpr(year=y, fiscal=bool(g.get("fyend") or g.get("fy")) or fiscal_start not in (None, 1)
                            or near_on_line(text, shifted, s))  # "| Microsoft | 80 Mrd. | Geschäftsjahr 2025 |"
        elif name == "split_year":
            end = g["fyend"]
            y = int(end) if len(end) == 4 else (year // 100) * 100 + int(end)
            if y != year + 1:
                return None  # "2023/2025", "2024/12": no one year
            expr = DateExpr(year=y, fiscal=True)
        elif name == "season_year":
            mod = self.r.cfg["seasons"][g["season"]]
            expr = DateExpr(year=year)
        elif name == "mod_year":
            expr = DateExpr(year=year)
        elif name == "year_word":
            expr = DateExpr(year=year)
        elif name == "decade":
            expr = DateExpr(decade=int(g["dec"]))
        elif name in ("mod_relative", "season_relative"):
            if name == "season_relative":
                mod = self.r.cfg["seasons"][g["season"]]
            rel = g.get("rel")
            off = self.r.cfg["relative_modifiers"].get(rel or "", 0)
            off = year_over(off, mod, past and not self._ahead(text, s), published, text[max(0, s - 150):s]) if not rel else off
            expr = DateExpr(rel_unit="year", rel_offset=off)
        elif name == "mod_week":
            off = self.r.cfg["relative_modifiers"].get(g.get("rel") or "", 0)
            expr = DateExpr(rel_unit="week", rel_offset=off)
        elif name == "relative":
            unit, off = self.r.relative_offset(g["relphrase"])
            phrase = g["relphrase"]
            if unit == "year" and fiscal_start not in (None, 1) and self._speaks_fiscal(text) \
                    and phrase[:1].lower() + phrase[1:] in self.r.cfg.get("reported_years", ()):
                # "nach 2,5 Mrd. im abgelaufenen Jahr" of a company whose year ends in March: its fiscal year
                fy = fiscal_year_at(published, fiscal_start, off)
                fig = Figure(s, e, "DATE", rule="date_fiscal_relative")
                fig.date_value = f"FY{fy}" if fy else None
                fig.date_relation = self._relation(text, s)
                return fig
            mod = mod or self.r.mod_of.get(g["relphrase"]) or self.r.mod_of.get(g["relphrase"].split()[-1])
            if unit == "year":
                off = year_over(off, mod, past and not self._ahead(text, s), published, text[max(0, s - 150):s])
            expr = DateExpr(rel_unit=unit, rel_offset=off, weekend="Wochenende" in g["relphrase"])
        elif name == "ago":
            n = g["n"]
            v = int(n) if n.isdigit() else parse_number_word(n, self.r.numbers)
            if v is None or v != int(v):
                return None
            unit = self.r.cfg["ago_units"][g["unit"]]
            expr = DateExpr(rel_unit=unit, rel_offset=-int(v))
        elif name == "current_period":  # "im laufenden Quartal": the one of publication
            if (expr := self.r.current_period(g["curphrase"], published, fiscal_start, self._speaks_fiscal(text))) is None:
                return None
        elif name == "fiscal_relative":
            phrase = g["frelphrase"]
            off = self.r._frel.get(phrase, self.r._frel.get(phrase[:1].lower() + phrase[1:], 0))
            # "das neue/kommende Geschäftsjahr": the one after the year just reported, which may have begun
            fy = fiscal_year_at(published, fiscal_start, off, new=off == 1)
            fig = Figure(s, e, "DATE", rule="date_fiscal_relative")
            fig.date_value = f"FY{fy}" if fy else None
            fig.date_relation = self._relation(text, s)
            return fig
        elif name == "holiday":
            month, day_ = (int(x) for x in self.r.cfg["holidays"][g["hol"]].split("-"))
            expr = DateExpr(month=month, day=day_, future=future, past=past)
        elif name == "weekday":
            behind = self.r.behind_before_re is not None and self.r.behind_before_re.search(text, max(0, s - 30), s)
            # "Seit Mittwoch wird Reddit gehandelt": since a day, so the last such day
            expr = DateExpr(weekday=self.r.weekday_of[g["weekday"]],
                            future=not behind and (future or (not past and self._ahead(text, s))))
            if re.match(r",?\s*(?:de[nm]\s+)?\d{1,2}\.", text[e:e + 12]):
                return None  # "Montag, 2. September": the explicit date is the figure
        elif name == "year":
            if not self._year_is_date(text, s, year):
                return None
            expr = DateExpr(year=year)
        else:
            return None
        if named_start and expr.fiscal and expr.year is not None and name != "split_year" \
                and not (g.get("fyend") or g.get("qfyend") or g.get("ffyend") or g.get("frel")):
            expr = replace(expr, year=expr.year + 1)  # Sony's "Geschäftsjahr 2024" ends in 2025: FY2025
        fig = Figure(s, e, "DATE", rule=f"date_{name}")
        fig._expr = expr  # kept for narrative resolution, not written out
        fig.date_value = resolve(expr, published)
        fig.date_mod = mod
        if name != "ago":
            fig.date_relation = self._relation(text, s)
        return fig

    def _ahead(self, text: str, s: int) -> bool:
        """ "ab Donnerstag", "bis Jahresende": from or until then (rules: ahead_before)."""
        return self.r.ahead_before_re is not None and self.r.ahead_before_re.search(text, max(0, s - 20), s) is not None

    def _speaks_fiscal(self, text: str) -> bool:
        """Does the article speak of fiscal periods ("Geschäftsjahr", "Geschäftsquartal")?
        (Once per text.)"""
        if self._fiscal_cache.get("speaks", (None,))[0] is not text:
            self._fiscal_cache["speaks"] = (text, self.r.fiscal_talk_re.search(text) is not None)
        return self._fiscal_cache["speaks"][1]

    def _fiscal_year(self, text: str, pos: int) -> int | None:
        """The fiscal year an article reports on: the one it names most often (the first at a
        tie). (Once per text.)"""
        if self._fiscal_cache.get("year", (None,))[0] is not text:
            years = [int(m.group(1)) for m in self.r.fiscal_year_re.finditer(text)]
            self._fiscal_cache["year"] = (text, max(dict.fromkeys(years), key=years.count) if years else None)
        return self._fiscal_cache["year"][1]

    def _year_is_date(self, text: str, s: int, year: int | None = None) -> bool:
        """A bare four-digit number is a year unless it reads as a quantity or a name."""
        before = text[max(0, s - 25):s]
        words = re.findall(r"[\w.]+", before)
        last = words[-1] if words else ""
        if last in self.r.name_words:
            return False  # Windows 2000, Office 2021 are names
        lo, hi = self.r.news_years or (None, None)
        if year is not None and lo is not None and not lo <= year <= hi and last[:1].isupper() \
                and before.endswith((last + " ", last + "\u00a0")) and last not in self.r.year_context and last.lower() not in ARTICLE_WORDS:
            return False  # "Cyberpunk 2077": a title's year, not news time
        tail = " ".join(words[-2:]).lower()
        if last.lower() in self.r.qualifier_words or tail in self.r.qualifier_words \
                or last.lower() in self.r.quantity_words:
            return False  # "rund 2000", "genau 2025 Teilnehmer": a quantity
        if re.search(r"[~≈]\s*$", before):
            return False
        score = self.r.score_re
        if score is not None:
            line = max(text.rfind("\n", max(0, s - 80), s) + 1, s - 80)
            if score.search(text, line, s) and not re.search(r"(?:[Jj]ahr|seit|bis|ab|im)\s+$", before[-8:]):
                return False  # "Elo-Wertung von 2056": a score
        return True

    def _relation(self, text: str, s: int) -> str | None:
        rx, table = self.r.relation_re
        m = rx.search(text[max(0, s - 25):s])
        return table[m.group("p").lower()] if m else None

    def _pair_ranges(self, text: str, dates: list[Figure]) -> None:
        """ "zwischen 2023 und 2025": the first is the start, the second the end."""
        for a, b in zip(dates, dates[1:]):
            gap = text[a.end:b.start]
            if re.fullmatch(r"\s*(?:und|bis|–|-)\s*", gap) and \
                    re.search(r"(?:zwischen|von)\s+$", text[max(0, a.start - 12):a.start], re.IGNORECASE):
                a.date_relation, b.date_relation = "since", "until"


def scan_dates(text: str, rules: DateRules, published: str | None = None,
               regions: Iterable[tuple[int, int]] = (), fiscal_start: int | None = None) -> list[Figure]:
    return DateScanner(rules).scan(text, published, regions, fiscal_start)
