"""hjl.spark in Spark's local mode on two cores: the same verdicts as the `hjl` command on
the same records, records that cannot be judged kept as rows, bad rules refused on the
driver, and nested DataFrames judged as their JSON text."""

import json
import os
import subprocess
import sys

import pyarrow as pa
import pytest
from pyspark.sql import SparkSession

import hjl
import hjl.spark
from conftest import CORPUS, ROOT

RULES = str(ROOT / "rulesets")
CATALOGUE = ROOT / "tests" / "bad-input" / "records"


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable  # the executors' Python has this package
    session = (
        SparkSession.builder.master("local[2]")
        .appName("hjl-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        # Small batches: many batches per task, all judged by the worker's one engine.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "16")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def lines():
    """The corpus and the bad-input catalogue, a record per line as JSON Lines holds them."""
    files = sorted(p for p in CORPUS.glob("*.json") if not p.name.endswith(".expected.json"))
    files += sorted(p for p in CATALOGUE.glob("*.json") if not p.name.endswith(".expected.json"))
    texts = [p.read_text(encoding="utf-8").replace("\r\n", " ").replace("\n", " ") for p in files]
    return [t for t in texts if t.strip()]


def cli_rows(hjl_bin, tmp_path, texts):
    """`hjl eval --verdicts --json` on the texts as a JSON Lines file, as rows keyed by line."""
    stream = tmp_path / "records.jsonl"
    stream.write_text("".join(t + "\n" for t in texts), encoding="utf-8")
    out = subprocess.run([hjl_bin, "eval", "--verdicts", "--json", RULES, str(stream)],
                         capture_output=True, text=True, encoding="utf-8")
    assert out.returncode in (0, 1), out.stderr
    rows = set()
    for line in out.stdout.splitlines():
        c = json.loads(line)
        if "error" in c:
            rows.add((c["line"], None, None, None, "error", (), 0, 0, 0, 1, c["error"]))
            continue
        for s in c["standards"]:
            rows.add((c["line"], c["id"], s["standard"], s["version"], s["verdict"],
                      tuple(s["major"]), s["conditional"], s["near"], s["not_inspected"],
                      c["errors"], None))
    return rows


def test_verdicts_equal_the_cli_on_the_same_records(spark, hjl_bin, tmp_path):
    texts = lines()
    assert len(texts) > 70
    df = spark.createDataFrame([(i + 1, t) for i, t in enumerate(texts)], "line long, text string")
    df = df.repartition(2)  # records out of order, judged on both cores
    got = hjl.spark.classify(df, RULES, json_column="text", key="line").collect()
    assert got[0].__fields__[:3] == ["line", "record", "standard"]
    rows = {(r.line, r.record, r.standard, r.version, r.verdict, tuple(r.major or ()),
             r.conditional, r.near, r.not_inspected, r.errors, r.message) for r in got}
    assert len(rows) == len(got), "no row twice"
    assert rows == cli_rows(hjl_bin, tmp_path, texts)
    # Records that cannot be judged are rows of their own, not a failed job.
    errors = [r for r in got if r.verdict == "error"]
    assert errors and all(r.message and r.standard is None for r in errors)
    assert any(r.verdict == "major" for r in got)


def test_judgements_are_the_engines_json_byte_for_byte(spark, engine):
    texts = lines()
    df = spark.createDataFrame([(i, t) for i, t in enumerate(texts)], "n int, text string")
    got = {r.n: r for r in hjl.spark.evaluate(df, json_column="text", key="n").collect()}
    assert sorted(got) == list(range(len(texts)))
    for i, text in enumerate(texts):
        expected = engine.evaluate_many([text])[0]
        assert got[i].judgement == expected.to_json(), texts[i][:80]
        assert got[i].verdict == ("error" if expected.error else expected.verdict)
        assert got[i].record == (None if expected.error else expected.id)


def steel(i):
    """A record whose values keep one JSON type from record to record, as a table has them."""
    return {
        "inspection": {"date": "2024-06-01", "id": f"JC-{i:04d}"},
        "enterprise": {"sector": "metallurgy", "name": f"第{i}钢厂"},
        "metallurgy": {"blast_furnaces": [
            {"in_production": True, "top_pressure_setpoint": {"value": 230 + i % 40, "unit": "kPa"},
             "design_max_top_pressure": {"value": 250, "unit": "kPa"}},
        ] * (1 + i % 2)},
    }


def test_a_nested_dataframe_is_judged_as_its_json(spark, tmp_path):
    path = tmp_path / "steel.jsonl"
    path.write_text("".join(json.dumps(steel(i), ensure_ascii=False) + "\n" for i in range(200)),
                    encoding="utf-8")
    nested = spark.read.json(str(path))
    assert "metallurgy" in nested.columns  # structs and arrays of structs, not text
    as_text = spark.read.text(str(path))
    key = ("record", "standard", "verdict", "major", "near", "errors")
    a = sorted(tuple(r[k] for k in key) for r in hjl.spark.classify(nested).collect())
    b = sorted(tuple(r[k] for k in key) for r in
               hjl.spark.classify(as_text, json_column="value").collect())
    assert a == b
    majors = {r.record for r in hjl.spark.classify(nested).collect() if r.verdict == "major"}
    assert majors == {f"JC-{i:04d}" for i in range(200) if 230 + i % 40 > 250}


def test_limits_reach_the_executors(spark):
    df = spark.createDataFrame([(json.dumps(steel(i)),) for i in range(4)], "text string")
    got = hjl.spark.classify(df, json_column="text", limits={"list_rows": 1}).collect()
    errors = {r.record: r.errors for r in got if r.standard == "industry_trade"}
    assert errors == {"JC-0000": 0, "JC-0001": 1, "JC-0002": 0, "JC-0003": 1}


def test_bad_rules_fail_on_the_driver_with_their_diagnostics(spark):
    df = spark.createDataFrame([("{}",)], "text string")
    with pytest.raises(hjl.RulesetError) as raised:
        hjl.spark.classify(df, {"bad.hjl": "standard demo {"}, json_column="text")
    assert raised.value.diagnostics and raised.value.diagnostics[0]["file"] == "bad.hjl"
    with pytest.raises(hjl.RulesetError):
        hjl.spark.evaluate(df, str(ROOT / "no-such-folder"), json_column="text")
    with pytest.raises(ValueError, match="no column 'txt'"):
        hjl.spark.classify(df, json_column="txt")


def test_each_python_worker_builds_its_engine_once(spark):
    # 2,000 records in batches of 16 over two partitions: each batch reports the Python
    # worker it ran in and the engine it was judged with.
    df = spark.range(0, 2000, numPartitions=2).selectExpr("'{}' as text")
    job = hjl.spark._Job(df, RULES, None)

    def probe(batches):
        kept = []  # engines stay alive, so that two of them never share an id
        for batch in batches:
            engine = job.engine()
            kept.append(engine)
            yield pa.RecordBatch.from_arrays(
                [pa.array([os.getpid()]), pa.array([id(engine)]), pa.array([batch.num_rows])],
                names=["pid", "engine", "rows"])

    rows = df.mapInArrow(probe, "pid long, engine long, rows long").collect()
    assert len(rows) >= 100 and sum(r.rows for r in rows) == 2000
    engines = {}
    for r in rows:
        engines.setdefault(r.pid, set()).add(r.engine)
    assert all(len(built) == 1 for built in engines.values()), engines


def test_the_example_job_runs_under_spark_submit(spark, tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_text("".join(json.dumps(steel(i)) + "\n" for i in range(50)), encoding="utf-8")
    target = tmp_path / "verdicts.parquet"
    submit = os.path.join(os.path.dirname(sys.executable), "spark-submit")
    job = ROOT / "bindings" / "python" / "examples" / "spark_job.py"
    out = subprocess.run(
        [submit, "--master", "local[2]", "--conf", f"spark.pyspark.python={sys.executable}",
         str(job), str(records), str(target), RULES],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert "|industry_trade" in out.stdout and "|major" in out.stdout, out.stdout
    written = spark.read.parquet(str(target))
    standards = len({s["name"] for s in hjl.Engine.from_dir(RULES).standards})
    assert written.count() == 50 * standards
    assert written.filter("verdict = 'major'").select("record").distinct().count() == len(
        [i for i in range(50) if 230 + i % 40 > 250])
