"""Running a check: the stages of one page, over every page, then the catalog.

``checker`` runs one page through ``page``, ``schema`` and ``rules`` and
``place`` turns its findings into diagnostics; ``runner`` runs every target
(``walking`` hands a walked folder to workers in ``batches``, ``workers`` runs
named files in parallel, ``cache`` skips unchanged pages); ``catalogpass``
then checks each catalog as a whole (its findings placed by ``catalogplace``),
with ``tally`` and ``changed`` supplying what a partial run needs. ``scope``
decides a run's targets, ``fixing`` writes ``--fix`` repairs, ``reading``
reads a target within its boundary, ``datafiles`` checks a named data file.
"""
