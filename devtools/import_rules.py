"""An import-linter contract type: no import of another app inside a function.

An import hidden in a function body is how a cycle between apps gets dodged instead of
removed, and the layers contract cannot see it as a cycle. This contract reads each module of
the given packages and reports every ``import`` or ``from … import`` inside a function (or
method) whose target is one of the packages other than the module's own. Imports within an
app, and of anything else (Django, the standard library), are not its business.

pyproject.toml registers it as ``no_function_level_imports``; ``make lint`` and CI run it."""

import ast
import importlib.util
from pathlib import Path

from importlinter import Contract, ContractCheck, fields, output


def function_level_imports(source, own_package, packages):
    """(line, imported module) for each import inside a function of ``source`` whose target's
    top-level package is in ``packages`` and is not ``own_package``."""
    found = []
    tree = ast.parse(source)
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets = [node.module]
            else:  # relative imports stay within the package
                continue
            for target in targets:
                top = target.split(".")[0]
                if top in packages and top != own_package:
                    found.append((node.lineno, target))
    # A nested function's imports are inside its outer function too: report each once.
    return sorted(set(found))


class ModuleLevelImportsContract(Contract):
    """Options: ``packages``, the apps between which imports must be at module level."""

    packages = fields.ListField(subfield=fields.StringField())

    def check(self, graph, verbose):
        packages = set(self.packages)
        broken = []
        for package in sorted(packages):
            spec = importlib.util.find_spec(package)
            for folder in spec.submodule_search_locations or []:
                for path in sorted(Path(folder).rglob("*.py")):
                    relative = path.relative_to(Path(folder).parent)
                    module = ".".join(relative.with_suffix("").parts)
                    output.verbose_print(verbose, f"Reading {module}")
                    for line, target in function_level_imports(
                        path.read_text(encoding="utf-8"), package, packages
                    ):
                        broken.append((module, line, target))
        return ContractCheck(kept=not broken, metadata={"imports": broken})

    def render_broken_contract(self, check):
        output.print_error("Imports of another app inside a function:", bold=False)
        output.new_line()
        for module, line, target in check.metadata["imports"]:
            output.print_error(f"- {module} (l.{line}) imports {target}", bold=False)
        output.new_line()
