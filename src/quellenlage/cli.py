"""The command line: extract, evaluate, conflicts, report (SPEC §3), rules check."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from quellenlage import __version__


class UserError(click.ClickException):
    """A run that cannot be done: one line that says what to fix (one per problem), exit code 1."""

    def show(self, file=None) -> None:
        for line in self.format_message().splitlines():
            click.echo(f"quellenlage: error: {line}", err=True)


def rules_error(exc: Exception) -> UserError:
    """Bad rules as a user error: every problem on its own line, then what to do."""
    from quellenlage.rules import RulesInvalid
    if isinstance(exc, RulesInvalid):
        n = len(exc.problems)
        return UserError("\n".join(p.format() for p in exc.problems)
                         + f"\n{n} problem{'' if n == 1 else 's'} in the rules in {exc.root}; nothing was read or "
                         f"written: fix {'it' if n == 1 else 'them'} (check with 'quellenlage rules check "
                         f"--rules {exc.root}')")
    return UserError(f"{exc} (check --rules)")


def _rules(rules_dir: str | None):
    from quellenlage.rules import RuleSet, RulesError
    try:
        return RuleSet.load(rules_dir)
    except RulesError as exc:
        raise rules_error(exc) from exc


def _pipeline(model: str, rules):
    from quellenlage.pipeline import ModelError, build
    try:
        return build(model, rules)
    except ModelError as exc:
        raise UserError(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quellenlage")
def main() -> None:
    """Figures, dates, quotes and conflicts from German tech news, as Parquet tables."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", default="outputs", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the tables and run.json.")
@click.option("--model", default="auto", show_default=True,
              help="auto (de_core_news_lg/md/sm if installed, else rule backbone), rules, a package name or a path.")
@click.option("--rules", "rules_dir", default=None, type=click.Path(),
              help="Rules folder (default: the project's rules/).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes, each with its own pipeline (or Dask workers).")
@click.option("--engine", default="local", show_default=True, type=click.Choice(["local", "dask"]))
@click.option("--scheduler", default=None, help="Dask scheduler address (with --engine dask).")
@click.option("--full", is_flag=True, help="Process every document again (default: only new and changed ones).")
@click.option("--doc-timeout", default=60.0, show_default=True, type=click.FloatRange(0),
              help="Seconds one document may take; past it the document gets status error (0: no limit).")
@click.option("--max-bytes", default=5_000_000, show_default=True, type=click.IntRange(1),
              help="Larger files and JSONL texts are skipped with status skipped and the reason.")
def extract(paths, out, model, rules_dir, workers, engine, scheduler, full, doc_timeout, max_bytes):
    """Run the pipeline over PATHS (files or folders) and write the tables to --out."""
    from quellenlage.distributed import EngineError
    from quellenlage.run import run
    from quellenlage.pipeline import ModelError
    from quellenlage.rules import RulesError
    from quellenlage.run import SystemicFailure
    from quellenlage.store import StoreError
    if scheduler and engine != "dask":
        raise click.BadParameter("--scheduler needs --engine dask", param_hint="--scheduler")
    if engine == "local":
        from quellenlage.tables import arrow_without_pandas
        arrow_without_pandas()  # this process ends with the run
    try:
        result = run(list(paths), Path(out), model, rules_dir, workers, engine, scheduler, full=full,
                     doc_timeout=doc_timeout or None, max_bytes=max_bytes)
    except RulesError as exc:
        raise rules_error(exc) from exc
    except ModelError as exc:
        raise UserError(str(exc)) from exc
    except (EngineError, StoreError, SystemicFailure) as exc:
        raise UserError(str(exc)) from exc
    except OSError as exc:
        raise UserError(f"cannot write to output folder {out}: {exc.strerror or exc}") from exc
    counts, n = result.status_counts(), result.counts
    click.echo(f"quellenlage {__version__} · {result.backbone}")
    for row in result.problems:
        click.echo(f"  {row['status']:<7} {row['path']}: {row['error']}")
    reused = f", {result.reused} unchanged" if result.reused else ""
    click.echo(f"{n['documents']} documents ({counts['ok']} ok, {counts['skipped']} skipped, "
               f"{counts['error']} error{reused}) · {n['figures']} figures · {n['quotes']} quotes · "
               f"{n['claims']} claims · {n['facts']} facts · {n['conflicts']} conflicts "
               f"→ {out}/ in {result.timings['total_s']:.1f} s")


@main.command()
@click.option("--gold", "gold", multiple=True, required=True, type=click.Path(exists=True),
              help="Gold JSONL file or folder (every *.jsonl but relations.jsonl); repeatable.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--model", default="auto", show_default=True)
@click.option("--rules", "rules_dir", default=None, type=click.Path())
@click.option("--errors", "show_errors", is_flag=True, help="Also list every false positive, miss and wrong value.")
@click.option("--baseline", "baselines", multiple=True, type=click.Choice(["dateparser"]),
              help="Also score a baseline on the same gold and print it beside ours.")
def evaluate(gold, as_json, model, rules_dir, show_errors, baselines):
    """Score the pipeline against gold spans (SPEC §8)."""
    from quellenlage.evaluate import evaluate as run_eval
    from quellenlage.evaluate import format_relations, format_table, load_gold, relations_for, score_relations
    rules = _rules(rules_dir)  # bad rules stop the run before any gold is read
    try:
        gold_docs = load_gold(list(gold))
    except (ValueError, OSError) as exc:
        raise UserError(f"cannot read gold: {exc}") from exc
    try:
        relations_given = relations_for(gold_docs, list(gold))
    except (ValueError, OSError) as exc:
        raise UserError(f"cannot read relations: {exc}") from exc
    nlp = _pipeline(model, rules)
    summary, scores = run_eval(nlp, rules, gold_docs)
    relations = score_relations(relations_given, summary.pop("conflicts"))
    compared = {}
    if "dateparser" in baselines:
        from quellenlage.baselines import score_dateparser
        compared["dateparser"] = score_dateparser(gold_docs)
    if as_json:
        # Exactly the SPEC's shape; quote kinds and baselines only print in the table.
        rel = {k: v for k, v in relations.items() if not isinstance(v, list)}
        rel.update(false_flags=len(relations["false_flags"]), unlisted=len(relations["unlisted"]))
        click.echo(json.dumps({"labels": summary["labels"], "overall": summary["overall"], "relations": rel}, indent=2))
    else:
        click.echo(f"{len(gold_docs)} gold documents · {nlp.meta.get('quellenlage_backbone')}")
        click.echo(format_table(summary))
        click.echo(format_relations(relations))
        for name, base in compared.items():
            ours = summary["labels"].get("DATE")
            theirs = base["labels"].get("DATE")
            if ours and theirs:
                click.echo(f"\nDATE, same gold    {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6} {'full F1':>8}")
                for who, m in (("quellenlage", ours), (name, theirs)):
                    click.echo(f"{who:<18} {m['tp'] + m['fp']:>5} {m['tp']:>5} {m['precision']:>6.3f} "
                               f"{m['recall']:>6.3f} {m['f1']:>6.3f} {m['full_f1']:>8.3f}")
    if show_errors:
        for doc_id, ds in scores:
            for e in ds.errors:
                gold_part = e.get("gold") or {}
                pred = e.get("pred") or {}
                click.echo(f"{doc_id}\t{e['type']}\t{(gold_part or pred).get('label')}\t{e['text']!r}\t"
                           f"gold={ {k: v for k, v in gold_part.items() if k in ('value', 'low', 'high', 'unit', 'kind', 'speaker')} }\t"
                           f"pred={ {k: pred.get(k) for k in ('value', 'low', 'high', 'unit', 'date_value', 'kind', 'speaker') if pred.get(k) is not None} }",
                           err=False)
        for rel in relations["missed"]:
            click.echo(f"relation\tmissed conflict\t{rel.get('subject')} · {rel.get('property')}\t"
                       f"{rel['a']['doc']} {rel['a']['text']!r} ≠ {rel['b']['doc']} {rel['b']['text']!r}")
        for rel in relations["false_flags"]:
            click.echo(f"relation\tflagged {rel['relation']}\t{rel.get('subject')} · {rel.get('property')}\t"
                       f"{rel['a']['doc']} {rel['a']['text']!r} ~ {rel['b']['doc']} {rel['b']['text']!r}")
        for c in relations["unlisted"]:
            click.echo(f"relation\tflag no relation lists\t{c['subject']} · {c['property']}\t"
                       f"{c['doc_a']} {c['text_a']!r} ≠ {c['doc_b']} {c['text_b']!r}")


@main.command()
@click.argument("suites", nargs=-1, type=click.Path(exists=True))
@click.option("--model", default="auto", show_default=True)
@click.option("--rules", "rules_dir", default=None, type=click.Path())
@click.option("--errors", "show_errors", is_flag=True, help="Also list every miss, wrong value and false positive.")
def breadth(suites, model, rules_dir, show_errors):
    """Score breadth suites (YAML cases grouped by kind: `3 Euro 20`, `ein halbes Jahr`,
    `übermorgen`): recall, value accuracy and precision per kind and per label."""
    from quellenlage.breadth import format_scores, load_cases, score_suite
    rules = _rules(rules_dir)
    nlp = _pipeline(model, rules)
    try:
        cases = load_cases(list(suites) or ["tests/breadth"])
        scores = score_suite(nlp, cases)
    except (ValueError, OSError, KeyError) as exc:
        raise UserError(f"cannot score the breadth suites: {exc}") from exc
    click.echo(f"{len(cases)} breadth cases")
    click.echo(format_scores(scores))
    if show_errors:
        for kind, s in sorted(scores.items()):
            if not kind.startswith("label ") and kind != "all":
                for line in s.misses:
                    click.echo(line)


@main.command()
@click.option("--out", default="outputs", show_default=True, type=click.Path(file_okay=False))
@click.option("--subject", default=None, help="Only facts whose subject contains this (case-insensitive).")
@click.option("--property", "prop", default=None, help="Only facts of this property (e.g. revenue).")
@click.option("--all", "include_agreed", is_flag=True, help="Also list the facts sources agree on.")
@click.option("--json", "as_json", is_flag=True, help="Print the facts as JSON.")
def conflicts(out, subject, prop, include_agreed, as_json):
    """Print the disputed facts of the last run, largest first: the competing values, the
    sources behind each, the suspected cause, and the evidence sentences."""
    from quellenlage.disputes import disputes, format_disputes
    from quellenlage.store import OutputStore
    out = Path(out)
    OutputStore(out).settle()
    if not (out / "facts").is_dir():
        raise UserError(f"no facts table in {out}/: run 'quellenlage extract' first")
    items = disputes(out, subject, prop, include_agreed)
    if as_json:
        click.echo(json.dumps(items, ensure_ascii=False, indent=2, default=str))
        return
    names = {k: p.get("name", k) for k, p in _rules(None).get("properties")["properties"].items()}
    disputed = [f for f in items if f["status"] == "disputed"]
    if not items:
        click.echo(f"No disputed facts in {out}/" + (" for this filter." if subject or prop else "."))
        return
    click.echo(format_disputes(items, names))
    click.echo(f"{len(disputed)} disputed facts ({sum(f['n_conflicts'] for f in disputed)} conflicting pairs)"
               + (f", {len(items) - len(disputed)} agreed" if include_agreed else "") + ".")


@main.command()
@click.option("--out", default="outputs", show_default=True, type=click.Path(file_okay=False))
def report(out):
    """Write an HTML report of the last run to OUT/report.html."""
    from quellenlage.report import write_report
    from quellenlage.store import OutputStore
    out = Path(out)
    OutputStore(out).settle()
    if not (out / "documents").is_dir():
        raise UserError(f"no tables in {out}/: run 'quellenlage extract' first")
    path = write_report(out)
    click.echo(f"report written to {path}")


@main.group("rules")
def rules_group() -> None:
    """Check the rule files (rules/language.yaml, rules/<lang>/*.yaml)."""


@rules_group.command("check")
@click.option("--rules", "rules_dir", default=None, type=click.Path(),
              help="Rules folder (default: the project's rules/).")
@click.option("--lang", default="de", show_default=True, help="Language subfolder to check.")
def rules_check(rules_dir, lang):
    """Check every rule file against its schema without running anything: exit 0 and one
    line per file when all are valid, exit 2 and one line per problem when not."""
    from quellenlage.rule_schema.report import shown_path
    from quellenlage.rules import RuleSet, RulesError, RulesInvalid
    try:
        rules = RuleSet.load(rules_dir, lang)
    except RulesInvalid as exc:
        for problem in exc.problems:
            click.echo(problem.format())
        n = len(exc.problems)
        click.echo(f"{n} problem{'' if n == 1 else 's'} in {shown_path(exc.root)}/")
        sys.exit(2)
    except RulesError as exc:
        click.echo(f"quellenlage: error: {exc}", err=True)
        sys.exit(2)
    for rel, summary in sorted(rules.summaries.items()):
        click.echo(f"{shown_path(rules.root / rel)}: ok, {summary}")


if __name__ == "__main__":
    sys.exit(main())
