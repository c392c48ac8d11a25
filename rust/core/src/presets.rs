//! Named presets: solar cell technologies, racks, launchers, radiator coatings and ground
//! electricity supplies. Each sets a
//! group of parameters and carries its source. Values marked (est.) are estimates that public
//! models use; every value stays overridable in the scenario.

use crate::params::idx;

/// A named set of parameter values with its provenance.
#[derive(Debug)]
pub struct Preset {
    pub kind: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub source: &'static str,
    pub values: &'static [(usize, f64)],
}

pub const CELLS: &[Preset] = &[
    Preset {
        kind: "cell",
        name: "gaas_tj",
        description: "Space-grade triple-junction GaAs on a flexible roll-out array",
        source: "Spectrolab XTJ data sheet: 29.8 % BOL at 28 C AM0, 0.89 of power left after 5e14 1-MeV e/cm^2 (about 0.5 %/yr in LEO); temperature coefficient about -0.2 %/K; iROSA-class array ~59 W/kg (ISS figures, Turyshev arXiv:2604.27197) gives ~2.5 kg/m^2; cost ~150 USD/W (est.)",
        values: &[
            (idx::cell_efficiency, 0.298),
            (idx::cell_packing_factor, 0.85),
            (idx::cell_temp_coeff_per_k, -0.0022),
            (idx::array_degradation_per_yr, 0.005),
            (idx::array_absorptivity, 0.92),
            (idx::array_areal_density_kg_m2, 2.5),
            (idx::array_cost_usd_per_w, 150.0),
        ],
    },
    Preset {
        kind: "cell",
        name: "silicon_thin",
        description: "Thin silicon cells as flown on large constellations",
        source: "Starcloud white paper (2024): eta ~0.22, fill ~0.90; silicon temperature coefficient about -0.4 %/K (docs/model.md, Solar array); degradation ~1.5 %/yr unshielded (est.); ~1.2 kg/m^2 and ~20 USD/W for mass-produced arrays (est.)",
        values: &[
            (idx::cell_efficiency, 0.22),
            (idx::cell_packing_factor, 0.90),
            (idx::cell_temp_coeff_per_k, -0.004),
            (idx::array_degradation_per_yr, 0.015),
            (idx::array_absorptivity, 0.90),
            (idx::array_areal_density_kg_m2, 1.2),
            (idx::array_cost_usd_per_w, 20.0),
        ],
    },
];

pub const RACKS: &[Preset] = &[
    Preset {
        kind: "rack",
        name: "gb200_nvl72",
        description: "NVIDIA GB200 NVL72-class rack as built for the ground, 72 accelerators, flown whole",
        source: "Vendor tables and press: 120-132 kW, 1.36 t (ServeTheHome: 'weighs 1.36 metric tons (3,000 lbs)'), 180 PFLOP/s dense BF16 (72 x 2.5 PF; dense = half the 2:4-sparse figure), ~3 M USD (est.); enclosure ~0.6 x 1.2 x 2.2 m (about 9 m^2 of surface); junction limit ~85 C and ~15 K junction to coolant (est.)",
        values: &[
            (idx::rack_power_w, 132_000.0),
            (idx::rack_peak_flops, 180.0e15),
            (idx::rack_mass_kg, 1360.0),
            (idx::rack_cost_usd, 3.0e6),
            (idx::rack_accelerators, 72.0),
            (idx::rack_enclosure_area_m2, 9.0),
            (idx::chip_temp_max_k, 358.15),
            (idx::cold_plate_dt_k, 15.0),
        ],
    },
    Preset {
        kind: "rack",
        name: "gb200_nvl72_flight",
        description: "The same 72 accelerators as a purpose-built flight payload: boards, chips, cold plates, network cards and the NVLink spine fly; frame, power shelves, busbar, manifolds and fans stay on Earth",
        source: "Breakdown of the 1.36 t GB200 NVL72 (est. from NVIDIA's DGX GB200 user guide contents: 18 compute trays, 9 NVLink switch trays, NVLink cable spine, 8 power shelves, busbar, manifolds, frame): flying parts ~14 kg per compute tray (250 kg), ~8 kg per switch tray (70 kg), spine ~100 kg, ~420-450 kg in all, 3.4 kg/kW (range 2.4-6); the power shelves' ~5 % AC-DC loss leaves with them (125 of 132 kW at the payload's DC input, est.); the spacecraft's power conversion, loop, structure and shielding are counted by their own parameters; same chips and price as the ground rack (est.); compact ~0.6 x 0.9 x 1.0 m box, ~5 m^2 to shield (est.); cold plates built into the payload's loop, ~10 K junction to coolant (est.)",
        values: &[
            (idx::rack_power_w, 125_000.0),
            (idx::rack_peak_flops, 180.0e15),
            (idx::rack_mass_kg, 450.0),
            (idx::rack_cost_usd, 3.0e6),
            (idx::rack_accelerators, 72.0),
            (idx::rack_enclosure_area_m2, 5.0),
            (idx::chip_temp_max_k, 358.15),
            (idx::cold_plate_dt_k, 10.0),
        ],
    },
    Preset {
        kind: "rack",
        name: "hgx_h100",
        description: "One 8-GPU H100 SXM server (HGX H100)",
        source: "NVIDIA H100 data sheet: 700 W and 989 TFLOP/s dense BF16 per GPU; DGX H100 system 10.2 kW max and ~130 kg (NVIDIA DGX H100 data sheet); ~300 k USD (est.); ~3 m^2 enclosure (est.); junction limit ~85 C, ~15 K junction to coolant (est.)",
        values: &[
            (idx::rack_power_w, 10_200.0),
            (idx::rack_peak_flops, 8.0 * 989.0e12),
            (idx::rack_mass_kg, 130.0),
            (idx::rack_cost_usd, 300_000.0),
            (idx::rack_accelerators, 8.0),
            (idx::rack_enclosure_area_m2, 3.0),
            (idx::chip_temp_max_k, 358.15),
            (idx::cold_plate_dt_k, 15.0),
        ],
    },
];

pub const LAUNCHERS: &[Preset] = &[
    Preset {
        kind: "launcher",
        name: "falcon9",
        description: "SpaceX Falcon 9 (reusable first stage)",
        source: "Suncatcher arXiv:2511.19468: ~3,600 USD/kg; 17,500 kg to LEO with booster recovery (Payload Space: Starlink launches average 16,850 kg, 96 % of the 17.5 t reusable capacity); second stage ~4.0 t dry, ~107.5 t propellant, Isp 348 s vacuum (SpaceX figures as compiled by Everyday Astronaut, est.); CO2: ~112 t of RP-1 burnt per launch, ~336 t CO2 (nextbigfuture.com, Dec 2019, combustion only) over 17,500 kg: ~19 kg/kg (est.)",
        values: &[
            (idx::launch_price_usd_per_kg, 3600.0),
            (idx::launcher_payload_kg, 17_500.0),
            (idx::launcher_ref_altitude_m, 200_000.0),
            (idx::launcher_ref_inclination_rad, 28.5 * std::f64::consts::PI / 180.0),
            (idx::launcher_stage_dry_kg, 4_000.0),
            (idx::launcher_stage_propellant_kg, 107_500.0),
            (idx::launcher_stage_isp_s, 348.0),
            (idx::launch_co2_kg_per_kg, 19.0),
        ],
    },
    Preset {
        kind: "launcher",
        name: "falcon_heavy",
        description: "SpaceX Falcon Heavy (expendable)",
        source: "Public list price: ~1,500 USD/kg (97 M USD for 63,800 kg to LEO, expendable; the list price is for the partly reusable version, so this is a lower bound); the same second stage as Falcon 9 (~4.0 t dry, ~107.5 t propellant, Isp 348 s, est.); CO2: three Falcon 9 first stages (~0.8 of Falcon 9's ~336 t CO2 each, nextbigfuture.com 2019) and one second stage, ~880 t CO2 over 63,800 kg: ~14 kg/kg, combustion only (est.)",
        values: &[
            (idx::launch_price_usd_per_kg, 1500.0),
            (idx::launcher_payload_kg, 63_800.0),
            (idx::launcher_ref_altitude_m, 200_000.0),
            (idx::launcher_ref_inclination_rad, 28.5 * std::f64::consts::PI / 180.0),
            (idx::launcher_stage_dry_kg, 4_000.0),
            (idx::launcher_stage_propellant_kg, 107_500.0),
            (idx::launcher_stage_isp_s, 348.0),
            (idx::launch_co2_kg_per_kg, 14.0),
        ],
    },
    Preset {
        kind: "launcher",
        name: "starship",
        description: "SpaceX Starship (fully reusable), target figures",
        source: "Targets quoted by Suncatcher arXiv:2511.19468: 100-200 USD/kg; ~100 t to LEO (SpaceX) (est.); ship ~100-120 t dry (110 t taken), ~1,200 t propellant, Raptor vacuum Isp ~380 s (SpaceX figures as compiled by Everyday Astronaut, est.); Starbase 26 deg N; CO2: ~2,683 t per full-stack launch (Everyday Astronaut as quoted by Koran Jakarta; ~1,000 t CH4 at 2.74 kg CO2/kg) over 100 t: ~27 kg/kg, combustion only (est.)",
        values: &[
            (idx::launch_price_usd_per_kg, 200.0),
            (idx::launcher_payload_kg, 100_000.0),
            (idx::launcher_ref_altitude_m, 200_000.0),
            (idx::launcher_ref_inclination_rad, 26.0 * std::f64::consts::PI / 180.0),
            (idx::launcher_stage_dry_kg, 110_000.0),
            (idx::launcher_stage_propellant_kg, 1_200_000.0),
            (idx::launcher_stage_isp_s, 380.0),
            (idx::launch_co2_kg_per_kg, 27.0),
        ],
    },
];

pub const COATINGS: &[Preset] = &[
    Preset {
        kind: "coating",
        name: "white_paint",
        description: "White thermal-control paint",
        source: "Gilmore, Spacecraft Thermal Control Handbook vol. 1, App. A, as quoted in open thermal codes: alpha 0.14 -> 0.22, eps 0.90 -> 0.85 (beginning -> end of life)",
        values: &[
            (idx::radiator_absorptivity_bol, 0.14),
            (idx::radiator_absorptivity_eol, 0.22),
            (idx::radiator_emissivity_bol, 0.90),
            (idx::radiator_emissivity_eol, 0.85),
        ],
    },
    Preset {
        kind: "coating",
        name: "osr",
        description: "Optical solar reflectors (second-surface mirrors)",
        source: "Gilmore, Spacecraft Thermal Control Handbook vol. 1, App. A, as quoted in open thermal codes: alpha 0.04 -> 0.07, eps 0.85 -> 0.82 (beginning -> end of life)",
        values: &[
            (idx::radiator_absorptivity_bol, 0.04),
            (idx::radiator_absorptivity_eol, 0.07),
            (idx::radiator_emissivity_bol, 0.85),
            (idx::radiator_emissivity_eol, 0.82),
        ],
    },
];

pub const SUPPLIES: &[Preset] = &[
    Preset {
        kind: "supply",
        name: "grid",
        description: "Grid-powered hyperscale facility (US average grid)",
        source: "EIA: US industrial average 8.06 cents/kWh in 2023 (~8.1 in 2024 monthly data); EIA FAQ id=74: 0.81 lb (0.37 kg) CO2 per kWh of US utility-scale generation in 2023 (combustion only)",
        values: &[(idx::electricity_price_usd_per_kwh, 0.08), (idx::ground_co2_kg_per_kwh, 0.37)],
    },
    Preset {
        kind: "supply",
        name: "gas",
        description: "On-site natural-gas generation (combined cycle)",
        source: "Lazard LCOE+ (June 2025, v18): unsubsidised gas combined cycle 48-109 USD/MWh (0.075 USD/kWh taken, est.); IPCC AR5 WG3 Annex III Table A.III.2: life-cycle median 490 g CO2e/kWh for gas",
        values: &[(idx::electricity_price_usd_per_kwh, 0.075), (idx::ground_co2_kg_per_kwh, 0.49)],
    },
    Preset {
        kind: "supply",
        name: "solar_storage",
        description: "Ground solar with battery storage sized for round-the-clock load",
        source: "Lazard LCOE+ (June 2025, v18): unsubsidised utility solar plus storage 50-131 USD/MWh (0.12 USD/kWh taken: round-the-clock supply needs the upper part, est.); IPCC AR5 WG3 Annex III Table A.III.2: life-cycle median 48 g CO2e/kWh for utility PV, storage raising it to ~0.06 kg (est.)",
        values: &[(idx::electricity_price_usd_per_kwh, 0.12), (idx::ground_co2_kg_per_kwh, 0.06)],
    },
];

/// All preset families by kind.
pub fn family(kind: &str) -> Option<&'static [Preset]> {
    match kind {
        "cell" => Some(CELLS),
        "rack" => Some(RACKS),
        "launcher" => Some(LAUNCHERS),
        "coating" => Some(COATINGS),
        "supply" => Some(SUPPLIES),
        _ => None,
    }
}

/// Find a preset by kind and name.
pub fn find(kind: &str, name: &str) -> Option<&'static Preset> {
    family(kind)?.iter().find(|p| p.name == name)
}
