"""What a participle's phrase says a figure is about. Two German constructions set a figure beside
another name than its own; pure, over a document's text and entities:

- a participial apposition, set off by commas after the name it describes: in "DeepMind, 2010 in London
  gegründet und 2014 von Google übernommen, …" the founding is DeepMind's, not Google's, and the figures of
  the main clause after it are DeepMind's too (`apposition`, `in_closed_apposition`);
- a date's attributive participle before a word for a company: in "Microsoft hatte das 1991 gegründete
  Studio im Jahr 2000 gekauft" the founding is the studio's, the one the sentences before were about,
  not the buyer's (`described`)."""
from __future__ import annotations

import re

from quellenlage.textutil import ARTICLE_BEFORE_DATE, date_participle

LIST_COMMAS = 3  # commas of a list an apposition may hold before its participle
REACH = 300  # characters an apposition reaches around a figure (the work stays bounded in a sentence of any length)
# a participle: "gegründet", "übernommen", "finanziert", "verkauft" (not a verb in -te: "gründete")
PARTICIPLE = r"(?:ge[a-zäöüß]{2,}(?:t|en)|[a-zäöüß]{2,}iert|(?:über|unter|ver|be|er|ent|zer|miss|wider)[a-zäöüß]{2,}(?:t|en))"
PARTICIPLE_WORD = re.compile(r"(?<![\w-])" + PARTICIPLE + r"(?![\w-])")
BODY_END = re.compile(r"(?<![\w-])" + PARTICIPLE + r"[ \u00a0]*$")
OPENING_COMMA = re.compile(r"(?<=[A-Za-zÄÖÜäöüß)])[ \u00a0]*,[ \u00a0]+")
CLOSING = re.compile(r",(?=[ \u00a0])|[;:!?()\"„“»«]")
# a clause of its own, no apposition: a relative pronoun, a conjunction or a preposition with an infinitive
# opening it ("…, die 2010 gegründet wurde,", "…, wie erwartet,", "…, um Kosten zu senken,"), a finite verb
# or "zu" in it
NOT_OPENING = re.compile(r"(?:d(?:ie|er|as|en|em|essen|eren)|welche[rsmn]?|wie|wenn|als|dass|weil|da|ob|nachdem|obwohl|"
                         r"während|seit|seitdem|sodass|so|und|oder|aber|doch|jedoch|sondern|zumal|wobei|damit|bis|falls|"
                         r"sofern|um|ohne|statt|anstatt|also|nämlich|etwa|zuletzt|zuvor)(?![\w-])", re.I)
FINITE = re.compile(r"(?<![\w-])(?:hat|haben|hatte|hatten|ist|sind|war|waren|wird|werden|wurde|wurden|soll|sollen|sollte|"
                    r"will|wollen|kann|können|muss|müssen|zu|worden)(?![\w-])")
# a capitalised word opening an apposition: a time's, before a number ("DeepMind, Anfang 2014 von Google übernommen,
# …"); any other, a list's name ("mit OpenAI, Oracle und MGX beteiligt")
TIME_OPENING = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+\.?[ \u00a0]+\d")
# a genitive after a word for a company: "Der einst größte Netzwerkausrüster Nordamerikas, 1895 … gegründet, …"
GENITIVE_TAIL = re.compile(r"(?:[ \u00a0]+[A-ZÄÖÜ][\w-]*s)?[ \u00a0]*")


def apposition(text: str, ss: int, se: int, pos: int) -> tuple[int, int] | None:
    """(opening comma, closing comma) of the participial apposition holding `pos` in the sentence
    `ss`..`se`, or None: a stretch set off by commas, after a word, with no clause of its own and a
    participle last."""
    opening = None
    for opening in OPENING_COMMA.finditer(text, max(ss, pos - REACH), pos):
        pass
    if opening is None or CLOSING.search(text, opening.end(), pos):
        return None
    closing = CLOSING.search(text, pos, min(se, pos + REACH))
    for _ in range(LIST_COMMAS + 1):
        if closing is None or closing.group(0) != ",":
            return None
        body = text[opening.end():closing.start()]
        if NOT_OPENING.match(body) or FINITE.search(body) or body[:1].isupper() and not TIME_OPENING.match(body):
            return None
        if BODY_END.search(body):
            return opening.start(), closing.start()
        # a list inside it, its participle after the last item: "Infarm, 2013 in Kreuzberg von Osnat Michaeli,
        # ihrem Mann Erez Galonska und dessen Bruder Guy gegründet, hat …"
        if NOT_OPENING.match(text, closing.end() + 1) or text[closing.end() + 1:closing.end() + 2].isupper():
            return None
        closing = CLOSING.search(text, closing.end(), min(se, pos + REACH))
    return None


def apposed_participle(text: str, ss: int, se: int, pos: int) -> tuple[int, int] | None:
    """(start, end) of the participle that closes the participial apposition holding `pos`, or None:
    what a date inside it is ("Infarm, 2013 in Kreuzberg … gegründet, …": the founding year)."""
    span = apposition(text, ss, se, pos)
    # (the first after it: "2010 in London gegründet und 2014 von Google übernommen")
    m = PARTICIPLE_WORD.search(text, pos, span[1]) if span is not None else None
    return m.span() if m else None


def in_closed_apposition(text: str, ss: int, se: int, pos: int, fig_start: int) -> bool:
    """Is `pos` in a participial apposition that closes before `fig_start` ("Yammer, 2012 von Microsoft
    übernommen, zählt fünf Millionen Nutzer": Microsoft is no candidate for the users)?"""
    span = apposition(text, ss, se, pos)
    return span is not None and span[1] < fig_start


def described(view, fig: dict, types: tuple[str, ...], sentence: tuple[int, int], usable: list, anaphors: dict,
              resolve) -> str | None:
    """The subject a participle's phrase gives `fig`, or None. In an apposition, the name (or the word
    for a company) right before its opening comma; in a date's attributive participle before a word for a
    company, what that word stands for (`resolve`: the subject finder's anaphor resolver), looked for
    before the sentence."""
    text, (ss, se) = view.text, sentence
    span = apposition(text, ss, se, fig["start"])
    if span is not None:
        head = span[0]
        named = [e for e in usable if e.type in types and ss <= e.start and e.end <= head and not text[e.end:head].strip()]
        if named:
            return named[-1].name
        for typ in types:
            rx = anaphors.get(typ)
            last = None
            for last in (rx.finditer(text, max(ss, head - REACH), head) if rx else ()):
                pass
            if last is not None and GENITIVE_TAIL.fullmatch(text, last.end(), head):
                found = resolve(view, typ, [e for e in usable if e.end <= ss], ss, last.group(0))
                if found:
                    return found
        return None
    participle = date_participle(text, fig)
    if participle is None:
        return None
    article = ARTICLE_BEFORE_DATE.search(text, max(0, fig["start"] - 8), fig["start"])
    # (the article with the noun after the participle: "das 1847 in Berlin gegründete Unternehmen")
    after = text[participle.end("w"):participle.end("w") + 80]
    phrase = article.group(0) + after.lstrip(" \u00a0")
    for typ in types:
        rx = anaphors.get(typ)
        m = rx.match(phrase) if rx else None
        if m is None or m.end() <= len(article.group(0)):
            continue
        end = participle.end("w") + len(after) - len(after.lstrip(" \u00a0")) + m.end() - len(article.group(0))
        named = next((e.name for e in usable if e.type == typ and e.start > end and not text[end:e.start].strip()), None)
        if named:
            return named  # "das 2017 gegründete Innsbrucker Unternehmen Alpine Quantum Technologies"
        found = resolve(view, typ, [e for e in usable if e.end <= article.start()], ss, text[article.start():end], article.start())
        if found:
            return found
    return None
