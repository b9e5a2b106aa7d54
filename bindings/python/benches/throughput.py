"""Throughput of the Python package against the `hjl` command on the same records.

    python bindings/python/benches/throughput.py [RECORDS] [WORKERS]

Generates RECORDS 工贸 inspection records (default 100,000; the Rust benchmark's generator)
as JSON Lines, then times, alternating, each path over the same file with the same number of
workers (default 2), and prints the medians of five rounds and the ratios the targets are
stated in. Needs the package installed and `target/release/hjl` built (`cargo xtask test`
does both). Not a test: timings on a shared machine vary; the ratios are what to compare.
"""

import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

import pandas as pd

import hjl

ROOT = pathlib.Path(__file__).resolve().parents[3]
HJL = os.environ.get("HJL_BIN", str(ROOT / "target" / "release" / "hjl"))
#: Rounds of every path; the machine is shared, so the median of several is reported.
ROUNDS = 5


def records_file(count: int) -> pathlib.Path:
    path = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / f"hjl-python-bench-{count}.jsonl"
    if path.exists():
        return path
    megabytes = count * 3 // 1000 + 1  # records are about 2.7 KB
    big = path.with_suffix(".all")
    subprocess.run(["cargo", "bench", "--quiet", "-p", "hjl-core", "--bench", "ratios", "--",
                    "--write-jsonl", str(big), str(megabytes)], cwd=ROOT, check=True)
    with open(big, encoding="utf-8") as f, open(path, "w", encoding="utf-8") as out:
        for i, line in enumerate(f):
            if i == count:
                break
            out.write(line)
    big.unlink()
    return path


def timed(f) -> float:
    started = time.perf_counter()
    f()
    return time.perf_counter() - started


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    path = records_file(count)
    rules = str(ROOT / "rulesets")
    engine = hjl.Engine.from_dir(rules)
    frame = pd.json_normalize([json.loads(line) for line in open(path, encoding="utf-8")])

    def cli(*flags):
        return lambda: subprocess.run([HJL, "eval", "--json", "--threads", str(workers), *flags, rules, str(path)],
                                      stdout=subprocess.DEVNULL, check=False)

    runs = {
        "hjl eval --json": cli(),
        "hjl eval --json --verdicts": cli("--verdicts"),
        "evaluate_many(JSONL path)": lambda: engine.evaluate_many(path, workers=workers),
        "evaluate_many(DataFrame)": lambda: engine.evaluate_many(frame, workers=workers),
        "classify_many(JSONL path)": lambda: engine.classify_many(path, workers=workers),
        "classify_many(DataFrame)": lambda: engine.classify_many(frame, workers=workers),
    }
    times = {name: [] for name in runs}
    for _ in range(ROUNDS):
        for name, run in runs.items():
            times[name].append(timed(run))
    median = {name: statistics.median(t) for name, t in times.items()}
    print(f"{count} records, {workers} workers, {frame.shape[1]} DataFrame columns; medians of {ROUNDS} rounds")
    print("| path | seconds | records/s |")
    print("|---|---:|---:|")
    for name, t in median.items():
        print(f"| {name} | {t:.2f} | {count / t:,.0f} |")
    print()
    print("| ratio | measured | target |")
    print("|---|---:|---|")
    print(f"| evaluate_many / hjl eval | {median['evaluate_many(JSONL path)'] / median['hjl eval --json']:.2f} | ≤ 1.3 |")
    print(f"| evaluate_many / classify_many | {median['evaluate_many(JSONL path)'] / median['classify_many(JSONL path)']:.2f} | ≥ 2 |")
    print(f"| DataFrame / JSONL (evaluate_many) | {median['evaluate_many(DataFrame)'] / median['evaluate_many(JSONL path)']:.2f} | ≤ 1.5 |")
    print(f"| DataFrame / JSONL (classify_many) | {median['classify_many(DataFrame)'] / median['classify_many(JSONL path)']:.2f} | ≤ 1.5 |")


if __name__ == "__main__":
    main()
