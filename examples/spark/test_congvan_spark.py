"""Runs congvan_spark.py on a local Spark (local[2], 127.0.0.1, no UI) over
~20 documents, a missing file and a non-UTF-8 file, through both engines,
and checks the result against `congvan batch --files-from` run directly."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def congvan_bin() -> Path:
    """The binary the Python package's tests compare with (one rule for both suites)."""
    helpers = ROOT / "bindings" / "python" / "tests" / "conftest.py"
    spec = importlib.util.spec_from_file_location("congvan_test_helpers", helpers)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.cli_path()


def make_inputs(tmp: Path) -> list[str]:
    docs = tmp / "docs"
    docs.mkdir()
    fixtures = sorted(p for p in (ROOT / "fixtures").iterdir() if p.suffix in (".txt", ".md"))
    paths = []
    for i, src in enumerate(fixtures[:20]):
        dst = docs / f"{i:02d}-{src.name}"
        shutil.copyfile(src, dst)
        paths.append(str(dst))
    bad = docs / "not-utf8.txt"
    bad.write_bytes(b"S\xc3\xb3 1/UBND \xff\xfe\x80 broken \xc3")
    paths.append(str(bad))
    paths.append(str(docs / "missing.txt"))
    return paths


def rows(out: Path) -> list[dict[str, str | None]]:
    return pq.read_table(str(out)).to_pylist()


def test_spark_job_equals_batch(tmp_path: Path) -> None:
    paths = make_inputs(tmp_path)
    listing = tmp_path / "list.txt"
    listing.write_text("".join(f"{p}\n" for p in paths), "utf-8")
    cli = congvan_bin()

    direct = subprocess.run(
        [str(cli), "batch", "--quiet", "--files-from", str(listing)],
        capture_output=True,
        check=False,
    )
    assert direct.returncode == 3, direct.stderr
    expected = {r["path"]: r for r in map(json.loads, direct.stdout.decode().splitlines())}
    assert len(expected) == len(paths)
    assert expected[paths[-1]]["error"]["kind"] == "not_found"
    assert expected[paths[-2]]["error"]["kind"] == "invalid_utf8"

    out = tmp_path / "out"
    job = subprocess.run(
        [
            sys.executable,
            str(HERE / "congvan_spark.py"),
            "--input", str(listing),
            "--output", str(out),
            "--engine", "both",
            "--write", "parquet",
            "--congvan", str(cli),
            "--master", "local[2]",
            "--partitions", "3",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert job.returncode == 0, job.stderr[-5000:]

    for engine in ("pipe", "python"):
        got = rows(out / engine)
        counts = Counter(r["path"] for r in got)
        assert counts == Counter(paths), engine  # every input exactly once
        for r in got:
            want = expected[r["path"]]
            assert (r["document"] is None) == ("document" not in want), (engine, r["path"])
            if r["document"] is not None:
                assert json.loads(r["document"]) == want["document"], (engine, r["path"])
            else:
                err = json.loads(r["error"])
                if engine == "pipe":
                    assert err == want["error"]
                else:
                    assert err["kind"] == want["error"]["kind"], (r["path"], err)
