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
    /// Public ranges of the values this preset sets: (parameter, low, high).
    pub ranges: &'static [(usize, f64, f64)],
}

pub const CELLS: &[Preset] = &[
    Preset {
        kind: "cell",
        name: "gaas_tj",
        description: "Space-grade triple-junction GaAs on a flexible roll-out array",
        source: "Spectrolab XTJ data sheet: 29.8 % BOL at 28 C AM0, 0.89 of power left after 5e14 1-MeV e/cm^2 (about 0.5 %/yr in LEO); temperature coefficient about -0.2 %/K; ISS iROSA ~340 kg per 20 kW wing of ~114 m^2 (2.9 kg/m^2), original ISS arrays 2.6 kg/m^2, range 1.8-3.0; cost: ISS iROSA pair ~35 M USD for 40 kW (875 USD/W, bespoke and human-rated, SpaceNews 2023), no catalogue price is public, 100 USD/W est. for arrays in volume, range 40-875",
        values: &[
            (idx::cell_efficiency, 0.298),
            (idx::cell_packing_factor, 0.85),
            (idx::cell_temp_coeff_per_k, -0.0022),
            (idx::array_degradation_per_yr, 0.005),
            (idx::array_absorptivity, 0.92),
            (idx::array_areal_density_kg_m2, 2.5),
            (idx::array_cost_usd_per_w, 100.0),
        ],
        ranges: &[(idx::array_areal_density_kg_m2, 1.8, 3.0), (idx::array_cost_usd_per_w, 40.0, 875.0), (idx::array_degradation_per_yr, 0.003, 0.01)],
    },
    Preset {
        kind: "cell",
        name: "silicon_thin",
        description: "Thin silicon cells as flown on large constellations",
        source: "Starcloud white paper (2024): eta ~0.22, fill ~0.90; silicon temperature coefficient about -0.4 %/K; degradation ~1.5 %/yr unshielded (est., range 0.5-2.5 %/yr); mass: an AI1-like satellite (~600 m^2 of array in ~2.1 t) needs at most 1.2-1.5 kg/m^2, 1.5 est., range 0.8-2.6; cost: cells 0.03-0.3 USD/W (Starcloud; Chinese module prices), the whole Starlink V2 mini ~29 USD/W (an upper bound on its arrays), 8 USD/W est. for laid-down, deployable arrays in volume, range 1-29",
        values: &[
            (idx::cell_efficiency, 0.22),
            (idx::cell_packing_factor, 0.90),
            (idx::cell_temp_coeff_per_k, -0.004),
            (idx::array_degradation_per_yr, 0.015),
            (idx::array_absorptivity, 0.90),
            (idx::array_areal_density_kg_m2, 1.5),
            (idx::array_cost_usd_per_w, 8.0),
        ],
        ranges: &[(idx::array_areal_density_kg_m2, 0.8, 2.6), (idx::array_cost_usd_per_w, 1.0, 29.0), (idx::array_degradation_per_yr, 0.005, 0.025)],
    },
];

pub const RACKS: &[Preset] = &[
    Preset {
        kind: "rack",
        name: "gb200_nvl72",
        description: "NVIDIA GB200 NVL72-class rack as built for the ground, 72 accelerators, flown whole",
        source: "Vendor tables and press: 120-132 kW (GB300 up to 142 kW, NVIDIA reference architecture), 1.36 t (ServeTheHome: 'weighs 1.36 metric tons (3,000 lbs)'), 180 PFLOP/s dense BF16 (72 x 2.5 PF; dense = half the 2:4-sparse figure), ~3 M USD (est. from price quotes of 2.6-3.9 M USD); enclosure ~0.6 x 1.2 x 2.2 m (about 9 m^2 of surface); junction limit ~85 C and ~15 K junction to coolant (est.); heat capacity coupled to the loop ~40 % metal at ~900 J/(kg K): 0.40 x 900 x 1,360 kg = 4.9e5, 5e5 J/K (est.)",
        values: &[
            (idx::rack_power_w, 132_000.0),
            (idx::rack_peak_flops, 180.0e15),
            (idx::rack_mass_kg, 1360.0),
            (idx::rack_cost_usd, 3.0e6),
            (idx::rack_accelerators, 72.0),
            (idx::rack_enclosure_area_m2, 9.0),
            (idx::chip_temp_max_k, 358.15),
            (idx::cold_plate_dt_k, 15.0),
            (idx::rack_heat_capacity_j_k, 5.0e5),
        ],
        ranges: &[(idx::rack_power_w, 120_000.0, 142_000.0), (idx::rack_cost_usd, 2.6e6, 3.9e6)],
    },
    Preset {
        kind: "rack",
        name: "gb200_nvl72_flight",
        description: "The same 72 accelerators as a purpose-built flight payload: boards, chips, cold plates, network cards and the NVLink spine fly; frame, power shelves, busbar, manifolds and fans stay on Earth",
        source: "Breakdown of the 1.36 t GB200 NVL72 (est. from NVIDIA's DGX GB200 user guide contents: 18 compute trays, 9 NVLink switch trays, NVLink cable spine, 8 power shelves, busbar, manifolds, frame): flying parts ~14 kg per compute tray (250 kg), ~8 kg per switch tray (70 kg), spine ~100 kg, ~420-450 kg in all, 3.4 kg/kW (range 2.4-6); the power shelves' ~5 % AC-DC loss leaves with them (125 of 132 kW at the payload's DC input, est.); the spacecraft's power conversion, loop, structure and shielding are counted by their own parameters; same chips and price as the ground rack (est.); compact ~0.6 x 0.9 x 1.0 m box, ~5 m^2 to shield (est.); cold plates built into the payload's loop, ~10 K junction to coolant (est.); heat capacity coupled to the loop by the ground rack's rule, ~40 % metal at ~900 J/(kg K): 0.40 x 900 x 450 kg = 1.6e5 J/K (est.)",
        values: &[
            (idx::rack_power_w, 125_000.0),
            (idx::rack_peak_flops, 180.0e15),
            (idx::rack_mass_kg, 450.0),
            (idx::rack_cost_usd, 3.0e6),
            (idx::rack_accelerators, 72.0),
            (idx::rack_enclosure_area_m2, 5.0),
            (idx::chip_temp_max_k, 358.15),
            (idx::cold_plate_dt_k, 10.0),
            (idx::rack_heat_capacity_j_k, 1.6e5),
        ],
        ranges: &[(idx::rack_mass_kg, 320.0, 790.0), (idx::rack_cost_usd, 2.6e6, 3.9e6), (idx::rack_power_w, 115_000.0, 135_000.0), (idx::cold_plate_dt_k, 5.0, 15.0)],
    },
    Preset {
        kind: "rack",
        name: "hgx_h100",
        description: "One 8-GPU H100 SXM server (HGX H100)",
        source: "NVIDIA H100 data sheet: 700 W and 989 TFLOP/s dense BF16 per GPU; DGX H100 system 10.2 kW max and ~130 kg (NVIDIA DGX H100 data sheet); ~300 k USD (est.); ~3 m^2 enclosure (est.); junction limit ~85 C, ~15 K junction to coolant (est.); heat capacity coupled to the loop by the ground rack's rule, ~40 % metal at ~900 J/(kg K): 0.40 x 900 x 130 kg = 4.7e4 J/K (est.)",
        values: &[
            (idx::rack_power_w, 10_200.0),
            (idx::rack_peak_flops, 8.0 * 989.0e12),
            (idx::rack_mass_kg, 130.0),
            (idx::rack_cost_usd, 300_000.0),
            (idx::rack_accelerators, 8.0),
            (idx::rack_enclosure_area_m2, 3.0),
            (idx::chip_temp_max_k, 358.15),
            (idx::cold_plate_dt_k, 15.0),
            (idx::rack_heat_capacity_j_k, 4.7e4),
        ],
        ranges: &[(idx::rack_cost_usd, 250_000.0, 400_000.0)],
    },
];

pub const LAUNCHERS: &[Preset] = &[
    Preset {
        kind: "launcher",
        name: "falcon9",
        description: "SpaceX Falcon 9 (reusable first stage)",
        source: "Suncatcher arXiv:2511.19468: ~3,600 USD/kg; 17,500 kg to LEO with booster recovery (Payload Space: Starlink launches average 16,850 kg, 96 % of the 17.5 t reusable capacity); second stage ~4.0 t dry, ~107.5 t propellant, Isp 348 s vacuum (SpaceX figures as compiled by Everyday Astronaut, est.); list price 69.75 M USD / 17.5 t = 3,986 USD/kg, range 3,000-4,000; CO2: 488 t of propellant at a kerosene fraction of 1/3.36 and 3.15 kg CO2 per kg of RP-1 = ~458 t per launch, over 17,500 kg: ~26 kg/kg, combustion only (est.); Kukreja et al. arXiv:2504.15291, life cycle: 36.5-47.5",
        values: &[
            (idx::launch_price_usd_per_kg, 3600.0),
            (idx::launcher_payload_kg, 17_500.0),
            (idx::launcher_ref_altitude_m, 200_000.0),
            (idx::launcher_ref_inclination_rad, 28.5 * std::f64::consts::PI / 180.0),
            (idx::launcher_stage_dry_kg, 4_000.0),
            (idx::launcher_stage_propellant_kg, 107_500.0),
            (idx::launcher_stage_isp_s, 348.0),
            (idx::launch_co2_kg_per_kg, 26.0),
        ],
        ranges: &[(idx::launch_price_usd_per_kg, 3000.0, 4000.0), (idx::launch_co2_kg_per_kg, 20.0, 47.5)],
    },
    Preset {
        kind: "launcher",
        name: "falcon_heavy",
        description: "SpaceX Falcon Heavy (expendable)",
        source: "Public list price 97 M USD for 63,800 kg to LEO (expendable capacity) = 1,520 USD/kg, a lower bound since the list price is for the partly reusable version; Suncatcher arXiv:2511.19468 sec. 4.4: ~1,800 USD/kg, its learning curve's starting point; range 1,500-2,100; the same second stage as Falcon 9 (~4.0 t dry, ~107.5 t propellant, Isp 348 s, est.); CO2: ~1,397 t of kerosene propellant, ~1,310 t CO2 per launch over 63,800 kg: ~20.5 kg/kg, combustion only (est.); Kukreja et al. arXiv:2504.15291, life cycle: 37",
        values: &[
            (idx::launch_price_usd_per_kg, 1800.0),
            (idx::launcher_payload_kg, 63_800.0),
            (idx::launcher_ref_altitude_m, 200_000.0),
            (idx::launcher_ref_inclination_rad, 28.5 * std::f64::consts::PI / 180.0),
            (idx::launcher_stage_dry_kg, 4_000.0),
            (idx::launcher_stage_propellant_kg, 107_500.0),
            (idx::launcher_stage_isp_s, 348.0),
            (idx::launch_co2_kg_per_kg, 20.5),
        ],
        ranges: &[(idx::launch_price_usd_per_kg, 1500.0, 2100.0), (idx::launch_co2_kg_per_kg, 20.0, 37.0)],
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
        ranges: &[(idx::launch_price_usd_per_kg, 20.0, 1000.0), (idx::launch_co2_kg_per_kg, 18.0, 55.0)],
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
        ranges: &[],
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
        ranges: &[],
    },
];

pub const SUPPLIES: &[Preset] = &[
    Preset {
        kind: "supply",
        name: "grid",
        description: "Grid-powered hyperscale facility (US average grid)",
        source: "EIA: US industrial average 8.06 cents/kWh in 2023 (~8.1 in 2024 monthly data); industrial prices 5.8-6.6 cents in the cheapest states (New Mexico, Oklahoma, Texas, Washington) to 9-13 cents in PJM and New England in 2025 (EIA Electric Power Monthly), range 0.055-0.13; EIA FAQ id=74: 0.81 lb (0.37 kg) CO2 per kWh of US utility-scale generation in 2023 (combustion only)",
        values: &[(idx::electricity_price_usd_per_kwh, 0.08), (idx::ground_co2_kg_per_kwh, 0.37)],
        ranges: &[(idx::electricity_price_usd_per_kwh, 0.055, 0.13)],
    },
    Preset {
        kind: "supply",
        name: "gas",
        description: "On-site natural-gas generation (combined cycle)",
        source: "Lazard LCOE+ (June 2025, v18): unsubsidised gas combined cycle 48-109 USD/MWh (0.075 USD/kWh taken, est.); IPCC AR5 WG3 Annex III Table A.III.2: life-cycle median 490 g CO2e/kWh for gas",
        values: &[(idx::electricity_price_usd_per_kwh, 0.075), (idx::ground_co2_kg_per_kwh, 0.49)],
        ranges: &[(idx::electricity_price_usd_per_kwh, 0.048, 0.109)],
    },
    Preset {
        kind: "supply",
        name: "solar_storage",
        description: "Ground solar with battery storage sized for round-the-clock load",
        source: "Lazard LCOE+ (June 2025, v18): unsubsidised utility solar plus storage 50-131 USD/MWh (0.12 USD/kWh taken: round-the-clock supply needs the upper part, est.); IPCC AR5 WG3 Annex III Table A.III.2: life-cycle median 48 g CO2e/kWh for utility PV, storage raising it to ~0.06 kg (est.)",
        values: &[(idx::electricity_price_usd_per_kwh, 0.12), (idx::ground_co2_kg_per_kwh, 0.06)],
        ranges: &[(idx::electricity_price_usd_per_kwh, 0.05, 0.131)],
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::PARAMS;

    #[test]
    fn preset_ranges_contain_the_preset_values() {
        for fam in [CELLS, RACKS, LAUNCHERS, COATINGS, SUPPLIES] {
            for p in fam {
                for &(i, lo, hi) in p.ranges {
                    let v = p.values.iter().find(|(j, _)| *j == i).unwrap_or_else(|| panic!("{}: range of {} which it does not set", p.name, PARAMS[i].name)).1;
                    assert!(lo <= v && v <= hi, "{} {}: {v} outside [{lo}, {hi}]", p.name, PARAMS[i].name);
                }
            }
        }
    }
}
