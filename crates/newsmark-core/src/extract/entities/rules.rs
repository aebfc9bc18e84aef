//! The rule-based recogniser: runs of capitalised words, cut at titles and function words,
//! classified by word lists, inner cue words and the words around them.

use crate::extract::labels::{LOC, MISC, ORG, PER};
use crate::lexicon::{self, class, Lexicon};
use crate::model::decode::Tagged;
use crate::text::{Token, TokenKind};

/// Lower-case particles allowed inside a person's name ("Ursula von der Leyen").
pub(super) const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "bin", "ibn",
    "al", "el", "dos", "das", "ter",
];

/// Prepositions after which an unknown single name is most likely a place.
const PLACE_PREPS: &[&str] = &[
    "in", "at", "from", "near", "outside", "across", "into", "toward", "towards", "via",
];

/// Verbs of saying after which an unknown single name is most likely a person.
const SAY_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "wrote",
    "argued",
    "insisted",
    "explained",
    "asked",
];

fn is_cap(text: &str, t: &Token) -> bool {
    t.kind == TokenKind::Word && t.text(text).chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

/// Tags one sentence (`toks`) of `text`. `first` says whether `toks[0]` starts a sentence.
pub(super) fn tag_sentence(text: &str, toks: &[Token], lex: &Lexicon, out: &mut Vec<Tagged>) {
    let n = toks.len();
    let word = |i: usize| toks[i].text(text);
    let title = |i: usize| lex.is(word(i), class::TITLE) && is_cap(text, &toks[i]);
    // Index of the first word of the sentence, after opening quotes and brackets.
    let start = toks
        .iter()
        .position(|t| t.kind != TokenKind::Punct)
        .unwrap_or(n);
    let mut i = 0;
    while i < n {
        if !is_cap(text, &toks[i]) {
            i += 1;
            continue;
        }
        // A run of titles ("Prime Minister", "Secretary-General").
        let mut j = i;
        while j < n && (title(j) || (j > i && word(j) == "-" && j + 1 < n && title(j + 1))) {
            j += 1;
        }
        let titled = j > i;
        // The capitalised run after it.
        let a = j;
        let mut b = a;
        while b < n {
            if is_cap(text, &toks[b]) && (b == a || !title(b) || org_tail(text, toks, b, lex)) {
                b += 1;
            } else if b > a {
                // Lower-case particles ("von der"), "&", or "of" after an organisation word,
                // kept only when a capitalised word follows them.
                let mut k = b;
                while k < n && adjacent(toks, k) {
                    let w = word(k);
                    let org_of =
                        w == "of" && k == b && lex.is(word(k - 1), class::ORG_WORD | class::TITLE);
                    if PARTICLES.contains(&w) || w == "&" || org_of {
                        k += 1;
                    } else {
                        break;
                    }
                }
                if k > b && k < n && is_cap(text, &toks[k]) && adjacent(toks, k) {
                    b = k;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        if titled && b > a && ends_in_org_word(text, &toks[a..b], lex) {
            // "Foreign Ministry", "General Motors": the titles belong to the name.
            classify(text, toks, i, b, false, start, lex, out);
        } else if b > a {
            classify(text, toks, a, b, titled, start, lex, out);
        } else if titled && j == i + 1 && i != start && lex.is(word(i), class::ORG_WORD) {
            // A lone "Congress" that is also a title word.
            out.push(Tagged {
                start: i,
                end: j,
                label: ORG,
            });
        }
        i = b.max(j).max(i + 1);
    }
}

/// True when token `k` follows token `k - 1` with at most one space between them.
fn adjacent(toks: &[Token], k: usize) -> bool {
    k > 0 && toks[k].span.start - toks[k - 1].span.end <= 1
}

fn org_tail(text: &str, toks: &[Token], b: usize, lex: &Lexicon) -> bool {
    // A title word inside a run is kept when the run goes on to an organisation word
    // ("Justice Department"), otherwise it ends the run ("Mark Rutte Secretary ...").
    let mut k = b;
    while k < toks.len() && is_cap(text, &toks[k]) {
        if lex.is(toks[k].text(text), class::ORG_WORD) && !lex.is(toks[k].text(text), class::TITLE)
        {
            return true;
        }
        k += 1;
    }
    false
}

fn ends_in_org_word(text: &str, run: &[Token], lex: &Lexicon) -> bool {
    run.last()
        .is_some_and(|t| lex.is(t.text(text), class::ORG_WORD))
}

#[allow(clippy::too_many_arguments)]
fn classify(
    text: &str,
    toks: &[Token],
    mut a: usize,
    b: usize,
    titled: bool,
    start: usize,
    lex: &Lexicon,
    out: &mut Vec<Tagged>,
) {
    let word = |i: usize| toks[i].text(text);
    // Leading function words ("The", "Despite", "According").
    while a < b && lex.is(word(a), class::STOP) && !titled {
        a += 1;
    }
    if a >= b {
        return;
    }
    let run = &toks[a..b];
    let whole = lex.classes_of(text, run);
    if let Some(label) = by_list(whole) {
        out.push(Tagged {
            start: a,
            end: b,
            label,
        });
        return;
    }
    // A nationality or place in front of the rest ("Russian Foreign Ministry" stays whole
    // because it ends in an organisation word; "European leaders" never gets here).
    if b - a > 1 && !ends_in_org_word(text, run, lex) && !titled {
        for cut in (a + 1..b).rev() {
            let head = lex.classes_of(text, &toks[a..cut]);
            if head & (class::NATIONALITY | class::PLACE | class::ORG) != 0 {
                if let Some(label) = by_list(head) {
                    out.push(Tagged {
                        start: a,
                        end: cut,
                        label,
                    });
                    classify(text, toks, cut, b, false, start, lex, out);
                    return;
                }
            }
        }
    }
    let len = b - a;
    let has_org_word = run.iter().enumerate().any(|(k, t)| {
        lex.is(t.text(text), class::ORG_WORD)
            && (len > 1 || k == 0)
            && !lex.is(t.text(text), class::FIRST_NAME)
    });
    if has_org_word && (len > 1 || a != start) {
        out.push(Tagged {
            start: a,
            end: b,
            label: ORG,
        });
        return;
    }
    if titled {
        out.push(Tagged {
            start: a,
            end: b,
            label: PER,
        });
        return;
    }
    if len >= 2 {
        let first = word(a);
        if run.iter().all(|t| is_all_caps(t.text(text))) {
            out.push(Tagged {
                start: a,
                end: b,
                label: ORG,
            });
        } else if lex.is(first, class::FIRST_NAME) || run.iter().all(|t| !is_all_caps(t.text(text)))
        {
            out.push(Tagged {
                start: a,
                end: b,
                label: PER,
            });
        } else {
            out.push(Tagged {
                start: a,
                end: b,
                label: ORG,
            });
        }
        return;
    }
    // One unknown capitalised word.
    let w = word(a);
    if is_all_caps(w) && w.chars().count() <= 6 {
        out.push(Tagged {
            start: a,
            end: b,
            label: ORG,
        });
        return;
    }
    if a == start {
        // Sentence-initial: kept only when something below makes it a name; otherwise the
        // document-level pass may still link it to a known person.
        return;
    }
    let prev = if a > 0 {
        toks[a - 1].text(text).to_lowercase()
    } else {
        String::new()
    };
    let prev2 = if a > 1 {
        toks[a - 2].text(text).to_lowercase()
    } else {
        String::new()
    };
    let next = toks.get(b).map_or("", |t| t.text(text));
    let label = if prev == "to" && prev2 == "according" {
        ORG
    } else if PLACE_PREPS.contains(&prev.as_str()) {
        LOC
    } else if SAY_VERBS.contains(&next) || lex.is(w, class::FIRST_NAME) {
        PER
    } else if next == "and" || next == "or" || prev == "and" || prev == "or" {
        // Coordination: same type as the neighbour, decided by the caller's later pass.
        "?"
    } else {
        ORG
    };
    out.push(Tagged {
        start: a,
        end: b,
        label,
    });
}

fn by_list(c: u16) -> Option<&'static str> {
    if c & class::ORG != 0 {
        Some(ORG)
    } else if c & class::PLACE != 0 {
        Some(LOC)
    } else if c & class::NATIONALITY != 0 {
        Some(MISC)
    } else {
        None
    }
}

/// Resolves coordination placeholders ("AFP and Suspline"): a `?` takes the label of a
/// neighbour across `and`/`or`, else ORG.
pub(super) fn resolve_coordination(text: &str, toks: &[Token], tags: &mut [Tagged]) {
    for k in 0..tags.len() {
        if tags[k].label != "?" {
            continue;
        }
        let mut label = ORG;
        let (s, e) = (tags[k].start, tags[k].end);
        if k > 0
            && tags[k - 1].end + 1 == s
            && matches!(toks[s - 1].text(text), "and" | "or")
            && coordinable(tags[k - 1].label)
        {
            label = tags[k - 1].label;
        } else if k + 1 < tags.len()
            && e + 1 == tags[k + 1].start
            && matches!(toks[e].text(text), "and" | "or")
            && coordinable(tags[k + 1].label)
        {
            label = tags[k + 1].label;
        }
        tags[k].label = label;
    }
}

fn coordinable(label: &str) -> bool {
    label == ORG || label == LOC || label == PER
}

/// The lexicon, for callers of this module.
pub(super) fn lexicon() -> &'static Lexicon {
    lexicon::get()
}
