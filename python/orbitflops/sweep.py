"""Sweeps over a scenario's design space: a full-factorial grid, a Latin hypercube or a scrambled
Sobol sequence (``scipy.stats.qmc``), evaluated chunk by chunk with :func:`evaluate_batch` and
streamed to Parquet, so memory stays bounded by the chunk size whatever the number of designs.
With the optional ``orbitflops[dask]`` extra the chunks run on a Dask cluster.

The swept variables are the numeric variables of the scenario's ``[search]`` table that
``evaluate_batch`` accepts (design fields and numeric scenario parameters); categorical choices
stay at the scenario's values (sweep each choice as its own scenario).
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

import numpy as np

from ._core import Scenario
from ._extras import require
from ._io import atomic_path
from .model import DEFAULT_BATCH_OUTPUTS, DESIGN_FIELDS, OUTPUT_UNITS, PARAM_NAMES, evaluate_batch

if TYPE_CHECKING:
    import pyarrow as pa

METHODS = ("grid", "lhs", "sobol")
DEFAULT_CHUNK = 200_000


@dataclass(frozen=True)
class SweepVariable:
    """One swept variable with its bounds (log-spaced when ``log``; rounded when ``integer``)."""

    name: str
    low: float
    high: float
    log: bool = False
    integer: bool = False

    def from_unit(self, u: np.ndarray) -> np.ndarray:
        """Map points in [0, 1] to the variable's range."""
        if self.log:
            x = np.exp(math.log(self.low) + u * (math.log(self.high) - math.log(self.low)))
        else:
            x = self.low + u * (self.high - self.low)
        if self.integer:
            x = np.clip(np.floor(self.low + u * (self.high - self.low + 1)), self.low, self.high) if not self.log else np.round(x)
        return x

    def grid(self, points: int) -> np.ndarray:
        """``points`` values spanning the range (every integer when fewer exist)."""
        if self.integer:
            lo, hi = int(round(self.low)), int(round(self.high))
            if hi - lo + 1 <= points:
                return np.arange(lo, hi + 1, dtype=float)
            return np.unique(np.round(self.from_unit(np.linspace(0.0, 1.0, points)) if self.log else np.round(np.linspace(lo, hi, points))))
        if points == 1:
            return np.array([self.from_unit(np.array([0.5]))[0]])
        return self.from_unit(np.linspace(0.0, 1.0, points))


@dataclass(frozen=True)
class SweepResult:
    """Where a sweep was written and what it holds."""

    path: Path
    n_designs: int
    n_chunks: int
    n_feasible: int
    variables: tuple[str, ...]
    outputs: tuple[str, ...]


def sweep_variables(scenario: Scenario, names: Iterable[str] | None = None) -> list[SweepVariable]:
    """The sweepable numeric variables of the scenario's ``[search]`` table (optionally only ``names``)."""
    vs = []
    for v in scenario.search:
        if v.get("choices"):
            continue
        if v["name"] not in DESIGN_FIELDS and v["name"] not in PARAM_NAMES:
            continue
        vs.append(SweepVariable(v["name"], float(v["low"]), float(v["high"]), bool(v["log"]), bool(v["integer"])))
    if names is not None:
        wanted = list(names)
        known = {v.name for v in vs}
        for n in wanted:
            if n not in known:
                raise ValueError(f"variables: {n!r} is not a numeric variable of the scenario's [search] table ({', '.join(sorted(known))})")
        vs = [v for v in vs if v.name in wanted]
    if not vs:
        raise ValueError("the scenario's [search] table has no numeric variable to sweep")
    return vs


def _check(method: str, n: int | None, points: int | None, chunk_size: int) -> None:
    if method not in METHODS:
        raise ValueError(f"method = {method!r}: must be one of {', '.join(METHODS)}")
    if method == "grid":
        if not isinstance(points, (int, np.integer)) or isinstance(points, bool) or points < 1:
            raise ValueError(f"points = {points!r}: a grid needs an integer number of points per variable >= 1")
    elif not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise ValueError(f"n = {n!r}: a {method} sweep needs an integer number of designs >= 1")
    if not isinstance(chunk_size, (int, np.integer)) or isinstance(chunk_size, bool) or chunk_size < 1:
        raise ValueError(f"chunk_size = {chunk_size!r}: must be an integer >= 1")


def plan(scenario: Scenario, method: str = "lhs", n: int | None = None, points: int | None = None, seed: int | None = None,
         chunk_size: int = DEFAULT_CHUNK, variables: Iterable[str] | None = None) -> tuple[list[SweepVariable], int, list[tuple[int, int, int]]]:
    """The variables, number of designs and chunks (start, stop, chunk seed) of a sweep."""
    _check(method, n, points, chunk_size)
    vs = sweep_variables(scenario, variables)
    if method == "grid":
        assert points is not None  # checked by _check
        total = math.prod(len(v.grid(points)) for v in vs)
    else:
        assert n is not None  # checked by _check
        total = int(n)
    seeds = np.random.SeedSequence(seed).generate_state(max(1, math.ceil(total / chunk_size)))
    chunks = [(a, min(a + chunk_size, total), int(seeds[i])) for i, a in enumerate(range(0, total, chunk_size))]
    return vs, total, chunks


def chunk_inputs(vs: Sequence[SweepVariable], method: str, points: int | None, start: int, stop: int, chunk_seed: int, seed: int | None) -> dict[str, np.ndarray]:
    """The design inputs of designs ``start:stop`` of a sweep.

    grid: indices unravelled over the grid axes (no grid is ever materialised). sobol: the same
    scrambled sequence for every chunk, fast-forwarded to ``start`` (one global low-discrepancy
    set). lhs: each chunk is its own Latin hypercube (stratified within the chunk), so memory is
    bounded by the chunk.
    """
    from scipy.stats import qmc

    m = stop - start
    from scipy.stats import qmc  # SciPy loads on first use, not with orbitflops

    if method == "grid":
        if points is None:
            raise ValueError("points: a grid sweep needs the number of points per variable")
        axes = [v.grid(points) for v in vs]
        idx = np.unravel_index(np.arange(start, stop), [len(a) for a in axes])
        return {v.name: a[i] for v, a, i in zip(vs, axes, idx)}
    if method == "sobol":
        eng = qmc.Sobol(len(vs), scramble=True, seed=np.random.default_rng(seed))
        if start:
            eng.fast_forward(start)
        u = eng.random(m)
    else:
        u = qmc.LatinHypercube(len(vs), seed=np.random.default_rng(chunk_seed)).random(m)
    return {v.name: v.from_unit(u[:, j]) for j, v in enumerate(vs)}


def evaluate_chunk(scenario: Scenario, vs: Sequence[SweepVariable], method: str, points: int | None, chunk: tuple[int, int, int],
                   seed: int | None, outputs: Sequence[str]) -> pa.Table:
    """Evaluate one chunk and return it as an Arrow table (inputs, outputs, ``valid``)."""
    pa = require("pyarrow", "Parquet sweeps")
    start, stop, cseed = chunk
    cols = chunk_inputs(vs, method, points, start, stop, cseed, seed)
    inputs: dict[str, Any] = cols
    out = evaluate_batch(scenario, outputs=list(outputs), on_invalid="nan", **inputs)
    data: dict[str, Any] = {"design_index": np.arange(start, stop, dtype=np.int64)}
    data.update(cols)
    for k in outputs:
        data[k] = out[k]
    data["valid"] = out["valid"].astype(bool)
    return pa.table(data)


def _schema_metadata(scenario: Scenario, method: str, outputs: Sequence[str], vs: Sequence[SweepVariable]) -> dict[bytes, bytes]:
    units = {k: OUTPUT_UNITS.get(k, "") for k in outputs}
    return {b"orbitflops.method": method.encode(), b"orbitflops.scenario": scenario.to_toml().encode(),
            b"orbitflops.units": repr(units).encode(), b"orbitflops.variables": ",".join(v.name for v in vs).encode()}


def sweep(
    scenario: Scenario | None = None,
    out: str | os.PathLike[str] = "sweep.parquet",
    *,
    method: str = "lhs",
    n: int | None = None,
    points: int | None = None,
    seed: int | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    outputs: Iterable[str] | None = None,
    variables: Iterable[str] | None = None,
    client: Any = None,
    progress: Any = None,
) -> SweepResult:
    """Evaluate a grid (``points`` per variable), a Latin hypercube or a Sobol sequence (``n``
    designs) over the scenario's search space and write Parquet, ``chunk_size`` designs at a
    time (one row group per chunk).

    Without ``client`` the result is one Parquet file at ``out``, written atomically. With a
    ``dask.distributed.Client`` the chunks run on the cluster and ``out`` is a directory of
    Parquet parts (``part-00000.parquet``, ...; each written atomically) read back as one
    dataset by ``pyarrow.parquet.read_table(out)``. ``progress(done, total)`` is called after
    each chunk.
    """
    scenario = scenario if scenario is not None else Scenario.default()
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be an orbitflops.Scenario, got {type(scenario).__name__}")
    outs = list(DEFAULT_BATCH_OUTPUTS) if outputs is None else list(outputs)
    for o in outs:
        if o not in OUTPUT_UNITS:
            raise ValueError(f"outputs: unknown output name {o!r} (see orbitflops.OUTPUT_NAMES)")
    vs, total, chunks = plan(scenario, method, n, points, seed, chunk_size, variables)
    pq = require("pyarrow.parquet", "Parquet sweeps")
    meta = _schema_metadata(scenario, method, outs, vs)
    out = Path(out)
    n_feasible = 0
    if client is None:
        with atomic_path(out) as tmp:
            writer = None
            try:
                for i, ch in enumerate(chunks):
                    t = evaluate_chunk(scenario, vs, method, points, ch, seed, outs)
                    if writer is None:
                        writer = pq.ParquetWriter(tmp, t.schema.with_metadata(meta))
                    writer.write_table(t.replace_schema_metadata(meta))
                    if "feasible" in t.column_names:
                        n_feasible += int(np.nansum(t.column("feasible").to_numpy(zero_copy_only=False) == 1.0))
                    if progress is not None:
                        progress(i + 1, len(chunks))
            finally:
                if writer is not None:
                    writer.close()
    else:
        out.mkdir(parents=True, exist_ok=True)
        futures = [client.submit(_write_part, scenario, vs, method, points, ch, seed, outs, str(out / f"part-{i:05d}.parquet"), meta, pure=False)
                   for i, ch in enumerate(chunks)]
        as_completed = require("dask.distributed", "Dask sweeps").as_completed

        for i, fut in enumerate(as_completed(futures)):
            n_feasible += fut.result()
            if progress is not None:
                progress(i + 1, len(chunks))
    return SweepResult(out, total, len(chunks), n_feasible, tuple(v.name for v in vs), tuple(outs))


def _write_part(
    scenario: Scenario,
    vs: Sequence[SweepVariable],
    method: str,
    points: int | None,
    chunk: tuple[int, int, int],
    seed: int | None,
    outputs: Sequence[str],
    path: Path,
    meta: dict[bytes, bytes],
) -> int:
    pq = require("pyarrow.parquet", "Parquet sweeps")
    t = evaluate_chunk(scenario, vs, method, points, chunk, seed, outputs)
    with atomic_path(path) as tmp:
        pq.write_table(t.replace_schema_metadata(meta), tmp)
    if "feasible" in t.column_names:
        return int(np.nansum(t.column("feasible").to_numpy(zero_copy_only=False) == 1.0))
    return 0


__all__ = ["METHODS", "SweepResult", "SweepVariable", "chunk_inputs", "plan", "sweep", "sweep_variables"]
