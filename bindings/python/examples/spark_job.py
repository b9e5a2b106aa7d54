"""Classify inspection records on Spark with HJL and write the verdicts as Parquet.

    spark-submit --master 'local[2]' --conf spark.pyspark.python=python3 \\
        spark_job.py records.jsonl verdicts.parquet [RULES]

Reads JSON Lines (or Parquet, when the input's name ends in .parquet), judges every record by
every standard (the shipped ones, or the rule files or folder RULES), writes one row per
record and standard as Parquet, and prints the number of rows by standard and verdict. The
Python that runs the executors (spark.pyspark.python) needs the `hjl` package installed.
"""

import sys

from pyspark.sql import SparkSession

import hjl.spark


def run(spark: SparkSession, source: str, target: str, rules=None):
    """Judges the records at `source`, writes the verdicts to `target`, returns the counts."""
    if source.endswith(".parquet"):
        records = spark.read.parquet(source)  # columns that follow the record schema
        verdicts = hjl.spark.classify(records, rules)
    else:
        records = spark.read.text(source)  # one record of JSON text per line
        verdicts = hjl.spark.classify(records, rules, json_column="value")
    verdicts.write.mode("overwrite").parquet(target)
    written = spark.read.parquet(target)
    return written.groupBy("standard", "verdict").count().orderBy("standard", "verdict")


def main() -> None:
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    spark = SparkSession.builder.appName("hjl-classify").getOrCreate()
    counts = run(spark, sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else None)
    counts.show(100, truncate=False)
    spark.stop()


if __name__ == "__main__":
    main()
