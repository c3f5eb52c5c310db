"""desk_app: the front desk of a commune one-stop counter (Bộ phận Một cửa)."""

__version__ = "0.1.0"
