"""Layers point down: every import inside `pipeline` (also those inside functions) goes to a lower
layer or stays in its own room, and the import graph has no cycle. The layer order is data:
to add a module, give it a place here."""
import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

# Bottom first. A room (a top-level module or package of `pipeline`) may import its own modules and
# rooms of lower layers; rooms of one layer stand side by side and do not import each other.
LAYERS = [
    ["pipeline", "pipeline.errors"],                                  # versions, cores; error types
    ["pipeline.artifacts", "pipeline.memory"],                        # atomic files, keys; giving memory back
    ["pipeline.transcript", "pipeline.glossary", "pipeline.models"],
    ["pipeline.sudachi"],                                             # SudachiPy's one tokenizer and katakana
    ["pipeline.options", "pipeline.rttm", "pipeline.completeness"],   # options; RTTM; what a file declares it holds
    ["pipeline.audio", "pipeline.evaluate"],                          # ingest; metrics
    ["pipeline.denoise"],                                             # hum and hiss reduced (recognition, voices)
    ["pipeline.speech"],                                              # where speech is: the VAD once per recording
    ["pipeline.asr", "pipeline.diarize"],
    ["pipeline.assemble"],
    ["pipeline.nlp"],
    ["pipeline.export"],
    ["pipeline.corrections"],
    ["pipeline.access", "pipeline.catalog"],                          # access copies; the collection's index
    ["pipeline.stages"],                                              # the stage list and its runner
    ["pipeline.cluster"],                                             # Dask: local:N, tcp://, slurm:
    ["pipeline.batch"],                                               # the batch: inputs, catalog, workers
    ["pipeline.progress"],
    ["pipeline.review"],
    ["pipeline.collection_cli"],                                      # catalog, status, search commands
    ["pipeline.cli"],
    ["pipeline.__main__"],
]
# Metrics score the pipeline's output: only the CLI calls them (a stage that needs a distance uses rapidfuzz).
ONLY_IMPORTED_BY = {"pipeline.evaluate": {"pipeline.cli"}}
# Known upward imports, each to be removed by the work named beside it (the test fails once one is gone).
KNOWN: dict[tuple[str, str], str] = {}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Each module of the package -> the package's modules it imports, wherever in the file."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                # `from . import x` names a module when x.py exists, else a name in the package
                found |= {f"{target}.{a.name}" if f"{target}.{a.name}" in files else target for a in node.names}
        graph[name] = {m for m in found if m in files and m != name}
    return graph


def room(module: str) -> str:
    return ".".join(module.split(".")[:2])


def test_every_import_points_down():
    layer_of = {r: i for i, rooms in enumerate(LAYERS) for r in rooms}
    graph = imports()
    unplaced = sorted({room(m) for m in graph} - set(layer_of))
    assert not unplaced, f"give {unplaced} a layer in tests/test_layers.py LAYERS"
    upward = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            a, b = room(module), room(target)
            if a != b and layer_of[b] >= layer_of[a] and (a, b) not in KNOWN:
                upward.append(f"{module} imports {target} ({b} is not below {a})")
            if b in ONLY_IMPORTED_BY and a != b and a not in ONLY_IMPORTED_BY[b]:
                upward.append(f"{module} imports {target}, which only {sorted(ONLY_IMPORTED_BY[b])} may import")
    assert not upward, "\n".join(upward)
    still = {(room(m), room(t)) for m, ts in graph.items() for t in ts}
    stale = [f"{pair}: {why}" for pair, why in KNOWN.items() if pair not in still]
    assert not stale, f"fixed, so remove from KNOWN in tests/test_layers.py: {stale}"


def test_no_import_cycle():
    graph = {m: {t for t in ts if (room(m), room(t)) not in KNOWN} for m, ts in imports().items()}
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as e:
        raise AssertionError(f"import cycle: {' -> '.join(e.args[1])}") from None
