"""A guard around spaCy's tokenizer for runs of text without spaces.

spaCy's tokenizer splits prefixes and suffixes off a whitespace-free chunk one at a time,
slicing the rest anew each time: a chunk of n characters costs O(n²) (76 KB of quotation marks
do not finish). Real articles have such chunks too: a URL list pasted without spaces, a line of
dashes, a Base64 blob. Chunks longer than `LONG` characters are cut into pieces of `PIECE`
characters here; everything else goes to spaCy's tokenizer unchanged, and the Doc's text is
exactly the input (offsets are sacred).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

LONG = 300
PIECE = 32
LONG_RUN = re.compile(r"(?<!\S)\S{%d,}" % LONG)  # = \S{LONG,}: a match starts a run; tried only there


class GuardedTokenizer:
    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        if not LONG_RUN.search(text):
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in LONG_RUN.finditer(text):
            self._tokenize(text[pos:m.start()], words, spaces)
            run = m.group(0)
            for k in range(0, len(run), PIECE):
                words.append(run[k:k + PIECE])
                spaces.append(False)
            pos = m.end()
            if pos < len(text) and text[pos] == " " and words:
                spaces[-1] = True  # one space after the run belongs to its last piece
                pos += 1
        self._tokenize(text[pos:], words, spaces)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        return doc if doc.text == text else self.tokenizer(text)

    def _tokenize(self, part: str, words: list[str], spaces: list[bool]) -> None:
        if not part:
            return
        if part.isspace():
            if words and not spaces[-1] and part == " ":
                spaces[-1] = True
            else:
                words.append(part)
                spaces.append(False)
            return
        for t in self.tokenizer(part):
            words.append(t.text)
            spaces.append(bool(t.whitespace_))

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # Serialisation goes to the wrapped tokenizer (nlp.to_disk / from_disk / pickling).
    def to_bytes(self, **kwargs):
        return self.tokenizer.to_bytes(**kwargs)

    def from_bytes(self, data, **kwargs):
        self.tokenizer.from_bytes(data, **kwargs)
        return self

    def to_disk(self, path, **kwargs):
        return self.tokenizer.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs):
        self.tokenizer.from_disk(path, **kwargs)
        return self
