"""The command line: arguments in, a command run, an exit status out.

``parser`` declares the commands and flags, ``main`` is the entry point (exit
2 for usage and internal errors), ``commands`` runs each command by calling
the ``run`` package, ``output`` picks and writes the reports, ``usage``,
``completion``, ``progress`` and ``stdin`` serve the terminal.
"""
