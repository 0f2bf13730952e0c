"""The scope stage: which files a run checks.

``discovery`` walks the named paths into targets, ``pathfilter`` applies
exclude globs and ``.gitignore`` (with ``gitignored`` and ``git``), ``filelist``
reads ``--files-from``, ``shard`` splits a catalog between CI jobs, ``roots``
finds each page's catalog root and ``coverage`` says how much of a catalog the
checked paths cover.
"""
