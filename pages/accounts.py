"""账户 Accounts (admins): create editor and admin accounts, list them, enable or disable them;
see sign-in events (who, when, from where, outcome) and unlock an account."""

import pandas as pd
import streamlit as st

from geo.i18n import t
from geo.model.errors import DataError
from geo.store import users as accounts
from geo.store.describe import local_time
from ui import auth, cached, state
from ui.page import setup

L = setup()
st.title(t("nav_accounts", L), anchor=False)
user = auth.require("admin", L)
if user is None:
    st.stop()
store = cached.store()
if state.W_ACCOUNTS + "msg" in st.session_state:
    st.success(st.session_state.pop(state.W_ACCOUNTS + "msg"))

with st.form(state.W_ACCOUNTS + "new", clear_on_submit=True):
    st.markdown(f"##### {t('new_account', L)}")
    c1, c2, c3 = st.columns(3)
    name = c1.text_input(t("username", L), key=state.W_ACCOUNTS + "name")
    password = c2.text_input(t("password", L), type="password", key=state.W_ACCOUNTS + "password")
    role = c3.selectbox(t("role", L), ["editor", "admin"], key=state.W_ACCOUNTS + "role",
                        format_func=lambda r: auth.role_label(r, L))  # fmt: skip
    if st.form_submit_button(t("create", L), type="primary"):
        try:
            accounts.create_user(store, user, name.strip(), password, role)
        except DataError as exc:
            st.error(exc.message(L))
        else:
            st.session_state[state.W_ACCOUNTS + "msg"] = t("created", L, user=name.strip())
            st.rerun()

st.markdown(f"##### {t('users', L)}")
users = store.users()
listed = pd.DataFrame(
    {
        t("username", L): [u["username"] for u in users],
        t("role", L): [auth.role_label(u["role"], L) for u in users],
        t("active", L): [bool(u["active"]) for u in users],
        t("created_at", L): [local_time(u["created_at"]) for u in users],
        t("created_by", L): [u["created_by"] for u in users],
    }  # fmt: skip
)
st.dataframe(
    listed, hide_index=True, placeholder="—", width="stretch", key=state.W_ACCOUNTS + "table"
)
with st.expander(t("toggle_active", L)):
    c1, c2, c3 = st.columns([2, 1, 1])
    who = c1.selectbox(
        t("username", L), [u["username"] for u in users], key=state.W_ACCOUNTS + "who"
    )
    active = c2.checkbox(t("active", L), value=True, key=state.W_ACCOUNTS + "active")
    if c3.button(t("apply", L), key=state.W_ACCOUNTS + "apply") and who:
        try:
            accounts.set_active(store, user, who, active)
        except DataError as exc:
            st.error(exc.message(L))
        else:
            st.rerun()


def client_text(client: str) -> str:
    """Where an attempt came from: an address, a browser session, or an admin's unlock."""
    kind, _, rest = client.partition(" ")
    return t(f"client_{kind}", L, id=rest) if kind in ("session", "admin") and rest else client


st.markdown(f"##### {t('login_events', L)}")
events = store.login_events(200)
shown = pd.DataFrame(
    {
        t("ev_at", L): [local_time(e["at"]) for e in events],
        t("ev_user", L): [e["username"] for e in events],
        t("ev_client", L): [client_text(e["client"]) for e in events],
        t("ev_outcome", L): [t(f"outcome_{e['outcome']}", L) for e in events],
    }  # fmt: skip
)
st.dataframe(
    shown,
    hide_index=True,
    placeholder="—",
    width="stretch",
    height=300,
    key=state.W_ACCOUNTS + "events",
)
c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
locked = c1.selectbox(t("unlock_who", L), [u["username"] for u in users], key=state.W_ACCOUNTS + "unlock_who",
                      help=t("unlock_help", L))  # fmt: skip
if c2.button(t("unlock", L), key=state.W_ACCOUNTS + "unlock") and locked:
    accounts.unlock(store, user, locked)
    st.session_state[state.W_ACCOUNTS + "msg"] = t("unlocked", L, user=locked)
    st.rerun()
