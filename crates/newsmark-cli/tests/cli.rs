//! The CLI door, driven as a user would: files, stdin, JSON lines, bad input.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../www/samples/paris-talks-2025-09-01.txt"
);

fn newsmark(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    // Written from another thread: the CLI streams, so it may fill stdout before it has
    // read all its input, and a single thread writing then reading would deadlock.
    let mut pipe = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // The CLI may stop reading early (a bad line): a broken pipe is fine.
        let _ = pipe.write_all(&stdin);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn chars(text: &str, s: u64, e: u64) -> String {
    text.chars()
        .skip(s as usize)
        .take((e - s) as usize)
        .collect()
}

#[test]
fn annotate_a_file_prints_newsmark_json_with_char_offsets() {
    let out = newsmark(&["annotate", SAMPLE], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "newsmark/1");
    assert_eq!(v["dct"], "2025-09-01");
    let text = v["text"].as_str().unwrap();
    assert_eq!(text, std::fs::read_to_string(SAMPLE).unwrap());
    let spans = v["spans"].as_array().unwrap();
    for s in spans {
        let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
        assert_eq!(chars(text, a, b), s["text"].as_str().unwrap());
    }
    let find = |t: &str| spans.iter().find(|s| s["text"] == t).unwrap();
    assert_eq!(find("Volodymyr Zelensky")["label"], "PER");
    assert_eq!(find("Volodymyr Zelensky")["source"], "model");
    assert_eq!(find("Sept. 4")["value"], "2025-09-04");
    assert_eq!(find("months")["value"], "PXM");
}

#[test]
fn rules_flag_and_dct_override() {
    let out = newsmark(
        &["--rules", "annotate", "--dct", "2024-03-10", "-"],
        b"Merkel met Macron in Paris on Sept. 4.",
    );
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["dct"], "2024-03-10");
    let spans = v["spans"].as_array().unwrap();
    assert!(spans.iter().all(|s| s["source"] == "rule"));
    let date = spans.iter().find(|s| s["label"] == "DATE").unwrap();
    assert_eq!(
        (date["text"].as_str(), date["value"].as_str()),
        (Some("Sept. 4"), Some("2023-09-04")),
        "past tense: the last Sept. 4 before the date"
    );
}

#[test]
fn jsonl_reads_lines_and_echoes_ids() {
    let input = "{\"id\": \"a\", \"text\": \"😀 Talks in Paris on Sept. 4.\", \"dct\": \"2025-09-01\"}\n\n{\"id\": 7, \"text\": \"Nothing on Sept. 4.\"}\n";
    let out = newsmark(&["annotate", "--jsonl"], input.as_bytes());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (&lines[0]["id"], &lines[0]["dct"]),
        (&"a".into(), &"2025-09-01".into())
    );
    let paris = lines[0]["spans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"] == "Paris")
        .unwrap();
    assert_eq!(
        (paris["start"].as_u64(), paris["label"].as_str()),
        (Some(11), Some("LOC"))
    );
    assert_eq!(lines[1]["id"], 7);
    assert_eq!(lines[1]["dct"], serde_json::Value::Null);
    let date = &lines[1]["spans"].as_array().unwrap()[0];
    assert_eq!(
        date["value"], "XXXX-09-04",
        "no DCT: the value stays underspecified"
    );
}

/// `n` JSON lines whose texts differ in length (a long one every 7th), so workers finish
/// them out of order.
fn many_lines(n: usize) -> String {
    (0..n)
        .map(|i| {
            let text = format!("Talks {i} in Paris with Angela Merkel on Sept. 4. ")
                .repeat(if i % 7 == 0 { 20 } else { 1 + i % 3 });
            format!(
                "{}\n",
                serde_json::json!({ "id": i, "text": text, "dct": "2025-09-01" })
            )
        })
        .collect()
}

fn stdout_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn jsonl_keeps_input_order_on_many_threads_and_reports_its_rate() {
    let input = many_lines(1000);
    let one = newsmark(&["annotate", "--jsonl", "--threads", "1"], input.as_bytes());
    let four = newsmark(&["annotate", "--jsonl", "--threads", "4"], input.as_bytes());
    for out in [&one, &four] {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let ids: Vec<u64> = stdout_lines(&four)
        .iter()
        .map(|l| l["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, (0..1000).collect::<Vec<u64>>());
    assert_eq!(
        one.stdout, four.stdout,
        "the same bytes whatever the threads"
    );
    let err = String::from_utf8_lossy(&four.stderr);
    assert!(
        err.contains("1000 docs") && err.contains("docs/s") && err.contains("MB/s"),
        "{err}"
    );
    assert!(err.contains("(4 threads)"), "{err}");
    // Not a terminal: no live progress line, only the summary.
    assert!(!err.contains('\r'), "{err}");
}

#[test]
fn jsonl_threads_must_be_at_least_one() {
    let out = newsmark(&["annotate", "--jsonl", "--threads", "0"], b"");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--threads"));
}

#[test]
fn jsonl_with_strict_stops_at_a_bad_line_after_writing_the_lines_before_it() {
    let mut input = many_lines(300);
    let (bad, bad_utf8) = (201, 251);
    let mut lines: Vec<&str> = input.lines().collect();
    lines[bad - 1] = "{\"id\": 300, \"txt\": \"no text field\"}";
    input = lines.join("\n") + "\n";
    let out = newsmark(
        &["annotate", "--jsonl", "--strict", "--threads", "3"],
        input.as_bytes(),
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("stdin line {bad}: missing field `text`")),
        "{err}"
    );
    let ids: Vec<u64> = stdout_lines(&out)
        .iter()
        .map(|l| l["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, (0..bad as u64 - 1).collect::<Vec<u64>>());

    let mut bytes = Vec::new();
    for (n, l) in many_lines(300).lines().enumerate() {
        if n + 1 == bad_utf8 {
            bytes.extend_from_slice(b"{\"id\": 1, \"text\": \"caf\xe9\"}");
        } else {
            bytes.extend_from_slice(l.as_bytes());
        }
        bytes.push(b'\n');
    }
    let out = newsmark(&["annotate", "--jsonl", "--strict"], &bytes);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("stdin line {bad_utf8}: not UTF-8")),
        "{err}"
    );
    assert_eq!(stdout_lines(&out).len(), bad_utf8 - 1);
}

/// A batch annotates every good line, names each bad one by line and field, and fails at
/// the end (#27: 8 bad lines among 11 good ones used to give 1 line and a stop).
#[test]
fn jsonl_annotates_every_good_line_and_reports_each_bad_one() {
    let good = |k: usize| format!("{{\"id\": {k}, \"text\": \"Talks in Paris on Sept. {k}.\"}}");
    let mut broken_5mb = b"{\"id\": 99, \"text\": \"".to_vec();
    broken_5mb.extend(std::iter::repeat_n(b'x', 5 << 20));
    let bad: Vec<(Vec<u8>, &str)> = vec![
        (b"{broken".to_vec(), "not JSON"),
        (
            b"{\"id\": 1, \"txt\": \"x\"}".to_vec(),
            "missing field `text`",
        ),
        (
            b"{\"id\": 2, \"text\": 42}".to_vec(),
            "\"text\" is not a string but a number",
        ),
        (
            b"{\"id\": 3, \"text\": \"x\", \"dct\": \"+12345-01-01\"}".to_vec(),
            "\"dct\": \u{201c}+12345-01-01\u{201d} is not a YYYY-MM-DD date",
        ),
        (
            b"{\"id\": 4, \"text\": \"x\", \"dct\": \"2025-02-30\"}".to_vec(),
            "\"dct\": \u{201c}2025-02-30\u{201d} is not a YYYY-MM-DD date",
        ),
        (broken_5mb, "not JSON"),
        (b"{\"id\": 5, \"text\": \"caf\xe9\"}".to_vec(), "not UTF-8"),
        (b"[1, 2]".to_vec(), "not a JSON object"),
    ];
    // Good and bad lines interleaved: good 0, bad 0, good 1, bad 1, …, then the rest good.
    let mut input = Vec::new();
    let mut bad_lines = Vec::new();
    let (mut line, mut k) = (0, 0);
    for (b, _) in &bad {
        line += 1;
        input.extend_from_slice(good(k).as_bytes());
        input.push(b'\n');
        k += 1;
        line += 1;
        input.extend_from_slice(b);
        input.push(b'\n');
        bad_lines.push(line);
    }
    while k < 11 {
        input.extend_from_slice(good(k).as_bytes());
        input.push(b'\n');
        k += 1;
    }
    let out = newsmark(&["annotate", "--jsonl", "--threads", "2"], &input);
    assert!(!out.status.success(), "a refused line makes the run fail");
    let ids: Vec<u64> = stdout_lines(&out)
        .iter()
        .map(|l| l["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, (0..11).collect::<Vec<u64>>());
    let err = String::from_utf8_lossy(&out.stderr);
    for ((_, why), line) in bad.iter().zip(&bad_lines) {
        assert!(
            err.contains(&format!("stdin line {line}: {why}")),
            "line {line} ({why}) not reported in:\n{err}"
        );
    }
    assert!(
        err.contains("8 of 19 lines could not be annotated"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// `annotate --jsonl FILE…` reads the files in order (#27: they were ignored for stdin);
/// a folder or a missing file is refused before anything is written.
#[test]
fn jsonl_reads_the_files_it_is_given() {
    let dir = std::env::temp_dir().join(format!("newsmark-cli-jsonl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (a, b) = (dir.join("a.jsonl"), dir.join("b.jsonl"));
    std::fs::write(
        &a,
        "{\"id\": \"a1\", \"text\": \"Paris\"}\n{\"id\": \"a2\", \"text\": 7}\n",
    )
    .unwrap();
    std::fs::write(&b, "{\"id\": \"b1\", \"text\": \"Berlin\"}\n").unwrap();
    let (sa, sb) = (a.to_str().unwrap(), b.to_str().unwrap());
    let out = newsmark(
        &["annotate", "--jsonl", sa, sb],
        b"{\"id\": \"stdin\", \"text\": \"x\"}\n",
    );
    let ids: Vec<String> = stdout_lines(&out)
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a1", "b1"], "stdin is not read when files are given");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{sa} line 2: \"text\" is not a string")),
        "{err}"
    );
    assert!(!out.status.success());

    let out = newsmark(
        &["annotate", "--jsonl", sb, "-"],
        b"{\"id\": \"in\", \"text\": \"x\"}\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ids: Vec<String> = stdout_lines(&out)
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["b1", "in"]);

    for (arg, why) in [
        (dir.to_str().unwrap().to_string(), "is a folder"),
        (
            dir.join("missing.jsonl").display().to_string(),
            "missing.jsonl",
        ),
    ] {
        let out = newsmark(&["annotate", "--jsonl", sb, &arg], b"");
        assert!(!out.status.success(), "{arg}");
        assert!(String::from_utf8_lossy(&out.stderr).contains(why));
        assert!(out.stdout.is_empty(), "nothing written before the refusal");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Output into a pipe whose reader has gone (`| head -1`) ends quietly, as `cat` does
/// (#27: "failed printing to stdout: Broken pipe", exit 134).
#[test]
fn a_closed_pipe_ends_the_program_quietly() {
    let lines = many_lines(50);
    for (args, stdin) in [
        (vec!["annotate", SAMPLE], Vec::new()),
        (vec!["annotate", "--jsonl"], lines.into_bytes()),
        (
            vec!["convert", "--from", "newsmark", "--to", "conll"],
            newsmark(&["annotate", SAMPLE], b"").stdout,
        ),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsmark"))
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the program writes anything.
        drop(child.stdout.take());
        let mut pipe = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || {
            let _ = pipe.write_all(&stdin);
        });
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?} {err}", out.status);
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn impossible_document_dates_are_refused() {
    for d in ["+12345-01-01", "-0001-01-01", "0000-01-01", "2025-02-30"] {
        let out = newsmark(&["annotate", &format!("--dct={d}"), SAMPLE], b"");
        assert!(!out.status.success(), "{d}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("is not a YYYY-MM-DD date"),
            "{d}"
        );
    }
}

#[test]
fn bad_input_gets_a_clear_message_and_a_failure_code() {
    let out = newsmark(&["annotate", "-"], b"caf\xe9 au lait");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));
    let out = newsmark(
        &["annotate", "--jsonl"],
        b"{\"id\": 1, \"text\": \"ok\"}\n{broken\n",
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2"), "{err}");
    let out = newsmark(&["annotate", "/no/such/file.txt"], b"");
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.txt"));
}

#[test]
fn eval_sample_scores_the_gold() {
    let gold = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../www/samples/paris-talks-2025-09-01.gold.json"
    );
    let out = newsmark(&["eval-sample", gold], b"");
    assert!(out.status.success());
    let report = String::from_utf8(out.stdout).unwrap();
    let overall = report.lines().find(|l| l.starts_with("overall")).unwrap();
    let f1: f64 = overall.split_whitespace().last().unwrap().parse().unwrap();
    assert!(f1 >= 0.95, "{report}");
    assert!(
        report.contains("time values right on matched spans: 7/7"),
        "{report}"
    );
}

#[test]
fn convert_between_formats_through_files_and_stdin() {
    let doccano =
        "{\"text\": \"😀 Zoë in 北京\", \"label\": [[2, 5, \"PER\"], [9, 11, \"LOC\"]]}\n";
    let out = newsmark(
        &["convert", "--from", "doccano", "--to", "spacy"],
        doccano.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ents"][1]["label"], "LOC");
    assert_eq!(
        (v["ents"][1]["start"].as_u64(), v["ents"][1]["end"].as_u64()),
        (Some(9), Some(11))
    );

    let dir = std::env::temp_dir().join(format!("newsmark-cli-{}", std::process::id()));
    let out = newsmark(
        &[
            "convert",
            "--from",
            "doccano",
            "--to",
            "brat",
            "--out",
            dir.to_str().unwrap(),
        ],
        doccano.as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2);
    let ann = std::fs::read_to_string(names.iter().find(|n| n.ends_with(".ann")).unwrap()).unwrap();
    assert!(ann.contains("PER 2 5\tZoë"), "{ann}");
    // And back: brat .txt + .ann to doccano gives the same spans.
    let args: Vec<&str> = ["convert", "--from", "brat", "--to", "doccano"]
        .into_iter()
        .chain(names.iter().map(String::as_str))
        .collect();
    let out = newsmark(&args, b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let back: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        back["label"],
        serde_json::json!([[2, 5, "PER"], [9, 11, "LOC"]])
    );
    std::fs::remove_dir_all(&dir).unwrap();

    let out = newsmark(
        &["convert", "--from", "doccano", "--to", "brat"],
        doccano.as_bytes(),
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out"));
    let out = newsmark(&["convert", "--from", "excel", "--to", "brat"], b"");
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown format"));
    let out = newsmark(
        &["convert", "--from", "doccano", "--to", "spacy"],
        b"{\"text\": \"ab\", \"label\": [[1, 9, \"X\"]]}",
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("line 1"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
