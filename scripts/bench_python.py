"""The body of scripts/bench-python.sh (a file: Dask's worker processes import the main module)."""

import json
import os
import subprocess
import sys
import time


def main():
    root, tmp, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
    sys.path.insert(0, os.path.join(root, "python", "examples"))
    import newsmark, dask_jsonl
    from dask.distributed import Client, LocalCluster

    text = open(os.path.join(root, "www/samples/paris-talks-2025-09-01.txt"), encoding="utf-8").read()
    lines, size, i = [], 0, 0
    while size < mb * 1e6:
        line = json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n"
        lines.append(line); size += len(line.encode()); i += 1
    src = os.path.join(tmp, "in.jsonl")
    open(src, "w", encoding="utf-8").write("".join(lines))
    folder = os.path.join(tmp, "in"); os.mkdir(folder)
    for k in range(8):
        open(os.path.join(folder, f"{k}.jsonl"), "w", encoding="utf-8").write("".join(lines[k::8]))
    records = [json.loads(l) for l in lines]
    print(f"{len(lines)} documents, {size / 1e6:.1f} MB of JSON lines ({len(text)} chars each)")

    def best(f, n=3):
        t = []
        for _ in range(n):
            s = time.perf_counter(); f(); t.append(time.perf_counter() - s)
        return min(t)

    def interleaved(fs, n=3):
        """The best time of each of `fs`, run in turn n times."""
        t = [[] for _ in fs]
        for _ in range(n):
            for k, f in enumerate(fs):
                s = time.perf_counter(); f(); t[k].append(time.perf_counter() - s)
        return [min(x) for x in t]

    def cli(threads):
        subprocess.run([os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target")), "cli", "newsmark"), "annotate", "--jsonl", "--threads",
                        str(threads), src], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)

    def many(threads):
        n = sum(1 for _ in newsmark.annotate_many(records, threads=threads))
        assert n == len(records)

    def end_to_end(threads):
        with open(src, encoding="utf-8") as f, open(os.devnull, "w", encoding="utf-8") as out:
            recs = (json.loads(l) for l in f if l.strip())
            for r in newsmark.annotate_many(recs, threads=threads):
                out.write(json.dumps(r, ensure_ascii=False) + "\n")

    rate = lambda secs: size / 1e6 / secs
    rows = {}
    for threads in (1, 2):
        c, m, e = interleaved([lambda: cli(threads), lambda: many(threads), lambda: end_to_end(threads)], n=5)
        rows[threads] = rate(c)
        print(f"{threads} thread{'s' if threads > 1 else ''}: CLI {rate(c):.2f} MB/s; annotate_many {rate(m):.2f} MB/s "
              f"({c / m:.2f}x the CLI); end to end in Python {rate(e):.2f} MB/s ({c / e:.2f}x)")
    for workers in (1, 2):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cl, \
                Client(cl) as client:
            client.wait_for_workers(workers)
            out = os.path.join(tmp, f"out{workers}")
            d = best(lambda: dask_jsonl.annotate_folder(folder, out, client=client))
        print(f"Dask, {workers} worker{'s' if workers > 1 else ''}: {rate(d):.2f} MB/s "
              f"({rate(d) / rows[workers]:.2f}x the CLI with {workers} thread{'s' if workers > 1 else ''})")


if __name__ == "__main__":
    main()
