"""Files cachelint keeps between runs, outside the checked tree and sealed.

``home`` finds the user's cache folder; ``sealed`` writes and reads files
whose content is authenticated (HMAC with a key only this user can read), so
that nothing in a checked repository can forge what an earlier run wrote.
"""
