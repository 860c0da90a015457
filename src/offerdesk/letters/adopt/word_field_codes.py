"""Reading a Word field instruction (" MERGEFIELD "First Name" \\* Upper \\@ "d MMMM yyyy" ") into its parts.

Word splits an instruction into words at spaces; a word in double quotes may hold spaces, and inside it a
backslash protects the next character (\\" is a quote). A word starting with a backslash is a switch; the
switches \\* \\@ \\# \\b \\f take the following word as their argument.
"""

from __future__ import annotations

from dataclasses import dataclass, field

WORD_NAME_LIMIT = 40  # Word cuts merge field names at this many characters
_SWITCHES_WITH_ARGUMENT = frozenset({"\\*", "\\@", "\\#", "\\b", "\\f"})


@dataclass(frozen=True)
class Token:
    text: str
    quoted: bool


@dataclass(frozen=True)
class FieldCode:
    """One instruction: the field type (upper case), its plain arguments, and its switches in order."""

    type: str
    arguments: tuple[str, ...] = ()
    switches: tuple[tuple[str, str], ...] = field(default=())

    def switch(self, name: str) -> str | None:
        """The argument of the first switch `name` (e.g. "\\@"), or None when the field has no such switch."""
        return next((value for switch, value in self.switches if switch.lower() == name.lower()), None)

    @property
    def formats(self) -> tuple[str, ...]:
        """The \\* general formats other than MERGEFORMAT/CHARFORMAT (which only keep the formatting)."""
        return tuple(
            value
            for switch, value in self.switches
            if switch == "\\*" and value.upper() not in {"MERGEFORMAT", "CHARFORMAT"}
        )


def tokens(instruction: str) -> list[Token]:
    """The instruction's words, quotes removed from quoted ones."""
    found: list[Token] = []
    index, length = 0, len(instruction)
    while index < length:
        char = instruction[index]
        if char.isspace():
            index += 1
        elif char == '"':
            index += 1
            text: list[str] = []
            while index < length and instruction[index] != '"':
                if instruction[index] == "\\" and index + 1 < length and instruction[index + 1] in '"\\':
                    index += 1
                text.append(instruction[index])
                index += 1
            index += 1  # the closing quote (or past the end when it is missing)
            found.append(Token("".join(text), quoted=True))
        else:
            start = index
            while index < length and not instruction[index].isspace() and instruction[index] != '"':
                index += 1
            found.append(Token(instruction[start:index], quoted=False))
    return found


def parse(instruction: str) -> FieldCode:
    """The instruction's type, arguments and switches; an empty instruction has type ""."""
    words = tokens(instruction)
    if not words:
        return FieldCode("")
    arguments: list[str] = []
    switches: list[tuple[str, str]] = []
    rest = iter(words[1:])
    for word in rest:
        if not word.quoted and word.text.startswith("\\"):
            name = word.text[:2]
            value = word.text[2:]  # Word accepts \*Upper written together
            if name.lower() in _SWITCHES_WITH_ARGUMENT and not value:
                value = next(rest, Token("", False)).text
            switches.append((name, value))
        else:
            arguments.append(word.text)
    return FieldCode(words[0].text.upper(), tuple(arguments), tuple(switches))


def merge_field_name(code: FieldCode) -> str:
    """The name a MERGEFIELD reads: its first argument; unquoted words before the switches are one name."""
    return " ".join(code.arguments).strip()
