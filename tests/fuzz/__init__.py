"""Property-based fuzzing of the whole pipeline (see CONTRIBUTING.md for longer runs)."""
