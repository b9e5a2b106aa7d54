"""Judgements out: the engine's JSON, kept as written, with readable accessors."""

from __future__ import annotations

import html
import json
from typing import Any, Dict, List, Optional, Union

from . import _hjl

_LABELS = json.loads(_hjl.labels())
#: Chinese labels of verdicts, by their JSON words (the engine's own).
VERDICT_LABELS = dict(_LABELS["verdicts"], error="记录错误")
#: Chinese labels of undetermined statuses (the engine's own).
STATUS_LABELS = _LABELS["statuses"]


class Report:
    """One standard's judgement of a record (a dict underneath: ``report.data``)."""

    def __init__(self, data: Dict[str, Any]):
        self.data = data

    standard = property(lambda self: self.data["standard"], doc="The standard's identifier.")
    title = property(lambda self: self.data["title"], doc="The standard's title.")
    version = property(lambda self: self.data["version"], doc="Effective date of the version that judged.")
    verdict = property(lambda self: self.data["verdict"], doc="The standard's verdict.")
    findings = property(lambda self: self.data["findings"], doc="Major clauses with their evidence.")
    undetermined = property(lambda self: self.data["undetermined"], doc="Clauses the record cannot decide, with what is missing.")

    def __repr__(self) -> str:
        return f"<hjl.Report {self.standard} {self.version}: {self.verdict}>"


class Judgement:
    """The judgement of one record by every loaded standard.

    ``to_json()`` is the engine's JSON exactly (the same bytes the Rust engine and
    ``hjl eval --json`` write); ``to_dict()`` parses it. A record that was not a JSON object
    has ``error`` set and verdict ``"error"``.
    """

    __slots__ = ("_json", "_data")

    def __init__(self, json: Union[bytes, "_hjl.Json"]):
        self._json = json
        self._data: Optional[Dict[str, Any]] = None

    def to_json(self) -> str:
        """The judgement as the engine wrote it."""
        j = self._json
        return j.decode("utf-8") if isinstance(j, bytes) else j.text()

    def to_json_bytes(self) -> bytes:
        """The same, as UTF-8 bytes."""
        j = self._json
        return j if isinstance(j, bytes) else j.bytes()

    def to_dict(self) -> Dict[str, Any]:
        """The judgement as plain Python data (a fresh copy)."""
        return json.loads(self.to_json())

    @property
    def _d(self) -> Dict[str, Any]:
        if self._data is None:
            self._data = self.to_dict()
        return self._data

    @property
    def error(self) -> Optional[str]:
        """Why the input could not be judged, for input that is not a record."""
        return self._d.get("error")

    @property
    def verdict(self) -> str:
        """The most serious verdict of any standard (``major``, ``undetermined``,
        ``not_assessed``, ``clear``, ``not_applicable``, ``not_addressed``; ``error``)."""
        return "error" if self.error is not None else self._d["verdict"]

    @property
    def id(self) -> Optional[str]:
        """The record's ``inspection.id``."""
        return self._d.get("id")

    @property
    def line(self) -> Optional[int]:
        """The record's line in a JSON Lines file."""
        return self._d.get("line")

    @property
    def date(self) -> Optional[str]:
        """The inspection date that picked each standard's version."""
        return self._d.get("date")

    @property
    def errors(self) -> List[Dict[str, Any]]:
        """Values in the record that could not be read (each counts as unknown)."""
        return self._d.get("errors", [])

    @property
    def warnings(self) -> List[Dict[str, Any]]:
        """What the inspector should know: unknown keys, a missing date, contradictions."""
        return self._d.get("warnings", [])

    @property
    def reports(self) -> List[Report]:
        """One report per standard the record is judged by."""
        return [Report(r) for r in self._d.get("reports", [])]

    @property
    def not_applicable(self) -> List[Dict[str, Any]]:
        """Standards that do not apply to the record, each with its ``reason``."""
        return self._d.get("not_applicable", [])

    @property
    def not_addressed(self) -> List[Dict[str, Any]]:
        """Standards whose scope the record leaves open and whose facts it does not give."""
        return self._d.get("not_addressed", [])

    def report(self, standard: str) -> Optional[Report]:
        """The report of one standard, by identifier."""
        return next((r for r in self.reports if r.standard == standard), None)

    @property
    def findings(self) -> List[Dict[str, Any]]:
        """Every major finding: ``standard`` with the finding's ``clause``, ``title``,
        ``section``, ``situations`` and ``evidence``."""
        return [dict(f, standard=r["standard"]) for r in self._d.get("reports", []) for f in r["findings"]]

    @property
    def undetermined(self) -> List[Dict[str, Any]]:
        """Every undetermined clause: ``standard`` with the clause's ``clause``, ``title``,
        ``status`` and ``missing`` facts (each with its ``path`` and Chinese ``label``)."""
        return [dict(u, standard=r["standard"]) for r in self._d.get("reports", []) for u in r["undetermined"]]

    def __repr__(self) -> str:
        if self.error is not None:
            return f"<hjl.Judgement error: {self.error}>"
        return f"<hjl.Judgement {self.verdict}: {len(self.findings)} major, {len(self.undetermined)} undetermined>"

    def _repr_html_(self) -> str:
        e = html.escape
        if self.error is not None:
            return f"<p><b>记录错误</b>：{e(self.error)}</p>"
        out = [
            "<div class='hjl-judgement'>",
            f"<p><b>结论</b>：{e(VERDICT_LABELS.get(self.verdict, self.verdict))}"
            + (f"　检查日期 {e(self.date)}" if self.date else "")
            + (f"　编号 {e(self.id)}" if self.id else "")
            + "</p>",
        ]
        for kind, items in (("记录错误", self.errors), ("提示", self.warnings)):
            for i in items:
                out.append(f"<p>{kind}：<code>{e(i.get('path', ''))}</code> {e(i.get('label') or '')} {e(i['message'])}</p>")
        out.append("<table><thead><tr><th>标准</th><th>结论</th><th>条款</th><th>内容</th><th>依据 / 待查</th></tr></thead><tbody>")
        for r in self._d.get("reports", []):
            verdict = e(VERDICT_LABELS.get(r["verdict"], r["verdict"]))
            rows = []
            for f in r["findings"]:
                evidence = "；".join(f"{ev.get('label') or ev.get('path')} = {_shown(ev.get('value'))}" for ev in f["evidence"])
                rows.append((VERDICT_LABELS["major"], f["clause"], f["title"], evidence))
            not_inspected = []
            for u in r["undetermined"]:
                if u["status"] == "not_inspected":
                    not_inspected.append(u["clause"])
                    continue
                missing = "、".join(dict.fromkeys(m.get("label") or m.get("path") for m in u["missing"]))
                rows.append((STATUS_LABELS.get(u["status"], u["status"]), u["clause"], u["title"], "待查：" + missing if missing else ""))
            if not_inspected:
                rows.append((STATUS_LABELS["not_inspected"], f"{len(not_inspected)} 条", "、".join(not_inspected), "记录未涉及这些条款的事实"))
            if not rows:
                rows.append(("", "", r.get("reason") or "", ""))
            for k, (what, clause, title, detail) in enumerate(rows):
                head = f"<td rowspan='{len(rows)}'>{e(r['title'])}（{e(r['version'])}）<br>{verdict}</td>" if k == 0 else ""
                out.append(f"<tr>{head}<td>{e(what)}</td><td>{e(clause)}</td><td>{e(title)}</td><td>{e(detail)}</td></tr>")
        out.append("</tbody></table>")
        if self.not_addressed:
            names = "、".join(n["title"] for n in self.not_addressed)
            out.append(f"<p>记录未涉及：{e(names)}</p>")
        if self.not_applicable:
            names = "、".join(n["title"] for n in self.not_applicable)
            out.append(f"<p>不适用：{e(names)}</p>")
        out.append("</div>")
        return "\n".join(out)


def _shown(value: Any) -> str:
    """An evidence value as an inspector reads it."""
    if value is True:
        return "是"
    if value is False:
        return "否"
    return str(value)
