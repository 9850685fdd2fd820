"""``reportlint serve``: a local review web page for people who never open a terminal.

Drop a .docx, .txt or .md on the page and see the HTML review (the same page as ``--format
html``), with the annotated Word copy and the fixed text to download. A thin layer: it checks
through :mod:`reportlint.api`, renders with :mod:`reportlint.formats.html` and annotates with
:mod:`reportlint.formats.word`, as the command line does.

Nothing is kept: an upload is read into memory up to the size limit (more is refused; the form
parser may spill a large part to an unnamed temporary file, closed before the answer), the
annotated copy is made in a temporary directory removed before the response is sent, and the
downloads travel inside the review page itself, so there is no second request and no state.
Bound to 127.0.0.1 unless told otherwise, and it answers only requests addressed to that host
(a web page elsewhere cannot reach it through a rebound name).
"""

from __future__ import annotations

import base64
import html
import socket
import tempfile
import threading
from pathlib import Path, PurePath
from typing import Any

import regex
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from reportlint.api import LintResult, lint_decoded, lint_text, settings_for
from reportlint.base import i18n
from reportlint.formats.html import html_lang, label, page, render_file
from reportlint.formats.summary import Summary
from reportlint.formats.word import annotate
from reportlint.inputs.decoded import LEGACY_SUFFIXES, InputError, NotText
from reportlint.inputs.reader import DOCX_SUFFIXES, TEXT_SUFFIXES, decode_input
from reportlint.rules.engine import get_linter
from reportlint.rules.settings import DEFAULT_MAX_FILE_SIZE, Settings
from reportlint.runner import fixed_text

ACCEPTED = TEXT_SUFFIXES + DOCX_SUFFIXES
OFFERED = ACCEPTED + LEGACY_SUFFIXES  # a .doc may be chosen, to be told to save it as .docx
FORM_OVERHEAD = 16_384  # multipart boundaries and headers around the file itself
DRAIN_FACTOR = 8  # an oversized body is read (and dropped) up to this many times the limit, then cut off
_HAN = regex.compile(r"\p{Han}")
# A short report that makes the typo rules read their word tables (知只产权局: near-miss).
_WARM_TEXT = "关于市场监管工作的报告\n一、主要工作\n市知只产权局负责商标注册工作。\n"
_DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class _Language:
    """Each request in the language its browser asks for (``Accept-Language``), unless ``serve``
    was given ``--lang``; a browser that names neither Chinese nor English gets the process's."""

    def __init__(self, app: Any, fixed: str | None = None) -> None:
        self.app, self.fixed = app, fixed

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        lang = self.fixed
        if lang is None and scope["type"] == "http":
            header = dict(scope.get("headers") or []).get(b"accept-language", b"")
            lang = i18n.from_accept_language(header.decode("latin-1"))
        with i18n.using(lang):
            await self.app(scope, receive, send)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


_STYLE = """
body { margin: 0; font: 16px/1.7 "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; color: #222;
  background: #fafafa; }
main { max-width: 44em; margin: 3em auto; padding: 0 1.2em; }
h1 { font-size: 1.6em; }
form { margin: 1.5em 0; }
.drop { display: block; border: 2px dashed #90a4ae; border-radius: 8px; padding: 2.5em 1em; text-align: center;
  background: #fff; cursor: pointer; }
.drop.over { border-color: #1565c0; background: #e3f2fd; }
.drop input { display: block; margin: 1em auto 0; }
button, a.button { display: inline-block; margin-top: 1em; padding: 0.5em 1.6em; font-size: 1em; border: 0;
  border-radius: 4px; background: #1565c0; color: #fff; text-decoration: none; cursor: pointer; }
.option { display: block; margin-top: 1em; }
.note { color: #666; font-size: 0.9em; }
.problem { border-left: 4px solid #c62828; padding: 0.2em 1em; background: #fff; }
"""

_SCRIPT = """
(function () {
  const zone = document.querySelector(".drop"), input = zone.querySelector("input");
  for (const type of ["dragenter", "dragover"]) zone.addEventListener(type, (e) => {
    e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault(); zone.classList.remove("over");
    if (e.dataTransfer.files.length) { input.files = e.dataTransfer.files; zone.closest("form").submit(); }
  });
})();
"""


def _shell(title: str, body: str, script: str = "") -> str:
    return (
        f'<!DOCTYPE html><html lang="{html_lang()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body><main>{body}</main>"
        f"{f'<script>{script}</script>' if script else ''}</body></html>\n"
    )


def upload_page(limit: int) -> str:
    body = (
        f"<h1>{_e(label('Report review'))}</h1>"
        f"<p>{_e(label('Choose or drop a report (.docx, .txt or .md) to check it.'))}</p>"
        '<form method="post" action="/review" enctype="multipart/form-data">'
        f'<label class="drop">{_e(label("Choose a file"))}'
        f'<input type="file" name="report" accept="{",".join(OFFERED)}" required></label>'
        f'<label class="option"><input type="checkbox" name="typos" value="on" checked> '
        f"{_e(label('Also look for misspelt characters (slower; the first time takes some seconds)'))}</label>"
        f'<button type="submit">{_e(label("Check"))}</button></form>'
        f'<p class="note">{_e(label("The file is checked on this computer and nothing is kept."))} '
        f"{_e(label('Files up to {size} MB.', size=_mb(limit)))}</p>"
    )
    return _shell(label("Report review"), body, _SCRIPT)


def problem_page(title: str, detail: str) -> str:
    body = (
        f'<h1>{_e(label("Report review"))}</h1><div class="problem"><h2>{_e(title)}</h2><p>{_e(detail)}</p></div>'
        f'<a class="button" href="/">{_e(label("Check another report"))}</a>'
    )
    return _shell(title, body)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:g}"


class UploadTooLarge(Exception):
    pass


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, at most ``limit`` bytes; beyond that the rest is read and dropped (so
    the browser, still sending, receives the answer) up to a bound, and the upload refused."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size <= limit:
            chunks.append(chunk)
        elif size > limit * DRAIN_FACTOR:
            break
    if size > limit:
        raise UploadTooLarge
    return b"".join(chunks)


async def _replayed_form(request: Request, body: bytes) -> Any:
    """The multipart form of a body already read (Starlette parses from the receive channel)."""
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return await Request(request.scope, receive).form(max_files=1, max_fields=4)


def review(data: bytes, name: str, config: Path | None, limit: int, typos: bool = False) -> tuple[int, str]:
    """(status, page) for one uploaded file: the review with its downloads, or why not. With
    ``typos``, the rules that are off by default run too (``near-miss`` and ``wrong-char``: too
    slow for a run over a thousand reports, a few milliseconds for the one a person is reading)."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in OFFERED:
        return 415, problem_page(
            label("Not a file reportlint can check"), label("“{name}” is not a .docx, .txt or .md file.", name=name)
        )
    settings = _settings(config, limit, typos)
    try:
        decoded = decode_input(data, name, None, settings.max_file_size)
    except InputError as exc:
        return 422, problem_page(label("The file cannot be read"), _unreadable(name, exc))
    result = lint_decoded(decoded, name, settings)
    if not _HAN.search(result.text or ""):
        return 422, problem_page(
            label("This does not look like a report"), label("“{name}” has no Chinese text to check.", name=name)
        )
    summary = Summary()
    summary.add(result)
    downloads = _downloads(data, name, result, settings)
    back = f'<a class="secondary" href="/">{_e(label("Check another report"))}</a>'
    rules = get_linter(settings).ruleset.by_id()
    return 200, page([render_file(result, 1)], summary, rules, extra=f'<p class="downloads">{downloads}{back}</p>')


def _settings(config: Path | None, limit: int, typos: bool) -> Settings:
    """The settings a review runs with: the configuration's, uploads up to ``limit``, and with
    ``typos`` the rules off by default too."""
    settings = settings_for(None, config).with_overrides(max_file_size=limit)
    return settings.with_overrides(extend_select=_off_by_default(settings)) if typos else settings


def warm(config: Path | None, limit: int) -> threading.Thread:
    """Start making ready, in a thread of its own, what the first review with 同时查错别字
    ticked would otherwise wait for: the typo rules' word tables (built once per installation
    into the user cache, some 6 s) and the rules, read into this process. The server starts and
    answers meanwhile; a daemon thread, so stopping the server does not wait for it."""
    thread = threading.Thread(target=_warm, args=(config, limit), name="reportlint-warm", daemon=True)
    thread.start()
    return thread


def _warm(config: Path | None, limit: int) -> None:
    try:
        lint_text(_WARM_TEXT, "warm.txt", _settings(config, limit, typos=True))
    except Exception:  # noqa: BLE001, S110 - the review that needs them meets the same failure and reports it
        pass


def _unreadable(name: str, exc: InputError) -> str:
    """Why an upload cannot be read, in words for a person on this page: the command line's
    advice for a text no encoding reads (``--encoding``) is an option no one here can pass."""
    if isinstance(exc, NotText):
        return label(
            "“{name}” is not text reportlint can read: save it as UTF-8 text (Save As, encoding UTF-8) "
            "or as a Word .docx, and upload that.",
            name=name,
        )
    return label("“{name}” cannot be read: {reason}.", name=name, reason=exc)


def _off_by_default(settings: Settings) -> tuple[str, ...]:
    """The rules the settings' rule packs ship off by default (``default: false``)."""
    return tuple(rule.id for rule in get_linter(settings).ruleset.rules if not rule.default)


def _downloads(data: bytes, name: str, result: LintResult, settings: Settings) -> str:
    """Links whose files travel in the page (base64 in an inert script element): the annotated
    Word copy (comments, and the safe fixes as tracked changes) and the text with its safe fixes."""
    stem, suffix = PurePath(name).stem, PurePath(name).suffix
    decoded = result.decoded
    assert decoded is not None  # only a result that was read is offered for download
    text, count, _ = fixed_text(decoded, result.diagnostics, name, settings, False)
    links = []
    if decoded.kind == "docx":
        with tempfile.TemporaryDirectory(prefix="reportlint-") as folder:
            source, target = Path(folder) / "upload.docx", Path(folder) / "annotated.docx"
            source.write_bytes(data)
            annotate(source, target, result.diagnostics, text)
            copy = target.read_bytes()
        caption = label("Download the annotated Word copy")
        links.append(_payload("annotated", label("{stem} (review).docx", stem=stem), _DOCX_TYPE, copy, caption))
    if count:
        body, fixed_name = (
            (decoded.encode(text), label("{stem} (fixed){suffix}", stem=stem, suffix=suffix))
            if decoded.kind == "text"
            else (decoded.as_shown(text).encode("utf-8"), label("{stem} (fixed){suffix}", stem=stem, suffix=".txt"))
        )
        caption = label("Download the fixed text ({n} safe fixes)", n=count)
        links.append(_payload("fixed", fixed_name, "text/plain", body, caption))
    return "".join(links)


def _payload(ident: str, filename: str, mime: str, data: bytes, caption: str) -> str:
    encoded = base64.b64encode(data).decode("ascii")  # no "<" can occur: safe inside the element
    return (
        f'<a class="download" href="#" download="{_e(filename)}" data-payload="payload-{ident}"'
        f' data-type="{_e(mime)}">{_e(caption)}</a>'
        f'<script type="application/octet-stream" id="payload-{ident}">{encoded}</script>'
    )


def create_app(
    host: str = "127.0.0.1", config: Path | None = None, limit: int = DEFAULT_MAX_FILE_SIZE, lang: str | None = None
) -> Starlette:
    def refusal() -> str:
        return problem_page(
            label("The file is too large"), label("This file is larger than the limit of {limit} MB.", limit=_mb(limit))
        )

    async def home(request: Request) -> HTMLResponse:
        return HTMLResponse(upload_page(limit), headers=_HEADERS)

    async def upload(request: Request) -> HTMLResponse:
        try:
            body = await _read_body(request, limit + FORM_OVERHEAD)
        except UploadTooLarge:
            return HTMLResponse(refusal(), 413, headers=_HEADERS)
        missing = problem_page(label("No file was uploaded"), label("Choose a .docx, .txt or .md file and try again."))
        try:
            form = await _replayed_form(request, body)
        except Exception:  # a malformed form is the same to the person as no file
            return HTMLResponse(missing, 400, headers=_HEADERS)
        try:
            upload = form.get("report")
            if upload is None or isinstance(upload, str) or not upload.filename:
                return HTMLResponse(missing, 400, headers=_HEADERS)
            data = await upload.read()
            name = PurePath(upload.filename.replace("\\", "/")).name or "report"
            typos = form.get("typos") is not None
        finally:
            await form.close()
        if len(data) > limit:
            return HTMLResponse(refusal(), 413, headers=_HEADERS)
        status, content = await run_in_threadpool(review, data, name, config, limit, typos)
        return HTMLResponse(content, status, headers=_HEADERS)

    async def not_found(request: Request, exc: Exception) -> HTMLResponse:
        return HTMLResponse(problem_page(label("Page not found"), request.url.path), 404, headers=_HEADERS)

    # Bound to all interfaces on purpose, any name may reach it; otherwise only its own names.
    hosts = ["*"] if host in ("0.0.0.0", "::") else sorted({host, "127.0.0.1", "localhost", "[::1]"})
    return Starlette(
        routes=[Route("/", home), Route("/review", upload, methods=["POST"])],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts), Middleware(_Language, fixed=lang)],
        exception_handlers={404: not_found, 405: not_found},
    )


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (port 0: one the system chooses)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(64)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def run(sock: socket.socket, app: Starlette) -> None:
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", lifespan="off", server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
