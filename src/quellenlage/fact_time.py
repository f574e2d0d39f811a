"""Splitting one comparison group of claims by time, before values are compared (facts.py):
figures per period by their period's calendar extent, figures at a point in time by their
stated date (joined by sources published then) or into windows of the property's
`window_days`, lasting ones not at all. Rows only."""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from quellenlage.conflicts import date_interval
from quellenlage.normalize.periods import CALENDAR, extent

ROUND = "series_"  # segments that name a financing round ("Serie D"): the event, not a part (fact_time)


def comparison_segment(segment: str | None) -> str:
    """The segment as the comparison key holds it: a round's letter names which event, like
    a date, and is told apart by time (fact_time), so "Serie D" meets a round no source lettered."""
    return "" if not segment or segment.startswith(ROUND) else segment


def time_buckets(members: list[dict], time: str, window: int | None) -> list[list[dict]]:
    """Split one comparison group by time (see the module's docstring). With a property's
    `news_window`, dates told as news (the iPhone 16's event in 2024's reports, the iPhone 17's in
    2025's) go by when they were told; dates recalled ("kam im März 2017") only meet each other."""
    news = members[0].get("_news_window") if members else None
    if not news:
        return _by_time(members, time, window)
    is_news = [_is_news(c, news) for c in members]
    rest = [c for c, n in zip(members, is_news) if not n]
    return windows([c for c, n in zip(members, is_news) if n], news, published=True) + (_by_time(rest, time, window) if rest else [])


def _by_time(members: list[dict], time: str, window: int | None) -> list[list[dict]]:
    if time == "event":
        events = [part for g in _events(members, window or EVENT_NEAR) for part in _by_round(g)]
        revised = members[0].get("_revised_after") if members else None
        if revised is not None:  # "first 6 Mio. records, a week later 5,7 Mio. customers": a revised count
            stated = bool(members[0].get("_revised_when_told"))  # ("Im Januar 2024 hatte SAP rund 8.000 angekündigt")
            events = [w for g in events for w in windows(g, revised, published=True, stated=stated)]
        return events
    stated = _stated_fiscal(members)
    if time == "static" and members and (members[0].get("aspect") or "actual") != "actual":
        # a lasting quantity's estimate is revised as time goes by ("mit rund 6 Mrd. veranschlagt" in 2023,
        # "10,6 Mrd." at the signing in December 2024): compared only with estimates of the same months
        by_time: dict[str, list[dict]] = defaultdict(list)
        for c in members:
            by_time[_period_key(c, stated)].append(c)
        return [w for k in sorted(by_time) for w in windows(by_time[k], ESTIMATE_NEAR, published=True)]
    if time == "static" or not window:
        by_period: dict[str, list[dict]] = defaultdict(list)
        for c in members:
            by_period[_period_key(c, stated)].append(c)
        return [by_period[k] for k in sorted(by_period)]
    if time == "flow":
        known: dict[str, list[dict]] = defaultdict(list)
        unknown = []
        for c in members:
            (known[_period_key(c, stated)] if _period_key(c, stated) else unknown).append(c)
        # Without a period a figure per period is compared only with others without one,
        # published within the window: a quarter named in one source is never guessed for another.
        if members and (members[0].get("aspect") or "actual") != "actual":
            # An outlook or estimate changes as time goes by: compared only with those of the
            # same time; without its period (a plant's whole investment: "will dort 4,5 Mrd.
            # investieren") only with others without one, told within days of it.
            # (an outlook of before, "Ursprünglich hatte das Management … angepeilt", only with others of before)
            return [w for k in sorted(known) for old in (False, True)
                    for w in windows([c for c in known[k] if bool(c.get("past")) == old], window, published=True)] \
                + windows([c for c in unknown if not c.get("past")], UNDATED_PLAN_NEAR, published=True)
        past = [c for c in unknown if c.get("past")]  # "damals kletterte der Kurs um 3,5 %": an earlier, unsaid time
        return [known[k] for k in sorted(known)] + windows([c for c in unknown if not c.get("past")], window) + windows(past, window)
    # At a point in time: a stated date ("Ende September") is compared with the same date, and
    # with figures of sources published within it (or a week after); the rest in windows of
    # publication dates.
    # (a stock is at the end of the period it names: "Ende März" and "per 31. März" are one time)
    dated: dict[str, list[dict]] = defaultdict(list)
    undated = []
    for c in members:
        (dated[str(c["period_end"])] if c.get("period_end") else undated).append(c)
    rest = []
    for c in undated:
        day = c.get("_day")
        within = [k for k, cs in dated.items() if day is not None and not c.get("past")
                  # (a stock stated for a year is its value at the year's end: a source published early in
                  # that year tells an earlier one, "158.000" in February against "120.000" for the fiscal year)
                  and max(cs[0]["period_start"].toordinal(), cs[0]["period_end"].toordinal() - max(window, QUARTER)) <= day
                  <= cs[0]["period_end"].toordinal() + _allowance(window)]
        if within:
            dated[max(within)].append(c)
        else:
            rest.append(c)
    # "ursprünglich 100.000": an earlier, unsaid time, met only by others of sources published near it
    # (SAP's "47.000" of a 2010 report is not the "111.000" of one of 2023)
    past = [c for c in rest if c.get("past")]
    rest = [c for c in rest if not c.get("past")]
    return [dated[k] for k in sorted(dated)] + windows(rest, window) + windows(past, window)


def _is_news(c: dict, days: int) -> bool:
    """Is the claim's date within `days` of its source's publication (before or after)?"""
    span = date_interval(c.get("date_value") or "")
    return span is not None and c.get("_day") is not None and span.low - days <= c["_day"] <= span.high + days


def _allowance(window: int) -> int:
    """Days after a stated date within which an undated figure of a later source is read as
    of that date: a week for slow quantities, none for a price (a window of one day)."""
    return min(7, window - 1)


QUARTER = 92  # days: a stock stated for a longer period is read at the period's end, a shorter one throughout
EVENT_NEAR = 30  # days: an undated event in a source published this near a dated one may be it
UNDATED_PLAN_NEAR = 3  # days: plans without a period ("will 4,5 Mrd. investieren") told this near are one news
ESTIMATE_NEAR = 180  # days: estimates of a lasting quantity published this near are of one time


FINE_SPAN = dt.timedelta(days=31)  # a claim dated to a month or closer dates an event; a quarter or year only its time
DAY_SLACK = dt.timedelta(days=7)  # an event dated to a day is the same as one dated days apart


def _padded(c: dict) -> tuple:
    """A claim's dates for telling events apart: a day or week widened by `DAY_SLACK` on both
    sides (the day of the news in one source, of the hacker's post in another: "am 20. Mai",
    "am Dienstag"), a month or longer as it is."""
    start, stop = c["period_start"], c["period_end"]
    if (stop - start) <= DAY_SLACK:
        return start - DAY_SLACK, stop + DAY_SLACK
    return start, stop


def _events(members: list[dict], near: int = EVENT_NEAR) -> list[list[dict]]:
    """Events (a funding round, an investment, a deal): claims whose stated dates overlap are
    about the same event. A claim without a date is news of its source's time: it joins the
    dated event that was not over `near` days before its publication (the latest, if several), never one
    long before it ("600 Mio. eingesammelt" in June 2025 is no round of July 2024); undated
    claims of other times are compared among themselves by publication date. A dated event
    ahead of the source (a plan "bis 2026") is news of its time too. A claim with
    no publication date either joins the one dated event there is."""
    dated = sorted((c for c in members if c.get("period_start")), key=lambda c: (c["period_start"], c["claim_id"]))
    # Events dated to a month or closer first; a claim dated more coarsely (a year) joins the one
    # such event inside its time, never bridges two ("2023" is not what makes a fine of January and
    # one of May one event); with none or several there, it is compared with the coarse ones.
    fine = _overlapping([c for c in dated if c["period_end"] - c["period_start"] <= FINE_SPAN])
    coarse = []
    for c in (c for c in dated if c["period_end"] - c["period_start"] > FINE_SPAN):
        start, stop = _padded(c)
        inside = [g for g in fine if start <= g[1] and g[0] <= stop]
        (inside[0][2].append(c) if len(inside) == 1 else coarse.append(c))
    groups = sorted([g[2] for g in fine] + [g[2] for g in _overlapping(coarse)],
                    key=lambda g: (min(c["period_start"] for c in g), g[0]["claim_id"]))
    spans = [(min(c["period_start"] for c in g).toordinal(), max(c["period_end"] for c in g).toordinal())
             for g in groups]
    # an event dated after its own source was published is a plan ("sollen bis Ende 2026 wegfallen")
    plans = [any((x.get("aspect") or "actual") != "actual" or x.get("_day") is None
                 or x["period_start"].toordinal() > x["_day"] for x in g) for g in groups]
    rest = []
    undated_by_doc: dict[str, list[dict]] = defaultdict(list)
    for c in members:
        if not c.get("period_start"):
            undated_by_doc[c.get("doc_id")].append(c)
    for c in (c for c in members if not c.get("period_start")):
        day = c.get("_day")
        if day is None:
            if len(groups) == 1:
                groups[0].append(c)
            else:
                rest.append(c)
            continue
        # not over long before it; ahead of it only as a plan ("bis 2026"), never what happened
        # ("2,42 Mrd. Strafe" reported in 2024 is no fine dated a year later)
        # never an event its own source dates apart with another value ("Mitte Mai 6000 Stellen
        # …, nun 9000"): the source itself tells the two apart
        within = [k for k, (a, b) in enumerate(spans) if day <= b + near and (a <= day + near or plans[k]
                                                                           or (c.get("aspect") or "actual") != "actual")
                  and not _told_apart(c, groups[k]) and not _other_news(c, groups[k], undated_by_doc)]
        if within:
            groups[within[-1]].append(c)
        else:
            rest.append(c)
    return groups + windows(rest, near, published=True)


def _overlapping(dated: list[dict]) -> list[tuple[dt.date, dt.date, list[dict]]]:
    """Claims (sorted by start) in runs whose padded dates overlap: (start, end, claims) each."""
    groups: list[tuple[dt.date, dt.date, list[dict]]] = []
    for c in dated:
        start, stop = _padded(c)
        if groups and start <= groups[-1][1]:
            groups[-1] = (groups[-1][0], max(groups[-1][1], stop), groups[-1][2] + [c])
        else:
            groups.append((start, stop, [c]))
    return groups


def _told_apart(c: dict, group: list[dict]) -> bool:
    """Does the claim's own source give this event another value (more than 10 % apart, at
    face value: "mehr als 6.000" in May is not the 9.000 of now)?"""
    mine = _face(c)
    for x in group:
        if x.get("doc_id") == c.get("doc_id") and x is not c:
            theirs = _face(x)
            if mine is not None and theirs is not None and abs(mine - theirs) > 0.1 * max(abs(mine), abs(theirs)):
                return True
    return False


def _other_news(c: dict, group: list[dict], undated_by_doc: dict[str, list[dict]]) -> bool:
    """Does another source tell this event apart from the news the claim gives? ("im Juni
    folgten 300 Kündigungen" beside its own undated 9.000: an undated 9.000 elsewhere is that
    news, not the June event)."""
    mine = _face(c)
    if mine is None:
        return False
    for x in group:
        theirs = _face(x)
        if theirs is None or _near(theirs, mine):
            continue
        if any(y is not c and _face(y) is not None and _near(_face(y), mine)
               for y in undated_by_doc.get(x.get("doc_id"), ())):
            return True
    return False


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 0.1 * max(abs(a), abs(b))


def _face(c: dict) -> float | None:
    """A claim's number as written: its value, or the middle of its range."""
    if c.get("value") is not None:
        return float(c["value"])
    if c.get("low") is not None and c.get("high") is not None:
        return (float(c["low"]) + float(c["high"])) / 2
    return None


def _by_round(group: list[dict]) -> list[list[dict]]:
    """One event's claims split by the round they name ("Serie C", "Serie D"); those naming
    none join the one round named, else stay apart."""
    named: dict[str, list[dict]] = defaultdict(list)
    unnamed = []
    for c in group:
        seg = c.get("segment") or ""
        (named[seg] if seg.startswith(ROUND) else unnamed).append(c)
    if not named:
        return [group]
    if len(named) == 1:
        return [next(iter(named.values())) + unnamed]
    return [named[k] for k in sorted(named)] + ([unnamed] if unnamed else [])


def _period_key(c: dict, stated: dict[str, str] | None = None) -> str:
    if stated and c.get("period") in stated and (c.get("period_start"), c.get("period_end")) == extent(c["period"], CALENDAR):
        return stated[c["period"]]  # (read as the calendar year by default; another source states the calendar)
    if c.get("period_start") and c.get("period_end"):
        return f"{c['period_start']}/{c['period_end']}"
    return c.get("period") or ""


def _stated_fiscal(members: list[dict]) -> dict[str, str]:
    """A fiscal period one source places in its company's calendar ("FY2025": April 2024 to
    March 2025) is the same period of a source that names it without the calendar (read as the
    calendar year by default): {period: extent key} for those read by default where another
    source states the calendar (the extent most such sources give)."""
    if not any((c.get("period") or "").startswith("FY") for c in members):
        return {}
    given: dict[str, Counter] = defaultdict(Counter)
    for c in members:
        p = c.get("period") or ""
        if p.startswith("FY") and c.get("period_start") and c.get("period_end"):
            span = (c["period_start"], c["period_end"])
            if span != extent(p, CALENDAR):
                given[p][f"{span[0]}/{span[1]}"] += 1
    return {p: min(n, key=lambda k: (-n[k], k)) for p, n in given.items()}


def windows(members: list[dict], window: int, published: bool = False, stated: bool = False) -> list[list[dict]]:
    """Claims at points in time, in windows of `window` days (a new window opens when a claim
    lies further than that from the window's first claim); claims without a time together.
    `published`: by publication date only (an outlook said in August is not one said in November);
    with `stated`, by the end of the month a claim states where it names one (when it was told)."""
    if published and stated:
        when = lambda c, w: _told_day(c)  # noqa: E731
    else:
        when = (lambda c, w: c.get("_day")) if published else _when
    timed = sorted((c for c in members if when(c, window) is not None), key=lambda c: (when(c, window), c["claim_id"]))
    out, current, first = [], [], None
    for c in timed:
        t = when(c, window)
        if current and t - first > window:
            out.append(current)
            current = []
        if not current:
            first = t
        current.append(c)
    if current:
        out.append(current)
    untimed = [c for c in members if when(c, window) is None]
    if untimed and window <= 7:
        return out  # a quantity that changes day by day, from a source of unknown date: no comparison
    if untimed and len(out) == 1 and all((c.get("aspect") or "actual") == "actual" for c in untimed):
        # Without a publication date or period a claim is compared with the one window there is.
        out[0].extend(untimed)
        return out
    return out + ([untimed] if untimed else [])


def _when(c: dict, window: int) -> int | None:
    """The day a claim speaks of: its period's end, else its publication (an unstated earlier
    time for "ursprünglich …": before the window)."""
    if c.get("period_end"):
        return c["period_end"].toordinal()
    if c.get("date_value") and c.get("_value_is_time") and not c.get("_weekday"):  # an announcement's date is the time it speaks of
        span = date_interval(c["date_value"])
        if span is not None:
            return int(span.high)
    day = c.get("_day")
    if day is None:
        return None
    return day - window - 1 if c.get("past") else day


def _told_day(c: dict) -> int | None:
    """When a claim was told: the end of the month or day it states ("Im Januar 2024 hatte SAP …
    angekündigt"), else its publication day (a year names no time it was told in)."""
    start, end = c.get("period_start"), c.get("period_end")
    if start and end and (end - start).days < 32:
        return end.toordinal()
    return c.get("_day")

