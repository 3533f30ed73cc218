"""File formats to cell grids: xlsx/xlsm/xls/ods, csv, docx and pdf, one grid per sheet/table."""
