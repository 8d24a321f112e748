"""The hostile suite's tools: a trap server on 127.0.0.1, a secret outside the book, and a leak search.

Every hostile case is a book project that tries to make paiban read the secret (a file
beside the book, never inside it) or fetch from the trap. A case passes when the build is
refused with an error or completes with a warning, the trap saw no request, and no output
holds the secret.
"""

from __future__ import annotations

import subprocess
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

SECRET = "OUTSIDE-SECRET-c0ffee"
# A 1×1 PNG with the secret in its trailing bytes: found in any output that copied it.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082")


class Trap:
    """An HTTP server on 127.0.0.1 that records every request it gets."""

    def __init__(self) -> None:
        requests = self.requests = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"body { color: red }")

            def log_message(self, *args) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def plant_secrets(directory: Path) -> dict[str, Path]:
    """Files outside any book, each holding :data:`SECRET`: what a hostile book tries to read."""
    directory.mkdir(parents=True, exist_ok=True)
    files = {
        "txt": ("secret.txt", f"{SECRET}\n"),
        "md": ("secret.md", f"# {SECRET}\n\n{SECRET}\n"),
        "css": ("secret.css", f'body::before {{ content: "{SECRET}" }}\n'),
        "html": ("secret.html", f"<p>{SECRET}</p>\n"),
    }
    paths = {}
    for kind, (name, text) in files.items():
        paths[kind] = directory / name
        paths[kind].write_text(text, encoding="utf-8")
    paths["png"] = directory / "secret.png"
    paths["png"].write_bytes(PNG + SECRET.encode())
    return paths


def leaks(outputs: list[Path]) -> list[str]:
    """Where :data:`SECRET` shows in the outputs: EPUB members, PDF bytes and text, HTML."""
    found = []
    needle = SECRET.encode()
    for path in outputs:
        data = path.read_bytes()
        if needle in data:
            found.append(str(path))
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as archive:
                found += [f"{path}!{name}" for name in archive.namelist() if needle in archive.read(name)]
        elif path.suffix == ".pdf":
            text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
            if needle in text:
                found.append(f"{path} (text)")
    return found
