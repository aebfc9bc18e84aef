"""Annotate a folder of JSON lines files with Dask, each partition through annotate_many.

    python dask_jsonl.py IN_DIR OUT_DIR [--workers 2] [--threads 1]

Reads every ``*.jsonl`` of IN_DIR (lines ``{"id", "text", "dct"?}``, as ``newsmark annotate
--jsonl`` reads them), one Dask partition per file, and writes OUT_DIR/NNN.jsonl, one line
``{"id", "dct", "spans"}`` per input line in the same order, on a local cluster of
``--workers`` processes. To use a cluster you already have, pass its client (or address) to
:func:`annotate_folder`.
"""

from __future__ import annotations

import argparse
import json
import os
import time

import dask.bag as db

import newsmark


def annotate_partition(lines, threads=1, dct=None):
    """One partition: its lines (JSON strings) to output lines, in order."""
    records = (json.loads(line) for line in lines if line.strip())
    return [
        json.dumps(r, ensure_ascii=False)
        for r in newsmark.annotate_many(records, threads=threads, dct=dct)
    ]


def annotate_bag(bag: db.Bag, threads: int = 1, dct=None) -> db.Bag:
    """A bag of JSON lines to a bag of output lines."""
    return bag.map_partitions(annotate_partition, threads=threads, dct=dct)


def annotate_folder(in_dir, out_dir, client=None, threads=1, dct=None):
    """Annotates IN_DIR/*.jsonl into OUT_DIR on `client` (a dask.distributed Client; the
    current one if None). Returns the output file names."""
    bag = db.read_text(os.path.join(in_dir, "*.jsonl"), blocksize=None, encoding="utf-8")
    out = annotate_bag(bag, threads=threads, dct=dct)
    os.makedirs(out_dir, exist_ok=True)
    kwargs = {} if client is None else {"compute_kwargs": {"scheduler": client}}
    return out.to_textfiles(os.path.join(out_dir, "*.jsonl"), encoding="utf-8", **kwargs)


def main():
    from dask.distributed import Client, LocalCluster

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("in_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--threads", type=int, default=1, help="newsmark threads per partition")
    ap.add_argument("--dct", default=None, help="default document date (YYYY-MM-DD)")
    a = ap.parse_args()
    size = sum(
        os.path.getsize(os.path.join(a.in_dir, f)) for f in os.listdir(a.in_dir) if f.endswith(".jsonl")
    )
    with LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True) as cluster, Client(cluster) as client:
        client.wait_for_workers(a.workers)
        start = time.perf_counter()
        files = annotate_folder(a.in_dir, a.out_dir, client=client, threads=a.threads, dct=a.dct)
        secs = time.perf_counter() - start
    print(f"{len(files)} files, {size / 1e6:.1f} MB in {secs:.2f} s: {size / 1e6 / secs:.2f} MB/s "
          f"({a.workers} workers)")


if __name__ == "__main__":
    main()
