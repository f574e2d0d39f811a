"""Regular expressions that can backtrack catastrophically, found on the parsed pattern.

Two shapes make a failing match take exponential time, and both are looked for in every
unbounded repeat (`*`, `+`, `{n,}`, lazy or not):

- nested repeats: the repeated part contains another unbounded repeat, and nothing the part
  must match tells one repetition from the next (`(a+)+`, `(\\w+\\s?)*`, `(x\\w+)+`). A required
  character the inner repeat cannot match (`(?:\\s\\w+)+`, `(?:\\.\\d+)+`) fixes where each
  repetition starts, so that shape passes;
- overlapping alternatives: two alternatives of the repeated part can match the same text
  (`(a|a)*`, `(?:ab|a\\w)+`), so every repetition can be taken two ways.

The check is deliberately conservative: bounded repeats (`{0,80}`), possessive repeats and
atomic groups pass, and character sets are compared over a sample of characters (ASCII,
German letters, typographic marks and spaces)."""
from __future__ import annotations

import re
from functools import lru_cache

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

UNIVERSE = frozenset("".join(map(chr, range(32, 127))) + "\t\n\r\x0b\x0c"
                     + "äöüÄÖÜßéèáàçñ€£¥₹„“”‚‘’«»‹›–—…\u00a0\u202f°²·")
REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)
CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
              C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
AT = {C.AT_BEGINNING: "^", C.AT_BEGINNING_STRING: r"\A", C.AT_END: "$", C.AT_END_STRING: r"\Z",
      C.AT_BOUNDARY: r"\b", C.AT_NON_BOUNDARY: r"\B"}


@lru_cache(maxsize=None)
def _category(cat) -> frozenset[str]:
    rx = re.compile(CATEGORIES.get(cat, r"[^\s\S]"))
    return frozenset(c for c in UNIVERSE if rx.fullmatch(c))


def _cased(chars: set[str], flags: int) -> frozenset[str]:
    if flags & re.IGNORECASE:
        chars = chars | {c.swapcase() for c in chars}
    return frozenset(chars) & UNIVERSE


def _one_char(op, av, flags: int) -> frozenset[str] | None:
    """The characters a one-character item matches (None: not a one-character item)."""
    if op is C.LITERAL:
        return _cased({chr(av)}, flags)
    if op is C.NOT_LITERAL:
        return UNIVERSE - _cased({chr(av)}, flags)
    if op is C.ANY:
        return UNIVERSE if flags & re.DOTALL else UNIVERSE - {"\n"}
    if op is C.IN:
        chars: set[str] = set()
        negate = False
        for iop, iav in av:
            if iop is C.NEGATE:
                negate = True
            elif iop is C.LITERAL:
                chars.add(chr(iav))
            elif iop is C.RANGE:
                chars |= {c for c in UNIVERSE if iav[0] <= ord(c) <= iav[1]}
            elif iop is C.CATEGORY:
                chars |= _category(iav)
        found = _cased(chars, flags)
        return UNIVERSE - found if negate else found
    return None


def _sub(op, av, flags: int):
    """(sub-sequences, flags) an item contains, for walking; lookarounds included."""
    if op is C.SUBPATTERN:
        return [av[3]], (flags | av[1]) & ~av[2]
    if op in REPEATS or op is getattr(C, "POSSESSIVE_REPEAT", None):
        return [av[2]], flags
    if op is C.BRANCH:
        return list(av[1]), flags
    if op is getattr(C, "ATOMIC_GROUP", None):
        return [av], flags
    if op in (C.ASSERT, C.ASSERT_NOT):
        return [av[1]], flags
    if op is C.GROUPREF_EXISTS:
        return [s for s in av[1:] if s is not None], flags
    return [], flags


def chars(seq, flags: int) -> frozenset[str]:
    """Every character some part of `seq` can match (lookarounds left out)."""
    out: set[str] = set()
    for op, av in seq:
        one = _one_char(op, av, flags)
        if one is not None:
            out |= one
        elif op is C.GROUPREF:
            return UNIVERSE
        elif op not in (C.ASSERT, C.ASSERT_NOT):
            subs, f = _sub(op, av, flags)
            for s in subs:
                out |= chars(s, f)
    return frozenset(out)


def nullable(seq, flags: int = 0) -> bool:
    return all(_nullable_item(op, av, flags) for op, av in seq)


def _nullable_item(op, av, flags: int) -> bool:
    if _one_char(op, av, flags) is not None:
        return False
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT, C.GROUPREF):
        return True
    if op in REPEATS or op is getattr(C, "POSSESSIVE_REPEAT", None):
        return av[0] == 0 or nullable(av[2], flags)
    if op is C.BRANCH:
        return any(nullable(b, flags) for b in av[1])
    subs, f = _sub(op, av, flags)
    return all(nullable(s, f) for s in subs)


def first(seq, flags: int) -> frozenset[str]:
    """The characters a match of `seq` can start with."""
    out: set[str] = set()
    for op, av in seq:
        one = _one_char(op, av, flags)
        if one is not None:
            return frozenset(out | one)
        if op not in (C.AT, C.ASSERT, C.ASSERT_NOT):
            subs, f = _sub(op, av, flags)
            for s in subs:
                out |= first(s, f)
        if not _nullable_item(op, av, flags):
            break
    return frozenset(out)


def _unbounded(op, av) -> bool:
    return op in REPEATS and av[1] == C.MAXREPEAT


def _top(seq, flags: int):
    """The items of a repeated part, through a single group around all of it."""
    while len(seq) == 1 and seq[0][0] is C.SUBPATTERN:
        av = seq[0][1]
        seq, flags = av[3], (flags | av[1]) & ~av[2]
    return list(seq), flags


def _inner(seq, flags: int, repeats: list, branches: list) -> None:
    """Unbounded repeats and alternations inside a repeated part (not inside the inner repeats,
    which are checked on their own; atomic groups and possessive repeats never backtrack)."""
    for op, av in seq:
        if _unbounded(op, av):
            repeats.append(((op, av), flags))
            continue
        if op is getattr(C, "ATOMIC_GROUP", None) or op is getattr(C, "POSSESSIVE_REPEAT", None):
            continue
        if op is C.BRANCH:
            branches.append((av[1], flags))
        subs, f = _sub(op, av, flags)
        for s in subs:
            _inner(s, f, repeats, branches)


def _check(op, av, flags: int) -> str | None:
    body = av[2]
    repeats: list = []
    branches: list = []
    _inner(body, flags, repeats, branches)
    top, tflags = _top(body, flags)
    outer = show([(op, av)])
    for (iop, iav), iflags in repeats:
        inner = chars(iav[2], iflags)
        if not inner:
            continue
        separated = any(not _nullable_item(t, tav, tflags) and not (chars([(t, tav)], tflags) & inner)
                        for t, tav in top)
        if not separated:
            return (f"in '{outer}' the repeated part contains the unbounded repeat '{show([(iop, iav)])}' and nothing "
                    "it must match marks where one repetition ends and the next begins, so a failing match tries "
                    "exponentially many ways to split the text (like (a+)+); start each repetition with a character "
                    r"the inner repeat cannot match (e.g. (?:\s\w+)+), or bound a repeat ({1,40})")
    for alternatives, bflags in branches:
        for i, a in enumerate(alternatives):
            for b in alternatives[i + 1:]:
                if (nullable(a, bflags) and nullable(b, bflags)) or (first(a, bflags) & first(b, bflags)):
                    return (f"in '{outer}' the alternatives '{show(a) or '(empty)'}' and '{show(b) or '(empty)'}' can "
                            "match the same text, so every repetition can be taken two ways and a failing match "
                            "tries exponentially many (like (a|a)*); make the alternatives start differently")
    return None


def _walk(seq, flags: int) -> str | None:
    for op, av in seq:
        if _unbounded(op, av):
            found = _check(op, av, flags)
            if found:
                return found
        subs, f = _sub(op, av, flags)
        for s in subs:
            found = _walk(s, f)
            if found:
                return found
    return None


@lru_cache(maxsize=4096)
def catastrophic(pattern: str, flags: int = 0) -> str | None:
    """What makes `pattern` backtrack catastrophically, or None. The pattern must compile."""
    parsed = P.parse(pattern, flags)
    return _walk(parsed.data, parsed.state.flags)


# --- back to text, for the messages ---------------------------------------------------------

def _quant(lo: int, hi: int) -> str:
    if hi == C.MAXREPEAT:
        return {0: "*", 1: "+"}.get(lo, f"{{{lo},}}")
    if lo == 0 and hi == 1:
        return "?"
    return f"{{{lo}}}" if lo == hi else f"{{{lo},{hi}}}"


def _show_set(av) -> str:
    if len(av) == 1 and av[0][0] is C.CATEGORY:
        return CATEGORIES.get(av[0][1], "?")
    parts = []
    for op, x in av:
        if op is C.NEGATE:
            parts.append("^")
        elif op is C.LITERAL:
            parts.append(re.escape(chr(x)) if chr(x) in "]\\^-" else chr(x))
        elif op is C.RANGE:
            parts.append(f"{chr(x[0])}-{chr(x[1])}")
        elif op is C.CATEGORY:
            parts.append(CATEGORIES.get(x, "?"))
    return "[" + "".join(parts) + "]"


def show(seq) -> str:
    out = []
    for op, av in seq:
        if op is C.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is C.NOT_LITERAL:
            out.append(f"[^{re.escape(chr(av))}]")
        elif op is C.ANY:
            out.append(".")
        elif op is C.IN:
            out.append(_show_set(av))
        elif op is C.AT:
            out.append(AT.get(av, ""))
        elif op is C.SUBPATTERN:
            out.append(("(?:" if av[0] is None else "(") + show(av[3]) + ")")
        elif op is C.BRANCH:
            out.append("(?:" + "|".join(show(b) for b in av[1]) + ")")
        elif op in REPEATS or op is getattr(C, "POSSESSIVE_REPEAT", None):
            body = show(av[2])
            single = len(av[2]) == 1 and av[2][0][0] in (C.LITERAL, C.ANY, C.IN, C.SUBPATTERN, C.NOT_LITERAL)
            out.append((body if single else f"(?:{body})") + _quant(av[0], av[1])
                       + ("?" if op is C.MIN_REPEAT else "+" if op not in REPEATS else ""))
        elif op in (C.ASSERT, C.ASSERT_NOT):
            look = ("(?=" if av[0] == 1 else "(?<=") if op is C.ASSERT else ("(?!" if av[0] == 1 else "(?<!")
            out.append(look + show(av[1]) + ")")
        elif op is C.GROUPREF:
            out.append(f"\\{av}")
        else:
            out.append("…")
    return "".join(out)
