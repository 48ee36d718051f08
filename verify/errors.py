"""The one exception the CLI turns into a one-line message and a non-zero exit."""


class InputError(Exception):
    """Bad input: the message names the file (and line, for JSONL) and the problem."""
