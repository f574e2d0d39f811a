"""Whose chief a person is: "Infineon-Chef Jochen Hanebeck", "Firmenchef Daniel Ek", "Tim
Höttges, Vorstandschef der Telekom". A company's figure or date told through its chief
("Als Jochen Hanebeck am Dienstag die Zahlen vorlegte", "teilte Firmenchef Jeff Lawson am
Montag mit") is the company's. The role words are rules (entities.yaml `company_roles`:
`of_named` after a company's name or before its name with one of `links`, `of_own` for the article's company); a
part of the subject finder (subjects.py), with no spaCy in it."""
from __future__ import annotations

import re
from functools import cached_property

from quellenlage.patterns import alternation

SPACE = r"[ \u00a0]+"


class CompanyRoles:
    """`affiliation(view, person)`: the organisation a person's role names in the article, else None."""

    def __init__(self, roles, own_roles, links=()) -> None:
        self.words, self.own_words, self.links = tuple(roles or ()), tuple(own_roles or ()), tuple(links or ())

    @cached_property
    def _roles(self) -> str:
        return alternation(self.words) if self.words else "(?!)"

    @cached_property
    def compound_before(self) -> re.Pattern:
        """ "Infineon-Chef " before a name: the company is the compound's first part (an entity ending at the hyphen)."""
        return re.compile(r"-(?:" + self._roles + r")" + SPACE + r"$")

    @cached_property
    def plain_before(self) -> re.Pattern:
        """ "Firmenchef ", "Vorstandschefin " before a name: the chief of the article's company."""
        return re.compile(r"(?<![\w-])(?:" + (alternation(self.own_words) if self.own_words else "(?!)") + r")" + SPACE + r"$")

    @cached_property
    def apposed_after(self) -> re.Pattern:
        """ ", Chef von ", ", der Vorstandschef der " after a name (a role, then one of `links`): the organisation named next."""
        return re.compile(r",?" + SPACE + r"(?:(?:der|die|den|dem|des)" + SPACE + r")?(?:[a-zäöüß-]+e[nrs]?" + SPACE + r")?(?:"
                          + self._roles + r")" + SPACE + r"(?:" + (alternation(self.links) if self.links else "(?!)") + r")" + SPACE
                          + r"(?:(?:[\w-]+e[nrs]?)" + SPACE + r")?$")  # ("der Deutschen Telekom")

    def affiliation(self, view, person) -> str | None:
        """The organisation of `person` (a PER entity): the first of its mentions that a role ties to
        one, in text order; once per document and person."""
        memo = view.memo.setdefault("affiliation", {})
        if person.name not in memo:
            memo[person.name] = self._find(view, person.name)
        return memo[person.name]

    def _find(self, view, name: str) -> str | None:
        text, ents = view.text, view.entities
        orgs_ending = {e.end: e for e in ents if e.type == "ORG"}
        for e in ents:
            if e.type != "PER" or e.name != name:
                continue
            before = text[max(0, e.start - 40):e.start]
            m = self.compound_before.search(before)
            if m:
                org = orgs_ending.get(e.start - len(before) + m.start())
                if org is not None:
                    return org.name
            if self.plain_before.search(before) and view.main_organisation:
                return view.main_organisation
            org = next((o for o in view.entity_index.starting(e.end, e.end + 60) if o.type == "ORG"), None)
            if org is not None and self.apposed_after.fullmatch(text, e.end, org.start):
                return org.name
        return None

    def acting_for(self, view, fig: dict, prop, clause: tuple[int, int]) -> str | None:
        """The company a person in the figure's clause acts for ("Als Jochen Hanebeck am Dienstag die
        Zahlen vorlegte"), for a property only a company has: the person nearest the figure, with
        no comma between them, whose role the article names. Not a name's own date: "Worldcoin, ein
        Projekt, das OpenAI-Chef Sam Altman aufgezogen hat" was not founded by OpenAI."""
        if "ORG" not in prop.subject_types or "PER" in prop.subject_types or prop.own_name \
                or fig["label"] == "DATE" and len(fig.get("date_value") or "") != 10:
            return None  # (a date of news is a day: not "für 2024 kündigte Finanzchefin Jessica Fischer mehr an")
        cs, ce = clause
        text = view.text
        people = [e for e in view.entity_index.starting(cs, ce) if e.type == "PER" and e.end <= ce
                  and "," not in (text[e.end:fig["start"]] if e.end <= fig["start"] else text[fig["end"]:e.start])]
        for e in sorted(people, key=lambda e: abs(e.start - fig["start"])):
            org = self.affiliation(view, e)
            if org is not None:
                return org
        return None
