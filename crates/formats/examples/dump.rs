//! Prints what `read` finds in files: `cargo run -p afterlift-formats --example dump -- FILE…`.
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let name = path.rsplit('/').next().unwrap_or(&path);
        let t = std::time::Instant::now();
        let result = afterlift_formats::read(&bytes, name, &Default::default());
        let took = t.elapsed();
        println!("== {name} ({took:?})");
        match result {
            Err(e) => println!("  ERROR {e}"),
            Ok(items) => {
                for p in items {
                    println!(
                        "  {} {:?} warnings={:?}",
                        p.source_name, p.format, p.warnings
                    );
                    match p.content {
                        afterlift_formats::Content::Activities(acts) => {
                            for a in acts {
                                println!(
                                    "   {:?} {} off={:?} timer={} elapsed={} dist={:?} hr={:?}/{:?} kcal={:?} src={} samples={} first={:?}",
                                    a.sport,
                                    a.started_at,
                                    a.utc_offset_s,
                                    a.timer_s,
                                    a.elapsed_s,
                                    a.distance_m,
                                    a.avg_hr_bpm,
                                    a.max_hr_bpm,
                                    a.calories_kcal,
                                    a.source,
                                    a.samples.len(),
                                    a.samples.first()
                                );
                            }
                        }
                        afterlift_formats::Content::Lifts(lifts) => {
                            println!("   {} lifts; first {:?}", lifts.len(), lifts.first());
                        }
                        other => println!("   {other:?}"),
                    }
                }
            }
        }
    }
}
