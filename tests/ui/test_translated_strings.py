"""Every string a user reads in ``supervisor_app/ui`` goes through Qt's translation.

The console is language-ready (issue 15): ``self.tr("…")`` in QObject subclasses,
``QCoreApplication.translate("Context", "…")`` elsewhere. This test reads the source
with ``ast`` (no Qt needed) and lists each plain or f-string literal handed straight to
a common Qt text setter or constructor, so a new untranslated label cannot slip in.
The first tests feed the scanner snippets whose answer is known by reading them, so
the final test cannot pass by finding nothing.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "supervisor_app" / "ui"

# method name -> positions of the arguments a user reads (None: every positional argument)
SETTERS: dict[str, tuple[int, ...] | None] = {
    "setText": (0,),
    "setWindowTitle": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setPlaceholderText": (0,),
    "setTitle": (0,),
    "setLabel": (0,),  # a pyqtgraph axis label
    "setSubTitle": (0,),
    "setLabelText": (0,),
    "setSuffix": (0,),
    "setPrefix": (0,),
    "setSpecialValueText": (0,),
    "setInformativeText": (0,),
    "setDetailedText": (0,),
    "showMessage": (0,),
    "setTabText": (1,),
    "setTabToolTip": (1,),
    "addTab": (1,),
    "insertTab": (2,),
    "addRow": (0,),
    "addItem": (0,),  # (text, data): the data is a key, not a label
    "addAction": None,
    "addMenu": None,
    "setButtonText": (1,),
    "setHorizontalHeaderLabels": (0,),
    "setVerticalHeaderLabels": (0,),
    "setHeaderLabels": (0,),
}
# Qt classes whose positional string arguments are labels
CONSTRUCTORS = frozenset(
    {
        "QLabel",
        "QPushButton",
        "QCheckBox",
        "QRadioButton",
        "QGroupBox",
        "QAction",
        "QMenu",
        "QCommandLinkButton",
        "QListWidgetItem",
        "QTableWidgetItem",
        "QTreeWidgetItem",
        "QStandardItem",
        "TextItem",  # pyqtgraph: a chart's name or note
    }
)
# QMessageBox.warning(parent, title, text, …), QInputDialog.getText(parent, title, label, …)
STATIC_DIALOGS: dict[str, tuple[int, ...]] = {
    "information": (1, 2),
    "warning": (1, 2),
    "critical": (1, 2),
    "question": (1, 2),
    "about": (1, 2),
    "getText": (1, 2),
    "getInt": (1, 2),
    "getDouble": (1, 2),
    "getItem": (1, 2),
    "getSaveFileName": (1, 3),
    "getOpenFileName": (1, 3),
    "getExistingDirectory": (1,),
}
TEXT_KEYWORDS = frozenset({"text", "title", "toolTip", "caption", "filter", "placeholderText"})


def _readable(node: ast.expr) -> bool:
    """A literal a person reads: some letter in its fixed text (not "", "—", "%")."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        parts = (v.value for v in node.values if isinstance(v, ast.Constant))
        return any(c.isalpha() for part in parts for c in str(part))
    return False


def _literals(node: ast.expr) -> Iterator[ast.expr]:
    """The readable literals in an argument: itself, or the items of a list or tuple."""
    if isinstance(node, ast.List | ast.Tuple):
        for item in node.elts:
            yield from _literals(item)
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif _readable(node):
        yield node


def _callee(call: ast.Call) -> tuple[str, str | None]:
    """(name, owner): ``w.setText`` -> ("setText", "w"); ``QLabel`` -> ("QLabel", None)."""
    func = call.func
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else None
        return func.attr, owner
    if isinstance(func, ast.Name):
        return func.id, None
    return "", None


def _text_arguments(call: ast.Call) -> Iterator[ast.expr]:
    name, owner = _callee(call)
    positions: tuple[int, ...] | None
    if owner in {"QMessageBox", "QInputDialog", "QFileDialog"} and name in STATIC_DIALOGS:
        positions = STATIC_DIALOGS[name]
    elif name in CONSTRUCTORS:
        positions = None
    elif name == "addItem" and len(call.args) == 3:
        positions = (1,)  # (icon, text, data)
    elif name in SETTERS and isinstance(call.func, ast.Attribute):
        positions = SETTERS[name]
    else:
        return
    for i, arg in enumerate(call.args):
        if positions is None or i in positions:
            yield arg
    for keyword in call.keywords:
        if keyword.arg in TEXT_KEYWORDS:
            yield keyword.value


NOOP = frozenset({"QT_TRANSLATE_NOOP", "QT_TR_NOOP"})


def _constants(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level names bound to readable text (marked for translation or not)."""
    found = {}
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target, value = node.targets[0], node.value
        if not isinstance(target, ast.Name):
            continue
        marked = isinstance(value, ast.Call) and _callee(value)[0] in NOOP
        if marked or any(True for _ in _literals(value)):
            found[target.id] = value
    return found


def _named(arg: ast.expr, constants: dict[str, ast.expr]) -> ast.expr | None:
    """``NAME`` or ``list(NAME)`` naming a text constant: it reaches the widget untranslated."""
    if isinstance(arg, ast.Call) and _callee(arg)[0] in {"list", "tuple"} and arg.args:
        arg = arg.args[0]
    return arg if isinstance(arg, ast.Name) and arg.id in constants else None


def untranslated(source: str) -> list[tuple[int, str]]:
    """(line, text) of each readable literal, or module constant holding one, handed to a
    Qt text setter without tr()."""
    tree = ast.parse(source)
    constants = _constants(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for arg in _text_arguments(node):
                name = _named(arg, constants)
                if name is not None:
                    found.append((name.lineno, ast.get_source_segment(source, name) or ""))
                for literal in _literals(arg):
                    text = ast.get_source_segment(source, literal) or ""
                    found.append((literal.lineno, text))
    return sorted(found)


def test_finds_plain_and_formatted_literals() -> None:
    source = (
        'label.setText("Queue")\n'
        "button = QPushButton(f'Save {name}')\n"
        'QMessageBox.warning(self, "Title", "Body")\n'
        'table.setHorizontalHeaderLabels(["Agent", "State"])\n'
        'menu.addAction(icon, "Open…")\n'
        'combo.addItem("Month", "month")\n'
        'EMPTY = "Nothing yet"\n'
        "view.set_empty_text(EMPTY)\n"
        "label.setText(EMPTY)\n"
    )
    assert untranslated(source) == [
        (1, '"Queue"'),
        (2, "f'Save {name}'"),
        (3, '"Body"'),
        (3, '"Title"'),
        (4, '"Agent"'),
        (4, '"State"'),
        (5, '"Open…"'),
        (6, '"Month"'),
        (9, "EMPTY"),
    ]


def test_accepts_translated_and_unreadable_text() -> None:
    source = (
        'label.setText(self.tr("Queue"))\n'
        'label.setText(QCoreApplication.translate("Live", "Queue {n}").format(n=n))\n'
        'label.setText("")\n'
        'label.setText("—")\n'
        "label.setText(name)\n"
        'widget.setObjectName("queues")\n'
        'QMessageBox.warning(self, self.tr("Title"), str(exc))\n'
        'WAITING = QT_TRANSLATE_NOOP("Tab", "Waiting…")\n'
        "label.setText(self.tr(WAITING))\n"
        'KEY = "live/split"\n'
        "widget.setObjectName(KEY)\n"
    )
    assert untranslated(source) == []


def test_every_ui_string_goes_through_tr() -> None:
    offenders = [
        f"{path.relative_to(UI.parent)}:{line}: {text}"
        for path in sorted(UI.rglob("*.py"))
        for line, text in untranslated(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "wrap these in self.tr() / QCoreApplication.translate():\n" + (
        "\n".join(offenders)
    )
