"""账户 Accounts (admins): create editor and admin accounts, list them, enable or disable them."""

import pandas as pd
import streamlit as st

from geo import accounts
from geo.errors import DataError
from geo.i18n_data import td
from ui import auth, data
from ui.page import setup

L = setup()
W = "w_acc_"  # widget keys of this page
st.title(td("accounts_title", L), anchor=False)
user = auth.require("admin", L)
if user is None:
    st.stop()
store = data.store()
if W + "msg" in st.session_state:
    st.success(st.session_state.pop(W + "msg"))

with st.form(W + "new", clear_on_submit=True):
    st.markdown(f"##### {td('new_account', L)}")
    c1, c2, c3 = st.columns(3)
    name = c1.text_input(td("username", L), key=W + "name")
    password = c2.text_input(td("password", L), type="password", key=W + "password")
    role = c3.selectbox(td("role", L), ["editor", "admin"], key=W + "role",
                        format_func=lambda r: auth.role_label(r, L))  # fmt: skip
    if st.form_submit_button(td("create", L), type="primary"):
        try:
            accounts.create_user(store, user, name.strip(), password, role)
        except DataError as exc:
            st.error(exc.message(L))
        else:
            st.session_state[W + "msg"] = td("created", L, user=name.strip())
            st.rerun()

st.markdown(f"##### {td('users', L)}")
users = store.users()
st.dataframe(pd.DataFrame(users), hide_index=True, width="stretch", key=W + "table")
with st.expander(td("toggle_active", L)):
    c1, c2, c3 = st.columns([2, 1, 1])
    who = c1.selectbox(td("username", L), [u["username"] for u in users], key=W + "who")
    active = c2.checkbox(td("active", L), value=True, key=W + "active")
    if c3.button(td("apply", L), key=W + "apply") and who:
        try:
            accounts.set_active(store, user, who, active)
        except DataError as exc:
            st.error(exc.message(L))
        else:
            st.rerun()
