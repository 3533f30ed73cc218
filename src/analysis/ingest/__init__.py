"""Ingest stage: raw office files -> cell grids -> layouts -> clean wide frames.

``reading`` turns files into cell grids, ``headers`` understands header texts,
``cells`` parses the values as typed, ``layouts`` recognises the table forms,
``cleaning`` normalises codes and names, and ``pipeline`` is the ``ingest`` command.
"""
