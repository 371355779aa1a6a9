"""What a reader sees of a map page, measured in the browser (for tests and probes).

``MAP_LOOK_JS`` runs in the app's page (not the map's frame) and returns where the map starts,
its size, the legend (open or not, its box, an inner scroll bar, how much of the map and of the
subdistrict outline it covers), headline figures or chips cut off, and count words.
"""

from __future__ import annotations

from qa.browser import IFRAME

#: Run in the app page; returns a dict (see the module docstring).
MAP_LOOK_JS = """() => {
  const out = {top: null, map: null, legend: null, cut: [], chips: []};
  const kpis = [...document.querySelectorAll('[data-testid="stMetricValue"], [data-testid="stMetricValue"] *, .qm-kpi, .qm-kpi *')];
  out.cut = kpis.filter(e => e.scrollWidth > e.clientWidth + 1
      || getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth)
    .map(e => e.textContent);
  // multiselect chips and pills/segments: the text shown in full, the chip inside its box
  const pills = [...document.querySelectorAll('[data-testid="stButtonGroup"] button')];
  for (const pill of pills) {
    const r = pill.getBoundingClientRect();
    if (!r.width || r.right <= 0 || r.left >= window.innerWidth) { continue; }  // a closed sidebar
    const box = pill.closest('[data-testid="stButtonGroup"]').getBoundingClientRect();
    const cut = [pill, ...pill.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1)
      || r.right > box.right + 1;
    out.chips.push({text: pill.textContent, cut});
  }
  for (const chip of document.querySelectorAll('[data-testid="stMultiSelect"] [data-tag]')) {
    const r = chip.getBoundingClientRect();
    if (!r.width || r.right <= 0 || r.left >= window.innerWidth) { continue; }  // a closed sidebar
    const tags = chip.closest('[data-testid="stMultiSelectTagsContainer"]');
    const box = (tags && tags.parentElement || chip.parentElement).getBoundingClientRect();
    const texts = [chip, ...chip.querySelectorAll('*')];
    const cut = texts.some(e => e.scrollWidth > e.clientWidth + 1)
      || r.right > box.right + 1 || r.bottom > box.bottom + 1;
    out.chips.push({text: chip.textContent, cut});
  }
  const f = document.querySelector('IFRAME_SELECTOR');
  if (!f) { return out; }
  const fr = f.getBoundingClientRect();
  out.top = fr.top + window.scrollY;
  let w;
  try { w = f.contentWindow; w.document.body; } catch (e) { return out; }
  const L = w.L;
  const map = Object.keys(w).map(k => { try { return w[k]; } catch (e) { return null; } })
    .find(v => L && v instanceof L.Map);
  const c = w.document.querySelector('.leaflet-container');
  if (!c) { return out; }
  const mr = c.getBoundingClientRect();
  out.map = {w: mr.width, h: mr.height, frame_h: fr.height, touched: null};
  const lg = w.document.querySelector('.qm-legend');
  if (!lg) { return out; }
  const det = lg.querySelector('details');
  const lr = lg.getBoundingClientRect();
  const inner = [lg, ...lg.querySelectorAll('*')].some(e => {
    const s = w.getComputedStyle(e);
    return /(auto|scroll)/.test(s.overflowY + s.overflowX)
      && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1);
  });
  const summary = lg.querySelector('summary');
  out.legend = {open: !!(det && det.open), x: lr.left - mr.left, y: lr.top - mr.top, w: lr.width, h: lr.height,
    right: mr.right - lr.right, bottom: mr.bottom - lr.bottom, inner_scroll: inner,
    share_h: lr.height / mr.height, share_area: lr.width * lr.height / (mr.width * mr.height),
    summary: summary ? summary.textContent.trim() : null, over_outline: null};
  if (!map) { return out; }
  // how much of the subdistrict outline (the boundary: dashed '10 4 2 4') lies under the legend
  const rings = [];
  map.eachLayer(l => {
    if (l.options && l.options.dashArray === '10 4 2 4' && l.getLatLngs) {
      const walk = a => { if (a.length && a[0] instanceof L.LatLng) { rings.push(a.map(p => map.latLngToContainerPoint(p))); } else { a.forEach(walk); } };
      walk(l.getLatLngs());
    }
  });
  if (!rings.length) { return out; }
  const inside = (x, y) => {
    let n = false;
    for (const r of rings) {
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        if ((r[i].y > y) !== (r[j].y > y) && x < (r[j].x - r[i].x) * (y - r[i].y) / (r[j].y - r[i].y) + r[i].x) { n = !n; }
      }
    }
    return n;
  };
  const lx = lr.left - mr.left, ly = lr.top - mr.top;
  let all = 0, under = 0;
  for (let x = 2; x < mr.width; x += 6) {
    for (let y = 2; y < mr.height; y += 6) {
      if (inside(x, y)) {
        all++;
        if (x >= lx && x <= lx + lr.width && y >= ly && y <= ly + lr.height) { under++; }
      }
    }
  }
  out.legend.over_outline = all ? under / all : 0;
  // the whole subdistrict in view (a map fitted to one village shows only part of it)
  out.legend.outline_whole = rings.every(r => r.every(p => p.x >= -2 && p.y >= -2 && p.x <= mr.width + 2 && p.y <= mr.height + 2));
  out.legend.outline_visible = all;
  return out;
}""".replace("IFRAME_SELECTOR", IFRAME)
