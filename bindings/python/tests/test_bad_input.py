"""The bad-input catalogue (tests/bad-input/records) through Python: every malformed or
hostile record gets the judgement the Rust engine expects of it, or the same record error."""

import json

import pytest

import hjl
from conftest import ROOT

RECORDS = ROOT / "tests" / "bad-input" / "records"


@pytest.fixture(scope="module")
def trade():
    # The catalogue is judged by the industry and trade standard (and the vocabulary it imports).
    return hjl.Engine.from_files([ROOT / "rulesets" / "industry-trade.hjl"])


def test_every_catalogued_record_is_judged_as_the_rust_engine_judges_it(trade):
    files = sorted(p for p in RECORDS.glob("*.json") if not p.name.endswith(".expected.json"))
    assert len(files) >= 40
    for path in files:
        expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        try:
            actual = trade.evaluate(text).to_dict()
        except hjl.RecordError as e:
            actual = {"error": str(e)}
        assert actual == expected, path.name
        # As an item of a batch too: in its place, and the same.
        [batched] = trade.evaluate_many([text], workers=1)
        assert (batched.to_dict() if batched.error is None else {"error": batched.error}) == expected, path.name
