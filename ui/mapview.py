"""Draw a folium map with streamlit-folium; returns the ``fid`` of the clicked feature."""

from __future__ import annotations

from streamlit_folium import st_folium


def st_map(m, key: str, height: int = 620) -> str | None:
    """Render the map; only clicks come back, so panning and zooming never rerun the app."""
    out = st_folium(
        m,
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
    )
    feature = (out or {}).get("last_active_drawing") or {}
    props = feature.get("properties") or {}
    fid = props.get("fid")
    return fid if isinstance(fid, str) else None
