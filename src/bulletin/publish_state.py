"""What ``bulletin publish`` has done for a week, so that running it again repeats nothing.

One JSON file per week in ``.bulletin-publish/`` at the project root: never in the build
output, which every build replaces and which a coordinator may publish as a website (GitHub
Pages), while this file holds an access token. It is written for its owner only (0600), and
always whole: it is saved after every step that succeeded, so
a run that fails half-way leaves a state the next run resumes from.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bulletin.wechat_api import Token
from bulletin.write import write_file

STATE_VERSION = 1
PRIVATE = 0o600


class PublishState(BaseModel):
    model_config = ConfigDict(extra="ignore")

    version: int = STATE_VERSION
    # Media ids and URLs belong to one account at one address: another of either starts afresh.
    api_base: str
    appid: str
    token: str = Field("", repr=False)
    token_expires_at: float = 0
    images: dict[str, str] = {}  # sha256 of a body photo as uploaded → its URL (uploadimg)
    covers: dict[str, str] = {}  # sha256 of a cover as uploaded → its permanent media_id
    draft_media_id: str = ""
    # draft/add went out and its answer never came back: WeChat may have made the draft.
    draft_unconfirmed: bool = False

    def valid_token(self, now: float, margin: float) -> Token | None:
        if self.token and self.token_expires_at - margin > now:
            return Token(self.token, self.token_expires_at)
        return None

    def keep_token(self, token: Token) -> None:
        self.token, self.token_expires_at = token.value, token.expires_at

    def forget_token(self) -> None:
        self.token, self.token_expires_at = "", 0


class UnreadableState(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


STATE_FOLDER = ".bulletin-publish"


def state_path(project_root: Path, week: str) -> Path:
    return project_root / STATE_FOLDER / f"{week}.json"


def load_state(path: Path, api_base: str, appid: str | None) -> PublishState:
    """The week's state, or a fresh one when there is none or it belongs to another account
    (``appid`` None: any account, for a dry run that knows none)."""
    fresh = PublishState(api_base=api_base, appid=appid or "")
    if not path.exists():
        return fresh
    try:
        state = PublishState.model_validate_json(path.read_bytes())
    except (OSError, ValidationError) as exc:
        # Never the error's text: it quotes the file, which holds a token.
        raise UnreadableState(type(exc).__name__) from None
    if state.api_base != api_base or appid not in (None, state.appid):
        return fresh
    return state


def save_state(path: Path, state: PublishState) -> None:
    write_file(path, state.model_dump_json(indent=2) + "\n", replace=True, mode=PRIVATE)
