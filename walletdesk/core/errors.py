"""DomainError: the one exception type services raise for a refused request.

Each app subclasses it with a ``Code`` enum whose labels are the localised,
user-facing messages. Views show the message; the API maps the code to a status.
"""

from enum import StrEnum
from typing import Any, ClassVar

from django.utils.functional import Promise


class DomainError(Exception):
    class Code(StrEnum):
        pass

    # code value -> lazily translated message; filled by subclasses.
    messages: ClassVar[dict[str, Promise | str]] = {}

    def __init__(self, code: "DomainError.Code", **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code.value)

    @property
    def message(self) -> str:
        template = self.messages.get(self.code.value, self.code.value)
        text = str(template)
        return text % self.params if self.params else text

    def __str__(self) -> str:
        return self.message
