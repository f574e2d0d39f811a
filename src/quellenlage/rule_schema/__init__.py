"""The schema of the rule files (rules/language.yaml, rules/<lang>/*.yaml), in pydantic.

`check_sources` checks a whole folder at once and returns every problem (file, line, key
path, what is wrong, what to fix); `RuleSet.load` refuses a folder with any. One module per
group of files: lexicon (the figure lexicons, language, segmentation, boilerplate), dates,
entities (entities, quotes), properties, frames; base has the shared types, redos the
check for regular expressions that backtrack catastrophically, report the messages."""
from quellenlage.rule_schema.check import LANG_FILES, ROOT_FILES, Checked, check_sources
from quellenlage.rule_schema.report import Problem

__all__ = ["LANG_FILES", "ROOT_FILES", "Checked", "Problem", "check_sources"]
