"""paiban serve: a real HTTP client against 127.0.0.1, and real file writes the watcher sees."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from paiban.serve import Preview, _hosts

from conftest import epub_text, make_book

TOML = '''
[book]
title = "预览之书"

[[editions]]
name = "cn"

[[editions]]
name = "tw"
convert = "s2tw"
'''


def get(url: str | urllib.request.Request) -> str:
    with urllib.request.urlopen(url, timeout=60) as answer:
        return answer.read().decode("utf-8")


def save(path: Path, text: str) -> None:
    """Save in one step, as most editors do (a hidden temporary file renamed). A file written in
    place is seen first empty: a build may start before its text is in, and a test that waits
    for one rebuild would see that one."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def wait_for_rebuild(preview: Preview, version: int) -> dict:
    """Long-poll as the page does, until a build after ``version`` is done."""
    return json.loads(get(f"{preview.url}__paiban__/wait?version={version}"))


@pytest.fixture
def preview(tmp_path):
    book = make_book(tmp_path / "b", {"01-章/01-文.md": "# 第一篇\n\n社区的旧文字。\n"}, TOML)
    running = Preview(book, port=0, say=lambda line: None)
    running.start()
    yield running
    running.close()


def test_serves_each_edition_on_localhost_with_a_switcher_and_a_script_free_file(preview):
    assert preview.url.startswith("http://127.0.0.1:")
    page = get(preview.url)
    assert "社区的旧文字" in page and 'href="/tw"' in page and "/__paiban__/wait" in page
    assert "社區的舊文字" in get(preview.url + "tw")
    written = (preview.root / "build" / "b.cn.html").read_text(encoding="utf-8")
    assert "社区的旧文字" in written and "<script" not in written
    with pytest.raises(urllib.error.HTTPError):
        get(preview.url + "book.toml%2F..%2F..%2Fetc%2Fpasswd")


def test_answers_only_requests_addressed_to_this_machine(preview):
    """A page of another site whose name a rebinding DNS points at 127.0.0.1 could read the book
    through it (book.toml, articles not yet published): its requests name that site."""
    port = preview.server.server_address[1]
    for host in ("localhost", "[::1]", "LOCALHOST"):
        assert "社区的旧文字" in get(urllib.request.Request(preview.url, headers={"Host": f"{host}:{port}"}))
    for host in (f"evil.example:{port}", "127.0.0.1", f"127.0.0.1:{port + 1}", f"127.0.0.1:{port}.evil.example"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            get(urllib.request.Request(preview.url + "book.toml", headers={"Host": host}))
        assert refused.value.code == 403 and preview.url in refused.value.read().decode()


def test_on_port_80_a_host_without_the_port_is_this_machine():
    """Browsers leave HTTP's own port out of the Host: every page of `--port 80` got 403."""
    assert {"127.0.0.1", "localhost", "127.0.0.1:80"} <= _hosts(80)
    assert "127.0.0.1" not in _hosts(8000) and "127.0.0.1:8000" in _hosts(8000)


def test_a_head_request_gets_the_headers_of_a_get_without_its_content(preview, monkeypatch):
    """``curl -I`` and link checkers ask with HEAD: http.server answered 501 Unsupported method.
    The reload news are told at once, not held until the book changes (held for an hour here,
    a HEAD that waited fails at the request's time-out)."""
    monkeypatch.setattr("paiban.serve.WAIT_SECONDS", 3600)

    def head(path: str) -> tuple[int, dict[str, str], bytes]:
        """The status, headers and content of the answer, read off the socket as sent (a client
        library drops what follows the headers of an answer to HEAD)."""
        port = preview.server.server_address[1]
        with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
            connection.sendall(f"HEAD /{path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode("ascii"))
            answer = b"".join(iter(lambda: connection.recv(65536), b""))
        top, _, content = answer.partition(b"\r\n\r\n")
        status, *lines = top.decode("latin-1").split("\r\n")
        return int(status.split()[1]), dict(line.split(": ", 1) for line in lines), content

    status, headers, content = head("")
    assert (status, content) == (200, b"") and headers["Content-Type"].startswith("text/html")
    assert int(headers["Content-Length"]) == len(get(preview.url).encode("utf-8"))
    assert head(f"__paiban__/wait?version={preview.version}")[0] == 200
    assert head("no-such-file.png")[::2] == (404, b"")


@pytest.mark.parametrize("asked", ["abc", "%C2%B2", "9" * 5000], ids=["letters", "superscript-two", "5000-digits"])
def test_a_malformed_wait_gets_the_current_state_not_an_error(preview, capfd, asked):
    """² is a digit to str.isdigit but not to int(), and int() takes at most 4300 digits: both
    were a traceback in the terminal and no answer."""
    assert json.loads(get(f"{preview.url}__paiban__/wait?version={asked}")) == {"version": preview.version,
                                                                              "error": None}
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("path", [
    "a%00b", "a" * 5000, "a/" * 3000, "loop.png", "folder", "fifo.png",
    pytest.param("unreadable.png", marks=pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file"))],
    ids=["nul", "long-name", "long-path", "symlink-loop", "folder", "fifo", "unreadable"])
def test_a_url_that_names_no_file_of_the_book_is_not_found_without_a_traceback(preview, capfd, path):
    """A NUL in the path, a name too long, a symlink loop: the server printed a traceback and
    closed the connection without an answer."""
    os.mkfifo(preview.root / "fifo.png")
    (preview.root / "folder").mkdir()
    (preview.root / "loop.png").symlink_to("loop.png")
    (preview.root / "unreadable.png").write_bytes(b"\x89PNG")
    (preview.root / "unreadable.png").chmod(0)
    with pytest.raises(urllib.error.HTTPError) as answer:
        get(preview.url + path)
    assert answer.value.code == 404
    assert "Traceback" not in capfd.readouterr().err


# A 1×1 PNG, as an HTML article carries it in a data: URL.
DOT_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"


def test_serves_the_pictures_a_build_keeps_in_the_hidden_image_folder_and_no_other_hidden_file(tmp_path):
    """A .docx's pictures and data: images are kept in .paiban/images/, and the page showed none:
    every hidden path was refused, that folder's too."""
    article = f'<h1>图</h1><p><img src="data:image/png;base64,{DOT_PNG}" alt="点"></p>\n'
    book = make_book(tmp_path / "b", {"01-章/01-图.html": article, ".paiban/secret.png": b"\x89PNG secret",
                                      ".paiban/images/.hidden.png": b"\x89PNG hidden", ".git/config": "[core]\n"}, TOML)
    running = Preview(book, port=0, say=lambda line: None)
    running.start()
    try:
        picture = re.search(r'<img[^>]*src="\.\./(\.paiban/images/[0-9a-f]+\.png)"', get(running.url))
        with urllib.request.urlopen(running.url + picture[1], timeout=60) as answer:
            assert answer.headers["Content-Type"] == "image/png"
            assert answer.read() == (book / picture[1]).read_bytes()
        for path in (".paiban/secret.png", ".git/config", ".paiban/images/../secret.png",
                     ".paiban/images/..%2F..%2Fbook.toml", ".paiban/images/.hidden.png"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                get(running.url + path)
            assert refused.value.code == 404, path
    finally:
        running.close()


def test_a_file_of_the_book_is_served_as_a_sandbox_where_no_script_runs(preview):
    """A contributor's SVG opened by itself ran its script at the server's address: it read
    book.toml off the server and sent it away. The pages, whose reload script must run, are not."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("/book.toml")</script>'
           '<rect width="5" height="5"/></svg>')
    save(preview.root / "01-章/x.svg", svg)
    with urllib.request.urlopen(preview.url + urllib.parse.quote("01-章/x.svg"), timeout=60) as answer:
        policy = answer.headers["Content-Security-Policy"]
        assert answer.read().decode() == svg and answer.headers["X-Content-Type-Options"] == "nosniff"
    assert policy.split(";")[0] == "sandbox" and "default-src 'none'" in policy
    with urllib.request.urlopen(preview.url, timeout=60) as answer:
        assert answer.headers["Content-Security-Policy"] is None


def test_a_page_closed_while_it_waits_is_no_error(preview, capfd):
    """A tab closed or reloaded during the long-poll: the answer finds the connection gone."""
    version = preview.version
    waiting = socket.create_connection(("127.0.0.1", preview.server.server_address[1]))
    waiting.sendall(f"GET /__paiban__/wait?version={version} HTTP/1.1\r\n"
                    f"Host: 127.0.0.1:{preview.server.server_address[1]}\r\n\r\n".encode())
    time.sleep(0.5)  # the server is waiting on the build
    waiting.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with a reset
    waiting.close()
    save(preview.root / "01-章/01-文.md", "# 第一篇\n\n又改过的文字。\n")
    assert wait_for_rebuild(preview, version)["error"] is None
    time.sleep(0.5)  # the closed page's answer has been tried
    assert "Traceback" not in capfd.readouterr().err


def test_picks_up_a_file_change(preview):
    version = preview.version
    save(preview.root / "01-章/01-文.md", "# 第一篇\n\n改过的新文字。\n")
    assert wait_for_rebuild(preview, version)["version"] > version
    assert "改过的新文字" in get(preview.url)


def test_writes_the_epub_too_and_renders_only_the_changed_chapter_again(tmp_path):
    book = make_book(tmp_path / "b", {"01-章/01-文.md": "# 第一篇\n\n社区的旧文字。\n",
                                      "02-章/01-文.md": "# 第二篇\n\n不变的文字。\n"}, TOML)
    running = Preview(book, port=0, say=lambda line: None, formats=("epub",))
    running.start()
    try:
        assert epub_text(book / "build" / "b.cn.epub").count("社区的旧文字") == 1
        version, before = running.version, running.made.copy()
        save(book / "01-章/01-文.md", "# 第一篇\n\n改过的新文字。\n")
        assert wait_for_rebuild(running, version)["error"] is None
        assert "改過的新文字" in epub_text(book / "build" / "b.tw.epub")
        assert (running.made - before)["xhtml"] == 2  # one chapter document, in each edition
    finally:
        running.close()


def test_reports_a_broken_article_in_the_page_and_keeps_serving(preview):
    version = preview.version
    save(preview.root / "01-章/02-坏.md", "# 坏\n\n![图](没有这张图.png)\n")
    state = wait_for_rebuild(preview, version)
    assert "没有这张图.png" in state["error"]
    page = get(preview.url)
    assert "paiban-error" in page and "没有这张图.png" in page and "02-坏.md" in page
    (preview.root / "01-章/02-坏.md").unlink()
    assert wait_for_rebuild(preview, state["version"])["error"] is None
    assert "paiban-error" not in get(preview.url)


def test_builds_again_when_paiban_clean_removed_the_output(preview, capfd):
    """The watcher ignores build/: with it removed, every page got an empty reply and the terminal
    a traceback (FileNotFoundError), until a source was edited."""
    shutil.rmtree(preview.root / "build")
    assert "社区的旧文字" in get(preview.url) and "社區的舊文字" in get(preview.url + "tw")
    assert (preview.root / "build" / "b.cn.html").is_file()
    assert "Traceback" not in capfd.readouterr().err


def test_output_removed_while_the_book_does_not_build_shows_the_error_page_once(preview, capfd):
    """Built again and failing, it shows the build's error; and it does not build at every page
    asked for (each build would reload the page, which would ask again: for ever)."""
    version = preview.version
    save(preview.root / "01-章/02-坏.md", "# 坏\n\n![图](没有这张图.png)\n")
    version = wait_for_rebuild(preview, version)["version"]
    shutil.rmtree(preview.root / "build")
    for _ in range(2):
        page = get(preview.url)
        assert "paiban-error" in page and "没有这张图.png" in page and "/__paiban__/wait" in page
    assert preview.version == version + 1
    assert "Traceback" not in capfd.readouterr().err


def test_an_edition_renamed_while_its_page_is_open_is_a_preview_page_that_comes_back(preview):
    """Its page got Python's bare "Error response" 404: no switcher, no reload script, so the tab
    stayed there even once the name was changed back."""
    toml = (preview.root / "book.toml").read_text(encoding="utf-8")
    version = preview.version
    save(preview.root / "book.toml", toml.replace('name = "tw"', 'name = "taiwan"'))
    version = wait_for_rebuild(preview, version)["version"]
    with pytest.raises(urllib.error.HTTPError) as missing:
        get(preview.url + "tw")
    page = missing.value.read().decode("utf-8")
    assert missing.value.code == 404 and "Error response" not in page
    assert "no edition “tw”" in page and 'href="/taiwan"' in page and f"}})({version});" in page
    save(preview.root / "book.toml", toml)
    wait_for_rebuild(preview, version)
    assert "社區的舊文字" in get(preview.url + "tw")


def test_a_broken_serve_template_is_shown_in_the_page_and_the_server_goes_on(tmp_path):
    """The page's request got no answer at all, and the terminal a traceback."""
    book = make_book(tmp_path / "b", {"01-章/01-文.md": "# 第一篇\n\n社区的旧文字。\n",
                                      "styles/serve.html": "{{ version | nosuch }}\n"}, TOML)
    said: list[str] = []
    running = Preview(book, port=0, say=said.append)
    running.start()
    try:
        for _ in range(2):
            page = get(running.url)
            assert "社区的旧文字" in page and "paiban-error" in page and "No filter named" in page
            assert "serve.html:1" in page and "/__paiban__/wait" in page
        told = [line for line in said if "serve.html:1" in line]
        assert len(told) == 1 and told[0].startswith("error: ") and "No filter named" in told[0]  # once, not per page
    finally:
        running.close()


def test_a_builder_that_dies_is_replaced_and_the_server_goes_on(preview):
    """Builds run in a process of their own (never forked from the server's threads); one
    killed (out of memory, a crash in a library) is started again for the next build."""
    killed = preview.builder.pid
    assert killed != os.getpid()
    os.kill(killed, signal.SIGKILL)
    version = preview.version
    save(preview.root / "01-章/01-文.md", "# 第一篇\n\n重启之后的文字。\n")
    assert wait_for_rebuild(preview, version)["error"] is None
    assert "重启之后的文字" in get(preview.url)
    assert preview.builder.pid != killed


def test_stopping_during_a_build_is_no_build_error(tmp_path):
    """A build that stopping interrupts is the user's doing: the terminal hears no error of it."""
    book = make_book(tmp_path / "b", {"01-章/01-文.md": "# 一\n\n正文。\n"})
    said: list[str] = []
    running = Preview(book, port=0, say=said.append, formats=("pdf",))
    running.start()
    save(book / "01-章/01-文.md", "# 一\n\n" + "改过的正文。" * 3000 + "\n")  # a PDF of some pages
    for _ in range(200):  # until the watcher's build is under way
        if running.builder._building:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the edit started no build")
    running.close()
    assert said and not [line for line in said if "error" in line]


def _deaf_to_ctrl_c() -> None:
    """A builder's setup: the interrupt comes too late for it, as when its build ends first."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_stopping_a_builder_whose_build_ends_before_the_interrupt_ends_it_all_the_same(tmp_path):
    """Its build done, it waited for the next request, and the server for it to leave: for ever
    (a test run under load hung so)."""
    book = make_book(tmp_path / "b", {"01-章/01-文.md": "# 一\n\n正文。\n"})
    running = Preview(book, port=0, say=lambda line: None, setup=_deaf_to_ctrl_c)
    running.start()
    running.builder._building = True  # the answer not yet read, as the interrupt is sent
    closing = threading.Thread(target=running.close, daemon=True)
    closing.start()
    time.sleep(0.5)
    running.builder._building = False  # the answer read, as the thread that asked for the build reads it
    closing.join(timeout=60)
    assert not closing.is_alive() and not running.builder._process.is_alive()


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_the_command_stops_cleanly(tmp_path, stop):
    """Started inside the book, it names the book's path (it said "serving . at")."""
    book = make_book(tmp_path / "b", {"01.md": "# 一\n\n正文。\n"})
    command = subprocess.Popen([sys.executable, "-m", "paiban", "serve", "--port", "0"], cwd=book,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "COLUMNS": "200"})
    line = command.stdout.readline()
    assert line.startswith(f"serving {book.resolve()} at http://127.0.0.1:")
    assert "正文" in get(line.split(" at ")[1].split()[0])
    builder = Path(f"/proc/{command.pid}/task/{command.pid}/children").read_text().split()
    assert builder
    command.send_signal(stop)
    assert command.wait(timeout=30) == 0
    assert "stopped" in command.stdout.read()
    for _ in range(100):  # the builder (and multiprocessing's resource tracker) stopped too
        if not any(Path(f"/proc/{pid}").exists() for pid in builder):
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"still running: {[Path(f'/proc/{pid}/cmdline').read_text() for pid in builder]}")


def test_an_unknown_format_is_a_usage_error_before_serving(tmp_path):
    book = make_book(tmp_path / "b", {"01.md": "# 一\n\n正文。\n"})
    result = subprocess.run([sys.executable, "-m", "paiban", "serve", str(book), "--port", "0", "-f", "epub,docx"],
                            capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 2 and "unknown output format 'docx'" in result.stderr
    assert not (book / "build").exists()


def test_the_terminal_says_how_many_articles_were_read_afresh(tmp_path):
    """A warm start said "0 article(s) read", which reads like an empty book."""
    book = make_book(tmp_path / "b", {"01-章/01-文.md": "# 一\n\n正文。\n"})
    for expected in ("1 article(s) read afresh", "every article from the cache"):
        said: list[str] = []
        running = Preview(book, port=0, say=said.append)
        running.start()
        running.close()
        assert any(expected in line for line in said), said
