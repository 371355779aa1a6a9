"""Print and share: the wall map, 一村一档 and checks report as vector PDFs, the map as one HTML file.

Layer 7 (beside ``geo.plots``): may import views, maps and checks; never Streamlit.
matplotlib (PDF backend, Type 42 / CID fonts) draws maps and pages, so lines and text stay
vector and a subset of a CJK font is embedded in every PDF (``geo.printing.fonts``).
"""
