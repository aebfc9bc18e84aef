//! Development driver for the entity recognisers (until the CLI wires them):
//! `cargo run --profile cli --example ner -- eval rules|MODEL FILE.conll`
//! `cargo run --profile cli --example ner -- train TRAIN DEV SEED OUT`
use newsmark_core::extract::entities::{ModelEntities, RuleEntities};
use newsmark_core::extract::Extractor;
use std::path::Path;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("eval") => {
            let ex: Box<dyn Extractor> = if args[1] == "rules" {
                Box::new(RuleEntities::default())
            } else {
                let bytes = std::fs::read(&args[1]).map_err(|e| e.to_string())?;
                let mut m = ModelEntities::from_bytes(&bytes)?;
                // NER_NO_PATTERNS=1: the tagger without the patterns of today's news.
                m.news_patterns = std::env::var("NER_NO_PATTERNS").is_err();
                Box::new(m)
            };
            let t = std::time::Instant::now();
            println!(
                "{}",
                newsmark_train::eval::conll::evaluate(Path::new(&args[2]), ex.as_ref())?
            );
            eprintln!("{:.2}s", t.elapsed().as_secs_f64());
        }
        Some("errors") => {
            // Lists false positives and negatives with the sentence around them.
            let bytes = std::fs::read(&args[1]).map_err(|e| e.to_string())?;
            let mut ex = ModelEntities::from_bytes(&bytes)?;
            ex.link_names = std::env::var("NER_NO_LINK").is_err();
            let docs = newsmark_train::eval::conll::read(Path::new(&args[2]))?;
            for d in &docs {
                let got: Vec<(usize, usize, String)> = ex
                    .extract(&d.text, &Default::default())
                    .into_iter()
                    .map(|m| (m.span.start, m.span.end, m.label))
                    .collect();
                let want: Vec<(usize, usize, String)> = d
                    .entities
                    .iter()
                    .map(|(s, l)| (s.start, s.end, l.clone()))
                    .collect();
                let line = |a: usize| {
                    let s = d.text[..a].rfind('\n').map_or(0, |k| k + 1);
                    let e = d.text[a..].find('\n').map_or(d.text.len(), |k| a + k);
                    &d.text[s..e]
                };
                for g in got.iter().filter(|g| !want.contains(g)) {
                    println!("FP {} {:?}\t| {}", g.2, &d.text[g.0..g.1], line(g.0));
                }
                for w in want.iter().filter(|w| !got.contains(w)) {
                    println!("FN {} {:?}\t| {}", w.2, &d.text[w.0..w.1], line(w.0));
                }
            }
        }
        Some("speed") => {
            // Tagging speed of the model on a file's text (a rough figure; the bench is
            // the reference).
            let bytes = std::fs::read(&args[1]).map_err(|e| e.to_string())?;
            let ex = ModelEntities::from_bytes(&bytes)?;
            let docs = newsmark_train::eval::conll::read(Path::new(&args[2]))?;
            let size: usize = docs.iter().map(|d| d.text.len()).sum();
            let t = std::time::Instant::now();
            let mut n = 0;
            let rounds = 10;
            for _ in 0..rounds {
                for d in &docs {
                    n += ex.extract(&d.text, &Default::default()).len();
                }
            }
            let secs = t.elapsed().as_secs_f64();
            println!(
                "{n} mentions; {:.2} MB/s",
                (size * rounds) as f64 / secs / 1e6
            );
        }
        Some("train") => {
            let seed: u64 = args[3].parse().map_err(|_| "seed")?;
            // Optional overrides for experiments: NER_EPOCHS, NER_MIN_COUNT, NER_CLIP, NER_ONE_PASS=1,
            // NER_FOLDS, NER_FOLD_EPOCHS.
            let mut set = newsmark_train::Settings::default();
            let env = |k: &str| std::env::var(k).ok();
            if let Some(v) = env("NER_EPOCHS") {
                set.epochs = v.parse().map_err(|_| "NER_EPOCHS")?;
            }
            if let Some(v) = env("NER_MIN_COUNT") {
                set.min_count = v.parse().map_err(|_| "NER_MIN_COUNT")?;
            }
            if let Some(v) = env("NER_ONE_PASS") {
                set.two_pass = v != "1";
            }
            if let Some(v) = env("NER_FOLDS") {
                set.folds = v.parse().map_err(|_| "NER_FOLDS")?;
            }
            if let Some(v) = env("NER_FOLD_EPOCHS") {
                set.fold_epochs = v.parse().map_err(|_| "NER_FOLD_EPOCHS")?;
            }
            // Word classes: NER_CLUSTERS=FILE, `none` for none; data/word-clusters.bin if
            // present.
            let cl = env("NER_CLUSTERS").unwrap_or_else(|| "data/word-clusters.bin".into());
            if cl != "none" && Path::new(&cl).exists() {
                let b = std::fs::read(&cl).map_err(|e| format!("{cl}: {e}"))?;
                set.clusters = Some(Box::leak(b.into_boxed_slice()));
            }
            if let Some(v) = env("NER_RUNS") {
                set.runs = v.parse().map_err(|_| "NER_RUNS")?;
            }
            if let Some(v) = env("NER_CLIP") {
                set.clip_quantile = v.parse().map_err(|_| "NER_CLIP")?;
            }
            let bytes =
                newsmark_train::train_with(Path::new(&args[1]), Path::new(&args[2]), seed, set)?;
            std::fs::write(&args[4], &bytes).map_err(|e| e.to_string())?;
            eprintln!("wrote {} ({} bytes)", args[4], bytes.len());
        }
        _ => return Err("usage: ner eval rules|MODEL FILE | ner train TRAIN DEV SEED OUT".into()),
    }
    Ok(())
}
