"""The report in a real browser (headless Chromium driven by Playwright): the sections and
counts the DOM should have, the filter box and the pages, the article views; any JavaScript
console error, page error or dialog fails the test. Screenshots go to outputs/.

Skipped, with the reason, when Playwright or a Chromium binary is missing (.ci/run installs
Debian's `chromium`; QUELLENLAGE_CHROMIUM may name another binary)."""
from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from quellenlage.report import LABELS, page_name
from quellenlage.tables import read_table

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "outputs"


def _chromium() -> str | None:
    wanted = os.environ.get("QUELLENLAGE_CHROMIUM")
    if wanted:
        return wanted if Path(wanted).is_file() else shutil.which(wanted)
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")
CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found: apt-get install -y chromium "
                                                         "(or set QUELLENLAGE_CHROMIUM to a Chrome/Chromium binary)")


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page that records console errors, page errors and dialogs; the test fails on any."""
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(f"console.{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))

    def dialog(d):
        problems.append(f"dialog {d.type}: {d.message}")
        d.dismiss()

    pg.on("dialog", dialog)
    pg.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    pg.problems = problems
    yield pg
    context.close()
    assert not problems, problems


def _open(pg, path: Path) -> None:
    pg.goto(path.as_uri())
    pg.wait_for_selector("html[data-ready='1']", state="attached", timeout=10_000)


def test_overview_disputes_documents_and_filters(report_run, page):
    out, index = report_run
    documents = read_table(out, "documents").to_pylist()
    disputed = [f for f in read_table(out, "facts").to_pylist() if f["status"] == "disputed"]
    figures = read_table(out, "figures").to_pylist()
    _open(page, index)
    for section in ("#overview", "#disputes", "#documents", "#filters"):
        assert page.locator(section).count() == 1, section
    assert page.locator("#overview svg").count() == 4
    bars = {page.locator(f"#chart-1 .bar-row").nth(i).get_attribute("data-label"):
            int(page.locator(f"#chart-1 .bar-row").nth(i).get_attribute("data-n"))
            for i in range(page.locator("#chart-1 .bar-row").count())}
    assert {k: v for k, v in bars.items() if k != "QUOTE"} == dict(Counter(f["label"] for f in figures))
    assert int(page.locator("#chart-4").get_attribute("data-total")) == len(documents)

    facts = page.locator("#fact-list [data-item]")
    assert facts.count() == len(disputed) > 25
    assert page.locator("#fact-list [data-item]:visible").count() == 25        # one page
    first = facts.first
    assert first.locator("[data-value]").count() >= 2
    assert first.locator("[data-evidence] mark.fig").count() == first.locator("[data-evidence]").count() > 0
    page.click("[data-pager-next='fact-list']")
    assert page.locator("#fact-list [data-item]:visible").count() == min(25, len(disputed) - 25)
    assert not first.is_visible()

    rows = page.locator("#doc-list [data-item]")
    assert rows.count() == len(documents)
    assert page.locator("#doc-list [data-item]:visible").count() == min(100, len(documents))

    # the filter box: outlet, subject, label
    heise = [d for d in documents if "heise" in (d["outlet"] or d["doc_id"]).lower()]
    page.fill("#filter-outlet", "heise")
    assert page.locator("#doc-list [data-item]:visible").count() == len(heise) > 0
    page.click("#filter-reset")
    page.fill("#filter-subject", "nvidia")
    shown = page.locator("#fact-list [data-item]:visible")
    assert 0 < shown.count() < len(disputed)
    assert all("nvidia" in shown.nth(i).get_attribute("data-subject") for i in range(shown.count()))
    page.click("#filter-reset")
    quotes = {q["doc_id"] for q in read_table(out, "quotes").to_pylist()}
    page.select_option("#filter-label", "quote")
    assert page.locator("#doc-list [data-item]:visible").count() == min(100, len(quotes))
    page.click("#filter-reset")
    page.screenshot(path=str(SCREENSHOTS / "report-index.png"), full_page=False)

    # an evidence link opens the article at the figure
    link = page.locator("#fact-list [data-evidence] a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_selector("html[data-ready='1']", state="attached")
    anchor = href.split("#", 1)[1]
    assert page.locator(f"#{anchor}").count() == 1
    assert page.locator(f"#{anchor} + .hl").is_visible()


PAGES = 90  # article pages opened: a spread over the corpus (every one took 100 s at 450 articles)


def test_article_pages_highlight_their_rows(report_run, page):
    """A spread of article pages (every k-th in doc_id order, the most quoted and the one with the
    most figures among them, and the hostile one) show every figure, quote and claim row."""
    out, _ = report_run
    figures = Counter(f["doc_id"] for f in read_table(out, "figures").to_pylist())
    quotes = Counter(q["doc_id"] for q in read_table(out, "quotes").to_pylist())
    claims = Counter(c["doc_id"] for c in read_table(out, "claims").to_pylist())
    ids = sorted(d["doc_id"] for d in read_table(out, "documents", columns=["doc_id"]).to_pylist())
    step = max(1, len(ids) // PAGES)
    sample = set(ids[::step]) | {"zz-hostile", max(ids, key=lambda i: (figures[i], i)), max(ids, key=lambda i: (quotes[i], i))}
    assert len(sample) >= min(len(ids), PAGES)
    for doc_id in sorted(sample):
        _open(page, out / "report" / "articles" / page_name(doc_id))
        tags = page.locator("#text .tag")
        labels = Counter(tags.nth(i).get_attribute("data-label") for i in range(tags.count()))
        assert sum(n for k, n in labels.items() if k != "QUOTE") == figures[doc_id], doc_id
        assert labels.get("QUOTE", 0) == quotes[doc_id], doc_id
        assert set(labels) <= set(LABELS)
        assert page.locator("#claims li[data-claim-id]").count() == claims[doc_id], doc_id


def test_markup_in_an_article_shows_as_text_and_runs_nothing(report_run, page):
    out, _ = report_run
    _open(page, out / "report" / "articles" / page_name("zz-hostile"))
    text = page.locator("#text").inner_text()
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(document.domain)>" in text
    assert "<b>sehr</b>" in text
    assert page.locator("#text script, #text img, #text b, body img").count() == 0
    assert "<script>alert(1)</script>" in page.locator("header h1").inner_text()
    hover = page.locator("#text .hl.l-MONEY").first.get_attribute("title")
    assert "MONEY" in hover and "USD" in hover
    assert any("Colette Kress" in (page.locator("#text .hl").nth(i).get_attribute("title") or "")
               for i in range(page.locator("#text .hl").count()))
    page.screenshot(path=str(SCREENSHOTS / "report-article.png"), full_page=False)
    # the title and outlet in the overview are text as well
    _open(page, out / "report.html")
    row = page.locator("#doc-list [data-doc-id='zz-hostile']")
    assert "<script>alert(1)</script>" in row.inner_text() and row.locator("img, script").count() == 0
    assert not page.problems
