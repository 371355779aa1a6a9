"""Draw a folium map with streamlit-folium, every asset served locally; returns the clicked ``fid``.

Rendering a folium map to what the st_folium frame receives (the Leaflet script, header, HTML
and links) takes 0.3–1.3 s for the one-map; a rerun of the same page with the same options
would do it again. ``st_map_cached`` keeps that prepared payload per map signature (the map's
options, its data revision and the frame's settings; at most ``MAX_MAPS``, shared by every
session) and sends it to the frame without building the map again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
import streamlit_folium

from geo.maps.assets import offline_component_func, setup_offline

#: Prepared maps kept in memory (one-map payloads are ~0.2–0.5 MB each).
MAX_MAPS = 64

_LOCAL = threading.local()  # .recording: capture the component's arguments, draw nothing


def _recording(component_func: Callable[..., Any]) -> Callable[..., Any]:
    """The component function, or while a map is being prepared, a recorder of its arguments."""

    def func(*args: Any, **kwargs: Any) -> Any:
        if getattr(_LOCAL, "recording", False):
            _LOCAL.args = kwargs
            return None
        return component_func(*args, **kwargs)

    func._qm_recording = True  # type: ignore[attr-defined]
    func.__wrapped__ = component_func  # type: ignore[attr-defined]
    return func


def _install() -> Callable[..., Any]:
    """Wrap streamlit-folium's component function once (offline links over the recorder);
    returns the original function, which draws a prepared payload."""
    func = streamlit_folium._component_func
    while hasattr(func, "__wrapped__"):
        func = func.__wrapped__
    current = streamlit_folium._component_func
    if not getattr(getattr(current, "__wrapped__", None), "_qm_recording", False):
        streamlit_folium._component_func = offline_component_func(_recording(func))
    return func


def st_folium_offline(fig, **kwargs):
    """``st_folium`` with every script, style sheet, font and image served by the app itself."""
    setup_offline()  # copies into static/vendor and points folium there; a few ms once done
    _install()
    return streamlit_folium.st_folium(fig, **kwargs)


def _returned(clicks: bool) -> list[str]:
    return ["last_active_drawing"] if clicks else []


def _fid(out) -> str | None:
    feature = (out or {}).get("last_active_drawing") or {}
    props = feature.get("properties") or {}
    fid = props.get("fid")
    return fid if isinstance(fid, str) else None


def st_map(m, key: str, height: int = 620, clicks: bool = True) -> str | None:
    """Render the map; only clicks come back, so panning and zooming never rerun the app.

    streamlit-folium does not redraw a map whose component already exists, so the key
    carries the map's signature: new content (filters, selection) mounts a fresh map.
    """
    signature = getattr(m, "qm_signature", "")
    out = st_folium_offline(
        m, key=f"{key}_{signature}", height=height, use_container_width=True,
        returned_objects=_returned(clicks),
    )  # fmt: skip
    return _fid(out)


@dataclass
class Prepared:
    """What st_folium sends to its frame for one map, and what the page says about the map."""

    args: dict  # the component's arguments (links already offline and bundled)
    signature: str  # the map's content signature (part of the component key)
    overlays: tuple[str, ...] = ()
    hashes: dict[str, str] = field(default_factory=dict)  # component key → st_folium's hash key


class _Maps:
    """A small LRU of prepared maps shared by every session."""

    def __init__(self, size: int):
        self.size, self.lock, self.items = size, threading.Lock(), OrderedDict()

    def get(self, sig: str) -> Prepared | None:
        with self.lock:
            hit = self.items.get(sig)
            if hit is not None:
                self.items.move_to_end(sig)
            return hit

    def put(self, sig: str, prepared: Prepared) -> None:
        with self.lock:
            self.items[sig] = prepared
            self.items.move_to_end(sig)
            while len(self.items) > self.size:
                self.items.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()


MAPS = _Maps(MAX_MAPS)


def prepare(m, height: int, clicks: bool) -> Prepared:
    """Render ``m`` the way st_folium does, capturing the frame's arguments instead of drawing."""
    _LOCAL.recording, _LOCAL.args = True, None
    try:
        st_folium_offline(m, key="qm_prepare", height=height, use_container_width=True,
                          returned_objects=_returned(clicks))  # fmt: skip
        args = _LOCAL.args
    finally:
        _LOCAL.recording, _LOCAL.args = False, None
    if args is None:
        raise RuntimeError("streamlit-folium did not call its component function")
    for k in ("key", "on_change"):
        args.pop(k, None)
    return Prepared(args, getattr(m, "qm_signature", ""), tuple(getattr(m, "qm_overlays", ())))


def st_map_cached(
    sig: str, build: Callable[[], Any], key: str, height: int = 620, clicks: bool = True
) -> tuple[str | None, Prepared]:
    """Like ``st_map`` for the map ``build()`` would make; built and rendered only when no map
    of signature ``sig`` (which must cover everything the map shows) was prepared before.
    Returns the clicked ``fid`` and the prepared map (its overlays, for the source line)."""
    full = f"{sig}|{int(clicks)}"
    prepared = MAPS.get(full)
    if prepared is None:
        prepared = prepare(build(), height, clicks)
        MAPS.put(full, prepared)
    return _fid(_draw(prepared, key, height)), prepared


def _draw(prepared: Prepared, key: str, height: int):
    user_key = f"{key}_{prepared.signature}"
    hash_key = prepared.hashes.get(user_key)
    if hash_key is None:  # st_folium's own component key (it also keeps the map's state)
        hash_key = streamlit_folium.generate_js_hash(prepared.args["script"], user_key, False)
        prepared.hashes[user_key] = hash_key

    def on_change() -> None:
        st.session_state[user_key] = st.session_state.get(hash_key, {})

    return _draw_component(**dict(prepared.args, key=hash_key, height=height, on_change=on_change))


def _draw_component(**kwargs):
    return _install()(**kwargs)
