"""kinerja-kecamatan: quarterly performance and budget analytics for kecamatan offices.

The package reads the spreadsheets kecamatan offices hand in (``data/raw``), cleans them
into tidy tables (``data/processed``), computes achievement (capaian), budget absorption
(serapan) and efficiency, and renders parameterised notebooks into offline HTML reports.
"""

__version__ = "0.1.0"
