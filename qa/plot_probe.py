"""JavaScript probes of the contract-plot layer (geo/plots/plotlayer.js) in the map iframe."""

from __future__ import annotations

#: The page path of the contract-plot map (app.py registers every page under its name).
PLOTS_PATH = "/plots"
#: The Leaflet map of the frame.
MAP_JS = "Object.values(window).find((v) => v instanceof L.Map)"
#: The plot layer has drawn its first view (villages at least).
OURS_READY = "() => { const l = (window.qmPlotLayers || [])[0]; return !!(l && l.settled && document.querySelectorAll('path.leaflet-interactive').length >= 37); }"
#: The plot layer has drawn a view newer than ``seq``.
OURS_SETTLED = "(seq) => { const l = window.qmPlotLayers[0]; return l.settled && l.seq > seq; }"
#: What the plot layer has drawn: mode, view, drawn plot indices, stats.
STATE = "() => window.qmPlotLayers[0].state()"
