"""Reading, converting and rendering on every core: the same book as in one process, byte for byte."""

from __future__ import annotations

import os

import paiban
from paiban import cache, forked

from conftest import make_book


def test_a_book_made_on_every_core_is_the_one_made_in_one_process(tmp_path, monkeypatch):
    articles = {f"{n:02d}-第{n}章/01.md": f"# 第{n}篇\n\n第{n}章的正文：“引文”。用 paiban 排。\n"
                for n in range(1, forked.WORTH_FORKING + 3)}
    toml = '[book]\ntitle = "多章之书"\n[[editions]]\nname = "tw"\nconvert = "s2tw"\n'  # converted too
    book = make_book(tmp_path / "b", articles, toml)
    calls = []

    def counted(work, count):
        calls.append(count)
        return forked.in_parallel(work, count)

    monkeypatch.setattr(cache, "in_parallel", counted)  # reads, and every Shelf.each
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    [spread] = paiban.build(book, formats=["epub"], output=tmp_path / "spread", cache=False)
    monkeypatch.setenv("PAIBAN_ONE_PROCESS", "1")
    [alone] = paiban.build(book, formats=["epub"], output=tmp_path / "alone", cache=False)
    assert calls == [len(articles)] * 6  # reads, conversions and chapters, in each build
    assert forked.in_parallel(lambda index: index, forked.WORTH_FORKING) is None  # one process now
    monkeypatch.delenv("PAIBAN_ONE_PROCESS")
    if (os.cpu_count() or 1) > 1:
        assert forked.in_parallel(lambda index: index * 2, forked.WORTH_FORKING) == [
            index * 2 for index in range(forked.WORTH_FORKING)]
    assert spread.path.read_bytes() == alone.path.read_bytes()
