"""``bulletin publish WEEK``: the week's WeChat article lands as a draft in the 公众号.

build the wechat format (the build's own pipeline and refusals) → upload each photo
(uploadimg) → point the article's images at the URLs WeChat gave → upload the cover
(add_material) → check the final article → draft/add, or draft/update of the week's draft.

Each step that succeeds is saved in the week's state (``publish_state.py``) before the next
begins, so a second run repeats nothing and a run that failed half-way resumes. It stops at
the draft: publishing (freepublish) is withdrawn from many account types, and a person reads
the draft before it goes out. The core never prints: progress goes to a callback.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from bulletin.build import compile_week, output_root, render_context, render_formats
from bulletin.compile import CompiledBulletin
from bulletin.config import Project
from bulletin.credentials import find_credentials, require_credentials
from bulletin.diagnostics import (
    EntryErrors,
    Location,
    MessageArg,
    Problem,
    PublishFailed,
    UsageError,
    error,
)
from bulletin.images import prepare_images
from bulletin.publish_state import (
    PublishState,
    UnreadableState,
    load_state,
    save_state,
    state_path,
)
from bulletin.render import RenderContext, WeChatFormat
from bulletin.view import BulletinView, EntryView
from bulletin.wechat_api import (
    DEFAULT_API_BASE,
    DRAFT_UPDATE,
    STABLE_TOKEN,
    TOKEN_ERRCODES,
    Credentials,
    RecordingTransport,
    RetryPolicy,
    Token,
    Transport,
    TransportError,
    UnreadableAnswer,
    Upload,
    UrllibTransport,
    WeChatApiError,
    WeChatClient,
)
from bulletin.wechat_check import MAX_DIGEST_CHARS, MAX_TITLE_CHARS, check_fragment
from bulletin.write import write_file

MAX_AUTHOR_CHARS = 16
MAX_SOURCE_URL_BYTES = 1024
TOKEN_MARGIN = 300.0  # seconds: a token this close to its end is renewed before a call
MEDIA_ID_ERRCODE = 40007
DRY_RUN_APPID = "WECHAT_APPID"  # what a dry run writes when no credentials are set up
DRY_RUN_SECRET = "WECHAT_APPSECRET"  # a dry run never reads the real secret
DRY_RUN_TOKEN = "ACCESS_TOKEN"

Answer = TypeVar("Answer")


class Step(str, Enum):
    TOKEN = "token"  # asking WeChat for an access token
    IMAGE = "image"  # uploading a photo: name, done of total
    IMAGES_KNOWN = "images_known"  # done of total photos were uploaded by an earlier run
    COVER = "cover"  # uploading the cover: name
    COVER_KNOWN = "cover_known"
    DRAFT_ADD = "draft_add"
    DRAFT_UPDATE = "draft_update"  # name: the draft's media_id


@dataclass(frozen=True)
class PublishEvent:
    step: Step
    name: str = ""
    done: int = 0
    total: int = 0


PublishProgress = Callable[[PublishEvent], None]


@dataclass(frozen=True)
class Publication:
    """A week ready to send: built and checked like ``bulletin build``, nothing sent yet."""

    week: str
    compiled: CompiledBulletin
    context: RenderContext
    cover: Upload
    warnings: list[Problem]  # the build's, for the CLI to show before anything is sent
    state_file: Path


@dataclass(frozen=True)
class PublishOptions:
    api_base: str = DEFAULT_API_BASE
    new_draft: bool = False  # draft/add even when the week has a draft
    dry_run: bool = False
    timeout: float = 30.0  # seconds, per request
    retry: RetryPolicy = field(default_factory=RetryPolicy)


@dataclass(frozen=True)
class PublishResult:
    title: str
    draft_media_id: str
    created: bool  # draft/add (True) or draft/update (False)
    uploaded: int  # photos sent in this run
    reused: int  # photos an earlier run had sent
    dry_run_file: Path | None
    # An earlier draft/add went unanswered, so WeChat may hold a second draft of the week.
    maybe_duplicate: bool = False


def prepare(
    project: Project,
    week_spec: str,
    theme: str | None = None,
    strict: bool = False,
    today: date | None = None,
    published: str | None = None,
) -> Publication:
    """Build the week's WeChat article as ``bulletin build --format wechat`` does (refusing
    what it refuses, dated as ``published`` says), and refuse what draft/add would:
    over-long fields, no cover."""
    week, compiled, entry_warnings = compile_week(project, week_spec, today, strict, published)
    context = render_context(project, theme)
    _, format_warnings = render_formats(project, compiled, ("wechat",), context, strict)
    cover, cover_problems = _cover(project, compiled)
    refusals = _article_field_problems(project, compiled.view) + cover_problems
    if refusals or cover is None:
        raise EntryErrors(refusals)
    return Publication(
        week=str(week.id),
        compiled=compiled,
        context=context,
        cover=cover,
        warnings=[*entry_warnings, *format_warnings],
        state_file=state_path(project.root, str(week.id)),
    )


def send(
    project: Project,
    publication: Publication,
    options: PublishOptions | None = None,
    progress: PublishProgress | None = None,
    environ: Mapping[str, str] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
) -> PublishResult:
    """Make or update the week's draft; with ``dry_run``, write the requests down instead."""
    options = options or PublishOptions()
    notify = progress or _ignore
    environ = os.environ if environ is None else environ
    compiled, context, state_file = (
        publication.compiled,
        publication.context,
        publication.state_file,
    )
    session = _open_session(project, options, state_file, environ, sleep, clock, notify)
    try:
        session.token()
        urls, reused = _upload_images(session, compiled, notify)
        final = compiled.view.with_entries(partial(_with_uploaded_images, urls=urls))
        content = WeChatFormat().fragment(final, context)
        found = check_fragment(content, context.week_location(final.week), set(urls.values()))
        if any(problem.is_error for problem in found):
            raise EntryErrors([problem for problem in found if problem.is_error])
        thumb_media_id = _upload_cover(session, publication.cover, notify)
        article = _article(project, final, content, thumb_media_id)
        maybe_duplicate = session.state.draft_unconfirmed
        media_id, created = _save_draft(
            session, article, publication.cover, options.new_draft, notify
        )
    except (WeChatApiError, TransportError, UnreadableAnswer) as exc:
        kept = project.relative(state_file) if state_file.exists() and not options.dry_run else ""
        raise PublishFailed([session.problem(exc)], kept) from None
    dry_run_file = None
    if isinstance(session.client.transport, RecordingTransport):
        dry_run_file = output_root(project) / f"{publication.week}.publish-dry-run.jsonl"
        write_file(dry_run_file, session.client.transport.jsonl(), replace=True)
    return PublishResult(
        title=final.title,
        draft_media_id=media_id,
        created=created,
        uploaded=len(urls) - reused,
        reused=reused,
        dry_run_file=dry_run_file,
        maybe_duplicate=maybe_duplicate and created,
    )


def _ignore(event: PublishEvent) -> None:
    return None


class _Session:
    """The client, the credentials and the week's state together. Every call gets a token
    that is still good; a call WeChat refuses for its token is made once more with a new one.
    """

    def __init__(
        self,
        client: WeChatClient,
        credentials: Credentials,
        state: PublishState,
        save: Callable[[PublishState], None],
        notify: PublishProgress,
    ) -> None:
        self.client = client
        self.credentials = credentials
        self.state = state
        self._save = save
        self.notify = notify
        self._secrets = [credentials.secret, state.token]  # every token this run has held

    def save(self) -> None:
        self._save(self.state)

    def token(self) -> Token:
        return self.state.valid_token(self.client.clock(), TOKEN_MARGIN) or self._renew()

    def call(self, action: Callable[[Token], Answer]) -> Answer:
        token = self.token()
        try:
            return action(token)
        except WeChatApiError as exc:
            if exc.errcode not in TOKEN_ERRCODES:
                raise
        self.state.forget_token()
        return action(self._renew())

    def _renew(self) -> Token:
        self.notify(PublishEvent(Step.TOKEN))
        token = self.client.stable_token(self.credentials)
        self._secrets.append(token.value)
        self.state.keep_token(token)
        self.save()
        return token

    def problem(self, exc: WeChatApiError | TransportError | UnreadableAnswer) -> Problem:
        """The plain-language problem for a failed call; no secret ever gets into it."""
        return _failure_problem(exc, self._secrets)


def _open_session(
    project: Project,
    options: PublishOptions,
    state_file: Path,
    environ: Mapping[str, str],
    sleep: Callable[[float], None],
    clock: Callable[[], float],
    notify: PublishProgress,
) -> _Session:
    """A session that sends, or for a dry run one that writes down and never reads a secret."""
    transport: Transport
    if options.dry_run:
        found = find_credentials(project, environ)
        credentials = Credentials(found.appid if found else DRY_RUN_APPID, DRY_RUN_SECRET)
        appid = found.appid if found else None
        state = _read_state(project, state_file, options.api_base, appid)
        if state.token:
            state.keep_token(Token(DRY_RUN_TOKEN, state.token_expires_at))
        transport = RecordingTransport(options.api_base)
        save: Callable[[PublishState], None] = _ignore_state
    else:
        if not _may_carry_secrets(options.api_base):
            raise UsageError(
                [
                    error(
                        Location.command_line("--api-base"),
                        "E-publish-api-base",
                        value=options.api_base,
                    )
                ]
            )
        credentials = require_credentials(project, environ)
        state = _read_state(project, state_file, options.api_base, credentials.appid)
        transport = UrllibTransport(options.api_base, options.timeout)
        save = partial(save_state, state_file)
    client = WeChatClient(transport, options.retry, sleep, clock)
    return _Session(client, credentials, state, save, notify)


def _may_carry_secrets(api_base: str) -> bool:
    """The AppSecret travels only over https, or to this machine (a test or a local proxy)."""
    url = urlsplit(api_base)
    return url.scheme == "https" or (
        url.scheme == "http" and url.hostname in ("127.0.0.1", "localhost", "::1")
    )


def _ignore_state(state: PublishState) -> None:
    return None


def _read_state(project: Project, path: Path, api_base: str, appid: str | None) -> PublishState:
    try:
        return load_state(path, api_base, appid)
    except UnreadableState as exc:
        where = Location(project.relative(path), 0, 0)
        raise UsageError([error(where, "E-publish-state", reason=exc.reason)]) from None


def _image_sources(view: BulletinView) -> list[str]:
    """Each photo of the article once, in reading order (``images/<name>``)."""
    sources = (
        image.src
        for section in view.sections
        for entry in section.entries
        for image in entry.images
    )
    return list(dict.fromkeys(sources))


def _upload_of(compiled: CompiledBulletin, src: str) -> Upload:
    return Upload(src.rsplit("/", 1)[-1], compiled.assets[src])


def _upload_images(
    session: _Session, compiled: CompiledBulletin, notify: PublishProgress
) -> tuple[dict[str, str], int]:
    """``images/<name>`` → its URL on WeChat, uploading only what no earlier run did; and how
    many an earlier run did."""
    uploads = {src: _upload_of(compiled, src) for src in _image_sources(compiled.view)}
    known = session.state.images
    to_send = [upload for upload in uploads.values() if upload.sha256 not in known]
    reused = len(uploads) - len(to_send)
    if reused:
        notify(PublishEvent(Step.IMAGES_KNOWN, done=reused, total=len(uploads)))
    for number, upload in enumerate(to_send, start=1):
        notify(PublishEvent(Step.IMAGE, upload.filename, number, len(to_send)))
        known[upload.sha256] = session.call(partial(session.client.upload_image, upload=upload))
        session.save()
    return {src: known[upload.sha256] for src, upload in uploads.items()}, reused


def _with_uploaded_images(entry: EntryView, urls: Mapping[str, str]) -> EntryView:
    images = tuple(dataclasses.replace(image, src=urls[image.src]) for image in entry.images)
    return dataclasses.replace(entry, images=images)


def _cover(project: Project, compiled: CompiledBulletin) -> tuple[Upload | None, list[Problem]]:
    """The cover: ``[wechat] cover``, made ready like every photo (metadata stripped), or the
    article's first photo."""
    configured = project.config.wechat.cover
    if configured:
        where = project.config_location("wechat", "cover")
        path = (project.root / configured).resolve()
        if not path.is_relative_to(project.root.resolve()):
            return None, [error(where, "E-image-outside", value=configured)]
        if not path.is_file():
            return None, [error(where, "E-publish-cover-missing", value=configured)]
        prepared, problems = prepare_images(
            [(path, lambda: where)], project.config.check.max_image_bytes
        )
        if problems:
            return None, problems
        return Upload(prepared[path].name, prepared[path].data), []
    sources = _image_sources(compiled.view)
    if not sources:
        where = project.config_location("wechat", "cover")
        return None, [error(where, "E-publish-no-cover", week=compiled.view.week)]
    return _upload_of(compiled, sources[0]), []


def _upload_cover(session: _Session, cover: Upload, notify: PublishProgress) -> str:
    covers = session.state.covers
    if cover.sha256 in covers:
        notify(PublishEvent(Step.COVER_KNOWN, cover.filename))
    else:
        notify(PublishEvent(Step.COVER, cover.filename))
        covers[cover.sha256] = session.call(
            partial(session.client.add_image_material, upload=cover)
        )
        session.save()
    return covers[cover.sha256]


def _article_field_problems(project: Project, view: BulletinView) -> list[Problem]:
    """What draft/add would refuse in the article's own fields; the build only warns of them."""
    wechat = project.config.wechat
    limits: Sequence[tuple[tuple[str, ...], str, int]] = (
        (("title",), view.title, MAX_TITLE_CHARS),
        (("digest",), view.digest, MAX_DIGEST_CHARS),
        (("wechat", "author"), wechat.author, MAX_AUTHOR_CHARS),
    )
    problems = [
        error(
            project.config_location(*key),
            "E-publish-too-long",
            field=key[-1],
            count=len(value),
            limit=limit,
        )
        for key, value, limit in limits
        if len(value) > limit
    ]
    url = wechat.content_source_url
    if url and (
        urlsplit(url).scheme not in ("http", "https")
        or not urlsplit(url).netloc
        or len(url.encode("utf-8")) > MAX_SOURCE_URL_BYTES
    ):
        where = project.config_location("wechat", "content_source_url")
        problems.append(error(where, "E-publish-source-url", limit=MAX_SOURCE_URL_BYTES))
    return problems


def _article(
    project: Project, view: BulletinView, content: str, thumb_media_id: str
) -> dict[str, Any]:
    """The one article of the draft. Optional fields are left out when empty, so that WeChat
    fills them its own way (the digest: the article's first 54 characters)."""
    wechat = project.config.wechat
    article: dict[str, Any] = {"title": view.title}
    if wechat.author:
        article["author"] = wechat.author
    if view.digest:
        article["digest"] = view.digest
    article["content"] = content
    if wechat.content_source_url:
        article["content_source_url"] = wechat.content_source_url
    article["thumb_media_id"] = thumb_media_id
    article["need_open_comment"] = int(wechat.need_open_comment)
    article["only_fans_can_comment"] = int(wechat.only_fans_can_comment)
    return article


def _save_draft(
    session: _Session,
    article: Mapping[str, Any],
    cover: Upload,
    new_draft: bool,
    notify: PublishProgress,
) -> tuple[str, bool]:
    """The week's draft updated, or a new one; the state says which draft is the week's."""
    state = session.state
    if state.draft_media_id and not new_draft:
        notify(PublishEvent(Step.DRAFT_UPDATE, state.draft_media_id))
        try:
            session.call(
                partial(session.client.update_draft, media_id=state.draft_media_id, article=article)
            )
        except WeChatApiError as exc:
            if exc.errcode == MEDIA_ID_ERRCODE:
                # The draft, or its cover, is gone (deleted, or the draft was published):
                # the next run uploads the cover again and makes a new draft.
                state.draft_media_id = ""
                state.covers.clear()
                session.save()
            raise
        return state.draft_media_id, False
    notify(PublishEvent(Step.DRAFT_ADD))
    try:
        media_id = session.call(partial(session.client.add_draft, article=article))
    except WeChatApiError as exc:
        if exc.errcode == MEDIA_ID_ERRCODE:  # the cover was deleted from the library
            state.covers.pop(cover.sha256, None)
            session.save()
        raise
    except TransportError as exc:
        if exc.maybe_received:
            state.draft_unconfirmed = True
            session.save()
        raise
    state.draft_media_id, state.draft_unconfirmed = media_id, False
    session.save()
    return media_id, True


# errcode → problem code; every one a coordinator can meet has its own plain message.
ERRCODE_PROBLEMS: Mapping[int, str] = {
    40001: "E-publish-token",
    40014: "E-publish-token",
    42001: "E-publish-token",
    40013: "E-publish-appid",
    40125: "E-publish-appsecret",
    40164: "E-publish-ip-whitelist",
    40005: "E-publish-file-type",
    40009: "E-publish-file-size",
    40007: "E-publish-media-id",
    45002: "E-publish-content-size",
    45003: "E-publish-title-size",
    45004: "E-publish-digest-size",
    45009: "E-publish-rate-limit",
    48001: "E-publish-permission",
}


def _failure_problem(
    exc: WeChatApiError | TransportError | UnreadableAnswer, secrets: Sequence[str]
) -> Problem:
    where = Location.command_line(exc.endpoint.path)  # the API call, not a place in a file
    if isinstance(exc, TransportError):
        if exc.maybe_received and not exc.endpoint.repeatable:
            return error(where, "E-publish-draft-unconfirmed", reason=exc.reason)
        return error(where, "E-publish-network", reason=exc.reason, count=exc.attempts)
    if isinstance(exc, UnreadableAnswer):
        return error(where, "E-publish-answer", reason=exc.detail)
    code = ERRCODE_PROBLEMS.get(exc.errcode, "E-publish-api")
    if exc.endpoint == STABLE_TOKEN and exc.errcode == 40001:  # there, 40001 is the secret
        code = "E-publish-appsecret"
    elif exc.endpoint == DRAFT_UPDATE and exc.errcode == MEDIA_ID_ERRCODE:
        code = "E-publish-draft-missing"
    errmsg = _redacted(exc.errmsg, secrets)
    facts: dict[str, MessageArg] = {"errcode": exc.errcode, "errmsg": errmsg}
    if exc.errcode == 40164:
        facts["ip"] = calling_ip(errmsg)
    return error(where, code, **facts)


def calling_ip(errmsg: str) -> str:
    """The address WeChat saw the call come from: ``invalid ip 1.2.3.4 ipv6 …, not in
    whitelist``. Empty when it does not say."""
    words = errmsg.replace(",", " ").split()
    for before, word in pairwise(words):
        if before.lower() == "ip" and any(c.isdigit() for c in word):
            return word
    return ""


def _redacted(text: str, secrets: Sequence[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text
