"""Quality tooling shared by tests/ and bench/ (never imported by the app).

- :mod:`qa.browser`: headless Chromium, Streamlit servers on loopback, the offline guard;
- :mod:`qa.plot_probe`: JavaScript probes of the contract-plot layer;
- :mod:`qa.synthetic`: synthetic plot layers;
- :mod:`qa.architecture`: the import walker behind tests/test_architecture.py.
"""
