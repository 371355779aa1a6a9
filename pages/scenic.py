"""马莲台景区 Malian scenic area: routes with lengths, 85 solar lamps, POIs, planned events."""

import streamlit as st

from geo.i18n import t
from geo.views.route_lengths import route_lengths
from ui import cached, provenance, state
from ui.common import map_options, show_one_map, static_table
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
    static_table(route_lengths(frames["scenic_routes"], frames["tourist_road"], L),
                 {"name": t("name", L), "drawn_km": t("computed_km", L), "reported_km": t("reported_km", L),
                  "source": t("source", L)},
                 {"drawn_km": ".2f", "reported_km": ".1f"})  # fmt: skip
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
