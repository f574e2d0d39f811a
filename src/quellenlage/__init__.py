"""quellenlage: figures, dates, quotes and cross-source conflicts from German tech news."""

__version__ = "0.2.0"
