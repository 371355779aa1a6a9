/* 汇报演示: the whole tour runs here, in the map's frame. Every stop is already on the page;
 * keys (← → PageUp PageDown, what a clicker sends), the ◀ ▶ buttons, the stop list and auto-play
 * change the stop without asking the server. Presses are counted, never dropped: the card
 * changes at once, the map flies to the latest stop (a newer press interrupts an older flight).
 * The map fits each stop's features into the part of the map the card leaves free. */
function qmTour(map, groups, cfg) {
  var n = cfg.stops.length, current = -1, timer = null;
  var doc = document, body = doc.body;

  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // ---- the card and the bar (text set with textContent: never parsed as HTML)
  var card = el('div', 'qm-card'), legend = el('details', 'qm-tour-legend');
  card.setAttribute('role', 'region');
  card.setAttribute('aria-live', 'polite');
  var bar = el('div', 'qm-bar');
  var prev = el('button', 'qm-btn qm-prev', '◀'), next = el('button', 'qm-btn qm-next', '▶');
  prev.title = cfg.labels.prev; next.title = cfg.labels.next;
  prev.setAttribute('aria-label', cfg.labels.prev); next.setAttribute('aria-label', cfg.labels.next);
  var list = el('select', 'qm-list');
  list.setAttribute('aria-label', cfg.labels.list);
  cfg.stops.forEach(function (s, i) { list.appendChild(el('option', '', (i + 1) + '. ' + s.title)).value = String(i); });
  var count = el('span', 'qm-count');
  var autoLab = el('label', 'qm-auto'), auto = el('input');
  auto.type = 'checkbox';
  autoLab.appendChild(auto); autoLab.appendChild(el('span', '', cfg.labels.autoplay));
  var everyLab = el('label', 'qm-every'), every = el('input');
  every.type = 'number'; every.min = '5'; every.max = '120'; every.step = '5'; every.value = '15';
  everyLab.appendChild(el('span', '', cfg.labels.interval)); everyLab.appendChild(every);
  [prev, list, next, count, autoLab, everyLab].forEach(function (c) { bar.appendChild(c); });
  body.appendChild(card); body.appendChild(bar);
  map.getContainer().appendChild(legend);
  L.DomEvent.disableClickPropagation(legend);
  L.DomEvent.disableScrollPropagation(legend);

  function source(f, i) {
    var box = el('div', 'qm-src');
    if (!f.quote) { box.textContent = f.source; return box; }
    var d = el('details', 'qm-quote'), s = el('summary', '', f.source);
    d.appendChild(s); d.appendChild(el('div', 'qm-quote-text', f.quote));
    box.appendChild(d);
    return box;
  }

  function renderCard(s) {
    card.textContent = '';
    card.appendChild(el('div', 'qm-title', s.title));
    if (s.subtitle) { card.appendChild(el('div', 'qm-sub', s.subtitle)); }
    var figs = el('div', 'qm-figs' + (s.figures.length > 3 ? ' qm-many' : ''));
    s.figures.forEach(function (f, i) {
      var box = el('div', 'qm-fig');
      box.appendChild(el('div', 'qm-val', f.value));
      box.appendChild(el('div', 'qm-lab', f.label));
      box.appendChild(source(f, i));
      figs.appendChild(box);
    });
    card.appendChild(figs);
    card.appendChild(el('div', 'qm-flag', cfg.labels.flag));
    legend.innerHTML = s.legend;  // built and escaped on the server
  }

  // ---- fitting: the card's box (and the bar) are kept out of the fitted area
  function padding() {
    var m = map.getContainer().getBoundingClientRect(), c = card.getBoundingClientRect(), b = bar.getBoundingClientRect();
    var over = function (r) { return r.width > 0 && r.left < m.right && r.right > m.left && r.top < m.bottom && r.bottom > m.top; };
    var tl = [24, 24], br = [24, 24];
    if (over(b)) { br[1] = Math.max(br[1], m.bottom - b.top + 16); }
    if (over(c)) {
      var right = m.right - c.left, left = c.right - m.left;  // card on the right or the left
      if (right <= left) { br[0] = Math.max(br[0], right + 24); } else { tl[0] = Math.max(tl[0], left + 24); }
    }
    return {paddingTopLeft: tl, paddingBottomRight: br, maxZoom: 16};
  }

  function fit(animate) {
    var s = cfg.stops[current];
    doc.documentElement.style.setProperty('--qm-bar', bar.offsetHeight + 'px');
    var opts = padding();
    map.invalidateSize(false);
    if (animate) { map.flyToBounds(s.bounds, Object.assign({duration: 0.8}, opts)); }
    else { map.fitBounds(s.bounds, Object.assign({animate: false}, opts)); }
  }

  function layers(s) {
    Object.keys(groups).forEach(function (k) {
      var want = s.groups.indexOf(k) >= 0, has = map.hasLayer(groups[k]);
      if (want && !has) { map.addLayer(groups[k]); }
      if (!want && has) { map.removeLayer(groups[k]); }
    });
  }

  function setUrl(i) {
    try {
      var w = window.parent, u = new URL(w.location.href);
      u.searchParams.set('stop', String(i + 1));
      w.history.replaceState(w.history.state, '', u.toString());
    } catch (err) { /* not the app's own page: nothing to update */ }
  }

  function show(i, animate) {
    i = ((i % n) + n) % n;
    if (i === current) { return; }
    current = i;
    var s = cfg.stops[i];
    renderCard(s);
    list.value = String(i);
    count.textContent = (i + 1) + ' / ' + n;
    doc.documentElement.setAttribute('data-stop', String(i + 1));
    layers(s);
    fit(animate);
    setUrl(i);
    restartTimer();
  }

  function step(d) { show(current + d, true); }

  // ---- input: buttons, list, keys (in this frame and in the app's page), auto-play
  prev.addEventListener('click', function () { step(-1); });
  next.addEventListener('click', function () { step(1); });
  list.addEventListener('change', function () { show(parseInt(list.value, 10), true); list.blur(); });
  function onKey(e) {
    var tag = (e.target && e.target.tagName) || '';
    if (tag === 'INPUT' && e.target.type === 'number') { return; }
    if (e.key === 'ArrowRight' || e.key === 'PageDown') { e.preventDefault(); step(1); }
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') { e.preventDefault(); step(-1); }
  }
  doc.addEventListener('keydown', onKey, true);
  try {
    var pw = window.parent;
    if (pw !== window) {
      if (pw.__qmTourKey) { pw.document.removeEventListener('keydown', pw.__qmTourKey, true); }
      pw.__qmTourKey = onKey;
      pw.document.addEventListener('keydown', onKey, true);
    }
  } catch (err) { /* a frame of another origin: keys work once the frame has the focus */ }

  function restartTimer() {
    if (timer) { clearInterval(timer); timer = null; }
    if (auto.checked) {
      var secs = Math.min(Math.max(parseInt(every.value, 10) || 15, 5), 120);
      timer = setInterval(function () { step(1); }, secs * 1000);
    }
  }
  auto.addEventListener('change', restartTimer);
  every.addEventListener('change', restartTimer);

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { fit(false); }, 150);
  });

  var start = cfg.start;
  try {
    var q = parseInt(new URL(window.parent.location.href).searchParams.get('stop'), 10);
    if (q >= 1 && q <= n) { start = q - 1; }
  } catch (err) { /* keep the server's stop */ }
  show(start, false);
  window.qmTourApi = {show: show, step: step, current: function () { return current + 1; },
                      card: card, bar: bar, stops: cfg.stops, groups: groups};
  try { window.focus(); } catch (err) { /* ignore */ }
}
