"""Local accounts and roles: viewer (no login), editor, admin.

Passwords are hashed with scrypt and a per-user random salt; comparison is constant-time.
Accounts live in the store (``users`` table); creating or changing one is audited without the
hash. No password or secret is kept in the repository. The first admin is created with::

    python -m geo.store.users create-admin --username NAME

which asks for the password (or reads ``QILING_ADMIN_PASSWORD`` for automation).

Sign-in resists abuse (OWASP authentication guidance): every attempt is counted atomically
*before* the password is checked, so parallel attempts are all counted; a (name, client) pair
must wait 2, 4, 8 … s (up to 15 min) after ``PAIR_FREE`` failures and a client after
``CLIENT_FREE`` failures over any names, while failures of one name from every client only slow
each attempt down (``ACCOUNT_SOFT``) and never lock it, so a stranger cannot lock the real user
out. Unknown names and wrong passwords get the same answer after the same work (a scrypt against
a dummy hash). Every attempt is a sign-in event an admin sees; ``unlock`` clears the counts.
A signed-in session is a random token of which the store keeps only a SHA-256; it ends after
``QILING_SESSION_IDLE_MIN`` idle minutes (default 30) or at sign-out (every session of the
user). Nothing here logs a token.
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import math
import os
import re
import secrets
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from geo.model.errors import DataError, PermissionDenied
from geo.store import open_store

ROLES = ("viewer", "editor", "admin")
_RANK = {r: i for i, r in enumerate(ROLES)}
MIN_PASSWORD = 10
_USERNAME = re.compile(r"^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,32}$")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
PASSWORD_ENV = "QILING_ADMIN_PASSWORD"
IDLE_ENV = "QILING_SESSION_IDLE_MIN"
IDLE_DEFAULT_MIN = 30.0
#: Failures of one name from one client before each further attempt must wait.
PAIR_FREE = 3
#: Failures from one client over any names before each further attempt must wait.
CLIENT_FREE = 10
#: Failures of one name from every client before each attempt is slowed (never refused).
ACCOUNT_SOFT = 10
SOFT_STEP_S, SOFT_MAX_S = 0.25, 3.0
MAX_WAIT_S = 900
#: Verified against for unknown names, so they cost what a known name costs (random password).
_DUMMY_HASH = (
    "scrypt$16384$8$1$/6oHcCEgxj+uKq3tc6S+Ew==$e2vu4Oz9vBkT8kHabXVNrzOlDtbsOvr3ob4mSOEogs0="
)


@dataclass(frozen=True)
class User:
    """A signed-in person: name and role."""

    username: str
    role: str

    def can(self, role: str) -> bool:
        """True when this user's role is ``role`` or above."""
        return _RANK.get(self.role, 0) >= _RANK[role]


def require_role(user: User | None, role: str) -> User:
    """The user, if allowed to act as ``role``; ``PermissionDenied`` otherwise."""
    if user is None or not user.can(role):
        raise PermissionDenied("permission", role=role)
    return user


def hash_password(password: str) -> str:
    """``scrypt$n$r$p$salt$hash`` (base64) with a fresh 16-byte salt."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${b64(salt)}${b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches the stored hash (constant-time comparison)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt),
                             n=int(n), r=int(r), p=int(p), dklen=len(expected))  # fmt: skip
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def _check_new(store, username: str, password: str, role: str) -> None:
    if not _USERNAME.match(username or ""):
        raise DataError("bad_username")
    if len(password or "") < MIN_PASSWORD:
        raise DataError("weak_password", n=MIN_PASSWORD)
    if role not in ("editor", "admin"):
        raise DataError("bad_role", role=role)
    if store.user(username) is not None:
        raise DataError("user_exists", username=username)


def create_user(store, by: User | None, username: str, password: str, role: str = "editor") -> User:
    """A new account (editor or admin), created by an admin."""
    require_role(by, "admin")
    _check_new(store, username, password, role)
    with store.transaction(by.username, f"create account {username} ({role})", "account") as tx:
        tx.put_user(username, {"role": role, "pw_hash": hash_password(password), "by": by.username})
    return User(username, role)


def create_admin_cli(store, username: str, password: str) -> User:
    """An admin account from the command line (whoever runs it has the database file)."""
    _check_new(store, username, password, "admin")
    with store.transaction("cli", f"create admin {username}", "account") as tx:
        tx.put_user(username, {"role": "admin", "pw_hash": hash_password(password), "by": "cli"})
    return User(username, "admin")


def set_active(store, by: User | None, username: str, active: bool) -> None:
    """Enable or disable an account (admins only; an admin cannot disable themself)."""
    require_role(by, "admin")
    if store.user(username) is None:
        raise DataError("no_such_user", username=username)
    if username == by.username and not active:
        raise DataError("self_disable")
    with store.transaction(
        by.username, f"{'enable' if active else 'disable'} {username}", "account"
    ) as tx:
        tx.put_user(username, {"active": active})


def wait_seconds(failed: int, last: str | None, free: int) -> float:
    """How long one more attempt must still wait after ``failed`` failures, the last at ``last``."""
    if failed < free or not last:
        return 0.0
    delay = min(2.0 ** (failed - free + 1), MAX_WAIT_S)
    passed = (datetime.now(UTC) - datetime.fromisoformat(last)).total_seconds()
    return max(0.0, delay - passed)


def authenticate(store, username: str, password: str, client: str = "local",
                 sleep=time.sleep) -> User:  # fmt: skip
    """The user for a correct name and password; ``DataError`` otherwise.

    Unknown names, wrong passwords and disabled accounts all get ``login_failed``; too many
    attempts get ``throttled`` for known and unknown names alike."""
    name = (username or "").strip()[:64]
    counts = store.login_attempt(name, client)
    wait = max(wait_seconds(counts.pair, counts.pair_last, PAIR_FREE),
               wait_seconds(counts.client, counts.client_last, CLIENT_FREE))  # fmt: skip
    if wait > 0:
        store.login_result(name, client, "throttled")
        raise DataError("throttled", seconds=math.ceil(wait))
    if counts.account >= ACCOUNT_SOFT:
        sleep(min(SOFT_STEP_S * (counts.account - ACCOUNT_SOFT + 1), SOFT_MAX_S))
    row = store.user(name) if name else None
    ok = verify_password(password or "", row["pw_hash"] if row else _DUMMY_HASH)
    if not (row and ok and row["active"]):
        store.login_result(name, client, "failed")
        raise DataError("login_failed")
    store.login_result(name, client, "ok")
    return User(row["username"], row["role"])


def unlock(store, by: User | None, username: str) -> None:
    """Clear the failure counts of an account (admins); recorded as a sign-in event."""
    require_role(by, "admin")
    store.unlock(username)
    store.login_result(username, f"admin {by.username}", "unlocked")


def idle_minutes() -> float:
    """Idle minutes before a session ends: ``QILING_SESSION_IDLE_MIN`` (default 30)."""
    try:
        value = float(os.environ.get(IDLE_ENV, IDLE_DEFAULT_MIN))
    except ValueError:
        return IDLE_DEFAULT_MIN
    return value if value > 0 else IDLE_DEFAULT_MIN


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def start_session(store, user: User) -> str:
    """A new session token for a user who just signed in (only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    store.session_start(_token_hash(token), user.username)
    return token


def session_user(store, token: str | None) -> User | None:
    """The user of a live session with the role the store holds now; None when ended or idle."""
    if not token:
        return None
    name = store.session_check(_token_hash(token), idle_minutes() * 60)
    return current_role(store, User(name, "viewer")) if name else None


def sign_out(store, token: str | None, client: str = "local") -> None:
    """End the session, and every other session of the same user."""
    if not token:
        return
    user = session_user(store, token)
    store.session_end(_token_hash(token), user.username if user else None)
    if user:
        store.login_result(user.username, client, "signed_out")


def current_role(store, user: User | None) -> User | None:
    """The user with the role the store holds now (None once disabled or deleted)."""
    if user is None:
        return None
    row = store.user(user.username)
    return User(row["username"], row["role"]) if row and row["active"] else None


def _password_from_prompt() -> str:
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    first = getpass.getpass("Password / 密码: ")
    if first != getpass.getpass("Repeat / 再输入一次: "):
        raise DataError("password_mismatch")
    return first


def main(argv: list[str] | None = None) -> int:
    """``python -m geo accounts create-admin --username NAME`` | ``list``."""
    parser = argparse.ArgumentParser(
        prog="python -m geo accounts", description="齐陵一张图 accounts"
    )
    parser.add_argument(
        "--db", help="database file or postgresql:// URL (default: QILING_DB or var/qiling.sqlite)"
    )
    parser.add_argument("--data", help="data folder it is created from (default: data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    admin = sub.add_parser(
        "create-admin", help=f"create an admin (password from a prompt or {PASSWORD_ENV})"
    )
    admin.add_argument("--username", required=True)
    sub.add_parser("list", help="list accounts")
    args = parser.parse_args(argv)
    store = open_store(args.data, args.db)
    try:
        if args.command == "create-admin":
            user = create_admin_cli(store, args.username, _password_from_prompt())
            print(f"admin {user.username} created in {store.path}")
        else:
            for u in store.users():
                print(
                    f"{u['username']}\t{u['role']}\t{'active' if u['active'] else 'disabled'}\t{u['created_at']}"
                )
    except DataError as exc:
        print(f"{exc.zh}\n{exc.en}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
