"""Baselines: record today's findings once, then report only the new ones.

``file`` reads and writes the baseline file, ``key`` identifies a finding so
that it survives unrelated edits, ``apply`` splits a run's findings into
known and new.
"""
