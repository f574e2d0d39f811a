"""Typed columns for notebooks (README "In a notebook"): the pure helpers behind them, and
the columns in the tables of a run (date32 days, grains, ISO 8601 durations, dictionary
strings read by pandas, DuckDB and Polars)."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from fractions import Fraction

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quellenlage.normalize.periods import FiscalCalendar, half_ending
from quellenlage.normalize.typed import DURATION_UNITS, GRAINS, date_grain, date_span, first_day, iso_duration
from quellenlage.tables import SCHEMAS, compact, read_table

days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@pytest.mark.parametrize("value,start,end,grain", [
    ("2025", "2025-01-01", "2025-12-31", "year"),
    ("2025-03", "2025-03-01", "2025-03-31", "month"),
    ("2024-02", "2024-02-01", "2024-02-29", "month"),
    ("2025-Q3", "2025-07-01", "2025-09-30", "quarter"),
    ("2025-H1", "2025-01-01", "2025-06-30", "half"),
    ("2025-W13", "2025-03-24", "2025-03-30", "week"),
    ("2025-03-03", "2025-03-03", "2025-03-03", "day"),
    ("2025-03-03/2025-03-05", "2025-03-03", "2025-03-05", "day"),
    ("2025-07/2025-09", "2025-07-01", "2025-09-30", "month"),
    ("2025-03/2025-05-10", "2025-03-01", "2025-05-10", "day"),   # the finer end's grain
])
def test_date_span_of_iso_values(value, start, end, grain):
    assert date_span(value) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end), grain)


def test_fiscal_values_have_days_only_with_their_calendar():
    microsoft = FiscalCalendar(7, "end")
    assert date_span("FY2026-Q1", microsoft) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30), "quarter")
    assert date_span("FY2026", microsoft) == (dt.date(2025, 7, 1), dt.date(2026, 6, 30), "year")
    assert date_span("FY2026-H2", microsoft) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30), "half")
    assert date_span("FY2026-Q1") == (None, None, "quarter")
    sony = FiscalCalendar(4, "start")  # names its years by the start; labels by the end all the same
    assert date_span("FY2025", sony) == (dt.date(2024, 4, 1), dt.date(2025, 3, 31), "year")
    assert sony.from_text(2024) == 2025 and microsoft.from_text(2026) == 2026


def test_fiscal_labels_say_their_months_in_the_calendar():
    from quellenlage.normalize.periods import calendar_label, extent
    apple = FiscalCalendar(10, "end")
    assert calendar_label(extent("FY2024-Q2", apple)) == "2024-Q1"  # January to March 2024
    assert calendar_label(extent("FY2024-H2", apple)) is None  # April to September is no calendar half
    assert calendar_label(extent("FY2025-H2", FiscalCalendar(7, "end"))) == "2025-H1"  # Microsoft's
    assert calendar_label(extent("FY2024", apple)) is None  # October to September is no calendar year
    assert calendar_label(extent("2025-03")) is None and calendar_label(None) is None


@given(st.integers(min_value=1901, max_value=2199), st.sampled_from(["", "-Q1", "-Q2", "-Q3", "-Q4", "-H1", "-H2"]))
def test_calendar_labels_come_back_from_their_months(year, part):
    from quellenlage.normalize.periods import calendar_label, extent
    assert calendar_label(extent(f"{year}{part}")) == f"{year}{part}"


@pytest.mark.parametrize("value", [None, "", "Sommer", "2025-13", "2025-02-30", "2025-W54", "2025-05/2025-03"])
def test_no_days_for_what_is_no_period(value):
    start, end, _ = date_span(value)
    assert start is None and end is None


@given(days)
def test_a_day_covers_itself(d):
    assert date_span(d.isoformat()) == (d, d, "day")


@given(days)
def test_every_grain_covers_the_day_it_is_made_of(d):
    iso_year, iso_week, _ = d.isocalendar()
    values = {
        "decade": f"{d.year // 10}", "year": f"{d.year}", "half": f"{d.year}-H{(d.month - 1) // 6 + 1}",
        "quarter": f"{d.year}-Q{(d.month - 1) // 3 + 1}", "month": f"{d.year}-{d.month:02d}",
        "week": f"{iso_year}-W{iso_week:02d}", "day": d.isoformat(),
    }
    spans = {}
    for grain, value in values.items():
        start, end, g = date_span(value)
        assert g == grain and start <= d <= end, value
        spans[grain] = (start, end)
    # coarser grains contain finer ones (weeks cross months, so they stand apart)
    nested = [g for g in reversed(GRAINS) if g != "week"]
    for outer, inner in zip(nested, nested[1:]):
        assert spans[outer][0] <= spans[inner][0] <= spans[inner][1] <= spans[outer][1]


@given(days, days)
def test_an_interval_spans_its_ends(a, b):
    a, b = min(a, b), max(a, b)
    assert date_span(f"{a.isoformat()}/{b.isoformat()}") == (a, b, "day")
    assert date_span(f"{a.year}-{a.month:02d}/{b.isoformat()}")[2] == "day"
    assert date_grain(f"{a.year}/{b.year}-Q1") == "quarter"


@given(days)
def test_first_day_of_a_publication_date(d):
    assert first_day(d.isoformat()) == d
    assert first_day(f"{d.year}-{d.month:02d}") == d.replace(day=1)
    assert first_day(str(d.year)) == dt.date(d.year, 1, 1)


def test_first_day_of_nothing():
    assert first_day(None) is None and first_day("") is None and first_day("irgendwann") is None


# --- durations -----------------------------------------------------------------------------

@pytest.mark.parametrize("value,unit,iso", [
    (18, "month", "P18M"), (2, "year", "P2Y"), (90, "minute", "PT90M"), (0.5, "year", "P6M"),
    (1.5, "year", "P18M"), (3, "week", "P3W"), (0.5, "week", "PT84H"), (1.5, "day", "PT36H"),
    (2.5, "month", "P2.5M"), (8, "second", "PT8S"), (0.25, "hour", "PT15M"), (0, "day", "P0D"),
    (122, "day", "P122D"), (1.5, "second", "PT1.5S"),
])
def test_iso_duration(value, unit, iso):
    assert iso_duration(value, unit) == iso


@pytest.mark.parametrize("value,unit", [(None, "year"), (2, None), (2, "parsec"), (-1, "day"),
                                        (float("nan"), "day"), (float("inf"), "year")])
def test_no_duration(value, unit):
    assert iso_duration(value, unit) is None


ISO_RE = re.compile(r"P(?:(?P<n>\d+(?:\.\d+)?)(?P<d>[YMWD])|T(?P<tn>\d+(?:\.\d+)?)(?P<td>[HMS]))")
# every unit in a common base: months for the calendar part, seconds for the rest
BASE = {("Y", False): ("cal", 12), ("M", False): ("cal", 1), ("W", False): ("sec", 7 * 86400),
        ("D", False): ("sec", 86400), ("H", True): ("sec", 3600), ("M", True): ("sec", 60), ("S", True): ("sec", 1)}
UNIT_BASE = {u: BASE[(d, t)] for u, (d, t, _) in DURATION_UNITS.items()}


def _parse(iso: str) -> tuple[str, Fraction]:
    m = ISO_RE.fullmatch(iso)
    assert m, iso
    number, designator, time_part = (m["tn"], m["td"], True) if m["tn"] else (m["n"], m["d"], False)
    kind, factor = BASE[(designator, time_part)]
    return kind, Fraction(Decimal(number)) * factor


@given(st.one_of(st.integers(0, 10_000).map(float),
                 st.fractions(min_value=0, max_value=1000, max_denominator=8).map(float),
                 st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False)),
       st.sampled_from(sorted(DURATION_UNITS)))
@settings(max_examples=300)
def test_iso_duration_says_the_same_length(value, unit):
    iso = iso_duration(value, unit)
    kind, amount = _parse(iso)
    expected_kind, factor = UNIT_BASE[unit]
    assert kind == expected_kind  # never months as days or days as months
    assert amount == Fraction(Decimal(repr(value))) * factor
    if value == int(value):  # whole numbers keep their unit
        assert iso == iso_duration(int(value), unit)


# --- the columns in the tables ----------------------------------------------------------------

def test_typed_columns_in_the_schemas():
    dictionary = pa.dictionary(pa.int32(), pa.string())
    for table in ("figures", "claims", "facts"):
        for col in ("label", "unit", "currency", "qualifier"):
            if col in SCHEMAS[table].names:
                assert SCHEMAS[table].field(col).type == dictionary, (table, col)
    assert SCHEMAS["documents"].field("published_date").type == pa.date32()
    for col in ("date_start", "date_end"):
        assert SCHEMAS["figures"].field(col).type == pa.date32()
    for table in ("figures", "quotes", "claims"):
        assert {"outlet", "published"} <= set(SCHEMAS[table].names)


def test_compact_gives_the_same_column_whatever_the_dictionaries():
    dictionary = pa.dictionary(pa.int32(), pa.string())
    schema = pa.schema([("unit", dictionary)])
    one = pa.table({"unit": pa.array(["gpu", None, "gpu", "chip"]).dictionary_encode()}).cast(schema)
    wide = pa.DictionaryArray.from_arrays(pa.array([2, 0, 3, None, 3, 1], pa.int32()),
                                          pa.array(["chip", "x", "y", "gpu"]))
    pieces = pa.concat_tables([pa.table({"unit": wide}).slice(2, 3).cast(schema),
                               pa.table({"unit": pa.array(["chip"]).dictionary_encode()}).cast(schema)])
    assert not pieces.equals(one)
    assert compact(pieces).equals(compact(one))
    assert compact(pieces).column("unit").to_pylist() == ["gpu", None, "gpu", "chip"]


def test_a_run_has_typed_columns(corpus_run):
    import duckdb
    import pandas as pd
    out, _ = corpus_run
    docs = read_table(out, "documents").to_pylist()
    for d in docs:
        if d["published"]:
            assert d["published_date"] == first_day(d["published"])
            assert d["published_date"].isoformat().startswith(d["published"])
        else:
            assert d["published_date"] is None
    by_doc = {d["doc_id"]: d for d in docs}
    figures = read_table(out, "figures").to_pylist()
    dated = [f for f in figures if f["label"] == "DATE" and f["date_value"] and not f["date_value"].startswith("FY")]
    assert dated and all(f["date_start"] <= f["date_end"] and f["date_grain"] in GRAINS for f in dated)
    assert all(f["date_start"] is None for f in figures if f["label"] != "DATE")
    durations = [f for f in figures if f["label"] == "DURATION"]
    assert any(f["duration"] for f in durations)
    assert all((f["duration"] is not None) == (f["value"] is not None and f["unit"] is not None) for f in durations)
    assert all(f["duration"] is None for f in figures if f["label"] != "DURATION")
    for name in ("figures", "quotes", "claims"):
        for r in read_table(out, name).to_pylist():
            d = by_doc[r["doc_id"]]
            assert (r["outlet"], r["published"]) == (d["outlet"], d["published"]), (name, r)
    # pandas: categoricals that compare as strings; DuckDB: VARCHAR
    df = pd.read_parquet(out / "figures")
    assert str(df["label"].dtype) == "category" and (df["label"] == "DATE").sum() == sum(
        f["label"] == "DATE" for f in figures)
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM read_parquet('{out}/figures/*.parquet') "
                    "WHERE label = 'COUNT' AND unit = 'gpu'").fetchone()[0]
    assert n == sum(f["label"] == "COUNT" and f["unit"] == "gpu" for f in figures)
    kinds = dict(con.execute(f"DESCRIBE SELECT label, date_start FROM read_parquet('{out}/figures/*.parquet')")
                 .fetchall()[i][:2] for i in range(2))
    assert kinds == {"label": "VARCHAR", "date_start": "DATE"}


def test_polars_reads_the_tables(corpus_run):
    pl = pytest.importorskip("polars")
    out, _ = corpus_run
    figures = pl.read_parquet(str(out / "figures" / "*.parquet"))
    assert figures.schema["date_start"] == pl.Date
    assert figures.filter(pl.col("label") == "DATE").height > 0
    claims = pl.read_parquet(str(out / "claims" / "*.parquet"))
    assert claims.height == read_table(out, "claims").num_rows


def test_an_output_folder_of_other_schemas_is_redone_in_full(tmp_path, rules):
    import json
    import shutil

    from conftest import ARTICLES
    from quellenlage.run import run
    src = tmp_path / "in"
    src.mkdir()
    for f in sorted(ARTICLES.glob("b3c-msftq1-*.txt"))[:2]:
        shutil.copy(f, src / f.name)
    out = tmp_path / "out"
    run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None)
    assert run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None).reused == 2
    manifest = out / ".quellenlage" / "manifest.json"
    old = json.loads(manifest.read_text(encoding="utf-8"))
    del old["tables"]  # as written before the typed columns
    manifest.write_text(json.dumps(old), encoding="utf-8")
    assert run([str(src)], out, model="rules", rules_dir=str(rules.root), log=lambda s: None).reused == 0


@pytest.mark.parametrize("ref, so_far", [("2024-Q3", "2024-01/2024-09"), ("2024-Q1", "2024-Q1"),
                                         ("FY2025-Q2", "FY2025-Q1/FY2025-Q2"), ("2024-01/2024-09", "2024-01/2024-09"),
                                         ("2024", None), ("2024-07/2024-09", None)])
def test_the_year_so_far(ref, so_far):
    from quellenlage.normalize.periods import year_so_far
    assert year_so_far(ref) == so_far


@given(year=st.integers(1990, 2100), q=st.integers(1, 4), fy=st.booleans())
def test_the_last_fourth_quarter_is_the_running_one_or_the_one_before(year, q, fy):
    from quellenlage.normalize.periods import last_fourth_quarter
    prefix = "FY" if fy else ""
    assert last_fourth_quarter(f"{prefix}{year}-Q{q}") == f"{prefix}{year if q == 4 else year - 1}-Q4"


@given(st.integers(2000, 2040), st.integers(1, 12), st.integers(1, 12))
def test_a_half_ending_with_a_month_covers_the_six_months_up_to_it(year, month, start_month):
    """ "in den sechs Monaten bis Ende September": the half that ends then, six months long."""
    fiscal = FiscalCalendar(start_month) if start_month != 1 else None
    half = half_ending(year, month, fiscal)
    first, last = date_span(half, fiscal)[:2]
    assert (last.year, last.month) == (year, month)
    assert (last.year * 12 + last.month) - (first.year * 12 + first.month) == 5


def test_a_fiscal_half_is_named_as_one():
    assert half_ending(2024, 9, FiscalCalendar(4)) == "FY2025-H1"
    assert half_ending(2024, 6) == "2024-H1"
    assert half_ending(2024, 8) == "2024-03/2024-08"
