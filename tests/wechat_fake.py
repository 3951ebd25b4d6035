"""A local stand-in for the WeChat Official Account API, for the publish tests.

It serves the five calls ``bulletin publish`` makes on 127.0.0.1 and checks them as WeChat
does (shared/notes/wechat.md): the credentials, the token and its expiry, the multipart field
``media``, jpg/png under 1 MB for body images and 10 MB for materials, a permanent
``thumb_media_id``, the article's field lengths, content under 20,000 characters and 1 MB,
JSON sent without ``\\u`` escapes. What WeChat would silently change rather than refuse (an
image in the content that was not uploaded here) is kept in ``violations``. It can be told to
fail: an errcode, a 5xx status, an answer that comes too late, a connection dropped.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

APPID = "wx5eed0000c0ffee42"
SECRET = "appsecret-" + "7f3a9c" * 5  # distinctive, so that a leak is found by searching
TOKEN_LIFETIME = 7200
IMAGE_LIMIT = 1024 * 1024  # uploadimg: under 1 MB
MATERIAL_LIMIT = 10 * 1024 * 1024
CONTENT_CHARS = 20_000
CONTENT_BYTES = 1024 * 1024
_IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc=\"([^\"]*)\"")
_TAG = re.compile(r"<[^>]+>")


@dataclass
class Fault:
    endpoint: str  # e.g. "draft/add"
    times: int = 1
    skip: int = 0  # calls to let through first
    errcode: int = 0
    errmsg: str = ""
    status: int = 0  # an HTTP error status instead of an answer
    late: float = 0.0  # handle the request, then answer this many seconds later
    drop: bool = False  # handle the request, then close the connection without answering


@dataclass
class Call:
    endpoint: str
    query: dict[str, str]
    body: dict[str, Any] = field(default_factory=dict)  # JSON calls
    filename: str = ""  # uploads
    data: bytes = b""
    errcode: int = 0  # what the fake answered (0: success)


class WeChatError(Exception):
    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(errcode, errmsg)
        self.errcode, self.errmsg = errcode, errmsg


class FakeWeChat:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.faults: list[Fault] = []
        self.violations: list[str] = []
        self.tokens: dict[str, float] = {}  # value → expires at (fake clock)
        self.image_urls: dict[str, bytes] = {}  # uploadimg URL → bytes
        self.materials: dict[str, bytes] = {}  # permanent media_id → bytes
        self.drafts: dict[str, dict[str, Any]] = {}  # media_id → its one article
        self.count_markup = False  # count the content's markup towards the 20,000 characters
        self.offset = 0.0
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    # The test's controls ---------------------------------------------------------------------

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def now(self) -> float:
        """The fake's clock; give it to the client too (``send(..., clock=fake.now)``)."""
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds

    def fail(self, endpoint: str, **fault: Any) -> None:
        self.faults.append(Fault(endpoint, **fault))

    def secrets(self) -> list[str]:
        return [SECRET, *self.tokens]

    def endpoints(self) -> list[str]:
        """The calls made, in order, by endpoint (``stable_token``, ``media/uploadimg``…)."""
        return [call.endpoint for call in self.calls]

    def start(self) -> FakeWeChat:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # Handling --------------------------------------------------------------------------------

    def handle(
        self, endpoint: str, query: dict[str, str], headers: Any, raw: bytes
    ) -> dict[str, Any]:
        """The answer to one call, which is recorded."""
        call = Call(endpoint, query)
        with self.lock:
            self.calls.append(call)
            try:
                return self._route(call, headers, raw)
            except WeChatError as exc:
                call.errcode = exc.errcode
                return {"errcode": exc.errcode, "errmsg": exc.errmsg}

    def record(self, call: Call) -> None:
        with self.lock:
            self.calls.append(call)

    def _route(self, call: Call, headers: Any, raw: bytes) -> dict[str, Any]:
        if call.endpoint == "stable_token":
            return self._stable_token(call, raw)
        self._check_token(call.query.get("access_token", ""))
        if call.endpoint == "media/uploadimg":
            return self._uploadimg(call, headers, raw)
        if call.endpoint == "material/add_material":
            return self._add_material(call, headers, raw)
        if call.endpoint == "draft/add":
            body = self._json(call, raw)
            articles = body.get("articles")
            if not isinstance(articles, list) or not articles:
                raise WeChatError(44003, "empty news data")
            for article in articles:
                self._check_article(article)
            media_id = "DRAFT_" + secrets.token_hex(8)
            self.drafts[media_id] = articles[0]
            return {"media_id": media_id}
        if call.endpoint == "draft/update":
            body = self._json(call, raw)
            if body.get("media_id") not in self.drafts or body.get("index") != 0:
                raise WeChatError(40007, "invalid media_id")
            self._check_article(body.get("articles"))
            self.drafts[body["media_id"]] = body["articles"]
            return {"errcode": 0, "errmsg": "ok"}
        raise WeChatError(40066, "invalid url")

    def _json(self, call: Call, raw: bytes) -> dict[str, Any]:
        if b"\\u" in raw:  # WeChat stores \uXXXX escapes as the six characters
            self.violations.append(f"{call.endpoint}: JSON with \\u escapes")
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise WeChatError(47001, "data format error") from None
        if not isinstance(body, dict):
            raise WeChatError(47001, "data format error")
        call.body = body
        return body

    def _stable_token(self, call: Call, raw: bytes) -> dict[str, Any]:
        body = self._json(call, raw)
        if body.get("grant_type") != "client_credential":
            raise WeChatError(40002, "invalid grant_type")
        if body.get("appid") != APPID:
            raise WeChatError(40013, "invalid appid")
        if body.get("secret") != SECRET:
            raise WeChatError(40125, "invalid appsecret")
        current = [value for value, until in self.tokens.items() if until > self.now()]
        if current and not body.get("force_refresh"):
            value = current[0]
        else:
            value = "TOKEN_" + secrets.token_hex(12)
            self.tokens[value] = self.now() + TOKEN_LIFETIME
        return {"access_token": value, "expires_in": int(self.tokens[value] - self.now())}

    def _check_token(self, value: str) -> None:
        if not value:
            raise WeChatError(41001, "access_token missing")
        if value not in self.tokens:
            raise WeChatError(40001, "invalid credential, access_token is invalid or not latest")
        if self.tokens[value] <= self.now():
            raise WeChatError(42001, "access_token expired")

    def expire_tokens(self) -> None:
        """As if two hours had passed on WeChat's side only."""
        self.tokens = dict.fromkeys(self.tokens, 0.0)

    def _media(self, call: Call, headers: Any, raw: bytes, kinds: tuple[str, ...]) -> bytes:
        content_type = headers.get("Content-Type", "")
        if not content_type.startswith("multipart/form-data"):
            raise WeChatError(41005, "media data missing")
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw
        )
        parts = {
            part.get_param("name", header="content-disposition"): part
            for part in message.iter_parts()
        }
        media = parts.get("media")
        if media is None:
            raise WeChatError(41005, "media data missing")
        call.filename = media.get_filename() or ""
        call.data = media.get_payload(decode=True) or b""
        suffix = call.filename.rsplit(".", 1)[-1].lower()
        sniffed = "png" if call.data.startswith(b"\x89PNG") else "jpg"
        if suffix not in kinds or not call.data.startswith((b"\x89PNG", b"\xff\xd8")):
            raise WeChatError(40005, "invalid file type")
        if {"jpeg": "jpg"}.get(suffix, suffix) != sniffed:
            raise WeChatError(40005, "invalid file type")
        return call.data

    def _uploadimg(self, call: Call, headers: Any, raw: bytes) -> dict[str, Any]:
        data = self._media(call, headers, raw, ("jpg", "jpeg", "png"))
        if len(data) >= IMAGE_LIMIT:
            raise WeChatError(40009, "invalid image size")
        kind = "png" if data.startswith(b"\x89PNG") else "jpg"
        url = f"http://mmbiz.qpic.cn/mmbiz_{kind}/{secrets.token_hex(24)}/0?wx_fmt={kind}"
        self.image_urls[url] = data
        return {"url": url}

    def _add_material(self, call: Call, headers: Any, raw: bytes) -> dict[str, Any]:
        if call.query.get("type") != "image":
            raise WeChatError(40004, "invalid media type")
        data = self._media(call, headers, raw, ("jpg", "jpeg", "png", "gif", "bmp"))
        if len(data) > MATERIAL_LIMIT:
            raise WeChatError(40009, "invalid image size")
        media_id = "MATERIAL_" + secrets.token_hex(10)
        self.materials[media_id] = data
        return {"media_id": media_id, "url": f"http://mmbiz.qpic.cn/mmbiz/{media_id}/0"}

    def _check_article(self, article: Any) -> None:
        if not isinstance(article, dict):
            raise WeChatError(44003, "empty news data")
        title, content = article.get("title"), article.get("content")
        if not isinstance(title, str) or not title:
            raise WeChatError(44003, "empty news data")
        if len(title) > 32:
            raise WeChatError(45003, "title size out of limit")
        if len(article.get("author", "")) > 16:
            raise WeChatError(45110, "author size out of limit")
        if len(article.get("digest", "")) > 128:
            raise WeChatError(45004, "description size out of limit")
        if len(article.get("content_source_url", "").encode()) > 1024:
            raise WeChatError(45005, "url size out of limit")
        if not isinstance(content, str) or not content:
            raise WeChatError(44004, "empty content")
        counted = content if self.count_markup else _TAG.sub("", content)
        if len(counted) >= CONTENT_CHARS or len(content.encode()) >= CONTENT_BYTES:
            raise WeChatError(45002, "content size out of limit")
        if article.get("thumb_media_id") not in self.materials:
            raise WeChatError(40007, "invalid media_id")
        for flag in ("need_open_comment", "only_fans_can_comment"):
            if article.get(flag, 0) not in (0, 1):
                raise WeChatError(47001, "data format error")
        for src in _IMG_SRC.findall(content):
            if src.replace("&amp;", "&") not in self.image_urls:
                self.violations.append(f"image not from uploadimg (WeChat drops it): {src}")

    def fault_for(self, endpoint: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.endpoint != endpoint or fault.times == 0:
                    continue
                if fault.skip:
                    fault.skip -= 1
                    return None
                fault.times -= 1
                return fault
        return None


def _handler(fake: FakeWeChat) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            parts = urlsplit(self.path)
            endpoint = parts.path.removeprefix("/cgi-bin/")
            query = {key: values[0] for key, values in parse_qs(parts.query).items()}
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            fault = fake.fault_for(endpoint)
            if fault is not None and fault.status:
                fake.record(Call(endpoint, query, errcode=-fault.status))
                self._reply(fault.status, b"<html>Service Unavailable</html>", "text/html")
                return
            if fault is not None and fault.errcode:
                fake.record(Call(endpoint, query, errcode=fault.errcode))
                message = fault.errmsg or f"fault {fault.errcode}"
                self._answer({"errcode": fault.errcode, "errmsg": message})
                return
            answer = fake.handle(endpoint, query, self.headers, raw)
            if fault is not None and fault.drop:
                self.close_connection = True
                return
            if fault is not None and fault.late:
                time.sleep(fault.late)
            self._answer(answer, endpoint)

        def _answer(self, answer: dict[str, Any], endpoint: str = "") -> None:
            # uploadimg answers its JSON as text/plain (doocs/md #1877).
            kind = "text/plain" if endpoint == "media/uploadimg" else "application/json"
            self._reply(200, json.dumps(answer).encode(), kind)

        def _reply(self, status: int, body: bytes, content_type: str) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the client gave up waiting (a "late" fault)
                pass

        def log_message(self, format: str, *args: Any) -> None:
            return None

    return Handler


def ip_fault_message(ip: str) -> str:
    """What WeChat answers to a caller outside the IP whitelist."""
    return f"invalid ip {ip} ipv6 ::ffff:{ip}, not in whitelist rid: 6565a0b1-1a2b3c4d-5e6f7a8b"
