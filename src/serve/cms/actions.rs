//! Each action of the local backend protocol: listing and reading pages,
//! saving a page (with its pictures), listing, reading and uploading
//! pictures, and deleting. Every path is checked before anything is
//! written, and each file is written to a hidden file beside it and then
//! renamed over it, so a failed save leaves the file as it was.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::paths::{folder, resolve};
use super::{MAX_ENTRY, MAX_MEDIA, base64, refuse};
use crate::serve::http::Reply;

/// At most this many files are listed from one folder.
const MAX_LISTED: usize = 5000;
/// At most this many bytes of pictures are sent in one listing.
const MAX_LISTED_BYTES: usize = 64 * 1024 * 1024;

type Answer = Result<Value, Reply>;

pub fn run(action: &str, params: &Value, root: &Path) -> Answer {
    match action {
        "info" => Ok(json!({
            "repo": root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            "publish_modes": ["simple"],
            "type": "local_fs",
        })),
        "entriesByFolder" => entries_by_folder(params, root),
        "entriesByFiles" => {
            let files = params["files"].as_array().ok_or_else(|| bad("files"))?;
            files
                .iter()
                .take(MAX_LISTED)
                .map(|f| entry(root, text(&f["path"], "path")?))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        "getEntry" => entry(root, text(&params["path"], "path")?),
        "persistEntry" => persist_entry(params, root),
        "getMedia" => get_media(params, root),
        "getMediaFile" => media_file(root, text(&params["path"], "path")?),
        "persistMedia" => {
            let asset = &params["asset"];
            let path = text(&asset["path"], "asset.path")?;
            let file = resolve(root, path)?;
            let bytes = decode(asset)?;
            write(&file, &bytes)?;
            media_file(root, path)
        }
        "deleteFile" => delete(root, &[text(&params["path"], "path")?]),
        "deleteFiles" => {
            let paths = params["paths"].as_array().ok_or_else(|| bad("paths"))?;
            let paths: Vec<&str> = paths
                .iter()
                .map(|p| text(p, "paths"))
                .collect::<Result<_, _>>()?;
            delete(root, &paths)
        }
        "getDeployPreview" => Ok(Value::Null),
        other => Err(refuse(
            422,
            &format!(
                "The preview's editor does not do `{}` (only simple publishing is supported, not the editorial workflow).",
                other.chars().take(60).collect::<String>()
            ),
        )),
    }
}

fn bad(what: &str) -> Reply {
    refuse(
        400,
        &format!("The editor's request has no usable `{what}`."),
    )
}

fn text<'a>(v: &'a Value, what: &str) -> Result<&'a str, Reply> {
    v.as_str().ok_or_else(|| bad(what))
}

/// A short stand-in for the file's contents, so the CMS can tell versions
/// apart (it is not a security check).
fn id(bytes: &[u8]) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    format!("{:016x}{:08x}", h.finish(), bytes.len())
}

/// A page: its text, or `null` when there is none.
fn entry(root: &Path, rel: &str) -> Answer {
    let file = resolve(root, rel)?;
    Ok(match std::fs::read(&file) {
        Ok(bytes) if file.is_file() => json!({
            "data": String::from_utf8_lossy(&bytes),
            "file": { "path": rel, "id": id(&bytes) },
        }),
        _ => json!({ "data": null, "file": { "path": rel, "id": null } }),
    })
}

/// The files in `dir` (and below, `depth` levels in all) ending with
/// `extension`, as `/`-separated paths from the site; hidden files and
/// shortcuts are left out, as the build leaves them out.
fn list(rel: &str, dir: &Path, extension: &str, depth: u64, out: &mut Vec<String>) {
    if depth == 0 || out.len() >= MAX_LISTED {
        return;
    }
    let Ok(read) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = read.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let Ok(kind) = e.file_type() else { continue };
        if name.starts_with('.') || kind.is_symlink() {
            continue;
        }
        let path = format!("{rel}/{name}");
        if kind.is_dir() {
            list(&path, &e.path(), extension, depth - 1, out);
        } else if kind.is_file() && name.ends_with(extension) && out.len() < MAX_LISTED {
            out.push(path);
        }
    }
}

fn entries_by_folder(params: &Value, root: &Path) -> Answer {
    let rel = text(&params["folder"], "folder")?.trim_end_matches('/');
    let dir = folder(root, rel)?;
    let extension = params["extension"].as_str().unwrap_or("md");
    let depth = params["depth"].as_u64().unwrap_or(1).min(20);
    let mut files = Vec::new();
    list(rel, &dir, extension, depth, &mut files);
    // A section's own page is edited under Pages, with its own fields.
    files.retain(|f| !f.ends_with("/_index.md"));
    files
        .iter()
        .map(|f| entry(root, f))
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

fn media_file(root: &Path, rel: &str) -> Answer {
    let file = resolve(root, rel)?;
    let bytes =
        std::fs::read(&file).map_err(|_| refuse(404, &format!("There is no file `{rel}`.")))?;
    let name = rel.rsplit('/').next().unwrap_or(rel);
    Ok(json!({
        "id": id(&bytes),
        "content": base64::encode(&bytes),
        "encoding": "base64",
        "path": rel,
        "name": name,
    }))
}

fn get_media(params: &Value, root: &Path) -> Answer {
    let rel = text(&params["mediaFolder"], "mediaFolder")?.trim_matches('/');
    let dir = folder(root, rel)?;
    let mut files = Vec::new();
    list(rel, &dir, "", 1, &mut files);
    let mut total = 0usize;
    let mut out = Vec::new();
    for f in files {
        let size = std::fs::metadata(root.join(&f)).map_or(0, |m| m.len() as usize);
        if size > MAX_MEDIA || total + size > MAX_LISTED_BYTES {
            continue;
        }
        total += size;
        if let Ok(v) = media_file(root, &f) {
            out.push(v);
        }
    }
    Ok(Value::Array(out))
}

fn decode(asset: &Value) -> Result<Vec<u8>, Reply> {
    if asset["encoding"].as_str() != Some("base64") {
        return Err(bad("asset.encoding"));
    }
    let content = text(&asset["content"], "asset.content")?;
    base64::decode(content, MAX_MEDIA).ok_or_else(|| {
        refuse(
            413,
            "The file is larger than 10 MB, or could not be read. Make it smaller (a photo for a web page needs no more than 2,000 pixels across) and upload it again.",
        )
    })
}

/// One page the CMS asks to save.
struct DataFile {
    rel: String,
    file: PathBuf,
    raw: String,
    moved_to: Option<(String, PathBuf)>,
}

fn persist_entry(params: &Value, root: &Path) -> Answer {
    let listed: Vec<&Value> = match (&params["dataFiles"], &params["entry"]) {
        (Value::Array(files), _) => files.iter().collect(),
        (_, e @ Value::Object(_)) => vec![e],
        _ => return Err(bad("entry")),
    };
    // Every path and size is checked before anything is written.
    let mut pages = Vec::new();
    for d in listed {
        let rel = text(&d["path"], "entry.path")?;
        let file = resolve(root, rel)?;
        if !rel.starts_with("content/") || !rel.ends_with(".md") {
            return Err(refuse(
                403,
                &format!(
                    "The editor saves pages only as `.md` files inside content/, and `{rel}` is not one."
                ),
            ));
        }
        let raw = text(&d["raw"], "entry.raw")?;
        if raw.len() > MAX_ENTRY {
            return Err(refuse(
                413,
                "The page is larger than 1 MB: split it into several pages.",
            ));
        }
        let moved_to = match d["newPath"].as_str() {
            Some(new) if new != rel => {
                let to = resolve(root, new)?;
                if !new.starts_with("content/") || !new.ends_with(".md") {
                    return Err(refuse(
                        403,
                        &format!("`{new}` is not a `.md` file inside content/."),
                    ));
                }
                if to.exists() {
                    return Err(refuse(
                        409,
                        &format!("There is already a page `{new}`: choose another title."),
                    ));
                }
                Some((new.to_string(), to))
            }
            _ => None,
        };
        pages.push(DataFile {
            rel: rel.to_string(),
            file,
            raw: raw.to_string(),
            moved_to,
        });
    }
    let mut assets = Vec::new();
    for a in params["assets"].as_array().into_iter().flatten() {
        let rel = text(&a["path"], "asset.path")?;
        assets.push((resolve(root, rel)?, decode(a)?));
    }
    for (file, bytes) in &assets {
        write(file, bytes)?;
    }
    for p in &pages {
        // What a person wrote is kept where the CMS would lose it.
        let text = match std::fs::read_to_string(&p.file) {
            Ok(old) => crate::cms::merge::merge(&old, &p.raw),
            Err(_) => p.raw.clone(),
        };
        write(&p.file, text.as_bytes())?;
        if let Some((new, to)) = &p.moved_to {
            if let Some(dir) = to.parent() {
                std::fs::create_dir_all(dir).map_err(|e| failed(new, &e))?;
            }
            std::fs::rename(&p.file, to).map_err(|e| failed(new, &e))?;
        }
    }
    let saved: Vec<&str> = pages.iter().map(|p| p.rel.as_str()).collect();
    Ok(json!({ "message": format!("saved {}", saved.join(", ")) }))
}

fn failed(rel: &str, e: &std::io::Error) -> Reply {
    refuse(
        500,
        &format!(
            "`{rel}` could not be saved ({e}). Nothing was changed: check the file is not open elsewhere or read-only, and save again."
        ),
    )
}

/// Writes the whole file or nothing: into a hidden file beside it (which
/// the watcher and the build skip), then renamed over it.
fn write(file: &Path, bytes: &[u8]) -> Result<(), Reply> {
    let rel = file.to_string_lossy().into_owned();
    let shown = rel.rsplit('/').next().unwrap_or(&rel).to_string();
    let dir = file.parent().ok_or_else(|| bad("path"))?;
    if file.is_dir() {
        return Err(refuse(
            409,
            &format!("`{shown}` is a folder, so the editor cannot save a file there."),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| failed(&shown, &e))?;
    let temp = dir.join(format!(".{shown}.signpost-saving"));
    let result = std::fs::write(&temp, bytes).and_then(|_| std::fs::rename(&temp, file));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(failed(&shown, &e));
    }
    Ok(())
}

fn delete(root: &Path, paths: &[&str]) -> Answer {
    let files: Vec<PathBuf> = paths
        .iter()
        .map(|p| resolve(root, p))
        .collect::<Result<_, _>>()?;
    for (file, rel) in files.iter().zip(paths) {
        if file.is_file() {
            std::fs::remove_file(file).map_err(|e| failed(rel, &e))?;
        }
    }
    Ok(json!({ "message": format!("deleted {}", paths.join(", ")) }))
}
