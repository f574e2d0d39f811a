"""The spaCy components: results on doc.spans with Span._ records, exact offsets kept."""
from __future__ import annotations

from quellenlage.extract import make_doc
from quellenlage.readers import Article, parse_header


def process(nlp, text):
    a = Article(doc_id="t", path="t", text=text)
    parse_header(text, a)
    return nlp(make_doc(nlp, a))


def test_figures_land_on_doc_spans_with_records(nlp):
    text = "OpenAI kündigte einen 500-Milliarden-Dollar-Plans an und nutzt rund 15.000 Nvidia H100 GPUs."
    doc = process(nlp, text)
    recs = [s._.figure for s in doc.spans["figures"]]
    assert [(r["text"], r["label"]) for r in recs] == [("500-Milliarden-Dollar", "MONEY"), ("rund 15.000", "COUNT")]
    money = recs[0]
    # The figure sits inside one token; the record keeps the exact characters.
    assert text[money["start"]:money["end"]] == "500-Milliarden-Dollar"
    assert doc.spans["figures"][0].text == "500-Milliarden-Dollar-Plans"
    assert money["value"] == 5e11 and money["currency"] == "USD"


def test_header_and_boilerplate_produce_no_figures(nlp):
    text = ("title: 15.000 GPUs für MAI-1\ndate: 2025-08-29\n\n"
            "Microsoft nutzt 15.000 GPUs.\n\nAnzeige\nJetzt 50 Euro Prämie sichern!\n\n"
            "Microsoft-Aktie: Kaufen oder verkaufen?! Analyse vom 28. Dezember mit 3 Tipps.\n\n"
            "Der Konzern investiert bis zu 13 Milliarden US-Dollar.")
    doc = process(nlp, text)
    texts = [s._.figure["text"] for s in doc.spans["figures"]]
    assert texts == ["15.000", "bis zu 13 Milliarden US-Dollar"]
    assert doc.spans["figures"][0]._.figure["start"] > text.index("Microsoft nutzt")
    assert [s.text.strip() for s in doc.spans["boilerplate"]][0] == "Anzeige\nJetzt 50 Euro Prämie sichern!"


def test_two_figures_in_one_token_keep_their_own_records(nlp):
    doc = process(nlp, "Preise von 25.000–40.000 Dollar und ein 10-Milliarden-Dollar-13-Prozent-Deal.")
    recs = [s._.figure for s in doc.spans["figures"]]
    assert len({(r["start"], r["end"]) for r in recs}) == len(recs)
    assert recs[0]["low"] == 25000 and recs[0]["high"] == 40000


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PIECES = ["„", "“", '"', "»", "«", "‚", "‘", "'", "|", "-", "–", ".", ",", ":", "(", ")", "\n", "\n\n", " ",
          "\u00a0", "15.000", "1,8", "Mrd.", "Mio.", "Dollar", "€", "%", "Jänner", "seit", "bis", "2025", "Q3",
          "sagte", "laut", "Platz", "rund", "zwischen", "und", "GPUs", "Microsoft", "Er", "Anzeige", "Montag",
          "Geschäftsjahres", "ß", "İ", "𝟙", "\ufeff", "Top", "70B", "einer", "Modell", "Satya Nadella",
          "   ", "\t", "|---|", "©", "•", "Foto: APA", "Lesezeit: 4 Min.", "/", "BTC", "Wochenende",
          "Sprecherin der Behörde", "ein Mitarbeiter", "2024/25", "Herbst", "Prozent", "Kosten"]


@given(st.lists(st.sampled_from(PIECES), max_size=120))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_messy_text_never_breaks_the_pipeline(nlp, pieces):
    text = "".join(pieces)
    doc = process(nlp, text)
    for group, key in (("figures", "figure"), ("quotes", "quote")):
        for span in doc.spans[group]:
            rec = getattr(span._, key)
            assert text[rec["start"]:rec["end"]] == rec["text"]


def test_a_signed_percentage_is_a_change_of_that_size(nlp):
    text = "Nokia legt Zahlen vor.\n\n- Umsatz: 4,98 Mrd. Euro, -20 %\n- Marge: +1,5 Prozentpunkte\n\nDer Umsatz sank um 20 Prozent."
    recs = [s._.figure for s in process(nlp, text).spans["figures"] if s._.figure["label"] == "PERCENT"]
    assert [(r["text"], r["value"]) for r in recs] == [("-20 %", 20.0), ("+1,5 Prozentpunkte", 1.5), ("20 Prozent", 20.0)]
    claims = [s._.claim for s in process(nlp, text).spans["claims"] if s.text.startswith("-20")]
    assert claims and claims[0]["measure"] == "change"


def test_the_first_nine_months_of_a_year_are_a_date_a_tariffs_months_a_duration(nlp):
    doc = process(nlp, "date: 2023-10-25\n\nIn den ersten neun Monaten summierte sich das Minus auf 1,9 Mrd. Dollar. "
                       "A1 bietet Tarife ab 39,90 Euro im Monat an, in den ersten sechs Monaten um 19,90 Euro. "
                       "Das Projekt dauerte neun Monate.")
    got = [(r["text"], r["label"], r.get("date_value") or r.get("value")) for r in (s._.figure for s in doc.spans["figures"])
           if r["label"] in ("DATE", "DURATION")]
    assert got == [("ersten neun Monaten", "DATE", "2023-01/2023-09"), ("sechs Monaten", "DURATION", 6.0),
                   ("neun Monate", "DURATION", 9.0)]
