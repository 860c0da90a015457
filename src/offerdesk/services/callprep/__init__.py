"""The call: ask scripts, the objection library and its search, calls, follow-ups, practice, prep sheets."""
