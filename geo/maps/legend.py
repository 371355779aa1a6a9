"""Map furniture as small Leaflet controls: legend, notices, background, tile-failure notice.

All text is HTML-escaped here, so data values can never inject markup.
"""

from __future__ import annotations

from html import escape

from branca.element import MacroElement
from jinja2 import Template


class Legend(MacroElement):
    """A collapsible legend in the bottom-right corner: sections of (swatch kind, colour, label).

    A ▸/▾ toggle with the word 图例 / Legend opens and closes it. It starts open (when the page
    asks) only on a map of at least ``OPEN_MIN`` pixels and only if, open, it keeps within
    ``MAX_H_SHARE`` of the map's height and ``MAX_AREA_SHARE`` of its area, so it is collapsed on
    a 1024×768 projector and on a phone; until the reader toggles it, it follows the map's size.
    Open, its sections are packed into as many columns as keep it that low (no inner scroll bar)
    and clear of the notes in the bottom-left corner; the map is told the room it takes
    (``map.qmLegendPad``, read by :class:`FitOnResize`) and a toggle asks for a refit
    (``qm:legend``), which only a map nobody has moved follows.
    """

    OPEN_MIN = (700, 460)
    MAX_H_SHARE = 0.28
    MAX_AREA_SHARE = 0.16

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }}, c = L.control({position: {{ this.position|tojson }}});
  var wantOpen = {{ this.open_|tojson }}, minW = {{ this.open_min[0] }}, minH = {{ this.open_min[1] }};
  var shareH = {{ this.max_h_share }}, shareA = {{ this.max_area_share }};
  var d, det, body, arrow, sections, chosen = false, shown = null;
  var room = function () {
    // as tall as a share of the map, as wide as the bottom edge left of it is free
    var s = map.getSize(), left = 10;
    map.getContainer().querySelectorAll('.leaflet-bottom.leaflet-left .leaflet-control').forEach(function (e) {
      left = Math.max(left, e.offsetLeft + e.offsetWidth + 10);
    });
    return {w: Math.max(160, s.x - left - 20), h: Math.max(80, shareH * s.y - 34)};
  };
  var layout = function () {
    // pack the sections into columns no taller than the room (no inner scroll bar)
    var r = room(), col = L.DomUtil.create('div', 'qm-legend-col', body), h = 0;
    body.innerHTML = '';
    body.appendChild(col);
    sections.forEach(function (sec) {  // each measured alone in one column
      var rows = sec.querySelector('.qm-legend-rows');
      rows.style.columnCount = '';
      col.appendChild(sec);
      if (sec.offsetHeight > r.h) {  // a long key (a colour ramp) goes into columns of its own
        rows.style.columnCount = Math.ceil(sec.offsetHeight / r.h);
      }
      sec.qmH = sec.offsetHeight;
    });
    body.innerHTML = '';
    col = null;
    sections.forEach(function (sec) {
      if (!col || (h > 0 && h + sec.qmH > r.h)) { col = L.DomUtil.create('div', 'qm-legend-col', body); h = 0; }
      col.appendChild(sec);
      h += sec.qmH;
    });
    return r;
  };
  var fits = function (r) {
    // open, it keeps within a share of the map's height and area, and clear of the other corner
    var s = map.getSize(), w = d.offsetWidth, h = d.offsetHeight;
    return h <= shareH * s.y + 2 && w * h <= shareA * s.x * s.y && w <= r.w + 20;
  };
  var show = function (open, refit) {
    if (open) { det.open = true; layout(); }
    det.open = open;
    shown = open;
    arrow.textContent = open ? '\u25be' : '\u25b8';
    map.qmLegendPad = open ? [d.offsetWidth, d.offsetHeight] : [0, 0];
    if (refit) { map.fire('qm:legend'); }
  };
  var decide = function () {
    // until the reader opens or closes it: open on a large map when the page asks and it fits
    if (chosen) { show(det.open, false); return; }
    var open = wantOpen && map.getSize().x >= minW && map.getSize().y >= minH;
    if (open) { det.open = true; open = fits(layout()); }
    show(open, false);
  };
  c.onAdd = function () {
    d = L.DomUtil.create('div', 'qm-legend');
    d.setAttribute('style', {{ this.box_style|tojson }});
    d.innerHTML = {{ this.html|tojson }};
    det = d.querySelector('details');
    body = d.querySelector('.qm-legend-body');
    arrow = d.querySelector('.qm-legend-arrow');
    sections = Array.prototype.slice.call(body.querySelectorAll('.qm-legend-sec'));
    // the reader's click (or key) on the toggle: from now on the legend stays as they leave it
    d.querySelector('summary').addEventListener('click', function () { chosen = true; });
    det.addEventListener('toggle', function () { if (det.open !== shown) { show(det.open, true); } });
    L.DomEvent.disableClickPropagation(d);
    L.DomEvent.disableScrollPropagation(d);
    return d;
  };
  c.addTo(map);
  // Packing measures the legend (forced layouts of the frame): it runs after the map's first paint
  // (hidden until then), at most once a frame, and only when what it depends on (map size, room,
  // style sheets, fonts, the reader's choice) changed since the last pass or the fonts are ready.
  d.style.visibility = 'hidden';
  var first = true, pending = false, last = null;
  var state = function () {
    var s = map.getSize(), r = room(), f = document.fonts ? document.fonts.status : '';
    return [s.x, s.y, r.w, r.h, document.styleSheets.length, f, chosen, chosen && det.open].join();
  };
  var redecide = function (force) {
    var now = state();
    if (!force && now === last) { return; }
    var was = String(map.qmLegendPad);
    decide();
    last = state();
    // a change of the room it takes asks for a refit (which a map nobody has moved follows)
    if (!first && String(map.qmLegendPad) !== was) { map.fire('qm:legend'); }
    if (first) { first = false; d.style.visibility = ''; }
  };
  var later = function (force) {
    var scheduled = !!pending;
    if (force === true) { pending = 'force'; } else if (!pending) { pending = true; }
    if (scheduled) { return; }
    var run = function () { if (pending) { var f = pending === 'force'; pending = false; redecide(f); } };
    if (window.requestAnimationFrame) { requestAnimationFrame(function () { setTimeout(run, 0); }); }
    setTimeout(run, 100);  // a frame that is not painted (hidden) gets no animation frames
  };
  later(true);
  map.on('resize', function () { later(); });
  // again once the notes of the other corner, the fonts and the styles are in
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(function () { later(true); }); }
  // Leaflet's style sheet may come after the map script: the box changes size when it does
  if (window.ResizeObserver) { new ResizeObserver(function () { later(); }).observe(d); }
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
        self.position, self.open_ = position, open_
        self.open_min, self.max_h_share = self.OPEN_MIN, self.MAX_H_SHARE
        self.max_area_share = self.MAX_AREA_SHARE
        self.box_style = (
            "background:rgba(255,255,255,.94);padding:4px 8px;border-radius:6px;"
            "box-shadow:0 1px 4px rgba(0,0,0,.35);font:12px/1.3 'Noto Sans CJK SC',sans-serif;"
            "color:#222;max-width:calc(100vw - 80px)"
        )
        shown = [(title, rows) for title, rows in sections if rows]
        body = "".join(_section(title, rows) for title, rows in shown)
        summary = (
            '<summary style="cursor:pointer;font-weight:700;list-style:none;font-size:13px;'
            'user-select:none;white-space:nowrap"><span class="qm-legend-arrow" '
            f'style="display:inline-block;width:1.1em">▾</span>{escape(title)}</summary>'
        )
        cols = "display:flex;align-items:flex-start;gap:0 12px;margin-top:3px"
        self.html = (
            f'<details open>{summary}<div class="qm-legend-body" style="{cols}">{body}</div></details>'
            "<style>.qm-legend summary::-webkit-details-marker{display:none}"
            ".qm-legend-col{width:max-content;max-width:215px;flex:0 0 auto}</style>"
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
        f'<div style="margin:1px 0;break-inside:avoid">{_swatch(k, c)}&nbsp;{escape(label)}</div>'
        for k, c, label in rows
    )
    return (
        f'<div class="qm-legend-sec" style="padding-bottom:5px"><b>{escape(title)}</b>'
        f'<div class="qm-legend-rows" style="column-gap:12px">{items}</div></div>'
    )


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
  var options = function () {
    // leave room for an open legend (bottom right): below or beside the bounds, whichever
    // keeps the larger zoom
    var pad = map.qmLegendPad || [0, 0], o = {maxZoom: 16, animate: false, paddingTopLeft: [20, 20]};
    if (!pad[0] || !pad[1]) { o.paddingBottomRight = [20, 20]; return o; }
    var below = [20, pad[1] + 16], beside = [pad[0] + 16, 20];
    var zoom = function (br) { return map.getBoundsZoom(bounds, false, L.point(20 + br[0], 20 + br[1])); };
    o.paddingBottomRight = zoom(below) >= zoom(beside) ? below : beside;
    return o;
  };
  var fit = function () {
    if (touched) { return; }
    fitting = true;
    try { map.invalidateSize(); map.fitBounds(bounds, options()); } finally { fitting = false; }
  };
  ['pointerdown', 'wheel', 'keydown', 'touchstart'].forEach(function (ev) {
    map.getContainer().addEventListener(ev, function (e) {
      // opening or closing the legend is not a move of the map
      if (!(e.target && e.target.closest && e.target.closest('.qm-legend'))) { touched = true; }
    }, {passive: true});
  });
  map.on('qm:legend', fit);
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
