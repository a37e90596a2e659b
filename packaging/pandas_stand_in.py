"""Runtime hook of the bundle: OR-Tools imports pandas, which the console never uses.

``ortools.sat.python.cp_model`` starts with ``import pandas as pd``, for its ``*_series``
helpers (``new_int_var_series`` …) and their annotations only. The console's model
(``domain/autoschedule/model.py``) builds plain variables and never calls those helpers,
and pandas would add about 40 MB to the bundle. So the spec leaves pandas out and this
hook, run before the application, answers ``import pandas`` with a stand-in when no real
pandas is there: ``Index`` and ``Series`` exist as classes (the annotations and the
``isinstance`` checks need them); making one, or reaching for anything else, raises one
clear ``ModuleNotFoundError``.

Proven by ``packaging/smoke-test.sh`` (``schedule generate`` from the built bundle) and by
``tests/packaging/test_pandas_stand_in.py`` (the console's solver with this stand-in in
place of pandas, without a build).
"""

import importlib.util
import sys
import types

MESSAGE = (
    "pandas is not in this bundle (packaging/pandas_stand_in.py): "
    "OR-Tools' pandas helpers (the *_series methods) are not available"
)


class _Absent:
    def __init__(self, *args: object, **kwargs: object) -> None:
        raise ModuleNotFoundError(MESSAGE, name="pandas")


def _missing(name: str) -> object:
    raise AttributeError(f"{MESSAGE} (pandas.{name})")


def stand_in() -> types.ModuleType:
    """A ``pandas`` module with ``Index`` and ``Series`` that refuse to be made."""
    module = types.ModuleType("pandas", MESSAGE)
    module.Index = type("Index", (_Absent,), {"__module__": "pandas"})  # type: ignore[attr-defined]
    module.Series = type("Series", (_Absent,), {"__module__": "pandas"})  # type: ignore[attr-defined]
    module.__getattr__ = _missing  # type: ignore[method-assign]
    module.__file__ = __file__
    return module


if importlib.util.find_spec("pandas") is None:
    sys.modules["pandas"] = stand_in()
