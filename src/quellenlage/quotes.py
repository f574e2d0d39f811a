"""Quotations and their speakers in German news text (rules/<lang>/quotes.yaml, entities.yaml).

Pure: the input is the text, its sentence bounds and optional entity mentions from a
statistical backbone; no spaCy objects. Three steps:

1. `find_quotations` (quotations.py) pairs quotation marks („…“, „…", »…«, «…», ‚…‘, “…”, "…"), nested and
   across paragraphs, and drops marks it cannot pair instead of running to the end.
2. `Mentions` (quote_rules.py) are the people and organisations of the article, from the entity layer
   (quellenlage.entities: gazetteer, first names with a surname, titles before names,
   surnames resolved to full names).
3. `attribute` classifies each quotation (statement or term) and finds speaker and cue:
   after the quote ("…“, sagte X), before a colon (X sagte: „…“), laut/zufolge, cataphora
   („…“ Mit diesen Worten hat X …), pronouns and role nouns, the sentence before.
"""
from __future__ import annotations

import re
from typing import Iterable

from quellenlage.entities import Entity, find_entities
from quellenlage.quotations import Quotation, find_quotations
from quellenlage.quote_kind import (REPORTED_NAME, SPEAKER_PREFIX, SPOKEN_NAME, TICKER, QuoteKinds,
                                    extend_to_sentence_end, is_headline, sentence_of, is_adverb_cue)
from quellenlage.quote_rules import Mention, Mentions, Quote, QuoteRules


# --- 3. statement or term (quote_kind.py), speaker and cue -------------------------------
# "Ein Händler spricht von …": someone unnamed (a spokesperson speaks for the company named before)
ROLE_APPOSITION = re.compile(r"(?:\s+(?:des|der)\s+[\w-]+(?:\s+[\w-]+)?)?\s*,\s*")  # "die Sprecherin des Außenministeriums, "
# "Ein Londoner Fondsmanager, der nicht genannt werden will, mahnt: «…»": an unnamed subject opens the sentence
NAME_GENITIVE = re.compile(r"(?:\s+(?:der|des)(?:\s+[A-ZÄÖÜ][\w-]+)+)+")  # "der Schutzgemeinschaft[ der Kapitalanleger]"
TOLD_OR_GENITIVE = re.compile(r"(?<!\w)(?:dem|den|der|des|gegenüber)(?!\w)")
TOLD_TO = re.compile(r"\s*[A-ZÄÖÜ][\w'’-]+(?:\s[A-ZÄÖÜ][\w'’-]+)?\s+(?:dem|der|gegenüber\s+(?:dem|der))\s+")  # "Ito dem "
UNNAMED_OPENER = re.compile(r"\s*(?:Ein|Eine|Einer)\s+(?:[a-zäöüß][\w-]*\s+|[A-ZÄÖÜ][a-zäöü]+er\s+)?(?![\w-]*[Ss]precher)[A-ZÄÖÜ][\w-]*(?=[\s,])")
UNNAMED_BEFORE = re.compile(r"(?<![\w-])(?:[Ee]in|[Ee]ine|[Ee]iner)\s+(?:[a-zäöüß][\w-]*\s+)?(?![\w-]*[Ss]precher)[A-ZÄÖÜ][\w-]*\s+$")

class QuoteFinder(QuoteKinds):
    def __init__(self, rules: QuoteRules):
        self.r = rules

    def find(self, text: str, sentences: list[tuple[int, int]], regions=(), entities: Iterable[Entity] | None = None) -> list[Quote]:
        """Quotes with kind, speaker and cue; `entities` from the entity layer (found here
        when not given)."""
        regions = list(regions)
        quotations = find_quotations(text, self.r.cfg["marks"], regions)
        quotations = [q for q in quotations if q.end > q.start and text[q.start:q.end].strip()]
        # Captions, bylines and ads never name a speaker: attribution reads a copy of the text
        # with them blanked out (same offsets).
        masked = list(text)
        for a, b in regions:
            masked[a:b] = " " * (b - a)
        text = "".join(masked)
        if entities is None:
            entities = find_entities(text, self.r.entities, regions)
        mentions = Mentions(entities)
        out: list[Quote] = []
        last_speaker: tuple[int, Quote] | None = None
        for q in quotations:
            kind, certain = self._kind(text, q, quotations)
            if kind == SPOKEN_NAME:
                # "Parekh sprach von einem „Rekordgeschäftsjahr“": a named speaker's word;
                # "Umweltschützer sprechen von einem „Schattenkraftwerk“": a term.
                s, _ = sentence_of(sentences, q.open_at, len(text))
                # "… sprach er von einem „Superzyklus“": the pronoun is the person named before.
                pronoun = re.search(r"(?<!\w)(?:er|sie)(?!\w)", text[s:q.open_at])
                named = mentions.within(s, q.open_at) or (pronoun and mentions.last_person_before(s))
                kind, certain = ("statement" if named else "term"), True
            if kind == REPORTED_NAME:
                # "dass es keine „Blankoschecks“ mehr geben werde": a named person's words;
                # "Kritiker werfen vor, Copilot sei ein „Wrapper“": a term.
                s, e = sentence_of(sentences, q.open_at, len(text))
                named = any(m.kind == "PER" for m in mentions.within(s, max(e, q.close_at + 1)))
                kind, certain = ("statement" if named else "term"), True
            if kind == "statement" and not certain:
                continues = last_speaker is not None and "\n\n" not in text[last_speaker[0]:q.open_at]
                kind = "statement" if continues or self._attributed(text, q, sentences, mentions) else "term"
                certain = True
            quote = Quote(q.start, q.end, kind)
            if kind == "statement" or (not certain and self._attributed(text, q, sentences, mentions)):
                quote.kind = "statement"
                self._attribute(text, q, quote, sentences, mentions, last_speaker)
                if quote.speaker:
                    last_speaker = (q.close_at, quote)
            out.append(quote)
        return out

    # --- speaker -------------------------------------------------------------------------
    def _attribute(self, text, q: Quotation, quote: Quote, sentences, mentions: Mentions, last_speaker) -> None:
        if is_headline(text, q):
            line_start = text.rfind("\n", 0, q.open_at) + 1
            ticker = TICKER.match(text, line_start)
            line_start = ticker.end() if ticker else line_start
            prefix = re.match(SPEAKER_PREFIX, text[line_start:q.open_at])
            later = [m for m in mentions.items if m.start > q.close_at and m.start - q.close_at < 400]
            if prefix:
                name = prefix.group(1)
                full = next((m for m in mentions.items if m.kind == "PER" and m.name.split()[-1] == name.split()[-1]), None)
                quote.speaker = full.name if full else name
                quote.speaker_start, quote.speaker_end = line_start + prefix.start(1), line_start + prefix.end(1)
                return
            person = next((m for m in later if m.kind == "PER"), None)
            if person:
                self._set(quote, person)
                return
        s, e = sentence_of(sentences, q.open_at, len(text))
        e = max(e, q.close_at + 1)
        if q.close_at + 1 >= e and not re.search(r"[.!?…]\s*$", text[q.start:q.end]):
            # The quote stops mid-sentence ("…“, sagte er."): the attribution follows.
            e = extend_to_sentence_end(text, q.close_at + 1)
        after = text[q.close_at + 1:e]
        before = text[s:q.open_at]
        via = self.r.via_re.search(before + after)
        if via and not any(m.start <= s + via.start("via") < m.end and m.kind == "PER" for m in mentions.items):
            quote.via = via.group("via").rstrip(".,")

        # "…“, sagte X." / "…“, so X." / "…“, hatte X, Präsident …, gesagt."
        m = self.r.cue_after_re.match(after)
        if m:
            quote.cue = m.group("cue")
            if self._speaker_in(text, q.close_at + 1 + m.end(), e, quote, mentions, first=True):
                return
        m = re.match(r"\s*,\s*(?:hatte|hat|habe|hätte)\s+", after)
        if m:
            tail = after[m.end():]
            c = self.r.cue_re.search(tail)
            if c:
                quote.cue = c.group("cue")
            if self._speaker_in(text, q.close_at + 1 + m.end(), e, quote, mentions, first=True):
                return
        # "… werde man „fast zehnmal mehr Rechenleistung“ benötigen, sagte Zuckerberg": the
        # quote stands inside reported speech whose cue ends the sentence.
        if not re.search(r"[.!?…]\s*$", text[q.start:q.end]):
            later = None
            for later in self.r.cue_after_comma_re.finditer(after):
                break
            if later and later.start() > 0 and not self.r.quote_mark_re.search(after, 0, later.start()):
                c = self.r.cue_re.search(after, later.start())
                quote.cue = c.group("cue") if c else quote.cue
                if self._speaker_in(text, q.close_at + 1 + later.end(), e, quote, mentions, first=True):
                    return
        # "laut X" / "X zufolge" / "nach Angaben von X" in the sentence.
        for rx in (self.r.after_cue_re,):
            for mm in rx.finditer(before + after):
                base = s if mm.start() < len(before) else q.close_at + 1 - len(before)
                pos = base + mm.end()
                quote.cue = mm.group("cue")
                if self._speaker_in(text, pos, min(e, pos + 80), quote, mentions, first=True):
                    return
        mz = self.r.before_cue_re.search(before + after)
        if mz:
            base = s if mz.start() < len(before) else q.close_at + 1 - len(before)
            quote.cue = mz.group("cue")
            if self._speaker_in(text, base + mz.start(), base + mz.end("who"), quote, mentions, first=False):
                return
        mw = self.r.possessive_re.search(before + after)
        if mw:
            quote.cue = mw.group(0)
            who = mentions.last_person_before(q.open_at, self.r.cfg["possessive_cues"][mw.group(0)])
            if who:
                self._set(quote, who)
                return
        # "X sagte: „…“" and "X sagte, man verfolge einen „…“": a cue before the quote.
        cues = list(self.r.cue_re.finditer(before))
        if cues:
            c = cues[-1]
            quote.cue = quote.cue or c.group("cue")
            is_adverb = is_adverb_cue(c, before)  # "so" before a quote is an adverb, no attribution
            opener = UNNAMED_OPENER.match(before)
            if not is_adverb and (UNNAMED_BEFORE.search(before, max(0, c.start() - 40), c.start()) or opener and opener.end() <= c.start()
                                  and not any(m.kind == "PER" for m in mentions.within(s, s + c.start()))):
                quote.cue = c.group("cue")
                return  # "Ein Händler spricht von „…“": someone unnamed, not a name further back
            # "…, erklärte Rahim, die Kombination werde „…“": the person right after the cue
            named = [m for m in mentions.within(s + c.end(), s + c.end() + 60)
                     if m.kind == "PER" and not text[s + c.end():m.start].strip(" ,")]
            if named and not is_adverb:
                quote.cue = c.group("cue")
                self._set(quote, named[0])
                return
            pron = re.match(r"\s+(?P<p>er|sie)\b", before[c.end():])
            if not is_adverb and pron:
                # "In der Mitteilung erklärte er, Apple sei „sehr stolz“": the pronoun after the cue
                who = mentions.last_person_before(s + c.start(), self.r.cfg["pronouns"].get(pron.group("p")))
                if who is not None:
                    quote.cue = c.group("cue")
                    self._set(quote, who)
                    return
            if not is_adverb and self._speaker_in(text, s, s + c.start(), quote, mentions, first=False,
                                                  pronoun_from=q.open_at):
                quote.cue = c.group("cue")
                return
        # Cataphora: „…“ Mit diesen Worten hat Microsoft-CEO Satya Nadella …
        nxt_s, nxt_e = sentence_of(sentences, min(len(text) - 1, e + 1), len(text))
        following = text[q.close_at + 1:nxt_e if nxt_s <= q.close_at + 3 else max(e, nxt_e)]
        cat = self.r.cataphora_re.match(following)
        if cat:
            start_pos = q.close_at + 1 + cat.end()
            c = self.r.cue_re.search(text, start_pos, start_pos + 150)
            if c and not quote.cue:
                quote.cue = c.group("cue")
            if self._speaker_in(text, start_pos, start_pos + 150, quote, mentions, first=True):
                return
        # Indirect speech without a cue goes on with the last speaker of the paragraph:
        # "„…“, sagte er. Microsoft müsse aber in der Lage sein, „…“."
        between = [m for m in mentions.within(last_speaker[0], q.open_at) if m.kind == "PER"] if last_speaker else []
        if last_speaker and not quote.cue and "\n\n" not in text[last_speaker[0]:q.open_at] \
                and q.open_at - last_speaker[0] < 400 and all(m.name == last_speaker[1].speaker for m in between):
            src = last_speaker[1]
            quote.speaker, quote.speaker_start, quote.speaker_end = src.speaker, src.speaker_start, src.speaker_end
            return
        if self._speaker_in(text, s, q.open_at, quote, mentions, first=False, pronoun_from=q.open_at):
            return
        # The sentence before introduced the speaker, or the last quote's speaker goes on.
        prev_s, prev_e = sentence_of(sentences, max(0, s - 2), len(text))
        # (only a name the entity layer knows there: not "Nun zeigt sich: …", "Welche Hardware …")
        if prev_s < s and self._speaker_in(text, prev_s, s, quote, mentions, first=True, pronoun_from=s, guess=False):
            return
        if last_speaker and q.open_at - last_speaker[0] < 600:
            src = last_speaker[1]
            quote.speaker, quote.speaker_start, quote.speaker_end = src.speaker, src.speaker_start, src.speaker_end

    def _speaker_in(self, text, start, end, quote: Quote, mentions: Mentions, first: bool,
                    pronoun_from: int | None = None, guess: bool = True) -> bool:
        """A person or organisation (or a pronoun or role noun for one) in text[start:end];
        `guess`: also a capitalised name the entity layer does not know, opening the window."""
        window = text[start:end]
        anon = self.r.anonymous_re.match(window) if first else None
        if anon and not any(m.kind == "PER" and not text[start + anon.end():m.start].strip()
                            for m in mentions.within(start + anon.end(), start + anon.end() + 40)):
            return True  # an unnamed person speaks: no speaker, and no guessing (not "sagte Händler Jens Möller")
        spokes = self.r.spokes_compound_re.search(window)
        if spokes:
            # "sagte ein AWS-Sprecher": the spokesperson's organisation speaks
            named = mentions.within(start + spokes.start("org"), start + spokes.end("org") + 1)
            if named:
                self._set(quote, named[0])
            else:
                quote.speaker = nominative(spokes.group("org"))
                quote.speaker_start, quote.speaker_end = start + spokes.start("org"), start + spokes.end("org")
            return True
        org = self.r.org_noun_re.search(window)
        person_first = org and any(m.kind == "PER" for m in mentions.within(start, start + org.start()))
        if org and not person_first:
            # "Das Bundesamt für Sicherheit … (BSI) sprach von …": the organisation named with the noun
            # (not after a person: "sagte Martin Sion, der Chef des Herstellers ArianeGroup"; after a
            # spokesperson's organisation, not the outlet told or a genitive: "ein Sprecher der
            # Südwestfalen-IT dem WDR", "ein Sprecher der Schutzgemeinschaft der Kapitalanleger (SdK)")
            after = [m for m in mentions.within(start + org.end(), min(end, start + org.end() + 90)) if m.kind == "ORG"]
            if after and not re.search(r"[,.;:!?]", text[start + org.end():after[0].start]) \
                    and not (org.group("named") and TOLD_OR_GENITIVE.search(text, start + org.end(), after[0].start)):
                self._set(quote, after[0])
                return True
        # "sagte der Manager, der den Konzern seit 2024 führt": the role noun speaks, not the Konzern
        first_word = re.match(r"\s*([\w-]+)", window)
        role_first = org and (self.r.role_re.search(window, 0, org.start())
                              or (first_word and first_word.end() <= org.start()
                                  and self.r.role_word_re.fullmatch(first_word.group(1))))
        # "erklärte die Vizepräsidentin der Kommission, Teresa Ribera": the person in apposition speaks
        apposed = org and any(m.kind == "PER" and re.fullmatch(r"\s*,?\s*", text[start + org.end():m.start])
                              for m in mentions.within(start + org.end(), min(end, start + org.end() + 60)))
        if org and not role_first and not apposed \
                and not [m for m in mentions.within(start, start + org.start()) if m.kind == "PER"]:
            if org.group("named"):
                # (the mention that starts there, longer than the word the noun's pattern took: "von ProSiebenSat.1")
                named = [m for m in mentions.within(start + org.start("named"), end) if m.start == start + org.start("named")]
                if named:
                    self._set(quote, named[0])
                    return True
                # "ein Sprecher des Clubs": the word ends the name of an organisation named before
                prior = mentions.ending_in(start + org.start("named"), org.group("named"))
                if prior is not None:
                    self._set(quote, prior)
                    return True
                # "ein Sprecher der Schutzgemeinschaft der Kapitalanleger": the genitive goes on naming it
                # (not the outlet told: "ein Sprecher der Südwestfalen-IT dem WDR")
                more = NAME_GENITIVE.match(text, start + org.end("named"), end)
                name_end = more.end() if more else start + org.end("named")
                quote.speaker = nominative(text[start + org.start("named"):name_end])
                quote.speaker_start, quote.speaker_end = start + org.start("named"), name_end
                return True
            prior = mentions.organisation_before(start + org.start(), org.group(0), self.r.authority_nouns,
                                                 self.r.entities.authorities)
            if prior:
                self._set(quote, prior)
                return True
        # "sagte der Deepmind-Chef": a role in a compound is a person, not the company it names
        # (nor an outlet told, after the speaker's name: "sagte Ito dem Handelsblatt")
        told = (quote.cue or "").split(" ")[0] in self.r.company_cues  # ("teilte Dräger mit": the company tells)
        found = [m if told else mentions.as_person(m, text) for m in mentions.within(start, end)
                 if not (m.kind == "ORG" and (self.r.role_word_re.fullmatch(text[m.start:m.end]) or TOLD_TO.fullmatch(text, start, m.start)))]
        # Pronouns and role nouns: "sagte er", "Er fügte hinzu", "erklärte der Manager".
        pron = re.search(r"(?<!\w)(?P<p>[Ee]r|[Ss]ie)(?!\w)", window)
        role = self.r.role_re.search(window)
        if role and re.match(r"\s+[A-ZÄÖÜ]", window[role.end():]):
            role = None  # "Der Investor Marc Andreessen": a title before a name, no anaphor
        cands: list[tuple[int, object]] = [(m.start, m) for m in found]
        if pron and (first or not found):
            cands.append((start + pron.start(), ("pron", pron.group("p"))))
        apposed_to_role = None
        if role:  # "sagte die Sprecherin des Außenministeriums, Mao Ning, in Peking": the person in apposition
            apposed_to_role = next((m for m in mentions.within(start + role.end(), min(end, start + role.end() + 80))
                                    if m.kind == "PER" and ROLE_APPOSITION.fullmatch(text, start + role.end(), m.start)), None)
        if apposed_to_role is not None:
            cands.append((start + role.start(), apposed_to_role))
        elif role:
            cands.append((start + role.start(), ("role", role.group("art"), role.group("role"))))
        elif first_word and quote.cue and quote.cue.split()[-1].lower() in ("der", "die", "dem", "des") \
                and self.r.role_word_re.fullmatch(first_word.group(1)) \
                and not re.match(r"\s+[A-ZÄÖÜ]", window[first_word.end():]):  # not "der Ökonom Daniel Harwood"
            # "sagte der Manager, …, dem Handelsblatt": the cue holds the article, the role noun speaks
            cands.append((start + first_word.start(1), ("role", quote.cue.split()[-1], first_word.group(1))))
        if not cands:
            # An organisation or unknown name as subject: "Anthropic teilte mit: „…“", or
            # right after the cue: "„…“, teilte ESMC auf Anfrage mit".
            rx = r"\s*(?P<org>[A-ZÄÖÜ][\w&-]+(?:\.[\w&-]+)*(?:\s[A-ZÄÖÜ][\w&-]+(?:\.[\w&-]+)*)?)" + (r"(?!\w)" if first else r"\s*$")
            mm = re.match(rx, window)
            if mm and self.r.role_word_re.fullmatch(mm.group("org")):
                # "sagte der Deepmind-Chef": a role noun points back to the last person
                who = mentions.last_person_before(pronoun_from if pronoun_from is not None else start)
                if who is None:
                    return False
                self._set(quote, who)
                return True
            if mm and mm.group("org") in self.r.org_noun_words:
                # "laut Unternehmen ein „technischer Fehler“": the organisation named before
                prior = mentions.organisation_before(start, mm.group("org"), self.r.authority_nouns,
                                                     self.r.entities.authorities)
                if not prior:
                    return False
                self._set(quote, prior)
                return True
            if guess and mm and mm.group("org").split()[0] not in self.r.not_first and not self.r.common_noun(mm.group("org")):
                quote.speaker = nominative(mm.group("org"))
                quote.speaker_start, quote.speaker_end = start + mm.start("org"), start + mm.end("org")
                return True
            return False
        cands.sort(key=lambda c: c[0])
        # People speak; an organisation is the speaker only when no person is named.
        people = [c for c in cands if not (isinstance(c[1], Mention) and c[1].kind == "ORG")]
        pos, pick = (people or cands)[0]
        if isinstance(pick, Mention):
            self._set(quote, pick)
            return True
        anchor = pronoun_from if pronoun_from is not None else start
        if pick[0] == "pron":
            gender = self.r.cfg["pronouns"].get(pick[1])
            who = mentions.last_person_before(min(anchor, pos), gender)
        else:
            gender = "female" if pick[2].endswith("in") else ("male" if pick[1].lower() in ("der", "des", "dem") else None)
            who = mentions.last_person_before(min(anchor, pos), gender)
        if who is None:
            return False
        self._set(quote, who, text_pos=pos)
        return True

    @staticmethod
    def _set(quote: Quote, m: Mention, text_pos: int | None = None) -> None:
        quote.speaker = m.name
        quote.speaker_start, quote.speaker_end = m.start, m.end




def find_quotes(text: str, rules: QuoteRules, sentences: list[tuple[int, int]], regions=(), entities=None) -> list[Quote]:
    return QuoteFinder(rules).find(text, sentences, regions, entities)


GENITIVE = re.compile(r"(ium|amt|rat|richt|itut|band|zern|team|Team|büro|haus)e?s$")


def nominative(name: str) -> str:
    """An institution's name as it is, not in the genitive the sentence gave it: "ein Sprecher
    des Bundeswirtschaftsministeriums" speaks for the Bundeswirtschaftsministerium, "im
    Blogbeitrag des Qwen-Teams" for the Qwen-Team."""
    return GENITIVE.sub(r"\1", name) if " " not in name else name
