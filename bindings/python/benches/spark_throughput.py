"""Records per second of `hjl.spark.classify` in Spark's local mode against the `hjl` command
on the same records, and how the Spark job's time splits.

    python bindings/python/benches/spark_throughput.py [RECORDS] [CORES]

Uses the records of benches/throughput.py (default 1,000,000 工贸 records as JSON Lines) and
CORES (default 2) for both: `hjl eval --verdicts --json --threads CORES` into /dev/null, and
a `local[CORES]` job that reads the file as text and classifies it into Spark's `noop` sink
(everything but writing files). Then the same job with the judging taken out step by step:
reading and handing Arrow batches to Python and back (Spark's part), and also turning each
batch's JSON into Python strings (the input side of Arrow conversion); what is left of the
full job is judging and building the result batches. Each is timed ROUNDS times, alternating;
the medians are printed. Not a test: the ratios are what to compare.
"""

import os
import statistics
import subprocess
import sys
import time

import pyarrow as pa
from pyspark.sql import SparkSession

import hjl.spark
from throughput import HJL, ROOT, records_file, timed

ROUNDS = 3


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    cores = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    path = str(records_file(count))
    rules = str(ROOT / "rulesets")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = (SparkSession.builder.master(f"local[{cores}]")
             .config("spark.ui.enabled", "false")
             .config("spark.driver.memory", "4g")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    text = spark.read.text(path)
    one = pa.schema([("n", pa.int64())])

    def handed_over(batches):  # Arrow batches to Python and back, nothing read
        for batch in batches:
            yield pa.RecordBatch.from_arrays([pa.array([batch.num_rows])], schema=one)

    def read_in(batches):  # and each record as a Python string, as classify takes them
        for batch in batches:
            texts = batch.column(0).to_pylist()
            yield pa.RecordBatch.from_arrays([pa.array([len(texts)])], schema=one)

    def job(frame):
        return lambda: frame.write.format("noop").mode("overwrite").save()

    paths = {
        "cli": lambda: subprocess.run(
            [HJL, "eval", "--verdicts", "--json", "--threads", str(cores), rules, path],
            stdout=subprocess.DEVNULL, check=False),
        "spark: classify": job(hjl.spark.classify(text, rules, json_column="value")),
        "spark: hand over only": job(text.mapInArrow(handed_over, "n long")),
        "spark: hand over + strings": job(text.mapInArrow(read_in, "n long")),
    }
    times = {name: [] for name in paths}
    for _ in range(ROUNDS):
        for name, run in paths.items():
            times[name].append(timed(run))
    median = {name: statistics.median(t) for name, t in times.items()}
    for name, seconds in median.items():
        print(f"{name:28} {seconds:7.2f} s  {count / seconds:>10,.0f} records/s")
    full = median["spark: classify"]
    print(f"spark / cli records/s: {median['cli'] / full:.2f}")
    over, strings = median["spark: hand over only"], median["spark: hand over + strings"]
    print(f"split of the job: Spark and Arrow hand-over {over / full:.0%}, "
          f"strings from Arrow {(strings - over) / full:.0%}, "
          f"judging and result batches {(full - strings) / full:.0%}")
    spark.stop()


if __name__ == "__main__":
    main()
