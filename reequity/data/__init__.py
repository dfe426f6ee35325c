"""Data layer: universe, vendors, canonical schema, on-disk cache, calendars, loaders.

``universe`` (ticker facts) · ``providers`` (akshare / yfinance, the only network code) ·
``normalize`` (canonical schema, gap-aware returns) · ``cache`` (parquet + manifest, the
only disk code) · ``calendars`` (sessions, day 0) · ``prices`` (``load_prices``,
``load_returns``).
"""
