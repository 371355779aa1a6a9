// 齐陵一张图 · contract plots drawn from pre-cut static tiles. Written for this project.
//
// (map, villages, cfg) -> the layer. Zoomed out, the village choropleth (folium GeoJson, passed
// in as `villages`) and a 250 m grid of totals stand in for the plots; from cfg.plotZoom only
// the plots intersecting the (padded) view are drawn, as Leaflet polygons on one canvas.
// Tiles are fetched once and kept; nothing is sent back to Streamlit while panning.
// Tile rows: [index, plot_id, village no., mu, holder, status no., year, rings], rings in
// integer micro-degrees (first vertex, then deltas) -- see geo/plots/tiles.py.
(function (map, villages, cfg) {
  "use strict";
  var E6 = 1e6;

  function tileKeys(view, z) {  // the tiles a [w, s, e, n] view touches (as geo.plottiles.tile_xy)
    var n = Math.pow(2, z), out = [];
    var tx = function (lon) { return Math.floor((lon + 180) / 360 * n); };
    var ty = function (lat) {
      var r = lat * Math.PI / 180;
      return Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
    };
    for (var x = tx(view[0]); x <= tx(view[2]); x++) {
      for (var y = ty(view[3]); y <= ty(view[1]); y++) { out.push(x + "_" + y); }
    }
    return out;
  }

  function decode(rings) {  // deltas -> absolute micro-degree rings and their box
    var bb = [Infinity, Infinity, -Infinity, -Infinity];
    var abs = rings.map(function (d) {
      var r = new Array(d.length), x = 0, y = 0;
      for (var i = 0; i < d.length; i += 2) {
        x += d[i]; y += d[i + 1]; r[i] = x; r[i + 1] = y;
        bb[0] = Math.min(bb[0], x); bb[1] = Math.min(bb[1], y);
        bb[2] = Math.max(bb[2], x); bb[3] = Math.max(bb[3], y);
      }
      return r;
    });
    return {rings: abs, bb: bb};
  }

  function segmentHits(x1, y1, x2, y2, r) {  // closed segment vs closed rectangle (Liang-Barsky)
    var t0 = 0, t1 = 1, dx = x2 - x1, dy = y2 - y1;
    var p = [-dx, dx, -dy, dy], q = [x1 - r[0], r[2] - x1, y1 - r[1], r[3] - y1];
    for (var i = 0; i < 4; i++) {
      if (p[i] === 0) {
        if (q[i] < 0) { return false; }
      } else {
        var t = q[i] / p[i];
        if (p[i] < 0) { if (t > t1) { return false; } t0 = Math.max(t0, t); }
        else { if (t < t0) { return false; } t1 = Math.min(t1, t); }
      }
    }
    return true;
  }

  function inside(rings, x, y) {  // even-odd rule over every ring, so holes count
    var c = false;
    rings.forEach(function (r) {
      for (var i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
        if ((r[i + 1] > y) !== (r[j + 1] > y) &&
            x < (r[j] - r[i]) * (y - r[i + 1]) / (r[j + 1] - r[i + 1]) + r[i]) { c = !c; }
      }
    });
    return c;
  }

  function hits(shape, r) {  // exact: does the plot intersect the rectangle (like shapely)?
    var b = shape.bb;
    if (b[2] < r[0] || b[0] > r[2] || b[3] < r[1] || b[1] > r[3]) { return false; }
    if (b[0] >= r[0] && b[2] <= r[2] && b[1] >= r[1] && b[3] <= r[3]) { return true; }
    for (var k = 0; k < shape.rings.length; k++) {
      var g = shape.rings[k];
      for (var i = 0, j = g.length - 2; i < g.length; j = i, i += 2) {
        if (segmentHits(g[j], g[j + 1], g[i], g[i + 1], r)) { return true; }
      }
    }
    return inside(shape.rings, r[0], r[1]);  // no edge meets it: the view is inside or outside
  }

  function rampColour(value, ramp) {
    for (var i = 0; i < ramp.length; i++) { if (value <= ramp[i][0]) { return ramp[i][1]; } }
    return ramp[ramp.length - 1][1];
  }

  var Layer = L.Layer.extend({
    initialize: function () {
      this.index = {}; this.tiles = {}; this.pending = {};
      this.shapes = {}; this.polys = {}; this.drawn = {};
      this.seq = 0; this.settled = false; this.mode = null; this.view = null; this.sel = null;
      this.stats = {bytes: 0, requests: 0, errors: 0, ms: 0, settledAt: 0};
      cfg.tiles.forEach(function (k) { this.index[k] = true; }, this);
    },

    onAdd: function (m) {
      m.createPane("qmGrid").style.zIndex = 430;
      m.getPane("qmGrid").style.pointerEvents = "none";
      m.createPane("qmPlots").style.zIndex = 450;
      this.renderer = L.canvas({pane: "qmPlots", padding: cfg.pad});
      this.gridRenderer = L.canvas({pane: "qmGrid", padding: 0.2});
      this.group = L.featureGroup().addTo(m).on("click", this.onClick, this);
      this.grid = L.layerGroup();
      m.on("moveend", this.update, this);
      m.on("popupclose", this.unselect, this);
      this.update();
    },

    update: function () {
      var m = this._map, z = m.getZoom(), seq = ++this.seq, self = this;
      var mode = z >= cfg.plotZoom ? "plots" : (z >= cfg.gridZoom ? "grid" : "villages");
      this.settled = false;
      this.t0 = performance.now();
      this.setMode(mode);
      if (mode !== "plots") {
        (mode === "grid" ? this.loadGrid() : Promise.resolve()).then(function () {
          if (seq === self.seq) { self.show({}, seq, null); }
        });
        return;
      }
      var b = m.getBounds().pad(cfg.pad);
      var view = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
      var keys = tileKeys(view, cfg.tileZoom).filter(function (k) { return self.index[k]; });
      Promise.all(keys.map(this.load, this)).then(function () {
        if (seq !== self.seq) { return; }  // a newer move took over
        var r = view.map(function (v) { return v * E6; }), ids = {};
        keys.forEach(function (k) {
          (self.tiles[k] || []).forEach(function (i) {
            if (!ids[i] && hits(self.shapes[i], r)) { ids[i] = true; }
          });
        });
        self.show(ids, seq, view);
      });
    },

    load: function (k) {
      var self = this;
      if (this.tiles[k]) { return Promise.resolve(); }
      if (this.pending[k]) { return this.pending[k]; }
      this.stats.requests++;
      this.pending[k] = fetch(cfg.base + "/" + cfg.tileZoom + "_" + k + ".json")
        .then(function (res) { if (!res.ok) { throw new Error("HTTP " + res.status); } return res.text(); })
        .then(function (text) {
          self.stats.bytes += text.length;
          self.tiles[k] = JSON.parse(text).f.map(function (row) {
            if (!self.shapes[row[0]]) {
              var s = decode(row[7]);
              row[7] = null;
              s.row = row;
              self.shapes[row[0]] = s;
            }
            return row[0];
          });
        })
        .catch(function (e) { self.stats.errors++; console.warn("plot tile " + k + ": " + e); })
        .then(function () { delete self.pending[k]; });
      return this.pending[k];
    },

    show: function (ids, seq, view) {
      var self = this, g = this.group;
      Object.keys(this.drawn).forEach(function (i) {
        if (!ids[i]) { g.removeLayer(self.polys[i]); delete self.drawn[i]; }
      });
      Object.keys(ids).forEach(function (i) {
        if (!self.drawn[i]) { g.addLayer(self.poly(i)); self.drawn[i] = true; }
      });
      this.view = view;
      this.trim();
      if (cfg.focus !== null && this.drawn[cfg.focus]) {
        this.select(cfg.focus, null);
        cfg.focus = null;
      }
      L.Util.requestAnimFrame(function () {
        L.Util.requestAnimFrame(function () {  // after the canvas has been redrawn
          if (seq !== self.seq) { return; }
          self.settled = true;
          self.stats.settledAt = performance.now();
          self.stats.ms = self.stats.settledAt - self.t0;
          self.fire("settled");
        });
      });
    },

    poly: function (i) {
      if (this.polys[i]) { return this.polys[i]; }
      var s = this.shapes[i], entrusted = s.row[5] === 0;
      var latlngs = s.rings.map(function (r) {
        var out = [];
        for (var k = 0; k < r.length; k += 2) { out.push([r[k + 1] / E6, r[k] / E6]); }
        return out;
      });
      var p = L.polygon(latlngs, {
        renderer: this.renderer, pane: "qmPlots", color: cfg.colours.stroke, weight: 0.5,
        opacity: 0.7, fillColor: entrusted ? cfg.colours.entrusted : cfg.colours.other,
        fillOpacity: 0.85
      });
      p.qmIndex = +i;
      this.polys[i] = p;
      return p;
    },

    trim: function () {  // keep the polygon cache bounded
      var keys = Object.keys(this.polys);
      if (keys.length <= cfg.cache) { return; }
      keys.forEach(function (i) { if (!this.drawn[i] && +i !== this.sel) { delete this.polys[i]; } }, this);
    },

    setMode: function (mode) {
      if (mode === this.mode) { return; }
      var self = this;
      this.mode = mode;
      this._map.getPane("qmPlots").style.pointerEvents = mode === "plots" ? "" : "none";
      if (villages) { villages.setStyle({fillOpacity: mode === "villages" ? cfg.villageFill : 0}); }
      if (mode === "grid") {
        this.loadGrid().then(function () { if (self.mode === "grid") { self.grid.addTo(self._map); } });
      } else {
        this.grid.remove();
      }
    },

    loadGrid: function () {
      var self = this;
      if (!this.gridReady) {
        this.gridReady = fetch(cfg.base + "/grid.json")
          .then(function (res) { if (!res.ok) { throw new Error("HTTP " + res.status); } return res.json(); })
          .then(function (data) {
            data.cells.forEach(function (c) {  // [w, s, e, n, plots, mu, entrusted mu]
              var share = c[5] > 0 ? c[6] / c[5] : 0;
              L.rectangle([[c[1], c[0]], [c[3], c[2]]], {
                renderer: self.gridRenderer, pane: "qmGrid", interactive: false, stroke: false,
                fillColor: rampColour(share, cfg.gridRamp),
                fillOpacity: 0.25 + 0.6 * Math.min(1, c[5] / cfg.cellMu)
              }).addTo(self.grid);
            });
          })
          .catch(function (e) { self.stats.errors++; console.warn("plot grid: " + e); });
      }
      return this.gridReady;
    },

    onClick: function (e) { this.select(e.layer.qmIndex, e.latlng); },

    select: function (i, latlng) {
      this._map.closePopup();  // fires popupclose, which unselects the previous plot
      this.unselect();
      var p = this.poly(i);
      this.sel = +i;
      p.setStyle({color: cfg.colours.selected, weight: 3});
      p.bringToFront();
      L.popup({maxWidth: 340, className: "qm-plot-popup"})
        .setLatLng(latlng || p.getBounds().getCenter())
        .setContent(this.card(i))
        .openOn(this._map);
    },

    unselect: function () {
      if (this.sel !== null && this.polys[this.sel]) {
        this.polys[this.sel].setStyle({color: cfg.colours.stroke, weight: 0.5});
      }
      this.sel = null;
    },

    card: function (i) {  // built with textContent: record values are never parsed as HTML
      var row = this.shapes[i].row, lab = cfg.labels, d = document.createElement("div");
      d.className = "qm-plot-card";
      d.style.font = "13px/1.45 'Noto Sans CJK SC', sans-serif";
      var title = d.appendChild(document.createElement("b"));
      title.textContent = lab.plot_id + " " + row[1];
      var table = d.appendChild(document.createElement("table"));
      [[lab.village, cfg.villages[row[2]] || ""],
       [lab.area, row[3].toFixed(2) + " " + lab.mu], [lab.holder, row[4]],
       [lab.status, lab.statuses[row[5]] || ""], [lab.year, row[6] ? String(row[6]) : "—"]]
        .forEach(function (f) {
          var tr = table.insertRow(), k = tr.insertCell();
          k.textContent = f[0];
          k.style.cssText = "color:#555;padding-right:10px;white-space:nowrap";
          tr.insertCell().textContent = f[1];
        });
      var note = d.appendChild(document.createElement("div"));
      note.className = "qm-plot-note";
      note.style.cssText = "color:#8a6d00;font-size:12px;margin-top:4px";
      note.textContent = lab.schematic;
      return d;
    },

    state: function () {  // for tests and the benchmark
      return {
        mode: this.mode, seq: this.seq, settled: this.settled, zoom: this._map.getZoom(),
        view: this.view, drawn: Object.keys(this.drawn).map(Number), sel: this.sel,
        tiles: Object.keys(this.tiles).length, stats: this.stats
      };
    }
  });

  var layer = new Layer();
  layer.addTo(map);
  (window.qmPlotLayers = window.qmPlotLayers || []).push(layer);
  return layer;
})
