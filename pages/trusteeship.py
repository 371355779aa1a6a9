"""土地托管 Land trusteeship: choropleth, table, chart and the totals checked against the report."""

import streamlit as st

from geo.i18n import t
from geo.views.kpi import village_metric
from geo.views.trusteeship_cards import trusteeship_cards, trusteeship_table
from ui import cached, charts, provenance, state
from ui.common import map_options, selection, set_selection, show_one_map
from ui.page import setup

L = setup()
frames, facts, texts = cached.frames(), cached.facts(), cached.catalog()
st.title(t("nav_trusteeship", L), anchor=False)
table = trusteeship_table(frames)
m1, m2 = st.columns(2)
with m1:
    st.markdown(f"##### {t('model', L)}")
    provenance.quoted_text(cached.texts()["trusteeship_model"], L)
with m2:
    st.markdown(f"##### {t('mechanism', L)}")
    provenance.quoted_text(cached.texts()["trusteeship_mechanism"], L)

st.markdown(f"##### {t('checks_vs_report', L)}")
for col, c in zip(st.columns(3), trusteeship_cards(frames, facts, L)):
    with col, st.container(border=True):
        badge = f":green-badge[✔ {t('pass', L)}]" if c.ok else f":red-badge[✘ {t('fail', L)}]"
        st.markdown(f"**{c.title}** {badge}")
        st.markdown(f"{c.ours} ／ {c.reported}")
        provenance.fact(c.fact, L)

left, right = st.container(key=state.C_TRUSTEESHIP_BODY).columns([3, 2])
with right:
    event = st.dataframe(
        table[["village", "trusteeship_mu", "collective_income_wan"]],
        key=state.W_TRUST_TABLE, on_select="rerun", selection_mode="single-row", hide_index=True, placeholder="—",
        width="stretch", height=420,
        column_config={"village": t("village", L),
                       "trusteeship_mu": st.column_config.NumberColumn(t("table_trusteeship_mu", L), format="%d",
                                                                       help=t("metric_trusteeship_mu", L)),
                       "collective_income_wan": st.column_config.NumberColumn(t("table_income_wan", L), format="%.1f",
                                                                              help=t("metric_collective_income_wan", L))},
    )  # fmt: skip
    rows = event.selection.rows if event and event.selection else []
    if rows:
        sel = f"village:{table.iloc[rows[0]]['code']}"
        if sel != selection():
            set_selection(sel)
with left:
    opts = map_options(legend_open=True, metric="trusteeship_mu", metric_values=village_metric(frames, "trusteeship_mu"),
                       overlays=("boundary", "villages", "demo_zones"))  # fmt: skip
    show_one_map(frames, opts, key=state.MAP_TRUST, height=520)

st.markdown(f"##### {t('by_village', L)}")
by_mu = table.sort_values("trusteeship_mu", ascending=False, kind="stable")
charts.show(charts.bar_chart_html(
    list(by_mu["village"]), [t("metric_trusteeship_mu", L)], [[float(v)] for v in by_mu["trusteeship_mu"]],
    [[[(t("village", L), n), (t("metric_trusteeship_mu", L), f"{mu:,.0f}"),
       (t("metric_collective_income_wan", L), f"{inc:,.1f}")]] for n, mu, inc in
     zip(by_mu["village"], by_mu["trusteeship_mu"], by_mu["collective_income_wan"])],
    t("metric_trusteeship_mu", L), L, colours=("#31a354",)))  # fmt: skip
provenance.dataset(texts["trusteeship"], L)
