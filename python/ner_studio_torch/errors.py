"""The one error kind a person can fix: bad input, named by file and key. train.py prints its message, no traceback."""


class UserError(Exception):
    pass
