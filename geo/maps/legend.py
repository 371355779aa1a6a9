"""Map furniture as small Leaflet controls: legend, notices, background, tile-failure notice.

All text is HTML-escaped here, so data values can never inject markup.
"""

from __future__ import annotations

from html import escape

from branca.element import MacroElement
from jinja2 import Template


class Legend(MacroElement):
    """A legend box in a map corner: sections of (swatch kind, colour, label) rows."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var c = L.control({position: {{ this.position|tojson }}});
  c.onAdd = function () {
    var d = L.DomUtil.create('div', 'qm-legend');
    d.setAttribute('style', {{ this.box_style|tojson }});
    d.innerHTML = {{ this.html|tojson }};
    // collapsed on small screens (a phone, a small frame); open elsewhere when the page asks
    var det = d.querySelector('details');
    if (det && (window.innerWidth < 700 || window.innerHeight < 420)) { det.open = false; }
    L.DomEvent.disableClickPropagation(d);
    L.DomEvent.disableScrollPropagation(d);
    return d;
  };
  c.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}"""
    )

    def __init__(
        self,
        sections: list[tuple[str, list[tuple[str, str, str]]]],
        position: str = "bottomright",
        open_: bool = True,
        title: str = "",
    ):
        super().__init__()
        self._name = "Legend"
        self.position = position
        self.box_style = (
            "background:rgba(255,255,255,.93);padding:6px 9px;border-radius:6px;"
            "box-shadow:0 1px 4px rgba(0,0,0,.35);font:13px/1.3 'Noto Sans CJK SC',sans-serif;"
            "max-height:calc(100vh - 90px);max-width:min(640px,70vw);overflow:auto;color:#222"
        )
        shown = [(title, rows) for title, rows in sections if rows]
        # many keys go side by side in columns, so all show without an inner scroll bar
        n_rows = sum(len(rows) + 1 for _, rows in shown)
        cols = 1 if n_rows <= 30 else 2
        body = "".join(_section(title, rows) for title, rows in shown)
        grid = f"display:grid;grid-template-columns:repeat({cols},minmax(0,300px));column-gap:14px;align-items:start"
        self.html = (
            f'<details{" open" if open_ else ""}><summary style="cursor:pointer;font-weight:700">{escape(title)}</summary>'
            f'<div style="{grid}">{body}</div></details>'
        )


def _swatch(kind: str, colour: str) -> str:
    c = escape(colour)
    if kind == "line":
        return f'<span style="display:inline-block;width:22px;height:0;border-top:4px solid {c};vertical-align:middle"></span>'
    if kind == "dash":
        return f'<span style="display:inline-block;width:22px;height:0;border-top:4px dashed {c};vertical-align:middle"></span>'
    if kind == "point":
        return f'<span style="display:inline-block;width:13px;height:13px;border-radius:50%;background:{c};border:1px solid #333;vertical-align:middle"></span>'
    return f'<span style="display:inline-block;width:18px;height:13px;background:{c};border:1px solid #666;vertical-align:middle"></span>'


def _section(title: str, rows: list[tuple[str, str, str]]) -> str:
    items = "".join(
        f'<div style="margin:2px 0">{_swatch(k, c)}&nbsp;{escape(label)}</div>'
        for k, c, label in rows
    )
    return f'<div style="margin-bottom:6px"><b>{escape(title)}</b>{items}</div>'


class Notice(MacroElement):
    """A short text notice in a map corner (e.g. '示意' or an offline hint)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var c = L.control({position: {{ this.position|tojson }}});
  c.onAdd = function () {
    var d = L.DomUtil.create('div', {{ this.css_class|tojson }});
    d.setAttribute('style', 'background:rgba(255,248,225,.95);border:1px solid #e0b252;padding:3px 7px;border-radius:4px;font:12px sans-serif;color:#5d4100;max-width:300px');
    d.textContent = {{ this.text|tojson }};
    return d;
  };
  c.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}"""
    )

    def __init__(self, text: str, position: str = "bottomleft", css_class: str = "qm-notice"):
        super().__init__()
        self._name = "Notice"
        self.text, self.position, self.css_class = text, position, css_class


class Background(MacroElement):
    """Sets the map's background colour (the paper of the offline basemap)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.getContainer().style.background = {{ this.colour|tojson }};
{% endmacro %}"""
    )

    def __init__(self, colour: str):
        super().__init__()
        self._name = "Background"
        self.colour = colour


class TileFailureNotice(MacroElement):
    """Shows a notice once an online tile layer fails to load tiles; overlays are unaffected."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var layer = {{ this.layer.get_name() }}, map = {{ this._parent.get_name() }}, shown = false;
  layer.on('tileerror', function () {
    if (shown) { return; }
    shown = true;
    var c = L.control({position: 'topright'});
    c.onAdd = function () {
      var d = L.DomUtil.create('div', 'qm-tile-notice');
      d.setAttribute('style', 'background:#fff3cd;border:1px solid #d39e00;padding:6px 10px;border-radius:4px;font:14px sans-serif;color:#533f03');
      d.textContent = {{ this.text|tojson }};
      return d;
    };
    c.addTo(map);
  });
})();
{% endmacro %}"""
    )

    def __init__(self, layer, text: str):
        super().__init__()
        self._name = "TileFailureNotice"
        self.layer, self.text = layer, text


class FitOnResize(MacroElement):
    """Fits the map to its bounds again when its frame is resized, until anything else moves it.

    streamlit-folium sizes its frame after the map is created, so the first fit can be off.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }}, bounds = {{ this.bounds|tojson }}, touched = false, fitting = false;
  var fit = function () {
    if (touched) { return; }
    fitting = true;
    try { map.invalidateSize(); map.fitBounds(bounds, {padding: [20, 20], maxZoom: 16, animate: false}); } finally { fitting = false; }
  };
  ['pointerdown', 'wheel', 'keydown', 'touchstart'].forEach(function (ev) {
    map.getContainer().addEventListener(ev, function () { touched = true; }, {passive: true});
  });
  map.on('resize', fit);
  setTimeout(function () {
    fit();  // folium's own (animated) first fit has started by now
    // Any other move from here on (a search result, the tour, a script) keeps its view too.
    map.on('movestart zoomstart', function () { if (!fitting) { touched = true; } });
  }, 300);
})();
{% endmacro %}"""
    )

    def __init__(self, bounds):
        super().__init__()
        self._name = "FitOnResize"
        self.bounds = bounds


class MetricScale(MacroElement):
    """A scale bar in metres and kilometres only (Leaflet's default adds feet and miles)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
L.control.scale({imperial: false, metric: true, position: 'bottomleft'}).addTo({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self):
        super().__init__()
        self._name = "MetricScale"


class MinZoom(MacroElement):
    """Shows a layer only from a zoom level on (e.g. labels that would crowd the overview)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  // the host is the map or a layer group (the presentation's stop layers) holding the layer
  var host = {{ this._parent.get_name() }}, layer = {{ this.layer.get_name() }}, z = {{ this.zoom }}, hooked = null;
  var mapOf = function () { return host instanceof L.Map ? host : host._map; };
  var sync = function () {
    var map = mapOf();
    if (!map) { return; }
    var want = map.getZoom() >= z, has = host.hasLayer(layer);
    if (want && !has) { host.addLayer(layer); }
    if (!want && has) { host.removeLayer(layer); }
  };
  var hook = function () {
    var map = mapOf();
    if (map && hooked !== map) { hooked = map; map.on('zoomend', sync); }
    sync();
  };
  if (host instanceof L.Map) { host.whenReady(hook); } else { host.on('add', hook); hook(); }
})();
{% endmacro %}"""
    )

    def __init__(self, layer, zoom: int):
        super().__init__()
        self._name = "MinZoom"
        self.layer, self.zoom = layer, zoom


class FillFrame(MacroElement):
    """Makes the map fill its frame's height (the page sizes the frame to the screen)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }}, c = map.getContainer();
  c.style.height = '100vh';
  document.documentElement.style.height = '100%';
  document.body.style.margin = '0';
  map.invalidateSize();
  window.addEventListener('resize', function () { map.invalidateSize(); });
})();
{% endmacro %}"""
    )

    def __init__(self):
        super().__init__()
        self._name = "FillFrame"


class SearchOpens(MacroElement):
    """A place found with the in-map search opens its record, as a click on it does.

    The found marker is clicked, so the page hears of it like of any click on a feature. The
    search box is also wide enough for its placeholder.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var ctl = {{ this.search.layer.get_name() }}searchControl;
  ctl.on('search:locationfound', function (e) { if (e.layer) { e.layer.fire('click', {latlng: e.latlng}, true); } });
  var box = ctl.getContainer && ctl.getContainer().querySelector('input');
  if (box) { box.style.width = '14em'; }
})();
{% endmacro %}"""
    )

    def __init__(self, search):
        super().__init__()
        self._name = "SearchOpens"
        self.search = search
