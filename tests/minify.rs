//! The template minifier against minijinja itself: thousands of small
//! templates, made by a seeded generator from the pieces themes are made of
//! (tags, text, comments, `{{ }}`, block tags with and without whitespace
//! control, `{% raw %}`, every kind of whitespace), are rendered before and
//! after minifying, with the theme's settings (`trim_blocks`,
//! `lstrip_blocks`). A browser must see the same page: the same text, with
//! whitespace in the same places (a run of it counts as one space), and no
//! comment showing. The minifier must also never panic.
//!
//! `SIGNPOST_MINIFY_CASES=<n>` changes the number of generated templates.

use minijinja::Environment;
use signpost::render::minify;

const CASES: usize = 20_000;

/// Things templates are made of.
const PIECES: &[&str] = &[
    "a",
    "b",
    "é",
    "<b>",
    "</b>",
    "<i>x</i>",
    "<br>",
    "<pre> p\n  q</pre>",
    "<textarea>\n t </textarea>",
    "<!-- c -->",
    "<!--\n-->",
    "<!-- {{ d }} -->",
    "<!-->",
    "<!-- a --!>",
    "{{ d }}",
    "{{- d }}",
    "{{ d -}}",
    "{{ e }}",
    "{% set z = 1 %}",
    "{%- set z = 1 %}",
    "{% set z = 1 -%}",
    "{# c #}",
    "{#- c #}",
    "{# c -#}",
    "{# c\n #}",
    "{% raw %} r  {% endraw %}",
    "{% if d %}<u>y</u>{% endif %}",
    "{% if e %}q{% endif %}",
    "{% for x in xs %}{{ x }}{% endfor %}",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "\r",
    "\n  ",
    " \n",
    "\n\n",
    " \n ",
    "\t\n\t",
    "\r\n  ",
    "\n\r",
];

/// A small, fast, seeded generator (xorshift64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn template(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..1 + rng.below(9) {
        let piece = PIECES[rng.below(PIECES.len())];
        match rng.below(12) {
            0 => s.push_str(&format!("{{% if d %}}{piece}{{% endif %}}")),
            1 => s.push_str(&format!("{{% for x in xs %}}{piece}{{% endfor %}}")),
            _ => s.push_str(piece),
        }
    }
    s
}

fn render(env: &Environment<'static>, source: &str) -> Result<String, String> {
    let mut env = env.clone();
    env.add_template_owned("t", source.to_string())
        .map_err(|e| e.to_string())?;
    let t = env.get_template("t").map_err(|e| e.to_string())?;
    t.render(minijinja::context! { d => "D", e => "", xs => vec!["a", "b"] })
        .map_err(|e| e.to_string())
}

/// What a browser shows of `html`: comments (which end at `-->` or `--!>`;
/// `<!-->` is an empty one) left out, each run of whitespace one space.
fn as_seen(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        text.push_str(&rest[..start]);
        let after = &rest[start + 4..];
        let end = if let Some(r) = after.strip_prefix('>') {
            after.len() - r.len()
        } else if let Some(r) = after.strip_prefix("->") {
            after.len() - r.len()
        } else {
            [
                after.find("-->").map(|e| e + 3),
                after.find("--!>").map(|e| e + 4),
            ]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(after.len())
        };
        rest = &after[end..];
    }
    text.push_str(rest);
    let mut out = String::new();
    for (k, word) in text.split(|c: char| c.is_ascii_whitespace()).enumerate() {
        if k > 0 && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The theme's template settings.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    let syntax = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .build()
        .expect("the theme's syntax settings");
    env.set_syntax(syntax);
    env
}

#[test]
fn templates_that_once_broke_the_minifier_look_the_same() {
    let env = environment();
    let sources = [
        "<p>\n  {% if d %}Published {{ d }}{% endif %}\n  <span>Reviewed</span>\n</p>",
        "<ul>\n  {% for x in xs %}\n    <li>{{ x }}</li>\n  {% endfor %}\n</ul>",
        "<a>x</a>\n{% if d %}\n  <b>y</b>{% endif %}  \n  <i>z</i>",
        "{# note #}\n    <em>a</em>\r\n  {% if d %}<em>b</em>{% endif %}\r\n<em>c</em>",
        "<b>a</b>{% if d %} \n  {% endif %}<b>b</b>",
        "<b>a</b>{% if d %}\t\n\t{% endif %}<b>b</b>",
        "<nav>x</nav> \n",
        "<nav>x</nav>\n  ",
        "{{ d -}}<!-- note -->\n<i>z</i>",
        "<b>a</b>{% if d %}<!-- note -->\n<i>z</i>{% endif %}",
        "<b>a</b>\n<!-- note -->{%- if d %}<i>z</i>{% endif %}",
        "<b>a</b>{% if d %}\r<i>z</i>{% endif %}",
        "<b>a</b>{% if d %}\n\r{% endif %}<i>z</i>",
        "<!-- a --!><p>Hello</p><!-- b -->",
    ];
    for source in sources {
        let plain = render(&env, source).expect("the template renders");
        let minified = render(&env, &minify::template(source)).expect("minified, it renders");
        assert_eq!(as_seen(&minified), as_seen(&plain), "{source:?}");
    }
}

#[test]
fn minified_templates_render_pages_that_look_the_same() {
    let cases = std::env::var("SIGNPOST_MINIFY_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES);
    let env = environment();
    let mut rng = Rng(0x5167_9057);
    let mut differences = Vec::new();
    let mut compared = 0;
    for _ in 0..cases {
        let source = template(&mut rng);
        let Ok(plain) = render(&env, &source) else {
            continue; // not a valid template to begin with
        };
        let minified = minify::template(&source);
        compared += 1;
        match render(&env, &minified) {
            Ok(html) if as_seen(&html) == as_seen(&plain) => {}
            other => differences.push(format!(
                "{source:?}\n  minified {minified:?}\n  renders {other:?}\n  instead of {plain:?}"
            )),
        }
    }
    assert!(compared > cases / 2, "only {compared} templates compared");
    assert!(
        differences.is_empty(),
        "{} of {compared} differ, such as:\n{}",
        differences.len(),
        differences[..differences.len().min(5)].join("\n")
    );
}

#[test]
fn the_minifier_never_panics() {
    const ALPHABET: &[&str] = &[
        "<", ">", "{", "}", "%", "#", "-", "!", "\"", "'", " ", "\n", "\r", "a", "é", "pre", "raw",
        "endraw", "/", "=", "\t", "😀",
    ];
    let mut rng = Rng(0x2545_F491);
    for _ in 0..50_000 {
        let source: String = (0..rng.below(30))
            .map(|_| ALPHABET[rng.below(ALPHABET.len())])
            .collect();
        let result = std::panic::catch_unwind(|| minify::template(&source));
        assert!(result.is_ok(), "panicked on {source:?}");
    }
}
