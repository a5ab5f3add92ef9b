"""Datasets: exports, gold loading, statistics and the extractor's evaluation."""
