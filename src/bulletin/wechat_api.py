"""A small client of the WeChat Official Account API: the five calls that make a draft.

HTTP with the standard library (urllib): five POSTs need no dependency. JSON goes out as UTF-8
without ``\\u`` escapes (WeChat stores escapes literally), uploads as multipart with the field
``media``. Timeouts, dropped connections and 5xx answers are retried with bounded exponential
backoff; a request that may have reached WeChat is retried only when repeating it is harmless
(see ``Endpoint.repeatable``). WeChat's refusals come back as ``WeChatApiError`` with the
errcode. No secret (the appsecret, an access token) is ever part of an exception's text or repr:
URLs carry the token, so they never go into errors.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol
from urllib.parse import urlencode

DEFAULT_API_BASE = "https://api.weixin.qq.com"
TOKEN_LIFETIME = 7200  # seconds, when WeChat does not say


@dataclass(frozen=True)
class Endpoint:
    path: str
    # Whether sending it twice does no harm: an extra uploaded copy, the same draft replaced.
    # draft/add is not: a request that timed out may still have made a draft.
    repeatable: bool = True


STABLE_TOKEN = Endpoint("cgi-bin/stable_token")
UPLOAD_IMAGE = Endpoint("cgi-bin/media/uploadimg")
ADD_MATERIAL = Endpoint("cgi-bin/material/add_material")
DRAFT_ADD = Endpoint("cgi-bin/draft/add", repeatable=False)
DRAFT_UPDATE = Endpoint("cgi-bin/draft/update")

# errcodes that say the access token is no longer good (a fresh one fixes them).
TOKEN_ERRCODES = frozenset({40001, 40014, 42001})


@dataclass(frozen=True)
class Credentials:
    appid: str
    secret: str = field(repr=False)


@dataclass(frozen=True)
class Token:
    value: str = field(repr=False)
    expires_at: float  # seconds since the epoch


@dataclass(frozen=True)
class Upload:
    """A file sent as the multipart field ``media``."""

    filename: str
    data: bytes = field(repr=False)

    @property
    def content_type(self) -> str:
        suffix = self.filename.rsplit(".", 1)[-1].lower()
        return {"png": "image/png", "gif": "image/gif"}.get(suffix, "image/jpeg")

    @cached_property  # asked for by the state, the request and the log of one upload
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class ApiRequest:
    """One POST, before it is encoded: what a transport sends and a dry run writes down."""

    endpoint: Endpoint
    query: Mapping[str, str] = field(default_factory=dict)  # access_token goes here
    json_body: Mapping[str, Any] | None = None
    upload: Upload | None = None

    def url(self, api_base: str) -> str:
        address = f"{api_base.rstrip('/')}/{self.endpoint.path}"
        return f"{address}?{urlencode(self.query)}" if self.query else address

    def encoded(self) -> tuple[bytes, str]:
        """The body and its Content-Type."""
        if self.upload is not None:
            return _multipart(self.upload)
        return dumps_json(self.json_body or {}), "application/json; charset=utf-8"


def dumps_json(value: object) -> bytes:
    """UTF-8 JSON with the characters themselves: WeChat would keep ``\\uXXXX`` as text."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class WeChatApiError(Exception):
    """WeChat answered with a non-zero errcode."""

    def __init__(self, endpoint: Endpoint, errcode: int, errmsg: str) -> None:
        super().__init__(f"{endpoint.path}: errcode {errcode}: {errmsg}")
        self.endpoint = endpoint
        self.errcode = errcode
        self.errmsg = errmsg

    def __repr__(self) -> str:
        return f"WeChatApiError({self.endpoint.path!r}, {self.errcode}, {self.errmsg!r})"


class TransportError(Exception):
    """No answer from WeChat after the retries: the network, a timeout, or its servers failing.

    ``maybe_received`` tells whether WeChat may have acted on the last attempt anyway (the
    request went out, its answer never came back).
    """

    def __init__(
        self, endpoint: Endpoint, reason: str, attempts: int, maybe_received: bool
    ) -> None:
        super().__init__(f"{endpoint.path}: {reason} ({attempts} attempts)")
        self.endpoint = endpoint
        self.reason = reason
        self.attempts = attempts
        self.maybe_received = maybe_received

    def __repr__(self) -> str:
        return f"TransportError({self.endpoint.path!r}, {self.reason!r}, {self.attempts})"


class UnreadableAnswer(Exception):
    """WeChat answered something that is not the JSON the call returns."""

    def __init__(self, endpoint: Endpoint, detail: str) -> None:
        super().__init__(f"{endpoint.path}: {detail}")
        self.endpoint = endpoint
        self.detail = detail


@dataclass(frozen=True)
class Attempt:
    """What became of one try: an answer (status, body), or a failure."""

    status: int = 0
    body: bytes = b""
    failure: str = ""  # why there is no answer, in words that hold no URL or secret
    # The request went out and no answer came back: WeChat may have acted on it. Not so when
    # it never left (refused connection) or when WeChat answered that it failed (5xx).
    answer_lost: bool = False


class Transport(Protocol):
    def send(self, request: ApiRequest) -> Attempt: ...


class UrllibTransport:
    """Sends requests with urllib to ``api_base``."""

    def __init__(self, api_base: str = DEFAULT_API_BASE, timeout: float = 30.0) -> None:
        self.api_base = api_base
        self.timeout = timeout

    def send(self, request: ApiRequest) -> Attempt:
        body, content_type = request.encoded()
        http_request = urllib.request.Request(
            request.url(self.api_base),
            data=body,
            method="POST",
            headers={"Content-Type": content_type, "User-Agent": "bulletin"},
        )
        # Errors are turned into words here and never chained: their text or their
        # attributes hold the URL, which holds the access token.
        try:
            with urllib.request.urlopen(http_request, timeout=self.timeout) as response:
                return Attempt(status=response.status, body=response.read())
        except urllib.error.HTTPError as exc:
            return Attempt(status=exc.code, body=_body_of(exc))
        except urllib.error.URLError as exc:
            # urllib wraps what fails while connecting and sending: nothing was received.
            return Attempt(failure=_reason(exc.reason))
        except (OSError, http.client.HTTPException) as exc:  # waiting for or reading the answer
            return Attempt(failure=_reason(exc), answer_lost=True)


def _body_of(response: urllib.error.HTTPError) -> bytes:
    try:
        return response.read()
    except (OSError, http.client.HTTPException):
        return b""


def _reason(exc: object) -> str:
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return type(exc).__name__ if isinstance(exc, BaseException) else str(exc)


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    first_delay: float = 1.0  # then doubled each time, up to max_delay
    max_delay: float = 8.0

    def delays(self) -> list[float]:
        return [min(self.first_delay * 2**n, self.max_delay) for n in range(self.attempts - 1)]


class WeChatClient:
    """The calls ``bulletin publish`` makes; each returns what WeChat gave back."""

    def __init__(
        self,
        transport: Transport,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.transport = transport
        self.retry = retry or RetryPolicy()
        self.sleep = sleep
        self.clock = clock

    def stable_token(self, credentials: Credentials) -> Token:
        """The account's current token. (Without ``force_refresh``, WeChat hands out the token
        it holds, and never invalidates one that another program of the account uses.)"""
        body = {
            "grant_type": "client_credential",
            "appid": credentials.appid,
            "secret": credentials.secret,
        }
        started = self.clock()
        answer = self._call(ApiRequest(STABLE_TOKEN, json_body=body))
        lifetime = answer.get("expires_in", TOKEN_LIFETIME)
        return Token(
            _text_field(answer, "access_token", STABLE_TOKEN),
            started + (lifetime if isinstance(lifetime, int) else TOKEN_LIFETIME),
        )

    def upload_image(self, token: Token, upload: Upload) -> str:
        """A body image (jpg/png under 1 MB); its URL on WeChat's servers."""
        answer = self._call(ApiRequest(UPLOAD_IMAGE, _auth(token), upload=upload))
        return _text_field(answer, "url", UPLOAD_IMAGE)

    def add_image_material(self, token: Token, upload: Upload) -> str:
        """A permanent image (the cover); its media_id."""
        query = {**_auth(token), "type": "image"}
        answer = self._call(ApiRequest(ADD_MATERIAL, query, upload=upload))
        return _text_field(answer, "media_id", ADD_MATERIAL)

    def add_draft(self, token: Token, article: Mapping[str, Any]) -> str:
        answer = self._call(ApiRequest(DRAFT_ADD, _auth(token), {"articles": [article]}))
        return _text_field(answer, "media_id", DRAFT_ADD)

    def update_draft(self, token: Token, media_id: str, article: Mapping[str, Any]) -> None:
        body = {"media_id": media_id, "index": 0, "articles": article}
        self._call(ApiRequest(DRAFT_UPDATE, _auth(token), body))

    def _call(self, request: ApiRequest) -> dict[str, Any]:
        delays = self.retry.delays()
        for attempt_number in range(1, len(delays) + 2):
            attempt = self.transport.send(request)
            if not attempt.failure and attempt.status < 500:
                return _answer(request.endpoint, attempt)
            # Safe to try again: WeChat did not act on it, or acting twice does no harm.
            may_retry = not attempt.answer_lost or request.endpoint.repeatable
            if not may_retry or attempt_number > len(delays):
                reason = attempt.failure or f"HTTP {attempt.status}"
                raise TransportError(request.endpoint, reason, attempt_number, attempt.answer_lost)
            self.sleep(delays[attempt_number - 1])
        raise AssertionError("unreachable")  # pragma: no cover


def _auth(token: Token) -> dict[str, str]:
    return {"access_token": token.value}


def _answer(endpoint: Endpoint, attempt: Attempt) -> dict[str, Any]:
    """The JSON answer (uploadimg says text/plain, so the Content-Type is not trusted)."""
    try:
        answer = json.loads(attempt.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UnreadableAnswer(endpoint, f"HTTP {attempt.status}, not JSON") from None
    if not isinstance(answer, dict):
        raise UnreadableAnswer(endpoint, "not a JSON object")
    errcode = answer.get("errcode", 0)
    if errcode not in (0, None):
        raise WeChatApiError(endpoint, int(errcode), str(answer.get("errmsg", "")))
    if attempt.status >= 400:
        raise UnreadableAnswer(endpoint, f"HTTP {attempt.status}")
    return answer


def _text_field(answer: Mapping[str, Any], name: str, endpoint: Endpoint) -> str:
    value = answer.get(name)
    if not isinstance(value, str) or not value:
        raise UnreadableAnswer(endpoint, f"no {name} in the answer")
    return value


def _multipart(upload: Upload) -> tuple[bytes, str]:
    """``multipart/form-data`` with the one field ``media``. The boundary comes from the
    file's hash, so the same file gives the same bytes (a dry run is reproducible)."""
    boundary = f"bulletin-{upload.sha256[:32]}"
    counter = 0
    while boundary.encode() in upload.data:  # all but impossible; never send a broken body
        counter += 1
        boundary = f"bulletin-{upload.sha256[:32]}-{counter}"
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="media"; filename="{upload.filename}"\r\n'
        f"Content-Type: {upload.content_type}\r\n\r\n"
    ).encode()
    body = head + upload.data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


class RecordingTransport:
    """A dry run: writes each request down instead of sending it, and answers as WeChat would,
    with placeholders (``DRY-RUN``) where WeChat would give URLs and media ids."""

    def __init__(self, api_base: str) -> None:
        self.api_base = api_base
        self.records: list[dict[str, Any]] = []

    def send(self, request: ApiRequest) -> Attempt:
        record: dict[str, Any] = {"method": "POST", "url": request.url(self.api_base)}
        body, content_type = request.encoded()
        record["content_type"] = content_type
        if request.upload is not None:
            upload = request.upload
            record["multipart"] = {
                "name": "media",
                "filename": upload.filename,
                "content_type": upload.content_type,
                "bytes": len(upload.data),
                "sha256": upload.sha256,
            }
        else:
            record["json"] = request.json_body
        record["body_bytes"] = len(body)
        self.records.append(record)
        return Attempt(status=200, body=dumps_json(_placeholder_answer(request)))

    def jsonl(self) -> str:
        return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in self.records)


def _placeholder_answer(request: ApiRequest) -> dict[str, Any]:
    name = request.upload.filename if request.upload else ""
    answers: dict[Endpoint, dict[str, Any]] = {
        STABLE_TOKEN: {"access_token": "ACCESS_TOKEN", "expires_in": TOKEN_LIFETIME},
        UPLOAD_IMAGE: {"url": f"https://mmbiz.qpic.cn/DRY-RUN/{name}"},
        ADD_MATERIAL: {"media_id": f"DRY-RUN-{name}", "url": ""},
        DRAFT_ADD: {"media_id": "DRY-RUN-DRAFT"},
        DRAFT_UPDATE: {"errcode": 0, "errmsg": "ok"},
    }
    return answers[request.endpoint]
