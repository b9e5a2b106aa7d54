"""The corpus through Python: the same judgements as the Rust engine, byte for byte."""

import json
import subprocess

from conftest import CORPUS, ROOT


def one_line(text):
    # Raw newlines only separate tokens in JSON (inside strings they are escaped).
    return " ".join(text.splitlines())


def test_every_corpus_record_is_judged_as_expected(engine, corpus):
    for name, text in corpus:
        expected = json.loads((CORPUS / name.replace(".json", ".expected.json")).read_text(encoding="utf-8"))
        try:
            actual = engine.evaluate(text).to_dict()
        except Exception as e:  # a record that is not an object
            actual = {"error": str(e)}
        assert actual == expected, name


def test_judgements_are_byte_identical_to_the_cli(engine, corpus, hjl_bin, tmp_path):
    stream = tmp_path / "corpus.jsonl"
    stream.write_text("\n".join(one_line(t) for _, t in corpus) + "\n", encoding="utf-8")
    cli = subprocess.run(
        [hjl_bin, "eval", "--json", str(ROOT / "rulesets"), str(stream)],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert cli.returncode in (0, 1), cli.stderr
    by_cli = cli.stdout.splitlines()
    by_python = [j.to_json() for j in engine.evaluate_many(stream, workers=2)]
    assert len(by_python) == len(corpus)
    for (name, _), a, b in zip(corpus, by_python, by_cli):
        assert a == b, name


def test_the_verdict_table_agrees_with_the_cli(engine, corpus, hjl_bin, tmp_path):
    stream = tmp_path / "corpus.jsonl"
    stream.write_text("\n".join(one_line(t) for _, t in corpus) + "\n", encoding="utf-8")
    cli = subprocess.run(
        [hjl_bin, "eval", "--json", "--verdicts", str(ROOT / "rulesets"), str(stream)],
        capture_output=True, text=True, encoding="utf-8",
    )
    assert cli.returncode in (0, 1), cli.stderr
    rows = engine.classify_many(stream, workers=2)
    by_cli = [json.loads(line) for line in cli.stdout.splitlines()]
    expected = []
    for c in by_cli:
        if "error" in c:
            expected.append((c["line"], c["line"] - 1, None, "error", [], 0, 0, 0))
        else:
            expected += [(c["id"] or c["line"], c["line"] - 1, s["standard"], s["verdict"], s["major"],
                          s["conditional"], s["near"], s["not_inspected"]) for s in c["standards"]]
    got = [(r.record, r.position, r.standard if isinstance(r.standard, str) else None, r.verdict,
            list(r.major), r.conditional, r.near, r.not_inspected) for r in rows.itertuples()]
    assert got == expected
