"""Data layer: universe, vendors, canonical schema, on-disk cache, calendars, loaders.

``universe`` (ticker facts) · ``providers`` (akshare / yfinance, the only network code) ·
``normalize`` (canonical schema, gap-aware returns) · ``cache`` (parquet + manifest, the
only disk code) · ``calendars`` (sessions, day 0) · ``prices`` (``load_prices``,
``load_returns``, ``ex_dividend_dates``) · ``stitch`` (joining two sources of a series) ·
``refresh`` (merge-on-refresh) · ``basis`` (return basis, consistent benchmark) ·
``status`` (``data_status``, "as of").
"""
