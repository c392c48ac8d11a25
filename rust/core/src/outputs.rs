//! Everything one evaluation reports, with units. `Outputs` is generated from the list so that
//! batch evaluation can select columns by name.

/// Metadata of one output.
#[derive(Clone, Copy, Debug)]
pub struct OutputInfo {
    pub group: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub doc: &'static str,
}

macro_rules! define_outputs {
    ($( [$group:literal] $( $name:ident : $unit:literal ; $doc:literal ; )* )*) => {
        /// Every intermediate and result of one evaluation (SI units; see `OUTPUTS`).
        #[repr(C)]
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct Outputs { $( $( #[doc = $doc] pub $name: f64, )* )* }

        /// Metadata of every output, in field order.
        pub const OUTPUTS: &[OutputInfo] = &[ $( $( OutputInfo { group: $group, name: stringify!($name), unit: $unit, doc: $doc }, )* )* ];

        /// Output indices by name.
        #[allow(non_upper_case_globals, dead_code)]
        pub mod out_idx {
            define_outputs!(@idx 0usize; $( $( $name )* )*);
        }
    };
    (@idx $n:expr; $head:ident $($rest:ident)*) => {
        pub const $head: usize = $n;
        define_outputs!(@idx $n + 1usize; $($rest)*);
    };
    (@idx $n:expr;) => { pub const COUNT: usize = $n; };
}

/// Number of outputs.
pub const N_OUTPUTS: usize = out_idx::COUNT;

/// Outputs documented to be infinite in a limiting case: nothing delivered makes every per-FLOP
/// figure +inf and the break-even launch price -inf; nothing failing makes the spares last for
/// ever; an array that never sees the Sun, an empty battery that must carry a load and an
/// environment hotter than the radiator limit make the requirement infinite and its margin -inf.
/// Every other output of a valid input is finite (the fuzz targets and tests check this list).
pub const MAY_BE_INF: [&str; 13] = [
    "spares_exhausted_yr",
    "cost_per_flop_usd",
    "lcoe_usd_per_mwh",
    "co2_kg_per_flop",
    "usd_per_pflops_day",
    "usd_per_accelerator_hour",
    "cost_ratio",
    "breakeven_launch_usd_per_kg",
    "array_power_required_w",
    "power_margin_w",
    "battery_dod",
    "dod_margin",
    "radiator_area_required_m2",
];

impl Outputs {
    pub fn as_slice(&self) -> &[f64] {
        // SAFETY: `Outputs` is `repr(C)` and made only of `f64` fields.
        unsafe { std::slice::from_raw_parts(self as *const Outputs as *const f64, N_OUTPUTS) }
    }
    pub fn index_of(name: &str) -> Option<usize> {
        OUTPUTS.iter().position(|o| o.name == name)
    }
}

/// Codes of `binding_constraint`.
pub const CONSTRAINT_NAMES: [&str; 5] = ["none", "power", "battery_dod", "thermal", "mass"];

define_outputs! {
["design"]
    array_area_m2: "m^2"; "Solar array area.";
    radiator_area_m2: "m^2"; "Radiator panel area (one face).";
    racks: "1"; "Powered racks.";
    spare_racks: "1"; "Cold spare racks.";
["orbit"]
    period_s: "s"; "Orbital period.";
    inclination_rad: "rad"; "Orbit inclination (sun-synchronous value for SSO).";
    beta_min_rad: "rad"; "Smallest |beta| over the sampled year.";
    beta_max_rad: "rad"; "Largest |beta| over the sampled year.";
    eclipse_fraction_worst: "1"; "Largest eclipse fraction over the year, worst-case shadow model.";
    eclipse_worst_s: "s"; "Longest eclipse, worst-case shadow model.";
    sunlit_fraction_mean: "1"; "Annual mean sunlit fraction (cylindrical shadow).";
    eclipse_season_fraction: "1"; "Fraction of the year with an eclipse on every orbit.";
    eclipse_cycles: "1"; "Battery charge/discharge cycles over the lifetime.";
["power"]
    cell_temp_k: "K"; "Array cell temperature in sunlight.";
    array_power_bol_w: "W"; "Array power at normal incidence, 1 AU, beginning of life.";
    array_power_eol_w: "W"; "Array power at normal incidence, 1 AU, end of life.";
    array_power_worst_w: "W"; "Array power in sunlight in the worst-case condition (pointing, season), end of life.";
    compute_power_w: "W"; "Power of the powered racks at full load.";
    bus_power_w: "W"; "Bus power at full compute load.";
    load_power_w: "W"; "Total load in sunlight (compute plus bus).";
    eclipse_load_w: "W"; "Load carried through eclipse (all of it with a battery, the fixed bus when throttling).";
    array_output_w: "W"; "Energy ledger, full load, orbit with the longest eclipse: electrical output drawn from the array in sunlight = load + regulation, distribution and charging losses + power stored.";
    regulation_loss_w: "W"; "Energy ledger: loss in the array regulator (sunlight).";
    distribution_loss_w: "W"; "Energy ledger: loss in distribution to the loads (sunlight).";
    battery_charge_w: "W"; "Energy ledger: power put into the battery's store in sunlight, for the eclipse.";
    battery_charge_loss_w: "W"; "Energy ledger: loss in charging the battery (sunlight).";
    battery_discharge_loss_w: "W"; "Energy ledger: loss in discharging the battery (eclipse).";
    dissipation_sunlit_w: "W"; "Heat dissipated on board in sunlight: array output less the power stored.";
    dissipation_eclipse_w: "W"; "Heat dissipated on board in eclipse: everything the battery gives.";
    array_power_required_w: "W"; "End-of-life array rating at normal incidence needed in the worst case (SMAD sizing); inf when the array never sees the Sun in the worst case.";
    power_margin_w: "W"; "array_power_eol_w - array_power_required_w (constraint: >= 0); -inf when no array suffices.";
    power_derate: "1"; "Fraction of compute the array can carry (1 when the margin holds).";
    battery_energy_j: "J"; "Battery energy (sized, or as designed).";
    battery_dod: "1"; "Depth of discharge in the longest eclipse (inf for an empty battery that must carry a load).";
    battery_dod_allowed: "1"; "Allowed depth of discharge for the lifetime's cycle count.";
    dod_margin: "1"; "battery_dod_allowed - battery_dod (constraint: >= 0); -inf for an empty battery that must carry a load.";
["thermal"]
    heat_load_w: "W"; "Heat the radiators must reject at full load: the larger of the sunlit and eclipse dissipation (every watt used on board, with its conversion losses; not what the array sheds itself).";
    chip_temp_max_k: "K"; "Accelerator junction temperature limit.";
    radiator_temp_max_k: "K"; "Radiator limit: chip limit minus cold-plate and coolant-loop drops.";
    radiator_temp_required_k: "K"; "Temperature at which the radiators reject the full worst-case dissipation at end of life: the radiator temperature this design requires (thermal constraint: at most radiator_temp_max_k).";
    radiator_temp_k: "K"; "Radiator operating temperature at end of life: at full load, or at the derated compute when the radiators or the array cannot carry full load.";
    radiator_temp_bol_k: "K"; "Radiator operating temperature with the beginning-of-life coating.";
    chip_temp_k: "K"; "Accelerator junction temperature: the operating radiator temperature plus the coolant-loop and cold-plate drops.";
    radiator_env_w_m2: "W/m^2"; "Absorbed Sun, albedo and Earth IR per m^2 of radiator, end of life.";
    radiator_earth_view_factor: "1"; "Earth view factor summed over the radiating faces.";
    radiator_area_required_m2: "m^2"; "Radiator area that holds the radiator at its limit at full load, end of life (inf when the environment alone holds the radiator above its limit).";
    thermal_margin_k: "K"; "radiator_temp_max_k - radiator_temp_required_k (constraint: >= 0).";
    thermal_derate: "1"; "Fraction of compute the radiator can carry at its limit.";
["compute"]
    peak_flops: "FLOP/s"; "Peak dense FLOP/s of the powered racks.";
    after_utilisation_flops: "FLOP/s"; "After utilisation.";
    after_failures_flops: "FLOP/s"; "Lifetime mean after failures (no repair) and spares.";
    after_eclipse_flops: "FLOP/s"; "After sleeping through eclipses (throttle strategy).";
    after_derating_flops: "FLOP/s"; "After power or thermal derating.";
    delivered_flops: "FLOP/s"; "Lifetime mean delivered FLOP/s, after radiation error handling.";
    delivered_flop: "FLOP"; "FLOP delivered over the lifetime.";
    failure_rate_effective_per_yr: "1/yr"; "Orbital failure rate at the chips' junction temperature: failure_rate_per_yr x exp(Ea / k (1 / T_ref - 1 / chip_temp_k)) + radiation_failure_rate_per_yr.";
    working_fraction_eol: "1"; "Fraction of the powered racks working at end of life.";
    spares_exhausted_yr: "yr"; "When the spares run out (inf when nothing fails).";
["mass"]
    mass_racks_kg: "kg"; "Racks and spares.";
    mass_array_kg: "kg"; "Solar array.";
    mass_radiator_kg: "kg"; "Radiators.";
    mass_battery_kg: "kg"; "Battery.";
    mass_coolant_kg: "kg"; "Pumped coolant loop.";
    mass_bus_kg: "kg"; "Bus: avionics, attitude control, power management.";
    mass_shielding_kg: "kg"; "Radiation shielding around the racks.";
    mass_structure_kg: "kg"; "Primary structure carrying the compute payload, battery, coolant loop and bus (arrays and radiators carry their own).";
    mass_propellant_kg: "kg"; "Drag make-up propellant for the lifetime.";
    spacecraft_power_basis_w: "W"; "Top-down spacecraft only: the array's beginning-of-life nameplate power whose lifetime-mean, orbit-mean output carries the load (0 bottom up).";
    mass_spacecraft_specific_kg: "kg"; "Top-down spacecraft only: everything but the compute payload, basis power / specific power (0 bottom up).";
    mass_total_kg: "kg"; "Launch mass.";
    launches: "1"; "Launches needed.";
    launcher_payload_to_orbit_kg: "kg"; "Payload of one launch to this orbit (altitude and inclination), from the launcher's reference payload by the upper stage's rocket equation.";
    launch_billed_mass_kg: "kg"; "Launch mass in kg of the launcher's reference payload, which the price per kg applies to: mass_total_kg x reference payload / payload to this orbit.";
    mass_margin_kg: "kg"; "max_launches x payload to this orbit - mass (constraint: >= 0).";
["cost"]
    cost_racks_usd: "USD"; "Racks and spares.";
    cost_array_usd: "USD"; "Solar array.";
    cost_radiator_usd: "USD"; "Radiators.";
    cost_battery_usd: "USD"; "Battery.";
    cost_coolant_usd: "USD"; "Coolant loop.";
    cost_bus_usd: "USD"; "Bus: avionics, attitude control, propulsion hardware, power management.";
    cost_structure_usd: "USD"; "Primary structure and radiation shielding.";
    cost_spacecraft_specific_usd: "USD"; "Top-down spacecraft only: everything but the compute payload, basis power x specific cost (0 bottom up).";
    cost_integration_usd: "USD"; "Integration and test.";
    cost_launch_usd: "USD"; "Launch.";
    cost_insurance_usd: "USD"; "Insurance.";
    nre_usd: "USD"; "Non-recurring engineering charged to this system.";
    capex_usd: "USD"; "Capital cost at launch: hardware, integration, launch, insurance and non-recurring engineering.";
    ops_usd_per_yr: "USD/yr"; "Operations per year: fixed, per rack and as a fraction of hardware.";
    pv_cost_usd: "USD"; "Present value of all costs.";
    pv_flop: "FLOP"; "Present value of delivered FLOP (discounted like money).";
    cost_per_flop_usd: "USD/FLOP"; "pv_cost_usd / pv_flop: levelised cost per delivered FLOP (inf when nothing is delivered).";
    usd_per_pflops_day: "USD/(PFLOP/s day)"; "Cost per delivered PFLOP/s-day.";
    usd_per_accelerator_hour: "USD/h"; "Present-value cost per working accelerator-hour.";
    lcoe_usd_per_mwh: "USD/MWh"; "Present-value cost per MWh of electricity delivered to the compute payload (everything counted, as McCalip's calculator's LCOE); inf when nothing is delivered.";
    capex_ex_it_usd_per_w: "USD/W"; "Capital cost excluding racks per W of compute power.";
    launch_usd_per_kw_yr: "USD/(kW yr)"; "Launch cost per kW of load per year of life.";
    annualised_cost_usd_per_yr: "USD/yr"; "The level yearly cost, paid continuously over the lifetime, whose present value is pv_cost_usd: pv_cost_usd / annuity, with the annuity (1 - (1 + r)^-L) / ln(1 + r) of the same continuous discounting as every present value.";
["ground"]
    ground_facility_usd: "USD"; "Ground facility (building, power and cooling plant) for the same IT load.";
    ground_racks_usd: "USD"; "The same racks bought for the ground (no spares: failures are repaired).";
    ground_capex_usd: "USD"; "Ground facility plus the same racks.";
    ground_refresh_pv_usd: "USD"; "Present value of replacing the ground's racks at each IT refresh within the lifetime, less the residual value of the last set at the end (negative when the first set outlives the study).";
    ground_facility_pv_usd: "USD"; "Present value of the ground facility over the study: bought, replaced at the end of its life if the study outlasts it, less its residual value at the end of the study.";
    ground_energy_usd_per_yr: "USD/yr"; "Ground electricity per year: IT load x PUE x hours up (availability) x price.";
    ground_maintenance_usd_per_yr: "USD/yr"; "Ground facility maintenance per year.";
    ground_repair_usd_per_yr: "USD/yr"; "Repairs of failed ground racks per year.";
    ground_staff_usd_per_yr: "USD/yr"; "Ground staff and network per year.";
    ground_opex_usd_per_yr: "USD/yr"; "Ground electricity, maintenance, repairs and staff per year.";
    ground_pv_cost_usd: "USD"; "Present value of the ground's costs.";
    ground_pv_flop: "FLOP"; "Present value of the ground's delivered FLOP.";
    ground_delivered_flop: "FLOP"; "FLOP the ground delivers over the lifetime.";
    ground_cost_per_flop_usd: "USD/FLOP"; "Ground levelised cost per delivered FLOP.";
    ground_lcoe_usd_per_mwh: "USD/MWh"; "Ground present-value cost per MWh of electricity delivered to the IT load.";
    ground_energy_share: "1"; "Electricity's share of the ground's present-value cost.";
    cost_ratio: "1"; "cost_per_flop_usd / ground_cost_per_flop_usd (< 1: orbit is cheaper).";
    breakeven_launch_usd_per_kg: "USD/kg"; "Launch price at which orbit costs the same per FLOP as the ground (negative: not even a free launch suffices; -inf when nothing is delivered).";
["emissions"]
    co2_launch_kg: "kg"; "CO2 emitted by launching the satellite (combustion only; per kg of reference payload, times the billed mass).";
    co2_kg_per_flop: "kg/FLOP"; "Orbit's CO2 per delivered FLOP: launch emissions over lifetime FLOP (inf when nothing is delivered).";
    ground_co2_kg: "kg"; "Ground electricity's life-cycle CO2-equivalent over the lifetime.";
    ground_co2_kg_per_flop: "kg/FLOP"; "Ground's CO2-equivalent per delivered FLOP.";
["constraints"]
    feasible: "1"; "1 when every constraint margin is >= 0, else 0.";
    binding_constraint: "1"; "Code of the tightest constraint: 1 power, 2 battery_dod, 3 thermal, 4 mass.";
}

#[cfg(test)]
mod tests {
    #[test]
    fn may_be_inf_names_are_outputs() {
        for name in super::MAY_BE_INF {
            assert!(super::OUTPUTS.iter().any(|o| o.name == name), "{name} is not an output");
        }
    }
}
