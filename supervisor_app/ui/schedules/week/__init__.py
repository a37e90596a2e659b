"""The week being edited: the draft and its edits, the rule checks, loading and saving."""
