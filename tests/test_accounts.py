"""Accounts: hashed passwords, roles, the create-admin command, sign-in with a lock."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing

import pytest

from geo.model.errors import DataError, PermissionDenied
from geo.model.paths import ROOT, SHIPPED_DATA_DIR
from geo.store import open_store
from geo.store import users as accounts
from geo.store.postgis import PostgisStore
from geo.store.users import User

PASSWORD = "correct horse battery"


def _rows(store, sql: str) -> list:
    """Rows of a query on the store's own database (SQLite file or PostGIS)."""
    if isinstance(store, PostgisStore):
        with store._connect() as conn:
            return conn.execute(sql).fetchall()
    with closing(sqlite3.connect(store.path)) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def admin(store) -> User:
    return accounts.create_admin_cli(store, "boss", PASSWORD)


def test_password_hashes_are_salted_scrypt():
    a, b = accounts.hash_password(PASSWORD), accounts.hash_password(PASSWORD)
    assert a != b and a.startswith("scrypt$16384$8$1$")
    assert accounts.verify_password(PASSWORD, a) and accounts.verify_password(PASSWORD, b)
    assert not accounts.verify_password(PASSWORD + "!", a)
    assert not accounts.verify_password(PASSWORD, "garbage") and not accounts.verify_password(
        PASSWORD, "md5$x$y$z$a$b"
    )


def test_create_admin_command_with_the_environment_variable(tmp_path):
    db = tmp_path / "cli.sqlite"
    env = dict(os.environ, QILING_DB=str(db), QILING_ADMIN_PASSWORD=PASSWORD)
    cmd = [sys.executable, "-m", "geo", "accounts", "create-admin", "--username", "chief"]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "admin chief created" in done.stdout
    store = open_store(SHIPPED_DATA_DIR, db)
    assert accounts.authenticate(store, "chief", PASSWORD) == User("chief", "admin")
    assert PASSWORD.encode() not in db.read_bytes()
    again = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1 and "already exists" in again.stderr and "已存在" in again.stderr


def test_create_admin_asks_for_the_password(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("QILING_ADMIN_PASSWORD", raising=False)
    answers = iter([PASSWORD, PASSWORD, PASSWORD, "different"])
    monkeypatch.setattr(accounts.getpass, "getpass", lambda _prompt: next(answers))
    db = str(tmp_path / "p.sqlite")
    assert accounts.main(["--db", db, "create-admin", "--username", "chief"]) == 0
    assert accounts.main(["--db", db, "create-admin", "--username", "other"]) == 1
    assert "differ" in capsys.readouterr().err
    assert accounts.main(["--db", db, "list"]) == 0
    assert "chief\tadmin\tactive" in capsys.readouterr().out


def test_admins_create_accounts_and_others_cannot(store, admin):
    editor = accounts.create_user(store, admin, "editor1", PASSWORD, "editor")
    assert editor == User("editor1", "editor")
    for who in (None, editor):
        with pytest.raises(PermissionDenied):
            accounts.create_user(store, who, "sneaky", PASSWORD, "admin")
    change = store.history("_users", "editor1")[-1]
    assert change.after == {"username": "editor1", "role": "editor", "active": True}
    assert change.user == "boss" and "pw_hash" not in str(change.after)


@pytest.mark.parametrize(
    ("name", "password", "role", "code"),
    [("x", PASSWORD, "editor", "bad_username"), ("a b", PASSWORD, "editor", "bad_username"),
     ("ok", "short", "editor", "weak_password"), ("ok", PASSWORD, "viewer", "bad_role"),
     ("boss", PASSWORD, "editor", "user_exists")],
)  # fmt: skip
def test_account_rules(store, admin, name, password, role, code):
    before = store.checksum()
    with pytest.raises(DataError) as err:
        accounts.create_user(store, admin, name, password, role)
    assert err.value.code == code and store.checksum() == before


def test_a_stranger_is_throttled_but_cannot_lock_the_real_user_out(store, admin):
    accounts.create_user(store, admin, "editor1", PASSWORD, "editor")
    for _ in range(accounts.PAIR_FREE):
        with pytest.raises(DataError, match="Wrong user name or password"):
            accounts.authenticate(store, "editor1", "wrong password", "203.0.113.9")
    with pytest.raises(DataError) as err:  # even the right password waits, from that client
        accounts.authenticate(store, "editor1", PASSWORD, "203.0.113.9")
    assert err.value.code == "throttled" and re.search(r"try again in [12] s", err.value.en)
    assert accounts.authenticate(store, "editor1", PASSWORD, "198.51.100.7").role == "editor"
    outcomes = [e["outcome"] for e in store.login_events(username="editor1")]
    assert outcomes == ["ok", "throttled", "failed", "failed", "failed"]
    assert {e["client"] for e in store.login_events()} == {"203.0.113.9", "198.51.100.7"}


def test_unknown_and_known_names_get_the_same_answers_after_the_same_work(
    store, admin, monkeypatch
):
    accounts.create_user(store, admin, "editor1", PASSWORD, "editor")
    checks = []
    real = accounts.verify_password
    monkeypatch.setattr(accounts, "verify_password", lambda p, h: checks.append(h) or real(p, h))

    def answers(name: str) -> list[str]:
        out = []
        for _ in range(accounts.PAIR_FREE + 2):
            with pytest.raises(DataError) as err:
                accounts.authenticate(store, name, "wrong password", "203.0.113.9")
            out.append(re.sub(r"\d+", "N", err.value.zh + err.value.en))  # waits differ by a second
        return out

    assert answers("editor1") == answers("nobody")
    assert len(checks) == 2 * accounts.PAIR_FREE  # one scrypt per checked attempt, either name
    assert checks[-1] == accounts._DUMMY_HASH


def test_parallel_wrong_passwords_are_all_counted(store, admin):
    accounts.create_user(store, admin, "editor1", PASSWORD, "editor")
    codes = []

    def attempt(i: int) -> None:
        try:
            accounts.authenticate(
                store, "editor1", f"wrong {i}", "203.0.113.9", sleep=lambda s: None
            )
        except DataError as exc:
            codes.append(exc.code)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(40)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(codes) == 40
    assert codes.count("login_failed") == accounts.PAIR_FREE  # the rest had to wait
    counts = store.login_attempt("editor1", "203.0.113.9")
    assert (counts.pair, counts.account) == (40, 40)
    assert len(store.login_events(username="editor1")) == 40


def test_many_failures_from_everywhere_only_slow_the_account_down(store, admin):
    accounts.create_user(store, admin, "editor1", PASSWORD, "editor")
    for i in range(accounts.ACCOUNT_SOFT + 2):
        with pytest.raises(DataError):
            accounts.authenticate(store, "editor1", "wrong", f"10.0.0.{i}", sleep=lambda s: None)
    slept = []
    user = accounts.authenticate(store, "editor1", PASSWORD, "192.0.2.1", sleep=slept.append)
    assert user.role == "editor" and 0 < slept[0] <= accounts.SOFT_MAX_S


def test_an_admin_unlocks_an_account(store, admin):
    accounts.create_user(store, admin, "editor1", PASSWORD, "editor")
    for _ in range(accounts.PAIR_FREE + 1):
        with pytest.raises(DataError):
            accounts.authenticate(store, "editor1", "wrong", "203.0.113.9")
    with pytest.raises(PermissionDenied):
        accounts.unlock(store, User("editor1", "editor"), "editor1")
    accounts.unlock(store, admin, "editor1")
    assert accounts.authenticate(store, "editor1", PASSWORD, "203.0.113.9").role == "editor"
    assert [e["outcome"] for e in store.login_events(2)] == ["ok", "unlocked"]


def test_sessions_expire_when_idle_and_sign_out_ends_them_everywhere(store, admin, monkeypatch):
    editor = accounts.create_user(store, admin, "editor1", PASSWORD, "editor")
    first, second = accounts.start_session(store, editor), accounts.start_session(store, editor)
    assert first != second and accounts.session_user(store, first) == editor
    stored = {r[0] for r in _rows(store, "SELECT token_hash FROM sessions")}  # only hashes
    assert first not in stored and hashlib.sha256(first.encode()).hexdigest() in stored
    accounts.sign_out(store, first)
    assert accounts.session_user(store, second) is None  # ended everywhere
    monkeypatch.setenv(accounts.IDLE_ENV, "0.001")  # 0.06 s
    third = accounts.start_session(store, editor)
    time.sleep(0.2)
    assert accounts.session_user(store, third) is None
    monkeypatch.setenv(accounts.IDLE_ENV, "nonsense")
    assert accounts.idle_minutes() == accounts.IDLE_DEFAULT_MIN


def test_disabled_accounts_lose_access(store, admin):
    editor = accounts.create_user(store, admin, "editor1", PASSWORD, "editor")
    accounts.set_active(store, admin, "editor1", False)
    assert accounts.current_role(store, editor) is None
    with pytest.raises(DataError):
        accounts.authenticate(store, "editor1", PASSWORD)
    with pytest.raises(DataError) as err:
        accounts.set_active(store, admin, "boss", False)
    assert err.value.code == "self_disable"


def test_roles_are_ordered():
    assert User("a", "admin").can("editor") and User("e", "editor").can("editor")
    assert not User("e", "editor").can("admin") and not User("v", "viewer").can("editor")


@pytest.mark.postgis
def test_create_admin_command_on_postgis_never_prints_the_database_password(pg_url):
    url = pg_url.replace("postgres@", "postgres:s3cret-pw@", 1)  # trust auth ignores it
    env = dict(os.environ, QILING_DB=url, QILING_ADMIN_PASSWORD=PASSWORD)
    cmd = [sys.executable, "-m", "geo", "accounts", "create-admin", "--username", "chief"]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "admin chief created in postgresql://postgres:***@" in done.stdout
    assert "s3cret-pw" not in done.stdout + done.stderr
    store = open_store(SHIPPED_DATA_DIR, pg_url)
    assert accounts.authenticate(store, "chief", PASSWORD) == User("chief", "admin")
