"""Shared fixtures: the engine on the shipped rules, the corpus, and the `hjl` binary."""

import os
import pathlib
import shutil
import subprocess

import pytest

import hjl

ROOT = pathlib.Path(__file__).resolve().parents[3]
CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture(scope="session")
def engine():
    return hjl.Engine.builtin()


@pytest.fixture(scope="session")
def corpus():
    """(name, text) of every conformance record."""
    files = sorted(p for p in CORPUS.glob("*.json") if not p.name.endswith(".expected.json"))
    assert len(files) >= 30
    return [(p.name, p.read_text(encoding="utf-8")) for p in files]


@pytest.fixture(scope="session")
def hjl_bin():
    """The `hjl` command of this checkout: $HJL_BIN, else built with cargo."""
    path = os.environ.get("HJL_BIN")
    if not path:
        cargo = shutil.which("cargo")
        assert cargo, "set HJL_BIN or install cargo: the corpus is compared with the CLI"
        subprocess.run([cargo, "build", "-q", "-p", "hjl-cli"], cwd=ROOT, check=True)
        path = str(ROOT / "target" / "debug" / "hjl")
    return path
