"""Extracted rows to clean rows: codes, tingkat, identity, units, merges, conflicts, counts."""
