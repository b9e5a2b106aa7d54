"""Judging a Spark DataFrame of inspection records inside Spark, with this package on the
executors. A thin layer over :meth:`hjl.Engine.classify_many` and
:meth:`hjl.Engine.evaluate_many`::

    import hjl.spark
    records = spark.read.text("records.jsonl")                    # or spark.read.json(...)
    verdicts = hjl.spark.classify(records, json_column="value")   # a row per record and standard
    verdicts.write.parquet("verdicts.parquet")

The rule files are read and compiled once on the driver, so a file that does not compile
raises :class:`hjl.RulesetError` there, with its diagnostics, before any task runs. Their
text is broadcast to the executors, where each Python worker compiles it on its first batch
and keeps the engine for every later batch and task (``rules=None``, the shipped standards,
loads the compiled copy built into the package). Partitions are judged as Arrow batches
(``mapInArrow``), on ``workers`` threads each (default 1: Spark already runs a task per
core).

Records are either a column of JSON text (``json_column=``: ``spark.read.text`` of JSON
Lines, a string column of a table) or the DataFrame's own columns (``spark.read.json``, or a
table whose columns, nested or with dotted names, follow the record schema), which Spark
writes as JSON (``to_json``, null fields left out) before they reach Python. ``key=`` names
a column copied to every result row, to join results back to their records. A record that
cannot be judged gives a row with verdict ``error`` and the reason: it never fails the job.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union

import numpy as np
import pyarrow as pa

from . import Engine, _call, _hjl

Rules = Union[None, str, os.PathLike, Iterable[Union[str, os.PathLike]], Mapping[str, str]]

#: The columns of :func:`classify`, after the key's: the classification table of
#: :meth:`hjl.Engine.classify_many`, ``record`` being the record's ``inspection.id``.
CLASSIFIED = (
    ("record", pa.string(), "string"),
    ("standard", pa.string(), "string"),
    ("version", pa.string(), "string"),
    ("verdict", pa.string(), "string"),
    ("major", pa.list_(pa.string()), "array<string>"),
    ("conditional", pa.int32(), "int"),
    ("near", pa.int32(), "int"),
    ("not_inspected", pa.int32(), "int"),
    ("errors", pa.int32(), "int"),
    ("message", pa.string(), "string"),
)

#: Engines built in this Python worker, by the digest of their rules: built on a worker's
#: first batch, kept for the later ones (Spark reuses its Python workers).
_ENGINES: Dict[str, Engine] = {}


def classify(
    df: Any,
    rules: Rules = None,
    *,
    json_column: Optional[str] = None,
    key: Optional[str] = None,
    workers: int = 1,
    limits: Optional[Mapping[str, int]] = None,
) -> Any:
    """Each record's verdict by each standard: a DataFrame with ``key`` (when given), then
    ``record`` (``inspection.id``), ``standard``, ``version``, ``verdict``, ``major`` (the
    major clauses' numbers), ``conditional``, ``near``, ``not_inspected`` (counts of
    undetermined clauses), ``errors`` (unreadable values) and ``message`` (why a record
    could not be judged, on its one ``error`` row).

    ``rules``: ``None`` for the shipped standards, a rule file or folder, several, or
    ``{name: text}``. ``limits``: as :meth:`hjl.Engine.with_limits` takes them.
    """
    job = _Job(df, rules, limits)
    records = _records(df, json_column, key)
    fields = [(name, spark) for name, _, spark in CLASSIFIED]
    arrow = pa.schema([(name, kind) for name, kind, _ in CLASSIFIED])

    def judge(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        engine = job.engine()
        for batch in batches:
            columns = engine._raw(batch.column(0).to_pylist(), workers, verdicts=True)
            yield _classified(columns, batch, key is not None, arrow)

    return records.mapInArrow(judge, _schema(df, key, fields))


def evaluate(
    df: Any,
    rules: Rules = None,
    *,
    json_column: Optional[str] = None,
    key: Optional[str] = None,
    workers: int = 1,
    limits: Optional[Mapping[str, int]] = None,
) -> Any:
    """Each record's whole judgement: a DataFrame with ``key`` (when given), then ``record``
    (``inspection.id``), ``verdict`` (``error`` for a record that could not be judged) and
    ``judgement``, the engine's JSON, byte for byte as :meth:`hjl.Engine.evaluate_many`
    and ``hjl eval --json`` write it. Takes what :func:`classify` takes.
    """
    from pyspark.sql import functions as F

    job = _Job(df, rules, limits)
    records = _records(df, json_column, key)

    def judge(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        engine = job.engine()
        for batch in batches:
            judged = engine._raw(batch.column(0).to_pylist(), workers, verdicts=False)
            texts = pa.array([j.text() for j in judged], pa.string())
            arrays = ([batch.column(1)] if key is not None else []) + [texts]
            yield pa.RecordBatch.from_arrays(arrays, names=([key] if key else []) + ["judgement"])

    judged = records.mapInArrow(judge, _schema(df, key, [("judgement", "string")]))
    error = F.get_json_object("judgement", "$.error")
    verdict = F.when(error.isNotNull(), F.lit("error")).otherwise(
        F.get_json_object("judgement", "$.verdict"))
    return judged.select(
        *([F.col(f"`{key}`")] if key else []),
        F.get_json_object("judgement", "$.id").alias("record"),
        verdict.alias("verdict"),
        "judgement",
    )


class _Job:
    """The rules of one call: compiled on the driver (failing there), shipped by broadcast,
    compiled again once per Python worker."""

    def __init__(self, df: Any, rules: Rules, limits: Optional[Mapping[str, int]]):
        sources = _sources(rules)
        self.limits = dict(limits) if limits else None
        _build(sources, self.limits)  # raises RulesetError (or ValueError) on the driver
        shipped = json.dumps([sources, self.limits], ensure_ascii=False, sort_keys=True)
        self.digest = hashlib.sha256(shipped.encode("utf-8")).hexdigest()
        self.sources = df.sparkSession.sparkContext.broadcast(sources)

    def engine(self) -> Engine:
        """This worker's engine for these rules."""
        engine = _ENGINES.get(self.digest)
        if engine is None:
            engine = _ENGINES[self.digest] = _build(self.sources.value, self.limits)
        return engine


def _sources(rules: Rules) -> Optional[List[Tuple[str, str]]]:
    """The rules as (name, text) pairs, read here so that executors need no files."""
    if rules is None:
        return None
    if isinstance(rules, Mapping):
        return sorted((str(name), str(text)) for name, text in rules.items())
    paths = [rules] if isinstance(rules, (str, os.PathLike)) else list(rules)
    return [tuple(pair) for pair in _call(_hjl.read_sources, [os.fspath(p) for p in paths])]


def _build(sources: Optional[List[Tuple[str, str]]], limits: Optional[Dict[str, int]]) -> Engine:
    if sources is None:
        engine = Engine.builtin()
    else:
        engine = Engine(_call(_hjl.Engine.from_sources, sources))
    return engine.with_limits(**limits) if limits else engine


def _records(df: Any, json_column: Optional[str], key: Optional[str]) -> Any:
    """The records as one column of JSON text, then the key."""
    from pyspark.sql import functions as F

    for name in (json_column, key):
        if name is not None and name not in df.columns:
            raise ValueError(f"no column {name!r}; the DataFrame has {', '.join(df.columns)}")
    if json_column is not None:
        text = F.col(f"`{json_column}`").cast("string")
    else:
        text = F.to_json(F.struct(*[F.col(f"`{c}`") for c in df.columns if c != key]))
    return df.select(text.alias("record_json"), *([F.col(f"`{key}`")] if key else []))


def _schema(df: Any, key: Optional[str], fields: List[Tuple[str, str]]) -> Any:
    from pyspark.sql.types import StructField, StructType, _parse_datatype_string

    struct = StructType([df.schema[key]] if key else [])
    for name, kind in fields:
        struct.add(StructField(name, _parse_datatype_string(kind), True))
    return struct


def _classified(columns: Dict[str, Any], batch: pa.RecordBatch, keyed: bool,
                arrow: pa.Schema) -> pa.RecordBatch:
    """The engine's classification columns (see ``hjl._table``) as an Arrow batch."""
    rows = pa.array(np.frombuffer(columns["rows"], dtype="<i4"))
    record = columns["record"]
    if isinstance(record, bytes):  # every record named by its position: none has an id
        ids = pa.nulls(len(record) // 8, pa.string())
    else:
        ids = pa.array([k if isinstance(k, str) else None for k in record[1]], pa.string())
    errors = pa.array(np.frombuffer(columns["errors"], dtype="<i8").astype(np.int32))
    arrays = {
        "record": ids.take(rows),
        "standard": _coded(columns["standard"], pa.string()),
        "version": _coded(columns["version"], pa.string()),
        "verdict": _coded(columns["verdict"], pa.string()),
        "major": _coded(columns["major"], pa.list_(pa.string())),
        "conditional": pa.array(np.frombuffer(columns["conditional"], dtype="<i4")),
        "near": pa.array(np.frombuffer(columns["near"], dtype="<i4")),
        "not_inspected": pa.array(np.frombuffer(columns["not_inspected"], dtype="<i4")),
        "errors": errors.take(rows),
        "message": _coded(columns["message"], pa.string()).take(rows),
    }
    out = [arrays[field.name] for field in arrow]
    names = arrow.names
    if keyed:
        out.insert(0, batch.column(1).take(rows))
        names = [batch.schema.names[1]] + names
    return pa.RecordBatch.from_arrays(out, names=names)


def _coded(column: Tuple[Optional[bytes], List[Any]], kind: pa.DataType) -> pa.Array:
    """A coded column: each distinct value once, then a code per entry (-1 for none)."""
    codes, values = column
    distinct = pa.array([list(v) if isinstance(v, tuple) else v for v in values], kind)
    if codes is None:
        return distinct
    codes = np.frombuffer(codes, dtype="<i4")
    return distinct.take(pa.array(codes, mask=codes < 0))
