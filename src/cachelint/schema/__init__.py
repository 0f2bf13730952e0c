"""The schema stage: is the parsed data shaped as its JSON Schema says?

``check`` is the entry: a jsonschema-rs ``verdict`` for every page, and the
reference validator in ``explain`` (one finding per violation, with its JSON
pointer) only for data that verdict does not call valid.
"""
