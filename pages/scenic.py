"""马莲台景区 Malian scenic area: routes with lengths, 85 solar lamps, POIs, planned events."""

import streamlit as st

from geo.i18n import t
from geo.views.route_lengths import route_lengths
from ui import cached, provenance, state
from ui.common import map_options, show_one_map
from ui.page import setup

L = setup()
frames, facts = cached.frames(), cached.facts()
st.title(t("nav_scenic", L), anchor=False)
area = frames["scenic_area"].geometry.iloc[0]
left, right = st.columns([3, 2])
with left:
    opts = map_options(
        overlays=("boundary", "routes", "tourist_road", "lamps", "pois", "zones"),
        fit=area.bounds,
    )
    show_one_map(frames, opts, key=state.MAP_SCENIC, height=560, selectable=())
with right:
    st.markdown(f"##### {t('routes_table', L)}")
    st.dataframe(route_lengths(frames["scenic_routes"], frames["tourist_road"], L), hide_index=True,
                 width="stretch",
                 column_config={"name": st.column_config.TextColumn(t("name", L), width="medium"),
                                "drawn_km": st.column_config.NumberColumn(t("computed_km", L), format="%.2f"),
                                "reported_km": st.column_config.NumberColumn(t("reported_km", L), format="%.1f"),
                                "source": t("source", L)})  # fmt: skip
    provenance.quoted_text(cached.texts()["route3"], L)
    st.markdown(f"##### {t('lyr_lamps', L)} · {t('figures', L)}")
    provenance.facts(
        [f for f in facts if f.subject_id in ("malian_tourist_road", "malian_solar_lamps")], L
    )
st.markdown(f"##### {t('events_2024', L)}")
provenance.facts([f for f in facts if f.subject_id == "malian_events"], L)
ev = frames["projects"][frames["projects"]["section"] == "二(二)"]
for _, p in ev.iterrows():
    st.markdown(f"- {p['name'] if L == 'zh' else p['name_en']}")
provenance.dataset(cached.catalog()["scenic_routes"], L)
