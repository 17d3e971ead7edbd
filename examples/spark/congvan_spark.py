"""Parse a folder of Vietnamese administrative documents with Spark.

Two ways, one result: a dataset with one row per input, columns ``path``,
``document`` (the JSON of ``congvan parse``, or null) and ``error`` (the
JSON ``{"kind":…,"message":…}`` of ``congvan batch --jsonl``, or null).

* ``--engine pipe``: each partition's paths go to ``congvan batch
  --files-from -`` through ``RDD.pipe``; the congvan binary must be on every
  executor and the paths readable there (a shared filesystem).
* ``--engine python``: ``mapInPandas`` calls the ``congvan`` Python package
  (``pip install ./bindings/python`` on every executor), one
  ``congvan.parse_many`` call per Arrow batch.

Usage::

    python examples/spark/congvan_spark.py --input DIR_OR_LIST --output OUT \\
        [--engine pipe|python|both] [--write json|parquet] [--congvan BIN] \\
        [--master local[2]] [--partitions N]

``--input`` is a folder (every regular file under it, sorted) or a text
file listing one path per line. With ``both``, OUT/pipe and OUT/python are
written. Exit status 0 when the job ran (failed inputs are rows with an
``error``), 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
from pathlib import Path
from typing import Any, Iterator

SCHEMA = "path string, document string, error string"

# `congvan batch` exits 3 when some inputs failed: those are rows with an
# error, not a failed task. Any other non-zero status fails the task.
PIPE_SCRIPT = 'st=0; "$0" batch --quiet --files-from - || st=$?; [ "$st" -eq 3 ] && st=0; exit "$st"'


def list_inputs(source: str) -> list[str]:
    """The paths to parse: every regular file under a folder (sorted), or
    the lines of a list file."""
    src = Path(source)
    if src.is_dir():
        return sorted(
            str(Path(root, name).absolute())
            for root, _dirs, files in os.walk(src)
            for name in files
        )
    return [line for line in src.read_text("utf-8").splitlines() if line]


def record_to_row(line: str) -> tuple[str, str | None, str | None]:
    """A line of ``congvan batch --jsonl`` as a row (path, document, error)."""
    rec = json.loads(line)
    doc = rec.get("document")
    err = rec.get("error")
    return (
        rec["path"],
        None if doc is None else json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
        None if err is None else json.dumps(err, ensure_ascii=False, separators=(",", ":")),
    )


def via_pipe(spark: Any, paths: list[str], congvan_bin: str, partitions: int) -> Any:
    """The CLI pipe contract: paths in, one JSON line per path out, in order."""
    command = shlex.join(["sh", "-c", PIPE_SCRIPT, congvan_bin])
    lines = spark.sparkContext.parallelize(paths, partitions).pipe(command, checkCode=True)
    return spark.createDataFrame(lines.map(record_to_row), SCHEMA)


def parse_batches(batches: Iterator[Any]) -> Iterator[Any]:
    """``mapInPandas``: each batch of paths through ``congvan.parse_many``."""
    import pandas as pd

    import congvan

    threads = int(os.environ.get("CONGVAN_THREADS", "1"))
    for batch in batches:
        paths = list(batch["path"])
        results = congvan.parse_many(
            [Path(p) for p in paths], threads=threads, errors="return"
        )
        docs, errors = [], []
        for r in results:
            if isinstance(r, congvan.CongvanError):
                docs.append(None)
                errors.append(json.dumps(r.to_dict(), ensure_ascii=False, separators=(",", ":")))
            else:
                docs.append(r.to_json())
                errors.append(None)
        yield pd.DataFrame({"path": paths, "document": docs, "error": errors})


def via_python(spark: Any, paths: list[str], partitions: int) -> Any:
    """The Python package inside the executors' Python workers."""
    frame = spark.sparkContext.parallelize([(p,) for p in paths], partitions).toDF("path string")
    return frame.mapInPandas(parse_batches, SCHEMA)


def write(frame: Any, out: str, kind: str) -> None:
    writer = frame.write.mode("overwrite")
    (writer.parquet if kind == "parquet" else writer.json)(out)


def session(master: str) -> Any:
    from pyspark.sql import SparkSession

    # the executors' Python workers run this interpreter (with congvan and pyarrow)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    return (
        SparkSession.builder.master(master)
        .appName("congvan")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.pyspark.driver.python", sys.executable)
        .getOrCreate()
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", required=True, help="a folder, or a file listing paths")
    ap.add_argument("--output", required=True)
    ap.add_argument("--engine", choices=["pipe", "python", "both"], default="both")
    ap.add_argument("--write", choices=["json", "parquet"], default="parquet")
    ap.add_argument("--congvan", default=shutil.which("congvan"), help="the congvan binary")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=4)
    args = ap.parse_args(argv)

    paths = list_inputs(args.input)
    if args.engine in ("pipe", "both") and not args.congvan:
        ap.error("--engine pipe needs the congvan binary: --congvan BIN")
    spark = session(args.master)
    try:
        if args.engine in ("pipe", "both"):
            out = args.output if args.engine == "pipe" else os.path.join(args.output, "pipe")
            congvan_bin = str(Path(args.congvan).absolute())
            write(via_pipe(spark, paths, congvan_bin, args.partitions), out, args.write)
        if args.engine in ("python", "both"):
            out = args.output if args.engine == "python" else os.path.join(args.output, "python")
            write(via_python(spark, paths, args.partitions), out, args.write)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
