"""Cell grids to recognised tables: header rows, layouts, which column means what, the rows read."""
