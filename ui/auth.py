"""Sign-in for editors and admins; viewers need none.

A sign-in starts a new server-side session (``geo.store.users.start_session``): the browser
session keeps only the token, the store only its hash. Every run checks the session (ended at
sign-out everywhere, or after ``QILING_SESSION_IDLE_MIN`` idle minutes) and re-reads the role,
so a disabled account loses access at once. The client of an attempt is the connection's
address, a proxy's ``X-Forwarded-For`` only for connections from the local machine, else a
random id of the browser session. Tokens never go to a log.
"""

from __future__ import annotations

import secrets

import streamlit as st

from geo.i18n import t
from geo.model.errors import DataError
from geo.store.users import User, authenticate, session_user, sign_out, start_session
from ui import cached, state


def client_id() -> str:
    """Where a sign-in comes from: the address, else a random id of this browser session."""
    ip = getattr(st.context, "ip_address", None)
    if not isinstance(ip, str) or not ip:  # local: a reverse proxy here may say whom it serves
        forwarded = st.context.headers.get("X-Forwarded-For")
        ip = forwarded.split(",")[0].strip()[:64] if isinstance(forwarded, str) else None
    if ip:
        return ip
    if state.AUTH_CLIENT not in st.session_state:
        st.session_state[state.AUTH_CLIENT] = "session " + secrets.token_hex(4)
    return st.session_state[state.AUTH_CLIENT]


def current_user() -> User | None:
    """The signed-in user with the role the store holds now (None for viewers)."""
    token = st.session_state.get(state.AUTH_TOKEN)
    if token is None:
        return None
    user = session_user(cached.store(), token)
    if user is None:  # ended elsewhere, idle too long, or the account was disabled
        st.session_state.pop(state.AUTH_TOKEN, None)
        st.session_state.pop(state.AUTH_USER, None)
        st.session_state[state.AUTH_NOTICE] = "session_expired"
        return None
    st.session_state[state.AUTH_USER] = user
    return user


def role_label(role: str, lang: str) -> str:
    return t(f"role_{role}", lang)


def login_form(lang: str) -> None:
    """User name and password; on success the page reruns signed in."""
    with st.form(state.W_LOGIN_FORM):
        st.markdown(f"#### {t('login_title', lang)}")
        username = st.text_input(t("username", lang), key=state.W_USERNAME)
        password = st.text_input(t("password", lang), type="password", key=state.W_PASSWORD)
        if st.form_submit_button(t("login", lang), type="primary", key=state.W_LOGIN):
            store = cached.store()
            try:
                user = authenticate(store, username, password, client_id())
            except DataError as exc:
                st.error(exc.message(lang))
                return
            st.session_state.pop(state.AUTH_NOTICE, None)
            sign_out(store, st.session_state.pop(state.AUTH_TOKEN, None), client_id())
            st.session_state[state.AUTH_TOKEN] = start_session(
                store, user
            )  # a new session each time
            st.session_state[state.AUTH_USER] = user
            st.rerun()


def sidebar_status(lang: str) -> None:
    """Who is signed in, with a sign-out button (sidebar)."""
    user = current_user()
    if user is None:
        return
    with st.sidebar:
        st.caption(t("signed_in_as", lang, user=user.username, role=role_label(user.role, lang)))
        if st.button(t("logout", lang), key=state.W_LOGOUT):
            sign_out(cached.store(), st.session_state.pop(state.AUTH_TOKEN, None), client_id())
            st.session_state.pop(state.AUTH_USER, None)
            st.rerun()


def require(role: str, lang: str) -> User | None:
    """The user if allowed as ``role``; otherwise the sign-in form is shown and None returned."""
    user = current_user()
    sidebar_status(lang)
    if user is not None and user.can(role):
        return user
    notice = st.session_state.get(state.AUTH_NOTICE)
    if notice:
        st.warning(t(notice, lang))
    st.info(t("login_needed", lang, role=role_label(role, lang)))
    login_form(lang)
    return None
