"""Currency forms several currencies share ("Kronen": SEK, NOK, DKK, CZK, ISK) and which one a
text means: a mixin of `FigureRules` (which gives it `cfg`). Rules: currencies.yaml `shared`,
`shared_countries`, the currencies' own forms and CLDR's names. Pure."""
from __future__ import annotations

import re
from functools import cached_property

from quellenlage.patterns import alternation
from quellenlage.textutil import LETTER, Regions


class SharedCurrencies:
    cfg: dict

    @cached_property
    def shared_currencies(self) -> dict[str, tuple[str, ...]]:
        """Forms several currencies share ("Kronen") -> those currencies, the default first."""
        return {f: tuple(isos) for f, isos in (self.cfg["currencies"].get("shared") or {}).items()}

    @cached_property
    def _own_forms(self) -> dict[str, re.Pattern]:
        """ISO code -> its forms that name it alone (its code, its full names), for shared forms."""
        wanted = {iso for isos in self.shared_currencies.values() for iso in isos}
        forms: dict[str, set[str]] = {iso: {iso} for iso in wanted}
        for iso, names in self.cfg["currency_names"]["names"].items():
            if iso in wanted:
                forms[iso].update(names)
        for iso, c in self.cfg["currencies"]["currencies"].items():
            if iso in wanted:
                forms[iso].update(f.rstrip("-") for f in c["after"] + c["before"])
        return {iso: re.compile(r"(?<!" + LETTER + r")(?:" + alternation(fs) + r")(?!" + LETTER + r")") for iso, fs in forms.items()}

    @cached_property
    def _country_words(self) -> dict[str, re.Pattern]:
        """ISO code -> the words of its country, with their endings ("schwedischen")."""
        return {iso: re.compile(r"(?<!" + LETTER + r")(?:" + alternation(ws) + r")(?:e|en|er|es|s)?(?!" + LETTER + r")")
                for iso, ws in (self.cfg["currencies"].get("shared_countries") or {}).items() if ws}

    def _pointing(self, iso: str, text: str) -> tuple[int, int]:
        """(words of its country outside its own forms, its own forms): "Der schwedische Konzern …
        Stockholm" is the story's country; "6,25 Milliarden dänische Kronen" names one amount's."""
        own = [m.span() for m in self._own_forms[iso].finditer(text)]
        country = self._country_words.get(iso)
        inside = Regions(own)  # by bisection: linear in the text
        words = 0 if country is None else sum(1 for m in country.finditer(text) if not inside.covers(m.start()))
        return words, len(own)

    def shared_currency(self, form: str, text: str) -> str:
        """The currency a shared form ("Kronen") stands for in this text: the one of its
        currencies whose country the text names most ("Der schwedische Konzern", "Stockholm"),
        then the one it names by a form of its own ("schwedische Kronen", "SEK"), else the first
        listed. (Once per text and form.)"""
        seen = self.__dict__.get("_shared_seen")
        if seen is None or seen[0] is not text:
            seen = self.__dict__["_shared_seen"] = (text, {})  # only the text being scanned
        iso = seen[1].get(form)
        if iso is None:
            isos = self.shared_currencies[form]
            score = {i: self._pointing(i, text) for i in isos}
            iso = seen[1][form] = max(isos, key=lambda i: (score[i], -isos.index(i)))
        return iso
