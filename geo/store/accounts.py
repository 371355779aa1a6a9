"""Local accounts and roles: viewer (no login), editor, admin.

Passwords are hashed with scrypt and a per-user random salt; comparison is constant-time.
Accounts live in the store (``users`` table); creating or changing one is audited without the
hash. No password or secret is kept in the repository. The first admin is created with::

    python -m geo.store.accounts create-admin --username NAME

which asks for the password (or reads ``QILING_ADMIN_PASSWORD`` for automation).
"""

from __future__ import annotations

import argparse
import base64
import functools
import getpass
import hashlib
import hmac
import os
import re
import secrets
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from geo.model.errors import DataError, PermissionDenied

ROLES = ("viewer", "editor", "admin")
_RANK = {r: i for i, r in enumerate(ROLES)}
MIN_PASSWORD = 10
_USERNAME = re.compile(r"^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,32}$")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MAX_FAILURES = 5
LOCK_MINUTES = 5
PASSWORD_ENV = "QILING_ADMIN_PASSWORD"


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


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against for unknown names, so they take as long as known ones."""
    return hash_password(secrets.token_hex(8))


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


def authenticate(store, username: str, password: str) -> User:
    """The user for a correct name and password; ``DataError`` otherwise (same for unknown names)."""
    row = store.user(username or "")
    now = datetime.now(UTC)
    if row and row.get("locked_until") and datetime.fromisoformat(row["locked_until"]) > now:
        raise DataError("locked", minutes=LOCK_MINUTES)
    ok = verify_password(password or "", row["pw_hash"] if row else _dummy_hash())
    if not (row and ok and row["active"]):
        if row:
            failed = int(row.get("failed") or 0) + 1
            lock = (
                (now + timedelta(minutes=LOCK_MINUTES)).isoformat()
                if failed >= MAX_FAILURES
                else None
            )
            store.set_login_state(username, 0 if lock else failed, lock)
        raise DataError("login_failed")
    if row.get("failed"):
        store.set_login_state(username, 0, None)
    return User(row["username"], row["role"])


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
    """``python -m geo.store.accounts create-admin --username NAME`` | ``list``."""
    from geo.store import open_store

    parser = argparse.ArgumentParser(
        prog="python -m geo.store.accounts", description="齐陵一张图 accounts"
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
