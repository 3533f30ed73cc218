"""Ingest stage, laid out as the flow it is (no module imports a later stage):

* :mod:`~analysis.ingest.formats` - raw files -> cell grids (xlsx/xlsm/xls/ods, csv, docx,
  pdf), bounded by :class:`~analysis.ingest.formats.grid.Limits`; cell values as numbers;
* :mod:`~analysis.ingest.tables` - cell grids -> recognised tables: header rows, layout,
  what each column means, the data rows of many tables read in one pass;
* :mod:`~analysis.ingest.rows` - extracted rows -> clean rows: identity, codes and tingkat,
  units, choices, the wide frames, IKU, merges, conflicts, checks and counts;
* :mod:`~analysis.ingest.intake` (which files, read on every core),
  :mod:`~analysis.ingest.pipeline` (the flow, :func:`~analysis.ingest.pipeline.ingest`) and
  :mod:`~analysis.ingest.command` (``python -m analysis ingest``; :mod:`~analysis.ingest.cache`
  skips unchanged input). :mod:`~analysis.ingest.text`, :mod:`~analysis.ingest.reference`,
  :mod:`~analysis.ingest.fields` and :mod:`~analysis.ingest.sources` are shared by the stages.
"""
