//! `newsmark`: the command-line door to the core.
//!
//! - `newsmark annotate FILE` prints the newsmark/1 JSON of one article (`-` for stdin).
//! - `newsmark annotate --jsonl [FILE…]` reads `{"id", "text", "dct"?}` lines from the files
//!   (or stdin) and writes `{"id", "dct", "spans"}` lines on stdout, in input order, on every
//!   core, in bounded memory; a bad line is reported on stderr by file, line and field and
//!   the run goes on (`--strict` stops there), exiting non-zero if any line was refused; its
//!   rate goes to stderr.
//!
//! Output into a closed pipe (`newsmark annotate … | head -1`) ends the program quietly.
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
    use newsmark_core::document::Document;
    use newsmark_core::extract::entities::ModelEntities;
    use newsmark_core::extract::{dct, DctChoice, Pipeline};
    use newsmark_core::formats::json::{self, JsonlOut};
    use newsmark_core::formats::{Format, InputFile};
    use std::io::{self, BufRead, IsTerminal, Read, Write};
    use std::path::PathBuf;
    use std::process::ExitCode;
    use std::sync::mpsc::{self, Receiver, SyncSender};
    use std::sync::{Arc, Mutex};
    use std::thread;
    use std::time::{Duration, Instant};

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
    const MODEL: &[u8] = include_bytes!("../../../models/ner.bin");

    #[derive(Subcommand)]
    enum Command {
        /// Annotate an article file (or `-` for stdin), or JSON lines with --jsonl.
        Annotate {
            /// The article; `-` or nothing reads stdin. With --jsonl: any number of JSON
            /// lines files, read in order.
            files: Vec<PathBuf>,
            /// Read `{"id","text","dct"?}` lines, write `{"id","dct","spans"}` lines.
            #[arg(long)]
            jsonl: bool,
            /// With --jsonl: stop at the first line that cannot be annotated.
            #[arg(long)]
            strict: bool,
            /// Document date (YYYY-MM-DD); default: read from the dateline, if any.
            #[arg(long, value_parser = dct::parse_iso_date)]
            dct: Option<NaiveDate>,
            /// With --jsonl: documents annotated at once; default: the number of cores.
            #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
            threads: Option<u16>,
            /// With --jsonl: write every document, in input order, into this one spaCy
            /// DocBin file (`.spacy`, what `spacy train` reads) instead of JSON lines.
            #[arg(long, value_name = "FILE.spacy")]
            docbin: Option<PathBuf>,
        },
        /// Convert annotations between formats (newsmark, doccano, label-studio, brat,
        /// spacy, spacy-v2, spacy-docbin, conll, w3c). brat takes its .txt and .ann files.
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
        /// Score the entity recogniser on a CoNLL-2003 file, or a CoNLL++ 2020 file
        /// (`word start end TAG`, told apart by its offset columns).
        EvalNer {
            /// CoNLL-2003 file (e.g. eng.testa) or CoNLL++ file (e.g. conllpp2020/dev.txt).
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
            /// Word-class table to learn from and embed in the model (`none`: none).
            #[arg(long, default_value = "data/word-clusters.bin")]
            clusters: PathBuf,
            /// Passes over the training data (the best on the development file is kept).
            #[arg(long, default_value_t = 20)]
            epochs: usize,
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

    /// Writes `s` to stdout. A reader that has gone away (`| head`) ends the program
    /// quietly, as `cat` does: there is no one left to tell.
    fn emit(s: &str) -> Result<(), String> {
        emit_bytes(s.as_bytes())
    }

    fn emit_bytes(b: &[u8]) -> Result<(), String> {
        let mut out = io::stdout().lock();
        out.write_all(b)
            .and_then(|()| out.flush())
            .map_err(stdout_error)
    }

    /// The message for a failed write to stdout; a closed pipe exits at once, with success.
    fn stdout_error(e: io::Error) -> String {
        if e.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        format!("stdout: {e}")
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
                jsonl: true,
                files,
                strict,
                dct,
                threads,
                docbin,
            } => {
                let threads = threads.map(usize::from).unwrap_or_else(|| {
                    thread::available_parallelism().map_or(1, std::num::NonZero::get)
                });
                let sources = jsonl_sources(files)?;
                annotate_jsonl(sources, dct, pipeline()?, threads, strict, docbin)
            }
            Command::Annotate {
                files,
                dct,
                strict,
                docbin,
                ..
            } => {
                if strict {
                    return Err("--strict goes with --jsonl".into());
                }
                if docbin.is_some() {
                    return Err(
                        "--docbin goes with --jsonl (for one article: convert --to spacy-docbin)"
                            .into(),
                    );
                }
                if files.len() > 1 {
                    return Err(format!(
                        "annotate takes one article ({} given); use --jsonl for many",
                        files.len()
                    ));
                }
                let text = read_input(files.into_iter().next())?;
                let p = pipeline()?;
                let doc = Document::with_dct(&text, DctChoice::given_or_detect(dct), &p);
                emit(&(json::to_string_pretty(&doc).map_err(|e| e.to_string())? + "\n"))
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
                emit(&newsmark_train::eval::gold::score(&g, &pipeline()?)?.to_string())
            }
            Command::EvalDates { dir } => emit(&newsmark_train::eval::timeml::evaluate(&dir)?),
            Command::EvalNer { file } => {
                let p = pipeline()?;
                emit(&newsmark_train::eval::conll::evaluate(&file, p.entities())?)
            }
            Command::Train {
                train,
                dev,
                seed,
                out,
                clusters,
                epochs,
            } => {
                let mut set = newsmark_train::Settings {
                    epochs,
                    ..Default::default()
                };
                if clusters.as_os_str() != "none" {
                    let b = std::fs::read(&clusters)
                        .map_err(|e| format!("{}: {e}", clusters.display()))?;
                    set.clusters = Some(Box::leak(b.into_boxed_slice()));
                }
                let bytes = newsmark_train::train_with(&train, &dev, seed, set)?;
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
        let written =
            newsmark_core::formats::convert(from, to, &files).map_err(|e| e.to_string())?;
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
            None if written.len() == 1 => emit_bytes(&written[0].contents),
            None => Err(format!(
                "{} gives {} files: name a folder with --out",
                to.name(),
                written.len()
            )),
        }
    }

    /// Where `annotate --jsonl` reads its lines: files in the order given, `-` for stdin;
    /// stdin alone when none is given.
    enum Source {
        Stdin,
        File(PathBuf),
    }

    impl Source {
        /// How a line of this source is named in messages: `stdin line 3`, `a.jsonl line 3`.
        fn name(&self) -> String {
            match self {
                Source::Stdin => "stdin".into(),
                Source::File(p) => p.display().to_string(),
            }
        }
    }

    /// The sources of `--jsonl`, each checked before anything is read: a folder or a
    /// missing file is refused at once, never silently skipped.
    fn jsonl_sources(files: Vec<PathBuf>) -> Result<Vec<Source>, String> {
        if files.is_empty() {
            return Ok(vec![Source::Stdin]);
        }
        files
            .into_iter()
            .map(|f| {
                if f.as_os_str() == "-" {
                    return Ok(Source::Stdin);
                }
                match std::fs::metadata(&f) {
                    Ok(m) if m.is_dir() => Err(format!(
                        "{} is a folder: give the JSON lines files in it",
                        f.display()
                    )),
                    Ok(_) => Ok(Source::File(f)),
                    Err(e) => Err(format!("{}: {e}", f.display())),
                }
            })
            .collect()
    }

    /// One input line handed to a worker: its bytes (newline stripped), and where the
    /// worker sends the finished output line (the writer knows which line it is).
    struct Job {
        bytes: Vec<u8>,
        done: SyncSender<Done>,
    }

    /// A worker's answer for one line: the output line (with its newline) or the reason the
    /// line was refused, and the input size (for the rate).
    struct Done {
        input_bytes: usize,
        output: Result<(Vec<u8>, Document), String>,
    }

    /// `annotate --jsonl`: one reader thread, `threads` workers, and this thread writing.
    ///
    /// Memory stays bounded whatever the input length: the reader is never more than
    /// `window` lines ahead of the writer (the bounded `order` queue holds one receiver per
    /// line in flight), so at most about `window + threads` documents are held at once — one
    /// line is one document, and a document is held whole. Output keeps the input order: the
    /// writer waits for each line's answer in turn. A line that cannot be annotated (not
    /// UTF-8, not JSON, no `text` string, a bad `dct`) is reported on stderr as
    /// `a.jsonl line N: …` and the run goes on; the exit is non-zero if any line was
    /// refused. With `strict`, the first such line ends the run.
    fn annotate_jsonl(
        sources: Vec<Source>,
        default_dct: Option<NaiveDate>,
        pipeline: Pipeline,
        threads: usize,
        strict: bool,
        docbin: Option<PathBuf>,
    ) -> Result<(), String> {
        // Checked before any work: the file can be created.
        let mut docbin = match docbin {
            Some(path) => {
                std::fs::write(&path, b"").map_err(|e| format!("{}: {e}", path.display()))?;
                Some((
                    path,
                    newsmark_core::formats::docbin::DocBinWriter::default(),
                ))
            }
            None => None,
        };
        let threads = threads.max(1);
        let window = 4 * threads;
        let pipeline = Arc::new(pipeline);
        let (job_tx, job_rx) = mpsc::sync_channel::<Job>(window);
        type Order = (Arc<str>, usize, Receiver<Done>);
        let (order_tx, order_rx) = mpsc::sync_channel::<Order>(window);
        let job_rx = Arc::new(Mutex::new(job_rx));
        for _ in 0..threads {
            let (jobs, p) = (Arc::clone(&job_rx), Arc::clone(&pipeline));
            thread::spawn(move || loop {
                // Hold the lock only to take a job, never while annotating.
                let job = match jobs.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok(job) = job else { return };
                let done = Done {
                    input_bytes: job.bytes.len(),
                    output: annotate_line(&job.bytes, default_dct, &p),
                };
                // The writer has stopped (--strict on an earlier line): nothing to do.
                let _ = job.done.send(done);
            });
        }
        // The reader is not joined: when the writer stops early, the process exits even if
        // stdin is still open.
        thread::spawn(move || read_lines(sources, job_tx, order_tx));

        let stdout = io::stdout();
        let mut out = io::BufWriter::with_capacity(1 << 16, stdout.lock());
        let mut rate = Rate::new(threads);
        let (mut refused, mut lines) = (0usize, 0usize);
        for (at, line, answer) in order_rx {
            lines += 1;
            // Only a panic in the core (reported above it on stderr) leaves a line unanswered.
            let done = answer.recv().unwrap_or(Done {
                input_bytes: 0,
                output: Err("the annotator failed on it".into()),
            });
            match done.output {
                Ok((bytes, doc)) => match &mut docbin {
                    Some((_, w)) => {
                        if let Err(e) = w.add(&doc) {
                            eprintln!("newsmark: {at} line {line}: {e}");
                            refused += 1;
                            if strict {
                                return Err(format!("stopped at {at} line {line} (--strict)"));
                            }
                        }
                    }
                    None => out.write_all(&bytes).map_err(stdout_error)?,
                },
                Err(e) => {
                    // What is good so far is out before the message about what is not.
                    out.flush().map_err(stdout_error)?;
                    eprintln!("newsmark: {at} line {line}: {e}");
                    refused += 1;
                    if strict {
                        rate.finish();
                        return Err(format!("stopped at {at} line {line} (--strict)"));
                    }
                }
            }
            rate.add(done.input_bytes);
        }
        out.flush().map_err(stdout_error)?;
        rate.finish();
        if let Some((path, w)) = docbin {
            let n = w.len();
            std::fs::write(&path, w.finish()).map_err(|e| format!("{}: {e}", path.display()))?;
            eprintln!("wrote {} ({n} documents)", path.display());
        }
        if refused > 0 {
            return Err(format!(
                "{refused} of {lines} lines could not be annotated (each named above); the others were written"
            ));
        }
        Ok(())
    }

    /// Reads the sources line by line (bytes, so a line that is not UTF-8 is reported by
    /// number), skipping blank lines, and queues each for the workers and its answer for the
    /// writer. A source that cannot be opened or read is reported as its own refused line.
    fn read_lines(
        sources: Vec<Source>,
        jobs: SyncSender<Job>,
        order: SyncSender<(Arc<str>, usize, Receiver<Done>)>,
    ) {
        for source in sources {
            let at: Arc<str> = source.name().into();
            let refuse = |line: usize, e: String| {
                let (tx, rx) = mpsc::sync_channel(1);
                let _ = tx.send(Done {
                    input_bytes: 0,
                    output: Err(e),
                });
                order.send((Arc::clone(&at), line, rx)).is_ok()
            };
            let reader: Box<dyn BufRead> = match &source {
                Source::Stdin => Box::new(io::BufReader::with_capacity(1 << 16, io::stdin())),
                Source::File(p) => match std::fs::File::open(p) {
                    Ok(f) => Box::new(io::BufReader::with_capacity(1 << 16, f)),
                    Err(e) => {
                        if !refuse(0, e.to_string()) {
                            return;
                        }
                        continue;
                    }
                },
            };
            if !read_source(reader, &at, &jobs, &order, &refuse) {
                return;
            }
        }
    }

    /// [`read_lines`] for one source; false when the writer has stopped.
    fn read_source(
        mut input: Box<dyn BufRead>,
        at: &Arc<str>,
        jobs: &SyncSender<Job>,
        order: &SyncSender<(Arc<str>, usize, Receiver<Done>)>,
        refuse: &dyn Fn(usize, String) -> bool,
    ) -> bool {
        let mut line = 0;
        loop {
            let mut bytes = Vec::new();
            line += 1;
            match input.read_until(b'\n', &mut bytes) {
                Ok(0) => return true,
                Ok(_) => {
                    if bytes.last() == Some(&b'\n') {
                        bytes.pop();
                        if bytes.last() == Some(&b'\r') {
                            bytes.pop();
                        }
                    }
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    // The job first, then its answer's place in line: the writer only ever
                    // waits for a job that is already queued, so the two never deadlock.
                    let (done_tx, done_rx) = mpsc::sync_channel(1);
                    let job = Job {
                        bytes,
                        done: done_tx,
                    };
                    if jobs.send(job).is_err()
                        || order.send((Arc::clone(at), line, done_rx)).is_err()
                    {
                        return false;
                    }
                }
                // A read error (a folder, a device gone) ends this source, not the run.
                Err(e) => return refuse(line, e.to_string()),
            }
        }
    }

    /// The output line (newline included) for one input line; the error names the field at
    /// fault.
    fn annotate_line(
        bytes: &[u8],
        default_dct: Option<NaiveDate>,
        p: &Pipeline,
    ) -> Result<(Vec<u8>, Document), String> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            )
        })?;
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let serde_json::Value::Object(mut obj) = value else {
            return Err("not a JSON object".into());
        };
        let text = match obj.remove("text") {
            Some(serde_json::Value::String(t)) => t,
            Some(v) => return Err(format!("\"text\" is not a string but {}", kind(&v))),
            None => return Err("missing field `text`".into()),
        };
        let line_dct = match obj.get("dct") {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(d)) => {
                Some(dct::parse_iso_date(d).map_err(|e| format!("\"dct\": {e}"))?)
            }
            Some(v) => {
                return Err(format!(
                    "\"dct\" is not a YYYY-MM-DD string but {}",
                    kind(v)
                ))
            }
        };
        let id = obj.remove("id").unwrap_or(serde_json::Value::Null);
        let choice = DctChoice::given_or_detect(line_dct.or(default_dct));
        let doc = Document::with_dct(&text, choice, p);
        let e = json::export(&doc).map_err(|e| e.to_string())?;
        let line = JsonlOut {
            id,
            dct: e.dct,
            spans: e.spans,
        };
        let mut out = serde_json::to_vec(&line).map_err(|e| e.to_string())?;
        out.push(b'\n');
        Ok((out, doc))
    }

    /// What kind of JSON value `v` is, for messages.
    fn kind(v: &serde_json::Value) -> &'static str {
        match v {
            serde_json::Value::Null => "null",
            serde_json::Value::Bool(_) => "a boolean",
            serde_json::Value::Number(_) => "a number",
            serde_json::Value::String(_) => "a string",
            serde_json::Value::Array(_) => "an array",
            serde_json::Value::Object(_) => "an object",
        }
    }

    /// Documents and bytes done, reported on stderr: a live line while stderr is a terminal
    /// (at most five times a second), one summary line at the end.
    struct Rate {
        start: Instant,
        last_shown: Instant,
        docs: u64,
        bytes: u64,
        threads: usize,
        live: bool,
    }

    impl Rate {
        fn new(threads: usize) -> Self {
            let now = Instant::now();
            Rate {
                start: now,
                last_shown: now,
                docs: 0,
                bytes: 0,
                threads,
                live: io::stderr().is_terminal(),
            }
        }

        fn add(&mut self, bytes: usize) {
            self.docs += 1;
            self.bytes += bytes as u64;
            if self.live && self.last_shown.elapsed() >= Duration::from_millis(200) {
                self.last_shown = Instant::now();
                eprint!("\r\x1b[K{}", self.line());
            }
        }

        fn line(&self) -> String {
            let secs = self.start.elapsed().as_secs_f64().max(1e-9);
            let mb = self.bytes as f64 / 1e6;
            format!(
                "{} docs, {:.1} MB in {:.2} s: {:.0} docs/s, {:.2} MB/s ({} thread{})",
                self.docs,
                mb,
                secs,
                self.docs as f64 / secs,
                mb / secs,
                self.threads,
                if self.threads == 1 { "" } else { "s" }
            )
        }

        fn finish(&self) {
            if self.live {
                eprint!("\r\x1b[K");
            }
            eprintln!("newsmark: {}", self.line());
        }
    }
}
