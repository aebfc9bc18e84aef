import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def sample():
    """The page's sample article (it has a dateline: ` date 2025-09-01`)."""
    return (ROOT / "www" / "samples" / "paris-talks-2025-09-01.txt").read_text(encoding="utf-8")
