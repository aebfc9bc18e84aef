//! `newsmark`: the command-line door to the core.
//!
//! - `newsmark annotate FILE` prints the newsmark/1 JSON of one article (`-` for stdin).
//! - `newsmark annotate --jsonl` reads `{"id", "text", "dct"?}` lines on stdin and writes
//!   `{"id", "dct", "spans"}` lines on stdout.
//! - `newsmark eval-sample GOLD`, `eval-dates DIR`, `eval-ner FILE`: quality reports.
//! - `newsmark train`: trains the entity model.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use chrono::NaiveDate;
    use clap::{Parser, Subcommand};
    use newsmark::document::Document;
    use newsmark::extract::entities::ModelEntities;
    use newsmark::extract::{DctChoice, Pipeline};
    use newsmark::formats::json::{self, JsonlOut};
    use newsmark::formats::{Format, InputFile};
    use std::io::{self, BufRead, Read, Write};
    use std::path::PathBuf;
    use std::process::ExitCode;

    #[derive(Parser)]
    #[command(
        name = "newsmark",
        version,
        about = "Annotate news text: entities and TIMEX3 time expressions"
    )]
    struct Cli {
        /// Use the rule-based entity recogniser instead of the trained model.
        #[arg(long, global = true)]
        rules: bool,
        #[command(subcommand)]
        command: Command,
    }

    /// The trained entity model, compiled into the CLI.
    const MODEL: &[u8] = include_bytes!("../../models/ner.bin");

    #[derive(Subcommand)]
    enum Command {
        /// Annotate an article file (or `-` for stdin), or JSON lines with --jsonl.
        Annotate {
            /// The article; `-` or nothing reads stdin.
            file: Option<PathBuf>,
            /// Read `{"id","text","dct"?}` lines on stdin, write `{"id","dct","spans"}` lines.
            #[arg(long)]
            jsonl: bool,
            /// Document date (YYYY-MM-DD); default: read from the dateline, if any.
            #[arg(long)]
            dct: Option<NaiveDate>,
        },
        /// Convert annotations between formats (newsmark, doccano, label-studio, brat,
        /// spacy, spacy-v2, conll, w3c). brat takes its .txt and .ann files.
        Convert {
            /// Input format.
            #[arg(long)]
            from: String,
            /// Output format.
            #[arg(long)]
            to: String,
            /// Input file(s); `-` or nothing reads stdin (single-file formats).
            inputs: Vec<PathBuf>,
            /// Folder to write the output file(s) into; default: stdout (one file only).
            #[arg(long)]
            out: Option<PathBuf>,
        },
        /// Score the annotator on a gold file in newsmark JSON.
        EvalSample {
            /// The gold file.
            gold: PathBuf,
        },
        /// Score the time-expression recogniser on TimeML files under a folder.
        EvalDates {
            /// Folder holding `.tml` files (searched recursively).
            dir: PathBuf,
        },
        /// Score the entity recogniser on a CoNLL-2003 file.
        EvalNer {
            /// CoNLL-2003 file (e.g. eng.testa).
            file: PathBuf,
        },
        /// Train the entity model on CoNLL-2003 data.
        Train {
            /// Training file.
            #[arg(long)]
            train: PathBuf,
            /// Development file (for tuning).
            #[arg(long)]
            dev: PathBuf,
            /// Random seed: the same seed gives the same model file.
            #[arg(long, default_value_t = 1)]
            seed: u64,
            /// Where to write the model.
            #[arg(long, default_value = "models/ner.bin")]
            out: PathBuf,
        },
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        match run(cli.command, cli.rules) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("newsmark: {e}");
                ExitCode::FAILURE
            }
        }
    }

    fn pipeline(rules: bool) -> Result<Pipeline, String> {
        let mut p = Pipeline::default();
        if !rules {
            let model =
                ModelEntities::from_bytes(MODEL).map_err(|e| format!("the entity model: {e}"))?;
            p.set_entities(Box::new(model));
        }
        Ok(p)
    }

    fn run(command: Command, rules: bool) -> Result<(), String> {
        let pipeline = || pipeline(rules);
        match command {
            Command::Annotate {
                jsonl: true, dct, ..
            } => annotate_jsonl(dct, &pipeline()?),
            Command::Annotate { file, dct, .. } => {
                let text = read_input(file)?;
                let p = pipeline()?;
                let doc = Document::with_dct(&text, DctChoice::given_or_detect(dct), &p);
                println!(
                    "{}",
                    json::to_string_pretty(&doc).map_err(|e| e.to_string())?
                );
                Ok(())
            }
            Command::Convert {
                from,
                to,
                inputs,
                out,
            } => convert(&from, &to, inputs, out),
            Command::EvalSample { gold } => {
                let g = std::fs::read_to_string(&gold)
                    .map_err(|e| format!("{}: {e}", gold.display()))?;
                print!("{}", newsmark::eval::gold::score(&g, &pipeline()?)?);
                Ok(())
            }
            Command::EvalDates { dir } => {
                print!("{}", newsmark::eval::timeml::evaluate(&dir)?);
                Ok(())
            }
            Command::EvalNer { file } => {
                let p = pipeline()?;
                print!("{}", newsmark::eval::conll::evaluate(&file, p.entities())?);
                Ok(())
            }
            Command::Train {
                train,
                dev,
                seed,
                out,
            } => {
                let bytes = newsmark::model::train(&train, &dev, seed)?;
                std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
                eprintln!("wrote {} ({} bytes)", out.display(), bytes.len());
                Ok(())
            }
        }
    }

    fn read_input(file: Option<PathBuf>) -> Result<String, String> {
        let bytes = match file {
            Some(f) if f.as_os_str() != "-" => {
                std::fs::read(&f).map_err(|e| format!("{}: {e}", f.display()))?
            }
            _ => {
                let mut b = Vec::new();
                io::stdin()
                    .read_to_end(&mut b)
                    .map_err(|e| format!("stdin: {e}"))?;
                b
            }
        };
        String::from_utf8(bytes).map_err(|e| {
            format!(
                "the input is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )
        })
    }

    fn format(name: &str) -> Result<Format, String> {
        Format::from_name(name).ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            format!("unknown format “{name}”: use one of {}", names.join(", "))
        })
    }

    fn convert(
        from: &str,
        to: &str,
        inputs: Vec<PathBuf>,
        out: Option<PathBuf>,
    ) -> Result<(), String> {
        let (from, to) = (format(from)?, format(to)?);
        let mut files = Vec::new();
        if inputs.is_empty() || inputs.iter().any(|p| p.as_os_str() == "-") {
            let mut b = Vec::new();
            io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| format!("stdin: {e}"))?;
            files.push(InputFile::new(format!("stdin.{}", from.extension()), b));
        }
        for p in inputs.iter().filter(|p| p.as_os_str() != "-") {
            let b = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
            files.push(InputFile::new(p.display().to_string(), b));
        }
        let written = newsmark::formats::convert(from, to, &files).map_err(|e| e.to_string())?;
        match out {
            Some(dir) => {
                std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                for f in &written {
                    let path = dir.join(&f.name);
                    std::fs::write(&path, &f.contents)
                        .map_err(|e| format!("{}: {e}", path.display()))?;
                    eprintln!("wrote {}", path.display());
                }
                Ok(())
            }
            None if written.len() == 1 => {
                print!("{}", written[0].contents);
                Ok(())
            }
            None => Err(format!(
                "{} gives {} files: name a folder with --out",
                to.name(),
                written.len()
            )),
        }
    }

    #[derive(serde::Deserialize)]
    struct JsonlIn {
        #[serde(default)]
        id: serde_json::Value,
        text: String,
        #[serde(default)]
        dct: Option<NaiveDate>,
    }

    fn annotate_jsonl(default_dct: Option<NaiveDate>, p: &Pipeline) -> Result<(), String> {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        for (n, line) in io::stdin().lock().lines().enumerate() {
            let line = line.map_err(|e| format!("stdin line {}: {e}", n + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            let input: JsonlIn =
                serde_json::from_str(&line).map_err(|e| format!("stdin line {}: {e}", n + 1))?;
            let choice = DctChoice::given_or_detect(input.dct.or(default_dct));
            let doc = Document::with_dct(&input.text, choice, p);
            let e = json::export(&doc).map_err(|e| format!("line {}: {e}", n + 1))?;
            let line = JsonlOut {
                id: input.id,
                dct: e.dct,
                spans: e.spans,
            };
            serde_json::to_writer(&mut out, &line).map_err(|e| e.to_string())?;
            out.write_all(b"\n").map_err(|e| e.to_string())?;
        }
        out.flush().map_err(|e| e.to_string())
    }
}
