"""Annotate a folder of JSON lines files with PySpark, each partition through annotate_many.

    spark-submit spark_jsonl.py IN_DIR OUT_DIR [--threads 1]
    python spark_jsonl.py IN_DIR OUT_DIR --local 2     # a local Spark with 2 cores

Reads IN_DIR/*.jsonl (lines ``{"id", "text", "dct"?}``) as a text RDD and writes OUT_DIR as
Spark text output (part-NNNNN files), one ``{"id", "dct", "spans"}`` line per input line;
within a partition the order is the input's. newsmark must be installed on every executor
(``pip install ./python`` there, or ship the wheel with ``--py-files``/an archive of the env).
"""

from __future__ import annotations

import argparse
import json
import os

import newsmark


def annotate_partition(lines, threads=1, dct=None):
    """One partition (an iterator of JSON strings) to output lines, lazily and in order."""
    records = (json.loads(line) for line in lines if line.strip())
    for r in newsmark.annotate_many(records, threads=threads, dct=dct):
        yield json.dumps(r, ensure_ascii=False)


def annotate_folder(spark, in_dir, out_dir, threads=1, dct=None):
    rdd = spark.sparkContext.textFile(os.path.join(in_dir, "*.jsonl"))
    rdd.mapPartitions(lambda lines: annotate_partition(lines, threads, dct)).saveAsTextFile(out_dir)


def main():
    from pyspark.sql import SparkSession

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("in_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--local", type=int, default=None, help="run a local Spark with N cores")
    ap.add_argument("--threads", type=int, default=1, help="newsmark threads per partition")
    ap.add_argument("--dct", default=None, help="default document date (YYYY-MM-DD)")
    a = ap.parse_args()
    builder = SparkSession.builder.appName("newsmark")
    if a.local:
        builder = builder.master(f"local[{a.local}]")
    spark = builder.getOrCreate()
    try:
        annotate_folder(spark, a.in_dir, a.out_dir, a.threads, a.dct)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
