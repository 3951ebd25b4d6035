"""The example bulletin compared whole against committed files.

After an intended change of output, run ``pytest tests/test_golden.py --update-golden``
and read the diff of tests/golden/ before committing it: that diff is the product.
"""

from __future__ import annotations

from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("filename", ["bulletin.md", "bulletin.html", "wechat.fragment.html"])
def test_example_bulletin_matches_golden(
    kaifeng: Path,
    run,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    filename: str,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1669939200")  # 编制日期 2022年12月2日
    code, out, err = run(kaifeng, "build", "week-47", "-f", "md", "-f", "html", "-f", "wechat")
    assert code == 0, out + err
    produced = reviewable(filename, (kaifeng / "build/2022-W47" / filename).read_text("utf-8"))
    golden = GOLDEN / f"kaifeng-2022-W47-{filename}"
    if request.config.getoption("--update-golden"):
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")


def reviewable(filename: str, text: str) -> str:
    """The WeChat fragment is one line by rule; its golden file breaks it between tags, so a
    diff shows what changed. Nothing is lost: the fragment holds no newline of its own."""
    if filename.endswith(".fragment.html"):
        assert "\n" not in text
        return text.replace("><", ">\n<") + "\n"
    return text
