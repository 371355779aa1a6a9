"""Sign-in for editors and admins; viewers need none.

The session keeps the signed-in ``User``; every run re-reads the role from the store, so a
disabled account loses access at once.
"""

from __future__ import annotations

import streamlit as st

from geo.i18n import t
from geo.model.errors import DataError
from geo.store.accounts import User, authenticate, current_role
from ui import cached, state


def current_user() -> User | None:
    """The signed-in user with the role the store holds now (None for viewers)."""
    user = st.session_state.get(state.AUTH_USER)
    if user is None:
        return None
    fresh = current_role(cached.store(), user)
    if fresh != user:
        st.session_state[state.AUTH_USER] = fresh
    return fresh


def role_label(role: str, lang: str) -> str:
    return t(f"role_{role}", lang)


def login_form(lang: str) -> None:
    """User name and password; on success the page reruns signed in."""
    with st.form(state.W_LOGIN_FORM):
        st.markdown(f"#### {t('login_title', lang)}")
        username = st.text_input(t("username", lang), key=state.W_USERNAME)
        password = st.text_input(t("password", lang), type="password", key=state.W_PASSWORD)
        if st.form_submit_button(t("login", lang), type="primary", key=state.W_LOGIN):
            try:
                st.session_state[state.AUTH_USER] = authenticate(cached.store(), username, password)
            except DataError as exc:
                st.error(exc.message(lang))
                return
            st.rerun()


def sidebar_status(lang: str) -> None:
    """Who is signed in, with a sign-out button (sidebar)."""
    user = current_user()
    if user is None:
        return
    with st.sidebar:
        st.caption(t("signed_in_as", lang, user=user.username, role=role_label(user.role, lang)))
        if st.button(t("logout", lang), key=state.W_LOGOUT):
            st.session_state.pop(state.AUTH_USER, None)
            st.rerun()


def require(role: str, lang: str) -> User | None:
    """The user if allowed as ``role``; otherwise the sign-in form is shown and None returned."""
    user = current_user()
    sidebar_status(lang)
    if user is not None and user.can(role):
        return user
    st.info(t("login_needed", lang, role=role_label(role, lang)))
    login_form(lang)
    return None
