"""The rule files are checked against their schema before anything runs: every way of
breaking a copy of the real rules is refused by `quellenlage rules check` (exit 2, file, line,
key path, what to fix) and by `quellenlage extract`, which then leaves a previous output
byte for byte as it was."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from quellenlage.rule_schema.redos import catastrophic
from quellenlage.rules import RuleSet, RulesInvalid

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
ARTICLE = ROOT / "corpus" / "articles" / "mistral-t3n.txt"


def line_of(rel: str, needle: str) -> int:
    """1-based line of the first line of the real rule file that contains `needle`."""
    lines = (RULES / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def rules_copy(tmp_path, monkeypatch):
    """A copy of the real rules in tmp_path/rules, with tmp_path as the working folder (so the
    messages name files as rules/de/units.yaml)."""
    shutil.copytree(RULES, tmp_path / "rules")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "rules"


@pytest.fixture(scope="module")
def good_output(tmp_path_factory):
    """The tables of one article, extracted with the real rules."""
    from click.testing import CliRunner

    from quellenlage.cli import main
    out = tmp_path_factory.mktemp("good") / "out"
    res = CliRunner().invoke(main, ["extract", str(ARTICLE), "--out", str(out), "--model", "rules"],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert (out / "figures").is_dir() and (out / "run.json").is_file()
    return out


# Each case: (rule file, how to break it, key path, line or None, words the message must hold).
CASES = {
    "invalid_regex": (
        "de/not_figures.yaml", lambda t: replace(t, r"'\b\d{1,2}\s*Uhr\b'", r"'\b\d{1,2}\s*(Uhr\b'"),
        "skip_patterns[1]", line_of("de/not_figures.yaml", r"'\b\d{1,2}\s*Uhr\b'"),
        ["regular expression does not compile", "missing ), unterminated subpattern at position 12", "backslash"]),
    "catastrophic_regex": (
        "de/boilerplate.yaml", lambda t: replace(t, "'Hier weiterlesen'", r"'Hier (\w+\s?)+weiterlesen'"),
        "line_patterns[5]", line_of("de/boilerplate.yaml", "'Hier weiterlesen'"),
        ["backtrack catastrophically", r"'(\w+\s?)+'", r"'\w+'"]),
    "empty_units": (
        "de/units.yaml", lambda t: "", "", None,
        ["the file is empty", "count_units", "gpu_models", "durations"]),
    "wrong_type": (
        "de/currencies.yaml", lambda t: replace(t, '    before: ["€", "EUR"]', '    before: "€"'),
        "currencies.EUR.before", line_of("de/currencies.yaml", 'before: ["€", "EUR"]'),
        ["expected a list, got the text '€'", "write it as a list: [€]"]),
    "renamed_required_key": (
        "de/units.yaml", lambda t: replace(t, "\ncount_units:\n", "\ncount_unit:\n"),
        "count_unit", line_of("de/units.yaml", "count_units:"),
        ["unknown key 'count_unit'", "did you mean 'count_units'?"]),
    "missing_required_key": (
        "de/quotes.yaml", lambda t: replace(t, "via_before: [gegenüber,", "# via_before: [gegenüber,"),
        "via_before", None, ["required key 'via_before' is missing", "gegenüber"]),
    "misspelt_optional_key": (
        "de/dates.yaml", lambda t: replace(t, "\npast_markers:", "\npast_marker:"),
        "past_marker", line_of("de/dates.yaml", "past_markers:"),
        ["unknown key 'past_marker'", "did you mean 'past_markers'?"]),
    "unknown_top_level_key": (
        "de/segmentation.yaml", lambda t: t + "colour: blue\n",
        "colour", len((RULES / "de/segmentation.yaml").read_text(encoding="utf-8").splitlines()) + 1,
        ["unknown key 'colour'", "remove it or use one of: abbreviations, may_end_sentence"]),
    "yaml_syntax_error": (
        "de/boilerplate.yaml", lambda t: replace(t, "sticky_max_words: 3\n", "sticky_max_words: 3: 4\n"),
        "", line_of("de/boilerplate.yaml", "sticky_max_words: 3"),
        ["cannot read rule file: YAML syntax error", "mapping values are not allowed"]),
    "non_mapping_file": (
        "language.yaml", lambda t: "- de\n- en\n", "", 1,
        ["must hold a mapping", "found a list"]),
    "unquoted_yaml_boolean": (
        "language.yaml", lambda t: replace(t, '"on", with', "on, with"),
        "languages.en[8]", line_of("language.yaml", '"on", with'),
        ["expected a text, got the boolean true", "quote the word"]),
}


def _break(rules: Path, case: str) -> tuple[str, str, int | None, list[str]]:
    rel, change, key, line, words = CASES[case]
    path = rules / rel
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return f"rules/{rel}", key, line, words


def _problem_line(output: str, file: str, key: str, line: int | None) -> str:
    """The one output line about `file` (at `line`) and `key`."""
    head = file + (f":{line}" if line else "") + ": " + (f"{key}: " if key else "")
    found = [out for out in output.splitlines() if out.startswith(head)]
    assert len(found) == 1, f"no single line starting {head!r} in:\n{output}"
    return found[0]


@pytest.mark.parametrize("case", list(CASES))
def test_rules_check_refuses_broken_rules(case, rules_copy, cli):
    file, key, line, words = _break(rules_copy, case)
    res = cli("rules", "check", "--rules", "rules")
    assert res.exit_code == 2, res.output
    message = _problem_line(res.output, file, key, line)
    for word in words:
        assert word in message, (word, message)
    assert ": ok," not in res.output  # a broken folder gets no per-file summary


@pytest.mark.parametrize("case", list(CASES))
def test_extract_refuses_broken_rules_and_keeps_the_old_output(case, rules_copy, cli, good_output, tmp_path):
    file, key, line, words = _break(rules_copy, case)
    out = tmp_path / "out"
    shutil.copytree(good_output, out)
    before = snapshot(out)
    res = cli("extract", ARTICLE, "--out", out, "--model", "rules", "--rules", "rules")
    assert res.exit_code == 1, res.output
    message = _problem_line(res.output.replace("quellenlage: error: ", ""), file, key, line)
    assert all(word in message for word in words), message
    assert "nothing was read or written" in res.output
    assert snapshot(out) == before
    fresh = tmp_path / "fresh"
    assert cli("extract", ARTICLE, "--out", fresh, "--rules", "rules").exit_code == 1
    assert not fresh.exists()


def test_the_real_rules_pass(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    res = cli("rules", "check")
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    files = sorted(["rules/language.yaml", *(f"rules/de/{p.name}" for p in (RULES / "de").glob("*.yaml"))])
    assert [line.split(":")[0] for line in lines] == files
    assert all(": ok, " in line for line in lines)
    units = yaml.safe_load((RULES / "de" / "units.yaml").read_text(encoding="utf-8"))
    assert f"rules/de/units.yaml: ok, {len(units['count_units'])} units, {len(units['examples'])} examples" in lines
    currencies = yaml.safe_load((RULES / "de" / "currencies.yaml").read_text(encoding="utf-8"))
    assert (f"rules/de/currencies.yaml: ok, {len(currencies['currencies'])} currencies, "
            f"{len(currencies['examples'])} examples") in lines


def test_did_you_mean_for_misspelt_keys_and_values(rules_copy, cli):
    props = rules_copy / "de" / "properties.yaml"
    text = props.read_text(encoding="utf-8")
    text = replace(text, "  gpus_deployed:\n    default: true\n", "  gpus_deployed:\n    defualt: true\n")
    text = replace(text, "    role: object\n    time: event\n", "    role: object\n    time: evnt\n")
    props.write_text(text, encoding="utf-8")
    res = cli("rules", "check", "--rules", "rules")
    assert res.exit_code == 2
    out = res.output
    line = line_of("de/properties.yaml", "  gpus_deployed:") + 1
    assert (f"rules/de/properties.yaml:{line}: properties.gpus_deployed.defualt: unknown key 'defualt'; "
            "did you mean 'default'?") in out.splitlines()
    assert "properties.funding.time: the text 'evnt' is not allowed here; did you mean 'event'?" in out


def test_all_problems_of_all_files_are_listed(rules_copy, cli):
    _break(rules_copy, "wrong_type")
    _break(rules_copy, "misspelt_optional_key")
    (rules_copy / "de" / "unit.yaml").write_text("count_units: {}\n", encoding="utf-8")
    units = rules_copy / "de" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "rank_top: [Top]\n", encoding="utf-8")
    res = cli("rules", "check", "--rules", "rules")
    assert res.exit_code == 2
    problems = [line for line in res.output.splitlines() if line.startswith("rules/")]
    assert len(problems) == 4, res.output
    assert "rules/de/unit.yaml: unknown rule file: nothing reads it; did you mean 'units.yaml'?" in problems
    assert any(p.startswith("rules/de/currencies.yaml:") for p in problems)
    assert any(p.startswith("rules/de/dates.yaml:") for p in problems)
    dup = line_of("de/units.yaml", "rank_top:")
    assert any(p.startswith("rules/de/units.yaml:") and f"appears twice (lines {dup} and " in p for p in problems)
    assert "4 problems" in res.output


def test_loading_raises_with_every_problem(rules_copy):
    _break(rules_copy, "empty_units")
    (rules_copy / "de" / "frames.yaml").unlink()
    with pytest.raises(RulesInvalid) as info:
        RuleSet.load(rules_copy)
    assert [(p.path.name, p.line) for p in info.value.problems] == [("frames.yaml", None), ("units.yaml", None)]
    assert "rule file missing" in info.value.problems[0].message


def test_evaluate_checks_the_rules_before_reading_gold(rules_copy, cli, tmp_path):
    _break(rules_copy, "wrong_type")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("not json\n", encoding="utf-8")
    res = cli("evaluate", "--gold", gold, "--model", "rules", "--rules", "rules")
    assert res.exit_code == 1
    assert "currencies.EUR.before: expected a list" in res.output
    assert "cannot read gold" not in res.output


@pytest.mark.parametrize("pattern, bad", [
    (r"(a+)+b", True), (r"(a*)*", True), (r"(\w+\s?)+$", True), (r"(?:x\w+)+!", True), (r"(?:a+|b)*c", True),
    (r"(a|a)*b", True), (r"(?i:(?:[a-z]+\d?)+)", True),
    (r"(?:\s[A-Z][\w.-]+)+", False), (r"(?:\.[\w-]+)+", False), (r"(?:\s+\S+){0,4}", False), (r"\w+\s+\w+", False),
    (r"(?>a+)+b", False), (r"(?:a++)+b", False), (r"(?:ab|cd)+", False), (r"[^.;]{0,80}?,", False),
])
def test_catastrophic_patterns_are_found(pattern, bad):
    assert (catastrophic(pattern) is not None) is bad
