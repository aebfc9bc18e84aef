//! Development driver for the entity recognisers (until the CLI wires them):
//! `cargo run --profile cli --example ner -- eval rules|MODEL FILE.conll`
//! `cargo run --profile cli --example ner -- train TRAIN DEV SEED OUT`
use newsmark::extract::entities::RuleEntities;
use newsmark::extract::Extractor;
use std::path::Path;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("eval") => {
            let ex: Box<dyn Extractor> = Box::new(RuleEntities::default());
            let t = std::time::Instant::now();
            println!(
                "{}",
                newsmark::eval::conll::evaluate(Path::new(&args[2]), ex.as_ref())?
            );
            eprintln!("{:.2}s", t.elapsed().as_secs_f64());
        }
        Some("train") => {
            let seed: u64 = args[3].parse().map_err(|_| "seed")?;
            let bytes = newsmark::model::train(Path::new(&args[1]), Path::new(&args[2]), seed)?;
            std::fs::write(&args[4], &bytes).map_err(|e| e.to_string())?;
            eprintln!("wrote {} ({} bytes)", args[4], bytes.len());
        }
        _ => return Err("usage: ner eval rules|MODEL FILE | ner train TRAIN DEV SEED OUT".into()),
    }
    Ok(())
}
