"""The result cache: a page's findings, kept until the page or the run's settings change.

``results`` looks results up and stores them (keyed on the page's content and
everything that decides its findings), ``entry`` describes a page a worker
checked so that the parent can store its result without reading it,
``parts`` holds one part's index and results, ``place`` decides where the
parts live, ``codec`` encodes results compactly, ``yamlmemo`` keeps parsed
site data.
``snapshot`` keeps a whole run (its ``walk``: every folder listing and page
signature), so that a re-run with nothing changed opens no page and no part.
"""
