"""Draw a folium map with streamlit-folium, every asset served locally; returns the clicked ``fid``."""

from __future__ import annotations

import streamlit_folium

from geo.maps.assets import offline_component_func, setup_offline


def st_folium_offline(fig, **kwargs):
    """``st_folium`` with every script, style sheet, font and image served by the app itself."""
    setup_offline()  # copies into static/vendor and points folium there; a few ms once done
    streamlit_folium._component_func = offline_component_func(streamlit_folium._component_func)
    return streamlit_folium.st_folium(fig, **kwargs)


def st_map(m, key: str, height: int = 620, clicks: bool = True) -> str | None:
    """Render the map; only clicks come back, so panning and zooming never rerun the app.

    streamlit-folium does not redraw a map whose component already exists, so the key
    carries the map's signature: new content (filters, selection) mounts a fresh map.
    """
    signature = getattr(m, "qm_signature", "")
    out = st_folium_offline(
        m, key=f"{key}_{signature}", height=height, use_container_width=True,
        returned_objects=["last_active_drawing"] if clicks else [],
    )  # fmt: skip
    feature = (out or {}).get("last_active_drawing") or {}
    props = feature.get("properties") or {}
    fid = props.get("fid")
    return fid if isinstance(fid, str) else None
