"""reviewer: curate cooperation agreements between Vietnamese localities from news articles."""
__version__ = "0.1.0"
