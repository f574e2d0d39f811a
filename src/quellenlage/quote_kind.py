"""Statement or term: how a quotation is classified before its speaker is looked for
(quotes.py), and the text helpers both steps share (the quote's sentence, clause, headline).
Pure: text, sentence bounds and mentions in, a kind out."""
from __future__ import annotations

import re
from bisect import bisect_right
from operator import itemgetter

from quellenlage.quotations import Quotation
from quellenlage.quote_rules import Mentions, QuoteRules

WINDOW = 600  # characters either side of a quote where its speaker and cue are looked for

SPEAKS_OF = re.compile(r"(?<!\w)(?:(?:sprach|spricht|sprachen|sprechen|redete|redet)\s+(?:[\w-]+\s+){0,3}?vo[nm]|(?:warnte|warnt|warnten|warnen)\s+(?:[\w-]+\s+){0,3}?vor)\s+(?:\w+\s+){0,2}$")
SPOKEN_NAME = "spoken_name"  # a noun someone "spricht von": a statement when the speaker is named
REPORTED_NAME = "reported_name"  # a single noun in reported speech: a statement when a person speaks


class QuoteKinds:
    """Statement or term (mixed into quotes.QuoteFinder, which holds the rules as `r`)."""
    r: QuoteRules

    # --- statement or term -------------------------------------------------------------
    def _kind(self, text: str, q: Quotation, all_q: list[Quotation]) -> tuple[str, bool]:
        """(kind, certain). An uncertain term becomes a statement when a cue attributes it."""
        inner = text[q.start:q.end].strip()
        words = re.findall(r"\w+", inner)
        after = text[q.close_at + 1:q.close_at + 2]
        before = text[max(0, q.open_at - 40):q.open_at]
        ends_sentence = bool(re.search(r"[.!?…]$", inner))
        if after == "-" or (q.depth > 0 and len(words) <= 4):
            return "term", True   # „Acqui-Hiring“-Strategie, a name inside a statement
        if any(w.lower() in self.r.first_person for w in words):
            return "statement", True  # "Wir liegen voll im Zeitplan"
        if is_headline(text, q):
            return "statement", True  # a quote as a headline: 'Haseloff: "Ein schwarzer Tag"'
        last_word = re.findall(r"[\w-]+", before)[-1:] if before.strip() else []
        if last_word and self._term_word(last_word[0]) and (len(words) <= 2 or inner[:1].isupper()):
            return "term", True   # Podcast „Decoder“, Codenamen „chocolate“, namens »Colossus«, Datenschutzprogramm „Project Clover“
        is_name = not ends_sentence and 2 <= len(words) <= 4 and all(w[0].isupper() or w[0].isdigit() for w in words)
        if not is_name and self.r.reported_re.search(clause_text(text, q)):
            # (a name of several capitalised words stays a name in reported speech: "vor dem
            # Start von "Project Clover"")
            # "die Nachfrage sei „unglaublich“": reported speech; a single noun ("sei ein
            # „Wrapper“") only when a person is named in the sentence.
            return (REPORTED_NAME, False) if len(inner.split()) == 1 and inner[:1].isupper() else ("statement", True)
        if not ends_sentence and len(words) <= 4 and all(w[0].isupper() or w[0].isdigit() for w in words):
            # „Stargate“, »Le Chat«, „MAI“: a name, unless a cue follows right after it
            # („Wrapper“, so Nadella), or someone named speaks it ("Tan sprach von einem
            # „Meilenstein“"): German capitalises every noun.
            if self._cue_right_after(text, q):
                return "statement", True
            if SPEAKS_OF.search(before):
                return SPOKEN_NAME, False  # "sprach von einem „Meilenstein“" ("nennt das «Galaxy AI»" names)
            return "term", True
        last_word = re.findall(r"[\w-]+", before)[-1:] if before.strip() else []
        if last_word and last_word[0] in self.r.cfg["term_before"] and (len(words) <= 2 or inner[:1].isupper()):
            return "term", True   # Podcast „Decoder“, Codenamen „chocolate“
        if len(words) >= 8 or ends_sentence:
            return "statement", True
        if len(words) >= 4:
            # A clause-long fragment is someone's words, unless nothing in the sentence or the
            # paragraph attributes it (then it is a phrase in quotes, a term).
            return "statement", False
        if inner[:1].islower():
            # „historisch“, „fantastischen Partner“, „hochgradig befangen“: an evaluation in
            # someone's words, when a cue or speaker stands beside it; a coined name is a noun.
            return "statement", False
        if self.r.speaking_before_re.search(before):
            # "spricht von einem „Schattenkraftwerk“" names a thing; "Neri spricht von einer
            # „KI-nativen“ Architektur" quotes a named speaker's word for the noun after it
            if re.match(r"\s+[A-ZÄÖÜ][a-zäöüß]", text[q.close_at + 1:q.close_at + 4]):
                return SPOKEN_NAME, False
            if len(words) >= 2 and any(w in self.r.cfg.get("phrase_words", ()) for w in words):
                # "Parekh sprach von «Zurückhaltung bei Ermessensausgaben»": a phrase, not a coined
                # name, in the words of whoever is named speaking
                return SPOKEN_NAME, False
            return "term", True
        return "term", False

    def _term_word(self, word: str) -> bool:
        """A word after which a quote is a name: one of `term_before`, or a compound ending in
        a noun of them ("Datenschutzprogramm", "KI-Projekt")."""
        if word in self.r.cfg["term_before"]:
            return True
        low = word.lower()
        return any(len(t) >= 5 and t[:1].isupper() and low.endswith(t.lower()) and len(low) > len(t)
                   for t in self.r.cfg["term_before"])

    def _cue_right_after(self, text: str, q: Quotation) -> bool:
        return bool(self.r.cue_after_comma_re.match(text[q.close_at + 1:q.close_at + 40]))

    def _attributed(self, text: str, q: Quotation, sentences, mentions: Mentions) -> bool:
        """A short quote is a statement when a cue attributes it: „wichtiger denn je“, so X."""
        s, e = sentence_of(sentences, q.open_at, len(text))
        after = text[q.close_at + 1:min(e, q.close_at + 60)]
        if self.r.cue_after_re.match(after):
            return True
        before = text[s:q.open_at]
        if self.r.attribution_re.search(before):
            return True
        if self.r.speaking_before_re.search(before):
            # "sprach vom „klügsten KI-Modell der Welt“", "nannte sie „historisch“" quote words;
            # "spricht von einem „Schattenkraftwerk“" names a thing.
            inner = text[q.start:q.end].strip()
            return len(re.findall(r"\w+", inner)) >= 4 or inner[:1].islower()
        if self.r.reported_re.search(text, s, e):
            return True  # "der Bedarf wachse, beide Bereiche „exponentiell“": reported speech
        if (self.r.cue_re.search(text, s, e) or self.r.speaking_re.search(text, s, e)) and mentions.within(s, e):
            return True  # "Klein hatte von einem «grossartigen» Quartal gesprochen"
        # Indirect speech with a partial quote: "schrieb auf X, Softbank habe „well under $10B“".
        cue = None
        for cue in self.r.cue_re.finditer(before):
            pass
        return cue is not None and "," in before[cue.end():] and cue.group("cue") not in self.r.cfg["term_speaking"]


TICKER = re.compile(r"^\s*(?:\+{3}\s*)?(?:\d{1,2}[:.]\d{2}\s*(?:Uhr)?\s*(?:\+{3}|[–—-])?\s*)?")
AFTER_QUOTE = re.compile(r"[^ +]")  # the first character after a quote that is no space or ticker mark
SPEAKER_PREFIX = r"([A-ZÄÖÜ][\w-]+(?: [A-ZÄÖÜ][\w-]+)?):"


def is_headline(text: str, q: Quotation) -> bool:
    """The quote is a line of its own, maybe after "Name:"."""
    after = AFTER_QUOTE.search(text, q.close_at + 1)
    if after is not None and after.group(0) != "\n":
        return False  # more on its line (found where it starts: a line of many quotes is read once, not once per quote)
    line_start = text.rfind("\n", 0, q.open_at) + 1
    before = TICKER.sub("", text[line_start:q.open_at]).strip()
    # 'Haseloff: "Ein schwarzer Tag"', '+++ 19:45 Uhr Altman: Börsengang ist „der wahrscheinlichste Weg“ +++'
    return not before or re.fullmatch(SPEAKER_PREFIX + r"(?:\s+\S+){0,6}", before) is not None


def is_adverb_cue(c: re.Match, before: str) -> bool:
    """ "so" before a quote is an adverb ("so: …" aside), not an attribution."""
    return c.group("cue") == "so" and not before[c.end():].strip().startswith(":")


def clause_text(text: str, q: Quotation) -> str:
    lo, hi = max(0, q.open_at - WINDOW), min(len(text), q.close_at + 1 + WINDOW)
    start = max(max(text.rfind(ch, lo, q.open_at) for ch in ",;:.!?\n"), lo - 1)
    ends = [i for i in (text.find(ch, q.close_at + 1, hi) for ch in ",;:.!?\n") if i >= 0]
    return text[start + 1:q.open_at] + " " + text[q.close_at + 1:min(ends) if ends else hi]


def sentence_of(sentences: list[tuple[int, int]], pos: int, n: int) -> tuple[int, int]:
    """The sentence around `pos`, at most WINDOW characters either side of it (a quote's
    speaker and cue stand near it; a run-on "sentence" of many quotes stays linear)."""
    i = bisect_right(sentences, pos, key=itemgetter(0)) - 1
    s, e = sentences[i] if i >= 0 and sentences[i][0] <= pos < sentences[i][1] else (0, n)
    return max(s, pos - WINDOW), min(e, pos + WINDOW)


def extend_to_sentence_end(text: str, pos: int) -> int:
    m = re.search(r"[.!?](?=\s|$)|\n", text[pos:pos + 300])
    return pos + (m.end() if m else min(300, len(text) - pos))
