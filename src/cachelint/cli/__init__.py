"""The command line: arguments in, a command run, an exit status out.

``parser`` declares the commands and flags, ``main`` is the entry point (exit
2 for usage and internal errors), ``commands`` runs ``check`` by calling the
``run`` package, ``docs`` runs the commands that explain (``rules``, ``rule``,
``schema``, ``help``, ``version``), ``output`` picks and writes the reports,
``usage``, ``completion``, ``progress`` and ``stdin`` serve the terminal.
"""
