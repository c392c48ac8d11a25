use orbitflops_core::{model, Prepared, Scenario};
fn main() {
    let s = Scenario::default();
    let pr = Prepared::new(&s).unwrap();
    let d = orbitflops_core::size(&pr, s.design.racks, s.design.spare_racks).unwrap();
    let o = model::evaluate_prepared(&pr, &d);
    println!("ratio {:.3} breakeven {:.0} cpf {:.4e} gcpf {:.4e} mass {:.0} heat {:.0} array {:.0} rad {:.0}", o.cost_ratio, o.breakeven_launch_usd_per_kg, o.cost_per_flop_usd, o.ground_cost_per_flop_usd, o.mass_total_kg, o.heat_load_w, d.array_area_m2, d.radiator_area_m2);
}
