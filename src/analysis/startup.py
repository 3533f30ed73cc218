"""Start-up cost of the report processes: what they need not import.

``jsonschema`` (imported by ``nbformat``, so by papermill and nbconvert) imports the
optional ``rfc3987_syntax`` package when it is installed, only to check the ``iri``
string formats; that package builds its lark grammar at import: 1.4 CPU s of the 1.6 s
that importing ``nbformat`` costs on the 2-core reference machine. The notebook schema
uses no such format. :func:`skip_slow_optional_imports` marks the package as absent, so
``jsonschema`` skips those two format checkers, as it does where the package is not
installed. It is called by the processes of ``report`` and ``batch`` (the command and
each worker), never at import of the package, so a user's own kernel is untouched.
"""

from __future__ import annotations

import sys

SKIPPED = ("rfc3987_syntax",)
"""Optional imports of third-party libraries that the report processes do without."""


def skip_slow_optional_imports() -> None:
    """Make the modules of :data:`SKIPPED` look not installed (unless already imported)."""
    for name in SKIPPED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
