"""``orbitflops orbit``: a sun-synchronous orbit's period, inclination, beta range and eclipse
season over a calendar year, with an optional plot of beta and eclipse through the year."""

from __future__ import annotations

import math
from pathlib import Path

import typer
from rich.markup import escape

from .._core import InvalidInputError
from ..mission import eclipse_season, sun_synchronous_year
from ._app import app, console, err_console
from .evaluate import table

DEG = 180.0 / math.pi


@app.command("orbit")
def orbit_cmd(
    altitude_km: float = typer.Option(550.0, "--altitude-km", help="Circular orbit altitude, km."),
    ltan: float = typer.Option(18.0, "--ltan", help="Local time of the ascending node, hours (18 = dawn-dusk)."),
    year: int = typer.Option(2027, "--year", help="Calendar year (sets the Sun's position)."),
    plot: Path | None = typer.Option(None, "--plot", help="Write beta and eclipse through the year to this .png or .html file."),
) -> None:
    """Sun-synchronous orbit summary: period, inclination, beta range and the eclipse season
    (cylindrical Earth shadow, every day of the year at 12h UT)."""
    try:
        s = eclipse_season(altitude_km * 1000.0, ltan, year)
        y = sun_synchronous_year(altitude_km * 1000.0, ltan, year) if plot is not None else None
    except (InvalidInputError, ValueError, TypeError) as e:
        err_console.print(f"[bold red]error:[/] {escape(str(e))}")
        raise typer.Exit(2) from None
    rows = {
        "period_min": s["period_s"] / 60.0,
        "inclination_deg": s["inclination_rad"] * DEG,
        "beta_min_deg": s["beta_min_rad"] * DEG,
        "beta_max_deg": s["beta_max_rad"] * DEG,
        "eclipse_days": float(s["eclipse_days"]),
        "eclipse_max_min": s["eclipse_max_s"] / 60.0,
        "first_eclipse_day": float(s["first_eclipse_day"]),
        "last_eclipse_day": float(s["last_eclipse_day"]),
    }
    units = {"period_min": "min", "inclination_deg": "deg", "beta_min_deg": "deg", "beta_max_deg": "deg", "eclipse_days": f"of {s['days_in_year']}", "eclipse_max_min": "min", "first_eclipse_day": "day of year", "last_eclipse_day": "day of year"}
    console.print(table(f"Sun-synchronous orbit, {altitude_km:g} km, LTAN {ltan:g} h, {year}", rows, units))
    if plot is not None and y is not None:
        from ..plots_mission import plot_year

        try:
            plot_year(y, plot, title=f"{altitude_km:g} km SSO, LTAN {ltan:g} h, {year}")
        except ValueError as e:
            err_console.print(f"[bold red]error:[/] {escape(str(e))}")
            raise typer.Exit(2) from None
        console.print(f"wrote {escape(str(plot))}")
