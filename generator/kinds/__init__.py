"""Field kinds: what a value in a content file may be, each kind a small object.

A kind checks a value written in a file (the clean value, or a problem at file:line with a
hint), describes itself for the README's field tables, says which form widget edits it in the
preview's editor and how a submitted form value becomes a value for the file, and gives a
hypothesis strategy of values to throw at it (tests/test_properties.py). Adding a kind is a
class here, never another branch elsewhere; MkDocs' config_options and Lektor's types work so.
"""
from generator.kinds.base import (CALL_NUMBER, CONTROL_CHARACTERS, DATE_SHAPE, MONTH, TIME_DASHES, TIME_RANGE, Kind,
                                  as_text, shown)
from generator.kinds.lists import BookRefs, Dates, Group, ListOf, Numbers, Records, Texts
from generator.kinds.values import (CURLY_QUOTED, BookRef, CallNumber, Choice, Choices, Date, ImageName, Isbn, LongText,
                                    Month, Number, Text, TimeRange, YesNo)

__all__ = ["CALL_NUMBER", "CONTROL_CHARACTERS", "CURLY_QUOTED", "DATE_SHAPE", "MONTH", "TIME_DASHES", "TIME_RANGE",
           "BookRef", "BookRefs", "CallNumber", "Choice", "Choices", "Date", "Dates", "Group", "ImageName", "Isbn", "Kind",
           "ListOf", "LongText", "Month", "Number", "Numbers", "Records", "Text", "Texts", "TimeRange", "YesNo", "as_text",
           "shown"]
