"""Shared helpers: the repository's fixtures and the congvan CLI to compare with."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "fixtures"


def cli_path() -> Path:
    """The congvan binary: $CONGVAN_BIN, else the root crate's newest build."""
    env = os.environ.get("CONGVAN_BIN")
    if env:
        return Path(env)
    built = [p for p in (ROOT / "target" / d / "congvan" for d in ("debug", "release")) if p.exists()]
    if built:
        return max(built, key=lambda p: p.stat().st_mtime)  # the newest build
    raise RuntimeError("no congvan binary: run `cargo build` at the root or set CONGVAN_BIN")


@pytest.fixture(scope="session")
def cli() -> Path:
    return cli_path()


def run_cli(cli: Path, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([str(cli), *args], input=input, capture_output=True, check=False)


def fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))
