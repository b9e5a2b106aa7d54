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

import json
import os
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Union

from . import _hjl
from ._judgement import Judgement, Report
from ._records import record_texts

__all__ = [
    "Engine",
    "Judgement",
    "Report",
    "RulesetError",
    "RecordError",
    "InternalError",
    "version",
]

#: Records judged per call into the engine by ``evaluate_many`` / ``classify_many``.
CHUNK = 4096


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
    def standards(self) -> List[Dict[str, Any]]:
        """The loaded standard versions: ``name``, ``title``, ``issuer``, ``document``,
        ``effective``, ``superseded``, ``successor``, ``clauses`` (encoded), ``pending``,
        ``uncertain`` and ``file``."""
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
        text = next(iter(record_texts([record])))
        return Judgement(_call(self._inner.evaluate_json, text))

    def evaluate_many(
        self,
        records: Any,
        workers: Optional[int] = None,
        progress: bool = False,
    ) -> List[Judgement]:
        """Judges many records, in input order, on ``workers`` threads (default: every
        core) with the GIL released.

        ``records`` is an iterable of dicts or JSON texts, a path to a JSON Lines file, or
        a pandas DataFrame whose columns are dotted fact paths (list facts as a column of
        lists of dicts; NaN and None are left out). A record that is not a JSON object
        becomes a judgement with ``.error`` set, in its place. ``progress=True`` shows a
        tqdm bar when tqdm is installed.
        """
        return [Judgement(j) for j in self._many(records, workers, progress, verdicts=False)]

    def classify_many(
        self,
        records: Any,
        workers: Optional[int] = None,
        progress: bool = False,
    ):
        """The bulk path: each record's verdict by each standard, without evidence.

        Returns a pandas DataFrame (a list of dicts when pandas is not installed) with one
        row per record and standard: ``record`` (the record's ``inspection.id``, else its
        index, or its line in a JSON Lines file), ``standard``, ``version``, ``verdict``,
        ``major`` (clause numbers), ``conditional``, ``near``, ``not_inspected`` and
        ``errors`` (unreadable values in the record). A record that is not a JSON object
        gives one row with verdict ``error`` and the reason in ``message``.
        """
        rows = []
        for index, text in enumerate(self._many(records, workers, progress, verdicts=True)):
            c = json.loads(text)
            key = c.get("id") or c.get("line") or index
            if "error" in c:
                rows.append(_row(key, None, None, "error", [], 0, 0, 0, 1, c["error"]))
                continue
            for s in c["standards"]:
                rows.append(
                    _row(key, s["standard"], s["version"], s["verdict"], s["major"],
                         s["conditional"], s["near"], s["not_inspected"], c["errors"], None)
                )
        try:
            import pandas as pd
        except ImportError:
            return rows
        return pd.DataFrame(rows, columns=_ROW_COLUMNS)

    def _many(self, records: Any, workers: Optional[int], progress: bool, verdicts: bool) -> Iterator[str]:
        workers = 0 if workers is None else int(workers)
        if workers < 0:
            raise ValueError("workers must be positive (or None for every core)")
        lines = isinstance(records, (str, os.PathLike))
        texts = record_texts(records)
        bar = _progress_bar(progress, records)
        first = 1
        chunk: List[str] = []
        for text in texts:
            chunk.append(text)
            if len(chunk) == CHUNK:
                yield from self._judge_chunk(chunk, workers, verdicts, first if lines else None)
                first += len(chunk)
                if bar is not None:
                    bar.update(len(chunk))
                chunk = []
        if chunk:
            yield from self._judge_chunk(chunk, workers, verdicts, first if lines else None)
            if bar is not None:
                bar.update(len(chunk))
        if bar is not None:
            bar.close()

    def _judge_chunk(self, chunk: List[str], workers: int, verdicts: bool, first_line: Optional[int]) -> List[str]:
        out = _call(self._inner.evaluate_many_json, chunk, workers, verdicts, first_line)
        # A blank line of a JSON Lines file has no output (its number is kept by the rest).
        return [text for text in out if text] if first_line is not None else out

    def __repr__(self) -> str:
        names = sorted({s["name"] for s in self.standards})
        return f"<hjl.Engine: {len(names)} standards: {', '.join(names)}>"


_ROW_COLUMNS = ["record", "standard", "version", "verdict", "major", "conditional",
                "near", "not_inspected", "errors", "message"]


def _row(*values) -> Dict[str, Any]:
    return dict(zip(_ROW_COLUMNS, values))


def _progress_bar(progress: bool, records: Any):
    if not progress:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    total = len(records) if hasattr(records, "__len__") and not isinstance(records, str) else None
    return tqdm(total=total, unit="records")
