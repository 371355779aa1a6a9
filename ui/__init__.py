"""Streamlit helpers shared by the pages: state keys, sidebar, cached data, map and record views."""
