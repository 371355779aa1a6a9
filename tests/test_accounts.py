"""Accounts: hashed passwords, roles, the create-admin command, sign-in with a lock."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from geo.model.errors import DataError, PermissionDenied
from geo.model.paths import ROOT, SHIPPED_DATA_DIR
from geo.store import accounts, open_store
from geo.store.accounts import User

PASSWORD = "correct horse battery"


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
    cmd = [sys.executable, "-m", "geo.store.accounts", "create-admin", "--username", "chief"]
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


def test_sign_in_and_lock_after_repeated_failures(store, admin):
    accounts.create_user(store, admin, "editor1", PASSWORD, "editor")
    assert accounts.authenticate(store, "editor1", PASSWORD).role == "editor"
    with pytest.raises(DataError, match="Wrong user name or password"):
        accounts.authenticate(store, "nobody", PASSWORD)
    for _ in range(accounts.MAX_FAILURES):
        with pytest.raises(DataError, match="Wrong user name or password"):
            accounts.authenticate(store, "editor1", "wrong password")
    with pytest.raises(DataError) as err:
        accounts.authenticate(store, "editor1", PASSWORD)
    assert err.value.code == "locked"


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
    cmd = [sys.executable, "-m", "geo.store.accounts", "create-admin", "--username", "chief"]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "admin chief created in postgresql://postgres:***@" in done.stdout
    assert "s3cret-pw" not in done.stdout + done.stderr
    store = open_store(SHIPPED_DATA_DIR, pg_url)
    assert accounts.authenticate(store, "chief", PASSWORD) == User("chief", "admin")
