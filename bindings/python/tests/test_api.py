"""The Python API as a notebook or an inspection system uses it."""

import json
import threading
import time

import pandas as pd
import pytest

import hjl
from conftest import ROOT

STEEL = {
    "inspection": {"date": "2024-06-01", "id": "JC-001"},
    "enterprise": {"sector": "metallurgy"},
    "metallurgy": {"blast_furnaces": [{"in_production": True, "top_pressure_setpoint": {"value": 260, "unit": "kPa"},
                                       "design_max_top_pressure": {"value": 250, "unit": "kPa"}}]},
}


def steel(i):
    r = json.loads(json.dumps(STEEL))
    r["inspection"]["id"] = f"JC-{i:05d}"
    r["metallurgy"]["blast_furnaces"][0]["top_pressure_setpoint"]["value"] = 240 + i % 40
    return r


def test_metadata_lists_standards_and_facts(engine):
    names = {s["name"] for s in engine.standards}
    assert {"industry_trade", "urban_gas", "fishing_vessel"} <= names
    it = next(s for s in engine.standards if s["name"] == "industry_trade")
    assert it["document"] and it["effective"] and it["clauses"] > 50
    sector = next(f for f in engine.facts if f["path"] == "enterprise.sector")
    assert sector["type"] == "enum" and sector["label"]
    assert any(v["name"] == "metallurgy" for v in sector["values"])
    furnaces = next(f for f in engine.facts if f["path"] == "metallurgy.blast_furnaces")
    assert furnaces["type"] == "list"
    pressure = next(f for f in furnaces["fields"] if f["name"] == "top_pressure_setpoint")
    assert pressure["type"] == "quantity" and pressure["unit"] == "kPa"
    assert next(f for f in furnaces["fields"] if f["name"] == "setpoint_over_design")["derived"]


def test_a_dict_and_its_json_text_are_judged_alike(engine):
    a = engine.evaluate(STEEL)
    b = engine.evaluate(json.dumps(STEEL, ensure_ascii=False))
    assert a.to_json() == b.to_json()
    assert a.id == "JC-001" and a.date == "2024-06-01"


def test_findings_and_undetermined_carry_labels(engine):
    j = engine.evaluate(steel(30))
    assert j.verdict == "major"
    finding = next(f for f in j.findings if f["standard"] == "industry_trade")
    assert finding["clause"] and finding["title"] and finding["evidence"]
    assert all(m["label"] for u in j.undetermined for m in u["missing"])
    html = j._repr_html_()
    assert "<b>结论</b>：重大事故隐患" in html and finding["clause"] in html
    bulk = engine.classify(steel(30))
    assert bulk["verdict"] == "major"
    assert finding["clause"] in next(s for s in bulk["standards"] if s["standard"] == "industry_trade")["major"]


def test_a_clear_pressure_is_not_major(engine):
    j = engine.evaluate(steel(0))  # 240 kPa against a design maximum of 250 kPa
    report = j.report("industry_trade")
    assert report is not None and report.verdict != "major"


def test_evaluate_many_keeps_input_order_on_two_workers(engine):
    records = [steel(i) for i in range(3000)]
    many = engine.evaluate_many(records, workers=2)
    assert [j.id for j in many] == [r["inspection"]["id"] for r in records]
    for i in (0, 17, 2999):
        assert many[i].to_json() == engine.evaluate(records[i]).to_json()


def test_a_dataframe_of_dotted_columns_is_judged_like_its_records(engine):
    records = [steel(i) for i in range(50)]
    frame = pd.DataFrame({
        "inspection.date": [r["inspection"]["date"] for r in records],
        "inspection.id": [r["inspection"]["id"] for r in records],
        "enterprise.sector": ["metallurgy"] * 50,
        "metallurgy.blast_furnaces": [r["metallurgy"]["blast_furnaces"] for r in records],
        "enterprise.name": [None] * 50,  # missing cells are left out, not errors
    })
    from_frame = engine.evaluate_many(frame)
    from_dicts = engine.evaluate_many(records)
    assert [j.verdict for j in from_frame] == [j.verdict for j in from_dicts]
    assert [len(j.findings) for j in from_frame] == [len(j.findings) for j in from_dicts]
    assert not any(j.errors for j in from_frame)


def test_a_dataframe_gives_each_row_the_judgement_of_its_json_text(engine):
    # Keys and words repeat from row to row (the writer remembers short strings it has
    # written); values that differ by one character, or only in case, must not be taken
    # for one another.
    sectors = ["metallurgy", "Metallurgy", "nonferrous", "冶金", "有色", "metallurgy "]
    records = []
    for i in range(600):
        r = steel(i)
        r["enterprise"]["sector"] = sectors[i % len(sectors)]
        r["enterprise"]["name"] = f"{'某钢铁有限公司' if i % 2 else '某钢铁有限公司 '}{i % 7}"
        furnace = r["metallurgy"]["blast_furnaces"][0]
        furnace["top_pressure_setpoint"]["unit"] = ["kPa", "MPa", "kpa"][i % 3]
        furnace["name"] = f"{i % 5}号高炉"
        records.append(r)
    frame = pd.json_normalize(records)
    from_frame = [j.to_json() for j in engine.evaluate_many(frame, workers=2)]
    from_text = [j.to_json() for j in engine.evaluate_many([json.dumps(r, ensure_ascii=False) for r in frame.to_dict("records")])]
    assert from_frame == from_text
    by_verdict = {j.verdict for j in engine.evaluate_many(frame)}
    assert len(by_verdict) > 1, "the rows are not all judged alike"


def test_a_jsonl_file_keeps_line_numbers_and_bad_lines_in_place(engine, tmp_path):
    path = tmp_path / "records.jsonl"
    # A line of only ideographic space is blank too, as for `hjl eval`.
    path.write_text(json.dumps(steel(1)) + "\n\n{ not json\n[1]\n\u3000\n" + json.dumps(steel(2)) + "\n", encoding="utf-8")
    many = engine.evaluate_many(path)
    assert [j.line for j in many] == [1, 3, 4, 6]
    assert [j.verdict for j in many][1:3] == ["error", "error"]
    assert many[0].error is None and many[3].error is None
    assert many[0].id == "JC-00001" and many[3].id == "JC-00002"


def test_classify_many_is_a_table_of_the_full_verdicts(engine):
    records = [steel(i) for i in range(200)]
    table = engine.classify_many(records, workers=2)
    assert list(table.columns[:5]) == ["record", "position", "standard", "version", "verdict"]
    full = engine.evaluate_many(records)
    for position, j in enumerate(full):
        rows = table[table["position"] == position]
        assert set(rows["record"]) == {j.id}
        assert len(rows) == len(j.reports) + len(j.not_applicable) + len(j.not_addressed)
        for report in j.reports:
            row = rows[rows["standard"] == report.standard].iloc[0]
            assert row["verdict"] == report.verdict
            assert list(row["major"]) == [f["clause"] for f in report.findings]
            assert row["near"] == report.data["clauses"]["near"]
            assert row["not_inspected"] == report.data["clauses"]["not_inspected"]


def test_bad_rules_raise_with_structured_diagnostics():
    with pytest.raises(hjl.RulesetError) as e:
        hjl.Engine.from_sources({"bad.hjl": 'standard x "X" {\n  issuer "I" document "D" effective 2024-01-01\n}\nclause "1" "t" { major when nonsense.fact }\n'})
    assert e.value.diagnostics, "a structured list"
    d = e.value.diagnostics[0]
    assert {"file", "line", "column", "code", "severity", "message", "help"} <= set(d)
    assert "bad.hjl" in str(e.value)


def test_a_folder_without_rules_is_an_error(tmp_path):
    with pytest.raises(hjl.RulesetError, match="没有找到 .hjl 文件"):
        hjl.Engine.from_dir(tmp_path)


def test_input_that_is_not_a_record_raises_record_error(engine):
    for bad in ("[1]", "{ not json", "null"):
        with pytest.raises(hjl.RecordError):
            engine.evaluate(bad)


def test_unreadable_values_are_errors_in_the_judgement_not_exceptions(engine):
    j = engine.evaluate({"inspection": {"date": "2024-13-45"}, "enterprise": {"sector": "metallurgy"}})
    assert j.errors and j.errors[0]["path"] == "inspection.date"


def test_the_gil_is_released_while_a_batch_is_judged(engine):
    records = [json.dumps(steel(i)) for i in range(20000)]
    ticks = []
    done = threading.Event()

    def tick():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=tick)
    started = time.perf_counter()
    t.start()
    engine._inner.judge_batch("iter", records, 1, False, None)  # one call into the engine
    finished = time.perf_counter()
    done.set()
    t.join()
    during = [x for x in ticks if started < x < finished]
    assert finished - started > 0.05, "the batch is long enough to tell"
    assert len(during) >= 10, f"the other thread ran {len(during)} times in {finished - started:.2f} s"


def test_version_and_repr(engine):
    assert hjl.version()
    assert "industry_trade" in repr(engine)


def test_without_pandas_the_table_is_plain_lists(engine, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now fails
    table = engine.classify_many([steel(30), "[1]"])
    assert isinstance(table, dict)
    rows = [dict(zip(table, values)) for values in zip(*table.values())]
    it = next(r for r in rows if r["standard"] == "industry_trade")
    assert it["verdict"] == "major" and it["major"] and it["record"] == "JC-00030"
    assert it["conditional"] == 0 and isinstance(it["near"], int)
    error = rows[-1]
    assert error["verdict"] == "error" and error["standard"] is None and error["message"]


def test_progress_reports_every_record(engine, monkeypatch):
    import sys
    import types

    seen = []

    class Bar:
        def __init__(self, total=None, unit=None):
            seen.append(("total", total))

        def update(self, n):
            seen.append(("update", n))

        def close(self):
            seen.append(("close", None))

    monkeypatch.setitem(sys.modules, "tqdm", types.ModuleType("tqdm"))
    monkeypatch.setitem(sys.modules, "tqdm.auto", types.SimpleNamespace(tqdm=Bar))
    records = [steel(i) for i in range(5000)]
    many = engine.evaluate_many(records, progress=True)
    assert len(many) == 5000
    assert seen[0] == ("total", 5000) and seen[-1] == ("close", None)
    assert sum(n for kind, n in seen if kind == "update") == 5000
    assert len([s for s in seen if s[0] == "update"]) >= 2, "updated chunk by chunk"


def test_values_python_has_but_json_lacks(engine):
    import datetime
    import decimal

    import numpy as np

    record = {
        "inspection": {"date": datetime.date(2024, 6, 1)},
        "enterprise": {"sector": "metallurgy"},
        "metallurgy": {"blast_furnaces": [{"in_production": np.bool_(True),
                                           "top_pressure_setpoint": {"value": decimal.Decimal("250.000000000000000001"), "unit": "kPa"},
                                           "design_max_top_pressure": {"value": np.int64(250), "unit": "kPa"}}]},
    }
    j = engine.evaluate(record)
    assert j.date == "2024-06-01" and not j.errors
    # 250.000000000000000001 kPa is more than 250 kPa: the decimal kept every digit.
    assert any(f["standard"] == "industry_trade" for f in j.findings)
    frame = pd.DataFrame({"inspection.date": [pd.Timestamp("2024-06-01"), pd.NaT],
                          "enterprise.sector": ["metallurgy", None]})
    a, b = engine.evaluate_many(frame)
    assert a.date == "2024-06-01" and b.date is None and not a.errors and not b.errors


def test_limits_on_a_record_are_set_per_engine(engine):
    assert engine.limits == {"record_bytes": 64 << 20, "list_rows": 100_000, "text_bytes": 1 << 20}
    two = steel(20)
    two["metallurgy"]["blast_furnaces"] *= 2
    strict = engine.with_limits(list_rows=1)
    assert strict.limits["list_rows"] == 1 and strict.limits["text_bytes"] == 1 << 20
    # Past the list limit the list counts as not given, with an error naming it.
    j = strict.evaluate(two)
    assert [e["path"] for e in j.errors] == ["metallurgy.blast_furnaces"]
    assert j.verdict != "major"
    assert engine.evaluate(two).verdict == "major", "the engine it came from is unchanged"
    # A record over the size limit is refused whole; in a batch the others are judged.
    tiny = engine.with_limits(record_bytes=100)
    with pytest.raises(hjl.RecordError, match="100"):
        tiny.evaluate(two)
    judged = tiny.evaluate_many(["{}", json.dumps(two)])
    assert judged[0].errors == [] and "超过上限 100 字节" in judged[1].error
    for bad in (0, -1, 1.5, True, "10"):
        with pytest.raises(ValueError):
            engine.with_limits(text_bytes=bad)


def test_too_many_workers_are_capped_with_a_warning(engine):
    with pytest.warns(UserWarning, match="four per core"):
        judged = engine.evaluate_many([json.dumps(steel(20 + i)) for i in range(3)], workers=100_000)
    assert [j.verdict for j in judged] == ["major"] * 3


def test_diff_tells_what_became_of_each_hazard(engine):
    pair = ROOT / "tests" / "reinspection" / "01-closed-on-evidence"
    before = json.loads((pair / "before.json").read_text(encoding="utf-8"))
    after = (pair / "after.json").read_text(encoding="utf-8")
    d = engine.diff(before, after)  # a dict and a JSON text
    assert d == json.loads((pair / "expected.json").read_text(encoding="utf-8"))
    assert [(h["clause"], h["change"]) for h in d["hazards"]] == [
        ("第四条（一）", "closed"), ("第四条（八）", "open")]
    # Judgements stand for their records; the changes are the same.
    from_judgements = engine.diff(engine.evaluate(before), engine.evaluate(after))
    assert from_judgements["counts"] == d["counts"]
    with pytest.raises(hjl.RecordError, match="复查"):
        engine.diff(before, "[1]")


def test_timelines_and_the_problem_list(engine):
    inspections = ROOT / "tests" / "timeline" / "inspections.jsonl"
    expected = json.loads((ROOT / "tests" / "timeline" / "expected.json").read_text(encoding="utf-8"))
    assert engine.timelines(inspections, as_of="2024-07-15", overdue_days=60) == expected
    # The same records as a DataFrame of dotted columns, missing cells left out.
    frame = pd.json_normalize([json.loads(line) for line in inspections.read_text(encoding="utf-8").splitlines()])
    assert engine.timelines(frame, as_of="2024-07-15", overdue_days=60) == expected
    table = hjl.problem_list(inspections, by=["district", "sector"], engine=engine,
                             overdue_days=60, as_of="2024-07-15")
    rows = {r["district"]: r for r in table.to_dict("records")}
    assert rows["唐山市丰润区"]["sector"] == "冶金"
    assert {k: rows["唐山市丰润区"][k] for k in ("found", "closed", "open", "overdue")} == {
        "found": 3, "closed": 1, "open": 2, "overdue": 1}
    assert rows["沁河县"]["no_longer_listed"] == 3 and rows["沁河县"]["closed"] == 0
    # Judgements stand for records, as one unnamed enterprise.
    steel = [line for line in inspections.read_text(encoding="utf-8").splitlines() if "恒晟" in line]
    judged = engine.timelines([engine.evaluate(line) for line in steel], as_of="2024-07-15", overdue_days=60)
    assert [h["standing"] for h in judged[0]["hazards"]] == [h["standing"] for h in expected[0]["hazards"]]
    assert judged[0]["enterprise"]["id"] is None
    with pytest.raises(ValueError, match="cannot group by"):
        hjl.problem_list(inspections, by=["city"], engine=engine)
    with pytest.raises(hjl.RecordError, match="第 2 条记录"):
        engine.timelines(["{}", "[1]"])
