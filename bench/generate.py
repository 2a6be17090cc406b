#!/usr/bin/env python3
"""Generate a deterministic N-page benchmark site for Signpost or Hugo.

    generate.py --pages 10000 --out /tmp/site --flavour signpost
    generate.py --pages 10000 --out /tmp/site --flavour hugo
    generate.py --pages 10000 --out /tmp/site --flavour site

The signpost and hugo flavours hold the same pages with the same text (the
same seed gives the same words) under a minimal theme; only the front matter
names, the link style and the theme differ. The site flavour (Signpost only)
is a "bench site": the repository's own default theme and pages like the
example site's (services, team members, courses and vacancies with their
kinds' fields, services naming their team members and vacancies their
course). Standard library only.
"""

import argparse
import os
import random
import shutil
import struct
import sys
import zlib

SECTIONS = 20
NAV_SECTIONS = 5
TARGET_BYTES = 3300  # markdown per page, front matter included

WORDS = """
access advice appointment assessment audit balance benefit budget carer care
change choice clinic community confidence contact council course crisis daily
decision discharge early education employment equality evidence experience
family feedback follow friend future goal group guidance health help home
hospital housing idea improvement independence information inpatient insight
involvement journey knowledge language learning leave letter listening local
meeting member mental money morning network nurse outcome partner patient
people person plan practice prevention progress project quality recovery
referral relationship resource review risk routine safety school service
session skill sleep social specialist staff step story strength stress
support team therapy time training transport treatment trust understanding
value visit voice volunteer walk wellbeing work worker workshop young
""".split()

VERBS = """
explains describes covers offers supports helps shows lists outlines reviews
improves shares builds connects guides includes answers sets plans records
""".split()

ADJECTIVES = """
clear practical local regular weekly friendly short simple useful shared
flexible personal structured gentle honest open careful steady safe new
""".split()

SECTION_TOPICS = [
    "adult services", "young people", "older adults", "carers", "recovery college",
    "peer support", "housing advice", "employment support", "physical health",
    "community teams", "crisis care", "inpatient wards", "forensic services",
    "learning disabilities", "talking therapies", "perinatal care",
    "eating disorders", "substance use", "research", "volunteering",
]


def slugify(text):
    out = []
    for ch in text.lower():
        out.append(ch if ch.isalnum() else "-")
    slug = "".join(out)
    while "--" in slug:
        slug = slug.replace("--", "-")
    return slug.strip("-")


def tiny_png(rgb):
    """A valid 2x2 PNG of one colour."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(rgb) * 2 for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))


class Text:
    def __init__(self, rng):
        self.rng = rng

    def words(self, lo, hi):
        return [self.rng.choice(WORDS) for _ in range(self.rng.randint(lo, hi))]

    def sentence(self):
        w = self.words(3, 6) + [self.rng.choice(VERBS)] + [self.rng.choice(ADJECTIVES)] + self.words(3, 8)
        s = " ".join(w)
        return s[0].upper() + s[1:] + "."

    def paragraph(self, lo=3, hi=6):
        return " ".join(self.sentence() for _ in range(self.rng.randint(lo, hi)))

    def phrase(self, lo=2, hi=4):
        s = " ".join(self.words(lo, hi))
        return s[0].upper() + s[1:]


def plan_site(n_pages, rng):
    sections = []
    for i in range(SECTIONS):
        topic = SECTION_TOPICS[i % len(SECTION_TOPICS)]
        slug = "s%02d-%s" % (i + 1, slugify(topic))
        sections.append({"slug": slug, "title": topic[0].upper() + topic[1:], "index": i})
    pages = []
    for n in range(n_pages):
        sec = sections[rng.randrange(SECTIONS)]
        words = [rng.choice(WORDS) for _ in range(3)]
        title_words = " ".join(words)
        title = "%s %s (%05d)" % (title_words[0].upper() + title_words[1:], rng.choice(["guide", "advice", "support", "information", "help"]), n + 1)
        slug = "p%05d-%s" % (n + 1, slugify(" ".join(words)))
        pages.append({"n": n, "section": sec, "slug": slug, "title": title, "weight": rng.randint(1, 1000)})
    return sections, pages


def page_body(page, pages, rng, flavour):
    t = Text(rng)
    sec = page["section"]["slug"]
    parts = []
    parts.append(t.paragraph())
    parts.append("## " + t.phrase() + " overview")
    parts.append(t.paragraph())
    parts.append("### " + t.phrase() + " details")
    parts.append(t.paragraph(2, 4))
    parts.append("\n".join("- " + t.phrase(3, 7) for _ in range(rng.randint(4, 6))))
    parts.append("## " + t.phrase() + " at a glance")
    rows = ["| Service | Day | Contact |", "| --- | --- | --- |"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    for _ in range(rng.randint(3, 5)):
        rows.append("| %s | %s | %s |" % (t.phrase(2, 3), rng.choice(days), t.phrase(1, 2)))
    parts.append("\n".join(rows))
    alt = "Diagram showing how %s connects to %s" % (" ".join(t.words(2, 3)), " ".join(t.words(1, 2)))
    img = "diagram.png" if flavour == "signpost" else "../diagram.png"
    parts.append("![%s](%s)" % (alt, img))
    parts.append("## " + t.phrase() + " and related pages")
    links = []
    link_chars = 0
    others = rng.sample(range(len(pages)), 4)
    others = [o for o in others if o != page["n"]][:3]
    for o in others:
        other = pages[o]
        osec = other["section"]["slug"]
        if flavour == "signpost":
            href = other["slug"] + ".md" if osec == sec else "../%s/%s.md" % (osec, other["slug"])
        else:
            href = "../%s/" % other["slug"] if osec == sec else "../../%s/%s/" % (osec, other["slug"])
        links.append("[%s](%s)" % (other["title"], href))
        link_chars += len(other["title"]) + 30
    parts.append("See also %s, %s and %s." % tuple(links) if len(links) == 3 else "See also " + ", ".join(links) + ".")
    # Pad with further subsections until the page reaches the target size.
    # The size is estimated without the link addresses, so both flavours get
    # the same number of paragraphs (the same words).
    body = "\n\n".join(parts)
    size = len("\n\n".join(parts[:-1])) + link_chars + 20
    extra = []
    while size + sum(len(e) + 2 for e in extra) < TARGET_BYTES - 420:
        extra.append("### " + t.phrase() + " notes")
        extra.append(t.paragraph(2, 4))
    # ### after "## ... related pages" is one level down: no skipped level.
    return body + ("\n\n" + "\n\n".join(extra) if extra else "") + "\n"


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def front_matter(flavour, title, summary, weight, date):
    if flavour == "signpost":
        lines = ["title: " + yaml_str(title), "summary: " + yaml_str(summary),
                 "weight: %d" % weight, "last_reviewed: " + date]
    else:
        lines = ["title: " + yaml_str(title), "description: " + yaml_str(summary),
                 "weight: %d" % weight, "date: " + date]
    return "---\n" + "\n".join(lines) + "\n---\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


SIGNPOST_BASE = """<!DOCTYPE html>
<html lang="{{ site.language or 'en-GB' }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{% if page is defined and page and page.title %}{{ page.title }} - {% endif %}{{ site.title }}{% endblock %}</title>
<link rel="stylesheet" href="{{ url('/css/site.css') }}">
</head>
<body>
<header><a href="{{ url('/') }}">{{ site.organisation }}</a>
<nav aria-label="Main"><ul>
{% for item in nav %}<li><a href="{{ item.url }}"{% if item.current %} aria-current="page"{% endif %}>{{ item.title }}</a></li>
{% endfor %}</ul></nav>
</header>
{% if breadcrumbs is defined and breadcrumbs %}<nav aria-label="Breadcrumb"><ol>
{% for crumb in breadcrumbs %}<li><a href="{{ crumb.url }}">{{ crumb.title }}</a></li>
{% endfor %}</ol></nav>{% endif %}
<main id="maincontent">
{% block content %}{% endblock %}
</main>
</body>
</html>
"""

SIGNPOST_PAGE = """{% extends "base.html" %}
{% block content %}
<h1>{{ page.title }}</h1>
<p class="lede">{{ page.summary }}</p>
{% if page.last_reviewed %}<p>Page last reviewed: {{ page.last_reviewed }}</p>{% endif %}
<div class="content">
{{ page.content | safe }}
</div>
{% endblock %}
"""

SIGNPOST_SECTION = """{% extends "base.html" %}
{% block content %}
<h1>{{ page.title }}</h1>
<p class="lede">{{ page.summary }}</p>
<div class="content">
{{ page.content | safe }}
</div>
{% if section is defined and section %}
{% if section.subsections %}<ul class="listing">
{% for item in section.subsections %}<li><h2><a href="{{ item.url }}">{{ item.title }}</a></h2><p>{{ item.summary }}</p></li>
{% endfor %}</ul>{% endif %}
{% if section.pages %}<ul class="listing">
{% for item in section.pages %}<li><h2><a href="{{ item.url }}">{{ item.title }}</a></h2><p>{{ item.summary }}</p></li>
{% endfor %}</ul>{% endif %}
{% endif %}
{% endblock %}
"""

SIGNPOST_404 = """{% extends "base.html" %}
{% block title %}Page not found - {{ site.title }}{% endblock %}
{% block content %}
<h1>Page not found</h1>
<p><a href="{{ url('/') }}">Go to the {{ site.title }} home page</a></p>
{% endblock %}
"""

SIGNPOST_THANKS = """{% extends "base.html" %}
{% block title %}Thank you for your feedback - {{ site.title }}{% endblock %}
{% block content %}
<h1>Thank you for your feedback</h1>
<p><a href="{{ url('/') }}">Go to the {{ site.title }} home page</a></p>
{% endblock %}
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} - {{ end }}{{ site.Title }}</title>
<link rel="stylesheet" href="{{ "css/site.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Params.organisation }}</a>
<nav aria-label="Main"><ul>
{{ $cur := . }}{{ range site.Menus.main }}<li><a href="{{ .URL }}"{{ if or ($cur.IsMenuCurrent "main" .) ($cur.HasMenuCurrent "main" .) }} aria-current="page"{{ end }}>{{ .Name }}</a></li>
{{ end }}</ul></nav>
</header>
{{ if not .IsHome }}<nav aria-label="Breadcrumb"><ol>
{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ol></nav>{{ end }}
<main id="maincontent">
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"""

HUGO_SINGLE = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<p class="lede">{{ .Description }}</p>
{{ with .Date }}<p>Page last reviewed: {{ .Format "2006-01-02" }}</p>{{ end }}
<div class="content">
{{ .Content }}
</div>
{{ end }}
"""

HUGO_LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<p class="lede">{{ .Description }}</p>
<div class="content">
{{ .Content }}
</div>
{{ with .Sections }}<ul class="listing">
{{ range . }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Description }}</p></li>
{{ end }}</ul>{{ end }}
{{ with .RegularPages }}<ul class="listing">
{{ range . }}<li><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Description }}</p></li>
{{ end }}</ul>{{ end }}
{{ end }}
"""

HUGO_404 = """{{ define "main" }}
<h1>Page not found</h1>
<p><a href="{{ "/" | relURL }}">Go to the {{ site.Title }} home page</a></p>
{{ end }}
"""

# With --search: the search page (results need JavaScript) and the A to Z.
SIGNPOST_SEARCH = """{% extends "base.html" %}
{% block content %}<h1>Search</h1>
<div id="search-app" data-bundle="{{ search.bundle_url }}" hidden></div>
<p><a href="{{ search.a_z_url }}">A to Z of pages</a></p>
{% endblock %}
"""

SIGNPOST_A_Z = """{% extends "base.html" %}
{% block content %}<h1>A to Z of pages</h1>
{% for group in a_z %}<h2>{{ group.kind }}</h2><ul>
{% for p in group.pages %}<li><a href="{{ p.url }}">{{ p.title }}</a></li>
{% endfor %}</ul>{% endfor %}
{% endblock %}
"""

CSS = """body { font-family: Arial, sans-serif; max-width: 60rem; margin: 0 auto; line-height: 1.5; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: .25rem .5rem; }
.lede { font-size: 1.2rem; } nav ul, nav ol { list-style: none; padding: 0; display: flex; gap: 1rem; }
"""


BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
REPO_THEME = os.path.join(os.path.dirname(BENCH_DIR), "themes", "default")

# The bench site's sections: folder, kind, title, share of the pages.
SITE_SECTIONS = [
    ("services", "service", "Where peer support workers work", 0.4),
    ("team", "team_member", "Our team", 0.3),
    ("training", "course", "Training", 0.15),
    ("vacancies", "vacancy", "Vacancies", 0.15),
]
FIRST_NAMES = "Alex Sam Jo Chris Priya Amir Lena Tom Grace Omar Ruth Ben Aisha Leo Maya Dan".split()
LAST_NAMES = "Smith Patel Khan Jones Brown Taylor Wilson Ahmed Evans Clarke Hughes Shaw".split()
LOCALITIES = ["City", "County north", "County south", "Bassetlaw", "Mansfield", "Newark"]


def yaml_list(items, indent="  "):
    return "".join("%s- %s\n" % (indent, yaml_str(i)) for i in items)


def yaml_block(text):
    return "|\n" + "".join("  " + line + "\n" for line in text.split("\n"))


def site_page_front(page, plan, rng):
    """The front matter of one bench-site page, by its kind."""
    t = Text(rng)
    kind = page["section"]["kind"]
    summary = "%s (page %d)." % (t.sentence()[:-1], page["n"] + 1)
    review = "last_reviewed: 2026-%02d-%02d\nnext_review_due: 2027-%02d-%02d\n" % (
        rng.randint(1, 10), rng.randint(1, 28), rng.randint(1, 12), rng.randint(1, 28))
    if kind == "team_member":
        return ("name: %s\nrole: %s\nbio: %s\nweight: %d\n" % (
            yaml_str(page["title"]), yaml_str(t.phrase(2, 3) + " worker"),
            yaml_str(t.sentence()), page["weight"]) + review)
    head = "title: %s\nsummary: %s\n" % (yaml_str(page["title"]), yaml_str(summary))
    if kind == "service":
        team = rng.sample(plan["team_member"], min(3, len(plan["team_member"])))
        return (head + "localities:\n" + yaml_list(rng.sample(LOCALITIES, 3))
                + "who_it_is_for: %s\n" % yaml_str(t.sentence())
                + "how_to_be_referred: %s\n" % yaml_str(t.sentence() + " Ask your **GP** or care coordinator.")
                + "contact: %s\n" % yaml_str("Email [the team](mailto:team%d@example.org)." % page["n"])
                + "team_members:\n" + yaml_list(p["slug"] for p in team) + review)
    if kind == "course":
        start = "2027-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 20))
        end = start[:8] + "%02d" % (int(start[8:]) + 1)
        return (head + "format: Online\nduration: Six hours over two days\ntotal_hours: 6\nis_free: true\n"
                + "audience: " + yaml_block(t.paragraph(2, 3))
                + "learning_outcomes:\n" + yaml_list(t.phrase(3, 6) for _ in range(4))
                + "topics:\n" + yaml_list(t.phrase(2, 5) for _ in range(5))
                + "how_to_book: " + yaml_block("Email [the team](mailto:book@example.org) to " + t.sentence().lower())
                + "dates:\n  - start: %s\n    end: %s\n    note: Places available\n" % (start, end) + review)
    if kind == "vacancy":
        course = rng.choice(plan["course"])["slug"] if plan["course"] else None
        low = rng.randint(22, 30) * 1000
        return (head + "closing_date: 2027-%02d-%02d\n" % (rng.randint(1, 12), rng.randint(1, 28))
                + "location: %s\n" % yaml_str(rng.choice(LOCALITIES) + " community team")
                + "pay: %s\n" % yaml_str("Band 3 (£%d to £%d a year)" % (low, low + 2000))
                + "hours: 37.5 hours a week\n"
                + "eligibility_criteria:\n" + yaml_list(t.phrase(4, 7) for _ in range(3))
                + "how_to_apply: %s\n" % yaml_str("Apply on [the recruitment website](https://example.org/jobs).")
                + ("course: %s\n" % course if course else "")
                + "apply_url: https://example.org/jobs\nposted: 2026-11-01\nemployment_type: full_time\n"
                + "salary_min: %d\nsalary_max: %d\n" % (low, low + 2000) + review)
    return head + review


def generate_site(n_pages, out, seed):
    """The bench site: the default theme, and pages of the example site's kinds."""
    rng = random.Random(seed)
    sections = [{"slug": slug, "kind": kind, "title": title, "index": i}
                for i, (slug, kind, title, _) in enumerate(SITE_SECTIONS)]
    pages = []
    plan = {kind: [] for _, kind, _, _ in SITE_SECTIONS}
    weights = [share for _, _, _, share in SITE_SECTIONS]
    for n in range(n_pages):
        sec = rng.choices(sections, weights)[0]
        words = [rng.choice(WORDS) for _ in range(3)]
        if sec["kind"] == "team_member":
            title = "%s %s (%05d)" % (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), n + 1)
        else:
            title_words = " ".join(words)
            title = "%s %s (%05d)" % (title_words[0].upper() + title_words[1:], rng.choice(
                {"service": ["team", "service", "clinic"], "course": ["course", "workshop"],
                 "vacancy": ["peer support worker", "senior peer support worker"]}[sec["kind"]]), n + 1)
        page = {"n": n, "section": sec, "slug": "p%05d-%s" % (n + 1, slugify(" ".join(words))),
                "title": title, "weight": rng.randint(1, 1000)}
        pages.append(page)
        plan[sec["kind"]].append(page)
    content = os.path.join(out, "content")
    write(os.path.join(content, "_index.md"),
          "---\ntitle: Peer support\nsummary: A generated bench site of %d pages.\n---\n\n"
          "Find out about [our services](services/_index.md), [our team](team/_index.md), "
          "[training](training/_index.md) and [vacancies](vacancies/_index.md).\n" % n_pages)
    for name, title in (("about", "About peer support"), ("contact", "Contact us"),
                        ("accessibility", "Accessibility statement")):
        t = Text(random.Random("%d-%s" % (seed, name)))
        write(os.path.join(content, name + ".md"),
              "---\ntitle: %s\nsummary: %s\n---\n\n%s\n\n## %s\n\n%s\n" % (
                  title, t.sentence(), t.paragraph(), t.phrase() + " overview", t.paragraph()))
    for sec in sections:
        t = Text(random.Random("%d-%s" % (seed, sec["slug"])))
        extra = ""
        if sec["kind"] == "vacancy":
            extra = "eligibility_criteria:\n" + yaml_list(t.phrase(4, 7) for _ in range(2))
        write(os.path.join(content, sec["slug"], "_index.md"),
              "---\ntitle: %s\nsummary: %s\n%s---\n\n%s\n" % (sec["title"], t.sentence(), extra, t.paragraph()))
        with open(os.path.join(content, sec["slug"], "diagram.png"), "wb") as f:
            f.write(tiny_png((40 + 10 * sec["index"], 94, 184)))
    for page in pages:
        prng = random.Random("%d-page-%d" % (seed, page["n"]))
        front = site_page_front(page, plan, prng)
        body = page_body(page, pages, prng, "signpost")
        write(os.path.join(content, page["section"]["slug"], page["slug"] + ".md"), "---\n" + front + "---\n\n" + body)
    write(os.path.join(out, "site.yaml"),
          "title: Peer support\n"
          "organisation: Example NHS Foundation Trust\n"
          "base_url: https://example.org/\n"
          "description: A generated bench site in the style of the example site.\n"
          "sections:\n" + "".join("  %s: %s\n" % (slug, kind) for slug, kind, _, _ in SITE_SECTIONS)
          + "nav:\n  - _index.md\n  - about.md\n" + "".join("  - %s\n" % slug for slug, _, _, _ in SITE_SECTIONS)
          + "  - contact.md\n"
          "footer_links:\n  - title: Contact us\n    url: /contact/\n"
          "  - title: Accessibility statement\n    url: /accessibility/\n"
          "contact:\n  email: peer.support@example.org\n"
          "urgent_help: |\n  This website is not for emergencies. If you need help now, call **111**.\n"
          "feedback:\n  endpoint: https://example.org/feedback\n"
          # Site search is measured on its own (see --search).
          "search: false\n")
    shutil.copytree(REPO_THEME, os.path.join(out, "themes", "default"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--flavour", choices=["signpost", "hugo", "site"], required=True)
    ap.add_argument("--seed", type=int, default=20261124)
    ap.add_argument("--search", action="store_true",
                    help="signpost only: give the theme a search page, so the build writes a search index")
    args = ap.parse_args()
    if args.pages < 4:
        sys.exit("--pages must be at least 4")

    out = args.out
    marker = os.path.join(out, ".bench-generated")
    if os.path.exists(out) and os.listdir(out):
        if not os.path.exists(marker):
            sys.exit("%s is not empty and was not made by generate.py; choose another --out" % out)
        shutil.rmtree(out)
    os.makedirs(out, exist_ok=True)
    with open(marker, "w") as f:
        f.write("Made by bench/generate.py; deleted when it runs again.\n")
    if args.flavour == "site":
        generate_site(args.pages, out, args.seed)
        report(out, args.flavour, args.pages, len(SITE_SECTIONS))
        return
    rng = random.Random(args.seed)
    sections, pages = plan_site(args.pages, rng)
    content = os.path.join(out, "content")
    signpost = args.flavour == "signpost"

    # Home page.
    write(os.path.join(content, "_index.md"),
          front_matter(args.flavour, "Benchmark home", "A generated site of %d pages for benchmarking." % args.pages, 1, "2026-11-01")
          + "\nThis site is generated by bench/generate.py. Choose a section below.\n")

    # Sections, each with its own tiny image.
    for sec in sections:
        srng = random.Random("%d-%s" % (args.seed, sec["slug"]))
        t = Text(srng)
        summary = "Pages about %s: %s." % (sec["title"].lower(), " ".join(t.words(4, 7)))
        write(os.path.join(content, sec["slug"], "_index.md"),
              front_matter(args.flavour, sec["title"], summary, sec["index"] + 1, "2026-10-01")
              + "\n" + t.paragraph() + "\n")
        with open(os.path.join(content, sec["slug"], "diagram.png"), "wb") as f:
            f.write(tiny_png((40 + 10 * sec["index"], 94, 184)))

    # Pages: the text comes from one PRNG stream per page, so both flavours get
    # the same words whatever the link style.
    for page in pages:
        prng = random.Random("%d-page-%d" % (args.seed, page["n"]))
        t = Text(prng)
        summary = "%s (page %d)." % (t.sentence()[:-1], page["n"] + 1)
        date = "2026-%02d-%02d" % (prng.randint(1, 10), prng.randint(1, 28))
        body = page_body(page, pages, prng, args.flavour)
        write(os.path.join(content, page["section"]["slug"], page["slug"] + ".md"),
              front_matter(args.flavour, page["title"], summary, page["weight"], date) + "\n" + body)

    nav = [s["slug"] for s in sections[:NAV_SECTIONS]]
    if signpost:
        write(os.path.join(out, "site.yaml"),
              "title: Benchmark site\n"
              "organisation: Example NHS Foundation Trust\n"
              "base_url: https://example.org/\n"
              "nav:\n" + "".join("  - %s\n" % s for s in nav)
              + "feedback:\n  endpoint: https://example.org/feedback\n")
        tpl = os.path.join(out, "themes", "default", "templates")
        write(os.path.join(tpl, "base.html"), SIGNPOST_BASE)
        write(os.path.join(tpl, "page.html"), SIGNPOST_PAGE)
        write(os.path.join(tpl, "section.html"), SIGNPOST_SECTION)
        write(os.path.join(tpl, "index.html"), SIGNPOST_SECTION)
        write(os.path.join(tpl, "404.html"), SIGNPOST_404)
        write(os.path.join(tpl, "feedback_thanks.html"), SIGNPOST_THANKS)
        if args.search:
            write(os.path.join(tpl, "base.html"),
                  SIGNPOST_BASE.replace('<main id="maincontent">', '<main id="maincontent" data-search-body>'))
            write(os.path.join(tpl, "search.html"), SIGNPOST_SEARCH)
            write(os.path.join(tpl, "a_z.html"), SIGNPOST_A_Z)
        write(os.path.join(out, "themes", "default", "static", "css", "site.css"), CSS)
    else:
        menu = "".join(
            '[[menu.main]]\n  name = "%s"\n  pageRef = "/%s"\n  weight = %d\n\n' % (s["title"], s["slug"], s["index"] + 1)
            for s in sections[:NAV_SECTIONS])
        write(os.path.join(out, "config.toml"),
              'baseURL = "https://example.org/"\n'
              'title = "Benchmark site"\n'
              'languageCode = "en-GB"\n'
              'enableRobotsTXT = true\n'
              'rssLimit = 50\n'
              # What Signpost makes too: a sitemap, robots.txt and one
              # site-wide feed of the 50 newest; no taxonomies, no feed per
              # section.
              'disableKinds = ["taxonomy", "term"]\n'
              "\n[outputs]\n  home = [\"HTML\", \"RSS\"]\n  section = [\"HTML\"]\n"
              "\n[params]\n  organisation = \"Example NHS Foundation Trust\"\n\n" + menu)
        lay = os.path.join(out, "layouts")
        write(os.path.join(lay, "_default", "baseof.html"), HUGO_BASEOF)
        write(os.path.join(lay, "_default", "single.html"), HUGO_SINGLE)
        write(os.path.join(lay, "_default", "list.html"), HUGO_LIST)
        write(os.path.join(lay, "index.html"), HUGO_LIST)
        write(os.path.join(lay, "404.html"), HUGO_404)
        write(os.path.join(out, "static", "css", "site.css"), CSS)

    report(out, args.flavour, args.pages, SECTIONS)


def report(out, flavour, n_pages, n_sections):
    total = 0
    for d, _, files in os.walk(os.path.join(out, "content")):
        total += sum(os.path.getsize(os.path.join(d, f)) for f in files if f.endswith(".md"))
    print("%s: %d pages, %d sections, %.1f MB of markdown (%.0f bytes a page)"
          % (flavour, n_pages, n_sections, total / 1e6, total / (n_pages + n_sections + 1)))


if __name__ == "__main__":
    main()
