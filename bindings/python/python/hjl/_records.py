"""Records in: every accepted form of input as JSON texts, one per record."""

from __future__ import annotations

import datetime
import decimal
import json
import math
import os
from typing import Any, Iterable, Iterator


def record_texts(records: Any) -> Iterable[str]:
    """JSON texts of ``records``: a path to a JSON Lines file (its lines, blank ones
    included so that line numbers hold), a pandas DataFrame (a record per row), or an
    iterable of dicts and JSON texts."""
    if isinstance(records, (str, os.PathLike)):
        return _lines(os.fspath(records))
    if _is_dataframe(records):
        return _frame(records)
    return (r if isinstance(r, str) else _dumps(r) for r in records)


def _lines(path: str) -> Iterator[str]:
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            yield line.rstrip("\n").rstrip("\r")


def _is_dataframe(x: Any) -> bool:
    return type(x).__name__ == "DataFrame" and hasattr(x, "to_dict") and hasattr(x, "columns")


def _frame(df: Any) -> Iterator[str]:
    """A record per row: the dotted column names as keys, missing cells left out."""
    columns = [str(c) for c in df.columns]
    for row in df.itertuples(index=False, name=None):
        yield _dumps({k: v for k, v in zip(columns, row) if not _missing(v)})


def _missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    try:
        import pandas as pd

        return v is pd.NaT or (not isinstance(v, (list, dict, tuple)) and bool(pd.isna(v)))
    except (ImportError, TypeError, ValueError):
        return False


def _dumps(record: Any) -> str:
    return json.dumps(record, ensure_ascii=False, default=_plain, allow_nan=False)


def _plain(v: Any) -> Any:
    """JSON for what ``json`` cannot write: dates as ``YYYY-MM-DD``, numpy scalars and
    arrays as their values, decimals as floats (give exact numbers as JSON text)."""
    if isinstance(v, datetime.datetime):
        if v.time() == datetime.time(0) and v.tzinfo is None:
            return v.date().isoformat()
        return v.isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return float(v)
    if hasattr(v, "item") and callable(v.item):
        return v.item()
    if hasattr(v, "tolist") and callable(v.tolist):
        return v.tolist()
    raise TypeError(f"cannot write {type(v).__name__} as JSON in a record")
