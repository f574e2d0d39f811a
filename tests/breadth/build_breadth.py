"""Build the German breadth suites money.yaml, duration.yaml and date.yaml.

Every date value is computed here from the case's publication date (datetime; Easter with the
anonymous Gregorian algorithm), never written by hand. Run from anywhere:

    python tests/breadth/build_breadth.py          # writes the three YAML files and checks them
    python tests/breadth/build_breadth.py --check  # only checks the files on disk are current

Conventions (SPEC §7 and the brief of the breadth suites):
- MONEY: value in units of `currency` (ISO 4217); qualifier words (rund, bis zu, mehr als) are
  inside the span; a range has low/high.
- DURATION: value or low/high, unit in year|month|week|day|hour|minute|second; the article is
  in the span when it is the number (ein halbes Jahr, einer Viertelstunde).
- DATE: date_value is an ISO partial (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Wnn) or an
  interval start/end; spans leave out prepositions and articles (am, im, vom, seit) but keep
  Anfang/Mitte/Ende and modifiers (nächsten, kommenden, vergangenen); "vor zwei Jahren" (ago)
  keeps its "vor", as in rules/de/dates.yaml. A range is one span from the first date to the last.
- A bare weekday goes to the nearest one in the direction of the tense; "nächsten/kommenden
  Montag" is the first Monday after publication, "vergangenen/letzten Montag" the last before.
  A day or month without a year takes the occurrence nearest publication unless tense says
  otherwise (the tense is given per case below and the script reports where it overrides).
- Every case lists all MONEY, DURATION and DATE spans in its sentence (the scorer counts any
  other prediction of these labels as a false positive).
"""
from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
MO, TU, WE, TH, FR, SA, SU = range(7)
DAY = timedelta(days=1)

# ---------------------------------------------------------------------------------------------
# Date arithmetic


def P(s: str) -> date:
    return date.fromisoformat(s)


def iso(d: date) -> str:
    return d.isoformat()


def month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def interval(a: date, b: date) -> str:
    assert a <= b, (a, b)
    return f"{iso(a)}/{iso(b)}"


def easter(year: int) -> date:
    """Easter Sunday, anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    mon, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, mon, day + 1)


HOLIDAYS = {
    "Neujahr": lambda y: date(y, 1, 1),
    "Karfreitag": lambda y: easter(y) - 2 * DAY,
    "Ostersonntag": easter,
    "Ostern": easter,
    "Ostermontag": lambda y: easter(y) + DAY,
    "Christi Himmelfahrt": lambda y: easter(y) + 39 * DAY,
    "Pfingsten": lambda y: easter(y) + 49 * DAY,
    "Pfingstmontag": lambda y: easter(y) + 50 * DAY,
    "Fronleichnam": lambda y: easter(y) + 60 * DAY,
    "Tag der Deutschen Einheit": lambda y: date(y, 10, 3),
    "Heiligabend": lambda y: date(y, 12, 24),
    "Weihnachten": lambda y: date(y, 12, 25),
    "Silvester": lambda y: date(y, 12, 31),
}

TENSE_OVERRIDES: list[str] = []  # cases where the tense, not nearness, picks the year


def _pick(p: date, candidates: list[tuple[date, date, object]], tense: str | None, what: str):
    """candidates: (first day, last day, value). Nearest to p, or by tense (future/past)."""
    def dist(c):
        a, b, _ = c
        return 0 if a <= p <= b else min(abs((a - p).days), abs((b - p).days))
    nearest = min(candidates, key=dist)
    if tense is None:
        return nearest[2]
    if tense == "future":
        chosen = min((c for c in candidates if c[1] >= p), key=lambda c: c[0])
    elif tense == "past":
        chosen = max((c for c in candidates if c[0] <= p), key=lambda c: c[0])
    else:
        raise ValueError(tense)
    if chosen[2] != nearest[2]:
        TENSE_OVERRIDES.append(f"{what} published {p}: nearest {nearest[2]}, tense {tense} -> {chosen[2]}")
    return chosen[2]


def day_near(p: date, m: int, d: int, tense: str | None = None) -> str:
    cands = []
    for y in (p.year - 1, p.year, p.year + 1):
        try:
            x = date(y, m, d)
        except ValueError:
            continue
        cands.append((x, x, iso(x)))
    return _pick(p, cands, tense, f"{d}.{m}.")


def day_near_date(p: date, m: int, d: int, tense: str | None = None) -> date:
    return P(day_near(p, m, d, tense))


def month_near(p: date, m: int, tense: str | None = None) -> str:
    cands = []
    for y in (p.year - 1, p.year, p.year + 1):
        first = date(y, m, 1)
        last = (date(y + (m == 12), m % 12 + 1, 1) - DAY)
        cands.append((first, last, month(y, m)))
    return _pick(p, cands, tense, f"month {m}")


def holiday(p: date, name: str, tense: str | None = None) -> str:
    fn = HOLIDAYS[name]
    cands = [(fn(y), fn(y), iso(fn(y))) for y in (p.year - 1, p.year, p.year + 1)]
    return _pick(p, cands, tense, name)


def holiday_in(name: str, year: int) -> str:
    return iso(HOLIDAYS[name](year))


def next_wd(p: date, wd: int) -> date:
    """The first such weekday after p (nächsten/kommenden Montag)."""
    d = p + DAY
    while d.weekday() != wd:
        d += DAY
    return d


def last_wd(p: date, wd: int) -> date:
    """The last such weekday before p (vergangenen/letzten Montag)."""
    d = p - DAY
    while d.weekday() != wd:
        d -= DAY
    return d


def bare_wd(p: date, wd: int, tense: str) -> date:
    """'am Mittwoch': the nearest one in the tense's direction (never the publication day)."""
    assert p.weekday() != wd, f"{p} is itself that weekday: ambiguous, pick another date"
    return next_wd(p, wd) if tense == "future" else last_wd(p, wd)


def weekend(p: date, tense: str) -> str:
    """'am Wochenende': the coming Saturday/Sunday, or the last one before p."""
    assert p.weekday() < SA, "published on a weekend day: ambiguous"
    sat = next_wd(p, SA) if tense == "future" else last_wd(p, SA)
    return interval(sat, sat + DAY)


def months_back(p: date, n: int) -> str:
    y, m = divmod(p.year * 12 + (p.month - 1) - n, 12)
    return month(y, m + 1)


def quarter(d: date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


# ---------------------------------------------------------------------------------------------
# Cases

SUITES: dict[str, list[dict]] = defaultdict(list)
_counters: Counter = Counter()


def case(suite: str, kind: str, prefix: str, pub: str | date, text: str, *spans: dict) -> None:
    _counters[prefix] += 1
    SUITES[suite].append({"id": f"{prefix}-{_counters[prefix]:02d}", "kind": kind,
                          "published": pub if isinstance(pub, date) else P(pub),
                          "text": text, "spans": list(spans)})


def _extra(d: dict, kw: dict) -> dict:
    for k, v in kw.items():
        if v is not None:
            d[k] = v
    return d


def M(text, value, currency, qualifier=None, occurrence=None):
    return _extra({"text": text, "label": "MONEY", "value": value, "currency": currency},
                  {"qualifier": qualifier, "occurrence": occurrence})


def MR(text, low, high, currency, occurrence=None):
    return _extra({"text": text, "label": "MONEY", "low": low, "high": high, "currency": currency,
                   "qualifier": "range"}, {"occurrence": occurrence})


def DU(text, value, unit, qualifier=None, occurrence=None):
    return _extra({"text": text, "label": "DURATION", "value": value, "unit": unit},
                  {"qualifier": qualifier, "occurrence": occurrence})


def DUR(text, low, high, unit, occurrence=None):
    return _extra({"text": text, "label": "DURATION", "low": low, "high": high, "unit": unit,
                   "qualifier": "range"}, {"occurrence": occurrence})


def D(text, date_value, mod=None, relation=None, occurrence=None):
    if isinstance(date_value, date):
        date_value = iso(date_value)
    return _extra({"text": text, "label": "DATE", "date_value": date_value},
                  {"date_mod": mod, "date_relation": relation, "occurrence": occurrence})


# ============================== money.yaml ===================================================
S = "money"

K, X = "money_cents", "money-cents"
case(S, K, X, "2025-05-14", "Die Kugel Vanille kostet in der Eisdiele am Rathausplatz inzwischen 2 Euro 40.",
     M("2 Euro 40", 2.4, "EUR"))
case(S, K, X, "2024-08-21", "Am Flughafen von Denver zahlte unser Reporter für einen Becher Kaffee zwölf Dollar und fünfzig Cent.",
     M("zwölf Dollar und fünfzig Cent", 12.5, "USD"))
case(S, K, X, "2025-01-12", "Der Liter Vollmilch ist beim Discounter auf 85 Cent gefallen.",
     M("85 Cent", 0.85, "EUR"))
case(S, K, X, "2024-03-28", "Eine Einzelfahrt mit dem Tram kostet in Basel für Kinder künftig 80 Rappen mehr.",
     M("80 Rappen", 0.8, "CHF"))
case(S, K, X, "2025-10-17", "Die Netzentgelte für Haushaltskunden steigen um 3,2 Cent je Kilowattstunde.",
     M("3,2 Cent", 0.032, "EUR"))
case(S, K, X, "2026-02-03", "Beim Bäcker im Viertel kostet ein Brötchen nun 65 Cent, ein Croissant 1 Euro 90.",
     M("65 Cent", 0.65, "EUR"), M("1 Euro 90", 1.9, "EUR"))
case(S, K, X, "2024-06-06", "In London kostet die U-Bahn-Fahrt mit der Chipkarte 2 Pfund 90, am Automaten deutlich mehr.",
     M("2 Pfund 90", 2.9, "GBP"))
case(S, K, X, "2025-07-21", "Das Porto für den Standardbrief steigt um zehn Cent auf 95 Cent.",
     M("zehn Cent", 0.1, "EUR"), M("95 Cent", 0.95, "EUR"))
case(S, K, X, "2026-05-12", "Die Aktie des Biotech-Unternehmens aus Boston schloss bei 4 Dollar, die Dividende liegt bei 9 Cent je Anteilsschein.",
     M("4 Dollar", 4, "USD"), M("9 Cent", 0.09, "USD"))
case(S, K, X, "2024-10-26", "Auf dem Bauernmarkt kostete ein Kilo Äpfel 3 Euro und 20 Cent.",
     M("3 Euro und 20 Cent", 3.2, "EUR"))
case(S, K, X, "2025-03-09", "Für einen Espresso verlangt das Café am Bahnhof jetzt zwei Euro zwanzig.",
     M("zwei Euro zwanzig", 2.2, "EUR"))
case(S, K, X, "2026-08-14", "Der Preis für Super E10 sank über Nacht um 4,9 Cent auf 1,68 Euro je Liter.",
     M("4,9 Cent", 0.049, "EUR"), M("1,68 Euro", 1.68, "EUR"))
case(S, K, X, "2025-11-25", "In Zürich kostet ein Gipfeli beim Grossverteiler 1 Franken 20.",
     M("1 Franken 20", 1.2, "CHF"))
case(S, K, X, "2024-12-05", "Eine Flasche Wasser kostet im Football-Stadion von Boston 6 Dollar und 75 Cent.",
     M("6 Dollar und 75 Cent", 6.75, "USD"))
case(S, K, X, "2026-01-29", "Die Molkereien zahlen den Landwirten derzeit 52,3 Cent pro Kilogramm Milch.",
     M("52,3 Cent", 0.523, "EUR"))
case(S, K, X, "2025-09-06", "Für eine Plastiktüte verlangen Supermärkte in England inzwischen 30 Pence.",
     M("30 Pence", 0.3, "GBP"))

K, X = "money_currency_names", "money-names"
case(S, K, X, "2025-02-12", "Der Möbelkonzern aus Älmhult verbuchte einen Gewinn von 4,1 Milliarden schwedischen Kronen.",
     M("4,1 Milliarden schwedischen Kronen", 4.1e9, "SEK"))
case(S, K, X, "2024-07-09", "Das Start-up aus Bengaluru sammelte 800 Millionen indische Rupien bei Investoren ein.",
     M("800 Millionen indische Rupien", 8e8, "INR"))
case(S, K, X, "2025-06-24", "Die Kantonalbank stellt für den Bau des Spitals 45 Millionen Schweizer Franken bereit.",
     M("45 Millionen Schweizer Franken", 4.5e7, "CHF"))
case(S, K, X, "2026-03-22", "Eine Nacht im Kapselhotel in Osaka kostet rund 4500 japanische Yen.",
     M("rund 4500 japanische Yen", 4500, "JPY", qualifier="approx"))
case(S, K, X, "2024-11-15", "Ein Versandhändler in Warschau bietet die Spielkonsole für 2199 polnische Zloty an.",
     M("2199 polnische Zloty", 2199, "PLN"))
case(S, K, X, "2025-08-27", "Die neuen Aktien wurden an der Börse zu 38,50 Hongkong-Dollar je Stück ausgegeben.",
     M("38,50 Hongkong-Dollar", 38.5, "HKD"))
case(S, K, X, "2026-06-16", "Die Reederei aus Bergen investiert 1,2 Milliarden norwegische Kronen in elektrische Fähren.",
     M("1,2 Milliarden norwegische Kronen", 1.2e9, "NOK"))
case(S, K, X, "2024-04-18", "Für ein Ticket der Metro in Kopenhagen zahlen Touristen 24 dänische Kronen.",
     M("24 dänische Kronen", 24, "DKK"))
case(S, K, X, "2025-12-02", "Im Pilsener Ausschank kostet das große Bier jetzt 69 tschechische Kronen.",
     M("69 tschechische Kronen", 69, "CZK"))
case(S, K, X, "2026-09-22", "In Istanbul kostet ein Sesamkringel am Straßenstand inzwischen 20 türkische Lira.",
     M("20 türkische Lira", 20, "TRY"))
case(S, K, X, "2024-09-05", "Der Fleischkonzern aus São Paulo meldete einen Umsatz von 12 Milliarden brasilianischen Real.",
     M("12 Milliarden brasilianischen Real", 1.2e10, "BRL"))
case(S, K, X, "2025-04-08", "Das Werk in Puebla erhält Investitionen von 3,5 Milliarden mexikanischen Pesos.",
     M("3,5 Milliarden mexikanischen Pesos", 3.5e9, "MXN"))
case(S, K, X, "2026-11-27", "Die Minengesellschaft muss eine Strafe von 600 Millionen südafrikanischen Rand zahlen.",
     M("600 Millionen südafrikanischen Rand", 6e8, "ZAR"))
case(S, K, X, "2024-01-24", "Der Speicherchiphersteller will 20 Billionen südkoreanische Won in eine neue Fabrik stecken.",
     M("20 Billionen südkoreanische Won", 2e13, "KRW"))
case(S, K, X, "2025-10-03", "Ein Cappuccino kostet in der Budapester Innenstadt etwa 900 ungarische Forint.",
     M("etwa 900 ungarische Forint", 900, "HUF", qualifier="approx"))
case(S, K, X, "2026-04-13", "Der Pensionsfonds aus Toronto kaufte Anteile an dem Windpark für 2,4 Milliarden kanadische Dollar.",
     M("2,4 Milliarden kanadische Dollar", 2.4e9, "CAD"))
case(S, K, X, "2024-05-31", "Die Hafenbehörde investiert 1,8 Milliarden Singapur-Dollar in ein neues Containerterminal.",
     M("1,8 Milliarden Singapur-Dollar", 1.8e9, "SGD"))
case(S, K, X, "2025-07-05", "Eine Nacht im Bungalow auf Koh Samui kostet 2500 thailändische Baht.",
     M("2500 thailändische Baht", 2500, "THB"))

K, X = "money_spelled", "money-spelled"
case(S, K, X, "2025-03-25", "Die Kurtaxe auf der Insel steigt um einen Euro pro Übernachtung.",
     M("einen Euro", 1, "EUR"))
case(S, K, X, "2024-02-15", "Der Ruderclub bekam von einem ehemaligen Mitglied aus Kalifornien zwei Millionen Dollar geschenkt.",
     M("zwei Millionen Dollar", 2e6, "USD"))
case(S, K, X, "2026-07-07", "Wer seinen Mobilfunkvertrag verlängert, bekommt einen neunhundert-Euro-Gutschein für Zubehör.",
     M("neunhundert-Euro", 900, "EUR"))
case(S, K, X, "2025-09-18", "Die Sanierung der Turnhalle kostet die Gemeinde eine halbe Million Euro.",
     M("eine halbe Million Euro", 5e5, "EUR"))
case(S, K, X, "2024-10-30", "Der Fahrkartenautomat am Busbahnhof nimmt keinen Zwanzig-Euro-Schein mehr an.",
     M("Zwanzig-Euro", 20, "EUR"))
case(S, K, X, "2026-01-16", "Das Stadtmuseum verlangt künftig zehn Euro Eintritt, Schüler zahlen fünf Euro.",
     M("zehn Euro", 10, "EUR"), M("fünf Euro", 5, "EUR"))
case(S, K, X, "2025-08-04", "Der Zweitligist verpflichtete den Stürmer für drei Millionen Euro Ablöse.",
     M("drei Millionen Euro", 3e6, "EUR"))
case(S, K, X, "2024-06-19", "Die Gemeinde erhält anderthalb Millionen Euro aus dem Förderprogramm für Radwege.",
     M("anderthalb Millionen Euro", 1.5e6, "EUR"))
case(S, K, X, "2026-10-04", "Falschparken in der Innenstadt kostet nun fünfundfünfzig Euro.",
     M("fünfundfünfzig Euro", 55, "EUR"))
case(S, K, X, "2025-05-27", "Der Chemiekonzern zahlt zweieinhalb Milliarden Dollar, um die Sammelklagen beizulegen.",
     M("zweieinhalb Milliarden Dollar", 2.5e9, "USD"))
case(S, K, X, "2024-12-11", "Im Buchhandel kostet der neue Krimi der Lokalautorin neunzehn Euro neunundneunzig.",
     M("neunzehn Euro neunundneunzig", 19.99, "EUR"))
case(S, K, X, "2025-06-28", "Eine Tageskarte für die Badi am Zürichsee kostet künftig sieben Franken.",
     M("sieben Franken", 7, "CHF"))
case(S, K, X, "2026-02-24", "Der Wohnungsbaufonds hat eine Milliarde Euro bei Versicherern eingesammelt.",
     M("eine Milliarde Euro", 1e9, "EUR"))
case(S, K, X, "2024-09-14", "Ein ehrlicher Finder gab im Fundbüro einen Hundert-Euro-Schein ab.",
     M("Hundert-Euro", 100, "EUR"))
case(S, K, X, "2025-11-06", "Die Tagesgebühr für ältere Autos in der Londoner Umweltzone beträgt zwölf Pfund fünfzig.",
     M("zwölf Pfund fünfzig", 12.5, "GBP"))
case(S, K, X, "2026-12-01", "Der Spendenlauf der Grundschule brachte knapp zwanzigtausend Euro ein.",
     M("knapp zwanzigtausend Euro", 20000, "EUR", qualifier="approx"))

K, X = "money_plain", "money-plain"
case(S, K, X, "2025-01-22", "Der Autozulieferer investiert 1,5 Milliarden Euro in ein neues Werk in Ungarn.",
     M("1,5 Milliarden Euro", 1.5e9, "EUR"))
case(S, K, X, "2024-03-06", "Das Berliner Start-up hat in seiner jüngsten Finanzierungsrunde 20 Mio. US-Dollar eingesammelt.",
     M("20 Mio. US-Dollar", 2e7, "USD"))
case(S, K, X, "2026-05-28", "Der Umsatz des Softwarehauses erreichte $ 4,2 Mrd., ein Plus von acht Prozent.",
     M("$ 4,2 Mrd.", 4.2e9, "USD"))
case(S, K, X, "2025-04-30", "Der Cloud-Anbieter will bis zu 13 Milliarden US-Dollar in neue Rechenzentren in Texas stecken.",
     M("bis zu 13 Milliarden US-Dollar", 13e9, "USD", qualifier="upper_bound"))
case(S, K, X, "2024-09-08", "Das neue Falt-Smartphone kommt für 1.299 Euro in den Handel.",
     M("1.299 Euro", 1299, "EUR"))
case(S, K, X, "2025-12-18", "Die Stadt rechnet beim Tunnelbau mit Mehrkosten von rund 350 Millionen Euro.",
     M("rund 350 Millionen Euro", 3.5e8, "EUR", qualifier="approx"))
case(S, K, X, "2026-03-04", "Der Energieversorger meldete einen Nettogewinn von mehr als 2,3 Milliarden Euro.",
     M("mehr als 2,3 Milliarden Euro", 2.3e9, "EUR", qualifier="lower_bound"))
case(S, K, X, "2024-07-27", "Die Jahreskarte für das Hallenbad kostet € 189.",
     M("€ 189", 189, "EUR"))
case(S, K, X, "2025-10-21", "Das Streaming-Abo kostet ab sofort 13,99 € statt 11,99 €.",
     M("13,99 €", 13.99, "EUR"), M("11,99 €", 11.99, "EUR"))
case(S, K, X, "2026-06-25", "Die Sparkasse vergab Kredite über EUR 2,5 Mio. an Handwerksbetriebe aus der Region.",
     M("EUR 2,5 Mio.", 2.5e6, "EUR"))
case(S, K, X, "2024-11-20", "Der Aktienrückkauf des Halbleiterkonzerns hat ein Volumen von USD 850 Mio.",
     M("USD 850 Mio.", 8.5e8, "USD"))
case(S, K, X, "2025-02-01", "Gebrauchte Kleinwagen kosten beim Händler zwischen 8000 und 12.000 Euro.",
     MR("zwischen 8000 und 12.000 Euro", 8000, 12000, "EUR"))
case(S, K, X, "2026-08-03", "Für das Grundstück am Hafen zahlte der Investor knapp 80 Millionen Euro.",
     M("knapp 80 Millionen Euro", 8e7, "EUR", qualifier="approx"))
case(S, K, X, "2024-05-16", "Der Börsenwert des Chipdesigners wird auf etwa 1,2 Billionen Dollar geschätzt.",
     M("etwa 1,2 Billionen Dollar", 1.2e12, "USD", qualifier="approx"))
case(S, K, X, "2025-07-15", "Die Übernahme des Sensorherstellers ist Teil eines 5-Milliarden-Dollar-Pakets.",
     M("5-Milliarden-Dollar", 5e9, "USD"))
case(S, K, X, "2026-10-29", "Der Versicherer aus London meldete einen Vorsteuergewinn von £ 3,5 Mrd.",
     M("£ 3,5 Mrd.", 3.5e9, "GBP"))
case(S, K, X, "2024-04-25", "Das Tablet kostet in der Schweiz CHF 449 und damit mehr als in Deutschland.",
     M("CHF 449", 449, "CHF"))
case(S, K, X, "2025-09-29", "Der Konzern will seine Schulden von 26 Mrd. € bis zum Jahresende deutlich senken.",
     M("26 Mrd. €", 26e9, "EUR"), D("Jahresende", "2025", mod="end", relation="until"))

K, X = "negatives_money", "money-neg"
case(S, K, X, "2025-03-12", "Die Abgasnorm Euro 7 verschärft auch die Grenzwerte für Bremsabrieb und Reifen.")
case(S, K, X, "2024-12-14", "Für den Rührkuchen braucht man ein Pfund Mehl, vier Eier und etwas Zitronenschale.")
case(S, K, X, "2026-04-12", "Der Dollar-Kurs gab nach den Aussagen der Notenbankchefin deutlich nach.")
case(S, K, X, "2025-02-25", "Samsung zeigt das Galaxy S25 Ultra und das Galaxy Tab S10 FE auf der Messe in Barcelona.")
case(S, K, X, "2024-08-08", "Die Euro-Zone wächst langsamer, als Ökonomen erwartet hatten.")
case(S, K, X, "2026-11-04", "Der Lastwagen hatte 33 Euro-Paletten mit Mineralwasser geladen.")
case(S, K, X, "2025-06-11", "Der Franken legte gegenüber dem Euro zuletzt deutlich zu.")
case(S, K, X, "2024-02-27", "Der Kompakt-SUV erhielt im Crashtest von Euro NCAP fünf Sterne.")
case(S, K, X, "2025-10-11", "Beim Kürbisfest in Ludwigsburg wog der schwerste Kürbis über 900 Pfund.")
case(S, K, X, "2026-07-23", "Insgesamt zwölf Euro-Länder unterstützen den Vorschlag der Kommission.")
case(S, K, X, "2024-06-29", "Mehr als 500 Gäste kamen zum Bitcoin-Stammtisch in die Leipziger Markthalle.")
case(S, K, X, "2025-12-06", "Im Supermarkt kostet ein Pfund Butter derzeit 2,49 Euro.",
     M("2,49 Euro", 2.49, "EUR"))
case(S, K, X, "2026-02-18", "Ein Wechselkurs von 1,08 Dollar je Euro setzt die Exporteure unter Druck.",
     M("1,08 Dollar", 1.08, "USD"))
case(S, K, X, "2024-10-09", "Die Yen-Schwäche lockt so viele Touristen nach Japan wie nie.")

# ============================== duration.yaml ================================================
S = "duration"

K, X = "duration_abbrev", "dur-abbrev"
case(S, K, X, "2025-04-02", "Die Schnellladung von 10 auf 80 Prozent dauert beim neuen Kompaktwagen 18 min.",
     DU("18 min", 18, "minute"))
case(S, K, X, "2024-07-31", "Für die Tour zum Gipfel gibt der Alpenverein eine Gehzeit von 5 h an.",
     DU("5 h", 5, "hour"))
case(S, K, X, "2026-01-10", "Vor jeder Runde zählt der Timer auf der Leinwand 10 sek herunter.",
     DU("10 sek", 10, "second"))
case(S, K, X, "2025-11-11", "Die Installation des Updates dauerte im Test 2 Std, deutlich länger als angekündigt.",
     DU("2 Std", 2, "hour"))
case(S, K, X, "2024-03-20", "Das Hörspiel hat eine Laufzeit von 45 Min. und richtet sich an Grundschulkinder.",
     DU("45 Min.", 45, "minute"))
case(S, K, X, "2026-06-30", "Die Reaktionszeit des Notbremsassistenten liegt laut Prüfbericht bei 0,5 s.",
     DU("0,5 s", 0.5, "second"))
case(S, K, X, "2025-08-17", "Die Akkulaufzeit der Kopfhörer beträgt laut Datenblatt 30 h.",
     DU("30 h", 30, "hour"))
case(S, K, X, "2024-10-04", "Im Nachtmodus belichtet die Kamera 4 Sek. lang.",
     DU("4 Sek.", 4, "second"))
case(S, K, X, "2026-03-26", "Im Stresstest lief der Server 72 Std. unter Volllast.",
     DU("72 Std.", 72, "hour"))
case(S, K, X, "2025-01-29", "Die Halbzeitpause dauert im Hallenhandball 10 min.",
     DU("10 min", 10, "minute"))
case(S, K, X, "2024-12-18", "Nach dem Patch sank die Ladezeit des Spiels auf 8 s.",
     DU("8 s", 8, "second"))
case(S, K, X, "2026-09-09", "Der Livestream der Hauptversammlung dauerte 3,5 h.",
     DU("3,5 h", 3.5, "hour"))
case(S, K, X, "2025-05-16", "Das Roggenbrot backt bei 220 Grad 40 Min. im vorgeheizten Ofen.",
     DU("40 Min.", 40, "minute"))
case(S, K, X, "2024-06-22", "Die Siegerin der U14 lief die 100 Meter in 12,8 sek.",
     DU("12,8 sek", 12.8, "second"))

K, X = "duration_fractions", "dur-fractions"
case(S, K, X, "2025-03-03", "Die Sperrung der Eisenbahnbrücke dauert ein halbes Jahr.",
     DU("ein halbes Jahr", 0.5, "year"))
case(S, K, X, "2024-11-26", "Die Sitzung des Gemeinderats wurde für eine halbe Stunde unterbrochen.",
     DU("eine halbe Stunde", 0.5, "hour"))
case(S, K, X, "2026-07-01", "Das Festival auf der Burgwiese dauert dreieinhalb Tage.",
     DU("dreieinhalb Tage", 3.5, "day"))
case(S, K, X, "2025-10-23", "Die Entwicklung des Funkchips hat anderthalb Jahre gedauert.",
     DU("anderthalb Jahre", 1.5, "year"))
case(S, K, X, "2024-04-09", "Ein Dreivierteljahr lang wurde die Grundschule saniert.",
     DU("Ein Dreivierteljahr", 0.75, "year"))
case(S, K, X, "2026-02-05", "Nach einer Viertelstunde hatte die Feuerwehr den Brand gelöscht.",
     DU("einer Viertelstunde", 0.25, "hour"))
case(S, K, X, "2025-06-22", "Die Tarifverhandlungen dauerten viereinhalb Stunden.",
     DU("viereinhalb Stunden", 4.5, "hour"))
case(S, K, X, "2024-08-30", "Die Lieferung der Ersatzteile verzögert sich um eineinhalb Wochen.",
     DU("eineinhalb Wochen", 1.5, "week"))
case(S, K, X, "2026-10-15", "Der Kapitän fällt nach der Knieverletzung zweieinhalb Monate aus.",
     DU("zweieinhalb Monate", 2.5, "month"))
case(S, K, X, "2025-02-19", "Für die Reparatur der Heizung brauchte der Installateur einen halben Tag.",
     DU("einen halben Tag", 0.5, "day"))
case(S, K, X, "2024-01-30", "Die Beta-Phase des Rollenspiels läuft ein Vierteljahr.",
     DU("ein Vierteljahr", 0.25, "year"))
case(S, K, X, "2026-04-22", "Vor dem Bürgeramt mussten die Wartenden eine Dreiviertelstunde ausharren.",
     DU("eine Dreiviertelstunde", 0.75, "hour"))
case(S, K, X, "2025-09-02", "Die Garantie auf die Akkus wurde auf 2,5 Jahre verlängert.",
     DU("2,5 Jahre", 2.5, "year"))
case(S, K, X, "2024-05-07", "Nach fünfeinhalb Jahren Bauzeit ist die Ortsumfahrung fertig.",
     DU("fünfeinhalb Jahren", 5.5, "year"))
case(S, K, X, "2026-12-10", "Der Werbespot ist eine halbe Minute lang.",
     DU("eine halbe Minute", 0.5, "minute"))

K, X = "duration_plain", "dur-plain"
case(S, K, X, "2025-07-08", "Die Sanierung des Hallenbads soll drei Wochen dauern.",
     DU("drei Wochen", 3, "week"))
case(S, K, X, "2024-02-21", "Bis zur Marktreife rechnet das Unternehmen mit 12 bis 18 Monaten Entwicklungszeit.",
     DUR("12 bis 18 Monaten", 12, 18, "month"))
case(S, K, X, "2026-05-10", "Der Vertrag des Trainers läuft zwei Jahre.",
     DU("zwei Jahre", 2, "year"))
case(S, K, X, "2025-12-12", "Der Warnstreik im Nahverkehr dauerte 48 Stunden.",
     DU("48 Stunden", 48, "hour"))
case(S, K, X, "2024-09-19", "Die Rückgabefrist beim Onlinehändler beträgt 30 Tage.",
     DU("30 Tage", 30, "day"))
case(S, K, X, "2026-03-31", "Das Update dauerte bei unseren Testgeräten zwischen zehn und 15 Minuten.",
     DUR("zwischen zehn und 15 Minuten", 10, 15, "minute"))
case(S, K, X, "2025-04-27", "Nach 90 Minuten stand es im Derby noch unentschieden.",
     DU("90 Minuten", 90, "minute"))
case(S, K, X, "2024-10-15", "Der Hersteller garantiert sieben Jahre lang Sicherheitsupdates für das Smartphone.",
     DU("sieben Jahre", 7, "year"))
case(S, K, X, "2026-08-26", "Die Baustelle an der B 27 bleibt vier bis sechs Wochen bestehen.",
     DUR("vier bis sechs Wochen", 4, 6, "week"))
case(S, K, X, "2025-01-04", "Der Kassenautomat braucht für eine Zahlung rund 20 Sekunden.",
     DU("rund 20 Sekunden", 20, "second", qualifier="approx"))
case(S, K, X, "2024-06-12", "Der Landtag hat der Regierung eine Frist von sechs Monaten gesetzt.",
     DU("sechs Monaten", 6, "month"))
case(S, K, X, "2026-01-21", "Der Bau des neuen Stadions dauerte mehr als drei Jahre.",
     DU("mehr als drei Jahre", 3, "year", qualifier="lower_bound"))
case(S, K, X, "2025-05-08", "Neukunden können den Dienst einen Monat kostenlos nutzen.",
     DU("einen Monat", 1, "month"))
case(S, K, X, "2024-12-09", "Die Mieter mussten zehn Tage ohne Heizung auskommen.",
     DU("zehn Tage", 10, "day"))
case(S, K, X, "2026-11-18", "Die neue Wärmepumpe hat laut Hersteller eine Lebensdauer von 20 Jahren.",
     DU("20 Jahren", 20, "year"))

K, X = "negatives_duration", "dur-neg"
p = P("2025-09-03")
case(S, K, X, p, "Vor zwei Jahren hatte die Stadt das Gelände am Güterbahnhof gekauft.",
     D("Vor zwei Jahren", str(p.year - 2)))
case(S, K, X, "2024-08-24", "Wegen der Baustelle gilt auf der Autobahn Tempo 80 statt 130 km/h.")
case(S, K, X, "2026-02-11", "In der Spielstraße gilt Schrittgeschwindigkeit, also höchstens 5 km/h.")
case(S, K, X, "2025-06-03", "Vor der Grundschule gilt künftig Tempo 30.")
case(S, K, X, "2024-03-14", "Der Batteriespeicher im Keller hat eine Kapazität von 10 kWh.")
case(S, K, X, "2025-10-29", "Der gesetzliche Mindestlohn steigt auf 13,90 Euro pro Stunde.",
     M("13,90 Euro", 13.9, "EUR"))
p = P("2026-02-12")
case(S, K, X, p, "Vor drei Tagen war der Wasserrohrbruch in der Altstadt gemeldet worden.",
     D("Vor drei Tagen", p - 3 * DAY))
case(S, K, X, "2024-11-02", "Der Regionalexpress hält stündlich in Offenburg.")
case(S, K, X, "2026-06-08", "Die Powerbank liefert 20.000 mAh und lädt mit 45 W.")
case(S, K, X, "2025-03-21", "Die Sitzung des Kulturausschusses beginnt um 18 Uhr im großen Saal.")
case(S, K, X, "2024-05-25", "Der Transporter war mit 142 km/h geblitzt worden, erlaubt waren 100 km/h.")
p = P("2024-07-19")
case(S, K, X, p, "Vor einem Jahr hatte der Maschinenbauer noch Gewinn gemacht.",
     D("Vor einem Jahr", str(p.year - 1)))
p = P("2025-08-05")
case(S, K, X, p, "Vor sechs Monaten war die Filiale in der Hauptstraße geschlossen worden.",
     D("Vor sechs Monaten", months_back(p, 6)))
case(S, K, X, "2026-10-24", "Der Schachverein lädt zu einem Tag der offenen Tür ins Vereinsheim.")

# ============================== date.yaml ====================================================
S = "date"

K, X = "date_relative_days", "date-reldays"
p = P("2025-02-04")
case(S, K, X, p, "Die Stadtbibliothek öffnet heute nach dem Umbau wieder ihre Türen.", D("heute", p))
p = P("2024-10-17")
case(S, K, X, p, "Gestern legte der Chiphersteller überraschend starke Quartalszahlen vor.", D("Gestern", p - DAY))
p = P("2025-08-24")
case(S, K, X, p, "Morgen beginnt in der Altstadt das Weinfest.", D("Morgen", p + DAY))
p = P("2026-03-10")
case(S, K, X, p, "Vorgestern war die Landstraße wegen eines Unfalls stundenlang gesperrt.", D("Vorgestern", p - 2 * DAY))
p = P("2025-06-05")
case(S, K, X, p, "Die Gewerkschaft will übermorgen erneut zum Warnstreik aufrufen.", D("übermorgen", p + 2 * DAY))
p = P("2024-05-13")
case(S, K, X, p, "Der Zoo meldete heute die Geburt eines Elefantenbabys.", D("heute", p))
p = P("2025-11-28")
case(S, K, X, p, "Der Leitindex schloss gestern mit einem leichten Plus.", D("gestern", p - DAY))
p = P("2026-01-15")
case(S, K, X, p, "Das Amtsgericht will morgen sein Urteil im Betrugsprozess verkünden.", D("morgen", p + DAY))
p = P("2024-12-21")
case(S, K, X, p, "Bereits vorgestern hatten die Behörden vor Glätte gewarnt.", D("vorgestern", p - 2 * DAY))
p = P("2025-04-16")
assert p.weekday() == WE
case(S, K, X, p, "Die Polizei hat am heutigen Mittwoch die Durchsuchungen bestätigt.", D("heutigen Mittwoch", p))
p = P("2025-09-30")
assert (p - DAY).weekday() == MO
case(S, K, X, p, "Der Konzern hatte am gestrigen Montag den Rücktritt seines Finanzchefs bekannt gegeben.",
     D("gestrigen Montag", p - DAY))
p = P("2026-05-07")
case(S, K, X, p, "Die Messe öffnet übermorgen für Fachbesucher, das Publikum folgt später.", D("übermorgen", p + 2 * DAY))
p = P("2025-07-01")
case(S, K, X, p, "Seit heute gilt in der Innenstadt ein neues Parkleitsystem.", D("heute", p, relation="since"))
p = P("2024-02-29")
case(S, K, X, p, "Morgen endet die Frist für die Anträge auf Briefwahl.", D("Morgen", p + DAY))
p = P("2025-12-31")
case(S, K, X, p, "Das Böllerverbot in der Altstadt gilt ab morgen nicht mehr.", D("morgen", p + DAY, relation="since"))

K, X = "date_numeric", "date-numeric"
p = P("2025-04-10")
case(S, K, X, p, "Der Vorverkauf für das Stadtfest startet am 22.04. an allen bekannten Vorverkaufsstellen.",
     D("22.04.", day_near(p, 4, 22, "future")))
p = P("2025-05-06")
case(S, K, X, p, "Laut Bescheid vom 22.4.2025 muss der Betreiber die Anlage nachrüsten.", D("22.4.2025", date(2025, 4, 22)))
p = P("2025-05-02")
case(S, K, X, p, "Das Formular der Behörde trägt das Datum 22/04/2025.", D("22/04/2025", date(2025, 4, 22)))
p = P("2025-06-27")
case(S, K, X, p, "Die Anmeldung zum Sommercamp ist bis 3-7-2025 möglich.",
     D("3-7-2025", date(2025, 7, 3), relation="until"))
p = P("2025-04-27")
case(S, K, X, p, "Der Bericht wurde laut Metadaten am 2025-04-22 erstellt.", D("2025-04-22", date(2025, 4, 22)))
p = P("2024-11-08")
case(S, K, X, p, "Die Stichwahl um das Bürgermeisteramt findet am 24.11. statt.", D("24.11.", day_near(p, 11, 24, "future")))
p = P("2026-01-20")
case(S, K, X, p, "Der Kaufvertrag war am 30.12. unterschrieben worden.", D("30.12.", day_near(p, 12, 30, "past")))
p = P("2024-06-14")
case(S, K, X, p, "Das Finale der Stadtmeisterschaft ist für den 29.6.2024 angesetzt.", D("29.6.2024", date(2024, 6, 29)))
p = P("2025-02-14")
case(S, K, X, p, "Die neue Firmware steht seit 07.02.2025 zum Download bereit.",
     D("07.02.2025", date(2025, 2, 7), relation="since"))
p = P("2024-03-05")
case(S, K, X, p, "Die Schlussrechnung der Baufirma datiert vom 29.02.2024.", D("29.02.2024", date(2024, 2, 29)))
p = P("2025-10-09")
case(S, K, X, p, "Der Stadtrat tagt am 16.10.25 öffentlich im Rathaus.", D("16.10.25", date(2025, 10, 16)))
p = P("2026-02-19")
case(S, K, X, p, "Die Stellenanzeige nennt als Bewerbungsschluss den 15/03/2026.", D("15/03/2026", date(2026, 3, 15)))
p = P("2025-08-28")
case(S, K, X, p, "Im Protokoll der Sitzung ist der 2025-09-04 als nächster Termin vermerkt.", D("2025-09-04", date(2025, 9, 4)))
p = P("2024-09-23")
case(S, K, X, p, "Die Ausstellung im Kunstverein läuft noch bis 3.11.",
     D("3.11.", day_near(p, 11, 3, "future"), relation="until"))
p = P("2025-12-15")
case(S, K, X, p, "Ein Umtausch der Geschenke ist in den meisten Geschäften bis zum 10.1. möglich.",
     D("10.1.", day_near(p, 1, 10, "future"), relation="until"))
p = P("2024-07-08")
case(S, K, X, p, "Laut Polizei ereignete sich der Unfall am 6.7. gegen Mitternacht.", D("6.7.", day_near(p, 7, 6, "past")))
p = P("2025-07-10")
case(S, K, X, p, "Der Mietvertrag für die Praxisräume war am 2.1. unterschrieben worden.", D("2.1.", day_near(p, 1, 2, "past")))

K, X = "date_ordinal_words", "date-ordinal"
p = P("2025-04-24")
case(S, K, X, p, "Der Kunsthandwerkermarkt findet am zweiten Mai auf dem Kirchplatz statt.",
     D("zweiten Mai", day_near(p, 5, 2, "future")))
p = P("2024-10-07")
case(S, K, X, p, "Am dritten Oktober 2024 besuchten mehr Menschen die Ausstellung als je zuvor.",
     D("dritten Oktober 2024", date(2024, 10, 3)))
p = P("2025-06-20")
case(S, K, X, p, "Die neuen Tarife des Verkehrsverbunds gelten ab dem ersten Juli.",
     D("ersten Juli", day_near(p, 7, 1, "future"), relation="since"))
p = P("2025-08-01")
case(S, K, X, p, "Am fünfzehnten August bleiben viele Rathäuser in Bayern geschlossen.",
     D("fünfzehnten August", day_near(p, 8, 15, "future")))
p = P("2024-12-02")
case(S, K, X, p, "Der letzte Spieltag vor der Winterpause ist am einundzwanzigsten Dezember.",
     D("einundzwanzigsten Dezember", day_near(p, 12, 21, "future")))
p = P("2026-03-12")
case(S, K, X, p, "Die Uhren werden am neunundzwanzigsten März auf Sommerzeit umgestellt.",
     D("neunundzwanzigsten März", day_near(p, 3, 29, "future")))
p = P("2025-09-17")
case(S, K, X, p, "Die Frist für die Einwände endet am dreißigsten September.",
     D("dreißigsten September", day_near(p, 9, 30, "future")))
p = P("2025-01-09")
case(S, K, X, p, "Der Skilift war am zweiten Januar wegen Sturms geschlossen.",
     D("zweiten Januar", day_near(p, 1, 2, "past")))
p = P("2026-04-02")
case(S, K, X, p, "Die neue Gebührensatzung ist am ersten April 2026 in Kraft getreten.",
     D("ersten April 2026", date(2026, 4, 1)))
p = P("2024-11-11")
case(S, K, X, p, "Der Budenzauber auf dem Schlossplatz eröffnet am fünfundzwanzigsten November.",
     D("fünfundzwanzigsten November", day_near(p, 11, 25, "future")))
p = P("2025-02-27")
case(S, K, X, p, "Der Betrieb im Werk war am elften Februar vorübergehend eingestellt worden.",
     D("elften Februar", day_near(p, 2, 11, "past")))
p = P("2026-06-03")
case(S, K, X, p, "Am zwölften Juni 2026 öffnet das sanierte Freibad.", D("zwölften Juni 2026", date(2026, 6, 12)))
p = P("2024-08-26")
case(S, K, X, p, "Zum ersten September erhöht der Versorger die Gaspreise.",
     D("ersten September", day_near(p, 9, 1, "future")))
p = P("2025-03-20")
case(S, K, X, p, "Die Eissporthalle soll am fünfzehnten Dezember wieder öffnen.",
     D("fünfzehnten Dezember", day_near(p, 12, 15, "future")))

K, X = "date_weekdays", "date-weekdays"
p = P("2025-06-18")
case(S, K, X, p, "Die Stadtwerke stellen nächsten Montag ihre neue App vor.", D("nächsten Montag", next_wd(p, MO)))
p = P("2024-09-10")
case(S, K, X, p, "Der Bürgermeister will kommenden Freitag über die Pläne informieren.", D("kommenden Freitag", next_wd(p, FR)))
p = P("2025-03-07")
case(S, K, X, p, "Vergangenen Dienstag hatte der Landtag das Gesetz beschlossen.", D("Vergangenen Dienstag", last_wd(p, TU)))
p = P("2025-01-31")
case(S, K, X, p, "Am Mittwoch hatte die Kommission ihre Pläne vorgestellt.", D("Mittwoch", bare_wd(p, WE, "past")))
p = P("2026-02-23")
case(S, K, X, p, "Letzten Donnerstag war der Aufzug im Bahnhof erneut ausgefallen.", D("Letzten Donnerstag", last_wd(p, TH)))
p = P("2024-04-03")
case(S, K, X, p, "Am Samstag soll der Umzug durch die Innenstadt ziehen.", D("Samstag", bare_wd(p, SA, "future")))
p = P("2025-10-14")
case(S, K, X, p, "Am Sonntag hatten die Wähler einen neuen Oberbürgermeister bestimmt.", D("Sonntag", bare_wd(p, SU, "past")))
p = P("2026-01-08")
case(S, K, X, p, "Am kommenden Sonntag wird das Krippenspiel noch einmal aufgeführt.", D("kommenden Sonntag", next_wd(p, SU)))
p = P("2024-06-27")
case(S, K, X, p, "Der Verein hatte am Montagabend seine Mitgliederversammlung abgehalten.",
     D("Montagabend", bare_wd(p, MO, "past")))
p = P("2025-05-23")
case(S, K, X, p, "Das Statistische Landesamt will am Dienstag neue Zahlen zur Inflation veröffentlichen.",
     D("Dienstag", bare_wd(p, TU, "future")))
p = P("2024-11-30")
case(S, K, X, p, "Nächsten Mittwoch berät der Kreistag über den Haushalt.", D("Nächsten Mittwoch", next_wd(p, WE)))
p = P("2025-08-10")
case(S, K, X, p, "Vergangenen Freitag hatte es in der Region heftige Gewitter gegeben.", D("Vergangenen Freitag", last_wd(p, FR)))
p = P("2026-04-28")
case(S, K, X, p, "Am Freitagmorgen soll die Sperrung der Talbrücke aufgehoben werden.",
     D("Freitagmorgen", bare_wd(p, FR, "future")))
p = P("2025-12-09")
case(S, K, X, p, "Der Chef des Autobauers hatte am Donnerstag seinen Rückzug angekündigt.",
     D("Donnerstag", bare_wd(p, TH, "past")))
p = P("2024-02-12")
case(S, K, X, p, "Der Prozess gegen die Betreiber der Plattform wird am Mittwoch fortgesetzt.",
     D("Mittwoch", bare_wd(p, WE, "future")))
p = P("2025-07-03")
case(S, K, X, p, "Letzten Montag hatten Unbekannte die Scheiben des Jugendzentrums eingeworfen.",
     D("Letzten Montag", last_wd(p, MO)))
p = P("2026-09-06")
case(S, K, X, p, "Kommenden Samstag eröffnet die Kirmes am Rheinufer.", D("Kommenden Samstag", next_wd(p, SA)))

K, X = "date_weeks", "date-weeks"
p = P("2025-06-18")
case(S, K, X, p, "Die Bauarbeiten am Bahnhofsvorplatz beginnen nächste Woche.", D("nächste Woche", week(p + 7 * DAY)))
p = P("2024-12-27")
case(S, K, X, p, "Die Schulen öffnen übernächste Woche wieder.", D("übernächste Woche", week(p + 14 * DAY)))
p = P("2025-03-14")
case(S, K, X, p, "Vergangene Woche hatte der Vorstand die neue Strategie präsentiert.", D("Vergangene Woche", week(p - 7 * DAY)))
p = P("2026-01-02")
case(S, K, X, p, "Letzte Woche war die Stadtverwaltung wegen der Feiertage nur eingeschränkt erreichbar.",
     D("Letzte Woche", week(p - 7 * DAY)))
p = P("2024-12-30")
case(S, K, X, p, "In dieser Woche bleibt das Bürgerbüro geschlossen.", D("dieser Woche", week(p)))
p = P("2025-09-24")
case(S, K, X, p, "In der kommenden Woche sollen die Tarifgespräche fortgesetzt werden.",
     D("kommenden Woche", week(p + 7 * DAY)))
p = P("2026-05-20")
case(S, K, X, p, "Die Ergebnisse der Bürgerbefragung werden in der Kalenderwoche 23 erwartet.",
     D("Kalenderwoche 23", f"{p.year}-W23"))
p = P("2025-07-29")
case(S, K, X, p, "Das Freibad bleibt in KW 33 wegen Wartungsarbeiten geschlossen.", D("KW 33", f"{p.year}-W33"))
p = P("2024-08-16")
case(S, K, X, p, "Die Gemeinde hatte in der vergangenen Woche mehrere Hitzewarnungen herausgegeben.",
     D("vergangenen Woche", week(p - 7 * DAY)))
p = P("2026-11-09")
case(S, K, X, p, "Das Verwaltungsgericht will nächste Woche über den Eilantrag entscheiden.",
     D("nächste Woche", week(p + 7 * DAY)))
p = P("2025-02-06")
case(S, K, X, p, "Übernächste Woche stellt der Hersteller sein neues Tablet vor.", D("Übernächste Woche", week(p + 14 * DAY)))
p = P("2024-04-18")
case(S, K, X, p, "Mitte nächster Woche soll das Wetter umschlagen.", D("Mitte nächster Woche", week(p + 7 * DAY), mod="mid"))
p = P("2025-10-31")
case(S, K, X, p, "Die Umfragewerte der Partei waren letzte Woche deutlich gesunken.", D("letzte Woche", week(p - 7 * DAY)))

K, X = "date_holidays", "date-holidays"
p = P("2025-03-26")
case(S, K, X, p, "Zu Ostern rechnet der Tourismusverband mit vollen Hotels am Bodensee.",
     D("Ostern", holiday(p, "Ostern", "future")))
p = P("2026-02-10")
case(S, K, X, p, "Das neue Naturkundemuseum soll bis Ostern 2026 fertig sein.",
     D("Ostern 2026", holiday_in("Ostern", 2026), relation="until"))
p = P("2024-05-08")
case(S, K, X, p, "An Pfingsten erwartet der ADAC volle Autobahnen in Richtung Süden.",
     D("Pfingsten", holiday(p, "Pfingsten", "future")))
p = P("2025-11-20")
case(S, K, X, p, "Bis Weihnachten sollen alle bestellten Pakete zugestellt sein.",
     D("Weihnachten", holiday(p, "Weihnachten", "future"), relation="until"))
p = P("2024-12-19")
case(S, K, X, p, "An Heiligabend fahren Busse und Bahnen nur bis zum frühen Abend.",
     D("Heiligabend", holiday(p, "Heiligabend", "future")))
p = P("2025-12-29")
case(S, K, X, p, "Zu Silvester rechnet die Feuerwehr mit vielen Einsätzen.",
     D("Silvester", holiday(p, "Silvester", "future")))
p = P("2024-12-28")
case(S, K, X, p, "Die neuen Müllgebühren gelten ab Neujahr.",
     D("Neujahr", holiday(p, "Neujahr", "future"), relation="since"))
p = P("2025-04-14")
case(S, K, X, p, "Am Karfreitag bleiben in Baden-Württemberg die Tanzlokale geschlossen.",
     D("Karfreitag", holiday(p, "Karfreitag", "future")))
p = P("2024-04-02")
case(S, K, X, p, "Am Ostermontag hatte die Polizei zahlreiche Raser gestoppt.",
     D("Ostermontag", holiday(p, "Ostermontag", "past")))
p = P("2025-05-22")
case(S, K, X, p, "An Christi Himmelfahrt werden wieder viele Ausflügler in den Weinbergen erwartet.",
     D("Christi Himmelfahrt", holiday(p, "Christi Himmelfahrt", "future")))
p = P("2026-05-19")
case(S, K, X, p, "Am Pfingstmontag fällt die Abfuhr der Biotonne aus.",
     D("Pfingstmontag", holiday(p, "Pfingstmontag", "future")))
p = P("2024-09-25")
case(S, K, X, p, "Am Tag der Deutschen Einheit öffnet das Landesmuseum bei freiem Eintritt.",
     D("Tag der Deutschen Einheit", holiday(p, "Tag der Deutschen Einheit", "future")))
p = P("2025-01-07")
case(S, K, X, p, "An Weihnachten 2024 waren die Notaufnahmen der Kliniken überlastet.",
     D("Weihnachten 2024", holiday_in("Weihnachten", 2024)))
p = P("2026-01-05")
case(S, K, X, p, "An Silvester hatten Unbekannte mehrere Briefkästen gesprengt.",
     D("Silvester", holiday(p, "Silvester", "past")))
p = P("2025-06-02")
case(S, K, X, p, "An Pfingsten 2025 öffnet der Kletterwald zum ersten Mal.",
     D("Pfingsten 2025", holiday_in("Pfingsten", 2025)))
p = P("2026-03-20")
case(S, K, X, p, "Am Karfreitag 2026 gilt in Bayern ein Tanzverbot.", D("Karfreitag 2026", holiday_in("Karfreitag", 2026)))
p = P("2025-12-30")
case(S, K, X, p, "Am Neujahrstag fährt die Bergbahn erst ab Mittag.",
     D("Neujahrstag", holiday(p, "Neujahr", "future")))
p = P("2024-05-27")
case(S, K, X, p, "An Fronleichnam zieht die traditionelle Prozession durch das Dorf.",
     D("Fronleichnam", holiday(p, "Fronleichnam", "future")))
p = P("2026-10-01")
case(S, K, X, p, "Zum Tag der Deutschen Einheit 2026 lädt der Landtag zum Bürgerfest.",
     D("Tag der Deutschen Einheit 2026", holiday_in("Tag der Deutschen Einheit", 2026)))
p = P("2024-03-22")
case(S, K, X, p, "Am Ostersonntag lädt die Gemeinde Familien zur Eiersuche in den Park.",
     D("Ostersonntag", holiday(p, "Ostersonntag", "future")))

K, X = "date_periods", "date-periods"
p = P("2025-06-18")
case(S, K, X, p, "Am Wochenende soll es in ganz Baden-Württemberg sehr heiß werden.", D("Wochenende", weekend(p, "future")))
p = P("2024-07-15")
case(S, K, X, p, "Am Wochenende hatten Unbekannte die Spielgeräte im Stadtpark beschädigt.", D("Wochenende", weekend(p, "past")))
p = P("2025-10-08")
case(S, K, X, p, "Die neuen Fahrpläne werden Ende des Monats veröffentlicht.",
     D("Ende des Monats", month(p.year, p.month), mod="end"))
p = P("2025-09-12")
case(S, K, X, p, "Der Neubau an der Uferstraße soll Anfang 2026 bezugsfertig sein.", D("Anfang 2026", "2026", mod="start"))
p = P("2026-01-27")
case(S, K, X, p, "Die Saison im Freilichtmuseum beginnt Mitte März.", D("Mitte März", month_near(p, 3, "future"), mod="mid"))
p = P("2025-05-05")
case(S, K, X, p, "Im dritten Quartal will der Hersteller die Produktion hochfahren.",
     D("dritten Quartal", f"{p.year}-Q3"))
p = P("2024-03-13")
case(S, K, X, p, "Ende Juni läuft die Förderung für Lastenräder aus.", D("Ende Juni", month_near(p, 6, "future"), mod="end"))
p = P("2025-11-03")
case(S, K, X, p, "Anfang nächsten Jahres will die Kommune die Grundsteuer anpassen.",
     D("Anfang nächsten Jahres", str(p.year + 1), mod="start"))
p = P("2026-02-25")
case(S, K, X, p, "Im Sommer soll die neue Radbrücke freigegeben werden.", D("Sommer", str(p.year), mod="mid"))
p = P("2024-10-22")
case(S, K, X, p, "Im vierten Quartal 2024 rechnet die Brauerei mit einem schwächeren Absatz.",
     D("vierten Quartal 2024", "2024-Q4"))
p = P("2025-04-01")
case(S, K, X, p, "Ende des Jahres läuft der Mietvertrag für die Lagerhalle aus.",
     D("Ende des Jahres", str(p.year), mod="end"))
p = P("2026-07-14")
case(S, K, X, p, "Im vergangenen Monat waren deutlich weniger Menschen arbeitslos gemeldet.",
     D("vergangenen Monat", months_back(p, 1)))
p = P("2024-01-18")
case(S, K, X, p, "Mitte Februar will der Landkreis das Gutachten vorlegen.", D("Mitte Februar", month_near(p, 2, "future"), mod="mid"))
p = P("2025-08-19")
case(S, K, X, p, "Am kommenden Wochenende findet das Drachenbootrennen auf dem Neckar statt.",
     D("kommenden Wochenende", weekend(p, "future")))
p = P("2024-11-26")
case(S, K, X, p, "Anfang Dezember soll die Eisbahn im Schlosshof öffnen.",
     D("Anfang Dezember", month_near(p, 12, "future"), mod="start"))
p = P("2025-02-18")
case(S, K, X, p, "Im nächsten Monat beginnt der Umbau der Stadthalle.", D("nächsten Monat", months_back(p, -1)))
p = P("2026-10-20")
case(S, K, X, p, "Der Abschluss der Arbeiten ist für Ende kommender Woche geplant.",
     D("Ende kommender Woche", week(p + 7 * DAY), mod="end"))
p = P("2025-12-03")
case(S, K, X, p, "Mitte Januar sollen die Bescheide verschickt werden.", D("Mitte Januar", month_near(p, 1, "future"), mod="mid"))
p = P("2024-02-06")
case(S, K, X, p, "Im ersten Quartal will der Versandhändler zwei neue Lager eröffnen.",
     D("ersten Quartal", quarter(p)))
p = P("2024-08-20")
case(S, K, X, p, "Im Februar hatte der Stadtrat den Doppelhaushalt beschlossen.", D("Februar", month_near(p, 2, "past")))

K, X = "date_ranges", "date-ranges"
p = P("2025-06-14")
assert p.weekday() == SA
case(S, K, X, p, "Die Rheinbrücke wird von Montag bis Freitag nachts voll gesperrt.",
     D("Montag bis Freitag", interval(next_wd(p, MO), next_wd(next_wd(p, MO), FR))))
p = P("2025-02-20")
case(S, K, X, p, "Die Handwerksmesse findet vom 3. bis 5. März in den Messehallen statt.",
     D("3. bis 5. März", interval(day_near_date(p, 3, 3, "future"), day_near_date(p, 3, 5, "future"))))
p = P("2024-05-29")
case(S, K, X, p, "Zwischen dem 10. und 14. Juni ist das Rathaus wegen Umbauarbeiten geschlossen.",
     D("10. und 14. Juni", interval(day_near_date(p, 6, 10, "future"), day_near_date(p, 6, 14, "future"))))
p = P("2025-09-15")
case(S, K, X, p, "Das Weinfest der Partnerstadt wird vom 1.–3. Oktober 2025 gefeiert.",
     D("1.–3. Oktober 2025", interval(date(2025, 10, 1), date(2025, 10, 3))))
p = P("2024-02-09")
case(S, K, X, p, "Die Skimesse läuft vom 28. Februar bis 2. März.",
     D("28. Februar bis 2. März", interval(day_near_date(p, 2, 28, "future"), day_near_date(p, 3, 2, "future"))))
p = P("2025-12-10")
start = day_near_date(p, 12, 24, "future")
case(S, K, X, p, "Die Eisbahn hat vom 24. Dezember bis 6. Januar verlängerte Öffnungszeiten.",
     D("24. Dezember bis 6. Januar", interval(start, date(start.year + 1, 1, 6))))
p = P("2026-08-30")
assert p.weekday() == SU
thu = next_wd(p, TH)
case(S, K, X, p, "Von Donnerstag bis Sonntag wird auf dem Marktplatz das Stadtfest gefeiert.",
     D("Donnerstag bis Sonntag", interval(thu, next_wd(thu, SU))))
p = P("2024-11-04")
case(S, K, X, p, "Die Kunstmesse findet vom 22. bis 24.11.2024 in der Stadthalle statt.",
     D("22. bis 24.11.2024", interval(date(2024, 11, 22), date(2024, 11, 24))))
p = P("2025-07-09")
case(S, K, X, p, "Die Sommerakademie läuft vom 14. Juli bis zum 8. August.",
     D("14. Juli bis zum 8. August", interval(day_near_date(p, 7, 14, "future"), day_near_date(p, 8, 8, "future"))))
p = P("2026-03-03")
case(S, K, X, p, "Die Abschlussprüfungen finden zwischen dem 20. und 24. April 2026 statt.",
     D("20. und 24. April 2026", interval(date(2026, 4, 20), date(2026, 4, 24))))
p = P("2025-01-22")
case(S, K, X, p, "Vom 14.–16. Februar zeigt das Programmkino alle Filme der Regisseurin.",
     D("14.–16. Februar", interval(day_near_date(p, 2, 14, "future"), day_near_date(p, 2, 16, "future"))))
p = P("2024-08-10")
assert p.weekday() == SA
mon = last_wd(p, MO)
case(S, K, X, p, "Von Montag bis Mittwoch hatten Taucher den See nach dem Wrack abgesucht.",
     D("Montag bis Mittwoch", interval(mon, next_wd(mon, WE))))
p = P("2025-04-28")
case(S, K, X, p, "Der Streik im Hafen dauerte vom 22. bis 25. April.",
     D("22. bis 25. April", interval(day_near_date(p, 4, 22, "past"), day_near_date(p, 4, 25, "past"))))
p = P("2026-06-10")
case(S, K, X, p, "Die Sommerferien dauern in diesem Bundesland vom 30. Juli bis 12. September 2026.",
     D("30. Juli bis 12. September 2026", interval(date(2026, 7, 30), date(2026, 9, 12))))

K, X = "negatives_date", "date-neg"
case(S, K, X, "2025-03-05", "Der Bauernmarkt findet jeden Mittwoch auf dem Münsterplatz statt.")
case(S, K, X, "2025-11-16", "Die Sitzung des Bauausschusses beginnt um 14 Uhr.")
case(S, K, X, "2024-10-01", "Das Update auf Windows 11 ist für viele ältere Rechner nicht verfügbar.")
case(S, K, X, "2025-09-10", "Das iPhone 16 ist im Handel deutlich günstiger geworden.")
case(S, K, X, "2026-01-14", "Der Kundenservice der Stadtwerke ist 24/7 erreichbar.")
case(S, K, X, "2024-07-16", "Im Planetarium läuft eine Show über die Mission Apollo 11.")
case(S, K, X, "2025-05-19", "Beim Firmenlauf gingen exakt 2025 Läuferinnen und Läufer an den Start.")
case(S, K, X, "2024-09-29", "Der SC Freiburg gewann das Heimspiel gegen Bochum mit 3:1.")
case(S, K, X, "2026-04-21", "Die Hotline des Bürgeramts ist unter 0761 2025 112 erreichbar.")
case(S, K, X, "2025-02-26", "Die Tagesordnung ist unter www.musterstadt.de/rat/Sitzung%2020.pdf abrufbar.")
case(S, K, X, "2024-05-22", "Das neue Fenster im Treppenhaus misst 1.20 mal 2.10 Meter.")
case(S, K, X, "2025-08-06", "Der 1. FC Köln hat einen neuen Sportdirektor vorgestellt.")
case(S, K, X, "2026-03-25", "Die Bibliothek öffnet montags und donnerstags bis 19 Uhr.")
case(S, K, X, "2025-10-16", "Am Morgen war die Zufahrt zum Krankenhaus noch gesperrt.")
p = P("2025-02-27")
case(S, K, X, p, "Das Repair-Café öffnet jeden Freitag, zum ersten Mal am 7. März.",
     D("7. März", day_near(p, 3, 7, "future")))
case(S, K, X, "2026-07-30", "Der Porsche 911 und der Peugeot 208 führen die Zulassungsstatistik an.")

# ---------------------------------------------------------------------------------------------
# Output and checks

LABEL_FIELDS = {"MONEY": {"currency"}, "DURATION": {"unit"}, "DATE": {"date_value"}}
UNITS = {"year", "month", "week", "day", "hour", "minute", "second"}
_PART = r"\d{4}(?:-(?:\d{2}(?:-\d{2})?|Q[1-4]|W\d{2}))?"
DATE_RE = re.compile(rf"^{_PART}(?:/{_PART})?$")
MIN_PER_KIND = 10


def _num(v) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v) if isinstance(v, int) else repr(v)


def _scalar(k: str, v) -> str:
    if k in ("value", "low", "high"):
        return _num(v)
    if k in ("occurrence",):
        return str(v)
    if k in ("label", "currency", "unit", "qualifier", "date_mod", "date_relation"):
        return v
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'


def emit(cases: list[dict], suite: str) -> str:
    out = [f"# German breadth suite: {suite}. GENERATED by build_breadth.py (dates computed from",
           "# `published`); edit the script, not this file. Scored by `quellenlage breadth`.", ""]
    for c in cases:
        out += [f"- id: {c['id']}", f"  kind: {c['kind']}", f"  published: {iso(c['published'])}",
                f"  text: {_scalar('text', c['text'])}"]
        if not c["spans"]:
            out.append("  spans: []")
            continue
        out.append("  spans:")
        for s in c["spans"]:
            out.append("    - {" + ", ".join(f"{k}: {_scalar(k, v)}" for k, v in s.items()) + "}")
    return "\n".join(out) + "\n"


def check(all_cases: dict[str, list[dict]]) -> list[str]:
    errors, ids = [], Counter()
    for suite, cases in all_cases.items():
        kinds = Counter(c["kind"] for c in cases)
        for kind, n in kinds.items():
            if n < MIN_PER_KIND:
                errors.append(f"{suite}: kind {kind} has only {n} cases")
        for c in cases:
            ids[c["id"]] += 1
            text, where = c["text"], c["id"]
            taken: list[tuple[int, int]] = []
            for s in c["spans"]:
                t = s["text"]
                n = text.count(t)
                occ = int(s.get("occurrence", 1))
                if n == 0:
                    errors.append(f"{where}: span {t!r} not in text")
                    continue
                if n > 1 and "occurrence" not in s:
                    errors.append(f"{where}: span {t!r} occurs {n} times: give occurrence")
                if occ > n:
                    errors.append(f"{where}: occurrence {occ} of {t!r} but only {n}")
                    continue
                start = -1
                for _ in range(occ):
                    start = text.find(t, start + 1)
                end = start + len(t)
                if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                    errors.append(f"{where}: span {t!r} cuts a word")
                if any(start < e and b < end for b, e in taken):
                    errors.append(f"{where}: span {t!r} overlaps another")
                taken.append((start, end))
                label = s["label"]
                if label not in LABEL_FIELDS:
                    errors.append(f"{where}: label {label}")
                    continue
                missing = LABEL_FIELDS[label] - s.keys()
                if missing:
                    errors.append(f"{where}: {t!r} lacks {missing}")
                if label in ("MONEY", "DURATION"):
                    if not ("value" in s) ^ ("low" in s and "high" in s):
                        errors.append(f"{where}: {t!r} needs value or low/high")
                    if "low" in s and not s["low"] < s["high"]:
                        errors.append(f"{where}: {t!r} low >= high")
                if label == "MONEY" and not re.fullmatch(r"[A-Z]{3}", s.get("currency", "")):
                    errors.append(f"{where}: {t!r} currency {s.get('currency')!r}")
                if label == "DURATION" and s.get("unit") not in UNITS:
                    errors.append(f"{where}: {t!r} unit {s.get('unit')!r}")
                if label == "DATE":
                    v = s.get("date_value")
                    if not isinstance(v, str) or not DATE_RE.match(v):
                        errors.append(f"{where}: {t!r} date_value {v!r}")
                    elif "/" in v:
                        a, b = v.split("/")
                        if not a < b:
                            errors.append(f"{where}: {t!r} interval {v}")
    errors += [f"id {i} used {n} times" for i, n in ids.items() if n > 1]
    return errors


def roundtrip(path: Path, cases: list[dict]) -> list[str]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = []
    if len(loaded) != len(cases):
        return [f"{path.name}: {len(loaded)} cases on disk, {len(cases)} built"]
    for got, want in zip(loaded, cases):
        w = {**want, "published": want["published"]}
        if got != w:
            errors.append(f"{path.name}: {want['id']} does not load back as built: {got} != {w}")
    return errors


def main(argv: list[str]) -> int:
    only_check = "--check" in argv
    errors = check(SUITES)
    for suite, cases in SUITES.items():
        path = HERE / f"{suite}.yaml"
        text = emit(cases, suite)
        if only_check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                errors.append(f"{path.name} is not current: run build_breadth.py")
        else:
            path.write_text(text, encoding="utf-8")
        if path.exists():
            errors += roundtrip(path, cases)
    for e in errors:
        print("ERROR", e, file=sys.stderr)
    weekdays = Counter(c["published"].strftime("%a") for cs in SUITES.values() for c in cs)
    years = Counter(c["published"].year for cs in SUITES.values() for c in cs)
    for suite, cases in SUITES.items():
        kinds = Counter(c["kind"] for c in cases)
        spans = Counter(s["label"] for c in cases for s in c["spans"])
        print(f"{suite}.yaml: {len(cases)} cases, spans {dict(spans)}")
        for kind, n in kinds.items():
            print(f"  {kind:<24} {n}")
    print("published weekdays:", dict(weekdays), "years:", dict(sorted(years.items())))
    for note in TENSE_OVERRIDES:
        print("tense overrides nearness:", note)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
