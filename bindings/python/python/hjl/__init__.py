"""HJL: judge inspection records against China's major accident hazard judgement standards
(重大事故隐患判定标准).

The engine is the Rust one, compiled into this package; this module converts records in
and judgements out, and judges nothing itself.

    >>> import hjl
    >>> engine = hjl.Engine.builtin()
    >>> j = engine.evaluate({"inspection": {"date": "2024-06-01"},
    ...                      "enterprise": {"sector": "metallurgy"}})
    >>> j.verdict
    'undetermined'
"""

from __future__ import annotations

import array
import contextlib
import gc
import json
import os
import sys
import warnings
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

from . import _hjl
from ._judgement import Judgement, Report

__all__ = [
    "Engine",
    "Judgement",
    "Report",
    "RulesetError",
    "RecordError",
    "InternalError",
    "version",
]

class RulesetError(Exception):
    """Rule files that do not compile (or cannot be read).

    ``str(error)`` is the rendered diagnostics, as ``hjl check`` prints them;
    ``error.diagnostics`` is the structured list: dicts with ``file``, ``line``, ``column``,
    ``end_line``, ``end_column``, ``label``, ``code``, ``severity``, ``message`` and ``help``.
    """

    def __init__(self, rendered: str, diagnostics: List[Dict[str, Any]]):
        super().__init__(rendered)
        self.diagnostics = diagnostics


class RecordError(ValueError):
    """Input that is not a record: not JSON, or JSON that is not an object."""


class InternalError(RuntimeError):
    """A fault inside the engine. Please report it with the input that caused it."""


def version() -> str:
    """The version of the engine compiled into this package."""
    return _hjl.version()


def _call(f, *args, **kwargs):
    """Calls into the extension, turning its exceptions into this module's."""
    try:
        return f(*args, **kwargs)
    except _hjl.RulesetError as e:
        rendered, diagnostics = e.args
        raise RulesetError(rendered, json.loads(diagnostics)) from None
    except _hjl.RecordError as e:
        raise RecordError(*e.args) from None
    except _hjl.InternalError as e:
        raise InternalError(*e.args) from None


class Engine:
    """Compiled rule files, ready to judge records.

    Make one with :meth:`builtin` (the shipped standards), :meth:`from_dir`,
    :meth:`from_files` or :meth:`from_sources`; then :meth:`evaluate` one record,
    :meth:`evaluate_many` a batch (in parallel, in input order) or :meth:`classify_many`
    a batch to a table of verdicts. An engine is immutable and may be shared by threads.
    """

    def __init__(self, inner: "_hjl.Engine"):
        self._inner = inner

    @classmethod
    def builtin(cls) -> "Engine":
        """The shipped rule files, built into the package (no checkout needed)."""
        return cls(_call(_hjl.Engine.builtin))

    @classmethod
    def from_dir(cls, path: Union[str, os.PathLike]) -> "Engine":
        """Every ``*.hjl`` file under a folder (searched recursively)."""
        return cls(_call(_hjl.Engine.from_paths, [os.fspath(path)]))

    @classmethod
    def from_files(cls, paths: Iterable[Union[str, os.PathLike]]) -> "Engine":
        """The given rule files, and the vocabularies they import from beside them."""
        return cls(_call(_hjl.Engine.from_paths, [os.fspath(p) for p in paths]))

    @classmethod
    def from_sources(cls, sources: Mapping[str, str]) -> "Engine":
        """Rule files given as ``{name: text}``; imported vocabularies must be among them."""
        return cls(_call(_hjl.Engine.from_sources, sorted(sources.items())))

    @property
    def limits(self) -> Dict[str, int]:
        """What one record may hold: ``record_bytes`` (a larger record is refused whole),
        ``list_rows`` and ``text_bytes`` (a longer list or text counts as not given, with
        an error naming it, and the rest of the record is judged)."""
        record_bytes, list_rows, text_bytes = self._inner.limits()
        return {"record_bytes": record_bytes, "list_rows": list_rows, "text_bytes": text_bytes}

    def with_limits(
        self,
        *,
        record_bytes: Optional[int] = None,
        list_rows: Optional[int] = None,
        text_bytes: Optional[int] = None,
    ) -> "Engine":
        """The same rules with other limits (see :attr:`limits`); those not given are kept.
        The defaults are 64 MiB a record, 100,000 elements a list and 1 MiB a text."""
        limits = self.limits
        for name, value in (("record_bytes", record_bytes), ("list_rows", list_rows),
                            ("text_bytes", text_bytes)):
            if value is not None:
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    raise ValueError(f"{name} must be a whole number of at least 1, not {value!r}")
                limits[name] = value
        return Engine(self._inner.with_limits(
            limits["record_bytes"], limits["list_rows"], limits["text_bytes"]))

    @property
    def standards(self) -> List[Dict[str, Any]]:
        """The loaded standard versions: ``name``, ``title``, ``issuer``, ``document``,
        ``effective``, ``superseded``, ``successor``, ``successor_standard``, ``clauses``
        (encoded), ``pending``, ``uncertain`` and ``file``."""
        return json.loads(_call(self._inner.standards_json))

    @property
    def facts(self) -> List[Dict[str, Any]]:
        """The facts a record may give: ``path``, ``label`` (Chinese), ``type``, ``unit``,
        ``values`` (an enum's ``name``/``label`` pairs), ``fields`` (a list's), ``derived``
        and ``standards`` (which read it)."""
        return json.loads(_call(self._inner.facts_json))

    def evaluate(self, record: Union[Mapping[str, Any], str]) -> Judgement:
        """Judges one record (a dict, or JSON text) by every loaded standard.

        Raises :class:`RecordError` when the record is not a JSON object. Values the engine
        cannot read are not raised: they are in the judgement's ``errors``.
        """
        return Judgement(_call(self._inner.evaluate_one, record))

    def classify(self, record: Union[Mapping[str, Any], str]) -> Dict[str, Any]:
        """One record's verdicts by every standard, without evidence: ``id``, ``line``,
        ``date``, ``verdict``, ``errors`` (a count) and ``standards`` (each with
        ``standard``, ``version``, ``verdict``, ``major``, ``conditional``, ``near`` and
        ``not_inspected``), as ``hjl eval --verdicts --json`` writes it."""
        return json.loads(_call(self._inner.evaluate_one, record, True))

    def diff(self, before: Any, after: Any) -> Dict[str, Any]:
        """Re-inspection (复查): what became of each major hazard between two inspections of
        one enterprise. Each side is a record (a dict or JSON text) or a :class:`Judgement`
        (or its JSON text). Returns ``before`` and ``after`` (``id``, ``date``), ``counts``
        and ``hazards``: per standard and clause, ``change`` — ``closed`` (only on the
        re-inspection's evidence), ``open``, ``new``, ``undetermined`` (not closed: the
        re-inspection did not decide it), ``no_longer_listed`` (the version in force then
        does not list it) or ``no_longer_applies`` — with the ``reason`` in Chinese, the
        versions, the evidence on each side and the facts still ``missing``. The same as
        ``hjl diff --json`` (``docs/diff.schema.json``).
        """
        return json.loads(_call(self._inner.diff_json, _inspection(before), _inspection(after)))

    def timelines(
        self,
        records: Any,
        as_of: Optional[str] = None,
        overdue_days: Optional[int] = None,
    ) -> List[Dict[str, Any]]:
        """Each enterprise's major hazards over many inspections (销号闭环), as ``hjl
        timeline --json`` gives them (``docs/timeline.schema.json``): records grouped by
        ``enterprise.credit_code`` (else ``enterprise.name``) and taken in date order; each
        hazard from its first finding through every later inspection (``follow_ups``) to its
        ``standing`` — ``open``, ``closed``, ``no_longer_listed`` or ``no_longer_applies`` —
        with ``days_open`` (to ``as_of``, ``YYYY-MM-DD``, while open; default the latest
        inspection's date), ``overdue`` (open longer than ``overdue_days``) and
        ``unverified`` (closed with no ``inspection.verified_by``).

        ``records``: an iterable of dicts or JSON texts, a JSON Lines path, or a DataFrame
        as :meth:`evaluate_many` takes them; :class:`Judgement` objects (or their JSON) may
        stand for records, but name no enterprise nor who signed. A record that is not a
        JSON object raises :class:`RecordError` naming it.
        """
        rows = [_inspection(r) for r in _records_of(records)]
        return json.loads(_call(self._inner.timelines_json, rows, as_of, overdue_days))

    def evaluate_many(
        self,
        records: Any,
        workers: Optional[int] = None,
        progress: bool = False,
    ) -> List[Judgement]:
        """Judges many records, in input order, on ``workers`` threads (default: every
        core) with the GIL released.

        ``records`` is an iterable of dicts or JSON texts, a path to a JSON Lines file (read
        by the engine; each judgement carries its ``line``, blank lines are skipped), or a
        pandas DataFrame whose columns are dotted fact paths (``"enterprise.sector"``; list
        facts as a column of lists of dicts; missing cells — None, NaN, NaT — are left out).
        Input that is not a record becomes a judgement with ``.error`` set, in its place.
        ``progress=True`` shows a tqdm bar when tqdm is installed.
        """
        with _collector_paused():
            judged = self._batch(records, workers, progress, verdicts=False)
            return [Judgement(j) for j in judged]

    def classify_many(
        self,
        records: Any,
        workers: Optional[int] = None,
        progress: bool = False,
    ):
        """The bulk path: each record's verdict by each standard, without evidence.

        Takes what :meth:`evaluate_many` takes. Returns a pandas DataFrame (a dict of
        column lists when pandas is not installed) with one row per record and standard:
        ``record`` (the record's ``inspection.id``, else its 1-based line in a JSON Lines
        file, else its 0-based position), ``position`` (the record's 0-based position in the
        input: with a DataFrame, its row position, for ``df.iloc``), ``standard``,
        ``version``, ``verdict`` (categoricals in the DataFrame), ``major`` (clause numbers:
        a tuple in the DataFrame, ``explode`` it to count by clause; a list without pandas),
        ``conditional``, ``near``, ``not_inspected`` (counts of undetermined clauses),
        ``errors`` (unreadable values in the record) and ``message``. Input that is not a
        record gives one row with verdict ``error`` and the reason in ``message``.
        """
        with _collector_paused():
            columns = self._batch(records, workers, progress, verdicts=True)
            return _table(columns)

    def _raw(self, records: Any, workers: Optional[int], verdicts: bool):
        """What :meth:`evaluate_many` (the ``_hjl.Json`` judgements) or :meth:`classify_many`
        (the engine's columns, see :func:`_table`) build on, for other layers of this
        package (``hjl.spark``)."""
        with _collector_paused():
            return self._batch(records, workers, False, verdicts)

    def _batch(self, records: Any, workers: Optional[int], progress: bool, verdicts: bool):
        if workers is not None and int(workers) < 1:
            raise ValueError("workers must be at least 1 (or None for every core)")
        most = 4 * (os.cpu_count() or 1)
        if workers is not None and int(workers) > most:
            warnings.warn(f"workers={int(workers)} is more than four per core; "
                          f"judging on {most} threads", stacklevel=3)
            workers = most
        workers = 0 if workers is None else int(workers)  # 0: one per core
        if isinstance(records, (str, os.PathLike)):
            kind, source = "file", os.fspath(records)
        elif _is_dataframe(records):
            kind, source = "columns", ([str(c) for c in records.columns],
                                       [records[c].tolist() for c in records.columns])
        else:
            kind, source = "iter", records
        bar = _progress_bar(progress, records)
        try:
            return _call(self._inner.judge_batch, kind, source, workers, verdicts,
                         bar.update if bar is not None else None)
        finally:
            if bar is not None:
                bar.close()

    def __repr__(self) -> str:
        names = sorted({s["name"] for s in self.standards})
        return f"<hjl.Engine: {len(names)} standards: {', '.join(names)}>"


@contextlib.contextmanager
def _collector_paused():
    """Python's cycle collector paused: a batch makes objects by the hundred thousand
    (judgements, keys, cells read), none of them in a cycle, and each few thousand would
    otherwise have the collector walk a notebook's whole heap."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


_CODED = ("standard", "version", "verdict")
#: Columns the engine gives once per record rather than once per row.
_PER_RECORD = ("record", "position", "errors", "message")


def _table(columns: Dict[str, Any]):
    """The engine's columns as a DataFrame, or as plain lists without pandas.

    ``rows`` gives each row's record; ``record``, ``position``, ``errors`` and ``message``
    come once per record, the rest once per row. Integers arrive as little-endian buffers
    (``<i4`` per row, ``<i8`` per record), other columns as ``<i4`` codes (-1 for none) with
    each distinct value once (``record`` as ``(None, keys)`` when a record is named by text).
    """
    rows = columns.pop("rows")
    try:
        import numpy as np
        import pandas as pd
    except ImportError:
        def values(buffer: bytes, code: str) -> List[int]:
            a = array.array(code, buffer)
            if sys.byteorder == "big":
                a.byteswap()  # the buffers are little-endian
            return a.tolist()

        rows = values(rows, "i")
        for name, column in columns.items():
            if isinstance(column, bytes):
                column = values(column, "q" if name in _PER_RECORD else "i")
            elif column[0] is None:
                column = column[1]
            else:
                codes, texts = column
                column = [texts[c] if c >= 0 else None for c in values(codes, "i")]
            columns[name] = [column[r] for r in rows] if name in _PER_RECORD else column
        columns["major"] = [list(m) for m in columns["major"]]
        return columns
    rows = np.frombuffer(rows, dtype="<i4")
    for name, column in columns.items():
        if isinstance(column, bytes):
            column = np.frombuffer(column, dtype="<i8" if name in _PER_RECORD else "<i4")
            column = column.astype(np.int64)  # a copy: the buffer is read-only
        elif name in _CODED:
            codes, texts = column
            column = pd.Categorical.from_codes(np.frombuffer(codes, dtype="<i4"), categories=texts)
        else:
            codes, values = column
            # Each distinct value once, then one reference per row (None for -1).
            distinct = np.empty(len(values) + 1, dtype=object)
            for i, value in enumerate(values):  # tuples must stay whole, not become rows
                distinct[i] = value
            column = distinct if codes is None else distinct.take(np.frombuffer(codes, dtype="<i4"))
        columns[name] = column.take(rows) if name in _PER_RECORD else column
    return pd.DataFrame(columns, copy=False)


def _inspection(side: Any) -> Any:
    """A record or judgement as the extension takes it: a :class:`Judgement` by its JSON."""
    return side.to_json() if isinstance(side, Judgement) else side


def _records_of(records: Any) -> Iterable[Any]:
    """Records one by one: the lines of a JSON Lines file (blank ones skipped), a
    DataFrame's rows as dicts (a missing cell is written as null, which gives nothing), or
    the items of an iterable."""
    if isinstance(records, (str, os.PathLike)):
        with open(records, encoding="utf-8-sig") as f:
            return [line for line in f if line.strip()]
    if _is_dataframe(records):
        columns = [str(c) for c in records.columns]
        return [dict(zip(columns, row)) for row in records.itertuples(index=False, name=None)]
    return records


def problem_list(
    records: Any,
    by: Iterable[str] = ("district", "sector", "clause"),
    engine: Optional["Engine"] = None,
    overdue_days: Optional[int] = None,
    as_of: Optional[str] = None,
):
    """The problem list (问题清单) bureaus publish: major hazards ``found``, ``closed``,
    ``open``, ``overdue`` (open longer than ``overdue_days``), ``unverified`` (closed
    without a named verifier), ``no_longer_listed`` and ``no_longer_applies`` (ended
    without being closed: a revised text no longer lists them, or the standard no longer
    applies) per group, so that found = closed + open + those two, from the records of
    many inspections of many enterprises (see :meth:`Engine.timelines`; judged by the
    shipped standards unless ``engine`` is given).

    ``by`` groups by any of ``district`` (``enterprise.district``), ``sector`` (its
    Chinese label), ``enterprise`` (its name), ``standard`` (its title) and ``clause``
    (standards number their clauses alike: group by ``standard`` or ``sector`` too). A
    hazard found again after it was closed counts again. Returns a pandas DataFrame, one
    row per group, sorted by the groups.
    """
    import pandas as pd

    engine = engine or Engine.builtin()
    by = list(by)
    known = ("district", "sector", "enterprise", "standard", "clause")
    unknown = [b for b in by if b not in known]
    if unknown:
        raise ValueError(f"cannot group by {unknown}; choose from {list(known)}")
    rows = []
    for timeline in engine.timelines(records, as_of=as_of, overdue_days=overdue_days):
        e = timeline["enterprise"]
        for h in timeline["hazards"]:
            rows.append({
                "district": e["district"], "sector": e["sector_label"] or e["sector"],
                "enterprise": e["name"] or e["id"], "standard": h["title"],
                "clause": h["clause"], "found": 1,
                "closed": int(h["standing"] == "closed"),
                "open": int(h["standing"] == "open"),
                "overdue": int(h["overdue"]), "unverified": int(h["unverified"]),
                "no_longer_listed": int(h["standing"] == "no_longer_listed"),
                "no_longer_applies": int(h["standing"] == "no_longer_applies"),
            })
    counts = ["found", "closed", "open", "overdue", "unverified", "no_longer_listed",
              "no_longer_applies"]
    frame = pd.DataFrame(rows, columns=known + tuple(counts))
    table = frame.groupby(by, dropna=False, sort=True)[counts].sum().reset_index()
    return table


def _is_dataframe(x: Any) -> bool:
    """A pandas DataFrame, told without importing pandas."""
    return type(x).__name__ == "DataFrame" and hasattr(x, "columns")


def _progress_bar(progress: bool, records: Any):
    if not progress:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    sized = hasattr(records, "__len__") and not isinstance(records, (str, os.PathLike))
    return tqdm(total=len(records) if sized else None, unit="records")
