"""The components in a user's own spaCy pipeline: found through the `spacy_factories` entry
points (no `import quellenlage`), saved with their rule files, loaded with `spacy.load`."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.util import load_config

from quellenlage.components import MissingAnnotation

ROOT = Path(__file__).resolve().parent.parent
PIPES = ["quellenlage_sentences", "quellenlage_boilerplate", "quellenlage_entities", "quellenlage_figures",
         "quellenlage_dates", "quellenlage_quotes", "quellenlage_claims"]
TEXT = ("Nvidia meldete am 28. August 2025 einen Umsatz von 46,7 Milliarden US-Dollar, rund 56 Prozent mehr "
        "als im Vorjahr. „Das ist ein Rekord“, sagte Jensen Huang. Das Unternehmen verkaufte 15.000 GPUs.")

# What both fresh interpreters print: every span group with its values.
SUMMARY = r'''
import json
def summary(doc):
    out = {}
    for key in ("figures", "dates", "entities", "quotes", "claims"):
        out[key] = [[s.start_char, s.end_char, s.label_, s.text, s._.value, s._.unit, s._.currency,
                     s._.date_value, s._.speaker] for s in doc.spans.get(key, [])]
    return out
'''

BUILD = SUMMARY + r'''
import sys
assert "quellenlage" not in sys.modules
import spacy
nlp = spacy.blank("de")
for name in json.loads(sys.argv[2]):
    nlp.add_pipe(name, config=json.loads(sys.argv[4]))
doc = nlp(sys.argv[3])
nlp.to_disk(sys.argv[1])
print(json.dumps(summary(doc)))
'''

LOAD = SUMMARY + r'''
import sys
assert "quellenlage" not in sys.modules
import spacy
from spacy import displacy
nlp = spacy.load(sys.argv[1])
doc = nlp(sys.argv[2])
html = displacy.render(doc, style="span", options={"spans_key": "figures"})
assert all(w in html for w in ("Milliarden", "MONEY", "PERCENT", "DATE")), html
print(json.dumps(summary(doc)))
'''


def fresh(script: str, *args: str, cwd: Path) -> dict:
    """Run a script in a new interpreter (no quellenlage imported) and read its JSON."""
    proc = subprocess.run([sys.executable, "-c", script, *args], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_entry_points_are_installed():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]["spacy_factories"]
    installed = {ep.name: ep.value for ep in entry_points(group="spacy_factories") if ep.name.startswith("quellenlage")}
    assert set(declared) == set(PIPES)
    assert installed == declared, ("the installed package metadata lacks the spacy_factories entry points of "
                                   "pyproject.toml: reinstall it (make setup, or pip install -e .)")


def absolute_paths(cfg) -> list[str]:
    found = []
    for value in cfg.values():
        if isinstance(value, dict):
            found += absolute_paths(value)
        elif isinstance(value, str) and (Path(value).is_absolute() or str(ROOT) in value):
            found.append(value)
    return found


def test_blank_pipeline_saved_and_loaded_in_fresh_interpreters(tmp_path):
    saved = tmp_path / "pipeline"
    before = fresh(BUILD, str(saved), json.dumps(PIPES), TEXT, "{}", cwd=tmp_path)
    after = fresh(LOAD, str(saved), TEXT, cwd=tmp_path)
    assert after == before

    figures = {f[3]: f for f in before["figures"]}
    money = figures["46,7 Milliarden US-Dollar"]
    assert money[2] == "MONEY" and money[4] == 46.7e9 and money[6] == "USD"
    assert figures["rund 56 Prozent"][4] == 56.0
    assert [d[7] for d in before["dates"]][0] == "2025-08-28"  # "im Vorjahr" needs doc._.published
    assert "28. August 2025" in figures  # the figures group holds dates too
    assert [q[8] for q in before["quotes"]] == ["Jensen Huang"]
    assert {e[3] for e in before["entities"]} >= {"Nvidia", "Jensen Huang"}
    assert any(c[3] == "46,7 Milliarden US-Dollar" and c[2] == "revenue" for c in before["claims"])

    # The config holds no path; every component folder holds the rule files it was built from.
    cfg = load_config(saved / "config.cfg", interpolate=False)
    assert absolute_paths(cfg) == []
    assert all(cfg["components"][name]["rules_dir"] is None for name in PIPES)
    bundled = sorted(p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*.yaml"))
    for name in PIPES:
        folder = saved / name / "rules"
        assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.yaml")) == bundled
        assert all((folder / rel).read_bytes() == (ROOT / "rules" / rel).read_bytes() for rel in bundled)
        assert json.loads((saved / name / "cfg").read_text())["lang"] == "de"


def test_custom_rules_travel_with_the_pipeline(tmp_path):
    """Rules from the user's folder are saved with the pipeline: the folder may be gone
    where the pipeline is loaded."""
    mine = tmp_path / "myrules"
    shutil.copytree(ROOT / "rules", mine)
    entities = mine / "de" / "entities.yaml"
    entities.write_text(entities.read_text(encoding="utf-8").replace(
        "organisations:\n", "organisations:\n  - {name: Zorbotron Holding, aliases: [Zorbo]}\n", 1), encoding="utf-8")
    saved = tmp_path / "pipeline"
    text = "Zorbo meldete einen Umsatz von 12 Millionen Euro."
    pipes = ["quellenlage_entities", "quellenlage_figures"]
    before = fresh(BUILD, str(saved), json.dumps(pipes), text, json.dumps({"rules_dir": str(mine)}), cwd=tmp_path)
    shutil.rmtree(mine)
    after = fresh(SUMMARY + "import sys, spacy\nnlp = spacy.load(sys.argv[1])\n"
                  "print(json.dumps(summary(nlp(sys.argv[2]))))", str(saved), text, cwd=tmp_path)
    assert after == before
    assert [e[2:4] for e in after["entities"]] == [["ORG", "Zorbo"]]
    assert b"Zorbotron Holding" in (saved / "quellenlage_entities" / "rules" / "de" / "entities.yaml").read_bytes()


def test_project_pipeline_config_holds_no_rules_path(nlp):
    assert all(nlp.config["components"][name].get("rules_dir") is None for name in nlp.pipe_names
               if name.startswith("quellenlage_"))


def test_components_round_trip_through_bytes():
    nlp = spacy.blank("de")
    for name in PIPES:
        nlp.add_pipe(name)
    data = nlp.to_bytes()
    other = spacy.blank("de")
    for name in PIPES:
        other.add_pipe(name)
    other.from_bytes(data)
    assert other.get_pipe("quellenlage_figures").rules.sha256 == nlp.get_pipe("quellenlage_figures").rules.sha256
    doc = other(TEXT)
    assert [s._.value for s in doc.spans["figures"] if s.label_ == "MONEY"] == [46.7e9]


def test_components_that_need_others_say_what_to_add():
    nlp = spacy.blank("de")
    nlp.add_pipe("quellenlage_quotes")
    with pytest.raises(MissingAnnotation, match="quellenlage_sentences"):
        nlp(TEXT)
    nlp = spacy.blank("de")
    nlp.add_pipe("quellenlage_sentences")
    nlp.add_pipe("quellenlage_claims")
    with pytest.raises(MissingAnnotation, match="quellenlage_figures"):
        nlp(TEXT)


def test_components_work_alone():
    nlp = spacy.blank("de")
    nlp.add_pipe("quellenlage_figures")
    doc = nlp(TEXT)
    money = [s for s in doc.spans["figures"] if s.label_ == "MONEY"]
    assert money[0]._.value == 46.7e9 and money[0]._.currency == "USD"
    nlp = spacy.blank("de")
    nlp.add_pipe("quellenlage_dates")
    doc = nlp(TEXT)
    assert [s._.date_value for s in doc.spans["dates"]][0] == "2025-08-28"
    nlp = spacy.blank("de")
    nlp.add_pipe("quellenlage_sentences")
    nlp.add_pipe("quellenlage_quotes")  # finds speakers without an entities component
    doc = nlp(TEXT)
    assert [s._.speaker for s in doc.spans["quotes"]] == ["Jensen Huang"]


def test_project_pipeline_saved_and_used_as_model(tmp_path, rules):
    """`--model PATH` with a pipeline saved from `build`: its components are reused, with the
    run's rules."""
    from quellenlage.pipeline import COMPONENTS, build
    build("rules", rules).to_disk(tmp_path / "saved")
    assert absolute_paths(load_config(tmp_path / "saved" / "config.cfg", interpolate=False)) == []
    nlp = build(str(tmp_path / "saved"), rules)
    assert [n for n in nlp.pipe_names if n.startswith("quellenlage_")] == ["quellenlage_sentences", *COMPONENTS]
    doc = nlp(TEXT)
    assert [s._.value for s in doc.spans["figures"] if s.label_ == "MONEY"] == [46.7e9]
