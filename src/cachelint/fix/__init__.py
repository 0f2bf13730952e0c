"""Repair derived data: ``cachelint check --fix`` and ``--diff``.

The pieces, in the order a repair flows through them:

- :mod:`~cachelint.fix.derive`: the ``meta`` a page should have, from its specs;
- :mod:`~cachelint.fix.jsonstyle`: the page's ``json.dumps`` style, to write alike;
- :mod:`~cachelint.fix.plan`: which bytes change and which findings that removes
  (the checker plans every page, so ``fixable`` is exact even without ``--fix``);
- :mod:`~cachelint.fix.writer`: atomic replacement of a file;
- :mod:`~cachelint.fix.diff` and :mod:`~cachelint.run.fixing`: ``--diff`` and ``--fix``.

See docs/fix.md for what is repaired and what is refused.
"""
