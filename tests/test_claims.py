"""Claims (subject, property, frame) per document: the rule files' examples and cases that
must hold, through the real pipeline."""
from __future__ import annotations

import pytest

from quellenlage.extract import make_doc, prepare
from quellenlage.rows import doc_tables
from quellenlage.readers import Article, parse_header
from quellenlage.rules import RuleSet

RULES = RuleSet.load()


def claims_of(nlp, text: str, published: str | None = None) -> list[dict]:
    a = Article(doc_id="t", path="t", text=text)
    parse_header(text, a)
    [a] = prepare([a], RULES)
    if published:
        a.published = published
    return doc_tables(nlp(make_doc(nlp, a)))["claims"]


@pytest.mark.parametrize("example", RULES.get("properties")["examples"], ids=lambda e: e["text"][:40])
def test_property_examples(example, nlp):
    got = [{"figure": c["text"], "subject": c["subject"], "property": c["property"]}
           for c in claims_of(nlp, example["text"], example.get("published"))]
    assert got == example["claims"]


@pytest.mark.parametrize("text, phrase", [
    ("Das rund 140 Kilogramm schwere Fahrzeug rollt auf sechs Rädern.", "Das rund 140 Kilogramm schwere Fahrzeug"),
    ("Dann setzte der zwei Meter hohe Lander auf.", "der zwei Meter hohe Lander"),
    ("Das im Februar gestartete Fahrzeug rollt.", "Das im Februar gestartete Fahrzeug"),
])
def test_anaphors_with_a_measure_before_the_noun(text, phrase):
    """An anaphor's noun phrase may hold a measure ("das rund 140 Kilogramm schwere Fahrzeug"): it
    points back to the craft as "das Fahrzeug" does."""
    from quellenlage.entities import EntityRules
    product = {typ: rx for rx, typ in EntityRules(RULES.get("entities")).anaphora}["PRODUCT"]
    found = product.search(text)
    assert found is not None and found.group(0) == phrase


FRAME_KEYS = ("property", "period", "segment", "aspect", "measure", "basis", "period_start")


@pytest.mark.parametrize("example", RULES.get("frames")["examples"], ids=lambda e: e["text"][:40])
def test_frame_examples(example, nlp):
    by_text = {c["text"]: c for c in claims_of(nlp, example["text"], example.get("published"))}
    for want in example["frames"]:
        got = by_text.get(want["figure"])
        assert got is not None, f"no claim for {want['figure']!r}"
        for key in FRAME_KEYS:
            if key in want:
                value = str(got[key]) if key == "period_start" else got[key]  # (a date: its ISO form)
                assert value == want[key], (want["figure"], key, got[key])
        # What the example leaves out has its default.
        if "aspect" not in want:
            assert got["aspect"] == "actual", want["figure"]
        if "measure" not in want:
            assert got["measure"] == "level", want["figure"]


def test_claims_keep_offsets_and_frame_types(nlp):
    text = ("Nvidia steigerte im zweiten Geschäftsquartal den Umsatz auf 46,7 Milliarden Dollar, "
            "ein Plus von 56 Prozent. Im Vorquartal waren es 44,1 Milliarden Dollar. Für das laufende "
            "Quartal erwartet Nvidia einen Umsatz von 54 Milliarden Dollar.")
    rows = claims_of(nlp, text, "2025-08-27")
    for r in rows:
        assert text[r["start"]:r["end"]] == r["text"]
        assert text[r["sentence_start"]:r["sentence_end"]] == r["evidence"]
        assert r["aspect"] in ("actual", "forecast", "target", "estimate", "conditional")
        assert r["measure"] in ("level", "change")
    got = {r["text"]: (r["period"], r["aspect"], r["measure"]) for r in rows}
    assert got["46,7 Milliarden Dollar"] == ("FY2026-Q2", "actual", "level")
    assert got["56 Prozent"] == ("FY2026-Q2", "actual", "change")
    assert got["44,1 Milliarden Dollar"] == ("FY2026-Q1", "actual", "level")
    assert got["54 Milliarden Dollar"] == ("FY2026-Q3", "forecast", "level")
    q2 = next(r for r in rows if r["text"] == "46,7 Milliarden Dollar")
    assert (str(q2["period_start"]), str(q2["period_end"])) == ("2025-05-01", "2025-07-31")


def test_the_subject_is_who_the_clause_is_about(nlp):
    rows = claims_of(nlp, "Nvidia investiert fünf Milliarden Dollar in Intel. Die Intel-Aktie sprang um 23 Prozent, "
                          "der Nasdaq legte um ein Prozent zu.", "2025-09-18")
    got = {r["text"]: (r["subject"], r["property"], r["measure"]) for r in rows}
    assert got["fünf Milliarden Dollar"] == ("Intel/Nvidia", "investment", "level")
    assert got["23 Prozent"] == ("Intel", "share_price", "change")
    assert got["ein Prozent"] == ("Nasdaq", "share_price", "change")


def test_a_figure_without_its_own_property_word_continues_the_claim_before(nlp):
    rows = claims_of(nlp, "Microsoft meldete im ersten Geschäftsquartal einen Umsatz von 77,7 Milliarden Dollar. "
                          "Von LSEG befragte Analysten hatten im Schnitt mit 75,3 Milliarden Dollar gerechnet.",
                     "2025-10-29")
    est = next(r for r in rows if r["text"] == "75,3 Milliarden Dollar")
    assert (est["subject"], est["property"], est["aspect"], est["period"]) == ("Microsoft", "revenue", "estimate", "FY2026-Q1")


def test_values_a_property_cannot_take_are_no_claim(nlp):
    # A market value is never a percent; a per-share price is no market value.
    rows = claims_of(nlp, "Der Börsenwert von Nvidia stieg um 3 Prozent, die Aktie kostet 180 Dollar.", "2025-08-28")
    assert all(not (r["property"] == "market_value" and r["label"] == "PERCENT") for r in rows)
    assert all(not (r["property"] == "market_value" and r["value"] == 180) for r in rows)


def test_a_fiscal_year_of_a_company_without_a_known_calendar_is_the_calendar_year(nlp):
    import datetime as dt
    unknown = claims_of(nlp, "Der Softwarekonzern Datenhof steigerte im Geschäftsjahr 2024 den Umsatz auf 3,4 Milliarden Euro.",
                        "2025-01-28")
    [c] = [c for c in unknown if c["text"] == "3,4 Milliarden Euro"]
    assert (c["period"], c["period_start"], c["period_end"]) == ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    # a calendar the gazetteer knows still decides: Siemens' fiscal 2025 runs from October 2024
    known = claims_of(nlp, "Siemens steigerte im Geschäftsjahr 2025 den Umsatz auf 78,9 Milliarden Euro.", "2025-11-13")
    [k] = [c for c in known if c["text"] == "78,9 Milliarden Euro"]
    assert (k["period_start"], k["period_end"]) == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))


def test_what_a_company_does_after_an_org_noun_is_no_company():
    from quellenlage.entities import EntityRules, find_entities
    rules = EntityRules.from_ruleset(RULES)
    text = "Während der Konzern Milliarden verliert, meldet der Autobauer Wagenfeld einen Umsatz von 78 Milliarden Euro."
    assert {(e.name, e.type) for e in find_entities(text, rules)} == {("Wagenfeld", "ORG")}


def test_bare_names_are_told_from_german_nouns():
    from quellenlage.entities import EntityRules, _Taken
    from quellenlage.entity_names import bare_names
    rules = EntityRules.from_ruleset(RULES)
    text = ("Lange galt Klangwerk als teuer. Nun meldet Klangwerk Gewinn, und Anleger feiern Klangwerk. "
            "Der Gewinn stieg, Gewinn bleibt Gewinn. Analysten loben Analysten, die Analysten.")
    assert bare_names(text, rules.cfg, rules.not_first, _Taken([], len(text))) == {"Klangwerk"}
    # words inside spans found before (entities, skipped regions) do not count
    hidden = _Taken([(0, len(text))], len(text))
    assert bare_names(text, rules.cfg, rules.not_first, hidden) == set()


def figures_of(nlp, text: str, published: str | None = None) -> list[dict]:
    a = Article(doc_id="t", path="t", text=text)
    [a] = prepare([a], RULES)
    a.published = published
    return doc_tables(nlp(make_doc(nlp, a)))["figures"]


def test_fiscal_year_is_fiscal_only_for_a_shifted_company(nlp):
    dates = {f["text"]: f["date_value"] for f in figures_of(nlp, (
        "SAP steigerte im Geschäftsjahr 2024 den Umsatz. SAP ist zufrieden.\n\n"
        "| Microsoft | ca. 80 Mrd. USD | Geschäftsjahr 2025 |\n"), "2025-01-28") if f["label"] == "DATE"}
    assert dates == {"Geschäftsjahr 2024": "2024", "Geschäftsjahr 2025": "FY2025"}


def test_fiscal_labels_are_named_by_the_year_they_end_in(nlp):
    """Sony names its fiscal years by the year they start in: its "Geschäftsjahr 2024" (April 2024
    to March 2025) is FY2025, the same label "2024/25" and "das neue Geschäftsjahr" (2025/26: FY2026)
    get; the rows' days agree."""
    figs = {f["text"]: f for f in figures_of(nlp, (
        "Sony hat die Zahlen für das Geschäftsjahr 2024 vorgelegt. Im Geschäftsjahr 2024/25 stieg der Umsatz. "
        "Für das neue Geschäftsjahr erwartet Sony mehr, für das Geschäftsjahr 2025 rechnet der Konzern mit 12 Billionen Yen.\n"),
        "2025-05-14") if f["label"] == "DATE"}
    assert {t: f["date_value"] for t, f in figs.items()} == {
        "Geschäftsjahr 2024": "FY2025", "Geschäftsjahr 2024/25": "FY2025", "neue Geschäftsjahr": "FY2026",
        "Geschäftsjahr 2025": "FY2026"}
    assert (str(figs["Geschäftsjahr 2024"]["date_start"]), str(figs["Geschäftsjahr 2024"]["date_end"])) == (
        "2024-04-01", "2025-03-31")


def test_a_conversion_later_in_the_sentence_is_the_same_claim(nlp):
    got = [(c["text"], c["subject"], c["property"], c["currency"]) for c in claims_of(nlp, (
        "Das Münchner Start-up Helsing baut Drohnen. Helsing hat sich in einer neuen Finanzierungsrunde "
        "600 Millionen Euro bei Investoren besorgt, umgerechnet knapp 700 Millionen US-Dollar."), "2025-06-17")]
    assert got == [("600 Millionen Euro", "Helsing", "funding", "EUR"),
                   ("knapp 700 Millionen US-Dollar", "Helsing", "funding", "USD")]


def test_a_total_over_several_rounds_is_no_round(nlp):
    got = {c["text"]: (c["property"], c["segment"]) for c in claims_of(nlp, (
        "Das Münchner Start-up Helsing baut Drohnen. Helsing hat in einer Serie-D-Finanzierungsrunde "
        "600 Millionen Euro eingeworben.\n\nHelsing in Zahlen:\n"
        "- Finanzierungsrunden: vier, zusammen rund 1,4 Milliarden Euro\n"), "2025-06-17")}
    assert got == {"600 Millionen Euro": ("funding", "series_d"),
                   "rund 1,4 Milliarden Euro": ("funding", "cumulative")}


def test_a_figure_compared_with_names_no_period_for_its_sentence(nlp):
    got = {c["text"]: c["period"] for c in claims_of(nlp, (
        "Der Chipausrüster ASML legte Zahlen zum dritten Quartal vor.\n\n"
        "Der Auftragseingang fiel auf 2,6 Milliarden Euro, nach 5,6 Milliarden Euro im zweiten Quartal. "
        "Der Konzern setzte von Juli bis September 7,5 Milliarden Euro um und übertraf damit die eigene Prognose."),
        "2024-10-15")}
    assert got == {"2,6 Milliarden Euro": "2024-Q3", "5,6 Milliarden Euro": "2024-Q2",
                   "7,5 Milliarden Euro": "2024-Q3"}


def test_a_list_row_is_named_by_the_line_the_list_stands_under():
    from quellenlage.layout import list_heading
    text = "Segmente (Umsatz, ggü. Vorquartal)\n- Automotive (ATV): 2,06 Mrd.\n- Industrie: 0,6 Mrd.\n\nFazit."
    s, e = list_heading(text, text.index("0,6"))
    assert text[s:e] == "Segmente (Umsatz, ggü. Vorquartal)"
    assert list_heading(text, text.index("Fazit")) is None  # no row
    assert list_heading("Der Umsatz stieg.\n- Industrie: 0,6 Mrd.", 25) is None  # a sentence is no heading
    rows = "Kennzahlen\n" + "- Zeile: 1\n" * 100
    assert list_heading(rows, len(rows) - 3) is None  # too far above: bounded, not searched for


def test_a_loss_is_a_negative_result_however_it_is_written(nlp):
    text = ("Klarna legt Zahlen vor.\n\nDer Umsatz stieg auf 823 Millionen Dollar, unter dem Strich stand aber ein "
            "Verlust von 53 Millionen Dollar. Der operative Gewinn stieg auf 3 Millionen Dollar, nach einem "
            "Verlust von 10 Millionen Dollar im Vorjahr.\n\n- Nettoverlust: 53 Mio. $\n- Umsatz: 823 Mio. $")
    values = {(c["property"], c["text"]): c["value"] for c in claims_of(nlp, text, "2025-08-14")}
    assert values[("net_income", "53 Millionen Dollar")] == -53e6
    assert values[("net_income", "53 Mio. $")] == -53e6  # the row's label says it
    assert values[("operating_income", "3 Millionen Dollar")] == 3e6  # a profit word nearer
    assert values[("operating_income", "10 Millionen Dollar")] == -10e6
    assert values[("revenue", "823 Millionen Dollar")] == 823e6  # revenue is never a loss
    # the verb says it too: "verlor unter dem Strich 92 Millionen Euro"
    text = "Der Solarkonzern Solarworld ist pleite. Im vergangenen Jahr setzte Solarworld 763 Millionen Euro um und verlor unter dem Strich 92 Millionen Euro."
    values = {(c["property"], c["text"]): c["value"] for c in claims_of(nlp, text, "2017-05-12")}
    assert values[("net_income", "92 Millionen Euro")] == -92e6
    assert values[("revenue", "763 Millionen Euro")] == 763e6


def test_a_value_set_against_a_loss_is_a_loss_too(nlp):
    # the sentence's loss word stands before the first value only; the one a year before is a loss as well
    text = ("Cellnex legt Zahlen vor. Wie das Unternehmen mitteilte, stand unter dem Strich ein Minus von 28 Millionen "
            "Euro, ein Jahr davor waren es noch 297 Millionen Euro gewesen. Der Umsatz stieg auf 4,4 Milliarden Euro, "
            "nach 4,0 Milliarden Euro im Vorjahr.")
    values = {c["text"]: c["value"] for c in claims_of(nlp, text, "2025-02-26")}
    assert values["28 Millionen Euro"] == -28e6
    assert values["297 Millionen Euro"] == -297e6
    assert values["4,0 Milliarden Euro"] == 4.0e9  # revenue set against last year's is no loss


def test_the_value_a_change_started_from_is_no_claim_about_the_period(nlp):
    """ "von 138 Mrd. $ auf 455 Mrd. $": the first is an earlier value at a time no one names, kept
    as an unnamed part (never compared across sources); the second is the backlog now."""
    got = {c["text"]: (c["property"], c["segment"], c["period"]) for c in claims_of(nlp, (
        "Oracle legte am Dienstag die Zahlen für das erste Quartal des Geschäftsjahres 2025/26 vor. Der "
        "Auftragsbestand ist innerhalb eines Quartals von 138 Mrd. $ auf 455 Mrd. $ hochgeschnellt."), "2025-09-10")}
    assert got["138 Mrd. $"][:2] == ("backlog", "(Teil)")
    assert got["455 Mrd. $"][:2] == ("backlog", None)


def test_the_rate_beside_the_whole_stays_the_whole_when_a_part_grew_at_another(nlp):
    """Two growth rates of one document: the one in the sentence of the whole's level ("um 21
    Prozent auf knapp 1,29 Mrd. Dollar") is the whole's, though a rate has no currency and the
    level has; the part's ("setzte Atlassian 362 Mio. Dollar um - ein Plus von 38 Prozent") is a part."""
    got = {c["text"]: c["segment"] for c in claims_of(nlp, (
        "Der Softwarekonzern Atlassian hat im zweiten Geschäftsquartal mehr umgesetzt. Die Erlöse stiegen im "
        "Jahresvergleich um 21 Prozent auf knapp 1,29 Milliarden US-Dollar. Mit Lizenzen für die Variante für "
        "eigene Rechenzentren setzte Atlassian 362 Millionen Dollar um - ein Plus von 38 Prozent."), "2025-01-31")}
    assert got["21 Prozent"] is None and got["knapp 1,29 Milliarden US-Dollar"] is None
    assert got["38 Prozent"] == "(Teil)" and got["362 Millionen Dollar"] == "(Teil)"


def test_a_possessive_model_is_the_named_company_s_and_a_variant_a_model_of_its_own(nlp):
    """ "seines neuen Modells": the model the company of the sentence brought out (not the first
    model the article names, a rival's); "Deepseeks Modell mit 671 Milliarden Parametern": that
    company's; "GLM-4.5-Air" is not "GLM-4.5"; a full stop after "GLM-4.5." ends the sentence."""
    got = {c["text"]: c["subject"] for c in claims_of(nlp, (
        "Erst präsentierte das Startup Moonshot sein Modell Kimi K2. Am Montag folgte Zhipu mit GLM-4.5. Zhipu gibt "
        "die Grösse seines neuen Modells mit 355 Milliarden Parametern an. Die kleinere Variante GLM-4.5-Air kommt auf "
        "106 Milliarden Parameter. GLM-4.5 ist halb so groß wie Deepseeks Modell mit 671 Milliarden Parametern."),
        "2025-07-30")}
    assert got["355 Milliarden"] == "GLM-4.5"
    assert got["106 Milliarden"] == "GLM-4.5-Air"
    assert got["671 Milliarden"] == "DeepSeek"


def test_a_dates_claim_is_its_own_time_and_a_vague_one_none(nlp):
    # The next day's ticker: Wednesday's results are Wednesday's news, however long ago the
    # quarter they cover ended (not an earlier, unsaid time that nothing is compared with).
    text = ("Der PC-Hersteller Lenovo hatte am Mittwoch die Zahlen für sein zweites Geschäftsquartal "
            "(Juli bis September) vorgelegt. Kurz vor Weihnachten hatte Lenovo angekündigt, ein Werk in Ungarn zu bauen.")
    rows = {r["text"]: r for r in claims_of(nlp, text, "2024-11-15")}
    assert rows["Mittwoch"]["property"] == "results_date" and rows["Mittwoch"]["date_value"] == "2024-11-13"
    assert rows["Mittwoch"]["past"] is False
    assert "Weihnachten" not in rows  # some time before Christmas: no date to compare


def test_a_region_a_cause_names_is_no_segment_and_a_lead_year_beats_an_aside_quarter(nlp):
    # "Wegen … auf die Töchter in Argentinien": the loss is the group's, not Argentina's; the year the
    # lead names is what the unnamed figures after the paragraph break are about, not the quarter an
    # aside ("Allein im vierten Quartal") names; a quarter named in a quote later does not count.
    text = ("Der Telekomkonzern Telefónica ist im vergangenen Jahr in die Verlustzone gerutscht. Wegen hoher "
            "Abschreibungen auf die Töchter in Argentinien stand ein Nettoverlust von 49 Millionen Euro. Allein im "
            "vierten Quartal verbuchte Telefónica Abschreibungen von 2,6 Milliarden Euro.\n\nDer Umsatz stieg um "
            "1,6 Prozent auf 41,3 Milliarden Euro.")
    got = {c["text"]: c for c in claims_of(nlp, text, "2025-02-25")}
    assert got["49 Millionen Euro"]["segment"] is None and got["49 Millionen Euro"]["value"] == -49e6
    assert got["41,3 Milliarden Euro"]["period"] == "2024"
    assert got["2,6 Milliarden Euro"]["period"] == "2024-Q4"


def test_a_models_size_names_another_model(nlp):
    # "OLMo 2 32B" and "OLMo 2 7B" are two models: the 7B's release is not the 32B's.
    text = ("Das Allen Institute for AI hat am Donnerstag OLMo 2 32B veröffentlicht. Die kleineren Modelle OLMo 2 7B "
            "und OLMo 2 13B hatte Ai2 bereits im November vorgestellt.")
    got = {c["text"]: c["subject"] for c in claims_of(nlp, text, "2025-03-14") if c["property"] == "release_date"}
    assert got.get("Donnerstag") == "OLMo 2 32B"
    assert got.get("November") != "OLMo 2 32B"


def test_part_of_year_narrows_an_event(nlp):
    """ "Ende 2023" dates an event to the year's last months: January's cuts are another event."""
    got = {c["text"]: c for c in claims_of(nlp, "Spotify hatte Ende 2023 rund 1500 Stellen gestrichen. "
                                                  "Anfang 2023 waren es 600 Stellen gewesen.", "2025-02-04")}
    assert str(got["rund 1500"]["period_start"]) == "2023-10-01" and str(got["rund 1500"]["period_end"]) == "2023-12-31"
    assert str(got["600"]["period_start"]) == "2023-01-01" and str(got["600"]["period_end"]) == "2023-03-31"


def test_a_cut_counts_jobs_whatever_noun_and_a_regions_market_is_no_market_of_goods(nlp):
    # job_cuts' compared_unit: "582 Beschäftigte" cut are 582 jobs, as "528 Stellen" are (the figure
    # keeps its own unit); "der US-Markt" names a region (rules market_not_names), so the shipments'
    # market is that of the goods they count, as in an article that names no market.
    text = ("Dropbox trennt sich von 582 Beschäftigten, rund 20 Prozent der Belegschaft. Sony hat im "
            "abgelaufenen Geschäftsjahr 18,5 Millionen Playstation-5-Konsolen ausgeliefert. Auf dem "
            "US-Markt lief das Geschäft schwächer als erwartet.")
    by_text = {c["text"]: c for c in claims_of(nlp, text, "2025-05-14")}
    assert (by_text["582"]["property"], by_text["582"]["unit"]) == ("job_cuts", "job")
    assert by_text["rund 20 Prozent"]["unit"] is None
    assert (by_text["18,5 Millionen"]["unit"], by_text["18,5 Millionen"]["market"]) == ("console", "Console-Markt")


def test_another_companys_fine_told_in_passing_is_not_the_head_authoritys(nlp):
    # issuers.mark_issuers: the article's head names the CNIL fining Google; Amazon's fine of 2021, told
    # in a relative clause ("das Luxemburg … gegen Amazon verhängt hat", the object after "gegen"),
    # is Amazon's and no fine of the CNIL: its issuer stays unknown (two authorities never conflict).
    text = ("Die französische Datenschutzbehörde CNIL hat gegen Google eine Strafe von 325 Millionen Euro verhängt. "
            "Google habe Werbung zwischen E-Mails platziert, ohne die Zustimmung der Nutzer einzuholen. Google will "
            "Einspruch einlegen. Höher war bislang nur das Bußgeld von 746 Millionen Euro, das Luxemburg im Juli 2021 "
            "gegen Amazon verhängt hat.")
    fines = {c["text"]: (c["subject"], c["property"], c["issuer"]) for c in claims_of(nlp, text, "2025-09-03")}
    assert fines == {"325 Millionen Euro": ("Alphabet", "fine", "CNIL"), "746 Millionen Euro": ("Amazon", "fine", None)}


def test_damals_before_a_figure_in_its_sentence_makes_a_stock_of_then(nlp):
    # "Damals …, bei einer Bewertung von 3,3 Mrd.": the valuation of the 2019 round, not the listing's
    # (rules: past_sentence); the listing's valuation in the sentence before stays of now.
    text = ("Rubrik ist seit Donnerstag an der Börse und wird mit 5,6 Milliarden Dollar bewertet. Bei der letzten "
            "Runde im Jahr 2019 war das anders: Damals sammelte Rubrik 261 Millionen Dollar ein, bei einer "
            "Bewertung von 3,3 Milliarden Dollar.")
    rows = {r["text"]: r for r in claims_of(nlp, text, "2024-04-26")}
    assert rows["3,3 Milliarden Dollar"]["property"] == "valuation"
    assert rows["3,3 Milliarden Dollar"]["past"] is True
    assert rows["5,6 Milliarden Dollar"]["past"] is False
    text = "Damals passte das Team von Personio in ein einziges Büro, heute arbeiten etwa 1.800 Menschen für die Firma."
    rows = {r["text"]: r for r in claims_of(nlp, text, "2024-06-20")}
    assert rows["etwa 1.800"]["past"] is False  # "heute" after "Damals": of now again


def test_a_figure_keeps_its_nouns_unit_and_its_claim_the_unit_it_is_compared_in(nlp):
    # units.yaml names subscribers, players and computers by their own keys; properties.yaml
    # compared_units compares them as customers, users and devices, so "226 Millionen Abonnenten"
    # and "226 Millionen Kunden" are one frame (the figure row keeps "subscriber").
    text = ("Spotify zählte Ende Juni 226 Millionen zahlende Abonnenten. Roblox zählte im zweiten Quartal 79,5 "
            "Millionen täglich aktive Spieler. Beim Angriff auf Spotify wurden rund 10.000 Rechner verschlüsselt.")
    a = Article(doc_id="t", path="t", text=text)
    [a] = prepare([a], RULES)
    a.published = "2024-07-23"
    tables = doc_tables(nlp(make_doc(nlp, a)))
    figures = {f["text"]: f["unit"] for f in tables["figures"] if f["label"] == "COUNT"}
    assert figures == {"226 Millionen": "subscriber", "79,5 Millionen": "player", "rund 10.000": "computer"}
    claims = {c["text"]: (c["property"], c["unit"]) for c in tables["claims"]}
    assert claims["226 Millionen"] == ("customers", "customer")
    assert claims["79,5 Millionen"] == ("users", "user")
    assert claims["rund 10.000"] == ("affected_devices", "device")


def test_a_price_list_is_headed_by_the_sentence_over_it_and_its_smallest_memory_is_the_device_price():
    from quellenlage.claim_late import base_variants
    from quellenlage.entity_names import device_name
    from quellenlage.layout import list_heading
    # the last sentence of a line ending in a colon, or a one-sentence line over a blank line, heads the list
    text = ("Vorbestellungen sind ab sofort möglich, in den Handel kommen die Smartphones am 31. Januar. "
            "Die Preise in Deutschland:\n\nGalaxy S24, 8/128 GB: 899 Euro\niPhone 16 (128 GB): ab 949 Euro\n")
    s, e = list_heading(text, text.index("949"))
    assert text[s:e] == "Die Preise in Deutschland:"
    text = "Nvidia nannte Euro-Preise.\n\nGeForce RTX 5080: 999 US-Dollar / 1.169 Euro\n"
    s, e = list_heading(text, text.index("1.169"))
    assert text[s:e] == "Nvidia nannte Euro-Preise."
    assert list_heading("Der Umsatz stieg.\nGeForce RTX 5080: 999 US-Dollar\n", 30) is None  # no blank line: no heading
    # "das S24 Ultra" is the Galaxy S24 Ultra the article named; "Phone (2)" stays the maker's short name
    assert device_name("S24 Ultra", {"Galaxy S24 Ultra", "S24 Ultra"}) == "Galaxy S24 Ultra"
    assert device_name("S24+", {"Galaxy S24", "S24+"}) == "Galaxy S24+"
    assert device_name("Phone (2)", {"Nothing Phone (2)", "Phone (2)"}) == "Phone (2)"
    # the smallest memory's price is the device's own, unless the article gives one without memory
    claims = [{"subject": "Galaxy S24", "property": "price", "period": None, "aspect": "actual", "measure": "level",
               "segment": seg, "figure": {"start": i}} for i, seg in enumerate(["256gb", "128gb", "1tb"])]
    base_variants(claims)
    assert [c["segment"] for c in claims] == ["256gb", None, "1tb"]
    claims[1]["segment"] = "128gb"
    claims.append({**claims[0], "segment": None, "figure": {"start": 9}})
    base_variants(claims)
    assert [c["segment"] for c in claims] == ["256gb", "128gb", "1tb", None]


def test_a_line_opening_with_a_camel_case_name_is_a_sentence_of_its_own(nlp):
    doc = nlp.make_doc("Die Preise:\n\niPhone 16 (128 GB): ab 949 Euro\niPhone 16 Plus (128 GB): ab 1.099 Euro\n")
    doc = nlp.get_pipe("quellenlage_sentences")(doc)
    assert [s.text.strip() for s in doc.sents][-2:] == ["iPhone 16 (128 GB): ab 949 Euro", "iPhone 16 Plus (128 GB): ab 1.099 Euro"]


def test_a_figure_told_as_a_correction_is_marked_revised(nlp):
    """"Statt der zunächst geschätzten knapp 50 Millionen Konten …": the sentence corrects an earlier count
    (claims column `revised`, rules `revised`); a count told plainly is none."""
    rows = claims_of(nlp, "Facebook hat die Zahl der Betroffenen nach unten korrigiert: Die Angreifer hätten die Daten von "
                          "rund 30 Millionen Nutzern erbeutet. Facebook hat 2,2 Milliarden Nutzer.", "2018-10-12")
    got = {r["text"]: r["revised"] for r in rows}
    assert got == {"rund 30 Millionen": True, "2,2 Milliarden": False}


def test_an_outlook_told_as_one_of_before_is_past(nlp):
    """"Ursprünglich hatte das Management … angepeilt" (rules `past_outlook`): an outlook of before; the new one a
    replaced value stands beside ("Statt der ursprünglich angepeilten 60 Millionen …") is of now."""
    rows = claims_of(nlp, "Der Hersteller Zorvex steckt in der Krise. Ursprünglich hatte das Management für 2024 einen Umsatz "
                          "von 50 bis 70 Millionen Euro angepeilt. Die Firma Kalvo senkt die Prognose: Statt der ursprünglich "
                          "angepeilten 60 Millionen Euro rechnet Kalvo für 2024 mit rund 40 Millionen Euro Umsatz.", "2024-08-20")
    got = {r["text"]: r["past"] for r in rows if r["property"] == "revenue"}
    assert got["50 bis 70 Millionen Euro"] is True and got["rund 40 Millionen Euro"] is False


def test_a_dateline_after_the_header_is_no_company(nlp):
    # The header lines are a blanked region: "BONN." still opens the body's first paragraph, a
    # place in a dateline, so no "BONN" is the subject of the day the figures were told.
    text = ("title: Post meldet Rekord\ndate: 2022-03-10\n\nBONN. Die Zahlen, die am Mittwoch vorgelegt wurden, "
            "lesen sich gut. Die Deutsche Post DHL hat einen Umsatz von 81,7 Milliarden Euro erzielt.")
    claims = claims_of(nlp, text)
    assert "BONN" not in {c["subject"] for c in claims}
    assert [(c["text"], c["subject"]) for c in claims if c["property"] == "revenue"] == [("81,7 Milliarden Euro", "DHL Group")]
