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
    from .._display import number, table

    rows = [
        ("Orbital period (min)", number(s["period_s"] / 60.0)),
        ("Inclination (deg)", number(s["inclination_rad"] * DEG)),
        ("Smallest beta angle (deg)", number(s["beta_min_rad"] * DEG)),
        ("Largest beta angle (deg)", number(s["beta_max_rad"] * DEG)),
        (f"Days with an eclipse (of {s['days_in_year']})", f"{s['eclipse_days']:,}"),
        ("Longest eclipse (min)", number(s["eclipse_max_s"] / 60.0)),
        ("First day with an eclipse (day of year)", str(s["first_eclipse_day"]) if s["eclipse_days"] else "none"),
        ("Last day with an eclipse (day of year)", str(s["last_eclipse_day"]) if s["eclipse_days"] else "none"),
    ]
    console.print(table(f"Sun-synchronous orbit, {altitude_km:g} km, LTAN {ltan:g} h, {year}", rows))
    if plot is not None and y is not None:
        from ..plots_mission import plot_year

        try:
            plot_year(y, plot, title=f"{altitude_km:g} km SSO, LTAN {ltan:g} h, {year}")
        except ValueError as e:
            err_console.print(f"[bold red]error:[/] {escape(str(e))}")
            raise typer.Exit(2) from None
        console.print(f"wrote {escape(str(plot))}")
