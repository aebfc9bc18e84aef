import sys
import threading
import time

import pytest

import newsmark

TEXTS = [
    "Angela Merkel visited Paris on Monday.",
    "",
    "🎉 Emmanuel Macron met Olaf Scholz in Berlin last week.",
    "Nothing here.",
    "Tokyo, 2 May 2025: Shinzo Abe spoke for three hours.\r\nThe talks resume on Friday.",
] * 7


@pytest.mark.parametrize("threads", [1, 2, 3, None])
def test_results_in_input_order(threads):
    want = [newsmark.annotate(t, dct="2025-09-03") for t in TEXTS]
    got = list(newsmark.annotate_many(TEXTS, threads=threads, dct="2025-09-03"))
    assert got == want


def test_long_and_short_texts_keep_their_order():
    # A long text first: later short ones finish first on other threads and must wait.
    # Each short text puts "Rome" at another offset, which tells the results apart.
    texts = ["Angela Merkel visited Paris on Monday. " * 4000] + ["so " * i + "Rome." for i in range(50)]
    got = list(newsmark.annotate_many(iter(texts), threads=2))
    assert len(got) == len(texts)
    assert len(got[0]) > 4000
    for i, spans in enumerate(got[1:]):
        assert [(s["text"], s["start"]) for s in spans] == [("Rome", 3 * i)], i


def test_reads_the_iterable_lazily():
    """A generator is read as the results are taken, not all at once."""
    taken = []

    def gen():
        for i in range(10_000):
            taken.append(i)
            yield f"Paris {i}"

    it = newsmark.annotate_many(gen(), threads=2)
    first = next(it)
    assert [s["text"] for s in first] == ["Paris"]
    assert len(taken) < 100
    assert sum(1 for _ in it) == 9_999


def test_dict_items_with_id_and_dct():
    items = [
        {"id": "a", "text": "He left on Friday."},
        {"id": 2, "text": "He left on Friday.", "dct": "2025-09-03"},
        {"text": "He left on Friday.", "dct": None},
        "He left on Friday.",
        {"id": [1], "text": " date 2025-09-01 He left on Friday."},
        {"id": "none", "text": " date 2025-09-01 He left on Friday.", "dct": "none"},
    ]
    got = list(newsmark.annotate_many(items, dct="2024-01-01"))
    assert [g["id"] for g in got if isinstance(g, dict)] == ["a", 2, None, [1], "none"]
    assert got[0]["dct"] == "2024-01-01" and got[0]["spans"][0]["value"] == "2023-12-29"
    assert got[1]["dct"] == "2025-09-03" and got[1]["spans"][0]["value"] == "2025-08-29"
    assert got[2]["dct"] == "2024-01-01"
    assert isinstance(got[3], list) and got[3][0]["value"] == "2023-12-29"
    # A given default wins over the dateline, as the CLI's --dct does.
    assert got[4]["dct"] == "2024-01-01"
    assert got[5]["dct"] is None and got[5]["spans"][0]["value"] == "XXXX-WXX-5"
    (detected,) = newsmark.annotate_many([{"text": " date 2025-09-01 He left on Friday."}])
    assert detected["dct"] == "2025-09-01" and detected["spans"][0]["value"] == "2025-08-29"


def test_a_bad_item_raises_in_its_turn():
    it = newsmark.annotate_many(["Paris", "Rome", 42, "Berlin"], threads=2)
    assert [s["text"] for s in next(it)] == ["Paris"]
    assert [s["text"] for s in next(it)] == ["Rome"]
    with pytest.raises(TypeError, match="input 2: expected a str or a dict"):
        next(it)
    # Nothing after the bad input is read.
    assert list(it) == []


@pytest.mark.parametrize(
    "item, error, message",
    [
        ({"id": 1}, ValueError, 'input 0: the dict has no "text"'),
        ({"text": 5}, TypeError, 'input 0: "text" must be a str'),
        ({"text": "x", "dct": "2025-13-01"}, ValueError, "input 0: dct"),
        ({"text": "x", "dct": 2025}, TypeError, "input 0: dct must be"),
    ],
)
def test_bad_dicts(item, error, message):
    with pytest.raises(error, match=message):
        list(newsmark.annotate_many([item]))


def test_bad_arguments():
    with pytest.raises(TypeError, match="not one str"):
        newsmark.annotate_many("Paris on Monday")
    with pytest.raises(TypeError):
        newsmark.annotate_many(42)
    with pytest.raises(ValueError, match="threads must be between 1 and 1024"):
        newsmark.annotate_many([], threads=0)
    with pytest.raises(TypeError, match="threads must be an int"):
        newsmark.annotate_many([], threads="2")
    with pytest.raises(ValueError, match="dct"):
        newsmark.annotate_many([], dct="soon")


def test_an_error_from_the_iterable_propagates():
    def gen():
        yield "Paris"
        raise KeyError("boom")

    it = newsmark.annotate_many(gen())
    assert [s["text"] for s in next(it)] == ["Paris"]
    with pytest.raises(KeyError, match="boom"):
        next(it)


def test_empty_input():
    assert list(newsmark.annotate_many([])) == []
    assert list(newsmark.annotate_many(iter(()), threads=4)) == []


@pytest.mark.parametrize("call", ["annotate", "annotate_many"])
def test_other_python_threads_run_while_it_annotates(call):
    """The GIL is released while Rust annotates. With a switch interval longer than the
    test, the main thread gives the GIL up only when it releases it itself; a counting
    thread that hands the GIL back after each step (sleep(0)) then counts during the call
    if and only if the call released the GIL."""
    long_text = "Angela Merkel visited Paris on Monday. " * 20_000
    n = [0]
    stop = threading.Event()
    started = threading.Event()

    def count():
        started.set()
        while not stop.is_set():
            n[0] += 1
            time.sleep(0)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1000)
    try:
        t = threading.Thread(target=count)
        t.start()
        started.wait()
        before = n[0]
        if call == "annotate":
            spans = newsmark.annotate(long_text)
        else:
            spans = next(newsmark.annotate_many([long_text], threads=1))
        during = n[0] - before
        stop.set()
        t.join()
    finally:
        sys.setswitchinterval(interval)
    assert len(spans) > 20_000
    assert during > 0


def test_two_python_threads_each_with_their_iterator():
    results = {}

    def run(k):
        results[k] = list(newsmark.annotate_many([f"Paris {k}", "Rome"] * 20, threads=2))

    ts = [threading.Thread(target=run, args=(k,)) for k in range(3)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    for k in range(3):
        assert len(results[k]) == 40
        assert [s["text"] for s in results[k][0]] == ["Paris"]
