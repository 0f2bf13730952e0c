"""What cachelint knows of Spack: targets (from archspec), platforms, OS names, syntax.

The Spack-semantics rules (CL6xx) read this package; nothing else does, so a
run that ignores them never imports archspec.
"""
