"""The page stage: read a file, split its front matter, parse it, place findings in it.

In pipeline order: ``source`` (bytes to text, within ``boundary``: never a file
outside the catalog), ``split`` (the front matter between its fences),
``parse`` (``jsonlines`` for generated pages at JSON speed, ``yamlparse`` for
every other page and for every error's explanation), ``positions`` (a JSON
pointer to line and column, from ``lineindex``, ``yamlextents`` and, only when
needed, ``yamlnodes``) and ``suppressions`` (``# cachelint: disable=`` comments).
"""
