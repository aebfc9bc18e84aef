"""The Dask example (examples/dask_jsonl.py) on a LocalCluster of 2 worker processes."""

import json
import pathlib
import sys

import pytest
from dask.distributed import Client, LocalCluster, get_task_stream

import newsmark

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "examples"))
import dask_jsonl  # noqa: E402

TEXTS = [
    "Angela Merkel visited Paris on Monday.",
    "🎉 Emmanuel Macron met Olaf Scholz in Berlin last week.",
    " date 2025-09-01 Zelensky meets Macron in Paris on Sept. 4.",
    "Nothing here.",
    "東京: Shinzo Abe spoke for three hours.\r\nThe talks resume on Friday.",
]


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as c:
            c.wait_for_workers(2)
            yield c


def test_a_folder_of_jsonl_on_two_workers(client, tmp_path):
    src, dst = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    inputs = []
    for f in range(4):
        lines = []
        for i in range(25):
            rec = {"id": f"{f}-{i}", "text": f"{i} " + TEXTS[(f + i) % len(TEXTS)]}
            if i % 3 == 0:
                rec["dct"] = "2025-09-03"
            lines.append(rec)
        inputs.append(lines)
        (src / f"part{f}.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8"
        )
    with get_task_stream(client) as stream:
        files = dask_jsonl.annotate_folder(str(src), str(dst), client=client, dct="2024-01-01")
    assert len(files) == 4
    # The partitions ran on both worker processes.
    assert len({t["worker"] for t in stream.data}) == 2
    outs = sorted(dst.glob("*.jsonl"))
    assert [p.name for p in outs] == ["0.jsonl", "1.jsonl", "2.jsonl", "3.jsonl"]
    for lines, out in zip(inputs, outs):
        got = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines() if l]
        want = list(newsmark.annotate_many(lines, threads=1, dct="2024-01-01"))
        assert got == want
        assert [g["id"] for g in got] == [r["id"] for r in lines]
        for rec, g in zip(lines, got):
            for s in g["spans"]:
                assert rec["text"][s["start"] : s["end"]] == s["text"]
            if "dct" in rec:
                assert g["dct"] == "2025-09-03"


def test_a_bad_line_fails_the_computation(client, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text('{"id": 1, "text": "Paris"}\n{"id": 2, "text": 3}\n', encoding="utf-8")
    with pytest.raises(TypeError, match='"text" must be a str'):
        dask_jsonl.annotate_folder(str(src), str(tmp_path / "out"), client=client)
