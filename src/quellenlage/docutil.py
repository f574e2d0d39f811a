"""A spaCy Doc's token offsets and sentences, read once from its arrays: what the components
and the row building ask of a Doc many times (`Doc.char_span`, `Doc.sents`, `Span.sent`),
answered by bisection over plain lists instead of a new Token or Span object per question.

The answers are spaCy's own: a Doc's tokens tile its text (each token's characters and
its trailing space, then the next token), so the token a character belongs to is the last
one starting at or before it. Where a Doc carries hooks that change `sents` or `sent`, or
has no sentence boundaries, the methods leave the work to spaCy.
"""
from __future__ import annotations

import bisect
from functools import cached_property

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START, SPACY
from spacy.tokens import Doc, Span

class DocIndex:
    """A Doc's token offsets and sentence starts, read once (`to_array`) for bisection.
    `DocIndex.of(doc)` keeps the index of the Doc the components are working on: its tokens
    never change after tokenizing, and its sentence starts only in the sentences component,
    which calls `forget` after writing them."""

    _last: "tuple[Doc, DocIndex] | None" = None

    @classmethod
    def of(cls, doc: Doc) -> "DocIndex":
        last = cls._last
        if last is not None and last[0] is doc and len(last[1].starts) == len(doc):
            return last[1]
        index = cls(doc)
        cls._last = (doc, index)
        return index

    @classmethod
    def forget(cls, doc: Doc) -> None:
        if cls._last is not None and cls._last[0] is doc:
            cls._last = None

    def __init__(self, doc: Doc):
        self.doc = doc
        if len(doc):
            cols = doc.to_array([IDX, LENGTH, SPACY, SENT_START]).T.astype("int64")  # -1 (not a start) stays -1
            ends = cols[0] + cols[1]
            self.starts, self.ends = cols[0].tolist(), ends.tolist()
            self.n_chars = int(ends[-1] + cols[2][-1])
            self.sent_starts = numpy.flatnonzero(cols[3] == 1).tolist()
        else:
            self.starts, self.ends, self.n_chars, self.sent_starts = [], [], 0, []

    @cached_property
    def plain_sents(self) -> bool:
        """Are `doc.sents` the spans between the tokens marked as sentence starts?"""
        return bool(self.starts) and "sents" not in self.doc.user_hooks and self.doc.has_annotation("SENT_START")

    @cached_property
    def plain_sent(self) -> bool:
        return self.plain_sents and "sent" not in self.doc.user_span_hooks

    def token_at(self, char: int) -> int:
        """The token whose characters or trailing space hold `char` (-1: none)."""
        if char < 0 or char >= self.n_chars:
            return -1
        return bisect.bisect_right(self.starts, char) - 1

    def expand(self, start: int, end: int) -> tuple[int, int] | None:
        """Token bounds of `doc.char_span(start, end, alignment_mode="expand")` (None: no span)."""
        first, last = self.token_at(start), self.token_at(end - 1)
        if first < 0 or last < 0:
            return None
        if start == self.ends[first]:
            first += 1  # the trailing space of a token is no part of it
        return first, last + 1

    def span(self, start: int, end: int, label: str, span_id: str) -> Span | None:
        """`Span(doc, s, e, label=label, span_id=span_id)` over the tokens `expand` gives."""
        bounds = self.expand(start, end)
        if bounds is None:
            return None
        return Span(self.doc, bounds[0], bounds[1], label=label, span_id=span_id)

    def sentences(self) -> list[tuple[int, int]]:
        """(start_char, end_char) of every sentence of `doc.sents`."""
        if not self.plain_sents:
            return [(s.start_char, s.end_char) for s in self.doc.sents]
        cuts = [k for k in self.sent_starts if k > 0] + [len(self.starts)]
        out, first = [], 0
        for cut in cuts:
            if cut > first:
                out.append((self.starts[first], self.ends[cut - 1]))
            first = cut
        return out

    def sentence_of(self, token: int) -> tuple[int, int] | None:
        """(start_char, end_char) of `span.sent` for a span whose first token is `token`
        (None: ask spaCy)."""
        if not self.plain_sent or not 0 <= token < len(self.starts):
            return None
        k = bisect.bisect_right(self.sent_starts, token) - 1
        first = self.sent_starts[k] if k >= 0 else 0
        after = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.starts)
        if after <= token:
            after = len(self.starts)
        return self.starts[first], self.ends[after - 1]
