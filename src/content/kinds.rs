//! The content kinds and their front-matter fields.
//!
//! The field tables are the single description of each kind: validation,
//! the template context and (later) scaffolding all read them. The typed
//! structs are what the rest of the generator uses once a page is valid.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// What a page is about; decides its fields and its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Page,
    Service,
    TeamMember,
    Course,
    Vacancy,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Page,
        Kind::Service,
        Kind::TeamMember,
        Kind::Course,
        Kind::Vacancy,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Page => "page",
            Kind::Service => "service",
            Kind::TeamMember => "team_member",
            Kind::Course => "course",
            Kind::Vacancy => "vacancy",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The fields special to this kind (the common ones are in [`COMMON`]).
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Page => PAGE,
            Kind::Service => SERVICE,
            Kind::TeamMember => TEAM_MEMBER,
            Kind::Course => COURSE,
            Kind::Vacancy => VACANCY,
        }
    }
}

/// The type of a front-matter field, as a content editor would think of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ty {
    /// One line of plain text.
    Text,
    /// Text that may use markdown (links, bold); rendered to HTML.
    Markdown,
    /// A list of plain text items.
    List,
    /// `YYYY-MM-DD`.
    Date,
    /// A whole number.
    Int,
    Bool,
    /// One of the kind names.
    KindName,
    /// A file beside the markdown file.
    File,
    /// A web address (`https://…`, `/path`, `mailto:`).
    Url,
    /// A list of `{start, end, note}` course dates.
    CourseDates,
    /// A list of `{check, reason}`: checks silenced on this page.
    Silenced,
    /// A number, whole or with a decimal point.
    Number,
    /// One of [`EmploymentType`]'s names.
    EmploymentType,
}

/// How a job is offered, as job search engines understand it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EmploymentType {
    FullTime,
    PartTime,
    Contract,
    Temporary,
    Bank,
    Volunteer,
    Apprenticeship,
}

impl EmploymentType {
    pub const NAMES: [&'static str; 7] = [
        "full_time",
        "part_time",
        "contract",
        "temporary",
        "bank",
        "volunteer",
        "apprenticeship",
    ];

    /// schema.org's name for it.
    pub fn schema_name(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "FULL_TIME",
            EmploymentType::PartTime => "PART_TIME",
            EmploymentType::Contract => "CONTRACTOR",
            EmploymentType::Temporary => "TEMPORARY",
            EmploymentType::Bank => "PER_DIEM",
            EmploymentType::Volunteer => "VOLUNTEER",
            EmploymentType::Apprenticeship => "INTERN",
        }
    }
}

impl Ty {
    pub fn describe(self) -> &'static str {
        match self {
            Ty::Text => "text",
            Ty::Markdown => "text (markdown allowed)",
            Ty::List => "a list (lines starting with `- `)",
            Ty::Date => "a date written YYYY-MM-DD",
            Ty::Int => "a whole number",
            Ty::Bool => "`true` or `false`",
            Ty::KindName => "one of page, service, team_member, course, vacancy",
            Ty::File => "a file name",
            Ty::Url => "a web address",
            Ty::CourseDates => {
                "a list of dates, each with `start:` and optionally `end:` and `note:`"
            }
            Ty::Silenced => {
                "a list of checks to silence, each with `check:` (its code) and `reason:`"
            }
            Ty::Number => "a number, such as 6 or 7.5",
            Ty::EmploymentType => {
                "one of full_time, part_time, contract, temporary, bank, volunteer, apprenticeship"
            }
        }
    }
}

/// One front-matter field.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    /// What to write, in plain English.
    pub help: &'static str,
}

const fn req(name: &'static str, ty: Ty, help: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        help,
    }
}

const fn opt(name: &'static str, ty: Ty, help: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        help,
    }
}

/// Fields every kind may have.
pub const COMMON: &[Field] = &[
    opt(
        "kind",
        Ty::KindName,
        "the kind of page, if not the one its section gives",
    ),
    opt(
        "weight",
        Ty::Int,
        "order in listings: lower numbers come first",
    ),
    opt(
        "draft",
        Ty::Bool,
        "`true` leaves the page out of the built site",
    ),
    opt(
        "last_reviewed",
        Ty::Date,
        "the date the page was last checked",
    ),
    opt(
        "next_review_due",
        Ty::Date,
        "the date the page should next be checked",
    ),
    opt(
        "publish_date",
        Ty::Date,
        "the page is held back until this date",
    ),
    opt(
        "aliases",
        Ty::List,
        "old addresses of this page, such as /old-page/, that should lead here",
    ),
    opt(
        "decorative_images",
        Ty::List,
        "images on this page that are only decoration, so need no alt text",
    ),
    opt(
        "silence_checks",
        Ty::Silenced,
        "checks not to report on this page, each with a reason",
    ),
];

const TITLE: Field = req("title", Ty::Text, "the page's heading");
const SUMMARY: Field = req("summary", Ty::Text, "one or two sentences about the page");

pub const PAGE: &[Field] = &[TITLE, SUMMARY];

/// A section's `_index.md`; `eligibility_criteria` only where it holds vacancies.
pub const SECTION: &[Field] = &[TITLE, SUMMARY];
pub const SECTION_OF_VACANCIES: &[Field] = &[
    TITLE,
    SUMMARY,
    opt(
        "eligibility_criteria",
        Ty::List,
        "criteria every applicant must meet",
    ),
];

pub const SERVICE: &[Field] = &[
    TITLE,
    SUMMARY,
    req("localities", Ty::List, "the places the service covers"),
    req("who_it_is_for", Ty::Markdown, "who can use the service"),
    req(
        "how_to_be_referred",
        Ty::Markdown,
        "how someone gets referred",
    ),
    req("contact", Ty::Markdown, "how to contact the service"),
    opt(
        "team_members",
        Ty::List,
        "team members who work in it, by file name without .md",
    ),
];

pub const TEAM_MEMBER: &[Field] = &[
    req("name", Ty::Text, "the person's name"),
    req("role", Ty::Text, "their job title"),
    opt(
        "photo",
        Ty::File,
        "a photo file beside this page, e.g. `tony.jpg`",
    ),
    opt(
        "photo_alt",
        Ty::Text,
        "a description of the photo for people who cannot see it",
    ),
    opt("bio", Ty::Text, "a sentence or two about them"),
];

pub const COURSE: &[Field] = &[
    TITLE,
    SUMMARY,
    req(
        "format",
        Ty::Text,
        "how the course is delivered, e.g. Online",
    ),
    req(
        "duration",
        Ty::Text,
        "how long it takes, e.g. Six hours over two days",
    ),
    req("audience", Ty::Markdown, "who the course is for"),
    req(
        "learning_outcomes",
        Ty::List,
        "what people will be able to do by the end",
    ),
    req("topics", Ty::List, "what the course covers"),
    req(
        "how_to_book",
        Ty::Markdown,
        "how to find dates and book a place",
    ),
    opt("dates", Ty::CourseDates, "course dates"),
    opt(
        "total_hours",
        Ty::Number,
        "how many hours the course takes in all, for search engines",
    ),
    opt("is_free", Ty::Bool, "`true` when the course costs nothing"),
];

pub const VACANCY: &[Field] = &[
    TITLE,
    SUMMARY,
    req("closing_date", Ty::Date, "the last day to apply"),
    req("location", Ty::Text, "where the job is based"),
    req("pay", Ty::Text, "pay band or salary, e.g. Band 3"),
    req("hours", Ty::Text, "e.g. 37.5 hours a week"),
    req(
        "eligibility_criteria",
        Ty::List,
        "what applicants need for this job",
    ),
    req("how_to_apply", Ty::Markdown, "how to apply"),
    opt("apply_url", Ty::Url, "a link to the application form"),
    opt(
        "posted",
        Ty::Date,
        "the date the vacancy was advertised, for job search engines",
    ),
    opt(
        "employment_type",
        Ty::EmploymentType,
        "the kind of contract, for job search engines",
    ),
    opt(
        "salary_min",
        Ty::Number,
        "the lowest yearly salary in pounds, for job search engines",
    ),
    opt(
        "salary_max",
        Ty::Number,
        "the highest yearly salary in pounds, for job search engines",
    ),
    opt(
        "course",
        Ty::Text,
        "the course applicants should take, by file name without .md",
    ),
];

/// Fields of every kind, common ones included.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Common {
    pub kind: Option<Kind>,
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    pub last_reviewed: Option<Date>,
    pub next_review_due: Option<Date>,
    pub publish_date: Option<Date>,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub decorative_images: Vec<String>,
    #[serde(default)]
    pub silence_checks: Vec<Silenced>,
}

/// One check silenced on a page, with the editor's reason.
#[derive(Debug, Clone, Deserialize)]
pub struct Silenced {
    pub check: String,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PageMeta {
    pub title: String,
    pub summary: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct SectionMeta {
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub eligibility_criteria: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ServiceMeta {
    pub title: String,
    pub summary: String,
    pub localities: Vec<String>,
    pub who_it_is_for: String,
    pub how_to_be_referred: String,
    pub contact: String,
    #[serde(default)]
    pub team_members: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TeamMemberMeta {
    pub name: String,
    pub role: String,
    pub photo: Option<String>,
    pub photo_alt: Option<String>,
    pub bio: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CourseDate {
    pub start: Date,
    pub end: Option<Date>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CourseMeta {
    pub title: String,
    pub summary: String,
    pub format: String,
    pub duration: String,
    pub audience: String,
    pub learning_outcomes: Vec<String>,
    pub topics: Vec<String>,
    pub how_to_book: String,
    #[serde(default)]
    pub dates: Vec<CourseDate>,
    pub total_hours: Option<f64>,
    pub is_free: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct VacancyMeta {
    pub title: String,
    pub summary: String,
    pub closing_date: Date,
    pub location: String,
    pub pay: String,
    pub hours: String,
    pub eligibility_criteria: Vec<String>,
    pub how_to_apply: String,
    pub apply_url: Option<String>,
    pub posted: Option<Date>,
    pub employment_type: Option<EmploymentType>,
    pub salary_min: Option<f64>,
    pub salary_max: Option<f64>,
    pub course: Option<String>,
}

/// The typed front matter of one page.
#[derive(Debug, Clone)]
pub enum Meta {
    Page(PageMeta),
    Section(SectionMeta),
    Service(ServiceMeta),
    TeamMember(TeamMemberMeta),
    Course(CourseMeta),
    Vacancy(VacancyMeta),
}

impl Meta {
    /// Builds the typed front matter from a mapping already checked against
    /// the field tables.
    pub fn from_mapping(
        kind: Kind,
        is_section: bool,
        map: serde_yaml::Mapping,
    ) -> Result<Meta, serde_yaml::Error> {
        let v = serde_yaml::Value::Mapping(map);
        Ok(match (is_section, kind) {
            (true, _) => Meta::Section(serde_yaml::from_value(v)?),
            (false, Kind::Page) => Meta::Page(serde_yaml::from_value(v)?),
            (false, Kind::Service) => Meta::Service(serde_yaml::from_value(v)?),
            (false, Kind::TeamMember) => Meta::TeamMember(serde_yaml::from_value(v)?),
            (false, Kind::Course) => Meta::Course(serde_yaml::from_value(v)?),
            (false, Kind::Vacancy) => Meta::Vacancy(serde_yaml::from_value(v)?),
        })
    }

    /// The page's title (a team member's name).
    pub fn title(&self) -> &str {
        match self {
            Meta::Page(m) => &m.title,
            Meta::Section(m) => &m.title,
            Meta::Service(m) => &m.title,
            Meta::TeamMember(m) => &m.name,
            Meta::Course(m) => &m.title,
            Meta::Vacancy(m) => &m.title,
        }
    }

    pub fn summary(&self) -> &str {
        match self {
            Meta::Page(m) => &m.summary,
            Meta::Section(m) => &m.summary,
            Meta::Service(m) => &m.summary,
            Meta::TeamMember(m) => m.bio.as_deref().unwrap_or(&m.role),
            Meta::Course(m) => &m.summary,
            Meta::Vacancy(m) => &m.summary,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value of the right shape for each field type.
    fn sample(ty: Ty) -> serde_yaml::Value {
        let text = |s: &str| serde_yaml::Value::String(s.into());
        match ty {
            Ty::Text | Ty::Markdown | Ty::File | Ty::Url => text("x"),
            Ty::List => serde_yaml::Value::Sequence(vec![text("a")]),
            Ty::Date => text("2026-01-02"),
            Ty::Int => serde_yaml::Value::Number(1.into()),
            Ty::Bool => serde_yaml::Value::Bool(true),
            Ty::KindName => text("page"),
            Ty::CourseDates => serde_yaml::from_str("[{start: 2026-01-02}]").expect("yaml"),
            Ty::Silenced => {
                serde_yaml::from_str("[{check: a11y/link-text, reason: quoted}]").expect("yaml")
            }
            Ty::Number => serde_yaml::Value::Number(7.5.into()),
            Ty::EmploymentType => text("part_time"),
        }
    }

    /// Guards against the tables and the structs drifting apart: a mapping
    /// with every field of a kind must deserialize into its struct, and the
    /// struct must read each field.
    #[test]
    fn every_field_table_matches_its_typed_struct() {
        for kind in Kind::ALL {
            for section in [false, true] {
                let fields = if section {
                    SECTION_OF_VACANCIES
                } else {
                    kind.fields()
                };
                let mut map = serde_yaml::Mapping::new();
                for f in fields.iter().chain(COMMON) {
                    map.insert(f.name.into(), sample(f.ty));
                }
                let meta = Meta::from_mapping(kind, section, map)
                    .unwrap_or_else(|e| panic!("{kind:?} section={section}: {e}"));
                assert_eq!(meta.title(), "x");
            }
        }
    }

    #[test]
    fn kind_names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_name(k.name()), Some(k));
        }
    }
}
