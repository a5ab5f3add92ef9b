"""Extraction: one article in, one machine record out.

`extract(article) -> Record` is the entry; the stages live in the modules beside this one."""
from .pipeline import EXTRACTOR_VERSION, extract

__all__ = ["EXTRACTOR_VERSION", "extract"]
